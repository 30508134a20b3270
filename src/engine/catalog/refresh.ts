/**
 * Refreshed prices: a price source (LiteLLM's model_prices_and_context_window.json, pydantic's
 * genai-prices data, OpenRouter's model list, or a table in the bundled table's own format)
 * converted to the price table's shape, validated against the last good table and the bundled
 * one, and overlaid on the bundled catalog. Also the record a front end caches.
 * Pure: the front ends fetch, store and read the clock; nothing here touches the network or
 * the disk.
 */
import * as z from 'zod/mini';
import { buildPriceTable, LITELLM_SOURCE, ordered, perMillion, PriceSourceError } from './data/buildPrices';
import { AS_OF_KINDS, MAX_PER_MILLION_USD, MIN_ENTRIES, parsePriceTable, PriceTableError, type PriceTable, type PriceTableEntry, type PriceTier } from './data/priceTable';
import { formatListedUsd, formatNumber } from '../pricing/cost';
import { keptFrom } from './overlay';
import type { AsOfKind, PricingProvenance } from './types';

export { withRefreshedPrices, type RefreshedPrices } from './overlay';

import type { RemoteSourceId } from './priceSources';

export { PRICE_SOURCE_IDS, type PriceSourceId, type RemoteSourceId } from './priceSources';

/**
 * The published sources: LiteLLM's file as served raw from its repository, the data file the
 * genai-prices packages update from, and OpenRouter's public model list.
 */
export const PRICE_SOURCE_URLS = {
  litellm: 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json',
  'genai-prices': 'https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json',
  openrouter: 'https://openrouter.ai/api/v1/models',
} as const;

const SOURCE_NAMES: Record<Exclude<RemoteSourceId, 'url'>, string> = {
  litellm: LITELLM_SOURCE,
  'genai-prices': 'pydantic genai-prices data.json',
  openrouter: 'OpenRouter model list',
};

/** A download that takes longer is abandoned. */
export const FETCH_TIMEOUT_MS = 5000;
/** A source larger than this is refused (LiteLLM's file is about 1.5 MB). */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;
/** A price that moves by more than this factor against the last good one is held, not applied. */
export const MAX_PRICE_MOVE = 10;

/** The source's name as shown beside its prices: the source's own name, or the URL without query or credentials. */
export function sourceName(id: RemoteSourceId, url: string): string {
  if (id !== 'url') return SOURCE_NAMES[id];
  return `prices from ${displayUrl(url)}`;
}

/** A URL as shown: scheme, host and path; a query or user info may hold a token. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'an invalid URL';
  }
}

export type SourceFormat = 'litellm' | 'genai-prices' | 'openrouter' | 'table';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Which of the formats a parsed JSON document is, if any. */
export function detectFormat(json: unknown): SourceFormat | undefined {
  if (Array.isArray(json)) return json.length > 0 && json.every((p) => isObject(p) && typeof p.id === 'string' && Array.isArray(p.models)) ? 'genai-prices' : undefined;
  if (!isObject(json)) return undefined;
  if (Array.isArray(json.data)) return 'openrouter';
  if (Array.isArray(json.entries) && typeof json.source === 'string') return 'table';
  return 'litellm';
}

interface Converted {
  entries: PriceTableEntry[];
  /** The data's own date, when it carries one. */
  dataDate?: string;
  /** Entries left out, by reason. */
  skipped: Record<string, number>;
}

/** OpenRouter and genai-prices write some prices as decimal strings. */
const DECIMAL = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

type Price = number | undefined | 'invalid';

function amount(value: unknown, scale: (n: number) => number): Price {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) return 'invalid';
  return scale(n);
}

const perMillionOfMillion = (n: number) => Number(n.toPrecision(10));

function skip(skipped: Record<string, number>, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The checks every converted entry passes before it is kept; the reason when it is not. */
function priceProblem(prices: Price[]): string | undefined {
  if (prices.includes('invalid')) return 'invalid price (negative, not a number)';
  if (prices.some((p) => typeof p === 'number' && p > MAX_PER_MILLION_USD)) return 'price above $1,000 per million tokens';
  return undefined;
}

function fromLitellm(json: Record<string, unknown>, today: string): Converted {
  const updated = typeof json.last_updated === 'string' ? json.last_updated.slice(0, 10) : undefined;
  const dataDate = isDate(updated) ? updated : undefined;
  const result = buildPriceTable(json, { asOf: dataDate ?? today });
  const skipped = { ...result.skipped };
  delete skipped['not a model entry'];
  return { entries: result.table.entries, ...(dataDate ? { dataDate } : {}), skipped };
}

/** OpenRouter's GET /api/v1/models: `{ data: [{ id, context_length, pricing: { prompt, completion, … } }] }`, USD per token as strings. */
function fromOpenRouter(json: Record<string, unknown>): Converted {
  const skipped: Record<string, number> = {};
  const entries: PriceTableEntry[] = [];
  const seen = new Set<string>();
  for (const item of json.data as unknown[]) {
    if (!isObject(item) || typeof item.id !== 'string' || item.id === '' || !isObject(item.pricing)) {
      skip(skipped, 'no id or pricing');
      continue;
    }
    const key = `openrouter/${item.id}`;
    if (seen.has(key.toLowerCase())) {
      skip(skipped, 'duplicate id');
      continue;
    }
    const p = item.pricing;
    const input = amount(p.prompt, perMillion);
    const output = amount(p.completion, perMillion);
    const cacheRead = amount(p.input_cache_read, perMillion);
    const cacheWrite = amount(p.input_cache_write, perMillion);
    const reasoning = amount(p.internal_reasoning, perMillion);
    const problem = priceProblem([input, output, cacheRead, cacheWrite, reasoning]);
    if (problem) {
      skip(skipped, problem);
      continue;
    }
    if (input === undefined || output === undefined) {
      skip(skipped, 'no per-token price');
      continue;
    }
    if (input === 0 && output === 0) {
      skip(skipped, 'zero price (free tier or not priced)');
      continue;
    }
    seen.add(key.toLowerCase());
    const entry: PriceTableEntry = { key, host: 'openrouter', model: item.id, mode: 'chat', inputPerMillionUsd: input as number, outputPerMillionUsd: output as number };
    if (typeof reasoning === 'number' && reasoning > 0 && reasoning !== output) entry.reasoningPerMillionUsd = reasoning;
    if (typeof cacheRead === 'number' && cacheRead > 0) entry.cacheReadPerMillionUsd = cacheRead;
    if (typeof cacheWrite === 'number' && cacheWrite > 0) entry.cacheWritePerMillionUsd = cacheWrite;
    const context = positiveInt(item.context_length);
    if (context !== undefined) entry.contextTokens = context;
    const maxOutput = isObject(item.top_provider) ? positiveInt(item.top_provider.max_completion_tokens) : undefined;
    if (maxOutput !== undefined) entry.maxOutputTokens = maxOutput;
    entries.push(ordered(entry));
  }
  return { entries, skipped };
}

/**
 * genai-prices' provider ids as the table's hosts, with the prefix LiteLLM keys them by, so
 * that a model both price has one key (first-party OpenAI, Anthropic and Bedrock keys have none).
 */
const GENAI_HOSTS: Record<string, { host: string; prefix: string }> = {
  openai: { host: 'openai', prefix: '' },
  anthropic: { host: 'anthropic', prefix: '' },
  aws: { host: 'bedrock', prefix: '' },
  google: { host: 'gemini', prefix: 'gemini/' },
  azure: { host: 'azure', prefix: 'azure/' },
  // genai-prices spells xAI's provider id with a hyphen (its data: `"id": "x-ai"`).
  'x-ai': { host: 'xai', prefix: 'xai/' },
  mistral: { host: 'mistral', prefix: 'mistral/' },
  deepseek: { host: 'deepseek', prefix: 'deepseek/' },
  groq: { host: 'groq', prefix: 'groq/' },
  cerebras: { host: 'cerebras', prefix: 'cerebras/' },
  together: { host: 'together', prefix: 'together_ai/' },
  fireworks: { host: 'fireworks', prefix: 'fireworks_ai/' },
  openrouter: { host: 'openrouter', prefix: 'openrouter/' },
  perplexity: { host: 'perplexity', prefix: 'perplexity/' },
  cohere: { host: 'cohere', prefix: '' },
};

type GenaiPart = 'input' | 'output' | 'cacheRead' | 'cacheWrite';
const GENAI_FIELDS: Record<GenaiPart, string> = { input: 'input_mtok', output: 'output_mtok', cacheRead: 'cache_read_mtok', cacheWrite: 'cache_write_mtok' };

/**
 * The prices in effect on `today`: a model's prices are one set, or a list of sets each with a
 * constraint; the latest set whose start date has passed applies. Sets that depend on the time
 * of day (an off-peak discount) are left out: a monthly estimate cannot follow the clock.
 */
function currentGenaiPrices(prices: unknown, today: string): Record<string, unknown> | undefined {
  if (isObject(prices)) return prices;
  if (!Array.isArray(prices)) return undefined;
  let chosen: Record<string, unknown> | undefined;
  let chosenStart = '';
  for (const option of prices) {
    if (!isObject(option) || !isObject(option.prices)) continue;
    const constraint = isObject(option.constraint) ? option.constraint : undefined;
    if (constraint && Object.keys(constraint).some((k) => k !== 'start_date')) continue;
    const start = constraint && typeof constraint.start_date === 'string' ? constraint.start_date.slice(0, 10) : '';
    if (start > today) continue;
    if (!chosen || start >= chosenStart) {
      chosen = option.prices;
      chosenStart = start;
    }
  }
  return chosen;
}

/** pydantic genai-prices' data.json: `[{ id, models: [{ id, context_window, prices }] }]`, USD per million tokens. */
function fromGenaiPrices(json: unknown[], today: string): Converted {
  const skipped: Record<string, number> = {};
  const entries: PriceTableEntry[] = [];
  const seen = new Set<string>();
  for (const provider of json as Record<string, unknown>[]) {
    const mapped = GENAI_HOSTS[provider.id as string] ?? { host: provider.id as string, prefix: `${provider.id as string}/` };
    for (const model of provider.models as unknown[]) {
      if (!isObject(model) || typeof model.id !== 'string' || model.id === '') {
        skip(skipped, 'no id');
        continue;
      }
      const prices = currentGenaiPrices(model.prices, today);
      if (!prices) {
        skip(skipped, 'no prices in effect');
        continue;
      }
      const base: Partial<Record<GenaiPart, Price>> = {};
      const tierPrices = new Map<number, Partial<Record<GenaiPart, Price>>>();
      for (const [part, field] of Object.entries(GENAI_FIELDS) as [GenaiPart, string][]) {
        const value = prices[field];
        if (isObject(value)) {
          base[part] = amount(value.base, perMillionOfMillion);
          for (const tier of Array.isArray(value.tiers) ? value.tiers : []) {
            const start = isObject(tier) ? positiveInt(tier.start) : undefined;
            if (start === undefined || !isObject(tier)) {
              base[part] = 'invalid';
              continue;
            }
            const at = tierPrices.get(start) ?? {};
            at[part] = amount(tier.price, perMillionOfMillion);
            tierPrices.set(start, at);
          }
        } else base[part] = amount(value, perMillionOfMillion);
      }
      const all = [...Object.values(base), ...[...tierPrices.values()].flatMap((t) => Object.values(t))];
      const problem = priceProblem(all);
      if (problem) {
        skip(skipped, problem);
        continue;
      }
      const input = base.input as number | undefined;
      const output = base.output as number | undefined;
      if (input === undefined) {
        skip(skipped, 'no per-token price');
        continue;
      }
      if (input === 0 && !output) {
        skip(skipped, 'zero price (free tier or not priced)');
        continue;
      }
      const key = `${mapped.prefix}${model.id}`;
      if (seen.has(key.toLowerCase())) {
        skip(skipped, 'duplicate id');
        continue;
      }
      seen.add(key.toLowerCase());
      const embedding = output === undefined;
      const entry: PriceTableEntry = { key, host: mapped.host, model: model.id, mode: embedding ? 'embedding' : 'chat', inputPerMillionUsd: input };
      if (!embedding) entry.outputPerMillionUsd = output;
      if (typeof base.cacheRead === 'number') entry.cacheReadPerMillionUsd = base.cacheRead;
      if (typeof base.cacheWrite === 'number') entry.cacheWritePerMillionUsd = base.cacheWrite;
      const tiers: PriceTier[] = [];
      for (const [aboveTokens, t] of [...tierPrices].sort((a, b) => a[0] - b[0])) {
        const tier: PriceTier = { aboveTokens, inputPerMillionUsd: (t.input as number | undefined) ?? input };
        if (!embedding) tier.outputPerMillionUsd = (t.output as number | undefined) ?? output;
        if (typeof t.cacheRead === 'number') tier.cacheReadPerMillionUsd = t.cacheRead;
        if (typeof t.cacheWrite === 'number') tier.cacheWritePerMillionUsd = t.cacheWrite;
        tiers.push(tier);
      }
      if (tiers.length > 0) entry.tiers = tiers;
      const context = positiveInt(model.context_window);
      if (context !== undefined) entry.contextTokens = context;
      entries.push(ordered(entry));
    }
  }
  return { entries, skipped };
}

function convert(json: unknown, format: SourceFormat, today: string): Converted {
  switch (format) {
    case 'litellm':
      return fromLitellm(json as Record<string, unknown>, today);
    case 'openrouter':
      return fromOpenRouter(json as Record<string, unknown>);
    case 'genai-prices':
      return fromGenaiPrices(json as unknown[], today);
    case 'table': {
      const table = json as Record<string, unknown>;
      return { entries: table.entries as PriceTableEntry[], ...(isDate(table.asOf) ? { dataDate: table.asOf } : {}), skipped: {} };
    }
  }
}

/** What the dates a front end knows make of the prices' date: the data's own first. */
export function sourceDate(d: { dataDate?: string; lastModified?: string; fileModified?: string; fetchedAt?: string; today: string }): { asOf: string; asOfKind: AsOfKind } {
  if (d.dataDate) return { asOf: d.dataDate, asOfKind: 'data' };
  const modified = d.lastModified === undefined ? NaN : Date.parse(d.lastModified);
  if (Number.isFinite(modified)) return { asOf: new Date(modified).toISOString().slice(0, 10), asOfKind: 'last-modified' };
  if (d.fileModified) return { asOf: d.fileModified, asOfKind: 'file-modified' };
  return { asOf: (d.fetchedAt ?? d.today).slice(0, 10), asOfKind: 'fetched' };
}

/** A price that moved more than MAX_PRICE_MOVE times against the last good (or bundled) one: held at the old price. */
export interface PriceMove {
  key: string;
  part: 'input' | 'output';
  /** USD per million tokens, the price kept. */
  before: number;
  /** USD per million tokens, the source's new price, not applied. */
  after: number;
  /** Which table the kept price is from. */
  reference: 'last good' | 'bundled';
}

export interface RefreshInput {
  /** The source, parsed. */
  json: unknown;
  /** The source's name and URL, for the table and its provenance. */
  source: string;
  sourceUrl: string;
  /** Today's date (YYYY-MM-DD): picks the prices in effect, and dates a source that carries no date. */
  today: string;
  /** The response's Last-Modified header, when there was one. */
  lastModified?: string;
  /** A file's modification date (YYYY-MM-DD), for a local file. */
  fileModified?: string;
  /** ISO timestamp of the download. */
  fetchedAt?: string;
  /** The bundled table: the reference for price moves, and for the size of a LiteLLM file. */
  bundled?: PriceTable;
  /** The last good table of the same source: the first reference for its size and its prices. */
  lastGood?: PriceTable;
  minEntries?: number;
}

export type RefreshOutcome =
  | {
      ok: true;
      format: SourceFormat;
      /** The validated table, moves above ×10 held at their old price. */
      table: PriceTable;
      pricing: PricingProvenance;
      dataDate?: string;
      held: PriceMove[];
      skipped: Record<string, number>;
    }
  | { ok: false; reason: string; format?: SourceFormat };

const FORMAT_NAMES: Record<SourceFormat, string> = {
  litellm: "LiteLLM's price map",
  'genai-prices': 'genai-prices data',
  openrouter: 'an OpenRouter model list',
  table: 'a price table',
};

function skippedText(skipped: Record<string, number>): string {
  const parts = Object.entries(skipped).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([reason, n]) => `${n} ${reason}`);
  return parts.length ? ` (left out: ${parts.join('; ')})` : '';
}

function moved(before: number | undefined, after: number | undefined): boolean {
  if (before === undefined || after === undefined || before === after) return false;
  if (before === 0 || after === 0) return true;
  return after / before > MAX_PRICE_MOVE || before / after > MAX_PRICE_MOVE;
}

/**
 * A source, converted and checked before any of it is used: at least `minEntries` usable
 * entries and at least half as many as the last good table of the same source (the bundled
 * table for a LiteLLM file), every price a finite number from $0 to $1,000 per million, the
 * table's schema; prices that moved more than ×10 against the last good or bundled price of
 * the same key are held at that price and reported. Never throws.
 */
export function validateRefresh(input: RefreshInput): RefreshOutcome {
  const minEntries = input.minEntries ?? MIN_ENTRIES;
  const format = detectFormat(input.json);
  if (!format) return { ok: false, reason: 'not a price list: expected LiteLLM\'s price map, genai-prices data, an OpenRouter model list or a price table' };
  let converted: Converted;
  try {
    converted = convert(input.json, format, input.today);
  } catch (error) {
    // A shape the converters did not foresee is a bad source, never a crash of the caller.
    const message = error instanceof PriceSourceError || error instanceof Error ? error.message : String(error);
    return { ok: false, format, reason: `not ${FORMAT_NAMES[format]}: ${message}` };
  }
  const count = converted.entries.length;
  if (count < minEntries) {
    return { ok: false, format, reason: `only ${count} usable ${count === 1 ? 'entry' : 'entries'} in ${FORMAT_NAMES[format]}, at least ${minEntries} are needed${skippedText(converted.skipped)}` };
  }
  const reference = input.lastGood ? input.lastGood.entries.length : format === 'litellm' || format === 'table' ? input.bundled?.entries.length : undefined;
  if (reference !== undefined && count * 2 < reference) {
    return { ok: false, format, reason: `${count} entries, fewer than half of the ${input.lastGood ? 'last good' : 'bundled'} table's ${reference}: a truncated or partial file${skippedText(converted.skipped)}` };
  }
  const date = sourceDate({ ...input, ...(converted.dataDate ? { dataDate: converted.dataDate } : {}) });
  const candidate: PriceTable = {
    source: input.source,
    sourceUrl: input.sourceUrl,
    asOf: date.asOf,
    ...(date.asOfKind === 'data' ? {} : { asOfKind: date.asOfKind }),
    ...(input.fetchedAt ? { fetchedAt: input.fetchedAt } : {}),
    entries: converted.entries,
  };
  let table: PriceTable;
  try {
    table = parsePriceTable(candidate, { minEntries });
  } catch (error) {
    if (error instanceof PriceTableError) return { ok: false, format, reason: error.message };
    throw error;
  }

  const lastGood = new Map((input.lastGood?.entries ?? []).map((e) => [e.key, e]));
  const bundled = new Map((input.bundled?.entries ?? []).map((e) => [e.key, e]));
  const held: PriceMove[] = [];
  let comparable = 0;
  const entries = table.entries.map((entry) => {
    const fromLast = lastGood.get(entry.key);
    const ref = fromLast ?? bundled.get(entry.key);
    if (!ref) return entry;
    comparable++;
    const moves: PriceMove[] = [];
    const referenceName = fromLast ? 'last good' : 'bundled';
    if (moved(ref.inputPerMillionUsd, entry.inputPerMillionUsd)) moves.push({ key: entry.key, part: 'input', before: ref.inputPerMillionUsd, after: entry.inputPerMillionUsd, reference: referenceName });
    if (moved(ref.outputPerMillionUsd, entry.outputPerMillionUsd)) moves.push({ key: entry.key, part: 'output', before: ref.outputPerMillionUsd!, after: entry.outputPerMillionUsd!, reference: referenceName });
    if (moves.length === 0) return entry;
    held.push(...moves);
    return keptFrom(ref, fromLast ? input.lastGood! : input.bundled!);
  });
  const heldKeys = new Set(held.map((m) => m.key)).size;
  // Most prices ten times off is a change of units or a broken export, not a market.
  if (comparable >= 10 && heldKeys * 2 > comparable) {
    return { ok: false, format, reason: `${heldKeys} of ${comparable} known prices moved more than ×${MAX_PRICE_MOVE}: the source's units or format have likely changed` };
  }
  const pricing: PricingProvenance = { source: input.source, asOf: date.asOf, asOfKind: date.asOfKind, ...(input.fetchedAt ? { fetchedAt: input.fetchedAt } : {}) };
  return { ok: true, format, table: { ...table, entries }, pricing, ...(converted.dataDate ? { dataDate: converted.dataDate } : {}), held, skipped: converted.skipped };
}

/** "gpt-4o input: $2.5/M → $250/M (×100), kept at the last good price". */
export function moveText(m: PriceMove): string {
  const factor = m.before === 0 || m.after === 0 ? 'from or to zero' : `×${formatNumber(Number((m.after / m.before).toPrecision(3)))}`;
  // Prices as listed, never as exponents: a price file can hold $1e-7/M.
  return `${m.key} ${m.part}: ${formatListedUsd(m.before, 6)}/M → ${formatListedUsd(m.after, 6)}/M (${factor}), kept at the ${m.reference} price`;
}

/** What a front end stores after a good refresh, and reads back at start. */
export interface PriceCacheRecord {
  version: 1;
  sourceId: RemoteSourceId;
  url: string;
  /** ISO timestamp of the download (a 200). */
  fetchedAt: string;
  /** ISO timestamp of the last time the source confirmed it (a 200 or a 304): the max age counts from here. */
  checkedAt: string;
  etag?: string;
  lastModified?: string;
  /** The source's own date, when its data carries one. */
  dataDate?: string;
  /** Entries of the validated table: the reference size for the next refresh. */
  entryCount: number;
  pricing: PricingProvenance;
  /** Moves above ×10 held at the old price. */
  held: PriceMove[];
  table: PriceTable;
}

let recordSchema: ReturnType<typeof makeRecordSchema> | undefined;
function makeRecordSchema() {
  const text = z.string().check(z.minLength(1));
  return z.object({
    version: z.literal(1),
    sourceId: z.enum(['litellm', 'genai-prices', 'openrouter', 'url']),
    url: text,
    fetchedAt: text,
    checkedAt: text,
    etag: z.optional(z.string()),
    lastModified: z.optional(z.string()),
    dataDate: z.optional(z.string()),
    entryCount: z.int().check(z.gte(0)),
    pricing: z.object({ source: text, asOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), asOfKind: z.enum(AS_OF_KINDS), fetchedAt: z.optional(z.string()) }),
    held: z.array(z.object({ key: z.string(), part: z.enum(['input', 'output']), before: z.number(), after: z.number(), reference: z.enum(['last good', 'bundled']) })),
    table: z.unknown(),
  });
}

/** A cached record, checked as a download is (the table by its schema); throws with why. */
export function parseCacheRecord(text: string): PriceCacheRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PriceTableError(`the cached prices are not JSON: ${(error as Error).message}`);
  }
  const parsed = (recordSchema ??= makeRecordSchema()).safeParse(json);
  if (!parsed.success) throw new PriceTableError(`the cached prices are not a cache record: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
  const table = parsePriceTable(parsed.data.table);
  return { ...(parsed.data as Omit<PriceCacheRecord, 'table'>), table };
}
