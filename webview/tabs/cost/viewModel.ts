/**
 * The Cost tab's view-model: a workload's options at its volume (its own deployment, what the
 * engine compares it with, the catalog's APIs, the article's setups) and the chart of their
 * cost against volume. Pure and DOM-free.
 */
import { type Analysis, apiMonthlyCost, type Assumptions, blendedPricePerMillion, catalog, cheapestSelfHost, type CheapestSelfHost, costPerMillionAtCapacity, crossover, estimateMemory, findModel, formatNumber, formatTokensM, formatUsd, gpuRulesOf, recommendForAnalysis, replicaCapacityM, replicasNeeded, type RequirementId, ruledOutBy, selfHostedMonthlyCost, selfHostMonthlyCost, totalText, type WorkloadResult } from '../../../src/engine';
import type { PanelInputs } from '../../../src/protocol';
import { activeRequirements, gb, currentPanelCatalog, gpuShort, modelName, percent, requirementCost, selectedWorkload, type DeploymentKind } from '../../viewModel';
import { apiSeries, chartRange, shortLabel, stepSeries, tableVolumes, type CostSeries } from './series';

export { chartRange, shortLabel, stepPoints, type ChartPoint, type CostSeries } from './series';


export interface CostRow {
  /** Stable key: "current", "api:<model>", "setup:<id>", "alt:<label>". */
  key: string;
  label: string;
  model: string;
  kind: DeploymentKind;
  /** The workload's own deployment, as configured. */
  current: boolean;
  /** Where the row comes from: the config, an alternative the config names, or the catalog. */
  origin: 'config' | 'alternative' | 'catalog';
  /** Monthly cost at the workload's volume; null when there is no price (unknown, or does not fit). */
  monthlyCostUsd: number | null;
  /** Monthly cost ÷ volume. */
  costPerMillionUsd: number | null;
  /** API: the blended price. Self-hosted: fixed ÷ capacity, one replica at full use. */
  pricePerMillionUsd: number | null;
  /** Self-hosted only. */
  fixedMonthlyUsd: number | null;
  capacityTokensM: number | null;
  replicas: number | null;
  gpusPerReplica: number | null;
  gpusTotal: number | null;
  fits: boolean | null;
  memoryNeededGB: number | null;
  memoryAvailableGB: number | null;
  /** For an open model: the cheapest self-hosted setup the serving model finds for this volume (the engine's figures). */
  cheapestSetup: CheapestSetupCell | null;
  note: string;
}

/** The engine's cheapest setup of a row's model, as plain data. */
export interface CheapestSetupCell {
  /** "1× mi325x · int4-awq · 1 replica · $1,404/mo" */
  label: string;
  gpu: string;
  gpus: number;
  weights: string;
  replicas: number;
  monthlyUsd: number;
  /** Priced at the file's own GPU-hour price (assumptions.gpuPrices) rather than the catalog's median quote. */
  yourPrice: boolean;
}

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
  rows: CostRow[];
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
}

interface SelfHostShape {
  key: string;
  label: string;
  model: string;
  origin: CostRow['origin'];
  fixedMonthlyUsd: number;
  capacityTokensM: number;
  gpus: number;
  memory: { neededGB: number; availableGB: number; fits: boolean } | null;
  current: boolean;
  /** One of the article's batch-1 setups, at its own measured throughput. */
  article?: boolean;
}

/**
 * Which (model, deployment) pairs the requirements rule out, read from recommend()'s
 * exclusions. A memory shortfall is not a requirement: the Cost tab shows it as "does not fit".
 */
function disqualified(analysis: Analysis, requirements: RequirementId[], volumeM: number): Set<string> {
  const out = new Set<string>();
  // The curated cards' exclusions, as before: the rows are theirs, and ranking every open model
  // of the panel's catalog (1.5 s on first use, against 0.1 s) would only be thrown away here.
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

function selfHostRow(s: SelfHostShape, volumeM: number): CostRow {
  const replicas = replicasNeeded(volumeM, s.capacityTokensM);
  const fits = s.memory ? s.memory.fits : null;
  const monthly = fits === false ? null : selfHostMonthlyCost(volumeM, s.fixedMonthlyUsd, s.capacityTokensM).value;
  return {
    key: s.key,
    label: s.label,
    model: s.model,
    kind: 'self-hosted',
    current: s.current,
    origin: s.origin,
    monthlyCostUsd: monthly,
    costPerMillionUsd: monthly !== null && volumeM > 0 ? monthly / volumeM : null,
    pricePerMillionUsd: costPerMillionAtCapacity(s.fixedMonthlyUsd, s.capacityTokensM).value,
    fixedMonthlyUsd: s.fixedMonthlyUsd,
    capacityTokensM: s.capacityTokensM,
    replicas: Number.isFinite(replicas) ? replicas : null,
    gpusPerReplica: s.gpus,
    gpusTotal: Number.isFinite(replicas) ? replicas * s.gpus : null,
    fits,
    memoryNeededGB: s.memory?.neededGB ?? null,
    memoryAvailableGB: s.memory?.availableGB ?? null,
    cheapestSetup: null,
    note:
      (s.article ? 'the article’s batch-1 setup: ' : '') +
      (fits === false ? `does not fit: needs ${gb(s.memory!.neededGB)} of ${gb(s.memory!.availableGB)}` : `${formatUsd(s.fixedMonthlyUsd)}/mo per replica, ${formatTokensM(s.capacityTokensM)} tok/mo each`),
  };
}

function apiRow(key: string, label: string, model: string, pricePerM: number, volumeM: number, origin: CostRow['origin'], current: boolean, note: string): CostRow {
  const monthly = apiMonthlyCost(volumeM, pricePerM).value;
  return {
    key,
    label,
    model,
    kind: 'api',
    current,
    origin,
    monthlyCostUsd: monthly,
    costPerMillionUsd: volumeM > 0 ? pricePerM : null,
    pricePerMillionUsd: pricePerM,
    fixedMonthlyUsd: null,
    capacityTokensM: null,
    replicas: null,
    gpusPerReplica: null,
    gpusTotal: null,
    fits: null,
    memoryNeededGB: null,
    memoryAvailableGB: null,
    cheapestSetup: null,
    note,
  };
}

/** What identifies a self-hosted setup: two rows with the same identity are the same option. */
function identity(model: string, gpus: number, gpu: string, quantization: string, tps: number): string {
  return `${model}|${gpus}|${gpu}|${quantization}|${Number(tps.toPrecision(6))}`;
}

/** Reads the engine's setup label, "1× a100-80gb · int4 · 25 tok/s". */
function memoryOf(modelId: string, gpuId: string, gpus: number, quantId: string, a: Assumptions): SelfHostShape['memory'] {
  const model = findModel(modelId);
  const gpu = catalog.gpus.find((g) => g.id === gpuId);
  const quant = catalog.quantizations.find((q) => q.id === quantId);
  if (!model || !gpu || !quant) return null;
  const m = estimateMemory(model, gpu, gpus, quant, a.contextTokens, a.concurrency);
  return m.complete ? { neededGB: m.neededGB, availableGB: m.availableGB, fits: m.fits } : null;
}

function setupLabel(modelId: string, gpus: number, gpuId: string, quantization: string, tps: number): string {
  const gpu = catalog.gpus.find((g) => g.id === gpuId);
  // The engine's formatNumber, so that the throughput reads as the lens writes it (26,175, not 26170).
  return `${modelName(modelId)} · ${gpus}× ${gpuShort(gpu, gpuId)} · ${quantization.toUpperCase()} · ${formatNumber(tps)} tok/s`;
}

/**
 * The cheapest setup of each open model at the workload's volume: the analysis's own for the
 * workload's model and its alternatives (what the lenses show), the same search for the others.
 */
function cheapestSetups(analysis: Analysis, w: WorkloadResult, volumeM: number): (model: string) => CheapestSetupCell | null {
  const a = analysis.assumptions;
  // Sized for what the workload states: its request shape, peak and latency targets.
  const { shape, ...needs } = w.serving;
  const targets = { hoursPerMonth: a.hoursPerMonth, ...needs, gpuRules: gpuRulesOf(analysis) };
  const known = new Map<string, CheapestSetupCell | null>();
  const cell = (c: CheapestSelfHost): CheapestSetupCell => ({ label: c.label, gpu: c.gpu, gpus: c.gpus, weights: c.weights, replicas: c.replicas, monthlyUsd: c.monthlyUsd, yourPrice: c.hourlySource !== 'catalog' });
  if (w.cheapestSelfHost) known.set(w.model, cell(w.cheapestSelfHost));
  for (const alt of w.alternativeCheapest) if (!known.has(alt.model)) known.set(alt.model, cell(alt.cheapest));
  return (model) => {
    if (!known.has(model)) {
      const card = findModel(model, currentPanelCatalog());
      const found = card?.access === 'open-weight' && card.price?.entry?.mode !== 'embedding' && volumeM > 0 ? cheapestSelfHost(currentPanelCatalog(), card, volumeM, shape, targets) : undefined;
      known.set(model, found ? cell(found) : null);
    }
    return known.get(model)!;
  };
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

  // ---- self-hosted options, each once ----
  const shapes = new Map<string, SelfHostShape | undefined>();
  let currentShape: SelfHostShape | undefined;
  if (selfHosted) {
    const s = w.selfHost!;
    currentShape = {
      key: 'current',
      label: setupLabel(w.model, s.gpus, s.gpu, s.quantization, s.throughputTps),
      model: w.model,
      origin: 'config',
      fixedMonthlyUsd: s.fixedMonthlyUsd,
      capacityTokensM: s.capacityTokensM,
      gpus: s.gpus,
      memory: { neededGB: s.memoryNeededGB, availableGB: s.memoryAvailableGB, fits: s.fits },
      current: true,
    };
    shapes.set(identity(w.model, s.gpus, s.gpu, s.quantization, s.throughputTps), currentShape);
  } else {
    // Alternatives the config names, and the engine's default comparisons: its figures.
    for (const c of w.crossovers) {
      const setup = c.selfHostSetup;
      const id = identity(c.selfHostModel, setup.gpus, setup.gpu, setup.quantization, setup.throughputTps);
      if (shapes.has(id)) continue;
      if (ruledOut('self-hosted', c.selfHostModel)) {
        excludedCount++;
        shapes.set(id, undefined);
        continue;
      }
      shapes.set(id, {
        key: `alt:${id}`,
        label: setupLabel(c.selfHostModel, setup.gpus, setup.gpu, setup.quantization, setup.throughputTps),
        model: c.selfHostModel,
        origin: c.origin === 'alternative' ? 'alternative' : 'catalog',
        fixedMonthlyUsd: c.selfHostFixedMonthlyUsd,
        capacityTokensM: c.selfHostCapacityTokensM,
        gpus: setup.gpus,
        memory: memoryOf(c.selfHostModel, setup.gpu, setup.gpus, setup.quantization, a),
        current: false,
      });
    }
  }
  // Every seed setup, sized with the panel's assumptions (the GPU price input, utilization, context, concurrency).
  for (const setup of catalog.setups) {
    const id = identity(setup.model, setup.gpus, setup.gpu, setup.quantization, setup.throughputTps);
    if (shapes.has(id)) continue;
    if (ruledOut('self-hosted', setup.model)) {
      excludedCount++;
      shapes.set(id, undefined);
      continue;
    }
    shapes.set(id, {
      key: `setup:${setup.id}`,
      article: true,
      label: setupLabel(setup.model, setup.gpus, setup.gpu, setup.quantization, setup.throughputTps),
      model: setup.model,
      origin: 'catalog',
      fixedMonthlyUsd: selfHostedMonthlyCost(catalog, setup, 0, { gpuHourlyUsd: analysis.gpuHourlyUsd, gpuPrices: analysis.gpuPrices, hoursPerMonth: a.hoursPerMonth }).fixedMonthlyUsd,
      capacityTokensM: replicaCapacityM(setup.throughputTps, a.hoursPerMonth, a.utilization).value,
      gpus: setup.gpus,
      memory: memoryOf(setup.model, setup.gpu, setup.gpus, setup.quantization, a),
      current: false,
    });
  }
  const selfHosts = [...shapes.values()].filter((s): s is SelfHostShape => s !== undefined);

  // ---- API options ----
  const apiRows: CostRow[] = [];
  const seenApi = new Set<string>();
  let currentRow: CostRow;
  if (selfHosted) {
    const s = w.selfHost!;
    currentRow = selfHostRow(currentShape!, volumeM);
    // The engine's figures for the configured deployment (it may run a fixed replica count).
    currentRow.monthlyCostUsd = w.monthlyCostUsd;
    currentRow.costPerMillionUsd = w.costPerMillionUsd;
    currentRow.replicas = s.replicas;
    currentRow.gpusTotal = s.replicas * s.gpus;
    // The APIs the engine compares this setup with; one a requirement rules out is not an option
    // (the lens and a finding say what the requirement costs instead).
    for (const c of w.crossovers) {
      if (seenApi.has(c.apiModel)) continue;
      seenApi.add(c.apiModel);
      // Never listed or drawn as the cheaper option: its cost is said instead (requirementCost).
      if (ruledOut('api', c.apiModel)) {
        excludedCount++;
        continue;
      }
      apiRows.push(apiRow(`api:${c.apiModel}`, `${modelName(c.apiModel)} (API)`, c.apiModel, c.apiPricePerMillionUsd, volumeM, c.origin === 'alternative' ? 'alternative' : 'catalog', false, `${formatUsd(c.apiPricePerMillionUsd)}/M, as the engine compares it`));
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
  for (const model of catalog.models) {
    if (!model.price || seenApi.has(model.id)) continue;
    seenApi.add(model.id);
    if (ruledOut('api', model.id)) {
      excludedCount++;
      continue;
    }
    const blend = blendedPricePerMillion(model.price.inputPerMillionUsd, model.price.outputPerMillionUsd, a.inputShare).value;
    apiRows.push(
      apiRow(`api:${model.id}`, `${model.name} (API)`, model.id, blend, volumeM, 'catalog', false, `${formatUsd(model.price.inputPerMillionUsd)} in / ${formatUsd(model.price.outputPerMillionUsd)} out, ${percent(a.inputShare)} input`),
    );
  }

  const others = [...selfHosts.filter((s) => !s.current).map((s) => selfHostRow(s, volumeM)), ...apiRows];
  others.sort((x, y) => (x.monthlyCostUsd ?? Infinity) - (y.monthlyCostUsd ?? Infinity) || x.label.localeCompare(y.label));
  const rows = [currentRow, ...others];
  const cheapestOf = cheapestSetups(analysis, w, volumeM);
  for (const row of rows) row.cheapestSetup = cheapestOf(row.model);

  // ---- chart: the reference APIs and a few of the cheapest, and every self-hosted option that fits ----
  const cheapest = apiRows.filter((r) => !referenceApis.includes(r) && (r.pricePerMillionUsd ?? 0) > 0).sort((x, y) => x.pricePerMillionUsd! - y.pricePerMillionUsd!);
  const apiLines = [...referenceApis, ...cheapest.slice(0, Math.max(0, 5 - referenceApis.length))];
  const stepShapes = selfHosts.filter((s) => s.memory?.fits !== false && s.capacityTokensM > 0 && s.fixedMonthlyUsd > 0);

  // Crossovers: an API workload against every self-hosted option; a self-hosted one against the engine's APIs.
  const pairs = selfHosted ? referenceApis.map((api) => [api, currentShape!] as const) : stepShapes.flatMap((s) => referenceApis.map((api) => [api, s] as const));
  const crossovers: CrossoverMark[] = [];
  for (const [api, s] of pairs) {
    if (!s || s.memory?.fits === false) continue;
    const x = crossover(s.fixedMonthlyUsd, s.capacityTokensM, api.pricePerMillionUsd!, a.hoursPerMonth, a.utilization);
    if (!x) continue;
    crossovers.push({
      apiLabel: api.label,
      selfHostLabel: s.label,
      apiPricePerMillionUsd: api.pricePerMillionUsd!,
      fixedMonthlyUsd: s.fixedMonthlyUsd,
      capacityTokensM: s.capacityTokensM,
      crossoverTokensM: x.crossoverTokensM,
      makesSense: x.makesSense,
      breakEvenThroughputTps: x.breakEvenThroughputTps,
      text: `${shortLabel(s.label)} = ${shortLabel(api.label)} at ${formatTokensM(x.crossoverTokensM)}`,
    });
  }

  const anchors = [volumeM > 0 ? volumeM : 1, ...crossovers.filter((c) => c.makesSense).map((c) => c.crossoverTokensM)];
  const range = chartRange(anchors);
  const series: CostSeries[] = [...apiLines.map((r) => apiSeries(r, r.pricePerMillionUsd!, range)), ...stepShapes.map((s) => stepSeries(s, range))];
  return {
    workloadIndex: index,
    workloadName: w.name,
    workloadModel: w.model,
    volumeM,
    assumptions: a,
    rows,
    excludedCount,
    requirementCost: requirementCost(w, requirements),
    series,
    crossovers,
    range,
    tableVolumes: tableVolumes(range, volumeM, crossovers),
    totalMonthlyCostUsd: analysis.totalMonthlyCostUsd,
    totalText: totalText(analysis),
  };
}

