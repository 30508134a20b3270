/**
 * Evaluating one workload: its API or self-hosted cost, the self-host setups it is
 * compared with, where they cross over, and its findings. Its lenses and hover figures are
 * built from the result when read (lenses.ts).
 */
import type { WorkloadResult } from './types';
import { findModel, resolutionOf } from '../catalog';
import type { ModelCard, RequirementId } from '../catalog/types';
import { apiMonthlyCost } from '../pricing/cost';
import { isObject, type NodeId, NONE, type TextRange } from '../config/document';
import { LIMITS, REQUIREMENT_IDS, volumeToMillions } from '../config/schema';
import { checkRequirements } from './requirements';
import type { AnalysisContext, Path, Raw } from './context';
import { formulaStep, NO_STEPS, step, usd } from '../present/explanation';
import { cheapestFor, givenShape, nameWeights, servingOf, workloadTargets } from './workloadSetups';
import { apiPrice, billingData, missingPriceFinding, workloadBilling } from '../pricing/workloadPrice';
import { setupHardware, sizeSelfHost, type Unsized } from '../sizing/selfHostSetup';
import { dayOfTraffic, readTraffic } from './workloadTraffic';
import { compareDeployments } from './compare';
import { unknownModel } from './workloadFindings';

const monthlyStep = step('monthly-cost');

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
  // An alternative's model id is a reference too: its hover is the model's card, as the workload's is.
  if (Array.isArray(raw.alternatives)) {
    raw.alternatives.forEach((alt, alternative) => {
      const altNode = tree.at(['alternatives', alternative, 'model'], node);
      if (!isObject(alt) || typeof alt.model !== 'string' || altNode === NONE) return;
      const range = tree.range(altNode);
      const card = findModel(alt.model, ctx.catalog);
      ctx.out.modelReferences.push({ offset: range.offset, length: range.length, modelId: card && !card.servedBy ? card.id : alt.model, known: !!card, card, workload: index, alternative });
    });
  }
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
  // A price that is not the name's own (another host's, or another version's) is said at the
  // name; so is a shape estimated from a tag's size, as information: nothing is mispriced.
  const caveat = model && resolutionOf(raw.model, ctx.catalog)?.caveat;
  if (caveat) ctx.out.findings.push({ severity: caveat.code === 'estimated-shape' ? 'information' : 'warning', code: caveat.code, message: caveat.message, ...modelRange, workload: index });
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
  const billing = workloadBilling(raw, shape, ctx.assumptions.month);
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
    billing: billingData(inputShare, billing),
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
    if (unsized.notPriced) result.notPriced = unsized.notPriced;
    if (setup) {
      result.selfHost = setup;
      result.explanation = setup.explanation;
      // Beyond the replicas a config can set, a cost would be a figure nobody can deploy.
      if (setup.fits && setup.replicasNeeded <= LIMITS.replicas) {
        const day = dayOfTraffic(ctx, index, selfHostedRaw, site, setup, volumeM);
        const monthly = (result.monthlyCostUsd = day ? day.monthlyUsd : setup.replicas * setup.fixedMonthlyUsd);
        // The band of replicas sized for the month's volume, or for each hour of the day of traffic.
        if (day?.bandUsd) result.monthlyCostBandUsd = day.bandUsd;
        else if (!day && setup.band && setup.band.monthlyUsd.low < setup.band.monthlyUsd.high) result.monthlyCostBandUsd = setup.band.monthlyUsd;
        // Owned GPUs weighed against renting the same replicas all month (a day of traffic would rent fewer hours: not compared).
        if (!day && setup.rentInstead) result.rentInstead = { offer: setup.rentInstead, monthlyUsd: setup.replicas * setup.rentInstead.monthlyUsd };
        // A replica paid for a handful of tokens has no cost per million worth a figure.
        const perM = volumeM > 0 ? monthly / volumeM : setup.costPerMillionAtCapacityUsd;
        result.costPerMillionUsd = Number.isFinite(perM) ? perM : null;
        if (day) {
          result.idleMonthlyUsd = day.idleUsd;
          result.dayTraffic = day.day;
          // Sized hour by hour, the month's replicas are the day's: the setup's single count would contradict them.
          const setupSteps = day.day.replicasFixed ? setup.explanation : setup.explanation.filter((s) => s.topic !== 'replicas');
          result.explanation = [...setupSteps, ...day.explanation];
        } else {
          result.explanation = [...setup.explanation, monthlyStep`monthly cost = replicas × fixed = ${setup.replicas} × ${usd(setup.fixedMonthlyUsd)} = ${usd(monthly)}`];
        }
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
  result.cheapestSelfHost = cheapestFor(ctx, model, volumeM, inputShare, result.dayTraffic && selfHostedRaw ? readTraffic(selfHostedRaw.traffic) : undefined);
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
