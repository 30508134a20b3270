/**
 * A day of traffic through the one analysis path: a setup's `traffic` sizes its replicas hour
 * by hour, and the lens, the explanation, the CLI's text and its --json carry the same month
 * and its idle share. The figures are the pure module's worked examples (dayProfile.test.ts),
 * written as a config: 1,500 tok/s a replica at a utilization of 1 and $2 a GPU-hour.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, explanationLines, type Analysis, type Finding } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const root = path.resolve(__dirname, '../../..');
const fixture = path.join(root, 'test/fixtures/engine/day-traffic.json');
const round = (n: number | null | undefined) => (n == null ? n : Math.round(n * 1e6) / 1e6);
const catalog = () => cliCatalog().catalog;

/** The fixture's text with a workload's setup changed (the first one's unless told). */
function withSetup(change: (setup: Record<string, unknown>) => void, workload = 0): string {
  const config = JSON.parse(readFileSync(fixture, 'utf8'));
  change(config.workloads[workload].deployment.selfHosted);
  return JSON.stringify(config, null, 2);
}

const run = (text: string): Analysis => analyze(text, { catalog: catalog() });
const written = (text: string, f: Finding) => text.slice(f.offset, f.offset + f.length);
const ofCode = (a: Analysis, code: string) => a.findings.filter((f) => f.code === code);

describe('a day of traffic, analysed end to end', () => {
  const text = readFileSync(fixture, 'utf8');

  it('a diurnal profile: 1,200 GPU-hours at $2 → $2,400 a month, $480 of it idle, against $2,880 for the peak all day', () => {
    const w = run(text).workloads[0]!;
    assert.equal(w.monthlyCostUsd, 2400);
    assert.equal(round(w.idleMonthlyUsd), 480);
    assert.deepEqual(w.dayTraffic && [w.dayTraffic.gpuHoursPerMonth, round(w.dayTraffic.busyGpuHoursPerMonth), round(w.dayTraffic.idleGpuHoursPerMonth), w.dayTraffic.flatMonthlyUsd], [1200, 960, 240, 2880]);
    assert.deepEqual(w.dayTraffic!.hourlyReplicas, [...Array(8).fill(1), ...Array(16).fill(2)]);
    const lines = explanationLines(w.explanation);
    assert.ok(lines.includes('replicas by hour: 0–7: 1, 8–23: 2 (at least one, always up); 1 started a day'), lines.join('\n'));
    assert.ok(lines.includes('GPU-hours a month = 1,200: 960 busy (what the requests need) + 240 idle (replicas rounded up, the one kept up)'), lines.join('\n'));
    assert.ok(lines.includes('monthly cost = GPU-hours × GPU-hour price = 1,200 × $2 = $2,400, of which idle 240 × $2 = $480'), lines.join('\n'));
    // The month-average count would contradict the hours: it is not among the steps.
    assert.ok(!lines.some((l) => l.startsWith('replicas = ceil(V / capacity)')), lines.join('\n'));
  });

  it('hoursPerDay with scaleToZero: 485 GPU-hours (2 replicas 8 hours, 2 cold starts of 300 s) → $970, $10 idle', () => {
    const w = run(text).workloads[1]!;
    assert.deepEqual([round(w.monthlyCostUsd), round(w.idleMonthlyUsd)], [970, 10]);
    assert.equal(w.dayTraffic!.replicaStartsPerDay, 2);
    const lines = explanationLines(w.explanation);
    assert.ok(lines.includes('replicas by hour: 0–7: 2, 8–23: 0 (scaled to zero without traffic); 2 started a day, each 300 s loading before it serves'), lines.join('\n'));
    assert.ok(lines.includes('GPU-hours a month = 485: 480 busy (what the requests need) + 5 idle (replicas rounded up, cold starts)'), lines.join('\n'));
  });

  it('the lens shows the idle cost beside the cost, the API verdict beside it, within the lens widths', () => {
    const a = run(text);
    const titles = a.lenses.filter((l) => l.workload === 0).map((l) => l.title);
    assert.equal(titles[0], '$2,400/mo · self-hosted · $480 idle');
    assert.match(titles[1]!, /^API would be \$[\d,.]+\/mo, \$[\d,.]+ less$/);
    assert.equal(a.lenses.find((l) => l.workload === 1)!.title, '$970/mo · self-hosted · $10.00 idle');
    // The cheapest setup is sized by the same day: office hours scale it to zero at night.
    assert.equal(a.lenses.find((l) => l.workload === 1 && l.kind === 'cheapest')!.title, '1× rtx-4090 · fp8 · 0–1 replicas saves $900/mo');
    // The finding that sets the API against it says the idle share too.
    const [cheaper] = ofCode(a, 'api-cheaper').filter((f) => f.workload === 0);
    assert.match(cheaper!.message, / against \$2,400\/mo self-hosted \(\$480 idle\)\./);
    // The comparison with the API sets the day's month against it, as every surface does.
    assert.equal(a.workloads[0]!.costPerMillionUsd, 2400 / 5184);
    assert.equal(a.totalMonthlyCostUsd, 2400 + a.workloads[1]!.monthlyCostUsd!);
  });

  it('the cheapest setup is sized by the same day: 8 hours of one RTX 4090 and a 300 s cold start a day, 242.5 GPU-hours at $0.29 = $70.33', () => {
    const w = run(text).workloads[1]!;
    const c = w.cheapestSelfHost!;
    assert.equal(c.label, '1× rtx-4090 · fp8 · 0–1 replicas · $70.33/mo');
    assert.equal(c.hourlyUsdPerGpu, 0.29);
    assert.deepEqual(c.byDay && [c.byDay.hourlyReplicas, round(c.byDay.gpuHoursPerMonth), round(c.monthlyUsd), round(c.byDay.flatMonthlyUsd)], [[...Array(8).fill(1), ...Array(16).fill(0)], 242.5, 70.325, 208.8]);
    const lines = explanationLines(c.explanation);
    // The same words as the workload's own day, from the same module.
    assert.ok(lines.includes('replicas by hour: 0–7: 1, 8–23: 0 (scaled to zero without traffic); 1 started a day, each 300 s loading before it serves'), lines.join('\n'));
    assert.ok(lines.includes('monthly cost = GPU-hours × GPU-hour price = 243 × $0.29 = $70.33, of which idle 137 × $0.29 = $39.75'), lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes('sized for a peak')), lines.join('\n'));
  });

  it('the day can change the pick: Llama 3.1 70B at 12,000M tok/mo on a working day is one MI300X by hour, not the B200 the peak all month picks', () => {
    const day = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.5, 2, 2, 2, 2, 2, 2, 1.5, 1, 0.5, 0.3, 0.2, 0.1, 0.1, 0.1];
    const config = (traffic?: object) =>
      JSON.stringify({ workloads: [{ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '12000M', deployment: { selfHosted: { gpu: 'a100-80gb', gpus: 2, ...(traffic ? { traffic } : {}) } } }] });
    const flat = run(config()).workloads[0]!.cheapestSelfHost!;
    assert.equal(flat.label, '1× b200 · fp8 · 1 replica · $3,600/mo');
    const c = run(config({ profile: day })).workloads[0]!.cheapestSelfHost!;
    assert.equal(c.label, '1× mi300x · fp8 · 1–3 replicas · $2,507/mo');
    // 1,260 GPU-hours at DigitalOcean's $1.99: the MI300X sized for its busiest hour all day would be 2,160 ($4,298.40), above the B200.
    assert.deepEqual([c.offer?.provider, c.hourlyUsdPerGpu, c.byDay!.gpuHoursPerMonth, round(c.monthlyUsd), round(c.byDay!.flatMonthlyUsd)], ['DigitalOcean', 1.99, 1260, 2507.4, 4298.4]);
    assert.deepEqual(c.byDay!.hourlyReplicas, [1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 1, 1, 1, 1, 1, 1]);
  });

  it('the day carries the P10–P90 of the throughput: Llama 3.1 8B on one L4 at 2,000M tok/mo is $422–$554 by the day, and the API\'s $440 inside it is too close to call', () => {
    const day = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.5, 2, 2, 2, 2, 2, 2, 1.5, 1, 0.5, 0.3, 0.2, 0.1, 0.1, 0.1];
    const a = run(JSON.stringify({ workloads: [{ name: 'w', model: 'llama-3.1-8b', monthlyTokens: '2000M', deployment: { selfHosted: { gpu: 'l4', traffic: { profile: day } } } }] }));
    const w = a.workloads[0]!;
    assert.deepEqual([round(w.monthlyCostUsd), w.monthlyCostBandUsd], [422.4, { low: 422.4, high: 554.4 }]);
    const lines = explanationLines(w.explanation);
    assert.ok(lines.includes('P10–P90 of the throughput, 652–1,367 tok/s: the same day sized for it costs $422–$554/mo'), lines.join('\n'));
    // The month sized for the peak has its own band step; the day's replaces it, as the day's replicas replace the month's.
    assert.equal(lines.filter((l) => l.startsWith('P10–P90')).length, 1, lines.join('\n'));
    assert.equal(a.lenses.filter((l) => l.workload === 0)[1]!.title, 'API $440/mo: too close to call');
  });

  it('the traffic field explains the day; the same GPU-hour precedence prices it (assumptions.gpuPrices)', () => {
    const a = run(text);
    const figure = a.figures.find((f) => f.workload === 0 && f.field === 'traffic')!;
    assert.ok(explanationLines(figure.explanation).some((l) => l.includes('$480')));
    const byFile = run(withSetup((s) => delete s.gpuHourlyUsd).replace('"utilization": 1', '"utilization": 1, "gpuPrices": { "a100-80gb": 2 }'));
    assert.deepEqual([byFile.workloads[0]!.monthlyCostUsd, round(byFile.workloads[0]!.idleMonthlyUsd)], [2400, 480]);
  });

  it('without a traffic the figures are as before: replicas for the month’s volume, all month, no idle share', () => {
    const a = run(withSetup((s) => delete s.traffic));
    const w = a.workloads[0]!;
    assert.equal(w.monthlyCostUsd, 2880);
    assert.equal(w.idleMonthlyUsd, undefined);
    assert.equal(w.dayTraffic, undefined);
    assert.equal(a.lenses.find((l) => l.workload === 0)!.title, '$2,880/mo · self-hosted · 2 replicas');
  });

  it('replicas written win: priced around the clock as written, the traffic giving their idle share, and said at traffic', () => {
    const fixed = withSetup((s) => (s.replicas = 2));
    const a = run(fixed);
    const w = a.workloads[0]!;
    // 2 replicas × 720 h = 1,440 GPU-hours, 960 of them busy: 480 idle at $2.
    assert.deepEqual([w.monthlyCostUsd, round(w.idleMonthlyUsd), w.dayTraffic!.replicasFixed], [2880, 960, true]);
    assert.equal(a.lenses.find((l) => l.workload === 0)!.title, '$2,880/mo · self-hosted · 2 replicas · $960 idle');
    const [said] = ofCode(a, 'traffic-with-replicas');
    assert.equal(said && written(fixed, said), '"traffic"');
    assert.equal(ofCode(a, 'over-capacity').length, 0);
    // Office hours: one replica carries the month's average, not the 3,000 tok/s of a busy hour, which needs two.
    const one = withSetup((s) => (s.replicas = 1), 1);
    const short = ofCode(run(one), 'over-capacity');
    assert.deepEqual(short.map((f) => f.message), ['The busiest hour of the traffic needs 2 replicas; the 1 set serve 50% of it.']);
    assert.equal(written(one, short[0]!), '1');
    assert.deepEqual(short[0]!.fixes?.[0]?.edits, [{ path: ['workloads', 1, 'deployment', 'selfHosted', 'replicas'], value: 2 }]);
  });

  it('a traffic the sizing cannot read is a schema error at the exact field, and the month is priced as without it', () => {
    const cases: [string, (t: Record<string, unknown>) => void, string, RegExp][] = [
      ['profile of 3', (t) => (t.profile = [1, 2, 3]), 'profile', /24 loads/],
      ['profile without load', (t) => (t.profile = Array(24).fill(0)), 'profile', /no hour has any load/],
      ['both', (t) => (t.hoursPerDay = 8), 'hoursPerDay', /profile or hoursPerDay, not both/],
      ['cold start missing', (t) => (t.scaleToZero = true), 'scaleToZero', /scaleToZero needs coldStartSeconds/],
      ['hours out of range', (t) => { delete t.profile; t.hoursPerDay = 25; }, 'hoursPerDay', /at most 24/],
    ];
    for (const [label, change, field, message] of cases) {
      const text = withSetup((s) => change(s.traffic as Record<string, unknown>));
      const a = run(text);
      const errors = ofCode(a, 'schema');
      assert.equal(errors.length, 1, `${label}: ${JSON.stringify(errors)}`);
      assert.match(errors[0]!.message, message, label);
      assert.match(errors[0]!.message, new RegExp(`traffic\\.${field}: `), label);
      const at = JSON.stringify(JSON.parse(text).workloads[0].deployment.selfHosted.traffic[field]);
      assert.equal(written(text, errors[0]!).replace(/\s+/g, ''), at, label);
      assert.equal(a.workloads[0]!.monthlyCostUsd, 2880, label);
    }
  });

  it('an alternative has no traffic: it is compared per replica, at any volume', () => {
    const config = JSON.parse(text);
    config.workloads[0].alternatives = [{ model: 'llama-3.1-8b', selfHosted: { gpu: 'h100-80gb', traffic: { hoursPerDay: 8 } } }];
    const a = run(JSON.stringify(config, null, 2));
    assert.deepEqual(ofCode(a, 'unknown-property').map((f) => f.message), ['Unknown property "traffic" in workloads[0].alternatives[0].selfHosted.']);
  });

  it('CLI analyze: the text gives the idle cost beside the cost, --json carries it with the day', function () {
    this.timeout(30_000);
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'analyze', fixture, ...args], { encoding: 'utf8' });
    const textRun = cli();
    assert.match(textRun.stdout, /^assistant: llama-3\.1-8b · 1× a100-80gb · fp16 · 1,500 tok\/s · 5\.2B tok\/mo → \$2,400\/mo \(\$0\.46\/M\) · \$480 idle$/m, textRun.stdout + textRun.stderr);
    const json = JSON.parse(cli('--json').stdout);
    const w = json.workloads[0];
    assert.deepEqual([w.monthlyCostUsd, round(w.idleMonthlyUsd), w.dayTraffic.gpuHoursPerMonth, w.dayTraffic.flatMonthlyUsd], [2400, 480, 1200, 2880]);
    assert.equal(round(w.options[0].idleMonthlyUsd), 480);
    assert.ok(w.explanation.includes('monthly cost = GPU-hours × GPU-hour price = 1,200 × $2 = $2,400, of which idle 240 × $2 = $480'));
  });
});
