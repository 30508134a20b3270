/**
 * Configs as a cloned repository may hold them: every field at its limits and past them,
 * of the wrong type, or written as numbers JSON.parse turns into Infinity. The analysis
 * never throws, keeps its ranges inside the text, shows no figure it could not compute
 * ("Infinity", "NaN", "undefined", raw exponents), and every quick fix it offers leaves no
 * new error behind. Seeded; `LLM_COST_LENS_FUZZ_RUNS=20000` runs longer.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, explanationLines, gpuIds, modelIds, quantizationIds, REQUIREMENT_IDS, resolveFix, type Analysis, type Catalog } from '../../src/engine';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { addedErrors, textAfter } from '../../src/engine/analysis/fixes';
import { analysisJson, analysisText } from '../../src/cli/report';

const RUNS = Number(process.env.LLM_COST_LENS_FUZZ_RUNS) || 400;
const SEED = Number(process.env.LLM_COST_LENS_FUZZ_SEED) || 20261201;

/** What no user-facing text may hold: a figure that was not computed, or one not formatted. */
export const UNFORMATTED = /Infinity|NaN|undefined|∞|\d(?:\.\d+)?e[+-]?\d|"null"/;

/** A number written into the text as is: JSON.parse reads 1e400 as Infinity and -0 as -0. */
const RAW = '@@raw:';
const rawNumber = fc.constantFrom('1e400', '-1e400', '1e-400', '-0', '0.0', '1E3');
const number = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 5e-324, 1e-300, 1e-9, 0.001, 0.3, 0.5, 1, 2, 2.5, 25, 600, 744, 745, 4096, 4097, 1e4, 1e5, 1e6, 1e6 + 1, 1e8, 1e15, 1e16, 1e17, 1e100, 1.7e308, -1) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: rawNumber.map((n) => `${RAW}${n}`) },
);
/** Config text that is not a figure: chosen so that it holds none of the words UNFORMATTED looks for. */
const word = fc.oneof(fc.constantFrom('', ' ', 'x', 'Ünïcode ✓', '__proto__', 'constructor', 'gpt-4o ', 'GPT-4O', 'llama-3.1-70b-typo', 'a'.repeat(300), '$(zap)', '\u202eevil'), fc.string({ unit: fc.constantFrom('a', 'b', '-', '.', ' ', '1', '/', ':') }));
const model = fc.oneof(fc.constantFrom(...modelIds()), fc.constantFrom('gpt-4o-mini', 'openai/gpt-4.1-mini', 'anthropic.claude-3-5-haiku-20241022-v1:0', 'meta-llama/Llama-3.1-8B-Instruct', 'qwen3:8b', 'text-embedding-3-small', 'groq/llama-3.1-8b-instant', 'constructor/x', 'ollama/llama3.2'), word);
const gpu = fc.oneof(fc.constantFrom(...gpuIds()), word);
const quantization = fc.oneof(fc.constantFrom(...quantizationIds()), word);
const requirement = fc.oneof(fc.constantFrom(...REQUIREMENT_IDS), word, number);
const volume = fc.oneof(number, fc.constantFrom('240M', '1.5B', '500K', '0', '10000000B', '10000001B', ' 1 m ', '.5k', '1e6', '-5M', '1' + ' '.repeat(200) + 'x'));
/** Any value at all, for the fields a fuzzer gets wrong on purpose. */
const anything = fc.oneof(number, word, fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 6, arbitrary: a as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: anything }), { nil: undefined, freq: 2 });

const selfHosted = fc.record(
  { gpu, gpus: maybe(number), replicas: maybe(number), quantization: maybe(quantization), throughputTps: maybe(number), gpuHourlyUsd: maybe(number) },
  { requiredKeys: ['gpu'] },
);
const workload = fc.record(
  {
    name: maybe(word),
    model,
    monthlyTokens: volume,
    deployment: maybe(fc.oneof(fc.constant('api'), fc.record({ selfHosted }))),
    blendedPricePerMillion: maybe(number),
    inputShare: maybe(number),
    requirements: maybe(fc.array(requirement, { maxLength: 3 })),
    alternatives: maybe(fc.array(fc.record({ model, selfHosted: maybe(selfHosted), blendedPricePerMillion: maybe(number) }, { requiredKeys: ['model'] }), { maxLength: 3 })),
  },
  { requiredKeys: ['model', 'monthlyTokens'] },
);
const config = fc.record(
  {
    assumptions: maybe(fc.record({ gpuHourlyUsd: maybe(number), hoursPerMonth: maybe(number), utilization: maybe(number), inputShare: maybe(number), concurrency: maybe(number), contextTokens: maybe(number) })),
    requirements: maybe(fc.array(requirement, { maxLength: 3 })),
    allowedModels: maybe(fc.array(model, { maxLength: 3 })),
    workloads: fc.array(workload, { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['workloads'] },
);
/** As people write it: pretty-printed or not, with a comment now and then (the non-strict reader). */
const configText = fc.tuple(config, fc.boolean(), fc.boolean()).map(([value, pretty, comment]) => {
  const json = JSON.stringify(value, (_, v: unknown) => (v === undefined ? undefined : v), pretty ? 2 : undefined).replace(/"@@raw:([^"]*)"/g, '$1');
  return comment ? `// generated\n${json}` : json;
});

/** Every text the analysis shows a person, by where it is shown. */
function shownTexts(a: Analysis): [string, string][] {
  const out: [string, string][] = [];
  for (const f of a.findings) {
    out.push([`finding ${f.code}`, f.message]);
    for (const r of f.related ?? []) out.push([`related of ${f.code}`, r.message]);
    for (const fix of f.fixes ?? []) if (!fix.deferred) out.push([`fix of ${f.code}`, fix.title]);
  }
  for (const l of a.lenses) {
    out.push([`lens ${l.kind}`, l.title]);
    for (const line of explanationLines(l.explanation)) out.push([`lens ${l.kind} explanation`, line]);
  }
  for (const figure of a.figures) for (const line of explanationLines(figure.explanation)) out.push([`figure ${figure.field}`, line]);
  for (const w of a.workloads) {
    for (const line of explanationLines(w.explanation)) out.push(['workload explanation', line]);
    if (w.selfHost) out.push(['setup label', w.selfHost.label]);
    for (const c of w.crossovers) out.push(['crossover label', c.selfHostLabel]);
  }
  return out;
}

/** Every number of the plain-data results: a JSON report would turn a non-finite one into a silent null. */
function nonFiniteNumbers(value: unknown, at = '', out: string[] = []): string[] {
  if (typeof value === 'number' && !Number.isFinite(value)) out.push(at);
  else if (Array.isArray(value)) value.forEach((v, i) => nonFiniteNumbers(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFiniteNumbers(v, `${at}.${k}`, out);
  return out;
}

/** The catalog as the front ends ship it: the curated cards, the price table and the open models' shapes. */
const data = (file: string) => readFileSync(path.resolve(__dirname, '../../../src/engine/catalog/data', file), 'utf8');
const shipped = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') }).catalog;

function checkAnalysis(text: string, catalog?: Catalog): Analysis {
  const a = analyze(text, { catalog });
  assert.deepEqual(a.findings.filter((f) => f.code === 'internal-error').map((f) => f.message), []);
  for (const r of [...a.findings, ...a.lenses, ...a.figures, ...a.modelReferences, ...a.workloads]) {
    assert.ok(r.offset >= 0 && r.length >= 0 && r.offset + r.length <= text.length, `range ${r.offset}+${r.length} outside ${text.length}`);
  }
  // What the config itself says may be quoted as written: the check is of what the engine adds.
  const written = [...new Set(text.match(/-?[\d.]+(?:[eE][+-]?\d+)?/g) ?? [])].sort((x, y) => y.length - x.length);
  const own = (t: string) => written.reduce((rest, w) => rest.split(w).join(''), t);
  const bad = shownTexts(a).filter(([, t]) => UNFORMATTED.test(own(t)));
  assert.deepEqual(bad, []);
  assert.deepEqual(nonFiniteNumbers(analysisJson(a, text)), []);
  assert.doesNotMatch(own(analysisText(a, text, 'llm.config.json')), UNFORMATTED);
  return a;
}

describe('fuzz: hostile configs', function () {
  this.timeout(120_000);
  let offered = 0;
  const withheld: string[] = [];

  it(`${RUNS} configs: no throw, ranges in the text, every figure finite and formatted (seed ${SEED})`, () => {
    fc.assert(
      fc.property(configText, (text) => {
        checkAnalysis(text);
        checkAnalysis(text, shipped);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(`no fix on ${Math.ceil(RUNS / 4)} configs writes what the schema or JSON rejects, and the fixes offered add no error`, () => {
    fc.assert(
      fc.property(configText, (text) => {
        const before = checkAnalysis(text);
        for (const finding of before.findings) {
          for (const written of finding.fixes ?? []) {
            const fix = resolveFix(written);
            const after = fix && textAfter(text, fix.edits);
            if (!fix || after === undefined) continue;
            const added = addedErrors(before, checkAnalysis(after));
            // A value the schema rejects is a wrong fix, whatever else the file says.
            assert.deepEqual(added.filter((f) => f.code === 'schema' || f.code === 'json-syntax' || f.code === 'out-of-range').map((f) => `${fix.title} → ${f.message}`), [], `fix "${fix.title}" of ${finding.code}`);
            if (added.length === 0) offered++;
            else withheld.push(`${fix.title} → ${added[0]!.message}`);
          }
        }
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: SEED },
    );
    console.log(`      ${offered} fixes offered; ${withheld.length} withheld for an error they would add, e.g. ${withheld.slice(0, 3).map((w) => JSON.stringify(w)).join('; ')}`);
    assert.ok(offered > 0);
  });
});
