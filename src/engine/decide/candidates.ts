/**
 * Recommend's candidates: each way a model can be run (its API, its cheapest self-hosted setup
 * by the serving model, or the article's setup) with what it costs at the volume, and why.
 */
import type { Catalog } from '../catalog';
import { cheapestSelfHost, DEFAULT_PEAK_TO_AVERAGE, requestShape, type SelfHostTargets } from '../sizing/cheapestSelfHost';
import type { ModelCard, SelfHostSetup } from '../catalog/types';
import { DEFAULT_ASSUMPTIONS, formatNumber, formatTokensM } from '../pricing/cost';
import { estimateMemory } from '../sizing/simpleMemory';
import { apiBlendedPrice, apiWorkloadPrice, gpuRulesOf, money, roundCents, selfHostedMonthlyCost } from './prices';
import type { Candidate, Deployment, Exclusion, Failure, RecommendOptions } from './types';
import type { NoOfferReason } from '../pricing/offers';
import { noOfferText, pricingWords } from '../present/offers';

const DEFAULT_INPUT_SHARE = 0.5;

/** One candidate per way the model can be run: its API price, and the article’s setup if it has one. */
export function candidatesFor(cat: Catalog, model: ModelCard, volumeM: number, options: RecommendOptions, excluded: Exclusion[]): Candidate[] {
  const candidates: Candidate[] = [];
  if (model.price) candidates.push(apiCandidate(cat, model, volumeM, options));
  // Self-hosted at the cheapest setup the serving model finds for this volume; the article's
  // batch-1 setups only in seed mode, or where the model cannot be sized.
  const share = options.inputShare ?? DEFAULT_INPUT_SHARE;
  const hours = options.hoursPerMonth ?? DEFAULT_ASSUMPTIONS.hoursPerMonth;
  const cheapest = !options.seedModelsOnly && model.access === 'open-weight' && volumeM > 0
    ? cheapestSelfHost(cat, model, volumeM, options.serving?.shape ?? requestShape(undefined, share), servingTargets(options, hours))
    : undefined;
  if (cheapest) {
    candidates.push({
      model,
      deployment: 'self-hosted',
      monthlyCostUsd: roundCents(cheapest.monthlyUsd),
      setup: { gpu: cheapest.gpu, gpus: cheapest.gpus, quantization: cheapest.weights, replicas: cheapest.replicas },
      ...(cheapest.offer ? { offer: cheapest.offer } : {}),
      quality: cheapest.quality,
      ...(cheapest.cheaperOption ? { cheaperOption: cheapest.cheaperOption } : {}),
      costReason: `${money(cheapest.monthlyUsd)}/mo at ${formatTokensM(volumeM)} tok: cheapest self-hosted setup ${cheapest.gpus}× ${cheapest.gpu} · ${cheapest.weights} · ${cheapest.replicas} replica${cheapest.replicas === 1 ? '' : 's'} (${formatNumber(cheapest.throughputTps)} tok/s a replica, sized for ${peakWords(options.serving?.peakToAverage ?? DEFAULT_PEAK_TO_AVERAGE)})`,
    });
    return candidates;
  }
  const setup = cat.setups.find((s) => s.model === model.id);
  if (setup && model.access === 'open-weight') {
    const unfit = memoryShortfall(cat, model, setup);
    if (unfit) excluded.push(deploymentExclusion(model, 'self-hosted', { exclusion: 'does-not-fit', reason: unfit }));
    else {
      const priced = selfHostedCandidate(cat, model, setup, volumeM, options);
      if ('unpriced' in priced) excluded.push(deploymentExclusion(model, 'self-hosted', { exclusion: 'unpriced', reason: noOfferText(priced.unpriced) }));
      else candidates.push(priced);
    }
  }
  if (!model.price && !setup) {
    excluded.push({ model: model.id, exclusion: 'unpriced', reason: 'no API price and no self-hosted setup in the catalog' });
  }
  return candidates;
}

function peakWords(peak: number): string {
  return peak === 2 ? 'twice the average load' : `a peak ${formatNumber(peak)}× the average load`;
}

/** The peak, latency targets and GPU prices a self-hosted option is sized and priced with. */
function servingTargets(options: RecommendOptions, hoursPerMonth: number): SelfHostTargets {
  const s = options.serving;
  return {
    hoursPerMonth,
    peakToAverage: s?.peakToAverage ?? DEFAULT_PEAK_TO_AVERAGE,
    ...(s?.ttftMs !== undefined ? { ttftMs: s.ttftMs } : {}),
    ...(s?.tpotMs !== undefined ? { tpotMs: s.tpotMs } : {}),
    gpuRules: gpuRulesOf(options),
    ...(options.quality ? { quality: options.quality } : {}),
  };
}

function apiCandidate(cat: Catalog, model: ModelCard, volumeM: number, options: RecommendOptions): Candidate {
  const blend = options.billing
    ? apiWorkloadPrice(model, options.billing, cat)!
    : apiBlendedPrice(model, options.inputShare ?? (options.seedModelsOnly ? undefined : DEFAULT_ASSUMPTIONS.inputShare), options.month)!;
  const cost = roundCents(volumeM * blend.perMillionUsd);
  return {
    model,
    deployment: 'api',
    monthlyCostUsd: cost,
    costReason: `${money(cost)}/mo at ${formatTokensM(volumeM)} tok (API at ${money(blend.perMillionUsd)}/M, ${blend.basis})`,
  };
}

function selfHostedCandidate(cat: Catalog, model: ModelCard, setup: SelfHostSetup, volumeM: number, options: RecommendOptions): Candidate | { unpriced: NoOfferReason } {
  const c = selfHostedMonthlyCost(cat, setup, volumeM, options);
  if ('unpriced' in c) return c;
  // Whole instances of the offer rented: the GPUs paid for, and which offer.
  const rented = c.offer && c.offer.gpusRented > setup.gpus ? ` (${c.offer.gpusRented} GPUs rented)` : '';
  return {
    model,
    deployment: 'self-hosted',
    monthlyCostUsd: c.monthlyCostUsd,
    setup: { gpu: setup.gpu, gpus: setup.gpus, quantization: setup.quantization, throughputTps: setup.throughputTps, replicas: c.replicas },
    ...(c.offer ? { offer: c.offer } : {}),
    costReason:
      `${money(c.monthlyCostUsd)}/mo at ${formatTokensM(volumeM)} tok: ${c.replicas} × ${setup.name}${rented} at ${money(c.hourlyUsd)}/GPU-h${c.offer ? ` (${c.offer.provider} ${pricingWords(c.offer.pricing)}, as of ${c.offer.asOf})` : ''} × ` +
      `${c.hoursPerMonth} h (${formatTokensM(c.capacityM)} tok/mo per replica at ${setup.throughputTps} tok/s, ${setup.throughputNote})`,
  };
}

/** Why the setup cannot run, by the engine's memory estimate at its batch-1 defaults; undefined when it fits. */
function memoryShortfall(cat: Catalog, model: ModelCard, setup: SelfHostSetup): string | undefined {
  const gpu = cat.gpus.find((g) => g.id === setup.gpu);
  const quantization = cat.quantizations.find((q) => q.id === setup.quantization);
  if (!gpu || !quantization) return undefined;
  const m = estimateMemory(model, gpu, setup.gpus, quantization, DEFAULT_ASSUMPTIONS.contextTokens, DEFAULT_ASSUMPTIONS.concurrency);
  if (m.fits || !m.complete) return undefined;
  return (
    `${setup.name} does not fit: weights ${m.weightsGB.toFixed(1)} GB + KV cache ${m.kvCacheGB.toFixed(1)} GB + runtime reserve ` +
    `${m.runtimeReserveGB.toFixed(1)} GB = ${m.neededGB.toFixed(1)} GB > ${m.availableGB.toFixed(1)} GB`
  );
}

/** A candidate left out for one way of running its model: the reason says which. */
export function deploymentExclusion(model: ModelCard, deployment: Deployment, failure: Failure): Exclusion {
  return { model: model.id, deployment, ...failure, reason: `${deployment}: ${failure.reason}` };
}

