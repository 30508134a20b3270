/**
 * The CLI's month and billing flags: --month on the commands that cost (the current month
 * when absent: every test here names its month), --service-tier and the cache-write flags on
 * recommend, each figure the engine's.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { monthOptions, recommendPricing } from '../../src/cli/billingFlags';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function config(workloads: unknown[], assumptions?: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-month-')), 'llm.config.json');
  writeFileSync(file, JSON.stringify({ ...(assumptions ? { assumptions } : {}), workloads }, null, 2));
  return file;
}

function usageError(r: ReturnType<typeof run>, message: RegExp) {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, message);
}

const flash = { name: 'chat', model: 'gemini-3.7-flash', monthlyTokens: '100M' };

describe('CLI: the month priced', function () {
  this.timeout(30_000);

  it('analyze --month: gemini-3.7-flash at its introductory rate in 2026-12, at the next prices in 2027-01', () => {
    const file = config([flash]);
    assert.match(run('analyze', file, '--month', '2026-12').stdout, /^chat: gemini-3\.7-flash · API · 100M tok\/mo → \$225\/mo \(\$2\.25\/M\)$/m);
    assert.match(run('analyze', file, '--month', '2027-01').stdout, /^chat: gemini-3\.7-flash · API · 100M tok\/mo → \$450\/mo \(\$4\.50\/M\)$/m);
    // --month over the file's assumptions.month.
    assert.match(run('analyze', config([flash], { month: '2026-12' }), '--month', '2027-01').stdout, /→ \$450\/mo/);
    const json = JSON.parse(run('analyze', file, '--month', '2027-01', '--json').stdout);
    assert.equal(json.workloads[0].monthlyCostUsd, 450);
    usageError(run('analyze', file, '--month', '2027-1'), /--month: "2027-1" is not a month as YYYY-MM, such as 2027-01/);
  });

  it('diff --month prices both sides for the same month', () => {
    const r = run('diff', config([flash]), config([{ ...flash, monthlyTokens: '200M' }]), '--month', '2027-01', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).total.deltaMonthlyUsd, 450);
  });

  it('recommend, compare and models --month', () => {
    const rec = run('recommend', '--volume', '100M', '--only', 'gemini-3.7-flash', '--month', '2027-01');
    assert.match(rec.stdout, /^1\. gemini-3\.7-flash \(api\) \$450\/mo/m);
    assert.match(rec.stdout, /50% input at \$1\.50 in \/ \$7\.50 out, priced for 2027-01\)$/m);
    const compare = JSON.parse(run('compare', 'gemini-3.7-flash', '--month', '2027-01', '--json').stdout).models[0];
    assert.deepEqual([compare.inputPerMillionUsd, compare.outputPerMillionUsd, compare.priceNotes[0]], [1.5, 7.5, 'priced for 2027-01']);
    const models = run('models', 'gemini-3.7-flash', '--month', '2026-12');
    assert.match(models.stdout, /^gemini\/gemini-3\.7-flash: priced for 2026-12; the prices hold until 2026-12-31; from 2027-01-01: \$1\.50\/M input, \$7\.50\/M output$/m);
  });

  it('the current month when none is given: a default the file overrides, or --month over it', () => {
    const now = new Date('2027-03-15T12:00:00Z');
    assert.deepEqual(monthOptions(undefined, now), { assumptions: { month: '2027-03' } });
    assert.deepEqual(monthOptions('2026-12', now), { month: '2026-12' });
    // Recommend without a billing flag: list prices, for the month.
    assert.deepEqual(recommendPricing({}, 0.5, now), { month: '2027-03' });
    assert.deepEqual(recommendPricing({ 'service-tier': 'flex' }, 0.5, now), { billing: { inputShare: 0.5, batch: false, serviceTier: 'flex', month: '2027-03' } });
  });
});

describe('CLI: recommend --service-tier and cache writes', function () {
  this.timeout(30_000);

  it('flex on gpt-5: 50M × $0.625 + 50M × $5; priority on a model without it: the standard rate, said', () => {
    const flex = run('recommend', '--volume', '100M', '--only', 'gpt-5', '--service-tier', 'flex', '--month', '2026-12');
    assert.match(flex.stdout, /^1\. gpt-5 \(api\) \$281\/mo/m);
    assert.match(flex.stdout, /50% input at \$0\.63 in \/ \$5 out \(openai\), flex\)$/m);
    const json = JSON.parse(run('recommend', '--volume', '100M', '--only', 'gpt-5', '--service-tier', 'flex', '--month', '2026-12', '--json').stdout);
    assert.equal(json.recommendations[0].monthlyCostUsd, 281.25);
    assert.match(run('recommend', '--volume', '100M', '--only', 'claude-sonnet-4-5', '--service-tier', 'priority', '--month', '2026-12').stdout, /, priority, no priority price: standard rate\)$/m);
  });

  it('1-hour cache writes on claude-sonnet-4-5: 40M × $3 + 10M × $6 + 50M × $15', () => {
    const r = run('recommend', '--volume', '100M', '--only', 'claude-sonnet-4-5', '--cache-write-share', '0.2', '--cache-write-ttl', '1h', '--month', '2026-12', '--json');
    assert.equal(JSON.parse(r.stdout).recommendations[0].monthlyCostUsd, 930);
  });

  it('models --json gives each entry\'s cache-write and service-tier prices', () => {
    const row = (query: string, host: string) => JSON.parse(run('models', query, '--host', host, '--json', '--month', '2026-12').stdout).models.find((m: { key: string }) => m.key === query);
    const gpt5 = row('gpt-5', 'openai');
    assert.deepEqual([gpt5.flex, gpt5.priority], [{ inputPerMillionUsd: 0.625, outputPerMillionUsd: 5, cacheReadPerMillionUsd: 0.0625 }, { inputPerMillionUsd: 2.5, outputPerMillionUsd: 20, cacheReadPerMillionUsd: 0.25 }]);
    const sonnet = row('claude-sonnet-4-5', 'anthropic');
    assert.deepEqual([sonnet.cacheWritePerMillionUsd, sonnet.cacheWrite1hPerMillionUsd, sonnet.flex], [3.75, 6, undefined]);
  });

  it('flags that cannot go together are usage errors', () => {
    usageError(run('recommend', '--batch', '--service-tier', 'flex'), /--service-tier: a batch call has no service tier/);
    usageError(run('recommend', '--service-tier', 'fast'), /--service-tier: "fast" is not one of standard, flex, priority/);
    usageError(run('recommend', '--cache-write-ttl', '1h'), /--cache-write-ttl: .* give --cache-write-share too/);
    usageError(run('recommend', '--cached-input-share', '0.9', '--cache-write-share', '0.2'), /at most 1/);
    assert.throws(() => recommendPricing({ 'cache-write-ttl': '2h', 'cache-write-share': '0.1' }, 0.5), /--cache-write-ttl: "2h" is not one of 5m, 1h/);
  });
});
