/**
 * Lenses and hover figures, built from the evaluated workloads, each with the steps that
 * explain it.
 */
import type { AlternativeCheapest, CrossoverResult, Figure, Lens, LensKind, WorkloadResult } from '../analysis/types';
import { formatGB, formatNumber, formatTokensM, formatUsd, insideBand, reachTooClose, replicasBand, replicasNeeded, type Band } from '../pricing/cost';
import { NO_STEPS, step, usd, type Explanation, type ExplanationStep } from './explanation';
import { NONE, type ConfigTree, type NodeId } from '../config/document';

/**
 * The two monthly costs a comparison sets against each other at the workload's own volume:
 * the configured deployment's and the compared one's (a self-hosted option pays whole replicas).
 */
export function costsAtVolume(c: CrossoverResult, w: WorkloadResult): { selfHostedUsd: number; apiUsd: number; selfHostedBandUsd?: { low: number; high: number } } | undefined {
  if (w.monthlyCostUsd === null) return undefined;
  const volumeM = w.monthlyTokensM;
  if (w.deployment === 'api') {
    const selfHostedUsd = replicasNeeded(volumeM, c.selfHostCapacityTokensM) * c.selfHostFixedMonthlyUsd;
    const replicas = c.selfHostCapacityBandM && replicasBand(volumeM, c.selfHostCapacityBandM);
    const band = replicas && { low: replicas.low * c.selfHostFixedMonthlyUsd, high: replicas.high * c.selfHostFixedMonthlyUsd };
    return { selfHostedUsd, apiUsd: w.monthlyCostUsd, ...(band && band.low < band.high ? { selfHostedBandUsd: band } : {}) };
  }
  return { selfHostedUsd: w.monthlyCostUsd, apiUsd: volumeM * c.apiPricePerMillionUsd, ...(w.monthlyCostBandUsd ? { selfHostedBandUsd: w.monthlyCostBandUsd } : {}) };
}

/** The API's cost lies inside the self-hosted cost's P10–P90: the serving model cannot say which side is cheaper. */
function tooClose(costs: ReturnType<typeof costsAtVolume>): Band | undefined {
  return costs && insideBand(costs.selfHostedBandUsd, costs.apiUsd) ? costs.selfHostedBandUsd : undefined;
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

/**
 * The comparison as a sentence, with both models named: the panel's summary and the hover's
 * detail. The lens says the same in fewer words (verdictTitle).
 */
export function crossoverTitle(c: CrossoverResult, w: WorkloadResult): string {
  const costs = costsAtVolume(c, w);
  const close = tooClose(costs);
  if (close && costs && !c.ruledOutBy) {
    const self = w.deployment === 'api' ? `self-hosting ${c.selfHostModel}` : 'self-hosting';
    return `${self} would cost ${formatUsd(close.low)}–${formatUsd(close.high)}/mo here (the serving model's P10–P90), the ${c.apiModel} API ${formatUsd(costs.apiUsd)}: too close to call`;
  }
  if (w.deployment === 'api') {
    if (costs && costs.selfHostedUsd < costs.apiUsd) {
      return `self-hosting ${c.selfHostModel} would cost ${formatUsd(costs.selfHostedUsd)}/mo here, ${formatUsd(costs.apiUsd - costs.selfHostedUsd)} less`;
    }
    const reach = reachTooClose(c);
    if (reach) {
      return `self-hosting ${c.selfHostModel} wins from ${formatTokensM(c.crossoverTokensM)} tok/mo if a replica serves that much; its P10–P90 capacity is ${formatTokensM(reach.low)}–${formatTokensM(reach.high)} tok/mo: too close to call`;
    }
    if (!c.makesSense) {
      return `self-hosting ${c.selfHostModel} never wins at ${formatNumber(c.selfHostSetup.throughputTps)} tok/s — needs ≥ ${formatNumber(c.breakEvenThroughputTps)} tok/s`;
    }
    return `at ${formatTokensM(c.crossoverTokensM)} tok/mo self-hosting ${c.selfHostModel} is cheaper`;
  }
  if (costs && costs.apiUsd < costs.selfHostedUsd) {
    if (c.ruledOutBy) return `${c.ruledOutBy} costs ${formatUsd(costs.selfHostedUsd - costs.apiUsd)}/mo over ${c.apiModel} API`;
    return `the ${c.apiModel} API would cost ${formatUsd(costs.apiUsd)}/mo here, ${formatUsd(costs.selfHostedUsd - costs.apiUsd)} less`;
  }
  return `at ${formatTokensM(c.crossoverTokensM)} tok/mo self-hosting is cheaper than ${c.apiModel}`;
}

/**
 * The lens's verdict: one short clause that fits beside the cost at an editor's width. The
 * figures are crossoverTitle's; what it leaves out (the break-even throughput, "here") is in
 * the explanation the lens opens.
 */
export function verdictTitle(c: CrossoverResult, w: WorkloadResult): string {
  const costs = costsAtVolume(c, w);
  const close = tooClose(costs);
  if (close && costs && !c.ruledOutBy) {
    return w.deployment === 'api'
      ? `self-hosting ${shortId(c.selfHostModel, 18)}: ${formatUsd(close.low)}–${formatUsd(close.high)}, too close`
      : `${c.apiModel === w.model ? 'API' : `${shortId(c.apiModel, 18)} API`} ${formatUsd(costs.apiUsd)}/mo: too close to call`;
  }
  if (w.deployment === 'api') {
    const model = shortId(c.selfHostModel);
    if (costs && costs.selfHostedUsd < costs.apiUsd) {
      return `self-hosting ${model} would be ${formatUsd(costs.selfHostedUsd)}/mo, ${formatUsd(costs.apiUsd - costs.selfHostedUsd)} less`;
    }
    if (reachTooClose(c)) return `self-hosting ${model} may win from ${formatTokensM(c.crossoverTokensM)} tok/mo`;
    if (!c.makesSense) return `self-hosting ${model} never wins at ${formatNumber(c.selfHostSetup.throughputTps)} tok/s`;
    return `at ${formatTokensM(c.crossoverTokensM)} tok/mo self-hosting ${model} is cheaper`;
  }
  // On a self-hosted workload the API compared is most often its own model's: "API" says it.
  const api = c.apiModel === w.model ? 'API' : `${shortId(c.apiModel)} API`;
  if (costs && costs.apiUsd < costs.selfHostedUsd) {
    if (c.ruledOutBy) return `${c.ruledOutBy} costs ${formatUsd(costs.selfHostedUsd - costs.apiUsd)}/mo over ${shortId(c.apiModel)} API`;
    return `${api} would be ${formatUsd(costs.apiUsd)}/mo, ${formatUsd(costs.selfHostedUsd - costs.apiUsd)} less`;
  }
  return `at ${formatTokensM(c.crossoverTokensM)} tok/mo self-hosting beats the ${api}`;
}

/** A model id as a lens writes it: a long one (a provider's path) keeps its start and its end. */
export function shortId(id: string, max = 26): string {
  if (id.length <= max) return id;
  const head = Math.ceil((max - 1) / 2);
  return `${id.slice(0, head)}…${id.slice(id.length - (max - 1 - head))}`;
}

/** A setup's label in a lens: "1 replica" is what a reader assumes, so only more are written. */
function setupWords(label: string): string {
  return label.replace(/ · \$[\d,.]+\/mo$/, '').replace(' · 1 replica', '');
}

const totalStep = step('total');
const crossoverStep = step('crossover');
const volumeStep = step('volume');
const setupStep = step('setup');

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
        : kind === 'cheapest'
          ? [setupStep`${cheapestSentence(w)}`, ...dayCaveat(w), ...(w.cheapestSelfHost?.explanation ?? NO_STEPS)]
          : crossoverSteps(crossover!, w),
  };
}


/**
 * On a self-hosted workload: the cheapest setup for its volume. A saving is the verdict, so it
 * leads ("1× t4 · int4-awq saves $151/mo"); otherwise the setup and its cost.
 */
export function cheapestTitle(w: WorkloadResult): string {
  return setupVerdict(w.cheapestSelfHost!, w.monthlyCostUsd);
}

/** The cheapest setup against what the workload pays now (its own setup, or its API). */
function setupVerdict(c: { label: string; monthlyUsd: number }, current: number | null): string {
  const setup = setupWords(c.label);
  if (current !== null && c.monthlyUsd < current - 0.005) return `${setup} saves ${formatUsd(current - c.monthlyUsd)}/mo`;
  const cost = `cheapest: ${setup} · ${formatUsd(c.monthlyUsd)}/mo`;
  if (current === null) return cost;
  return c.monthlyUsd > current + 0.005 ? `${cost}, ${formatUsd(c.monthlyUsd - current)} more` : `${cost}, no saving`;
}

/** A cheapest setup not sized by the workload's day of traffic (one it cannot read) is sized for the peak all month, which the reader is told. */
function dayCaveat(w: WorkloadResult): Explanation {
  return w.dayTraffic && !w.cheapestSelfHost?.byDay ? [setupStep`this setup is sized for a peak ${w.serving.peakToAverage}× the average around the clock, not by the workload's day of traffic, which prices the workload's own setup`] : NO_STEPS;
}

function cheapestSentence(w: WorkloadResult): string {
  const c = w.cheapestSelfHost!;
  const current = w.monthlyCostUsd;
  if (current === null) return `cheapest setup: ${c.label}`;
  return c.monthlyUsd < current - 0.005 ? `cheapest setup: ${c.label}, ${formatUsd(current - c.monthlyUsd)} less than this setup` : `cheapest setup: ${c.label}, no cheaper than this setup`;
}

function lensTitle(kind: Exclude<LensKind, 'total'>, w: WorkloadResult, crossover: CrossoverResult | undefined): string {
  if (kind === 'crossover') return verdictTitle(crossover!, w);
  if (kind === 'cheapest') return cheapestTitle(w);
  if (w.monthlyCostUsd === null) {
    if (w.notModelled) return `not modelled: ${w.notModelled}`;
    if (w.notPriced) return `not priced: no offer rents ${w.notPriced}`;
    return w.selfHost && !w.selfHost.fits ? `does not fit — needs ${formatGB(w.selfHost.memoryNeededGB)} of ${formatGB(w.selfHost.memoryAvailableGB)}` : 'no price';
  }
  // The cost and how it is run; the price per million, the setup and the capacity are in its explanation.
  const missing = w.missingPrices ? ` · no ${w.missingPrices.join('/')} price` : '';
  if (w.deployment === 'api') return `${formatUsd(w.monthlyCostUsd)}/mo · ${shortId(w.model)} API${missing}`;
  // Sized hour by hour, the replicas vary over the day: the lens gives the idle share instead (the explanation has the hours).
  const replicas = w.dayTraffic && !w.dayTraffic.replicasFixed ? undefined : w.selfHost!.replicas;
  const idle = idleText(w);
  return `${formatUsd(w.monthlyCostUsd)}/mo · self-hosted${replicas === undefined || replicas === 1 ? '' : ` · ${formatNumber(replicas)} replicas`}${idle ? ` · ${idle}` : ''}`;
}

/** The idle share of a self-hosted month, where the setup states its traffic: "$480 idle", beside the cost. */
export function idleText(w: Pick<WorkloadResult, 'idleMonthlyUsd'>): string | undefined {
  return w.idleMonthlyUsd === undefined ? undefined : `${formatUsd(w.idleMonthlyUsd)} idle`;
}

/** Where the replica's capacity band straddles the crossover, the step that says so. */
function reachSteps(c: CrossoverResult): Explanation {
  const reach = reachTooClose(c);
  return reach
    ? [crossoverStep`P10–P90 of one replica's capacity: ${reach.low}–${reach.high}M tok/mo, on both sides of the crossover: whether self-hosting ever wins here is too close to call`]
    : NO_STEPS;
}

function crossoverSteps(c: CrossoverResult, w: WorkloadResult): Explanation {
  return [
    crossoverStep`${crossoverTitle(c, w)}`,
    crossoverStep`crossover V* = fixed / P = ${usd(c.selfHostFixedMonthlyUsd)} / ${usd(c.apiPricePerMillionUsd)} = ${c.crossoverTokensM}M tok/mo`,
    crossoverStep`one replica (${c.selfHostLabel}) serves ${c.selfHostCapacityTokensM}M tok/mo → ${c.makesSense ? 'the crossover is reachable' : 'the crossover is out of reach'}`,
    ...reachSteps(c),
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
  // Against the API the workload pays; the lens sits on the alternative's line, which names the model.
  return setupVerdict(a.cheapest, w.monthlyCostUsd);
}

/** The alternative's cheapest setup as a sentence, the first line of its explanation. */
function alternativeCheapestSentence(a: AlternativeCheapest, w: WorkloadResult): ExplanationStep {
  const c = a.cheapest;
  const api = w.monthlyCostUsd;
  const against =
    api === null ? '' : c.monthlyUsd < api - 0.005 ? `, ${formatUsd(api - c.monthlyUsd)} less than the ${w.model} API` : `, ${formatUsd(c.monthlyUsd - api)} more than the ${w.model} API`;
  const declared = a.declaredMonthlyUsd !== null && a.declaredMonthlyUsd < c.monthlyUsd - 0.005 ? ` (the declared setup costs less: ${formatUsd(a.declaredMonthlyUsd)}/mo)` : '';
  return setupStep`cheapest self-hosted ${a.model}: ${c.label}${against}${declared}`;
}

/**
 * Cost, then the headline verdict, then the cheapest setup: one line of short lenses. The
 * capacity of a replica is a step of the cost's explanation.
 */
export function workloadLenses(w: WorkloadResult): Lens[] {
  const lenses = [workloadLens('cost', w)];
  const headline = headlineCrossover(w);
  if (headline) lenses.push(workloadLens('crossover', w, headline));
  // Self-hosted: the cheapest way to host the same model at this volume (an API workload's verdict already uses it).
  if (w.deployment === 'self-hosted' && w.cheapestSelfHost) lenses.push(workloadLens('cheapest', w));
  for (const a of w.alternativeCheapest) {
    lenses.push({ kind: 'cheapest', offset: a.offset, length: a.length, workload: w.index, alternative: a.alternative, title: alternativeCheapestTitle(a, w), explanation: [alternativeCheapestSentence(a, w), ...a.cheapest.explanation] });
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
    // The day of traffic: how it sized the replicas and what of the month idles.
    if (w.dayTraffic) fig(tree.child(setupNode, 'traffic'), 'traffic', w.explanation.filter((s) => s.topic === 'traffic' || s.topic === 'replicas' || s.topic === 'monthly-cost'));
  }
  fig(tree.child(node, 'blendedPricePerMillion'), 'blendedPricePerMillion', w.explanation);
  return figures;
}
