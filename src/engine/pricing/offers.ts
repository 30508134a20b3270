/**
 * The offer a setup rents. A provider sells whole instances (1, 2, 4 or 8 GPUs), so a setup
 * that needs N GPUs rents ceil(N / g) instances of one offer and pays for every GPU in them:
 * 2 GPUs on an 8-GPU node cost 8 GPUs. Among the offers of the GPU priced in the asked mode,
 * the one whose rented GPUs cost least wins, so a cheaper-per-GPU node that leaves GPUs idle
 * loses to a dearer one that fits.
 *
 * Tie-break, stated so that two runs and two surfaces name the same offer: the lower monthly
 * cost; then fewer GPUs paid for and not used; then fewer instances; then provider, instance
 * and region in code-unit order (a region of null before any named one).
 *
 * Pure: the caller gives the offers (parsed gpuOffers.json), a GPU id, a count and a mode.
 */
import type { GpuOffer, GpusPerInstance } from '../catalog/data/gpuOffers';
import { PRICING_MODES } from '../config/schema';

/** 'on-demand' | 'reserved' | 'spot': the modes assumptions.pricing names. */
export type Pricing = (typeof PRICING_MODES)[number];
export const PRICINGS: readonly Pricing[] = PRICING_MODES;
export const DEFAULT_PRICING: Pricing = 'on-demand';

/** What a setup rents, as plain data: the figures a lens, `--json` and Recommend's rows carry. */
export interface RentedOffer {
  provider: string;
  instance: string;
  gpu: string;
  gpusPerInstance: GpusPerInstance;
  instances: number;
  /** GPUs paid for: instances × gpusPerInstance, at least the GPUs asked for. */
  gpusRented: number;
  pricing: Pricing;
  hourlyUsdPerGpu: number;
  /** Every rented GPU for a month: gpusRented × hourlyUsdPerGpu × hours. */
  monthlyUsd: number;
  region: string | null;
  source: string;
  /** The date of the price rented (for a reserved price, its own date where the offer gives one). */
  asOf: string;
}

/** Why no offer can be rented. */
export type NoOfferReason =
  /** The offers name no instance of this GPU at all. */
  | { kind: 'no-offer-of-gpu'; gpu: string }
  /** Instances of this GPU exist, none priced in this mode ("reserved" where only on demand is published). */
  | { kind: 'no-offer-in-mode'; gpu: string; pricing: Pricing; modes: Pricing[] }
  /** Priced in this mode, but no instance holds one tensor-parallel group of this many GPUs. */
  | { kind: 'group-larger-than-instances'; gpu: string; pricing: Pricing; gpusPerGroup: number; largest: number };

export type OfferChoice = { ok: true; offer: RentedOffer } | { ok: false; reason: NoOfferReason };

export interface OfferRequest {
  /** A GPU id of gpus.json. */
  gpu: string;
  /** GPUs the setup needs in all (GPUs per replica × replicas): a positive whole number. */
  gpus: number;
  pricing: Pricing;
  /**
   * GPUs that must sit in one instance (one replica's tensor-parallel group: it all-reduces
   * over the instance's link, not a network). Default 1: any instance will do. Offers with
   * smaller instances are skipped; the instance sizes, 1, 2, 4 and 8, hold whole groups of 1, 2,
   * 4 or 8, so groups pack instances without splitting.
   */
  gpusPerGroup?: number;
  /** Hours in a month; default 720. */
  hoursPerMonth?: number;
}

/** The offer's price per GPU-hour in a mode; null where the provider publishes none. */
export function offerPrice(offer: GpuOffer, pricing: Pricing): number | null {
  switch (pricing) {
    case 'on-demand':
      return offer.onDemandUsdPerGpuHour;
    case 'reserved':
      return offer.reservedOneYearUsdPerGpuHour;
    case 'spot':
      return offer.spotUsdPerGpuHour;
  }
}

/** The offer `request` rents: cheapest per month as whole instances of one offer, or why none. */
export function rentOffer(offers: readonly GpuOffer[], request: OfferRequest): OfferChoice {
  const { gpu, gpus, pricing } = request;
  const group = request.gpusPerGroup ?? 1;
  const hours = request.hoursPerMonth ?? 720;
  if (!Number.isInteger(gpus) || gpus < 1) throw new RangeError(`rentOffer: gpus must be a positive whole number, not ${gpus}`);
  if (!Number.isInteger(group) || group < 1 || group > gpus) throw new RangeError(`rentOffer: gpusPerGroup must be a whole number from 1 to gpus, not ${group}`);
  const ofGpu = offers.filter((o) => o.gpu === gpu);
  if (ofGpu.length === 0) return { ok: false, reason: { kind: 'no-offer-of-gpu', gpu } };
  const priced = ofGpu.filter((o) => offerPrice(o, pricing) !== null);
  if (priced.length === 0) return { ok: false, reason: { kind: 'no-offer-in-mode', gpu, pricing, modes: PRICINGS.filter((p) => ofGpu.some((o) => offerPrice(o, p) !== null)) } };
  const large = priced.filter((o) => o.gpusPerInstance >= group);
  if (large.length === 0) return { ok: false, reason: { kind: 'group-larger-than-instances', gpu, pricing, gpusPerGroup: group, largest: Math.max(...priced.map((o) => o.gpusPerInstance)) } };
  let best: RentedOffer | undefined;
  for (const o of large) {
    const candidate = rented(o, gpus, pricing, hours);
    if (best === undefined || before(candidate, best)) best = candidate;
  }
  return { ok: true, offer: best! };
}

function rented(o: GpuOffer, gpus: number, pricing: Pricing, hours: number): RentedOffer {
  const instances = Math.ceil(gpus / o.gpusPerInstance);
  const gpusRented = instances * o.gpusPerInstance;
  const hourlyUsdPerGpu = offerPrice(o, pricing)!;
  return {
    provider: o.provider,
    instance: o.instance,
    gpu: o.gpu,
    gpusPerInstance: o.gpusPerInstance,
    instances,
    gpusRented,
    pricing,
    hourlyUsdPerGpu,
    monthlyUsd: gpusRented * hourlyUsdPerGpu * hours,
    region: o.region,
    source: o.source,
    // The date of the price rented: a one-year price read in an older transcription carries its own.
    asOf: pricing === 'reserved' ? (o.reservedOneYearAsOf ?? o.asOf) : o.asOf,
  };
}

// Prices are read to the cent or a fraction of it: two monthly costs within a millionth of a
// dollar are the same price, whatever the floating-point products of their factors.
const SAME_USD = 1e-6;

/** Whether `a` is picked over `b` (the tie-break of the module's comment). */
function before(a: RentedOffer, b: RentedOffer): boolean {
  if (Math.abs(a.monthlyUsd - b.monthlyUsd) > SAME_USD) return a.monthlyUsd < b.monthlyUsd;
  if (a.gpusRented !== b.gpusRented) return a.gpusRented < b.gpusRented;
  if (a.instances !== b.instances) return a.instances < b.instances;
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (text(a.provider, b.provider) || text(a.instance, b.instance) || text(a.region ?? '', b.region ?? '')) < 0;
}
