/**
 * GPU offers: what a provider rents, as whole instances of a number of GPUs, at a price per
 * GPU-hour on demand, and reserved for a year or on spot where the provider publishes them.
 * The records live in gpuOffers.json; each one names the page its figures come from and the
 * date they were read, so a price can be checked against its source rather than trusted.
 * Plain data: the caller reads the file, and the pricing logic is elsewhere.
 */
// zod/mini like the config schema: the engine ships in the extension host and the webview,
// where bundle size matters.
import * as z from 'zod/mini';
// zod/mini has no messages of its own; the config schema installs the engine's.
import '../../config/schema';

/** The instance sizes an offer may have: a setup is always whole instances of one offer. */
export const GPUS_PER_INSTANCE = [1, 2, 4, 8] as const;
export type GpusPerInstance = (typeof GPUS_PER_INSTANCE)[number];

/** Above this a per-GPU-hour figure is taken as an instance price not divided, not a price. */
export const MAX_USD_PER_GPU_HOUR = 50;

export interface GpuOffer {
  /** Who sends the bill: "AWS", "Lambda", "RunPod", … */
  provider: string;
  /** The provider's name for what is rented: "p5.48xlarge", "8x NVIDIA H100 SXM", … */
  instance: string;
  /** A GPU id of gpus.json. */
  gpu: string;
  gpusPerInstance: GpusPerInstance;
  /** The region the price is for, where the provider prices by region; null where it does not. */
  region: string | null;
  /** USD per GPU-hour; null where the provider publishes no on-demand price for this instance. */
  onDemandUsdPerGpuHour: number | null;
  /** USD per GPU-hour on a one-year commitment; null where not published. */
  reservedOneYearUsdPerGpuHour: number | null;
  /** USD per GPU-hour on spot or preemptible capacity; null where not published. */
  spotUsdPerGpuHour: number | null;
  /** ISO date (YYYY-MM-DD) the figures were read or the page states. */
  asOf: string;
  /**
   * The date of the one-year price, where it was read in another, older transcription than the
   * row's other figures (the note names it); absent where `asOf` is its date too.
   */
  reservedOneYearAsOf?: string;
  /** The provider's page (or price API) the figures are from. */
  source: string;
  /** Where the figures were read, when not on the source itself (a dated transcription of it). */
  via?: string;
  /** Where on the page, and any arithmetic: an 8-GPU instance's hourly price ÷ 8 says so. */
  note: string;
}

export interface GpuOffers {
  /** The newest asOf of the offers. */
  asOf: string;
  note: string;
  offers: GpuOffer[];
}

let schemas: ReturnType<typeof makeSchemas> | undefined;
// Built on first use, as in priceTable.ts: schemas are calls that would otherwise run in every
// bundle that imports the engine.
function makeSchemas() {
  const text = z.string().check(z.minLength(1));
  const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected an ISO date (YYYY-MM-DD).' }));
  const url = z.string().check(z.regex(/^https:\/\/[^\s/]+\.[^\s]+$/, { error: 'expected an https URL.' }));
  const price = z.nullable(z.number().check(z.gt(0), z.lte(MAX_USD_PER_GPU_HOUR)));
  const offer = z.strictObject({
    provider: text,
    instance: text,
    gpu: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a GPU id such as "h100-sxm".' })),
    gpusPerInstance: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
    region: z.nullable(text),
    onDemandUsdPerGpuHour: price,
    reservedOneYearUsdPerGpuHour: price,
    spotUsdPerGpuHour: price,
    asOf: date,
    reservedOneYearAsOf: z.optional(date),
    source: url,
    via: z.optional(url),
    note: text,
  });
  return {
    file: z.strictObject({
      asOf: date,
      note: text,
      offers: z.array(offer).check(z.minLength(1)),
    }),
  };
}

export class GpuOffersError extends Error {}

/**
 * The offers, validated; throws GpuOffersError naming the first problems with their paths.
 * `gpuIds`, when given, is the set of GPU ids an offer may name (the ids of gpus.json).
 */
export function parseGpuOffers(json: unknown, { gpuIds }: { gpuIds?: ReadonlySet<string> } = {}): GpuOffers {
  const parsed = (schemas ??= makeSchemas()).file.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new GpuOffersError(`invalid GPU offers: ${issues.join('; ')}${parsed.error.issues.length > 5 ? '; …' : ''}`);
  }
  const file = parsed.data as GpuOffers;
  const problems = file.offers.flatMap((offer, i) => offerProblems(offer, file.asOf, gpuIds).map((p) => `offers.${i} (${offer.provider} ${offer.instance}): ${p}`));
  const seen = new Set<string>();
  file.offers.forEach((offer, i) => {
    const key = `${offer.provider}|${offer.instance}|${offer.gpu}|${offer.region ?? ''}`;
    if (seen.has(key)) problems.push(`offers.${i}: duplicate offer ${offer.provider} ${offer.instance}${offer.region ? ` in ${offer.region}` : ''}`);
    seen.add(key);
  });
  if (problems.length > 0) throw new GpuOffersError(`invalid GPU offers: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`);
  return file;
}

// What the shapes alone cannot say.
function offerProblems(offer: GpuOffer, fileAsOf: string, gpuIds: ReadonlySet<string> | undefined): string[] {
  const problems: string[] = [];
  if (gpuIds && !gpuIds.has(offer.gpu)) problems.push(`gpu: "${offer.gpu}" is not a GPU of gpus.json`);
  const { onDemandUsdPerGpuHour: onDemand, reservedOneYearUsdPerGpuHour: reserved, spotUsdPerGpuHour: spot } = offer;
  if (onDemand === null && reserved === null && spot === null) problems.push('an offer needs at least one price');
  if (onDemand !== null && reserved !== null && reserved > onDemand) problems.push('the reserved price is above the on-demand price');
  if (onDemand !== null && spot !== null && spot > onDemand) problems.push('the spot price is above the on-demand price');
  if (offer.asOf > fileAsOf) problems.push(`asOf: ${offer.asOf} is after the file's ${fileAsOf}`);
  if (offer.reservedOneYearAsOf !== undefined) {
    if (reserved === null) problems.push('reservedOneYearAsOf dates a one-year price the offer does not have');
    if (offer.reservedOneYearAsOf > offer.asOf) problems.push(`reservedOneYearAsOf: ${offer.reservedOneYearAsOf} is after the offer's ${offer.asOf}`);
  }
  return problems;
}

/** The offers of one GPU, in the file's order. */
export function offersFor(offers: readonly GpuOffer[], gpu: string): GpuOffer[] {
  return offers.filter((o) => o.gpu === gpu);
}
