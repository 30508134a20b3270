/**
 * How a price's origin and date are said: the data's own date as the date of the prices;
 * a server's Last-Modified, a file's modification time or a download time as what they are,
 * never as the date of the prices. And when prices are old enough to be called stale: that is
 * data here (`pricing.stale`, the JSON's and the CSV's field) and words only in the editor's
 * status bar and model hover, so the CLI's lines, the panel and the exports give the date alone.
 * Plain text in English for the CLI, the panel and the exports; the editor says the same
 * through its own localized strings.
 */
import type { Catalog } from '../catalog';
import type { AsOfKind, PricingProvenance, Provenance } from '../catalog/types';

export const DEFAULT_STALE_AFTER_DAYS = 90;
const DAY_MS = 86_400_000;

/** The ISO date `days` before `nowMs`: prices dated before it are stale. */
export function staleBefore(nowMs: number, days: number): string {
  return new Date(nowMs - Math.max(0, days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a date (YYYY-MM-DD) is before the stale line; never without a line. */
export function isStaleDate(asOf: string, before: string | undefined): boolean {
  return before !== undefined && asOf < before;
}

/** The catalog with its pricing marked stale or not against `nowMs` and the age in days. */
export function withStaleness(cat: Catalog, nowMs: number, days: number = DEFAULT_STALE_AFTER_DAYS): Catalog {
  const before = staleBefore(nowMs, days);
  const pricing: PricingProvenance = { ...cat.pricing, stale: isStaleDate(cat.pricing.asOf, before), staleBefore: before, staleAfterDays: days };
  return { ...cat, pricing };
}

/** The catalog's prices are the bundled ones because the source asked for failed, and why. */
export function withFallback(cat: Catalog, reason: string): Catalog {
  return { ...cat, pricing: { ...cat.pricing, fallbackReason: reason } };
}

/** "2026-07-24", "last modified 2026-11-02", "file modified 2026-11-02", "fetched 2026-12-01". */
export function asOfText(p: Pick<Provenance, 'asOf' | 'asOfKind'>): string {
  const words: Record<AsOfKind, string> = { data: '', 'last-modified': 'last modified ', 'file-modified': 'file modified ', fetched: 'fetched ' };
  return `${words[p.asOfKind ?? 'data']}${p.asOf}`;
}

/** "LiteLLM model_prices_and_context_window.json, 2026-07-24": the source and its date, never "stale". */
export function provenanceText(p: Provenance): string {
  return `${p.source}, ${asOfText(p)}`;
}

/**
 * The prices of an analysis in one line: source, what the date is, and why a price source
 * that was asked for is not in use. Whether they are stale is not said here (see above).
 */
export function pricingText(p: PricingProvenance): string {
  let text = `${p.source}, ${asOfText(p)}`;
  if (p.fetchedAt && p.asOfKind !== 'fetched') text += `, fetched ${p.fetchedAt.slice(0, 10)}`;
  if (p.fallbackReason) text += `; the bundled prices, because ${p.fallbackReason}`;
  return text;
}

/** The article the curated figures come from, as the catalog writes its source. */
export const ARTICLE_SOURCE = 'the article “Open vs Closed Models in 2026”';
/** The article by its title and what it is: its first mention on a surface. */
export const ARTICLE_NAMED =
  '“Open vs Closed Models in 2026”, a 2026 blog post comparing open-weight and closed LLMs (Llama, DeepSeek and Qwen against GPT-4o, Claude and Gemini) on benchmarks, API prices and self-hosting cost';

/**
 * A namer for one surface (a hover, a page, a report): the first mention of the article
 * names it by its title and what it is, every later one says "the article". Texts are given
 * in the order they are shown.
 */
export function articleNamer(): (text: string) => string {
  let named = false;
  return (text) => {
    const parts = text.split(ARTICLE_SOURCE);
    let out = parts[0]!;
    for (const part of parts.slice(1)) {
      out += (named ? 'the article' : ARTICLE_NAMED) + part;
      named = true;
    }
    return out;
  };
}
