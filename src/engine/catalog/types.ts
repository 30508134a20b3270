/**
 * Shapes of the bundled catalog. Every figure carries where it comes from and as of
 * when, because the product always shows a price or a score with its source.
 */
import type { PriceTableEntry } from './data/priceTable';

export interface Provenance {
  /** Human-readable origin, e.g. "Seed: Open vs Closed Models in 2026" or "LiteLLM model_prices (2026-07-24)". */
  source: string;
  /** ISO date (YYYY-MM-DD) the figure is valid for; what the date is says `asOfKind`. */
  asOf: string;
  /** What `asOf` is; absent means 'data'. */
  asOfKind?: AsOfKind;
}

/**
 * What a provenance's date is: the data's own date ('data'), the server's Last-Modified
 * ('last-modified'), a file's modification time ('file-modified'), or only when it was
 * downloaded ('fetched'). Only 'data' and 'last-modified' date the prices themselves.
 */
export type { AsOfKind } from './data/priceTable';
import type { AsOfKind } from './data/priceTable';

/** Where the prices of a catalog (and so of an analysis) come from, and how old they are. */
export interface PricingProvenance extends Provenance {
  asOfKind: AsOfKind;
  /** ISO timestamp of the download, for prices refreshed from the network. */
  fetchedAt?: string;
  /** Why a refreshed or given price source is not in use (the bundled prices are). */
  fallbackReason?: string;
  /** True when `asOf` is before `staleBefore`. */
  stale?: boolean;
  /** ISO date: a price dated before it is stale (the front end's llmCostLens.pricing.staleAfterDays). */
  staleBefore?: string;
  /** The age in days behind `staleBefore`. */
  staleAfterDays?: number;
}

export type Access = 'open-weight' | 'api-only';
export type Architecture = 'dense' | 'moe' | 'unknown';

export interface ApiPrice extends Provenance {
  inputPerMillionUsd: number;
  outputPerMillionUsd: number;
  /**
   * The blended $/M the article document quotes for this model, when it quotes one
   * (GPT-4o 7.50, Claude 3.5 Sonnet 9.00, DeepSeek V3 API 0.55). Kept so the article’s
   * tables stay reproducible; the engine otherwise blends with an explicit input share.
   */
  seedBlendedPerMillionUsd?: number;
  /** Where the figures were read (a LiteLLM key, a host), and what they exclude (long-prompt tiers). */
  note?: string;
  /** The price table's entry behind these figures (cache, batch and long-context prices), when there is one. */
  entry?: PriceTableEntry;
}

/** The article’s "Quality Tier" column of its cost table. */
export type QualityTier = 'frontier' | 'strong';

export interface ModelCard extends Provenance {
  /** Canonical id, lower-case, e.g. "gpt-4o", "llama-3.1-70b". */
  id: string;
  /** Display name, e.g. "GPT-4o". */
  name: string;
  lab: string;
  access: Access;
  /** Total parameters in billions; undefined when not public. */
  paramsB?: number;
  /** Active parameters per token in billions (MoE); equals paramsB for dense models. */
  activeParamsB?: number;
  /** Free text for what is not a number, e.g. "Unknown (rumored 1.8T MoE)". */
  paramsNote?: string;
  architecture: Architecture;
  architectureNote?: string;
  /** Transformer shape, for the KV-cache estimate. Only where public. */
  layers?: number;
  kvHeads?: number;
  headDim?: number;
  /** Note on attention shape when the KV estimate needs one (e.g. MLA's compressed cache). */
  attentionNote?: string;
  license: string;
  contextTokens: number;
  availableSince?: string;
  /** Pay-per-token API price (for open models: the lab's or a host's API), when one exists. */
  price?: ApiPrice;
  /** Other names users write: case-insensitive ids, LiteLLM keys, display names. */
  aliases: string[];
  /** True for entries the article itself marks as projected or rumored (e.g. Llama 4). */
  projected?: boolean;
  /** "seed" for the models the article document discusses, "current" for newer ones. */
  generation: 'seed' | 'current';
  /** The article’s quality tier where it gives one; for current models, the catalog's own rating. */
  qualityTier?: QualityTier;
  /** Access as the source words it, when it says more than the Access value (e.g. "API + X Premium"). */
  accessNote?: string;
  /** For a name resolved through the price table: the host and entry whose price applies, and how the name was read. */
  servedBy?: { host: string; key: string; via: string[]; /** Other hosts that price the same model, when the name chose none. */ alternatives?: { host: string; key: string }[] };
}

export const BENCHMARK_CATEGORIES = ['knowledge', 'code', 'math', 'reasoning', 'safety', 'agentic', 'multilingual'] as const;
export type BenchmarkCategory = (typeof BENCHMARK_CATEGORIES)[number];
/** A benchmark's id in the catalog ("mmlu", "math500"): data, so a catalog can add one. */
export type BenchmarkId = string;

export interface BenchmarkDef {
  id: BenchmarkId;
  name: string;
  category: BenchmarkCategory;
  /** "percent" scores are 0–100; "level" scores are ordinal words mapped to numbers. */
  kind: 'percent' | 'level';
  description: string;
  /** For level benchmarks: the words, lowest first; a score's value is its 1-based rank here. */
  levels?: string[];
}

export interface Score extends Provenance {
  /** Numeric value; for level benchmarks, the rank of the level (higher is better). */
  value: number;
  /** What the source printed, when it is not the plain number: "95%+", "High", "Excellent". */
  display?: string;
}

export interface GpuSpec extends Provenance {
  id: string;
  name: string;
  /**
   * The memory a framework sees, in MiB, as nvidia-smi or rocm-smi reports it: an "80GB" A100
   * exposes 81,920 MiB (80 GiB), a "48GB" L40S only 46,068 MiB (45 GiB).
   */
  memoryMiB: number;
  /** The public log the memory was read from, where it is not the spec's own source. */
  memorySource?: string;
  bandwidthGBps: number;
  bf16Tflops: number;
  /** Default rental price per GPU-hour. */
  hourlyUsd: number;
  /** Where the hourly price comes from, when not from the spec's own source. */
  hourlyUsdSource?: Provenance;
  note?: string;
}

export interface QuantizationOption extends Provenance {
  id: string;
  name: string;
  /** Bytes per weight parameter, including block scales where the format has them. */
  bytesPerParam: number;
  /** Quality loss range in percent, as quoted; undefined when the source says "variable". */
  qualityLossPct?: { min: number; max: number };
  qualityLossNote?: string;
  /** Memory reduction against fp16, as a factor. */
  memoryReduction: number;
  /** Decode speed-up against fp16, as a factor range. */
  speedup: { min: number; max: number };
  method?: string;
  /** Where the format runs, as quoted (GGUF: "CPU + GPU hybrid, any hardware"). */
  platformNote?: string;
  /** How to read the figures when the source leaves them open. */
  note?: string;
  /** Quantization is only possible on weights you hold: never for API-only models. */
  availableForClosed: false;
}

export interface SelfHostSetup extends Provenance {
  id: string;
  /** The article’s label, e.g. "Llama 3.1 70B (INT4, 1x A100)". */
  name: string;
  model: string;
  gpu: string;
  gpus: number;
  quantization: string;
  /** Measured or quoted decode throughput per replica, tokens/s. */
  throughputTps: number;
  throughputNote: string;
}

/** A requirement's id ("data_privacy", "context_1m"): data, like the benchmarks. */
export type RequirementId = string;

export interface RequirementDef {
  id: RequirementId;
  title: string;
  /** The article’s decision-framework answer and reason, verbatim in meaning. */
  seedAnswer: string;
  seedReason: string;
  /** The article decision matrix's "Specific Model" column, as canonical ids. */
  seedModels: string[];
  /** Hard constraint (excludes candidates) or preference (scores them). */
  kind: 'constraint' | 'preference';
  /** Benchmarks that score candidates for this requirement. */
  benchmarks: BenchmarkId[];
}

export interface GapHistoryPoint {
  date: string;
  label: string;
  bestClosedMmlu: number;
  bestClosedModel: string;
  bestOpenMmlu: number;
  bestOpenModel: string;
  projected?: boolean;
}

/** The article’s prose, kept as structured text for hovers and the panel. */
export interface SeedText {
  whyGapsPersist: { topic: string; closedLabs?: string; openLabs?: string; description?: string }[];
  openModelAdvantages: { id: string; description: string; impact: string; withClosedModels: string; examples?: string }[];
  outlook: { id: string; prediction: string; confidence: string; driver: string }[];
  trajectoryChangers: { id: string; impact: string; likelihood: string }[];
  startupAdvice: { id: string; text: string }[];
  enterpriseAdvice: { id: string; text: string }[];
  whenSelfHostingMakesSense: string;
  definitions?: { openWeight: string; closedSource: string };
  /** The article’s warning on the safety gap, and the domains where it matters. */
  safetyWarning?: string;
  convergence?: { universal: { id: string; text: string }[]; differentiating: { id: string; text: string }[] };
  /** The summary's claims and takeaways, one per item. */
  keyClaims?: { id: string; text: string }[];
}

/** A place where the article document contradicts itself or the public record, and what is right. */
export interface SeedNote {
  id: string;
  /** The section of the article the claim is in. */
  where: string;
  /** What the article says. */
  seedSays: string;
  /** What the catalog and engine use instead, with the arithmetic or the source. */
  correction: string;
}

/** What a hard requirement demands of a candidate (model + deployment). */
export interface HardConstraint {
  /** Only this deployment qualifies. */
  deployment?: 'api' | 'self-hosted';
  /** Only open-weight models qualify. */
  openWeights?: boolean;
  minContextTokens?: number;
  /** Default monthly budget; recommend()'s budgetUsd overrides it. */
  maxMonthlyUsd?: number;
  /** Why, in the words shown next to an excluded candidate. */
  why: string;
}

/**
 * How well each kind of deployment meets a deployment preference, 0–1. The framework says
 * "Closed API (any provider)" for prototypes, so an open model behind an API gets half.
 */
export interface DeploymentFit {
  closedApi: number;
  openApi: number;
  selfHosted: number;
  why: string;
}

/** The contents of data/curated.json (its schema is data/curated.ts). */
export interface CuratedCatalog {
  /** The article the catalog grew from, as the source of the figures it gives. */
  seed: Provenance;
  /** Source and date of the curated cards' list prices. */
  pricing: Provenance;
  models: ModelCard[];
  benchmarks: BenchmarkDef[];
  scores: Record<string, Record<BenchmarkId, Score>>;
  instructionFollowingGapScores: Record<string, Score>;
  gpus: GpuSpec[];
  quantizations: QuantizationOption[];
  setups: SelfHostSetup[];
  requirements: RequirementDef[];
  hardConstraints: Record<RequirementId, HardConstraint>;
  deploymentFit: Record<RequirementId, DeploymentFit>;
}
