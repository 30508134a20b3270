/**
 * The architecture record behind a model name as a user writes it: an open model's id,
 * Hugging Face id or Ollama-style tag, or any name the catalog resolves to a card whose
 * weights are in the open models catalog. Sizing needs the record; a name without one
 * (a closed model, or an open one not yet recorded) says so.
 */
import type { OpenModel } from '../../catalog/data/openModels';
import { findModel, suggestModel, type Catalog } from '../../catalog';
import { familyKey } from '../../catalog/resolve';

const indexes = new WeakMap<readonly OpenModel[], Map<string, OpenModel>>();

function indexOf(models: readonly OpenModel[]): Map<string, OpenModel> {
  let index = indexes.get(models);
  if (!index) {
    index = new Map();
    const add = (key: string, m: OpenModel) => {
      if (key && !index!.has(key)) index!.set(key, m);
    };
    for (const m of models) add(m.id, m);
    for (const m of models) for (const hf of [m.hfId, ...(m.hfIds ?? [])]) {
      add(hf.toLowerCase(), m);
      add(hf.split('/').pop()!.toLowerCase(), m);
    }
    for (const m of models) add(familyKey(m.id), m);
    indexes.set(models, index);
  }
  return index;
}

function lookUp(models: readonly OpenModel[], name: string): OpenModel | undefined {
  const index = indexOf(models);
  const key = name.trim().toLowerCase();
  return index.get(key) ?? index.get(familyKey(key));
}

export type OpenModelLookup = { model: OpenModel } | { error: string };

/** The open model record for `name`, or a one-line reason there is none. */
export function findOpenModel(name: string, cat: Catalog): OpenModelLookup {
  const models = cat.openModels ?? [];
  const direct = lookUp(models, name);
  if (direct) return { model: direct };
  const card = findModel(name, cat);
  if (card) {
    for (const key of [card.id, card.name, ...card.aliases]) {
      const m = lookUp(models, key);
      if (m) return { model: m };
    }
    return {
      error:
        card.access === 'api-only'
          ? `"${name}" is ${card.name}, an API-only model: its weights cannot be self-hosted`
          : `"${name}" is ${card.name}, whose architecture (layers, heads, experts) is not in the open models catalog, so it cannot be sized`,
    };
  }
  const suggestion = suggestModel(name, cat, true);
  return { error: `unknown model "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}` };
}
