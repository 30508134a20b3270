/**
 * A workload's options, as one list: what the file configures, each way of running it the
 * analysis compares (declared alternatives, the same model through its API, the catalog's
 * references when asked), and the cheapest setup the serving model finds, each with its cost
 * at the workload's own volume and whether a requirement rules it out. The lens's verdict, the
 * findings and the CLI read this list; a surface formats it and computes no figure of its own.
 *
 * Derived from an evaluated workload when asked (a large file's analysis builds none of it).
 */
import type { CrossoverResult, WorkloadResult } from './types';
import type { RequirementId } from '../catalog/types';
import type { CheapestSelfHost } from '../sizing/cheapestSelfHost';
import { costsAtVolume, headlineCrossover } from '../present/lenses';
import { ruledOutBy } from './requirementRules';

export type OptionKind = 'configured' | 'compared' | 'cheapest-setup' | 'alternative-cheapest';

export interface WorkloadOption {
  kind: OptionKind;
  model: string;
  deployment: 'api' | 'self-hosted';
  /** "1× h200-141gb · fp8 · 4,845 tok/s", or "llama-3.1-70b API". */
  label: string;
  /** At the workload's volume: an API bills the tokens, a self-hosted option pays whole replicas; null when unpriced. */
  monthlyUsd: number | null;
  /** Of monthlyUsd, what pays for GPU-hours not serving: the configured setup's, where it states its traffic. */
  idleMonthlyUsd?: number;
  /** The requirement that rules this option out (data_privacy rules out every API): never offered as cheaper. */
  ruledOutBy?: RequirementId;
  /** The comparison it comes from, for 'compared': where the file declares it, or that the engine chose it. */
  origin?: CrossoverResult['origin'];
  /** The option the lens's verdict names. */
  headline?: true;
}

/** The other side of a comparison, at the workload's volume. */
function compared(c: CrossoverResult, w: WorkloadResult, headline: CrossoverResult | undefined): WorkloadOption {
  const costs = costsAtVolume(c, w);
  const api = w.deployment === 'self-hosted';
  const option: WorkloadOption = {
    kind: 'compared',
    model: api ? c.apiModel : c.selfHostModel,
    deployment: api ? 'api' : 'self-hosted',
    label: api ? `${c.apiModel} API` : c.selfHostLabel,
    monthlyUsd: costs ? (api ? costs.apiUsd : costs.selfHostedUsd) : null,
    origin: c.origin,
  };
  if (c.ruledOutBy) option.ruledOutBy = c.ruledOutBy;
  if (c === headline) option.headline = true;
  return option;
}

export function workloadOptions(w: WorkloadResult): WorkloadOption[] {
  const options: WorkloadOption[] = [
    {
      kind: 'configured',
      model: w.model,
      deployment: w.deployment,
      label: w.deployment === 'api' ? `${w.model} API` : (w.selfHost?.label ?? `${w.model} self-hosted`),
      monthlyUsd: w.monthlyCostUsd,
      ...(w.idleMonthlyUsd !== undefined ? { idleMonthlyUsd: w.idleMonthlyUsd } : {}),
    },
  ];
  const headline = headlineCrossover(w);
  for (const c of w.crossovers) options.push(compared(c, w, headline));
  const ruled = ruledOutBy(w.requirements, 'self-hosted');
  const setup = (kind: OptionKind, model: string, c: CheapestSelfHost): WorkloadOption => ({ kind, model, deployment: 'self-hosted', label: c.label, monthlyUsd: c.monthlyUsd, ...(ruled ? { ruledOutBy: ruled } : {}) });
  if (w.cheapestSelfHost) options.push(setup('cheapest-setup', w.cheapestSelfHost.model, w.cheapestSelfHost));
  for (const a of w.alternativeCheapest) if (a.cheapest !== w.cheapestSelfHost) options.push(setup('alternative-cheapest', a.model, a.cheapest));
  return options;
}

/** The cheapest option no requirement rules out, at the workload's volume (the configured one on a tie). */
export function cheapestAllowedOption(options: readonly WorkloadOption[]): WorkloadOption | undefined {
  let best: WorkloadOption | undefined;
  for (const o of options) {
    if (o.ruledOutBy || o.monthlyUsd === null) continue;
    if (!best || o.monthlyUsd < best.monthlyUsd! - 0.005) best = o;
  }
  return best;
}
