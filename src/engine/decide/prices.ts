/**
 * What Recommend's options cost: an API at a blended price, or billed as the workload it is for
 * is billed; a self-hosted setup by its replicas, each GPU-hour by the one precedence
 * (pricing/gpuHour.ts). Apart from decide.ts so that the panel and the analysis price a setup
 * as Recommend does without the ranking.
 */
import { apiCallPrice, billsBeyondListPrices, type WorkloadBilling } from '../pricing/apiCall';
import { workloadApiPrice } from '../pricing/workloadPrice';
import { inputOnly } from '../catalog/data/priceTable';
import { scheduledPrices } from '../catalog/data/schedule';
import { catalogGpuHourPrice, isPriced, paidGpus, type GpuHourSource, type GpuPriceRules } from '../pricing/gpuHour';
import type { NoOfferReason, Pricing, RentedOffer } from '../pricing/offers';
import type { OwnedGpuConfig } from '../config/schema';
import { findModel, type Catalog } from '../catalog';
import type { ModelCard, SelfHostSetup } from '../catalog/types';
import { DEFAULT_ASSUMPTIONS, formatUsd, replicaCapacityM, replicaFixedMonthly, replicasNeeded } from '../pricing/cost';

/** The options that price a setup: RecommendOptions' GPU prices and month. */
export interface PriceOptions {
  gpuHourlyUsd?: number;
  gpuPrices?: Readonly<Record<string, number>>;
  /** The mode a GPU offer is rented in; on demand when absent. */
  gpuPricing?: Pricing;
  /** GPUs the project owns (assumptions.ownedGpus), by GPU catalog id. */
  ownedGpus?: Readonly<Record<string, OwnedGpuConfig>>;
  hoursPerMonth?: number;
}

/**
 * The article’s blended price when the caller gives no input share, else an explicit blend, of
 * the prices in effect in `month` where the entry has dated prices (said in the basis).
 */
export function apiBlendedPrice(model: ModelCard, inputShare?: number, month?: string): { perMillionUsd: number; basis: string } | undefined {
  const price = model.price;
  if (!price) return undefined;
  if (inputShare === undefined && price.seedBlendedPerMillionUsd !== undefined) {
    return { perMillionUsd: price.seedBlendedPerMillionUsd, basis: "the article’s blended price" };
  }
  const share = inputShare ?? DEFAULT_ASSUMPTIONS.inputShare;
  // The one API price function the analysis uses too (an embedding model bills every token as input).
  const perMillionUsd = apiCallPrice(price, share, month !== undefined ? { month } : {}).value;
  const dated = price.entry ? scheduledPrices(price.entry, month) : undefined;
  const shown = dated?.notes.length ? { inputPerMillionUsd: dated.entry.inputPerMillionUsd, outputPerMillionUsd: dated.entry.outputPerMillionUsd ?? 0 } : price;
  const when = dated?.notes.length && month !== undefined ? `, priced for ${month}` : '';
  return {
    perMillionUsd,
    basis: `${price.entry && inputOnly(price.entry.mode) ? `every token as input at ${money(shown.inputPerMillionUsd)}` : `${Math.round(share * 100)}% input at ${money(shown.inputPerMillionUsd)} in / ${money(shown.outputPerMillionUsd)} out`}${when}`,
  };
}

/**
 * An API's price of a million of a workload's tokens, billed as the workload's calls are (its
 * input share, batch or service tier, cache reads and writes, prompt length, reasoning, month): the one function the lens and the
 * panel price any API with (workloadApiPrice), so that Recommend's API row is their figure.
 * The catalog's card is looked up for its price-table entry, which holds the batch and cache
 * prices a curated list price lacks.
 */
export function apiWorkloadPrice(model: ModelCard, billing: WorkloadBilling, cat: Catalog): { perMillionUsd: number; basis: string } | undefined {
  const price = (findModel(model.id, cat) ?? model).price;
  if (!price) return undefined;
  const used = workloadApiPrice(billing, price);
  // The prices said are the ones billed: the table entry's where the billing goes beyond the
  // list prices, in the month priced, in the service tier where the entry has its prices.
  const dated = price.entry && billsBeyondListPrices(price, billing) ? scheduledPrices(price.entry, billing.month) : undefined;
  const entry = dated?.entry;
  const tier = billing.serviceTier !== undefined && billing.serviceTier !== 'standard' ? billing.serviceTier : undefined;
  const listed = entry && tier && entry[tier] ? entry[tier] : entry;
  const inUsd = money(listed ? listed.inputPerMillionUsd : price.inputPerMillionUsd);
  const outUsd = money(listed ? (listed.outputPerMillionUsd ?? 0) : price.outputPerMillionUsd);
  const host = entry ? ` (${entry.host})` : '';
  const written = billing.cacheWriteShare ?? 0;
  const words = [
    price.entry && inputOnly(price.entry.mode) ? `every token as input at ${inUsd}${host}` : `${Math.round(billing.inputShare * 100)}% input at ${inUsd} in / ${outUsd} out${host}`,
    ...(billing.batch ? ['batch'] : []),
    ...(tier ? [tier] : []),
    ...((billing.cachedInputShare ?? 0) > 0 ? [`${Math.round(billing.cachedInputShare! * 100)}% of input from cache`] : []),
    ...(written > 0 ? [`${Math.round(written * 100)}% of input written to the cache${billing.cacheWriteTtl === '1h' ? ' for 1h' : ''}`] : []),
    // A dated price names the month it is priced for.
    ...(dated?.notes.length && billing.month !== undefined ? [`priced for ${billing.month}`] : []),
    // A price the source lacks is billed at the standard rate, and said as the lens says it.
    ...(used.missing?.length ? [`no ${[...new Set(used.missing)].join('/')} price: standard rate`] : []),
  ];
  return { perMillionUsd: used.value, basis: words.join(', ') };
}

export interface SelfHostedCost {
  monthlyCostUsd: number;
  replicas: number;
  capacityM: number;
  fixedMonthlyUsd: number;
  hourlyUsd: number;
  /** Which rule priced the GPU-hour; 'article' where nothing did and the article's flat price stands in. */
  hourlySource: GpuHourSource | 'article';
  /** The offer each replica rents, where an offer priced the GPU-hour: fixedMonthlyUsd pays for its whole instances. */
  offer?: RentedOffer;
  hoursPerMonth: number;
}

/** Recommend's price options as gpuHourPrice's rules. */
export function gpuRulesOf(options: Pick<PriceOptions, 'gpuHourlyUsd' | 'gpuPrices' | 'gpuPricing' | 'ownedGpus'>): GpuPriceRules {
  const gpuPrices = new Map(Object.entries(options.gpuPrices ?? {}));
  const more = { ...(options.gpuPricing ? { pricing: options.gpuPricing } : {}), ...(options.ownedGpus ? { ownedGpus: new Map(Object.entries(options.ownedGpus)) } : {}) };
  return options.gpuHourlyUsd === undefined ? { gpuPrices, ...more } : { gpuPrices, gpuHourlyUsd: options.gpuHourlyUsd, ...more };
}

/** ceil(volume / capacity) replicas, each paid in full; at least one once deployed. */
export function selfHostedMonthlyCost(
  cat: Catalog,
  setup: SelfHostSetup,
  volumeM: number,
  options: PriceOptions = {},
): SelfHostedCost | { unpriced: NoOfferReason } {
  const hours = options.hoursPerMonth ?? DEFAULT_ASSUMPTIONS.hoursPerMonth;
  const price = catalogGpuHourPrice(cat, setup.gpu, setup.gpus, gpuRulesOf(options), { hoursPerMonth: hours });
  // With offers, a GPU none rents is unpriced. Without them (the curated catalog alone) the
  // article's flat $2.50 stands in only for a setup whose GPU the catalog lacks.
  if (!isPriced(price) && cat.gpuOffers) return price;
  const hourly = isPriced(price) ? price.usd : DEFAULT_ASSUMPTIONS.gpuHourlyUsd;
  const fixed = replicaFixedMonthly(isPriced(price) ? paidGpus(price, setup.gpus) : setup.gpus, hourly, hours).value;
  const capacity = replicaCapacityM(setup.throughputTps, hours, 1).value;
  const replicas = Math.max(1, replicasNeeded(volumeM, capacity));
  return {
    monthlyCostUsd: roundCents(replicas * fixed),
    replicas,
    capacityM: capacity,
    fixedMonthlyUsd: fixed,
    hourlyUsd: hourly,
    hourlySource: isPriced(price) ? price.source : 'article',
    ...(isPriced(price) && price.offer ? { offer: price.offer } : {}),
    hoursPerMonth: hours,
  };
}

/** Money is shown and compared to the cent, so 0.55 × 100 is $55, not $55.00000000000001. */
export function roundCents(n: number): number {
  return Math.round(n * 100) / 100;
}

/** "$55", "$26.50", "$21,600": whole dollars when whole, else cents. */
export function money(n: number): string {
  return formatUsd(roundCents(n));
}
