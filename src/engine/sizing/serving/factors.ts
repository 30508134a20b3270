/**
 * The serving model's efficiency factors and the scheduler's limits: data with a reason each.
 */
import { gpuMemoryBytes, type ServingGpu } from './gpus';
import type { ComputePrecision } from './quantization';
import type { ServingUsage } from './types';

/**
 * The efficiency factors, each a fraction of a datasheet peak that serving engines reach.
 * Calibrated against the published measurements in test/fixtures/serving-measurements.json
 * (TensorRT-LLM's perf-overview tables, MLPerf Inference logs): test/unit/servingCalibration.test.ts
 * prints the ratio estimate/measured of every row it can estimate. They are a few global
 * constants, fitted by a grid search over round values for the most rows within ×0.6–×1.6
 * and the least spread; no row has a factor of its own.
 */
export const SERVING_FACTORS = {
  /**
   * vLLM's default --gpu-memory-utilization: the engine takes 90% of each GPU's memory for
   * weights, activations and KV cache and leaves 10% to the CUDA context and fragmentation.
   * https://docs.vllm.ai/en/latest/configuration/engine_args.html (gpu-memory-utilization).
   */
  gpuMemoryUtilization: 0.9,
  /** CUDA graphs, NCCL buffers and the sampler's scratch per GPU, inside the 90% (vLLM's profile run measures a few hundred MB to ~1 GB). */
  runtimeWorkspaceGB: 1,
  /** vLLM's KV block: a sequence's cache is allocated 16 tokens at a time. */
  kvBlockTokens: 16,
  /**
   * Share of peak HBM bandwidth a step's weight and KV reads reach. Memory-bound GEMV and
   * paged-attention kernels measure 75-90% of peak alone; fitted at 0.75 (0.65-0.75 fit the
   * decode-heavy 128-in/2,048-out rows about equally).
   */
  bandwidthEfficiency: 0.75,
  /**
   * Share of the dense peak the prefill GEMMs reach (model FLOPs utilisation), by the
   * precision they run at. Fitted on the prefill-heavy 2,048-in/128-out rows, whose measured
   * rate × 2 × params × input tokens is 0.58-0.66 of the peak for A100 BF16, 0.44-0.50 for
   * H100/H200 FP8, 0.37 for L40S FP8 and 0.33 for B200 FP4 (dense models). Lower precisions
   * halve the GEMM time but not the norms, activation quantization and attention around
   * them, so they reach less of their doubled peak. INT8 has no row; it is set as FP8, the
   * same tensor-core rate. Attention FLOPs run at the BF16 figure.
   */
  prefillMfu: { bf16: 0.6, fp8: 0.5, fp4: 0.3, int8: 0.5 } as Record<ComputePrecision, number>,
  /** The same for decode's skinny GEMMs when a large batch makes them compute-bound: about 0.8 of prefill's. */
  decodeMfu: { bf16: 0.5, fp8: 0.4, fp4: 0.25, int8: 0.4 } as Record<ComputePrecision, number>,
  /** Share of the link bandwidth an all-reduce reaches (bus bandwidth over link bandwidth). */
  interconnectEfficiency: 0.7,
  /**
   * Fixed time per all-reduce, µs: the launch and synchronisation that dominate the small
   * messages of decode. NVLink with vLLM's custom all-reduce is single-digit µs; NCCL over
   * PCIe without peer-to-peer goes through host memory and costs several times more.
   */
  allReduceLatencyUs: { nvlink: 8, 'infinity-fabric': 12, pcie: 30 } as Record<string, number>,
  /**
   * Scheduling, sampling and launch time of each engine step, ms, that no GPU speed removes.
   * Fitted (1.5-2 ms fit best; 0.5 ms overestimates every decode-heavy row).
   */
  stepOverheadMs: 1.5,
  /**
   * Share of peak HBM bandwidth decode attention reaches reading the KV cache: paged blocks
   * of 16-32 tokens, gathered per sequence, stream less well than a GEMM's contiguous
   * weights. Fitted at 0.55 (0.5-0.6 keep every row within the band) on the decode-heavy
   * rows whose steps mostly read KV: gpt-oss-120b at 1,024 in / 8,192 out on B200 is ×1.77 at
   * 0.75 and ×1.50 at 0.55; the short-context rows move by under 10%.
   */
  kvBandwidthEfficiency: 0.55,
  /**
   * A routed expert's GEMMs reach `width / (width + expertGemmHalfWidth)` of the precision's
   * MFU, width being the expert's intermediate size: a narrow expert is a short GEMM (few
   * k-iterations a tile, one tile row of tokens per expert), so the tile prologue, the
   * per-expert scheduling of the grouped GEMM and the routed tokens' gather and scatter
   * weigh more. Fitted at 2,048: Qwen3-30B-A3B's 768-wide experts run at 27% of the MFU
   * (prefill-heavy B200 FP4 measured at 7% of the FP4 peak, ×3.01 without this, ×1.32 with),
   * Mixtral's 14,336-wide at 88%.
   */
  expertGemmHalfWidth: 2048,
  /**
   * Tokenizing a prompt before its prefill, ms a token, on one CPU core: a 100k-token prompt
   * took 220 ms (about 450k tokens a second) with vLLM 0.19's fast tokenizer ("CPU–GPU co-design
   * for agentic inference on MI300X", https://andyluo7.github.io/llm/amd/mi300x/vllm/lmcache/performance/2026/05/14/cpu-gpu-codesign-agentic-inference-mi300x/,
   * 2026-05-14). A few ms at a few thousand tokens; 40 ms at 20k, a tenth of such a prompt's TTFT.
   */
  tokenizationMsPerToken: 0.0022,
} as const;

/**
 * vLLM's scheduler limits (EngineArgs.get_batch_defaults in vllm/engine/arg_utils.py): on GPUs
 * with ≥ 70 GiB other than the A100, 1,024 running sequences and 8,192 tokens a step for the
 * server (16,384 offline); elsewhere 256 sequences and 2,048 (8,192 offline).
 */
export function schedulerLimits(gpu: ServingGpu, usage: ServingUsage): { maxNumSeqs: number; maxBatchedTokens: number } {
  const big = (gpuMemoryBytes(gpu) ?? 0) >= 70 * 2 ** 30 && !gpu.id.startsWith('a100');
  if (big) return { maxNumSeqs: 1024, maxBatchedTokens: usage === 'offline' ? 16384 : 8192 };
  return { maxNumSeqs: 256, maxBatchedTokens: usage === 'offline' ? 8192 : 2048 };
}
