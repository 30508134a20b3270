/**
 * The price of a million tokens through an API: one function for every path that prices an
 * API (a workload, its declared API alternatives, Recommend, the panel), with the workload's
 * billing (cache reads, batch calls, a long-context tier, reasoning tokens) by the price
 * table's own arithmetic (priceCall), and an embedding model's tokens all billed as input.
 */
import type { ApiPrice } from '../catalog/types';
import { inputOnly } from '../catalog/data/priceTable';
import { type CallVolume, priceCall, type MissingPrice } from '../catalog/data/priceCall';
import { blendedPricePerMillion } from './cost';
import { formulaStep, step, usd, type Explanation } from '../present/explanation';
import { provenanceText } from '../present/provenance';
import { scheduledPrices } from '../catalog/data/schedule';

/**
 * How a workload's calls are billed beyond the input share: cache reads and writes, the batch
 * API or a service tier, the long-context tier its prompts reach, the share of its tokens that
 * are reasoning, and the month priced.
 */
export interface ApiBilling extends Pick<CallVolume, 'cachedInputShare' | 'cacheWriteShare' | 'cacheWriteTtl' | 'batch' | 'serviceTier' | 'promptTokens' | 'month'> {
  /** Reasoning tokens as a share of all the workload's tokens: billed as output, at a reasoning price where the host has one. */
  reasoningShare?: number;
}

/** A workload's billing with the input share its tokens split at: what any API is priced for it with. */
export interface WorkloadBilling extends ApiBilling {
  inputShare: number;
}

export interface PriceUsed {
  value: number;
  steps: Explanation;
  /** Prices the workload's billing asks for that the source lacks: the standard rate is billed instead, and a finding says so. */
  missing?: MissingPrice[];
}

const priceStep = step('price');

/**
 * An API's list prices in a month: a dated entry's prices in effect then (scheduledPrices),
 * with what the dates did in words; an undated price as it is, with no notes. What a card,
 * a hover or a list of models shows beside the figures the analysis bills for that month.
 */
export function listPricesIn(price: ApiPrice, month: string | undefined): { inputPerMillionUsd: number; outputPerMillionUsd: number; notes: string[] } {
  const dated = price.entry ? scheduledPrices(price.entry, month) : undefined;
  if (!dated?.notes.length) return { inputPerMillionUsd: price.inputPerMillionUsd, outputPerMillionUsd: price.outputPerMillionUsd, notes: [] };
  return { inputPerMillionUsd: dated.entry.inputPerMillionUsd, outputPerMillionUsd: dated.entry.outputPerMillionUsd ?? 0, notes: dated.notes };
}

/** Whether a price's table entry bills these calls otherwise than its input and output prices. */
export function billsBeyondListPrices(price: ApiPrice, billing: ApiBilling): boolean {
  if ((billing.cachedInputShare ?? 0) > 0 || (billing.cacheWriteShare ?? 0) > 0 || billing.batch) return true;
  if (billing.serviceTier !== undefined && billing.serviceTier !== 'standard') return true;
  const entry = price.entry;
  if (!entry) return false;
  // Dated prices and peak hours are priced, and said, by the table's arithmetic.
  if (entry.priceChanges !== undefined || entry.peakHours !== undefined) return true;
  const prompt = billing.promptTokens;
  if (prompt !== undefined && entry.tiers?.some((t) => prompt > t.aboveTokens)) return true;
  return (billing.reasoningShare ?? 0) > 0 && entry.reasoningPerMillionUsd !== undefined && entry.reasoningPerMillionUsd !== entry.outputPerMillionUsd;
}

/** USD per million tokens at this input share and billing, with its steps. */
export function apiCallPrice(price: ApiPrice, inputShare: number, billing: ApiBilling = {}): PriceUsed {
  return billsBeyondListPrices(price, billing) ? billedPrice(price, inputShare, billing) : listPrice(price, inputShare);
}

/**
 * The price of a million tokens with cache reads, batch calls, a long-context tier or a
 * reasoning price, by the price table's own arithmetic (priceCall): the same figure the
 * table's tests pin. A price without an entry (the curated cards' list prices, a declared
 * model) has no cache or batch prices to apply.
 */
function billedPrice(price: ApiPrice, inputShare: number, billing: ApiBilling): PriceUsed {
  const base = listPrice(price, inputShare);
  const entry = price.entry;
  if (!entry) {
    const tier = billing.serviceTier !== undefined && billing.serviceTier !== 'standard' ? [billing.serviceTier] : [];
    const missing: MissingPrice[] = [
      ...(billing.batch ? (['batch'] as const) : []),
      ...tier,
      ...((billing.cachedInputShare ?? 0) > 0 ? (['cache-read'] as const) : []),
      ...((billing.cacheWriteShare ?? 0) > 0 ? (['cache-write'] as const) : []),
    ];
    return { value: base.value, steps: [...base.steps, priceStep`no cache, batch or service-tier prices for this model in the catalog: list prices apply`], ...(missing.length ? { missing } : {}) };
  }
  const reasoning = Math.min(billing.reasoningShare ?? 0, 1 - inputShare);
  const call = priceCall(entry, {
    inputTokensM: inputShare,
    outputTokensM: 1 - inputShare - reasoning,
    reasoningTokensM: reasoning,
    cachedInputShare: billing.cachedInputShare,
    ...(billing.cacheWriteShare !== undefined ? { cacheWriteShare: billing.cacheWriteShare } : {}),
    ...(billing.cacheWriteTtl !== undefined ? { cacheWriteTtl: billing.cacheWriteTtl } : {}),
    ...(billing.serviceTier !== undefined ? { serviceTier: billing.serviceTier } : {}),
    batch: billing.batch === true,
    promptTokens: billing.promptTokens,
    ...(billing.month !== undefined ? { month: billing.month } : {}),
  });
  return {
    value: call.monthlyUsd,
    ...(call.missing.length ? { missing: call.missing } : {}),
    steps: [priceStep`price = ${usd(call.monthlyUsd)}/M = ${call.steps.map((s) => `${s.label} ${s.formula}`).join(' + ')}${call.notes.length ? ` (${call.notes.join('; ')})` : ''} — the ${entry.host} prices of "${entry.key}" in the price table (${provenanceText(price)})`],
  };
}

/** The list prices blended at the input share; an embedding model reads every token and writes none. */
function listPrice(price: ApiPrice, inputShare: number): PriceUsed {
  if (price.entry && inputOnly(price.entry.mode)) {
    const perM = price.inputPerMillionUsd;
    return { value: perM, steps: [priceStep`price = ${usd(perM)}/M: an embedding model bills every token as input — ${provenanceText(price)}`] };
  }
  const b = blendedPricePerMillion(price.inputPerMillionUsd, price.outputPerMillionUsd, inputShare);
  return { value: b.value, steps: [formulaStep('price', 'price', b, provenanceText(price))] };
}
