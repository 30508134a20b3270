/**
 * The bundled catalog and its lookups. Works offline: everything here is plain data.
 */
import { curated } from './curated';
import type {
  ApiPrice,
  BenchmarkDef,
  BenchmarkId,
  GpuSpec,
  ModelCard,
  PricingProvenance,
  Provenance,
  QuantizationOption,
  RequirementDef,
  Score,
  SelfHostSetup,
} from './types';
import type { OpenModel } from './data/openModels';
import { GPU_ALIASES, gpuMemoryBytes, isSizable, type ServingGpu } from '../sizing/serving/gpus';
import { findWeightFormat, WEIGHT_FORMATS, type WeightFormat } from '../sizing/serving/quantization';
import type { PriceTable, PriceTableEntry } from './data/priceTable';
import { familyKey, namedHost, resolveModelName, type Resolution } from './resolve';

export interface Catalog {
  /** The curated cards: benchmarks, access, shape and the article’s figures. */
  models: ModelCard[];
  /**
   * Every model a public price list prices, on each host. Loaded beside the bundle, not in
   * it: a front end passes it in (see withPriceTable); without it only the curated cards price.
   */
  prices?: PriceTable;
  /** The shapes of the open models people self-host, from their config.json (see data/openModels.json). */
  openModels?: OpenModel[];
  /** Current GPUs as serving sizes them (data/gpus.json): exposed memory, dense peaks, interconnect, rental quotes. */
  servingGpus?: ServingGpu[];
  /** The date of the GPU file's figures and prices. */
  servingGpusAsOf?: string;
  benchmarks: BenchmarkDef[];
  scores: Record<string, Partial<Record<BenchmarkId, Score>>>;
  gpus: GpuSpec[];
  quantizations: QuantizationOption[];
  setups: SelfHostSetup[];
  requirements: RequirementDef[];
  /** Source and date of the prices (the bundled list, or a refreshed one), and their staleness. */
  pricing: PricingProvenance;
  /** The article’s gap-table instruction-following figures (the safety table gives only words). */
  instructionFollowingGapScores: Record<string, Score>;
}

/** The curated catalog (data/curated.json), before any price table or open-model shapes are added. */
export const catalog: Catalog = {
  models: curated.models,
  benchmarks: curated.benchmarks,
  scores: curated.scores,
  gpus: curated.gpus,
  quantizations: curated.quantizations,
  setups: curated.setups,
  requirements: curated.requirements,
  pricing: { ...curated.pricing, asOfKind: 'data' },
  instructionFollowingGapScores: curated.instructionFollowingGapScores,
};

// The article’s prose (advice, outlook, why the gaps persist) and its corrections are for the
// panel and the docs: they import `seedNotes` and `seedText` from ./decisions, so that the
// engine as the editor and the CLI load it carries no text.
/** The article’s MMLU gap timeline, for the panel's chart. */
export { gapHistory } from './benchmarks';

export { INTRO_GPQA, historyGap } from './benchmarks';
export { COST_DECADES, COST_WEIGHT, deploymentFit, hardConstraints, PREFERENCE_WEIGHT, TIER_WEIGHT, tierScore } from './decisions';
export type { SeedMatrixRow } from './decisions';
export type { DeploymentFit, HardConstraint } from './types';
export { seedDecisionMatrix } from './decisions';

/** Lower-cased, trimmed, inner whitespace collapsed: how every lookup key is compared. */
function normalize(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A key as written is tried first: keys are normalized, and most configs write them so. */
function lookUp<T>(map: Map<string, T>, name: string): T | undefined {
  return map.get(name) ?? map.get(normalize(name));
}

function indexBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    for (const key of keys(item)) {
      const k = normalize(key);
      // The first entry keeps a contested key, so an id is never shadowed by another's alias.
      if (!map.has(k)) map.set(k, item);
    }
  }
  return map;
}

// Built on first use, once per list (the bundled one, or one with refreshed prices or
// serving GPUs added): activation never pays for lookups nobody makes, and a catalog that
// shares a list with another (a price overlay, a fresh analysis) shares its index too.
const modelIndexes = new WeakMap<readonly ModelCard[], Map<string, ModelCard>>();
const gpuIndexes = new WeakMap<readonly GpuSpec[], Map<string, GpuSpec>>();
const quantizationIndexes = new WeakMap<readonly QuantizationOption[], Map<string, QuantizationOption>>();
const requirementIndexes = new WeakMap<readonly RequirementDef[], Map<string, RequirementDef>>();

function indexOnce<T>(cache: WeakMap<readonly T[], Map<string, T>>, items: readonly T[], build: (items: readonly T[]) => Map<string, T>): Map<string, T> {
  let found = cache.get(items);
  if (!found) cache.set(items, (found = build(items)));
  return found;
}

function modelIndex(cat: Catalog): Map<string, ModelCard> {
  return indexOnce(modelIndexes, cat.models, (models) => {
    // Ids first, so that an alias can never take over another model's id.
    const byId = indexBy(models, (m) => [m.id]);
    for (const [key, model] of indexBy(models, (m) => [m.name, ...m.aliases])) {
      if (!byId.has(key)) byId.set(key, model);
    }
    return byId;
  });
}

/** The catalog with the open models' shapes: their Hugging Face ids and Ollama tags resolve, and they can be sized. */
/**
 * The catalog with the current GPUs: sized by the serving model, and usable in a config by
 * their short ids. The curated GPUs keep their sizes, but take the GPU catalog's quote: one
 * GPU-hour price per GPU, so that a setup the file writes and the cheapest-setup search never
 * price one GPU twice (an RTX 4090 was $0.40 in one and $0.78 in the other). The article's
 * own rows are priced by the curated catalog alone, which keeps its prices.
 */
export function withServingGpus(base: Catalog, file: { asOf: string; gpus: ServingGpu[] }): Catalog {
  const byId = new Map(file.gpus.map((g) => [g.id, g]));
  const quoteOf = (g: ServingGpu): Pick<GpuSpec, 'hourlyUsd' | 'hourlyUsdSource'> => ({
    hourlyUsd: g.hourlyUsd.default,
    hourlyUsdSource: { source: `median of on-demand quotes (${g.hourlyUsd.quotes.map((q) => q.cloud).join(', ')})`, asOf: file.asOf },
  });
  const curated = base.gpus.map((spec) => {
    const serving = byId.get(GPU_ALIASES.get(spec.id) ?? spec.id);
    return serving ? { ...spec, ...quoteOf(serving) } : spec;
  });
  const known = new Set(base.gpus.map((g) => GPU_ALIASES.get(g.id) ?? g.id));
  const added: GpuSpec[] = [];
  for (const g of file.gpus) {
    const memoryBytes = gpuMemoryBytes(g);
    if (known.has(g.id) || memoryBytes === undefined || !isSizable(g)) continue;
    added.push({
      id: g.id,
      name: g.name,
      memoryMiB: memoryBytes / 2 ** 20,
      bandwidthGBps: g.bandwidthGBps,
      bf16Tflops: g.bf16Tflops,
      ...quoteOf(g),
      source: g.datasheet ?? 'GPU catalog',
      asOf: file.asOf,
    });
  }
  return { ...base, gpus: [...curated, ...added], servingGpus: file.gpus, servingGpusAsOf: file.asOf };
}

export function withOpenModels(base: Catalog, openModels: OpenModel[]): Catalog {
  return { ...base, openModels };
}

/** The catalog with a price table: every model it prices resolves, at its host's price. */
export function withPriceTable(base: Catalog, prices: PriceTable): Catalog {
  return { ...base, prices };
}

/**
 * The card for a name as written: a curated id or alias first (the article’s figures and the
 * benchmarks live there), then any name the price table resolves (see resolve.ts), as the
 * curated card at the host's price or as a card of the table's facts alone.
 */
export function findModel(nameOrAlias: string, cat: Catalog = catalog): ModelCard | undefined {
  const curated = lookUp(modelIndex(cat), nameOrAlias);
  // A host prefix picks that host's price, even where a curated card lists the name as an alias.
  if (curated && !(cat.prices && namedHost(nameOrAlias))) return withTableEntry(curated, cat);
  return resolvedCard(nameOrAlias, cat) ?? curated;
}

/** Each curated card with its entry, once per price table (a catalog with the file's own models shares both). */
const withEntries = new WeakMap<PriceTable, WeakMap<ModelCard, ModelCard>>();

/**
 * A curated card keeps its list price (the article’s figures are pinned to it), with the price
 * table's first-party entry beside it for what a list price lacks: cache reads, batch and
 * long-context prices.
 */
function withTableEntry(card: ModelCard, cat: Catalog): ModelCard {
  if (!cat.prices || !card.price || card.price.entry) return card;
  let cards = withEntries.get(cat.prices);
  if (!cards) withEntries.set(cat.prices, (cards = new WeakMap()));
  let found = cards.get(card);
  if (!found) {
    const entry = resolveModelName(card.id, cat.prices, () => undefined)?.entry;
    found = entry ? { ...card, price: { ...card.price, entry } } : card;
    cards.set(card, found);
  }
  return found;
}

/** How a name was resolved, for the hover: undefined for a curated id or alias, or an unknown name. */
export function resolutionOf(nameOrAlias: string, cat: Catalog = catalog): Resolution | undefined {
  if (lookUp(modelIndex(cat), nameOrAlias) && !(cat.prices && namedHost(nameOrAlias))) return undefined;
  return resolvedName(nameOrAlias, cat).resolution;
}

function resolved(nameOrAlias: string, cat: Catalog): Resolution | undefined {
  const models = modelIndex(cat);
  return resolveModelName(nameOrAlias, cat.prices, (n) => lookUp(models, n) ?? openCard(n, cat));
}

/** Open models by Hugging Face id, id and family key, once per list of them. */
const openIndexes = new WeakMap<readonly OpenModel[], Map<string, OpenModel>>();

/**
 * A card for an open model the curated cards lack, from its config.json shape: a Hugging
 * Face id, an id ("qwen2.5-14b") or its family key ("qwen2514b", as "qwen2.5:14b" reads).
 */
export function openCard(name: string, cat: Catalog): ModelCard | undefined {
  if (!cat.openModels) return undefined;
  let index = openIndexes.get(cat.openModels);
  if (!index) {
    index = new Map();
    for (const m of cat.openModels) {
      // The id, the Hugging Face ids, and their repository names alone ("Qwen2.5-14B-Instruct").
      for (const key of [m.id, ...(m.hfIds ?? []), m.hfId].flatMap((k) => (k ? [k, k.split('/').pop()!] : []))) if (!index.has(key.toLowerCase())) index.set(key.toLowerCase(), m);
      const family = familyKey(m.id);
      if (!index.has(family)) index.set(family, m);
    }
    openIndexes.set(cat.openModels, index);
  }
  const m = index.get(name.trim().toLowerCase()) ?? index.get(familyKey(name));
  if (!m) return undefined;
  const asOf = cat.prices?.asOf ?? '2026-07-24';
  const made = openCards.get(m);
  if (made?.asOf === asOf) return made;
  const card: ModelCard = {
    id: m.id,
    name: m.name,
    lab: m.lab,
    access: 'open-weight',
    paramsB: m.totalParamsB,
    activeParamsB: m.activeParamsB,
    architecture: m.experts ? 'moe' : 'dense',
    layers: m.layers,
    kvHeads: m.kvHeads,
    headDim: m.headDim,
    license: m.license,
    contextTokens: m.contextTokens,
    aliases: [],
    generation: 'current',
    source: `config.json of ${m.hfId}`,
    asOf,
  };
  // Absent rather than undefined: a card is plain data, the same after a JSON round trip.
  if (m.experts) card.architectureNote = `${m.expertsPerToken} of ${m.experts} experts per token`;
  if (m.attention.kind === 'mla') card.attentionNote = 'MLA: the KV cache holds a compressed latent; the estimate counts full heads, an upper bound';
  openCards.set(m, card);
  return card;
}

/** The card made for each open model, kept while its date holds: every name of it gets the same card. */
const openCards = new WeakMap<OpenModel, ModelCard>();

// One card per name per catalog, so that a name keeps its identity across the analysis; its
// resolution is kept beside it, for the hover and the weights an Ollama tag pulls.
const resolvedNames = new WeakMap<Catalog, Map<string, { card?: ModelCard; resolution?: Resolution }>>();

function resolvedName(name: string, cat: Catalog): { card?: ModelCard; resolution?: Resolution } {
  let names = resolvedNames.get(cat);
  if (!names) resolvedNames.set(cat, (names = new Map()));
  let known = names.get(name);
  if (!known) {
    const resolution = resolved(name, cat);
    const card = resolution ? cardOf(name.trim(), resolution, cat.prices) : openCard(name, cat);
    names.set(name, (known = { card, resolution }));
  }
  return known;
}

function resolvedCard(name: string, cat: Catalog): ModelCard | undefined {
  // findModel has already found no curated card that would answer for the name.
  return resolvedName(name, cat).card;
}

/** Labs whose own API is the only way to their models: a name billed by them is API-only. */
const CLOSED_HOSTS = new Set(['openai', 'anthropic', 'gemini', 'vertex', 'xai', 'cohere']);

function cardOf(written: string, r: Resolution, table: PriceTable | undefined): ModelCard | undefined {
  const e = r.entry;
  const price = e && table && priceOf(e, table);
  // The entries themselves: each is plain data with its host and key.
  const alternatives = r.alternatives;
  if (r.card) return price ? { ...r.card, price, servedBy: { host: r.host, key: e.key, via: r.via, alternatives } } : r.card;
  if (!e || !table) return undefined;
  // A closed lab's host can still bill an open model (gpt-oss on OpenAI, Gemma on Gemini).
  const apiOnly = CLOSED_HOSTS.has(e.host) && !/llama|mistral|mixtral|qwen|gemma|phi-?\d|deepseek|gpt-oss|kimi|glm|olmo|falcon|yi-|nemotron/i.test(e.model);
  const provenance = price!;
  const card: ModelCard = {
    // The name as written: a workload, its lens and its hover speak of what the file says.
    id: written,
    name: e.model,
    lab: e.host,
    access: apiOnly ? 'api-only' : 'open-weight',
    architecture: 'unknown',
    license: 'not in the price table',
    contextTokens: e.contextTokens ?? 0,
    price,
    aliases: [],
    generation: 'current',
    source: provenance.source,
    asOf: provenance.asOf,
    servedBy: { host: r.host, key: e.key, via: r.via, alternatives },
  };
  // Set after, not spread in: a spread in the literal makes every card on a slow path. Absent
  // rather than undefined: a card is plain data, the same after a JSON round trip.
  if (!apiOnly) card.accessNote = 'open weights are likely (the name is of an open family), but the price table does not say';
  if (provenance.asOfKind !== undefined) card.asOfKind = provenance.asOfKind;
  return card;
}

/**
 * Where an entry's price comes from: the table's source, or the entry's own where the table
 * holds entries of another source (a refreshed table keeps the bundled entries it lacks).
 */
export function entryProvenance(e: PriceTableEntry, table: PriceTable): Provenance {
  const kind = e.asOfKind ?? (e.source !== undefined ? 'data' : table.asOfKind) ?? 'data';
  return { source: e.source ?? table.source, asOf: e.asOf ?? table.asOf, ...(kind === 'data' ? {} : { asOfKind: kind }) };
}

/** Each entry's price, made once per table: many names resolve to one entry. */
const entryPrices = new WeakMap<PriceTable, WeakMap<PriceTableEntry, ApiPrice>>();

function priceOf(e: PriceTableEntry, table: PriceTable): ApiPrice {
  let prices = entryPrices.get(table);
  if (!prices) entryPrices.set(table, (prices = new WeakMap()));
  let price = prices.get(e);
  if (!price) prices.set(e, (price = entryPrice(e, table)));
  return price;
}

function entryPrice(e: PriceTableEntry, table: PriceTable): ApiPrice {
  return {
    inputPerMillionUsd: e.inputPerMillionUsd,
    // Embeddings bill input only.
    outputPerMillionUsd: e.outputPerMillionUsd ?? 0,
    ...entryProvenance(e, table),
    note: `${e.host} price of "${e.key}"${e.retired ? `, retired${e.retiredOn ? ` on ${e.retiredOn}` : ''} (its last known price)` : ''}`,
    entry: e,
  };
}

export function findGpu(id: string, cat: Catalog = catalog): GpuSpec | undefined {
  // A curated GPU answers to its short id too (h200-141gb is h200), as the serving catalog writes it.
  return lookUp(indexOnce(gpuIndexes, cat.gpus, (gpus) => indexBy(gpus, (g) => [g.id, g.name, ...(GPU_ALIASES.has(g.id) ? [GPU_ALIASES.get(g.id)!] : [])])), id);
}

/**
 * A config's quantization: the curated options (the article's, with their quality figures)
 * first, then the serving model's weight formats by id or alias (int4-awq, nvfp4, mxfp4,
 * gguf-q5_k_m, …), sized at their real bits per weight.
 */
export function findQuantization(id: string, cat: Catalog = catalog): QuantizationOption | undefined {
  const curated = indexOnce(quantizationIndexes, cat.quantizations, (qs) => indexBy(qs, (q) => [q.id, q.name]));
  const curatedOption = lookUp(curated, id);
  if (curatedOption) return curatedOption;
  const format = findWeightFormat(id);
  return format && (lookUp(curated, format.id) ?? servingQuantization(format, cat));
}

const servingQuantizations = new WeakMap<Catalog, Map<string, QuantizationOption>>();

/** A weight format as a quantization option: its bytes and memory saving; no speed-up or quality figure is claimed. */
function servingQuantization(format: WeightFormat, cat: Catalog): QuantizationOption {
  let byId = servingQuantizations.get(cat);
  if (!byId) servingQuantizations.set(cat, (byId = new Map()));
  let option = byId.get(format.id);
  if (!option) {
    const bytesPerParam = format.bitsPerWeight / 8;
    option = {
      id: format.id,
      name: format.name,
      bytesPerParam,
      memoryReduction: 2 / bytesPerParam,
      speedup: { min: 1, max: 1 },
      note: `A serving weight format: ${format.basis}.`,
      availableForClosed: false,
      source: format.basis,
      asOf: cat.quantizations[0]?.asOf ?? '',
    };
    byId.set(format.id, option);
  }
  return option;
}

/**
 * The id a GPU's price is kept under (assumptions.gpuPrices): the GPU catalog's (`h100-sxm`),
 * for a curated id (`h100-80gb`) or short name alike, so one price reaches every setup on it.
 */
export function gpuPriceKey(gpuId: string, cat: Catalog = catalog): string | undefined {
  const spec = findGpu(gpuId, cat);
  return spec && (GPU_ALIASES.get(spec.id) ?? spec.id);
}

export function findRequirement(id: string, cat: Catalog = catalog): RequirementDef | undefined {
  return lookUp(indexOnce(requirementIndexes, cat.requirements, (rs) => indexBy(rs, (r) => [r.id])), id);
}

export function modelIds(cat: Catalog = catalog): string[] {
  return cat.models.map((m) => m.id);
}

export function gpuIds(cat: Catalog = catalog): string[] {
  return cat.gpus.map((g) => g.id);
}

/** The curated ids, then the serving weight formats' that are not among them. */
export function quantizationIds(cat: Catalog = catalog): string[] {
  const ids = cat.quantizations.map((q) => q.id);
  const known = new Set(ids);
  for (const f of WEIGHT_FORMATS) if (!known.has(f.id)) ids.push(f.id);
  return ids;
}

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
    const add = (id: string, selfHostable: boolean) => {
      if (seen.has(id)) return;
      seen.add(id);
      list!.push({ id, digits: digitsOf(id), selfHostable });
    };
    for (const m of cat.models) add(m.id, m.access !== 'api-only');
    for (const m of cat.openModels ?? []) add(m.id, true);
    for (const e of cat.prices?.entries ?? []) if (!e.retired) add(e.key, false);
    suggestionLists.set(cat, list);
  }
  const digits = digitsOf(written);
  return didYouMean(written, list.filter((s) => s.digits === digits && (!selfHosted || s.selfHostable)).map((s) => s.id));
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
