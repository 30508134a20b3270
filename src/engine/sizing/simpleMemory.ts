/**
 * The simple memory estimate, the article's: weights at the quantization's bytes per
 * parameter, a KV cache at the assumptions' context × concurrency, and a tenth of the GPUs'
 * memory kept back. It sizes the article's own rows (catalog.setups) and the models the serving
 * model does not know (a project's own, declared with paramsB); everything else is sized by the
 * serving model (memory.ts says which).
 */
import type { GpuSpec, ModelCard, QuantizationOption } from '../catalog/types';
import { gb, step, type ExplanationStep } from '../present/explanation';

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
