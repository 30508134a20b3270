/**
 * What a change to the config costs: the monthly cost of each workload before and after,
 * and why it moved (model, volume, deployment, price), for a pull request's review.
 * Workloads are matched by name; a name that appears on one side only is added or removed.
 */
import type { Analysis, WorkloadResult } from './types';
import { formatTokensM, formatUsd } from '../pricing/cost';

export type DiffReason = 'added' | 'removed' | 'model' | 'volume' | 'deployment' | 'setup' | 'price' | 'unpriced';

export interface WorkloadDiff {
  name: string;
  /** null where the workload is missing on that side, or has no price there. */
  beforeMonthlyUsd: number | null;
  afterMonthlyUsd: number | null;
  /** null when either side has no figure. */
  deltaMonthlyUsd: number | null;
  reasons: DiffReason[];
  /** The reasons in words: "model gpt-4o-mini → gpt-4o", "volume 100M → 200M". */
  details: string[];
}

export interface CostDiff {
  workloads: WorkloadDiff[];
  total: { beforeMonthlyUsd: number; afterMonthlyUsd: number; deltaMonthlyUsd: number };
  /** Workloads without a price on each side: they are in no total. */
  unpriced: { before: number; after: number };
  /** Whose prices both sides were priced with (one catalog prices both). */
  pricing: Analysis['pricing'];
}

export function costDiff(before: Analysis, after: Analysis): CostDiff {
  const byName = (a: Analysis) => {
    const map = new Map<string, WorkloadResult>();
    for (const w of a.workloads) if (!map.has(w.name)) map.set(w.name, w);
    return map;
  };
  const old = byName(before);
  const now = byName(after);
  const names = [...new Set([...old.keys(), ...now.keys()])];
  const workloads = names.map((name) => workloadDiff(name, old.get(name), now.get(name))).filter((d) => d.reasons.length > 0);
  return {
    workloads,
    pricing: after.pricing,
    total: {
      beforeMonthlyUsd: round(before.totalMonthlyCostUsd),
      afterMonthlyUsd: round(after.totalMonthlyCostUsd),
      deltaMonthlyUsd: round(after.totalMonthlyCostUsd - before.totalMonthlyCostUsd),
    },
    unpriced: { before: before.unpricedWorkloads.length, after: after.unpricedWorkloads.length },
  };
}

function workloadDiff(name: string, a: WorkloadResult | undefined, b: WorkloadResult | undefined): WorkloadDiff {
  const beforeMonthlyUsd = a?.monthlyCostUsd ?? null;
  const afterMonthlyUsd = b?.monthlyCostUsd ?? null;
  const reasons: DiffReason[] = [];
  const details: string[] = [];
  if (!a) {
    reasons.push('added');
    details.push(`added: ${b!.model}, ${formatTokensM(b!.monthlyTokensM)} tok/mo`);
  } else if (!b) {
    reasons.push('removed');
    details.push(`removed: ${a.model}, ${formatTokensM(a.monthlyTokensM)} tok/mo`);
  } else {
    if (a.model !== b.model) {
      reasons.push('model');
      details.push(`model ${a.model} → ${b.model}`);
    }
    if (a.monthlyTokensM !== b.monthlyTokensM) {
      reasons.push('volume');
      details.push(`volume ${formatTokensM(a.monthlyTokensM)} → ${formatTokensM(b.monthlyTokensM)} tok/mo`);
    }
    if (a.deployment !== b.deployment) {
      reasons.push('deployment');
      details.push(`deployment ${a.deployment} → ${b.deployment}`);
    } else if (a.selfHost && b.selfHost && a.selfHost.label !== b.selfHost.label) {
      reasons.push('setup');
      details.push(`setup ${a.selfHost.label} → ${b.selfHost.label}`);
    }
    if ((beforeMonthlyUsd === null) !== (afterMonthlyUsd === null)) {
      reasons.push('unpriced');
      details.push(beforeMonthlyUsd === null ? 'now priced' : 'no price any more');
    } else if (!reasons.length && beforeMonthlyUsd !== afterMonthlyUsd) {
      // Same model, volume and setup: what changed is the price (or an assumption).
      reasons.push('price');
      details.push(`price ${formatUsd(a.costPerMillionUsd ?? 0)}/M → ${formatUsd(b.costPerMillionUsd ?? 0)}/M`);
    }
  }
  return {
    name,
    beforeMonthlyUsd: beforeMonthlyUsd === null ? null : round(beforeMonthlyUsd),
    afterMonthlyUsd: afterMonthlyUsd === null ? null : round(afterMonthlyUsd),
    deltaMonthlyUsd: delta(a, b, beforeMonthlyUsd, afterMonthlyUsd),
    reasons,
    details,
  };
}

/** After minus before; an added or removed workload counts its whole cost, an unpriced side has no figure. */
function delta(a: WorkloadResult | undefined, b: WorkloadResult | undefined, before: number | null, after: number | null): number | null {
  if (a && b) return before === null || after === null ? null : round(after - before);
  const present = a ? before : after;
  return present === null ? null : round(a ? -present : present);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
