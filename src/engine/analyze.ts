import { parseTree, findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { apiMonthlyCost, formatUsd } from './cost';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  offset: number;
  length: number;
}

export interface Lens {
  offset: number;
  length: number;
  title: string;
}

export interface Analysis {
  findings: Finding[];
  lenses: Lens[];
}

/** Provisional slice: API cost of each workload from its blended price. */
export function analyze(text: string): Analysis {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const lenses: Lens[] = [];
  const workloads = root && findNodeAtLocation(root, ['workloads']);
  for (const node of workloads?.children ?? []) {
    const w = getNodeValue(node) as { monthlyTokens?: number; blendedPricePerMillion?: number };
    if (typeof w?.monthlyTokens === 'number' && typeof w.blendedPricePerMillion === 'number') {
      const cost = apiMonthlyCost(w.monthlyTokens / 1e6, w.blendedPricePerMillion);
      lenses.push({ offset: node.offset, length: node.length, title: `${formatUsd(cost.value)}/mo` });
    }
  }
  return { findings: [], lenses };
}

export type { Node };
