import * as assert from 'node:assert/strict';
import { analyze, explanationLines, recommend } from '../../src/engine';
import { findModel } from '../../src/engine/catalog';
import { cheapestSelfHost } from '../../src/engine/sizing/cheapestSelfHost';
import { cheapestSetup } from '../../src/engine/sizing/serving/cheapest';
import { findOpenModel } from '../../src/engine/sizing/serving/models';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { qualityOption, UsageError } from '../../src/cli/args';

const catalog = cliCatalog().catalog;
const shape = { inputTokens: 500, outputTokens: 500 };
const search = (id: string, quality?: 'near-lossless' | 'any') => {
  const open = findOpenModel(id, catalog);
  assert.ok('model' in open);
  return cheapestSetup({ model: open.model, gpus: catalog.servingGpus!, monthlyTokens: 300e6, shape, offers: catalog.gpuOffers!, qualityRows: catalog.formatQuality!, ...(quality ? { quality } : {}) });
};

describe('the quality of a pick', () => {
  it('keeps near-lossless formats by default: the reference weights and formats with a published recovery of 99% or more', () => {
    const r = search('llama-3.1-70b');
    assert.equal(r.qualityLevel, 'near-lossless');
    for (const c of [r.best!, ...r.runnersUp]) assert.ok(c.quality.kind === 'reference' || c.quality.kind === 'near-lossless', `${c.gpu} ${c.weights}: ${c.quality.words}`);
    // int4-awq has no published row for Llama 3.1 70B: unmeasured, never taken as lossless.
    assert.ok(r.leftOut.every((c) => c.quality.kind === 'unmeasured' || c.quality.kind === 'lossy'));
    assert.ok(r.leftOut.some((c) => c.weights === 'int4-awq' && c.quality.words === 'int4-awq · quality unmeasured for llama-3.1-70b'));
  });

  it('says the fp8 pick with its source, and a cheaper lossy or unmeasured setup apart, labelled', () => {
    const r = search('llama-3.1-70b');
    const fp8 = [r.best!, ...r.runnersUp].find((c) => c.weights === 'fp8')!;
    assert.equal(fp8.quality.words, 'fp8 · 99.9% of bf16 on OpenLLM v1 (RedHatAI, 2024-07-23)');
    assert.equal(fp8.quality.source, 'https://huggingface.co/RedHatAI/Meta-Llama-3.1-70B-Instruct-FP8');
    const cheaper = r.cheaperOption!;
    assert.ok(cheaper && cheaper.monthlyUsd < r.best!.monthlyUsd);
    assert.notEqual(cheaper.quality.kind, 'reference');
    assert.ok(r.lines.some((l) => l.startsWith('cheaper at lower or unmeasured quality') && l.includes(cheaper.quality.words)));
  });

  it('"any" allows every format: the pick is then the cheaper option, and nothing is said apart', () => {
    const near = search('llama-3.1-70b');
    const any = search('llama-3.1-70b', 'any');
    assert.equal(any.cheaperOption, undefined);
    assert.deepEqual([any.best!.gpu, any.best!.gpus, any.best!.weights, any.best!.monthlyUsd], [near.cheaperOption!.gpu, near.cheaperOption!.gpus, near.cheaperOption!.weights, near.cheaperOption!.monthlyUsd]);
  });

  it('takes the weights a lab publishes as a reference: DeepSeek V3 in FP8, gpt-oss in MXFP4', () => {
    const r = search('deepseek-v3');
    const fp8 = [r.best, ...r.runnersUp].find((c) => c?.weights === 'fp8');
    assert.equal(fp8?.quality.kind, 'reference');
    assert.equal(fp8?.quality.words, 'fp8 · the weights as published');
    const oss = search('gpt-oss-120b');
    assert.ok([oss.best, ...oss.runnersUp].some((c) => c?.weights === 'mxfp4' && c.quality.kind === 'reference'));
  });

  it('carries the pick\'s quality and the cheaper option into the workload\'s explanation; selfHosted.quality "any" allows every format', () => {
    const setup = cheapestSelfHost(catalog, findModel('llama-3.1-70b', catalog)!, 300, shape, { hoursPerMonth: 720, peakToAverage: 2 })!;
    assert.ok(setup.cheaperOption && setup.cheaperOption.monthlyUsd < setup.monthlyUsd);
    const text = explanationLines(setup.explanation).join('\n');
    // The pick's own step says its quality beside its format.
    assert.match(explanationLines(setup.explanation)[0]!, /at fp8 · 99\.9% of bf16 on OpenLLM v1 \(RedHatAI, 2024-07-23\)$/);
    assert.match(text, /cheaper, not picked under near-lossless \(quality "any" allows it\): .*quality unmeasured for llama-3\.1-70b/);
    const any = cheapestSelfHost(catalog, findModel('llama-3.1-70b', catalog)!, 300, shape, { hoursPerMonth: 720, peakToAverage: 2, quality: 'any' })!;
    assert.equal(any.monthlyUsd, setup.cheaperOption.monthlyUsd);
    assert.equal(any.cheaperOption, undefined);
    const file = (quality?: string) => JSON.stringify({ workloads: [{ name: 'chat', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted: { gpu: 'h100-sxm', ...(quality ? { quality } : {}) } } }] });
    const near = analyze(file(), { catalog }).workloads[0]!.cheapestSelfHost!;
    const anyFile = analyze(file('any'), { catalog }).workloads[0]!.cheapestSelfHost!;
    const anyOption = analyze(file(), { catalog, quality: 'any' }).workloads[0]!.cheapestSelfHost!;
    assert.equal(near.monthlyUsd, setup.monthlyUsd);
    assert.equal(anyFile.monthlyUsd, any.monthlyUsd);
    assert.equal(anyOption.monthlyUsd, any.monthlyUsd);
  });

  it('Recommend sizes its self-hosted options at the level asked for', () => {
    const pick = (quality?: 'any') => recommend(['data_privacy'], 300, { only: ['llama-3.1-70b'], ...(quality ? { quality } : {}) }, catalog).recommendations.find((c) => c.deployment === 'self-hosted');
    const near = pick();
    const any = pick('any');
    assert.ok(near && any);
    assert.ok(any.monthlyCostUsd <= near.monthlyCostUsd);
  });

  it('--quality takes near-lossless or any', () => {
    assert.equal(qualityOption(undefined), undefined);
    assert.equal(qualityOption('any'), 'any');
    assert.throws(() => qualityOption('lossless'), (e: unknown) => e instanceof UsageError && /--quality: "lossless" is not one of near-lossless, any/.test(e.message));
  });
});
