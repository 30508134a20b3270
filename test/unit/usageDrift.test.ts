/**
 * Drift between a config and the usage it plans for, on the LiteLLM spend-log fixture
 * (two days: gpt-4o-mini 37,500 tokens a month at 80% input and 1,000 in / 250 out a request;
 * claude-sonnet-4-5 87,000 at 86.2% input, 60% cached, 5,000 in / 800 out; llama-3.1-8b
 * 7,500 that no workload names). Each fix, applied, must make its finding go away.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, applyJsonChanges, importPlans, summarizeUsage, usageDrift, usageReconciliation, volumeText, type Finding, type UsageSummary } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const catalog = cliCatalog().catalog;
const root = path.resolve(__dirname, '../../..');
const usage: UsageSummary = summarizeUsage([{ name: 'litellm-spend-logs.json', chunks: [readFileSync(path.join(root, 'test/fixtures/usage/litellm-spend-logs.json'), 'utf8')] }], catalog);

const CONFIG = `{
  "workloads": [
    { "name": "chat", "model": "gpt-4o-mini", "monthlyTokens": "1M", "inputShare": 0.8, "requestShape": { "inputTokens": 1000, "outputTokens": 250 } },
    { "name": "assistant", "model": "claude-sonnet-4-5", "monthlyTokens": "80K", "inputShare": 0.5 }
  ]
}
`;

const drift = (text: string) => usageDrift(text, analyze(text, { catalog }), usage);
const at = (text: string, f: Finding) => text.slice(f.offset, f.offset + f.length);
const apply = (text: string, f: Finding) => applyJsonChanges(text, f.fixes![0]!.edits, { insertSpaces: true, tabSize: 2 });

describe('usage drift', () => {
  it('finds each field far from the usage, at the field, with the measured figure', () => {
    const findings = drift(CONFIG);
    assert.deepEqual(
      findings.map((f) => [f.code, f.workload ?? null, at(CONFIG, f)]),
      [
        ['usage-drift', 0, '"1M"'],
        ['usage-drift', 1, '0.5'],
        ['usage-drift', 1, '"assistant"'],
        ['usage-drift', 1, '"assistant"'],
        ['usage-unlisted-model', null, at(CONFIG, findings[4]!)],
      ],
    );
    assert.match(at(CONFIG, findings[4]!), /^\[/);
    assert.equal(findings[0]!.message, 'The usage shows 37,500 tokens a month (37.5K) for gpt-4o-mini; the workload plans 1M, 26.7× the measured volume.');
    assert.equal(findings[1]!.message, "The usage shows 86.2% of claude-sonnet-4-5's tokens are input; the workload assumes 50.0%.");
    assert.equal(findings[2]!.message, "The usage shows 60.0% of claude-sonnet-4-5's input tokens read from the cache; the workload assumes 0.0% (none written).");
    assert.equal(findings[3]!.message, 'The usage shows 5,000 input and 800 output tokens per request for claude-sonnet-4-5; the workload is sized for 500 and 500 (the default).');
    assert.equal(findings[4]!.message, 'The usage shows 1 model(s) no workload names: llama-3.1-8b (7.5K a month).');
    assert.deepEqual(findings.map((f) => f.fixes?.[0]?.edits), [
      [{ path: ['workloads', 0, 'monthlyTokens'], value: '37.5K' }],
      [{ path: ['workloads', 1, 'inputShare'], value: 0.862 }],
      [{ path: ['workloads', 1, 'cachedInputShare'], value: 0.6 }],
      [{ path: ['workloads', 1, 'requestShape'], value: { inputTokens: 5000, outputTokens: 800 } }],
      [{ path: ['workloads', 2], insert: true, value: { name: 'llama-3.1-8b', model: 'llama-3.1-8b', monthlyTokens: '7.5K', inputShare: 0.8, requestShape: { inputTokens: 400, outputTokens: 100 } } }],
    ]);
  });

  it('applying every fix leaves no drift', () => {
    let text = CONFIG;
    for (let guard = 0; guard < 10; guard++) {
      const next = drift(text)[0];
      if (!next) break;
      text = apply(text, next);
    }
    assert.deepEqual(drift(text), []);
    assert.deepEqual(analyze(text, { catalog }).findings.filter((f) => f.severity === 'error'), []);
    assert.match(text, /"monthlyTokens": "37.5K"/);
  });

  it('within the thresholds (×1.5, 15 points) there is nothing to say', () => {
    const near = CONFIG.replace('"1M"', '"30K"').replace('"80K"', '"120K"').replace('"inputShare": 0.5', '"inputShare": 0.72, "cachedInputShare": 0.46, "requestShape": { "inputTokens": 3400, "outputTokens": 1190 }');
    assert.deepEqual(drift(near).map((f) => f.code), ['usage-unlisted-model']);
    // 30K → 37.5K is ×1.25; 120K → 87K is ×1.38; 72% → 86.2% is 14.2 points; 3,400 → 5,000 is ×1.47.
  });

  it('several workloads of one model: the volume finding has no fix (the split is the user\'s)', () => {
    const two = CONFIG.replace('{ "name": "assistant"', '{ "name": "chat-2", "model": "gpt-4o-mini", "monthlyTokens": "1M", "inputShare": 0.8, "requestShape": { "inputTokens": 1000, "outputTokens": 250 } },\n    { "name": "assistant"');
    const volume = drift(two).filter((f) => f.workload === 0 || f.workload === 1);
    assert.equal(volume.length, 2);
    assert.ok(volume.every((f) => f.fixes === undefined && /shared by 2 workloads/.test(f.message)));
  });

  it('a config with a syntax error gets no drift; an empty usage none either', () => {
    assert.deepEqual(drift('{ "workloads": [ '), []);
    const none = summarizeUsage([{ name: 'empty.csv', chunks: [''] }], catalog);
    assert.deepEqual(usageDrift(CONFIG, analyze(CONFIG, { catalog }), none), []);
  });

  it('reconciles spend with the list-price estimate per workload', () => {
    const rows = usageReconciliation(analyze(CONFIG, { catalog }), usage);
    assert.deepEqual(rows.map((r) => [r.name, Number(r.spendUsd.toFixed(6)), Number(r.listPriceUsd!.toFixed(6)), Number(r.ratio!.toFixed(3))]), [
      ['chat', 0.0006, 0.000585, 1.026],
      ['assistant', 0.0126, 0.0189, 0.667],
    ]);
  });

  it('writes volumes as configs do', () => {
    assert.deepEqual([37_500, 7_500, 412_345_678, 1_234_567_890, 999].map(volumeText), ['37.5K', '7.5K', '412M', '1.23B', '0.999K']);
  });

  it('an import updates the workload that alone names a model, adds the unnamed ones, and leaves shared ones alone', () => {
    const plans = importPlans(CONFIG, analyze(CONFIG, { catalog }), usage);
    assert.deepEqual(plans.map((p) => [p.model, p.workload, p.shared, p.edits.map((e) => e.path.join('.'))]), [
      ['claude-sonnet-4-5', 'assistant', false, ['workloads.1.monthlyTokens', 'workloads.1.inputShare', 'workloads.1.cachedInputShare', 'workloads.1.requestShape']],
      ['gpt-4o-mini', 'chat', false, ['workloads.0.monthlyTokens', 'workloads.0.inputShare', 'workloads.0.cachedInputShare', 'workloads.0.requestShape']],
      ['llama-3.1-8b', null, false, ['workloads.2']],
    ]);
    const written = applyJsonChanges(CONFIG, plans.flatMap((p) => p.edits), { insertSpaces: true, tabSize: 2 });
    assert.deepEqual(drift(written), []);
    assert.deepEqual(JSON.parse(written).workloads[0], { name: 'chat', model: 'gpt-4o-mini', monthlyTokens: '37.5K', inputShare: 0.8, cachedInputShare: 0.1, requestShape: { inputTokens: 1000, outputTokens: 250 } });
    const shared = CONFIG.replace('"claude-sonnet-4-5"', '"gpt-4o-mini"');
    assert.deepEqual(importPlans(shared, analyze(shared, { catalog }), usage).filter((p) => p.shared).map((p) => [p.model, p.edits.length]), [['gpt-4o-mini', 0]]);
  });
});
