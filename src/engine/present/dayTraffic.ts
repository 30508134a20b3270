/**
 * The words of a day of traffic (sizing/dayProfile.ts): the replicas by hour, the GPU-hours
 * run, busy or idle, and their month at one GPU-hour price. One wording for the workload's own
 * setup and for the cheapest setup sized by the same day.
 */
import type { DayProfileCost } from '../pricing/dayProfileCost';
import { formatNumber } from '../pricing/cost';
import type { DayProfile } from '../sizing/dayProfile';
import { step, usd, type TextStep } from './explanation';

const trafficStep = step('traffic');
const monthlyStep = step('monthly-cost');
const replicasStep = step('replicas');

export interface DayWords {
  scaleToZero?: boolean;
  coldStartSeconds?: number;
}

/** Replicas by hour, GPU-hours busy and idle, the month at `hourly`, and what the busiest hour all day would cost. */
export function daySteps(day: DayProfile, cost: DayProfileCost, hourly: number, traffic: DayWords): TextStep[] {
  const cold = traffic.coldStartSeconds ?? 0;
  return [
    replicasStep`replicas by hour: ${hourRuns(day.hourlyReplicas.map(String))}${traffic.scaleToZero ? ' (scaled to zero without traffic)' : ' (at least one, always up)'}; ${day.replicaStartsPerDay} started a day${cold > 0 ? `, each ${formatNumber(cold)} s loading before it serves` : ''}`,
    trafficStep`GPU-hours a month = ${day.gpuHoursPerMonth}: ${day.busyGpuHoursPerMonth} busy (what the requests need) + ${day.idleGpuHoursPerMonth} idle (${idleParts(traffic.scaleToZero === true, cold > 0)})`,
    monthlyStep`monthly cost = GPU-hours × GPU-hour price = ${day.gpuHoursPerMonth} × ${usd(hourly)} = ${usd(cost.monthlyUsd)}, of which idle ${day.idleGpuHoursPerMonth} × ${usd(hourly)} = ${usd(cost.idleUsd)}`,
    trafficStep`sized for the busiest hour around the clock it would be ${day.flatGpuHoursPerMonth} GPU-hours, ${usd(cost.flatMonthlyUsd)}`,
  ];
}

/** What the idle GPU-hours are paid for, of what this day has. */
function idleParts(scaleToZero: boolean, coldStarts: boolean): string {
  return ['replicas rounded up', ...(scaleToZero ? [] : ['the one kept up']), ...(coldStarts ? ['cold starts'] : [])].join(', ');
}

/** Hourly values as runs of equal ones: "0–7: 1, 8–23: 2". */
export function hourRuns(values: readonly string[]): string {
  const runs: string[] = [];
  for (let start = 0; start < values.length; ) {
    let end = start;
    while (end + 1 < values.length && values[end + 1] === values[start]) end++;
    runs.push(`${start === end ? start : `${start}–${end}`}: ${values[start]}`);
    start = end + 1;
  }
  return runs.length === 1 ? `${values[0]} every hour` : runs.join(', ');
}
