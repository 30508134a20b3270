/**
 * The catalog a command prices with: the shipped one, with a --prices file or URL laid over
 * its prices and a --offers file or URL merged with its GPU offers.
 */
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Catalog, type OffersSource, withFallback, withStaleness } from '../engine';
import { displayUrl, MAX_SOURCE_BYTES, moveText, offersSourceName, rejectedText, validateOffersRefresh, validateRefresh, withOffersFallback, withRefreshedOffers, withRefreshedPrices, type RefreshedPrices } from '../engine/catalog/refresh';
import { fetchPriceSource, PriceFetchError } from '../priceFetch';
import { readBoundedText, ReadRefused } from '../node/boundedRead';
import { UsageError, warn } from './args';
import { cliCatalog } from './catalogFiles';

/** For tests only: a shorter download timeout than the 5 s default, in milliseconds. */
const TIMEOUT_ENV = 'LLM_COST_LENS_FETCH_TIMEOUT_MS';

/** The sources a command line names: --prices, --offers, and whether a URL among them may be fetched. */
export interface CatalogSources {
  prices?: string | undefined;
  offers?: string | undefined;
  'allow-network'?: boolean | undefined;
}

/** Where a source's text came from: a file (its modification date) or a download (its time and Last-Modified). */
interface Origin {
  sourceUrl: string;
  fileModified?: string;
  fetchedAt?: string;
  lastModified?: string;
}

/**
 * The shipped catalog (curated cards, the price table and the GPU offers beside the CLI),
 * marked stale when old, with the sources the command line names. A source that cannot be
 * read, fetched or taken leaves the bundled data: one line on stderr says why (for prices,
 * the JSON's pricing.fallbackReason too).
 */
export async function catalogWith(sources: CatalogSources = {}): Promise<Catalog> {
  const { catalog: shipped, problems } = cliCatalog();
  for (const problem of problems) warn(problem);
  const now = Date.now();
  // Both URLs are refused before either is fetched.
  for (const flag of ['prices', 'offers'] as const) {
    const given = sources[flag];
    if (given !== undefined && isUrl(given) && !sources['allow-network']) throw new UsageError(`--${flag} ${given}: a URL is fetched only with --allow-network`);
  }
  let cat = shipped;
  if (sources.offers !== undefined) cat = await withOffers(cat, sources.offers, now);
  if (sources.prices === undefined) return withStaleness(cat, now);
  const name = sourceLabel(sources.prices);
  let refreshed: RefreshedPrices;
  try {
    const { text, origin } = await readSource(sources.prices, now);
    refreshed = takePrices(text, { ...origin, source: isUrl(sources.prices) ? `prices from ${name}` : `pricing file ${basename(sources.prices)}` }, shipped, now);
  } catch (error) {
    if (!(error instanceof SourceProblem)) throw error;
    warn(`--prices ${name}: ${error.message}; the bundled prices are used`);
    return withFallback(withStaleness(cat, now), `--prices ${name}: ${error.message}`);
  }
  return withStaleness(withRefreshedPrices(cat, refreshed), now);
}

/** For a command's --json: where offers beyond the bundled ones came from, or why a --offers source is not used. */
export function offersSourceJson(cat: Catalog): { offersSource?: OffersSource } {
  return cat.offersSource ? { offersSource: cat.offersSource } : {};
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);
const sourceLabel = (source: string) => (isUrl(source) ? displayUrl(source) : source);

/** Why a source is not used. */
class SourceProblem extends Error {}

/** A source's text: a file read bounded, as large as a download may be, or a URL fetched. */
async function readSource(source: string, now: number): Promise<{ text: string; origin: Origin }> {
  return isUrl(source) ? fromUrl(source, now) : fromFile(source);
}

function fromFile(file: string): { text: string; origin: Origin } {
  try {
    // The same limit as a downloaded source.
    const text = readBoundedText(file, MAX_SOURCE_BYTES);
    const modified = statSync(file).mtime.toISOString().slice(0, 10);
    return { text, origin: { sourceUrl: pathToFileURL(resolve(file)).href, fileModified: modified } };
  } catch (error) {
    throw new SourceProblem(`cannot read it: ${error instanceof ReadRefused ? error.message : ((error as NodeJS.ErrnoException).code ?? String(error))}`);
  }
}

async function fromUrl(url: string, now: number): Promise<{ text: string; origin: Origin }> {
  const override = Number(process.env[TIMEOUT_ENV]);
  try {
    const fetched = await fetchPriceSource(url, Number.isFinite(override) && override > 0 ? { timeoutMs: override } : {});
    if (fetched.status !== 'ok') throw new SourceProblem('the server answered 304 Not Modified to a request that asked for the whole file');
    return { text: fetched.text, origin: { sourceUrl: url, fetchedAt: new Date(now).toISOString(), ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}) } };
  } catch (error) {
    if (error instanceof PriceFetchError) throw new SourceProblem(error.message);
    throw error;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new SourceProblem(`not JSON (${(error as Error).message})`);
  }
}

function takePrices(text: string, origin: Origin & { source: string }, shipped: Catalog, now: number): RefreshedPrices {
  const outcome = validateRefresh({ json: parseJson(text), ...origin, today: new Date(now).toISOString().slice(0, 10), ...(shipped.prices ? { bundled: shipped.prices } : {}) });
  if (!outcome.ok) throw new SourceProblem(outcome.reason);
  if (outcome.held.length) {
    const shown = outcome.held.slice(0, 3).map(moveText).join('; ');
    warn(`${origin.source}: ${outcome.held.length} price(s) moved more than ×10 and were not applied: ${shown}${outcome.held.length > 3 ? '; …' : ''}`);
  }
  return { table: outcome.table, pricing: outcome.pricing };
}

/**
 * The catalog with a --offers source's good rows merged over the bundled offers, newest first;
 * the rows left out are named on stderr with where they are wrong. A source that cannot be
 * read or has no usable row leaves the bundled offers, and says why.
 */
async function withOffers(cat: Catalog, source: string, now: number): Promise<Catalog> {
  const name = sourceLabel(source);
  const what = isUrl(source) ? offersSourceName(source) : `offers file ${basename(source)}`;
  try {
    const { text } = await readSource(source, now);
    const gpuIds = cat.servingGpus ? new Set(cat.servingGpus.map((g) => g.id)) : undefined;
    const outcome = validateOffersRefresh(parseJson(text), { ...(gpuIds ? { gpuIds } : {}), today: new Date(now).toISOString().slice(0, 10) });
    if (!outcome.ok) throw new SourceProblem(outcome.reason);
    const leftOut = outcome.rejected.length ? { count: outcome.rejected.length, problems: rejectedText(outcome.rejected) } : undefined;
    if (leftOut) warn(`${what}: ${leftOut.count} offer(s) left out: ${leftOut.problems}`);
    return withRefreshedOffers(cat, outcome.offers, { source: what, used: outcome.offers.length, ...(leftOut ? { leftOut } : {}) });
  } catch (error) {
    if (!(error instanceof SourceProblem)) throw error;
    warn(`--offers ${name}: ${error.message}; the bundled GPU offers are used`);
    // --json says it too: a pipeline reads the output, not stderr.
    return withOffersFallback(cat, what, error.message);
  }
}
