/**
 * The host a model name selects: a prefix as LiteLLM and proxies write it (`groq/…`), the
 * `provider:model` form of pydantic-ai and other SDKs (`groq:llama-3.3-70b-versatile`), or a
 * Bedrock id with its vendor and region (`eu.anthropic.…`).
 */
/** Host prefixes as LiteLLM, SDKs and proxies write them → the host id of the price table. */
// Maps, not object literals: a name like "constructor" must not find Object's prototype.
export const HOST_PREFIXES: ReadonlyMap<string, string> = new Map(Object.entries({
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'gemini',
  google: 'gemini',
  vertex_ai: 'vertex',
  vertex: 'vertex',
  bedrock: 'bedrock',
  bedrock_converse: 'bedrock',
  azure: 'azure',
  azure_ai: 'azure_ai',
  groq: 'groq',
  together_ai: 'together',
  together: 'together',
  togethercomputer: 'together',
  fireworks_ai: 'fireworks',
  fireworks: 'fireworks',
  openrouter: 'openrouter',
  deepinfra: 'deepinfra',
  cerebras: 'cerebras',
  // LiteLLM's prefix for Nebius AI Studio, as its keys write it ("nebius/Qwen/Qwen3-32B").
  nebius: 'nebius',
  mistral: 'mistral',
  deepseek: 'deepseek',
  xai: 'xai',
  ollama: 'ollama',
  ollama_chat: 'ollama',
  huggingface: 'huggingface',
  hosted_vllm: 'huggingface',
  perplexity: 'perplexity',
  cohere: 'cohere',
  cohere_chat: 'cohere',
}));


/**
 * pydantic-ai's provider names (`Agent('openai:gpt-5.2')`; pydantic/pydantic-ai,
 * docs/models/overview.md and pydantic_ai_slim/pydantic_ai/models/_known_model_names.py at
 * 4fda389, 2026-08-22) → the host id of the price table. The same form is written by
 * promptfoo (`xai:grok-2`) and OpenRouter.jl (`groq:moonshotai/kimi-k2-0905`). Hosts the table
 * has no prices of (heroku) are still named: their price is then said to be another's.
 */
const COLON_PREFIXES: ReadonlyMap<string, string> = new Map(Object.entries({
  openai: 'openai',
  'openai-chat': 'openai',
  'openai-responses': 'openai',
  anthropic: 'anthropic',
  google: 'gemini',
  'google-gla': 'gemini',
  'google-vertex': 'vertex',
  'google-cloud': 'vertex',
  bedrock: 'bedrock',
  'bedrock-mantle': 'bedrock',
  azure: 'azure',
  'azure-responses': 'azure',
  groq: 'groq',
  mistral: 'mistral',
  cohere: 'cohere',
  deepseek: 'deepseek',
  xai: 'xai',
  grok: 'xai',
  cerebras: 'cerebras',
  huggingface: 'huggingface',
  openrouter: 'openrouter',
  together: 'together',
  fireworks: 'fireworks',
  ollama: 'ollama',
  moonshotai: 'moonshot',
  zai: 'zai',
  alibaba: 'dashscope',
  nebius: 'nebius',
  sambanova: 'sambanova',
  ovhcloud: 'ovhcloud',
  snowflake: 'snowflake',
  crusoe: 'crusoe',
  vercel: 'vercel_ai_gateway',
  heroku: 'heroku',
}));

/**
 * What follows the colon of an Ollama tag: a size, "latest", a variant or a quantization
 * ("mistral:7b", "mistral:latest", "mistral:instruct"). "mistral:mistral-large-latest" is
 * pydantic-ai's form; "mistral:7b-instruct" Ollama's; "mistral:codestral-latest" is no "code" variant.
 */
const OLLAMA_VARIANT = /^(?:\d|(?:latest|cloud|instruct|text|chat|code|base|fp16|bf16)(?:$|-)|q\d)/i;

/**
 * pydantic-ai's Gateway writes `gateway/<api_format>:<model>` (`gateway/groq:openai/gpt-oss-120b`):
 * the request goes to that provider in its own format, billed at its price (pydantic/pydantic-ai,
 * docs/gateway.md at 4fda389). Its formats are the colon prefixes, with aliases of its own
 * (providers/gateway.py): "google" there is Google Cloud, i.e. Vertex, not the Gemini API.
 */
const GATEWAY_FORMATS: ReadonlyMap<string, string> = new Map(Object.entries({
  chat: 'openai',
  responses: 'openai',
  converse: 'bedrock',
  google: 'google-cloud',
}));

const GOOGLE_OPEN_WEIGHTS = /^google\/(?:gemma|codegemma|paligemma|shieldgemma)/i;

/** The host a name selects by its prefix or its Bedrock form, if any. */
export function namedHost(name: string): string | undefined {
  return splitHost(name.trim()).host;
}

/** The host a name's prefix selects, and the rest of the name. */
export function splitHost(name: string): { host?: string; rest: string } {
  const gateway = /^gateway\/([a-z][a-z-]*):(.+)$/i.exec(name);
  if (gateway) {
    const format = gateway[1]!.toLowerCase();
    const host = COLON_PREFIXES.get(GATEWAY_FORMATS.get(format) ?? format);
    if (host) return { host, rest: gateway[2]! };
  }
  const colon = /^([a-z][a-z-]*):(?!\/)(.+)$/i.exec(name);
  if (colon && !OLLAMA_VARIANT.test(colon[2]!)) {
    const host = COLON_PREFIXES.get(colon[1]!.toLowerCase());
    if (host) return { host, rest: colon[2]! };
  }
  const slash = name.indexOf('/');
  // "google/gemma-3-270m-it" is the Hugging Face organization of Google's open weights, not the
  // Gemini API's prefix: the API sells no Gemma of most sizes, and the id names weights to run.
  if (slash > 0 && !GOOGLE_OPEN_WEIGHTS.test(name)) {
    const host = HOST_PREFIXES.get(name.slice(0, slash).toLowerCase());
    if (host) return { host, rest: name.slice(slash + 1) };
  }
  // Bedrock ids name their vendor with a dot, after an optional cross-region profile.
  if (/^(?:(?:us|eu|apac|global|us-gov)\.)?(?:anthropic|meta|amazon|mistral|cohere|ai21|deepseek|qwen|openai|writer)\.[a-z]/i.test(name)) return { host: 'bedrock', rest: name };
  return { rest: name };
}
