/**
 * The models Recommend weighs: the curated cards, every open model whose architecture is on
 * record (it can be sized), and every model the price table prices at its own lab's API, each
 * once; then the project's allowedModels and the caller's `only` narrow them.
 */
import { didYouMean, findModel, openCard, type Catalog } from '../catalog';
import type { ModelCard } from '../catalog/types';
import type { PriceTable, PriceTableEntry } from '../catalog/data/priceTable';
import type { Exclusion, Failure, RecommendOptions } from './types';

/**
 * Hosts that bill their own lab's models. A model is a candidate at its maker's price: the
 * table's other hosts resell the same model (Bedrock's, Azure's, a gateway's Claude), which
 * would list one model a dozen times.
 */
const LAB_HOSTS = new Set(['openai', 'anthropic', 'gemini', 'xai', 'deepseek', 'mistral', 'cohere', 'moonshot', 'zai', 'dashscope', 'minimax', 'ai21']);

/** Entries billed per token that are not a chat model's: fine-tunes, audio, images, search, computer use. */
const NOT_A_CHAT_MODEL = /^ft:|\.ft-|audio|realtime|image|search|transcribe|tts|computer-use|deep-research|embed|moderation/i;

/** A dated snapshot ("-20250929", "-2024-08-06", "@20240620", "-0613") of a name the host also lists undated. */
const DATED = /(?:-\d{8}|-\d{4}-\d{2}-\d{2}|@\d{8}|-\d{4})$/;

export function modelPool(cat: Catalog, options: RecommendOptions, excluded: Exclusion[]): ModelCard[] {
  const allowed = resolveList(cat, options.allowedModels, 'allowedModels', excluded);
  const only = resolveList(cat, options.only, 'only', excluded);
  const pool = [...cat.models];
  if (!options.seedModelsOnly) {
    const seen = new Set(pool.map((m) => m.id));
    const add = (card: ModelCard | undefined) => {
      if (card && !seen.has(card.id)) {
        seen.add(card.id);
        pool.push(card);
      }
    };
    // Beyond the curated cards, every open model whose architecture is on record: it can be sized.
    for (const m of cat.openModels ?? []) add(findModel(m.id, cat) ?? openCard(m.id, cat));
    for (const card of labPricedCards(cat)) add(card);
  }
  return pool.filter((model) => {
    const failure: Failure | undefined =
      options.seedModelsOnly && model.generation !== 'seed'
        ? { exclusion: 'seed-models-only', reason: 'not a model the article discusses (seedModelsOnly)' }
        : allowed && !allowed.has(model.id)
          ? { exclusion: 'not-allowed', reason: 'not in allowedModels' }
          : only && !only.has(model.id)
            ? { exclusion: 'not-in-only', reason: 'not in only' }
            : model.projected
              ? { exclusion: 'projected', reason: 'projected in the article: no released weights or prices to compare' }
              : undefined;
    if (failure) excluded.push({ model: model.id, ...failure });
    return !failure;
  });
}

/** The cards of the price table's chat models at their lab's price, once per price table. */
const labCards = new WeakMap<PriceTable, ModelCard[]>();

function labPricedCards(cat: Catalog): ModelCard[] {
  const table = cat.prices;
  if (!table) return [];
  let cards = labCards.get(table);
  if (!cards) labCards.set(table, (cards = labEntries(table).flatMap((e) => cardAt(e, cat) ?? [])));
  return cards;
}

/** Current chat entries of the labs' own APIs, without the dated snapshots of a name listed undated. */
export function labEntries(table: PriceTable): PriceTableEntry[] {
  const current = table.entries.filter(
    (e) => LAB_HOSTS.has(e.host) && (e.mode === 'chat' || e.mode === 'completion' || e.mode === 'responses') && !e.retired && !e.region && !NOT_A_CHAT_MODEL.test(e.key),
  );
  const names = new Set(current.map((e) => `${e.host} ${e.model}`));
  return current.filter((e) => {
    const undated = e.model.replace(DATED, '');
    return undated === e.model || !names.has(`${e.host} ${undated}`);
  });
}

/**
 * The card for an entry: by the model's name where that resolves to this entry (or a curated
 * card), else by its key; only a card whose id resolves back to it at its price, since the id
 * is what Recommend writes into a config.
 */
function cardAt(e: PriceTableEntry, cat: Catalog): ModelCard | undefined {
  const byName = findModel(e.model, cat);
  const card = byName && (byName.price?.entry === e || cat.models.some((m) => m.id === byName.id)) ? byName : findModel(e.key, cat);
  const back = card?.price && findModel(card.id, cat)?.price;
  return back && back.inputPerMillionUsd === card.price!.inputPerMillionUsd && back.outputPerMillionUsd === card.price!.outputPerMillionUsd ? card : undefined;
}

function resolveList(cat: Catalog, names: readonly string[] | undefined, option: string, excluded: Exclusion[]): Set<string> | undefined {
  if (!names) return undefined;
  const ids = new Set<string>();
  for (const name of names) {
    const model = findModel(name, cat);
    if (model) {
      ids.add(model.id);
      continue;
    }
    const suggestion = didYouMean(name, cat.models.map((m) => m.id));
    excluded.push({ model: name, exclusion: 'unknown-model', reason: `unknown model in ${option}${suggestion ? `; did you mean "${suggestion}"?` : ''}` });
  }
  return ids;
}
