import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  catalog,
  didYouMean,
  editDistance,
  findGpu,
  findModel,
  findQuantization,
  findRequirement,
  gpuIds,
  historyGap,
  INTRO_GPQA,
  modelIds,
  quantizationIds,
  gapHistory,
  seedDecisionMatrix,
} from '../../src/engine/catalog';
import { seedNotes, seedText } from '../../src/engine/catalog/decisions';
import type { BenchmarkId, ModelCard, RequirementId } from '../../src/engine/catalog/types';
import { parseCurated } from '../../src/engine/catalog/data/curated';
import { formatGB } from '../../src/engine/pricing/cost';
import { gpuMemoryGB } from '../../src/engine/sizing/simpleMemory';
import { GPU_ALIASES, type ServingGpu } from '../../src/engine/sizing/serving/gpus';

const SEED_SOURCE = 'the article “Open vs Closed Models in 2026”';
const LITELLM_SOURCE = 'LiteLLM model_prices_and_context_window.json';

function model(id: string): ModelCard {
  const m = catalog.models.find((x) => x.id === id);
  assert.ok(m, `model ${id} is in the catalog`);
  return m;
}

function score(modelId: string, benchmark: BenchmarkId): number | undefined {
  return catalog.scores[modelId]?.[benchmark]?.value;
}

describe('catalog: models', () => {
  const seedIds = [
    'gpt-4o',
    'claude-3.5-sonnet',
    'gemini-2.0',
    'grok-3',
    'llama-3.1-405b',
    'llama-3.1-70b',
    'deepseek-v3',
    'qwen-2.5-72b',
    'kimi-k2',
    'llama-4',
    'gemini-1.5-pro',
    'qwen-2.5-7b',
    'llama-3-8b',
  ];
  const currentIds = ['gpt-4.1', 'gpt-5', 'claude-sonnet-4', 'claude-opus-4.5', 'gemini-2.5-pro', 'deepseek-v3.2', 'llama-3.3-70b', 'qwen3-235b-a22b'];

  it('holds every seed model and the current models, with unique lower-case ids', () => {
    assert.deepEqual(
      catalog.models.filter((m) => m.generation === 'seed').map((m) => m.id).sort(),
      [...seedIds].sort(),
    );
    for (const id of currentIds) assert.equal(model(id).generation, 'current');
    const ids = modelIds();
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.equal(id, id.toLowerCase());
  });

  it('gives every model and price a source and an ISO date', () => {
    for (const m of catalog.models) {
      assert.ok(m.source.length > 0, m.id);
      assert.match(m.asOf, /^\d{4}-\d{2}-\d{2}$/, m.id);
      if (m.price) {
        assert.ok(m.price.source.length > 0, m.id);
        assert.match(m.price.asOf, /^\d{4}-\d{2}-\d{2}$/, m.id);
      }
    }
    assert.equal(model('deepseek-v3').source, SEED_SOURCE);
  });

  it('records the article\'s open-weight model table', () => {
    const llama405 = model('llama-3.1-405b');
    assert.deepEqual([llama405.lab, llama405.paramsB, llama405.architecture, llama405.license, llama405.availableSince], ['Meta', 405, 'dense', 'Llama 3.1 Community License', '2024-07']);
    const deepseek = model('deepseek-v3');
    assert.deepEqual([deepseek.lab, deepseek.paramsB, deepseek.activeParamsB, deepseek.paramsNote, deepseek.architecture, deepseek.license, deepseek.availableSince], ['DeepSeek', 671, 37, '671B (37B active)', 'moe', 'MIT-like', '2024-12']);
    const qwen = model('qwen-2.5-72b');
    assert.deepEqual([qwen.lab, qwen.architecture, qwen.availableSince], ['Alibaba', 'dense', '2024-09']);
    // The article says Apache 2.0; the catalog records the actual license and a seed note explains it.
    assert.equal(qwen.license, 'Qwen License Agreement');
    assert.ok(seedNotes.some((n) => n.id === 'qwen-2.5-72b-license' && n.seedSays.includes('Apache 2.0')));
    const llama4 = model('llama-4');
    assert.deepEqual([llama4.lab, llama4.projected, llama4.architectureNote, llama4.license, llama4.availableSince], ['Meta', true, 'MoE (rumored)', 'Expected open-weight', '2025']);
    assert.match(llama4.paramsNote ?? '', /^Unknown \(likely MoE\)/);
    const kimi = model('kimi-k2');
    assert.deepEqual([kimi.lab, kimi.paramsB, kimi.activeParamsB, kimi.paramsNote, kimi.architecture], ['Moonshot AI', 1000, 32, '1T (32B active)', 'moe']);
    assert.match(kimi.license, /^Permissive/);
  });

  it("records the article’s closed model table", () => {
    const gpt4o = model('gpt-4o');
    assert.deepEqual([gpt4o.lab, gpt4o.access, gpt4o.paramsNote, gpt4o.architectureNote, gpt4o.accessNote], ['OpenAI', 'api-only', 'Unknown (rumored 1.8T MoE)', 'Unknown (rumored MoE)', 'API only']);
    const claude = model('claude-3.5-sonnet');
    assert.deepEqual([claude.lab, claude.access, claude.paramsNote, claude.architectureNote], ['Anthropic', 'api-only', 'Unknown', 'Dense (likely)']);
    const gemini = model('gemini-2.0');
    assert.deepEqual([gemini.lab, gemini.access, gemini.architectureNote], ['Google', 'api-only', 'Likely MoE, multimodal']);
    const grok = model('grok-3');
    assert.deepEqual([grok.lab, grok.paramsNote, grok.architecture, grok.accessNote], ['xAI', 'Unknown (1T+ estimated)', 'moe', 'API + X Premium']);
    for (const id of ['gpt-4o', 'claude-3.5-sonnet', 'gemini-2.0', 'grok-3', 'gemini-1.5-pro']) {
      assert.equal(model(id).access, 'api-only', id);
      assert.equal(model(id).paramsB, undefined, id);
    }
  });

  it('gives open-weight models their public transformer shapes', () => {
    const shape = (id: string) => [model(id).layers, model(id).kvHeads, model(id).headDim];
    assert.deepEqual(shape('llama-3.1-70b'), [80, 8, 128]);
    assert.deepEqual(shape('llama-3.1-405b'), [126, 8, 128]);
    assert.deepEqual(shape('qwen-2.5-72b'), [80, 8, 128]);
    assert.deepEqual(shape('llama-3.3-70b'), [80, 8, 128]);
    assert.deepEqual(shape('qwen-2.5-7b'), [28, 4, 128]);
    assert.deepEqual(shape('llama-3-8b'), [32, 8, 128]);
    assert.deepEqual(shape('qwen3-235b-a22b'), [94, 4, 128]);
    for (const id of ['deepseek-v3', 'kimi-k2', 'deepseek-v3.2']) {
      const m = model(id);
      assert.equal(m.layers, 61, id);
      assert.equal(2 * m.kvHeads! * m.headDim!, 576, `${id}: MLA caches 576 values per token per layer`);
      assert.match(m.attentionNote ?? '', /latent/, id);
    }
    for (const m of catalog.models.filter((x) => x.access === 'api-only')) assert.equal(m.layers, undefined, m.id);
  });

  it('stores context lengths as the article writes them', () => {
    assert.equal(model('gemini-2.0').contextTokens, 1_000_000);
    assert.equal(model('gemini-1.5-pro').contextTokens, 1_000_000);
    assert.equal(model('deepseek-v3').contextTokens, 128_000);
    assert.equal(model('gpt-4o').contextTokens, 128_000);
    assert.equal(model('claude-3.5-sonnet').contextTokens, 200_000);
    assert.equal(model('gpt-4.1').contextTokens, 1_047_576);
    assert.equal(model('gemini-2.5-pro').contextTokens, 1_048_576);
  });

  it("keeps the article’s API prices and blended figures", () => {
    const gpt4o = model('gpt-4o').price!;
    assert.deepEqual([gpt4o.inputPerMillionUsd, gpt4o.outputPerMillionUsd, gpt4o.seedBlendedPerMillionUsd, gpt4o.source], [2.5, 10, 7.5, SEED_SOURCE]);
    const claude = model('claude-3.5-sonnet').price!;
    assert.deepEqual([claude.inputPerMillionUsd, claude.outputPerMillionUsd, claude.seedBlendedPerMillionUsd, claude.source], [3, 15, 9, SEED_SOURCE]);
    const deepseek = model('deepseek-v3').price!;
    assert.deepEqual([deepseek.inputPerMillionUsd, deepseek.outputPerMillionUsd, deepseek.seedBlendedPerMillionUsd], [0.27, 1.1, 0.55]);
    // In/out come from LiteLLM; the blended figure is the article’s, and the note says so.
    assert.equal(deepseek.source, LITELLM_SOURCE);
    assert.equal(deepseek.asOf, '2026-07-24');
    assert.match(deepseek.note ?? '', /deepseek\/deepseek-v3/);
    assert.match(deepseek.note ?? '', /the article/);
  });

  it('prices current models from the LiteLLM snapshot of 2026-07-24', () => {
    const expected: Record<string, [number, number]> = {
      'gpt-4.1': [2, 8],
      'gpt-5': [1.25, 10],
      'claude-sonnet-4': [3, 15],
      'claude-opus-4.5': [5, 25],
      'gemini-2.5-pro': [1.25, 10],
      'deepseek-v3.2': [0.28, 0.42],
      'llama-3.3-70b': [0.13, 0.4],
      'qwen3-235b-a22b': [0.2, 0.6],
      'grok-3': [3, 15],
      'gemini-2.0': [0.1, 0.4],
      'kimi-k2': [0.6, 2.5],
    };
    for (const [id, [input, output]] of Object.entries(expected)) {
      const price = model(id).price!;
      assert.deepEqual([price.inputPerMillionUsd, price.outputPerMillionUsd], [input, output], id);
      assert.equal(price.source, LITELLM_SOURCE, id);
      assert.equal(price.asOf, '2026-07-24', id);
    }
    assert.deepEqual(catalog.pricing, { source: LITELLM_SOURCE, asOf: '2026-07-24', asOfKind: 'data' });
  });

  it("carries the article cost table's quality tiers", () => {
    assert.equal(model('gpt-4o').qualityTier, 'frontier');
    assert.equal(model('claude-3.5-sonnet').qualityTier, 'frontier');
    assert.equal(model('deepseek-v3').qualityTier, 'frontier');
    assert.equal(model('llama-3.1-405b').qualityTier, 'frontier');
    assert.equal(model('llama-3.1-70b').qualityTier, 'strong');
    assert.equal(model('qwen-2.5-72b').qualityTier, 'strong');
  });
});

describe('catalog: lookups', () => {
  it('finds models by id, alias, LiteLLM key and display name, case-insensitively', () => {
    const cases: [string, string][] = [
      ['claude-3-5-sonnet-20241022', 'claude-3.5-sonnet'],
      ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3.5-sonnet'],
      ['GPT-4o', 'gpt-4o'],
      ['  gpt-4O ', 'gpt-4o'],
      ['gpt-4o-2024-08-06', 'gpt-4o'],
      ['openai/gpt-4o', 'gpt-4o'],
      ['Llama 3.1 405B', 'llama-3.1-405b'],
      ['meta-llama/Meta-Llama-3.1-70B-Instruct', 'llama-3.1-70b'],
      ['DeepSeek V3 API', 'deepseek-v3'],
      ['deepseek/deepseek-v3', 'deepseek-v3'],
      ['deepseek/deepseek-chat', 'deepseek-v3.2'],
      ['Qwen/Qwen2.5-72B-Instruct', 'qwen-2.5-72b'],
      ['xai/grok-3', 'grok-3'],
      ['gemini/gemini-2.5-pro', 'gemini-2.5-pro'],
      ['claude-opus-4-5', 'claude-opus-4.5'],
      ['Kimi  K2', 'kimi-k2'],
      ['gemini-2.0-flash', 'gemini-2.0'],
    ];
    for (const [written, id] of cases) assert.equal(findModel(written)?.id, id, written);
    assert.equal(findModel('gpt-4-o'), undefined);
    assert.equal(findModel(''), undefined);
  });

  it('resolves every id, name and alias back to its own model', () => {
    for (const m of catalog.models) {
      for (const key of [m.id, m.name, ...m.aliases]) assert.equal(findModel(key)?.id, m.id, `${key} → ${m.id}`);
    }
  });

  it('finds GPUs, quantizations and requirements', () => {
    assert.equal(findGpu('A100-80GB')?.bandwidthGBps, 2039);
    assert.equal(findGpu('nope'), undefined);
    assert.equal(findQuantization('INT4')?.bytesPerParam, 0.5);
    assert.equal(findQuantization('Q4_K_M')?.id, 'q4_k_m');
    assert.equal(findRequirement('context_1m')?.seedModels[0], 'gemini-2.0');
    assert.deepEqual(gpuIds(), ['a100-80gb', 'h100-80gb', 'h200-141gb', 'l40s-48gb', 'rtx-4090-24gb']);
    // The curated ids, then the serving weight formats' that are not among them.
    assert.deepEqual(quantizationIds(), ['fp16', 'bf16', 'fp8', 'int8', 'int4', 'int4-speculative', 'q4_k_m', 'q8_0', 'int8-w8a16', 'int4-awq', 'int4-gptq', 'mxfp4', 'nvfp4', 'gguf-q4_k_m', 'gguf-q5_k_m', 'gguf-q6_k', 'gguf-q8_0']);
    // A serving format by id or alias, at its own bits: AWQ is 4 + (16 + 4)/128 bits a weight.
    assert.equal(findQuantization('awq')?.id, 'int4-awq');
    assert.equal(findQuantization('int4-awq')?.bytesPerParam, 4.15625 / 8);
    assert.equal(findQuantization('NVFP4')?.bytesPerParam, 4.5 / 8);
    assert.equal(findQuantization('int4awq'), undefined);
  });

  it('suggests the closest id for a typo, and nothing for a stranger', () => {
    assert.equal(didYouMean('gpt-4-o', modelIds()), 'gpt-4o');
    assert.equal(didYouMean('GPT4o', modelIds()), 'gpt-4o');
    assert.equal(didYouMean('claude-3.5-sonet', modelIds()), 'claude-3.5-sonnet');
    assert.equal(didYouMean('llama-3.1-450b', modelIds()), 'llama-3.1-405b');
    assert.equal(didYouMean('h100-80g', gpuIds()), 'h100-80gb');
    assert.equal(didYouMean('int-4', quantizationIds()), 'int4');
    assert.equal(didYouMean('banana', modelIds()), undefined);
    assert.equal(didYouMean('', modelIds()), undefined);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});

describe('catalog: benchmarks and scores', () => {
  it('defines every benchmark id, with levels for the level benchmarks', () => {
    const ids: BenchmarkId[] = [
      'mmlu', 'humaneval', 'mbpp', 'gsm8k', 'math500', 'aime2024', 'gpqaDiamond', 'arcChallenge', 'harmfulRefusal',
      'jailbreakResistance', 'truthfulqa', 'calibration', 'instructionFollowing', 'toolUse', 'multiStepPlanning', 'selfCorrection', 'chinese',
    ];
    assert.deepEqual(catalog.benchmarks.map((b) => b.id).sort(), [...ids].sort());
    for (const b of catalog.benchmarks) {
      assert.equal(b.kind === 'level', Array.isArray(b.levels), b.id);
    }
  });

  const table: Partial<Record<BenchmarkId, Record<string, number>>> = {
    mmlu: { 'gpt-4o': 88.7, 'llama-3.1-405b': 88.6, 'deepseek-v3': 88.5, 'claude-3.5-sonnet': 88.3, 'qwen-2.5-72b': 85.3 },
    humaneval: { 'deepseek-v3': 92.7, 'claude-3.5-sonnet': 92.0, 'gpt-4o': 90.2, 'llama-3.1-405b': 89.0, 'qwen-2.5-72b': 86.6 },
    mbpp: { 'deepseek-v3': 90.1, 'gpt-4o': 88.5, 'qwen-2.5-72b': 88.2, 'claude-3.5-sonnet': 87.8, 'llama-3.1-405b': 82.4 },
    gsm8k: { 'deepseek-v3': 97.8, 'claude-3.5-sonnet': 96.4, 'gpt-4o': 95.8, 'llama-3.1-405b': 96.8 },
    math500: { 'deepseek-v3': 90.2, 'claude-3.5-sonnet': 78.3, 'gpt-4o': 76.6, 'llama-3.1-405b': 73.8 },
    aime2024: { 'deepseek-v3': 39.2, 'claude-3.5-sonnet': 16.0, 'gpt-4o': 26.7, 'llama-3.1-405b': 23.3 },
    gpqaDiamond: { 'claude-3.5-sonnet': 59.4, 'deepseek-v3': 59.1, 'gpt-4o': 53.6, 'llama-3.1-405b': 51.1 },
    arcChallenge: { 'gpt-4o': 96.4, 'claude-3.5-sonnet': 96.7, 'deepseek-v3': 95.2, 'llama-3.1-405b': 93.2 },
    harmfulRefusal: { 'claude-3.5-sonnet': 95, 'gpt-4o': 90, 'deepseek-v3': 75, 'llama-3.1-405b': 80 },
    truthfulqa: { 'claude-3.5-sonnet': 88.5, 'gpt-4o': 85.2, 'deepseek-v3': 82.0, 'llama-3.1-405b': 78.4 },
    toolUse: { 'claude-3.5-sonnet': 88, 'gpt-4o': 85, 'deepseek-v3': 78, 'llama-3.1-405b': 72 },
    multiStepPlanning: { 'claude-3.5-sonnet': 82, 'gpt-4o': 80, 'deepseek-v3': 74, 'llama-3.1-405b': 68 },
    selfCorrection: { 'claude-3.5-sonnet': 75, 'gpt-4o': 72, 'deepseek-v3': 65, 'llama-3.1-405b': 58 },
    chinese: { 'qwen-2.5-72b': 86.1, 'gpt-4o': 78.5 },
  };

  for (const [benchmark, expected] of Object.entries(table) as [BenchmarkId, Record<string, number>][]) {
    it(`pins every ${benchmark} figure of the article, and no other`, () => {
      for (const [id, value] of Object.entries(expected)) assert.equal(score(id, benchmark), value, `${id} ${benchmark}`);
      const present = Object.keys(catalog.scores).filter((id) => catalog.scores[id][benchmark] !== undefined).sort();
      assert.deepEqual(present, Object.keys(expected).sort());
    });
  }

  it('keeps the article\'s printed form of the safety figures', () => {
    const display = (id: string, b: BenchmarkId) => catalog.scores[id]?.[b]?.display;
    assert.deepEqual(
      ['claude-3.5-sonnet', 'gpt-4o', 'deepseek-v3', 'llama-3.1-405b'].map((id) => display(id, 'harmfulRefusal')),
      ['95%+', '90%+', '75%', '80%'],
    );
    assert.deepEqual(
      ['claude-3.5-sonnet', 'gpt-4o', 'deepseek-v3', 'llama-3.1-405b'].map((id) => display(id, 'jailbreakResistance')),
      ['High', 'High', 'Moderate', 'Moderate'],
    );
    assert.deepEqual(
      ['claude-3.5-sonnet', 'gpt-4o', 'deepseek-v3', 'llama-3.1-405b'].map((id) => display(id, 'calibration')),
      ['Strong', 'Good', 'Moderate', 'Weak'],
    );
    assert.deepEqual(
      ['claude-3.5-sonnet', 'gpt-4o', 'deepseek-v3', 'llama-3.1-405b'].map((id) => display(id, 'instructionFollowing')),
      ['Excellent', 'Excellent', 'Good', 'Good'],
    );
  });

  it('maps level words to their rank, higher is better', () => {
    assert.deepEqual([score('claude-3.5-sonnet', 'jailbreakResistance'), score('deepseek-v3', 'jailbreakResistance')], [3, 2]);
    assert.deepEqual(
      ['claude-3.5-sonnet', 'gpt-4o', 'deepseek-v3', 'llama-3.1-405b'].map((id) => score(id, 'calibration')),
      [4, 3, 2, 1],
    );
    assert.deepEqual([score('gpt-4o', 'instructionFollowing'), score('llama-3.1-405b', 'instructionFollowing')], [4, 3]);
  });

  it("keeps the gap table's instruction-following numbers beside the level words", () => {
    assert.equal(catalog.instructionFollowingGapScores['deepseek-v3'].value, 85);
    assert.equal(catalog.instructionFollowingGapScores['claude-3.5-sonnet'].value, 92);
    assert.deepEqual(Object.keys(catalog.instructionFollowingGapScores).sort(), ['claude-3.5-sonnet', 'deepseek-v3']);
  });

  it('documents the introduction\'s GPQA figures as a seed inconsistency', () => {
    assert.equal(INTRO_GPQA.closed, 53.6);
    assert.equal(INTRO_GPQA.open, 50.7);
    assert.equal(score(INTRO_GPQA.tableClosed.model, 'gpqaDiamond'), 59.4);
    assert.equal(score(INTRO_GPQA.tableOpen.model, 'gpqaDiamond'), 59.1);
    assert.match(INTRO_GPQA.explanation, /59\.4/);
    const note = seedNotes.find((n) => n.id === 'gpqa-intro');
    assert.ok(note);
    assert.match(note.seedSays, /53\.6% vs 50\.7%/);
  });

  it('holds every row of the MMLU gap history, with the article\'s gaps', () => {
    const rows = gapHistory.map((p) => [p.date, p.bestClosedMmlu, p.bestOpenMmlu, historyGap(p), p.bestOpenModel, !!p.projected]);
    assert.deepEqual(rows, [
      ['2023-03', 86.4, 70.0, 16.4, 'Llama 65B', false],
      ['2023-07', 86.4, 68.9, 17.5, 'Llama 2 70B', false],
      ['2024-01', 86.4, 75.0, 11.4, 'Mixtral 8x7B', false],
      ['2024-04', 87.0, 82.0, 5.0, 'Llama 3 70B', false],
      ['2024-07', 88.7, 88.6, 0.1, 'Llama 3.1 405B', false],
      ['2024-12', 88.7, 88.5, 0.2, 'DeepSeek V3', false],
      ['2025-06', 90.0, 89.5, 0.5, 'Estimated', true],
    ]);
    assert.deepEqual(gapHistory.map((p) => p.bestClosedModel), ['GPT-4', 'GPT-4', 'GPT-4', 'GPT-4 Turbo', 'GPT-4o', 'GPT-4o', 'Estimated']);
  });
});

describe('catalog: hardware', () => {
  it('prices the A100 at the article\'s spot price and gives its datasheet figures', () => {
    const a100 = findGpu('a100-80gb')!;
    assert.deepEqual([a100.memoryMiB, a100.bandwidthGBps, a100.bf16Tflops, a100.hourlyUsd], [81920, 2039, 312, 2.5]);
    assert.equal(a100.hourlyUsdSource?.source, SEED_SOURCE);
  });

  it('gives the other GPUs datasheet figures and a sourced rental price', () => {
    const figures = (id: string) => {
      const g = findGpu(id)!;
      return [g.memoryMiB, g.bandwidthGBps, g.bf16Tflops];
    };
    assert.deepEqual(figures('h100-80gb'), [81559, 3350, 989]);
    assert.deepEqual(figures('h200-141gb'), [143771, 4800, 989]);
    assert.deepEqual(figures('l40s-48gb'), [46068, 864, 362]);
    assert.deepEqual(figures('rtx-4090-24gb'), [24564, 1008, 165]);
    for (const g of catalog.gpus) {
      assert.ok(g.hourlyUsd > 0, g.id);
      assert.ok((g.hourlyUsdSource ?? g).source.length > 0, g.id);
    }
    assert.match(findGpu('h200-141gb')!.note ?? '', /143,771 MiB/);
  });

  it('sizes each GPU on the memory the device exposes, as the serving catalog measured it, not its marketed size', () => {
    const serving = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../src/engine/catalog/data/gpus.json'), 'utf8')) as { gpus: ServingGpu[] };
    for (const g of catalog.gpus) {
      const measured = serving.gpus.find((s) => s.id === (GPU_ALIASES.get(g.id) ?? g.id));
      assert.ok(measured, g.id);
      assert.equal(g.memoryMiB, measured.memoryMiB, g.id);
      assert.equal(g.memorySource, measured.memorySource, g.id);
    }
    // The L40S is sold as 48 GB and exposes 45 GiB: 48.3 GB to fill, not 51.5.
    assert.equal(formatGB(gpuMemoryGB(findGpu('l40s-48gb')!)), '48.3 GB');
    assert.equal(formatGB(gpuMemoryGB(findGpu('a100-80gb')!)), '85.9 GB');
  });

  it("holds the article’s quantization options", () => {
    const q = (id: string) => findQuantization(id)!;
    assert.deepEqual([q('fp16').bytesPerParam, q('bf16').bytesPerParam, q('fp8').bytesPerParam], [2, 2, 1]);
    assert.deepEqual(
      [q('int8').bytesPerParam, q('int8').qualityLossPct, q('int8').memoryReduction, q('int8').speedup, q('int8').method],
      [1, { min: 0.5, max: 1 }, 2, { min: 1.5, max: 2 }, 'GPTQ/AWQ'],
    );
    assert.deepEqual(
      [q('int4').bytesPerParam, q('int4').qualityLossPct, q('int4').memoryReduction, q('int4').speedup, q('int4').method],
      [0.5, { min: 1, max: 3 }, 4, { min: 2, max: 3 }, 'GPTQ/AWQ'],
    );
    assert.deepEqual(
      [q('int4-speculative').qualityLossPct, q('int4-speculative').qualityLossNote, q('int4-speculative').speedup],
      [{ min: 0, max: 0 }, '0% (verified by large model)', { min: 2, max: 4 }],
    );
    assert.equal(q('q4_k_m').bytesPerParam, 4.85 / 8);
    assert.equal(q('q8_0').bytesPerParam, 8.5 / 8);
    for (const id of ['q4_k_m', 'q8_0']) {
      assert.equal(q(id).qualityLossNote, 'Variable (Q2_K to Q8_0)');
      assert.equal(q(id).platformNote, 'CPU + GPU hybrid, any hardware');
      assert.equal(q(id).qualityLossPct, undefined);
    }
    for (const option of catalog.quantizations) assert.equal(option.availableForClosed, false, option.id);
  });

  it("holds the article’s four self-hosted setups exactly", () => {
    const rows = catalog.setups.map((s) => [s.name, s.model, s.gpu, s.gpus, s.quantization, s.throughputTps, s.throughputNote]);
    assert.deepEqual(rows, [
      ['Llama 3.1 70B (INT4, 1x A100)', 'llama-3.1-70b', 'a100-80gb', 1, 'int4', 25, 'batch 1'],
      ['DeepSeek V3 (INT4, 4x A100)', 'deepseek-v3', 'a100-80gb', 4, 'int4', 15, 'batch 1'],
      ['Llama 3.1 405B (FP16, 12x A100)', 'llama-3.1-405b', 'a100-80gb', 12, 'fp16', 30, 'batch 1'],
      ['Qwen 2.5 72B (INT4, 1x A100)', 'qwen-2.5-72b', 'a100-80gb', 1, 'int4', 22, 'batch 1'],
    ]);
    for (const s of catalog.setups) {
      assert.equal(s.source, SEED_SOURCE);
      assert.ok(findModel(s.model) && findGpu(s.gpu) && findQuantization(s.quantization), s.id);
    }
  });

  it("reproduces the article’s monthly tokens and costs for the setups ($2.50/h, 720 h)", () => {
    const monthly = catalog.setups.map((s) => [
      Math.round(((s.throughputTps * 3600 * 720) / 1e6) * 1000) / 1000,
      s.gpus * 2.5 * 720,
    ]);
    assert.deepEqual(monthly, [
      [64.8, 1800],
      [38.88, 7200],
      [77.76, 21600],
      [57.024, 1800],
    ]);
  });
});

describe('catalog: decisions and seed text', () => {
  const requirements = catalog.requirements;
  const ids: RequirementId[] = [
    'data_privacy', 'maximum_safety', 'best_math_code', 'chinese_language', 'budget_under_100',
    'context_1m', 'fine_tuning', 'quick_prototype', 'production_at_scale', 'agentic_tool_use',
  ];

  it('defines all ten requirements, naming only catalog models', () => {
    assert.deepEqual(requirements.map((r) => r.id), ids);
    for (const r of requirements) {
      assert.ok(r.seedAnswer && r.seedReason, r.id);
      for (const id of r.seedModels) assert.ok(catalog.models.some((m) => m.id === id), `${r.id}: ${id}`);
      assert.equal(r.kind === 'preference' && ['maximum_safety', 'best_math_code', 'chinese_language', 'agentic_tool_use'].includes(r.id), r.benchmarks.length > 0, r.id);
    }
  });

  it("records the decision framework's answers", () => {
    const answer = (id: RequirementId) => {
      const r = requirements.find((x) => x.id === id)!;
      return [r.seedAnswer, r.seedReason, r.kind];
    };
    assert.deepEqual(answer('data_privacy'), ['Open model (self-hosted)', 'Cannot send data to third-party API', 'constraint']);
    assert.deepEqual(answer('maximum_safety'), ['Claude (closed)', 'Best alignment, Constitutional AI', 'preference']);
    assert.deepEqual(answer('best_math_code'), ['DeepSeek V3 (open)', 'Leads on MATH-500 and HumanEval', 'preference']);
    assert.deepEqual(answer('chinese_language'), ['Qwen 2.5 (open)', 'Best CJK performance', 'preference']);
    assert.deepEqual(answer('budget_under_100'), ['DeepSeek V3 API or open model on consumer GPU', 'Cheapest options', 'constraint']);
    assert.deepEqual(answer('context_1m'), ['Gemini (closed)', 'Only model with 1M verified context', 'constraint']);
    assert.deepEqual(answer('fine_tuning'), ['Open model', 'Full control over training', 'constraint']);
    assert.deepEqual(answer('quick_prototype'), ['Closed API (any provider)', 'No infrastructure to manage', 'preference']);
    assert.deepEqual(answer('production_at_scale'), ['Open model (self-hosted)', 'Cost-effective at high volume', 'preference']);
  });

  it('records the decision matrix row by row', () => {
    const rows = requirements.filter((r) => seedDecisionMatrix[r.id]).map((r) => [r.id, seedDecisionMatrix[r.id]!.bestChoice, seedDecisionMatrix[r.id]!.specificModel, seedDecisionMatrix[r.id]!.reason, r.seedModels]);
    assert.deepEqual(rows, [
      ['data_privacy', 'Open (self-hosted)', 'Llama 3.1 70B/405B', 'No data leaves your infra', ['llama-3.1-70b', 'llama-3.1-405b']],
      ['maximum_safety', 'Closed', 'Claude 3.5 Sonnet', 'Best alignment', ['claude-3.5-sonnet']],
      ['best_math_code', 'Open', 'DeepSeek V3', 'Leads benchmarks', ['deepseek-v3']],
      ['chinese_language', 'Open', 'Qwen 2.5 72B', 'Best CJK quality', ['qwen-2.5-72b']],
      ['budget_under_100', 'Open API', 'DeepSeek V3 API', '$0.55/M tokens', ['deepseek-v3']],
      ['context_1m', 'Closed', 'Gemini 2.0', 'Only option', ['gemini-2.0']],
      ['fine_tuning', 'Open', 'Llama 3.1 / Qwen 2.5', 'Full weight access', ['llama-3.1-70b', 'llama-3.1-405b', 'qwen-2.5-72b']],
      ['quick_prototype', 'Closed API', 'Any provider', 'Zero infrastructure', ['gpt-4o', 'claude-3.5-sonnet', 'gemini-2.0', 'grok-3']],
    ]);
  });

  it("keeps the article’s prose as structured text", () => {
    const t = seedText;
    assert.equal(t.whyGapsPersist.length, 7);
    assert.equal(t.whyGapsPersist.filter((r) => r.closedLabs && r.openLabs).length, 4);
    assert.match(t.whyGapsPersist[0].closedLabs!, /100\+ people on alignment/);
    assert.deepEqual(t.openModelAdvantages.map((a) => a.id), ['fine_tuning', 'data_privacy', 'latency_control', 'customization', 'cost_at_scale', 'research_and_development']);
    assert.equal(t.openModelAdvantages[0].impact, '10-30% improvement on domain-specific tasks');
    assert.deepEqual(t.outlook.map((o) => o.confidence), ['Very high', 'High', 'High', 'High', 'Medium']);
    assert.equal(t.outlook[1].prediction, 'Closed models will maintain 10-15% safety advantage');
    assert.deepEqual(t.trajectoryChangers.map((c) => c.id), ['regulation_restricts_open_weights', 'breakthrough_in_efficient_alignment', 'new_architectural_paradigm', 'compute_becomes_abundant']);
    assert.deepEqual(t.startupAdvice.map((a) => a.id), ['default', 'safety_critical', 'budget_constrained', 'need_customization']);
    assert.match(t.startupAdvice[2].text, /Qwen 2\.5 7B or Llama 3 8B/);
    assert.deepEqual(t.enterpriseAdvice.map((a) => a.id), ['regulated_industry', 'general_purpose', 'high_volume', 'multilingual_global']);
    assert.match(t.whenSelfHostingMakesSense, /50M\+ tokens\/month/);
    assert.equal(t.convergence?.universal.length, 5);
    assert.equal(t.convergence?.differentiating.length, 5);
    assert.match(t.safetyWarning ?? '', /healthcare, legal, education for minors/);
  });

  it("documents the article’s errors, including those in the design notes", () => {
    const ids = seedNotes.map((n) => n.id);
    for (const id of ['self-hosted-cost-per-1k', 'crossover-four-gpus', 'gpt-4o-blend', 'deepseek-int4-4xa100-fit', 'gpqa-intro', 'mmlu-best-open']) {
      assert.ok(ids.includes(id), id);
    }
    assert.equal(new Set(ids).size, ids.length);
    for (const n of seedNotes) assert.ok(n.where && n.seedSays && n.correction, n.id);
  });

  it('states the per-1K-token error with the figures its own formula gives', () => {
    const note = seedNotes.find((n) => n.id === 'self-hosted-cost-per-1k')!;
    const perM = catalog.setups.map((s) => (s.gpus * 2.5 * 720) / ((s.throughputTps * 3600 * 720) / 1e6));
    assert.deepEqual(perM.map((v) => v.toFixed(2)), ['27.78', '185.19', '277.78', '31.57']);
    for (const v of perM) assert.ok(note.correction.includes(`$${v.toFixed(2)}/M`), v.toFixed(2));
  });
});

describe('catalog: purity', () => {
  it('imports no vscode, file system or network module', () => {
    const root = path.resolve(__dirname, '../../../src/engine');
    const files = [...fs.readdirSync(path.join(root, 'catalog')).map((f) => path.join(root, 'catalog', f)), path.join(root, 'decide', 'decide.ts')];
    assert.ok(files.length >= 6);
    for (const file of files.filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /from '(vscode|(node:)?(fs|http|https|net|child_process))'/, file);
    }
  });
});

describe('catalog: the curated file', () => {
  const file = path.resolve(__dirname, '../../../src/engine/catalog/data/curated.json');
  const raw = () => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;

  it('validates against its schema, and is the catalog the engine uses', () => {
    const parsed = parseCurated(raw());
    assert.equal(parsed.models.length, catalog.models.length);
    assert.deepEqual(parsed.models.map((m) => m.id), catalog.models.map((m) => m.id));
    assert.equal(parsed.gpus.length, catalog.gpus.length);
    assert.deepEqual(parsed.requirements.map((r) => r.id), catalog.requirements.map((r) => r.id));
  });

  it('rejects a broken file, naming the place at fault', () => {
    const broken = (change: (json: Record<string, any>) => void) => {
      const json = raw();
      change(json);
      return () => parseCurated(json);
    };
    assert.throws(broken((j) => (j.models[0].price.inputPerMillionUsd = -1)), /models\.0\.price\.inputPerMillionUsd/);
    assert.throws(broken((j) => (j.models[0].extra = 1)), /models\.0/);
    assert.throws(broken((j) => (j.setups[0].gpu = 'no-such-gpu')), /setup .*unknown gpu no-such-gpu/);
    assert.throws(broken((j) => (j.requirements[0].benchmarks = ['nope'])), /unknown benchmark nope/);
    assert.throws(broken((j) => j.models.push(j.models[0])), /model gpt-4o appears twice/);
    assert.throws(broken((j) => (j.scores['no-model'] = {})), /scores: unknown model no-model/);
    assert.throws(() => parseCurated(null), /curated catalog/);
  });

  it('ships beside the bundles: the desktop host and the CLI carry none of it inline', () => {
    const dist = path.resolve(__dirname, '../../../dist');
    assert.ok(fs.existsSync(path.join(dist, 'features.js')), 'the bundles are built (node esbuild.mjs) before the unit tier');
    // The desktop host's engine (dist/engine.js, which the features load on first use) and the CLI.
    for (const bundle of ['engine', 'cli']) {
      const text = fs.readFileSync(path.join(dist, `${bundle}.js`), 'utf8');
      // The curated file's part of the bundle is the line that reads it (the article's prose,
      // which names models too, is not the catalog's data).
      const meta = JSON.parse(fs.readFileSync(path.join(dist, `${bundle}.meta.json`), 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
      const curatedBytes = meta.outputs[`dist/${bundle}.js`]!.inputs['src/engine/catalog/data/curated.json']!.bytesInOutput;
      assert.ok(curatedBytes < 400, `${bundle}.js has no curated card inline (${curatedBytes} bytes of curated.json)`);
      assert.doesNotMatch(text, /"paramsB":|paramsB:70/, `${bundle}.js has no card's fields`);
      assert.match(text, /catalog.{0,12}curated\.json/, `${bundle}.js reads the copy beside it`);
    }
    assert.doesNotMatch(fs.readFileSync(path.join(dist, 'features.js'), 'utf8'), /Claude 3\.5 Sonnet|curated\.json/, 'features.js has no catalog at all');
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dist, 'catalog', 'curated.json'), 'utf8')), raw());
  });
});
