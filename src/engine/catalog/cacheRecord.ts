/**
 * What every refreshed source's cache record holds, whatever it caches (a price table, GPU
 * offers): the URL, when it was fetched and last confirmed, and the conditional headers that
 * ask the server for it again. Pure: the front ends read and write the records.
 */
import * as z from 'zod/mini';

export interface CachedSource {
  url: string;
  /** ISO timestamp of the download (a 200). */
  fetchedAt: string;
  /** ISO timestamp of the last time the source confirmed it (a 200 or a 304): the max age counts from here. */
  checkedAt: string;
  etag?: string;
  lastModified?: string;
}

/** The zod shape of CachedSource's fields, for a record's schema. */
export function cachedSourceShape() {
  const text = z.string().check(z.minLength(1));
  return { url: text, fetchedAt: text, checkedAt: text, etag: z.optional(z.string()), lastModified: z.optional(z.string()) };
}

/** Thrown by readCacheRecord: the record is not used, and this says why. */
export class CacheRecordError extends Error {}

/** A cached record's JSON checked by its schema; throws CacheRecordError saying what is wrong, as "the cached <what> …". */
export function readCacheRecord<T>(text: string, what: string, schema: z.ZodMiniType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CacheRecordError(`the cached ${what} are not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CacheRecordError(`the cached ${what} are not a cache record: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
  return parsed.data;
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
