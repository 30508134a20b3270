/**
 * pydantic's genai-prices data (the provider list bundled in the @pydantic/genai-prices
 * package) as price-table entries, for the price build: each provider the table already
 * knows as a host, each model priced per token, with its dated prices (an introductory rate
 * that ends, a price change) and its peak hours. `mergeNewest` lays them over a table built
 * from LiteLLM's file. Pure: the build script reads the package.
 */
import type { PeakHours, PriceChange, PriceMode, PriceTable, PriceTableEntry, PriceTier } from './priceTable';
import { inputOnly, MAX_PER_MILLION_USD } from './priceTable';
import { LITELLM_SOURCE, ordered } from './buildPrices';

export const GENAI_SOURCE = 'pydantic genai-prices';
export const GENAI_URL = 'https://github.com/pydantic/genai-prices';

/**
 * genai-prices' provider ids as the table's hosts, with the prefix a new key takes (a model
 * the table already prices on that host keeps its key). Providers the table does not know as
 * hosts (resellers such as Cursor or GitHub Copilot, Hugging Face's routed providers) are left out.
 */
const HOSTS: Record<string, { host: string; prefix: string }> = {
  // The labs' own APIs and the clouds that resell them. Gateways and inference hosts
  // (OpenRouter, Together, Fireworks, Groq, …) stay LiteLLM's: their lists are long and the
  // catalog's choice of a host for a name without one is tuned on LiteLLM's.
  openai: { host: 'openai', prefix: '' },
  anthropic: { host: 'anthropic', prefix: '' },
  aws: { host: 'bedrock', prefix: '' },
  google: { host: 'gemini', prefix: 'gemini/' },
  azure: { host: 'azure', prefix: 'azure/' },
  'x-ai': { host: 'xai', prefix: 'xai/' },
  mistral: { host: 'mistral', prefix: 'mistral/' },
  deepseek: { host: 'deepseek', prefix: 'deepseek/' },
  cohere: { host: 'cohere', prefix: 'cohere/' },
  voyageai: { host: 'voyage', prefix: 'voyage/' },
  moonshotai: { host: 'moonshot', prefix: 'moonshot/' },
  zai: { host: 'zai', prefix: 'zai/' },
  minimax: { host: 'minimax', prefix: 'minimax/' },
};

const PARTS = { input: 'input_mtok', output: 'output_mtok', cacheRead: 'cache_read_mtok', cacheWrite: 'cache_write_mtok' } as const;
type Part = keyof typeof PARTS;
type Parts = Partial<Record<Part, number>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | 'invalid' | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_PER_MILLION_USD ? Number(value.toPrecision(10)) : 'invalid';
}

/** A set of prices: its flat per-token parts and its long-prompt tiers (genai-prices' TieredPrices). */
function readSet(prices: Record<string, unknown>): { parts: Parts; tiers: Map<number, Parts> } | string {
  const parts: Parts = {};
  const tiers = new Map<number, Parts>();
  for (const [part, field] of Object.entries(PARTS) as [Part, string][]) {
    const value = prices[field];
    if (isObject(value)) {
      const base = finite(value.base);
      if (base === 'invalid' || base === undefined || !Array.isArray(value.tiers)) return 'invalid price';
      parts[part] = base;
      for (const tier of value.tiers) {
        const start = isObject(tier) ? tier.start : undefined;
        const price = isObject(tier) ? finite(tier.price) : 'invalid';
        if (typeof start !== 'number' || !Number.isInteger(start) || start <= 0 || price === 'invalid' || price === undefined) return 'invalid price';
        tiers.set(start, { ...tiers.get(start), [part]: price });
      }
      continue;
    }
    const price = finite(value);
    if (price === 'invalid') return 'invalid price';
    if (price !== undefined) parts[part] = price;
  }
  return { parts, tiers };
}

function asChange(parts: Parts, from?: string): PriceChange | PeakHours | undefined {
  if (parts.input === undefined) return undefined;
  const p: Record<string, unknown> = from ? { from } : {};
  p.inputPerMillionUsd = parts.input;
  if (parts.output !== undefined) p.outputPerMillionUsd = parts.output;
  if (parts.cacheRead !== undefined) p.cacheReadPerMillionUsd = parts.cacheRead;
  if (parts.cacheWrite !== undefined) p.cacheWritePerMillionUsd = parts.cacheWrite;
  return p as unknown as PriceChange;
}

/**
 * Ids genai-prices files under a lab that its API does not take as written: OpenAI's open
 * weights (served by others), Bedrock's cross-region "global."/"regional." ids, which the
 * catalog reads from LiteLLM's spelling, the other labs' models Google lists (Vertex's,
 * not the Gemini API's), and OpenRouter's word order for Gemini 1.5 ("gemini-pro-1.5",
 * "gemini-flash-1.5-8b": OpenRouter's `google/gemini-pro-1.5`; the Gemini API's id is
 * "gemini-1.5-pro"), which Google's list carries for names routed through OpenRouter.
 */
function notTheHosts(host: string, model: string): boolean {
  return (
    (host === 'openai' && model.startsWith('gpt-oss')) ||
    (host === 'gemini' && (!model.startsWith('gem') || /^gemini-(?:pro|flash)-\d/.test(model))) ||
    (host === 'bedrock' && /^(global|regional)\./.test(model))
  );
}

/**
 * Prices of genai-prices 0.1.8 that the labs have since changed, each with why: the build keeps
 * LiteLLM's for these. DeepSeek's two API ids carry the V3 prices and the off-peak discount
 * that DeepSeek ended on 2025-09-05 (https://api-docs.deepseek.com/quick_start/pricing:
 * $0.28 in, $0.42 out for deepseek-chat and deepseek-reasoner since V3.2, 2025-09-29).
 */
const STALE: Record<string, readonly string[]> = { deepseek: ['deepseek-chat', 'deepseek-reasoner'] };

/** The model's name as the host's API takes it. */
function modelName(providerId: string, model: Record<string, unknown>): string {
  const id = model.id as string;
  const match = isObject(model.match) && typeof model.match.equals === 'string' ? model.match.equals : undefined;
  if (providerId === 'fireworks') return match?.startsWith('accounts/') ? match : id.includes('/') ? id : `accounts/fireworks/models/${id}`;
  // Z.ai's API takes its model names in lower case ("glm-5.3"); genai-prices writes them as marketed.
  if (providerId === 'zai') return id.toLowerCase();
  return id;
}

export interface GenaiConverted {
  entries: PriceTableEntry[];
  skipped: Record<string, number>;
  /**
   * The other ids an entry's model is called by at its host: genai-prices names a model by a
   * label ("claude-opus-4-0") and lists the ids it matches ("claude-opus-4-20250514") in its
   * `match` rule. `mergeNewest` meets the other source's entries by these too.
   */
  alsoNamed: Map<PriceTableEntry, string[]>;
}

/** The exact ids a genai-prices `match` rule names: `{ equals }`, and those inside `{ or: [...] }`. */
function exactIds(match: unknown): string[] {
  if (!isObject(match)) return [];
  if (typeof match.equals === 'string') return [match.equals];
  return Array.isArray(match.or) ? match.or.flatMap((m) => (isObject(m) && typeof m.equals === 'string' ? [m.equals] : [])) : [];
}

/**
 * genai-prices' providers as entries, dated `asOf` (the package's publication date). A model's
 * prices are one set or a list of sets: the set without a constraint, sets from a start date
 * (the latest begun on `asOf` is the entry's price, later ones its price changes) and sets for
 * hours of the day (its peak hours, one price for all the windows). A key is the host's
 * prefix and the model; `mergeNewest` meets the other source by host and model instead.
 */
export function convertGenai(providers: unknown, asOf: string): GenaiConverted {
  if (!Array.isArray(providers)) throw new Error('expected genai-prices\' provider list');
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
  const entries: PriceTableEntry[] = [];
  const alsoNamed = new Map<PriceTableEntry, string[]>();
  const seen = new Set<string>();
  for (const provider of providers) {
    if (!isObject(provider) || typeof provider.id !== 'string' || !Array.isArray(provider.models)) throw new Error('expected genai-prices\' provider list');
    const mapped = HOSTS[provider.id];
    for (const model of provider.models as unknown[]) {
      if (!mapped) {
        skip('a provider the table has no host for');
        continue;
      }
      if (!isObject(model) || typeof model.id !== 'string' || model.id === '') {
        skip('no id');
        continue;
      }
      if (model.deprecated === true) {
        skip('deprecated in the source');
        continue;
      }
      const sets = Array.isArray(model.prices) ? model.prices : [{ prices: model.prices }];
      let base: ReturnType<typeof readSet> | undefined;
      let pricedFrom: string | undefined;
      const later: PriceChange[] = [];
      const peaks: { window: string; parts: Parts }[] = [];
      let problem: string | undefined;
      for (const set of sets) {
        if (!isObject(set) || !isObject(set.prices)) {
          problem = 'invalid price';
          break;
        }
        const read = readSet(set.prices);
        if (typeof read === 'string') {
          problem = read;
          break;
        }
        const c = isObject(set.constraint) ? set.constraint : undefined;
        if (!c) {
          if (pricedFrom === undefined) base = read;
        } else if (c.type === 'start_date' && typeof c.start_date === 'string') {
          if (c.start_date <= asOf) {
            if (pricedFrom === undefined || c.start_date > pricedFrom) {
              base = read;
              pricedFrom = c.start_date;
            }
          } else if (read.tiers.size > 0) problem = 'a future price with long-prompt tiers';
          else later.push(asChange(read.parts, c.start_date) as PriceChange);
        } else if (c.type === 'time_of_date' && typeof c.start_time === 'string' && typeof c.end_time === 'string') {
          peaks.push({ window: `${c.start_time.slice(0, 5)}-${c.end_time.slice(0, 5)}`, parts: read.parts });
        } else problem = 'a price constraint the table cannot hold';
      }
      if (!problem && peaks.some((p) => JSON.stringify(p.parts) !== JSON.stringify(peaks[0]!.parts))) problem = 'peak windows with different prices';
      if (problem || !base || typeof base === 'string') {
        skip(problem ?? 'no prices in effect');
        continue;
      }
      const { parts, tiers } = base;
      if (parts.input === undefined) {
        skip('no per-token price');
        continue;
      }
      if (parts.input === 0 && !parts.output) {
        skip('zero price (free tier or not priced)');
        continue;
      }
      const mode: PriceMode = parts.output !== undefined ? 'chat' : /rerank/i.test(model.id) ? 'rerank' : 'embedding';
      const name = modelName(provider.id, model);
      if (notTheHosts(mapped.host, name)) {
        skip('a model the host does not serve under that id');
        continue;
      }
      if (STALE[mapped.host]?.includes(name)) {
        skip('a price the lab has since changed');
        continue;
      }
      const key = `${mapped.prefix}${name}`;
      if (seen.has(key.toLowerCase())) {
        skip('duplicate id');
        continue;
      }
      seen.add(key.toLowerCase());
      const entry: PriceTableEntry = { key, host: mapped.host, model: name, mode, inputPerMillionUsd: parts.input };
      if (!inputOnly(mode)) entry.outputPerMillionUsd = parts.output;
      if (parts.cacheRead !== undefined) entry.cacheReadPerMillionUsd = parts.cacheRead;
      if (parts.cacheWrite !== undefined) entry.cacheWritePerMillionUsd = parts.cacheWrite;
      const tierList: PriceTier[] = [...tiers]
        .sort((a, b) => a[0] - b[0])
        .map(([aboveTokens, t]) => {
          const tier: PriceTier = { aboveTokens, inputPerMillionUsd: t.input ?? parts.input! };
          if (!inputOnly(mode)) tier.outputPerMillionUsd = t.output ?? parts.output!;
          if (t.cacheRead !== undefined) tier.cacheReadPerMillionUsd = t.cacheRead;
          if (t.cacheWrite !== undefined) tier.cacheWritePerMillionUsd = t.cacheWrite;
          return tier;
        });
      if (tierList.length > 0) entry.tiers = tierList;
      if (typeof model.context_window === 'number' && Number.isInteger(model.context_window) && model.context_window > 0) entry.contextTokens = model.context_window;
      entry.asOf = asOf;
      entry.source = GENAI_SOURCE;
      if (pricedFrom) entry.pricedFrom = pricedFrom;
      if (later.length > 0) entry.priceChanges = later.sort((a, b) => (a.from < b.from ? -1 : 1));
      if (peaks.length > 0) entry.peakHours = { ...(asChange(peaks[0]!.parts) as PeakHours), windowsUtc: peaks.map((p) => p.window) };
      const done = ordered(entry);
      entries.push(done);
      const others = exactIds(model.match).filter((id) => id.toLowerCase() !== name.toLowerCase() && !notTheHosts(mapped.host, id));
      if (others.length > 0) alsoNamed.set(done, others);
    }
  }
  return { entries, skipped, alsoNamed };
}

export interface MergeResult {
  table: PriceTable;
  /** Keys both sources price, where the newer source's prices were taken. */
  replaced: number;
  /** Keys only the newer source prices. */
  added: number;
}

const PRICE_FIELDS = ['inputPerMillionUsd', 'outputPerMillionUsd', 'cacheReadPerMillionUsd', 'cacheWritePerMillionUsd'] as const;

/**
 * The table with genai-prices' entries merged in, every entry with its source and date.
 * Where both price a key, the newer source's prices win (genai-prices' package is dated by its
 * publication, LiteLLM's file by its own date): its input, output, cache and long-prompt
 * prices, dated prices and peak hours replace the older ones. What it does not carry (batch
 * and reasoning prices, service tiers, the 1-hour cache write, limits, retirement dates) stays
 * from the older entry, except batch, reasoning and service-tier prices and tiers when the price
 * itself moved, and the 1-hour write when the 5-minute one did: those belonged to the old price.
 * Entries of the older table keep their own source and date; the table is dated by the newest.
 */
export function mergeNewest(
  table: PriceTable,
  genai: PriceTableEntry[],
  genaiAsOf: string,
  olderSource: (e: PriceTableEntry) => string,
  alsoNamed: ReadonlyMap<PriceTableEntry, readonly string[]> = new Map(),
): MergeResult {
  const modelOf = (e: PriceTableEntry) => `${e.host}\u0000${e.model.toLowerCase()}`;
  const byModel = new Map(genai.map((e) => [modelOf(e), e]));
  // The ids a model matches besides its label, where no model of the source has that id as its
  // own. Not a "-latest" pointer: it moves to the next model, and the source may still list it
  // under the last one (genai-prices 0.1.8 files "mistral-large-latest" under Mistral Large 2 at
  // $2/$6; Mistral's pointer names Large 3, $0.50/$1.50).
  for (const e of genai) {
    for (const id of alsoNamed.get(e) ?? []) {
      const key = `${e.host}\u0000${id.toLowerCase()}`;
      if (!/-latest$/i.test(id) && !byModel.has(key)) byModel.set(key, e);
    }
  }
  const taken = new Set<PriceTableEntry>();
  const keys = new Set(table.entries.map((e) => e.key.toLowerCase()));
  let replaced = 0;
  const entries: PriceTableEntry[] = [];
  for (const old of table.entries) {
    const dated: PriceTableEntry = { ...old, source: old.source ?? olderSource(old), asOf: old.asOf ?? table.asOf };
    // Every key of the model on the host (LiteLLM writes some twice, with and without the
    // prefix); regional and data-zone prices are the host's variants, not this price.
    const fresh = old.region === undefined ? byModel.get(modelOf(old)) : undefined;
    if (fresh) taken.add(fresh);
    if (!fresh || inputOnly(fresh.mode) !== inputOnly(old.mode) || fresh.asOf! <= dated.asOf!) {
      entries.push(ordered(dated));
      continue;
    }
    replaced++;
    const moved = PRICE_FIELDS.slice(0, 2).some((f) => fresh[f] !== old[f]);
    const merged: PriceTableEntry = { ...dated };
    for (const f of PRICE_FIELDS) if (fresh[f] !== undefined) merged[f] = fresh[f];
    if (fresh.tiers) merged.tiers = fresh.tiers;
    else if (moved) delete merged.tiers;
    if (moved) {
      delete merged.batchInputPerMillionUsd;
      delete merged.batchOutputPerMillionUsd;
      delete merged.reasoningPerMillionUsd;
      delete merged.flex;
      delete merged.priority;
    }
    // The 1-hour write is priced beside the 5-minute one: a new 5-minute price leaves it without a source.
    if (merged.cacheWritePerMillionUsd !== old.cacheWritePerMillionUsd) delete merged.cacheWrite1hPerMillionUsd;
    merged.contextTokens = old.contextTokens ?? fresh.contextTokens;
    if (merged.contextTokens === undefined) delete merged.contextTokens;
    for (const f of ['pricedFrom', 'priceChanges', 'peakHours', 'source', 'asOf'] as const) {
      if (fresh[f] !== undefined) (merged as unknown as Record<string, unknown>)[f] = fresh[f];
    }
    entries.push(ordered(merged));
  }
  const added = genai.filter((e) => !taken.has(e) && !keys.has(e.key.toLowerCase()));
  entries.push(...added);
  entries.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const asOf = genaiAsOf > table.asOf ? genaiAsOf : table.asOf;
  return {
    table: { source: `${GENAI_SOURCE} and ${LITELLM_SOURCE}, the newer per model (each entry names its own)`, sourceUrl: table.asOf < genaiAsOf ? GENAI_URL : table.sourceUrl, asOf, entries },
    replaced,
    added: added.length,
  };
}

/** Entries of the table that came from genai-prices: a rebuild takes them from the package again, not as LiteLLM's dropped models. */
export function isGenaiEntry(e: PriceTableEntry): boolean {
  return e.source === GENAI_SOURCE;
}

export { LITELLM_SOURCE };
