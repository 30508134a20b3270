/**
 * The serving model's calibration to what teams run (the default): factors fitted on the fit half of
 * test/fixtures/serving-measurements-fixed-concurrency.json (the rows are split by source
 * document, so no source is on both sides) and checked against the other half in
 * test/unit/servingFixedConcurrency.test.ts, which prints the held-out ratios by slice. The
 * efficiency factors of factors.ts stay as they were fitted on TensorRT-LLM's tuned tables;
 * these say how stock frameworks run against them (today's releases, and older ones by their
 * age), where MoE experts and weight-only kernels lose, and what a served request pays before
 * its prefill.
 *
 * The numbers are fitted by the search in test/unit/servingFit.ts (least squares of log
 * ratios of output tok/s and TPOT, then TTFT), rounded to two figures.
 */
import type { Framework } from './frameworks';

export type Vendor = 'nvidia' | 'amd';

export interface ServingCalibration {
  /**
   * How much longer a step's kernels (GEMMs and attention, not the all-reduces or the fixed
   * overhead) take under a framework on a vendor's GPUs than in the tuned tables the
   * efficiency factors were fitted on. Absent: no measurement of that pair on record, and the
   * setup is not estimated.
   */
  kernelTime: Partial<Record<Framework, Partial<Record<Vendor, number>>>>;
  /**
   * Pairs whose kernel time is a placeholder, not a fit: measured (their held-out runs give
   * their range) but with no run in the fit half. Every explanation of such a setup says so.
   */
  unfitted?: readonly { framework: Framework; vendor: Vendor }[];
  /**
   * Share of the bandwidth a routed expert's weight reads reach: a fused-MoE kernel with a
   * few tokens per expert reads each expert's weights in short, scattered tiles.
   */
  expertBandwidthEfficiency: number;
  /**
   * How much longer a mixture-of-experts prefill's GEMMs take than the expert-width rule
   * gives: long prompts routed over many experts, each a grouped GEMM with its own gather
   * and scatter (the "a long MoE prefill at a tenth of the measured TTFT").
   */
  moePrefillTime: number;
  /**
   * Tokens' worth of work a routed expert's grouped GEMM pays beyond the tokens routed to it,
   * m0 in an efficiency of m / (m + m0) with m tokens at the expert: a fused-MoE kernel runs
   * each expert's tokens in tiles of a fixed height (vLLM's Triton fused_moe pads them to
   * BLOCK_SIZE_M, 16-64 rows), so an expert with a few tokens costs nearly a whole tile.
   * 0: no such term (the tuned tables' batches put hundreds of tokens on each expert).
   */
  expertTileTokens: number;
  /**
   * Time each MoE layer adds to every step, µs, whatever the batch: routing (top-k, the
   * token sort by expert, the alignment to tiles), the grouped GEMMs' launches and the
   * gather and scatter of routed tokens, which a dense layer does not have.
   */
  moeLayerOverheadUs: number;
  /**
   * Extra GEMM compute of weight-only kernels (weights below 16 bits multiplied in 16-bit):
   * dequantizing in the kernel. Set by its own measurement, not by the fit
   * (WEIGHT_ONLY_COMPUTE_OVERHEAD says why).
   */
  weightOnlyComputeOverhead: number;
  /** What a request pays before its prefill, ms: the HTTP path, tokenization and scheduling. */
  ttftOverheadMs: Partial<Record<Framework, number>>;
  /**
   * The software's age: how much longer a step's kernels took per year that a run's framework
   * release is older than `softwareAsOf`, compounding (1: no age term). The estimate is for
   * today's software and never applies it; the fit does, to each measured row by the release
   * date of its framework version (atSoftwareDate in test/unit/servingFit.ts), so that a run of early-2025 software is
   * judged as that software and not taken for what teams run now.
   */
  kernelTimePerYearOfAge: number;
  /** The release date (YYYY-MM-DD) the kernel times are for: the newest framework release the fit has. */
  softwareAsOf: string;
  /** What the numbers were fitted on, for the explanation. */
  fittedOn: string;
}

/**
 * Weight-only kernels' extra GEMM time, set by a dense measurement of its own and not refitted:
 * GPUStack's "The Impact of Quantization on vLLM Inference Performance" (vLLM 0.9.2, Qwen3-8B on
 * one A100 80GB, 1,000 ShareGPT prompts at once; https://github.com/gpustack/gpustack/blob/4650ef43c7f1e51661cbe0f10258bf6eb7274177/docs/performance-lab/references/the-impact-of-quantization-on-vllm-inference-performance.md)
 * measured AWQ through Marlin at 8,066 tok/s against BF16's 10,338, 0.78 of it where memory
 * does not bind; +35% GEMM compute gives 0.78 (test/unit/servingMoe.test.ts). The fixture's
 * weight-only rows are all MoE (gpt-oss in MXFP4), where the fit trades this term against the
 * MoE terms and set it to 0 with them, which is what they leave, not a measure of dequantizing.
 */
export const WEIGHT_ONLY_COMPUTE_OVERHEAD = 0.35;

/**
 * The efficiency factors alone, as fitted on the tuned tables (no stock-framework term): the
 * start of the fit, the "before" of the held-out ratios, and what
 * test/unit/servingCalibration.test.ts holds factors.ts against (TensorRT-LLM's own tables).
 * Not the estimate's default since the fitted calibration below became it.
 */
export const TUNED_TABLE_CALIBRATION: ServingCalibration = {
  kernelTime: { trtllm: { nvidia: 1 }, vllm: { nvidia: 1, amd: 1 }, sglang: { nvidia: 1, amd: 1 } },
  // The same share as the dense weights (factors.ts bandwidthEfficiency): no MoE term.
  expertBandwidthEfficiency: 0.75,
  moePrefillTime: 1,
  expertTileTokens: 0,
  moeLayerOverheadUs: 0,
  weightOnlyComputeOverhead: 0,
  ttftOverheadMs: { vllm: 0, sglang: 0, trtllm: 0 },
  kernelTimePerYearOfAge: 1,
  softwareAsOf: '2026-06-22',
  fittedOn: 'the tuned TensorRT-LLM tables of serving-measurements.json (factors.ts); no stock-framework term',
};

/**
 * Fitted by test/unit/servingFit.ts on the fit half of the fixed-concurrency fixture (71 rows:
 * dstack's DeepSeek R1 vLLM MI300X and SGLang H200 series and its Llama 3.1 405B batches on 8 ×
 * H100, GPUStack's Qwen3, gpt-oss and DeepSeek R1 runs, the vLLM FP8 KV-cache blog, the SGLang
 * cookbook's DeepSeek R1 on 8 × B200 and DeepSeek V3.1 on 8 × MI300X), each row judged as the
 * software it ran (kernelTimePerYearOfAge), rounded to two figures, and within 3% of the
 * search's lowest loss on it (43.34 against 42.14); test/unit/servingFixedConcurrency.test.ts
 * prints its held-out ratios by slice. The estimate's default: stock frameworks at a fixed
 * concurrency, at the newest release on record, are what teams run.
 */
export const FITTED_CALIBRATION: ServingCalibration = {
  kernelTime: {
    // factors.ts was fitted on TensorRT-LLM's tuned tables: that is what 1 means, and the fit does not move it.
    trtllm: { nvidia: 1 },
    // Today's releases: vLLM on NVIDIA below the tuned tables' kernel time; its old runs are slower by their age.
    // Every vLLM-on-AMD row is of early 2025, so ×1.5 on AMD is that age term's extrapolation, not a measurement of
    // today's ROCm builds (the held-out early-2025 MI300X rows come out at ×0.45-0.84 under it).
    vllm: { nvidia: 0.74, amd: 1.5 },
    // SGLang on AMD from the cookbook's DeepSeek V3.1 on 8 × MI300X (SGLang 0.5.7), the pair's series the split puts in
    // the fit half; dstack's and the cookbook's Llama 4 runs on MI300X are held out.
    sglang: { nvidia: 1.2, amd: 2.2 },
  },
  expertBandwidthEfficiency: 0.63,
  moePrefillTime: 1.4,
  // Within vLLM's fused_moe tile heights (BLOCK_SIZE_M 16-64 in its tuned configs).
  expertTileTokens: 48,
  // 100 µs × 58 MoE layers: 5.8 ms a step for DeepSeek R1.
  moeLayerOverheadUs: 100,
  weightOnlyComputeOverhead: WEIGHT_ONLY_COMPUTE_OVERHEAD,
  // One figure for all (servingFit.ts says why), bounded at 100 ms: the short-prompt runs at
  // concurrency 4 measure 27-60 ms in all (GPUStack's Qwen3-8B on an H100), the cookbook's
  // 1,000-token prompts at concurrency 1 on 8 × B200 130-150 ms.
  ttftOverheadMs: { vllm: 75, sglang: 75, trtllm: 75 },
  // ×2 a year: vLLM 0.6.3 (a build of November 2024, 1.6 years before softwareAsOf) runs its
  // kernels ×3.1 as long as today's release, the early-2025 ROCm and MLA builds ×2.4-2.7, the
  // October 2025 releases ×1.6, SGLang 0.5.6 (December 2025) ×1.4.
  kernelTimePerYearOfAge: 2,
  // vLLM 0.23.0, the newest release a row ran (servingFit.ts SOFTWARE_DATES says where its date is from).
  softwareAsOf: '2026-06-22',
  fittedOn: 'the fit half (71 rows) of the fixed-concurrency measurements, each judged as its software, 2026-12-07',
};
