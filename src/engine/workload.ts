/**
 * Evaluating one workload: its API or self-hosted cost, the self-host setups it is
 * compared with, where they cross over, and its findings. Its lenses and hover figures are
 * built from the result when read (lenses.ts).
 */
import type { CrossoverResult, Finding, Fix, SelfHostResult, WorkloadResult } from './analysis';
import { didYouMean, findGpu, findModel, findQuantization, gpuIds, gpuPriceKey, quantizationIds, resolutionOf, suggestModel, type Catalog } from './catalog';
import type { GpuSpec, ModelCard, QuantizationOption, RequirementId } from './catalog/types';
import type { MissingPrice } from './catalog/data/priceTable';
import {
  apiMonthlyCost,
  costPerMillionAtCapacity,
  crossover,
  formatGB,
  formatNumber,
  formatTokensM,
  formatUsd,
  replicaCapacityM,
  replicaFixedMonthly,
  replicasNeeded,
  type Assumptions,
} from './cost';
import { describeValue, isObject, NONE, type NodeId, type TextRange } from './config/document';
import { ConfigTree } from './config/tree';
import { LIMITS, MINIMUMS, REQUIREMENT_IDS, volumeToMillions } from './config/schema';
import { checkRequirements } from './requirements';
import type { AnalysisContext, PriceUsed } from './analysisContext';

export type { AnalysisContext, PriceUsed } from './analysisContext';
import { ruledOutBy } from './requirementRules';
import { rooflineThroughput, throughputCeiling } from './selfHost';
import { gpusToFit, memoryFitSteps, quantizationToFit, sizeMemory, type MemoryNeeds } from './sizing/memory';
import { formulaStep, NO_STEPS, step, textStep, usd, type Explanation } from './explanation';
import {
  cheapestSelfHost,
  DEFAULT_PEAK_TO_AVERAGE,
  earliestWinningReplica,
  requestShape,
  servedSetup,
  type CheapestSelfHost,
  type ReplicaSetup,
  type RequestShape,
  type SelfHostTargets,
} from './cheapestSelfHost';
import { gpuHourPrice, gpuHourSourceText, rulesKey, type GpuPriceRules } from './pricing/gpuHour';
import { apiCallPrice, billsBeyondListPrices, type ApiBilling } from './pricing/apiCall';

type Path = (string | number)[];
const NONE_NAMED: readonly unknown[] = Object.freeze([]);
const priceStep = step('price');
const monthlyStep = step('monthly-cost');
const throughputStep = step('throughput');
const replicasStep = step('replicas');
const gpuPriceStep = step('gpu-price');
type Raw = Record<string, unknown>;

export function evaluateWorkload(ctx: AnalysisContext, index: number, node: NodeId, value: unknown): WorkloadResult | undefined {
  const tree = ctx.doc.tree;
  if (tree.kind(node) !== 'object' || !isObject(value)) return undefined;
  const raw = value;
  const path: Path = ['workloads', index];
  const name = workloadName(raw, index);
  const modelNode = tree.child(node, 'model');
  if (typeof raw.model !== 'string' || modelNode === NONE) return undefined;
  const modelRange = tree.range(modelNode);

  const model = findModel(raw.model, ctx.catalog);
  // Unknown ids are referenced too, as written, so a hover can say what is wrong with them.
  // A name resolved at a host's price keeps its written form: the hover shows that host's card.
  ctx.out.modelReferences.push({ offset: modelRange.offset, length: modelRange.length, modelId: model && !model.servedBy ? model.id : raw.model, known: !!model, card: model, workload: index });
  const selfHosted = isObject(raw.deployment) && isObject(raw.deployment.selfHosted);
  if (!model) ctx.out.findings.push({ ...unknownModel(raw.model, modelRange, [...path, 'model'], ctx.catalog, selfHosted), workload: index });
  const others = model?.servedBy?.alternatives ?? [];
  if (model?.servedBy && others.length) {
    // A name without a host is billed by the model's own lab; the other hosts are one prefix away.
    const hosts = others.map((o) => o.host);
    ctx.out.findings.push({
      severity: 'hint',
      code: 'ambiguous-host',
      message: `"${raw.model}" names no host: priced as ${model.servedBy.host} ("${model.servedBy.key}"). Also priced by ${hosts.slice(0, 6).join(', ')}${hosts.length > 6 ? ` and ${hosts.length - 6} more` : ''}: a prefix such as "${others[0]!.key}" picks one.`,
      ...modelRange,
      workload: index,
    });
  }
  if (model?.projected) {
    ctx.out.findings.push({
      severity: 'information',
      code: 'projected-model',
      message: `${model.name} is marked as projected in the source (${model.paramsNote ?? 'details unknown'}); its figures are estimates.`,
      ...modelRange,
      workload: index,
    });
  }

  const volumeM = volumeToMillions(raw.monthlyTokens);
  if (volumeM === undefined) return undefined;
  const volumeNode = tree.child(node, 'monthlyTokens');
  const shape = givenShape(raw.requestShape);
  const inputShare =
    typeof raw.inputShare === 'number' && raw.inputShare >= 0 && raw.inputShare <= 1
      ? raw.inputShare
      : shape
        ? shape.inputTokens / (shape.inputTokens + shape.outputTokens)
        : ctx.assumptions.inputShare;
  ctx.serving = { shape, targets: workloadTargets(ctx, raw) };
  const billing = workloadBilling(raw, shape);
  const requirements = workloadRequirements(ctx, raw);

  const deploymentRaw = raw.deployment;
  const selfHostedRaw = isObject(deploymentRaw) && isObject(deploymentRaw.selfHosted) ? (deploymentRaw.selfHosted as Raw) : undefined;
  if (deploymentRaw !== undefined && deploymentRaw !== 'api' && !selfHostedRaw) return undefined;

  const result: WorkloadResult = {
    index,
    name,
    model: model?.id ?? raw.model,
    modelKnown: !!model,
    deployment: selfHostedRaw ? 'self-hosted' : 'api',
    monthlyTokensM: volumeM,
    monthlyCostUsd: null,
    costPerMillionUsd: null,
    apiPricePerMillionUsd: null,
    selfHost: null,
    crossovers: [],
    cheapestSelfHost: null,
    alternativeCheapest: [],
    serving: servingOf(ctx, inputShare),
    requirements,
    offset: tree.offset(node),
    length: tree.length(node),
    // How the figures were computed; set with the figures.
    explanation: NO_STEPS,
  };

  if (selfHostedRaw) {
    const setupPath = [...path, 'deployment', 'selfHosted'];
    const site = { path: setupPath, node: tree.at(['deployment', 'selfHosted'], node) };
    // An unknown model cannot be sized, but its GPU and quantization can still be wrong.
    if (!model) setupHardware(ctx, selfHostedRaw, site, (f) => ctx.out.findings.push({ ...f, workload: index }));
    const unsized: Unsized = {};
    const setup = model && sizeSelfHost(ctx, index, model, selfHostedRaw, site, volumeM, modelRange, 'all', nameWeights(ctx, raw.model), unsized);
    if (unsized.notModelled) result.notModelled = unsized.notModelled;
    if (setup) {
      result.selfHost = setup;
      result.explanation = setup.explanation;
      // Beyond the replicas a config can set, a cost would be a figure nobody can deploy.
      if (setup.fits && setup.replicasNeeded <= LIMITS.replicas) {
        const monthly = (result.monthlyCostUsd = setup.replicas * setup.fixedMonthlyUsd);
        // A replica paid for a handful of tokens has no cost per million worth a figure.
        const perM = volumeM > 0 ? monthly / volumeM : setup.costPerMillionAtCapacityUsd;
        result.costPerMillionUsd = Number.isFinite(perM) ? perM : null;
        result.explanation = [...setup.explanation, monthlyStep`monthly cost = replicas × fixed = ${setup.replicas} × ${usd(setup.fixedMonthlyUsd)} = ${usd(monthly)}`];
      }
    }
  } else {
    const price = apiPrice(ctx, model, raw.blendedPricePerMillion, inputShare, billing);
    if (price) {
      result.apiPricePerMillionUsd = price.value;
      const monthly = apiMonthlyCost(volumeM, price.value);
      result.monthlyCostUsd = monthly.value;
      result.costPerMillionUsd = price.value;
      result.explanation = [...price.steps, formulaStep('monthly-cost', 'monthly cost', monthly)];
      if (price.missing) missingPriceFinding(ctx, index, node, model?.name ?? String(raw.model), price.missing, result);
    } else if (model) {
      ctx.out.findings.push({
        severity: 'warning',
        code: 'no-api-price',
        message: `No API price for ${model.name} in the catalog: set "blendedPricePerMillion" or self-host it.`,
        ...modelRange,
        workload: index,
        // No fix: any price it wrote would be invented. The message names the field to set.
      });
    }
  }

  if (result.monthlyCostUsd !== null && !Number.isFinite(result.monthlyCostUsd)) {
    // Extreme but valid inputs (a vanishing utilization, say) can overflow: no price, said so.
    result.monthlyCostUsd = null;
    result.costPerMillionUsd = null;
    ctx.out.findings.push({ severity: 'warning', code: 'out-of-range', message: 'The figures for this workload are too large to compute: check its volume, throughput and the assumptions.', ...tree.range(volumeNode), workload: index });
  }
  result.cheapestSelfHost = cheapestFor(ctx, model, volumeM, inputShare);
  result.crossovers = compareDeployments(ctx, index, node, modelRange, raw, model, result, inputShare);
  checkRequirements(ctx, result, model, modelRange, path);
  checkAllowed(ctx, result, model, modelRange, path);
  return result;
}

/** A workload's name as the file writes it, or its position. */
export function workloadName(value: unknown, index: number): string {
  const name = isObject(value) ? value.name : undefined;
  return typeof name === 'string' && name.trim() ? name : `workload ${index + 1}`;
}

/** The project's requirements (one list shared by the workloads that add none) and the workload's own. */
function workloadRequirements(ctx: AnalysisContext, raw: Raw): RequirementId[] {
  if (!Array.isArray(raw.requirements)) return ctx.out.requirements;
  const own = raw.requirements.filter((r): r is RequirementId => (REQUIREMENT_IDS as readonly unknown[]).includes(r));
  return [...new Set([...ctx.out.requirements, ...own])];
}

/** An unknown model name, with a "did you mean" of the same sizes and versions (self-hostable where a setup is written). */
export function unknownModel(written: string, range: TextRange, path: Path, cat: Catalog, selfHosted = false): Finding {
  const suggestion = suggestModel(written, cat, selfHosted);
  return {
    severity: 'error',
    code: 'unknown-model',
    message: `Unknown model "${written}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    ...range,
    fixes: suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ path, value: suggestion }], preferred: true }] : [],
  };
}



const MISSING_FIELD: Record<MissingPrice, { field: string; words: string }> = {
  batch: { field: 'batch', words: 'batch' },
  'cache-read': { field: 'cachedInputShare', words: 'cache-read' },
  'cache-write': { field: 'cachedInputShare', words: 'cache-write' },
};

/** A price the source lacks, billed at the standard rate: an information finding at the field that asked for it, and a word in the lens. */
function missingPriceFinding(ctx: AnalysisContext, index: number, node: NodeId, model: string, missing: MissingPrice[], result: WorkloadResult): void {
  const words = [...new Set(missing.map((m) => MISSING_FIELD[m].words))];
  result.missingPrices = words;
  const field = ctx.doc.tree.child(node, MISSING_FIELD[missing[0]!].field);
  ctx.out.findings.push({
    severity: 'information',
    code: 'missing-price',
    message: `The price source has no ${words.join(' or ')} price for ${model}: these tokens are billed at the standard rate.`,
    ...ctx.doc.tree.range(field === NONE ? node : field),
    workload: index,
  });
}

/** The billing a workload's fields state; the API alternatives it names are billed the same way. */
function workloadBilling(raw: Raw, shape: RequestShape | undefined): ApiBilling {
  const reasoning = isObject(raw.requestShape) ? raw.requestShape.reasoningTokens : undefined;
  return {
    cachedInputShare: typeof raw.cachedInputShare === 'number' && raw.cachedInputShare >= 0 && raw.cachedInputShare <= 1 ? raw.cachedInputShare : undefined,
    batch: raw.batch === true,
    promptTokens: shape?.inputTokens,
    // Reasoning is part of the output tokens (they are generated, and self-hosting pays for them the same).
    reasoningShare: shape && typeof reasoning === 'number' && Number.isInteger(reasoning) && reasoning > 0 && reasoning <= shape.outputTokens ? reasoning / (shape.inputTokens + shape.outputTokens) : undefined,
  };
}

function apiPrice(ctx: AnalysisContext, model: ModelCard | undefined, blended: unknown, inputShare: number, billing: ApiBilling = {}): PriceUsed | undefined {
  if (typeof blended === 'number' && blended >= 0 && blended <= LIMITS.pricePerMillion) {
    return { value: blended, steps: [priceStep`price = ${usd(blended)}/M (blendedPricePerMillion in the config)`] };
  }
  if (!model?.price) return undefined;
  if (billsBeyondListPrices(model.price, billing)) return apiCallPrice(model.price, inputShare, billing);
  // At the file's input share, one price per model serves every workload that uses it (keyed
  // by the price: one model id may be billed by several hosts).
  if (inputShare !== ctx.assumptions.inputShare) return apiCallPrice(model.price, inputShare);
  let shared = ctx.catalogPrices.get(model.price);
  if (!shared) ctx.catalogPrices.set(model.price, (shared = apiCallPrice(model.price, inputShare)));
  return shared;
}

/** Why a setup was not sized, where the lens should say so. */
interface Unsized {
  notModelled?: string;
}

/** What sizing a setup reads of an analysis: the catalog, the assumptions, and where to report. */
type SizingContext = Pick<AnalysisContext, 'catalog' | 'assumptions' | 'gpuRules' | 'serving'> & {
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
  const needs: MemoryNeeds = { shape, concurrency, contextTokens };

  const seedSetup = ctx.catalog.setups.find(
    (s) => s.model === model.id && s.gpu === gpu.id && s.gpus === gpus && s.quantization === quantization.id,
  );
  let throughputTps: number;
  let throughputSource: SelfHostResult['throughputSource'];
  let throughputSteps: Explanation;
  let runsAt = concurrency;
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
    const served = servedSetup(ctx.catalog, model, gpu.id, gpus, quantization.id, concurrency, shape);
    if (served && 'field' in served) {
      // Not modelled: no figure stands in for it (the article's batch-1 roofline would).
      const what = `${gpus}× ${gpu.id} at ${quantization.id}`;
      if (unsized) unsized.notModelled = what;
      const node = at(served.field);
      push({
        severity: 'warning',
        code: 'not-modelled',
        message:
          `Not modelled: ${served.message}. The serving model does not estimate ${what}, so this setup has no throughput or price. ` +
          (served.field === 'quantization'
            ? `Formats it estimates on ${gpu.id}: ${served.formats.join(', ')}; or set throughputTps from a measurement.`
            : `Use a GPU count that divides the attention heads, or set throughputTps from a measurement.`),
        ...rangeOr(node === NONE ? gpuNode : node, modelRange),
      });
      return undefined;
    }
    if (served) {
      throughputTps = served.outputTokensPerSecond + served.inputTokensPerSecond;
      throughputSource = 'serving';
      runsAt = served.concurrency;
      throughputSteps = [
        throughputStep`throughput = output + input tokens a second by the serving model = ${served.outputTokensPerSecond} + ${served.inputTokensPerSecond} = ${throughputTps} tok/s at ${served.concurrency} concurrent requests (time to first token ${served.timeToFirstTokenMs} ms, ${served.timePerOutputTokenMs} ms per output token)`,
        // Its memory lines are the memory steps below, sized once.
        ...served.lines.slice(served.memorySteps.length).map((line) => textStep('serving', line)),
      ];
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
  }

  const price = gpuHourPrice(gpuPriceKey(gpu.id, ctx.catalog) ?? gpu.id, ctx.gpuRules, gpu.hourlyUsd, setupNumber(cfg, 'gpuHourlyUsd'))!;
  const hourly = price.usd;
  const hourlySource = gpuHourSourceText(price, gpu.hourlyUsdSource?.source ?? gpu.source, formatUsd);
  const fixed = replicaFixedMonthly(gpus, hourly, hours);
  const capacity = replicaCapacityM(throughputTps, hours, utilization);
  const needed = replicasNeeded(volumeM, capacity.value);
  const givenReplicas = setupNumber(cfg, 'replicas');
  const replicas = givenReplicas ?? Math.max(1, needed);
  const perM = costPerMillionAtCapacity(fixed.value, capacity.value);
  const label = `${gpus}× ${gpu.id} · ${quantization.id} · ${formatNumber(throughputTps)} tok/s`;
  // One memory model decides the fit, writes the figures and finds the fixes.
  const memory = sizeMemory(ctx.catalog, model, gpu, gpus, quantization, { ...needs, concurrency: runsAt });

  if (!memory.fits && memory.complete) {
    const fixes: Fix[] = [];
    const quant = quantizationToFit(ctx.catalog, model, gpu, gpus, quantization, ctx.catalog.quantizations, needs, memory.model);
    if (quant) fixes.push({ title: `Use ${quant.id} (${quant.name}) to fit ${gpus}× ${gpu.id}`, edits: [{ path: [...setupPath, 'quantization'], value: quant.id }], preferred: true });
    const moreGpus = gpusToFit(ctx.catalog, model, gpu, quantization, needs, memory.model);
    if (moreGpus) fixes.push({ title: `Use ${moreGpus}× ${gpu.id} per replica`, edits: [{ path: [...setupPath, 'gpus'], value: moreGpus }] });
    push({
      severity: 'error',
      code: 'does-not-fit',
      message:
        `${model.name} at ${quantization.id} does not fit in ${gpus}× ${gpu.name}: it needs ${formatGB(memory.neededGB)} ` +
        `(weights ${formatGB(memory.weightsGB)} + KV cache ${formatGB(memory.kvCacheGB)} + runtime reserve ${formatGB(memory.runtimeReserveGB)}) ` +
        `of ${formatGB(memory.availableGB)}.`,
      ...rangeOr(gpuNode, modelRange),
      fixes,
    });
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
  } else if (givenReplicas === undefined && needed > 1) {
    push({
      severity: 'information',
      code: 'replicas-needed',
      message: `${formatTokensM(volumeM)} tok/mo is above one replica's ${formatTokensM(capacity.value)} tok/mo: it needs ${needed} replicas (${needed * gpus} GPUs, ${formatUsd(needed * fixed.value)}/mo).`,
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
    fixedMonthlyUsd: fixed.value,
    costPerMillionAtCapacityUsd: perM.value,
    memoryNeededGB: memory.neededGB,
    memoryAvailableGB: memory.availableGB,
    fits: memory.fits || !memory.complete,
    label,
    explanation: [
      ...throughputSteps,
      formulaStep('fixed', 'fixed per replica', fixed),
      gpuPriceStep`GPU-hour price: ${usd(hourly)}, ${hourlySource}`,
      formulaStep('capacity', 'capacity per replica', capacity),
      formulaStep('cost-at-capacity', 'cost at capacity', perM),
      givenReplicas === undefined
        ? replicasStep`replicas = ceil(V / capacity) = ceil(${volumeM} / ${capacity.value}) = ${needed}`
        : replicasStep`replicas = ceil(V / capacity) = ceil(${volumeM} / ${capacity.value}) = ${needed} (config: ${givenReplicas})`,
      ...weightsStep,
      ...memoryFitSteps(ctx.catalog, model, gpu, gpus, quantization, { ...needs, concurrency: runsAt }, memory),
    ],
  };
}

function beyondHardware(written: number, ceiling: number, gpus: number, gpu: GpuSpec, model: ModelCard, range: TextRange): Finding {
  return {
    severity: 'warning',
    code: 'beyond-hardware',
    message: `${formatNumber(written)} tok/s is more than ${gpus}× ${gpu.name} could compute for ${model.name}: at most ${formatNumber(ceiling)} tok/s, which the figures use. Check throughputTps.`,
    ...range,
  };
}

/**
 * A setup's number when the schema accepts it, else undefined (and the schema's finding says
 * why): a file that does not validate is still analyzed from what is valid in it.
 */
function setupNumber(cfg: Raw, key: keyof typeof SETUP_RANGES): number | undefined {
  const v = cfg[key];
  const [min, max, whole] = SETUP_RANGES[key];
  return typeof v === 'number' && v >= min && v <= max && (!whole || Number.isInteger(v)) ? v : undefined;
}

/**
 * The schema's ranges for a setup's numbers, from the same limits: checked here without
 * zod, whose result objects per field per workload were most of a large file's garbage.
 */
const SETUP_RANGES = {
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

function unknownId(kind: 'gpu' | 'quantization', written: string, known: string[], range: TextRange, path: Path): Finding {
  const suggestion = didYouMean(written, known);
  return {
    severity: 'error',
    code: `unknown-${kind}`,
    message: `Unknown ${kind === 'gpu' ? 'GPU' : 'quantization'} "${written}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known: ${known.join(', ')}.`,
    ...range,
    fixes: suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ path, value: suggestion }], preferred: true }] : [],
  };
}

/**
 * The setups an API workload is compared with besides its alternatives: its own model's, when
 * its weights are open, and the article's setups only when asked (compareWithCatalog).
 * Embeddings are never compared: the setups serve chat models.
 */
function defaultSelfHostCandidates(ctx: AnalysisContext, model: ModelCard | undefined): Raw[] {
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
const defaultSetupCache = new WeakMap<Catalog, Map<string, Map<string, SelfHostResult | undefined>>>();

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
function bestDefaultSetup(ctx: AnalysisContext, model: ModelCard | undefined): SelfHostResult | undefined {
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
function nameWeights(ctx: Pick<AnalysisContext, 'catalog'>, written: unknown): { quantization: string; why: string } | undefined {
  return typeof written === 'string' ? resolutionOf(written, ctx.catalog)?.weights : undefined;
}

/**
 * An alternative's sizing. Only its replica's cost and capacity enter the comparison, so one
 * sizing serves every workload that names the same setup, as large files often do; a setup
 * with errors is sized again at each workload, where its errors are reported.
 */
function alternativeSetup(ctx: AnalysisContext, index: number, model: ModelCard, written: string, cfg: Raw, site: { path: Path; node: NodeId }, modelRange: TextRange): SelfHostResult | undefined {
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
function cheapestFor(ctx: AnalysisContext, model: ModelCard | undefined, volumeM: number, inputShare: number): CheapestSelfHost | null {
  if (!model || model.access !== 'open-weight' || isEmbedding(model) || !(volumeM > 0)) return null;
  return cheapestSelfHost(ctx.catalog, model, volumeM, requestShape(ctx.serving?.shape, inputShare), servingTargets(ctx)) ?? null;
}

/** The workload's serving needs as plain data: its shape, peak and latency targets. */
function servingOf(ctx: AnalysisContext, inputShare: number): WorkloadResult['serving'] {
  const targets = servingTargets(ctx);
  return {
    shape: requestShape(ctx.serving?.shape, inputShare),
    peakToAverage: targets.peakToAverage,
    ...(targets.ttftMs !== undefined ? { ttftMs: targets.ttftMs } : {}),
    ...(targets.tpotMs !== undefined ? { tpotMs: targets.tpotMs } : {}),
  };
}

function servingTargets(ctx: AnalysisContext): SelfHostTargets {
  return ctx.serving?.targets ?? { hoursPerMonth: ctx.assumptions.hoursPerMonth, peakToAverage: DEFAULT_PEAK_TO_AVERAGE, gpuRules: ctx.gpuRules };
}

/** The workload's request shape when the file gives a valid one (the schema reports the rest). */
function givenShape(value: unknown): RequestShape | undefined {
  if (!isObject(value)) return undefined;
  const { inputTokens, outputTokens } = value;
  const ok = (n: unknown, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;
  return ok(inputTokens, LIMITS.requestInputTokens) && ok(outputTokens, LIMITS.requestOutputTokens) ? { inputTokens, outputTokens } : undefined;
}

/** The peak and latency targets the file sets for a workload, within the schema's ranges. */
function workloadTargets(ctx: AnalysisContext, raw: Raw): SelfHostTargets {
  const within = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && n >= min && n <= max;
  const latency = isObject(raw.latency) ? raw.latency : {};
  return {
    hoursPerMonth: ctx.assumptions.hoursPerMonth,
    peakToAverage: within(raw.peakToAverage, 1, LIMITS.peakToAverage) ? raw.peakToAverage : DEFAULT_PEAK_TO_AVERAGE,
    ...(within(latency.ttftMs, Number.MIN_VALUE, LIMITS.latencyMs) ? { ttftMs: latency.ttftMs } : {}),
    ...(within(latency.tpotMs, Number.MIN_VALUE, LIMITS.latencyMs) ? { tpotMs: latency.tpotMs } : {}),
    gpuRules: ctx.gpuRules,
  };
}

/** A replica as a comparison with the API, once per replica: every workload that picks it shares it. */
function comparisonSetup(r: ReplicaSetup): SelfHostResult {
  let setup = comparisonSetups.get(r);
  if (!setup) comparisonSetups.set(r, (setup = asSelfHostResult(r, 1)));
  return setup;
}

const comparisonSetups = new WeakMap<ReplicaSetup, SelfHostResult>();

/** A cheapest setup as a comparison, at the replicas its volume needs. */
function setupOf(c: CheapestSelfHost): SelfHostResult {
  return asSelfHostResult(c, c.replicas);
}

/** A serving-model setup as a self-hosted result: one replica's cost and the tokens it serves a month at the average load. */
function asSelfHostResult(r: ReplicaSetup, replicas: number): SelfHostResult {
  return {
    model: r.model,
    gpu: r.gpu,
    gpus: r.gpus,
    quantization: r.weights,
    throughputTps: r.throughputTps,
    throughputSource: 'serving',
    capacityTokensM: r.capacityTokensM,
    replicas,
    replicasNeeded: replicas,
    gpuHourlyUsd: r.hourlyUsdPerGpu,
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

/** The API a self-hosted workload is compared with besides its alternatives: its own model's, and GPT-4o's when asked. */
function defaultApiCandidates(ctx: AnalysisContext, model: ModelCard | undefined): string[] {
  const ids = model?.price ? [model.id] : [];
  return [...ids, ...(ctx.compareWithCatalog ? ['gpt-4o'] : [])].filter((id, i, all) => all.indexOf(id) === i);
}

function isEmbedding(model: ModelCard | undefined): boolean {
  return model?.price?.entry?.mode === 'embedding';
}

function compareDeployments(
  ctx: AnalysisContext,
  index: number,
  node: NodeId,
  modelRange: TextRange,
  raw: Raw,
  model: ModelCard | undefined,
  result: WorkloadResult,
  inputShare: number,
): CrossoverResult[] {
  const tree = ctx.doc.tree;
  const alternatives: readonly unknown[] = Array.isArray(raw.alternatives) ? raw.alternatives : NONE_NAMED;
  const out: CrossoverResult[] = [];
  const volumeM = result.monthlyTokensM;

  if (result.deployment === 'api') {
    if (result.apiPricePerMillionUsd === null) return out;
    const apiPrice = result.apiPricePerMillionUsd;
    // The other way of running the same model (or, when asked, a reference setup), beside what the file declares:
    // its cheapest setup by the serving model where it can be sized.
    const winning = result.cheapestSelfHost && model && earliestWinningReplica(ctx.catalog, model, apiPrice, requestShape(ctx.serving?.shape, inputShare), servingTargets(ctx));
    const ownSetup = winning ? comparisonSetup(winning) : bestDefaultSetup(ctx, model);
    const own = ownSetup && crossoverBetween(ctx, result.model, apiPrice, ownSetup, 'default');
    if (ownSetup && own) crossoverFindings(ctx, result, own, ownSetup, modelRange, false);
    if (!alternatives.length) return own ? [own] : out;
    if (own) out.push(own);
    alternatives.forEach((alt, altIndex) => {
      if (!isObject(alt) || typeof alt.model !== 'string' || !isObject(alt.selfHosted)) return;
      const altPath: Path = ['workloads', index, 'alternatives', altIndex];
      const altModelNode = tree.at(['alternatives', altIndex, 'model'], node);
      const altModel = findModel(alt.model, ctx.catalog);
      if (!altModel) {
        if (altModelNode !== NONE) ctx.out.findings.push({ ...unknownModel(alt.model, tree.range(altModelNode), [...altPath, 'model'], ctx.catalog, true), workload: index });
        return;
      }
      const altRange = altModelNode === NONE ? tree.range(node) : tree.range(altModelNode);
      const site = { path: [...altPath, 'selfHosted'], node: tree.at(['alternatives', altIndex, 'selfHosted'], node) };
      const setup = alternativeSetup(ctx, index, altModel, alt.model, alt.selfHosted, site, altRange);
      // The cheapest way to host the alternative's model is compared too (once a model), so the
      // verdict and its lens weigh the same setups.
      const cheapest = result.alternativeCheapest.some((a) => a.model === altModel.id) ? null : cheapestFor(ctx, altModel, volumeM, inputShare);
      if (cheapest) {
        result.alternativeCheapest.push({
          alternative: altIndex,
          ...altRange,
          model: altModel.id,
          cheapest,
          declaredMonthlyUsd: setup?.fits ? replicasNeeded(volumeM, setup.capacityTokensM) * setup.fixedMonthlyUsd : null,
        });
        // Where it beats the API at this volume it is compared too, and can be the verdict; where
        // it does not, the verdict stays with the setups the file declares, and the lens says
        // by how much the cheapest setup costs more.
        if (result.monthlyCostUsd !== null && cheapest.monthlyUsd < result.monthlyCostUsd) {
          const cheapestSetup = setupOf(cheapest);
          const c = crossoverBetween(ctx, result.model, apiPrice, cheapestSetup, 'alternative-cheapest');
          if (c) {
            out.push(c);
            crossoverFindings(ctx, result, c, cheapestSetup, altRange, false);
          }
        }
      }
      if (!setup || !setup.fits) return;
      const c = crossoverBetween(ctx, result.model, apiPrice, setup, 'alternative');
      if (!c) {
        ctx.out.findings.push({
          severity: 'warning',
          code: 'self-host-never-wins',
          message: `At ${formatUsd(apiPrice)}/M the ${result.model} API is as good as free: self-hosting ${setup.model} (${setup.label}, ${formatUsd(setup.fixedMonthlyUsd)}/mo a replica) cannot beat it at any volume, so there is no crossover.`,
          ...(altModelNode === NONE ? modelRange : altRange),
          workload: index,
        });
        return;
      }
      out.push(c);
      crossoverFindings(ctx, result, c, setup, altModelNode === NONE ? modelRange : altRange, true);
    });
  } else if (result.selfHost?.fits) {
    const setup = result.selfHost;
    const declared = alternatives
      .filter((a): a is Raw => isObject(a) && typeof a.model === 'string' && !isObject(a.selfHosted))
      .map((a) => ({ model: a.model as string, blended: a.blendedPricePerMillion, origin: 'alternative' as const }));
    const declaredIds = new Set(declared.map((a) => findModel(a.model, ctx.catalog)?.id ?? a.model));
    const apis = [
      ...defaultApiCandidates(ctx, model).filter((id) => !declaredIds.has(id)).map((id) => ({ model: id, blended: undefined, origin: 'default' as const })),
      ...declared,
    ];
    for (const api of apis) {
      const apiModel = findModel(api.model, ctx.catalog);
      const price = apiPrice(ctx, apiModel, api.blended, inputShare, workloadBilling(raw, ctx.serving?.shape));
      if (!price) continue;
      const ruledOut = ruledOutBy(result.requirements, 'api');
      const c = crossoverBetween(ctx, apiModel?.id ?? api.model, price.value, setup, api.origin);
      if (c) out.push(ruledOut ? { ...c, ruledOutBy: ruledOut } : c);
      const apiCost = volumeM * price.value;
      const ownApi = apiModel?.id === setup.model;
      if ((api.origin === 'alternative' || ownApi) && result.monthlyCostUsd !== null && apiCost < result.monthlyCostUsd) {
        if (ruledOut) {
          // Not an option: what the requirement costs, said once where the volume is written.
          ctx.out.findings.push({
            severity: 'information',
            code: 'requirement-cost',
            message: `${ruledOut} rules out the ${apiModel?.name ?? api.model} API, which would cost ${formatUsd(apiCost)}/mo at ${formatTokensM(volumeM)} tok/mo: the requirement costs ${formatUsd(result.monthlyCostUsd - apiCost)}/mo here (${formatUsd(result.monthlyCostUsd)}/mo self-hosted).`,
            ...tree.range(tree.child(node, 'monthlyTokens')),
            workload: index,
          });
          continue;
        }
        ctx.out.findings.push({
          severity: 'warning',
          code: 'api-cheaper',
          message: `At ${formatTokensM(volumeM)} tok/mo the ${apiModel?.name ?? api.model} API costs ${formatUsd(apiCost)}/mo (${formatUsd(price.value)}/M) against ${formatUsd(result.monthlyCostUsd)}/mo self-hosted.` +
            (!c
              ? ' A free API cannot be beaten by self-hosting at any volume.'
              : c.makesSense
                ? ` Self-hosting wins from ${formatTokensM(c.crossoverTokensM)} tok/mo.`
                : ` Self-hosting never wins at ${formatNumber(setup.throughputTps)} tok/s: it needs ≥ ${formatNumber(c.breakEvenThroughputTps)} tok/s per replica.`),
          ...tree.range(tree.child(node, 'monthlyTokens')),
          workload: index,
        });
      }
    }
  }
  return out;
}

/** The crossover of a setup with an API price; undefined against a free API, which nothing beats. */
function crossoverBetween(ctx: AnalysisContext, apiModel: string, apiPrice: number, setup: SelfHostResult, origin: CrossoverResult['origin']): CrossoverResult | undefined {
  const x = crossover(setup.fixedMonthlyUsd, setup.capacityTokensM, apiPrice, ctx.assumptions.hoursPerMonth, ctx.assumptions.utilization);
  if (!x) return undefined;
  return {
    apiModel,
    selfHostModel: setup.model,
    apiPricePerMillionUsd: apiPrice,
    selfHostFixedMonthlyUsd: setup.fixedMonthlyUsd,
    selfHostCapacityTokensM: setup.capacityTokensM,
    crossoverTokensM: x.crossoverTokensM,
    makesSense: x.makesSense,
    breakEvenThroughputTps: x.breakEvenThroughputTps,
    selfHostSetup: { gpu: setup.gpu, gpus: setup.gpus, quantization: setup.quantization, throughputTps: setup.throughputTps },
    selfHostLabel: setup.label,
    origin,
  };
}

function crossoverFindings(ctx: AnalysisContext, result: WorkloadResult, c: CrossoverResult, setup: SelfHostResult, at: TextRange, explicit: boolean): void {
  const volumeM = result.monthlyTokensM;
  const apiCost = result.monthlyCostUsd ?? 0;
  const selfCost = replicasNeeded(volumeM, setup.capacityTokensM) * setup.fixedMonthlyUsd;
  if (volumeM > 0 && selfCost < apiCost) {
    ctx.out.findings.push({
      severity: 'information',
      code: 'self-host-cheaper',
      message: `At ${formatTokensM(volumeM)} tok/mo self-hosting ${c.selfHostModel} (${setup.label}) costs ${formatUsd(selfCost)}/mo against ${formatUsd(apiCost)}/mo through the ${result.model} API.`,
      ...at,
      workload: result.index,
    });
  } else if (explicit && !c.makesSense) {
    ctx.out.findings.push({
      severity: 'warning',
      code: 'self-host-never-wins',
      message: `Self-hosting ${c.selfHostModel} at ${formatNumber(setup.throughputTps)} tok/s costs ${formatUsd(setup.costPerMillionAtCapacityUsd)}/M at full use against ${formatUsd(c.apiPricePerMillionUsd)}/M through the API: it never wins at any volume. It breaks even at ≥ ${formatNumber(c.breakEvenThroughputTps)} tok/s per replica.`,
      ...at,
      workload: result.index,
    });
  }
}

function checkAllowed(ctx: AnalysisContext, w: WorkloadResult, model: ModelCard | undefined, modelRange: TextRange, path: Path): void {
  if (!ctx.allowed || !model || ctx.allowed.ids.has(model.id)) return;
  const allowed = [...ctx.allowed.ids];
  ctx.out.findings.push({
    severity: 'error',
    code: 'model-not-allowed',
    message: `${model.name} is not in allowedModels (${allowed.join(', ') || 'empty'}).`,
    ...modelRange,
    workload: w.index,
    related: [{ ...ctx.allowed.range, message: 'allowedModels' }],
    fixes: allowed.map((id, i) => {
      // A model whose weights are not released moves a self-hosted workload to its API.
      const toApi = w.deployment === 'self-hosted' && findModel(id, ctx.catalog)?.access === 'api-only';
      return {
        title: toApi ? `Change to "${id}" through its API` : `Change to "${id}"`,
        edits: [{ path: [...path, 'model'], value: id }, ...(toApi ? [{ path: [...path, 'deployment'], value: 'api' }] : [])],
        preferred: i === 0,
      };
    }),
  });
}
