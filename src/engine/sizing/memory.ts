/**
 * A self-hosted setup's memory: whether it fits, and the figures that say so, by one model
 * per setup. The serving model (serving/estimate.ts) sizes every setup whose open model and
 * GPU it knows: the weights as the format's export stores them, the KV cache of the requests
 * the replica runs at their full length, and the engine's workspace and 10% reserve. The
 * simple estimate (simpleMemory.ts, the article's) sizes only what the serving model cannot: a
 * catalog without its data (the article's own rows), a model it does not know (a project's
 * own, declared with paramsB), a format it has no record of. A fix that makes a setup fit is
 * searched by the same model that found it does not.
 */
import type { Catalog } from '../catalog';
import type { GpuSpec, ModelCard, QuantizationOption } from '../catalog/types';
import { step, type ExplanationStep } from '../present/explanation';
import { DEFAULT_FRAMEWORK, type Framework } from './serving/frameworks';
import { prepareReplica } from './serving/replica';
import { replicaMemory, replicaMemorySteps, type ReplicaMemory } from './serving/replicaMemory';
import type { PreparedReplica, RequestShape } from './serving/types';
import { findServingGpu, isSizable } from './serving/gpus';
import { findOpenModel } from './serving/models';
import { findWeightFormat, formatSupported } from './serving/quantization';
import { layoutKey, resolveLayout, type LayoutRequest, type ServingLayout } from './serving/layout';
import { estimateMemory, memorySteps } from './simpleMemory';

/** Which model sized a setup's memory. */
export type MemoryModel = 'serving' | 'simple';

/** A setup's memory at the concurrency it runs (ReplicaMemory's figures), and which model sized it. */
export interface MemoryFit extends Omit<ReplicaMemory, 'maxConcurrency'> {
  model: MemoryModel;
  /** False when the simple estimate lacks the model's size or shape. */
  complete: boolean;
}

/** What a setup's memory is sized for. */
export interface MemoryNeeds {
  /** The request shape the serving model sizes a sequence by (input + output tokens). */
  shape: RequestShape;
  /** Requests in flight: the KV cache holds this many sequences. */
  concurrency: number;
  /** The context a sequence takes in the simple estimate (assumptions.contextTokens). */
  contextTokens: number;
  /** The layout the setup asks for (expert parallelism, DP attention), resolved on each GPU count tried. */
  layout?: LayoutRequest;
}

/**
 * The serving model's replica of a setup, or undefined when it does not know the model, the
 * GPU (or a fact of it) or the format. Prepared once per catalog and setup: the sizing, the
 * fit searches and the throughput of many workloads share it.
 */
export function servingReplica(cat: Catalog, card: ModelCard, gpuId: string, gpus: number, quantizationId: string, shape: RequestShape, framework: Framework = DEFAULT_FRAMEWORK, asked?: LayoutRequest): PreparedReplica | undefined {
  const layout = resolveLayout(asked, gpus);
  const key = `${card.id}|${gpuId}|${gpus}|${quantizationId}|${shape.inputTokens}|${shape.outputTokens}|${framework}${layoutKey(layout)}`;
  let byKey = replicas.get(cat);
  // A file's workloads share a handful of setups; the fit searches add a few dozen each.
  if (!byKey || byKey.size > 1024) replicas.set(cat, (byKey = new Map()));
  let replica = byKey.get(key);
  if (replica === undefined) byKey.set(key, (replica = prepare(cat, card, gpuId, gpus, quantizationId, shape, framework, layout) ?? null));
  return replica ?? undefined;
}

const replicas = new WeakMap<Catalog, Map<string, PreparedReplica | null>>();

function prepare(cat: Catalog, card: ModelCard, gpuId: string, gpus: number, quantizationId: string, shape: RequestShape, framework: Framework, layout: ServingLayout | undefined): PreparedReplica | undefined {
  // The config's ids (fp16, int4, q4_k_m) are the weight formats' aliases.
  const weights = findWeightFormat(quantizationId);
  const gpu = weights && cat.servingGpus ? findServingGpu(gpuId, cat.servingGpus) : undefined;
  const lookup = gpu && cat.openModels ? findOpenModel(card.id, cat) : undefined;
  if (!weights || !gpu || !lookup || !('model' in lookup) || !isSizable(gpu)) return undefined;
  return prepareReplica({ model: lookup.model, gpu, gpus, weights, kvCache: 'fp16', shape, usage: 'server', framework, ...(layout ? { layout } : {}) });
}

/** A setup's memory at `needs.concurrency`, by the serving model where it sizes the setup, else by the simple estimate. */
export function sizeMemory(cat: Catalog, model: ModelCard, gpu: GpuSpec, gpus: number, quantization: QuantizationOption, needs: MemoryNeeds): MemoryFit {
  const replica = servingReplica(cat, model, gpu.id, gpus, quantization.id, needs.shape, DEFAULT_FRAMEWORK, needs.layout);
  if (replica) {
    const { maxConcurrency: _most, ...m } = replicaMemory(replica, needs.concurrency);
    return { model: 'serving', ...m, complete: true };
  }
  const m = estimateMemory(model, gpu, gpus, quantization, needs.contextTokens, needs.concurrency);
  return { model: 'simple', ...m, concurrency: needs.concurrency };
}

const memoryStep = step('memory');

/** How a setup's memory was sized, as steps: one weights line, one KV-cache line, one memory line. */
export function memoryFitSteps(cat: Catalog, model: ModelCard, gpu: GpuSpec, gpus: number, quantization: QuantizationOption, needs: MemoryNeeds, fit: MemoryFit): ExplanationStep[] {
  const replica = fit.model === 'serving' ? servingReplica(cat, model, gpu.id, gpus, quantization.id, needs.shape, DEFAULT_FRAMEWORK, needs.layout) : undefined;
  if (replica) return replicaMemorySteps(replica, fit.concurrency);
  return [
    memoryStep`memory by the simple estimate (params × bytes per param, a KV cache of contextTokens × concurrency, a tenth kept back): the serving model does not size ${model.name} at ${quantization.id} on ${gpu.id}`,
    ...memorySteps(model, gpu, gpus, quantization, needs.contextTokens, needs.concurrency, fit),
  ];
}

/** Whether a setup holds `needs.concurrency` requests, by the model that sizes it; a setup the serving model would not run does not count. */
function holds(cat: Catalog, model: ModelCard, gpu: GpuSpec, gpus: number, quantization: QuantizationOption, needs: MemoryNeeds, by: MemoryModel): boolean {
  if (by === 'simple') return estimateMemory(model, gpu, gpus, quantization, needs.contextTokens, needs.concurrency).fits;
  const replica = servingReplica(cat, model, gpu.id, gpus, quantization.id, needs.shape, DEFAULT_FRAMEWORK, needs.layout);
  // A setup it would not run (the format on the GPU, the heads over the GPUs) is no fix.
  return !!replica && replica.supported && replicaMemory(replica, needs.concurrency).fits;
}

/** The most GPUs a fix proposes for one replica: beyond, the setup is a cluster, not a fix. */
const MOST_GPUS_TO_FIT = 64;

/** Fewest GPUs of this kind that hold the model by the model that sized the setup, or undefined if even many do not. */
export function gpusToFit(cat: Catalog, model: ModelCard, gpu: GpuSpec, quantization: QuantizationOption, needs: MemoryNeeds, by: MemoryModel): number | undefined {
  for (let gpus = 1; gpus <= MOST_GPUS_TO_FIT; gpus++) {
    if (holds(cat, model, gpu, gpus, quantization, needs, by)) return gpus;
  }
  return undefined;
}

/**
 * The highest-quality quantization that fits, among those smaller than the current one, by
 * the model that sized the setup: for the serving model, a format it knows, the GPU runs and
 * the same kind of engine serves.
 */
export function quantizationToFit(
  cat: Catalog,
  model: ModelCard,
  gpu: GpuSpec,
  gpus: number,
  current: QuantizationOption,
  options: readonly QuantizationOption[],
  needs: MemoryNeeds,
  by: MemoryModel,
): QuantizationOption | undefined {
  const size = (q: QuantizationOption) => (by === 'serving' ? (findWeightFormat(q.id)?.bitsPerWeight ?? Number.POSITIVE_INFINITY) / 8 : q.bytesPerParam);
  const servingGpu = by === 'serving' && cat.servingGpus ? findServingGpu(gpu.id, cat.servingGpus) : undefined;
  // A setup a serving engine runs is not moved to llama.cpp's formats (GGUF) to fit.
  const batchServing = findWeightFormat(current.id)?.batchServing ?? true;
  const usable = (q: QuantizationOption) => {
    if (by === 'simple') return true;
    const format = findWeightFormat(q.id);
    return !!format && !!servingGpu && formatSupported(format, servingGpu) && (format.batchServing || !batchServing);
  };
  return [...options]
    .filter((q) => usable(q) && size(q) < size(current))
    .sort((a, b) => size(b) - size(a))
    .find((q) => holds(cat, model, gpu, gpus, q, needs, by));
}
