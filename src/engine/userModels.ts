/**
 * The project's own models (`models` in llm.config.json), as cards over the catalog's: a
 * fine-tune or an internal endpoint with its price, a model to self-host with its shape, or
 * another name of a catalog model. They are this file's alone: the catalog is not changed.
 */
import type { Finding } from './analysis';
import { findModel, type Catalog } from './catalog';
import type { ModelCard } from './catalog/types';
import type { ConfigDocument } from './config/document';
import { userModelSchema, type UserModelConfig } from './config/schema';
import { unknownModel } from './workload';

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
  return {
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
  };
}
