/**
 * Decisions from the catalog: the article’s gap-by-domain table, computed from the scores,
 * and recommendations for a set of requirements at a monthly volume. Pure functions.
 */
import { apiCallPrice } from '../pricing/apiCall';
import { inputOnly } from '../catalog/data/priceTable';
import { gpuHourPrice, type GpuPriceRules } from '../pricing/gpuHour';
import { catalog as bundledCatalog, didYouMean, findModel, gpuPriceKey, openCard, type Catalog } from '../catalog';
import { cheapestSelfHost, DEFAULT_PEAK_TO_AVERAGE, requestShape, type SelfHostTargets } from '../sizing/cheapestSelfHost';
import { COST_DECADES, COST_WEIGHT, deploymentFit, hardConstraints, PREFERENCE_WEIGHT, TIER_WEIGHT, tierScore } from '../catalog/decisions';
import type { BenchmarkId, ModelCard, RequirementId, Score, SelfHostSetup } from '../catalog/types';
import { DEFAULT_ASSUMPTIONS, formatNumber, formatTokensM, formatUsd, replicaCapacityM, replicaFixedMonthly, replicasNeeded } from '../pricing/cost';
import { estimateMemory } from '../sizing/simpleMemory';
import type { WorkloadServing } from '../analysis/types';

// ---------------------------------------------------------------------------------------
// Gap by domain

export type GapDomainId =
  | 'general_knowledge'
  | 'coding'
  | 'math'
  | 'safety'
  | 'instruction_following'
  | 'multilingual_chinese'
  | 'long_context'
  | 'agentic_tool_use';

export interface DomainLeader {
  model: string;
  name: string;
  value: number;
  display: string;
}

export interface DomainGap {
  domain: GapDomainId;
  title: string;
  /** What was compared: a benchmark name, or "context length". */
  measure: string;
  bestOpen: DomainLeader;
  bestClosed: DomainLeader;
  /** Closed minus open, in points; for long context, closed ÷ open context length. */
  gap: number;
  unit: 'points' | 'ratio';
  leader: 'open' | 'closed' | 'tie';
  /** The gap as the article’s gap_by_domain code gives it (the summary table's wording where the code has none). */
  seedGap: number | string;
  /** The article’s "Capability Gap Summary" row and gap_by_domain status, as printed. */
  seedSummary: SeedGapSummary;
  /** Id of the article note that explains a disagreement with the article’s figure. */
  seedNote?: string;
}

export interface SeedGapSummary {
  leader: string;
  gapSize: string;
  trend: string;
  /** gap_by_domain's status; the agentic row is only in the summary table. */
  status?: string;
}

/** The article calls 0.1–0.2 points "within noise" and 0.7 a lead. */
export const TIE_THRESHOLD_POINTS = 0.5;

type ValueOf = (cat: Catalog, model: ModelCard) => Score | undefined;

interface DomainSpec {
  domain: GapDomainId;
  title: string;
  measure: string;
  unit: 'points' | 'ratio';
  valueOf: ValueOf;
  seedGap: number | string;
  seedSummary: SeedGapSummary;
  seedNote?: string;
}

const benchmarkValue = (id: BenchmarkId): ValueOf => (cat, model) => cat.scores[model.id]?.[id];

const contextValue: ValueOf = (_cat, model) =>
  model.contextTokens > 0 ? { value: model.contextTokens, display: formatContext(model.contextTokens), source: model.source, asOf: model.asOf } : undefined;

// Built on first use: the table calls functions, so a bundler could not drop it otherwise.
const gapDomains = (): DomainSpec[] => [
  {
    domain: 'general_knowledge',
    title: 'General knowledge (MMLU)',
    measure: 'MMLU',
    unit: 'points',
    valueOf: benchmarkValue('mmlu'),
    seedGap: 0.2,
    seedSummary: { leader: 'Tie', gapSize: '0.2 points', trend: 'Closed', status: 'closed' },
    seedNote: 'mmlu-best-open',
  },
  {
    domain: 'coding',
    title: 'Coding (HumanEval)',
    measure: 'HumanEval',
    unit: 'points',
    valueOf: benchmarkValue('humaneval'),
    seedGap: -0.7,
    seedSummary: { leader: 'Open (DeepSeek V3)', gapSize: 'Open leads by 0.7', trend: 'Narrowed, now reversed', status: 'open leads' },
  },
  {
    domain: 'math',
    title: 'Math (MATH-500)',
    measure: 'MATH-500',
    unit: 'points',
    valueOf: benchmarkValue('math500'),
    seedGap: -11.9,
    seedSummary: { leader: 'Open (DeepSeek V3)', gapSize: 'Open leads by 12', trend: 'Open pulled ahead', status: 'open leads significantly' },
  },
  {
    domain: 'safety',
    title: 'Safety/alignment',
    measure: 'Harmful request refusal',
    unit: 'points',
    valueOf: benchmarkValue('harmfulRefusal'),
    seedGap: 15,
    seedSummary: { leader: 'Closed (Claude)', gapSize: 'Closed leads by 15%', trend: 'Persistent gap', status: 'closed leads significantly' },
  },
  {
    domain: 'instruction_following',
    title: 'Instruction following',
    measure: 'Instruction following (gap-table figures)',
    unit: 'points',
    valueOf: (cat, model) => cat.instructionFollowingGapScores[model.id],
    seedGap: 7,
    seedSummary: { leader: 'Closed (Claude)', gapSize: 'Closed leads by 7%', trend: 'Narrowing slowly', status: 'closed leads' },
  },
  {
    domain: 'multilingual_chinese',
    title: 'Multilingual (Chinese)',
    measure: 'Chinese',
    unit: 'points',
    valueOf: benchmarkValue('chinese'),
    seedGap: -7.6,
    seedSummary: { leader: 'Open (Qwen)', gapSize: 'Open leads by 7.6', trend: 'Open dominates', status: 'open leads' },
  },
  {
    domain: 'long_context',
    title: 'Long context',
    measure: 'context length',
    unit: 'ratio',
    valueOf: contextValue,
    seedGap: '8x context length advantage for closed',
    seedSummary: { leader: 'Closed (Gemini)', gapSize: '8x context advantage', trend: 'Narrowing (128K vs 1M)', status: 'closed leads on length' },
  },
  {
    domain: 'agentic_tool_use',
    title: 'Agentic/tool use',
    measure: 'Tool use accuracy',
    unit: 'points',
    valueOf: benchmarkValue('toolUse'),
    seedGap: 'Closed leads by ~10%',
    seedSummary: { leader: 'Closed (Claude)', gapSize: 'Closed leads by ~10%', trend: 'Narrowing' },
  },
];

/** The article’s gap table, recomputed from the scores of the models the article discusses. */
export function gapByDomain(cat: Catalog = bundledCatalog): DomainGap[] {
  const seedModels = cat.models.filter((m) => m.generation === 'seed' && !m.projected);
  const open = seedModels.filter((m) => m.access === 'open-weight');
  const closed = seedModels.filter((m) => m.access === 'api-only');
  const gaps: DomainGap[] = [];
  for (const spec of gapDomains()) {
    const bestOpen = bestOf(cat, open, spec.valueOf);
    const bestClosed = bestOf(cat, closed, spec.valueOf);
    if (!bestOpen || !bestClosed) continue;
    const gap =
      spec.unit === 'ratio' ? bestClosed.value / bestOpen.value : Math.round((bestClosed.value - bestOpen.value) * 10) / 10;
    const lead = spec.unit === 'ratio' ? Math.log(gap) : gap;
    const leader = spec.unit === 'points' && Math.abs(gap) < TIE_THRESHOLD_POINTS ? 'tie' : lead > 0 ? 'closed' : lead < 0 ? 'open' : 'tie';
    gaps.push({
      domain: spec.domain,
      title: spec.title,
      measure: spec.measure,
      bestOpen,
      bestClosed,
      gap,
      unit: spec.unit,
      leader,
      seedGap: spec.seedGap,
      seedSummary: spec.seedSummary,
      ...(spec.seedNote ? { seedNote: spec.seedNote } : {}),
    });
  }
  return gaps;
}

/**
 * The highest value; ties go to the model stronger on the article’s headline benchmarks
 * (MMLU, HumanEval, MATH-500), then to the one that reached the figure first. That is how
 * the article’s long-context row names DeepSeek V3 among the 128K models and Gemini 1.5 Pro
 * among the 1M ones.
 */
function bestOf(cat: Catalog, models: ModelCard[], valueOf: ValueOf): DomainLeader | undefined {
  const rated = models
    .map((model) => ({ model, score: valueOf(cat, model) }))
    .filter((r): r is { model: ModelCard; score: Score } => r.score !== undefined);
  rated.sort(
    (a, b) =>
      b.score.value - a.score.value ||
      headlineStrength(cat, b.model) - headlineStrength(cat, a.model) ||
      (a.model.availableSince ?? '9999').localeCompare(b.model.availableSince ?? '9999'),
  );
  const top = rated[0];
  if (!top) return undefined;
  return { model: top.model.id, name: top.model.name, value: top.score.value, display: top.score.display ?? String(top.score.value) };
}

const HEADLINE_BENCHMARKS: BenchmarkId[] = ['mmlu', 'humaneval', 'math500'];

function headlineStrength(cat: Catalog, model: ModelCard): number {
  const values = HEADLINE_BENCHMARKS.map((b) => cat.scores[model.id]?.[b]?.value).filter((v): v is number => v !== undefined);
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : -Infinity;
}

function formatContext(tokens: number): string {
  return tokens >= 1_000_000 ? `${trimNumber(tokens / 1_000_000)}M` : `${trimNumber(tokens / 1000)}K`;
}

function trimNumber(n: number): string {
  return String(Math.round(n * 10) / 10);
}

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

/** The article’s blended price when the caller gives no input share, else an explicit blend. */
export function apiBlendedPrice(model: ModelCard, inputShare?: number): { perMillionUsd: number; basis: string } | undefined {
  const price = model.price;
  if (!price) return undefined;
  if (inputShare === undefined && price.seedBlendedPerMillionUsd !== undefined) {
    return { perMillionUsd: price.seedBlendedPerMillionUsd, basis: "the article’s blended price" };
  }
  const share = inputShare ?? DEFAULT_INPUT_SHARE;
  // The one API price function the analysis uses too (an embedding model bills every token as input).
  const perMillionUsd = apiCallPrice(price, share).value;
  return {
    perMillionUsd,
    basis: price.entry && inputOnly(price.entry.mode) ? `every token as input at ${money(price.inputPerMillionUsd)}` : `${Math.round(share * 100)}% input at ${money(price.inputPerMillionUsd)} in / ${money(price.outputPerMillionUsd)} out`,
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

export interface SelfHostedCost {
  monthlyCostUsd: number;
  replicas: number;
  capacityM: number;
  fixedMonthlyUsd: number;
  hourlyUsd: number;
  hoursPerMonth: number;
}

/** Recommend's price options as gpuHourPrice's rules. */
export function gpuRulesOf(options: Pick<RecommendOptions, 'gpuHourlyUsd' | 'gpuPrices'>): GpuPriceRules {
  const gpuPrices = new Map(Object.entries(options.gpuPrices ?? {}));
  return options.gpuHourlyUsd === undefined ? { gpuPrices } : { gpuPrices, gpuHourlyUsd: options.gpuHourlyUsd };
}

/** ceil(volume / capacity) replicas, each paid in full; at least one once deployed. */
export function selfHostedMonthlyCost(
  cat: Catalog,
  setup: SelfHostSetup,
  volumeM: number,
  options: Pick<RecommendOptions, 'gpuHourlyUsd' | 'gpuPrices' | 'hoursPerMonth'> = {},
): SelfHostedCost {
  const hours = options.hoursPerMonth ?? DEFAULT_ASSUMPTIONS.hoursPerMonth;
  // Every GPU of the catalog has a quote; the article's flat $2.50 stands in only for a setup whose GPU the catalog lacks.
  const hourly = gpuHourPrice(gpuPriceKey(setup.gpu, cat) ?? setup.gpu, gpuRulesOf(options), cat.gpus.find((g) => g.id === setup.gpu)?.hourlyUsd)?.usd ?? DEFAULT_ASSUMPTIONS.gpuHourlyUsd;
  const fixed = replicaFixedMonthly(setup.gpus, hourly, hours).value;
  const capacity = replicaCapacityM(setup.throughputTps, hours, 1).value;
  const replicas = Math.max(1, replicasNeeded(volumeM, capacity));
  return { monthlyCostUsd: roundCents(replicas * fixed), replicas, capacityM: capacity, fixedMonthlyUsd: fixed, hourlyUsd: hourly, hoursPerMonth: hours };
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

/** Money is shown and compared to the cent, so 0.55 × 100 is $55, not $55.00000000000001. */
function roundCents(n: number): number {
  return Math.round(n * 100) / 100;
}

/** "$55", "$26.50", "$21,600": whole dollars when whole, else cents. */
function money(n: number): string {
  return formatUsd(roundCents(n));
}
