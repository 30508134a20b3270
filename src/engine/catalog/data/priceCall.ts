/**
 * The arithmetic of one month of calls against a price-table entry: dated prices, the
 * long-context tier, a service tier, the batch API, cache reads and writes, reasoning tokens.
 * Every path that prices an API call goes through `priceCall` (via pricing/apiCall.ts), so a
 * figure on any surface is this one.
 */
import { formatListedUsd, formatNumber } from '../../pricing/cost';
import type { CacheWriteTtl, ServiceTier } from './billingOptions';
import { inputOnly, type PriceTableEntry, type PriceTier } from './priceTable';
import { scheduledPrices } from './schedule';

export { CACHE_WRITE_TTLS, type CacheWriteTtl } from './billingOptions';

/** One month of calls, in millions of tokens. */
export interface CallVolume {
  /** Every input token, cached or not. */
  inputTokensM: number;
  /** Visible output tokens; ignored for embeddings. */
  outputTokensM: number;
  /**
   * Reasoning ("thinking") tokens on top of outputTokensM. Hosts bill them as output, at the
   * output price unless the entry gives a reasoning price.
   */
  reasoningTokensM?: number;
  /** Share of input tokens read from the prompt cache, 0–1. */
  cachedInputShare?: number;
  /** Share of input tokens written to the prompt cache, 0–1. */
  cacheWriteShare?: number;
  /** How long the cache writes keep the prompt: "5m" (the default) or "1h". */
  cacheWriteTtl?: CacheWriteTtl;
  /** Send the calls through the host's batch API. */
  batch?: boolean;
  /** The service tier the calls ask for: "standard" (the default), "flex" or "priority". */
  serviceTier?: ServiceTier;
  /** Average prompt length in tokens: decides the long-context tier. */
  promptTokens?: number;
  /** The month being priced ("YYYY-MM"): picks dated prices; the table's own without it. */
  month?: string;
}

export interface PriceStep {
  label: string;
  /** The arithmetic with its values, e.g. "70M × $2.50/M". */
  formula: string;
  /** USD a month. */
  value: number;
}

export type MissingPrice = 'batch' | 'cache-read' | 'cache-write' | 'cache-write-1h' | 'flex' | 'priority';

export interface CallPrice {
  monthlyUsd: number;
  /** One line per billed part; they add up to monthlyUsd. */
  steps: PriceStep[];
  /** What was applied or unavailable, in words (batch, tier, cache, embedding). */
  notes: string[];
  /** Whether batch prices were used. */
  batch: boolean;
  /** Prices the call asked for that the source lacks, billed at the standard rate instead: said, never silent. */
  missing: MissingPrice[];
  /** The long-context tier applied, if any. */
  tier?: PriceTier;
}

/** The prices a call is billed at before cache reads and writes pick theirs. */
interface Rates {
  input: number;
  output: number;
  reasoning: number;
  cacheRead: number | undefined;
  cacheWrite: number | undefined;
}

/**
 * The monthly price of the calls on one entry, with the arithmetic as data.
 * The tier is picked from the average prompt: a month that mixes short and very long prompts
 * bills its long ones higher than this says.
 */
export function priceCall(listedEntry: PriceTableEntry, volume: CallVolume): CallPrice {
  const { entry, notes: dated } = scheduledPrices(listedEntry, volume.month);
  const cached = share(volume.cachedInputShare, 'cachedInputShare');
  const written = share(volume.cacheWriteShare, 'cacheWriteShare');
  if (cached + written > 1) throw new RangeError('cachedInputShare + cacheWriteShare must be at most 1');
  const serviceTier = volume.serviceTier ?? 'standard';
  // A batch call is billed at the batch prices: hosts offer no service tier for it.
  if (volume.batch && serviceTier !== 'standard') throw new RangeError('batch calls have no service tier: use one or the other');
  const inputM = amount(volume.inputTokensM, 'inputTokensM');
  const embedding = inputOnly(entry.mode);
  const outputM = embedding ? 0 : amount(volume.outputTokensM, 'outputTokensM');
  const reasoningM = embedding ? 0 : amount(volume.reasoningTokensM ?? 0, 'reasoningTokensM');
  const notes: string[] = [...dated];
  const missing: MissingPrice[] = [];

  const promptTokens = volume.promptTokens === undefined ? undefined : amount(volume.promptTokens, 'promptTokens');
  const tier = promptTokens === undefined ? undefined : entry.tiers?.filter((t) => promptTokens > t.aboveTokens).at(-1);
  if (tier) {
    notes.push(`long-context tier: an average prompt of ${formatNumber(promptTokens!)} tokens is above ${formatNumber(tier.aboveTokens)}, so the whole call is billed at the tier's prices`);
  }
  const outList = tier?.outputPerMillionUsd ?? entry.outputPerMillionUsd ?? 0;
  const rates: Rates = {
    input: tier?.inputPerMillionUsd ?? entry.inputPerMillionUsd,
    output: outList,
    reasoning: (tier ? tier.reasoningPerMillionUsd : entry.reasoningPerMillionUsd) ?? outList,
    cacheRead: tier?.cacheReadPerMillionUsd ?? entry.cacheReadPerMillionUsd,
    cacheWrite: tier?.cacheWritePerMillionUsd ?? entry.cacheWritePerMillionUsd,
  };
  if (serviceTier !== 'standard') applyServiceTier(entry, tier, serviceTier, rates, notes, missing);
  if (written > 0 && volume.cacheWriteTtl === '1h') applyHourCache(entry, tier, rates, notes, missing);

  let batch = false;
  if (volume.batch) {
    if (entry.batchInputPerMillionUsd === undefined || (!embedding && entry.batchOutputPerMillionUsd === undefined)) {
      notes.push(`batch unavailable: ${entry.key} has no batch price in the source, so standard prices are used`);
      missing.push('batch');
    } else {
      batch = true;
      const { inRatio, outRatio } = ratiosTo(entry, entry.batchInputPerMillionUsd, entry.batchOutputPerMillionUsd);
      if (tier) {
        // The source gives batch prices for short prompts only; the hosts that have both
        // (OpenAI, Google, Anthropic) discount long prompts by the same factor.
        rates.input *= inRatio;
        rates.output *= outRatio;
        notes.push(`batch: the tier's prices × the batch discount of short prompts (input × ${formatNumber(inRatio)}, output × ${formatNumber(outRatio)})`);
      } else {
        rates.input = entry.batchInputPerMillionUsd;
        rates.output = entry.batchOutputPerMillionUsd ?? 0;
        notes.push(embedding ? 'batch: the batch input price' : 'batch: the batch prices for input and output');
      }
      rates.reasoning = (tier ? tier.reasoningPerMillionUsd : entry.reasoningPerMillionUsd) === undefined ? rates.output : rates.reasoning * outRatio;
      if (cached > 0 || written > 0) notes.push('batch: the source gives no batch cache prices, so cache reads and writes keep their listed prices');
    }
  }
  if (entry.retired) notes.push(`retired${entry.retiredOn ? ` on ${entry.retiredOn}` : ''}: the last known price`);

  const steps: PriceStep[] = [];
  const step = (label: string, tokensM: number, price: number, shareNote = '') =>
    steps.push({ label, formula: `${formatNumber(tokensM)}M${shareNote} × ${usdPerMillion(price)}`, value: tokensM * price });

  // A share of the input billed apart (read from the cache, written to it) at its own price, else as input and said.
  const apart = (share: number, price: number | undefined, kind: 'cache-read' | 'cache-write', what: string): number => {
    if (share > 0 && price === undefined) {
      notes.push(`no ${kind} price for ${entry.key}: ${what} billed as input`);
      missing.push(kind);
    }
    return share > 0 && price !== undefined ? price : rates.input;
  };
  const readPrice = apart(cached, rates.cacheRead, 'cache-read', 'cached input is');
  const writePrice = apart(written, rates.cacheWrite, 'cache-write', 'cache writes are');
  const plainShare = 1 - cached - written;
  step(cached > 0 || written > 0 ? 'uncached input' : 'input', inputM * plainShare, rates.input, cached > 0 || written > 0 ? ` (${formatNumber(plainShare)} of ${formatNumber(inputM)}M)` : '');
  if (cached > 0) step('cached input reads', inputM * cached, readPrice, ` (${formatNumber(cached)} of ${formatNumber(inputM)}M)`);
  if (written > 0) step(volume.cacheWriteTtl === '1h' ? 'cache writes (1h)' : 'cache writes', inputM * written, writePrice, ` (${formatNumber(written)} of ${formatNumber(inputM)}M)`);
  if (embedding) {
    notes.push(`${entry.mode}: priced on input only`);
  } else {
    step('output', outputM, rates.output);
    if (reasoningM > 0) step('reasoning, billed as output', reasoningM, rates.reasoning);
  }
  const monthlyUsd = steps.reduce((sum, s) => sum + s.value, 0);
  return { monthlyUsd, steps, notes, batch, missing, ...(tier ? { tier } : {}) };
}

/** Other prices of an entry (batch, a service tier) as factors of its standard ones: what a long-prompt tier is scaled by. */
function ratiosTo(entry: PriceTableEntry, input: number, output: number | undefined): { inRatio: number; outRatio: number } {
  return {
    inRatio: entry.inputPerMillionUsd > 0 ? input / entry.inputPerMillionUsd : 1,
    outRatio: entry.outputPerMillionUsd && output !== undefined ? output / entry.outputPerMillionUsd : 1,
  };
}

/**
 * The service tier's prices where the entry has them. The source gives a tier's prices for
 * short prompts; a long-context tier is scaled by the same factors, as batch prices are. Where
 * the entry has no price for the tier, the standard prices stay and the call says so.
 */
function applyServiceTier(entry: PriceTableEntry, tier: PriceTier | undefined, name: Exclude<ServiceTier, 'standard'>, rates: Rates, notes: string[], missing: MissingPrice[]): void {
  const prices = entry[name];
  if (!prices) {
    notes.push(`no ${name} price for ${entry.key} in the source: standard prices are used`);
    missing.push(name);
    return;
  }
  const { inRatio, outRatio } = ratiosTo(entry, prices.inputPerMillionUsd, prices.outputPerMillionUsd);
  if (tier) {
    rates.input *= inRatio;
    rates.output *= outRatio;
    rates.reasoning *= outRatio;
    if (rates.cacheRead !== undefined) rates.cacheRead *= inRatio;
    if (rates.cacheWrite !== undefined) rates.cacheWrite *= inRatio;
    notes.push(`${name}: the tier's prices × the ${name} factor of short prompts (input × ${formatNumber(inRatio)}, output × ${formatNumber(outRatio)})`);
    return;
  }
  rates.input = prices.inputPerMillionUsd;
  rates.output = prices.outputPerMillionUsd ?? 0;
  rates.reasoning = entry.reasoningPerMillionUsd === undefined ? rates.output : rates.reasoning * outRatio;
  // A cache price the tier does not list moves with its input price: a read is a share of an input token's price.
  const keeps: string[] = [];
  if (prices.cacheReadPerMillionUsd !== undefined) rates.cacheRead = prices.cacheReadPerMillionUsd;
  else if (rates.cacheRead !== undefined) keeps.push('cache reads');
  if (prices.cacheWritePerMillionUsd !== undefined) rates.cacheWrite = prices.cacheWritePerMillionUsd;
  else if (rates.cacheWrite !== undefined) keeps.push('cache writes');
  notes.push(`${name}: the ${name} prices for input and output${keeps.length ? `; ${keeps.join(' and ')} keep the standard price (the source gives no ${name} one)` : ''}`);
}

/** A one-hour cache write at its own price; without one, the 5-minute price, said. */
function applyHourCache(entry: PriceTableEntry, tier: PriceTier | undefined, rates: Rates, notes: string[], missing: MissingPrice[]): void {
  const hour = entry.cacheWrite1hPerMillionUsd;
  if (rates.cacheWrite === undefined) return; // no cache-write price at all: priceCall says so
  if (hour === undefined) {
    notes.push(`no 1-hour cache-write price for ${entry.key} in the source: the 5-minute price is used`);
    missing.push('cache-write-1h');
    return;
  }
  const five = entry.cacheWritePerMillionUsd;
  if (tier && five) {
    // The source gives the 1-hour price for short prompts; Anthropic's long-prompt tier keeps the same ratio.
    const ratio = hour / five;
    rates.cacheWrite *= ratio;
    notes.push(`1-hour cache writes: the tier's cache-write price × ${formatNumber(ratio)}, the 1-hour factor of short prompts`);
    return;
  }
  rates.cacheWrite = hour;
  notes.push('1-hour cache writes: the 1-hour cache-write price');
}

/** A price as listed: "$2.50/M", "$1.375/M", "$0.028/M" (formatUsd would round the last two to cents). */
function usdPerMillion(price: number): string {
  const shown = formatListedUsd(price, 6);
  return `${/\.\d$/.test(shown) ? `${shown}0` : shown}/M`;
}

function amount(n: number, name: string): number {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be a finite number ≥ 0`);
  return n;
}

function share(n: number | undefined, name: string): number {
  if (n === undefined) return 0;
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new RangeError(`${name} must be from 0 to 1`);
  return n;
}
