/**
 * How many GPUs of a kind hold a model in a weight format, by the one memory model
 * (sizeMemory): the fewest of a few counts, or that stock vLLM does not run the format on that
 * GPU at all. The Quantization tab's table and the model hover's read the same answer.
 */
import type { Catalog } from '../catalog';
import type { GpuSpec, ModelCard, QuantizationOption } from '../catalog/types';
import { type MemoryFit, type MemoryNeeds, servingReplica, sizeMemory } from './memory';

/** The replica sizes a table of GPUs needed tries. */
export const GPU_COUNTS = [1, 2, 4, 8] as const;

export interface GpusNeeded {
  /** The fewest of the counts that hold the model; null when none does, or the format does not run there. */
  gpus: number | null;
  /** Stock vLLM does not run this format on this GPU: no count holds it. */
  notRun: boolean;
  /** The memory at each count tried, in order (none when the format does not run there). */
  fits: { gpus: number; fit: MemoryFit }[];
}

export function gpusNeeded(cat: Catalog, model: ModelCard, gpu: GpuSpec, quantization: QuantizationOption, needs: MemoryNeeds, counts: readonly number[] = GPU_COUNTS): GpusNeeded {
  if (servingReplica(cat, model, gpu.id, 1, quantization.id, needs.shape)?.unsupported?.code === 'format-unsupported') return { gpus: null, notRun: true, fits: [] };
  const fits: GpusNeeded['fits'] = [];
  let found: number | null = null;
  for (const n of counts) {
    const fit = sizeMemory(cat, model, gpu, n, quantization, needs);
    fits.push({ gpus: n, fit });
    if (fit.fits && found === null) found = n;
  }
  return { gpus: found, notRun: false, fits };
}
