/**
 * A two-phase serving model of one replica: a model on N GPUs of one kind (tensor parallel),
 * in a weight format, with a KV-cache dtype, serving C concurrent requests of a given shape
 * with continuous batching, as vLLM and SGLang do.
 *
 * - Memory: weights + every sequence's KV cache at its full length + a workspace per GPU must
 *   fit in gpu_memory_utilization (0.9) of the memory; the largest C that fits is reported.
 * - Prefill is compute-bound: 2 × active params FLOPs per prompt token plus attention, at
 *   PREFILL_MFU of the dense peak at the format's precision.
 * - A decode step reads the weights it needs (dense: all; MoE: the shared part plus the
 *   experts the batch's tokens touch) and every sequence's KV cache at its average length, at
 *   BANDWIDTH_EFFICIENCY of the bandwidth, and cannot beat its FLOPs at DECODE_MFU.
 * - Tensor parallel divides both by N and adds two all-reduces a layer.
 * - Continuous batching: each step also carries the prefill of the requests that replace the
 *   finished ones, which lengthens the step (TPOT) while the prefill fills the compute that a
 *   memory-bound step leaves idle.
 *
 * Plain data in, plain data out: the result's `lines` explain every number for a hover.
 */
import type { OpenModel } from '../../catalog/data/openModels';
import { kvCacheBytes } from '../modelBytes';
import { formatGB, formatNumber } from '../../pricing/cost';
import { gb as gbValue, step, stepText, type TextStep } from '../../present/explanation';
import { gpuMemoryBytes, isSizable, missingFacts, type ServingGpu, type SizableGpu } from './gpus';
import { formatSupport, supportText } from './formatSupport';
import { expertParamsAcrossLayers, formatSupported, type ComputePrecision, kvBytesPerValue, kvCacheNote, weightBreakdown, type KvCacheDtype, type WeightFormat } from './quantization';

/**
 * The efficiency factors, each a fraction of a datasheet peak that serving engines reach.
 * Calibrated against the published measurements in test/fixtures/serving-measurements.json
 * (TensorRT-LLM's perf-overview tables, MLPerf Inference logs): test/unit/servingCalibration.test.ts
 * prints the ratio estimate/measured of every row it can estimate. They are a few global
 * constants, fitted by a grid search over round values for the most rows within ×0.6–×1.6
 * and the least spread; no row has a factor of its own.
 */
export const SERVING_FACTORS = {
  /**
   * vLLM's default --gpu-memory-utilization: the engine takes 90% of each GPU's memory for
   * weights, activations and KV cache and leaves 10% to the CUDA context and fragmentation.
   * https://docs.vllm.ai/en/latest/configuration/engine_args.html (gpu-memory-utilization).
   */
  gpuMemoryUtilization: 0.9,
  /** CUDA graphs, NCCL buffers and the sampler's scratch per GPU, inside the 90% (vLLM's profile run measures a few hundred MB to ~1 GB). */
  runtimeWorkspaceGB: 1,
  /** vLLM's KV block: a sequence's cache is allocated 16 tokens at a time. */
  kvBlockTokens: 16,
  /**
   * Share of peak HBM bandwidth a step's weight and KV reads reach. Memory-bound GEMV and
   * paged-attention kernels measure 75-90% of peak alone; fitted at 0.75 (0.65-0.75 fit the
   * decode-heavy 128-in/2,048-out rows about equally).
   */
  bandwidthEfficiency: 0.75,
  /**
   * Share of the dense peak the prefill GEMMs reach (model FLOPs utilisation), by the
   * precision they run at. Fitted on the prefill-heavy 2,048-in/128-out rows, whose measured
   * rate × 2 × params × input tokens is 0.58-0.66 of the peak for A100 BF16, 0.44-0.50 for
   * H100/H200 FP8, 0.37 for L40S FP8 and 0.33 for B200 FP4 (dense models). Lower precisions
   * halve the GEMM time but not the norms, activation quantization and attention around
   * them, so they reach less of their doubled peak. INT8 has no row; it is set as FP8, the
   * same tensor-core rate. Attention FLOPs run at the BF16 figure.
   */
  prefillMfu: { bf16: 0.6, fp8: 0.5, fp4: 0.3, int8: 0.5 } as Record<ComputePrecision, number>,
  /** The same for decode's skinny GEMMs when a large batch makes them compute-bound: about 0.8 of prefill's. */
  decodeMfu: { bf16: 0.5, fp8: 0.4, fp4: 0.25, int8: 0.4 } as Record<ComputePrecision, number>,
  /** Share of the link bandwidth an all-reduce reaches (bus bandwidth over link bandwidth). */
  interconnectEfficiency: 0.7,
  /**
   * Fixed time per all-reduce, µs: the launch and synchronisation that dominate the small
   * messages of decode. NVLink with vLLM's custom all-reduce is single-digit µs; NCCL over
   * PCIe without peer-to-peer goes through host memory and costs several times more.
   */
  allReduceLatencyUs: { nvlink: 8, 'infinity-fabric': 12, pcie: 30 } as Record<string, number>,
  /**
   * Scheduling, sampling and launch time of each engine step, ms, that no GPU speed removes.
   * Fitted (1.5-2 ms fit best; 0.5 ms overestimates every decode-heavy row).
   */
  stepOverheadMs: 1.5,
  /**
   * Share of peak HBM bandwidth decode attention reaches reading the KV cache: paged blocks
   * of 16-32 tokens, gathered per sequence, stream less well than a GEMM's contiguous
   * weights. Fitted at 0.55 (0.5-0.6 keep every row within the band) on the decode-heavy
   * rows whose steps mostly read KV: gpt-oss-120b at 1,024 in / 8,192 out on B200 is ×1.77 at
   * 0.75 and ×1.50 at 0.55; the short-context rows move by under 10%.
   */
  kvBandwidthEfficiency: 0.55,
  /**
   * A routed expert's GEMMs reach `width / (width + expertGemmHalfWidth)` of the precision's
   * MFU, width being the expert's intermediate size: a narrow expert is a short GEMM (few
   * k-iterations a tile, one tile row of tokens per expert), so the tile prologue, the
   * per-expert scheduling of the grouped GEMM and the routed tokens' gather and scatter
   * weigh more. Fitted at 2,048: Qwen3-30B-A3B's 768-wide experts run at 27% of the MFU
   * (prefill-heavy B200 FP4 measured at 7% of the FP4 peak, ×3.01 without this, ×1.32 with),
   * Mixtral's 14,336-wide at 88%.
   */
  expertGemmHalfWidth: 2048,
} as const;

/**
 * vLLM's scheduler limits (EngineArgs.get_batch_defaults in vllm/engine/arg_utils.py): on GPUs
 * with ≥ 70 GiB other than the A100, 1,024 running sequences and 8,192 tokens a step for the
 * server (16,384 offline); elsewhere 256 sequences and 2,048 (8,192 offline).
 */
export function schedulerLimits(gpu: ServingGpu, usage: ServingUsage): { maxNumSeqs: number; maxBatchedTokens: number } {
  const big = (gpuMemoryBytes(gpu) ?? 0) >= 70 * 2 ** 30 && !gpu.id.startsWith('a100');
  if (big) return { maxNumSeqs: 1024, maxBatchedTokens: usage === 'offline' ? 16384 : 8192 };
  return { maxNumSeqs: 256, maxBatchedTokens: usage === 'offline' ? 8192 : 2048 };
}

/** 'server': an OpenAI-compatible server's scheduler defaults; 'offline': the LLM class's (batch jobs, benchmark_throughput). */
export type ServingUsage = 'server' | 'offline';

export interface RequestShape {
  /** Average prompt tokens per request. */
  inputTokens: number;
  /** Average generated tokens per request. */
  outputTokens: number;
}

export interface ServingSetup {
  model: OpenModel;
  gpu: ServingGpu;
  /** GPUs in the tensor-parallel group of one replica. */
  gpus: number;
  weights: WeightFormat;
  kvCache: KvCacheDtype;
  /** Requests in flight at once (a client's max concurrency). */
  concurrency: number;
  shape: RequestShape;
  usage?: ServingUsage;
  /** The engine's cap on running sequences (vLLM --max-num-seqs); vLLM's default for the GPU when absent. */
  maxNumSeqs?: number;
  /** The engine's token budget per step (vLLM --max-num-batched-tokens); vLLM's default when absent. */
  maxBatchedTokens?: number;
}

export type ServingBound = 'memory' | 'compute' | 'interconnect';

/**
 * Why a setup cannot run. Result codes, not editor findings (those live in findingCodes.ts
 * with a README heading each); the README's "How self-hosting is sized" lists these.
 */
export type UnsupportedCode = 'format-unsupported' | 'fp8-unsupported' | 'fp4-unsupported' | 'int8-unsupported' | 'tensor-parallel-unsupported' | 'gpu-facts-missing';

const NO_TENSOR_PARALLEL: UnsupportedCode = 'tensor-parallel-unsupported';
const NO_GPU_FACTS: UnsupportedCode = 'gpu-facts-missing';

export interface StepBreakdown {
  memoryMs: number;
  computeMs: number;
  interconnectMs: number;
  overheadMs: number;
  totalMs: number;
}

export interface ServingEstimate {
  model: string;
  gpu: string;
  gpus: number;
  weights: string;
  kvCache: KvCacheDtype;
  concurrency: number;
  inputTokens: number;
  outputTokens: number;
  /** The GPU runs the format natively and the model splits over the GPUs. */
  supported: boolean;
  /** Why not, when not supported. */
  unsupported?: { code: UnsupportedCode; message: string };
  fits: boolean;
  /** Most concurrent requests of this shape whose KV cache fits (0 when the weights alone do not). */
  maxConcurrency: number;
  /** Sequences the scheduler runs at once (vLLM's max_num_seqs caps the concurrency). */
  runningSequences: number;
  outputTokensPerSecond: number;
  inputTokensPerSecond: number;
  requestsPerSecond: number;
  timeToFirstTokenMs: number;
  timePerOutputTokenMs: number;
  bound: ServingBound;
  /** Decode alone at this batch, no prefill between steps. */
  decodeTokensPerSecond: number;
  /** The same decode at the datasheet peaks with no losses: nothing here can exceed it. */
  rooflineOutputTokensPerSecond: number;
  /** Decode step without prefill. */
  decodeStep: StepBreakdown;
  /** Time to prefill one request's prompt alone. */
  prefillMs: number;
  /** Expected distinct experts a decode step reads per MoE layer (undefined for dense models). */
  expertsTouched?: number;
  weightsGB: number;
  kvCacheGB: number;
  memoryNeededGB: number;
  memoryAvailableGB: number;
  /** The memory steps (weights, KV cache, memory, and whether it fits): the first lines of `lines`. */
  memorySteps: TextStep[];
  lines: string[];
}

/** The share of the MFU a routed expert's GEMMs reach, by the expert's intermediate width. */
export function expertGemmEfficiency(width: number): number {
  return width / (width + SERVING_FACTORS.expertGemmHalfWidth);
}

/** Expected distinct experts a step's `tokens` tokens route to in one layer: E × (1 − (1 − k/E)^tokens). */
export function expectedExpertsTouched(experts: number, perToken: number, tokens: number): number {
  if (tokens <= 0) return 0;
  return experts * (1 - Math.pow(1 - perToken / experts, tokens));
}

/**
 * KV heads are split over the tensor-parallel GPUs; with more GPUs than KV heads each head is
 * copied, and MLA's single latent is copied to every GPU (vLLM and SGLang under plain TP).
 */
export function kvReplication(model: OpenModel, gpus: number): number {
  if (model.attention.kind === 'mla') return gpus;
  return model.kvHeads >= gpus ? 1 : gpus / model.kvHeads;
}

function sumMin(length: number, window: number): number {
  // Σ_{t=1..L} min(t, w): the key positions a causal query at each position attends.
  if (length <= window) return (length * (length + 1)) / 2;
  return (window * (window + 1)) / 2 + (length - window) * window;
}

function peakTflops(gpu: SizableGpu, weights: WeightFormat): { tflops: number; precision: ComputePrecision } {
  if (weights.compute === 'fp8' && gpu.fp8Tflops !== null) return { tflops: gpu.fp8Tflops, precision: 'fp8' };
  if (weights.compute === 'fp4' && gpu.fp4Tflops !== null) return { tflops: gpu.fp4Tflops, precision: 'fp4' };
  if (weights.compute === 'int8' && gpu.int8Tops !== null) return { tflops: gpu.int8Tops, precision: 'int8' };
  return { tflops: gpu.bf16Tflops, precision: 'bf16' };
}

/**
 * Everything about a setup that does not depend on the concurrency, computed once; `at(C)`
 * then costs a few dozen flops, which is what lets cheapest() search a whole grid.
 */
export interface PreparedReplica {
  setup: Omit<ServingSetup, 'concurrency'> & { gpu: SizableGpu };
  weightsBytes: number;
  kvBytesPerSequence: number;
  maxConcurrency: number;
  memoryAvailableBytes: number;
  /** Memory in use at concurrency C. */
  memoryNeededBytes(concurrency: number): number;
  supported: boolean;
  unsupported?: ServingEstimate['unsupported'];
  maxNumSeqs: number;
  maxBatchedTokens: number;
  /** Step time of `decoding` decode tokens plus `prefill` prefill tokens, with its parts. */
  step(decoding: number, prefill: number): StepBreakdown & { bytes: number; touched: number; idealComputeMs: number; kernels: KernelTimes };
  at(concurrency: number): SteadyState;
}

/** One step's two kernels, each with its memory and compute time (it takes the longer). */
export interface KernelTimes {
  weightsMs: number;
  linearMs: number;
  kvMs: number;
  attentionMs: number;
  weightsGB: number;
  kvGB: number;
}

export interface SteadyState {
  running: number;
  outputTokensPerSecond: number;
  timePerOutputTokenMs: number;
  timeToFirstTokenMs: number;
  bound: ServingBound;
  /** Iterations per prompt prefill, and the step time carrying one chunk. */
  chunks: number;
  chunkStepMs: number;
  averageStepMs: number;
  prefillPerStep: number;
}

export function prepareReplica(setup: Omit<ServingSetup, 'concurrency'> & { gpu: SizableGpu }): PreparedReplica {
  const { model, gpu, gpus: n, weights, kvCache, shape } = setup;
  const usage = setup.usage ?? 'server';
  const f = SERVING_FACTORS;
  const input = Math.max(1, shape.inputTokens);
  const output = Math.max(1, shape.outputTokens);
  const breakdown = weightBreakdown(model, weights);
  const matrix = model.vocabSize * model.hiddenSize;
  const active = model.activeParamsB * 1e9;
  const tied = model.tieWordEmbeddings === true;
  // The input embedding is a lookup (no FLOPs); a tied matrix still does lm_head's work.
  // The routed experts' share of the active parameters runs as grouped GEMMs, at their own efficiency.
  const routedParams = Math.min((model.expertsPerToken ?? 0) * expertParamsAcrossLayers(model), active * 0.9);
  const decodeLinearParams = Math.max(active - (tied ? 0 : matrix), active * 0.1) - routedParams;
  // Prefill computes lm_head only for each prompt's last position.
  const prefillLinearParams = Math.max(active - (tied ? matrix : 2 * matrix), active * 0.1) - routedParams;
  const a = model.attention;
  const heads = model.attentionHeads;
  // FLOPs of one query-key pair in one layer: QKᵀ and AV, 2 FLOPs a multiply-add.
  const prefillPair = a.kind === 'mla' ? 2 * heads * ((a.qkNopeHeadDim ?? model.headDim) + a.qkRopeHeadDim! + (a.vHeadDim ?? model.headDim)) : 4 * heads * model.headDim;
  // Decode runs MLA absorbed: queries meet the cached latent (kv_lora_rank + rope) directly.
  const decodePair = a.kind === 'mla' ? 2 * heads * (a.kvLoraRank! + a.qkRopeHeadDim! + a.kvLoraRank!) : 4 * heads * model.headDim;
  const sliding = a.slidingLayers ?? 0;
  const global = model.layers - sliding;
  const window = a.slidingWindow ?? Number.POSITIVE_INFINITY;
  const decodeContext = input + output / 2;
  const decodeAttnFlops = decodePair * (global * decodeContext + sliding * Math.min(decodeContext, window));
  const prefillAttnFlopsPerToken = (prefillPair * (global * sumMin(input, input) + sliding * sumMin(input, window))) / input;
  const { tflops: peak, precision } = peakTflops(gpu, weights);
  const expertWidth = model.moeIntermediateSize ?? model.intermediateSize;
  const expertEfficiency = routedParams > 0 ? expertGemmEfficiency(expertWidth) : 1;
  const prefillMfu = f.prefillMfu[precision];
  const decodeMfu = f.decodeMfu[precision];
  const peakFlops = n * peak * 1e12;
  const bf16Flops = n * gpu.bf16Tflops * 1e12;
  const bandwidth = n * gpu.bandwidthGBps * 1e9;
  const kvValueBytes = kvBytesPerValue(kvCache);
  const replication = kvReplication(model, n);
  const kvDecodePerSeq = kvCacheBytes(model, kvValueBytes, decodeContext) * replication;
  const fullLength = Math.ceil((input + output) / f.kvBlockTokens) * f.kvBlockTokens;
  const kvBytesPerSequence = kvCacheBytes(model, kvValueBytes, fullLength) * replication;
  const defaults = schedulerLimits(gpu, usage);
  const limits = { maxNumSeqs: setup.maxNumSeqs ?? defaults.maxNumSeqs, maxBatchedTokens: setup.maxBatchedTokens ?? defaults.maxBatchedTokens };
  const experts = model.experts ?? 0;
  const k = model.expertsPerToken ?? 0;
  const denseRead = breakdown.totalBytes - breakdown.inputEmbeddingBytes - experts * breakdown.expertBytes;
  const allReduceBytesPerToken = model.hiddenSize * 2;
  // gbpsPerGpu is bidirectional (NVLink 4 = 900 GB/s, 450 each way); a ring all-reduce sends and receives at once, each way at half.
  const linkBytesPerSecond = (gpu.interconnect.gbpsPerGpu / 2) * 1e9 * f.interconnectEfficiency;
  const allReduceLatency = (f.allReduceLatencyUs[gpu.interconnect.kind] ?? 30) * 1e-6;

  const mlpWidth = experts ? k * (model.moeIntermediateSize ?? model.intermediateSize) + (model.sharedExperts ?? 0) * (model.moeIntermediateSize ?? 0) : model.intermediateSize;
  const activationBytes = limits.maxBatchedTokens * 2 * (4 * model.hiddenSize + (3 * mlpWidth) / n) + limits.maxNumSeqs * model.vocabSize * 4;
  const workspacePerGpu = f.runtimeWorkspaceGB * 1e9 + activationBytes;
  const memoryAvailableBytes = n * gpuMemoryBytes(gpu)!;
  const fixedBytes = breakdown.totalBytes + n * workspacePerGpu + memoryAvailableBytes * (1 - f.gpuMemoryUtilization);
  const memoryNeededBytes = (c: number) => fixedBytes + c * kvBytesPerSequence;
  let maxConcurrency = Math.max(0, Math.floor((memoryAvailableBytes - fixedBytes) / kvBytesPerSequence));
  while (memoryNeededBytes(maxConcurrency + 1) <= memoryAvailableBytes) maxConcurrency++;
  while (maxConcurrency > 0 && memoryNeededBytes(maxConcurrency) > memoryAvailableBytes) maxConcurrency--;

  let unsupported: ServingEstimate['unsupported'];
  const moe = (model.expertsPerToken ?? 0) > 0;
  if (!formatSupported(weights, gpu, moe)) {
    // What stock vLLM does with these weights on this GPU, by its own documentation.
    const runs = formatSupport(weights.id, gpu.id, 'vllm', moe);
    const kind = weights.compute === 'fp8' ? 'FP8' : weights.compute === 'fp4' ? 'FP4' : weights.compute === 'int8' ? 'int8' : undefined;
    unsupported = {
      code: runs.support === 'unsupported' ? 'format-unsupported' : weights.compute === 'fp8' ? 'fp8-unsupported' : weights.compute === 'fp4' ? 'fp4-unsupported' : 'int8-unsupported',
      message:
        runs.support === 'unsupported' || runs.support === 'weight-only'
          ? `${supportText(weights.name, runs, 'vllm')} (${runs.row!.source})${runs.support === 'weight-only' ? '; weight-only kernels of this format are not estimated yet' : ''}`
          : `${gpu.name} has no ${kind ?? weights.name} tensor cores on record: ${weights.name} would run as weight-only (dequantized to 16-bit), if at all`,
    };
  } else if (heads % n !== 0) {
    unsupported = { code: NO_TENSOR_PARALLEL, message: `${model.attentionHeads} attention heads do not split over ${n} GPUs` };
  }

  // A step runs its kernels one after another: the GEMMs, which stream the weights and do
  // the linear FLOPs, then attention, which streams the KV cache and does the attention FLOPs.
  // Each is bound by the longer of its memory and compute times; the two do not overlap.
  // `run` fills one scratch record, so that cheapest()'s thousands of steps allocate nothing.
  const effectiveBandwidth = bandwidth * f.bandwidthEfficiency;
  const kvBandwidth = bandwidth * f.kvBandwidthEfficiency;
  const last = { weightBytes: 0, kvBytes: 0, touched: 0, linearS: 0, attentionS: 0, idealComputeS: 0, interconnectMs: 0, totalMs: 0 };
  const run = (decoding: number, prefill: number): number => {
    const tokens = decoding + prefill;
    const touched = experts ? expectedExpertsTouched(experts, k, tokens) : 0;
    const weightBytes = denseRead + touched * breakdown.expertBytes;
    const kvBytes = decoding * kvDecodePerSeq;
    const prefillRequests = prefill / input;
    const decodeLinear = (2 * decodeLinearParams * decoding) / peakFlops;
    const prefillLinear = (2 * prefillLinearParams * prefill + 2 * matrix * prefillRequests) / peakFlops;
    const decodeAttention = (decoding * decodeAttnFlops) / bf16Flops;
    const prefillAttention = (prefill * prefillAttnFlopsPerToken) / bf16Flops;
    const decodeExperts = (2 * routedParams * decoding) / peakFlops;
    const prefillExperts = (2 * routedParams * prefill) / peakFlops;
    const linearS = (decodeLinear + decodeExperts / expertEfficiency) / decodeMfu + (prefillLinear + prefillExperts / expertEfficiency) / prefillMfu;
    const attentionS = decodeAttention / f.decodeMfu.bf16 + prefillAttention / f.prefillMfu.bf16;
    const interconnectMs = n > 1 && tokens > 0 ? model.layers * 2 * ((2 * (n - 1) * tokens * allReduceBytesPerToken) / n / linkBytesPerSecond + allReduceLatency) * 1e3 : 0;
    last.weightBytes = weightBytes;
    last.kvBytes = kvBytes;
    last.touched = touched;
    last.linearS = linearS;
    last.attentionS = attentionS;
    last.idealComputeS = decodeLinear + prefillLinear + decodeExperts + prefillExperts + decodeAttention + prefillAttention;
    last.interconnectMs = interconnectMs;
    last.totalMs = (Math.max(weightBytes / effectiveBandwidth, linearS) + Math.max(kvBytes / kvBandwidth, attentionS)) * 1e3 + interconnectMs + f.stepOverheadMs;
    return last.totalMs;
  };
  const boundOfLast = (): ServingBound => {
    const memoryMs = (last.weightBytes / effectiveBandwidth + last.kvBytes / kvBandwidth) * 1e3;
    const computeMs = (last.linearS + last.attentionS) * 1e3;
    return last.interconnectMs > Math.max(memoryMs, computeMs) ? 'interconnect' : computeMs > memoryMs ? 'compute' : 'memory';
  };
  const step = (decoding: number, prefill: number) => {
    run(decoding, prefill);
    return {
      memoryMs: (last.weightBytes / effectiveBandwidth + last.kvBytes / kvBandwidth) * 1e3,
      computeMs: (last.linearS + last.attentionS) * 1e3,
      interconnectMs: last.interconnectMs,
      overheadMs: f.stepOverheadMs,
      totalMs: last.totalMs,
      bytes: last.weightBytes + last.kvBytes,
      touched: last.touched,
      idealComputeMs: last.idealComputeS * 1e3,
      kernels: {
        weightsMs: (last.weightBytes / effectiveBandwidth) * 1e3,
        linearMs: last.linearS * 1e3,
        kvMs: (last.kvBytes / kvBandwidth) * 1e3,
        attentionMs: last.attentionS * 1e3,
        weightsGB: last.weightBytes / 1e9,
        kvGB: last.kvBytes / 1e9,
      },
    };
  };

  const at = (concurrency: number): SteadyState => {
    const c = Math.max(1, Math.floor(concurrency));
    const running = Math.min(c, limits.maxNumSeqs);
    // Decode goes first in each step; prefill chunks fill the rest of the token budget.
    const chunk = Math.max(1, limits.maxBatchedTokens - running);
    const chunks = Math.ceil(input / chunk);
    // Every output step a running sequence takes, 1/output of them finish and are replaced.
    const starts = running / output;
    const decodeMs = run(running, 0);
    const chunkStepMs = run(running, input / chunks);
    const spread = starts * chunks >= 1;
    const averageStepMs = spread ? run(running, starts * input) : decodeMs + starts * chunks * (chunkStepMs - decodeMs);
    // A sequence's own prefill is not between its output tokens: its TPOT carries the others'.
    const otherStarts = (running - 1) / output;
    const timePerOutputTokenMs = otherStarts * chunks >= 1 ? run(running, otherStarts * input) : decodeMs + otherStarts * chunks * (chunkStepMs - decodeMs);
    const outputTokensPerSecond = (running / averageStepMs) * 1e3;
    // A new request waits for the running step, then for its chunks; behind other prompts
    // when the prefill share of steps is high (M/D/1 waiting time for that share).
    const others = running - 1;
    const ownChunkMs = spread ? averageStepMs : run(others, input / chunks);
    const busy = Math.min(0.95, starts * chunks);
    const waitMs = others > 0 ? averageStepMs / 2 + (busy / (2 * (1 - busy))) * chunks * ownChunkMs : 0;
    // Requests past max_num_seqs wait in the queue: by Little's law, for (queued / request rate).
    const queued = c - running;
    const queueMs = queued > 0 ? (queued / (outputTokensPerSecond / output)) * 1e3 : 0;
    const timeToFirstTokenMs = waitMs + chunks * ownChunkMs + queueMs;
    // What limits the average step: decode with the average prefill load.
    run(running, Math.min(starts * input, chunk));
    const bound = boundOfLast();
    return { running, outputTokensPerSecond, timePerOutputTokenMs, timeToFirstTokenMs, bound, chunks, chunkStepMs, averageStepMs, prefillPerStep: starts * input };
  };

  return {
    setup,
    weightsBytes: breakdown.totalBytes,
    kvBytesPerSequence,
    maxConcurrency,
    memoryAvailableBytes,
    memoryNeededBytes,
    supported: unsupported === undefined,
    unsupported,
    maxNumSeqs: limits.maxNumSeqs,
    maxBatchedTokens: limits.maxBatchedTokens,
    step,
    at,
  };
}

/** The serving estimate of one replica at one concurrency, with the lines that explain it. */
export function estimateServing(setup: ServingSetup): ServingEstimate {
  const { gpu } = setup;
  if (!isSizable(gpu)) return unsizable(setup);
  return describeReplica(prepareReplica({ ...setup, gpu }), setup.concurrency);
}

/** A GPU the catalog lacks a fact of: nothing is estimated, and the lines say which fact. */
function unsizable(setup: ServingSetup): ServingEstimate {
  const missing = missingFacts(setup.gpu);
  const message = `the GPU catalog has no ${missing.join(', ')} for ${setup.gpu.name}, so nothing can be sized on it`;
  return {
    model: setup.model.id,
    gpu: setup.gpu.id,
    gpus: setup.gpus,
    weights: setup.weights.id,
    kvCache: setup.kvCache,
    concurrency: Math.max(1, Math.floor(setup.concurrency)),
    inputTokens: setup.shape.inputTokens,
    outputTokens: setup.shape.outputTokens,
    supported: false,
    unsupported: { code: NO_GPU_FACTS, message },
    fits: false,
    maxConcurrency: 0,
    runningSequences: 0,
    outputTokensPerSecond: 0,
    inputTokensPerSecond: 0,
    requestsPerSecond: 0,
    timeToFirstTokenMs: 0,
    timePerOutputTokenMs: 0,
    bound: 'memory',
    decodeTokensPerSecond: 0,
    rooflineOutputTokensPerSecond: 0,
    decodeStep: { memoryMs: 0, computeMs: 0, interconnectMs: 0, overheadMs: 0, totalMs: 0 },
    prefillMs: 0,
    weightsGB: weightBreakdown(setup.model, setup.weights).totalBytes / 1e9,
    kvCacheGB: 0,
    memoryNeededGB: 0,
    memoryAvailableGB: ((gpuMemoryBytes(setup.gpu) ?? 0) * setup.gpus) / 1e9,
    memorySteps: [],
    lines: [message],
  };
}

/** A replica's memory at a concurrency, in GB: what its fit is decided by. */
export interface ReplicaMemory {
  weightsGB: number;
  /** Every sequence's KV cache at its full length, at this concurrency. */
  kvCacheGB: number;
  /** The engine's workspace on each GPU and the 10% gpu_memory_utilization leaves. */
  runtimeReserveGB: number;
  neededGB: number;
  availableGB: number;
  concurrency: number;
  maxConcurrency: number;
  fits: boolean;
}

export function replicaMemory(replica: PreparedReplica, concurrency: number): ReplicaMemory {
  const c = Math.max(1, Math.floor(concurrency));
  const kv = c * replica.kvBytesPerSequence;
  const needed = replica.memoryNeededBytes(c);
  return {
    weightsGB: replica.weightsBytes / 1e9,
    kvCacheGB: kv / 1e9,
    runtimeReserveGB: (needed - replica.weightsBytes - kv) / 1e9,
    neededGB: needed / 1e9,
    availableGB: replica.memoryAvailableBytes / 1e9,
    concurrency: c,
    maxConcurrency: replica.maxConcurrency,
    fits: replica.maxConcurrency >= c,
  };
}

const memoryStep = step('memory');

/**
 * How a replica's memory is sized at a concurrency, as steps: one weights line, one KV-cache
 * line, one memory line, and when it does not fit, by how much. The serving estimate's lines
 * and a configured setup's explanation (sizing/memory.ts) both show these.
 */
export function replicaMemorySteps(replica: PreparedReplica, concurrency: number): TextStep[] {
  const { model, gpu, gpus: n, weights, kvCache, shape } = replica.setup;
  const m = replicaMemory(replica, concurrency);
  const c = m.concurrency;
  const breakdown = weightBreakdown(model, weights);
  const replication = kvReplication(model, n);
  const tokens = Math.max(1, shape.inputTokens) + Math.max(1, shape.outputTokens);
  const perSequenceMB = replica.kvBytesPerSequence / replication / 1e6;
  const copies =
    replication > 1 ? ` × ${formatNumber(replication)} copies (${model.attention.kind === 'mla' ? 'the MLA latent is replicated on every GPU' : `${model.kvHeads} KV heads over ${n} GPUs`})` : '';
  const reservePct = Math.round((1 - SERVING_FACTORS.gpuMemoryUtilization) * 100);
  const steps = [
    breakdown.unquantizedParams > 0
      ? memoryStep`weights = ${breakdown.quantizedParams / 1e9}B params × ${weights.bitsPerWeight} bits (${weights.name}) + ${breakdown.unquantizedParams / 1e9}B kept at 16-bit (${breakdown.keptParts.join(', ')}) = ${gbValue(m.weightsGB)}`
      : memoryStep`weights = ${model.totalParamsB}B params × ${weights.bitsPerWeight} bits (${weights.name}) = ${gbValue(m.weightsGB)}`,
    memoryStep`KV cache: ${kvCacheNote(kvCache, gpu)}; ${perSequenceMB} MB per sequence of ${tokens} tokens${copies} × ${c} concurrent = ${gbValue(m.kvCacheGB)}`,
    memoryStep`memory: ${gbValue(m.weightsGB)} weights + ${gbValue(m.kvCacheGB)} KV + ${gbValue(m.runtimeReserveGB)} workspace and ${reservePct}% reserve = ${gbValue(m.neededGB)} of ${n} × ${gbValue(m.availableGB / n)} = ${gbValue(m.availableGB)}; at most ${m.maxConcurrency} such requests fit`,
  ];
  if (!m.fits) steps.push(m.maxConcurrency === 0 ? memoryStep`does not fit: the weights and workspace alone exceed the memory` : memoryStep`does not fit at ${c} concurrent: at most ${m.maxConcurrency}`);
  return steps;
}

/** The estimate of a prepared replica at `concurrency`. */
export function describeReplica(replica: PreparedReplica, concurrency: number): ServingEstimate {
  const { model, gpu, gpus: n, weights, kvCache, shape } = replica.setup;
  const f = SERVING_FACTORS;
  const c = Math.max(1, Math.floor(concurrency));
  const s = replica.at(c);
  const input = Math.max(1, shape.inputTokens);
  const output = Math.max(1, shape.outputTokens);
  const decode = replica.step(s.running, 0);
  const prefill = replica.step(0, input);
  const { tflops: peak, precision } = peakTflops(gpu, weights);
  const experts = model.experts ?? 0;
  const k = model.expertsPerToken ?? 0;

  // The same decode step at the datasheet peaks, no losses, no overhead.
  const idealMemoryS = decode.bytes / (n * gpu.bandwidthGBps * 1e9);
  const idealComputeS = decode.idealComputeMs / 1e3;
  const rooflineOutputTokensPerSecond = s.running / Math.max(idealMemoryS, idealComputeS);

  const mem = replicaMemory(replica, c);
  const requestsPerSecond = s.outputTokensPerSecond / output;
  const ms = (x: number) => `${formatNumber(x)} ms`;
  const lines: string[] = [];
  const memory = replicaMemorySteps(replica, c);
  for (const m of memory) lines.push(stepText(m));
  if (replica.unsupported) lines.push(`not supported: ${replica.unsupported.message}`);
  if (gpu.maxGpusPerNode !== null && n > gpu.maxGpusPerNode) {
    lines.push(`${n} GPUs are more than one node holds (${gpu.maxGpusPerNode}): the all-reduces are counted over ${gpu.interconnect.kind}, while across nodes they would cross the network`);
  }
  const expertsText = experts
    ? `the shared weights and ${formatNumber(decode.touched)} of ${experts} experts a layer, E × (1 − (1 − k/E)^B) = ${experts} × (1 − (1 − ${k}/${experts})^${s.running})`
    : 'all weights';
  const kern = decode.kernels;
  const bw = `${n} × ${formatNumber(gpu.bandwidthGBps)} GB/s × ${f.bandwidthEfficiency}`;
  lines.push(
    `decode step at batch ${s.running}: GEMMs read ${formatGB(kern.weightsGB)} (${expertsText}) over ${bw} = ${ms(kern.weightsMs)}, compute at ${f.decodeMfu[precision]} of ${n} × ${formatNumber(peak)} ${precision} TFLOPS${experts ? ` (the ${formatNumber(model.moeIntermediateSize ?? model.intermediateSize)}-wide experts' GEMMs at ${formatNumber(expertGemmEfficiency(model.moeIntermediateSize ?? model.intermediateSize))} of that)` : ''} = ${ms(kern.linearMs)}; ` +
      `attention reads ${formatGB(kern.kvGB)} of keys and values a step (${formatNumber(input + output / 2)} tokens a sequence on average) at ${f.kvBandwidthEfficiency} of the bandwidth = ${ms(kern.kvMs)}, compute ${ms(kern.attentionMs)}; ` +
      `each kernel takes the longer` +
      (n > 1 ? `; 2 all-reduces × ${model.layers} layers over ${gpu.interconnect.kind} = ${ms(decode.interconnectMs)}` : '') +
      `; + ${ms(decode.overheadMs)} overhead = ${ms(decode.totalMs)} → ${formatNumber((s.running / decode.totalMs) * 1e3)} tok/s decoding alone`,
  );
  lines.push(`prefill of ${formatNumber(input)} tokens: 2 × ${formatNumber(model.activeParamsB)}B active params × tokens + attention, at ${f.prefillMfu[precision]} of the ${precision} peak = ${ms(prefill.totalMs)}${s.chunks > 1 ? ` (in ${s.chunks} chunks of the ${formatNumber(replica.maxBatchedTokens)}-token step budget)` : ''}`);
  lines.push(
    `continuous batching: ${formatNumber(s.running / output)} requests start per step, adding ${formatNumber(s.prefillPerStep)} prefill tokens to the ${s.running} decode tokens → ${ms(s.timePerOutputTokenMs)} per step (TPOT), ${formatNumber(s.outputTokensPerSecond)} output tok/s, ${formatNumber(requestsPerSecond)} requests/s, TTFT ≈ ${ms(s.timeToFirstTokenMs)}`,
  );
  if (c > s.running) lines.push(`${c - s.running} of the ${c} requests wait in the queue: the scheduler runs at most ${replica.maxNumSeqs} sequences (vLLM max_num_seqs)`);
  lines.push(`bound: ${s.bound} (upper bound at the datasheet peaks: ${formatNumber(rooflineOutputTokensPerSecond)} tok/s)`);

  return {
    model: model.id,
    gpu: gpu.id,
    gpus: n,
    weights: weights.id,
    kvCache,
    concurrency: c,
    inputTokens: input,
    outputTokens: output,
    supported: replica.supported,
    ...(replica.unsupported ? { unsupported: replica.unsupported } : {}),
    fits: mem.fits,
    maxConcurrency: replica.maxConcurrency,
    runningSequences: s.running,
    outputTokensPerSecond: s.outputTokensPerSecond,
    inputTokensPerSecond: requestsPerSecond * input,
    requestsPerSecond,
    timeToFirstTokenMs: s.timeToFirstTokenMs,
    timePerOutputTokenMs: s.timePerOutputTokenMs,
    bound: s.bound,
    decodeTokensPerSecond: (s.running / decode.totalMs) * 1e3,
    rooflineOutputTokensPerSecond,
    decodeStep: { memoryMs: decode.memoryMs, computeMs: decode.computeMs, interconnectMs: decode.interconnectMs, overheadMs: decode.overheadMs, totalMs: decode.totalMs },
    prefillMs: prefill.totalMs,
    ...(experts ? { expertsTouched: decode.touched } : {}),
    weightsGB: mem.weightsGB,
    kvCacheGB: mem.kvCacheGB,
    memoryNeededGB: mem.neededGB,
    memoryAvailableGB: mem.availableGB,
    memorySteps: memory,
    lines,
  };
}
