/**
 * The price sources a refresh reads, each converted to the price table's entries: LiteLLM's
 * model_prices_and_context_window.json, pydantic's genai-prices data, OpenRouter's model list,
 * and a table in the bundled table's own format. Which format a document is, and what each
 * entry left out was left out for. Checking the result against earlier tables is refresh.ts's.
 */
import { buildPriceTable, ordered, perMillion } from './data/buildPrices';
import { MAX_PER_MILLION_USD, type PriceTableEntry, type PriceTier } from './data/priceTable';

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

const perMillionOfMillion = (n: number) => Number(n.toPrecision(10));

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

/**
 * genai-prices' provider ids as the table's hosts, with the prefix LiteLLM keys them by, so
 * that a model both price has one key (first-party OpenAI, Anthropic and Bedrock keys have none).
 */
const GENAI_HOSTS: Record<string, { host: string; prefix: string }> = {
  openai: { host: 'openai', prefix: '' },
  anthropic: { host: 'anthropic', prefix: '' },
  aws: { host: 'bedrock', prefix: '' },
  google: { host: 'gemini', prefix: 'gemini/' },
  azure: { host: 'azure', prefix: 'azure/' },
  // genai-prices spells xAI's provider id with a hyphen (its data: `"id": "x-ai"`).
  'x-ai': { host: 'xai', prefix: 'xai/' },
  mistral: { host: 'mistral', prefix: 'mistral/' },
  deepseek: { host: 'deepseek', prefix: 'deepseek/' },
  groq: { host: 'groq', prefix: 'groq/' },
  cerebras: { host: 'cerebras', prefix: 'cerebras/' },
  together: { host: 'together', prefix: 'together_ai/' },
  fireworks: { host: 'fireworks', prefix: 'fireworks_ai/' },
  openrouter: { host: 'openrouter', prefix: 'openrouter/' },
  perplexity: { host: 'perplexity', prefix: 'perplexity/' },
  cohere: { host: 'cohere', prefix: '' },
};

type GenaiPart = 'input' | 'output' | 'cacheRead' | 'cacheWrite';
const GENAI_FIELDS: Record<GenaiPart, string> = { input: 'input_mtok', output: 'output_mtok', cacheRead: 'cache_read_mtok', cacheWrite: 'cache_write_mtok' };

/**
 * The prices in effect on `today`: a model's prices are one set, or a list of sets each with a
 * constraint; the latest set whose start date has passed applies. Sets that depend on the time
 * of day (an off-peak discount) are left out: a monthly estimate cannot follow the clock.
 */
function currentGenaiPrices(prices: unknown, today: string): Record<string, unknown> | undefined {
  if (isObject(prices)) return prices;
  if (!Array.isArray(prices)) return undefined;
  let chosen: Record<string, unknown> | undefined;
  let chosenStart = '';
  for (const option of prices) {
    if (!isObject(option) || !isObject(option.prices)) continue;
    const constraint = isObject(option.constraint) ? option.constraint : undefined;
    if (constraint && Object.keys(constraint).some((k) => k !== 'start_date')) continue;
    const start = constraint && typeof constraint.start_date === 'string' ? constraint.start_date.slice(0, 10) : '';
    if (start > today) continue;
    if (!chosen || start >= chosenStart) {
      chosen = option.prices;
      chosenStart = start;
    }
  }
  return chosen;
}

/** pydantic genai-prices' data.json: `[{ id, models: [{ id, context_window, prices }] }]`, USD per million tokens. */
function fromGenaiPrices(json: unknown[], today: string): Converted {
  const skipped: Record<string, number> = {};
  const entries: PriceTableEntry[] = [];
  const seen = new Set<string>();
  for (const provider of json as Record<string, unknown>[]) {
    const mapped = GENAI_HOSTS[provider.id as string] ?? { host: provider.id as string, prefix: `${provider.id as string}/` };
    for (const model of provider.models as unknown[]) {
      if (!isObject(model) || typeof model.id !== 'string' || model.id === '') {
        skip(skipped, 'no id');
        continue;
      }
      const prices = currentGenaiPrices(model.prices, today);
      if (!prices) {
        skip(skipped, 'no prices in effect');
        continue;
      }
      const base: Partial<Record<GenaiPart, Price>> = {};
      const tierPrices = new Map<number, Partial<Record<GenaiPart, Price>>>();
      for (const [part, field] of Object.entries(GENAI_FIELDS) as [GenaiPart, string][]) {
        const value = prices[field];
        if (isObject(value)) {
          base[part] = amount(value.base, perMillionOfMillion);
          for (const tier of Array.isArray(value.tiers) ? value.tiers : []) {
            const start = isObject(tier) ? positiveInt(tier.start) : undefined;
            if (start === undefined || !isObject(tier)) {
              base[part] = 'invalid';
              continue;
            }
            const at = tierPrices.get(start) ?? {};
            at[part] = amount(tier.price, perMillionOfMillion);
            tierPrices.set(start, at);
          }
        } else base[part] = amount(value, perMillionOfMillion);
      }
      const all = [...Object.values(base), ...[...tierPrices.values()].flatMap((t) => Object.values(t))];
      const problem = priceProblem(all);
      if (problem) {
        skip(skipped, problem);
        continue;
      }
      const input = base.input as number | undefined;
      const output = base.output as number | undefined;
      if (input === undefined) {
        skip(skipped, 'no per-token price');
        continue;
      }
      if (input === 0 && !output) {
        skip(skipped, 'zero price (free tier or not priced)');
        continue;
      }
      const key = `${mapped.prefix}${model.id}`;
      if (seen.has(key.toLowerCase())) {
        skip(skipped, 'duplicate id');
        continue;
      }
      seen.add(key.toLowerCase());
      const embedding = output === undefined;
      const entry: PriceTableEntry = { key, host: mapped.host, model: model.id, mode: embedding ? 'embedding' : 'chat', inputPerMillionUsd: input };
      if (!embedding) entry.outputPerMillionUsd = output;
      if (typeof base.cacheRead === 'number') entry.cacheReadPerMillionUsd = base.cacheRead;
      if (typeof base.cacheWrite === 'number') entry.cacheWritePerMillionUsd = base.cacheWrite;
      const tiers: PriceTier[] = [];
      for (const [aboveTokens, t] of [...tierPrices].sort((a, b) => a[0] - b[0])) {
        const tier: PriceTier = { aboveTokens, inputPerMillionUsd: (t.input as number | undefined) ?? input };
        if (!embedding) tier.outputPerMillionUsd = (t.output as number | undefined) ?? output;
        if (typeof t.cacheRead === 'number') tier.cacheReadPerMillionUsd = t.cacheRead;
        if (typeof t.cacheWrite === 'number') tier.cacheWritePerMillionUsd = t.cacheWrite;
        tiers.push(tier);
      }
      if (tiers.length > 0) entry.tiers = tiers;
      const context = positiveInt(model.context_window);
      if (context !== undefined) entry.contextTokens = context;
      entries.push(ordered(entry));
    }
  }
  return { entries, skipped };
}

export function convert(json: unknown, format: SourceFormat, today: string): Converted {
  switch (format) {
    case 'litellm':
      return fromLitellm(json as Record<string, unknown>, today);
    case 'openrouter':
      return fromOpenRouter(json as Record<string, unknown>);
    case 'genai-prices':
      return fromGenaiPrices(json as unknown[], today);
    case 'table': {
      const table = json as Record<string, unknown>;
      return { entries: table.entries as PriceTableEntry[], ...(isDate(table.asOf) ? { dataDate: table.asOf } : {}), skipped: {} };
    }
  }
}
