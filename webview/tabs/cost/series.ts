/**
 * The Cost tab's chart as data: the range of volumes it spans, each option's cost as a line
 * (an API) or a step function (self-hosted replicas), and the volumes its data table lists.
 * Every cost is the engine's cost formula.
 */
import { apiMonthlyCost, formatUsd, replicasNeeded, selfHostMonthlyCost } from '../../../src/engine';
import type { DeploymentKind } from '../../viewModel';

export interface ChartPoint {
  x: number;
  y: number;
}

export interface CostSeries {
  key: string;
  label: string;
  kind: DeploymentKind;
  current: boolean;
  points: ChartPoint[];
  /** Cost at any volume, for the data table. */
  costAt: (volumeM: number) => number;
}

type Range = { min: number; max: number };

/** "Llama 3.1 70B · 1× A100 80GB · INT4 · 25 tok/s" → "Llama 3.1 70B · 1× A100 80GB · 25 tok/s"; "GPT-4o (API)" → "GPT-4o". */
export function shortLabel(label: string): string {
  const parts = label.replace(/ \(API\)$/, '').split(' · ');
  return parts.length >= 4 ? [parts[0], parts[1], parts[3]].join(' · ') : parts.join(' · ');
}

/** Whole decades around the anchors: at least two below the smallest and two above the largest. */
export function chartRange(anchors: number[]): { min: number; max: number } {
  const finite = anchors.filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.min(...(finite.length ? finite : [1]));
  const hi = Math.max(...(finite.length ? finite : [1]));
  const min = Math.max(1e-2, 10 ** (Math.floor(Math.log10(lo)) - 2));
  const max = Math.min(1e7, 10 ** (Math.ceil(Math.log10(hi * 1.0001)) + 1));
  return { min, max: Math.max(max, min * 100) };
}

function logSamples(min: number, max: number, n: number): number[] {
  const a = Math.log10(min);
  const b = Math.log10(max);
  return Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / (n - 1)));
}

/** An API's cost: a straight line of volume × price. */
export function apiSeries(row: { key: string; label: string; current: boolean }, price: number, range: Range): CostSeries {
  const costAt = (v: number) => apiMonthlyCost(v, price).value;
  return {
    key: row.key,
    label: `${shortLabel(row.label)} API (${formatUsd(price)}/M)`,
    kind: 'api',
    current: row.current,
    points: logSamples(range.min, range.max, 25).map((x) => ({ x, y: costAt(x) })),
    costAt,
  };
}

/** Largest number of steps drawn one by one; beyond it the steps are finer than a pixel. */
const MAX_STEPS = 400;

/** The self-host cost as the step function it is: each corner of each step. */
export function stepPoints(fixed: number, capacity: number, range: { min: number; max: number }): ChartPoint[] {
  const costAt = (v: number) => selfHostMonthlyCost(v, fixed, capacity).value;
  const first = Math.max(1, replicasNeeded(range.min, capacity));
  const last = replicasNeeded(range.max, capacity);
  if (last - first > MAX_STEPS) return logSamples(range.min, range.max, MAX_STEPS).map((x) => ({ x, y: costAt(x) }));
  const points: ChartPoint[] = [{ x: range.min, y: costAt(range.min) }];
  for (let k = first; k < last; k++) {
    const edge = k * capacity;
    if (edge <= range.min) continue;
    points.push({ x: edge, y: k * fixed }, { x: edge, y: (k + 1) * fixed });
  }
  points.push({ x: range.max, y: costAt(range.max) });
  return points;
}

/** A self-hosted option's cost: whole replicas, each paid in full. */
export function stepSeries(s: { key: string; label: string; current: boolean; fixedMonthlyUsd: number; capacityTokensM: number }, range: Range): CostSeries {
  return {
    key: s.key,
    label: `${shortLabel(s.label)} (self-hosted)`,
    kind: 'self-hosted',
    current: s.current,
    points: stepPoints(s.fixedMonthlyUsd, s.capacityTokensM, range),
    costAt: (v) => selfHostMonthlyCost(v, s.fixedMonthlyUsd, s.capacityTokensM).value,
  };
}

/** The volumes the chart's data table lists: each decade, the workload's volume and every real crossover. */
export function tableVolumes(range: Range, volumeM: number, crossovers: readonly { makesSense: boolean; crossoverTokensM: number }[]): number[] {
  const set = new Set<number>();
  for (let e = Math.round(Math.log10(range.min)); 10 ** e <= range.max * 1.0001; e++) set.add(Number((10 ** e).toPrecision(6)));
  if (volumeM > 0) set.add(volumeM);
  for (const c of crossovers) if (c.makesSense) set.add(Number(c.crossoverTokensM.toPrecision(6)));
  return [...set].sort((a, b) => a - b);
}
