/**
 * Any model name as people write it → the model it is, the host whose bill it follows, and
 * why. Names come as exact ids, with a host prefix (`openai/`, `bedrock/`, `openrouter/org/`),
 * dated or versioned (`-20241022`, `@20240620`, `-v1:0`, `-latest`), as Bedrock ids with a
 * region (`us.anthropic.…`), Hugging Face ids (`meta-llama/Llama-3.1-70B-Instruct`), Ollama
 * tags (`qwen3:8b`), and with dots or dashes between version digits.
 *
 * Plain data in, plain data out: the price table and the curated cards are given, nothing is
 * read here. The index is built once per catalog, on the first name looked up.
 */
import type { PriceTable, PriceTableEntry } from './data/priceTable';
import type { ModelCard } from './types';
import { splitHost } from './hosts';
import { OLLAMA, namespacedTag, ollamaName, sizeMatches } from './ollama';
import { MODEL_ID, unwrap } from './unwrap';
import { familyKey } from './familyKey';
import { modelForms, NOTHING_DROPPED, QUANTIZED_UPLOAD, withLab } from './nameForms';
import { estimatedShape, otherFlavor, standIn, weakMatch, type Caveat } from './caveats';

export { namedHost } from './hosts';
export { familyKey } from './familyKey';
export type { Caveat } from './caveats';

export interface Resolution {
  /** The curated card when the catalog has one (benchmarks, access, shape), else undefined. */
  card?: ModelCard;
  /** The price entry whose bill applies, when the table prices the model. */
  entry?: PriceTableEntry;
  /** Who sends the bill (or "ollama" / "huggingface" for weights run on your own machines). */
  host: string;
  /** How the name was read, one step per line, for the hover. */
  via: string[];
  /** Every other host that prices the same model, once each at its cheapest, cheapest first, when the name chose none. */
  alternatives: PriceTableEntry[];
  /**
   * Why the price shown may not be the name's own: another host's price stands in for the
   * host the name picks, or the name was matched to another version of the model.
   */
  caveat?: Caveat;
  /** The weights an Ollama tag pulls ("q4_k_m", "fp16"), and why: a setup that names no quantization runs these. */
  weights?: { quantization: string; why: string };
  /**
   * The size a tag states ("granite-code:8b"), in billions, when the catalog has no card of
   * the family: the model is sized as a dense model of that many parameters, and said so.
   */
  statedParamsB?: number;
}

/** Hosts whose own models they serve: where a name without a host is billed. */
const FIRST_PARTY_ORDER = ['openai', 'anthropic', 'gemini', 'xai', 'mistral', 'deepseek', 'cohere', 'moonshot', 'zai', 'dashscope', 'vertex', 'bedrock', 'azure'];

/** The labs of FIRST_PARTY_ORDER: the hosts before the clouds. */
const isLab = (host: string | undefined): boolean => host !== undefined && FIRST_PARTY_ORDER.indexOf(host) >= 0 && FIRST_PARTY_ORDER.indexOf(host) < FIRST_PARTY_ORDER.indexOf('vertex');

/** Hosts that run open weights on your own machines: no bill but the GPUs'. */
const LOCAL_HOSTS = new Set(['ollama', 'huggingface']);

/** A "family:variant" tag as Ollama writes it; a Bedrock id's version ("…-v1:0") is none. */
const tagForm = (name: string): boolean => (/^[a-z][a-z0-9.-]*:[a-z0-9._-]+$/i.test(name) || namespacedTag(name)) && !/-v\d+:\d+$/i.test(name);

/**
 * Whether a name is an Ollama tag ("llama3.3:70b", "qwen3:8b"): weights pulled and run on your
 * own machines, at the quantization the tag pulls, even where a curated card lists the tag
 * among its names. "mistral:codestral-latest" is no tag but Mistral's API (hosts.ts).
 */
export function isOllamaTag(written: string): boolean {
  const name = written.trim();
  return tagForm(name) && !splitHost(name).host;
}

interface Index {
  byKey: Map<string, PriceTableEntry>;
  byFamily: Map<string, PriceTableEntry[]>;
  /** Each family's entries, live before retired and cheapest first: a filter of it is ranked too. */
  cheapestFirst: Map<PriceTableEntry[], PriceTableEntry[]>;
  /** Each entry's model as a family key. */
  modelKey: Map<PriceTableEntry, string>;
  /** An entry's forms that drop a part, by family key, with what each drops (the first form of a key). */
  entryForms: Map<PriceTableEntry, Map<string, readonly string[]>>;
}

const indexes = new WeakMap<PriceTable, Index>();

function indexOf(table: PriceTable): Index {
  let index = indexes.get(table);
  if (index) return index;
  index = { byKey: new Map(), byFamily: new Map(), cheapestFirst: new Map(), modelKey: new Map(), entryForms: new Map() };
  for (const entry of table.entries) {
    index.byKey.set(entry.key.toLowerCase(), entry);
    index.modelKey.set(entry, familyKey(entry.model));
    for (const form of modelForms(entry.model)) {
      const key = familyKey(form.name);
      // A key of one character, or none ("accounts/fireworks/models/"), would match anything.
      if (key.length < 2) continue;
      const list = index.byFamily.get(key);
      if (!list) index.byFamily.set(key, [entry]);
      else if (!list.includes(entry)) list.push(entry);
      if (form.dropped.length === 0) continue;
      let forms = index.entryForms.get(entry);
      if (!forms) index.entryForms.set(entry, (forms = new Map()));
      if (!forms.has(key)) forms.set(key, form.dropped);
    }
  }
  for (const list of index.byFamily.values()) index.cheapestFirst.set(list, cheapest(list));
  indexes.set(table, index);
  return index;
}

/** Bedrock's geographic cross-Region profiles (not us-gov., priced apart, nor global.), in the order tried. */
const GEOGRAPHIES = ['us', 'eu', 'apac', 'jp', 'au', 'ca'];
const GEOGRAPHIC_PROFILE = /^(?:bedrock[/:])?(us|eu|apac|jp|au|ca)\.([a-z][\w.:-]*)$/i;

/** The table's entry for the same Bedrock profile in another geography, for a geographic profile it does not list. */
function otherGeography(name: string, index: Index): PriceTableEntry | undefined {
  const m = GEOGRAPHIC_PROFILE.exec(name);
  if (!m) return undefined;
  const [, geography, rest] = m;
  // Listed as written: the usual reading finds it.
  if (index.byKey.has(`${geography!.toLowerCase()}.${rest!.toLowerCase()}`)) return undefined;
  for (const other of GEOGRAPHIES) {
    if (other === geography!.toLowerCase()) continue;
    const entry = index.byKey.get(`${other}.${rest!.toLowerCase()}`);
    if (entry && !entry.retired && entry.host === 'bedrock') return entry;
  }
  return undefined;
}

/** A retired entry gives way to a live one of the model on its host and region ("gpt-4-0613"): a model's last known price never wins over its current one. */
function liveFor(entry: PriceTableEntry, index: Index): PriceTableEntry {
  if (!entry.retired) return entry;
  const model = index.modelKey.get(entry)!;
  return index.byFamily.get(model)?.find((e) => !e.retired && e.host === entry.host && e.region === entry.region && e.mode === entry.mode && index.modelKey.get(e) === model) ?? entry;
}

/** What an entry's model is read without to meet a name's form ("gemini-3-pro-image-preview" without its preview date); nothing when it is the form. */
function entryDropped(entry: PriceTableEntry, formName: string, index: Index): readonly string[] {
  const key = familyKey(formName);
  if (index.modelKey.get(entry) === key) return NOTHING_DROPPED;
  return index.entryForms.get(entry)?.get(key) ?? NOTHING_DROPPED;
}

/** The card of an entry's model, else of the name as written (most keys are their model's name: asked once). */
const cardOfEither = (model: string, name: string, findCard: (name: string) => ModelCard | undefined): ModelCard | undefined =>
  findCard(model) ?? (model === name ? undefined : findCard(name));

/** The first form of a name that is a card's: "Qwen/Qwen2.5-14B-Instruct-GPTQ-Int4" is Qwen2.5 14B. */
function cardOfForms(name: string, findCard: (name: string) => ModelCard | undefined): ModelCard | undefined {
  for (const form of modelForms(name)) {
    const card = form.dropped.length ? findCard(form.name) : undefined;
    if (card) return card;
  }
  return undefined;
}

function cheapest(entries: readonly PriceTableEntry[]): PriceTableEntry[] {
  const blended = (e: PriceTableEntry) => e.inputPerMillionUsd + (e.outputPerMillionUsd ?? 0);
  return [...entries].sort((a, b) => Number(a.retired ?? false) - Number(b.retired ?? false) || blended(a) - blended(b));
}

/**
 * Where open weights are served when the name picks no host: the large serving platforms
 * first, so that a Hugging Face id is priced where most teams would buy it, not at the
 * cheapest reseller of the day.
 */
const OPEN_HOST_ORDER = ['together', 'fireworks', 'deepinfra', 'groq', 'cerebras', 'bedrock', 'vertex', 'azure_ai', 'openrouter'];

const HOST_ORDER = [...FIRST_PARTY_ORDER, ...OPEN_HOST_ORDER];

/** The host of HOST_ORDER that comes first among a family's entries; once per family (the index's lists never change). */
function preferredHost(entries: readonly PriceTableEntry[]): string | undefined {
  const known = preferredHosts.get(entries);
  if (known !== undefined) return known ?? undefined;
  const hosts = new Set<string>();
  for (const e of entries) if (!e.region) hosts.add(e.host);
  const host = HOST_ORDER.find((h) => hosts.has(h));
  preferredHosts.set(entries, host ?? null);
  return host;
}

const preferredHosts = new WeakMap<readonly PriceTableEntry[], string | null>();

/**
 * The entry a name without a host is billed by: the model's own lab when it sells it, else a
 * large host, else the cheapest. `ranked` is the family cheapest first.
 */
function firstParty(entries: readonly PriceTableEntry[], ranked: readonly PriceTableEntry[], host = preferredHost(entries)): PriceTableEntry | undefined {
  return ranked.find((e) => !e.region && (host === undefined || e.host === host)) ?? entries[0];
}

/**
 * Resolves a name against the price table and the curated cards (looked up by `findCard`,
 * which knows their ids and aliases). Undefined when nothing matches: an unknown name.
 */
export function resolveModelName(written: string, table: PriceTable | undefined, findCard: (name: string) => ModelCard | undefined): Resolution | undefined {
  const name = written.trim();
  const wrapped = unwrap(name);
  if (wrapped) {
    const inner = resolveName(wrapped.name, table, findCard, wrapped.host);
    return inner && { ...inner, via: [`"${name}" is ${wrapped.note}`, ...inner.via] };
  }
  return MODEL_ID.test(name) ? resolveName(name, table, findCard) : undefined;
}

/** A name as MODEL_ID reads it, or the model inside what wraps it. */
function resolveName(name: string, table: PriceTable | undefined, findCard: (name: string) => ModelCard | undefined, localHost?: string): Resolution | undefined {
  const via: string[] = [];
  const index = table && indexOf(table);

  // An exact key of the price table names its host, when it has a prefix ("groq/…",
  // "bedrock/…", a Bedrock id). A bare key ("gemini-2.5-flash" is filed under Vertex) is
  // read as a model name, billed by the model's own lab.
  const keyed = localHost ? undefined : index?.byKey.get(name.toLowerCase());
  const exact = keyed && liveFor(keyed, index!);
  if (keyed && exact && (keyed.key.includes('/') || splitHost(keyed.key).host || FIRST_PARTY_ORDER.indexOf(keyed.host) < FIRST_PARTY_ORDER.indexOf('vertex'))) {
    via.push(`"${keyed.key}" is a key of the price table (${keyed.host})`);
    if (exact !== keyed) via.push(`retired there: priced as the live "${exact.key}"`);
    return { card: cardOfEither(exact.model, name, findCard), entry: exact, host: exact.host, via, alternatives: [] };
  }

  const profile = localHost || !index ? undefined : otherGeography(name, index);
  if (profile) {
    via.push(`"${name}" is a Bedrock profile the price table does not list: priced as "${profile.key}", as AWS prices geographic cross-Region profiles alike ("Standard pricing"; a global one about 10% less, docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html)`);
    return { card: cardOfEither(profile.model, name, findCard), entry: profile, host: profile.host, via, alternatives: [] };
  }

  const split: { host?: string; rest: string } = localHost ? { host: localHost === 'ollama' ? undefined : localHost, rest: name } : splitHost(name);
  // An Ollama tag ("qwen3:8b", "mistral-nemo:latest") names weights run locally.
  const ollama = !split.host && (localHost === 'ollama' || tagForm(name) || OLLAMA.has(name.toLowerCase()));
  const host = split.host ?? (ollama ? 'ollama' : undefined);
  const tag = ollama ? ollamaName(name) : split.host === 'ollama' ? ollamaName(split.rest) : undefined;
  let rest = tag?.name ?? split.rest;
  // Nebius sells a faster flavor of some models as "…-fast" ("Qwen/Qwen3-32B-fast"), an endpoint
  // with its own price (each flavor has its own input_price_per_million_tokens in Nebius's model
  // list, docs.studio.nebius.com/api-reference/models/list-of-custom-models): read as the base
  // flavor, whose price is then a weak match. Only Nebius's: elsewhere "-fast" names another
  // model ("grok-4-fast" is no Grok 4).
  const flavor = host === 'nebius' && /-fast$/i.test(rest);
  if (flavor) rest = rest.slice(0, -'-fast'.length);
  // A curated card that lists the tag itself ("llama3.3:70b") is the model it pulls, with the
  // card's benchmarks; else the model the tag's family and size name.
  let card = (tag && rest !== name ? findCard(name) : undefined) ?? findCard(rest) ?? (rest === name ? undefined : findCard(name));
  if (!card && tag?.familyDefault) {
    // A sized tag of a one-size family is its default, where the size is the model's.
    const whole = findCard(tag.familyDefault);
    if (sizeMatches(whole, tag.billions)) [card, rest] = [whole, tag.familyDefault];
  }
  if (ollama) via.push(`"${name}" is an Ollama tag: ${rest}`);
  else if (host && !localHost) via.push(`"${name.slice(0, name.length - split.rest.length).replace(/\/$/, '')}" selects the host ${host}`);
  if (flavor) via.push('read as the base flavor, without "-fast"');
  // OpenRouter ids keep the lab: "openrouter/anthropic/claude-3.5-sonnet".
  const keepsLab = host === 'openrouter' || host === 'together' || host === 'deepinfra' || host === 'fireworks';
  const forms = keepsLab ? withLab(rest) : modelForms(rest);

  // The first form a family is found by, unless a later one is a better match (below).
  let match: { family: PriceTableEntry[]; form: { name: string; dropped: string[] } } | undefined;
  // With a host named, the first form the host prices only under a near name: the match if no later form is priced as written.
  let nearOnly: typeof match;
  for (const form of forms) {
    const key = familyKey(form.name);
    if (key.length < 2) continue;
    const found = index?.byFamily.get(key);
    if (!found?.length) continue;
    // Kept if no form is the named host's: the lab's or a large host's price stands in, not a reseller's copy of the id.
    if (!match || (!preferredHost(match.family) && preferredHost(found))) match = { family: found, form };
    // With a host named, a form the host prices beats an earlier one it does not, and one it
    // prices as written beats one it prices only under a near name ("fireworks/Qwen/QwQ-32B" is
    // Fireworks' qwq-32b, not its QwQ-32B-Preview filed under the organization's name).
    if (host && !LOCAL_HOSTS.has(host) && !found.some((e) => e.host === host)) continue;
    if (host && !LOCAL_HOSTS.has(host) && found.every((e) => e.host !== host || weakMatch(name, form, e, entryDropped(e, form.name, index!)))) {
      nearOnly ??= { family: found, form };
      continue;
    }
    // With no host named, a family that only small hosts price gives way to a later form that
    // a large one does: "meta-llama/Llama-3.1-8B-Instruct" is filed under that id by two
    // resellers, and as "Llama-3.1-8B-Instruct" by Bedrock, Together and a dozen more.
    if (!host && !preferredHost(found)) continue;
    match = { family: found, form };
    nearOnly = undefined;
    break;
  }
  if (nearOnly) match = nearOnly;
  // An org's id that only a cloud or a reseller files ("moonshotai/Kimi-K2-Thinking", Bedrock's) is the lab's model where the lab sells it by its name.
  const bareName = !host && match && !match.form.dropped.length && !isLab(preferredHost(match.family)) ? rest.slice(rest.lastIndexOf('/') + 1) : rest;
  const bare = bareName !== rest ? index?.byFamily.get(familyKey(bareName)) : undefined;
  if (bare && isLab(preferredHost(bare))) match = { family: bare, form: { name: bareName, dropped: ['the organization'] } };
  const family = match?.family ?? [];
  const dropped = match?.form.dropped ?? NOTHING_DROPPED;
  if (dropped.length) via.push(`read without ${[...new Set(dropped)].join(' and ')}`);
  // "Meta-Llama-3.1-70B-Instruct" is no name of a card, but the form it was found by is.
  if (!card && match && match.form.name !== rest) card = findCard(match.form.name);
  // A Hugging Face repository name keeps its capitals ("Qwen3-235B-A22B-Instruct-2507",
  // "DeepSeek-R1-0528", "Kimi-K2-Instruct-0905"): its refresh suffix is a new checkpoint of
  // the family's shape, so the family's card sizes it. Lower-case API ids are left alone: their
  // date can name another model ("mistral-small-2603" is Mistral Small 4, 119B, not 24B).
  if (!card && match && /[A-Z]/.test(rest)) {
    card = cardOfForms(rest, findCard);
    if (card) via.push(`sized as ${card.name}, its family: a refresh keeps the family's shape`);
  }

  const ranked = (index && index.cheapestFirst.get(family)) ?? [];
  const caveatOf = (e: PriceTableEntry) => (match ? weakMatch(name, match.form, e, entryDropped(e, match.form.name, index!)) : undefined);
  // The entry that bills the name among some of the family's: by the rule a name with no host is billed by.
  const billedAmong = (pool: PriceTableEntry[]) => firstParty(pool, ranked.filter((e) => pool.includes(e)))!;
  const local = !!host && LOCAL_HOSTS.has(host);
  // Weights run locally are sized by their card, whatever form a price was found by; a
  // Hugging Face id or a quantized upload no host prices is the model it names.
  if (!card && (local || (!match && (rest.includes('/') || QUANTIZED_UPLOAD.test(rest.toLowerCase()))))) card = cardOfForms(rest, findCard);
  if (local) {
    via.push(`${host} runs the weights on your own machines: no API bill`);
    // A family the catalog does not know, with its size in the tag: sized from that size. A
    // known family's missing size is left unknown: "phi4:3b" is no Phi-4 (it exists at 14B only).
    const stated = !card && !tag?.familyDefault && tag?.billions !== undefined ? tag.billions : undefined;
    // A local directory may prefix the uploader to the repository's name ("/models/awq/QuantTrio-Qwen3-235B-A22B-…").
    const uploaded = !card && !family.length && localHost === 'huggingface' ? /^(?:[^/]*\/)?[A-Za-z]+-(?=[A-Za-z])/.exec(rest) : null;
    if (uploaded && (card = cardOfForms(rest.slice(uploaded[0].length), findCard))) via.push(`read without "${uploaded[0].slice(uploaded[0].lastIndexOf('/') + 1)}", the uploader's prefix`);
    if (!card && !family.length && stated === undefined) return undefined;
    if (!tag) return { card, host, via, alternatives: ranked.slice(0, 5) };
    via.push(`weights ${tag.weights.quantization}: ${tag.weights.why}`);
    const r: Resolution = { card, host, via, alternatives: ranked.slice(0, 5), weights: tag.weights };
    if (stated === undefined) return r;
    r.statedParamsB = stated;
    return withCaveat(r, estimatedShape(name, stated));
  }
  if (host) {
    const forHost = family.filter((e) => e.host === host);
    const first = ranked.find((e) => e.host === host && !e.region) ?? forHost[0];
    if (first && flavor) return withCaveat({ card, entry: first, host, via: [...via, `priced as "${first.key}"`], alternatives: [] }, otherFlavor(name, first, rest));
    if (first) {
      const { entry, caveat } = asWritten(first, forHost, caveatOf, (strong) => ranked.find((e) => strong.includes(e) && !e.region) ?? strong[0]!);
      return withCaveat({ card, entry, host, via: [...via, `priced as "${entry.key}"`], alternatives: [] }, caveat);
    }
    // A host the table does not price this model on (a lab's retired model that other
    // hosts still sell, say): the model's own price elsewhere, said so.
    if (family.length || card) {
      const elsewhere = family.length ? asWritten(firstParty(family, ranked)!, family, caveatOf, billedAmong).entry : undefined;
      const note = `the price table has no ${host} price for it${elsewhere ? `: billed as ${elsewhere.host} ("${elsewhere.key}")` : ''}`;
      const instead = elsewhere ? `${elsewhere.host} ("${elsewhere.key}")` : card?.price ? `the catalog's list price of ${card.name}` : undefined;
      return { card, entry: elsewhere, host: elsewhere?.host ?? host, via: [...via, note], alternatives: [], caveat: standIn(name, host, instead) };
    }
    return undefined;
  }
  if (family.length) {
    const preferred = preferredHost(family);
    const first = (exact && preferred === exact.host && family.some((e) => e.host === exact.host) ? exact : undefined) ?? firstParty(family, ranked, preferred)!;
    const { entry, caveat } = asWritten(first, family, caveatOf, billedAmong);
    // Every other host once, at its cheapest entry (the family is ranked cheapest first).
    const hosts = new Set([entry.host]);
    const others = ranked.filter((e) => !e.region && !hosts.has(e.host) && !!hosts.add(e.host));
    via.push(`no host named: billed by ${entry.host} ("${entry.key}")${others.length ? `; ${others.length} other host${others.length === 1 ? ' prices' : 's price'} it too` : ''}`);
    return withCaveat({ card, entry, host: entry.host, via, alternatives: others }, caveat);
  }
  if (card) {
    via.push(`"${rest}" is a name of ${card.name} in the catalog`);
    // A Hugging Face id of open weights no host prices is weights you run: no API bill.
    if (!card.price && card.access === 'open-weight' && rest.includes('/')) return { card, host: 'huggingface', via: [...via, 'no host prices it: the weights run on your own machines'], alternatives: [] };
    return { card, host: card.price ? 'catalog' : 'none', via, alternatives: [] };
  }
  return undefined;
}

/**
 * The entry a rule picked, unless it prices only a near name while others in `pool` price the
 * name as written: a family holds a model's previews and dated ids beside it
 * ("qwen-qwq-32b-preview" beside "Qwen/QwQ-32B"), and the same rule then picks among those
 * instead of a guess (`among`, given the entries that do). With a host named or not.
 */
function asWritten(first: PriceTableEntry, pool: readonly PriceTableEntry[], caveatOf: (e: PriceTableEntry) => Caveat | undefined, among: (strong: PriceTableEntry[]) => PriceTableEntry): { entry: PriceTableEntry; caveat: Caveat | undefined } {
  const caveat = caveatOf(first);
  if (!caveat) return { entry: first, caveat };
  const strong = pool.filter((e) => !caveatOf(e));
  return strong.length ? { entry: among(strong), caveat: undefined } : { entry: first, caveat };
}

/** The resolution with its caveat, when it has one (absent rather than undefined: plain data). */
function withCaveat(r: Resolution, caveat: Caveat | undefined): Resolution {
  if (caveat) {
    r.caveat = caveat;
    r.via.push(caveat.code === 'weak-match' ? `a weak match: ${caveat.message}` : caveat.message);
  }
  return r;
}
