/**
 * What `analyze` returns: plain data with text offsets only, so each front end turns it
 * into its own ranges (VS Code positions, CLI line/column, webview rows).
 */
import type { JSONPath } from 'jsonc-parser';
import type { ModelCard, PricingProvenance, RequirementId } from '../catalog/types';
import type { Assumptions } from '../pricing/cost';
import type { WorkloadBilling } from '../pricing/apiCall';
import type { GpuHourSource } from '../pricing/gpuHour';
import type { Pricing, RentedOffer } from '../pricing/offers';
import type { OwnedGpuConfig } from '../config/schema';
import type { CheapestSelfHost, RequestShape } from '../sizing/cheapestSelfHost';
import type { TextRange } from '../config/document';
import type { Explanation } from '../present/explanation';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One JSON edit; `value: undefined` removes the property. Applied with jsonc-parser's `modify`. */
export interface FixEdit {
  path: JSONPath;
  value: unknown;
  /** Insert into the array at the path's index; a new property goes before `before` (see JsonChange). */
  insert?: boolean;
  before?: string;
}

export interface Fix {
  title: string;
  edits: FixEdit[];
  /** The fix to offer first (VS Code's "preferred" quick fix). */
  preferred?: boolean;
  /**
   * Set when the edits are computed on demand by `resolveFix`: ranking every model for
   * every conflicting workload would dominate the analysis of a large file, and only the
   * fixes a user asks for are ever applied.
   */
  deferred?: SwitchToRecommended;
}

export interface SwitchToRecommended {
  kind: 'switch-to-recommended';
  /** The best-ranked candidate, or the cheapest one that meets the requirement. */
  pick: 'top' | 'cheapest';
  /** JSON path of the workload. */
  path: JSONPath;
  requirement: RequirementId;
  currentModel: string;
  currentDeployment: 'api' | 'self-hosted';
  volumeM: number;
  allowedModels?: string[];
  inputShare: number;
  gpuHourlyUsd?: number;
  gpuPrices?: Record<string, number>;
  gpuPricing?: Pricing;
  hoursPerMonth: number;
  /** The workload sets blendedPricePerMillion: the old model's price, which the switch removes (and says so). */
  priceOverride?: boolean;
}

export interface RelatedLocation extends TextRange {
  message: string;
}

export interface Finding extends TextRange {
  severity: Severity;
  /** Stable identifier, e.g. "unknown-model", "does-not-fit", "conflict-data_privacy". */
  code: string;
  message: string;
  /** Index of the workload the finding belongs to, if any. */
  workload?: number;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

export type LensKind = 'total' | 'cost' | 'crossover' | 'cheapest';

export interface Lens extends TextRange {
  kind: LensKind;
  workload?: number;
  /** For a lens at one of the workload's alternatives: its index. */
  alternative?: number;
  title: string;
  /** How the figure was computed, as steps (explanationLines writes them out). */
  explanation: Explanation;
}

/** A figure-bearing field (volume, GPU, throughput…) and how its figures were computed. */
export interface Figure extends TextRange {
  workload: number;
  field: string;
  /** How its figures were computed, as steps. */
  explanation: Explanation;
}

/** Where a model id is written, for hovers. */
export interface ModelReference extends TextRange {
  /** The catalog id, or the text as written when the model is unknown. */
  modelId: string;
  known: boolean;
  /** The card the analysis used: a model the file declares, or a name resolved at a host's price, is in no catalog. */
  card?: ModelCard;
  workload?: number;
  /** An alternative's model id: the index of the alternative in its workload. */
  alternative?: number;
}

export interface SelfHostResult {
  model: string;
  gpu: string;
  gpus: number;
  quantization: string;
  throughputTps: number;
  /** Where the throughput comes from: the config, the article's setup, the decode roofline, or the serving model's cheapest setup. */
  throughputSource: 'config' | 'seed' | 'roofline' | 'serving';
  /** Requests in flight one replica runs, where the engine sized the throughput (the serving model's, or the roofline's at the assumptions' concurrency); absent for a throughput the config or the article states. */
  concurrency?: number;
  capacityTokensM: number;
  replicas: number;
  replicasNeeded: number;
  gpuHourlyUsd: number;
  /** Which rule priced the GPU-hour (gpuHourPrice's precedence), where the setup was priced by it. */
  gpuHourSource?: GpuHourSource;
  /** The offer each replica rents, where an offer priced the GPU-hour: fixedMonthlyUsd pays for its gpusRented, whole instances. */
  offer?: RentedOffer;
  /** On GPUs the project owns: the offer that would rent the same GPUs instead (its monthlyUsd is one replica's), for rent against own. */
  rentInstead?: RentedOffer;
  fixedMonthlyUsd: number;
  /**
   * Where the serving model estimated the throughput: its P10–P90 (the calibration's held-out
   * residuals of its class) carried to a replica's capacity, the replicas the volume needs
   * and their monthly cost. `low` is the low end of each figure.
   */
  band?: SetupBand;
  /** For a setup the cheapest-setup search sized (a comparison), the capacity's P10–P90 alone. */
  capacityBandM?: { low: number; high: number };
  costPerMillionAtCapacityUsd: number;
  memoryNeededGB: number;
  memoryAvailableGB: number;
  fits: boolean;
  /** "1× a100-80gb · int4 · 25 tok/s" */
  label: string;
  /** How the figures were computed, as steps. */
  explanation: Explanation;
}

export interface SetupBand {
  throughputTps: { low: number; high: number };
  capacityTokensM: { low: number; high: number };
  replicas: { low: number; high: number };
  monthlyUsd: { low: number; high: number };
}

/** The cheapest way to self-host an alternative's model at the workload's volume, beside the setup the file declares. */
export interface AlternativeCheapest {
  /** Index in the workload's alternatives. */
  alternative: number;
  /** Where the alternative's model name is written. */
  offset: number;
  length: number;
  model: string;
  cheapest: CheapestSelfHost;
  /** The declared setup's cost at this volume (whole replicas), or null when it does not fit or cannot be sized. */
  declaredMonthlyUsd: number | null;
}

export interface CrossoverResult {
  apiModel: string;
  selfHostModel: string;
  apiPricePerMillionUsd: number;
  selfHostFixedMonthlyUsd: number;
  selfHostCapacityTokensM: number;
  /** The capacity's P10–P90, where the serving model estimated the setup (SetupBand). */
  selfHostCapacityBandM?: { low: number; high: number };
  crossoverTokensM: number;
  makesSense: boolean;
  breakEvenThroughputTps: number;
  /** The self-hosted setup compared, as data; `selfHostLabel` is its words ("1× a100-80gb · int4 · 25 tok/s"). */
  selfHostSetup: { gpu: string; gpus: number; quantization: string; throughputTps: number; concurrency?: number; gpuHourlyUsd: number; gpuHourSource?: GpuHourSource; offer?: RentedOffer };
  selfHostLabel: string;
  /** "alternative" when the config names it, "default" when the engine chose it. */
  /** 'alternative-cheapest': the cheapest setup of an alternative's model, found by the serving model. */
  origin: 'alternative' | 'alternative-cheapest' | 'default';
  /** The requirement that rules the compared side out (data_privacy rules out an API): never presented as cheaper, its cost is said instead. */
  ruledOutBy?: RequirementId;
}

/** A self-hosted workload's day of traffic, sized hour by hour (analysis/workloadTraffic.ts), as plain data. */
export interface DayTraffic {
  /** Replicas run in each hour, 0 to 23 (what the traffic needs, also where replicas is set). */
  hourlyReplicas: number[];
  /** The most replicas the day runs at once (its busiest hour's), or the fleet replicas sets. */
  mostReplicas: number;
  replicaStartsPerDay: number;
  /** GPU-hours paid a month: busy + idle. */
  gpuHoursPerMonth: number;
  busyGpuHoursPerMonth: number;
  idleGpuHoursPerMonth: number;
  /** The month with replicas for the busiest hour around the clock: what the day saves against. */
  flatMonthlyUsd: number;
  /** replicas is set: the fleet runs every hour, priced as written; the traffic gives its idle share only. */
  replicasFixed: boolean;
}

/** A workload's serving needs, as plain data (see WorkloadResult.serving). */
export interface WorkloadServing {
  shape: RequestShape;
  peakToAverage: number;
  ttftMs?: number;
  tpotMs?: number;
}

export interface WorkloadResult extends TextRange {
  index: number;
  name: string;
  /** Canonical id when the model is known, else the text as written. */
  model: string;
  modelKnown: boolean;
  deployment: 'api' | 'self-hosted';
  monthlyTokensM: number;
  /** null when no price can be given (unknown price, or a setup that does not fit). */
  monthlyCostUsd: number | null;
  /** On owned GPUs: the same replicas rented from the offer that rents them (rent against own), where one does. */
  rentInstead?: { offer: RentedOffer; monthlyUsd: number };
  /** A self-hosted cost's P10–P90, where the serving model sized the setup and the replicas follow the volume. */
  monthlyCostBandUsd?: { low: number; high: number };
  /** Prices the workload's billing asks for that the source lacks ("batch"): billed at the standard rate, and the lens says so. */
  missingPrices?: string[];
  /** Why there is no cost where the serving model does not estimate the setup ("fp8 on 2× a100-80gb"): the lens says so. */
  notModelled?: string;
  /** The setup no GPU-hour price applies to ("2× l4": no offer rents it, the file prices it nowhere): the lens says so. */
  notPriced?: string;
  costPerMillionUsd: number | null;
  /** Of monthlyCostUsd, the GPU-hours paid and not serving, where the setup states its traffic (selfHosted.traffic). */
  idleMonthlyUsd?: number;
  /** The day of traffic that sized the setup, where the file states one. */
  dayTraffic?: DayTraffic;
  apiPricePerMillionUsd: number | null;
  /** How the workload's API calls are billed (its input share, cache reads, batch, prompt length, reasoning): any API is priced for it with these (workloadApiPrice). */
  billing: WorkloadBilling;
  selfHost: SelfHostResult | null;
  crossovers: CrossoverResult[];
  /** For an open model: the cheapest self-hosted setup for this volume by the serving model, when it can be sized. */
  cheapestSelfHost: CheapestSelfHost | null;
  /** On an API workload: the cheapest setup, by the serving model, of each self-hosted alternative of an open model. */
  alternativeCheapest: AlternativeCheapest[];
  /**
   * What a self-hosted setup is sized for, as the file states it (or the defaults): the request
   * shape, the peak over the average, the latency targets. Another model's setup for this
   * workload (the panel's) is searched with the same.
   */
  serving: WorkloadServing;
  requirements: RequirementId[];
  /** How the figures were computed, as steps: numbers kept as numbers, written out when read. */
  explanation: Explanation;
}

export interface Analysis {
  /** False when the text has JSON syntax errors (the rest is computed from what parsed). */
  syntaxOk: boolean;
  assumptions: Assumptions;
  /** The file's GPU-hour prices by GPU catalog id (assumptions.gpuPrices, the GPUs the catalog knows). */
  gpuPrices: Record<string, number>;
  /** The file's (or the settings') GPU-hour price for any GPU it does not price by name (assumptions.gpuHourlyUsd); absent when each GPU's catalog quote applies. */
  gpuHourlyUsd?: number;
  /** The mode a GPU offer is rented in (assumptions.pricing, or the command line's --pricing); on demand when neither says. */
  gpuPricing: Pricing;
  /** The file's owned GPUs (assumptions.ownedGpus) by GPU catalog id, the entries the schema accepts. */
  ownedGpus?: Record<string, OwnedGpuConfig>;
  requirements: RequirementId[];
  allowedModels: string[] | null;
  /** Where the prices come from, what their date is, and whether they are stale. */
  pricing: PricingProvenance;
  /** The sum over the priced workloads only: see `unpricedWorkloads`, never counted as $0. */
  totalMonthlyCostUsd: number;
  /** Workloads of the file with no price (unknown model, no price, a setup that does not fit, an invalid entry). */
  unpricedWorkloads: { index: number; name: string }[];
  findings: Finding[];
  lenses: Lens[];
  figures: Figure[];
  modelReferences: ModelReference[];
  workloads: WorkloadResult[];
}
