/**
 * What evaluating a workload reads and fills in: the document, the catalog, the file's
 * assumptions and GPU prices, and the caches one analysis shares across its workloads. Types
 * only, so that the modules that size, price and check a workload can share it without
 * importing each other.
 */
import type { Analysis, RelatedLocation, SelfHostResult, SwitchToRecommended } from './types';
import type { Catalog } from '../catalog';
import type { ApiPrice, RequirementId } from '../catalog/types';
import type { PriceUsed } from '../pricing/apiCall';
import type { RequestShape, SelfHostTargets } from '../sizing/cheapestSelfHost';
import type { ConfigDocument, TextRange } from '../config/document';
import type { Assumptions } from '../pricing/cost';
import type { GpuPriceRules } from '../pricing/gpuHour';
import type { QualityLevel } from '../config/schema';

/** Where a value is in the config (a JSON path), and a config object as parsed: what evaluating a workload reads. */
export type Path = (string | number)[];
export type Raw = Record<string, unknown>;

/** What the switch fixes of an analysis rank models with. */
export type RecommendOptions = Pick<SwitchToRecommended, 'allowedModels' | 'inputShare' | 'gpuHourlyUsd' | 'gpuPrices' | 'gpuPricing' | 'hoursPerMonth'>;

export interface AnalysisContext {
  doc: ConfigDocument;
  catalog: Catalog;
  assumptions: Assumptions;
  /** What the file (or the settings) says GPU-hours cost: every self-hosted figure is priced by these rules (gpuHourPrice). */
  gpuRules: GpuPriceRules;
  requirements: { id: RequirementId; range: TextRange }[];
  allowed: { ids: Set<string>; range: TextRange } | null;
  out: Analysis;
  /** Whether workloads are also compared with the catalog's reference models (AnalyzeOptions.compareWithCatalog). */
  compareWithCatalog: boolean;
  /** The default comparison setup per model id, shared by analyses with these assumptions (see defaultSetupsFor). */
  defaultSetups: Map<string, SelfHostResult | undefined>;
  /** Where each requirement is stated, shared by the findings that cite it. */
  related: Map<RequirementId, RelatedLocation[]>;
  /** The catalog price of each model at the file's input share. */
  catalogPrices: Map<ApiPrice, PriceUsed>;
  /** Alternatives sized without errors, by their setup (see alternativeSetup). */
  alternativeSetups: Map<string, SelfHostResult>;
  /**
   * The request shape, peak and latency targets of the workload being evaluated: what the
   * serving model sizes its setups with (set at the start of each workload).
   */
  serving?: { shape: RequestShape | undefined; targets: SelfHostTargets };
  /** Which weight formats a search may pick, over the file's selfHosted.quality (AnalyzeOptions.quality). */
  quality?: QualityLevel;
  /** What switch fixes rank models with (see recommendOptions). */
  recommendOptions?: RecommendOptions;
}

export type { PriceUsed } from '../pricing/apiCall';
