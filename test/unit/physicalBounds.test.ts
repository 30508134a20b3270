/**
 * Model sizes and the figures derived from them stay in physical ranges: the schema states the
 * range of a declared size, and no figure the analysis shows is infinite, zero where there is
 * traffic, or beyond what the GPUs could compute.
 */
import * as assert from 'node:assert/strict';
import { analyze, crossover, explanationLines, replicasNeeded, type Analysis } from '../../src/engine';
import { LIMITS } from '../../src/engine/config/schema';
import { UNFORMATTED } from './fuzz.test';
import { toJsonSchema, walkProperties } from '../../src/engine/config/jsonSchema';

const covered = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const declared = (model: object, setup: object = { gpu: 'a100-80gb' }, extra: object = {}) =>
  JSON.stringify({ models: [{ id: 'tiny', ...model }], workloads: [{ name: 'w', model: 'tiny', monthlyTokens: '240M', deployment: { selfHosted: setup } }], ...extra }, null, 2);

describe('physical bounds: model sizes', () => {
  it('a paramsB below a million parameters is a schema error at the value, with the range', () => {
    for (const written of ['1e-300', '1e-100', '0.0009']) {
      const text = declared({ paramsB: '@' }).replace('"@"', written);
      const f = analyze(text).findings.filter((x) => x.code === 'schema');
      assert.deepEqual(f.map((x) => [covered(text, x), x.message]), [[written, 'models[0].paramsB: must be at least 0.001']]);
    }
  });

  it('an activeParamsB below a million parameters, or above paramsB, is a schema error at activeParamsB', () => {
    const tiny = declared({ paramsB: 7, activeParamsB: 1e-300 });
    assert.deepEqual(
      analyze(tiny).findings.filter((x) => x.code === 'schema').map((x) => [covered(tiny, x), x.message]),
      [['1e-300', 'models[0].activeParamsB: must be at least 0.001']],
    );
    const above = declared({ paramsB: 7, activeParamsB: 8 });
    assert.deepEqual(
      analyze(above).findings.filter((x) => x.code === 'schema').map((x) => [covered(above, x), x.message]),
      [['8', "models[0].activeParamsB: at most paramsB: the parameters active per token are among the model's parameters."]],
    );
  });

  it('the JSON Schema for completion and hover states the same range', () => {
    const ranges: Record<string, unknown> = {};
    walkProperties(toJsonSchema(), (at, node) => {
      if (at === 'models[].paramsB' || at === 'models[].activeParamsB') ranges[at] = [node.minimum, node.maximum, node.description];
    });
    assert.deepEqual(ranges, {
      'models[].paramsB': [0.001, 100_000, 'Total parameters, in billions (0.001, a million parameters, is the smallest): sizes the weights for self-hosting.'],
      'models[].activeParamsB': [0.001, 100_000, 'Parameters active per token (mixture of experts), in billions: at most paramsB.'],
    });
  });

  it('the smallest sizes are accepted', () => {
    const text = declared({ paramsB: 0.001, activeParamsB: 0.001 });
    assert.deepEqual(analyze(text).findings.filter((x) => x.code === 'schema'), []);
  });
});

describe('physical bounds: the figures derived from them', () => {
  const shown = (a: Analysis) => [...a.findings.map((f) => f.message), ...a.lenses.map((l) => l.title), ...a.lenses.flatMap((l) => explanationLines(l.explanation))];

  it('the smallest model is sized by the roofline: a finite capacity, one replica, every step finite', () => {
    const text = declared({ paramsB: 0.001 });
    const a = analyze(text);
    const s = a.workloads[0]!.selfHost!;
    // 2 MB of fp16 weights read per step at 2,039 GB/s: 1 / (2e6 / 2.039e12) tok/s.
    assert.deepEqual([s.throughputTps, s.throughputSource, s.replicas, s.replicasNeeded], [1_019_500, 'roofline', 1, 1]);
    assert.equal(s.capacityTokensM, 2_642_544);
    // The capacity is a step of the cost lens's explanation.
    const cost = a.lenses.find((l) => l.kind === 'cost')!;
    assert.ok(explanationLines(cost.explanation).some((line) => line.startsWith('capacity per replica = 2,642,544 M tokens/month')), explanationLines(cost.explanation).join('\n'));
    assert.ok(explanationLines(s.explanation).includes('replicas = ceil(V / capacity) = ceil(240 / 2,642,544) = 1'));
    assert.deepEqual(shown(a).filter((t) => UNFORMATTED.test(t)), []);
  });

  it('a throughputTps beyond what the GPUs could compute is a warning at the value, and the figures use the ceiling', () => {
    const text = declared({ name: 'Acme 8B', paramsB: 8 }, { gpu: 'a100-80gb', throughputTps: 1e8 });
    const a = analyze(text);
    const f = a.findings.find((x) => x.code === 'beyond-hardware')!;
    assert.equal(covered(text, f), '100000000');
    assert.equal(f.message, '100,000,000 tok/s is more than 1× NVIDIA A100 80GB (SXM) could compute for Acme 8B: at most 78,000 tok/s, which the figures use. Check throughputTps.');
    const s = a.workloads[0]!.selfHost!;
    // 4 × 312 TFLOP/s / (2 FLOPs × 8B active parameters).
    assert.equal(s.throughputTps, 78_000);
    assert.equal(s.capacityTokensM, 202_176);
    assert.ok(explanationLines(s.explanation).includes("capped at the GPUs' ceiling = gpus × 4 × 16-bit peak / (2 FLOPs × active params) = 1 × 4 × 312 TFLOP/s / (2 × 8B) = 78,000 tok/s: no number format runs a GPU faster than 4× its 16-bit peak"));
  });

  it('a measured throughput within the ceiling is kept as written, without a finding', () => {
    const text = declared({ paramsB: 8 }, { gpu: 'a100-80gb', throughputTps: 78_000 });
    const a = analyze(text);
    assert.equal(a.workloads[0]!.selfHost!.throughputTps, 78_000);
    assert.ok(!a.findings.some((x) => x.code === 'beyond-hardware'));
  });

  it('any traffic takes a replica: one token a month on a large replica is one replica, not zero', () => {
    assert.equal(replicasNeeded(1e-6, 2_642_544), 1);
    assert.equal(replicasNeeded(1e-6, Infinity), 1);
    assert.equal(replicasNeeded(0, 100), 0);
    assert.equal(replicasNeeded(240, 240), 1);
    const a = analyze(declared({ paramsB: 0.001 }).replace('"240M"', '1'));
    assert.deepEqual([a.workloads[0]!.selfHost!.replicasNeeded, a.workloads[0]!.monthlyCostUsd], [1, 1800]);
  });

  it('an API priced at next to nothing has no crossover: no volume a config can state reaches it', () => {
    // $1,800 a replica against $1e-7/M would cross at 1.8e10 M tokens, past the 1e10 M a volume can be.
    assert.equal(LIMITS.tokensPerMonth / 1e6, 1e10);
    assert.equal(crossover(1800, 200, 1e-7, 720, 1), undefined);
    assert.equal(crossover(1800, 200, 1.8e-7, 720, 1)?.crossoverTokensM, 1e10);
    const text = JSON.stringify({ workloads: [{ name: 'w', model: 'gpt-4o', monthlyTokens: '100M', blendedPricePerMillion: 1e-12, alternatives: [{ model: 'llama-3.1-70b', selfHosted: { gpu: 'a100-80gb', gpus: 4 } }] }] });
    const a = analyze(text);
    assert.deepEqual(a.workloads[0]!.crossovers, []);
    assert.match(a.findings.find((f) => f.code === 'self-host-never-wins')!.message, /^At <\$0\.000001\/M the gpt-4o API is as good as free/);
    assert.deepEqual(shown(a).filter((t) => UNFORMATTED.test(t)), []);
  });
});
