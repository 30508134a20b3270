/**
 * `llmCostLens.pricing.source`: where refreshed prices come from ("bundled": nowhere, no
 * network). Apart from the refresh itself, so that reading the setting does not load it.
 */
export const PRICE_SOURCE_IDS = ['bundled', 'litellm', 'genai-prices', 'openrouter', 'url'] as const;
export type PriceSourceId = (typeof PRICE_SOURCE_IDS)[number];
export type RemoteSourceId = Exclude<PriceSourceId, 'bundled'>;
