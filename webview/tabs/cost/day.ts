/**
 * The Cost tab's day of traffic: where a self-hosted workload states its traffic (a profile,
 * or hoursPerDay), the replicas the engine runs in each hour, what the idle hours cost, and the
 * API the workload is compared with at the same volume. Every figure is the engine's
 * (WorkloadResult.dayTraffic, idleMonthlyUsd) or a row's of the table; this file words them.
 */
import { formatNumber, formatUsd, replicasText, type WorkloadResult } from '../../../src/engine';
import type { CostRow } from './rows';

export interface DayView {
  /** Replicas running in each hour, 0 to 23. */
  hourlyReplicas: number[];
  mostReplicas: number;
  /** The busiest hours (those that run mostReplicas), for the chart's label. */
  busiestHours: number[];
  /** The sentences beside the chart, in order. */
  lines: string[];
  /** One sentence for a screen reader: what the chart draws. */
  summary: string;
}

/** "02:00" */
export const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * The day of the workload the table's first row is, or null where the setup states no traffic.
 * `apis` are the table's API rows the workload is compared with: the cheapest that has a cost is
 * said beside the idle cost.
 */
export function dayView(w: WorkloadResult, apis: readonly CostRow[]): DayView | null {
  const day = w.dayTraffic;
  if (!day || w.monthlyCostUsd === null || w.idleMonthlyUsd === undefined) return null;
  const { hourlyReplicas, mostReplicas } = day;
  const busiestHours = hourlyReplicas.flatMap((n, hour) => (n === mostReplicas ? [hour] : []));
  const lines = [
    `${formatUsd(w.monthlyCostUsd)}/month by the day of traffic: ${formatNumber(day.busyGpuHoursPerMonth)} busy and ${formatNumber(day.idleGpuHoursPerMonth)} idle GPU-hours a month, ${formatUsd(w.idleMonthlyUsd)} of it idle.`,
    day.replicasFixed
      ? `replicas is set: the ${replicasText(mostReplicas)} run every hour, priced as written; the traffic gives the idle share only.`
      : `The busiest hour’s ${replicasText(mostReplicas)} around the clock would cost ${formatUsd(day.flatMonthlyUsd)}/month; ${formatNumber(day.replicaStartsPerDay)} replica start(s) a day.`,
  ];
  const api = apis.filter((r) => r.kind === 'api' && r.monthlyCostUsd !== null).sort((a, b) => a.monthlyCostUsd! - b.monthlyCostUsd!)[0];
  if (api) lines.push(`${api.label} at the same volume: ${formatUsd(api.monthlyCostUsd!)}/month, with no idle hours to pay.`);
  const quiet = Math.min(...hourlyReplicas);
  return {
    hourlyReplicas,
    mostReplicas,
    busiestHours,
    lines,
    summary: `Replicas by hour of the day: ${replicasText(quiet)} at the quietest hour, ${replicasText(mostReplicas)} from ${hourText(busiestHours[0]!)}.`,
  };
}

/** Whole-replica ticks, at most five of them besides 0. */
export function replicaTicks(most: number): number[] {
  const step = Math.max(1, Math.ceil(most / 5));
  const ticks: number[] = [];
  for (let v = 0; v <= most; v += step) ticks.push(v);
  if (ticks[ticks.length - 1] !== most) ticks.push(most);
  return ticks;
}
