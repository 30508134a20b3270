/**
 * Explanations are data: an analysis holds no function, survives a structured clone (what a
 * webview message is) and a JSON round trip with the same lines, and its steps keep their
 * figures as numbers, picked by topic rather than by parsing the words.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, explanationLines, gapByDomain, recommend, stepText, type Analysis, type Explanation, type FormulaStep, type TextStep } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const root = path.join(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const configs = ['examples/llm.config.json', 'examples/open-vs-closed-2026/llm.config.json', 'test/fixtures/team/llm.config.json', 'test/fixtures/engine/seed-setups.json', 'test/fixtures/does-not-fit/llm.config.json'];

/** Every function reachable from a value, by its path. */
function functionsIn(value: unknown, at = '$', seen = new Set<unknown>()): string[] {
  if (typeof value === 'function') return [at];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  return Object.entries(value).flatMap(([k, v]) => functionsIn(v, `${at}.${k}`, seen));
}

/** Every explanation of an analysis as lines, in a fixed order. */
function allLines(a: Analysis): string[][] {
  return [...a.lenses.map((l) => explanationLines(l.explanation)), ...a.figures.map((f) => explanationLines(f.explanation)), ...a.workloads.map((w) => explanationLines(w.explanation))];
}

const formula = (steps: Explanation, topic: string) => steps.find((s): s is FormulaStep => s.topic === topic && 'figure' in s);
const text = (steps: Explanation, topic: string) => steps.find((s): s is TextStep => s.topic === topic && 'text' in s);

describe('explanations as data', () => {
  for (const file of configs) {
    it(`${file}: no function in the analysis; a structured clone and a JSON round trip explain the same`, () => {
      const a = analyze(read(file), { catalog: cliCatalog().catalog });
      assert.ok(a.lenses.length > 0 && a.workloads.length > 0);
      assert.deepEqual(functionsIn(a), []);
      const lines = allLines(a);
      assert.ok(lines.flat().length > 10, `${lines.flat().length} lines`);
      assert.deepEqual(allLines(structuredClone(a)), lines);
      assert.deepEqual(allLines(JSON.parse(JSON.stringify(a)) as Analysis), lines);
    });
  }

  it('recommend and the domain gaps are plain data too', () => {
    const cat = cliCatalog().catalog;
    const r = recommend(['data_privacy', 'best_math_code'], 100, {}, cat);
    assert.ok(r.recommendations.length > 0 && r.excluded.length > 0);
    assert.deepEqual(functionsIn(r), []);
    assert.deepEqual(structuredClone(r), r);
    assert.deepEqual(functionsIn(gapByDomain(cat)), []);
  });

  it('an API workload: the price and the monthly cost are its figures, as numbers', () => {
    const a = analyze(JSON.stringify({ workloads: [{ name: 'chat', model: 'gpt-4o', monthlyTokens: '100M' }] }));
    const w = a.workloads[0]!;
    const price = formula(w.explanation, 'price')!;
    const monthly = formula(w.explanation, 'monthly-cost')!;
    assert.equal(price.figure.value, w.apiPricePerMillionUsd);
    assert.equal(price.figure.value, 6.25);
    assert.deepEqual(price.figure.inputs, { inputShare: 0.5, price_in: 2.5, price_out: 10 });
    assert.equal(monthly.figure.value, w.monthlyCostUsd);
    assert.deepEqual(monthly.figure.inputs, { V: 100, P: 6.25 });
    assert.equal(stepText(monthly), 'monthly cost = 625 USD/month: V × P (V = 100, P = 6.25)');
    // The lens shows the workload's own steps, not a copy.
    assert.equal(a.lenses.find((l) => l.kind === 'cost')!.explanation, w.explanation);
  });

  it('a self-hosted workload: replicas, memory and GPU price keep their numbers; the volume’s hover picks steps by topic', () => {
    const config = {
      workloads: [{ name: 'batch', model: 'meta-llama/Llama-3.1-8B-Instruct', monthlyTokens: '3000M', deployment: { selfHosted: { gpu: 'l4', quantization: 'int8', throughputTps: 400, gpuHourlyUsd: 0.8 } } }],
    };
    const a = analyze(JSON.stringify(config, null, 2), { catalog: cliCatalog().catalog });
    const w = a.workloads[0]!;
    const s = w.selfHost!;
    const replicas = text(w.explanation, 'replicas')!;
    // V, the capacity per replica and the replicas needed.
    assert.deepEqual(replicas.values, [3000, s.capacityTokensM, s.replicasNeeded]);
    assert.equal(s.capacityTokensM, (400 * 3600 * 720) / 1e6);
    assert.equal(s.replicasNeeded, Math.ceil(3000 / s.capacityTokensM));
    assert.equal(stepText(replicas), `replicas = ceil(V / capacity) = ceil(3,000 / 1,037) = 3`);
    const gpuPrice = text(w.explanation, 'gpu-price')!;
    assert.deepEqual(gpuPrice.values[0], { usd: s.gpuHourlyUsd });
    // Sized by the serving model, which knows Llama 3.1 8B and the L4: one weights, one KV-cache and one memory line.
    const memory = w.explanation.filter((step) => step.topic === 'memory');
    assert.deepEqual(explanationLines(memory), [
      'weights = 6.95B params × 8.01 bits (INT8 (W8A8, SmoothQuant)) + 1.05B kept at 16-bit (embeddings, lm_head) = 9.1 GB',
      'KV cache: KV cache in 16-bit (2 bytes a value); 132 MB per sequence of 1,000 tokens × 1 concurrent = 0.1 GB',
      'memory: 9.1 GB weights + 0.1 GB KV + 3.8 GB workspace and 10% reserve = 13 GB of 1 × 24.2 GB = 24.2 GB; at most 85 such requests fit',
    ]);
    const values = (memory[2] as TextStep).values;
    assert.deepEqual([values[4], values[7]], [{ gb: s.memoryNeededGB }, { gb: s.memoryAvailableGB }]);
    assert.equal(formula(w.explanation, 'fixed')!.figure.value, s.fixedMonthlyUsd);
    const monthly = text(w.explanation, 'monthly-cost')!;
    assert.deepEqual(monthly.values, [3, { usd: s.fixedMonthlyUsd }, { usd: w.monthlyCostUsd }]);

    const volume = a.figures.find((f) => f.field === 'monthlyTokens')!;
    assert.deepEqual(
      volume.explanation.map((step) => step.topic),
      ['volume', 'replicas', 'monthly-cost'],
    );
    assert.equal(volume.explanation[1], replicas);
    assert.equal(stepText(volume.explanation[0]!), '3,000M tokens/month');
  });

  it('a step writes dollars, gigabytes and numbers as the figures elsewhere do', () => {
    const steps: Explanation = [
      { topic: 'price', text: ['a ', ', b ', ', c ', ', d ', ''], values: [{ usd: 1234.5 }, { gb: 17.25 }, 0.5625, 'text'] },
    ];
    assert.deepEqual(explanationLines(steps), ['a $1,235, b 17.3 GB, c 0.5625, d text']);
  });

  it('the total lens lists each workload’s monthly cost, and says which have none', () => {
    const a = analyze(JSON.stringify({ workloads: [{ name: 'chat', model: 'gpt-4o', monthlyTokens: '100M' }, { name: 'mystery', model: 'no-such-model-xyz', monthlyTokens: '1M' }] }));
    const total = a.lenses.find((l) => l.kind === 'total')!;
    assert.deepEqual(explanationLines(total.explanation), ['chat: $625/mo', 'mystery: no price']);
  });
});
