/**
 * "Did you mean": the closest known name to one a config misspells.
 */
import type { Catalog } from './catalog';
import { normalize } from './lookup';

/**
 * Levenshtein distance over lower-cased strings; past `max` it stops and returns max + 1, as
 * no later row can come back under it.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous: number[] = [];
  let current: number[] = [];
  for (let j = 0; j <= t.length; j++) previous.push(j);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1));
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[t.length]!;
}

/**
 * The closest candidate, if it is close enough to be a typo: at most a third of the
 * longer string's length in edits, and never more than 3.
 */
interface Suggestion {
  id: string;
  /** The digits of the name in order: sizes and versions ("llama-3.1-8b" → "318"). */
  digits: string;
  selfHostable: boolean;
  /** A key of the price table, not a card's or an open model's id. */
  priceKey: boolean;
}

const suggestionLists = new WeakMap<Catalog, Suggestion[]>();

function digitsOf(name: string): string {
  let digits = '';
  for (const ch of name) if (ch >= '0' && ch <= '9') digits += ch;
  return digits;
}

/**
 * "Did you mean" for a model name, from the whole catalog (curated cards, open models, every
 * priced key), and only among names of the same sizes and versions: "llama-3.1-8b" is never
 * "llama-3.1-70b", and "gpt-4oo" is "gpt-4o". Where a setup is written, only models whose
 * weights can be self-hosted.
 */
export function suggestModel(written: string, cat: Catalog, selfHosted: boolean): string | undefined {
  let list = suggestionLists.get(cat);
  if (!list) {
    const seen = new Set<string>();
    list = [];
    const add = (id: string, selfHostable: boolean, priceKey = false) => {
      if (seen.has(id)) return;
      seen.add(id);
      list!.push({ id, digits: digitsOf(id), selfHostable, priceKey });
    };
    for (const m of cat.models) add(m.id, m.access !== 'api-only');
    for (const m of cat.openModels ?? []) add(m.id, true);
    for (const e of cat.prices?.entries ?? []) if (!e.retired) add(e.key, false, true);
    suggestionLists.set(cat, list);
  }
  const digits = digitsOf(written);
  const fits = list.filter((s) => s.digits === digits && (!selfHosted || s.selfHostable));
  // The catalog's own models first, then the price table's keys: a key can be a price source's
  // label rather than a name an API takes ("claude-3-5-sonnet" is genai-prices' label for the
  // dated Claude 3.5 Sonnet ids), and the card is the name the catalog documents.
  const named = fits.filter((s) => !s.priceKey).map((s) => s.id);
  return didYouMean(written, named) ?? didYouMean(written, fits.filter((s) => s.priceKey).map((s) => s.id));
}

export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const written = normalize(input);
  if (!written) return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const threshold = Math.min(3, Math.max(1, Math.floor(Math.max(written.length, candidate.length) / 3)));
    // Lengths that differ by more than the threshold cannot be within it: skip the quadratic
    // distance, which a hostile 100 KB model name would otherwise make slow.
    if (Math.abs(written.length - candidate.length) > threshold) continue;
    const distance = editDistance(written, normalize(candidate), threshold);
    if (distance <= threshold && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
