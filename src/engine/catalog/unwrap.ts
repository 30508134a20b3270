/**
 * The model id inside what wraps it: a Bedrock ARN, an OpenAI fine-tune, a local weights
 * directory, a pull from a registry.
 */

/**
 * Model ids are letters, digits and . _ : / @ + -; a placeholder ("<your model>") or a
 * sentence is not one, whatever model it mentions.
 */
export const MODEL_ID = /^[\w.:/@+-]+$/;

/** A Bedrock ARN naming a model or a cross-region inference profile; the account may be a placeholder. */
const BEDROCK_ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:[^:/]*:(?:inference-profile|foundation-model)\/([\w.:-]+)$/i;

/**
 * The registries a model is pulled from by name ("hf.co/…", "modelscope.cn/…",
 * "registry.ollama.ai/library/…"): only these, so that a URL's host ("api.openai.com/…") is
 * never read as local weights.
 */
const REGISTRIES = new Set(['hf.co', 'huggingface.co', 'modelscope.cn', 'www.modelscope.cn', 'registry.ollama.ai', 'ollama.com']);

/** A weights directory as vLLM's --model takes it: absolute, relative or home-relative. */
const LOCAL_PATH = /^(?:~|\.{1,2})?\//;

/**
 * The model id inside what wraps it: a Bedrock ARN, an OpenAI fine-tune, a local directory or
 * Hugging Face cache folder ("/models/Qwen/Qwen2.5-14B-Instruct", "…/hub/models--unsloth--
 * mistral-7b-…"), or an Ollama pull from a registry ("hf.co/bartowski/…-GGUF:Q4_K_M"). Local
 * weights name their host: there is no API bill.
 */
export function unwrap(name: string): { name: string; host?: string; note: string } | undefined {
  // Cheap tests first: most names are none of these, and every name is asked.
  if (name.startsWith('arn:')) {
    // An ARN's account may be a placeholder: the model after it is what is billed.
    const arn = BEDROCK_ARN.exec(name);
    return arn ? { name: arn[1]!, note: `a Bedrock ARN: its model is "${arn[1]}"` } : undefined;
  }
  if (name.startsWith('ft:')) {
    // "ft:gpt-3.5-turbo-0125:org::id" is billed at its base model's fine-tuned price, never at the base model's own.
    const base = MODEL_ID.test(name) ? /^ft:([^:]+):/.exec(name)?.[1] : undefined;
    return base ? { name: `ft:${base}`, note: `a fine-tune of ${base}: billed at its fine-tuned price` } : undefined;
  }
  const slash = name.indexOf('/');
  if (slash < 0) return undefined;
  if (LOCAL_PATH.test(name)) {
    const parts = name.split('/').filter((p) => p && p !== '.' && p !== '..' && p !== '~');
    // The hub cache writes "org/name" as "models--org--name".
    const cached = parts.find((p) => p.startsWith('models--') && p.indexOf('--', 8) > 8);
    const id = cached ? cached.slice(8).replace('--', '/') : parts.slice(-2).join('/');
    return id && MODEL_ID.test(id) ? { name: id, host: 'huggingface', note: `a local directory: read as the Hugging Face id "${id}"` } : undefined;
  }
  const registry = name.slice(0, slash).toLowerCase();
  if (!REGISTRIES.has(registry) || !MODEL_ID.test(name)) return undefined;
  const rest = name.slice(slash + 1).replace(/^library\//i, '');
  return rest ? { name: rest, host: rest.includes(':') ? 'ollama' : 'huggingface', note: `pulled from ${registry}: "${rest}"` } : undefined;
}
