import * as assert from 'node:assert/strict';
import { analyze } from '../../src/engine';
import { toJsonSchema, walkProperties } from '../../src/engine/config/jsonSchema';

const covered = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const OWNED = { purchaseUsd: 30000, amortizationYears: 4, watts: 1000, usdPerKwh: 0.12, pue: 1.3, operationsShare: 0.1 };
const config = (assumptions: object, setup: object = {}) =>
  JSON.stringify({ assumptions, workloads: [{ name: 'w', model: 'llama-3.1-8b', monthlyTokens: '240M', deployment: { selfHosted: { gpu: 'a100-80gb', ...setup } } }] }, null, 2);
/** The schema and unknown-gpu findings of a config, as [code, the text they cover, message]. */
const problems = (text: string) =>
  analyze(text)
    .findings.filter((f) => f.code === 'schema' || f.code === 'unknown-property' || f.code === 'unknown-gpu')
    .map((f) => [f.code, covered(text, f), f.message.replace(/ Known: .*/, '')]);

describe('config: pricing mode, quality and owned GPUs', () => {
  it('accepts each pricing mode, each quality level and a complete owned GPU', () => {
    for (const pricing of ['on-demand', 'reserved', 'spot']) assert.deepEqual(problems(config({ pricing })), [], pricing);
    for (const quality of ['near-lossless', 'any']) assert.deepEqual(problems(config({}, { quality })), [], quality);
    assert.deepEqual(problems(config({ ownedGpus: { 'h100-sxm': OWNED, 'a100-80gb': { ...OWNED, pue: 1, usdPerKwh: 0, operationsShare: 0 } } })), []);
  });

  it('says what is wrong at the exact field', () => {
    assert.deepEqual(problems(config({ pricing: 'hourly' })), [['schema', '"hourly"', 'assumptions.pricing: "hourly" is not one of "on-demand", "reserved", "spot".']]);
    assert.deepEqual(problems(config({}, { quality: 'best' })), [['schema', '"best"', 'workloads[0].deployment.selfHosted.quality: "best" is not one of "near-lossless", "any".']]);
    assert.deepEqual(problems(config({ ownedGpus: { 'h100-sxm': { ...OWNED, pue: 0.8 } } })), [['schema', '0.8', 'assumptions.ownedGpus.h100-sxm.pue: must be at least 1']]);
    assert.deepEqual(problems(config({ ownedGpus: { 'h100-sxm': { ...OWNED, amortizationYears: 0 } } })), [['schema', '0', 'assumptions.ownedGpus.h100-sxm.amortizationYears: must be more than 0']]);
    assert.deepEqual(problems(config({ ownedGpus: { 'h100-sxm': { ...OWNED, operationsShare: 1.5 } } })), [['schema', '1.5', 'assumptions.ownedGpus.h100-sxm.operationsShare: must be at most 1']]);
    assert.deepEqual(problems(config({ ownedGpus: { 'h100-sxm': { ...OWNED, watt: 700 } } })), [['unknown-property', '"watt"', 'Unknown property "watt" in assumptions.ownedGpus.h100-sxm.']]);
  });

  it('a missing field of an owned GPU is an error at the entry: no default stands in for it', () => {
    const { pue: _pue, ...noPue } = OWNED;
    const text = config({ ownedGpus: { 'h100-sxm': noPue } });
    const found = problems(text);
    assert.equal(found.length, 1);
    assert.equal(found[0]![2], 'assumptions.ownedGpus.h100-sxm.pue: missing required property "pue".');
    assert.ok((found[0]![1] as string).startsWith('{'), 'at the entry that lacks it');
  });

  it('an owned GPU the catalog does not know is unknown-gpu at its key', () => {
    assert.deepEqual(problems(config({ ownedGpus: { h100: OWNED } })), [['unknown-gpu', '"h100"', 'Unknown GPU "h100" in ownedGpus.']]);
  });

  it('the JSON Schema documents and bounds every field, the owned GPU\'s too', () => {
    const seen: Record<string, unknown> = {};
    walkProperties(toJsonSchema(), (at, node) => {
      if (at.startsWith('assumptions.ownedGpus.*.') || at === 'assumptions.pricing') seen[at] = [node.minimum ?? node.exclusiveMinimum ?? null, node.maximum ?? null, Boolean(node.description)];
    });
    assert.deepEqual(seen, {
      'assumptions.pricing': [null, null, true],
      'assumptions.ownedGpus.*.purchaseUsd': [0, 1e6, true],
      'assumptions.ownedGpus.*.amortizationYears': [0, 20, true],
      'assumptions.ownedGpus.*.watts': [0, 10_000, true],
      'assumptions.ownedGpus.*.usdPerKwh': [0, 10, true],
      'assumptions.ownedGpus.*.pue': [1, 5, true],
      'assumptions.ownedGpus.*.operationsShare': [0, 1, true],
    });
  });
});
