/** A self-hosted setup as the file writes it, sized: its GPU and format, memory, throughput, GPU-hour price, replicas and findings. */
import type { Finding, Fix, SelfHostResult, SetupBand } from '../analysis/types';
import { type Catalog, findGpu, findQuantization, gpuIds, quantizationIds } from '../catalog';
import type { GpuSpec, ModelCard, QuantizationOption } from '../catalog/types';
import { costPerMillionAtCapacity, formatGB, formatNumber, formatTokensM, formatUsd, replicaCapacityM, replicaFixedMonthly, replicasBand, replicasNeeded } from '../pricing/cost';
import { describeValue, type NodeId, NONE, type TextRange } from '../config/document';
import { ConfigTree } from '../config/tree';
import { LIMITS, MINIMUMS } from '../config/schema';
import type { AnalysisContext, Path, Raw } from '../analysis/context';
import { rooflineThroughput, throughputCeiling } from './roofline';
import { gpusToFit, memoryFitSteps, type MemoryNeeds, quantizationToFit, sizeMemory } from './memory';
import { type Explanation, formulaStep, NO_STEPS, step, textStep, usd } from '../present/explanation';
import { requestShape } from './cheapestSelfHost';
import { servedSetup } from './servedSetup';
import { DEFAULT_FRAMEWORK, findFramework, FRAMEWORK_NAMES } from './serving/frameworks';
import { resolveLayout, type LayoutRequest } from './serving/layout';
import { layoutText } from '../present/layout';
import { catalogGpuHourPrice, gpuHourSourceText, isPriced, paidGpus } from '../pricing/gpuHour';
import { noOfferText, offerText } from '../present/offers';
import { beyondHardware, unknownId } from '../analysis/workloadFindings';

const throughputStep = step('throughput');
const replicasStep = step('replicas');
const gpuPriceStep = step('gpu-price');

/** Why a setup was not sized, where the lens should say so. */
export interface Unsized {
  notModelled?: string;
  /** The setup and why no GPU-hour price applies to it ("2× l4: no offer of l4 is on record"). */
  notPriced?: string;
}

/** What sizing a setup reads of an analysis: the catalog, the assumptions, and where to report. */
export type SizingContext = Pick<AnalysisContext, 'catalog' | 'assumptions' | 'gpuRules' | 'serving'> & {
  doc: { tree: ConfigTree };
  out: { findings: Finding[] };
};

/** Sizes a self-hosted replica and reports what is wrong with it at its own nodes. */
export function sizeSelfHost(
  ctx: SizingContext,
  workload: number,
  model: ModelCard,
  cfg: Raw,
  /** Where the setup is written (its path for fixes, its node for ranges); none for a default setup. */
  { path: setupPath, node: setupNode }: { path: Path; node: NodeId },
  volumeM: number,
  modelRange: TextRange,
  report: 'all' | 'errors' | 'none',
  /** The weights the model's name pulls (an Ollama tag), for a setup that names no quantization. */
  nameWeights?: { quantization: string; why: string },
  /** Filled in when the setup is not sized because the serving model does not estimate it: the lens says what. */
  unsized?: Unsized,
): SelfHostResult | undefined {
  const findings = ctx.out.findings;
  const tree = ctx.doc.tree;
  const at = (key: string) => tree.child(setupNode, key);
  const rangeOr = (node: NodeId, fallback: TextRange) => (node === NONE ? fallback : tree.range(node));
  // An alternative is only a comparison: its sizing advice would be noise, its errors are not.
  const push = (f: Finding) => (report === 'all' || (report === 'errors' && f.severity === 'error')) && findings.push({ ...f, workload });

  if (model.access === 'api-only') {
    push({
      severity: 'error',
      code: 'not-self-hostable',
      message: `${model.name} is API-only: its weights are not released, so it cannot be self-hosted.`,
      ...modelRange,
    });
    return undefined;
  }
  const gpuNode = at('gpu');
  const hardware = setupHardware(ctx, cfg, { path: setupPath, node: setupNode }, push, nameWeights?.quantization);
  if (!hardware) return undefined;
  const { gpu, quantization } = hardware;
  const weightsStep = hardware.fromName && nameWeights ? [textStep('memory', `quantization = ${quantization.id}: ${nameWeights.why}`)] : NO_STEPS;
  const gpus = setupNumber(cfg, 'gpus') ?? 1;
  const { hoursPerMonth: hours, utilization, contextTokens, concurrency } = ctx.assumptions;
  const shape = requestShape(ctx.serving?.shape, ctx.assumptions.inputShare);
  // The requests in flight the setup must hold; a replica the serving model sizes runs more when they fit.
  const asked = setupLayout(cfg);
  const layout = resolveLayout(asked, gpus);
  const needs: MemoryNeeds = { shape, concurrency, contextTokens, ...(asked ? { layout: asked } : {}) };

  // A measured setup ran tensor parallel: it says nothing of another layout.
  const seedSetup = layout ? undefined : ctx.catalog.setups.find(
    (s) => s.model === model.id && s.gpu === gpu.id && s.gpus === gpus && s.quantization === quantization.id,
  );
  let throughputTps: number;
  let throughputSource: SelfHostResult['throughputSource'];
  let throughputSteps: Explanation;
  let runsAt = concurrency;
  let tpsBand: { low: number; high: number } | undefined;
  const configTps = setupNumber(cfg, 'throughputTps');
  if (configTps !== undefined) {
    const tps = (throughputTps = configTps);
    throughputSource = 'config';
    throughputSteps = [throughputStep`throughput = ${tps} tok/s (throughputTps in the config)`];
  } else if (seedSetup) {
    throughputTps = seedSetup.throughputTps;
    throughputSource = 'seed';
    throughputSteps = [throughputStep`throughput = ${seedSetup.throughputTps} tok/s: ${seedSetup.throughputNote} (${seedSetup.source})`];
  } else {
    // Prefill and batched decode by the serving model where it knows the model and the GPU;
    // the decode roofline (an upper bound) only where it does not.
    const framework = (typeof cfg.framework === 'string' ? findFramework(cfg.framework) : undefined) ?? DEFAULT_FRAMEWORK;
    const served = servedSetup(ctx.catalog, model, gpu.id, gpus, quantization.id, concurrency, shape, framework, asked);
    if (served && 'field' in served) {
      // Not modelled: no figure stands in for it (the article's batch-1 roofline would).
      const what = layout ? `${layoutText({ gpus, gpuName: gpu.id, ...layout })} at ${quantization.id}` : `${gpus}× ${gpu.id} at ${quantization.id}`;
      if (unsized) unsized.notModelled = what;
      const node = at(served.field);
      push({
        severity: 'warning',
        code: 'not-modelled',
        message:
          `Not modelled: ${served.message}. The serving model does not estimate ${what}, so this setup has no throughput or price. ` +
          (served.field === 'quantization'
            ? `Formats it estimates on ${gpu.id}: ${served.formats.join(', ')}; or set throughputTps from a measurement.`
            : served.field === 'framework'
              ? `Name a framework it is fitted on (vllm, sglang, trtllm), or set throughputTps from a measurement.`
              : served.field === 'expertParallel' || served.field === 'dpAttention'
                ? `Remove ${served.field} to size it tensor parallel, or set throughputTps from a measurement.`
                : `Use a GPU count that divides the attention heads, or set throughputTps from a measurement.`),
        ...rangeOr(node === NONE ? gpuNode : node, modelRange),
      });
      return undefined;
    }
    if (served) {
      throughputTps = served.outputTokensPerSecond + served.inputTokensPerSecond;
      throughputSource = 'serving';
      // The calibration's P10–P90 of the output rate, carried to the whole rate in proportion.
      if (served.range && served.outputTokensPerSecond > 0) {
        const scale = throughputTps / served.outputTokensPerSecond;
        tpsBand = { low: served.range.p10.outputTokensPerSecond * scale, high: served.range.p90.outputTokensPerSecond * scale };
      }
      runsAt = served.concurrency;
      throughputSteps = [
        throughputStep`throughput = output + input tokens a second by the serving model, run by ${FRAMEWORK_NAMES[served.framework]} = ${served.outputTokensPerSecond} + ${served.inputTokensPerSecond} = ${throughputTps} tok/s at ${served.concurrency} concurrent requests (time to first token ${served.timeToFirstTokenMs} ms, ${served.timePerOutputTokenMs} ms per output token)`,
        // Its memory lines are the memory steps below, sized once.
        ...served.lines.slice(served.memorySteps.length).map((line) => textStep('serving', line)),
      ];
    } else if (layout) {
      // The roofline knows no layout: a figure for plain tensor parallelism would pass for this one.
      if (unsized) unsized.notModelled = `${layoutText({ gpus, gpuName: gpu.id, ...layout })} at ${quantization.id}`;
      push({
        severity: 'warning',
        code: 'not-modelled',
        message: `Not modelled: the serving model does not size ${model.name} at ${quantization.id} on ${gpu.id}, and the roofline that would stand in knows no expert parallelism or DP attention. Set throughputTps from a measurement of this layout.`,
        ...rangeOr(at(asked?.expertParallel !== undefined && asked.expertParallel !== false ? 'expertParallel' : 'dpAttention'), modelRange),
      });
      return undefined;
    } else {
      const roof = rooflineThroughput(model, gpu, gpus, quantization, contextTokens, concurrency);
      if (!roof) return undefined;
      throughputTps = roof.tps;
      throughputSource = 'roofline';
      throughputSteps = roof.steps;
    }
  }

  // No figure beyond what the GPUs could compute: a throughput above it is capped, and one the file sets is told.
  const ceiling = throughputCeiling(model, gpu, gpus);
  if (ceiling && throughputTps > ceiling.tps) {
    const tpsNode = at('throughputTps');
    if (throughputSource === 'config' && tpsNode !== NONE) push(beyondHardware(throughputTps, ceiling.tps, gpus, gpu, model, tree.range(tpsNode)));
    throughputSteps = [...throughputSteps, ceiling.step];
    throughputTps = ceiling.tps;
    tpsBand = undefined;
  }

  const setupUsd = setupNumber(cfg, 'gpuHourlyUsd');
  const price = catalogGpuHourPrice(ctx.catalog, gpu.id, gpus, ctx.gpuRules, { hoursPerMonth: hours, ...(setupUsd !== undefined ? { setupUsd } : {}) });
  if (!isPriced(price)) {
    // No offer rents it and the file prices it nowhere: no figure, and the lens says why. Whether it fits is still said.
    const memory = sizeMemory(ctx.catalog, model, gpu, gpus, quantization, { ...needs, concurrency: runsAt });
    if (!memory.fits && memory.complete) push(doesNotFit(ctx.catalog, model, gpu, gpus, quantization, needs, memory, setupPath, rangeOr(gpuNode, modelRange)));
    if (unsized) unsized.notPriced = `${gpus}× ${gpu.id}`;
    push({
      severity: 'warning',
      code: 'not-priced',
      message: `Not priced: ${noOfferText(price.unpriced, gpu.name)} The setup has no GPU-hour price; set gpuHourlyUsd on it, or assumptions.gpuPrices for ${gpu.id}.`,
      ...rangeOr(gpuNode, modelRange),
    });
    return undefined;
  }
  const hourly = price.usd;
  // Whole instances of the offer rented: a replica on 2 GPUs of an 8-GPU node pays for 8.
  const paid = paidGpus(price, gpus);
  const hourlySource = gpuHourSourceText(price, gpu.hourlyUsdSource?.source ?? gpu.source, { gpusUsed: gpus });
  const fixed = replicaFixedMonthly(paid, hourly, hours);
  const capacity = replicaCapacityM(throughputTps, hours, utilization);
  const needed = replicasNeeded(volumeM, capacity.value);
  const givenReplicas = setupNumber(cfg, 'replicas');
  const replicas = givenReplicas ?? Math.max(1, needed);
  const perM = costPerMillionAtCapacity(fixed.value, capacity.value);
  const band = tpsBand && setupBand(tpsBand, volumeM, hours, utilization, fixed.value, givenReplicas);
  const label = `${layout ? layoutText({ gpus, gpuName: gpu.id, ...layout }) : `${gpus}× ${gpu.id}`} · ${quantization.id} · ${formatNumber(throughputTps)} tok/s`;
  // One memory model decides the fit, writes the figures and finds the fixes.
  const memory = sizeMemory(ctx.catalog, model, gpu, gpus, quantization, { ...needs, concurrency: runsAt });

  if (!memory.fits && memory.complete) {
    push(doesNotFit(ctx.catalog, model, gpu, gpus, quantization, needs, memory, setupPath, rangeOr(gpuNode, modelRange)));
  } else if (needed > LIMITS.replicas) {
    const tpsNode = at('throughputTps');
    push({
      severity: 'warning',
      code: 'out-of-range',
      message: `${formatTokensM(volumeM)} tok/mo needs ${formatNumber(needed)} replicas of ${formatTokensM(capacity.value)} tok/mo each, more than the ${formatNumber(LIMITS.replicas)} a config can set: check the volume, the throughput and the assumptions.`,
      ...rangeOr(tpsNode === NONE ? gpuNode : tpsNode, modelRange),
    });
  } else if (givenReplicas !== undefined && givenReplicas < needed) {
    const replicasNode = at('replicas');
    push({
      severity: 'warning',
      code: 'over-capacity',
      message: `${formatTokensM(volumeM)} tok/mo needs ${needed} replicas of ${formatTokensM(capacity.value)} tok/mo each; ${givenReplicas} serve ${formatTokensM(givenReplicas * capacity.value)}.`,
      ...rangeOr(replicasNode === NONE ? gpuNode : replicasNode, modelRange),
      fixes: [{ title: `Set replicas to ${needed}`, edits: [{ path: [...setupPath, 'replicas'], value: needed }], preferred: true }],
    });
  } else if (givenReplicas === undefined && needed > 1 && cfg.traffic === undefined) {
    // With a traffic the replicas are sized hour by hour (analysis/workloadTraffic.ts): setting them would undo it.
    push({
      severity: 'information',
      code: 'replicas-needed',
      message: `${formatTokensM(volumeM)} tok/mo is above one replica's ${formatTokensM(capacity.value)} tok/mo: it needs ${needed} replicas (${needed * paid} GPUs, ${formatUsd(needed * fixed.value)}/mo).`,
      ...rangeOr(gpuNode, modelRange),
      fixes: [{ title: `Set replicas to ${needed}`, edits: [{ path: [...setupPath, 'replicas'], value: needed }] }],
    });
  }

  return {
    model: model.id,
    gpu: gpu.id,
    gpus,
    quantization: quantization.id,
    throughputTps,
    throughputSource,
    capacityTokensM: capacity.value,
    replicas,
    replicasNeeded: needed,
    gpuHourlyUsd: hourly,
    gpuHourSource: price.source,
    ...(price.offer ? { offer: price.offer } : {}),
    ...(price.rentInstead ? { rentInstead: price.rentInstead } : {}),
    // A throughput written in the config or measured by the article says nothing of how many requests ran.
    ...(throughputSource === 'serving' || throughputSource === 'roofline' ? { concurrency: runsAt } : {}),
    fixedMonthlyUsd: fixed.value,
    ...(band ? { band } : {}),
    costPerMillionAtCapacityUsd: perM.value,
    memoryNeededGB: memory.neededGB,
    memoryAvailableGB: memory.availableGB,
    fits: memory.fits || !memory.complete,
    label,
    explanation: [
      ...throughputSteps,
      formulaStep('fixed', 'fixed per replica', fixed),
      gpuPriceStep`GPU-hour price: ${usd(hourly)}, ${hourlySource}`,
      ...(price.rentInstead ? [gpuPriceStep`renting the same GPUs instead: ${offerText(price.rentInstead)} = ${usd(price.rentInstead.monthlyUsd)}/mo a replica, against ${usd(fixed.value)} owned`] : []),
      formulaStep('capacity', 'capacity per replica', capacity),
      formulaStep('cost-at-capacity', 'cost at capacity', perM),
      givenReplicas === undefined
        ? replicasStep`replicas = ceil(V / capacity) = ceil(${volumeM} / ${capacity.value}) = ${needed}`
        : replicasStep`replicas = ceil(V / capacity) = ceil(${volumeM} / ${capacity.value}) = ${needed} (config: ${givenReplicas})`,
      ...(band
        ? [
            givenReplicas === undefined
              ? replicasStep`P10–P90 of the throughput, ${band.throughputTps.low}–${band.throughputTps.high} tok/s: capacity ${band.capacityTokensM.low}–${band.capacityTokensM.high}M tok/mo per replica, ${band.replicas.low}–${band.replicas.high} replicas, ${usd(band.monthlyUsd.low)}–${usd(band.monthlyUsd.high)}/mo`
              : replicasStep`P10–P90 of the throughput, ${band.throughputTps.low}–${band.throughputTps.high} tok/s: capacity ${band.capacityTokensM.low}–${band.capacityTokensM.high}M tok/mo per replica; the ${givenReplicas} replicas the config sets cost the same either way`,
          ]
        : []),
      ...weightsStep,
      ...memoryFitSteps(ctx.catalog, model, gpu, gpus, quantization, { ...needs, concurrency: runsAt }, memory),
    ],
  };
}

/**
 * What the setup's P10–P90 throughput means for the month: the capacity of a replica, the
 * replicas the volume needs and their cost at each end. Replicas the config sets cost the
 * same at both ends (only whether they keep up changes).
 */
function setupBand(tps: { low: number; high: number }, volumeM: number, hours: number, utilization: number, fixedMonthly: number, givenReplicas: number | undefined): SetupBand {
  const capacity = { low: replicaCapacityM(tps.low, hours, utilization).value, high: replicaCapacityM(tps.high, hours, utilization).value };
  const replicas = replicasBand(volumeM, capacity);
  const monthlyUsd = givenReplicas === undefined ? { low: replicas.low * fixedMonthly, high: replicas.high * fixedMonthly } : { low: givenReplicas * fixedMonthly, high: givenReplicas * fixedMonthly };
  return { throughputTps: tps, capacityTokensM: capacity, replicas, monthlyUsd };
}

/**
 * A setup's number when the schema accepts it, else undefined (and the schema's finding says
 * why): a file that does not validate is still analyzed from what is valid in it.
 */
export function setupNumber(cfg: Raw, key: keyof typeof SETUP_RANGES): number | undefined {
  const v = cfg[key];
  const [min, max, whole] = SETUP_RANGES[key];
  return typeof v === 'number' && v >= min && v <= max && (!whole || Number.isInteger(v)) ? v : undefined;
}

/** The layout a setup writes (expertParallel, dpAttention), when it writes one the schema accepts. */
function setupLayout(cfg: Raw): LayoutRequest | undefined {
  const ep = cfg.expertParallel;
  const expertParallel = ep === true || (typeof ep === 'number' && Number.isInteger(ep) && ep >= 1 && ep <= LIMITS.gpus) ? ep : undefined;
  const dpAttention = cfg.dpAttention === true;
  if (expertParallel === undefined && !dpAttention) return undefined;
  return { ...(expertParallel !== undefined ? { expertParallel } : {}), ...(dpAttention ? { dpAttention } : {}) };
}

/**
 * The schema's ranges for a setup's numbers, from the same limits: checked here without
 * zod, whose result objects per field per workload were most of a large file's garbage.
 */
export const SETUP_RANGES = {
  gpus: [1, LIMITS.gpus, true],
  replicas: [1, LIMITS.replicas, true],
  throughputTps: [MINIMUMS.throughputTps, LIMITS.throughputTps, false],
  gpuHourlyUsd: [0, LIMITS.gpuHourlyUsd, false],
} as const;

/** The setup's GPU and quantization from the catalog; an unknown one is reported at its node. */
export function setupHardware(
  ctx: Pick<SizingContext, 'catalog' | 'doc'>,
  cfg: Raw,
  { path: setupPath, node: setupNode }: { path: Path; node: NodeId },
  push: (f: Finding) => unknown,
  /** The quantization the model's name implies, where the setup names none (else fp16). */
  nameQuantization?: string,
): { gpu: GpuSpec; quantization: QuantizationOption; fromName: boolean } | undefined {
  const tree = ctx.doc.tree;
  const gpuNode = tree.child(setupNode, 'gpu');
  const gpu = typeof cfg.gpu === 'string' ? findGpu(cfg.gpu, ctx.catalog) : undefined;
  if (!gpu) {
    if (typeof cfg.gpu === 'string' && gpuNode !== NONE) push(unknownId('gpu', cfg.gpu, gpuIds(ctx.catalog), tree.range(gpuNode), [...setupPath, 'gpu']));
    return undefined;
  }
  const quantNode = tree.child(setupNode, 'quantization');
  const named = cfg.quantization === undefined && nameQuantization !== undefined ? findQuantization(nameQuantization, ctx.catalog) : undefined;
  const quantization = named ?? findQuantization(typeof cfg.quantization === 'string' ? cfg.quantization : 'fp16', ctx.catalog);
  if (!quantization) {
    if (quantNode !== NONE) push(unknownId('quantization', describeValue(cfg.quantization), quantizationIds(ctx.catalog), tree.range(quantNode), [...setupPath, 'quantization']));
    return undefined;
  }
  return { gpu, quantization, fromName: named !== undefined };
}

/** A setup that does not fit, with the fixes that make it fit: a smaller format, or more GPUs. */
function doesNotFit(cat: Catalog, model: ModelCard, gpu: GpuSpec, gpus: number, quantization: QuantizationOption, needs: MemoryNeeds, memory: ReturnType<typeof sizeMemory>, setupPath: Path, at: TextRange): Finding {
  const fixes: Fix[] = [];
  const quant = quantizationToFit(cat, model, gpu, gpus, quantization, cat.quantizations, needs, memory.model);
  if (quant) fixes.push({ title: `Use ${quant.id} (${quant.name}) to fit ${gpus}× ${gpu.id}`, edits: [{ path: [...setupPath, 'quantization'], value: quant.id }], preferred: true });
  const moreGpus = gpusToFit(cat, model, gpu, quantization, needs, memory.model);
  if (moreGpus) fixes.push({ title: `Use ${moreGpus}× ${gpu.id} per replica`, edits: [{ path: [...setupPath, 'gpus'], value: moreGpus }] });
  return {
    severity: 'error',
    code: 'does-not-fit',
    message:
      `${model.name} at ${quantization.id} does not fit in ${gpus}× ${gpu.name}: it needs ${formatGB(memory.neededGB)} ` +
      `(weights ${formatGB(memory.weightsGB)} + KV cache ${formatGB(memory.kvCacheGB)} + runtime reserve ${formatGB(memory.runtimeReserveGB)}) ` +
      `of ${formatGB(memory.availableGB)}.`,
    ...at,
    fixes,
  };
}
