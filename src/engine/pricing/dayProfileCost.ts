/**
 * The month of a sized day (sizing/dayProfile.ts) in dollars, at one GPU-hour price (the
 * GPU-hour precedence's, rented or owned): what is run, what of it is idle, and what sizing for
 * the busiest hour around the clock would cost instead.
 */
import type { DayProfile } from '../sizing/dayProfile';

export interface DayProfileCost {
  monthlyUsd: number;
  /** The idle GPU-hours' share of it: replicas rounded up, the floor of one, cold starts. */
  idleUsd: number;
  /** Replicas for the busiest hour all day. */
  flatMonthlyUsd: number;
}

export function dayProfileCost(day: DayProfile, usdPerGpuHour: number): DayProfileCost {
  return {
    monthlyUsd: day.gpuHoursPerMonth * usdPerGpuHour,
    idleUsd: day.idleGpuHoursPerMonth * usdPerGpuHour,
    flatMonthlyUsd: day.flatGpuHoursPerMonth * usdPerGpuHour,
  };
}

/**
 * A fleet the file sets (selfHosted.replicas), run every hour whatever the traffic: priced as
 * written, replicas × one replica's month, as without a traffic; its idle GPU-hours (what the
 * traffic leaves unused) at the same GPU-hour price.
 */
export function fixedFleetCost(replicas: number, replicaMonthlyUsd: number, idleGpuHoursPerMonth: number, usdPerGpuHour: number): Pick<DayProfileCost, 'monthlyUsd' | 'idleUsd'> {
  return { monthlyUsd: replicas * replicaMonthlyUsd, idleUsd: idleGpuHoursPerMonth * usdPerGpuHour };
}
