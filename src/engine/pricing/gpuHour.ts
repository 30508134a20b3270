/**
 * The price of a GPU-hour: one rule for every path that prices a self-hosted setup (the
 * workload's own setup, its declared alternatives, the cheapest-setup search, Recommend and
 * the panel), so that two surfaces never compare the user's price with somebody else's.
 *
 * Precedence, first that applies: the setup's own gpuHourlyUsd, the file's price for that GPU
 * (assumptions.gpuPrices), the GPU the project owns (assumptions.ownedGpus, its hour by
 * pricing/ownedGpu.ts), the file's price for any GPU (assumptions.gpuHourlyUsd), then the
 * offer a provider rents it at (pricing/offers.ts, in the mode assumptions.pricing names).
 * Each price says which one it is. An owned GPU comes after a price named for it, which is the
 * user's word on that GPU, and before a flat price for any GPU, which says nothing of it.
 *
 * An offer rents whole instances: a replica on 2 GPUs of an 8-GPU-only offer pays for 8, so a
 * price carries the GPUs it is paid on (paidGpus). Each replica rents its own instances:
 * replicas of a few GPUs sharing a node are not modelled, which only over-counts a setup that
 * leaves GPUs of its instance idle, one the searches never pick (they keep whole instances).
 * The user's own prices are per GPU used: the file states what a GPU-hour costs it.
 *
 * Where the catalog has no offers at all (the curated catalog alone, before a front end reads
 * the data files), the GPU's quote prices it as before. Where it has offers but none rents
 * this GPU in this mode and group size, the setup is unpriced and says why: no other price
 * stands in, and no $0.
 */
import { formatUsd } from './cost';
import { DEFAULT_PRICING, rentOffer, type NoOfferReason, type Pricing, type RentedOffer } from './offers';
import { GPUS_PER_INSTANCE, type GpuOffer } from '../catalog/data/gpuOffers';
import { findGpu, gpuPriceKey, type Catalog } from '../catalog';
import { offerText } from '../present/offers';
import { ownedGpuHour, type OwnedGpuHour } from './ownedGpu';
import type { OwnedGpuConfig } from '../config/schema';

/** What a file (or a command line) says GPU-hours cost. */
export interface GpuPriceRules {
  /** assumptions.gpuPrices, by the GPU's price key. */
  gpuPrices?: ReadonlyMap<string, number>;
  /** assumptions.gpuHourlyUsd: one price for any GPU the file does not price by name. */
  gpuHourlyUsd?: number;
  /** assumptions.pricing: the mode an offer is rented in; on demand when absent. */
  pricing?: Pricing;
  /** assumptions.ownedGpus, by the GPU's price key: hardware the project owns. */
  ownedGpus?: ReadonlyMap<string, OwnedGpuConfig>;
}

export type GpuHourSource = 'setup' | 'gpu-prices' | 'owned' | 'assumptions' | 'offer' | 'catalog';

export interface GpuHourPrice {
  /** USD per GPU-hour, for every GPU paid for (paidGpus). */
  usd: number;
  source: GpuHourSource;
  /** The GPU's quote, where there is one and the catalog has no offers: shown beside a price the user set. */
  catalogUsd?: number;
  /** The offer rented, where an offer priced it (source 'offer'): the replica pays for its gpusRented. */
  offer?: RentedOffer;
  /** The owned GPU's hour, where the project's hardware priced it (source 'owned'): its three parts. */
  owned?: OwnedGpuHour;
  /** For an owned GPU: the offer that would rent the same GPUs instead, where one does. */
  rentInstead?: RentedOffer;
}

/** No price: the catalog has offers, none rents this GPU in this mode and group size (or nothing at all prices it). */
export interface NoGpuHourPrice {
  unpriced: NoOfferReason;
}

export type GpuHourPricing = GpuHourPrice | NoGpuHourPrice;

/** What a GPU-hour is asked for. */
export interface GpuHourAsk {
  /** The GPU's price key: a gpus.json id, as assumptions.gpuPrices and the offers name it. */
  gpu: string;
  /** GPUs one replica runs on: an offer rents whole instances that hold them. */
  gpus: number;
  /** The setup's own gpuHourlyUsd. */
  setupUsd?: number;
  /** The GPU's quote (the GPU file's median, or the curated price): used only when the catalog has no offers. */
  quoteUsd?: number;
  /** The catalog's offers; undefined when it has none loaded. */
  offers?: readonly GpuOffer[];
  hoursPerMonth?: number;
}

/** The largest instance any offer has: a replica on more GPUs spans instances of this size. */
const LARGEST_INSTANCE = Math.max(...GPUS_PER_INSTANCE);

/** The GPU-hour price of one replica of `ask.gpus` GPUs, by the precedence of the module's comment. */
export function gpuHourPrice(ask: GpuHourAsk, rules: GpuPriceRules): GpuHourPricing {
  const quote = ask.offers === undefined ? ask.quoteUsd : undefined;
  const user = (usd: number, source: GpuHourSource): GpuHourPrice => (quote === undefined ? { usd, source } : { usd, source, catalogUsd: quote });
  if (ask.setupUsd !== undefined) return user(ask.setupUsd, 'setup');
  const named = rules.gpuPrices?.get(ask.gpu);
  if (named !== undefined) return user(named, 'gpu-prices');
  const owned = rules.ownedGpus?.get(ask.gpu);
  if (owned) {
    const hour = ownedGpuHour(owned);
    // What the same GPUs would rent for, by the offers in the file's mode: owning is weighed against it.
    const rent = ask.offers && rentFor(ask, ask.offers, rules);
    return { ...user(hour.usd, 'owned'), owned: hour, ...(rent?.ok ? { rentInstead: rent.offer } : {}) };
  }
  if (rules.gpuHourlyUsd !== undefined) return user(rules.gpuHourlyUsd, 'assumptions');
  if (ask.offers === undefined) return quote === undefined ? { unpriced: { kind: 'no-offer-of-gpu', gpu: ask.gpu } } : { usd: quote, source: 'catalog', catalogUsd: quote };
  const choice = rentFor(ask, ask.offers, rules);
  return choice.ok ? { usd: choice.offer.hourlyUsdPerGpu, source: 'offer', offer: choice.offer } : { unpriced: choice.reason };
}

/** The offer that rents one replica's GPUs in the rules' mode, cheapest first. */
function rentFor(ask: GpuHourAsk, offers: readonly GpuOffer[], rules: GpuPriceRules) {
  return rentOffer(offers, {
    gpu: ask.gpu,
    gpus: ask.gpus,
    pricing: rules.pricing ?? DEFAULT_PRICING,
    // One replica's tensor-parallel group sits in one instance; a replica beyond the largest spans whole ones of that size.
    gpusPerGroup: Math.min(ask.gpus, LARGEST_INSTANCE),
    ...(ask.hoursPerMonth !== undefined ? { hoursPerMonth: ask.hoursPerMonth } : {}),
  });
}

/** The GPU-hour of a catalog GPU (by id or alias) for one replica of `gpus`: gpuHourPrice with the catalog's quote and offers. */
export function catalogGpuHourPrice(cat: Catalog, gpuId: string, gpus: number, rules: GpuPriceRules, { setupUsd, hoursPerMonth }: { setupUsd?: number; hoursPerMonth?: number } = {}): GpuHourPricing {
  const spec = findGpu(gpuId, cat);
  return gpuHourPrice(
    {
      gpu: gpuPriceKey(gpuId, cat) ?? gpuId,
      gpus,
      ...(setupUsd !== undefined ? { setupUsd } : {}),
      ...(spec ? { quoteUsd: spec.hourlyUsd } : {}),
      ...(cat.gpuOffers ? { offers: cat.gpuOffers } : {}),
      ...(hoursPerMonth !== undefined ? { hoursPerMonth } : {}),
    },
    rules,
  );
}

/** The GPUs a replica of `gpus` pays for at this price: whole instances of a rented offer, else the GPUs it uses. */
export function paidGpus(price: GpuHourPrice, gpus: number): number {
  return price.offer?.gpusRented ?? gpus;
}

/** Whether the price is one: a type guard for callers that say why not. */
export function isPriced(p: GpuHourPricing): p is GpuHourPrice {
  return !('unpriced' in p);
}

/** A key for caches of figures priced by these rules: equal rules, equal key. */
export function rulesKey(rules: GpuPriceRules): string {
  return JSON.stringify([rules.gpuHourlyUsd ?? null, rules.gpuPrices ? [...rules.gpuPrices] : [], rules.pricing ?? DEFAULT_PRICING, rules.ownedGpus ? [...rules.ownedGpus] : []]);
}

/** Which rule priced it, in the words of an explanation: "your price (assumptions.gpuPrices; the catalog's is $3.40)". */
export function gpuHourSourceText(price: GpuHourPrice, catalogSource: string, { gpuName, gpusUsed }: { gpuName?: string; gpusUsed?: number } = {}): string {
  const quote = price.catalogUsd === undefined ? '' : `; the catalog’s is ${formatUsd(price.catalogUsd)}`;
  switch (price.source) {
    case 'setup':
      return `the setup’s gpuHourlyUsd${quote}`;
    case 'gpu-prices':
      return `your price (assumptions.gpuPrices${quote})`;
    case 'owned':
      return `owned hardware (assumptions.ownedGpus: amortization $${round(price.owned!.amortization.value)} + energy $${round(price.owned!.energy.value)} + operations $${round(price.owned!.operations.value)} an hour)`;
    case 'assumptions':
      return `gpuHourlyUsd of the assumptions${quote}`;
    case 'offer':
      return `the offer rented: ${offerText(price.offer!, { ...(gpuName !== undefined ? { gpuName } : {}), ...(gpusUsed !== undefined ? { gpusUsed } : {}) })}`;
    case 'catalog':
      return `the catalog’s price (${catalogSource})`;
  }
}

/** An hour's part to the cent's tenth: "0.428". */
function round(usd: number): string {
  return String(Math.round(usd * 1000) / 1000);
}
