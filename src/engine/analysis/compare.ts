/** Comparing a workload's deployment with the other ways of running it: the crossovers, and the findings that say which is cheaper at its volume. */
import type { CrossoverResult, SelfHostResult, WorkloadResult } from './types';
import { findModel } from '../catalog';
import type { ModelCard } from '../catalog/types';
import { crossover, formatNumber, formatTokensM, formatUsd, insideBand, reachTooClose, replicasNeeded } from '../pricing/cost';
import { isObject, type NodeId, NONE, type TextRange } from '../config/document';
import type { AnalysisContext, Path, Raw } from './context';
import { ruledOutBy } from './requirementRules';
import { earliestWinningReplica, requestShape } from '../sizing/cheapestSelfHost';
import { alternativeSetup, bestDefaultSetup, cheapestFor, comparisonSetup, servingTargets, setupOf } from './workloadSetups';
import { apiPrice, workloadBilling } from '../pricing/workloadPrice';
import { unknownModel } from './workloadFindings';
import { idleText } from '../present/lenses';

const NONE_NAMED: readonly unknown[] = Object.freeze([]);

/** The API a self-hosted workload is compared with besides its alternatives: its own model's, and GPT-4o's when asked. */
export function defaultApiCandidates(ctx: AnalysisContext, model: ModelCard | undefined): string[] {
  const ids = model?.price ? [model.id] : [];
  return [...ids, ...(ctx.compareWithCatalog ? ['gpt-4o'] : [])].filter((id, i, all) => all.indexOf(id) === i);
}

export function compareDeployments(
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
      const price = apiPrice(ctx, apiModel, api.blended, inputShare, workloadBilling(raw, ctx.serving?.shape, ctx.assumptions.month));
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
        // Within the P10–P90 of the self-hosted cost the serving model cannot tell which side is cheaper: said so, not warned.
        const band = result.monthlyCostBandUsd;
        const close = insideBand(band, apiCost);
        // With a day of traffic, what of the self-hosted month idles, beside the API's figure.
        const idle = idleText(result);
        const reach = c && reachTooClose(c);
        ctx.out.findings.push({
          severity: close ? 'information' : 'warning',
          code: 'api-cheaper',
          message: `At ${formatTokensM(volumeM)} tok/mo the ${apiModel?.name ?? api.model} API costs ${formatUsd(apiCost)}/mo (${formatUsd(price.value)}/M) against ${formatUsd(result.monthlyCostUsd)}/mo self-hosted${idle ? ` (${idle})` : ''}` +
            (close ? ` (P10–P90 ${formatUsd(band.low)}–${formatUsd(band.high)}: too close to call).` : '.') +
            (!c
              ? ' A free API cannot be beaten by self-hosting at any volume.'
              : reach
                ? ` Self-hosting wins from ${formatTokensM(c.crossoverTokensM)} tok/mo if a replica serves that much: its P10–P90 capacity is ${formatTokensM(reach.low)}–${formatTokensM(reach.high)} tok/mo, too close to call.`
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
export function crossoverBetween(ctx: AnalysisContext, apiModel: string, apiPrice: number, setup: SelfHostResult, origin: CrossoverResult['origin']): CrossoverResult | undefined {
  const x = crossover(setup.fixedMonthlyUsd, setup.capacityTokensM, apiPrice, ctx.assumptions.hoursPerMonth, ctx.assumptions.utilization);
  if (!x) return undefined;
  return {
    apiModel,
    selfHostModel: setup.model,
    apiPricePerMillionUsd: apiPrice,
    selfHostFixedMonthlyUsd: setup.fixedMonthlyUsd,
    selfHostCapacityTokensM: setup.capacityTokensM,
    ...(setup.band || setup.capacityBandM ? { selfHostCapacityBandM: setup.band?.capacityTokensM ?? setup.capacityBandM } : {}),
    crossoverTokensM: x.crossoverTokensM,
    makesSense: x.makesSense,
    breakEvenThroughputTps: x.breakEvenThroughputTps,
    selfHostSetup: {
      gpu: setup.gpu,
      gpus: setup.gpus,
      quantization: setup.quantization,
      throughputTps: setup.throughputTps,
      ...(setup.concurrency !== undefined ? { concurrency: setup.concurrency } : {}),
      gpuHourlyUsd: setup.gpuHourlyUsd,
      ...(setup.gpuHourSource ? { gpuHourSource: setup.gpuHourSource } : {}),
      ...(setup.offer ? { offer: setup.offer } : {}),
    },
    selfHostLabel: setup.label,
    origin,
  };
}

export function crossoverFindings(ctx: AnalysisContext, result: WorkloadResult, c: CrossoverResult, setup: SelfHostResult, at: TextRange, explicit: boolean): void {
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
    // Within one replica's P10–P90 capacity, "never" is not a verdict the serving model can give: said so, not warned.
    const reach = reachTooClose(c);
    ctx.out.findings.push({
      severity: reach ? 'information' : 'warning',
      code: 'self-host-never-wins',
      message: reach
        ? `Self-hosting ${c.selfHostModel} wins from ${formatTokensM(c.crossoverTokensM)} tok/mo against ${formatUsd(c.apiPricePerMillionUsd)}/M through the API if a replica serves that much: the estimate, ${formatTokensM(c.selfHostCapacityTokensM)} tok/mo, falls short, but its P10–P90 is ${formatTokensM(reach.low)}–${formatTokensM(reach.high)} tok/mo. Too close to call; it breaks even at ≥ ${formatNumber(c.breakEvenThroughputTps)} tok/s per replica.`
        : `Self-hosting ${c.selfHostModel} at ${formatNumber(setup.throughputTps)} tok/s costs ${formatUsd(setup.costPerMillionAtCapacityUsd)}/M at full use against ${formatUsd(c.apiPricePerMillionUsd)}/M through the API: it never wins at any volume. It breaks even at ≥ ${formatNumber(c.breakEvenThroughputTps)} tok/s per replica.`,
      ...at,
      workload: result.index,
    });
  }
}
