/**
 * A replica's memory at a concurrency: weights, every sequence's KV cache, the workspace and
 * the reserve, and the steps that explain them.
 */
import { formatNumber } from '../../pricing/cost';
import { gb as gbValue, step, type TextStep } from '../../present/explanation';
import { SERVING_FACTORS } from './factors';
import { kvCacheNote, weightBreakdown } from './quantization';
import { hasLayout } from './layout';
import { kvReplication } from './replica';
import type { PreparedReplica } from './types';

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

/** A step with another's words and values after it, then plain words. */
function joinSteps(a: TextStep, b: TextStep | undefined, tail: string): TextStep {
  const text = [...a.text];
  const values = [...a.values];
  if (b) {
    text[text.length - 1] += b.text[0] ?? '';
    text.push(...b.text.slice(1));
    values.push(...b.values);
  }
  text[text.length - 1] += tail;
  return { topic: a.topic, text, values };
}

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
  const { dpAttention, expertParallel } = replica.layout;
  const replication = dpAttention ? 1 : kvReplication(model, n);
  const tokens = Math.max(1, shape.inputTokens) + Math.max(1, shape.outputTokens);
  const perSequenceMB = replica.kvBytesPerSequence / replication / 1e6;
  const copies =
    replication > 1 ? ` × ${formatNumber(replication)} copies (${model.attention.kind === 'mla' ? 'the MLA latent is replicated on every GPU' : `${model.kvHeads} KV heads over ${n} GPUs`})` : '';
  const own = dpAttention ? ` (DP attention: each request's cache on its own GPU, once${model.attention.kind === 'mla' ? ', where tensor parallelism would copy the MLA latent to every GPU' : ''})` : '';
  const copiesGB = replica.attentionCopyBytes / 1e9;
  const storedGB = m.weightsGB - copiesGB;
  // The experts' bytes are the same sharded whole (expert parallel) or sliced (tensor parallel): only where they sit changes.
  const sharded = expertParallel > 1 ? ` (the ${model.experts} experts sharded ${model.experts! / expertParallel} ${expertParallel < n ? `to each group of ${n / expertParallel} GPUs` : 'a GPU'}, the same bytes as sliced by tensor parallelism)` : '';
  const attentionCopies = copiesGB > 0 ? memoryStep` + ${n - 1} × ${gbValue(copiesGB / (n - 1))} of attention weights held again on every other GPU (DP attention) = ${gbValue(m.weightsGB)}` : undefined;
  const perGpu = hasLayout(replica.layout) ? memoryStep`; ${gbValue(m.neededGB / n)} a GPU with the requests spread evenly` : undefined;
  const reservePct = Math.round((1 - SERVING_FACTORS.gpuMemoryUtilization) * 100);
  const steps = [
    breakdown.unquantizedParams > 0
      ? memoryStep`weights = ${breakdown.quantizedParams / 1e9}B params × ${weights.bitsPerWeight} bits (${weights.name}) + ${breakdown.unquantizedParams / 1e9}B kept at 16-bit (${breakdown.keptParts.join(', ')}) = ${gbValue(storedGB)}`
      : memoryStep`weights = ${model.totalParamsB}B params × ${weights.bitsPerWeight} bits (${weights.name}) = ${gbValue(storedGB)}`,
    memoryStep`KV cache: ${kvCacheNote(kvCache, gpu)}; ${perSequenceMB} MB per sequence of ${tokens} tokens${copies}${own} × ${c} concurrent = ${gbValue(m.kvCacheGB)}`,
    memoryStep`memory: ${gbValue(m.weightsGB)} weights + ${gbValue(m.kvCacheGB)} KV + ${gbValue(m.runtimeReserveGB)} workspace and ${reservePct}% reserve = ${gbValue(m.neededGB)} of ${n} × ${gbValue(m.availableGB / n)} = ${gbValue(m.availableGB)}; at most ${m.maxConcurrency} such requests fit`,
  ];
  if (attentionCopies || sharded) steps[0] = joinSteps(steps[0]!, attentionCopies, sharded);
  if (perGpu) steps[2] = joinSteps(steps[2]!, perGpu, '');
  if (!m.fits) steps.push(m.maxConcurrency === 0 ? memoryStep`does not fit: the weights and workspace alone exceed the memory` : memoryStep`does not fit at ${c} concurrent: at most ${m.maxConcurrency}`);
  return steps;
}
