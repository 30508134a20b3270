/**
 * Weight formats with the bytes they really take, and the KV-cache dtypes.
 *
 * A quantized export stores its linear layers in the format and keeps some parts at 16-bit
 * (the model record's quantization.keepUnquantized: embeddings and lm_head for GPTQ, AWQ and
 * FP8 exports; attention and router too for gpt-oss's MXFP4). So
 *
 *   weight bytes = quantized params × bytes/param + unquantized params × 2.
 *
 * GGUF is the exception: llama.cpp quantizes token_embd and output too (at its own mixture
 * of types), and its bits per weight are measured over the whole file, so they apply to
 * every parameter.
 */
import type { OpenModel } from '../../catalog/data/openModels';
import type { ServingGpu } from './gpus';
import { formatSupport, type Framework } from './formatSupport';

/** The precision the matrix multiplies run at: it picks the GPU's peak, and the GPU must have it (fp8, fp4, int8 tensor cores). */
export type ComputePrecision = 'bf16' | 'fp8' | 'fp4' | 'int8';

export interface WeightFormat {
  id: string;
  name: string;
  /** Bits per stored weight, scales and zero points included. */
  bitsPerWeight: number;
  /** 'linear': the parts in keepUnquantized stay 16-bit. 'all': the bits cover the whole file (GGUF). */
  appliesTo: 'linear' | 'all';
  /** What the tensor cores run: activations stay 16-bit in weight-only formats (w4a16, w8a16). */
  compute: ComputePrecision;
  /** Served by throughput engines (vLLM, SGLang, TensorRT-LLM); GGUF is llama.cpp's. */
  batchServing: boolean;
  /** Why the bits are what they are, with the source. */
  basis: string;
  aliases: readonly string[];
}

const LLAMA_CPP_BPW =
  'llama.cpp tools/quantize/README.md, bits/weight measured on Llama 3.1 8B (https://github.com/ggml-org/llama.cpp/blob/311c2c9f0ebd6e08f5b20e8827c654cebb7a41d6/tools/quantize/README.md)';

export const WEIGHT_FORMATS: readonly WeightFormat[] = [
  {
    id: 'bf16',
    name: 'BF16',
    bitsPerWeight: 16,
    appliesTo: 'all',
    compute: 'bf16',
    batchServing: true,
    basis: 'the format most open weights are released in',
    aliases: ['bfloat16', 'fp16', 'float16', 'f16', 'half'],
  },
  {
    id: 'fp8',
    name: 'FP8 (W8A8, e4m3)',
    // One fp32 scale per output channel: 32 bits over a row of ≥ 4,096 weights.
    bitsPerWeight: 8 + 32 / 4096,
    appliesTo: 'linear',
    compute: 'fp8',
    batchServing: true,
    basis: '8-bit e4m3 weights with a per-channel fp32 scale (vLLM fp8 / llm-compressor FP8_DYNAMIC); lm_head and embeddings stay BF16',
    aliases: ['fp8-dynamic', 'w8a8-fp8', 'fp8-e4m3'],
  },
  {
    id: 'int8',
    name: 'INT8 (W8A8, SmoothQuant)',
    bitsPerWeight: 8 + 32 / 4096,
    appliesTo: 'linear',
    compute: 'int8',
    batchServing: true,
    basis: 'int8 weights with a per-channel scale, int8 activations (llm-compressor W8A8): runs on int8 tensor cores',
    aliases: ['w8a8', 'int8-w8a8', 'w8a8-int8'],
  },
  {
    id: 'int8-w8a16',
    name: 'INT8 weight-only (W8A16)',
    bitsPerWeight: 8 + 32 / 4096,
    appliesTo: 'linear',
    compute: 'bf16',
    batchServing: true,
    basis: 'int8 weights dequantized in the kernel (Marlin); the multiplies run at 16-bit',
    aliases: ['w8a16'],
  },
  {
    id: 'int4-awq',
    name: 'INT4 AWQ (group 128)',
    // AutoAWQ's GEMM layout: per group of 128 weights of an output column, one fp16 scale and
    // one 4-bit zero point packed eight to an int32 (qzeros), so 4 + (16 + 4)/128 bits.
    // https://github.com/casper-hansen/AutoAWQ/blob/030fe2a15b959425d278de8121f03ed895e3b10c/awq/modules/linear/gemm.py
    bitsPerWeight: 4 + 20 / 128,
    appliesTo: 'linear',
    compute: 'bf16',
    batchServing: true,
    basis: '4-bit weights, fp16 scale and packed 4-bit zero per group of 128 (AutoAWQ WQLinear_GEMM; AWQ, arXiv 2306.00978)',
    aliases: ['awq', 'int4', 'w4a16', 'int4-w4a16', 'awq-int4'],
  },
  {
    id: 'int4-gptq',
    name: 'INT4 GPTQ (group 128)',
    // The GPTQ layout also packs zero points eight to an int32 next to fp16 scales; act-order's
    // g_idx adds one int32 per input row, shared by every output column (negligible).
    bitsPerWeight: 4 + 20 / 128,
    appliesTo: 'linear',
    compute: 'bf16',
    batchServing: true,
    basis: '4-bit weights, fp16 scale and packed 4-bit zero per group of 128 (GPTQ qweight/qzeros/scales, run by Marlin kernels)',
    aliases: ['gptq', 'gptq-int4'],
  },
  {
    id: 'mxfp4',
    name: 'MXFP4',
    // OCP Microscaling: 4-bit e2m1 elements sharing one 8-bit e8m0 scale per block of 32.
    bitsPerWeight: 4 + 8 / 32,
    appliesTo: 'linear',
    compute: 'bf16',
    batchServing: true,
    basis: 'OCP Microscaling MXFP4: e2m1 values with an e8m0 scale per 32; gpt-oss ships its experts so (60.8 GiB for gpt-oss-120b)',
    aliases: ['mx-fp4'],
  },
  {
    id: 'nvfp4',
    name: 'NVFP4 (W4A4)',
    // e2m1 values with one e4m3 scale per block of 16, and an fp32 scale per tensor: 4 + 8/16.
    bitsPerWeight: 4 + 8 / 16,
    appliesTo: 'linear',
    compute: 'fp4',
    batchServing: true,
    basis: 'NVIDIA NVFP4: e2m1 values with an e4m3 scale per block of 16 (4.5 bits), run on Blackwell FP4 tensor cores (https://modal.com/llm-almanac/block-quants)',
    aliases: ['fp4', 'nv-fp4', 'w4a4-nvfp4'],
  },
  {
    id: 'gguf-q4_k_m',
    name: 'GGUF Q4_K_M',
    bitsPerWeight: 4.8944,
    appliesTo: 'all',
    compute: 'bf16',
    batchServing: false,
    basis: LLAMA_CPP_BPW,
    aliases: ['q4_k_m', 'q4-k-m'],
  },
  {
    id: 'gguf-q5_k_m',
    name: 'GGUF Q5_K_M',
    bitsPerWeight: 5.7036,
    appliesTo: 'all',
    compute: 'bf16',
    batchServing: false,
    basis: LLAMA_CPP_BPW,
    aliases: ['q5_k_m', 'q5-k-m'],
  },
  {
    id: 'gguf-q6_k',
    name: 'GGUF Q6_K',
    bitsPerWeight: 6.5633,
    appliesTo: 'all',
    compute: 'bf16',
    batchServing: false,
    basis: LLAMA_CPP_BPW,
    aliases: ['q6_k', 'q6-k'],
  },
  {
    id: 'gguf-q8_0',
    name: 'GGUF Q8_0',
    // 32 int8 values and one fp16 scale per block: 8 + 16/32.
    bitsPerWeight: 8.5,
    appliesTo: 'all',
    compute: 'bf16',
    batchServing: false,
    basis: `8-bit values with one fp16 scale per block of 32; ${LLAMA_CPP_BPW} gives 8.5008`,
    aliases: ['q8_0', 'q8-0'],
  },
];

const formatIndex = new Map<string, WeightFormat>();
for (const f of WEIGHT_FORMATS) formatIndex.set(f.id, f);
for (const f of WEIGHT_FORMATS) for (const a of f.aliases) if (!formatIndex.has(a)) formatIndex.set(a, f);

/** A weight format by id or alias ("awq", "q4_k_m", "fp16"), case aside. */
export function findWeightFormat(id: string): WeightFormat | undefined {
  return formatIndex.get(id.trim().toLowerCase());
}

export function bytesPerParam(format: WeightFormat): number {
  return format.bitsPerWeight / 8;
}

export type KvCacheDtype = 'fp16' | 'fp8';

export const KV_CACHE_DTYPES: readonly KvCacheDtype[] = ['fp16', 'fp8'];

export function kvBytesPerValue(dtype: KvCacheDtype): number {
  return dtype === 'fp8' ? 1 : 2;
}

export function findKvCacheDtype(id: string): KvCacheDtype | undefined {
  const k = id.trim().toLowerCase();
  if (k === 'fp16' || k === 'bf16' || k === 'auto') return 'fp16';
  if (k === 'fp8' || k === 'fp8_e4m3' || k === 'fp8-e4m3' || k === 'fp8_e5m2' || k === 'fp8-e5m2') return 'fp8';
  return undefined;
}

/** What a KV dtype means on a GPU: fp8 is stored at one byte; without FP8 hardware the attention kernel converts it back to 16-bit. */
export function kvCacheNote(dtype: KvCacheDtype, gpu: ServingGpu): string {
  if (dtype === 'fp16') return 'KV cache in 16-bit (2 bytes a value)';
  return gpu.fp8Tflops === null
    ? `KV cache in fp8 (1 byte a value), emulated: ${gpu.name} has no FP8 tensor cores, so the attention kernel converts it to 16-bit as it reads (memory halves, the math does not speed up)`
    : 'KV cache in fp8 (1 byte a value)';
}

/**
 * Whether the serving model estimates the format on the GPU: the framework runs it there (see
 * formatSupport.ts: vLLM runs no AWQ or GPTQ on AMD GPUs, and no FP8 MoE below SM 8.9), and
 * the GPU has the tensor cores its multiplies need (a null peak: none, or none on record).
 * FP8 on Ampere runs, as weight-only FP8 Marlin, but is not estimated yet: not supported here.
 */
export function formatSupported(format: WeightFormat, gpu: ServingGpu, moe = false, framework: Framework = 'vllm'): boolean {
  if (formatSupport(format.id, gpu.id, framework, moe).support === 'unsupported') return false;
  if (format.compute === 'fp8') return gpu.fp8Tflops !== null;
  if (format.compute === 'fp4') return gpu.fp4Tflops !== null;
  if (format.compute === 'int8') return gpu.int8Tops !== null;
  return true;
}

/** Attention projection parameters per layer (q, k, v, o; or MLA's low-rank projections). */
export function attentionParamsPerLayer(model: OpenModel): number {
  const a = model.attention;
  const h = model.hiddenSize;
  if (a.kind === 'mla') {
    const qk = (a.qkNopeHeadDim ?? model.headDim) + a.qkRopeHeadDim!;
    const v = a.vHeadDim ?? model.headDim;
    const q = a.qLoraRank ? h * a.qLoraRank + a.qLoraRank * model.attentionHeads * qk : h * model.attentionHeads * qk;
    const kv = h * (a.kvLoraRank! + a.qkRopeHeadDim!) + a.kvLoraRank! * model.attentionHeads * ((a.qkNopeHeadDim ?? model.headDim) + v);
    return q + kv + model.attentionHeads * v * h;
  }
  const q = model.attentionHeads * model.headDim;
  const kv = model.kvHeads * model.headDim;
  return h * (2 * q + 2 * kv);
}

/** Layers whose MLP is a mixture of experts. */
export function moeLayers(model: OpenModel): number {
  if (!model.experts) return 0;
  if (model.moeLayerInterval) return Math.floor(model.layers / model.moeLayerInterval);
  return model.layers - (model.firstKDenseReplace ?? 0);
}

/**
 * Parameters of one routed expert summed over all MoE layers, from the card's own counts:
 * total = rest + E × x and active = rest + k × x give x = (total − active) / (E − k). It
 * agrees with 3 × hidden × moe_intermediate × MoE layers within 2% for every MoE record
 * (DeepSeek V3: 2.556B against 2.554B), and keeps total and active consistent by construction.
 */
export function expertParamsAcrossLayers(model: OpenModel): number {
  if (!model.experts || !model.expertsPerToken || model.experts === model.expertsPerToken) return 0;
  return ((model.totalParamsB - model.activeParamsB) * 1e9) / (model.experts - model.expertsPerToken);
}

export interface WeightBreakdown {
  /** Bytes of all weights as stored. */
  totalBytes: number;
  /** Parameters stored at 16-bit because the export keeps them so. */
  unquantizedParams: number;
  /** Parameters stored in the format. */
  quantizedParams: number;
  /** Bytes of one routed expert across all MoE layers (0 for a dense model). */
  expertBytes: number;
  /** Bytes of the input embedding matrix, which decode gathers rows of rather than reads (0 when tied to lm_head). */
  inputEmbeddingBytes: number;
  /** Which parts stayed 16-bit. */
  keptParts: string[];
}

/** The stored weights of `model` in `format`, split the way decode reads them. */
export function weightBreakdown(model: OpenModel, format: WeightFormat): WeightBreakdown {
  const total = model.totalParamsB * 1e9;
  const perParam = bytesPerParam(format);
  const matrix = model.vocabSize * model.hiddenSize;
  const expertParams = expertParamsAcrossLayers(model);
  if (format.appliesTo === 'all') {
    return {
      totalBytes: total * perParam,
      unquantizedParams: 0,
      quantizedParams: total,
      expertBytes: expertParams * perParam,
      inputEmbeddingBytes: model.tieWordEmbeddings === true ? 0 : matrix * perParam,
      keptParts: [],
    };
  }
  const kept = model.quantization.keepUnquantized;
  let unquantized = 0;
  const keptParts: string[] = [];
  if (kept.includes('embeddings')) {
    unquantized += matrix;
    keptParts.push('embeddings');
  }
  // A tied lm_head is the embedding matrix, already counted.
  if (kept.includes('lm_head') && model.tieWordEmbeddings !== true) {
    unquantized += matrix;
    keptParts.push('lm_head');
  }
  if (kept.includes('attention')) {
    unquantized += model.layers * attentionParamsPerLayer(model);
    keptParts.push('attention');
  }
  if (kept.includes('router') && model.experts) {
    unquantized += moeLayers(model) * model.experts * model.hiddenSize;
    keptParts.push('router');
  }
  // A card's rounded total can undercut the counted parts of a small model.
  unquantized = Math.min(unquantized, total);
  const quantized = total - unquantized;
  const inputEmbeddingPerParam = kept.includes('embeddings') ? 2 : perParam;
  return {
    totalBytes: quantized * perParam + unquantized * 2,
    unquantizedParams: unquantized,
    quantizedParams: quantized,
    expertBytes: expertParams * perParam,
    inputEmbeddingBytes: model.tieWordEmbeddings === true ? 0 : matrix * inputEmbeddingPerParam,
    keptParts,
  };
}
