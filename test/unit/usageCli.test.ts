/** `llm-cost-lens usage`, run through the built dist/cli.js as a user runs it. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const fixture = (name: string) => path.join(root, 'test/fixtures/usage', name);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI: usage', () => {
  it('--json gives exactly the documented shape, null where the export has no figure', () => {
    const r = run('usage', fixture('openai-completions-page1.json'), fixture('openai-completions-page2.json'), '--json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['period', 'models']);
    assert.deepEqual(json.period, { start: '2026-11-01T12:00:00Z', end: '2026-11-06T00:00:00Z', days: 4.5 });
    assert.deepEqual(json.models[0], {
      model: 'gpt-4o-mini',
      group: null,
      inputTokens: 1_000_000,
      outputTokens: 230_000,
      cachedInputTokens: 100_000,
      cacheWriteTokens: null,
      reasoningTokens: null,
      requests: 450,
      monthlyTokens: 8_200_000,
      inputShare: 1_000_000 / 1_230_000,
      cachedInputShare: 0.1,
      requestShape: { inputTokens: 2222, outputTokens: 511 },
      peakToAverage: null,
    });
    assert.equal(r.stderr, '');
  });

  it('says on stderr what it skipped, and prints spend beside the list-price estimate', () => {
    const r = run('usage', fixture('litellm-spend-logs.csv'));
    assert.equal(r.code, 0);
    assert.match(r.stderr, /skipped 1 LiteLLM cache hits \(answered from the gateway's cache, no provider call\), the first at row 2/);
    assert.match(r.stderr, /skipped 1 failed requests \(status "failure"\), the first at row 4/);
    assert.match(r.stdout, /^claude-sonnet-4-5 \[claude-sonnet\] as anthropic\/claude-sonnet-4-5-20250929$/m);
    assert.match(r.stdout, /spend \$0\.0126 · at list prices \$0\.0189 · ratio 0\.67/);
  });

  it('a truncated file: exit 1 with a partial summary; a missing file: exit 2; a wrong format: exit 1 and why', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-usage-'));
    const cut = path.join(dir, 'cut.json');
    writeFileSync(cut, '[{"request_id": "a", "startTime": "2026-11-16T09:00:00Z", "model": "gpt-4o", "prompt_tokens": 100, "completion_tokens": 10}, {"request_id": "b", "startT');
    const partial = run('usage', cut, '--json');
    assert.equal(partial.code, 1);
    assert.equal(JSON.parse(partial.stdout).models[0].inputTokens, 100);
    assert.match(partial.stderr, /cut\.json: ends inside a JSON value \(truncated\?\)/);
    const missing = run('usage', path.join(dir, 'none.json'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*none\.json: no such file/);
    const wrong = path.join(dir, 'llm.config.json');
    writeFileSync(wrong, '{"workloads": []}');
    const w = run('usage', wrong);
    assert.equal(w.code, 1);
    assert.match(w.stderr, /llm\.config\.json: is not a usage export this reads/);
  });

  it('a 200 MB spend log is streamed: summarized under a 64 MB heap, every row counted', function () {
    this.timeout(300_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-usage-big-'));
    const file = path.join(dir, 'spend-logs.json');
    // LiteLLM /spend/logs rows, as the fixture writes them: 1,200 prompt and 300 completion tokens each.
    const row = (i: number) =>
      JSON.stringify({ request_id: `req-${i}`, call_type: 'acompletion', spend: 0.00036, total_tokens: 1500, prompt_tokens: 1200, completion_tokens: 300,
        startTime: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00.000000Z`, endTime: '2026-11-01T00:00:01.000000Z',
        model: 'openai/gpt-4o-mini', model_group: 'gpt-4o-mini', custom_llm_provider: 'openai', cache_hit: 'False', status: 'success', metadata: { padding: 'x'.repeat(300) } });
    const fd = openSync(file, 'w');
    let bytes = 0;
    let rows = 0;
    try {
      writeSync(fd, '[');
      while (bytes < 200 * 1024 * 1024) {
        const chunk: string[] = [];
        for (let k = 0; k < 2000; k++) chunk.push(row(rows++));
        const text = (rows > 2000 ? ',' : '') + chunk.join(',');
        bytes += Buffer.byteLength(text);
        writeSync(fd, text);
      }
      writeSync(fd, ']');
    } finally {
      closeSync(fd);
    }
    try {
      // A heap far smaller than the file: reading it whole would run out of memory.
      const r = spawnSync(process.execPath, ['--max-old-space-size=64', cli, 'usage', file, '--json'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      assert.equal(r.status, 0, r.stderr);
      const model = JSON.parse(r.stdout).models[0];
      assert.equal(model.requests, rows);
      assert.equal(model.inputTokens, rows * 1200);
      assert.equal(model.outputTokens, rows * 300);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help lists the formats', () => {
    const r = run('usage', '--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /OpenTelemetry GenAI spans as OTLP\/JSON/);
    assert.equal(run('usage').code, 2);
  });
});

describe('CLI: analyze --usage', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'usage-analyze-'));
  const config = path.join(dir, 'llm.config.json');
  writeFileSync(config, '{\n  "workloads": [\n    { "name": "chat", "model": "gpt-4o-mini", "monthlyTokens": "1M", "inputShare": 0.8 }\n  ]\n}\n');

  it('prints the drift findings at their fields and the spend beside the list-price estimate', () => {
    const r = run('analyze', config, '--usage', fixture('litellm-spend-logs.json'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /llm\.config\.json:3:64: warning usage-drift: The usage shows 37,500 tokens a month \(37\.5K\) for gpt-4o-mini; the workload plans 1M, 26\.7× the measured volume\./);
    assert.match(r.stdout, /warning usage-unlisted-model: The usage shows 2 model\(s\) no workload names: claude-sonnet-4-5 \(87K a month\), llama-3\.1-8b \(7\.5K a month\)\./);
    assert.match(r.stdout, /\n {2}chat \(gpt-4o-mini\): spend \$0\.0006 · at list prices \$0\.0006 · ratio 1\.03\n/);
    assert.match(r.stderr, /skipped 1 failed requests/);
  });

  it('--usage is repeatable, and --json and --sarif carry the same findings', () => {
    const json = JSON.parse(run('analyze', config, '--usage', fixture('litellm-spend-logs.json'), '--usage', fixture('plain-usage.csv'), '--json').stdout);
    assert.deepEqual(json.findings.map((f: { code: string }) => f.code), ['usage-unlisted-model', 'usage-drift']);
    assert.equal(json.usage.reconciliation.length, 1);
    assert.equal(json.usage.reconciliation[0].name, 'chat');
    assert.ok(json.findings[0].message.includes('gpt-4o ('));
    const sarif = JSON.parse(run('analyze', config, '--usage', fixture('litellm-spend-logs.json'), '--sarif').stdout);
    assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId), ['usage-unlisted-model', 'usage-drift']);
  });

  it('a usage file that cannot be read is a usage error, exit 2', () => {
    const r = run('analyze', config, '--usage', path.join(dir, 'missing.json'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read .*missing\.json: no such file/);
  });
});
