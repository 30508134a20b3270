/**
 * Lookups by id or name in a catalog's lists (models, GPUs, quantizations, requirements),
 * each indexed once per list, and the lists of ids a completion or a message offers.
 */
import type { GpuSpec, ModelCard, QuantizationOption, RequirementDef } from './types';
import { catalog, type Catalog } from './catalog';
import { GPU_ALIASES } from '../sizing/serving/gpus';
import { findWeightFormat, WEIGHT_FORMATS, type WeightFormat } from '../sizing/serving/quantization';

/** Lower-cased, trimmed, inner whitespace collapsed: how every lookup key is compared. */
export function normalize(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A key as written is tried first: keys are normalized, and most configs write them so. */
export function lookUp<T>(map: Map<string, T>, name: string): T | undefined {
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

export function modelIndex(cat: Catalog): Map<string, ModelCard> {
  return indexOnce(modelIndexes, cat.models, (models) => {
    // Ids first, so that an alias can never take over another model's id.
    const byId = indexBy(models, (m) => [m.id]);
    for (const [key, model] of indexBy(models, (m) => [m.name, ...m.aliases])) {
      if (!byId.has(key)) byId.set(key, model);
    }
    return byId;
  });
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
