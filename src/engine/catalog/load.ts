/**
 * The catalog from the data files shipped beside the bundles: the curated cards, plus the
 * price table and the open models' shapes. The files are validated by their zod schemas when
 * they are built and copied (esbuild.mjs runs checkCatalogFiles) and by the unit tests, so a
 * front end reads them as they are: no schema code on the way to the first analysis. The
 * front ends read the files (the engine reads nothing); a file that is missing or broken
 * leaves the curated cards, and says why.
 */
import type { OpenModel } from './data/openModels';
import type { PriceTable } from './data/priceTable';
import type { ServingGpu } from '../sizing/serving/gpus';
import type { GpuOffer } from './data/gpuOffers';
import type { FormatQualityRow } from './data/formatQuality';
import { catalog as curated, withFormatQuality, withGpuOffers, withOpenModels, withPriceTable, withServingGpus, type Catalog } from './index';
import { withRefreshedPrices, type RefreshedPrices } from './overlay';
import { withRefreshedOffers } from './offerOverlay';
import { withStaleness } from '../present/provenance';

/**
 * The file names, in dist/catalog/ of a build and in src/engine/catalog/data/ of the sources.
 * gpuOffers.json holds the GPU offers a setup can rent; formatQuality.json the published quality
 * of quantized weights.
 */
export const CATALOG_FILES = { prices: 'prices.json', openModels: 'openModels.json', gpus: 'gpus.json', gpuOffers: 'gpuOffers.json', formatQuality: 'formatQuality.json' } as const;

export interface CatalogFileTexts {
  /** The text of prices.json, or undefined when it could not be read. */
  prices?: string;
  /** The text of openModels.json (the open models' shapes), or undefined. */
  openModels?: string;
  /** The text of gpus.json (current GPUs for the serving model), or undefined. */
  gpus?: string;
  /** The text of gpuOffers.json (what providers rent, at what price), or undefined. */
  gpuOffers?: string;
  /** The text of formatQuality.json (published quality of quantized weights), or undefined. */
  formatQuality?: string;
  /** Prices refreshed from the network and validated by the extension, laid over the bundled ones. */
  refreshed?: RefreshedPrices;
  /** GPU offers refreshed from the network and checked by the extension, merged with the bundled ones. */
  refreshedOffers?: readonly GpuOffer[];
  /** The clock and the age in days past which prices are marked stale. */
  staleness?: { nowMs: number; days: number };
}

export function catalogFromFiles(files: CatalogFileTexts, base: Catalog = curated): { catalog: Catalog; problems: string[] } {
  const problems: string[] = [];
  let cat = base;
  const read = (name: string, text: string | undefined, what: string): Record<string, unknown> | undefined => {
    if (text === undefined) {
      problems.push(`${name} could not be read: ${what}`);
      return undefined;
    }
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json === 'object' && json !== null) return json as Record<string, unknown>;
      problems.push(`${name} is not a JSON object: ${what}`);
    } catch (error) {
      problems.push(`${name} is not JSON (${error instanceof Error ? error.message : String(error)}): ${what}`);
    }
    return undefined;
  };
  const prices = read(CATALOG_FILES.prices, files.prices, 'only the curated models are priced');
  if (prices && Array.isArray(prices.entries)) cat = withPriceTable(cat, prices as unknown as PriceTable);
  const open = read(CATALOG_FILES.openModels, files.openModels, 'only the curated open models can be sized');
  if (open && Array.isArray(open.models)) cat = withOpenModels(cat, open.models as OpenModel[]);
  // Only when given: a front end that has not read the GPU file yet keeps the curated GPUs.
  if (files.gpus !== undefined) {
    const gpus = read(CATALOG_FILES.gpus, files.gpus, 'only the curated GPUs can be sized');
    if (gpus && Array.isArray(gpus.gpus) && typeof gpus.asOf === 'string') cat = withServingGpus(cat, gpus as unknown as { asOf: string; gpus: ServingGpu[] });
  }
  // Only when given, as the GPUs: without offers a GPU-hour is the GPU file's quote.
  if (files.gpuOffers !== undefined) {
    const offers = read(CATALOG_FILES.gpuOffers, files.gpuOffers, 'GPU-hours are priced at the GPU file\'s quotes');
    if (offers && Array.isArray(offers.offers)) cat = withGpuOffers(cat, offers.offers as GpuOffer[]);
  }
  // Only when given: without the rows every quantized format's quality is unmeasured.
  if (files.formatQuality !== undefined) {
    const quality = read(CATALOG_FILES.formatQuality, files.formatQuality, 'the quality of every quantized format is unmeasured');
    if (quality && Array.isArray(quality.rows)) cat = withFormatQuality(cat, quality.rows as FormatQualityRow[]);
  }
  if (files.refreshedOffers) cat = withRefreshedOffers(cat, files.refreshedOffers);
  if (files.refreshed) cat = withRefreshedPrices(cat, files.refreshed);
  if (files.staleness) cat = withStaleness(cat, files.staleness.nowMs, files.staleness.days);
  return { catalog: cat, problems };
}
