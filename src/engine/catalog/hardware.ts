/**
 * GPUs, quantization formats and the seed's self-hosted setups.
 *
 * GPU memory is stored in GiB as NVIDIA markets it: an "80GB" A100 reports 80 GiB, and the
 * H200's "141GB" is read the same way. Bandwidth and bf16 throughput are dense datasheet
 * peaks (no sparsity). Rental prices other than the seed's A100 spot price are estimates:
 * they move monthly, so each says where it comes from and a user setting overrides it.
 */
import { SEED } from './models';
import type { GpuSpec, Provenance, QuantizationOption, SelfHostSetup } from './types';

const RENTAL_ESTIMATE: Provenance = {
  source: 'Catalog estimate: typical on-demand price at specialist GPU clouds (Lambda, RunPod and similar)',
  asOf: '2025-07-01',
};

export const gpus: GpuSpec[] = [
  {
    id: 'a100-80gb',
    name: 'NVIDIA A100 80GB (SXM)',
    memoryGiB: 80,
    bandwidthGBps: 2039,
    bf16Tflops: 312,
    hourlyUsd: 2.5,
    hourlyUsdSource: SEED,
    note: 'The seed\'s "A100 80GB spot price" of $2.50/h.',
    source: 'NVIDIA A100 datasheet',
    asOf: '2020-11-16',
  },
  {
    id: 'h100-80gb',
    name: 'NVIDIA H100 80GB (SXM)',
    memoryGiB: 80,
    bandwidthGBps: 3350,
    bf16Tflops: 989,
    hourlyUsd: 2.99,
    hourlyUsdSource: RENTAL_ESTIMATE,
    note: 'Hyperscaler on-demand prices are higher; marketplaces and commitments lower.',
    source: 'NVIDIA H100 datasheet',
    asOf: '2022-03-22',
  },
  {
    id: 'h200-141gb',
    name: 'NVIDIA H200 141GB (SXM)',
    memoryGiB: 141,
    bandwidthGBps: 4800,
    bf16Tflops: 989,
    hourlyUsd: 3.8,
    hourlyUsdSource: RENTAL_ESTIMATE,
    note: 'Marketed as 141 GB; stored as 141 GiB, the way the other cards\' marketed sizes are read, so 141 × 1.074 ≈ 151 GB.',
    source: 'NVIDIA H200 datasheet',
    asOf: '2023-11-13',
  },
  {
    id: 'l40s-48gb',
    name: 'NVIDIA L40S 48GB',
    memoryGiB: 48,
    bandwidthGBps: 864,
    bf16Tflops: 362,
    hourlyUsd: 0.99,
    hourlyUsdSource: RENTAL_ESTIMATE,
    source: 'NVIDIA L40S datasheet',
    asOf: '2023-08-08',
  },
  {
    id: 'rtx-4090-24gb',
    name: 'NVIDIA GeForce RTX 4090 24GB',
    memoryGiB: 24,
    bandwidthGBps: 1008,
    bf16Tflops: 165,
    hourlyUsd: 0.4,
    hourlyUsdSource: RENTAL_ESTIMATE,
    note: 'A consumer GPU, for the seed\'s "open model on a single consumer GPU" advice; owned, its marginal cost is power only.',
    source: 'NVIDIA Ada Lovelace architecture whitepaper',
    asOf: '2022-10-12',
  },
];

const STANDARD_PRECISION: Provenance = { source: 'IEEE 754 / bfloat16 formats', asOf: '2026-01-01' };
const GGUF: Provenance = { source: 'llama.cpp GGUF quantization types', asOf: '2026-01-01' };
const GGUF_QUALITY = 'Variable (Q2_K to Q8_0)';
const GGUF_PLATFORM = 'CPU + GPU hybrid, any hardware';

export const quantizations: QuantizationOption[] = [
  {
    id: 'fp16',
    name: 'FP16',
    bytesPerParam: 2,
    qualityLossPct: { min: 0, max: 0 },
    memoryReduction: 1,
    speedup: { min: 1, max: 1 },
    note: 'The reference the other options are measured against.',
    availableForClosed: false,
    ...STANDARD_PRECISION,
  },
  {
    id: 'bf16',
    name: 'BF16',
    bytesPerParam: 2,
    qualityLossPct: { min: 0, max: 0 },
    memoryReduction: 1,
    speedup: { min: 1, max: 1 },
    note: 'Same size as FP16; the format most open weights are released in.',
    availableForClosed: false,
    ...STANDARD_PRECISION,
  },
  {
    id: 'fp8',
    name: 'FP8',
    bytesPerParam: 1,
    qualityLossNote: 'Not in the seed; usually under 1% with per-channel scales.',
    memoryReduction: 2,
    speedup: { min: 1.5, max: 2 },
    note: 'Needs FP8 tensor cores (H100, H200, L40S, RTX 4090); on an A100 it runs as weight-only.',
    availableForClosed: false,
    source: 'Catalog estimate (not in the seed), by analogy with INT8',
    asOf: '2026-01-01',
  },
  {
    id: 'int8',
    name: 'INT8 (GPTQ/AWQ)',
    bytesPerParam: 1,
    qualityLossPct: { min: 0.5, max: 1 },
    qualityLossNote: '0.5-1%',
    memoryReduction: 2,
    speedup: { min: 1.5, max: 2 },
    method: 'GPTQ/AWQ',
    availableForClosed: false,
    ...SEED,
  },
  {
    id: 'int4',
    name: 'INT4 (GPTQ/AWQ)',
    bytesPerParam: 0.5,
    qualityLossPct: { min: 1, max: 3 },
    qualityLossNote: '1-3%',
    memoryReduction: 4,
    speedup: { min: 2, max: 3 },
    method: 'GPTQ/AWQ',
    note: '0.5 bytes/param leaves out the group scales (about 3% more at group size 128).',
    availableForClosed: false,
    ...SEED,
  },
  {
    id: 'int4-speculative',
    name: 'INT4 + speculative decoding',
    // "0% loss, verified by the large model" holds only when the verifying model runs
    // unquantized: the INT4 copy drafts, the full model accepts or rejects. Memory is
    // therefore the full model's, plus the draft's.
    bytesPerParam: 2,
    qualityLossPct: { min: 0, max: 0 },
    qualityLossNote: '0% (verified by large model)',
    memoryReduction: 1,
    speedup: { min: 2, max: 4 },
    method: 'INT4 draft model, full-precision verifier',
    note: 'The seed gives no memory reduction: the lossless reading keeps the full-precision model resident (2 bytes/param) and adds the INT4 draft.',
    availableForClosed: false,
    ...SEED,
  },
  {
    id: 'q4_k_m',
    name: 'GGUF Q4_K_M (llama.cpp)',
    bytesPerParam: 4.85 / 8,
    qualityLossNote: GGUF_QUALITY,
    memoryReduction: 16 / 4.85,
    speedup: { min: 1, max: 16 / 4.85 },
    method: 'GGUF (llama.cpp)',
    platformNote: GGUF_PLATFORM,
    note: 'About 4.85 bits per weight. Speed-up not in the seed: decode is memory-bound, so the byte ratio is its ceiling.',
    availableForClosed: false,
    ...GGUF,
  },
  {
    id: 'q8_0',
    name: 'GGUF Q8_0 (llama.cpp)',
    bytesPerParam: 8.5 / 8,
    qualityLossNote: GGUF_QUALITY,
    memoryReduction: 16 / 8.5,
    speedup: { min: 1, max: 16 / 8.5 },
    method: 'GGUF (llama.cpp)',
    platformNote: GGUF_PLATFORM,
    note: '8.5 bits per weight: 8-bit values plus one FP16 scale per block of 32. Speed-up not in the seed (byte-ratio ceiling).',
    availableForClosed: false,
    ...GGUF,
  },
];

const BATCH_1 = 'batch 1';

/** The seed's four self-hosted configurations, exactly as quoted. */
export const setups: SelfHostSetup[] = [
  {
    id: 'llama-3.1-70b-int4-1xa100',
    name: 'Llama 3.1 70B (INT4, 1x A100)',
    model: 'llama-3.1-70b',
    gpu: 'a100-80gb',
    gpus: 1,
    quantization: 'int4',
    throughputTps: 25,
    throughputNote: BATCH_1,
    ...SEED,
  },
  {
    id: 'deepseek-v3-int4-4xa100',
    name: 'DeepSeek V3 (INT4, 4x A100)',
    model: 'deepseek-v3',
    gpu: 'a100-80gb',
    gpus: 4,
    quantization: 'int4',
    throughputTps: 15,
    throughputNote: BATCH_1,
    ...SEED,
  },
  {
    id: 'llama-3.1-405b-fp16-12xa100',
    name: 'Llama 3.1 405B (FP16, 12x A100)',
    model: 'llama-3.1-405b',
    gpu: 'a100-80gb',
    gpus: 12,
    quantization: 'fp16',
    throughputTps: 30,
    throughputNote: BATCH_1,
    ...SEED,
  },
  {
    id: 'qwen-2.5-72b-int4-1xa100',
    name: 'Qwen 2.5 72B (INT4, 1x A100)',
    model: 'qwen-2.5-72b',
    gpu: 'a100-80gb',
    gpus: 1,
    quantization: 'int4',
    throughputTps: 22,
    throughputNote: BATCH_1,
    ...SEED,
  },
];
