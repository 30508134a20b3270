/** The setups a workload is compared with: the default one of its model, its alternatives' (sized once per analysis), the cheapest by the serving model, and what they are sized for. */
import type { SelfHostResult, WorkloadResult } from './types';
import { type Catalog, findModel, resolutionOf } from '../catalog';
import type { ModelCard } from '../catalog/types';
import { type Assumptions, formatNumber } from '../pricing/cost';
import { isObject, type NodeId, NONE, type TextRange } from '../config/document';
import { ConfigTree } from '../config/tree';
import { LIMITS, QUALITY_LEVELS, type TrafficConfig } from '../config/schema';
import { cheapestSelfHostByDay } from '../sizing/cheapestByDay';
import type { AnalysisContext, Path, Raw } from './context';
import {
  cheapestSelfHost,
  type CheapestSelfHost,
  DEFAULT_PEAK_TO_AVERAGE,
  type ReplicaSetup,
  requestShape,
  type RequestShape,
  type SelfHostTargets,
} from '../sizing/cheapestSelfHost';
import { type GpuHourSource, type GpuPriceRules, rulesKey } from '../pricing/gpuHour';
import { sizeSelfHost, SizingContext } from '../sizing/selfHostSetup';

/**
 * The setups an API workload is compared with besides its alternatives: its own model's, when
 * its weights are open, and the article's setups only when asked (compareWithCatalog).
 * Embeddings are never compared: the setups serve chat models.
 */
export function defaultSelfHostCandidates(ctx: AnalysisContext, model: ModelCard | undefined): Raw[] {
  if (isEmbedding(model)) return [];
  const setups = ctx.catalog.setups;
  const own = model && setups.filter((s) => s.model === model.id);
  const chosen = own?.length ? own : model?.access === 'open-weight' || !ctx.compareWithCatalog ? [] : setups;
  const raws = chosen.map((s) => ({ model: s.model, gpu: s.gpu, gpus: s.gpus, quantization: s.quantization }));
  if (model?.access === 'open-weight' && !own?.length) {
    // An open model the article never sized: the cheapest single-node A100 setup that holds it.
    raws.push({ model: model.id, gpu: 'a100-80gb', gpus: 1, quantization: 'int4' });
  }
  return raws;
}

/**
 * The default setups depend on the catalog, the assumptions and the GPU price alone, not on
 * the file, so they are kept across analyses: per catalog, a map for each set of assumptions.
 */
export const defaultSetupCache = new WeakMap<Catalog, Map<string, Map<string, SelfHostResult | undefined>>>();

/** The default comparison setup of each model id for these assumptions (see bestDefaultSetup). */
export function defaultSetupsFor(cat: Catalog, assumptions: Assumptions, gpuRules: GpuPriceRules, compareWithCatalog: boolean): Map<string, SelfHostResult | undefined> {
  let byAssumptions = defaultSetupCache.get(cat);
  if (!byAssumptions || byAssumptions.size > 64) defaultSetupCache.set(cat, (byAssumptions = new Map()));
  const { hoursPerMonth, utilization, contextTokens, concurrency } = assumptions;
  const key = [hoursPerMonth, utilization, contextTokens, concurrency, rulesKey(gpuRules), compareWithCatalog].join('|');
  let setups = byAssumptions.get(key);
  if (!setups) byAssumptions.set(key, (setups = new Map()));
  return setups;
}

/**
 * The comparison a workload without alternatives gets: of the catalog's setups for its model
 * (or, for an API-only model, the article’s setups), the one that fits with the lowest cost per
 * token at full use. Sized for one replica: the crossover does not depend on the volume.
 */
export function bestDefaultSetup(ctx: AnalysisContext, model: ModelCard | undefined): SelfHostResult | undefined {
  const id = model?.id ?? '';
  if (!ctx.defaultSetups.has(id)) {
    // Sized apart from this analysis, which the kept setups must not hold on to.
    const detached: SizingContext = {
      catalog: ctx.catalog,
      assumptions: { ...ctx.assumptions },
      gpuRules: ctx.gpuRules,
      doc: { tree: ConfigTree.parseStrictJson('') },
      out: { findings: [] },
    };
    const sized = defaultSelfHostCandidates(ctx, model).flatMap((raw) => {
      const setupModel = findModel(String(raw.model), ctx.catalog);
      const setup = setupModel && sizeSelfHost(detached, -1, setupModel, raw, { path: [], node: NONE }, 0, { offset: 0, length: 0 }, 'none');
      return setup?.fits ? [setup] : [];
    });
    ctx.defaultSetups.set(id, sized.sort((a, b) => a.costPerMillionAtCapacityUsd - b.costPerMillionAtCapacityUsd)[0]);
  }
  return ctx.defaultSetups.get(id);
}

/** The weights a model's name pulls (an Ollama tag): a setup that names no quantization runs those (setupHardware). */
export function nameWeights(ctx: Pick<AnalysisContext, 'catalog'>, written: unknown): { quantization: string; why: string } | undefined {
  return typeof written === 'string' ? resolutionOf(written, ctx.catalog)?.weights : undefined;
}

/**
 * An alternative's sizing. Only its replica's cost and capacity enter the comparison, so one
 * sizing serves every workload that names the same setup, as large files often do; a setup
 * with errors is sized again at each workload, where its errors are reported.
 */
export function alternativeSetup(ctx: AnalysisContext, index: number, model: ModelCard, written: string, cfg: Raw, site: { path: Path; node: NodeId }, modelRange: TextRange): SelfHostResult | undefined {
  const weights = nameWeights(ctx, written);
  const key = JSON.stringify([model.id, cfg.gpu, cfg.gpus, cfg.quantization ?? weights?.quantization, cfg.throughputTps, cfg.gpuHourlyUsd]);
  const known = ctx.alternativeSetups.get(key);
  if (known) return known;
  const findingsBefore = ctx.out.findings.length;
  const setup = sizeSelfHost(ctx, index, model, cfg, site, 0, modelRange, 'errors', weights);
  if (setup?.fits && ctx.out.findings.length === findingsBefore) ctx.alternativeSetups.set(key, setup);
  return setup;
}

/** The cheapest setup of an open model (not an embedding model) for this volume, by the serving model. */
export function cheapestFor(ctx: AnalysisContext, model: ModelCard | undefined, volumeM: number, inputShare: number, traffic?: TrafficConfig): CheapestSelfHost | null {
  if (!model || model.access !== 'open-weight' || isEmbedding(model) || !(volumeM > 0)) return null;
  const shape = requestShape(ctx.serving?.shape, inputShare);
  // A workload that states its day of traffic is priced by it; so is the setup set against it.
  const byDay = traffic && cheapestSelfHostByDay(ctx.catalog, model, volumeM, shape, servingTargets(ctx), traffic);
  return byDay || (cheapestSelfHost(ctx.catalog, model, volumeM, shape, servingTargets(ctx)) ?? null);
}

/** The workload's serving needs as plain data: its shape, peak and latency targets. */
export function servingOf(ctx: AnalysisContext, inputShare: number): WorkloadResult['serving'] {
  const targets = servingTargets(ctx);
  return {
    shape: requestShape(ctx.serving?.shape, inputShare),
    peakToAverage: targets.peakToAverage,
    ...(targets.ttftMs !== undefined ? { ttftMs: targets.ttftMs } : {}),
    ...(targets.tpotMs !== undefined ? { tpotMs: targets.tpotMs } : {}),
  };
}

export function servingTargets(ctx: AnalysisContext): SelfHostTargets {
  return ctx.serving?.targets ?? { hoursPerMonth: ctx.assumptions.hoursPerMonth, peakToAverage: DEFAULT_PEAK_TO_AVERAGE, gpuRules: ctx.gpuRules, ...(ctx.quality ? { quality: ctx.quality } : {}) };
}

/** The workload's request shape when the file gives a valid one (the schema reports the rest). */
export function givenShape(value: unknown): RequestShape | undefined {
  if (!isObject(value)) return undefined;
  const { inputTokens, outputTokens } = value;
  const ok = (n: unknown, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;
  return ok(inputTokens, LIMITS.requestInputTokens) && ok(outputTokens, LIMITS.requestOutputTokens) ? { inputTokens, outputTokens } : undefined;
}

/** The peak and latency targets the file sets for a workload, within the schema's ranges. */
export function workloadTargets(ctx: AnalysisContext, raw: Raw): SelfHostTargets {
  const within = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && n >= min && n <= max;
  const latency = isObject(raw.latency) ? raw.latency : {};
  // The workload's own self-hosted deployment says which formats it accepts; the command line's --quality goes over it.
  const selfHosted = isObject(raw.deployment) && isObject(raw.deployment.selfHosted) ? raw.deployment.selfHosted : {};
  const quality = ctx.quality ?? QUALITY_LEVELS.find((q) => q === selfHosted.quality);
  return {
    hoursPerMonth: ctx.assumptions.hoursPerMonth,
    peakToAverage: within(raw.peakToAverage, 1, LIMITS.peakToAverage) ? raw.peakToAverage : DEFAULT_PEAK_TO_AVERAGE,
    ...(within(latency.ttftMs, Number.MIN_VALUE, LIMITS.latencyMs) ? { ttftMs: latency.ttftMs } : {}),
    ...(within(latency.tpotMs, Number.MIN_VALUE, LIMITS.latencyMs) ? { tpotMs: latency.tpotMs } : {}),
    gpuRules: ctx.gpuRules,
    ...(quality ? { quality } : {}),
  };
}

/** A replica as a comparison with the API, once per replica: every workload that picks it shares it. */
export function comparisonSetup(r: ReplicaSetup): SelfHostResult {
  let setup = comparisonSetups.get(r);
  if (!setup) comparisonSetups.set(r, (setup = asSelfHostResult(r, 1)));
  return setup;
}

export const comparisonSetups = new WeakMap<ReplicaSetup, SelfHostResult>();

/** A cheapest setup as a comparison, at the replicas its volume needs. */
export function setupOf(c: CheapestSelfHost): SelfHostResult {
  return asSelfHostResult(c, c.replicas);
}

/** A serving-model setup as a self-hosted result: one replica's cost and the tokens it serves a month at the average load. */
export function asSelfHostResult(r: ReplicaSetup, replicas: number): SelfHostResult {
  return {
    model: r.model,
    gpu: r.gpu,
    gpus: r.gpus,
    quantization: r.weights,
    throughputTps: r.throughputTps,
    throughputSource: 'serving',
    capacityTokensM: r.capacityTokensM,
    ...(r.capacityBandM ? { capacityBandM: r.capacityBandM } : {}),
    replicas,
    replicasNeeded: replicas,
    gpuHourlyUsd: r.hourlyUsdPerGpu,
    ...('hourlySource' in r && r.hourlySource ? { gpuHourSource: r.hourlySource as GpuHourSource } : {}),
    ...(r.offer ? { offer: r.offer } : {}),
    ...('concurrency' in r && typeof r.concurrency === 'number' ? { concurrency: r.concurrency } : {}),
    fixedMonthlyUsd: r.perReplicaMonthlyUsd,
    costPerMillionAtCapacityUsd: r.perReplicaMonthlyUsd / r.capacityTokensM,
    memoryNeededGB: 0,
    memoryAvailableGB: 0,
    fits: true,
    label: `${r.gpus}× ${r.gpu} · ${r.weights} · ${formatNumber(r.throughputTps)} tok/s`,
    // Its own steps: their cost step names the hours of the month.
    explanation: r.explanation,
  };
}

/** Whether the price table files the model as an embedding model or a reranker: it gets no self-hosted comparison. */
export function isEmbedding(model: ModelCard | undefined): boolean {
  return model?.price?.entry?.mode === 'embedding' || model?.price?.entry?.mode === 'rerank';
}
