/**
 * The cheapest self-hosted setup for a model and a monthly volume: every GPU type × GPU count
 * (1, 2, 4, 8 up to the node) × weight format, each at the highest concurrency that fits and
 * meets the latency targets, with enough replicas for the peak. Returns the winner, the
 * cheaper setups that fail and why, and the next cheapest that work.
 *
 * Each GPU-hour is priced by the one rule (pricing/gpuHour.ts). Given the offers, a count an
 * offer rents only by rounding up to a larger instance is not searched (its GPUs would be paid
 * for and left idle: the larger count is searched instead), and a GPU no offer rents in the
 * mode is not searched at all; the lines say which.
 */
import type { OpenModel } from '../../catalog/data/openModels';
import { DEFAULT_ASSUMPTIONS, formatNumber, formatUsd, gpuMonthlyUsd } from '../../pricing/cost';
import { gpuHourPrice, isPriced, paidGpus, type GpuHourSource, type GpuPriceRules } from '../../pricing/gpuHour';
import { DEFAULT_PRICING, type RentedOffer } from '../../pricing/offers';
import type { GpuOffer } from '../../catalog/data/gpuOffers';
import { pricingWords, setupCountsText } from '../../present/offers';
import { keptAt, setupQuality, type SetupQuality } from '../../present/quality';
import type { FormatQualityRow } from '../../catalog/data/formatQuality';
import type { QualityLevel } from '../../config/schema';
import { prepareReplica } from './replica';
import { resolveLayout, type LayoutRequest, type ServingLayout } from './layout';
import { layoutText } from '../../present/layout';
import { servingRange } from './residuals';
import type { PreparedReplica, RequestShape, ServingBound, UnsupportedCode } from './types';
import type { ServingCalibration } from './calibration';
import { DEFAULT_FRAMEWORK, FRAMEWORK_NAMES, type Framework } from './frameworks';
import { gpuCounts, isSizable, missingFacts, type ServingGpu } from './gpus';
import { WEIGHT_FORMATS, type KvCacheDtype, type WeightFormat } from './quantization';
import { compareSetups } from '../setupOrder';

export const DEFAULT_PEAK_TO_AVERAGE = 2;
// The product's month (720 h), as every other figure uses it: the CLI and the editor give the same dollars.
export const DEFAULT_HOURS_PER_MONTH = DEFAULT_ASSUMPTIONS.hoursPerMonth;

export type CandidateFailure = 'does-not-fit' | 'ttft-over-target' | 'tpot-over-target' | UnsupportedCode;

export interface CheapestOptions {
  model: OpenModel;
  gpus: readonly ServingGpu[];
  /** Tokens a month, input and output together. */
  monthlyTokens: number;
  /** Average tokens per request; its input/output split is the volume's. */
  shape: RequestShape;
  /** Peak request rate over the monthly average. */
  peakToAverage?: number;
  /** Upper bounds on time to first token and time per output token at the peak, ms. */
  ttftMs?: number;
  tpotMs?: number;
  hoursPerMonth?: number;
  /** What the file or the command line says GPU-hours cost, and the mode an offer is rented in. */
  gpuRules?: GpuPriceRules;
  /** The offers a GPU is rented from; without them each GPU's median quote prices it. */
  offers?: readonly GpuOffer[];
  /** Weight formats to try; by default those a throughput engine serves that suit the model. */
  formats?: readonly WeightFormat[];
  kvCache?: KvCacheDtype;
  /** The serving framework every setup runs (vLLM when absent). */
  framework?: Framework;
  /** The layout every setup of several GPUs runs (expert parallelism, DP attention); plain tensor parallelism when absent. */
  layout?: LayoutRequest;
  /** The calibration (calibration.ts's default when absent); the bench and the fit compare others. */
  calibration?: ServingCalibration;
  /** How many failing and working alternatives to return (each). */
  alternatives?: number;
  /** Which formats may be picked: near-lossless (the default) or any. */
  quality?: QualityLevel;
  /** The published quality of quantized weights (catalog formatQuality.json); without them every quantized format is unmeasured. */
  qualityRows?: readonly FormatQualityRow[];
}

export interface Candidate {
  gpu: string;
  gpuName: string;
  gpus: number;
  weights: string;
  kvCache: KvCacheDtype;
  hourlyUsdPerGpu: number;
  /** The setup's layout, when it runs one (absent: tensor parallel). */
  layout?: ServingLayout;
  /** Which rule priced the GPU-hour (pricing/gpuHour.ts). */
  hourlySource: GpuHourSource;
  /** The offer one replica rents, where an offer priced it: whole instances holding its GPUs. */
  offer?: RentedOffer;
  /** Replicas for the peak, and what they cost a month. For a failing setup, what it would cost were it not failing (one replica when it does not fit). */
  replicas: number;
  monthlyUsd: number;
  /** Concurrency each replica runs at the peak, and the most it could run within the targets. */
  concurrency: number;
  maxConcurrency: number;
  outputTokensPerSecond: number;
  requestsPerSecond: number;
  /** Requests a second one replica serves at its most concurrency within the targets: what sizes it for any volume. */
  capacityRequestsPerSecond: number;
  timeToFirstTokenMs: number;
  timePerOutputTokenMs: number;
  /** Time per output token of one request alone: a fact of the setup at any volume, which breaks a tie in price (setupOrder.ts). */
  timePerOutputTokenAloneMs: number;
  bound: ServingBound;
  /** The quality of its weight format, and the words shown beside it. */
  quality: SetupQuality;
  ok: boolean;
  failure?: { code: CandidateFailure; message: string };
  /** The P10 and P90 of its throughput as multiples of the estimate (residuals.ts), where its slice has them. */
  rateBand?: { low: number; high: number };
}

export interface CheapestResult {
  model: string;
  framework: Framework;
  monthlyTokens: number;
  shape: RequestShape;
  hoursPerMonth: number;
  peakToAverage: number;
  averageRequestsPerSecond: number;
  peakRequestsPerSecond: number;
  targets: { ttftMs?: number; tpotMs?: number };
  /** The quality level the pick was made at (each setup's own quality is its `quality`). */
  qualityLevel: QualityLevel;
  best?: Candidate;
  /**
   * Under near-lossless, the cheapest working setup in a lossy or unmeasured format, when it
   * costs less than the best: a separate, labelled option, never the pick.
   */
  cheaperOption?: Candidate;
  /** Working setups the quality level leaves out, cheapest first. */
  leftOut: Candidate[];
  /**
   * Setups cheaper than the best (or all, when none works) that fail, cheapest first, with
   * why: one per GPU type and count where no format works, the format closest to working.
   */
  cheaperFailures: Candidate[];
  /** The next cheapest setups that work. */
  runnersUp: Candidate[];
  /** GPU type × count × format combinations searched. */
  gridSize: number;
  lines: string[];
}

/** Formats a throughput engine serves, for this model: MXFP4 only where the model ships in it. */
export function defaultFormats(model: OpenModel): WeightFormat[] {
  const ids = ['bf16', 'fp8', 'nvfp4', 'int8', 'int4-awq'];
  // A model given by the user may say so only in words.
  if (model.quantization.publishedWeights === 'mxfp4' || /mxfp4/i.test(model.quantization.basis)) ids.push('mxfp4');
  return WEIGHT_FORMATS.filter((f) => ids.includes(f.id));
}

interface Point {
  concurrency: number;
  outputTokensPerSecond: number;
  requestsPerSecond: number;
  timeToFirstTokenMs: number;
  timePerOutputTokenMs: number;
  bound: ServingBound;
}

function pointAt(replica: PreparedReplica, concurrency: number, output: number): Point {
  const s = replica.at(concurrency);
  return {
    concurrency,
    outputTokensPerSecond: s.outputTokensPerSecond,
    requestsPerSecond: s.outputTokensPerSecond / output,
    timeToFirstTokenMs: s.timeToFirstTokenMs,
    timePerOutputTokenMs: s.timePerOutputTokenMs,
    bound: s.bound,
  };
}

export function cheapestSetup(options: CheapestOptions): CheapestResult {
  const { model, shape } = options;
  const peakToAverage = options.peakToAverage ?? DEFAULT_PEAK_TO_AVERAGE;
  const hours = options.hoursPerMonth ?? DEFAULT_HOURS_PER_MONTH;
  const kvCache = options.kvCache ?? 'fp16';
  const framework = options.framework ?? DEFAULT_FRAMEWORK;
  const formats = options.formats ?? defaultFormats(model);
  const keep = options.alternatives ?? 5;
  const level = options.quality ?? 'near-lossless';
  // The same words for every GPU and count: one per format.
  const qualities = new Map(formats.map((f) => [f.id, setupQuality(options.qualityRows ?? [], model.id, f.id, model.quantization.publishedWeights)]));
  const input = Math.max(1, shape.inputTokens);
  const output = Math.max(1, shape.outputTokens);
  const averageRequestsPerSecond = options.monthlyTokens / (input + output) / (hours * 3600);
  const peakRequestsPerSecond = averageRequestsPerSecond * peakToAverage;
  const meets = (p: Point) => (options.ttftMs === undefined || p.timeToFirstTokenMs <= options.ttftMs) && (options.tpotMs === undefined || p.timePerOutputTokenMs <= options.tpotMs);

  const candidates: Candidate[] = [];
  let gridSize = 0;
  const skipped: string[] = [];
  const unpriced: { gpu: string; gpus: number }[] = [];
  const partial: { gpu: string; gpus: number }[] = [];
  let searchedGpus = 0;
  for (const gpu of options.gpus) {
    if (!isSizable(gpu)) {
      skipped.push(`${gpu.id} (its ${missingFacts(gpu).join(', ')} unknown)`);
      continue;
    }
    let searched = false;
    for (const n of gpuCounts(gpu)) {
      const price = gpuHourPrice({ gpu: gpu.id, gpus: n, quoteUsd: gpu.hourlyUsd.default, hoursPerMonth: hours, ...(options.offers ? { offers: options.offers } : {}) }, options.gpuRules ?? {});
      if (!isPriced(price)) {
        unpriced.push({ gpu: gpu.id, gpus: n });
        continue;
      }
      if (paidGpus(price, n) > n) {
        partial.push({ gpu: gpu.id, gpus: n });
        continue;
      }
      searched = true;
      const hourly = price.usd;
      const perReplicaMonthly = gpuMonthlyUsd(n, hourly, hours);
      for (const weights of formats) {
        gridSize++;
        // One GPU has nothing to lay out: it runs as it is.
        const layout = n > 1 ? resolveLayout(options.layout, n) : undefined;
        const replica = prepareReplica({ model, gpu, gpus: n, weights, kvCache, shape: { inputTokens: input, outputTokens: output }, usage: 'server', framework, ...(layout ? { layout } : {}), ...(options.calibration ? { calibration: options.calibration } : {}) });
        const base = { gpu: gpu.id, gpuName: gpu.name, gpus: n, weights: weights.id, kvCache, ...(layout ? { layout } : {}), hourlyUsdPerGpu: hourly, hourlySource: price.source, ...(price.offer ? { offer: price.offer } : {}), quality: qualities.get(weights.id)! };
        const fail = (code: CandidateFailure, message: string, p: Point | undefined, replicas: number): Candidate => ({
          ...base,
          replicas,
          monthlyUsd: replicas * perReplicaMonthly,
          concurrency: p?.concurrency ?? 0,
          maxConcurrency: replica.maxConcurrency,
          outputTokensPerSecond: p?.outputTokensPerSecond ?? 0,
          requestsPerSecond: p?.requestsPerSecond ?? 0,
          capacityRequestsPerSecond: 0,
          timeToFirstTokenMs: p?.timeToFirstTokenMs ?? 0,
          timePerOutputTokenMs: p?.timePerOutputTokenMs ?? 0,
          // Only a setup over a latency target was run alone (p is that run); the others never ran.
          timePerOutputTokenAloneMs: p?.timePerOutputTokenMs ?? 0,
          bound: p?.bound ?? 'memory',
          ok: false,
          failure: { code, message },
        });
        if (replica.unsupported) {
          candidates.push(fail(replica.unsupported.code, replica.unsupported.message, undefined, 1));
          continue;
        }
        const limit = Math.min(replica.maxConcurrency, replica.maxNumSeqs);
        if (limit < 1) {
          candidates.push(fail('does-not-fit', `${formatNumber(replica.weightsBytes / 1e9)} GB of weights and one request's KV cache do not fit in ${n} × ${gpu.name}`, undefined, 1));
          continue;
        }
        const first = pointAt(replica, 1, output);
        if (!meets(first)) {
          const replicas = Math.max(1, Math.ceil(peakRequestsPerSecond / pointAt(replica, limit, output).requestsPerSecond));
          const ttft = options.ttftMs !== undefined && first.timeToFirstTokenMs > options.ttftMs;
          candidates.push(
            ttft
              ? fail('ttft-over-target', `time to first token ${formatNumber(first.timeToFirstTokenMs)} ms even alone, over the ${formatNumber(options.ttftMs!)} ms target`, first, replicas)
              : fail('tpot-over-target', `${formatNumber(first.timePerOutputTokenMs)} ms per output token even alone, over the ${formatNumber(options.tpotMs!)} ms target`, first, replicas),
          );
          continue;
        }
        // Latencies grow with concurrency: the highest concurrency within the targets.
        let lo = 1;
        let hi = limit;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (meets(pointAt(replica, mid, output))) lo = mid;
          else hi = mid - 1;
        }
        const most = pointAt(replica, lo, output);
        const replicas = Math.max(1, Math.ceil(peakRequestsPerSecond / most.requestsPerSecond));
        // Each replica then carries peak / replicas: the lowest concurrency that serves it.
        const load = peakRequestsPerSecond / replicas;
        let a = 1;
        let b = lo;
        while (a < b) {
          const mid = Math.floor((a + b) / 2);
          if (pointAt(replica, mid, output).requestsPerSecond >= load) b = mid;
          else a = mid + 1;
        }
        const p = pointAt(replica, a, output);
        // The band of a rate of 1: what the held-out runs of its slice say of any rate it gives.
        const unit = servingRange(replica.calibration.fittedOn, (model.experts ?? 0) > 0 && (model.expertsPerToken ?? 0) > 0, replica.vendor, replica.framework, 1, 1, (f) => FRAMEWORK_NAMES[f]);
        candidates.push({
          ...base,
          replicas,
          monthlyUsd: replicas * perReplicaMonthly,
          concurrency: a,
          maxConcurrency: lo,
          outputTokensPerSecond: p.outputTokensPerSecond,
          requestsPerSecond: p.requestsPerSecond,
          capacityRequestsPerSecond: most.requestsPerSecond,
          timeToFirstTokenMs: p.timeToFirstTokenMs,
          timePerOutputTokenMs: p.timePerOutputTokenMs,
          timePerOutputTokenAloneMs: first.timePerOutputTokenMs,
          bound: p.bound,
          ok: true,
          ...(unit ? { rateBand: { low: unit.p10.outputTokensPerSecond, high: unit.p90.outputTokensPerSecond } } : {}),
        });
      }
    }
    if (searched) searchedGpus++;
  }

  // Cheapest first, with the tie-break the lens's cheapest setup uses too (setupOrder.ts).
  const order = compareSetups;
  const all = candidates.filter((c) => c.ok).sort(order);
  // A lossy or unmeasured format is never the pick under near-lossless; the cheapest such is said apart.
  const working = all.filter((c) => keptAt(level, c.quality));
  const leftOut = all.filter((c) => !keptAt(level, c.quality));
  const best = working[0];
  const cheaperOption = leftOut[0] && (!best || order(leftOut[0], best) < 0) ? leftOut[0] : undefined;
  // One failure per GPU type and count, where no format works there: the one closest to
  // working (too slow, before too big, before unsupported), and of those the fewest bits.
  const bits = new Map(formats.map((f) => [f.id, f.bitsPerWeight]));
  const rank = (c: Candidate) => (c.failure!.code === 'ttft-over-target' || c.failure!.code === 'tpot-over-target' ? 0 : c.failure!.code === 'does-not-fit' ? 1 : 2);
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.gpu}\u0000${c.gpus}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const failing: Candidate[] = [];
  for (const group of groups.values()) {
    if (group.some((c) => c.ok)) continue;
    const [closest] = [...group].sort((x, y) => rank(x) - rank(y) || (bits.get(x.weights) ?? 0) - (bits.get(y.weights) ?? 0));
    if (closest && (!best || closest.monthlyUsd < best.monthlyUsd)) failing.push(closest);
  }
  const cheaperFailures = failing.sort(order).slice(0, keep);
  const runnersUp = working.slice(1, 1 + keep);
  const targets = { ...(options.ttftMs !== undefined ? { ttftMs: options.ttftMs } : {}), ...(options.tpotMs !== undefined ? { tpotMs: options.tpotMs } : {}) };

  const lines: string[] = [];
  lines.push(
    `${formatNumber(options.monthlyTokens / 1e6)}M tokens a month in requests of ${formatNumber(input)} in / ${formatNumber(output)} out = ${formatNumber(averageRequestsPerSecond)} requests/s on average, ${formatNumber(peakRequestsPerSecond)} at the peak (× ${formatNumber(peakToAverage)})`,
  );
  if (options.ttftMs !== undefined || options.tpotMs !== undefined) {
    lines.push(`targets: ${[options.ttftMs !== undefined ? `TTFT ≤ ${formatNumber(options.ttftMs)} ms` : '', options.tpotMs !== undefined ? `TPOT ≤ ${formatNumber(options.tpotMs)} ms` : ''].filter(Boolean).join(', ')}`);
  }
  const ep = options.layout?.expertParallel;
  const dpa = options.layout?.dpAttention === true;
  if ((ep !== undefined && ep !== false && ep !== 1) || dpa) {
    const experts = ep === true ? "expert parallel over all of a replica's GPUs" : typeof ep === 'number' && ep > 1 ? `expert parallel ${ep}` : '';
    lines.push(`layout: ${[experts, dpa ? 'DP attention' : ''].filter(Boolean).join(' with ')} in every setup of several GPUs (each setup's line says its own; one the layout does not fit fails as layout-unsupported)`);
  }
  lines.push(`searched ${gridSize} setups run by ${FRAMEWORK_NAMES[framework]}: ${searchedGpus} GPU types × 1-8 GPUs (up to each node's count${options.offers ? ', whole instances of an offer' : ''}) × ${formats.map((f) => f.id).join(', ')}`);
  if (skipped.length) lines.push(`not searched, the GPU catalog lacking a figure the sizing needs: ${skipped.join(', ')}`);
  const mode = pricingWords(options.gpuRules?.pricing ?? DEFAULT_PRICING);
  if (unpriced.length) lines.push(`not searched, no offer renting them ${mode}: ${setupCountsText(unpriced)}`);
  if (partial.length) lines.push(`not searched, rented ${mode} only as part of a larger instance: ${setupCountsText(partial)}`);
  if (best) {
    lines.push(
      `cheapest: ${best.replicas === 1 ? '' : `${best.replicas} replicas of `}${best.layout ? layoutText({ gpus: best.gpus, gpuName: best.gpuName, ...best.layout }) : `${best.gpus} × ${best.gpuName}`}, ${best.weights}, at ${best.concurrency} concurrent${best.replicas === 1 ? '' : ' each'} (at most ${best.maxConcurrency} within the targets): ${formatNumber(best.requestsPerSecond)} requests/s per replica, TTFT ${formatNumber(best.timeToFirstTokenMs)} ms, TPOT ${formatNumber(best.timePerOutputTokenMs)} ms, ${formatUsd(best.monthlyUsd)}/mo at ${formatUsd(best.hourlyUsdPerGpu)}/GPU-hour × ${formatNumber(hours)} h${best.offer ? ` (${best.offer.provider} ${pricingWords(best.offer.pricing)}, ${best.offer.instance}, as of ${best.offer.asOf})` : ''}`,
    );
    if (best.quality.kind !== 'reference' || best.quality.format !== 'bf16') lines.push(`quality: ${best.quality.words}`);
  } else lines.push(`no setup ${level === 'any' ? '' : 'in a near-lossless format '}fits and meets the targets`);
  if (cheaperOption) {
    const c = cheaperOption;
    lines.push(
      `cheaper at lower or unmeasured quality (not picked under near-lossless; --quality any allows it): ${c.replicas === 1 ? '' : `${c.replicas} replicas of `}${c.layout ? layoutText({ gpus: c.gpus, gpuName: c.gpuName, ...c.layout }) : `${c.gpus} × ${c.gpuName}`}, ${formatUsd(c.monthlyUsd)}/mo (${c.quality.words})`,
    );
  }

  return {
    model: model.id,
    framework,
    monthlyTokens: options.monthlyTokens,
    shape: { inputTokens: input, outputTokens: output },
    hoursPerMonth: hours,
    peakToAverage,
    averageRequestsPerSecond,
    peakRequestsPerSecond,
    targets,
    qualityLevel: level,
    ...(best ? { best } : {}),
    ...(cheaperOption ? { cheaperOption } : {}),
    leftOut: leftOut.slice(0, keep),
    cheaperFailures,
    runnersUp,
    gridSize,
    lines,
  };
}
