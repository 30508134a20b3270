/**
 * The bundled catalog and its lookups. Works offline: everything here is plain data.
 */
import { benchmarks, instructionFollowingGapScores, scores } from './benchmarks';
import { requirements } from './decisions';
import { gpus, quantizations, setups } from './hardware';
import { LITELLM, models } from './models';
import type {
  BenchmarkDef,
  BenchmarkId,
  GpuSpec,
  ModelCard,
  Provenance,
  QuantizationOption,
  RequirementDef,
  Score,
  SelfHostSetup,
} from './types';

export interface Catalog {
  models: ModelCard[];
  benchmarks: BenchmarkDef[];
  scores: Record<string, Partial<Record<BenchmarkId, Score>>>;
  gpus: GpuSpec[];
  quantizations: QuantizationOption[];
  setups: SelfHostSetup[];
  requirements: RequirementDef[];
  /** Source and date of the bundled price list. */
  pricing: Provenance;
  /** The seed's gap-table instruction-following figures (the safety table gives only words). */
  instructionFollowingGapScores: Record<string, Score>;
}

export const catalog: Catalog = {
  models,
  benchmarks,
  scores,
  gpus,
  quantizations,
  setups,
  requirements,
  pricing: { ...LITELLM },
  instructionFollowingGapScores,
};

/**
 * The seed's prose (advice, outlook, why the gaps persist) and its corrections, for the
 * panel and the docs. Kept out of `catalog` so that code which only computes (the editor's
 * providers, the CLI) does not bundle the text.
 */
export { seedNotes, seedText } from './decisions';
/** The seed's MMLU gap timeline, for the panel's chart. */
export { gapHistory } from './benchmarks';

export { INTRO_GPQA, historyGap } from './benchmarks';
export { COST_DECADES, COST_WEIGHT, deploymentFit, hardConstraints, PREFERENCE_WEIGHT, TIER_WEIGHT, tierScore } from './decisions';
export type { DeploymentFit, HardConstraint, SeedMatrixRow } from './decisions';
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

interface Indexes {
  models: Map<string, ModelCard>;
  gpus: Map<string, GpuSpec>;
  quantizations: Map<string, QuantizationOption>;
  requirements: Map<string, RequirementDef>;
}

// Built on first use, once per catalog (the bundled one, or one with refreshed prices):
// activation never pays for lookups nobody makes.
const indexes = new WeakMap<Catalog, Indexes>();

function indexesOf(cat: Catalog): Indexes {
  let found = indexes.get(cat);
  if (!found) {
    // Ids first, so that an alias can never take over another model's id.
    const byId = indexBy(cat.models, (m) => [m.id]);
    for (const [key, model] of indexBy(cat.models, (m) => [m.name, ...m.aliases])) {
      if (!byId.has(key)) byId.set(key, model);
    }
    found = {
      models: byId,
      gpus: indexBy(cat.gpus, (g) => [g.id, g.name]),
      quantizations: indexBy(cat.quantizations, (q) => [q.id, q.name]),
      requirements: indexBy(cat.requirements, (r) => [r.id]),
    };
    indexes.set(cat, found);
  }
  return found;
}

export function findModel(nameOrAlias: string, cat: Catalog = catalog): ModelCard | undefined {
  return lookUp(indexesOf(cat).models, nameOrAlias);
}

export function findGpu(id: string, cat: Catalog = catalog): GpuSpec | undefined {
  return lookUp(indexesOf(cat).gpus, id);
}

export function findQuantization(id: string, cat: Catalog = catalog): QuantizationOption | undefined {
  return lookUp(indexesOf(cat).quantizations, id);
}

export function findRequirement(id: string, cat: Catalog = catalog): RequirementDef | undefined {
  return lookUp(indexesOf(cat).requirements, id);
}

export function modelIds(cat: Catalog = catalog): string[] {
  return cat.models.map((m) => m.id);
}

export function gpuIds(cat: Catalog = catalog): string[] {
  return cat.gpus.map((g) => g.id);
}

export function quantizationIds(cat: Catalog = catalog): string[] {
  return cat.quantizations.map((q) => q.id);
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
