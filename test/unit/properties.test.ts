/**
 * Properties that must hold for every input, checked on generated cases (fast-check).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, apiMonthlyCost, crossover, explanationLines, gpuIds, quantizationIds, replicaCapacityM, replicaFixedMonthly, selfHostMonthlyCost } from '../../src/engine';
import { LIMITS, MINIMUMS } from '../../src/engine/config/schema';
import { analysisJson, analysisText } from '../../src/cli/report';

const example = readFileSync(path.resolve(__dirname, '../../../examples/llm.config.json'), 'utf8');

function assertWellFormed(text: string): void {
  const a = analyze(text);
  assert.equal(a.findings.filter((f) => f.code === 'internal-error').length, 0, JSON.stringify(a.findings));
  for (const f of [...a.findings, ...a.lenses, ...a.figures, ...a.modelReferences]) {
    assert.ok(f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length, `range ${f.offset}+${f.length} inside ${text.length}`);
  }
  for (const f of a.findings) for (const r of f.related ?? []) assert.ok(r.offset >= 0 && r.offset + r.length <= text.length);
  assert.ok(Number.isFinite(a.totalMonthlyCostUsd));
}

/** Edits a person makes while typing: delete, insert or replace a span. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string(), fc.constantFrom('{', '}', '[', ']', ',', '"', ':', '-1', '"240M"', 'null', '//', '/*', '\\u')) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }), text: fc.string({ maxLength: 8 }) }),
);

function mutate(text: string, edits: fc.Arbitrary<unknown> extends never ? never : { kind: string; at: number; length?: number; text?: string }[]): string {
  let t = text;
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + (e.length ?? 1));
    else if (e.kind === 'insert') t = t.slice(0, at) + (e.text ?? '') + t.slice(at);
    else t = t.slice(0, at) + (e.text ?? '') + t.slice(at + (e.length ?? 1));
  }
  return t;
}

describe('properties: analyze never throws', function () {
  // Hundreds of analyses per property: slow on a loaded machine, and no timing is asserted.
  this.timeout(60_000);
  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => assertWellFormed(text)), { numRuns: 300 });
  });

  it('on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => assertWellFormed(JSON.stringify(value))), { numRuns: 300 });
  });

  it('on mutations of a valid config (a half-typed file), and findings stay inside the text', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (edits) => assertWellFormed(mutate(example, edits))), { numRuns: 400 });
  });

  it('on configs whose fields take arbitrary values', () => {
    const anything = fc.oneof(fc.jsonValue(), fc.string(), fc.double(), fc.constant(undefined));
    const workload = fc.record(
      { name: anything, model: fc.oneof(fc.constantFrom('gpt-4o', 'llama-3.1-70b', 'deepseek-v3', 'kimi-k2', 'llama-4'), anything), monthlyTokens: anything, deployment: fc.oneof(fc.constant('api'), fc.record({ selfHosted: fc.record({ gpu: fc.oneof(fc.constantFrom('a100-80gb', 'h100-80gb'), anything), gpus: anything, quantization: anything, throughputTps: anything, replicas: anything }, { requiredKeys: [] }) }), anything), alternatives: anything, requirements: anything },
      { requiredKeys: [] },
    );
    const config = fc.record({ assumptions: fc.oneof(anything, fc.record({ utilization: anything, inputShare: anything, concurrency: anything, hoursPerMonth: anything }, { requiredKeys: [] })), requirements: anything, allowedModels: anything, workloads: fc.array(workload, { maxLength: 4 }) }, { requiredKeys: [] });
    fc.assert(fc.property(config, (c) => assertWellFormed(JSON.stringify(c) ?? '')), { numRuns: 300 });
  });
});

describe('properties: the cost model', () => {
  const positive = fc.double({ min: 0.01, max: 1e5, noNaN: true });

  it('API cost never falls as volume rises', () => {
    fc.assert(fc.property(positive, positive, positive, (v1, v2, price) => {
      const [lo, hi] = v1 <= v2 ? [v1, v2] : [v2, v1];
      assert.ok(apiMonthlyCost(lo, price).value <= apiMonthlyCost(hi, price).value);
    }));
  });

  it('self-hosted cost never falls as volume rises (a step function)', () => {
    fc.assert(fc.property(positive, positive, fc.double({ min: 1, max: 5000, noNaN: true }), fc.integer({ min: 1, max: 16 }), (v1, v2, tps, gpus) => {
      const [lo, hi] = v1 <= v2 ? [v1, v2] : [v2, v1];
      const fixed = replicaFixedMonthly(gpus, 2.5, 720).value;
      const capacity = replicaCapacityM(tps, 720, 1).value;
      assert.ok(selfHostMonthlyCost(lo, fixed, capacity).value <= selfHostMonthlyCost(hi, fixed, capacity).value);
    }));
  });

  it('analyze: a workload\'s cost never falls as its volume rises', () => {
    const model = fc.constantFrom(
      { model: 'gpt-4o' },
      { model: 'llama-3.1-70b', deployment: { selfHosted: { gpu: 'a100-80gb', quantization: 'int4' } } },
      { model: 'qwen-2.5-72b', deployment: { selfHosted: { gpu: 'h100-80gb', quantization: 'int4', throughputTps: 300 } } },
    );
    fc.assert(fc.property(model, fc.integer({ min: 0, max: 5e9 }), fc.integer({ min: 0, max: 5e9 }), (m, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const cost = (v: number) => analyze(JSON.stringify({ workloads: [{ name: 'w', monthlyTokens: v, ...m }] })).workloads[0]!.monthlyCostUsd!;
      assert.ok(cost(lo) <= cost(hi), `${cost(lo)} ≤ ${cost(hi)}`);
    }), { numRuns: 100 });
  });

  it('a crossover, when it exists, is where the two costs meet', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 16 }), fc.double({ min: 0.5, max: 10, noNaN: true }), fc.double({ min: 1, max: 5000, noNaN: true }), fc.double({ min: 0.05, max: 60, noNaN: true }), (gpus, hourly, tps, price) => {
      const fixed = replicaFixedMonthly(gpus, hourly, 720).value;
      const capacity = replicaCapacityM(tps, 720, 1).value;
      const x = crossover(fixed, capacity, price, 720, 1)!;
      if (!x.makesSense) {
        // Never wins: at every volume one replica can serve, the API is cheaper per token.
        assert.ok(fixed / capacity > price * (1 - 1e-9));
        return;
      }
      const api = apiMonthlyCost(x.crossoverTokensM, price).value;
      const self = selfHostMonthlyCost(x.crossoverTokensM, fixed, capacity).value;
      assert.ok(Math.abs(api - self) <= 1e-6 * Math.max(api, self), `${api} vs ${self}`);
      // Just below the crossover the API is cheaper; just above, self-hosting is (while one replica serves it).
      const below = x.crossoverTokensM * 0.99;
      assert.ok(apiMonthlyCost(below, price).value < selfHostMonthlyCost(below, fixed, capacity).value);
    }));
  });
});

/**
 * Configs the schema accepts, every number anywhere in its range and often at its ends: the
 * smallest model (0.001 B) on 4,096 of the fastest GPUs, a 100,000 B one on a T4, a million
 * replicas, a volume of 10^16 tokens, prices from 0 to $100,000/M, a utilization of 0.001.
 */
const within = (min: number, max: number, whole = false) =>
  whole
    ? fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }))
    : fc.oneof(fc.constantFrom(min, max, Math.min(max, Math.max(min, 1))), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const acceptedSetup = fc.record(
  {
    gpu: fc.constantFrom(...gpuIds()),
    gpus: opt(within(1, LIMITS.gpus, true)),
    replicas: opt(within(1, LIMITS.replicas, true)),
    quantization: opt(fc.constantFrom(...quantizationIds())),
    throughputTps: opt(within(MINIMUMS.throughputTps, LIMITS.throughputTps)),
    gpuHourlyUsd: opt(within(0, LIMITS.gpuHourlyUsd)),
  },
  { requiredKeys: ['gpu'] },
);
const ownModel = fc
  .record({ paramsB: within(MINIMUMS.paramsB, LIMITS.paramsB), activeShare: opt(within(0, 1)), layers: opt(within(1, 1000, true)), kvHeads: opt(within(1, 1024, true)), headDim: opt(within(1, 4096, true)), price: opt(within(0, LIMITS.pricePerMillion)) })
  .map(({ paramsB, activeShare, price, ...shape }) => ({
    id: 'own-model',
    paramsB,
    ...(activeShare === undefined ? {} : { activeParamsB: Math.max(MINIMUMS.paramsB, paramsB * activeShare) }),
    ...(price === undefined ? {} : { inputPerMillionUsd: price }),
    ...Object.fromEntries(Object.entries(shape).filter(([, v]) => v !== undefined)),
  }));
const acceptedModel = fc.constantFrom('own-model', 'gpt-4o', 'llama-3.1-70b', 'llama-3.1-8b', 'qwen-2.5-72b', 'deepseek-v3', 'kimi-k2');
const acceptedWorkload = fc.record(
  {
    name: fc.constantFrom('chat', 'batch', 'search'),
    model: acceptedModel,
    monthlyTokens: within(0, LIMITS.tokensPerMonth),
    deployment: opt(fc.oneof(fc.constant('api'), fc.record({ selfHosted: acceptedSetup }))),
    blendedPricePerMillion: opt(within(0, LIMITS.pricePerMillion)),
    inputShare: opt(within(0, 1)),
    peakToAverage: opt(within(1, LIMITS.peakToAverage)),
    alternatives: opt(fc.array(fc.record({ model: acceptedModel, selfHosted: opt(acceptedSetup), blendedPricePerMillion: opt(within(0, LIMITS.pricePerMillion)) }, { requiredKeys: ['model'] }), { maxLength: 2 })),
  },
  { requiredKeys: ['name', 'model', 'monthlyTokens'] },
);
const acceptedConfig = fc.record(
  {
    assumptions: opt(fc.record({ gpuHourlyUsd: opt(within(0, LIMITS.gpuHourlyUsd)), hoursPerMonth: opt(within(1, 744)), utilization: opt(within(MINIMUMS.utilization, 1)), inputShare: opt(within(0, 1)), concurrency: opt(within(1, LIMITS.concurrency, true)), contextTokens: opt(within(1, LIMITS.contextTokens, true)) }, { requiredKeys: [] })),
    models: fc.array(ownModel, { minLength: 1, maxLength: 1 }),
    workloads: fc.array(acceptedWorkload, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['models', 'workloads'] },
);

/** What no printed figure may hold: a figure not computed, or a raw exponent. */
const NOT_A_FIGURE = /∞|Infinity|NaN|\d(?:\.\d+)?e[+-]\d/;

function nonFinite(value: unknown, at = '', out: string[] = []): string[] {
  if (typeof value === 'number' && !Number.isFinite(value)) out.push(at);
  else if (Array.isArray(value)) value.forEach((v, i) => nonFinite(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFinite(v, `${at}.${k}`, out);
  return out;
}

describe('properties: every figure of an accepted config is finite and printed without exponents', function () {
  this.timeout(120_000);
  it('in the lenses, the findings, the explanations, the JSON and the text report', () => {
    fc.assert(
      fc.property(acceptedConfig, (config) => {
        const text = JSON.stringify(config, (_, v: unknown) => (v === undefined ? undefined : v), 2);
        const a = analyze(text);
        assert.deepEqual(a.findings.filter((f) => f.code === 'schema' || f.code === 'internal-error').map((f) => f.message), [], 'the config is accepted');
        const printed = [
          ...a.findings.flatMap((f) => [f.message, ...(f.fixes ?? []).map((x) => x.title)]),
          ...a.lenses.flatMap((l) => [l.title, ...explanationLines(l.explanation)]),
          ...a.figures.flatMap((f) => explanationLines(f.explanation)),
          ...a.workloads.flatMap((w) => [...explanationLines(w.explanation), ...(w.selfHost ? [w.selfHost.label] : [])]),
          analysisText(a, text, 'llm.config.json'),
        ];
        assert.deepEqual(printed.filter((t) => NOT_A_FIGURE.test(t)), []);
        assert.deepEqual(nonFinite(a.workloads), []);
        assert.deepEqual(nonFinite(analysisJson(a, text)), []);
        // Any traffic a self-hosted setup serves takes a replica.
        for (const w of a.workloads) if (w.selfHost && w.monthlyTokensM > 0) assert.ok(w.selfHost.replicas >= 1 && w.selfHost.replicasNeeded >= 1);
      }),
      { numRuns: Number(process.env.LLM_COST_LENS_FUZZ_RUNS) || 300, seed: 20261207 },
    );
  });
});
