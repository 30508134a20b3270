/**
 * The catalog a command prices with: the shipped one, or a --prices file or URL laid over it.
 */
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Catalog, withFallback, withStaleness } from '../engine';
import { displayUrl, MAX_SOURCE_BYTES, moveText, validateRefresh, withRefreshedPrices, type RefreshedPrices } from '../engine/catalog/refresh';
import { fetchPriceSource, PriceFetchError } from '../priceFetch';
import { readBoundedText, ReadRefused } from '../node/boundedRead';
import { UsageError, warn } from './args';
import { cliCatalog } from './catalogFiles';

/** For tests only: a shorter download timeout than the 5 s default, in milliseconds. */
const TIMEOUT_ENV = 'LLM_COST_LENS_FETCH_TIMEOUT_MS';

/**
 * The shipped catalog (curated cards and the price table beside the CLI), marked stale when
 * old, or with the prices of a --prices file or URL laid over it. A source that cannot be
 * read, fetched or taken leaves the bundled prices: one line on stderr says why, and the
 * JSON's pricing.fallbackReason.
 */
export async function catalogWith(prices: string | undefined, allowNetwork: boolean | undefined): Promise<Catalog> {
  const { catalog: shipped, problems } = cliCatalog();
  for (const problem of problems) warn(problem);
  const now = Date.now();
  if (prices === undefined) return withStaleness(shipped, now);
  const url = /^https?:\/\//i.test(prices);
  if (url && !allowNetwork) throw new UsageError(`--prices ${prices}: a URL is fetched only with --allow-network`);
  const name = url ? displayUrl(prices) : prices;
  let refreshed: RefreshedPrices;
  try {
    refreshed = url ? await fromUrl(prices, shipped, now) : fromFile(prices, shipped, now);
  } catch (error) {
    if (!(error instanceof SourceProblem)) throw error;
    warn(`--prices ${name}: ${error.message}; the bundled prices are used`);
    return withFallback(withStaleness(shipped, now), `--prices ${name}: ${error.message}`);
  }
  return withStaleness(withRefreshedPrices(shipped, refreshed), now);
}

/** Why a --prices source is not used. */
class SourceProblem extends Error {}

function fromFile(file: string, shipped: Catalog, now: number): RefreshedPrices {
  let text: string;
  let modified: string;
  try {
    // The same limit as a downloaded source.
    text = readBoundedText(file, MAX_SOURCE_BYTES);
    modified = statSync(file).mtime.toISOString().slice(0, 10);
  } catch (error) {
    throw new SourceProblem(`cannot read it: ${error instanceof ReadRefused ? error.message : ((error as NodeJS.ErrnoException).code ?? String(error))}`);
  }
  return take(text, { source: `pricing file ${basename(file)}`, sourceUrl: pathToFileURL(resolve(file)).href, fileModified: modified }, shipped, now);
}

async function fromUrl(url: string, shipped: Catalog, now: number): Promise<RefreshedPrices> {
  const override = Number(process.env[TIMEOUT_ENV]);
  try {
    const fetched = await fetchPriceSource(url, Number.isFinite(override) && override > 0 ? { timeoutMs: override } : {});
    if (fetched.status !== 'ok') throw new SourceProblem('the server answered 304 Not Modified to a request that asked for the whole file');
    return take(fetched.text, { source: `prices from ${displayUrl(url)}`, sourceUrl: url, fetchedAt: new Date(now).toISOString(), ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}) }, shipped, now);
  } catch (error) {
    if (error instanceof PriceFetchError) throw new SourceProblem(error.message);
    throw error;
  }
}

function take(
  text: string,
  origin: { source: string; sourceUrl: string; fileModified?: string; fetchedAt?: string; lastModified?: string },
  shipped: Catalog,
  now: number,
): RefreshedPrices {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new SourceProblem(`not JSON (${(error as Error).message})`);
  }
  const outcome = validateRefresh({ json, ...origin, today: new Date(now).toISOString().slice(0, 10), ...(shipped.prices ? { bundled: shipped.prices } : {}) });
  if (!outcome.ok) throw new SourceProblem(outcome.reason);
  if (outcome.held.length) {
    const shown = outcome.held.slice(0, 3).map(moveText).join('; ');
    warn(`${origin.source}: ${outcome.held.length} price(s) moved more than ×10 and were not applied: ${shown}${outcome.held.length > 3 ? '; …' : ''}`);
  }
  return { table: outcome.table, pricing: outcome.pricing };
}
