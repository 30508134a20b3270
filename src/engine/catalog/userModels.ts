/**
 * The project's own models (`models` in llm.config.json), as cards over the catalog's: a
 * fine-tune or an internal endpoint with its price, a model to self-host with its shape, or
 * another name of a catalog model. They are this file's alone: the catalog is not changed.
 */
import { unknownModel } from '../analysis/workloadFindings';
import type { Finding, Fix } from '../analysis/types';
import { type Catalog, findModel } from '.';
import type { ModelCard } from './types';
import { type ConfigDocument, NONE } from '../config/document';
import { type UserModelConfig, userModelSchema } from '../config/schema';

const DECLARED = { source: 'your llm.config.json ("models")', asOf: 'as declared' } as const;

export function withUserModels(base: Catalog, doc: ConfigDocument, written: unknown, findings: Finding[]): Catalog {
  if (!Array.isArray(written) || written.length === 0) return base;
  const tree = doc.tree;
  const list = tree.child(tree.root, 'models');
  const cards: ModelCard[] = [];
  written.forEach((raw, index) => {
    // An entry the schema rejects has its finding already, at its field.
    if (!userModelSchema.safeParse(raw).success) return;
    const m = raw as UserModelConfig;
    const card = m.aliasOf === undefined ? ownCard(m) : aliasCard(m, base);
    if (!card) {
      const at = tree.at([index, 'aliasOf'], list);
      findings.push(unknownModel(m.aliasOf!, tree.range(at), ['models', index, 'aliasOf'], base));
      return;
    }
    if (m.aliasOf === undefined && m.inputPerMillionUsd === undefined && m.paramsB === undefined) findings.push(unpricedEntry(m.id, tree.range(tree.at([index], list))));
    if (m.inputPerMillionUsd !== undefined) {
      card.price = { inputPerMillionUsd: m.inputPerMillionUsd, outputPerMillionUsd: m.outputPerMillionUsd ?? m.inputPerMillionUsd, ...DECLARED };
    }
    cards.push(card);
  });
  // First, so that a declared id wins over a catalog id or alias of the same spelling.
  return cards.length ? { ...base, models: [...cards, ...base.models] } : base;
}

function aliasCard(m: UserModelConfig, base: Catalog): ModelCard | undefined {
  const target = findModel(m.aliasOf!, base);
  return target && { ...target, id: m.id, name: m.name ?? target.name, aliases: [], accessNote: `${m.id} is declared in llm.config.json as another name of ${target.id}` };
}

function ownCard(m: UserModelConfig): ModelCard {
  const open = m.paramsB !== undefined && m.openWeights !== false;
  const active = m.activeParamsB ?? m.paramsB;
  return withoutUndefined({
    id: m.id,
    name: m.name ?? m.id,
    lab: 'declared in llm.config.json',
    access: open ? 'open-weight' : 'api-only',
    accessNote: open ? undefined : 'declared in llm.config.json without weights to self-host',
    paramsB: m.paramsB,
    activeParamsB: active,
    architecture: m.paramsB === undefined ? 'unknown' : active !== undefined && active < m.paramsB ? 'moe' : 'dense',
    layers: m.layers,
    kvHeads: m.kvHeads,
    headDim: m.headDim,
    license: 'declared in llm.config.json',
    contextTokens: m.contextTokens ?? 0,
    aliases: [],
    generation: 'current',
    ...DECLARED,
  });
}

/** A card is plain data, the same after a JSON round trip: a field it has no value for is absent. A file declares a handful. */
function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A declared model with nothing to price it by: which fields would, at the entry. */
function unpricedEntry(id: string, range: { offset: number; length: number }): Finding {
  return {
    severity: 'warning',
    code: 'unpriced-model',
    message: `"${id}" is declared without a price: fill in "inputPerMillionUsd" and "outputPerMillionUsd" (USD per million tokens), or "aliasOf" a catalog model, or "paramsB" to self-host it. Until then its workloads are unpriced.`,
    ...range,
  };
}

/**
 * For a name the catalog does not know: declare it in `models` with only its id. No price is
 * written, because any number here would be invented; the entry then reports which fields
 * to fill in, and its workloads stay unpriced until they are.
 */
export function declareModelFix(doc: ConfigDocument, written: string): Fix | undefined {
  // An empty id is a schema error of its own: nothing to declare.
  if (written === '') return undefined;
  const tree = doc.tree;
  const list = tree.child(tree.root, 'models');
  const entry = { id: written };
  const title = `Declare "${written}" in "models" (its prices to fill in)`;
  // Before the workloads, where the README's example has it and where jsonc-parser, which
  // reformats the line it inserts on, meets the short line of the previous member's end.
  if (list === NONE) return { title, edits: [{ path: ['models'], value: [entry], before: 'workloads' }] };
  if (tree.kind(list) !== 'array') return undefined;
  // First in the list: appended after the last entry, the comment that ends its line
  // would follow the new entry instead.
  return { title, edits: [{ path: ['models', 0], value: entry, insert: true }] };
}
