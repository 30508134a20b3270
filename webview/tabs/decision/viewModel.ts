/**
 * The Decision tab's view-model: the workload's requirements as toggles, and the ranking the
 * Recommend command gives for them (the engine's recommend() with the same options and the
 * same catalog), with what the requirements cost where they rule out a cheaper API.
 */
import { type Analysis, catalog, formatNumber, type RecommendedSetup, type RequirementId, seedDecisionMatrix, seedNotes, seedText } from '../../../src/engine';
import type { PanelInputs } from '../../../src/protocol';
import { activeRequirements, modelName, recommendFor, requirementCost, selectedWorkload, type DeploymentKind } from '../../viewModel';

export interface RequirementToggle {
  id: RequirementId;
  title: string;
  kind: 'constraint' | 'preference';
  checked: boolean;
  fromConfig: boolean;
}

export interface RecommendationRow {
  rank: number;
  model: string;
  name: string;
  deployment: DeploymentKind;
  /** "API", "Self-hosted: 1× l4 · int4-awq", or, for one of the article's measured setups, says so. */
  deploymentText: string;
  monthlyCostUsd: number;
  score: number;
  /** The requested benchmark requirements the catalog has no figure for on this model (empty when rated). */
  unrated: string[];
  reasons: string[];
}

export interface DecisionView {
  volumeM: number;
  workloadName: string;
  toggles: RequirementToggle[];
  recommendations: RecommendationRow[];
  excluded: { model: string; name: string; reason: string }[];
  /** What the requirements cost on this workload, in the lens's words; null when they rule out nothing cheaper. */
  requirementCost: string | null;
  matrix: { id: RequirementId; title: string; answer: string; models: string; reason: string; active: boolean }[];
  startupAdvice: { id: string; text: string }[];
  enterpriseAdvice: { id: string; text: string }[];
  whenSelfHostingMakesSense: string;
  /** Where the source document is wrong, and what the engine uses instead. */
  corrections: { id: string; where: string; seedSays: string; correction: string }[];
}

/**
 * How a recommendation runs. A setup with its own throughput is one of the article's batch-1
 * measurements (recommend() falls back to them where the serving model cannot size the model):
 * labelled as the article's, so that it is never read as the serving model's estimate.
 */
export function deploymentText(deployment: DeploymentKind, setup: RecommendedSetup | undefined): string {
  if (deployment === 'api') return 'API';
  if (!setup) return 'Self-hosted';
  const gpus = `${setup.gpus}× ${setup.gpu} · ${setup.quantization}${setup.replicas > 1 ? ` · ${setup.replicas} replicas` : ''}`;
  return setup.throughputTps === undefined ? `Self-hosted: ${gpus}` : `Self-hosted, the article’s batch-1 setup: ${gpus} · ${formatNumber(setup.throughputTps)} tok/s`;
}

export function decisionView(analysis: Analysis, inputs: PanelInputs): DecisionView {
  const index = selectedWorkload(analysis, inputs);
  const w = analysis.workloads[index];
  const fromConfig = new Set<RequirementId>(w?.requirements ?? analysis.requirements);
  const active = activeRequirements(analysis, inputs, w);
  const volumeM = w?.monthlyTokensM ?? 0;
  const result = recommendFor(analysis, active, volumeM, w);
  return {
    volumeM,
    workloadName: w?.name ?? '',
    toggles: catalog.requirements.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      checked: active.includes(r.id),
      fromConfig: fromConfig.has(r.id),
    })),
    recommendations: result.recommendations.map((r, i) => ({
      rank: i + 1,
      model: r.model,
      name: modelName(r.model),
      deployment: r.deployment,
      deploymentText: deploymentText(r.deployment, r.setup),
      monthlyCostUsd: r.monthlyCostUsd,
      score: r.score,
      unrated: r.unrated ?? [],
      reasons: r.reasons,
    })),
    excluded: result.excluded.map((e) => ({ model: e.model, name: modelName(e.model), reason: e.reason })),
    requirementCost: w ? requirementCost(w, active) : null,
    // The matrix as the source prints it; its framework's answer where the matrix has no row.
    matrix: catalog.requirements.map((r) => {
      const row = seedDecisionMatrix[r.id];
      return {
        id: r.id,
        title: row?.requirement ?? r.title,
        answer: row?.bestChoice ?? r.seedAnswer,
        models: row?.specificModel ?? r.seedModels.map(modelName).join(', '),
        reason: row?.reason ?? r.seedReason,
        active: active.includes(r.id),
      };
    }),
    startupAdvice: seedText.startupAdvice,
    enterpriseAdvice: seedText.enterpriseAdvice,
    whenSelfHostingMakesSense: seedText.whenSelfHostingMakesSense,
    corrections: seedNotes.map(({ id, where, seedSays, correction }) => ({ id, where, seedSays, correction })),
  };
}
