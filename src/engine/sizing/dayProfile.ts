/**
 * A day of traffic: replicas sized hour by hour instead of for the month's peak all month.
 *
 * The day is 24 hourly rates. Either a diurnal profile (24 relative loads, any scale: hour h
 * carries average × profile[h] / mean(profile)), or `hoursPerDay` busy hours in one block from
 * hour 0 at average × 24 / hoursPerDay and none in the others. Each hour runs
 * ceil(rate / replicaRps) replicas, at least one unless `scaleToZero` (then an hour without
 * traffic runs none). Every replica started (from zero, or to add capacity) first loads for
 * `coldStartSeconds` on its GPUs, paid and not serving; the day repeats, so hour 23 is
 * followed by hour 0.
 *
 * Busy GPU-hours are what the requests need at the replica's rate (a fraction of a replica
 * counted as a fraction); idle GPU-hours are the rest of what is run: replicas rounded up,
 * the floor of one replica, and cold starts.
 *
 * Not modelled: bursts within an hour (an hour is sized for its mean rate; a peak-to-average
 * factor above the hour's is the caller's to apply to the profile), the time an autoscaler
 * takes to see a change, and the requests that wait through a cold start.
 */

export interface DayProfileInput {
  /** Mean request rate over the day, requests a second. */
  averageRps: number;
  /** Requests a second one replica serves within its latency targets. */
  replicaRps: number;
  gpusPerReplica: number;
  /** 24 relative loads, hour 0 to 23; exclusive with hoursPerDay. */
  profile?: readonly number[];
  /** Busy hours a day (1-24), the traffic spread evenly over them; exclusive with profile. */
  hoursPerDay?: number;
  /** Whether an hour without traffic runs no replica (default false: one stays up). */
  scaleToZero?: boolean;
  /** Seconds a replica loads before it serves; required with scaleToZero, else 0 when absent. */
  coldStartSeconds?: number;
  /** Hours in a month (default 720): a month is hoursPerMonth / 24 such days. */
  hoursPerMonth?: number;
}

export interface DayProfile {
  /** Requests a second in each hour. */
  hourlyRps: number[];
  /** Replicas run in each hour. */
  hourlyReplicas: number[];
  /** Replicas started a day (each pays a cold start). */
  replicaStartsPerDay: number;
  gpuHoursPerDay: number;
  gpuHoursPerMonth: number;
  /** GPU-hours the requests need at the replica's rate. */
  busyGpuHoursPerMonth: number;
  /** gpuHoursPerMonth − busyGpuHoursPerMonth: paid, not serving. */
  idleGpuHoursPerMonth: number;
  /** GPU-hours a month of replicas sized for the day's busiest hour around the clock: what the profile saves against. */
  flatGpuHoursPerMonth: number;
}

export class DayProfileError extends Error {}

/** The day's replicas and GPU-hours; throws DayProfileError on an input that cannot be sized. */
export function sizeDay(input: DayProfileInput): DayProfile {
  const { averageRps, replicaRps, gpusPerReplica } = input;
  const scaleToZero = input.scaleToZero ?? false;
  const hoursPerMonth = input.hoursPerMonth ?? 720;
  if (!(averageRps >= 0) || !(replicaRps > 0) || !Number.isInteger(gpusPerReplica) || gpusPerReplica < 1) throw new DayProfileError('averageRps ≥ 0, replicaRps > 0 and a whole gpusPerReplica ≥ 1 are needed');
  if (scaleToZero && input.coldStartSeconds === undefined) throw new DayProfileError('scaleToZero needs coldStartSeconds: a replica started from zero loads before it serves');
  const coldStartHours = (input.coldStartSeconds ?? 0) / 3600;
  if (!(coldStartHours >= 0)) throw new DayProfileError('coldStartSeconds must be 0 or more');
  const hourlyRps = dayRates(averageRps, input.profile, input.hoursPerDay);
  const hourlyReplicas = hourlyRps.map((rps) => (rps === 0 && scaleToZero ? 0 : Math.max(1, Math.ceil(rps / replicaRps))));
  // Replicas added from each hour to the next, around the day.
  let replicaStartsPerDay = 0;
  hourlyReplicas.forEach((n, h) => (replicaStartsPerDay += Math.max(0, n - hourlyReplicas[(h + 23) % 24]!)));
  const replicaHours = hourlyReplicas.reduce((a, b) => a + b, 0) + replicaStartsPerDay * coldStartHours;
  const gpuHoursPerDay = replicaHours * gpusPerReplica;
  const days = hoursPerMonth / 24;
  const busyPerDay = hourlyRps.reduce((a, rps) => a + rps / replicaRps, 0) * gpusPerReplica;
  const flatPerDay = Math.max(...hourlyReplicas, scaleToZero ? 0 : 1) * 24 * gpusPerReplica;
  return {
    hourlyRps,
    hourlyReplicas,
    replicaStartsPerDay,
    gpuHoursPerDay,
    gpuHoursPerMonth: gpuHoursPerDay * days,
    busyGpuHoursPerMonth: busyPerDay * days,
    idleGpuHoursPerMonth: (gpuHoursPerDay - busyPerDay) * days,
    flatGpuHoursPerMonth: flatPerDay * days,
  };
}

/** The 24 hourly rates of the day. */
function dayRates(averageRps: number, profile: readonly number[] | undefined, hoursPerDay: number | undefined): number[] {
  if (profile !== undefined && hoursPerDay !== undefined) throw new DayProfileError('give a profile or hoursPerDay, not both');
  if (profile !== undefined) {
    if (profile.length !== 24 || profile.some((x) => !(x >= 0) || !Number.isFinite(x))) throw new DayProfileError('a profile is 24 loads of 0 or more, hour 0 to 23');
    const mean = profile.reduce((a, b) => a + b, 0) / 24;
    if (mean === 0) throw new DayProfileError('a profile with no load in any hour carries no traffic');
    return profile.map((x) => (averageRps * x) / mean);
  }
  const busy = hoursPerDay ?? 24;
  if (!Number.isInteger(busy) || busy < 1 || busy > 24) throw new DayProfileError('hoursPerDay is a whole number of hours from 1 to 24');
  return Array.from({ length: 24 }, (_, h) => (h < busy ? (averageRps * 24) / busy : 0));
}
