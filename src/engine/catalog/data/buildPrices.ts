/**
 * Turns LiteLLM's model_prices_and_context_window.json into the bundled price table: only
 * the token-priced models (chat, completion, responses, embedding), each with its host, and
 * only the fields a bill follows, under our own names. `npm run prices` runs it on a file
 * downloaded by hand; nothing here reads files or the network. `carryRetired` adds to a
 * generated table the models an older one had and its source has since dropped.
 */
import type { PriceMode, PriceTable, PriceTableEntry, PriceTier } from './priceTable';
import { inputOnly, MAX_PER_MILLION_USD, PRICE_MODES } from './priceTable';
import { perMillion, type Price, price, sourceExtras } from './sourcePrice';

export { perMillion };

export const LITELLM_SOURCE = 'LiteLLM model_prices_and_context_window.json';
export const LITELLM_URL = 'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json';

export interface BuildOptions {
  /** Date of the source file; defaults to the date of its `last_updated` field. */
  asOf?: string;
  /**
   * The table generated last time. Its entries that the new file no longer has are kept,
   * marked retired, with their own date: LiteLLM deletes models the hosts retire.
   */
  previous?: PriceTable;
  /** Carry only these hosts' entries from `previous`, and none with a region (see `carries`). */
  carryHosts?: readonly string[];
  /** The table's `source` text; LiteLLM's file by default. */
  source?: string;
}

export interface BuildResult {
  table: PriceTable;
  /** Entries left out, by reason. */
  skipped: Record<string, number>;
  /** The first few keys of each reason, for the printout. */
  examples: Record<string, string[]>;
  /** Entries kept from `previous` because the source dropped them. */
  carried: number;
}

export class PriceSourceError extends Error {}

// LiteLLM's provider ids are routing ids: several name one biller (bedrock_converse is
// Bedrock's Converse API, vertex_ai-anthropic_models is Claude on Vertex).
const HOST_ALIASES: Record<string, string> = {
  vertex_ai: 'vertex',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  bedrock_converse: 'bedrock',
  bedrock_mantle: 'bedrock',
  azure_text: 'azure',
  cohere_chat: 'cohere',
};
const AZURE_ZONES = new Set(['us', 'eu', 'global', 'global-standard']);
const TIER_FIELDS = {
  input: 'input_cost_per_token_above_',
  output: 'output_cost_per_token_above_',
  cacheRead: 'cache_read_input_token_cost_above_',
  cacheWrite: 'cache_creation_input_token_cost_above_',
} as const;
const SHOWN_EXAMPLES = 3;

/**
 * A LiteLLM provider id as our host id: "vertex_ai-language-models" → "vertex",
 * "text-completion-openai" → "openai"; ids no alias merges stay LiteLLM's ("azure_ai").
 */
export function hostOf(provider: string): string {
  let id = provider.startsWith('text-completion-') ? provider.slice('text-completion-'.length) : provider;
  const dash = id.indexOf('-');
  if (dash > 0 && id.slice(0, dash).includes('_')) id = id.slice(0, dash);
  return HOST_ALIASES[id] ?? id;
}

/** The key without its routing prefix, and the region a prefix names. */
function modelOf(key: string, provider: string, host: string): { model: string; region?: string } {
  let model = key;
  const slash = key.indexOf('/');
  if (slash > 0) {
    const first = key.slice(0, slash);
    // Prefixes spell providers loosely: "amazon-nova/" for amazon_nova, "replicateopenai/" for replicate.
    const loosely = (id: string) => first.replaceAll('-', '_').startsWith(id.replaceAll('-', '_'));
    if (loosely(provider) || loosely(host) || hostOf(first) === host) model = key.slice(slash + 1);
  }
  // bedrock/invoke/… picks LiteLLM's route to the model, not another model.
  if (host === 'bedrock' && model.startsWith('invoke/')) model = model.slice('invoke/'.length);
  if (host === 'azure' || host === 'azure_ai' || host === 'bedrock') {
    const next = model.indexOf('/');
    const segment = next > 0 ? model.slice(0, next) : '';
    if (AZURE_ZONES.has(segment) || isAwsRegion(segment)) return { model: model.slice(next + 1), region: segment };
  }
  return { model };
}

/** "us-east-1", "us-gov-west-1", "ap-southeast-3": letters, dashes and a final digit. */
function isAwsRegion(segment: string): boolean {
  const parts = segment.split('-');
  return parts.length >= 3 && parts.length <= 4 && /^\d+$/.test(parts.at(-1)!) && parts.slice(0, -1).every((p) => /^[a-z]+$/.test(p));
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** The fields of an entry in the table's order, so that regenerated files diff line by line. */
const FIELD_ORDER: (keyof PriceTableEntry)[] = [
  'key',
  'host',
  'model',
  'region',
  'mode',
  'inputPerMillionUsd',
  'outputPerMillionUsd',
  'reasoningPerMillionUsd',
  'cacheReadPerMillionUsd',
  'cacheWritePerMillionUsd',
  'cacheWrite1hPerMillionUsd',
  'batchInputPerMillionUsd',
  'batchOutputPerMillionUsd',
  'tiers',
  'flex',
  'priority',
  'contextTokens',
  'maxOutputTokens',
  'retired',
  'retiredOn',
  'retiresOn',
  'asOf',
  'source',
  'asOfKind',
  'pricedFrom',
  'priceChanges',
  'peakHours',
];

export function ordered(entry: PriceTableEntry): PriceTableEntry {
  const out: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) if (entry[field] !== undefined) out[field] = entry[field];
  return out as unknown as PriceTableEntry;
}

type Outcome = { entry: PriceTableEntry } | { skip: string };

function convert(key: string, value: Record<string, unknown>, asOf: string): Outcome {
  const mode = value.mode;
  if (typeof mode !== 'string') return { skip: 'no mode' };
  if (!(PRICE_MODES as readonly string[]).includes(mode)) return { skip: `mode ${mode}` };
  const embedding = inputOnly(mode as PriceMode);
  const provider = typeof value.litellm_provider === 'string' && value.litellm_provider !== '' ? value.litellm_provider : undefined;
  if (!provider) return { skip: 'no litellm_provider' };

  // Alibaba's and ByteDance's prices come as ranges of prompt length instead of fields.
  const ranges = Array.isArray(value.tiered_pricing)
    ? value.tiered_pricing.filter(isObject).filter((t) => Array.isArray(t.range) && typeof t.range[0] === 'number')
    : [];
  ranges.sort((a, b) => (a.range as number[])[0]! - (b.range as number[])[0]!);
  const first = ranges[0] && (ranges[0].range as number[])[0] === 0 ? ranges[0] : undefined;

  const input = price(value.input_cost_per_token ?? first?.input_cost_per_token);
  const output = embedding ? undefined : price(value.output_cost_per_token ?? first?.output_cost_per_token);
  if (input === 'invalid' || output === 'invalid') return { skip: 'invalid price' };
  if (input === undefined || (!embedding && output === undefined)) return { skip: 'no per-token price' };
  if (input === 0 && !output) return { skip: 'zero price (free tier, local runtime or not priced)' };

  const optional = {
    reasoning: embedding ? undefined : price(value.output_cost_per_reasoning_token ?? first?.output_cost_per_reasoning_token),
    cacheRead: price(value.cache_read_input_token_cost ?? value.input_cost_per_token_cache_hit),
    cacheWrite: price(value.cache_creation_input_token_cost),
    batchInput: price(value.input_cost_per_token_batches),
    batchOutput: embedding ? undefined : price(value.output_cost_per_token_batches),
  };
  const all: Price[] = [input, output, ...Object.values(optional)];
  if (all.includes('invalid')) return { skip: 'invalid price' };
  if (all.some((p) => typeof p === 'number' && p > MAX_PER_MILLION_USD)) return { skip: 'price above $1,000 per million tokens' };
  const { reasoning, cacheRead, cacheWrite, batchInput, batchOutput } = optional as Record<keyof typeof optional, number | undefined>;

  const tiers = tiersOf(value, ranges, { input, output: output as number | undefined, embedding });
  const extras = sourceExtras(value, input, embedding);
  if (tiers === 'invalid' || extras === 'invalid') return { skip: 'invalid price' };

  const host = hostOf(provider);
  const entry: PriceTableEntry = { key, host, ...modelOf(key, provider, host), mode: mode as PriceMode, inputPerMillionUsd: input };
  if (!embedding) entry.outputPerMillionUsd = output as number;
  // Hosts that bill reasoning as output say so with the output price again: only a different one is news.
  if (reasoning !== undefined && reasoning !== output) entry.reasoningPerMillionUsd = reasoning;
  if (cacheRead !== undefined) entry.cacheReadPerMillionUsd = cacheRead;
  // A free cache write next to a paid input (DeepSeek's entries) is a placeholder: the
  // host bills the first pass as plain input.
  if (cacheWrite !== undefined && !(cacheWrite === 0 && input > 0)) entry.cacheWritePerMillionUsd = cacheWrite;
  if (batchInput !== undefined && (embedding || batchOutput !== undefined)) {
    entry.batchInputPerMillionUsd = batchInput;
    if (!embedding) entry.batchOutputPerMillionUsd = batchOutput;
  }
  if (tiers.length > 0) entry.tiers = tiers;
  // A 1-hour write without the 5-minute one would be priced as a stand-in for it.
  if (extras.cacheWrite1hPerMillionUsd !== undefined && entry.cacheWritePerMillionUsd !== undefined) entry.cacheWrite1hPerMillionUsd = extras.cacheWrite1hPerMillionUsd;
  if (extras.flex) entry.flex = extras.flex;
  if (extras.priority) entry.priority = extras.priority;
  const context = positiveInt(value.max_input_tokens);
  if (context !== undefined) entry.contextTokens = context;
  const maxOutput = embedding ? undefined : positiveInt(value.max_output_tokens);
  if (maxOutput !== undefined) entry.maxOutputTokens = maxOutput;
  if (isDate(value.deprecation_date)) {
    if (value.deprecation_date <= asOf) {
      entry.retired = true;
      entry.retiredOn = value.deprecation_date;
    } else {
      entry.retiresOn = value.deprecation_date;
    }
  }
  return { entry: ordered(entry) };
}

/** Long-prompt tiers from both of LiteLLM's spellings: `…_above_200k_tokens` fields and `tiered_pricing` ranges. */
function tiersOf(
  value: Record<string, unknown>,
  ranges: Record<string, unknown>[],
  base: { input: number; output: number | undefined; embedding: boolean },
): PriceTier[] | 'invalid' {
  const byThreshold = new Map<number, Partial<Record<keyof typeof TIER_FIELDS | 'reasoning', Price>>>();
  for (const [field, raw] of Object.entries(value)) {
    for (const [part, prefix] of Object.entries(TIER_FIELDS) as [keyof typeof TIER_FIELDS, string][]) {
      if (!field.startsWith(prefix) || !field.endsWith('k_tokens')) continue;
      const thousands = field.slice(prefix.length, -'k_tokens'.length);
      // Other suffixes (`_priority`, `_flex`) are other service tiers, not prompt lengths.
      if (!/^\d+$/.test(thousands)) continue;
      const above = Number(thousands) * 1000;
      const tier = byThreshold.get(above) ?? {};
      tier[part] = price(raw);
      byThreshold.set(above, tier);
    }
  }
  for (const range of ranges) {
    const above = (range.range as number[])[0]!;
    if (above <= 0 || !Number.isInteger(above)) continue;
    byThreshold.set(above, {
      input: price(range.input_cost_per_token),
      output: price(range.output_cost_per_token),
      reasoning: price(range.output_cost_per_reasoning_token),
    });
  }
  const tiers: PriceTier[] = [];
  for (const [aboveTokens, parts] of [...byThreshold].sort((a, b) => a[0] - b[0])) {
    if (Object.values(parts).includes('invalid')) return 'invalid';
    const got = parts as Partial<Record<string, number>>;
    if (got.input === undefined && got.output === undefined) continue;
    // A tier that raises only one of the two prices leaves the other at the base price, as
    // LiteLLM's own cost calculation does.
    const tier: PriceTier = { aboveTokens, inputPerMillionUsd: got.input ?? base.input };
    if (!base.embedding) tier.outputPerMillionUsd = got.output ?? base.output;
    if (!base.embedding && got.reasoning !== undefined && got.reasoning !== tier.outputPerMillionUsd) tier.reasoningPerMillionUsd = got.reasoning;
    if (got.cacheRead !== undefined) tier.cacheReadPerMillionUsd = got.cacheRead;
    if (got.cacheWrite !== undefined) tier.cacheWritePerMillionUsd = got.cacheWrite;
    if ([tier.inputPerMillionUsd, tier.outputPerMillionUsd ?? 0, tier.cacheReadPerMillionUsd ?? 0, tier.cacheWritePerMillionUsd ?? 0].some((p) => p > MAX_PER_MILLION_USD)) return 'invalid';
    tiers.push(tier);
  }
  return tiers;
}

export function buildPriceTable(source: unknown, options: BuildOptions = {}): BuildResult {
  if (!isObject(source)) throw new PriceSourceError('expected LiteLLM\'s price map: an object keyed by model');
  const updated = typeof source.last_updated === 'string' ? source.last_updated.slice(0, 10) : undefined;
  const asOf = options.asOf ?? updated;
  if (!isDate(asOf)) throw new PriceSourceError('no date: the file has no last_updated field; give --as-of YYYY-MM-DD');

  const skipped: Record<string, number> = {};
  const examples: Record<string, string[]> = {};
  const entries: PriceTableEntry[] = [];
  for (const [key, value] of Object.entries(source)) {
    const outcome: Outcome = key === 'sample_spec' || !isObject(value) ? { skip: 'not a model entry' } : convert(key, value, asOf);
    if ('entry' in outcome) {
      entries.push(outcome.entry);
      continue;
    }
    skipped[outcome.skip] = (skipped[outcome.skip] ?? 0) + 1;
    const shown = (examples[outcome.skip] ??= []);
    if (shown.length < SHOWN_EXAMPLES) shown.push(key);
  }

  let carried = 0;
  const { previous } = options;
  if (previous) {
    for (const old of previous.entries) {
      if (Object.hasOwn(source, old.key) || !carries(old, options.carryHosts)) continue;
      entries.push(retiredCopy(old, previous.asOf));
      carried++;
    }
  }
  entries.sort(byHostAndKey);
  // A previous table that says where its older entries came from keeps saying it while it
  // still lends entries.
  const sourceText = options.source ?? (previous && carried > 0 && previous.source.startsWith(LITELLM_SOURCE) ? previous.source : LITELLM_SOURCE);
  return { table: { source: sourceText, sourceUrl: LITELLM_URL, asOf, entries }, skipped, examples, carried };
}

/** By host, then key: a regenerated table diffs line by line. */
function byHostAndKey(a: PriceTableEntry, b: PriceTableEntry): number {
  return a.host < b.host ? -1 : a.host > b.host ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * An entry of an older table, kept after its source dropped it: retired, at its last known
 * price, dated by the table it comes from unless it carries a date of its own. An announced
 * retirement date is dropped: the source stopped saying it.
 */
function retiredCopy(old: PriceTableEntry, olderAsOf: string): PriceTableEntry {
  const kept: PriceTableEntry = { ...old, retired: true, asOf: old.asOf ?? olderAsOf };
  delete kept.retiresOn;
  return ordered(kept);
}

/** The labs' own APIs and the clouds that resell them: the hosts whose retired prices are worth keeping. */
export const FIRST_PARTY_HOSTS = ['openai', 'anthropic', 'gemini', 'vertex', 'mistral', 'deepseek', 'xai', 'cohere', 'bedrock', 'azure'] as const;

/**
 * Whether an entry is carried into a newer table: every entry without a host list; with one,
 * the listed hosts' entries without a region (Bedrock's and Azure's regional and data-zone
 * prices are variants of a price the table keeps anyway).
 */
export function carries(entry: PriceTableEntry, hosts: readonly string[] | undefined): boolean {
  return hosts === undefined || (hosts.includes(entry.host) && entry.region === undefined);
}

export interface CarryOptions {
  /** Carry only these hosts' entries, and none with a region; every entry when absent. */
  hosts?: readonly string[];
  /**
   * The merged table's `source` text. By default the table's own when both tables name the
   * same source, else both: "<table's>; models it dropped: <older's>".
   */
  source?: string;
}

export interface CarryResult {
  table: PriceTable;
  /** Entries added from the older table. */
  carried: number;
  /** Entries of the older table left out, by reason (keys the table has are not counted). */
  skipped: Record<string, number>;
}

/**
 * Adds to a generated table the entries of an older one that it lacks, retired, with the date
 * of the older table (or their own): the table's models stay as they are. For a table whose
 * raw source is gone, or an older history rebuilt from copies of LiteLLM's file.
 * One entry per model, host and region: an older entry is left out when the table already
 * prices that model there under another key (a retired copy would only compete with the
 * live price), or when another older key does (a mirror's prefixed copies, "openai/gpt-4" of
 * "gpt-4"); the key without a prefix is the one kept.
 */
export function carryRetired(table: PriceTable, older: PriceTable, options: CarryOptions = {}): CarryResult {
  const keys = new Set(table.entries.map((e) => e.key.toLowerCase()));
  const priced = new Set(table.entries.map(sameModel));
  const carriedModels = new Set<string>();
  const entries = [...table.entries];
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
  let carried = 0;
  const unprefixedFirst = [...older.entries].sort((a, b) => Number(a.key !== a.model) - Number(b.key !== b.model));
  for (const old of unprefixedFirst) {
    if (keys.has(old.key.toLowerCase())) continue;
    const model = sameModel(old);
    if (!carries(old, options.hosts)) skip(old.region !== undefined && options.hosts?.includes(old.host) ? 'a regional price' : 'a host not carried');
    else if (priced.has(model)) skip('the table prices the model on that host under another key');
    else if (carriedModels.has(model)) skip('another key of the older table prices the model on that host');
    else {
      entries.push(retiredCopy(old, older.asOf));
      keys.add(old.key.toLowerCase());
      carriedModels.add(model);
      carried++;
    }
  }
  entries.sort(byHostAndKey);
  const source = options.source ?? (older.source === table.source ? table.source : `${table.source}; models it dropped: ${older.source}`);
  return { table: { source, sourceUrl: table.sourceUrl, asOf: table.asOf, entries }, carried, skipped };
}

/** Host, region, mode and model name, for "the same model on the same host". */
function sameModel(e: PriceTableEntry): string {
  return JSON.stringify([e.host, e.region ?? '', e.mode, e.model.toLowerCase()]);
}

/** JSON with one entry a line: small, and a price change is a one-line diff. */
export function serializePriceTable(table: PriceTable): string {
  const head = JSON.stringify({ source: table.source, sourceUrl: table.sourceUrl, asOf: table.asOf });
  return `${head.slice(0, -1)},"entries":[\n${table.entries.map((e) => JSON.stringify(ordered(e))).join(',\n')}\n]}\n`;
}
