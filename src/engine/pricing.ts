/**
 * Refreshed prices: a pricing file in LiteLLM's format (model_prices_and_context_window.json)
 * or OpenRouter's model list, overlaid on the bundled catalog. Every price that changes keeps
 * the new file's source and date, so the product always says where a figure comes from.
 * The caller reads the file; nothing here touches the network or the disk.
 */
import * as z from 'zod/mini';
import type { Catalog } from './catalog';
import type { ApiPrice, ModelCard, Provenance } from './catalog/types';
import { isObject } from './config/document';

export interface PriceEntry {
  key: string;
  inputPerMillionUsd: number;
  outputPerMillionUsd: number;
}

export interface PriceList extends Provenance {
  format: 'litellm' | 'openrouter';
  entries: Map<string, PriceEntry>;
  /** Entries that were not usable, with why (first few kept for the message). */
  rejected: { key: string; reason: string }[];
  rejectedCount: number;
}

export interface PriceUpdate {
  model: string;
  key: string;
  before: { inputPerMillionUsd: number; outputPerMillionUsd: number } | null;
  after: { inputPerMillionUsd: number; outputPerMillionUsd: number };
}

/** Per-token prices above $1,000 per million tokens are taken as errors, not prices. */
const MAX_PER_TOKEN = 1e-3;
/** OpenRouter writes prices as decimal strings. */
const PRICE_STRING = /^\d+(\.\d+)?([eE]-?\d+)?$/;
// Built on first use: schemas are function calls, which would keep this module in every
// bundle that imports the engine, used or not.
let schemas: ReturnType<typeof makeSchemas> | undefined;
function makeSchemas() {
  const perToken = z.number().check(z.gte(0), z.lte(MAX_PER_TOKEN));
  const numericString = z.string().check(z.regex(PRICE_STRING));
  return {
    litellmEntry: z.object({ input_cost_per_token: perToken, output_cost_per_token: perToken }),
    openRouterModel: z.object({ id: z.string().check(z.minLength(1)), pricing: z.object({ prompt: numericString, completion: numericString }) }),
  };
}

export class PriceFileError extends Error {}

/** Reads either format; throws PriceFileError when the text is neither. */
export function parsePriceList(text: string, provenance: Provenance): PriceList {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PriceFileError(`not JSON: ${(error as Error).message}`);
  }
  const { litellmEntry, openRouterModel } = (schemas ??= makeSchemas());
  const list: PriceList = { ...provenance, format: 'litellm', entries: new Map(), rejected: [], rejectedCount: 0 };
  const reject = (key: string, reason: string) => {
    list.rejectedCount++;
    if (list.rejected.length < 20) list.rejected.push({ key, reason });
  };
  const add = (key: string, input: number, output: number) =>
    list.entries.set(key.toLowerCase(), { key, inputPerMillionUsd: round(input * 1e6), outputPerMillionUsd: round(output * 1e6) });

  if (isObject(json) && Array.isArray(json.data)) {
    list.format = 'openrouter';
    for (const item of json.data) {
      const parsed = openRouterModel.safeParse(item);
      if (!parsed.success) {
        reject(isObject(item) && typeof item.id === 'string' ? item.id : '?', openRouterProblem(item));
        continue;
      }
      const input = Number(parsed.data.pricing.prompt);
      const output = Number(parsed.data.pricing.completion);
      if (input > MAX_PER_TOKEN || output > MAX_PER_TOKEN) reject(parsed.data.id, 'price above $1,000 per million tokens');
      else add(parsed.data.id, input, output);
    }
  } else if (isObject(json)) {
    for (const [key, value] of Object.entries(json)) {
      if (key === 'sample_spec') continue;
      // Embedding, image and audio entries price other things; only token-priced entries count.
      if (!isObject(value) || (value.mode !== undefined && value.mode !== 'chat' && value.mode !== 'completion')) continue;
      const parsed = litellmEntry.safeParse(value);
      if (parsed.success) add(key, parsed.data.input_cost_per_token, parsed.data.output_cost_per_token);
      else reject(key, litellmProblem(value));
    }
  } else {
    throw new PriceFileError('expected a LiteLLM price map (an object keyed by model) or an OpenRouter model list ({ "data": [...] })');
  }
  if (list.entries.size === 0) throw new PriceFileError(`no usable prices in the file: ${whyNoPrices(list)}`);
  return list;
}

// The schemas say whether an entry is usable; these say why not, in words a user can act on.
function litellmProblem(entry: Record<string, unknown>): string {
  for (const field of ['input_cost_per_token', 'output_cost_per_token']) {
    const price = entry[field];
    if (price === undefined) return `missing ${field}`;
    if (typeof price !== 'number') return `${field} is not a number`;
    if (price < 0) return `${field} is a negative price`;
    if (price > MAX_PER_TOKEN) return `${field} is above $1,000 per million tokens`;
  }
  return 'input_cost_per_token and output_cost_per_token must be numbers from 0 to 0.001';
}

function openRouterProblem(item: unknown): string {
  if (!isObject(item) || typeof item.id !== 'string' || item.id === '') return 'missing id';
  if (!isObject(item.pricing)) return 'missing pricing';
  for (const field of ['prompt', 'completion']) {
    const price = item.pricing[field];
    if (price === undefined) return `missing pricing.${field}`;
    if (typeof price === 'string' && Number(price) < 0) return `pricing.${field} is a negative price`;
    if (typeof price !== 'string' || !PRICE_STRING.test(price)) return `pricing.${field} is not a number in a string`;
  }
  return 'no numeric prompt/completion pricing';
}

/** How many entries were read and the first few reasons, on one line. */
function whyNoPrices(list: PriceList): string {
  if (list.rejectedCount === 0) return list.format === 'openrouter' ? 'its "data" list has no models' : 'it has no chat or completion entries';
  const shown = list.rejected.slice(0, 3).map((r) => `${r.key.length > 40 ? `${r.key.slice(0, 40)}…` : r.key}: ${r.reason}`);
  if (list.rejectedCount > shown.length) shown.push('…');
  return `${list.rejectedCount} ${list.rejectedCount === 1 ? 'entry' : 'entries'} read, none usable (${shown.join('; ')})`;
}

/**
 * The catalog with refreshed prices. A model takes the first of its id and aliases that the
 * list prices; models the list does not know keep their bundled price and its source.
 */
export function withPrices(base: Catalog, list: PriceList): { catalog: Catalog; updates: PriceUpdate[] } {
  const updates: PriceUpdate[] = [];
  const models = base.models.map((model): ModelCard => {
    const entry = [model.id, ...model.aliases].map((k) => list.entries.get(k.toLowerCase())).find(Boolean);
    if (!entry) return model;
    const unchanged = model.price && model.price.inputPerMillionUsd === entry.inputPerMillionUsd && model.price.outputPerMillionUsd === entry.outputPerMillionUsd;
    const price: ApiPrice = {
      source: list.source,
      asOf: list.asOf,
      inputPerMillionUsd: entry.inputPerMillionUsd,
      outputPerMillionUsd: entry.outputPerMillionUsd,
      note: `Key ${entry.key}.`,
      // The article’s blended figure only stands while its list prices do.
      ...(unchanged && model.price?.seedBlendedPerMillionUsd !== undefined ? { seedBlendedPerMillionUsd: model.price.seedBlendedPerMillionUsd } : {}),
    };
    updates.push({
      model: model.id,
      key: entry.key,
      before: model.price ? { inputPerMillionUsd: model.price.inputPerMillionUsd, outputPerMillionUsd: model.price.outputPerMillionUsd } : null,
      after: { inputPerMillionUsd: entry.inputPerMillionUsd, outputPerMillionUsd: entry.outputPerMillionUsd },
    });
    return { ...model, price };
  });
  return { catalog: { ...base, models, pricing: { source: list.source, asOf: list.asOf, asOfKind: list.asOfKind ?? 'data' } }, updates };
}

/** Per-million prices to a hundredth of a cent: 2.5e-6 × 1e6 is 2.5, not 2.4999999999999996. */
function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}
