/** What Recommend takes and gives, as data: its options, its rows and why a candidate is left out. */
import type { WorkloadServing } from '../analysis/types';
import type { ModelCard, RequirementId } from '../catalog/types';
import type { WorkloadBilling } from '../pricing/apiCall';
import type { Pricing, RentedOffer } from '../pricing/offers';
import type { OwnedGpuConfig, QualityLevel } from '../config/schema';
import type { SetupQuality } from '../present/quality';
import type { CheaperOption } from '../sizing/cheapestSelfHost';

export type Deployment = 'api' | 'self-hosted';

export interface RecommendOptions {
  /** Monthly budget in USD; replaces budget_under_100's $100 and applies even without it. */
  budgetUsd?: number;
  /** Approved models (ids, aliases or names): nothing else is recommended. */
  allowedModels?: string[];
  /** A further restriction to these models. */
  only?: string[];
  /** Only the models the article discusses, as the article’s decision matrix does. */
  seedModelsOnly?: boolean;
  /**
   * Share of tokens that are input; when unset, the analysis's default (0.5), so that a
   * recommendation and the lens of the same workload give the same dollars. The article’s
   * blended prices (its own, unstated mixes) apply only to the article’s models in seed mode.
   */
  inputShare?: number;
  /**
   * How the workload a recommendation is for bills its API calls (WorkloadResult.billing: its
   * input share, batch, cache reads, prompt length, reasoning). An API option is then billed so,
   * as the workload's lens and the panel bill any API, over inputShare; without it, list prices.
   */
  billing?: WorkloadBilling;
  /** The month priced without a billing ("YYYY-MM"): a dated price as in effect then; the billing's own month over it. */
  month?: string;
  /** The file's GPU-hour price for any GPU (assumptions.gpuHourlyUsd or the setting), over the catalog's quotes; not the article's default. */
  gpuHourlyUsd?: number;
  /** GPU-hour prices by GPU catalog id (a config's assumptions.gpuPrices), over gpuHourlyUsd and the catalog's. */
  gpuPrices?: Readonly<Record<string, number>>;
  /** The mode a GPU offer is rented in where no price above applies; on demand when absent. */
  gpuPricing?: Pricing;
  /** Which weight formats a self-hosted option may use: near-lossless when absent (a command line's --quality). */
  quality?: QualityLevel;
  /** GPUs the project owns (assumptions.ownedGpus), by GPU catalog id: priced before a flat price and the offers. */
  ownedGpus?: Readonly<Record<string, OwnedGpuConfig>>;
  hoursPerMonth?: number;
  /**
   * What the workload a recommendation is for states: its request shape, peak and latency
   * targets. A self-hosted option is sized for them, as the workload's own lens sizes it;
   * without them, the analysis's defaults.
   */
  serving?: WorkloadServing;
}

/** A self-hosted setup as llm.config.json writes it (deployment.selfHosted): what a recommendation priced. */
export interface RecommendedSetup {
  gpu: string;
  gpus: number;
  quantization: string;
  /** Only for the article's setups, whose figure is the article's measured throughput. */
  throughputTps?: number;
  /**
   * The replicas the cost is for, as Recommend sized them (for the workload's peak): written
   * with the setup, so that the file bills what was shown even where its own assumptions
   * (utilization) would size fewer.
   */
  replicas: number;
}

export interface Recommendation {
  model: string;
  deployment: Deployment;
  monthlyCostUsd: number;
  /** For a self-hosted recommendation, the setup its cost is for: what Recommend writes, and nothing else. */
  setup?: RecommendedSetup;
  /** For a self-hosted recommendation priced by an offer: what each replica rents (whole instances of it). */
  offer?: RentedOffer;
  /** For a self-hosted recommendation the serving model sized: the quality of its weight format, with its words. */
  quality?: SetupQuality;
  /** Under near-lossless, a cheaper setup in a lossy or unmeasured format, said apart and never the pick. */
  cheaperOption?: CheaperOption;
  /** 0–100: fit to the requested preferences and the quality tier. */
  score: number;
  /**
   * The requested benchmark requirements the catalog has no figure for on this model: the
   * score leaves them out, and the ranking puts the row after every row rated on them.
   */
  unrated?: RequirementId[];
  reasons: string[];
}

/** Why a candidate is left out, as data: the panel and the CLI read the code, people read the reason. Not a finding code. */
export type ExclusionCode =
  | 'seed-models-only'
  | 'not-allowed'
  | 'not-in-only'
  | 'projected'
  | 'unknown-model'
  | 'unpriced'
  | 'does-not-fit'
  | 'needs-open-weights'
  | 'needs-deployment'
  | 'context-too-short'
  | 'over-budget';

export interface Exclusion {
  model: string;
  /** Set when only this way of running the model is excluded; the reason then starts with "api: " or "self-hosted: ". */
  deployment?: Deployment;
  exclusion: ExclusionCode;
  /** The requirement that rules the candidate out, for the codes that come from one. */
  requirement?: RequirementId;
  reason: string;
}

/** What constraintFailure finds: an exclusion without its model and deployment. */
export type Failure = Pick<Exclusion, 'exclusion' | 'requirement' | 'reason'>;

export interface RecommendResult {
  recommendations: Recommendation[];
  excluded: Exclusion[];
}

/** A way to run a model with its monthly cost, before it is checked and scored. */
export interface Candidate {
  model: ModelCard;
  deployment: Deployment;
  monthlyCostUsd: number;
  costReason: string;
  setup?: RecommendedSetup;
  offer?: RentedOffer;
  quality?: SetupQuality;
  cheaperOption?: CheaperOption;
}
