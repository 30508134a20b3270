/**
 * The Cost tab's view-model: a workload's options at its volume, as the engine lists them (its
 * own deployment, what the analysis compares it with, the cheapest setup the serving model
 * finds, the catalog's APIs priced for the workload's calls), the chart of their cost against
 * volume, and apart from them the article's own batch-1 rows. Pure and DOM-free: every dollar
 * is the engine's; this module chooses rows and words.
 */
import { type Analysis, type Assumptions, catalog, findModel, formatTokensM, formatUsd, idleText, recommendForAnalysis, type RequirementId, ruledOutBy, totalText, workloadApiPrice, type WorkloadBilling, type WorkloadResult } from '../../../src/engine';
import type { PanelInputs } from '../../../src/protocol';
import { activeRequirements, currentPanelCatalog, modelName, percent, requirementCost, selectedWorkload, type DeploymentKind } from '../../viewModel';
import { articleRows, type ArticleRow } from './articleRows';
import { dayView, type DayView } from './day';
import { apiRow, cheapestSetups, type CostRow, gpuHourOf, identity, type SelfHostShape, selfHostRow, setupLabel } from './rows';
import { apiSeries, chartRange, shortLabel, stepSeries, tableVolumes, type CostSeries } from './series';

export { chartRange, shortLabel, stepPoints, type ChartPoint, type CostSeries } from './series';
export { gpuHourText, type CheapestSetupCell, type CostRow, type GpuHour } from './rows';
export { ARTICLE_CONCURRENCY, type ArticleRow } from './articleRows';


export interface CrossoverMark {
  apiLabel: string;
  selfHostLabel: string;
  apiPricePerMillionUsd: number;
  fixedMonthlyUsd: number;
  capacityTokensM: number;
  crossoverTokensM: number;
  makesSense: boolean;
  breakEvenThroughputTps: number;
  /** "Llama 3.1 70B · 1× A100 = GPT-4o at 240M" */
  text: string;
}

export interface CostView {
  workloadIndex: number;
  workloadName: string;
  workloadModel: string;
  volumeM: number;
  assumptions: Assumptions;
  /** The file's (or the settings') GPU-hour price for any GPU; undefined where each GPU is priced at the catalog's quote (or by gpuPrices). */
  gpuHourlyUsd: number | undefined;
  rows: CostRow[];
  /** The article's batch-1 setups: its own figures, not options the serving model sized, so in a table of their own and not on the chart. */
  articleRows: ArticleRow[];
  /** How many catalog options the requirements exclude (shown on the Decision tab). */
  excludedCount: number;
  /** What the requirements in force cost, in the lens's words, when they rule out a cheaper API. */
  requirementCost: string | null;
  series: CostSeries[];
  crossovers: CrossoverMark[];
  range: { min: number; max: number };
  /** The volumes the chart's data table lists. */
  tableVolumes: number[];
  totalMonthlyCostUsd: number;
  /** "$1,240/mo + 2 unpriced": the total with what it leaves out. */
  totalText: string;
  /** Where the workload's setup states its traffic: the replicas hour by hour and what the idle hours cost. */
  day: DayView | null;
}


/**
 * Which (model, deployment) pairs the requirements rule out, read from recommend()'s
 * exclusions. A memory shortfall is not a requirement: the Cost tab shows it as "does not fit".
 */
function disqualified(analysis: Analysis, requirements: RequirementId[], volumeM: number): Set<string> {
  const out = new Set<string>();
  // The curated cards' exclusions: the rows are theirs, and ranking every open model of the
  // panel's catalog (1.5 s on first use, against 0.1 s) would only be thrown away here.
  for (const e of recommendForAnalysis(analysis, requirements, volumeM, catalog).excluded) {
    if (e.exclusion === 'does-not-fit') continue;
    if (e.deployment) out.add(`${e.deployment}:${e.model}`);
    else {
      out.add(`api:${e.model}`);
      out.add(`self-hosted:${e.model}`);
    }
  }
  return out;
}

/** The workload's own setup, as the engine sized it. */
function configuredShape(w: WorkloadResult): SelfHostShape {
  const s = w.selfHost!;
  return {
    key: 'current',
    label: setupLabel(w.model, s.gpus, s.gpu, s.quantization, s.throughputTps),
    model: w.model,
    origin: 'config',
    fixedMonthlyUsd: s.fixedMonthlyUsd,
    capacityTokensM: s.capacityTokensM,
    gpus: s.gpus,
    gpuHour: s.gpuHourSource ? gpuHourOf({ hourlyUsd: s.gpuHourlyUsd, hourlySource: s.gpuHourSource, ...(s.offer ? { offer: s.offer } : {}) }) : null,
    concurrency: s.concurrency ?? null,
    memory: { neededGB: s.memoryNeededGB, availableGB: s.memoryAvailableGB, fits: s.fits },
    current: true,
  };
}

/** The owned setup rented instead, as the engine priced it (WorkloadResult.rentInstead). */
function rentedRow(w: WorkloadResult, owned: SelfHostShape, replicas: number): CostRow {
  const { offer, monthlyUsd } = w.rentInstead!;
  const row = selfHostRow(
    { ...owned, key: 'rent:current', label: `${owned.label} · rented`, origin: 'catalog', current: false, fixedMonthlyUsd: offer.monthlyUsd, gpuHour: gpuHourOf({ hourlyUsd: offer.hourlyUsdPerGpu, hourlySource: 'offer', offer }) },
    w.monthlyTokensM,
  );
  row.monthlyCostUsd = monthlyUsd;
  row.costPerMillionUsd = w.monthlyTokensM > 0 ? monthlyUsd / w.monthlyTokensM : null;
  row.replicas = replicas;
  row.gpusTotal = replicas * owned.gpus;
  row.note = `the same ${replicas === 1 ? 'replica' : `${replicas} replicas`} rented instead of owned: ${row.note}`;
  return row;
}

export function costView(analysis: Analysis, inputs: PanelInputs): CostView | null {
  const index = selectedWorkload(analysis, inputs);
  const w = analysis.workloads[index];
  if (!w) return null;
  const a = analysis.assumptions;
  const volumeM = w.monthlyTokensM;
  const requirements = activeRequirements(analysis, inputs, w);
  const blocked = disqualified(analysis, requirements, volumeM);
  // The rule the lens follows: a deployment a requirement rules out is not an option, whatever it costs.
  const ruledOut = (kind: DeploymentKind, model: string) => ruledOutBy(requirements, kind) !== undefined || blocked.has(`${kind}:${model}`);
  const selfHosted = w.deployment === 'self-hosted' && w.selfHost !== null;
  let excludedCount = 0;

  // ---- self-hosted options: the workload's own, or the setups the analysis compares its API with ----
  const selfHosts: SelfHostShape[] = [];
  const seen = new Set<string>();
  if (selfHosted) selfHosts.push(configuredShape(w));
  else {
    for (const c of w.crossovers) {
      const setup = c.selfHostSetup;
      const id = identity(c.selfHostModel, setup.gpus, setup.gpu, setup.quantization, setup.throughputTps);
      if (seen.has(id)) continue;
      seen.add(id);
      if (ruledOut('self-hosted', c.selfHostModel)) {
        excludedCount++;
        continue;
      }
      selfHosts.push({
        key: `alt:${id}`,
        label: setupLabel(c.selfHostModel, setup.gpus, setup.gpu, setup.quantization, setup.throughputTps),
        model: c.selfHostModel,
        origin: c.origin === 'default' ? 'catalog' : 'alternative',
        fixedMonthlyUsd: c.selfHostFixedMonthlyUsd,
        capacityTokensM: c.selfHostCapacityTokensM,
        gpus: setup.gpus,
        gpuHour: setup.gpuHourSource ? gpuHourOf({ hourlyUsd: setup.gpuHourlyUsd, hourlySource: setup.gpuHourSource, ...(setup.offer ? { offer: setup.offer } : {}) }) : null,
        concurrency: setup.concurrency ?? null,
        // The analysis compares a setup only once it fits: it has no memory figures to show here.
        memory: null,
        current: false,
      });
    }
  }

  // ---- API options: the workload's own, the APIs the analysis compares, every catalog API at the workload's billing ----
  const apiRows: CostRow[] = [];
  const seenApi = new Set<string>();
  let currentRow: CostRow;
  let rentRow: CostRow | undefined;
  if (selfHosted) {
    const s = w.selfHost!;
    currentRow = selfHostRow(selfHosts[0]!, volumeM);
    // The engine's figures for the configured deployment (it may run a fixed replica count).
    currentRow.monthlyCostUsd = w.monthlyCostUsd;
    currentRow.costPerMillionUsd = w.costPerMillionUsd;
    // Sized hour by hour, the most replicas run at once are the busiest hour's; the idle share is the engine's, said beside the cost.
    const replicas = w.dayTraffic?.mostReplicas ?? s.replicas;
    currentRow.replicas = replicas;
    currentRow.gpusTotal = replicas * s.gpus;
    const idle = idleText(w);
    if (idle) currentRow.note = `${currentRow.note}; ${idle} a month by its day of traffic`;
    // On owned GPUs, the same replicas rented: the engine's figure, beside the owned one.
    if (w.rentInstead) rentRow = rentedRow(w, selfHosts[0]!, replicas);
    // One a requirement rules out is not an option: the lens and a finding say what the requirement costs instead.
    for (const c of w.crossovers) {
      if (seenApi.has(c.apiModel)) continue;
      seenApi.add(c.apiModel);
      if (ruledOut('api', c.apiModel)) {
        excludedCount++;
        continue;
      }
      apiRows.push(apiRow(`api:${c.apiModel}`, `${modelName(c.apiModel)} (API)`, c.apiModel, c.apiPricePerMillionUsd, volumeM, c.origin === 'alternative' ? 'alternative' : 'catalog', false, `${formatUsd(c.apiPricePerMillionUsd)}/M, as the analysis compares it`));
    }
  } else {
    const price = w.apiPricePerMillionUsd;
    currentRow = apiRow('current', `${modelName(w.model)} (API)`, w.model, price ?? 0, volumeM, 'config', true, price === null ? 'no price known' : `${formatUsd(price)}/M as configured`);
    currentRow.monthlyCostUsd = price === null ? null : w.monthlyCostUsd;
    currentRow.costPerMillionUsd = price === null ? null : w.costPerMillionUsd;
    currentRow.pricePerMillionUsd = price;
    seenApi.add(w.model);
  }
  const referenceApis = selfHosted ? [...apiRows] : currentRow.pricePerMillionUsd !== null ? [currentRow] : [];
  const cat = currentPanelCatalog();
  for (const card of catalog.models) {
    if (!card.price || seenApi.has(card.id)) continue;
    seenApi.add(card.id);
    if (ruledOut('api', card.id)) {
      excludedCount++;
      continue;
    }
    // The panel's catalog prices it where the extension sent its files (the price table), as the lens does.
    const price = workloadApiPrice(w.billing, (findModel(card.id, cat) ?? card).price!).value;
    apiRows.push(apiRow(`api:${card.id}`, `${card.name} (API)`, card.id, price, volumeM, 'catalog', false, `${formatUsd(price)}/M for this workload’s calls (${billingWords(w.billing)})`));
  }

  const others = [...selfHosts.filter((s) => !s.current).map((s) => selfHostRow(s, volumeM)), ...apiRows];
  others.sort((x, y) => (x.monthlyCostUsd ?? Infinity) - (y.monthlyCostUsd ?? Infinity) || x.label.localeCompare(y.label));
  const rows = [currentRow, ...(rentRow ? [rentRow] : []), ...others];
  const cheapestOf = cheapestSetups(analysis, w, volumeM);
  for (const row of rows) row.cheapestSetup = cheapestOf(row.model);

  // ---- chart: the reference APIs and a few of the cheapest; the self-hosted options and the workload's cheapest setup ----
  const cheapestApis = apiRows.filter((r) => !referenceApis.includes(r) && (r.pricePerMillionUsd ?? 0) > 0).sort((x, y) => x.pricePerMillionUsd! - y.pricePerMillionUsd!);
  const apiLines = [...referenceApis, ...cheapestApis.slice(0, Math.max(0, 5 - referenceApis.length))];
  const steps = selfHosts.filter((s) => s.memory?.fits !== false && s.capacityTokensM > 0 && s.fixedMonthlyUsd > 0);
  const own = cheapestOf(w.model);
  if (own && !ruledOut('self-hosted', w.model) && own.capacityTokensM > 0) {
    steps.push({ key: 'cheapest', label: `${modelName(w.model)} · ${own.gpus}× ${own.gpu} · ${own.weights} · cheapest`, model: w.model, origin: 'catalog', fixedMonthlyUsd: own.perReplicaMonthlyUsd, capacityTokensM: own.capacityTokensM, gpus: own.gpus, gpuHour: own.gpuHour, concurrency: own.concurrency, memory: null, current: false });
  }

  // Crossovers: the analysis's own, of the options the chart draws.
  const drawn = new Set(steps.map((s) => s.label));
  const crossovers: CrossoverMark[] = [];
  for (const c of w.crossovers) {
    const setup = c.selfHostSetup;
    const selfHostLabel = setupLabel(c.selfHostModel, setup.gpus, setup.gpu, setup.quantization, setup.throughputTps);
    const apiLabel = `${modelName(c.apiModel)} (API)`;
    if (!drawn.has(selfHostLabel) || c.ruledOutBy || ruledOut('api', c.apiModel)) continue;
    crossovers.push({
      apiLabel,
      selfHostLabel,
      apiPricePerMillionUsd: c.apiPricePerMillionUsd,
      fixedMonthlyUsd: c.selfHostFixedMonthlyUsd,
      capacityTokensM: c.selfHostCapacityTokensM,
      crossoverTokensM: c.crossoverTokensM,
      makesSense: c.makesSense,
      breakEvenThroughputTps: c.breakEvenThroughputTps,
      text: `${shortLabel(selfHostLabel)} = ${shortLabel(apiLabel)} at ${formatTokensM(c.crossoverTokensM)}`,
    });
  }

  const article = articleRows(analysis, w, (model) => ruledOut('self-hosted', model), referenceApis.map((r) => ({ label: shortLabel(r.label), pricePerMillionUsd: r.pricePerMillionUsd! })));
  excludedCount += article.excluded;
  const anchors = [volumeM > 0 ? volumeM : 1, ...crossovers.filter((c) => c.makesSense).map((c) => c.crossoverTokensM)];
  const range = chartRange(anchors);
  const series: CostSeries[] = [...apiLines.map((r) => apiSeries(r, r.pricePerMillionUsd!, range)), ...steps.map((s) => stepSeries(s, range))];
  return {
    workloadIndex: index,
    workloadName: w.name,
    workloadModel: w.model,
    volumeM,
    assumptions: a,
    gpuHourlyUsd: analysis.gpuHourlyUsd,
    rows,
    articleRows: article.rows,
    excludedCount,
    requirementCost: requirementCost(w, requirements),
    series,
    crossovers,
    range,
    tableVolumes: tableVolumes(range, volumeM, crossovers),
    totalMonthlyCostUsd: analysis.totalMonthlyCostUsd,
    totalText: totalText(analysis),
    day: selfHosted ? dayView(w, referenceApis) : null,
  };
}

/** How the workload's calls are billed, in the words of the row that prices every API by them. */
function billingWords(b: WorkloadBilling): string {
  const words = [`${percent(b.inputShare)} input`];
  if (b.batch) words.push('batch');
  if (b.serviceTier) words.push(b.serviceTier);
  if (b.cachedInputShare) words.push(`${percent(b.cachedInputShare)} cached`);
  if (b.cacheWriteShare) words.push(`${percent(b.cacheWriteShare)} written to the cache${b.cacheWriteTtl === '1h' ? ' for 1h' : ''}`);
  return words.join(', ');
}
