/**
 * Lenses and hover figures, built from the evaluated workloads when a front end first reads
 * them (diagnostics need only the findings, and figures are read on hover), and the lines
 * that explain them when those are asked for.
 */
import type { CrossoverResult, Figure, Lens, LensKind, WorkloadResult } from './analysis';
import { formatGB, formatNumber, formatTokensM, formatUsd } from './cost';
import { NONE, type ConfigTree, type NodeId } from './config/document';

/** The crossover worth a lens: one that can happen, else the one closest to happening. */
export function headlineCrossover(crossovers: CrossoverResult[]): CrossoverResult | undefined {
  const explicit = crossovers.filter((c) => c.origin === 'alternative');
  const pool = explicit.length ? explicit : crossovers;
  return [...pool].sort(
    (a, b) =>
      Number(b.makesSense) - Number(a.makesSense) ||
      a.breakEvenThroughputTps / a.selfHostCapacityTokensM - b.breakEvenThroughputTps / b.selfHostCapacityTokensM ||
      a.crossoverTokensM - b.crossoverTokensM,
  )[0];
}

export function crossoverTitle(c: CrossoverResult, deployment: 'api' | 'self-hosted'): string {
  if (!c.makesSense) {
    const at = c.selfHostLabel.split(' · ').pop();
    return `self-hosting ${c.selfHostModel} never wins${at ? ` at ${at}` : ''} — needs ≥ ${formatNumber(Math.ceil(c.breakEvenThroughputTps))} tok/s`;
  }
  return deployment === 'api'
    ? `at ${formatTokensM(c.crossoverTokensM)} tok/mo self-hosting ${c.selfHostModel} is cheaper`
    : `at ${formatTokensM(c.crossoverTokensM)} tok/mo self-hosting is cheaper than ${c.apiModel}`;
}

/** One workload lens; its explanation is worked out when asked for. */
function workloadLens(kind: Exclude<LensKind, 'total'>, w: WorkloadResult, crossover?: CrossoverResult): Lens {
  return {
    kind,
    offset: w.offset,
    length: 1,
    workload: w.index,
    title: lensTitle(kind, w, crossover),
    explain: () => (kind === 'cost' ? w.explain() : kind === 'capacity' ? (w.selfHost?.explain() ?? []) : crossoverExplain(crossover!)),
  };
}

function lensTitle(kind: Exclude<LensKind, 'total'>, w: WorkloadResult, crossover: CrossoverResult | undefined): string {
  if (kind === 'crossover') return crossoverTitle(crossover!, w.deployment);
  if (kind === 'capacity') {
    const s = w.selfHost!;
    return `capacity ${formatTokensM(s.capacityTokensM)} tok/mo per replica · ${s.replicas} replica${s.replicas === 1 ? '' : 's'}`;
  }
  if (w.monthlyCostUsd === null) {
    return w.selfHost && !w.selfHost.fits ? `does not fit — needs ${formatGB(w.selfHost.memoryNeededGB)} of ${formatGB(w.selfHost.memoryAvailableGB)}` : 'no price';
  }
  const perM = w.costPerMillionUsd === null ? '' : ` · ${formatUsd(w.costPerMillionUsd)}/M`;
  return `${formatUsd(w.monthlyCostUsd)}/mo${perM} · ${w.deployment === 'api' ? `${w.model} API` : w.selfHost!.label}`;
}

function crossoverExplain(c: CrossoverResult): string[] {
  return [
    `crossover V* = fixed / P = ${formatUsd(c.selfHostFixedMonthlyUsd)} / ${formatUsd(c.apiPricePerMillionUsd)} = ${formatNumber(c.crossoverTokensM)}M tok/mo`,
    `one replica (${c.selfHostLabel}) serves ${formatNumber(c.selfHostCapacityTokensM)}M tok/mo → ${c.makesSense ? 'the crossover is reachable' : 'the crossover is out of reach'}`,
    `break-even throughput = V* × 1,000,000 / (3600 × hours × utilization) = ${formatNumber(c.breakEvenThroughputTps)} tok/s`,
    c.origin === 'default' ? `compared with the catalog's default setup (${c.selfHostLabel}); add "alternatives" to choose your own` : 'compared with the alternative in the config',
  ];
}

/** Cost, capacity (when self-hosted and it fits) and the headline crossover, in that order. */
export function workloadLenses(w: WorkloadResult): Lens[] {
  const lenses = [workloadLens('cost', w)];
  if (w.selfHost?.fits) lenses.push(workloadLens('capacity', w));
  const headline = headlineCrossover(w.crossovers);
  if (headline) lenses.push(workloadLens('crossover', w, headline));
  return lenses;
}

/** The figure-bearing fields of a workload, each with how its figures were computed. */
export function workloadFigures(tree: ConfigTree, w: WorkloadResult): Figure[] {
  const node = tree.at(['workloads', w.index]);
  const figures: Figure[] = [];
  const fig = (n: NodeId, field: string, lines: () => string[]) => {
    if (n !== NONE) figures.push({ ...tree.range(n), workload: w.index, field, lines });
  };
  fig(tree.child(node, 'monthlyTokens'), 'monthlyTokens', () => [`${formatNumber(w.monthlyTokensM)}M tokens/month`, ...w.explain().filter((l) => l.startsWith('monthly cost') || l.startsWith('replicas'))]);
  const setup = w.selfHost;
  if (setup) {
    const setupNode = tree.at(['deployment', 'selfHosted'], node);
    for (const key of ['gpu', 'gpus', 'quantization', 'throughputTps', 'replicas', 'gpuHourlyUsd']) fig(tree.child(setupNode, key), key, setup.explain);
  }
  fig(tree.child(node, 'blendedPricePerMillion'), 'blendedPricePerMillion', w.explain);
  return figures;
}
