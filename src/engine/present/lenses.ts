/**
 * Lenses and hover figures, built from the evaluated workloads, each with the steps that
 * explain it.
 */
import type { AlternativeCheapest, CrossoverResult, Figure, Lens, LensKind, WorkloadResult } from '../analysis/types';
import { formatGB, formatNumber, formatTokensM, formatUsd, replicasNeeded } from '../pricing/cost';
import { NO_STEPS, step, usd, type Explanation } from './explanation';
import { NONE, type ConfigTree, type NodeId } from '../config/document';

/**
 * The two monthly costs a comparison sets against each other at the workload's own volume:
 * the configured deployment's and the compared one's (a self-hosted option pays whole replicas).
 */
export function costsAtVolume(c: CrossoverResult, w: WorkloadResult): { selfHostedUsd: number; apiUsd: number } | undefined {
  if (w.monthlyCostUsd === null) return undefined;
  const volumeM = w.monthlyTokensM;
  if (w.deployment === 'api') {
    return { selfHostedUsd: replicasNeeded(volumeM, c.selfHostCapacityTokensM) * c.selfHostFixedMonthlyUsd, apiUsd: w.monthlyCostUsd };
  }
  return { selfHostedUsd: w.monthlyCostUsd, apiUsd: volumeM * c.apiPricePerMillionUsd };
}

/** What the other side of a comparison costs at the workload's volume; the lower, the better the headline. */
function otherSideUsd(c: CrossoverResult, w: WorkloadResult): number {
  const costs = costsAtVolume(c, w);
  if (!costs) return Infinity;
  return w.deployment === 'api' ? costs.selfHostedUsd : costs.apiUsd;
}

/**
 * The one verdict a workload's lens gives: of its comparisons (the alternatives the file
 * declares, the other way of running its own model, and the catalog's references only when
 * asked for), the cheapest at the workload's own volume, then the one that can win, then the
 * earliest crossover. The findings say the same of the same comparison.
 */
export function headlineCrossover(w: WorkloadResult): CrossoverResult | undefined {
  return [...w.crossovers].sort(
    (a, b) =>
      // An option a requirement rules out is the headline only when nothing else is compared.
      Number(a.ruledOutBy !== undefined) - Number(b.ruledOutBy !== undefined) ||
      otherSideUsd(a, w) - otherSideUsd(b, w) ||
      Number(b.makesSense) - Number(a.makesSense) ||
      a.crossoverTokensM - b.crossoverTokensM,
  )[0];
}

export function crossoverTitle(c: CrossoverResult, w: WorkloadResult): string {
  const costs = costsAtVolume(c, w);
  if (w.deployment === 'api') {
    if (costs && costs.selfHostedUsd < costs.apiUsd) {
      return `self-hosting ${c.selfHostModel} would cost ${formatUsd(costs.selfHostedUsd)}/mo here, ${formatUsd(costs.apiUsd - costs.selfHostedUsd)} less`;
    }
    if (!c.makesSense) {
      return `self-hosting ${c.selfHostModel} never wins at ${formatNumber(c.selfHostSetup.throughputTps)} tok/s — needs ≥ ${formatNumber(c.breakEvenThroughputTps)} tok/s`;
    }
    return `at ${formatTokensM(c.crossoverTokensM)} tok/mo self-hosting ${c.selfHostModel} is cheaper`;
  }
  if (costs && costs.apiUsd < costs.selfHostedUsd) {
    if (c.ruledOutBy) return `${c.ruledOutBy} costs ${formatUsd(costs.selfHostedUsd - costs.apiUsd)}/mo over the ${c.apiModel} API`;
    return `the ${c.apiModel} API would cost ${formatUsd(costs.apiUsd)}/mo here, ${formatUsd(costs.selfHostedUsd - costs.apiUsd)} less`;
  }
  return `at ${formatTokensM(c.crossoverTokensM)} tok/mo self-hosting is cheaper than ${c.apiModel}`;
}

const totalStep = step('total');
const crossoverStep = step('crossover');
const volumeStep = step('volume');

/** The file's total, each workload's monthly cost one step. */
export function totalLens(offset: number, title: string, workloads: readonly WorkloadResult[]): Lens {
  const explanation = workloads.map((w) => (w.monthlyCostUsd === null ? totalStep`${w.name}: no price` : totalStep`${w.name}: ${usd(w.monthlyCostUsd)}/mo`));
  return { kind: 'total', offset, length: 1, title, explanation };
}

/** One workload lens, with the steps of its figure. */
function workloadLens(kind: Exclude<LensKind, 'total'>, w: WorkloadResult, crossover?: CrossoverResult): Lens {
  return {
    kind,
    offset: w.offset,
    length: 1,
    workload: w.index,
    title: lensTitle(kind, w, crossover),
    explanation:
      kind === 'cost'
        ? w.explanation
        : kind === 'capacity'
          ? (w.selfHost?.explanation ?? NO_STEPS)
          : kind === 'cheapest'
            ? (w.cheapestSelfHost?.explanation ?? NO_STEPS)
            : crossoverSteps(crossover!),
  };
}


/** On a self-hosted workload: the cheapest setup for its volume, and what it saves against the configured one. */
export function cheapestTitle(w: WorkloadResult): string {
  const c = w.cheapestSelfHost!;
  const current = w.monthlyCostUsd;
  const saving = current !== null && c.monthlyUsd < current - 0.005 ? `, ${formatUsd(current - c.monthlyUsd)} less` : current !== null ? ', no cheaper than this setup' : '';
  return `cheapest: ${c.label}${saving}`;
}

function lensTitle(kind: Exclude<LensKind, 'total'>, w: WorkloadResult, crossover: CrossoverResult | undefined): string {
  if (kind === 'crossover') return crossoverTitle(crossover!, w);
  if (kind === 'cheapest') return cheapestTitle(w);
  if (kind === 'capacity') {
    const s = w.selfHost!;
    return `capacity ${formatTokensM(s.capacityTokensM)} tok/mo per replica · ${formatNumber(s.replicas)} replica${s.replicas === 1 ? '' : 's'}`;
  }
  if (w.monthlyCostUsd === null) {
    if (w.notModelled) return `not modelled: ${w.notModelled}`;
    return w.selfHost && !w.selfHost.fits ? `does not fit — needs ${formatGB(w.selfHost.memoryNeededGB)} of ${formatGB(w.selfHost.memoryAvailableGB)}` : 'no price';
  }
  const perM = w.costPerMillionUsd === null ? '' : ` · ${formatUsd(w.costPerMillionUsd)}/M`;
  const missing = w.missingPrices ? ` · no ${w.missingPrices.join('/')} price: standard rate` : '';
  return `${formatUsd(w.monthlyCostUsd)}/mo${perM} · ${w.deployment === 'api' ? `${w.model} API` : w.selfHost!.label}${missing}`;
}

function crossoverSteps(c: CrossoverResult): Explanation {
  return [
    crossoverStep`crossover V* = fixed / P = ${usd(c.selfHostFixedMonthlyUsd)} / ${usd(c.apiPricePerMillionUsd)} = ${c.crossoverTokensM}M tok/mo`,
    crossoverStep`one replica (${c.selfHostLabel}) serves ${c.selfHostCapacityTokensM}M tok/mo → ${c.makesSense ? 'the crossover is reachable' : 'the crossover is out of reach'}`,
    crossoverStep`break-even throughput = V* × 1,000,000 / (3600 × hours × utilization) = ${c.breakEvenThroughputTps} tok/s`,
    c.origin === 'default'
      ? crossoverStep`compared with the catalog's default setup (${c.selfHostLabel}); add "alternatives" to choose your own`
      : c.origin === 'alternative-cheapest'
        ? crossoverStep`compared with the cheapest setup of the alternative's model the serving model finds for this volume (${c.selfHostLabel}), which beats the API here`
        : crossoverStep`compared with the alternative in the config`,
  ];
}

/**
 * On an API workload, at a self-hosted alternative: the cheapest setup of its model for the
 * workload's volume, against the API's cost and the declared setup's at that volume.
 */
export function alternativeCheapestTitle(a: AlternativeCheapest, w: WorkloadResult): string {
  const c = a.cheapest;
  const api = w.monthlyCostUsd;
  const againstApi =
    api === null ? '' : c.monthlyUsd < api - 0.005 ? `, ${formatUsd(api - c.monthlyUsd)} less than the API` : `, ${formatUsd(c.monthlyUsd - api)} more than the API`;
  const declared = a.declaredMonthlyUsd !== null && a.declaredMonthlyUsd < c.monthlyUsd - 0.005 ? ' (the declared setup costs less)' : '';
  return `cheapest self-hosted ${a.model}: ${c.label}${againstApi}${declared}`;
}

/** Cost, capacity (when self-hosted and it fits) and the headline crossover, in that order. */
export function workloadLenses(w: WorkloadResult): Lens[] {
  const lenses = [workloadLens('cost', w)];
  if (w.selfHost?.fits) lenses.push(workloadLens('capacity', w));
  const headline = headlineCrossover(w);
  if (headline) lenses.push(workloadLens('crossover', w, headline));
  // Self-hosted: the cheapest way to host the same model at this volume (an API workload's verdict already uses it).
  if (w.deployment === 'self-hosted' && w.cheapestSelfHost) lenses.push(workloadLens('cheapest', w));
  for (const a of w.alternativeCheapest) {
    lenses.push({ kind: 'cheapest', offset: a.offset, length: a.length, workload: w.index, alternative: a.alternative, title: alternativeCheapestTitle(a, w), explanation: a.cheapest.explanation });
  }
  return lenses;
}

/** The figure-bearing fields of a workload, each with how its figures were computed. */
export function workloadFigures(tree: ConfigTree, w: WorkloadResult): Figure[] {
  const node = tree.at(['workloads', w.index]);
  const figures: Figure[] = [];
  const fig = (n: NodeId, field: string, explanation: Explanation) => {
    if (n !== NONE) figures.push({ ...tree.range(n), workload: w.index, field, explanation });
  };
  const volume = tree.child(node, 'monthlyTokens');
  if (volume !== NONE) {
    fig(volume, 'monthlyTokens', [volumeStep`${w.monthlyTokensM}M tokens/month`, ...w.explanation.filter((s) => s.topic === 'monthly-cost' || s.topic === 'replicas')]);
  }
  const setup = w.selfHost;
  if (setup) {
    const setupNode = tree.at(['deployment', 'selfHosted'], node);
    for (const key of ['gpu', 'gpus', 'quantization', 'throughputTps', 'replicas', 'gpuHourlyUsd']) fig(tree.child(setupNode, key), key, setup.explanation);
  }
  fig(tree.child(node, 'blendedPricePerMillion'), 'blendedPricePerMillion', w.explanation);
  return figures;
}
