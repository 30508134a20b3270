/**
 * The cheapest way to self-host a model for a workload's volume, by the serving model: the
 * GPU × count × weight format search of serving/cheapest.ts, done once per model and request
 * shape, then sized for each volume (replicas for the peak), so that a file with a thousand
 * workloads pays for a handful of searches.
 */
import type { Catalog } from '../catalog';
import type { ModelCard } from '../catalog/types';
import { formatUsd, gpuMonthlyUsd } from '../pricing/cost';
import type { RequestShape } from './requestShape';
import { step, textStep, usd, type TextStep } from '../present/explanation';
import { cheapestSetup, type Candidate } from './serving/cheapest';
import { findOpenModel } from './serving/models';
import { keptPerCatalog } from './servedSetup';
import { gpuHourPrice, isPriced, paidGpus, type GpuHourSource, type GpuPriceRules } from '../pricing/gpuHour';
import { DEFAULT_PRICING, type RentedOffer } from '../pricing/offers';
import { offerText, pricingWords, replicasText, setupCountsText } from '../present/offers';
import { compareKeys, compareSetups, dominates, type RankedSetup } from './setupOrder';
import { weightsText } from '../present/quality';
import type { QualityLevel } from '../config/schema';
import type { CheaperOption, CheapestSelfHost } from './cheapestTypes';

/** Peak request rate over the month's average when the file gives none: replicas are sized for it. */
export const DEFAULT_PEAK_TO_AVERAGE = 2;

export { DEFAULT_REQUEST_SHAPE, DEFAULT_REQUEST_TOKENS, requestShape, type RequestShape } from './requestShape';

export interface SelfHostTargets {
  hoursPerMonth: number;
  peakToAverage: number;
  ttftMs?: number;
  tpotMs?: number;
  /** What the file says GPU-hours cost (gpuHourPrice's rules), over each GPU's median quote. */
  gpuRules?: GpuPriceRules;
  /** Which weight formats may be picked (near-lossless when absent). */
  quality?: QualityLevel;
}

export type { CheaperOption, CheapestSelfHost, CheapestByDay } from './cheapestTypes';

/** A model's search at one request shape: the setups that work, and what was searched, as steps. */
interface Search {
  candidates: Candidate[];
  /** Working setups the quality level leaves out: the cheaper option is one of them. */
  lower: Candidate[];
  steps: TextStep[];
  gridSize: number;
  /** The options of the last targets asked for: every workload of a file shares its targets' prices and peak. */
  options?: Options;
}

/** A search's options for one set of targets, and the cheapest setup at each volume asked for. */
export interface Options {
  targets: OptionTargets;
  options: Option[];
  /** The left-out setups, priced as the options are. */
  lower: Option[];
  steps: TextStep[];
  /** The same record for every workload at this volume (of this model, shape and targets): a pure function's result, kept. */
  atVolume: Map<number, CheapestSelfHost>;
}

type OptionTargets = Pick<SelfHostTargets, 'gpuRules' | 'hoursPerMonth' | 'peakToAverage'>;
const searches = new WeakMap<Catalog, Map<string, Search | null>>();

function search(cat: Catalog, card: ModelCard, shape: RequestShape, targets: SelfHostTargets): Search | null {
  const key = [card.id, shape.inputTokens, shape.outputTokens, targets.hoursPerMonth, targets.ttftMs, targets.tpotMs, targets.quality ?? 'near-lossless'].join('|');
  return keptPerCatalog(searches, cat, key, () => searchOnce(cat, card, shape, targets));
}

function searchOnce(cat: Catalog, card: ModelCard, shape: RequestShape, targets: SelfHostTargets): Search | null {
  let found: Search | null = null;
  const gpus = cat.servingGpus;
  const lookup = gpus?.length && cat.openModels ? findOpenModel(card.id, cat) : undefined;
  if (gpus && lookup && 'model' in lookup) {
    // Sized at one request a second: the per-replica figures do not depend on the volume.
    const result = cheapestSetup({
      model: lookup.model,
      gpus,
      monthlyTokens: (shape.inputTokens + shape.outputTokens) * 3600 * targets.hoursPerMonth,
      shape,
      peakToAverage: 1,
      hoursPerMonth: targets.hoursPerMonth,
      ...(targets.ttftMs !== undefined ? { ttftMs: targets.ttftMs } : {}),
      ...(targets.tpotMs !== undefined ? { tpotMs: targets.tpotMs } : {}),
      alternatives: Number.MAX_SAFE_INTEGER,
      quality: targets.quality ?? 'near-lossless',
      qualityRows: cat.formatQuality ?? [],
    });
    const sized = (c: Candidate | undefined): c is Candidate => !!c && c.ok && c.capacityRequestsPerSecond > 0;
    const candidates = [result.best, ...result.runnersUp].filter(sized);
    found = { candidates, lower: result.leftOut.filter(sized), steps: result.lines.slice(1, 3).map((line) => textStep('serving', line)), gridSize: result.gridSize };
  }
  return found;
}

/** One searched setup that works, sized per replica. */
export interface Option {
  c: Candidate;
  /** The GPU-hour price used, and whether it is the user's. */
  hourly: number;
  /** Which rule priced its GPU-hour. */
  source: GpuHourSource;
  offer?: RentedOffer;
  /** Without offers, the GPU's median quote: said beside the user's price. */
  quote?: number;
  perReplica: number;
  /** Tokens a month one replica serves at the average load its peak sizing allows, in millions. */
  capacityM: number;
  /** Tokens a second (input and output) one replica serves at its most concurrency within the targets. */
  throughputTps: number;
  /** What does not depend on the volume, made when first described: one replica's step, and each count of replicas' label and cost step. */
  replicaStep?: TextStep;
  byReplicas?: Map<number, { label: string; costStep: TextStep }>;
}

export function optionsFor(cat: Catalog, card: ModelCard, shape: RequestShape, targets: SelfHostTargets): Options | undefined {
  if (card.access !== 'open-weight') return undefined;
  const found = search(cat, card, shape, targets);
  if (!found || !found.candidates.length) return undefined;
  const kept = found.options;
  if (kept && kept.targets.gpuRules === targets.gpuRules && kept.targets.hoursPerMonth === targets.hoursPerMonth && kept.targets.peakToAverage === targets.peakToAverage) return kept;
  const perRequest = shape.inputTokens + shape.outputTokens;
  const rules = targets.gpuRules ?? {};
  const offers = cat.gpuOffers;
  // Only whole instances of an offer are rented (serving/cheapest.ts says why); what is left out is said.
  const unpriced: Candidate[] = [];
  const partial: Candidate[] = [];
  const priced = (c: Candidate, said: boolean): Option[] => {
    // The search ran without offers or the file's prices: its hourly figure is the GPU's quote.
    const price = gpuHourPrice({ gpu: c.gpu, gpus: c.gpus, quoteUsd: c.hourlyUsdPerGpu, hoursPerMonth: targets.hoursPerMonth, ...(offers ? { offers } : {}) }, rules);
    if (!isPriced(price)) return (said && unpriced.push(c), []);
    if (paidGpus(price, c.gpus) > c.gpus) return (said && partial.push(c), []);
    const hourly = price.usd;
    return [
      {
        c,
        hourly,
        source: price.source,
        ...(price.offer ? { offer: price.offer } : {}),
        ...(price.catalogUsd !== undefined ? { quote: price.catalogUsd } : {}),
        perReplica: gpuMonthlyUsd(c.gpus, hourly, targets.hoursPerMonth),
        capacityM: (c.capacityRequestsPerSecond * perRequest * 3600 * targets.hoursPerMonth) / targets.peakToAverage / 1e6,
        throughputTps: c.capacityRequestsPerSecond * perRequest,
      },
    ];
  };
  const options = found.candidates.flatMap((c) => priced(c, true));
  const lower = found.lower.flatMap((c) => priced(c, false));
  if (!options.length) return undefined;
  const mode = pricingWords(rules.pricing ?? DEFAULT_PRICING);
  const left = [
    ...(unpriced.length ? [textStep('serving', `left out, no offer renting them ${mode}: ${setupCountsText(unpriced)}`)] : []),
    ...(partial.length ? [textStep('serving', `left out, rented ${mode} only as part of a larger instance: ${setupCountsText(partial)}`)] : []),
  ];
  return (found.options = {
    targets: { gpuRules: targets.gpuRules, hoursPerMonth: targets.hoursPerMonth, peakToAverage: targets.peakToAverage },
    options: undominated(options),
    lower: undominated(lower),
    steps: left.length ? [...found.steps, ...left] : found.steps,
    atVolume: new Map(),
  });
}

/**
 * The options that can be picked at some volume. One that another goes before at every volume
 * (by setupOrder.ts: it costs no more a replica, serves no less, uses no more GPUs and no fewer
 * bits) never wins: not the cheapest at a volume, nor the earliest to beat an API, nor the
 * lowest cost per token. A search of a few hundred setups leaves a handful, and every
 * workload of a file picks from those.
 */
export function undominated<T extends { c: RankedSetup; perReplica: number }>(options: T[]): T[] {
  // Dominance is a strict order, and this sort never puts an option before one that goes before
  // it: each option need only be checked against those kept so far (a handful), not all (n²,
  // tens of milliseconds for a search of hundreds of setups).
  const sorted = [...options].sort(
    (a, b) =>
      a.perReplica - b.perReplica ||
      a.c.gpus - b.c.gpus ||
      a.c.timePerOutputTokenAloneMs - b.c.timePerOutputTokenAloneMs ||
      b.c.capacityRequestsPerSecond - a.c.capacityRequestsPerSecond ||
      compareKeys(a.c, b.c),
  );
  const kept = new Set<T>();
  for (const o of sorted) {
    let beaten = false;
    for (const d of kept) if ((beaten = dominates(d.c, o.c, d.perReplica, o.perReplica))) break;
    if (!beaten) kept.add(o);
  }
  // In the search's order, as before.
  return options.filter((o) => kept.has(o));
}

const setupStep = step('setup');
const servingStep = step('serving');
const costStep = step('monthly-cost');

/** One replica's step: the same for every volume. */
export function replicaStepOf(o: Option): TextStep {
  const c = o.c;
  return (o.replicaStep ??= servingStep`one replica: up to ${c.maxConcurrency} concurrent requests, ${c.capacityRequestsPerSecond} requests/s = ${o.throughputTps} tok/s (input and output), ${c.bound}-bound, TTFT ${c.timeToFirstTokenMs} ms, TPOT ${c.timePerOutputTokenMs} ms at the concurrency the load needs`);
}

/** The label and cost step of this many replicas: shared by every volume that needs as many, most of a file's workloads. */
function forCountOf(o: Option, replicas: number, targets: SelfHostTargets): { label: string; costStep: TextStep } {
  const byReplicas = (o.byReplicas ??= new Map());
  const known = byReplicas.get(replicas);
  if (known) return known;
  const { c } = o;
  const monthly = replicas * o.perReplica;
  const others = targets.gpuRules?.gpuPrices?.size ? '; assumptions.gpuPrices names other GPUs' : '';
  const why =
    o.source === 'offer'
      ? `each replica rents ${offerText(o.offer!)}${others}`
      : o.source === 'catalog'
        ? `${c.gpu} at the catalog's median on-demand quote${others}`
        : o.source === 'owned'
          ? `${c.gpu} you own, its hour from assumptions.ownedGpus`
          : `${c.gpu} at your price from ${o.source === 'gpu-prices' ? 'assumptions.gpuPrices' : 'assumptions.gpuHourlyUsd'}${o.quote !== undefined ? `; the catalog's median quote is ${formatUsd(o.quote)}` : ''}`;
  const forCount = {
    label: `${c.gpus}× ${c.gpu} · ${c.weights} · ${replicasText(replicas)} · ${formatUsd(monthly)}/mo`,
    costStep: costStep`cost = ${replicas} × ${c.gpus} GPUs × ${usd(o.hourly)}/GPU-hour × ${targets.hoursPerMonth} h = ${usd(monthly)}/mo (${why})`,
  };
  if (byReplicas.size < 64) byReplicas.set(replicas, forCount);
  return forCount;
}

export function describe(model: string, o: Option, replicas: number, volumeM: number, shape: RequestShape, targets: SelfHostTargets, searchSteps: TextStep[], why: string): CheapestSelfHost {
  const { c, perReplica, capacityM, throughputTps } = o;
  const forCount = forCountOf(o, replicas, targets);
  return {
    model,
    gpu: c.gpu,
    gpuName: c.gpuName,
    gpus: c.gpus,
    weights: c.weights,
    replicas,
    monthlyUsd: replicas * perReplica,
    perReplicaMonthlyUsd: perReplica,
    hourlyUsdPerGpu: o.hourly,
    hourlySource: o.source,
    ...(o.offer ? { offer: o.offer } : {}),
    capacityTokensM: capacityM,
    ...capacityBand(o),
    throughputTps,
    concurrency: c.maxConcurrency,
    timeToFirstTokenMs: c.timeToFirstTokenMs,
    timePerOutputTokenMs: c.timePerOutputTokenMs,
    bound: c.bound,
    shape,
    label: forCount.label,
    quality: c.quality,
    // Steps, written out only when shown: a file of a thousand workloads has as many setups.
    explanation: [
      setupStep`${why} for ${volumeM}M tokens a month in requests of ${shape.inputTokens} in / ${shape.outputTokens} out, sized for a peak ${targets.peakToAverage}× the average: ${replicasText(replicas)} of ${c.gpus}× ${c.gpuName} at ${weightsText(c.quality)}`,
      ...searchSteps,
      replicaStepOf(o),
      forCount.costStep,
    ],
  };
}

function replicasFor(o: Option, volumeM: number): number {
  return Math.max(1, Math.ceil(volumeM / o.capacityM - 1e-9));
}

/** An option's replicas and month at a volume, sized for the peak all month. */
const flatAt = (volumeM: number) => (o: Option) => {
  const replicas = replicasFor(o, volumeM);
  return { replicas, monthlyUsd: replicas * o.perReplica };
};

/** The cheapest setup for `volumeM` million tokens a month, or undefined when the model cannot be sized. */
export function cheapestSelfHost(cat: Catalog, card: ModelCard, volumeM: number, shape: RequestShape, targets: SelfHostTargets): CheapestSelfHost | undefined {
  const found = optionsFor(cat, card, shape, targets);
  if (!found) return undefined;
  const known = found.atVolume.get(volumeM);
  if (known) return known;
  // The order the CLI's `cheapest` sorts by, so both name the same setup at a tie.
  let best: { o: Option; rank: RankedSetup } | undefined;
  for (const o of found.options) {
    const replicas = replicasFor(o, volumeM);
    const rank = { ...o.c, replicas, monthlyUsd: replicas * o.perReplica };
    if (!best || compareSetups(rank, best.rank) < 0) best = { o, rank };
  }
  const cheapest = describe(card.id, best!.o, best!.rank.replicas, volumeM, shape, targets, found.steps, 'cheapest self-hosted setup');
  withCheaperOption(cheapest, cheaperOptionAt(found.lower, best!.rank, flatAt(volumeM), (o, replicas) => forCountOf(o, replicas, targets).label));
  if (found.atVolume.size < 1024) found.atVolume.set(volumeM, cheapest);
  return cheapest;
}

/** The pick with the cheaper left-out setup beside it, said right after the pick (the last step stays the pick's cost). */
export function withCheaperOption(cheapest: CheapestSelfHost, cheaper: CheaperOption | undefined): void {
  if (!cheaper) return;
  cheapest.cheaperOption = cheaper;
  const [first, ...rest] = cheapest.explanation;
  cheapest.explanation = [first!, setupStep`cheaper, not picked under near-lossless (quality "any" allows it): ${cheaper.label} (${cheaper.quality.words})`, ...rest];
}

/** The cheapest left-out setup, each priced by `at` (for the peak all month, or by a day of traffic), when it costs less than the pick. */
export function cheaperOptionAt(lower: readonly Option[], pick: RankedSetup, at: (o: Option) => { replicas: number; monthlyUsd: number }, labelOf: (o: Option, replicas: number) => string): CheaperOption | undefined {
  let best: { o: Option; rank: RankedSetup } | undefined;
  for (const o of lower) {
    const { replicas, monthlyUsd } = at(o);
    const rank = { ...o.c, replicas, monthlyUsd };
    if (!best || compareSetups(rank, best.rank) < 0) best = { o, rank };
  }
  if (!best || !(best.rank.monthlyUsd < pick.monthlyUsd)) return undefined;
  const { c } = best.o;
  return { gpu: c.gpu, gpus: c.gpus, weights: c.weights, replicas: best.rank.replicas, monthlyUsd: best.rank.monthlyUsd, label: labelOf(best.o, best.rank.replicas), quality: c.quality };
}

/**
 * The setup that beats an API price at the lowest volume: a replica costing F and serving C
 * a month wins from F / P tokens when F / P ≤ C (more replicas only scale both sides). When
 * none can, the one with the lowest cost per token, the closest to winning.
 */
export function earliestWinningSelfHost(cat: Catalog, card: ModelCard, apiPricePerM: number, volumeM: number, shape: RequestShape, targets: SelfHostTargets): CheapestSelfHost | undefined {
  const found = optionsFor(cat, card, shape, targets);
  const pick = found && earliestWinner(found.options, apiPricePerM);
  return pick && describe(card.id, pick, replicasFor(pick, volumeM), volumeM, shape, targets, found.steps, 'the self-hosted setup that beats the API soonest');
}

/** One replica of a searched setup, as plain data: a cheapest setup's figures that do not depend on the volume. */
export type ReplicaSetup = Pick<CheapestSelfHost, 'model' | 'gpu' | 'gpus' | 'weights' | 'perReplicaMonthlyUsd' | 'hourlyUsdPerGpu' | 'offer' | 'capacityTokensM' | 'capacityBandM' | 'throughputTps' | 'explanation'>;
/** The capacity's P10–P90: the throughput's band (serving/residuals.ts) carries to the tokens a month in proportion. */
const capacityBand = ({ c, capacityM }: Option) => (c.rateBand ? { capacityBandM: { low: capacityM * c.rateBand.low, high: capacityM * c.rateBand.high } } : {});

/**
 * The replica of the setup that beats an API price at the lowest volume (as
 * earliestWinningSelfHost picks it), for comparing with the API: it does not depend on the
 * volume, so every workload of a file that picks it shares one object.
 */
export function earliestWinningReplica(cat: Catalog, card: ModelCard, apiPricePerM: number, shape: RequestShape, targets: SelfHostTargets): ReplicaSetup | undefined {
  const found = optionsFor(cat, card, shape, targets);
  const pick = found && earliestWinner(found.options, apiPricePerM);
  if (!pick) return undefined;
  let replica = replicas.get(pick);
  if (!replica) {
    const { c } = pick;
    replica = {
      model: card.id,
      gpu: c.gpu,
      gpus: c.gpus,
      weights: c.weights,
      perReplicaMonthlyUsd: pick.perReplica,
      hourlyUsdPerGpu: pick.hourly,
      ...(pick.offer ? { offer: pick.offer } : {}),
      capacityTokensM: pick.capacityM,
      ...capacityBand(pick),
      throughputTps: pick.throughputTps,
      explanation: [
        setupStep`the self-hosted setup that beats the API soonest, sized for a peak ${targets.peakToAverage}× the average: ${c.gpus}× ${c.gpuName} at ${weightsText(c.quality)}`,
        ...found.steps,
        replicaStepOf(pick),
        forCountOf(pick, 1, targets).costStep,
      ],
    };
    replicas.set(pick, replica);
  }
  return replica;
}

const replicas = new WeakMap<Option, ReplicaSetup>();

function earliestWinner(options: readonly Option[], apiPricePerM: number): Option | undefined {
  if (!(apiPricePerM > 0)) return undefined;
  // One pass: the winner from the lowest volume, else the lowest cost per token.
  let winner: Option | undefined;
  let closest = options[0]!;
  for (const o of options) {
    const from = o.perReplica / apiPricePerM;
    if (from <= o.capacityM && (!winner || from < winner.perReplica / apiPricePerM)) winner = o;
    if (o.perReplica / o.capacityM < closest.perReplica / closest.capacityM) closest = o;
  }
  return winner ?? closest;
}
