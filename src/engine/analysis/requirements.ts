/**
 * Requirement conflicts: a workload whose model or deployment contradicts a requirement
 * of the project (or of the workload), each citing the figures behind it.
 */
import type { Fix, FixEdit, RelatedLocation, Severity, WorkloadResult } from './types';
import { catalog, type Catalog } from '../catalog';
import type { BenchmarkId, ModelCard, RequirementId } from '../catalog/types';
import { formatTokensM, formatUsd } from '../pricing/cost';
import { recommend, type RecommendedSetup } from '../decide/decide';
import { valueAt, type TextRange } from '../config/document';
import type { AnalysisContext, Path, RecommendOptions } from './context';

export type { RecommendOptions } from './context';

interface Conflict {
  severity: Severity;
  message: string;
}

export function checkRequirements(ctx: AnalysisContext, w: WorkloadResult, model: ModelCard | undefined, modelRange: TextRange, path: Path): void {
  if (!model) return;
  for (const requirement of w.requirements) {
    const conflict = conflictOf(ctx, requirement, w, model);
    if (!conflict) continue;
    // What the fixes need of the analysis, and no more: a finding outlives its analysis's text.
    const options = recommendOptions(ctx);
    const priceOverride = valueAt(ctx.doc.value, [...path, 'blendedPricePerMillion']) !== undefined;
    // Plain data: the fixes are deferred records (resolveFix ranks the models when a code
    // action asks), so the finding survives structuredClone and JSON as it is.
    ctx.out.findings.push({
      severity: conflict.severity,
      code: `conflict-${requirement}`,
      message: conflict.message,
      offset: modelRange.offset,
      length: modelRange.length,
      workload: w.index,
      related: relatedTo(ctx, requirement),
      fixes: switchFixes(options, requirement, w, path, priceOverride),
    });
  }
}

/** Where the project states a requirement; one list per requirement, shared by its findings. */
function relatedTo(ctx: AnalysisContext, requirement: RequirementId): RelatedLocation[] {
  let related = ctx.related.get(requirement);
  if (!related) {
    const source = ctx.requirements.find((r) => r.id === requirement);
    related = source ? [{ ...source.range, message: `requirement "${requirement}"` }] : [];
    ctx.related.set(requirement, related);
  }
  return related;
}

/** Conflicts that depend on the model alone: worked out once per catalog, like its leaders. */
const BY_MODEL = new Set<RequirementId>(['context_1m', 'fine_tuning', 'maximum_safety', 'best_math_code', 'chinese_language', 'agentic_tool_use']);
const modelConflicts = new WeakMap<Catalog, Map<string, Map<RequirementId, Conflict | undefined>>>();

function conflictOf(ctx: AnalysisContext, requirement: RequirementId, w: WorkloadResult, model: ModelCard): Conflict | undefined {
  if (!BY_MODEL.has(requirement)) return workloadConflict(requirement, w, model);
  let byModel = modelConflicts.get(ctx.catalog);
  if (!byModel) modelConflicts.set(ctx.catalog, (byModel = new Map()));
  let byRequirement = byModel.get(model.id);
  if (!byRequirement) byModel.set(model.id, (byRequirement = new Map()));
  if (!byRequirement.has(requirement)) byRequirement.set(requirement, modelConflict(ctx.catalog, requirement, model));
  return byRequirement.get(requirement);
}

function workloadConflict(requirement: RequirementId, w: WorkloadResult, model: ModelCard): Conflict | undefined {
  switch (requirement) {
    case 'data_privacy':
      return w.deployment === 'api'
        ? { severity: 'error', message: `data_privacy: ${model.name} runs through a third-party API, so prompts leave your infrastructure.${model.access === 'api-only' ? ` Its weights are not released: choose an open-weight model and self-host it.` : ' Self-host it instead.'}` }
        : undefined;
    case 'budget_under_100':
      return w.monthlyCostUsd !== null && w.monthlyCostUsd > 100
        ? { severity: 'warning', message: `budget_under_100: this workload costs ${formatUsd(w.monthlyCostUsd)}/mo at ${formatTokensM(w.monthlyTokensM)} tok/mo, over the $100/month budget.` }
        : undefined;
    case 'quick_prototype':
      return w.deployment === 'self-hosted'
        ? { severity: 'information', message: 'quick_prototype: self-hosting means GPUs and a serving stack to run; an API needs no infrastructure.' }
        : undefined;
    default:
      return undefined; // production_at_scale: covered by the crossover findings, which compare costs at the volume
  }
}

function modelConflict(cat: Catalog, requirement: RequirementId, model: ModelCard): Conflict | undefined {
  switch (requirement) {
    case 'context_1m':
      return model.contextTokens < 1_000_000
        ? { severity: 'error', message: `context_1m: ${model.name} holds ${formatContext(model.contextTokens)} tokens of context; the requirement needs 1M.` }
        : undefined;
    case 'fine_tuning':
      return model.access === 'api-only'
        ? { severity: 'warning', message: `fine_tuning: ${model.name}'s weights are not released; fine-tuning is limited to what its provider's API allows.` }
        : undefined;
    case 'maximum_safety':
      return weakerOn(cat, requirement, model, ['harmfulRefusal', 'jailbreakResistance', 'truthfulqa', 'calibration'], 'warning');
    case 'best_math_code':
      return weakerOn(cat, requirement, model, ['math500', 'humaneval'], 'information');
    case 'chinese_language':
      return weakerOn(cat, requirement, model, ['chinese'], 'information');
    case 'agentic_tool_use':
      return weakerOn(cat, requirement, model, ['toolUse', 'multiStepPlanning', 'selfCorrection'], 'information');
    default:
      return undefined;
  }
}

function formatContext(tokens: number): string {
  return tokens >= 1_000_000 ? `${tokens / 1_000_000}M` : `${Math.round(tokens / 1000)}K`;
}

const leaders = new WeakMap<Catalog, Map<BenchmarkId, string | undefined>>();

/** The model with the highest score on a benchmark, computed once per catalog. */
function leaderOf(cat: Catalog, bench: BenchmarkId): string | undefined {
  let byBench = leaders.get(cat);
  if (!byBench) leaders.set(cat, (byBench = new Map()));
  if (!byBench.has(bench)) {
    const best = Object.entries(cat.scores)
      .filter(([, s]) => s[bench] !== undefined)
      .sort(([, a], [, b]) => b[bench]!.value - a[bench]!.value)[0];
    byBench.set(bench, best?.[0]);
  }
  return byBench.get(bench);
}

/** Compares the model with the catalog's leader on each benchmark and cites both figures. */
function weakerOn(cat: Catalog, requirement: RequirementId, model: ModelCard, benches: BenchmarkId[], severity: Severity): Conflict | undefined {
  const scores = cat.scores;
  const name = (id: BenchmarkId) => cat.benchmarks.find((b) => b.id === id)?.name ?? id;
  const shown = (modelId: string, id: BenchmarkId) => {
    const s = scores[modelId]?.[id];
    return s ? (s.display ?? String(s.value)) : undefined;
  };
  const gaps: string[] = [];
  let leaderName: string | undefined;
  for (const bench of benches) {
    const own = scores[model.id]?.[bench];
    const leaderId = leaderOf(cat, bench);
    if (!leaderId) continue;
    if (own && own.value >= scores[leaderId]![bench]!.value) continue;
    leaderName = cat.models.find((m) => m.id === leaderId)?.name ?? leaderId;
    gaps.push(`${name(bench)} ${own ? shown(model.id, bench) : 'not reported'} vs ${leaderName} ${shown(leaderId, bench)}`);
  }
  if (!gaps.length) return undefined;
  return { severity, message: `${requirement}: ${model.name} trails the leader — ${gaps.join('; ')}.` };
}

/**
 * "Switch to X": the best-ranked candidate, and the cheapest one when that is another, so a
 * user is never offered only a fix that multiplies the bill. Resolved on demand by `resolveFix`.
 */

/** The options every switch fix of an analysis ranks models with, made once per analysis. */
function recommendOptions(ctx: AnalysisContext): RecommendOptions {
  return (ctx.recommendOptions ??= {
    ...(ctx.allowed ? { allowedModels: [...ctx.allowed.ids] } : {}),
    inputShare: ctx.assumptions.inputShare,
    ...(ctx.gpuRules.gpuHourlyUsd !== undefined ? { gpuHourlyUsd: ctx.gpuRules.gpuHourlyUsd } : {}),
    ...(ctx.gpuRules.gpuPrices?.size ? { gpuPrices: Object.fromEntries(ctx.gpuRules.gpuPrices) } : {}),
    ...(ctx.gpuRules.pricing ? { gpuPricing: ctx.gpuRules.pricing } : {}),
    hoursPerMonth: ctx.assumptions.hoursPerMonth,
  });
}

function switchFixes(options: RecommendOptions, requirement: RequirementId, w: WorkloadResult, path: Path, priceOverride: boolean): Fix[] {
  const deferred = (pick: 'top' | 'cheapest'): Fix => ({
    title: pick === 'top' ? `Switch to the model recommended for ${requirement}` : `Switch to the cheapest model that meets ${requirement}`,
    edits: [],
    ...(pick === 'top' ? { preferred: true } : {}),
    deferred: {
      kind: 'switch-to-recommended',
      pick,
      path,
      requirement,
      currentModel: w.model,
      currentDeployment: w.deployment,
      volumeM: w.monthlyTokensM,
      ...(priceOverride ? { priceOverride } : {}),
      ...options,
    },
  });
  return [deferred('top'), deferred('cheapest')];
}

/**
 * A fix with its title and edits filled in; undefined when a deferred fix has nothing to
 * offer (no other model qualifies). Fixes without `deferred` come back as they are.
 */
export function resolveFix(fix: Fix, cat: Catalog = catalog): Fix | undefined {
  const d = fix.deferred;
  if (!d) return fix;
  const result = recommend([d.requirement], d.volumeM, {
    allowedModels: d.allowedModels,
    inputShare: d.inputShare,
    gpuHourlyUsd: d.gpuHourlyUsd,
    ...(d.gpuPrices ? { gpuPrices: d.gpuPrices } : {}),
    ...(d.gpuPricing ? { gpuPricing: d.gpuPricing } : {}),
    hoursPerMonth: d.hoursPerMonth,
  }, cat);
  const others = result.recommendations.filter((r) => r.model !== d.currentModel || r.deployment !== d.currentDeployment);
  const best = others[0];
  const cheapest = [...others].sort((a, b) => a.monthlyCostUsd - b.monthlyCostUsd)[0];
  const pick = d.pick === 'top' ? best : cheapest;
  // The cheapest fix is only worth offering when it is not the top one.
  if (!pick || (d.pick === 'cheapest' && pick === best)) return undefined;
  return {
    // The old model's price override cannot apply to the new one: the title says it goes.
    title: `Switch to ${pick.model} (${pick.deployment}, ${formatUsd(pick.monthlyCostUsd)}/mo)${d.priceOverride ? ', removes the price override' : ''}`,
    edits: modelChangeEdits(cat, d.path, pick.model, pick.deployment, pick.setup),
    ...(fix.preferred ? { preferred: true } : {}),
  };
}

/**
 * Edits that move a workload to a model and deployment: self-hosted on the setup the
 * recommendation priced (what its title's dollars are for), else the article's setup for the
 * model; a self-hosted move with neither keeps the workload's deployment as it is.
 */
export function modelChangeEdits(cat: Catalog, path: Path, model: string, deployment: 'api' | 'self-hosted', priced?: RecommendedSetup): FixEdit[] {
  const article = cat.setups.find((s) => s.model === model);
  const setup = priced ?? (article && { gpu: article.gpu, gpus: article.gpus, quantization: article.quantization, throughputTps: article.throughputTps });
  if (deployment === 'self-hosted' && !setup) return [{ path: [...path, 'model'], value: model }, { path: [...path, 'blendedPricePerMillion'], value: undefined }];
  const deploymentValue = deployment === 'api' ? 'api' : { selfHosted: { ...setup } };
  return [
    { path: [...path, 'model'], value: model },
    { path: [...path, 'deployment'], value: deploymentValue },
    // A blended price belongs to the old model.
    { path: [...path, 'blendedPricePerMillion'], value: undefined },
  ];
}
