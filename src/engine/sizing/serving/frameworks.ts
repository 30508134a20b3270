/**
 * The serving frameworks a setup can name. vLLM is the default because it is what most teams
 * run; the serving model's efficiencies differ by framework (calibration.ts), and a
 * framework with no measurement on record is not estimated.
 */
export const FRAMEWORKS = ['vllm', 'sglang', 'trtllm', 'llama.cpp'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
export const DEFAULT_FRAMEWORK: Framework = 'vllm';

export const FRAMEWORK_NAMES: Readonly<Record<Framework, string>> = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM', 'llama.cpp': 'llama.cpp' };

/** A framework by id, case-insensitive, with the spellings people write ("tensorrt-llm", "ollama"). */
export function findFramework(text: string): Framework | undefined {
  const t = text.trim().toLowerCase();
  if ((FRAMEWORKS as readonly string[]).includes(t)) return t as Framework;
  if (t === 'tensorrt-llm' || t === 'trt-llm') return 'trtllm';
  // Ollama serves through llama.cpp.
  if (t === 'ollama' || t === 'llamacpp') return 'llama.cpp';
  return undefined;
}
