/**
 * The serving model's shapes: a setup in, an estimate out, and the prepared replica that
 * the cheapest-setup search steps through. Types only.
 */
import type { OpenModel } from '../../catalog/data/openModels';
import type { TextStep } from '../../present/explanation';
import type { ServingCalibration, Vendor } from './calibration';
import type { Framework } from './frameworks';
import type { ServingGpu, SizableGpu } from './gpus';
import type { KvCacheDtype, WeightFormat } from './quantization';

/** 'server': an OpenAI-compatible server's scheduler defaults; 'offline': the LLM class's (batch jobs, benchmark_throughput). */
export type ServingUsage = 'server' | 'offline';

export interface RequestShape {
  /** Average prompt tokens per request. */
  inputTokens: number;
  /** Average generated tokens per request. */
  outputTokens: number;
  /**
   * 'fixed': every request has exactly these lengths (a benchmark's random prompts with a fixed
   * output), so a fixed-concurrency client's requests start and finish in waves; 'varied' (the
   * default): lengths vary around these means, as real traffic and chat datasets do, and the
   * requests spread out.
   */
  lengths?: 'fixed' | 'varied';
}

export interface ServingSetup {
  model: OpenModel;
  gpu: ServingGpu;
  /** GPUs of one replica: its tensor-parallel group, or the ranks of its layout. */
  gpus: number;
  /** Expert parallelism and DP attention (layout.ts); plain tensor parallelism when absent. */
  layout?: ServingLayout;
  weights: WeightFormat;
  kvCache: KvCacheDtype;
  /** Requests in flight at once (a client's max concurrency). */
  concurrency: number;
  shape: RequestShape;
  usage?: ServingUsage;
  /** The serving framework (vLLM when absent): what runs the formats and whose efficiencies apply. */
  framework?: Framework;
  /** The calibration to use; the fitted one (calibration.ts) when absent. Only the fit sets it. */
  calibration?: ServingCalibration;
  /** The engine's cap on running sequences (vLLM --max-num-seqs); vLLM's default for the GPU when absent. */
  maxNumSeqs?: number;
  /** The engine's token budget per step (vLLM --max-num-batched-tokens); vLLM's default when absent. */
  maxBatchedTokens?: number;
}

/** A replica's layout (layout.ts): how many GPUs share out the experts, and whether attention is data parallel. */
export interface ServingLayout {
  /** GPUs the routed experts are sharded over (1: every expert is split over all GPUs by tensor parallelism). */
  expertParallel: number;
  /** Attention runs data parallel over the replica's GPUs, each with its own requests. */
  dpAttention: boolean;
}

export type ServingBound = 'memory' | 'compute' | 'interconnect';

/**
 * Why a setup cannot run. Result codes, not editor findings (those live in findingCodes.ts
 * with a README heading each); the README's "How self-hosting is sized" lists these.
 */
export type UnsupportedCode = 'framework-not-modelled' | 'format-unsupported' | 'fp8-unsupported' | 'fp4-unsupported' | 'int8-unsupported' | 'tensor-parallel-unsupported' | 'layout-unsupported' | 'gpu-facts-missing';

/** A step's collectives under a layout, ms: attention's all-reduces, the dense MLP layers', the MoE layers' exchange, and one all-to-all. */
export interface Collectives {
  attentionMs: number;
  denseMs: number;
  expertsMs: number;
  allToAllMs: number;
}

export interface StepBreakdown {
  memoryMs: number;
  computeMs: number;
  interconnectMs: number;
  overheadMs: number;
  totalMs: number;
}

export interface ServingEstimate {
  model: string;
  framework: Framework;
  gpu: string;
  gpus: number;
  weights: string;
  kvCache: KvCacheDtype;
  concurrency: number;
  inputTokens: number;
  outputTokens: number;
  /** The GPU runs the format natively and the model splits over the GPUs. */
  supported: boolean;
  /** Why not, when not supported; `field` names the layout setting that causes it. */
  unsupported?: { code: UnsupportedCode; message: string; field?: 'expertParallel' | 'dpAttention' };
  /** The layout, when the setup sets one (absent: plain tensor parallelism). */
  layout?: ServingLayout;
  fits: boolean;
  /** Most concurrent requests of this shape whose KV cache fits (0 when the weights alone do not). */
  maxConcurrency: number;
  /** Sequences the scheduler runs at once (vLLM's max_num_seqs caps the concurrency). */
  runningSequences: number;
  outputTokensPerSecond: number;
  inputTokensPerSecond: number;
  requestsPerSecond: number;
  timeToFirstTokenMs: number;
  timePerOutputTokenMs: number;
  bound: ServingBound;
  /** Decode alone at this batch, no prefill between steps. */
  decodeTokensPerSecond: number;
  /** The same decode at the datasheet peaks with no losses: nothing here can exceed it. */
  rooflineOutputTokensPerSecond: number;
  /** Decode step without prefill. */
  decodeStep: StepBreakdown;
  /** The decode step's collectives by part, when the setup sets a layout. */
  decodeCollectives?: Collectives;
  /** Time to prefill one request's prompt alone. */
  prefillMs: number;
  /** Expected distinct experts a decode step reads per MoE layer (undefined for dense models). */
  expertsTouched?: number;
  weightsGB: number;
  kvCacheGB: number;
  memoryNeededGB: number;
  memoryAvailableGB: number;
  /**
   * P10–P90 of what the setup runs at: the estimate over the 90th and 10th percentile ratios
   * (estimate / measured) of the held-out runs of its slice (residuals.ts). Absent when the
   * setup is not estimated, or under a calibration other than the fitted one.
   */
  range?: ServingRange;
  /** The memory steps (weights, KV cache, memory, and whether it fits): the first lines of `lines`. */
  memorySteps: TextStep[];
  lines: string[];
}

export interface ServingRange {
  /** The 10th percentile of each figure: the lower output tok/s, the shorter TPOT. */
  p10: { outputTokensPerSecond: number; timePerOutputTokenMs: number };
  p90: { outputTokensPerSecond: number; timePerOutputTokenMs: number };
  /** Which held-out runs each band comes from, and the fit they are residuals of. */
  basis: { outputTokensPerSecond: string; timePerOutputTokenMs: string; fittedOn: string };
}

/**
 * Everything about a setup that does not depend on the concurrency, computed once; `at(C)`
 * then costs a few dozen flops, which is what lets cheapest() search a whole grid.
 */
export interface PreparedReplica {
  setup: Omit<ServingSetup, 'concurrency'> & { gpu: SizableGpu };
  /** The setup's framework, vLLM when it names none. */
  framework: Framework;
  calibration: ServingCalibration;
  vendor: Vendor;
  /** The setup's layout: plain tensor parallelism (EP 1, no DP attention) when it sets none. */
  layout: ServingLayout;
  /** The calibration's kernel-time factor for the framework on the vendor's GPUs (1 where none is on record: not estimated). */
  kernelTime: number;
  /** The calibration's time before a request's prefill, ms. */
  ttftOverheadMs: number;
  /** All the replica's weights, with the attention copies DP attention adds. */
  weightsBytes: number;
  /** The attention weights DP attention holds on every GPU beyond the first (0 without it). */
  attentionCopyBytes: number;
  kvBytesPerSequence: number;
  maxConcurrency: number;
  memoryAvailableBytes: number;
  /** Memory in use at concurrency C. */
  memoryNeededBytes(concurrency: number): number;
  supported: boolean;
  unsupported?: ServingEstimate['unsupported'];
  maxNumSeqs: number;
  maxBatchedTokens: number;
  /** Step time of `decoding` decode tokens plus `prefill` prefill tokens, with its parts. */
  step(decoding: number, prefill: number): StepBreakdown & { bytes: number; touched: number; idealComputeMs: number; kernels: KernelTimes; collectives: Collectives };
  at(concurrency: number): SteadyState;
}

/** One step's two kernels, each with its memory and compute time (it takes the longer). */
export interface KernelTimes {
  weightsMs: number;
  linearMs: number;
  kvMs: number;
  attentionMs: number;
  weightsGB: number;
  kvGB: number;
}

export interface SteadyState {
  running: number;
  outputTokensPerSecond: number;
  timePerOutputTokenMs: number;
  timeToFirstTokenMs: number;
  bound: ServingBound;
  /** Iterations per prompt prefill, and the step time carrying one chunk. */
  chunks: number;
  chunkStepMs: number;
  averageStepMs: number;
  prefillPerStep: number;
  /** With fixed lengths, the time to prefill a whole wave of requests (0 otherwise). */
  waveMs: number;
}
