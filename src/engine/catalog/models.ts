/**
 * A model's card by any name a config writes: a curated id or alias, an open model's Hugging
 * Face id or Ollama tag, or a name the price table resolves (resolve.ts), at its host's price.
 */
import type { ApiPrice, ModelCard, Provenance } from './types';
import type { OpenModel } from './data/openModels';
import type { PriceTable, PriceTableEntry } from './data/priceTable';
import { catalog, type Catalog } from './catalog';
import { lookUp, modelIndex } from './lookup';
import { familyKey, isOllamaTag, namedHost, resolveModelName, type Resolution } from './resolve';

/**
 * The card for a name as written: a curated id or alias first (the article’s figures and the
 * benchmarks live there), then any name the price table resolves (see resolve.ts), as the
 * curated card at the host's price or as a card of the table's facts alone.
 */
export function findModel(nameOrAlias: string, cat: Catalog = catalog): ModelCard | undefined {
  const curated = lookUp(modelIndex(cat), nameOrAlias);
  if (curated && !readByResolver(nameOrAlias, cat)) return withTableEntry(curated, cat);
  return resolvedCard(nameOrAlias, cat) ?? curated;
}

/**
 * A name the resolver reads even where a curated card lists it: a host prefix picks that
 * host's price, and an Ollama tag ("llama3.3:70b") names local weights and the quantization
 * the tag pulls, which the card alone would not say.
 */
function readByResolver(name: string, cat: Catalog): boolean {
  return (!!cat.prices && namedHost(name) !== undefined) || isOllamaTag(name);
}

/** Each curated card with its entry, once per price table (a catalog with the file's own models shares both). */
const withEntries = new WeakMap<PriceTable, WeakMap<ModelCard, ModelCard>>();

/**
 * A curated card keeps its list price (the article’s figures are pinned to it), with the price
 * table's entry beside it for what a list price lacks: cache reads, batch and long-context
 * prices. Only an entry at the card's own input and output prices is taken: an entry of
 * another host (Llama 3.1 70B listed at $0.13/$0.40, its entry Bedrock's at $0.99) would bill a
 * batch or cached workload at somebody else's price.
 */
function withTableEntry(card: ModelCard, cat: Catalog): ModelCard {
  if (!cat.prices || !card.price || card.price.entry) return card;
  let cards = withEntries.get(cat.prices);
  if (!cards) withEntries.set(cat.prices, (cards = new WeakMap()));
  let found = cards.get(card);
  if (!found) {
    const entry = resolveModelName(card.id, cat.prices, () => undefined)?.entry;
    const samePrice = entry && sameCents(entry.inputPerMillionUsd, card.price.inputPerMillionUsd) && sameCents(entry.outputPerMillionUsd ?? 0, card.price.outputPerMillionUsd);
    found = entry && samePrice ? { ...card, price: { ...card.price, entry } } : card;
    cards.set(card, found);
  }
  return found;
}

const sameCents = (a: number, b: number) => Math.abs(a - b) < 0.005;

/** How a name was resolved, for the hover: undefined for a curated id or alias, or an unknown name. */
export function resolutionOf(nameOrAlias: string, cat: Catalog = catalog): Resolution | undefined {
  if (lookUp(modelIndex(cat), nameOrAlias) && !readByResolver(nameOrAlias, cat)) return undefined;
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
  const lower = name.trim().toLowerCase();
  const m = index.get(lower) ?? index.get(familyKey(lower));
  if (!m) return undefined;
  const asOf = catalogDate(cat);
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

/** A card made from the catalog's own facts is as of its prices (the bundled table's date without one). */
const catalogDate = (cat: Catalog): string => cat.prices?.asOf ?? '2026-07-24';

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
    const card = resolution ? (cardOf(name.trim(), resolution, cat.prices) ?? statedSizeCard(name.trim(), resolution, cat)) : openCard(name, cat);
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
    license: 'license unknown: the price table gives none',
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
 * A card for an Ollama tag of a family the catalog lacks, from the size its tag states
 * ("granite-code:8b"): a dense model of that many parameters, the one figure the name gives.
 * The resolution carries the finding that says so.
 */
function statedSizeCard(written: string, r: Resolution, cat: Catalog): ModelCard | undefined {
  if (r.statedParamsB === undefined) return undefined;
  return {
    id: written,
    name: written,
    lab: 'unknown: the family is not in the catalog',
    access: 'open-weight',
    accessNote: 'an Ollama tag: the weights are published',
    paramsB: r.statedParamsB,
    activeParamsB: r.statedParamsB,
    architecture: 'dense',
    license: 'license unknown: the family is not in the catalog',
    contextTokens: 0,
    aliases: [],
    generation: 'current',
    source: `the size the tag "${written}" states`,
    asOf: catalogDate(cat),
  };
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
