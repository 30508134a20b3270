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
    offer,
    // The bundled file: dated, described, not empty.
    file: z.strictObject({ asOf: date, note: text, offers: z.array(z.unknown()).check(z.minLength(1)) }),
    // A source in the same format: its own date and note may be left out, its rows are checked one by one.
    source: z.object({ asOf: z.optional(date), note: z.optional(z.string()), offers: z.array(z.unknown()) }),
  };
}

export class GpuOffersError extends Error {}

/** Where a file's shape is wrong, at most five places: "offers.0.gpusPerInstance: …; …". */
function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ''): string[] {
  return issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(file)'}: ${i.message}`);
}

function firstFive(problems: readonly string[]): string {
  return `${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`;
}

/** A row of an offers source that is not used, and where it is wrong. */
export interface RejectedOffer {
  /** Its place in the source's offers. */
  index: number;
  /** Each with its path: "offers.3.onDemandUsdPerGpuHour: …", "offers.3 (Lambda 1x H100): the spot price is above …". */
  problems: string[];
}

/** An offers source checked row by row: the rows that can be used, and the others with why. */
export interface OfferRows {
  /** The source's own date, where it gives one. */
  asOf?: string;
  offers: GpuOffer[];
  rejected: RejectedOffer[];
}

export interface OfferRowRules {
  /** The GPU ids an offer may name (the ids of gpus.json). */
  gpuIds?: ReadonlySet<string>;
  /** Today (YYYY-MM-DD): an offer dated after it is wrong. */
  today?: string;
}

/**
 * An offers source in the bundled file's format, checked one row at a time: a row of the wrong
 * shape, with an impossible price or date, of a GPU gpus.json does not know, or naming an offer
 * a row before it named already, is left out with where it is wrong; the other rows are kept.
 * Throws GpuOffersError only when the document is not an offers file at all.
 */
export function checkOfferRows(json: unknown, rules: OfferRowRules = {}): OfferRows {
  const doc = (schemas ??= makeSchemas()).source.safeParse(json);
  if (!doc.success) throw new GpuOffersError(`not GPU offers (expected {"asOf", "note", "offers": [...]}): ${firstFive(issuesText(doc.error.issues))}`);
  return rowsOf(doc.data.offers, doc.data.asOf, rules);
}

function rowsOf(rows: readonly unknown[], fileAsOf: string | undefined, rules: OfferRowRules): OfferRows {
  const offer = (schemas ??= makeSchemas()).offer;
  const offers: GpuOffer[] = [];
  const rejected: RejectedOffer[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const at = `offers.${index}`;
    const parsed = offer.safeParse(row);
    if (!parsed.success) return void rejected.push({ index, problems: issuesText(parsed.error.issues, at) });
    const o = parsed.data as GpuOffer;
    const problems = offerProblems(o, fileAsOf, rules).map((p) => `${at} (${o.provider} ${o.instance}): ${p}`);
    const key = `${o.provider}|${o.instance}|${o.gpu}|${o.region ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${at}: duplicate offer ${o.provider} ${o.instance}${o.region ? ` in ${o.region}` : ''} (offers.${first} is the same offer)`);
    if (problems.length) return void rejected.push({ index, problems });
    seen.set(key, index);
    offers.push(o);
  });
  return { ...(fileAsOf ? { asOf: fileAsOf } : {}), offers, rejected };
}

/**
 * The offers, validated; throws GpuOffersError naming the first problems with their paths.
 * `gpuIds`, when given, is the set of GPU ids an offer may name (the ids of gpus.json).
 */
export function parseGpuOffers(json: unknown, { gpuIds }: { gpuIds?: ReadonlySet<string> } = {}): GpuOffers {
  const parsed = (schemas ??= makeSchemas()).file.safeParse(json);
  if (!parsed.success) throw new GpuOffersError(`invalid GPU offers: ${firstFive(issuesText(parsed.error.issues))}`);
  const rows = rowsOf(parsed.data.offers, parsed.data.asOf, gpuIds ? { gpuIds } : {});
  if (rows.rejected.length > 0) throw new GpuOffersError(`invalid GPU offers: ${firstFive(rows.rejected.flatMap((r) => r.problems))}`);
  return { asOf: parsed.data.asOf, note: parsed.data.note, offers: rows.offers };
}

// What the shapes alone cannot say.
function offerProblems(offer: GpuOffer, fileAsOf: string | undefined, { gpuIds, today }: OfferRowRules): string[] {
  const problems: string[] = [];
  if (gpuIds && !gpuIds.has(offer.gpu)) problems.push(`gpu: "${offer.gpu}" is not a GPU of gpus.json`);
  const { onDemandUsdPerGpuHour: onDemand, reservedOneYearUsdPerGpuHour: reserved, spotUsdPerGpuHour: spot } = offer;
  if (onDemand === null && reserved === null && spot === null) problems.push('an offer needs at least one price');
  if (onDemand !== null && reserved !== null && reserved > onDemand) problems.push('the reserved price is above the on-demand price');
  if (onDemand !== null && spot !== null && spot > onDemand) problems.push('the spot price is above the on-demand price');
  if (fileAsOf !== undefined && offer.asOf > fileAsOf) problems.push(`asOf: ${offer.asOf} is after the file's ${fileAsOf}`);
  if (today !== undefined && offer.asOf > today) problems.push(`asOf: ${offer.asOf} is after today, ${today}`);
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
