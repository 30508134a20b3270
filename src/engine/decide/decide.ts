/**
 * Recommendations from the catalog for a set of requirements at a monthly volume: the
 * requirements that rule a candidate out, and the score that ranks the rest. Pure functions.
 * The pool of models is pool.ts's; what each candidate costs is candidates.ts's; the article's gap-by-domain table
 * is in gaps.ts, re-exported here for the engine's entry.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog';
import { COST_DECADES, COST_WEIGHT, deploymentFit, hardConstraints, PREFERENCE_WEIGHT, TIER_WEIGHT, tierScore } from '../catalog/decisions';
import type { BenchmarkId, ModelCard, RequirementId, Score } from '../catalog/types';
import { formatTokensM } from '../pricing/cost';
import { candidatesFor, deploymentExclusion } from './candidates';
import { formatContext } from './gaps';
import { modelPool } from './pool';
import { money } from './prices';
import type { Candidate, Exclusion, Failure, Recommendation, RecommendOptions, RecommendResult } from './types';

export type { Deployment, Exclusion, ExclusionCode, Recommendation, RecommendedSetup, RecommendOptions, RecommendResult } from './types';

export { apiBlendedPrice, gpuRulesOf, selfHostedMonthlyCost, type PriceOptions, type SelfHostedCost } from './prices';

export { formatContext, gapByDomain, TIE_THRESHOLD_POINTS, type DomainGap, type DomainLeader, type GapDomainId, type SeedGapSummary } from './gaps';

export function recommend(
  requirements: readonly RequirementId[],
  volumeM: number,
  options: RecommendOptions = {},
  cat: Catalog = bundledCatalog,
): RecommendResult {
  volumeM = Math.max(0, volumeM);
  const excluded: Exclusion[] = [];
  const pool = modelPool(cat, options, excluded);
  const priced = pool.flatMap((model) => candidatesFor(cat, model, volumeM, options, excluded));
  const eligible = priced.filter((c) => {
    const failure = constraintFailure(c, requirements, volumeM, options);
    if (failure) excluded.push(deploymentExclusion(c.model, c.deployment, failure));
    return !failure;
  });
  const recommendations = eligible.map((c) => scoreCandidate(cat, c, eligible, requirements, volumeM, options));
  // A candidate the catalog has no figure for on a requested benchmark is not ranked on it,
  // so its score is not comparable with a rated one's: the rated come first, then those
  // unrated on one requirement, and so on (each group by score).
  recommendations.sort(
    (a, b) =>
      (a.unrated?.length ?? 0) - (b.unrated?.length ?? 0) ||
      (a.unrated?.join() ?? '').localeCompare(b.unrated?.join() ?? '') ||
      b.score - a.score ||
      a.monthlyCostUsd - b.monthlyCostUsd ||
      a.model.localeCompare(b.model) ||
      a.deployment.localeCompare(b.deployment),
  );
  return { recommendations, excluded };
}

function constraintFailure(c: Candidate, requirements: readonly RequirementId[], volumeM: number, options: RecommendOptions): Failure | undefined {
  for (const requirement of requirements) {
    const rule = hardConstraints.get(requirement);
    if (!rule || rule.maxMonthlyUsd !== undefined) continue;
    if (rule.openWeights && c.model.access !== 'open-weight') {
      return { exclusion: 'needs-open-weights', requirement, reason: `${requirement} needs open weights (${rule.why}); ${c.model.name} is API-only` };
    }
    if (rule.deployment && c.deployment !== rule.deployment) {
      return { exclusion: 'needs-deployment', requirement, reason: `${requirement} needs a ${rule.deployment} deployment (${rule.why})` };
    }
    if (rule.minContextTokens !== undefined && c.model.contextTokens < rule.minContextTokens) {
      const held = c.model.contextTokens > 0 ? `${formatContext(c.model.contextTokens)} context` : 'context length unknown';
      return { exclusion: 'context-too-short', requirement, reason: `${requirement}: ${held}; ${rule.why}` };
    }
  }
  const budget = budgetOf(requirements, options);
  if (budget !== undefined && c.monthlyCostUsd > budget) {
    return { exclusion: 'over-budget', reason: `budget: ${money(c.monthlyCostUsd)}/mo at ${formatTokensM(volumeM)} tok is over the ${money(budget)}/mo budget` };
  }
  return undefined;
}

function budgetOf(requirements: readonly RequirementId[], options: RecommendOptions): number | undefined {
  if (options.budgetUsd !== undefined) return options.budgetUsd;
  return requirements.includes('budget_under_100') ? hardConstraints.get('budget_under_100')?.maxMonthlyUsd : undefined;
}

function scoreCandidate(
  cat: Catalog,
  c: Candidate,
  eligible: readonly Candidate[],
  requirements: readonly RequirementId[],
  volumeM: number,
  options: RecommendOptions,
): Recommendation {
  const reasons = [c.costReason, ...qualityReasons(c), ...constraintReasons(c, requirements, volumeM, options)];
  const fits: number[] = [];
  const unrated: RequirementId[] = [];
  for (const requirement of requirements) {
    const deployment = deploymentFit.get(requirement);
    if (deployment) {
      const fit = c.deployment === 'self-hosted' ? deployment.selfHosted : c.model.access === 'api-only' ? deployment.closedApi : deployment.openApi;
      fits.push(fit);
      reasons.push(`${requirement}: ${fit === 1 ? deployment.why : `partial fit (${fit}); prefers ${deployment.why}`}`);
      continue;
    }
    const benchmarks = cat.requirements.find((r) => r.id === requirement)?.benchmarks ?? [];
    const fit = benchmarkFit(cat, c, eligible, benchmarks, reasons);
    if (fit === 'unrated') {
      unrated.push(requirement);
      reasons.push(`${requirement}: not ranked on it, no figure in the catalog (${benchmarks.map((b) => benchmarkName(cat, b)).join(', ')})`);
    } else if (fit !== undefined) fits.push(fit);
    else if (benchmarks.length) reasons.push(`${requirement}: no candidate has a figure for ${benchmarks.map((b) => benchmarkName(cat, b)).join(', ')}`);
  }
  const tier = c.model.qualityTier ?? 'unrated';
  reasons.push(
    tier === 'unrated'
      ? 'quality tier: not rated'
      : `quality tier: ${tier} (${c.model.generation === 'seed' ? 'article’s cost table' : 'catalog rating'})`,
  );
  const cost = costScore(c, eligible);
  const times = c.monthlyCostUsd / cheapestOf(eligible);
  // toFixed writes 1e21 and more as an exponent (and a free cheapest candidate makes it infinite).
  const timesText = times < 1e6 ? `${times.toFixed(1)}×` : 'over a million times';
  reasons.push(`cost: ${money(c.monthlyCostUsd)}/mo${cost < 1 ? ` (${timesText} the cheapest candidate)` : ' (the cheapest candidate)'}`);
  const preference = fits.length ? fits.reduce((s, f) => s + f, 0) / fits.length : undefined;
  const quality = tierScore[tier];
  const raw =
    preference === undefined
      ? ((PREFERENCE_WEIGHT + TIER_WEIGHT) * quality + COST_WEIGHT * cost)
      : PREFERENCE_WEIGHT * preference + TIER_WEIGHT * quality + COST_WEIGHT * cost;
  return {
    model: c.model.id,
    deployment: c.deployment,
    monthlyCostUsd: c.monthlyCostUsd,
    ...(c.setup ? { setup: c.setup } : {}),
    ...(c.offer ? { offer: c.offer } : {}),
    ...(c.quality ? { quality: c.quality } : {}),
    ...(c.cheaperOption ? { cheaperOption: c.cheaperOption } : {}),
    score: Math.round(raw * 10) / 10,
    ...(unrated.length ? { unrated } : {}),
    reasons,
  };
}

/** The weights a self-hosted row runs and what they keep of the published ones; a cheaper lossy setup said apart. */
function qualityReasons(c: Candidate): string[] {
  if (!c.quality) return [];
  return [
    `weights: ${c.quality.words}`,
    ...(c.cheaperOption ? [`cheaper in a format not shown near-lossless: ${c.cheaperOption.label} (${c.cheaperOption.quality.words})`] : []),
  ];
}

function cheapestOf(eligible: readonly Candidate[]): number {
  return Math.min(...eligible.map((c) => c.monthlyCostUsd));
}

/** 1 for the cheapest candidate, falling by 1/COST_DECADES for each ten-fold step above it. */
function costScore(c: Candidate, eligible: readonly Candidate[]): number {
  const cheapest = cheapestOf(eligible);
  if (!(cheapest > 0) || !(c.monthlyCostUsd > cheapest)) return 1;
  return Math.max(0, 1 - Math.log10(c.monthlyCostUsd / cheapest) / COST_DECADES);
}

/**
 * Mean of value ÷ best value among the eligible candidates, a missing figure counting 0;
 * undefined when no candidate has a figure, 'unrated' when others have one and this one none
 * (a score of 0 would rank it as the worst at what nobody measured it on).
 */
function benchmarkFit(cat: Catalog, c: Candidate, eligible: readonly Candidate[], benchmarks: readonly BenchmarkId[], reasons: string[]): number | 'unrated' | undefined {
  const ratios: number[] = [];
  const lines: string[] = [];
  let figures = 0;
  for (const id of benchmarks) {
    const name = benchmarkName(cat, id);
    const best = bestAmong(cat, eligible, id);
    if (!best) continue;
    const own = cat.scores[c.model.id]?.[id];
    if (own) figures++;
    ratios.push(own ? own.value / best.score.value : 0);
    if (!own) lines.push(`${name}: no figure in the catalog`);
    else if (own.value >= best.score.value) lines.push(`${name} ${shown(own)} (best of candidates)`);
    else lines.push(`${name} ${shown(own)} (best ${shown(best.score)}, ${best.model.name})`);
  }
  if (!ratios.length) return undefined;
  if (figures === 0) return 'unrated';
  reasons.push(...lines);
  return ratios.reduce((s, r) => s + r, 0) / ratios.length;
}

function bestAmong(cat: Catalog, eligible: readonly Candidate[], id: BenchmarkId): { model: ModelCard; score: Score } | undefined {
  let best: { model: ModelCard; score: Score } | undefined;
  for (const c of eligible) {
    const score = cat.scores[c.model.id]?.[id];
    if (score && (!best || score.value > best.score.value)) best = { model: c.model, score };
  }
  return best;
}

function benchmarkName(cat: Catalog, id: BenchmarkId): string {
  return cat.benchmarks.find((b) => b.id === id)?.name ?? id;
}
function shown(score: Score): string {
  return score.display ?? String(score.value);
}

function constraintReasons(c: Candidate, requirements: readonly RequirementId[], volumeM: number, options: RecommendOptions): string[] {
  const reasons: string[] = [];
  for (const requirement of requirements) {
    const rule = hardConstraints.get(requirement);
    if (!rule || rule.maxMonthlyUsd !== undefined) continue;
    if (rule.minContextTokens !== undefined) reasons.push(`${requirement}: ${formatContext(c.model.contextTokens)}-token context`);
    else reasons.push(`${requirement}: open weights, self-hosted (${rule.why})`);
  }
  const budget = budgetOf(requirements, options);
  if (budget !== undefined) reasons.push(`budget: ${money(c.monthlyCostUsd)}/mo at ${formatTokensM(volumeM)} tok, within ${money(budget)}/mo`);
  return reasons;
}
