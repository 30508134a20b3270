/**
 * How many tokens a second a self-hosted replica could serve when neither a measurement nor
 * the serving model gives a figure: the decode roofline, and the GPUs' compute ceiling.
 * Memory is sized in sizing/.
 */
import type { GpuSpec, ModelCard, QuantizationOption } from '../catalog/types';
import { step, type TextStep } from '../present/explanation';
import { kvBytesPerToken } from './simpleMemory';

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
