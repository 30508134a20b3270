/**
 * The Cost tab's rows, each built from what the engine returns for it: the configured setup
 * and the setups it compares (SelfHostResult, CrossoverResult), an API at the workload's
 * billing (workloadApiPrice), the cheapest setup of a model (CheapestSelfHost). Nothing here
 * prices or sizes: it formats, and counts whole replicas with the engine's cost formulas.
 */
import { type Analysis, apiMonthlyCost, catalog, cheapestSelfHost, type CheapestSelfHost, costPerMillionAtCapacity, findModel, formatNumber, formatTokensM, formatUsd, gpuRulesOf, type GpuHourSource, pricingWords, type RentedOffer, replicasNeeded, selfHostMonthlyCost, type WorkloadResult } from '../../../src/engine';
import { currentPanelCatalog, gb, gpuShort, modelName, type DeploymentKind } from '../../viewModel';

/** Which rule priced a GPU-hour; 'article' where nothing did and the article's flat price stands in. */
export type GpuHourRule = GpuHourSource | 'article';

export interface GpuHour {
  usd: number;
  rule: GpuHourRule;
  /** Where an offer priced it, whose and in which mode: "Lambda on demand". */
  offer?: string;
}

/** A GPU-hour as the engine priced it: its price, its rule and, for an offer, whose. */
export function gpuHourOf(p: { hourlyUsd: number; hourlySource: GpuHourRule; offer?: RentedOffer }): GpuHour {
  return { usd: p.hourlyUsd, rule: p.hourlySource, ...(p.offer ? { offer: `${p.offer.provider} ${pricingWords(p.offer.pricing)}` } : {}) };
}

/** The words of each rule, short enough for a table cell. */
const GPU_HOUR_WORDS: Record<GpuHourRule, string> = {
  setup: 'the setup’s gpuHourlyUsd',
  'gpu-prices': 'your assumptions.gpuPrices',
  owned: 'your own hardware (assumptions.ownedGpus)',
  assumptions: 'your assumptions.gpuHourlyUsd',
  offer: 'the offer rented',
  catalog: 'the catalog’s quote',
  article: 'the article’s flat price',
};

/** "$2.10/GPU-h, your assumptions.gpuPrices"; "$3.99/GPU-h, Lambda on demand" */
export function gpuHourText(price: GpuHour | null): string {
  return price ? `${formatUsd(price.usd)}/GPU-h, ${price.offer ?? GPU_HOUR_WORDS[price.rule]}` : '—';
}

export interface CostRow {
  /** Stable key: "current", "api:<model>", "alt:<setup>". */
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
  /** API: the price of a million of the workload's tokens. Self-hosted: fixed ÷ capacity, one replica at full use. */
  pricePerMillionUsd: number | null;
  /** Self-hosted only. */
  fixedMonthlyUsd: number | null;
  capacityTokensM: number | null;
  replicas: number | null;
  gpusPerReplica: number | null;
  gpusTotal: number | null;
  /** Self-hosted: the GPU-hour price and the rule that set it. */
  gpuHour: GpuHour | null;
  /** Self-hosted: requests in flight one replica runs, where the engine says. */
  concurrency: number | null;
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
  /** One replica's cost and the tokens it serves a month: the chart draws it as a step function. */
  perReplicaMonthlyUsd: number;
  capacityTokensM: number;
  concurrency: number;
  gpuHour: GpuHour;
  /** Priced at the file's own GPU-hour price rather than the catalog's median quote. */
  yourPrice: boolean;
}

/** A self-hosted option the engine sized: its figures, as the engine gives them. */
export interface SelfHostShape {
  key: string;
  label: string;
  model: string;
  origin: CostRow['origin'];
  fixedMonthlyUsd: number;
  capacityTokensM: number;
  gpus: number;
  gpuHour: GpuHour | null;
  concurrency: number | null;
  /** The engine's memory figures; null where it compared the setup only once it fits. */
  memory: { neededGB: number; availableGB: number; fits: boolean } | null;
  current: boolean;
}

/** Requests in flight, in words: "64 requests at once". */
function concurrencyText(n: number | null): string {
  return n === null ? '' : `, ${formatNumber(n)} request${n === 1 ? '' : 's'} at once`;
}

export function selfHostRow(s: SelfHostShape, volumeM: number): CostRow {
  const replicas = replicasNeeded(volumeM, s.capacityTokensM);
  const fits = s.memory ? s.memory.fits : true;
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
    gpuHour: s.gpuHour,
    concurrency: s.concurrency,
    fits,
    memoryNeededGB: s.memory?.neededGB ?? null,
    memoryAvailableGB: s.memory?.availableGB ?? null,
    cheapestSetup: null,
    note:
      fits === false
        ? `does not fit: needs ${gb(s.memory!.neededGB)} of ${gb(s.memory!.availableGB)}`
        : `${formatUsd(s.fixedMonthlyUsd)}/mo per replica at ${gpuHourText(s.gpuHour)}, ${formatTokensM(s.capacityTokensM)} tok/mo each${concurrencyText(s.concurrency)}`,
  };
}

export function apiRow(key: string, label: string, model: string, pricePerM: number, volumeM: number, origin: CostRow['origin'], current: boolean, note: string): CostRow {
  return {
    key,
    label,
    model,
    kind: 'api',
    current,
    origin,
    monthlyCostUsd: apiMonthlyCost(volumeM, pricePerM).value,
    costPerMillionUsd: volumeM > 0 ? pricePerM : null,
    pricePerMillionUsd: pricePerM,
    fixedMonthlyUsd: null,
    capacityTokensM: null,
    replicas: null,
    gpusPerReplica: null,
    gpusTotal: null,
    gpuHour: null,
    concurrency: null,
    fits: null,
    memoryNeededGB: null,
    memoryAvailableGB: null,
    cheapestSetup: null,
    note,
  };
}

/** What identifies a self-hosted setup: two rows with the same identity are the same option. */
export function identity(model: string, gpus: number, gpu: string, quantization: string, tps: number): string {
  return `${model}|${gpus}|${gpu}|${quantization}|${Number(tps.toPrecision(6))}`;
}

export function setupLabel(modelId: string, gpus: number, gpuId: string, quantization: string, tps: number): string {
  const gpu = catalog.gpus.find((g) => g.id === gpuId);
  // The engine's formatNumber, so that the throughput reads as the lens writes it (26,175, not 26170).
  return `${modelName(modelId)} · ${gpus}× ${gpuShort(gpu, gpuId)} · ${quantization.toUpperCase()} · ${formatNumber(tps)} tok/s`;
}

function cell(c: CheapestSelfHost): CheapestSetupCell {
  return {
    label: c.label,
    gpu: c.gpu,
    gpus: c.gpus,
    weights: c.weights,
    replicas: c.replicas,
    monthlyUsd: c.monthlyUsd,
    perReplicaMonthlyUsd: c.perReplicaMonthlyUsd,
    capacityTokensM: c.capacityTokensM,
    concurrency: c.concurrency,
    gpuHour: gpuHourOf({ hourlyUsd: c.hourlyUsdPerGpu, hourlySource: c.hourlySource, ...(c.offer ? { offer: c.offer } : {}) }),
    yourPrice: c.hourlySource !== 'catalog' && c.hourlySource !== 'offer',
  };
}

/**
 * The cheapest setup of each open model at the workload's volume: the analysis's own for the
 * workload's model and its alternatives (what the lenses show), the same search for the others.
 */
export function cheapestSetups(analysis: Analysis, w: WorkloadResult, volumeM: number): (model: string) => CheapestSetupCell | null {
  const a = analysis.assumptions;
  // Sized for what the workload states: its request shape, peak and latency targets.
  const { shape, ...needs } = w.serving;
  const targets = { hoursPerMonth: a.hoursPerMonth, ...needs, gpuRules: gpuRulesOf(analysis) };
  const known = new Map<string, CheapestSetupCell | null>();
  if (w.cheapestSelfHost) known.set(w.model, cell(w.cheapestSelfHost));
  for (const alt of w.alternativeCheapest) if (!known.has(alt.model)) known.set(alt.model, cell(alt.cheapest));
  return (model) => {
    if (!known.has(model)) {
      const cat = currentPanelCatalog();
      const card = findModel(model, cat);
      const found = card?.access === 'open-weight' && card.price?.entry?.mode !== 'embedding' && volumeM > 0 ? cheapestSelfHost(cat, card, volumeM, shape, targets) : undefined;
      known.set(model, found ? cell(found) : null);
    }
    return known.get(model)!;
  };
}
