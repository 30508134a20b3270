/**
 * Refreshed GPU offers laid over the bundled ones. Apart from their validation (offersRefresh.ts),
 * so that a front end that only applies offers already checked (the comparison panel) carries
 * no schema code, as overlay.ts does for prices.
 */
import type { GpuOffer } from './data/gpuOffers';
import type { Catalog, OffersSource } from './catalog';

/** One offer is one provider's instance of one GPU in one region: a newer row of it replaces an older one. */
export function offerKey(o: GpuOffer): string {
  return `${o.provider}|${o.instance}|${o.gpu}|${o.region ?? ''}`;
}

/**
 * The refreshed offers merged with the bundled ones: of two rows of one offer the newer as-of
 * date stays (the refreshed row on the same date), newest as-of first, each row as it was
 * given, with its own provider, source and date. The rows of either list the other lacks stay.
 */
export function mergeOffers(refreshed: readonly GpuOffer[], bundled: readonly GpuOffer[]): GpuOffer[] {
  const kept = new Map<string, GpuOffer>();
  for (const o of [...refreshed, ...bundled]) {
    const key = offerKey(o);
    const held = kept.get(key);
    if (!held || o.asOf > held.asOf) kept.set(key, o);
  }
  // A stable sort: among equal dates the refreshed rows, then the bundled ones, each in its own order.
  return [...kept.values()].sort((a, b) => (a.asOf > b.asOf ? -1 : a.asOf < b.asOf ? 1 : 0));
}

/**
 * The catalog with refreshed offers merged over its bundled ones (pricing/offers.ts rents from
 * them all), and where they came from when the caller names it.
 */
export function withRefreshedOffers(base: Catalog, refreshed: readonly GpuOffer[], source?: OffersSource): Catalog {
  return { ...base, gpuOffers: mergeOffers(refreshed, base.gpuOffers ?? []), ...(source ? { offersSource: source } : {}) };
}

/** The catalog as it was, saying why a source of offers is not in use. */
export function withOffersFallback(base: Catalog, source: string, reason: string): Catalog {
  return { ...base, offersSource: { source, fallbackReason: reason } };
}
