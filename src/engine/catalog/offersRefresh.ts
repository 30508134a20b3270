/**
 * Refreshed GPU offers: a source in the bundled gpuOffers.json's format, checked row by row
 * (data/gpuOffers.ts), and the record a front end caches. The rows that can be used are kept,
 * the others reported with where they are wrong; a source with no usable row is refused.
 * Pure: the front ends fetch, store and read the clock.
 */
import * as z from 'zod/mini';
import { checkOfferRows, GpuOffersError, type GpuOffer, type OfferRowRules, type RejectedOffer } from './data/gpuOffers';
import { cachedSourceShape, CacheRecordError, displayUrl, readCacheRecord, type CachedSource } from './cacheRecord';

export { mergeOffers, withOffersFallback, withRefreshedOffers } from './offerOverlay';

/** The source's name as shown beside its offers: the URL without query or credentials. */
export function offersSourceName(url: string): string {
  return `GPU offers from ${displayUrl(url)}`;
}

export type OffersRefreshOutcome = { ok: true; asOf?: string; offers: GpuOffer[]; rejected: RejectedOffer[] } | { ok: false; reason: string };

/** The first problems of the rows left out, for a line: "offers.2.gpu: …; offers.5 (…): …; …". */
export function rejectedText(rejected: readonly RejectedOffer[], most = 3): string {
  const problems = rejected.flatMap((r) => r.problems);
  return `${problems.slice(0, most).join('; ')}${problems.length > most ? '; …' : ''}`;
}

/** A source, parsed, checked before any of it is used. Never throws. */
export function validateOffersRefresh(json: unknown, rules: OfferRowRules): OffersRefreshOutcome {
  let rows;
  try {
    rows = checkOfferRows(json, rules);
  } catch (error) {
    if (error instanceof GpuOffersError) return { ok: false, reason: error.message };
    throw error;
  }
  const total = rows.offers.length + rows.rejected.length;
  if (total === 0) return { ok: false, reason: 'no offers in it' };
  if (rows.offers.length === 0) return { ok: false, reason: `none of its ${total} offers can be used: ${rejectedText(rows.rejected)}` };
  return { ok: true, ...(rows.asOf ? { asOf: rows.asOf } : {}), offers: rows.offers, rejected: rows.rejected };
}

/** What a front end stores after a good refresh of the offers, and reads back at start. */
export interface OffersCacheRecord extends CachedSource {
  version: 1;
  /** The source as shown (offersSourceName). */
  source: string;
  /** The source's own date, where it gives one. */
  asOf?: string;
  /** The rows kept: every one passed the row check. */
  offers: GpuOffer[];
  /** The rows left out, with where they are wrong. */
  rejected: RejectedOffer[];
}

let recordSchema: ReturnType<typeof makeRecordSchema> | undefined;
function makeRecordSchema() {
  return z.object({
    version: z.literal(1),
    source: z.string().check(z.minLength(1)),
    ...cachedSourceShape(),
    asOf: z.optional(z.string()),
    offers: z.array(z.unknown()).check(z.minLength(1)),
    rejected: z.array(z.object({ index: z.int().check(z.gte(0)), problems: z.array(z.string()) })),
  });
}

/** A cached record, its rows checked again as a download's are; throws with why. */
export function parseOffersCacheRecord(text: string, rules: Pick<OfferRowRules, 'gpuIds'> = {}): OffersCacheRecord {
  const record = readCacheRecord(text, 'GPU offers', (recordSchema ??= makeRecordSchema()));
  const rows = checkOfferRows({ offers: record.offers }, rules);
  if (rows.rejected.length) throw new CacheRecordError(`the cached GPU offers have rows that are not offers: ${rejectedText(rows.rejected)}`);
  return { ...(record as Omit<OffersCacheRecord, 'offers'>), offers: rows.offers };
}
