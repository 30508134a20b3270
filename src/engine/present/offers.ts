/**
 * The words of a rented offer, one way on every surface: "8× H200 · Lambda on demand ·
 * $3.99/GPU-hour as of 2026-09-20". The GPUs counted are the GPUs paid for, whole instances,
 * so a setup that uses 2 GPUs of an 8-GPU node reads "8×", and says how many it uses.
 */
import { formatNumber, formatUsd } from '../pricing/cost';
import type { NoOfferReason, Pricing, RentedOffer } from '../pricing/offers';

const MODE_WORDS: Record<Pricing, string> = { 'on-demand': 'on demand', reserved: 'reserved for a year', spot: 'on spot' };

export function pricingWords(pricing: Pricing): string {
  return MODE_WORDS[pricing];
}

/**
 * One line for a rented offer. `gpuName` is the GPU's display name (the id when not given);
 * `gpusUsed`, when fewer than the GPUs rented, is said: "8× H100 SXM (2 used)".
 */
export function offerText(offer: RentedOffer, { gpuName, gpusUsed }: { gpuName?: string; gpusUsed?: number } = {}): string {
  const used = gpusUsed !== undefined && gpusUsed < offer.gpusRented ? ` (${gpusUsed} used)` : '';
  const instances = offer.instances > 1 ? `${offer.instances} × ${offer.instance}` : offer.instance;
  const where = offer.region ? `, ${offer.region}` : '';
  return `${offer.gpusRented}× ${gpuName ?? offer.gpu}${used} · ${offer.provider} ${pricingWords(offer.pricing)} (${instances}${where}) · ${formatUsd(offer.hourlyUsdPerGpu)}/GPU-hour as of ${offer.asOf}`;
}

/** Why no offer is rented, in a sentence. */
export function noOfferText(reason: NoOfferReason, gpuName?: string): string {
  const gpu = gpuName ?? reason.gpu;
  switch (reason.kind) {
    case 'no-offer-of-gpu':
      return `No offer of ${gpu} is on record: no provider's price for it to rent.`;
    case 'no-offer-in-mode':
      return `No offer of ${gpu} is priced ${pricingWords(reason.pricing)}${reason.modes.length ? `; its offers are priced ${reason.modes.map(pricingWords).join(', ')}` : ''}.`;
    case 'group-larger-than-instances':
      return `No ${gpu} instance priced ${pricingWords(reason.pricing)} holds ${reason.gpusPerGroup} GPUs in one node; the largest holds ${reason.largest}.`;
  }
}

/** Setups by GPU, each with its counts: "l4 (1, 2, 4, 8 GPUs), mi325x (1, 2, 4 GPUs)". */
export function setupCountsText(setups: Iterable<{ gpu: string; gpus: number }>): string {
  const byGpu = new Map<string, Set<number>>();
  for (const s of setups) {
    const counts = byGpu.get(s.gpu) ?? new Set<number>();
    byGpu.set(s.gpu, counts.add(s.gpus));
  }
  return [...byGpu].map(([gpu, counts]) => `${gpu} (${[...counts].sort((a, b) => a - b).join(', ')} GPU${counts.size === 1 && counts.has(1) ? '' : 's'})`).join(', ');
}

/** "1 replica", "3 replicas": the words every surface writes for a count of replicas. */
export function replicasText(replicas: number): string {
  return `${formatNumber(replicas)} replica${replicas === 1 ? '' : 's'}`;
}
