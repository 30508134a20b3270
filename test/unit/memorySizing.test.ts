/**
 * One memory model per setup. Where the serving model knows the open model and the GPU, it
 * alone decides the fit, writes the memory figures and the explanation, and finds the fixes
 * of a setup that does not fit; the simple estimate (the article's) sizes only what it does not
 * know. Real catalog files, no mocks; every figure shown is pinned.
 */
import * as assert from 'node:assert/strict';
import { applyEdits, modify } from 'jsonc-parser';
import { analyze, explanationLines, type Analysis, type Finding } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { prepareReplica } from '../../src/engine/sizing/serving/replica';
import { findServingGpu, isSizable } from '../../src/engine/sizing/serving/gpus';
import { findOpenModel } from '../../src/engine/sizing/serving/models';
import { findWeightFormat } from '../../src/engine/sizing/serving/quantization';

const cat = cliCatalog().catalog;

interface Setup {
  model: string;
  gpu: string;
  gpus: number;
  quantization: string;
}

function config(s: Setup, assumptions: Record<string, unknown> = {}): string {
  // The file prices the L4, as a user would: a price the file gives comes before any offer, so these figures do not move with the offers.
  return JSON.stringify(
    { assumptions: { gpuPrices: { l4: 0.8 }, ...assumptions }, workloads: [{ name: 'w', model: s.model, monthlyTokens: '100M', deployment: { selfHosted: { gpu: s.gpu, gpus: s.gpus, quantization: s.quantization } } }] },
    null,
    2,
  );
}

/** The serving model's replica of a setup, prepared here from the catalog files as the CLI's `estimate` does. */
function replicaOf(s: Setup) {
  const lookup = findOpenModel(s.model, cat);
  assert.ok('model' in lookup, s.model);
  const gpu = findServingGpu(s.gpu, cat.servingGpus!);
  assert.ok(gpu && isSizable(gpu), s.gpu);
  const weights = findWeightFormat(s.quantization)!;
  return prepareReplica({ model: lookup.model, gpu, gpus: s.gpus, weights, kvCache: 'fp16', shape: { inputTokens: 500, outputTokens: 500 }, usage: 'server' });
}

const linesOf = (a: Analysis) => explanationLines(a.workloads[0]!.explanation);
const startingWith = (lines: string[], prefix: string) => lines.filter((l) => l.startsWith(prefix));
const doesNotFit = (a: Analysis): Finding | undefined => a.findings.find((f) => f.code === 'does-not-fit');

const fitting: { setup: Setup; weights: string; kv: string; memory: string }[] = [
  {
    setup: { model: 'deepseek-ai/DeepSeek-V3', gpu: 'h200', gpus: 8, quantization: 'fp8' },
    weights: 'weights = 669B params × 8.01 bits (FP8 (W8A8, e4m3)) + 1.85B kept at 16-bit (embeddings, lm_head) = 673.5 GB',
    kv: 'KV cache: KV cache in 16-bit (2 bytes a value); 70.83 MB per sequence of 1,000 tokens × 8 copies (the MLA latent is replicated on every GPU) × 697 concurrent = 395 GB',
    memory: 'memory: 673.5 GB weights + 395 GB KV + 137.5 GB workspace and 10% reserve = 1,206 GB of 8 × 150.8 GB = 1,206 GB; at most 697 such requests fit',
  },
  {
    setup: { model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'l4', gpus: 1, quantization: 'fp16' },
    weights: 'weights = 8B params × 16 bits (BF16) = 16 GB',
    kv: 'KV cache: KV cache in 16-bit (2 bytes a value); 132 MB per sequence of 1,000 tokens × 33 concurrent = 4.4 GB',
    memory: 'memory: 16 GB weights + 4.4 GB KV + 3.8 GB workspace and 10% reserve = 24.1 GB of 1 × 24.2 GB = 24.2 GB; at most 33 such requests fit',
  },
  {
    setup: { model: 'meta-llama/Llama-3.1-70B-Instruct', gpu: 'h100-sxm', gpus: 2, quantization: 'fp8' },
    weights: 'weights = 67.9B params × 8.01 bits (FP8 (W8A8, e4m3)) + 2.1B kept at 16-bit (embeddings, lm_head) = 72.2 GB',
    kv: 'KV cache: KV cache in 16-bit (2 bytes a value); 330 MB per sequence of 1,000 tokens × 230 concurrent = 76 GB',
    memory: 'memory: 72.2 GB weights + 76 GB KV + 22.6 GB workspace and 10% reserve = 170.8 GB of 2 × 85.5 GB = 171 GB; at most 230 such requests fit',
  },
  {
    // The article's own row (25 tok/s at batch 1): its throughput is the article's, its memory the serving model's at that one request.
    setup: { model: 'meta-llama/Llama-3.1-70B-Instruct', gpu: 'a100-80gb', gpus: 1, quantization: 'int4' },
    weights: 'weights = 67.9B params × 4.16 bits (INT4 AWQ (group 128)) + 2.1B kept at 16-bit (embeddings, lm_head) = 39.5 GB',
    kv: 'KV cache: KV cache in 16-bit (2 bytes a value); 330 MB per sequence of 1,000 tokens × 1 concurrent = 0.3 GB',
    memory: 'memory: 39.5 GB weights + 0.3 GB KV + 10.2 GB workspace and 10% reserve = 50 GB of 1 × 85.9 GB = 85.9 GB; at most 109 such requests fit',
  },
];

describe('one memory model per setup: the serving model where it knows the model and the GPU', () => {
  for (const { setup, weights, kv, memory } of fitting) {
    const name = `${setup.model} on ${setup.gpus}× ${setup.gpu} at ${setup.quantization}`;
    it(`${name}: one weights line, one KV-cache figure, one memory line, and the serving model's verdict`, () => {
      const a = analyze(config(setup), { catalog: cat });
      const lines = linesOf(a);
      assert.deepEqual(startingWith(lines, 'weights'), [weights]);
      assert.deepEqual(startingWith(lines, 'KV cache'), [kv]);
      assert.deepEqual(startingWith(lines, 'memory'), [memory]);
      // No second estimate anywhere: the simple estimate's lines are absent.
      assert.deepEqual(lines.filter((l) => /runtime reserve =|available =|params × bytes\/param|simple estimate/.test(l)), []);
      const replica = replicaOf(setup);
      const s = a.workloads[0]!.selfHost!;
      // The concurrency needed is the file's (1 here): the verdict is the serving model's.
      assert.equal(s.fits, replica.maxConcurrency >= 1);
      assert.equal(s.fits, true);
      assert.equal(s.memoryAvailableGB, replica.memoryAvailableBytes / 1e9);
      assert.equal(doesNotFit(a), undefined);
    });
  }

  it('the lens and the finding of a setup that does not fit give the serving model’s needed and available GB', () => {
    const setup = { model: 'deepseek-ai/DeepSeek-V3', gpu: 'h200', gpus: 4, quantization: 'fp8' };
    const a = analyze(config(setup), { catalog: cat });
    const replica = replicaOf(setup);
    assert.equal(replica.maxConcurrency, 0);
    const s = a.workloads[0]!.selfHost!;
    assert.equal(s.fits, false);
    assert.equal(s.memoryNeededGB, replica.memoryNeededBytes(1) / 1e9);
    assert.equal(s.memoryAvailableGB, replica.memoryAvailableBytes / 1e9);
    assert.equal(a.workloads[0]!.monthlyCostUsd, null);
    assert.ok(a.lenses.some((l) => l.title === 'does not fit — needs 743 GB of 603 GB'), a.lenses.map((l) => l.title).join('\n'));
    const f = doesNotFit(a)!;
    assert.equal(f.message, 'DeepSeek V3 at fp8 does not fit in 4× NVIDIA H200 141GB (SXM): it needs 743 GB (weights 673.5 GB + KV cache 0.3 GB + runtime reserve 69.2 GB) of 603 GB.');
    assert.deepEqual(
      f.fixes!.map((x) => x.title),
      ['Use int4 (INT4 (GPTQ/AWQ)) to fit 4× h200-141gb', 'Use 8× h200-141gb per replica'],
    );
    const lines = linesOf(a);
    assert.deepEqual(startingWith(lines, 'memory'), ['memory: 673.5 GB weights + 0.3 GB KV + 69.2 GB workspace and 10% reserve = 743 GB of 4 × 150.8 GB = 603 GB; at most 0 such requests fit']);
    assert.ok(lines.includes('does not fit: the weights and workspace alone exceed the memory'));
  });

  const unfit: { setup: Setup; assumptions?: Record<string, unknown>; message: string; fixes: string[] }[] = [
    {
      setup: { model: 'deepseek-ai/DeepSeek-V3', gpu: 'h200', gpus: 4, quantization: 'fp8' },
      message: 'needs 743 GB (weights 673.5 GB + KV cache 0.3 GB + runtime reserve 69.2 GB) of 603 GB',
      fixes: ['Use int4 (INT4 (GPTQ/AWQ)) to fit 4× h200-141gb', 'Use 8× h200-141gb per replica'],
    },
    {
      setup: { model: 'meta-llama/Llama-3.1-70B-Instruct', gpu: 'a100-80gb', gpus: 1, quantization: 'fp16' },
      message: 'needs 150.5 GB (weights 140 GB + KV cache 0.3 GB + runtime reserve 10.2 GB) of 85.9 GB',
      // fp8 is the next smaller format, but the A100 has no FP8 tensor cores: the serving model does not run it.
      fixes: ['Use int8 (INT8 (GPTQ/AWQ)) to fit 1× a100-80gb', 'Use 2× a100-80gb per replica'],
    },
    {
      // It fits, but not the 64 requests the file says run at once: at most 33.
      setup: { model: 'meta-llama/Llama-3.1-8B-Instruct', gpu: 'l4', gpus: 1, quantization: 'fp16' },
      assumptions: { concurrency: 64 },
      message: 'needs 28.2 GB (weights 16 GB + KV cache 8.5 GB + runtime reserve 3.8 GB) of 24.2 GB',
      fixes: ['Use fp8 (FP8) to fit 1× l4', 'Use 2× l4 per replica'],
    },
  ];

  for (const { setup, assumptions, message, fixes } of unfit) {
    it(`${setup.model} on ${setup.gpus}× ${setup.gpu} at ${setup.quantization}${assumptions ? ` at ${JSON.stringify(assumptions)}` : ''}: does not fit by the serving model, and each fix fits by it`, () => {
      const text = config(setup, assumptions);
      const a = analyze(text, { catalog: cat });
      const f = doesNotFit(a)!;
      assert.ok(f, 'a does-not-fit finding');
      assert.ok(f.message.includes(message), f.message);
      assert.deepEqual(f.fixes!.map((x) => x.title), fixes);
      const needed = (assumptions?.concurrency as number | undefined) ?? 1;
      assert.ok(replicaOf(setup).maxConcurrency < needed);
      for (const fix of f.fixes!) {
        let fixed = text;
        for (const e of fix.edits) fixed = applyEdits(fixed, modify(fixed, e.path, e.value, {}));
        const after = analyze(fixed, { catalog: cat });
        assert.equal(doesNotFit(after), undefined, fix.title);
        const written = (JSON.parse(fixed) as { workloads: { deployment: { selfHosted: Setup } }[] }).workloads[0]!.deployment.selfHosted;
        assert.ok(replicaOf({ ...setup, ...written }).maxConcurrency >= needed, fix.title);
        assert.equal(after.workloads[0]!.selfHost!.fits, true, fix.title);
      }
    });
  }

  it('a project’s own model, which the serving model does not know, is sized by the simple estimate, and says so', () => {
    const text = JSON.stringify({
      models: [{ id: 'internal-7b', paramsB: 7, layers: 32, kvHeads: 8, headDim: 128, contextTokens: 32768 }],
      workloads: [{ name: 'w', model: 'internal-7b', monthlyTokens: '100M', deployment: { selfHosted: { gpu: 'l40s-48gb' } } }],
    });
    const a = analyze(text, { catalog: cat });
    const lines = linesOf(a);
    assert.deepEqual(lines.filter((l) => l.startsWith('memory') || l.startsWith('weights') || l.startsWith('KV cache')), [
      'memory by the simple estimate (params × bytes per param, a KV cache of contextTokens × concurrency, a tenth kept back): the serving model does not size internal-7b at fp16 on l40s-48gb',
      'weights = params × bytes/param = 7B × 2 (fp16) = 14 GB',
      'KV cache = 2 × layers × kv_heads × head_dim × 2 bytes × context × concurrency = 2 × 32 × 8 × 128 × 2 × 8,192 × 1 = 1.1 GB',
      'memory: needs 19.9 GB of 48.3 GB → fits',
    ]);
  });
});
