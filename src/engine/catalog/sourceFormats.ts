/**
 * The price sources a refresh reads, each converted to the price table's entries: LiteLLM's
 * model_prices_and_context_window.json, pydantic's genai-prices data, OpenRouter's model list,
 * and a table in the bundled table's own format. Which format a document is, and what each
 * entry left out was left out for. Checking the result against earlier tables is refresh.ts's.
 */
import { buildPriceTable, ordered, perMillion } from './data/buildPrices';
import { convertGenai } from './data/genaiPrices';
import { MAX_PER_MILLION_USD, type PriceTableEntry } from './data/priceTable';

export type SourceFormat = 'litellm' | 'genai-prices' | 'openrouter' | 'table';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Which of the formats a parsed JSON document is, if any. */
export function detectFormat(json: unknown): SourceFormat | undefined {
  if (Array.isArray(json)) return json.length > 0 && json.every((p) => isObject(p) && typeof p.id === 'string' && Array.isArray(p.models)) ? 'genai-prices' : undefined;
  if (!isObject(json)) return undefined;
  if (Array.isArray(json.data)) return 'openrouter';
  if (Array.isArray(json.entries) && typeof json.source === 'string') return 'table';
  return 'litellm';
}

export interface Converted {
  entries: PriceTableEntry[];
  /** The data's own date, when it carries one. */
  dataDate?: string;
  /** Entries left out, by reason. */
  skipped: Record<string, number>;
}

/** OpenRouter and genai-prices write some prices as decimal strings. */
const DECIMAL = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

type Price = number | undefined | 'invalid';

function amount(value: unknown, scale: (n: number) => number): Price {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) return 'invalid';
  return scale(n);
}

function skip(skipped: Record<string, number>, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The checks every converted entry passes before it is kept; the reason when it is not. */
function priceProblem(prices: Price[]): string | undefined {
  if (prices.includes('invalid')) return 'invalid price (negative, not a number)';
  if (prices.some((p) => typeof p === 'number' && p > MAX_PER_MILLION_USD)) return 'price above $1,000 per million tokens';
  return undefined;
}

function fromLitellm(json: Record<string, unknown>, today: string): Converted {
  const updated = typeof json.last_updated === 'string' ? json.last_updated.slice(0, 10) : undefined;
  const dataDate = isDate(updated) ? updated : undefined;
  const result = buildPriceTable(json, { asOf: dataDate ?? today });
  const skipped = { ...result.skipped };
  delete skipped['not a model entry'];
  return { entries: result.table.entries, ...(dataDate ? { dataDate } : {}), skipped };
}

/** OpenRouter's GET /api/v1/models: `{ data: [{ id, context_length, pricing: { prompt, completion, … } }] }`, USD per token as strings. */
function fromOpenRouter(json: Record<string, unknown>): Converted {
  const skipped: Record<string, number> = {};
  const entries: PriceTableEntry[] = [];
  const seen = new Set<string>();
  for (const item of json.data as unknown[]) {
    if (!isObject(item) || typeof item.id !== 'string' || item.id === '' || !isObject(item.pricing)) {
      skip(skipped, 'no id or pricing');
      continue;
    }
    const key = `openrouter/${item.id}`;
    if (seen.has(key.toLowerCase())) {
      skip(skipped, 'duplicate id');
      continue;
    }
    const p = item.pricing;
    const input = amount(p.prompt, perMillion);
    const output = amount(p.completion, perMillion);
    const cacheRead = amount(p.input_cache_read, perMillion);
    const cacheWrite = amount(p.input_cache_write, perMillion);
    const reasoning = amount(p.internal_reasoning, perMillion);
    const problem = priceProblem([input, output, cacheRead, cacheWrite, reasoning]);
    if (problem) {
      skip(skipped, problem);
      continue;
    }
    if (input === undefined || output === undefined) {
      skip(skipped, 'no per-token price');
      continue;
    }
    if (input === 0 && output === 0) {
      skip(skipped, 'zero price (free tier or not priced)');
      continue;
    }
    seen.add(key.toLowerCase());
    const entry: PriceTableEntry = { key, host: 'openrouter', model: item.id, mode: 'chat', inputPerMillionUsd: input as number, outputPerMillionUsd: output as number };
    if (typeof reasoning === 'number' && reasoning > 0 && reasoning !== output) entry.reasoningPerMillionUsd = reasoning;
    if (typeof cacheRead === 'number' && cacheRead > 0) entry.cacheReadPerMillionUsd = cacheRead;
    if (typeof cacheWrite === 'number' && cacheWrite > 0) entry.cacheWritePerMillionUsd = cacheWrite;
    const context = positiveInt(item.context_length);
    if (context !== undefined) entry.contextTokens = context;
    const maxOutput = isObject(item.top_provider) ? positiveInt(item.top_provider.max_completion_tokens) : undefined;
    if (maxOutput !== undefined) entry.maxOutputTokens = maxOutput;
    entries.push(ordered(entry));
  }
  return { entries, skipped };
}

export function convert(json: unknown, format: SourceFormat, today: string): Converted {
  switch (format) {
    case 'litellm':
      return fromLitellm(json as Record<string, unknown>, today);
    case 'openrouter':
      return fromOpenRouter(json as Record<string, unknown>);
    case 'genai-prices': {
      // The build's reader: a refresh reads genai-prices' data as the bundled table was made
      // from it (the same hosts, its dated prices and peak hours), dated the day it is read.
      const { entries, skipped } = convertGenai(json, today);
      return { entries, skipped };
    }
    case 'table': {
      const table = json as Record<string, unknown>;
      return { entries: table.entries as PriceTableEntry[], ...(isDate(table.asOf) ? { dataDate: table.asOf } : {}), skipped: {} };
    }
  }
}
