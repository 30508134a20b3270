/**
 * Ollama tags → the model they pull and the weights: "qwen3:8b", "mistral-nemo:latest",
 * "llama3.1:70b-instruct-q4_K_M" (ollama.com/library).
 */
import type { ModelCard } from './types';

/** The weights an Ollama tag pulls ("q4_k_m", "fp16"), and why. */
export interface TagWeights {
  quantization: string;
  why: string;
}

/**
 * What Ollama pulls for a name without a size, and the sizes whose names differ
 * (ollama.com/library: "llama3.2" is the 3B, "deepseek-r1:7b" the Qwen distill).
 */
export const OLLAMA: ReadonlyMap<string, string> = new Map(Object.entries({
  'llama3.3': 'llama-3.3-70b',
  'llama3.2': 'llama-3.2-3b',
  'llama3.1': 'llama-3.1-8b',
  llama3: 'llama-3-8b',
  llama2: 'llama-2-7b',
  mistral: 'mistral-7b-v0.3',
  'mistral-nemo': 'mistral-nemo-12b',
  'mistral-small': 'mistral-small-24b',
  // ollama.com/library/mistral-small3.2: one size, 24b, the 2506 release.
  'mistral-small3.2': 'mistral-small-3.2-24b',
  // ollama.com/library/devstral and /magistral: one size each, 24b (Devstral Small, Magistral Small).
  devstral: 'devstral-small-24b',
  magistral: 'magistral-small-24b',
  // ollama.com/library/qwq: one size, 32b.
  qwq: 'qwq-32b',
  mixtral: 'mixtral-8x7b',
  phi4: 'phi-4',
  'phi4-mini': 'phi-4-mini',
  phi3: 'phi-3-mini-4k',
  'phi3-14b': 'phi-3-medium-4k',
  'phi3.5': 'phi-3.5-mini',
  qwen3: 'qwen3-8b',
  'qwen2.5': 'qwen2.5-7b',
  'qwen2.5-coder': 'qwen2.5-coder-7b',
  gemma3: 'gemma-3-4b',
  gemma2: 'gemma-2-9b',
  'deepseek-r1': 'r1-distill-qwen-7b',
  'deepseek-r1-1.5b': 'r1-distill-qwen-1.5b',
  'deepseek-r1-7b': 'r1-distill-qwen-7b',
  'deepseek-r1-8b': 'r1-distill-llama-8b',
  'deepseek-r1-14b': 'r1-distill-qwen-14b',
  'deepseek-r1-32b': 'r1-distill-qwen-32b',
  'deepseek-r1-70b': 'r1-distill-llama-70b',
  'deepseek-r1-671b': 'deepseek-r1',
  // ollama.com/library/deepseek-v3.1: one size, 671b; ollama.com/library/qwen3-coder: 30b (the default) and 480b.
  'deepseek-v3.1-671b': 'deepseek-v3.1',
  'qwen3-coder': 'qwen3-coder-30b-a3b',
  'qwen3-coder-30b': 'qwen3-coder-30b-a3b',
  'qwen3-coder-480b': 'qwen3-coder-480b-a35b',
  // ollama.com/library/qwen3 (0.6b … 14b, 30b, 32b, 235b): its 30b and 235b are the MoE
  // models, the only Qwen3 of those sizes; qwen3-vl's 235b is Qwen3-VL 235B-A22B likewise.
  'qwen3-30b': 'qwen3-30b-a3b',
  'qwen3-235b': 'qwen3-235b-a22b',
  'qwen3-vl-235b': 'qwen3-vl-235b-a22b',
  // ollama.com/library/llama4: "llama4" (latest) is the 16x17b, Llama 4 Scout (16 experts, 17B
  // active); 128x17b is Maverick. The tags name the experts, not the size.
  llama4: 'llama-4-scout',
  'llama4-16x17b': 'llama-4-scout',
  'llama4-scout': 'llama-4-scout',
  'llama4-128x17b': 'llama-4-maverick',
  'llama4-maverick': 'llama-4-maverick',
  'gpt-oss': 'gpt-oss-20b',
  'kimi-k2': 'kimi-k2',
  'command-r': 'command-r',
}));

/**
 * A model of a user's namespace on ollama.com ("huihui_ai/kimi-k2:1026b", "dengcao/Qwen3-
 * Embedding-8B:Q4_K_M"): the tag states a size, "latest" or a quantization. OpenRouter's
 * "org/model:free" states none of these, and stays OpenRouter's.
 */
const NAMESPACED_TAG = /^[a-z0-9][\w.-]*\/[a-z][\w.-]*:(?:\d+(?:\.\d+)?[bm](?:$|-)|latest$|q\d|fp16$|bf16$)/i;

export function namespacedTag(name: string): boolean {
  return NAMESPACED_TAG.test(name);
}

/**
 * "qwen3:8b" → "qwen3-8b", "mistral-nemo:latest" → the 12B, "llama3.1:70b-instruct-q4_K_M" →
 * "llama3.1-70b"; with the family's default beside a sized name, for a family of one size
 * ("phi4:14b" is the default "phi4", Phi-4, which exists at 14B only).
 */
export function ollamaName(tag: string): { name: string; familyDefault?: string; billions?: number; weights: TagWeights } {
  // A user's namespace names who uploaded the weights, not the model: "huihui_ai/kimi-k2" is Kimi K2.
  const [family = '', variant = ''] = tag.toLowerCase().replace(/^[\w.-]+\/(?=[^/]*:)/, '').split(':');
  const weights = ollamaWeights(tag, family, variant);
  // Sizes that are no total, so the tag names the model but states no size to estimate from:
  // "8x22b", "16x17b" are experts × their size (Mixtral 8x7B is 46.7B: the experts share
  // attention); "e4b", "e2b" are Gemma 3n's effective size (ollama.com/library/gemma3n), not its
  // total (8B, 5B): "gemma3n:e4b" is "gemma3n-e4b".
  const named = /^(\d+x\d+b|e\d+b)(?:$|-)/.exec(variant);
  if (named) return { name: OLLAMA.get(`${family}-${named[1]}`) ?? `${family}-${named[1]}`, weights };
  const size = /^(\d+(?:\.\d+)?)([bm])(?:$|-)/i.exec(variant);
  if (!size) {
    // A named variant of its own ("llama4:scout", "llama4:maverick"), else the family's default.
    const named = /^[a-z]+/.exec(variant);
    return { name: (named && OLLAMA.get(`${family}-${named[0]}`)) ?? OLLAMA.get(family) ?? family, weights };
  }
  const sized = `${family}-${size[1]}${size[2]}`;
  const known = OLLAMA.get(sized);
  if (known) return { name: known, weights };
  return { name: sized, familyDefault: OLLAMA.get(family), billions: Number(size[1]) / (size[2] === 'm' ? 1000 : 1), weights };
}

/** A tag's quantization: its last part ("70b-instruct-q4_K_M", "14b-fp16", "Q4_K_M"), else what the library tags pull. */
const TAG_QUANTIZATION = /(?:^|-)(fp16|bf16|q8_0|q6_k|q5_k_m|q4_k_m)$/;

function ollamaWeights(tag: string, family: string, variant: string): TagWeights {
  const written = TAG_QUANTIZATION.exec(variant)?.[1];
  if (written) return { quantization: written, why: `the tag "${tag}" names its weights` };
  // gpt-oss ships its experts in MXFP4, and Ollama serves them so.
  if (family === 'gpt-oss' || family.endsWith('/gpt-oss')) return { quantization: 'mxfp4', why: `gpt-oss is published in MXFP4, as Ollama pulls it` };
  return { quantization: 'q4_k_m', why: `a tag that names no weights pulls Q4_K_M, Ollama's default quantization` };
}

/** Within a tenth: Ollama writes sizes rounded ("14b" for Phi-4's 14.7B, "3.8b" for 3.84B). */
export function sizeMatches(card: ModelCard | undefined, billions: number | undefined): boolean {
  return !!card?.paramsB && billions !== undefined && Math.abs(card.paramsB - billions) <= 0.1 * card.paramsB;
}
