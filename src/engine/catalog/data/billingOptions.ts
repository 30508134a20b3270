/**
 * The ways of being billed a call asks for beyond its tokens, as plain lists: the config
 * schema, the price table and the CLI read them without importing each other.
 */

/** The service tiers a host may bill apart from its standard one (OpenAI's flex and priority processing). */
export const SERVICE_TIERS = ['standard', 'flex', 'priority'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/** How long a cache write keeps the prompt: Anthropic sells 5 minutes (its default) and an hour. */
export const CACHE_WRITE_TTLS = ['5m', '1h'] as const;
export type CacheWriteTtl = (typeof CACHE_WRITE_TTLS)[number];

/** A month as the analysis prices it: "2027-01". */
export const MONTH_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])$/;

/** The UTC month of a day, "2026-12": the month a surface prices by default (the engine reads no clock; the caller passes the day). */
export function monthOf(day: Date): string {
  return day.toISOString().slice(0, 7);
}
