/**
 * The serving model's P10–P90 carried from a throughput to a self-hosted cost, and a verdict
 * that says "too close to call" when the API's cost lies inside it (issue: a range, not a point).
 */
import * as assert from 'node:assert/strict';
import { analyze, crossoverTitle, explanationLines, headlineCrossover } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const catalog = cliCatalog().catalog;
// Llama 3.1 8B on one L4 (RunPod, $0.44 a GPU-hour: $316.80 a month) at 2.6B tokens: the estimate
// needs 2 replicas, its P90 throughput 1; the API's $572 lies between. (At 2B, the volume before the
// age term made today's vLLM faster, the estimate needs one replica, below the API's $440.)
const config = {
  workloads: [
    { name: 'own', model: 'llama-3.1-8b', monthlyTokens: '2.6B', deployment: { selfHosted: { gpu: 'l4' } } },
    { name: 'fixed', model: 'llama-3.1-8b', monthlyTokens: '2.6B', deployment: { selfHosted: { gpu: 'l4', replicas: 2 } } },
  ],
};

describe('a self-hosted cost carries the serving model\'s P10–P90', () => {
  const a = analyze(JSON.stringify(config), { catalog });
  const [own, fixed] = a.workloads;

  it('from the throughput to the capacity, the replicas and the month', () => {
    const band = own!.selfHost!.band!;
    assert.equal(Math.round(own!.selfHost!.throughputTps), 984);
    assert.deepEqual([Math.round(band.throughputTps.low), Math.round(band.throughputTps.high)], [652, 1367]);
    assert.deepEqual([Math.round(band.capacityTokensM.low), Math.round(band.capacityTokensM.high)], [1690, 3544]);
    assert.deepEqual(band.replicas, { low: 1, high: 2 });
    assert.equal(own!.monthlyCostUsd, 633.6);
    assert.deepEqual(own!.monthlyCostBandUsd, { low: 316.8, high: 633.6 });
    assert.ok(explanationLines(own!.explanation).includes('P10–P90 of the throughput, 652–1,367 tok/s: capacity 1,690–3,544M tok/mo per replica, 1–2 replicas, $317–$634/mo'), explanationLines(own!.explanation).join('\n'));
  });

  it('replicas the config sets cost the same at both ends, so their cost has no band', () => {
    assert.equal(fixed!.monthlyCostUsd, 633.6);
    assert.equal(fixed!.monthlyCostBandUsd, undefined);
    assert.ok(explanationLines(fixed!.explanation).some((l) => l.endsWith('the 2 replicas the config sets cost the same either way')));
  });

  it('an API inside the band is too close to call on every surface: the lens, the sentence, the finding', () => {
    const lenses = a.lenses.filter((l) => l.workload === 0).map((l) => l.title);
    assert.deepEqual(lenses.slice(0, 2), ['$634/mo · self-hosted · 2 replicas', 'API $572/mo: too close to call']);
    assert.equal(crossoverTitle(headlineCrossover(own!)!, own!), "self-hosting would cost $317–$634/mo here (the serving model's P10–P90), the llama-3.1-8b API $572: too close to call");
    const finding = a.findings.find((f) => f.code === 'api-cheaper' && f.workload === 0)!;
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /against \$634\/mo self-hosted \(P10–P90 \$317–\$634: too close to call\)\./);
    // With its replicas fixed, the point is the cost: the API is cheaper, and warned.
    assert.equal(a.lenses.filter((l) => l.workload === 1)[1]!.title, 'API would be $572/mo, $61.60 less');
    assert.equal(a.findings.find((f) => f.code === 'api-cheaper' && f.workload === 1)!.severity, 'warning');
  });

  it('outside the band the verdict picks its side as before', () => {
    const small = analyze(JSON.stringify({ workloads: [{ ...config.workloads[0], monthlyTokens: '300M' }] }), { catalog });
    assert.equal(small.workloads[0]!.monthlyCostBandUsd, undefined, 'one replica at both ends');
    assert.equal(small.lenses.filter((l) => l.workload === 0)[1]!.title, 'API would be $66/mo, $251 less');
  });

  it('a comparison setup the search sized carries the band too: an API workload inside it is too close to call', () => {
    // gemma-3-27b at 8B tok: one MI300X replica ($1,433) serves 6.1B at the estimate, so 2 replicas, and 7.5–12.7B at
    // P10–P90 (the held-out dense runs on AMD all came out slower than measured), so 1–2. (Before the age term one B200
    // at 13.2B served 12B; today's vLLM on AMD at ×1.5 the tuned tables' kernel time makes the MI300X cheaper.)
    const api = analyze(JSON.stringify({ workloads: [{ name: 'a', model: 'gemma-3-27b', monthlyTokens: '8B' }] }), { catalog });
    const w = api.workloads[0]!;
    const c = headlineCrossover(w)!;
    assert.equal(c.selfHostLabel, '1× mi300x · bf16 · 4,719 tok/s');
    assert.deepEqual([Math.round(c.selfHostCapacityTokensM), Math.round(c.selfHostCapacityBandM!.low), Math.round(c.selfHostCapacityBandM!.high)], [6116, 7459, 12742]);
    assert.equal(crossoverTitle(c, w), "self-hosting gemma-3-27b would cost $1,433–$2,866/mo here (the serving model's P10–P90), the gemma-3-27b API $2,440: too close to call");
    assert.equal(api.lenses.filter((l) => l.workload === 0)[1]!.title, 'self-hosting gemma-3-27b: $1,433–$2,866, too close');
  });

  it('a crossover inside one replica\'s P10–P90 capacity is too close to call, not "never wins": the lens, the sentence, the step, the finding', () => {
    // Llama 3.1 70B on 2× L4 in int4-awq against GPT-4o at $6.25/M: V* = $1,440.60 / $6.25 = 230.5M tok/mo,
    // a replica serves 214M at the estimate (short of it) and 142–298M at P10–P90.
    const config = { workloads: [{ name: 'w', model: 'gpt-4o', monthlyTokens: '10M', deployment: 'api', alternatives: [{ model: 'llama-3.1-70b', selfHosted: { gpu: 'l4', gpus: 2, quantization: 'int4-awq' } }] }] };
    const a = analyze(JSON.stringify(config), { catalog });
    const w = a.workloads[0]!;
    const c = headlineCrossover(w)!;
    assert.deepEqual([c.selfHostFixedMonthlyUsd, Math.round(c.crossoverTokensM * 10) / 10, Math.round(c.selfHostCapacityTokensM), Math.round(c.selfHostCapacityBandM!.low), Math.round(c.selfHostCapacityBandM!.high), c.makesSense], [1440.5976, 230.5, 214, 142, 298, false]);
    assert.equal(a.lenses.filter((l) => l.workload === 0)[1]!.title, 'self-hosting llama-3.1-70b may win from 230M tok/mo');
    assert.equal(crossoverTitle(c, w), 'self-hosting llama-3.1-70b wins from 230M tok/mo if a replica serves that much; its P10–P90 capacity is 142M–298M tok/mo: too close to call');
    const lines = explanationLines(a.lenses.find((l) => l.kind === 'crossover')!.explanation);
    assert.ok(lines.includes('P10–P90 of one replica\'s capacity: 142–298M tok/mo, on both sides of the crossover: whether self-hosting ever wins here is too close to call'), lines.join('\n'));
    const finding = a.findings.find((f) => f.code === 'self-host-never-wins')!;
    assert.equal(finding.severity, 'information');
    assert.equal(finding.message, 'Self-hosting llama-3.1-70b wins from 230M tok/mo against $6.25/M through the API if a replica serves that much: the estimate, 214M tok/mo, falls short, but its P10–P90 is 142M–298M tok/mo. Too close to call; it breaks even at ≥ 88.93 tok/s per replica.');
    // A throughput the file writes has no band: the verdict is the point's, and warned.
    const written = JSON.parse(JSON.stringify(config));
    written.workloads[0].alternatives[0].selfHosted.throughputTps = 82;
    const fixed = analyze(JSON.stringify(written), { catalog });
    assert.equal(fixed.lenses.filter((l) => l.workload === 0)[1]!.title, 'self-hosting llama-3.1-70b never wins at 82 tok/s');
    assert.equal(fixed.findings.find((f) => f.code === 'self-host-never-wins')!.severity, 'warning');
  });
});
