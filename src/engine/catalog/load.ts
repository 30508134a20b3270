/**
 * The catalog from the data files shipped beside the bundles: the curated cards, plus the
 * price table when it reads and validates. The front ends read the files (the engine reads
 * nothing); a file that is missing or broken leaves the curated cards, and says why.
 */
import { catalog as curated, withOpenModels, withPriceTable, type Catalog } from './index';
import { parseOpenModels } from './data/openModels';
import { parsePriceTable } from './data/priceTable';

/** The file names, in dist/catalog/ of a build and in src/engine/catalog/data/ of the sources. */
export const CATALOG_FILES = { prices: 'prices.json', openModels: 'openModels.json' } as const;

export interface CatalogFileTexts {
  /** The text of prices.json, or undefined when it could not be read. */
  prices?: string;
  /** The text of openModels.json (the open models' shapes), or undefined. */
  openModels?: string;
}

export function catalogFromFiles(files: CatalogFileTexts, base: Catalog = curated): { catalog: Catalog; problems: string[] } {
  const problems: string[] = [];
  let cat = base;
  const read = <T>(name: string, text: string | undefined, parse: (json: unknown) => T, what: string): T | undefined => {
    if (text === undefined) {
      problems.push(`${name} could not be read: ${what}`);
      return undefined;
    }
    try {
      return parse(JSON.parse(text));
    } catch (error) {
      problems.push(`${name} is not valid (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): ${what}`);
      return undefined;
    }
  };
  const prices = read(CATALOG_FILES.prices, files.prices, parsePriceTable, 'only the curated models are priced');
  if (prices) cat = withPriceTable(cat, prices);
  const open = read(CATALOG_FILES.openModels, files.openModels, parseOpenModels, 'only the curated open models can be sized');
  if (open) cat = withOpenModels(cat, open);
  return { catalog: cat, problems };
}
