/**
 * Recommendations from the catalog for a set of requirements at a monthly volume. Pure
 * functions. The article's gap-by-domain table is in gaps.ts, re-exported here for the
 * engine's entry.
 */
import { catalog as bundledCatalog, didYouMean, findModel, openCard, type Catalog } from '../catalog';
import { cheapestSelfHost, DEFAULT_PEAK_TO_AVERAGE, requestShape, type SelfHostTargets } from '../sizing/cheapestSelfHost';
import { COST_DECADES, COST_WEIGHT, deploymentFit, hardConstraints, PREFERENCE_WEIGHT, TIER_WEIGHT, tierScore } from '../catalog/decisions';
import type { BenchmarkId, ModelCard, RequirementId, Score, SelfHostSetup } from '../catalog/types';
import { DEFAULT_ASSUMPTIONS, formatNumber, formatTokensM } from '../pricing/cost';
import { estimateMemory } from '../sizing/simpleMemory';
import type { WorkloadServing } from '../analysis/types';
import { formatContext } from './gaps';
import { apiBlendedPrice, gpuRulesOf, money, roundCents, selfHostedMonthlyCost } from './prices';

export { apiBlendedPrice, gpuRulesOf, selfHostedMonthlyCost, type PriceOptions, type SelfHostedCost } from './prices';

export { gapByDomain, TIE_THRESHOLD_POINTS, type DomainGap, type DomainLeader, type GapDomainId, type SeedGapSummary } from './gaps';

// ---------------------------------------------------------------------------------------
// Recommendations

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
  /** The file's GPU-hour price for any GPU (assumptions.gpuHourlyUsd or the setting), over the catalog's quotes; not the article's default. */
  gpuHourlyUsd?: number;
  /** GPU-hour prices by GPU catalog id (a config's assumptions.gpuPrices), over gpuHourlyUsd and the catalog's. */
  gpuPrices?: Readonly<Record<string, number>>;
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
}

export interface Recommendation {
  model: string;
  deployment: Deployment;
  monthlyCostUsd: number;
  /** For a self-hosted recommendation, the setup its cost is for: what Recommend writes, and nothing else. */
  setup?: RecommendedSetup;
  /** 0–100: fit to the requested preferences and the quality tier. */
  score: number;
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
type Failure = Pick<Exclusion, 'exclusion' | 'requirement' | 'reason'>;

export interface RecommendResult {
  recommendations: Recommendation[];
  excluded: Exclusion[];
}

interface Candidate {
  model: ModelCard;
  deployment: Deployment;
  monthlyCostUsd: number;
  costReason: string;
  setup?: RecommendedSetup;
}

const DEFAULT_INPUT_SHARE = 0.5;

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
  recommendations.sort(
    (a, b) =>
      b.score - a.score ||
      a.monthlyCostUsd - b.monthlyCostUsd ||
      a.model.localeCompare(b.model) ||
      a.deployment.localeCompare(b.deployment),
  );
  return { recommendations, excluded };
}

function modelPool(cat: Catalog, options: RecommendOptions, excluded: Exclusion[]): ModelCard[] {
  const allowed = resolveList(cat, options.allowedModels, 'allowedModels', excluded);
  const only = resolveList(cat, options.only, 'only', excluded);
  // Beyond the curated cards, every open model whose architecture is on record: it can be sized.
  const pool = [...cat.models];
  if (!options.seedModelsOnly) {
    const seen = new Set(pool.map((m) => m.id));
    for (const m of cat.openModels ?? []) {
      const card = findModel(m.id, cat) ?? openCard(m.id, cat);
      if (card && !seen.has(card.id)) {
        seen.add(card.id);
        pool.push(card);
      }
    }
  }
  return pool.filter((model) => {
    const failure: Failure | undefined =
      options.seedModelsOnly && model.generation !== 'seed'
        ? { exclusion: 'seed-models-only', reason: 'not a model the article discusses (seedModelsOnly)' }
        : allowed && !allowed.has(model.id)
          ? { exclusion: 'not-allowed', reason: 'not in allowedModels' }
          : only && !only.has(model.id)
            ? { exclusion: 'not-in-only', reason: 'not in only' }
            : model.projected
              ? { exclusion: 'projected', reason: 'projected in the article: no released weights or prices to compare' }
              : undefined;
    if (failure) excluded.push({ model: model.id, ...failure });
    return !failure;
  });
}

function resolveList(cat: Catalog, names: readonly string[] | undefined, option: string, excluded: Exclusion[]): Set<string> | undefined {
  if (!names) return undefined;
  const ids = new Set<string>();
  for (const name of names) {
    const model = findModel(name, cat);
    if (model) {
      ids.add(model.id);
      continue;
    }
    const suggestion = didYouMean(name, cat.models.map((m) => m.id));
    excluded.push({ model: name, exclusion: 'unknown-model', reason: `unknown model in ${option}${suggestion ? `; did you mean "${suggestion}"?` : ''}` });
  }
  return ids;
}

/** One candidate per way the model can be run: its API price, and the article’s setup if it has one. */
function candidatesFor(cat: Catalog, model: ModelCard, volumeM: number, options: RecommendOptions, excluded: Exclusion[]): Candidate[] {
  const candidates: Candidate[] = [];
  if (model.price) candidates.push(apiCandidate(model, volumeM, options));
  // Self-hosted at the cheapest setup the serving model finds for this volume; the article's
  // batch-1 setups only in seed mode, or where the model cannot be sized.
  const share = options.inputShare ?? DEFAULT_INPUT_SHARE;
  const hours = options.hoursPerMonth ?? DEFAULT_ASSUMPTIONS.hoursPerMonth;
  const cheapest = !options.seedModelsOnly && model.access === 'open-weight' && volumeM > 0
    ? cheapestSelfHost(cat, model, volumeM, options.serving?.shape ?? requestShape(undefined, share), servingTargets(options, hours))
    : undefined;
  if (cheapest) {
    candidates.push({
      model,
      deployment: 'self-hosted',
      monthlyCostUsd: roundCents(cheapest.monthlyUsd),
      setup: { gpu: cheapest.gpu, gpus: cheapest.gpus, quantization: cheapest.weights },
      costReason: `${money(cheapest.monthlyUsd)}/mo at ${formatTokensM(volumeM)} tok: cheapest self-hosted setup ${cheapest.gpus}× ${cheapest.gpu} · ${cheapest.weights} · ${cheapest.replicas} replica${cheapest.replicas === 1 ? '' : 's'} (${formatNumber(cheapest.throughputTps)} tok/s a replica, sized for ${peakWords(options.serving?.peakToAverage ?? DEFAULT_PEAK_TO_AVERAGE)})`,
    });
    return candidates;
  }
  const setup = cat.setups.find((s) => s.model === model.id);
  if (setup && model.access === 'open-weight') {
    const unfit = memoryShortfall(cat, model, setup);
    if (unfit) excluded.push(deploymentExclusion(model, 'self-hosted', { exclusion: 'does-not-fit', reason: unfit }));
    else candidates.push(selfHostedCandidate(cat, model, setup, volumeM, options));
  }
  if (!model.price && !setup) {
    excluded.push({ model: model.id, exclusion: 'unpriced', reason: 'no API price and no self-hosted setup in the catalog' });
  }
  return candidates;
}

function peakWords(peak: number): string {
  return peak === 2 ? 'twice the average load' : `a peak ${formatNumber(peak)}× the average load`;
}

/** The peak, latency targets and GPU prices a self-hosted option is sized and priced with. */
function servingTargets(options: RecommendOptions, hoursPerMonth: number): SelfHostTargets {
  const s = options.serving;
  return {
    hoursPerMonth,
    peakToAverage: s?.peakToAverage ?? DEFAULT_PEAK_TO_AVERAGE,
    ...(s?.ttftMs !== undefined ? { ttftMs: s.ttftMs } : {}),
    ...(s?.tpotMs !== undefined ? { tpotMs: s.tpotMs } : {}),
    gpuRules: gpuRulesOf(options),
  };
}

function apiCandidate(model: ModelCard, volumeM: number, options: RecommendOptions): Candidate {
  const blend = apiBlendedPrice(model, options.inputShare ?? (options.seedModelsOnly ? undefined : DEFAULT_ASSUMPTIONS.inputShare))!;
  const cost = roundCents(volumeM * blend.perMillionUsd);
  return {
    model,
    deployment: 'api',
    monthlyCostUsd: cost,
    costReason: `${money(cost)}/mo at ${formatTokensM(volumeM)} tok (API at ${money(blend.perMillionUsd)}/M, ${blend.basis})`,
  };
}

function selfHostedCandidate(cat: Catalog, model: ModelCard, setup: SelfHostSetup, volumeM: number, options: RecommendOptions): Candidate {
  const c = selfHostedMonthlyCost(cat, setup, volumeM, options);
  return {
    model,
    deployment: 'self-hosted',
    monthlyCostUsd: c.monthlyCostUsd,
    setup: { gpu: setup.gpu, gpus: setup.gpus, quantization: setup.quantization, throughputTps: setup.throughputTps },
    costReason:
      `${money(c.monthlyCostUsd)}/mo at ${formatTokensM(volumeM)} tok: ${c.replicas} × ${setup.name} at ${money(c.hourlyUsd)}/GPU-h × ` +
      `${c.hoursPerMonth} h (${formatTokensM(c.capacityM)} tok/mo per replica at ${setup.throughputTps} tok/s, ${setup.throughputNote})`,
  };
}

/** Why the setup cannot run, by the engine's memory estimate at its batch-1 defaults; undefined when it fits. */
function memoryShortfall(cat: Catalog, model: ModelCard, setup: SelfHostSetup): string | undefined {
  const gpu = cat.gpus.find((g) => g.id === setup.gpu);
  const quantization = cat.quantizations.find((q) => q.id === setup.quantization);
  if (!gpu || !quantization) return undefined;
  const m = estimateMemory(model, gpu, setup.gpus, quantization, DEFAULT_ASSUMPTIONS.contextTokens, DEFAULT_ASSUMPTIONS.concurrency);
  if (m.fits || !m.complete) return undefined;
  return (
    `${setup.name} does not fit: weights ${m.weightsGB.toFixed(1)} GB + KV cache ${m.kvCacheGB.toFixed(1)} GB + runtime reserve ` +
    `${m.runtimeReserveGB.toFixed(1)} GB = ${m.neededGB.toFixed(1)} GB > ${m.availableGB.toFixed(1)} GB`
  );
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
  const reasons = [c.costReason, ...constraintReasons(c, requirements, volumeM, options)];
  const fits: number[] = [];
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
    if (fit !== undefined) fits.push(fit);
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
  return { model: c.model.id, deployment: c.deployment, monthlyCostUsd: c.monthlyCostUsd, ...(c.setup ? { setup: c.setup } : {}), score: Math.round(raw * 10) / 10, reasons };
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

/** Mean of value ÷ best value among the eligible candidates; a missing figure counts 0. */
function benchmarkFit(cat: Catalog, c: Candidate, eligible: readonly Candidate[], benchmarks: readonly BenchmarkId[], reasons: string[]): number | undefined {
  const ratios: number[] = [];
  for (const id of benchmarks) {
    const name = benchmarkName(cat, id);
    const best = bestAmong(cat, eligible, id);
    if (!best) continue;
    const own = cat.scores[c.model.id]?.[id];
    ratios.push(own ? own.value / best.score.value : 0);
    if (!own) reasons.push(`${name}: no figure in the catalog`);
    else if (own.value >= best.score.value) reasons.push(`${name} ${shown(own)} (best of candidates)`);
    else reasons.push(`${name} ${shown(own)} (best ${shown(best.score)}, ${best.model.name})`);
  }
  return ratios.length ? ratios.reduce((s, r) => s + r, 0) / ratios.length : undefined;
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

function deploymentExclusion(model: ModelCard, deployment: Deployment, failure: Failure): Exclusion {
  return { model: model.id, deployment, ...failure, reason: `${deployment}: ${failure.reason}` };
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
