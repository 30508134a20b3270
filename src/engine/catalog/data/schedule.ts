/**
 * Prices that depend on the date or the hour: an introductory rate that ends, a dated price
 * change, peak hours billed higher. `scheduledPrices` turns an entry into the prices of one
 * month of calls, with what it did in words. Pure: the caller names the month.
 */
import { formatListedUsd, formatNumber } from '../../pricing/cost';
/** Prices an entry moves to on a date (an introductory rate that ends, a dated price change). */
export interface PriceChange {
  /** ISO date from which these prices apply. */
  from: string;
  inputPerMillionUsd: number;
  /** Absent for input-only entries. */
  outputPerMillionUsd?: number;
  cacheReadPerMillionUsd?: number;
  cacheWritePerMillionUsd?: number;
}

/** Hours of the UTC day billed at other prices than the entry's own (DeepSeek's peak hours). */
export interface PeakHours {
  /** "HH:MM-HH:MM" windows in UTC, start inclusive, end exclusive. */
  windowsUtc: string[];
  inputPerMillionUsd: number;
  outputPerMillionUsd?: number;
  cacheReadPerMillionUsd?: number;
  cacheWritePerMillionUsd?: number;
}

/**
 * Prices for calls whose prompt is longer than `aboveTokens` (Gemini and Claude above 200K,
 * GPT-5.4 above 272K, …): the whole call, output included, is billed at these prices.
 * A cache price the source does not give for the tier stays the entry's own; reasoning
 * without a tier price of its own is billed at the tier's output price.
 */
/** What of a price-table entry a schedule reads and writes. */
interface Schedulable {
  inputPerMillionUsd: number;
  outputPerMillionUsd?: number;
  cacheReadPerMillionUsd?: number;
  cacheWritePerMillionUsd?: number;
  cacheWrite1hPerMillionUsd?: number;
  flex?: unknown;
  priority?: unknown;
  pricedFrom?: string;
  priceChanges?: PriceChange[];
  peakHours?: PeakHours;
}

const MINUTES_A_DAY = 24 * 60;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** The share of the UTC day inside the windows ("01:00-04:00" → 3/24); overlaps count once. */
export function peakShare(peak: PeakHours): number {
  const covered = new Uint8Array(MINUTES_A_DAY);
  for (const w of peak.windowsUtc) {
    const [start, end] = w.split('-').map(minutes) as [number, number];
    // A window that ends before it starts runs over midnight.
    if (end > start) covered.fill(1, start, end);
    else {
      covered.fill(1, start, MINUTES_A_DAY);
      covered.fill(1, 0, end);
    }
  }
  return covered.reduce((a, b) => a + b, 0) / MINUTES_A_DAY;
}

/** "$1.50", "$0.075": cents kept, as prices are listed. */
function usd(n: number): string {
  const shown = formatListedUsd(n, 6);
  return /\.\d$/.test(shown) ? `${shown}0` : shown;
}

function listed(p: { inputPerMillionUsd: number; outputPerMillionUsd?: number }): string {
  const out = p.outputPerMillionUsd === undefined ? '' : `, ${usd(p.outputPerMillionUsd)}/M output`;
  return `${usd(p.inputPerMillionUsd)}/M input${out}`;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function applied<E extends Schedulable>(entry: E, change: PriceChange): E {
  const next: E = { ...entry, inputPerMillionUsd: change.inputPerMillionUsd, pricedFrom: change.from };
  if (change.outputPerMillionUsd !== undefined) next.outputPerMillionUsd = change.outputPerMillionUsd;
  if (change.cacheReadPerMillionUsd !== undefined) next.cacheReadPerMillionUsd = change.cacheReadPerMillionUsd;
  else delete next.cacheReadPerMillionUsd;
  if (change.cacheWritePerMillionUsd !== undefined) next.cacheWritePerMillionUsd = change.cacheWritePerMillionUsd;
  else delete next.cacheWritePerMillionUsd;
  // Service-tier and 1-hour cache prices belong to the prices a change replaces: the source dates none of them.
  delete next.cacheWrite1hPerMillionUsd;
  delete next.flex;
  delete next.priority;
  return next;
}

function blend(own: number | undefined, peak: number | undefined, share: number): number | undefined {
  if (own === undefined) return undefined;
  return peak === undefined ? own : Number((own * (1 - share) + peak * share).toPrecision(12));
}

export interface Scheduled<E> {
  /** The entry with the prices the month is billed at; without schedule fields. */
  entry: E;
  notes: string[];
}

/**
 * The prices of a month of calls (`month` "YYYY-MM"): the entry's own prices, or the last
 * change in effect on the month's first day; without a month, the entry's own prices (those
 * of the table's date). Peak hours are blended in as if the calls were spread evenly over
 * the UTC day, and the notes say so: a month of calls cannot follow the clock. With a month,
 * the first note names it.
 */
export function scheduledPrices<E extends Schedulable>(entry: E, month?: string): Scheduled<E> {
  if (!entry.priceChanges && !entry.peakHours) return { entry, notes: [] };
  const notes: string[] = [];
  let current: E = { ...entry };
  delete current.priceChanges;
  delete current.peakHours;
  const first = month === undefined ? undefined : `${month}-01`;
  for (const change of entry.priceChanges ?? []) {
    if (first !== undefined && change.from <= first) {
      current = applied(current, change);
      notes.push(`priced at the prices in effect from ${change.from}: ${listed(change)}`);
    } else if (month !== undefined && change.from.startsWith(month)) {
      notes.push(`the prices change on ${change.from} to ${listed(change)}: this month is priced at those of its first day`);
    } else {
      notes.push(`the prices hold until ${dayBefore(change.from)}; from ${change.from}: ${listed(change)}`);
    }
  }
  const peak = entry.peakHours;
  if (peak) {
    const share = peakShare(peak);
    const own = current;
    current = { ...own, inputPerMillionUsd: blend(own.inputPerMillionUsd, peak.inputPerMillionUsd, share)! };
    const out = blend(own.outputPerMillionUsd, peak.outputPerMillionUsd, share);
    if (out !== undefined) current.outputPerMillionUsd = out;
    const read = blend(own.cacheReadPerMillionUsd, peak.cacheReadPerMillionUsd, share);
    if (read !== undefined) current.cacheReadPerMillionUsd = read;
    const write = blend(own.cacheWritePerMillionUsd, peak.cacheWritePerMillionUsd, share);
    if (write !== undefined) current.cacheWritePerMillionUsd = write;
    notes.push(
      `peak hours ${peak.windowsUtc.join(', ')} UTC are billed at ${listed(peak)}: with calls spread evenly over the day, ${formatNumber(Math.round(share * 1000) / 10)}% of them at peak prices, the rest at ${listed(own)}`,
    );
  }
  // The month is said first: a figure that depends on it names it.
  return { entry: current, notes: month !== undefined && notes.length > 0 ? [`priced for ${month}`, ...notes] : notes };
}
