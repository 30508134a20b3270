/**
 * How a replica's GPUs split a mixture-of-experts model beyond tensor parallelism: expert
 * parallelism (each GPU holds 1/EP of the routed experts, whole, and the step's tokens travel
 * to them and back in an all-to-all dispatch and combine) and DP attention (each GPU runs
 * attention for its own requests with the whole attention weights and its own requests' KV
 * cache, so an MLA latent is held once instead of once a GPU).
 *
 * The frameworks name them differently: SGLang --ep-size / --enable-dp-attention
 * (https://docs.sglang.io/docs/advanced_features/dp_dpa_router_guide); vLLM
 * --enable-expert-parallel with --data-parallel-size for the attention, "data parallel for the
 * attention layers and expert or tensor parallel (EP or TP) for the expert layers"
 * (https://docs.vllm.ai/en/latest/serving/data_parallel_deployment/,
 * https://docs.vllm.ai/en/latest/serving/expert_parallel_deployment/); TensorRT-LLM --ep_size
 * and enable_attention_dp (https://nvidia.github.io/TensorRT-LLM/features/parallel-strategy.html).
 * llama.cpp runs neither.
 *
 * Without a layout nothing here is used, and the replica is the tensor-parallel group it was.
 */
import type { OpenModel } from '../../catalog/data/openModels';
import { SERVING_FACTORS } from './factors';
import { FRAMEWORK_NAMES, type Framework } from './frameworks';
import { attentionParamsPerLayer, bytesPerParam, moeLayers, type WeightFormat } from './quantization';
import type { ServingLayout } from './types';

export type { ServingLayout } from './types';


export const TENSOR_PARALLEL: ServingLayout = { expertParallel: 1, dpAttention: false };

/** Whether a layout differs from plain tensor parallelism. */
export function hasLayout(layout: ServingLayout | undefined): layout is ServingLayout {
  return layout !== undefined && (layout.expertParallel > 1 || layout.dpAttention);
}

/** A layout as a config or a command line writes it: `expertParallel: true` is every GPU of the replica, whatever their count. */
export interface LayoutRequest {
  expertParallel?: number | boolean;
  dpAttention?: boolean;
}

/** The layout a setup asks for on `gpus` GPUs; undefined when it asks for none (plain tensor parallelism). */
export function resolveLayout(asked: LayoutRequest | undefined, gpus: number): ServingLayout | undefined {
  const ep = asked?.expertParallel === true ? gpus : typeof asked?.expertParallel === 'number' ? asked.expertParallel : 1;
  const layout = { expertParallel: ep, dpAttention: asked?.dpAttention === true };
  return hasLayout(layout) ? layout : undefined;
}

/** A key for caches of replicas: empty without a layout, so that the keys of plain setups are unchanged. */
export function layoutKey(layout: ServingLayout | undefined): string {
  return layout ? `|ep${layout.expertParallel}${layout.dpAttention ? '|dpa' : ''}` : '';
}

/**
 * Why a layout cannot be estimated, or undefined when it can: said, never replaced by
 * tensor parallelism. The framework's support is checked first (replica.ts), so llama.cpp
 * never reaches here with a figure.
 */
export function layoutProblem(model: OpenModel, gpus: number, layout: ServingLayout, framework: Framework): { field: 'expertParallel' | 'dpAttention'; message: string } | undefined {
  const experts = model.experts ?? 0;
  const moe = experts > 0 && (model.expertsPerToken ?? 0) > 0;
  const ep = layout.expertParallel;
  if (framework === 'llama.cpp' && hasLayout(layout)) {
    return { field: layout.expertParallel > 1 ? 'expertParallel' : 'dpAttention', message: `${FRAMEWORK_NAMES[framework]} has neither expert parallelism nor DP attention: it splits a model by layers or rows` };
  }
  if (ep > 1 && !moe) return { field: 'expertParallel', message: `${model.id} is a dense model: it has no experts to shard, so expert parallelism does not apply` };
  if (ep > 1 && (!Number.isInteger(ep) || ep > gpus || gpus % ep !== 0)) return { field: 'expertParallel', message: `expert parallel ${ep} does not divide the ${gpus} GPUs of the replica` };
  if (ep > 1 && experts % ep !== 0) return { field: 'expertParallel', message: `${experts} experts do not split evenly over ${ep} GPUs` };
  if (layout.dpAttention && !moe) {
    // vLLM's data parallelism of a dense model is independent replicas, which `replicas` already sizes.
    return { field: 'dpAttention', message: `DP attention pays off where the ranks share expert layers; ${model.id} is dense, so its data-parallel ranks would be separate replicas (set replicas), and a dense model's DP attention is not modelled` };
  }
  if (layout.dpAttention && gpus < 2) return { field: 'dpAttention', message: 'DP attention needs more than one GPU in the replica' };
  return undefined;
}

/** Bytes of the attention weights over all layers, as the format stores them. */
export function attentionBytes(model: OpenModel, weights: WeightFormat): number {
  const kept = weights.appliesTo !== 'all' && model.quantization.keepUnquantized.includes('attention');
  return model.layers * attentionParamsPerLayer(model) * (kept ? 2 : bytesPerParam(weights));
}

/**
 * Distinct other GPUs a token's k experts sit on, experts spread evenly over `ep` GPUs and
 * routed at random: (EP − 1) × (1 − (1 − 1/EP)^k). A token is sent once to each GPU it needs,
 * whatever the number of its experts there (DeepEP, SGLang and vLLM's all-to-all kernels alike).
 */
export function remoteRanksPerToken(ep: number, perToken: number): number {
  if (ep <= 1) return 0;
  return (ep - 1) * (1 - Math.pow(1 - 1 / ep, perToken));
}

/** Bytes of one activation element sent in a dispatch or a combine: 16-bit (DeepEP's FP8 dispatch would halve the dispatch; not modelled). */
export const ALL_TO_ALL_BYTES_PER_ELEMENT = 2;

/**
 * One all-to-all (a dispatch or a combine) of `tokens` step tokens spread over the replica, in
 * ms: each GPU sends its share of the tokens (tokens / EP a GPU of each expert-parallel rank) to
 * the other GPUs holding their experts, hidden × 2 bytes a copy, over one direction of its
 * link at the all-reduce's efficiency, plus a fixed time. No intranode all-to-all latency at
 * decode sizes was found on record: the all-reduce's fixed time of the interconnect is used,
 * both being one synchronising kernel over the same GPUs.
 */
export function allToAllMs(model: OpenModel, ep: number, tokens: number, linkBytesPerSecond: number, latencyS: number): number {
  if (ep <= 1 || tokens <= 0) return 0;
  const bytes = (tokens / ep) * remoteRanksPerToken(ep, model.expertsPerToken ?? 0) * model.hiddenSize * ALL_TO_ALL_BYTES_PER_ELEMENT;
  return (bytes / linkBytesPerSecond + latencyS) * 1e3;
}

/**
 * A step's collectives under a layout, ms, by part: attention's all-reduce (none with DP
 * attention), the dense MLP layers' all-reduce (with DP attention, the all-gather before and
 * the reduce-scatter after it, which move the same bytes), and each MoE layer's exchange: two
 * all-to-alls under expert parallelism, else the all-reduce of the tensor-parallel experts.
 * `allReduceMs` is one all-reduce of the step's tokens over the replica.
 */
export function layoutInterconnect(model: OpenModel, layout: ServingLayout, tokens: number, allReduceMs: number, linkBytesPerSecond: number, latencyS: number): { attentionMs: number; denseMs: number; expertsMs: number; allToAllMs: number } {
  const moe = moeLayers(model);
  const dense = model.layers - moe;
  const a2a = allToAllMs(model, layout.expertParallel, tokens, linkBytesPerSecond, latencyS);
  const attentionMs = layout.dpAttention ? 0 : model.layers * allReduceMs;
  const denseMs = dense * allReduceMs;
  const expertsMs = layout.expertParallel > 1 ? moe * 2 * a2a : moe * allReduceMs;
  return { attentionMs, denseMs, expertsMs, allToAllMs: a2a };
}

/**
 * How much longer than an even split the busiest DP-attention rank takes: a request's
 * attention runs on one rank, so with `requests` over `ranks` ranks one holds ⌈requests /
 * ranks⌉ of them (the whole of a fraction of one), and every rank waits for it before the
 * expert layers: the ranks step together. 1 over one rank.
 */
export function dpImbalance(requests: number, ranks: number): number {
  if (ranks <= 1 || requests <= 0) return 1;
  const busiest = requests < 1 ? requests : Math.ceil(requests / ranks - 1e-9);
  return (busiest * ranks) / requests;
}

/** The fixed time of one collective over the interconnect, s. */
export function collectiveLatencyS(kind: string): number {
  return (SERVING_FACTORS.allReduceLatencyUs[kind] ?? 30) * 1e-6;
}
