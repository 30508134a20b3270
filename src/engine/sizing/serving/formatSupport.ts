/**
 * What runs where: weight format × GPU generation × serving framework, as the frameworks'
 * own documentation states it. A format runs natively (the tensor cores multiply in it), as
 * weight-only kernels (weights dequantized to 16-bit in the kernel: bound by dequantization,
 * not a native low-bit read), or not at all. Data with a source a row; what no source states
 * is "not on record", never a guess.
 */

import { FRAMEWORK_NAMES, type Framework } from './frameworks';

export type { Framework } from './frameworks';
export type Generation = 'turing' | 'ampere' | 'ada' | 'hopper' | 'blackwell' | 'cdna3';
export type Support = 'native' | 'weight-only' | 'unsupported';

/** The generation of each GPU of the GPU catalog, by its compute capability (NVIDIA) or architecture (AMD). */
export const GPU_GENERATION: Readonly<Record<string, Generation>> = {
  t4: 'turing',
  a10: 'ampere',
  a10g: 'ampere',
  'a100-40gb': 'ampere',
  'a100-80gb': 'ampere',
  l4: 'ada',
  l40s: 'ada',
  'rtx-4090': 'ada',
  'rtx-6000-ada': 'ada',
  'h100-pcie': 'hopper',
  'h100-sxm': 'hopper',
  'h100-nvl': 'hopper',
  h200: 'hopper',
  b200: 'blackwell',
  mi300x: 'cdna3',
  mi325x: 'cdna3',
};
export const GENERATION_SOURCE = 'NVIDIA CUDA GPUs compute capability list (https://developer.nvidia.com/cuda-gpus): T4 7.5, A10/A100 8.0–8.6, L4/L40S/RTX 4090/RTX 6000 Ada 8.9, H100/H200 9.0, B200 10.0; AMD Instinct MI300X/MI325X are CDNA 3 (https://www.amd.com/en/products/accelerators/instinct/mi300.html)';

const VLLM_TABLE = 'vLLM docs, Quantization › Supported Hardware (https://docs.vllm.ai/en/v0.15.1/features/quantization/)';
const VLLM_FP8 = 'vLLM docs, FP8 W8A8 (https://docs.vllm.ai/en/v0.32.0/features/quantization/llm_compressor/fp8/): "Turing/Ampere GPUs are supported for W8A16 (weight-only FP8) utilizing Marlin kernels"; W8A8 on Ada, Hopper, Blackwell';
const VLLM_FP8_MOE = 'Red Hat AI on Hugging Face (https://huggingface.co/neuralmagic/DeepSeek-Coder-V2-Instruct-FP8/discussions/1): "vLLM supports FP8 MoE models only on Ada Lovelace or Hopper GPUs (>= SM 89)"';
const SGLANG_TABLE = 'SGLang docs, Quantization › Platform Compatibility (https://docs.sglang.io/docs/advanced_features/quantization)';
const MODELOPT = 'NVIDIA TensorRT Model Optimizer support matrix (https://nvidia.github.io/TensorRT-Model-Optimizer/guides/0_support_matrix.html): FP4 "GPUs: Blackwell and Later", FP8 "Ada and Later", INT8 SmoothQuant and W4A16 AWQ "Ampere and Later"';

export interface SupportRow {
  /** Weight format ids (src/engine/sizing/serving/quantization.ts). */
  formats: readonly string[];
  framework: Framework;
  generations: readonly Generation[];
  support: Support;
  /** Only for mixture-of-experts models when set. */
  moeOnly?: true;
  kernel: string;
  source: string;
}

const NVIDIA_ALL: readonly Generation[] = ['turing', 'ampere', 'ada', 'hopper', 'blackwell'];

/** The rows, most specific first: the first row that matches a format, framework, generation and architecture decides. */
export const SUPPORT_ROWS: readonly SupportRow[] = [
  // vLLM
  { formats: ['fp8'], framework: 'vllm', generations: ['ampere'], support: 'unsupported', moeOnly: true, kernel: 'no FP8 MoE kernel below SM 8.9', source: VLLM_FP8_MOE },
  { formats: ['fp8'], framework: 'vllm', generations: ['turing', 'ampere'], support: 'weight-only', kernel: 'FP8 Marlin (W8A16)', source: VLLM_FP8 },
  { formats: ['fp8'], framework: 'vllm', generations: ['ada', 'hopper', 'blackwell', 'cdna3'], support: 'native', kernel: 'FP8 W8A8', source: `${VLLM_TABLE}; ${VLLM_FP8}` },
  { formats: ['int8'], framework: 'vllm', generations: ['turing', 'ampere', 'ada', 'hopper'], support: 'native', kernel: 'INT8 W8A8', source: VLLM_TABLE },
  { formats: ['int8'], framework: 'vllm', generations: ['cdna3'], support: 'unsupported', kernel: 'no INT8 W8A8 kernel on AMD GPUs', source: VLLM_TABLE },
  { formats: ['int4-awq', 'int4-gptq', 'int8-w8a16'], framework: 'vllm', generations: ['ampere', 'ada', 'hopper'], support: 'weight-only', kernel: 'Marlin', source: VLLM_TABLE },
  { formats: ['int4-awq'], framework: 'vllm', generations: ['turing'], support: 'weight-only', kernel: 'AWQ', source: VLLM_TABLE },
  { formats: ['int4-gptq', 'int8-w8a16'], framework: 'vllm', generations: ['turing'], support: 'weight-only', kernel: 'GPTQ', source: VLLM_TABLE },
  { formats: ['int4-awq', 'int4-gptq', 'int8-w8a16'], framework: 'vllm', generations: ['cdna3'], support: 'unsupported', kernel: 'no AWQ or GPTQ kernel on AMD GPUs', source: VLLM_TABLE },
  { formats: ['gguf-q4_k_m', 'gguf-q5_k_m', 'gguf-q6_k', 'gguf-q8_0'], framework: 'vllm', generations: [...NVIDIA_ALL, 'cdna3'], support: 'weight-only', kernel: 'GGUF', source: VLLM_TABLE },
  { formats: ['nvfp4'], framework: 'vllm', generations: ['blackwell'], support: 'native', kernel: 'FP4 tensor cores', source: MODELOPT },
  // SGLang
  { formats: ['fp8'], framework: 'sglang', generations: ['ada', 'hopper', 'blackwell', 'cdna3'], support: 'native', kernel: 'FP8 (Aiter or Triton on AMD)', source: `${SGLANG_TABLE}; ${MODELOPT}` },
  { formats: ['int8'], framework: 'sglang', generations: ['ampere', 'ada', 'hopper', 'blackwell', 'cdna3'], support: 'native', kernel: 'w8a8_int8', source: `${SGLANG_TABLE}; ${MODELOPT}` },
  { formats: ['int4-awq', 'int4-gptq'], framework: 'sglang', generations: ['ampere', 'ada', 'hopper', 'blackwell'], support: 'weight-only', kernel: 'awq_marlin / gptq_marlin', source: SGLANG_TABLE },
  { formats: ['int4-awq', 'int4-gptq'], framework: 'sglang', generations: ['cdna3'], support: 'weight-only', kernel: 'Triton dequantization (not the optimized CUDA kernels)', source: SGLANG_TABLE },
  { formats: ['mxfp4'], framework: 'sglang', generations: ['hopper', 'blackwell', 'cdna3'], support: 'weight-only', kernel: 'mxfp4 (Triton, FlashInfer; Aiter on CDNA3)', source: SGLANG_TABLE },
  { formats: ['gguf-q4_k_m', 'gguf-q5_k_m', 'gguf-q6_k', 'gguf-q8_0'], framework: 'sglang', generations: NVIDIA_ALL, support: 'weight-only', kernel: 'GGUF (CUDA-only kernels in sgl-kernel)', source: SGLANG_TABLE },
  { formats: ['gguf-q4_k_m', 'gguf-q5_k_m', 'gguf-q6_k', 'gguf-q8_0'], framework: 'sglang', generations: ['cdna3'], support: 'unsupported', kernel: 'GGUF kernels are CUDA-only', source: SGLANG_TABLE },
  { formats: ['nvfp4'], framework: 'sglang', generations: ['blackwell'], support: 'native', kernel: 'modelopt_fp4 (SM100+)', source: SGLANG_TABLE },
];

export interface SupportAnswer {
  support: Support | 'not-on-record';
  generation?: Generation;
  row?: SupportRow;
}

/** How `framework` runs weights of `formatId` on `gpuId`; 16-bit weights run everywhere. */
export function formatSupport(formatId: string, gpuId: string, framework: Framework, moe: boolean): SupportAnswer {
  const generation = GPU_GENERATION[gpuId];
  if (formatId === 'bf16') return { support: 'native', ...(generation ? { generation } : {}) };
  if (!generation) return { support: 'not-on-record' };
  const row = SUPPORT_ROWS.find((r) => r.framework === framework && r.formats.includes(formatId) && r.generations.includes(generation) && (!r.moeOnly || moe));
  return row ? { support: row.support, generation, row } : { support: 'not-on-record', generation };
}

const GENERATION_NAMES: Record<Generation, string> = { turing: 'Turing', ampere: 'Ampere', ada: 'Ada', hopper: 'Hopper', blackwell: 'Blackwell', cdna3: 'CDNA 3' };

/** "vLLM runs FP8 weights on Ampere as weight-only kernels (FP8 Marlin (W8A16))", for findings and hovers. */
export function supportText(formatName: string, answer: SupportAnswer, framework: Framework): string {
  const fw = FRAMEWORK_NAMES[framework];
  const where = answer.generation ? GENERATION_NAMES[answer.generation] : 'this GPU';
  switch (answer.support) {
    case 'native':
      return `${fw} runs ${formatName} weights natively on ${where}${answer.row ? ` (${answer.row.kernel})` : ''}`;
    case 'weight-only':
      return `${fw} runs ${formatName} weights on ${where} as weight-only kernels (${answer.row!.kernel}), dequantized to 16-bit`;
    case 'unsupported':
      return `${fw} does not run ${formatName} weights on ${where} (${answer.row!.kernel})`;
    case 'not-on-record':
      return `no source on record says how ${fw} runs ${formatName} weights on ${where}`;
  }
}
