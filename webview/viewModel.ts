/**
 * The comparison panel's view-model: which rows, series and labels the panel shows for a
 * config text, the user's settings and the panel's inputs. Pure and DOM-free: every figure
 * comes from the engine (its analysis, cost formulas, recommend, gapByDomain and memory
 * estimate), so the panel, the export and the tests agree by construction.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { type Analysis, analyze, apiMonthlyCost, type Assumptions, type BenchmarkCategory, type BenchmarkDef, blendedPricePerMillion, catalog, type Catalog, type CatalogFileTexts, catalogFromFiles, cheapestSelfHost, type CheapestSelfHost, costPerMillionAtCapacity, costsAtVolume, crossover, crossoverTitle, estimateMemory, findModel, formatGB, formatNumber, formatTokensM, formatUsd, gapByDomain, gapHistory, gpuRulesOf, type GpuSpec, headlineCrossover, type ModelCard, type QuantizationOption, recommendForAnalysis, replicaCapacityM, replicasNeeded, type RequirementId, ruledOutBy, selfHostedMonthlyCost, selfHostMonthlyCost, totalText, type WorkloadResult } from '../src/engine';
import { INPUT_KEYS, type PanelInputs, type SettingsAssumptions } from '../src/protocol';

// ---------------------------------------------------------------------------------------
// The analysis with the panel's inputs

/**
 * The config text with the panel's overrides written in (assumptions and volumes), so that
 * the engine sees them exactly as if the user had typed them: the config's own values win
 * over settings, and the overrides win over both.
 */
export function effectiveText(text: string, inputs: PanelInputs): string {
  let root: ReturnType<typeof parseTree>;
  try {
    root = parseTree(text, [], { allowTrailingComma: true });
  } catch {
    // jsonc-parser recurses: text nested some thousands deep is analyzed as it is.
    return text;
  }
  if (!root || root.type !== 'object') return text;
  let result = text;
  const set = (path: (string | number)[], value: number) => {
    try {
      result = applyEdits(result, modify(result, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    } catch {
      // A path that cannot be written (the config has another shape there): keep the text.
    }
  };
  for (const key of INPUT_KEYS) {
    const value = inputs.assumptions[key];
    if (typeof value === 'number' && Number.isFinite(value)) set(['assumptions', key], value);
  }
  const workloads = root.children?.find((p) => p.children?.[0]?.value === 'workloads')?.children?.[1];
  for (const [index, volumeM] of Object.entries(inputs.volumesM)) {
    const i = Number(index);
    if (workloads?.type === 'array' && i < (workloads.children?.length ?? 0) && Number.isFinite(volumeM)) {
      set(['workloads', i, 'monthlyTokens'], Math.round(volumeM * 1e6));
    }
  }
  return result;
}

/** The catalog the panel analyzes with: the bundled cards until the extension sends its files. */
let panelCatalog: Catalog = catalog;

/** The catalog the panel analyzes and recommends with (the extension's, once it has sent it). */
export function currentPanelCatalog(): Catalog {
  return panelCatalog;
}

export function usePanelCatalog(files: CatalogFileTexts): void {
  panelCatalog = catalogFromFiles(files).catalog;
}

export function panelAnalysis(text: string, settings: SettingsAssumptions, inputs: PanelInputs): Analysis {
  return analyze(effectiveText(text, inputs), { assumptions: settings, catalog: panelCatalog });
}

/** The workload's free-text notes, as written in the config (shown as text only). */
export function workloadNotes(text: string, index: number): string | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root && findNodeAtLocation(root, ['workloads', index, 'notes']);
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** The index of the workload the Cost tab shows: the chosen one when it exists. */
export function selectedWorkload(analysis: Analysis, inputs: PanelInputs): number {
  return inputs.workload < analysis.workloads.length ? inputs.workload : 0;
}

// ---------------------------------------------------------------------------------------
// Formatting

export const usd = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : formatUsd(n));
export const usdPerM = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? '—' : `${formatUsd(n)}/M`);
export const tokens = (m: number | null | undefined): string => (m === null || m === undefined ? '—' : formatTokensM(m));
/** The engine's formatter, so that a memory figure reads as it does in a hover or a finding. */
export const gb = (n: number): string => formatGB(n);
const percent = (n: number): string => `${Math.round(n * 1000) / 10}%`;
const round1 = (n: number): number => Math.round(n * 10) / 10;
const factor = (r: { min: number; max: number }): string => (round1(r.min) === round1(r.max) ? `${round1(r.min)}×` : `${round1(r.min)}–${round1(r.max)}×`);

export function modelName(id: string): string {
  return findModel(id, panelCatalog)?.name ?? id;
}

// ---------------------------------------------------------------------------------------
// Cost tab

export type DeploymentKind = 'api' | 'self-hosted';

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

export interface ChartPoint {
  x: number;
  y: number;
}

export interface CostSeries {
  key: string;
  label: string;
  kind: DeploymentKind;
  current: boolean;
  points: ChartPoint[];
  /** Cost at any volume, for the data table. */
  costAt: (volumeM: number) => number;
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

/** Requirements in force for a workload: the panel's toggles, else what the config says. */
export function activeRequirements(analysis: Analysis, inputs: PanelInputs, workload?: WorkloadResult): RequirementId[] {
  if (inputs.requirements) {
    const known = new Set(catalog.requirements.map((r) => r.id));
    return inputs.requirements.filter((r): r is RequirementId => known.has(r as RequirementId));
  }
  return workload?.requirements ?? analysis.requirements;
}

/** The Recommend command's ranking: the same options and the same catalog, so both rank the same candidates. */
export function recommendFor(analysis: Analysis, requirements: RequirementId[], volumeM: number, workload?: WorkloadResult) {
  return recommendForAnalysis(analysis, requirements, volumeM, panelCatalog, undefined, workload?.serving);
}

/**
 * What the requirements in force cost on a self-hosted workload, in the lens's words ("data_privacy
 * costs $567/mo over the llama-3.1-8b API"): the lens's own comparison, with every API it compares
 * ruled out by the same rule. Null when nothing they rule out would be cheaper.
 */
export function requirementCost(w: WorkloadResult, requirements: readonly RequirementId[]): string | null {
  const ruled = ruledOutBy(requirements, 'api');
  if (!ruled || w.deployment !== 'self-hosted') return null;
  const marked: WorkloadResult = { ...w, crossovers: w.crossovers.map((c) => ({ ...c, ruledOutBy: ruled })) };
  const headline = headlineCrossover(marked);
  const costs = headline && costsAtVolume(headline, marked);
  return headline && costs && costs.apiUsd < costs.selfHostedUsd ? crossoverTitle(headline, marked) : null;
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

/** "NVIDIA H100 SXM (80GB)" → "H100 SXM". String search, not a pattern: `\s*\(.*\)$` backtracks quadratically on long names. */
function gpuShort(gpu: GpuSpec | undefined, id: string): string {
  if (!gpu) return id;
  let name = gpu.name.startsWith('NVIDIA ') ? gpu.name.slice('NVIDIA '.length) : gpu.name;
  const paren = name.indexOf(' (');
  if (paren > 0 && name.endsWith(')')) name = name.slice(0, paren);
  return name;
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
      const card = findModel(model, panelCatalog);
      const found = card?.access === 'open-weight' && card.price?.entry?.mode !== 'embedding' && volumeM > 0 ? cheapestSelfHost(panelCatalog, card, volumeM, shape, targets) : undefined;
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
  const series: CostSeries[] = [...apiLines.map((r) => apiSeries(r, range)), ...stepShapes.map((s) => stepSeries(s, range))];
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

/** "Llama 3.1 70B · 1× A100 80GB · INT4 · 25 tok/s" → "Llama 3.1 70B · 1× A100 80GB · 25 tok/s"; "GPT-4o (API)" → "GPT-4o". */
export function shortLabel(label: string): string {
  const parts = label.replace(/ \(API\)$/, '').split(' · ');
  return parts.length >= 4 ? [parts[0], parts[1], parts[3]].join(' · ') : parts.join(' · ');
}

/** Whole decades around the anchors: at least two below the smallest and two above the largest. */
export function chartRange(anchors: number[]): { min: number; max: number } {
  const finite = anchors.filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.min(...(finite.length ? finite : [1]));
  const hi = Math.max(...(finite.length ? finite : [1]));
  const min = Math.max(1e-2, 10 ** (Math.floor(Math.log10(lo)) - 2));
  const max = Math.min(1e7, 10 ** (Math.ceil(Math.log10(hi * 1.0001)) + 1));
  return { min, max: Math.max(max, min * 100) };
}

function logSamples(min: number, max: number, n: number): number[] {
  const a = Math.log10(min);
  const b = Math.log10(max);
  return Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / (n - 1)));
}

function apiSeries(row: CostRow, range: { min: number; max: number }): CostSeries {
  const price = row.pricePerMillionUsd!;
  const costAt = (v: number) => apiMonthlyCost(v, price).value;
  return {
    key: row.key,
    label: `${shortLabel(row.label)} API (${formatUsd(price)}/M)`,
    kind: 'api',
    current: row.current,
    points: logSamples(range.min, range.max, 25).map((x) => ({ x, y: costAt(x) })),
    costAt,
  };
}

/** Largest number of steps drawn one by one; beyond it the steps are finer than a pixel. */
const MAX_STEPS = 400;

/** The self-host cost as the step function it is: each corner of each step. */
export function stepPoints(fixed: number, capacity: number, range: { min: number; max: number }): ChartPoint[] {
  const costAt = (v: number) => selfHostMonthlyCost(v, fixed, capacity).value;
  const first = Math.max(1, replicasNeeded(range.min, capacity));
  const last = replicasNeeded(range.max, capacity);
  if (last - first > MAX_STEPS) return logSamples(range.min, range.max, MAX_STEPS).map((x) => ({ x, y: costAt(x) }));
  const points: ChartPoint[] = [{ x: range.min, y: costAt(range.min) }];
  for (let k = first; k < last; k++) {
    const edge = k * capacity;
    if (edge <= range.min) continue;
    points.push({ x: edge, y: k * fixed }, { x: edge, y: (k + 1) * fixed });
  }
  points.push({ x: range.max, y: costAt(range.max) });
  return points;
}

function stepSeries(s: SelfHostShape, range: { min: number; max: number }): CostSeries {
  return {
    key: s.key,
    label: `${shortLabel(s.label)} (self-hosted)`,
    kind: 'self-hosted',
    current: s.current,
    points: stepPoints(s.fixedMonthlyUsd, s.capacityTokensM, range),
    costAt: (v) => selfHostMonthlyCost(v, s.fixedMonthlyUsd, s.capacityTokensM).value,
  };
}

function tableVolumes(range: { min: number; max: number }, volumeM: number, crossovers: CrossoverMark[]): number[] {
  const set = new Set<number>();
  for (let e = Math.round(Math.log10(range.min)); 10 ** e <= range.max * 1.0001; e++) set.add(Number((10 ** e).toPrecision(6)));
  if (volumeM > 0) set.add(volumeM);
  for (const c of crossovers) if (c.makesSense) set.add(Number(c.crossoverTokensM.toPrecision(6)));
  return [...set].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------
// Benchmarks tab

export const CATEGORY_LABELS: Record<BenchmarkCategory, string> = {
  knowledge: 'Knowledge',
  code: 'Code',
  math: 'Math',
  reasoning: 'Reasoning',
  safety: 'Safety',
  agentic: 'Agentic',
  multilingual: 'Chinese',
};

export interface BenchmarkCell {
  value: number | null;
  display: string;
  leader: boolean;
}

export interface BenchmarkRow {
  model: string;
  name: string;
  access: 'open' | 'closed';
  cells: BenchmarkCell[];
}

export interface BenchmarkTable {
  columns: BenchmarkDef[];
  rows: BenchmarkRow[];
  /** Per column: the leaders' names. */
  leaders: string[][];
}

export interface SortState {
  column: string;
  descending: boolean;
}

export function benchmarkTable(category: BenchmarkCategory | 'all', sort: SortState | null): BenchmarkTable {
  const columns = catalog.benchmarks.filter((b) => category === 'all' || b.category === category);
  const models = catalog.models.filter((m) => catalog.scores[m.id] && columns.some((b) => catalog.scores[m.id]?.[b.id]));
  const best = columns.map((b) => Math.max(...models.map((m) => catalog.scores[m.id]?.[b.id]?.value ?? -Infinity)));
  const rows: BenchmarkRow[] = models.map((m) => ({
    model: m.id,
    name: m.name,
    access: m.access === 'open-weight' ? 'open' : 'closed',
    cells: columns.map((b, i) => {
      const s = catalog.scores[m.id]?.[b.id];
      return s
        ? { value: s.value, display: s.display ?? String(s.value), leader: s.value === best[i] }
        : { value: null, display: '—', leader: false };
    }),
  }));
  const leaders = columns.map((_, i) => rows.filter((r) => r.cells[i]!.leader).map((r) => r.name));
  if (sort) {
    const i = columns.findIndex((b) => b.id === sort.column);
    const dir = sort.descending ? -1 : 1;
    if (sort.column === 'model') rows.sort((a, b) => dir * a.name.localeCompare(b.name));
    else if (i >= 0) {
      rows.sort((a, b) => {
        const x = a.cells[i]!.value;
        const y = b.cells[i]!.value;
        if (x === null && y === null) return a.name.localeCompare(b.name);
        if (x === null) return 1; // no figure: always last
        if (y === null) return -1;
        return dir * (x - y) || a.name.localeCompare(b.name);
      });
    }
  }
  return { columns, rows, leaders };
}

export interface GapRow {
  domain: string;
  title: string;
  measure: string;
  bestOpen: string;
  bestClosed: string;
  gap: string;
  leader: string;
  seedGap: string;
}

export function gapRows(): GapRow[] {
  return gapByDomain().map((g) => ({
    domain: g.domain,
    title: g.title,
    measure: g.measure,
    bestOpen: `${g.bestOpen.name} (${g.bestOpen.display})`,
    bestClosed: `${g.bestClosed.name} (${g.bestClosed.display})`,
    gap: g.unit === 'ratio' ? `${Math.round(g.gap * 10) / 10}× (closed ÷ open)` : `${g.gap > 0 ? '+' : ''}${g.gap} points`,
    leader: g.leader === 'tie' ? 'Tie' : g.leader === 'open' ? 'Open' : 'Closed',
    seedGap: typeof g.seedGap === 'number' ? `${g.seedGap > 0 ? '+' : ''}${g.seedGap}` : g.seedGap,
  }));
}

export interface HistoryRow {
  date: string;
  label: string;
  closed: number;
  closedModel: string;
  open: number;
  openModel: string;
  gap: number;
  projected: boolean;
}

export function historyRows(): HistoryRow[] {
  return gapHistory.map((p) => ({
    date: p.date,
    label: p.label,
    closed: p.bestClosedMmlu,
    closedModel: p.bestClosedModel,
    open: p.bestOpenMmlu,
    openModel: p.bestOpenModel,
    gap: Math.round((p.bestClosedMmlu - p.bestOpenMmlu) * 10) / 10,
    projected: p.projected === true,
  }));
}

// ---------------------------------------------------------------------------------------
// Quantization tab

export const GPU_COUNTS = [1, 2, 4, 8] as const;

export interface QuantRow {
  id: string;
  name: string;
  bytesPerParam: number;
  weightsGB: number;
  kvCacheGB: number;
  memoryReduction: string;
  speedup: string;
  qualityLoss: string;
  /** Per GPU (catalog order): the fewest of 1, 2, 4, 8 that hold the model, or null. */
  fewestGpus: (number | null)[];
  /** "1× A100 80GB, 1× H100 80GB" */
  fitsOn: string;
}

export interface QuantView {
  model: string;
  modelName: string;
  paramsB: number;
  contextTokens: number;
  concurrency: number;
  models: { id: string; name: string }[];
  gpus: { id: string; name: string }[];
  rows: QuantRow[];
  /** Every (gpu, count, quantization) estimate, for the detailed table. */
  cells: { gpu: string; gpus: number; quantization: string; neededGB: number; availableGB: number; fits: boolean }[];
}

/** Open-weight models whose size is public: the ones a quantization can be chosen for. */
export function quantizableModels(): ModelCard[] {
  return catalog.models.filter((m) => m.access === 'open-weight' && m.paramsB !== undefined && !m.projected);
}

/** The model the tab starts on: the chosen one, else the first open model the config runs or compares. */
export function defaultQuantModel(analysis: Analysis, inputs: PanelInputs): string {
  const ids = new Set(quantizableModels().map((m) => m.id));
  if (inputs.quantModel && ids.has(inputs.quantModel)) return inputs.quantModel;
  for (const w of analysis.workloads) {
    if (ids.has(w.model)) return w.model;
    for (const c of w.crossovers) if (ids.has(c.selfHostModel)) return c.selfHostModel;
  }
  return ids.has('llama-3.1-70b') ? 'llama-3.1-70b' : [...ids][0] ?? '';
}

export function quantView(analysis: Analysis, inputs: PanelInputs): QuantView | null {
  const id = defaultQuantModel(analysis, inputs);
  const model = findModel(id);
  if (!model || model.paramsB === undefined) return null;
  const { contextTokens, concurrency } = analysis.assumptions;
  const cells: QuantView['cells'] = [];
  const rows = catalog.quantizations.map((q: QuantizationOption): QuantRow => {
    const fewest = catalog.gpus.map((g) => {
      let found: number | null = null;
      for (const n of GPU_COUNTS) {
        const m = estimateMemory(model, g, n, q, contextTokens, concurrency);
        cells.push({ gpu: g.id, gpus: n, quantization: q.id, neededGB: m.neededGB, availableGB: m.availableGB, fits: m.fits });
        if (m.fits && found === null) found = n;
      }
      return found;
    });
    const one = estimateMemory(model, catalog.gpus[0]!, 1, q, contextTokens, concurrency);
    const fitsOn = catalog.gpus
      .map((g, i) => (fewest[i] ? `${fewest[i]}× ${gpuShort(g, g.id)}` : null))
      .filter((s): s is string => s !== null);
    return {
      id: q.id,
      name: q.name,
      bytesPerParam: q.bytesPerParam,
      weightsGB: one.weightsGB,
      kvCacheGB: one.kvCacheGB,
      memoryReduction: `${round1(q.memoryReduction)}×`,
      speedup: factor(q.speedup),
      qualityLoss: q.qualityLossPct
        ? q.qualityLossPct.min === q.qualityLossPct.max
          ? `${q.qualityLossPct.min}%`
          : `${q.qualityLossPct.min}–${q.qualityLossPct.max}%`
        : q.qualityLossNote ?? 'variable',
      fewestGpus: fewest,
      fitsOn: fitsOn.length ? fitsOn.join(', ') : 'none of the catalog GPUs, up to 8',
    };
  });
  return {
    model: model.id,
    modelName: model.name,
    paramsB: model.paramsB,
    contextTokens,
    concurrency,
    models: quantizableModels().map((m) => ({ id: m.id, name: m.name })),
    gpus: catalog.gpus.map((g) => ({ id: g.id, name: gpuShort(g, g.id) })),
    rows,
    cells,
  };
}

// ---------------------------------------------------------------------------------------
// Volume slider: a logarithmic scale from 100K to 100B tokens a month

export const VOLUME_SLIDER = { min: -1, max: 5, step: 0.01 } as const;

export function volumeToSlider(volumeM: number): number {
  const v = Math.log10(Math.max(volumeM, 10 ** VOLUME_SLIDER.min));
  return Math.min(VOLUME_SLIDER.max, Math.max(VOLUME_SLIDER.min, Math.round(v / VOLUME_SLIDER.step) * VOLUME_SLIDER.step));
}

/** Slider position → volume, rounded to 3 significant figures so the figures read cleanly. */
export function sliderToVolume(position: number): number {
  return Number((10 ** position).toPrecision(3));
}
