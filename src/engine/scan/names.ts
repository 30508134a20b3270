/**
 * What a string found in a file has to be to count as a model name, and how strong the
 * place it sits in must be. Everything here reads text from the file: no lookup keyed by it
 * is an object literal ("constructor"), and the checks are loops over characters.
 */
import { findModel, resolutionOf, type Catalog } from '../catalog';

/**
 * How much the place a string sits in says about it.
 * - `model`: the place selects a model (`model=`, `--model`, `OPENAI_MODEL=`, `ollama run`):
 *   a name the catalog resolves, or one that looks like a model id (reported unresolved).
 * - `call`: an argument of a call that takes a model among other things (`openai("…")`,
 *   `GetChatClient("…")`): only a name the catalog resolves.
 * - `listed`: a value among models (`MODELS = [...]`, `name:` in a models list, a constant):
 *   only a resolved name that is shaped like an id, with a digit and a separator.
 */
export type Strength = 'model' | 'call' | 'listed';

export interface Resolved {
  model: string | null;
  host: string | null;
}

/** Lower case, letters and digits only: "OPENAI_MODEL", "openaiModel" and "openai-model" are one key. */
export function keyOf(name: string): string {
  let key = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) key += String.fromCharCode(c + 32);
    else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) key += name[i];
  }
  return key;
}

const MODEL_KEY_ENDINGS = ['model', 'modelid', 'modelname', 'modelnameorpath', 'modelidorpath', 'modelpref', 'modelpreference', 'deployment', 'deploymentname', 'deploymentid'];
const MODEL_KEYS = new Set(['engine', 'llm', 'repoid', 'modelslug']);
/** Keys that end like a model key and are not one: an alias the server answers to, a TTS voice. */
const NOT_MODEL_KEYS = new Set(['servedmodelname', 'voicemodel', 'ttsvoicemodel']);

/** Keys seen lately, judged: a file names the same few keys over and over. Emptied when it grows, so it never holds much. */
const modelKeys = new Map<string, boolean>();

/** A key, argument, variable, flag or environment variable whose value is a model: `model`, `modelId`, `OPENAI_MODEL`, `deployment_name`, `--model-id`. */
export function isModelKey(name: string): boolean {
  let known = modelKeys.get(name);
  if (known === undefined) {
    if (modelKeys.size > 4096) modelKeys.clear();
    known = judgeKey(name);
    modelKeys.set(name, known);
  }
  return known;
}

function judgeKey(name: string): boolean {
  const key = keyOf(name);
  if (!key || NOT_MODEL_KEYS.has(key)) return false;
  for (const ending of NOT_MODEL_KEYS) if (key.endsWith(ending)) return false;
  if (MODEL_KEYS.has(key)) return true;
  for (const ending of MODEL_KEY_ENDINGS) if (key.endsWith(ending)) return true;
  return false;
}

/** A container of models: `MODELS`, `model_list`, `SUPPORTED_MODELS`, `llm_config`, `providers`. */
export function isModelContainer(name: string): boolean {
  const key = keyOf(name);
  return key.includes('model') || key.includes('llm') || key === 'providers';
}

/** Keys whose value names a thing in a list of things: where a models list keeps the id. */
export const ID_KEYS: ReadonlySet<string> = new Set(['name', 'id', 'value', 'slug', 'key']);

/** Keys whose value is for people to read, never the id itself, however much it looks like one. */
const DISPLAY_KEYS = new Set(['title', 'label', 'description', 'displayname', 'display', 'text', 'alt', 'icon', 'logo', 'image', 'url', 'link', 'href', 'tooltip', 'placeholder', 'comment', 'note', 'notes', 'summary', 'prompt', 'system', 'content', 'message', 'help', 'caption', 'heading', 'subtitle']);

export function isDisplayKey(name: string): boolean {
  return DISPLAY_KEYS.has(keyOf(name));
}

/** Model families, as the first letters of a word of the name ("llama3" → "llama", "mistralai" → "mistral"). */
const FAMILIES = [
  'gpt', 'chatgpt', 'claude', 'gemini', 'gemma', 'palm', 'bison', 'llama', 'codellama', 'tinyllama', 'mistral', 'mixtral', 'ministral', 'codestral', 'pixtral', 'magistral',
  'devstral', 'qwen', 'qwq', 'deepseek', 'phi', 'grok', 'titan', 'jamba', 'falcon', 'glm', 'chatglm', 'kimi', 'moonshot', 'nemotron', 'olmo', 'dbrx', 'granite', 'starcoder',
  'vicuna', 'wizardlm', 'zephyr', 'hermes', 'openchat', 'sonar', 'whisper', 'dall', 'embed', 'embedding', 'llava', 'smollm', 'exaone', 'internlm', 'baichuan', 'ernie', 'hunyuan',
  'aya', 'reka', 'command', 'codex', 'davinci', 'babbage', 'curie', 'ada', 'minimax', 'yi', 'solar', 'orca', 'nomic', 'mxbai', 'opt', 'bloom', 'bloomz', 'pythia',
  'stablelm', 'mpt',
];
const FAMILY_SET: ReadonlySet<string> = new Set(FAMILIES);
/** Long enough to be matched as the start of a longer word ("mistralai", "qwenlm", "deepseekcoder"). */
const FAMILY_PREFIXES = FAMILIES.filter((f) => f.length >= 4);

/** Extensions of files that are not models: a logo, a config, a script, a notebook, a pickled classifier. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'json', 'jsonl', 'yaml', 'yml', 'toml', 'txt', 'md', 'csv', 'tsv', 'pkl', 'pickle', 'joblib', 'py', 'js', 'ts', 'html', 'css', 'pt', 'pth', 'onnx', 'h5', 'bin', 'ckpt', 'log', 'pdf', 'zip', 'tar', 'gz', 'sh', 'ipynb', 'xml', 'lock', 'db', 'sqlite', 'mp3', 'wav', 'mp4']);

function isIdChar(c: number): boolean {
  // letters, digits, and . _ : / @ + -
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 58 || c === 47 || c === 64 || c === 43 || c === 45;
}

/**
 * Written like an id: letters, digits and `. _ : / @ + -`, at least one letter, not a path
 * (`/…`, `./…`, `~`), not a URL, not a file of a kind that is no model.
 */
export function isIdShaped(text: string): boolean {
  if (text.length < 2 || text.length > 160) return false;
  let letter = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isIdChar(c)) return false;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letter = true;
  }
  if (!letter) return false;
  const first = text.charCodeAt(0);
  if (first === 47 || first === 46 || first === 45 || first === 58) return false;
  if (text.includes('://')) return false;
  const dot = text.lastIndexOf('.');
  if (dot > 0 && FILE_EXTENSIONS.has(text.slice(dot + 1).toLowerCase())) return false;
  return true;
}

/** The words of a name in lower case, split at anything not a letter or digit. */
function words(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) word += text[i];
    else if (c >= 65 && c <= 90) word += String.fromCharCode(c + 32);
    else if (word) {
      out.push(word);
      word = '';
    }
  }
  if (word) out.push(word);
  return out;
}

function hasFamilyWord(text: string): boolean {
  for (const word of words(text)) {
    if (word === 'o1' || word === 'o3' || word === 'o4') return true;
    let letters = 0;
    while (letters < word.length && word.charCodeAt(letters) >= 97) letters++;
    const lead = word.slice(0, letters);
    if (!lead) continue;
    if (FAMILY_SET.has(lead)) return true;
    for (const prefix of FAMILY_PREFIXES) if (lead.startsWith(prefix)) return true;
  }
  return false;
}

/** Host prefixes as `provider:model` strings write them (promptfoo, some SDKs): the host's slash prefix. */
const COLON_HOSTS: ReadonlyMap<string, string> = new Map([
  ['openai', 'openai'],
  ['anthropic', 'anthropic'],
  ['bedrock', 'bedrock'],
  ['vertex', 'vertex_ai'],
  ['google', 'gemini'],
  ['gemini', 'gemini'],
  ['mistral', 'mistral'],
  ['groq', 'groq'],
  ['azure', 'azure'],
  ['azureopenai', 'azure'],
  ['ollama', 'ollama'],
  ['openrouter', 'openrouter'],
  ['deepseek', 'deepseek'],
  ['xai', 'xai'],
  ['togetherai', 'together_ai'],
  ['together', 'together_ai'],
  ['fireworks', 'fireworks_ai'],
  ['cohere', 'cohere'],
  ['perplexity', 'perplexity'],
  ['huggingface', 'huggingface'],
  ['cerebras', 'cerebras'],
  ['deepinfra', 'deepinfra'],
]);
/** The API a `provider:api:model` string names between the two: not part of the model. */
const COLON_APIS = new Set(['chat', 'messages', 'completion', 'completions', 'responses', 'embedding', 'embeddings', 'converse', 'invoke']);

/** "openai:chat:gpt-4o-mini" → "openai/gpt-4o-mini"; undefined when the name has no such prefix. */
function colonHostForm(text: string): string | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const host = COLON_HOSTS.get(text.slice(0, colon).toLowerCase());
  if (!host) return undefined;
  let rest = text.slice(colon + 1);
  const next = rest.indexOf(':');
  if (next > 0 && COLON_APIS.has(rest.slice(0, next).toLowerCase())) rest = rest.slice(next + 1);
  return rest ? `${host}/${rest}` : undefined;
}

/** Looks like a model id though the catalog may not know it: id-shaped, with a model family's word or a host prefix. */
export function looksLikeModel(text: string): boolean {
  if (!isIdShaped(text)) return false;
  if (hasFamilyWord(text)) return true;
  const slash = text.indexOf('/');
  return slash > 0 && COLON_HOSTS.has(text.slice(0, slash).toLowerCase()) && slash < text.length - 1;
}

/** Shaped like an id that can only be a model's: a digit and a separator ("gpt-4.1", "claude-3-haiku-20240307"), not a lone word ("mistral"). */
export function isStrongShape(text: string): boolean {
  if (!isIdShaped(text)) return false;
  let digit = false;
  let separator = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c === 45 || c === 46 || c === 58 || c === 47 || c === 64) separator = true;
  }
  return digit && separator;
}

/**
 * The model a name resolves to and the host whose bill applies, by the catalog's own
 * resolver; `provider:model` forms are read as `provider/model`. Undefined for a name the
 * catalog does not know.
 */
export function resolveName(text: string, cat: Catalog): Resolved | undefined {
  if (!isIdShaped(text)) return undefined;
  let written = text;
  let card = findModel(written, cat);
  if (!card) {
    const slashForm = colonHostForm(text);
    if (slashForm) {
      card = findModel(slashForm, cat);
      written = slashForm;
    }
  }
  if (!card) return undefined;
  const resolution = resolutionOf(written, cat);
  const model = card.servedBy && card.id === written.trim() ? (resolution?.card?.id ?? card.servedBy.key) : card.id;
  const host = card.servedBy?.host ?? resolution?.host ?? card.price?.entry?.host ?? null;
  return { model, host: host === 'none' || host === 'catalog' ? null : host };
}

/**
 * Whether a string in a place of the given strength is reported, and as what: the
 * resolution, `null` for a model-looking name the catalog does not know (reported
 * unresolved), or undefined (not reported).
 */
export function judge(text: string, strength: Strength, cat: Catalog): Resolved | null | undefined {
  if (!isIdShaped(text)) return undefined;
  if (strength === 'listed' && !isStrongShape(text)) return undefined;
  const resolved = resolveName(text, cat);
  if (resolved) return resolved;
  return strength === 'model' && looksLikeModel(text) ? null : undefined;
}
