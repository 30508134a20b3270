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
 * - Tensor parallel divides both by N and adds two all-reduces a layer; a layout (layout.ts:
 *   expert parallelism, DP attention) trades some of those for all-to-alls, copies of the
 *   attention weights and a KV cache held once.
 * - Continuous batching: each step also carries the prefill of the requests that replace the
 *   finished ones, which lengthens the step (TPOT) while the prefill fills the compute that a
 *   memory-bound step leaves idle.
 *
 * Plain data in, plain data out: the result's `lines` explain every number for a hover.
 */
import type { OpenModel } from '../../catalog/data/openModels';
import { kvCacheBytes } from '../modelBytes';
import { gpuMemoryBytes, type SizableGpu } from './gpus';
import { formatSupport, supportText } from './formatSupport';
import { DEFAULT_FRAMEWORK, FRAMEWORK_NAMES } from './frameworks';
import { FITTED_CALIBRATION, type Vendor } from './calibration';
import { SERVING_FACTORS, schedulerLimits } from './factors';
import { attentionParamsPerLayer, expertParamsAcrossLayers, formatSupported, type ComputePrecision, kvBytesPerValue, moeLayers, weightBreakdown, type WeightFormat } from './quantization';
import { attentionBytes, dpImbalance, hasLayout, layoutInterconnect, layoutProblem, TENSOR_PARALLEL } from './layout';
import type { PreparedReplica, ServingBound, ServingEstimate, ServingSetup, SteadyState, UnsupportedCode } from './types';

// Result codes, not findings (the README's finding headings are for findings).
const NO_TENSOR_PARALLEL: UnsupportedCode = 'tensor-parallel-unsupported';
const NO_FRAMEWORK_DATA: UnsupportedCode = 'framework-not-modelled';
const NO_FORMAT: UnsupportedCode = 'format-unsupported';
const NO_LAYOUT: UnsupportedCode = 'layout-unsupported';
const VENDOR_NAMES: Record<Vendor, string> = { nvidia: 'NVIDIA', amd: 'AMD' };

/** The share of the MFU a routed expert's GEMMs reach, by the expert's intermediate width. */
export function expertGemmEfficiency(width: number): number {
  return width / (width + SERVING_FACTORS.expertGemmHalfWidth);
}

/**
 * The share of a grouped GEMM's rate an expert reaches with `tokens` tokens routed to it: the
 * kernel runs them in tiles of a fixed height, and `tile` tokens' worth of each expert's work
 * is paid whatever fills it (calibration.ts, expertTileTokens). 1 without the term.
 */
export function expertTileEfficiency(tokens: number, tile: number): number {
  return tile > 0 && tokens > 0 ? tokens / (tokens + tile) : 1;
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

export function peakTflops(gpu: SizableGpu, weights: WeightFormat): { tflops: number; precision: ComputePrecision } {
  if (weights.compute === 'fp8' && gpu.fp8Tflops !== null) return { tflops: gpu.fp8Tflops, precision: 'fp8' };
  if (weights.compute === 'fp4' && gpu.fp4Tflops !== null) return { tflops: gpu.fp4Tflops, precision: 'fp4' };
  if (weights.compute === 'int8' && gpu.int8Tops !== null) return { tflops: gpu.int8Tops, precision: 'int8' };
  return { tflops: gpu.bf16Tflops, precision: 'bf16' };
}

export function prepareReplica(setup: Omit<ServingSetup, 'concurrency'> & { gpu: SizableGpu }): PreparedReplica {
  const { model, gpu, gpus: n, weights, kvCache, shape } = setup;
  const layout = setup.layout ?? TENSOR_PARALLEL;
  const laid = hasLayout(layout);
  const usage = setup.usage ?? 'server';
  const framework = setup.framework ?? DEFAULT_FRAMEWORK;
  const calibration = setup.calibration ?? FITTED_CALIBRATION;
  const vendor: Vendor = gpu.vendor.toLowerCase() === 'amd' ? 'amd' : 'nvidia';
  // How much slower than the tuned tables this framework's kernels run on this vendor's GPUs (calibration.ts).
  const kernelTime = calibration.kernelTime[framework]?.[vendor];
  const f = SERVING_FACTORS;
  const input = Math.max(1, shape.inputTokens);
  const output = Math.max(1, shape.outputTokens);
  const waves = shape.lengths === 'fixed';
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
  // DP attention keeps each request's KV cache on its own rank, once.
  const replication = layout.dpAttention ? 1 : kvReplication(model, n);
  const kvDecodePerSeq = kvCacheBytes(model, kvValueBytes, decodeContext) * replication;
  const fullLength = Math.ceil((input + output) / f.kvBlockTokens) * f.kvBlockTokens;
  const kvBytesPerSequence = kvCacheBytes(model, kvValueBytes, fullLength) * replication;
  const defaults = schedulerLimits(gpu, usage);
  const limits = { maxNumSeqs: setup.maxNumSeqs ?? defaults.maxNumSeqs, maxBatchedTokens: setup.maxBatchedTokens ?? defaults.maxBatchedTokens };
  const experts = model.experts ?? 0;
  const k = model.expertsPerToken ?? 0;
  // DP attention holds the whole attention weights on every GPU, and every GPU reads them each step.
  const attentionCopyBytes = layout.dpAttention ? (n - 1) * attentionBytes(model, weights) : 0;
  const weightsBytes = breakdown.totalBytes + attentionCopyBytes;
  const denseRead = weightsBytes - breakdown.inputEmbeddingBytes - experts * breakdown.expertBytes;
  const attentionLinearParams = layout.dpAttention ? model.layers * attentionParamsPerLayer(model) : 0;
  const allReduceBytesPerToken = model.hiddenSize * 2;
  // gbpsPerGpu is bidirectional (NVLink 4 = 900 GB/s, 450 each way); a ring all-reduce sends and receives at once, each way at half.
  const linkBytesPerSecond = (gpu.interconnect.gbpsPerGpu / 2) * 1e9 * f.interconnectEfficiency;
  const allReduceLatency = (f.allReduceLatencyUs[gpu.interconnect.kind] ?? 30) * 1e-6;

  const mlpWidth = experts ? k * (model.moeIntermediateSize ?? model.intermediateSize) + (model.sharedExperts ?? 0) * (model.moeIntermediateSize ?? 0) : model.intermediateSize;
  const activationBytes = limits.maxBatchedTokens * 2 * (4 * model.hiddenSize + (3 * mlpWidth) / n) + limits.maxNumSeqs * model.vocabSize * 4;
  const workspacePerGpu = f.runtimeWorkspaceGB * 1e9 + activationBytes;
  const memoryAvailableBytes = n * gpuMemoryBytes(gpu)!;
  const fixedBytes = weightsBytes + n * workspacePerGpu + memoryAvailableBytes * (1 - f.gpuMemoryUtilization);
  const memoryNeededBytes = (c: number) => fixedBytes + c * kvBytesPerSequence;
  let maxConcurrency = Math.max(0, Math.floor((memoryAvailableBytes - fixedBytes) / kvBytesPerSequence));
  while (memoryNeededBytes(maxConcurrency + 1) <= memoryAvailableBytes) maxConcurrency++;
  while (maxConcurrency > 0 && memoryNeededBytes(maxConcurrency) > memoryAvailableBytes) maxConcurrency--;

  let unsupported: ServingEstimate['unsupported'];
  const moe = (model.expertsPerToken ?? 0) > 0;
  const fw = FRAMEWORK_NAMES[framework];
  const misfit = laid ? layoutProblem(model, n, layout, framework) : undefined;
  if (misfit) {
    unsupported = { code: NO_LAYOUT, message: misfit.message, field: misfit.field };
  } else if (kernelTime === undefined) {
    unsupported = { code: NO_FRAMEWORK_DATA, message: `no ${fw} serving measurement on ${VENDOR_NAMES[vendor]} GPUs is on record: the serving model's efficiencies are fitted on measured runs, so such a replica is not estimated` };
  } else if (framework === 'sglang' && weights.id !== 'bf16' && formatSupport(weights.id, gpu.id, framework, moe).support === 'not-on-record') {
    // SGLang's own matrix places its formats by generation: one it does not place on this GPU is not guessed.
    unsupported = { code: NO_FORMAT, message: supportText(weights.name, formatSupport(weights.id, gpu.id, framework, moe), framework) };
  } else if (!formatSupported(weights, gpu, moe, framework)) {
    // What the framework does with these weights on this GPU, by its own documentation.
    const runs = formatSupport(weights.id, gpu.id, framework, moe);
    const kind = weights.compute === 'fp8' ? 'FP8' : weights.compute === 'fp4' ? 'FP4' : weights.compute === 'int8' ? 'int8' : undefined;
    unsupported = {
      code: runs.support === 'unsupported' ? 'format-unsupported' : weights.compute === 'fp8' ? 'fp8-unsupported' : weights.compute === 'fp4' ? 'fp4-unsupported' : 'int8-unsupported',
      message:
        runs.support === 'unsupported' || runs.support === 'weight-only'
          ? `${supportText(weights.name, runs, framework)} (${runs.row!.source})${runs.support === 'weight-only' ? '; weight-only kernels of this format are not estimated yet' : ''}`
          : `${gpu.name} has no ${kind ?? weights.name} tensor cores on record: ${weights.name} would run as weight-only (dequantized to 16-bit), if at all`,
    };
  } else if (!layout.dpAttention && heads % n !== 0) {
    unsupported = { code: NO_TENSOR_PARALLEL, message: `${model.attentionHeads} attention heads do not split over ${n} GPUs` };
  }

  // A step runs its kernels one after another: the GEMMs, which stream the weights and do
  // the linear FLOPs, then attention, which streams the KV cache and does the attention FLOPs.
  // Each is bound by the longer of its memory and compute times; the two do not overlap.
  // `run` fills one scratch record, so that cheapest()'s thousands of steps allocate nothing.
  const effectiveBandwidth = bandwidth * f.bandwidthEfficiency;
  const kvBandwidth = bandwidth * f.kvBandwidthEfficiency;
  const expertBandwidth = bandwidth * calibration.expertBandwidthEfficiency;
  const slow = kernelTime ?? 1;
  // Weights below 16 bits multiplied at 16-bit precision: weight-only kernels dequantize as they go.
  const dequant = weights.bitsPerWeight < 16 && precision === 'bf16' ? 1 + calibration.weightOnlyComputeOverhead : 1;
  // The server's fixed path (HTTP, scheduling) and the prompt's tokenization, which grows with it.
  const ttftOverheadMs = (calibration.ttftOverheadMs[framework] ?? 0) + input * f.tokenizationMsPerToken;
  const moePrefill = routedParams > 0 ? calibration.moePrefillTime : 1;
  // Routing, sorting and launching each MoE layer's grouped GEMMs, every step.
  const overheadMs = f.stepOverheadMs + (routedParams > 0 ? (moeLayers(model) * calibration.moeLayerOverheadUs) / 1e3 : 0);
  const last = { weightBytes: 0, kvBytes: 0, touched: 0, weightS: 0, kvS: 0, linearS: 0, attentionS: 0, idealComputeS: 0, interconnectMs: 0, totalMs: 0, collectives: { attentionMs: 0, denseMs: 0, expertsMs: 0, allToAllMs: 0 } };
  const run = (decoding: number, prefill: number): number => {
    const tokens = decoding + prefill;
    const touched = experts ? expectedExpertsTouched(experts, k, tokens) : 0;
    // The step's k × tokens routings shared among the experts they touch: few each at small batch.
    const tile = touched > 0 ? expertTileEfficiency((tokens * k) / touched, calibration.expertTileTokens) : 1;
    const weightBytes = denseRead + touched * breakdown.expertBytes;
    const kvBytes = decoding * kvDecodePerSeq;
    const prefillRequests = prefill / input;
    const decodeLinear = (2 * decodeLinearParams * decoding) / peakFlops;
    const prefillLinear = (2 * prefillLinearParams * prefill + 2 * matrix * prefillRequests) / peakFlops;
    // Under DP attention a request's attention runs on its own rank, and the busiest rank sets the pace.
    const decodeSpread = layout.dpAttention ? dpImbalance(decoding, n) : 1;
    const prefillSpread = layout.dpAttention ? dpImbalance(prefillRequests, n) : 1;
    const decodeAttention = (decoding * decodeAttnFlops * decodeSpread) / bf16Flops;
    const prefillAttention = (prefill * prefillAttnFlopsPerToken * prefillSpread) / bf16Flops;
    // The attention projections' share of the linear FLOPs, on the busiest rank rather than spread.
    const rankProjections = attentionLinearParams > 0 ? (2 * attentionLinearParams * (decoding * (decodeSpread - 1) + prefill * (prefillSpread - 1))) / peakFlops : 0;
    const decodeExperts = (2 * routedParams * decoding) / peakFlops;
    const prefillExperts = (2 * routedParams * prefill) / peakFlops;
    const expertRate = expertEfficiency * tile;
    const linearS = dequant * ((decodeLinear + decodeExperts / expertRate) / decodeMfu + ((prefillLinear + prefillExperts / expertRate) / prefillMfu) * moePrefill + rankProjections / decodeMfu) * slow;
    const weightS = (denseRead / effectiveBandwidth + (touched * breakdown.expertBytes) / expertBandwidth) * slow;
    const attentionS = (decodeAttention / f.decodeMfu.bf16 + prefillAttention / f.prefillMfu.bf16) * slow;
    const kvS = ((kvBytes * decodeSpread) / kvBandwidth) * slow;
    let interconnectMs: number;
    if (laid) {
      const allReduceMs = n > 1 && tokens > 0 ? ((2 * (n - 1) * tokens * allReduceBytesPerToken) / n / linkBytesPerSecond + allReduceLatency) * 1e3 : 0;
      const parts = layoutInterconnect(model, layout, tokens, allReduceMs, linkBytesPerSecond, allReduceLatency);
      last.collectives = parts;
      interconnectMs = parts.attentionMs + parts.denseMs + parts.expertsMs;
    } else {
      interconnectMs = n > 1 && tokens > 0 ? model.layers * 2 * ((2 * (n - 1) * tokens * allReduceBytesPerToken) / n / linkBytesPerSecond + allReduceLatency) * 1e3 : 0;
    }
    last.weightBytes = weightBytes;
    last.kvBytes = kvBytes;
    last.touched = touched;
    last.linearS = linearS;
    last.attentionS = attentionS;
    last.idealComputeS = decodeLinear + prefillLinear + decodeExperts + prefillExperts + decodeAttention + prefillAttention + rankProjections;
    last.interconnectMs = interconnectMs;
    last.weightS = weightS;
    last.kvS = kvS;
    last.totalMs = (Math.max(weightS, linearS) + Math.max(kvS, attentionS)) * 1e3 + interconnectMs + overheadMs;
    return last.totalMs;
  };
  const boundOfLast = (): ServingBound => {
    const memoryMs = (last.weightS + last.kvS) * 1e3;
    const computeMs = (last.linearS + last.attentionS) * 1e3;
    return last.interconnectMs > Math.max(memoryMs, computeMs) ? 'interconnect' : computeMs > memoryMs ? 'compute' : 'memory';
  };
  const step = (decoding: number, prefill: number) => {
    run(decoding, prefill);
    return {
      memoryMs: (last.weightS + last.kvS) * 1e3,
      computeMs: (last.linearS + last.attentionS) * 1e3,
      interconnectMs: last.interconnectMs,
      overheadMs,
      totalMs: last.totalMs,
      bytes: last.weightBytes + last.kvBytes,
      touched: last.touched,
      idealComputeMs: last.idealComputeS * 1e3,
      collectives: { ...last.collectives },
      kernels: {
        weightsMs: last.weightS * 1e3,
        linearMs: last.linearS * 1e3,
        kvMs: last.kvS * 1e3,
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
    let timeToFirstTokenMs = ttftOverheadMs + waitMs + chunks * ownChunkMs + queueMs;
    let tpotMs = timePerOutputTokenMs;
    let waveMs = 0;
    if (waves && running > 1) {
      // Every request of a client's batch has the same lengths, so they arrive together, finish
      // together and the next batch arrives together again: its prompts queue behind each other.
      // The wave's prefill runs in full steps of the token budget beside the decodes of those
      // already through (half the wave on average); the median request waits for half of it.
      const decoders = running / 2;
      const waveChunk = Math.max(1, limits.maxBatchedTokens - decoders);
      const waveTokens = running * input;
      const waveSteps = Math.max(1, waveTokens / waveChunk);
      waveMs = waveSteps * run(decoders, Math.min(waveChunk, waveTokens));
      timeToFirstTokenMs = ttftOverheadMs + (waveMs * (running + 1)) / (2 * running) + queueMs;
      // The median request then sits through the rest of the wave's prefill (a token a step),
      // and decodes the rest of its output in steps with no prefill: the same work a cycle as
      // the spread-out arrivals, so the same throughput, with the prefill moved into the TTFT.
      const during = Math.min(output - 1, waveSteps / 2);
      tpotMs = output > 1 ? (waveMs / 2 + (output - 1 - during) * decodeMs) / (output - 1) : decodeMs;
    }
    // What limits the average step: decode with the average prefill load.
    run(running, Math.min(starts * input, chunk));
    const bound = boundOfLast();
    return { running, outputTokensPerSecond, timePerOutputTokenMs: tpotMs, timeToFirstTokenMs, bound, chunks, chunkStepMs, averageStepMs, prefillPerStep: starts * input, waveMs };
  };

  return {
    setup,
    framework,
    calibration,
    kernelTime: slow,
    ttftOverheadMs,
    vendor,
    layout,
    weightsBytes,
    attentionCopyBytes,
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
