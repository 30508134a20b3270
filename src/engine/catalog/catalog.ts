/**
 * The catalog as data: its shape, the curated catalog, and the catalog with the shipped files'
 * price table, open-model shapes and current GPUs added. Lookups live in ./lookup and ./models.
 */
import { curated } from './curated';
import type { BenchmarkDef, BenchmarkId, GpuSpec, ModelCard, PricingProvenance, QuantizationOption, RequirementDef, Score, SelfHostSetup } from './types';
import type { OpenModel } from './data/openModels';
import { GPU_ALIASES, gpuMemoryBytes, isSizable, type ServingGpu } from '../sizing/serving/gpus';
import type { PriceTable } from './data/priceTable';
import type { GpuOffer } from './data/gpuOffers';
import type { FormatQualityRow } from './data/formatQuality';

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
  /**
   * What providers rent (data/gpuOffers.json): once given, a GPU-hour the file does not price
   * is the offer a setup rents, never the GPU file's median quote (pricing/gpuHour.ts).
   */
  gpuOffers?: GpuOffer[];
  /** Where offers beyond the bundled ones came from, or why a given source is not in use; absent with the bundled offers alone. */
  offersSource?: OffersSource;
  /**
   * The published quality of quantized weights per model and format (data/formatQuality.json).
   * Absent (the curated-only catalog), every quantized format's quality is unmeasured.
   */
  formatQuality?: FormatQualityRow[];
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

/** A source of GPU offers merged with the bundled ones (a refresh, a --offers file or URL). */
export interface OffersSource {
  /** As shown: "GPU offers from example.com/offers.json", "offers file offers.json". */
  source: string;
  /** The rows merged; absent when none were (see fallbackReason). */
  used?: number;
  /** The rows left out, with the first of their problems. */
  leftOut?: { count: number; problems: string };
  /** Why none of the source is in use: the bundled offers price every setup. */
  fallbackReason?: string;
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

/** The catalog with the GPU offers: every GPU-hour the file does not price is rented from one of them. */
export function withGpuOffers(base: Catalog, offers: GpuOffer[]): Catalog {
  return { ...base, gpuOffers: offers };
}

/** The catalog with the published quality of quantized weights: what the search keeps as near-lossless. */
export function withFormatQuality(base: Catalog, rows: FormatQualityRow[]): Catalog {
  return { ...base, formatQuality: rows };
}

/** The catalog with the open models' shapes: their Hugging Face ids and Ollama tags resolve, and they can be sized. */
export function withOpenModels(base: Catalog, openModels: OpenModel[]): Catalog {
  return { ...base, openModels };
}

/** The catalog with a price table: every model it prices resolves, at its host's price. */
export function withPriceTable(base: Catalog, prices: PriceTable): Catalog {
  return { ...base, prices };
}
