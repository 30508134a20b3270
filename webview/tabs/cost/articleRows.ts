/**
 * The article's own rows: the setups it measured at batch 1 (one request at a time, e.g.
 * Llama 3.1 70B at INT4 on one A100, 25 tok/s). They are shown as the article's figures, in a
 * table of their own, and never drawn beside the options the serving model sizes: a batch-1
 * throughput and a batched one are not the same measure. Priced by the one GPU-hour rule
 * (selfHostedMonthlyCost) and sized by the one memory model (sizeMemory), at one request.
 */
import { type Analysis, articleSetupsFor, crossover, findModel, formatNumber, formatTokensM, replicaCapacityM, selfHostedMonthlyCost, selfHostMonthlyCost, sizeMemory, type SelfHostSetup, type WorkloadResult } from '../../../src/engine';
import { currentPanelCatalog, gb, tokens, usd } from '../../viewModel';
import { type GpuHour, gpuHourOf, gpuHourText, setupLabel } from './rows';

/** The article measured each of its setups serving one request at a time. */
export const ARTICLE_CONCURRENCY = 1;

export interface ArticleRow {
  key: string;
  /** "Llama 3.1 70B · 1× A100 · INT4 · 25 tok/s" */
  label: string;
  model: string;
  gpus: number;
  throughputTps: number;
  /** "batch 1", as the article says. */
  throughputNote: string;
  /** Null where no offer rents its GPUs in the file's pricing mode: no price stands in. */
  gpuHour: GpuHour | null;
  fixedMonthlyUsd: number | null;
  /** Tokens a month one replica serves at the panel's utilization. */
  capacityTokensM: number;
  /** At the workload's volume, whole replicas; null when it does not fit. */
  monthlyCostUsd: number | null;
  fits: boolean;
  memoryNeededGB: number;
  memoryAvailableGB: number;
  /** Which of the engine's memory models sized it (the serving model where it knows the model and GPU). */
  memoryModel: 'serving' | 'simple';
  /** Where it breaks even with each reference API, by the engine's crossover. */
  breakEven: { api: string; crossoverTokensM: number; makesSense: boolean; text: string }[];
}

/** The APIs an article row is weighed against: the price of a million tokens, by label. */
export interface ReferenceApi {
  label: string;
  pricePerMillionUsd: number;
}

export function articleRows(analysis: Analysis, w: WorkloadResult, ruledOut: (model: string) => boolean, apis: readonly ReferenceApi[]): { rows: ArticleRow[]; excluded: number } {
  const cat = currentPanelCatalog();
  const rows: ArticleRow[] = [];
  let excluded = 0;
  // The setups that say something about the workload's model (articleSetupsFor): not 405B on twelve A100s beside an 8B model.
  for (const setup of articleSetupsFor(cat, findModel(w.model, cat))) {
    if (ruledOut(setup.model)) {
      excluded++;
      continue;
    }
    const row = articleRow(analysis, w, setup, cat, apis);
    if (row) rows.push(row);
  }
  return { rows, excluded };
}

function articleRow(analysis: Analysis, w: WorkloadResult, setup: SelfHostSetup, cat: ReturnType<typeof currentPanelCatalog>, apis: readonly ReferenceApi[]): ArticleRow | undefined {
  const a = analysis.assumptions;
  const model = findModel(setup.model, cat);
  const gpu = cat.gpus.find((g) => g.id === setup.gpu);
  const quantization = cat.quantizations.find((q) => q.id === setup.quantization);
  if (!model || !gpu || !quantization) return undefined;
  const cost = selfHostedMonthlyCost(cat, setup, 0, { gpuHourlyUsd: analysis.gpuHourlyUsd, gpuPrices: analysis.gpuPrices, gpuPricing: analysis.gpuPricing, ...(analysis.ownedGpus ? { ownedGpus: analysis.ownedGpus } : {}), hoursPerMonth: a.hoursPerMonth });
  const priced = 'unpriced' in cost ? null : cost;
  const capacity = replicaCapacityM(setup.throughputTps, a.hoursPerMonth, a.utilization).value;
  const memory = sizeMemory(cat, model, gpu, setup.gpus, quantization, { shape: w.serving.shape, concurrency: ARTICLE_CONCURRENCY, contextTokens: a.contextTokens });
  const label = setupLabel(setup.model, setup.gpus, setup.gpu, setup.quantization, setup.throughputTps);
  const fits = memory.fits || !memory.complete;
  return {
    key: `article:${setup.id}`,
    label,
    model: setup.model,
    gpus: setup.gpus,
    throughputTps: setup.throughputTps,
    throughputNote: setup.throughputNote,
    gpuHour: priced && gpuHourOf(priced),
    fixedMonthlyUsd: priced && priced.fixedMonthlyUsd,
    capacityTokensM: capacity,
    monthlyCostUsd: fits && priced ? selfHostMonthlyCost(w.monthlyTokensM, priced.fixedMonthlyUsd, capacity).value : null,
    fits,
    memoryNeededGB: memory.neededGB,
    memoryAvailableGB: memory.availableGB,
    memoryModel: memory.model,
    breakEven: apis.flatMap((api) => {
      if (!priced) return [];
      const x = crossover(priced.fixedMonthlyUsd, capacity, api.pricePerMillionUsd, a.hoursPerMonth, a.utilization);
      return x ? [{ api: api.label, crossoverTokensM: x.crossoverTokensM, makesSense: x.makesSense, text: x.makesSense ? `${api.label} at ${formatTokensM(x.crossoverTokensM)}` : `never ${api.label} (needs ${formatTokensM(x.crossoverTokensM)}, one replica serves ${formatTokensM(capacity)})` }] : [];
    }),
  };
}

export const ARTICLE_HEADER = ['The article’s setup', 'Throughput (as measured)', 'GPU-hour price', 'Per replica', 'Monthly cost at this volume', 'Memory at one request', 'Breaks even with'];

export function articleRowCells(r: ArticleRow): string[] {
  return [
    r.label,
    `${formatNumber(r.throughputTps)} tok/s, ${r.throughputNote}`,
    gpuHourText(r.gpuHour),
    r.fixedMonthlyUsd === null ? '— (no offer rents it)' : `${usd(r.fixedMonthlyUsd)}/mo, ${tokens(r.capacityTokensM)} tok/mo`,
    r.fits ? (r.monthlyCostUsd === null ? '— (not priced)' : usd(r.monthlyCostUsd)) : '— (does not fit)',
    `${gb(r.memoryNeededGB)} of ${gb(r.memoryAvailableGB)}${r.fits ? '' : ': does not fit'}`,
    r.breakEven.length ? r.breakEven.map((b) => b.text).join('; ') : '—',
  ];
}
