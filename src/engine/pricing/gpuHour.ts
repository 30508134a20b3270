/**
 * The price of a GPU-hour: one rule for every path that prices a self-hosted setup (the
 * workload's own setup, its declared alternatives, the cheapest-setup search, Recommend and
 * the panel), so that two surfaces never compare the user's price with somebody else's.
 *
 * Precedence, first that applies: the setup's own gpuHourlyUsd, the file's price for that GPU
 * (assumptions.gpuPrices), the file's price for any GPU (assumptions.gpuHourlyUsd), the
 * catalog's quote. Each price says which one it is.
 */

import { formatUsd } from './cost';

/** What a file (or a command line) says GPU-hours cost. */
export interface GpuPriceRules {
  /** assumptions.gpuPrices, by the GPU's price key. */
  gpuPrices?: ReadonlyMap<string, number>;
  /** assumptions.gpuHourlyUsd: one price for any GPU the file does not price by name. */
  gpuHourlyUsd?: number;
}

export type GpuHourSource = 'setup' | 'gpu-prices' | 'assumptions' | 'catalog';

export interface GpuHourPrice {
  usd: number;
  source: GpuHourSource;
  /** The catalog's quote, where there is one: shown beside a price the user set. */
  catalogUsd?: number;
}

/**
 * The GPU-hour price of `gpuKey` (the GPU's price key, as assumptions.gpuPrices names it).
 * Undefined only when nothing prices it: no setup price, no file price and no catalog quote.
 */
export function gpuHourPrice(gpuKey: string, rules: GpuPriceRules, catalogUsd: number | undefined, setupUsd?: number): GpuHourPrice | undefined {
  const withQuote = (usd: number, source: GpuHourSource): GpuHourPrice => (catalogUsd === undefined ? { usd, source } : { usd, source, catalogUsd });
  if (setupUsd !== undefined) return withQuote(setupUsd, 'setup');
  const named = rules.gpuPrices?.get(gpuKey);
  if (named !== undefined) return withQuote(named, 'gpu-prices');
  if (rules.gpuHourlyUsd !== undefined) return withQuote(rules.gpuHourlyUsd, 'assumptions');
  return catalogUsd === undefined ? undefined : { usd: catalogUsd, source: 'catalog', catalogUsd };
}

/** A key for caches of figures priced by these rules: equal rules, equal key. */
export function rulesKey(rules: GpuPriceRules): string {
  return JSON.stringify([rules.gpuHourlyUsd ?? null, rules.gpuPrices ? [...rules.gpuPrices] : []]);
}

/** Which rule priced it, in the words of an explanation: "your price (assumptions.gpuPrices; the catalog's is $3.40)". */
export function gpuHourSourceText(price: GpuHourPrice, catalogSource: string): string {
  const quote = price.catalogUsd === undefined ? '' : `; the catalog’s is ${formatUsd(price.catalogUsd)}`;
  switch (price.source) {
    case 'setup':
      return `the setup’s gpuHourlyUsd${quote}`;
    case 'gpu-prices':
      return `your price (assumptions.gpuPrices${quote})`;
    case 'assumptions':
      return `gpuHourlyUsd of the assumptions${quote}`;
    case 'catalog':
      return `the catalog’s price (${catalogSource})`;
  }
}
