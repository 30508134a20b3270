/**
 * A setup the file writes, estimated by the serving model: prefill and batched decode at the
 * concurrency the file sets, or (at the default of one) at the most requests that fit, which
 * is what a replica's capacity is. Undefined when the model, the GPU or the format is not one
 * it sizes.
 */
import type { Catalog } from '../catalog';
import type { ModelCard } from '../catalog/types';
import { describeReplica } from './serving/estimate';
import { DEFAULT_FRAMEWORK, type Framework } from './serving/frameworks';
import type { RequestShape, ServingEstimate, UnsupportedCode } from './serving/types';
import { formatSupported, WEIGHT_FORMATS } from './serving/quantization';
import { servingReplica } from './memory';
import type { LayoutRequest } from './serving/layout';

/**
 * A pure function's result per catalog and key, at most a few hundred of them (a file's
 * workloads share a handful); null keeps "no answer" too.
 */
export function keptPerCatalog<T>(store: WeakMap<Catalog, Map<string, T | null>>, cat: Catalog, key: string, make: () => T | null): T | null {
  let byKey = store.get(cat);
  if (!byKey || byKey.size > 256) store.set(cat, (byKey = new Map()));
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = make()));
  return value;
}

/**
 * A setup the serving model knows the model and GPU of but does not estimate: a weight format
 * the GPU has no math for, or attention heads that do not split over its GPUs. Said at the
 * field that causes it, with what runs instead, never replaced by another model's figure.
 */
export interface NotModelled {
  code: UnsupportedCode;
  /** The config field that causes it. */
  field: 'quantization' | 'gpus' | 'framework' | 'expertParallel' | 'dpAttention';
  message: string;
  /** The weight formats the serving model estimates on this GPU. */
  formats: string[];
}

export function servedSetup(cat: Catalog, card: ModelCard, gpuId: string, gpus: number, quantizationId: string, concurrency: number, shape: RequestShape, framework: Framework = DEFAULT_FRAMEWORK, layout?: LayoutRequest): ServingEstimate | NotModelled | undefined {
  // Many workloads of a file run one setup: it is estimated once per catalog.
  const asked = layout?.expertParallel || layout?.dpAttention ? `|ep${String(layout.expertParallel ?? 1)}${layout.dpAttention ? '|dpa' : ''}` : '';
  const key = `${card.id}|${gpuId}|${gpus}|${quantizationId}|${concurrency}|${shape.inputTokens}|${shape.outputTokens}|${framework}${asked}`;
  return keptPerCatalog(servedSetups, cat, key, () => estimateServedSetup(cat, card, gpuId, gpus, quantizationId, concurrency, shape, framework, layout) ?? null) ?? undefined;
}

const servedSetups = new WeakMap<Catalog, Map<string, ServingEstimate | NotModelled | null>>();

function estimateServedSetup(cat: Catalog, card: ModelCard, gpuId: string, gpus: number, quantizationId: string, concurrency: number, shape: RequestShape, framework: Framework, layout: LayoutRequest | undefined): ServingEstimate | NotModelled | undefined {
  const replica = servingReplica(cat, card, gpuId, gpus, quantizationId, shape, framework, layout);
  if (!replica) return undefined;
  if (replica.unsupported) {
    const { code, message } = replica.unsupported;
    if (code === 'gpu-facts-missing') return undefined;
    const gpu = replica.setup.gpu;
    const field = replica.unsupported.field ?? (code === 'tensor-parallel-unsupported' ? 'gpus' : code === 'framework-not-modelled' ? 'framework' : 'quantization');
    return { code, field, message, formats: WEIGHT_FORMATS.filter((f) => f.batchServing && formatSupported(f, gpu, (replica.setup.model.expertsPerToken ?? 0) > 0, framework)).map((f) => f.id) };
  }
  // At the most requests that fit; where not even one does, at one, whose memory says so
  // (sizing/memory.ts decides the fit): no other model's figure stands in.
  const most = Math.min(replica.maxConcurrency, replica.maxNumSeqs);
  return describeReplica(replica, concurrency > 1 ? concurrency : Math.max(1, most));
}
