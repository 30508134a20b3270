/**
 * Refreshed prices: a price source (LiteLLM's model_prices_and_context_window.json, pydantic's
 * genai-prices data, OpenRouter's model list, or a table in the bundled table's own format)
 * converted to the price table's shape (sourceFormats.ts), validated against the last good
 * table and the bundled one, and overlaid on the bundled catalog. Also the record a front end caches.
 * Pure: the front ends fetch, store and read the clock; nothing here touches the network or
 * the disk.
 */
import * as z from 'zod/mini';
import { LITELLM_SOURCE, PriceSourceError } from './data/buildPrices';
import { AS_OF_KINDS, MIN_ENTRIES, parsePriceTable, PriceTableError, type PriceTable } from './data/priceTable';
import { formatListedUsd, formatNumber } from '../pricing/cost';
import { keptFrom } from './overlay';
import { convert, detectFormat, type Converted, type SourceFormat } from './sourceFormats';
import type { AsOfKind, PricingProvenance } from './types';
import { cachedSourceShape, displayUrl, readCacheRecord, type CachedSource } from './cacheRecord';

export { displayUrl, type CachedSource } from './cacheRecord';

// The refresh's public entry (surfaces import no other catalog module): what it is built from, re-exported.
export { withRefreshedPrices, type RefreshedPrices } from './overlay';
export { detectFormat, type SourceFormat } from './sourceFormats';
// The GPU offers' refresh, beside the prices': a source checked row by row and merged with the bundled offers.
export { mergeOffers, offersSourceName, parseOffersCacheRecord, rejectedText, validateOffersRefresh, withOffersFallback, withRefreshedOffers, type OffersCacheRecord, type OffersRefreshOutcome } from './offersRefresh';

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
export interface PriceCacheRecord extends CachedSource {
  version: 1;
  sourceId: RemoteSourceId;
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
    ...cachedSourceShape(),
    dataDate: z.optional(z.string()),
    entryCount: z.int().check(z.gte(0)),
    pricing: z.object({ source: text, asOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), asOfKind: z.enum(AS_OF_KINDS), fetchedAt: z.optional(z.string()) }),
    held: z.array(z.object({ key: z.string(), part: z.enum(['input', 'output']), before: z.number(), after: z.number(), reference: z.enum(['last good', 'bundled']) })),
    table: z.unknown(),
  });
}

/** A cached record, checked as a download is (the table by its schema); throws with why. */
export function parseCacheRecord(text: string): PriceCacheRecord {
  const record = readCacheRecord(text, 'prices', (recordSchema ??= makeRecordSchema()));
  const table = parsePriceTable(record.table);
  return { ...(record as Omit<PriceCacheRecord, 'table'>), table };
}
