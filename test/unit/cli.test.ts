/** The built CLI (dist/cli.js), run as a user runs it: exit codes, stdout, stderr. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const example = path.join(root, 'examples/llm.config.json');
const fixture = (name: string) => path.join(root, 'test/fixtures/engine', name);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI (llm-cost-lens)', function () {
  this.timeout(30_000);
  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first');
  });

  it('analyze prints each workload and the total, exit 0 without errors', () => {
    const r = run('analyze', example);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^support-chat: gpt-4o · API · 100M tok\/mo → \$750\/mo \(\$7\.50\/M\)$/m);
    assert.match(r.stdout, /^Total: \$2,550\/mo/m);
  });

  it('analyze --json has the documented fields', () => {
    const r = run('analyze', example, '--json');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json.pricing), ['source', 'asOf']);
    assert.equal(json.totalMonthlyCostUsd, 2550);
    const [chat, batch] = json.workloads;
    assert.deepEqual(
      { name: chat.name, model: chat.model, deployment: chat.deployment, monthlyTokensM: chat.monthlyTokensM, monthlyCostUsd: chat.monthlyCostUsd, costPerMillionUsd: chat.costPerMillionUsd, selfHost: chat.selfHost },
      { name: 'support-chat', model: 'gpt-4o', deployment: 'api', monthlyTokensM: 100, monthlyCostUsd: 750, costPerMillionUsd: 7.5, selfHost: null },
    );
    const x = chat.crossovers[0];
    for (const key of ['apiModel', 'selfHostModel', 'apiPricePerMillionUsd', 'selfHostFixedMonthlyUsd', 'selfHostCapacityTokensM', 'crossoverTokensM', 'makesSense', 'breakEvenThroughputTps']) assert.ok(key in x, key);
    assert.equal(x.crossoverTokensM, 240);
    assert.equal(batch.deployment, 'self-hosted');
    for (const key of ['gpu', 'gpus', 'quantization', 'throughputTps', 'capacityTokensM', 'replicas', 'fixedMonthlyUsd', 'costPerMillionAtCapacityUsd', 'memoryNeededGB', 'memoryAvailableGB', 'fits']) assert.ok(key in batch.selfHost, key);
    const f = json.findings.find((x: { code: string }) => x.code === 'self-host-never-wins');
    assert.deepEqual(f.range, { start: { line: 14, character: 19 }, end: { line: 14, character: 34 } });
  });

  it('analyze --sarif is SARIF 2.1.0 with 1-based regions; exit 1 on error findings', () => {
    const r = run('analyze', fixture('unknown-ids.json'), '--sarif');
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'unknown-model');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 3, startColumn: 32, endLine: 3, endColumn: 41 });
  });

  it('recommend --json reproduces the seed\'s decision for Chinese', () => {
    const r = run('recommend', '--require', 'chinese_language', '--volume', '100M', '--json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.ok(Array.isArray(json.recommendations) && Array.isArray(json.excluded));
    for (const key of ['model', 'deployment', 'monthlyCostUsd', 'score', 'reasons']) assert.ok(key in json.recommendations[0], key);
    assert.equal(json.recommendations[0].model, 'qwen-2.5-72b');
  });

  it('recommend with --only and --budget, in text', () => {
    const r = run('recommend', '--require', 'best_math_code', '--volume', '100M', '--only', 'gpt-4o,deepseek-v3', '--budget', '100');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1\. deepseek-v3 \(api\) \$55\/mo/m);
    assert.match(r.stdout, /^ {2}gpt-4o: api: budget: \$750\/mo at 100M tok is over the \$100\/mo budget$/m);
    assert.match(r.stdout, /^\(19 other models not in --only\)$/m);
  });

  it('compare shows models side by side', () => {
    const r = run('compare', 'gpt-4o', 'DeepSeek V3', '--json');
    assert.equal(r.code, 0);
    const { models } = JSON.parse(r.stdout);
    assert.deepEqual(models.map((m: { id: string }) => m.id), ['gpt-4o', 'deepseek-v3']);
    assert.equal(models[0].scores.mmlu, 88.7);
    assert.match(run('compare', 'gpt-4o', 'claude-3.5-sonnet').stdout, /MMLU|mmlu/);
  });

  it('--prices overlays a LiteLLM or OpenRouter price file and reports its source', () => {
    const r = run('analyze', example, '--json', '--prices', fixture('prices-litellm.json'));
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.pricing.source, 'pricing file prices-litellm.json');
    assert.match(json.pricing.asOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(r.stderr, /2 entries without usable prices ignored/);
    const compare = JSON.parse(run('compare', 'gpt-4o', '--json', '--prices', fixture('prices-openrouter.json')).stdout);
    assert.equal(compare.models[0].inputPerMillionUsd, 3);
    const bad = run('analyze', example, '--prices', path.join(root, 'README.md'));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^llm-cost-lens: --prices .*README\.md: not JSON/);
  });

  it('usage and I/O errors: one line on stderr, exit 2, no stack trace', () => {
    for (const args of [['frobnicate'], ['analyze'], ['analyze', '/nonexistent/llm.config.json'], ['recommend', '--require', 'nope'], ['recommend', '--volume', 'lots'], ['compare', 'gpt-5o-mega'], ['analyze', example, '--bogus']]) {
      const r = run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^llm-cost-lens: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it('a hostile file is analyzed, not executed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-cli-'));
    const file = path.join(dir, 'llm.config.json');
    writeFileSync(file, '{"workloads":[{"name":"$(touch pwned)","model":"`rm -rf /`","monthlyTokens":"1M"}]}');
    const r = run('analyze', file, '--json');
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).findings[0].code, 'unknown-model');
    assert.equal(existsSync(path.join(dir, 'pwned')), false);
  });
});
