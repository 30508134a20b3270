/**
 * recommend() for a workload of an analysed file: the one set of options the Recommend
 * command and the panel's Decision tab pass, so that both rank the same candidates at the
 * same prices (the file's allowed models, input share, GPU-hour prices and hours, and the
 * workload's own shape and billing when it is for one).
 */
import type { Analysis, WorkloadResult } from '../analysis/types';
import type { Catalog } from '../catalog';
import type { RequirementId } from '../catalog/types';
import { recommend, type RecommendResult } from './decide';

export function recommendForAnalysis(
  analysis: Analysis,
  requirements: readonly RequirementId[],
  volumeM: number,
  cat: Catalog,
  budgetUsd?: number,
  /**
   * The workload it is for: a setup is sized for its request shape, peak and latency targets,
   * and an API billed as its calls are (batch, cache reads…), as its lens sizes and bills them.
   */
  workload?: Pick<WorkloadResult, 'serving' | 'billing'>,
): RecommendResult {
  const a = analysis.assumptions;
  return recommend(
    requirements,
    volumeM,
    {
      ...(budgetUsd === undefined ? {} : { budgetUsd }),
      ...(analysis.allowedModels ? { allowedModels: analysis.allowedModels } : {}),
      inputShare: workload?.billing.inputShare ?? a.inputShare,
      ...(analysis.gpuHourlyUsd !== undefined ? { gpuHourlyUsd: analysis.gpuHourlyUsd } : {}),
      gpuPrices: analysis.gpuPrices,
      gpuPricing: analysis.gpuPricing,
      ...(analysis.ownedGpus ? { ownedGpus: analysis.ownedGpus } : {}),
      hoursPerMonth: a.hoursPerMonth,
      // Without a workload, the APIs are still priced for the analysis's month (dated prices).
      ...(workload ? { serving: workload.serving, billing: workload.billing } : {}),
      ...(a.month !== undefined ? { month: a.month } : {}),
    },
    cat,
  );
}
