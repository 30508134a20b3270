/**
 * LiteLLM's per-token prices as the table's per-million ones, and the prices it gives beside
 * the standard ones: the flex and priority service tiers (OpenAI's) and the 1-hour cache write
 * (Anthropic's). Used by the price build; pure.
 */
import type { ServicePrices } from './priceTable';
import { MAX_PER_MILLION_USD } from './priceTable';

/** Dollars per token to dollars per million, without float noise: 2.5e-6 → 2.5, not 2.4999999999999996. */
export function perMillion(perToken: number): number {
  return Number((perToken * 1e6).toPrecision(10));
}

export type Price = number | undefined | 'invalid';

export function price(value: unknown): Price {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return 'invalid';
  return perMillion(value);
}

export interface SourceExtras {
  cacheWrite1hPerMillionUsd?: number;
  flex?: ServicePrices;
  priority?: ServicePrices;
}

/**
 * A service tier's prices (`input_cost_per_token_flex`, …): only with an input price and, for
 * a model that writes, an output price; a tier with one of the two is not one the call can use.
 */
function serviceTier(value: Record<string, unknown>, suffix: 'flex' | 'priority', embedding: boolean): ServicePrices | undefined | 'invalid' {
  const parts = {
    input: price(value[`input_cost_per_token_${suffix}`]),
    output: embedding ? undefined : price(value[`output_cost_per_token_${suffix}`]),
    cacheRead: price(value[`cache_read_input_token_cost_${suffix}`]),
    cacheWrite: price(value[`cache_creation_input_token_cost_${suffix}`]),
  };
  const all = Object.values(parts);
  if (all.includes('invalid') || all.some((p) => typeof p === 'number' && p > MAX_PER_MILLION_USD)) return 'invalid';
  const { input, output, cacheRead, cacheWrite } = parts as Record<keyof typeof parts, number | undefined>;
  if (input === undefined || (!embedding && output === undefined)) return undefined;
  const prices: ServicePrices = { inputPerMillionUsd: input };
  if (!embedding) prices.outputPerMillionUsd = output;
  if (cacheRead !== undefined) prices.cacheReadPerMillionUsd = cacheRead;
  if (cacheWrite !== undefined) prices.cacheWritePerMillionUsd = cacheWrite;
  return prices;
}

/** The service tiers and the 1-hour cache write an entry of LiteLLM's file prices, or 'invalid'. */
export function sourceExtras(value: Record<string, unknown>, input: number, embedding: boolean): SourceExtras | 'invalid' {
  const extras: SourceExtras = {};
  const hour = price(value.cache_creation_input_token_cost_above_1hr);
  if (hour === 'invalid' || (hour !== undefined && hour > MAX_PER_MILLION_USD)) return 'invalid';
  // As with the 5-minute write: a free write next to a paid input is a placeholder.
  if (hour !== undefined && !(hour === 0 && input > 0)) extras.cacheWrite1hPerMillionUsd = hour;
  for (const suffix of ['flex', 'priority'] as const) {
    const tier = serviceTier(value, suffix, embedding);
    if (tier === 'invalid') return 'invalid';
    if (tier) extras[suffix] = tier;
  }
  return extras;
}
