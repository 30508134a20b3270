/**
 * Self-hosted serving: GPUs, weight formats, the two-phase (prefill, decode) serving
 * estimate of a replica, and the cheapest setup for a volume. Plain data in and out.
 */
export { findServingGpu, gpuCounts, gpuMemoryBytes, isSizable, missingFacts, parseGpus, GPU_ALIASES, INTERCONNECT_KINDS, type GpusFile, type InterconnectKind, type ServingGpu, type SizableGpu } from './gpus';
export {
  attentionParamsPerLayer,
  bytesPerParam,
  expertParamsAcrossLayers,
  findKvCacheDtype,
  findWeightFormat,
  formatSupported,
  kvBytesPerValue,
  KV_CACHE_DTYPES,
  weightBreakdown,
  WEIGHT_FORMATS,
  type ComputePrecision,
  type KvCacheDtype,
  type WeightBreakdown,
  type WeightFormat,
} from './quantization';
export { describeReplica, estimateServing } from './estimate';
export { allToAllMs, dpImbalance, hasLayout, layoutKey, layoutProblem, remoteRanksPerToken, resolveLayout, TENSOR_PARALLEL, type LayoutRequest, type ServingLayout } from './layout';
export { SERVING_FACTORS, schedulerLimits } from './factors';
export { expectedExpertsTouched, expertGemmEfficiency, expertTileEfficiency, kvReplication, prepareReplica } from './replica';
export type { Collectives, KernelTimes, PreparedReplica, RequestShape, ServingBound, ServingEstimate, ServingRange, ServingSetup, ServingUsage, SteadyState, StepBreakdown, UnsupportedCode } from './types';
export { cheapestSetup, defaultFormats, DEFAULT_HOURS_PER_MONTH, DEFAULT_PEAK_TO_AVERAGE, type Candidate, type CandidateFailure, type CheapestOptions, type CheapestResult } from './cheapest';
export { DEFAULT_FRAMEWORK, findFramework, FRAMEWORK_NAMES, FRAMEWORKS, type Framework } from './frameworks';
export { findOpenModel, type OpenModelLookup } from './models';
export { MIN_ROWS, residualSlice, SERVING_RESIDUALS, servingRange, type ResidualMetric, type ResidualSlice } from './residuals';
