/**
 * Sizing a self-hosted replica: does the model fit in GPU memory, and how many tokens a
 * second can it serve when nobody measured it.
 */
import type { GpuSpec, ModelCard, QuantizationOption } from './catalog/types';
import { gb, step, type ExplanationStep, type TextStep } from './explanation';

/** KV cache kept in 16-bit, the common serving default. */
const KV_BYTES_PER_VALUE = 2;
/**
 * Share of GPU memory kept back for the CUDA context, activations and fragmentation.
 * vLLM's default gpu_memory_utilization of 0.9 leaves the same 10% to the runtime.
 */
export const RUNTIME_RESERVE_SHARE = 0.1;

export interface MemoryEstimate {
  weightsGB: number;
  kvCacheGB: number;
  runtimeReserveGB: number;
  neededGB: number;
  availableGB: number;
  fits: boolean;
  /** False when the model's size or shape is not public, so the estimate is partial. */
  complete: boolean;
}

/** A GPU's memory in GiB, as the figures that size a setup write it. */
export function gpuMemoryGiB(gpu: GpuSpec): number {
  return gpu.memoryMiB / 1024;
}

export function gpuMemoryGB(gpu: GpuSpec): number {
  return (gpu.memoryMiB * 2 ** 20) / 1e9;
}

/** Bytes of KV cache per token of context: 2 (K and V) × layers × KV heads × head dim × bytes. */
export function kvBytesPerToken(model: ModelCard): number | undefined {
  if (!model.layers || !model.kvHeads || !model.headDim) return undefined;
  return 2 * model.layers * model.kvHeads * model.headDim * KV_BYTES_PER_VALUE;
}

export function estimateMemory(
  model: ModelCard,
  gpu: GpuSpec,
  gpus: number,
  quantization: QuantizationOption,
  contextTokens: number,
  concurrency: number,
): MemoryEstimate {
  const weightsGB = (model.paramsB ?? 0) * quantization.bytesPerParam;
  const kvPerToken = kvBytesPerToken(model);
  const kvCacheGB = ((kvPerToken ?? 0) * contextTokens * concurrency) / 1e9;
  const availableGB = gpus * gpuMemoryGB(gpu);
  const runtimeReserveGB = availableGB * RUNTIME_RESERVE_SHARE;
  const neededGB = weightsGB + kvCacheGB + runtimeReserveGB;
  return {
    weightsGB,
    kvCacheGB,
    runtimeReserveGB,
    neededGB,
    availableGB,
    fits: neededGB <= availableGB,
    complete: model.paramsB !== undefined && kvPerToken !== undefined,
  };
}

const memoryStep = step('memory');

/**
 * How a memory estimate was made, as steps. Apart from the estimate: the searches for a
 * setup that fits make many estimates and read none of their steps.
 */
export function memorySteps(model: ModelCard, gpu: GpuSpec, gpus: number, quantization: QuantizationOption, contextTokens: number, concurrency: number, m: MemoryEstimate): ExplanationStep[] {
  return [
    memoryStep`weights = params × bytes/param = ${model.paramsB ?? 0}B × ${quantization.bytesPerParam} (${quantization.id}) = ${gb(m.weightsGB)}`,
    model.layers && model.kvHeads && model.headDim
      ? memoryStep`KV cache = 2 × layers × kv_heads × head_dim × 2 bytes × context × concurrency = 2 × ${model.layers} × ${model.kvHeads} × ${model.headDim} × 2 × ${contextTokens} × ${concurrency} = ${gb(m.kvCacheGB)}`
      : memoryStep`KV cache: not estimated (${model.name}'s layer shape is not public)`,
    memoryStep`runtime reserve = ${RUNTIME_RESERVE_SHARE * 100}% of GPU memory = ${gb(m.runtimeReserveGB)}`,
    memoryStep`available = ${gpus} × ${gpuMemoryGiB(gpu)} GiB = ${gb(m.availableGB)}`,
    memoryStep`memory: needs ${gb(m.neededGB)} of ${gb(m.availableGB)} → ${m.fits ? 'fits' : 'does not fit'}${m.complete ? '' : ' (partial estimate)'}`,
  ];
}

/** Fewest GPUs of this kind that hold the model, or undefined if even many do not. */
export function gpusToFit(
  model: ModelCard,
  gpu: GpuSpec,
  quantization: QuantizationOption,
  contextTokens: number,
  concurrency: number,
): number | undefined {
  for (let gpus = 1; gpus <= 64; gpus++) {
    if (estimateMemory(model, gpu, gpus, quantization, contextTokens, concurrency).fits) return gpus;
  }
  return undefined;
}

/** The highest-quality (most bytes) quantization that fits, among those smaller than the current one. */
export function quantizationToFit(
  model: ModelCard,
  gpu: GpuSpec,
  gpus: number,
  current: QuantizationOption,
  options: readonly QuantizationOption[],
  contextTokens: number,
  concurrency: number,
): QuantizationOption | undefined {
  return [...options]
    .filter((q) => q.bytesPerParam < current.bytesPerParam)
    .sort((a, b) => b.bytesPerParam - a.bytesPerParam)
    .find((q) => estimateMemory(model, gpu, gpus, q, contextTokens, concurrency).fits);
}

export interface ThroughputEstimate {
  tps: number;
  bound: 'memory' | 'compute';
  /** How the estimate was made. */
  steps: TextStep[];
}

const throughputStep = step('throughput');

/**
 * Roofline decode throughput of one replica at a given concurrency: each step reads the
 * active weights once plus every sequence's KV cache, and cannot beat the GPUs' FLOPs.
 * An upper bound — real serving reaches a fraction of it.
 */
export function rooflineThroughput(
  model: ModelCard,
  gpu: GpuSpec,
  gpus: number,
  quantization: QuantizationOption,
  contextTokens: number,
  concurrency: number,
): ThroughputEstimate | undefined {
  const activeB = model.activeParamsB ?? model.paramsB;
  if (!activeB) return undefined;
  const weightBytes = activeB * 1e9 * quantization.bytesPerParam;
  const kvBytes = (kvBytesPerToken(model) ?? 0) * contextTokens * concurrency;
  const memorySeconds = (weightBytes + kvBytes) / (gpus * gpu.bandwidthGBps * 1e9);
  const computeSeconds = (concurrency * 2 * activeB * 1e9) / (gpus * gpu.bf16Tflops * 1e12);
  const stepSeconds = Math.max(memorySeconds, computeSeconds);
  const tps = concurrency / stepSeconds;
  const bound: ThroughputEstimate['bound'] = memorySeconds >= computeSeconds ? 'memory' : 'compute';
  return {
    tps,
    bound,
    steps: [
      throughputStep`roofline: tps = concurrency / max(bytes read per step / bandwidth, FLOPs per step / peak FLOPs)`,
      throughputStep`= ${concurrency} / max(${(weightBytes + kvBytes) / 1e9} GB / ${gpus * gpu.bandwidthGBps} GB/s, ${(concurrency * 2 * activeB) / 1000} TFLOP / ${gpus * gpu.bf16Tflops} TFLOP/s) = ${tps} tok/s (${bound}-bound upper bound)`,
    ],
  };
}

/**
 * How far any number format can take a GPU past its dense 16-bit peak: FP4 tensor cores, the
 * fastest there are, run at 4× (B200: 9,000 against 2,250 dense TFLOP/s, in gpus.json).
 */
const LOWEST_PRECISION_SPEEDUP = 4;

/**
 * The most tokens a second a replica could process, prompt or output: each token multiplies
 * through every active weight (2 FLOPs a parameter), and the GPUs compute at most
 * LOWEST_PRECISION_SPEEDUP × their 16-bit peak. A physical bound, far above what serving
 * reaches; undefined when the model's size is not known.
 */
export function throughputCeiling(model: ModelCard, gpu: GpuSpec, gpus: number): { tps: number; step: TextStep } | undefined {
  const activeB = model.activeParamsB ?? model.paramsB;
  if (!activeB) return undefined;
  const peakTflops = gpus * LOWEST_PRECISION_SPEEDUP * gpu.bf16Tflops;
  const tps = (peakTflops * 1e12) / (2 * activeB * 1e9);
  return {
    tps,
    step: throughputStep`capped at the GPUs' ceiling = gpus × ${LOWEST_PRECISION_SPEEDUP} × 16-bit peak / (2 FLOPs × active params) = ${gpus} × ${LOWEST_PRECISION_SPEEDUP} × ${gpu.bf16Tflops} TFLOP/s / (2 × ${activeB}B) = ${tps} tok/s: no number format runs a GPU faster than ${LOWEST_PRECISION_SPEEDUP}× its 16-bit peak`,
  };
}
