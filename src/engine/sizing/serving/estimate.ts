/**
 * The serving estimate of one replica at one concurrency (replica.ts computes it), with the
 * lines that explain every number for a hover.
 */
import { formatGB, formatNumber } from '../../pricing/cost';
import { stepText } from '../../present/explanation';
import { SERVING_FACTORS } from './factors';
import { DEFAULT_FRAMEWORK, FRAMEWORK_NAMES } from './frameworks';
import { gpuMemoryBytes, isSizable, missingFacts } from './gpus';
import { moeLayers, weightBreakdown } from './quantization';
import { ALL_TO_ALL_BYTES_PER_ELEMENT, hasLayout, remoteRanksPerToken } from './layout';
import { layoutText } from '../../present/layout';
import { expertGemmEfficiency, expertTileEfficiency, peakTflops, prepareReplica } from './replica';
import { replicaMemory, replicaMemorySteps } from './replicaMemory';
import { SERVING_RESIDUALS, servingRange } from './residuals';
import type { PreparedReplica, ServingEstimate, ServingSetup, UnsupportedCode } from './types';

const NO_GPU_FACTS: UnsupportedCode = 'gpu-facts-missing';

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
    framework: setup.framework ?? DEFAULT_FRAMEWORK,
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
  // Every serving line names the framework whose efficiencies and kernels it assumes.
  const fw = FRAMEWORK_NAMES[replica.framework];
  const layout = replica.layout;
  const laid = hasLayout(layout);
  if (laid) lines.push(`${fw} layout: ${layoutText({ gpus: n, gpuName: gpu.name, ...layout })}: ${layoutWords(replica)}`);
  if (replica.unsupported) lines.push(`not supported by ${fw}: ${replica.unsupported.message}`);
  if (gpu.maxGpusPerNode !== null && n > gpu.maxGpusPerNode) {
    lines.push(`${fw}: ${n} GPUs are more than one node holds (${gpu.maxGpusPerNode}): the all-reduces are counted over ${gpu.interconnect.kind}, while across nodes they would cross the network`);
  }
  const expertsText = experts
    ? `the shared weights and ${formatNumber(decode.touched)} of ${experts} experts a layer, E × (1 − (1 − k/E)^B) = ${experts} × (1 − (1 − ${k}/${experts})^${s.running})`
    : 'all weights';
  const kern = decode.kernels;
  const cal = replica.calibration;
  const moeExperts = experts > 0 && k > 0;
  const bw = `${n} × ${formatNumber(gpu.bandwidthGBps)} GB/s × ${f.bandwidthEfficiency}${moeExperts ? ` (the routed experts' at ${cal.expertBandwidthEfficiency})` : ''}`;
  const dequant = weights.bitsPerWeight < 16 && precision === 'bf16' ? cal.weightOnlyComputeOverhead : 0;
  // The decode batch's routings shared among the experts it touches, and what a tile costs them.
  const perExpert = moeExperts && decode.touched > 0 ? (s.running * k) / decode.touched : 0;
  const tileText = moeExperts && cal.expertTileTokens > 0 ? `, × ${formatNumber(expertTileEfficiency(perExpert, cal.expertTileTokens))} for ${formatNumber(perExpert)} tokens an expert in tiles of ${formatNumber(cal.expertTileTokens)}` : '';
  const layerOverhead = moeExperts && cal.moeLayerOverheadUs > 0 ? ` (${formatNumber(f.stepOverheadMs)} ms a step + ${moeLayers(model)} MoE layers × ${formatNumber(cal.moeLayerOverheadUs)} µs routing and launching the experts)` : '';
  const vendorName = replica.vendor === 'amd' ? 'AMD' : 'NVIDIA';
  const unfitted = cal.unfitted?.some((u) => u.framework === replica.framework && u.vendor === replica.vendor);
  const slow = unfitted
    ? `, its kernels at the tuned tables' time: no ${fw} run on ${vendorName} GPUs is in the fit half, so that factor is a placeholder, not fitted (its held-out runs give the range)`
    : replica.kernelTime !== 1
      ? `, its kernels at ×${formatNumber(replica.kernelTime)} the tuned tables' time (${fw} on ${vendorName}, ${cal.fittedOn})`
      : '';
  lines.push(
    `${fw} decode step at batch ${s.running}${slow}: GEMMs read ${formatGB(kern.weightsGB)} (${expertsText}) over ${bw} = ${ms(kern.weightsMs)}, compute at ${f.decodeMfu[precision]} of ${n} × ${formatNumber(peak)} ${precision} TFLOPS${experts ? ` (the ${formatNumber(model.moeIntermediateSize ?? model.intermediateSize)}-wide experts' GEMMs at ${formatNumber(expertGemmEfficiency(model.moeIntermediateSize ?? model.intermediateSize))} of that${tileText})` : ''}${dequant ? ` + ${formatNumber(dequant * 100)}% dequantizing the weights in the kernel` : ''} = ${ms(kern.linearMs)}; ` +
      `attention reads ${formatGB(kern.kvGB)} of keys and values a step (${formatNumber(input + output / 2)} tokens a sequence on average) at ${f.kvBandwidthEfficiency} of the bandwidth = ${ms(kern.kvMs)}, compute ${ms(kern.attentionMs)}; ` +
      `each kernel takes the longer` +
      (laid ? `; ${collectivesText(replica, decode.collectives, s.running)} = ${ms(decode.interconnectMs)}` : n > 1 ? `; 2 all-reduces × ${model.layers} layers over ${gpu.interconnect.kind} = ${ms(decode.interconnectMs)}` : '') +
      `; + ${ms(decode.overheadMs)} overhead${layerOverhead} = ${ms(decode.totalMs)} → ${formatNumber((s.running / decode.totalMs) * 1e3)} tok/s decoding alone`,
  );
  lines.push(`${fw} prefill of ${formatNumber(input)} tokens: 2 × ${formatNumber(model.activeParamsB)}B active params × tokens + attention, at ${f.prefillMfu[precision]} of the ${precision} peak${moeExperts && cal.moePrefillTime !== 1 ? `, the experts' GEMMs ×${formatNumber(cal.moePrefillTime)} (grouped over many experts)` : ''} = ${ms(prefill.totalMs)}${s.chunks > 1 ? ` (in ${s.chunks} chunks of the ${formatNumber(replica.maxBatchedTokens)}-token step budget)` : ''}`);
  const range = replica.supported && mem.fits
    ? servingRange(replica.calibration.fittedOn, experts > 0 && k > 0, replica.vendor, replica.framework, s.outputTokensPerSecond, s.timePerOutputTokenMs, (x) => FRAMEWORK_NAMES[x])
    : undefined;
  const tpotBand = range ? `; P10–P90 ${formatNumber(range.p10.timePerOutputTokenMs)}–${formatNumber(range.p90.timePerOutputTokenMs)} ms` : '';
  const tpsBand = range ? ` (P10–P90 ${formatNumber(range.p10.outputTokensPerSecond)}–${formatNumber(range.p90.outputTokensPerSecond)} tok/s)` : '';
  lines.push(
    `${fw} continuous batching: ${formatNumber(s.running / output)} requests start per step, adding ${formatNumber(s.prefillPerStep)} prefill tokens to the ${s.running} decode tokens → ${ms(s.timePerOutputTokenMs)} per step (TPOT${tpotBand}), ${formatNumber(s.outputTokensPerSecond)} output tok/s${tpsBand}, ${formatNumber(requestsPerSecond)} requests/s, TTFT ≈ ${ms(s.timeToFirstTokenMs)}${replica.ttftOverheadMs > 0 ? ` (${ms(replica.ttftOverheadMs)} of it before the prefill: the HTTP path, tokenization and scheduling)` : ''}` +
      (s.waveMs > 0 ? `; every request has the same lengths, so the ${s.running} arrive together: their prompts take ${ms(s.waveMs)} to prefill and the median request waits for half of it` : ''),
  );
  if (range) {
    lines.push(
      `${fw} range: P10–P90 is the estimate over the 90th and 10th percentile of estimate / measured among ${range.basis.outputTokensPerSecond} (output tok/s) and ${range.basis.timePerOutputTokenMs} (TPOT), runs the calibration was not fitted on (fit of ${SERVING_RESIDUALS.date})`,
    );
  }
  if (c > s.running) lines.push(`${c - s.running} of the ${c} requests wait in the queue: the scheduler runs at most ${replica.maxNumSeqs} sequences (${fw}'s max_num_seqs)`);
  lines.push(`${fw} bound: ${s.bound} (upper bound at the datasheet peaks: ${formatNumber(rooflineOutputTokensPerSecond)} tok/s)`);

  return {
    model: model.id,
    framework: replica.framework,
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
    ...(laid ? { layout: { ...layout }, decodeCollectives: decode.collectives } : {}),
    prefillMs: prefill.totalMs,
    ...(experts ? { expertsTouched: decode.touched } : {}),
    ...(range ? { range } : {}),
    weightsGB: mem.weightsGB,
    kvCacheGB: mem.kvCacheGB,
    memoryNeededGB: mem.neededGB,
    memoryAvailableGB: mem.availableGB,
    memorySteps: memory,
    lines,
  };
}

/** What the layout does, and what of it is not modelled, in one clause list. */
function layoutWords(replica: PreparedReplica): string {
  const { model, gpus: n } = replica.setup;
  const { expertParallel: ep, dpAttention } = replica.layout;
  const parts: string[] = [];
  if (ep > 1) parts.push(`each GPU holds ${(model.experts ?? 0) / ep} of the ${model.experts} experts whole${ep < n ? ` (each split over ${n / ep} GPUs)` : ''}, and each MoE layer sends the step's tokens to their experts' GPUs and back (all-to-all dispatch and combine) instead of an all-reduce`);
  else if (dpAttention) parts.push('the experts stay tensor parallel over all the GPUs, the tokens gathered before each MLP and scattered after it');
  if (dpAttention) parts.push(`attention runs data parallel: each GPU has the whole attention weights and its own requests' KV cache, the concurrency split over ${n} ranks, and a step waits for the busiest rank`);
  const missing = ep > 1 ? ['uneven expert load (each GPU is taken to get its share of the routed tokens)', "the all-to-all kernels' buffers", 'FP8 dispatch', 'overlap of the exchange with compute'] : [];
  // The scheduler's limits are the replica's, as without a layout.
  if (dpAttention) missing.push("each DP rank's own sequence and token limits");
  return `${parts.join('; ')}; not modelled: ${missing.join(', ')}`;
}

/** The decode step's collectives under a layout, as words with their times. */
function collectivesText(replica: PreparedReplica, c: { attentionMs: number; denseMs: number; expertsMs: number; allToAllMs: number }, running: number): string {
  const { model, gpu } = replica.setup;
  const ms = (x: number) => `${formatNumber(x)} ms`;
  const { expertParallel: ep, dpAttention } = replica.layout;
  const moe = moeLayers(model);
  const dense = model.layers - moe;
  const out: string[] = [];
  if (!dpAttention) out.push(`attention all-reduce × ${model.layers} layers ${ms(c.attentionMs)}`);
  if (dense > 0) out.push(`${dpAttention ? 'gather and scatter around' : 'all-reduce after'} the MLP × ${dense} dense layers ${ms(c.denseMs)}`);
  if (ep > 1) {
    const remote = remoteRanksPerToken(ep, model.expertsPerToken ?? 0);
    out.push(
      `2 all-to-alls × ${moe} MoE layers ${ms(c.expertsMs)} (each: ${formatNumber(running / ep)} tokens a GPU × ${formatNumber(remote)} other GPUs a token's ${model.expertsPerToken} experts reach × ${model.hiddenSize} hidden × ${ALL_TO_ALL_BYTES_PER_ELEMENT} bytes over ${formatNumber(gpu.interconnect.gbpsPerGpu / 2)} GB/s each way × ${SERVING_FACTORS.interconnectEfficiency} + ${formatNumber(SERVING_FACTORS.allReduceLatencyUs[gpu.interconnect.kind] ?? 30)} µs = ${ms(c.allToAllMs)})`,
    );
  } else if (moe > 0) out.push(`${dpAttention ? 'gather and scatter around' : 'all-reduce after'} the experts × ${moe} MoE layers ${ms(c.expertsMs)}`);
  return `${out.join(', ')} over ${gpu.interconnect.kind}`;
}
