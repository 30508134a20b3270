/**
 * A self-hosted workload's month when the file states its day of traffic (selfHosted.traffic):
 * replicas sized hour by hour (sizing/dayProfile.ts) and every GPU-hour run, busy or idle,
 * priced at the setup's own GPU-hour (pricing/gpuHour.ts, the one precedence), so that the
 * lens, the hover, the panel and the CLI all carry this one figure.
 *
 * The rates are tokens a second: the month's volume over its hours, and a replica's capacity
 * (its throughput at the assumptions' utilization). Only their ratio sizes a replica, so the
 * request rate the sizing speaks of is the same ratio in other units.
 *
 * A `replicas` the file writes wins: it is a fleet the project runs around the clock, not one
 * an autoscaler moves, so it is priced as written; the traffic then only says how much of it
 * idles, and whether its busiest hour fits. Repricing a fleet the user states they run would
 * put a figure on a deployment nobody has.
 */
import type { DayTraffic, Finding, SelfHostResult } from './types';
import type { AnalysisContext, Path, Raw } from './context';
import type { NodeId } from '../config/document';
import { setupNumber } from '../sizing/selfHostSetup';
import { trafficSchema, type TrafficConfig } from '../config/schema';
import { type Explanation, type ExplanationStep, step, usd } from '../present/explanation';
import { DayProfileError, sizeDay, type DayProfile } from '../sizing/dayProfile';
import { dayProfileCost, fixedFleetCost } from '../pricing/dayProfileCost';
import { formatNumber, type Band } from '../pricing/cost';
import { daySteps, hourRuns } from '../present/dayTraffic';

const trafficStep = step('traffic');
const monthlyStep = step('monthly-cost');
const replicasStep = step('replicas');

/** The traffic as the file states it, when the schema accepts all of it; else undefined, and its findings say why. */
export function readTraffic(value: unknown): TrafficConfig | undefined {
  if (value === undefined) return undefined;
  // Only workloads that state a traffic pay for a parse: most files have none.
  const parsed = trafficSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The month under the setup's day of traffic, where it states a valid one (an invalid one is
 * the schema's finding, and the month is priced as without it). Replicas the file sets win
 * (see above), and the traffic's key says so.
 */
export function dayOfTraffic(ctx: AnalysisContext, index: number, cfg: Raw, { path: setupPath, node: setupNode }: { path: Path; node: NodeId }, setup: SelfHostResult, volumeM: number): TrafficMonth | undefined {
  const traffic = readTraffic(cfg.traffic);
  if (!traffic) return undefined;
  const tree = ctx.doc.tree;
  const given = setupNumber(cfg, 'replicas');
  let day: TrafficMonth;
  try {
    day = trafficMonth(setup, volumeM, ctx.assumptions.hoursPerMonth, traffic, given);
  } catch (e) {
    // The schema holds the traffic to the sizing's rules; a setup it still cannot size is priced as without it.
    if (e instanceof DayProfileError) return undefined;
    throw e;
  }
  if (given !== undefined) {
    const trafficNode = tree.child(setupNode, 'traffic');
    ctx.out.findings.push({ ...fixedReplicasFinding(tree.keyRange(trafficNode) ?? tree.range(trafficNode), given), workload: index });
    // Below the month's average the setup's own over-capacity finding has said it already.
    if (day.busiestNeeds !== undefined && given >= setup.replicasNeeded) {
      const replicasNode = tree.child(setupNode, 'replicas');
      ctx.out.findings.push({
        severity: 'warning',
        code: 'over-capacity',
        message: `The busiest hour of the traffic needs ${day.busiestNeeds} replicas; the ${given} set serve ${formatNumber(Math.round((given / day.busiestNeeds) * 100))}% of it.`,
        ...tree.range(replicasNode),
        workload: index,
        fixes: [{ title: `Set replicas to ${day.busiestNeeds}`, edits: [{ path: [...setupPath, 'replicas'], value: day.busiestNeeds }], preferred: true }],
      });
    }
  }
  return day;
}

export interface TrafficMonth {
  monthlyUsd: number;
  idleUsd: number;
  /** The month's P10–P90, where the serving model estimated the setup and replicas are sized by the day. */
  bandUsd?: Band;
  day: DayTraffic;
  explanation: Explanation;
  /** The busiest hour needs more replicas than the file sets (replicas wins): how many it needs. */
  busiestNeeds?: number;
}

/**
 * The month of a sized setup under its day of traffic. With replicas written, the fleet is
 * priced as written (replicas × fixed) and only its idle share comes from the traffic.
 */
function trafficMonth(setup: SelfHostResult, volumeM: number, hoursPerMonth: number, traffic: TrafficConfig, givenReplicas: number | undefined): TrafficMonth {
  // Whole instances of an offer are paid for, as the fixed cost per replica pays them.
  const gpusPerReplica = setup.offer?.gpusRented ?? setup.gpus;
  const seconds = hoursPerMonth * 3600;
  const averageTps = (volumeM * 1e6) / seconds;
  const replicaTps = (setup.capacityTokensM * 1e6) / seconds;
  // The day for a replica of this capacity: the estimate's, and each end of its band.
  const dayAt = (capacityM: number) => sizeDay({ averageRps: averageTps, replicaRps: (capacityM * 1e6) / seconds, gpusPerReplica, hoursPerMonth, ...traffic });
  const day = dayAt(setup.capacityTokensM);
  const hourly = setup.gpuHourlyUsd;
  const rates = trafficStep`traffic: ${averageTps} tok/s on average over the month, ${hourRuns(day.hourlyRps.map((r) => formatNumber(r)))} tok/s by hour; a replica serves ${replicaTps} tok/s (its capacity at the utilization) on ${gpusPerReplica} GPU${gpusPerReplica === 1 ? '' : 's'}`;
  if (givenReplicas !== undefined) return fixedFleet(setup, day, givenReplicas, { gpusPerReplica, replicaTps, hoursPerMonth }, rates);
  const cost = dayProfileCost(day, hourly);
  const band = dayBand(setup, dayAt);
  return {
    monthlyUsd: cost.monthlyUsd,
    idleUsd: cost.idleUsd,
    day: dayData(day, cost.flatMonthlyUsd, undefined),
    explanation: [
      rates,
      ...daySteps(day, cost, hourly, traffic),
      ...(band ? [monthlyStep`P10–P90 of the throughput, ${setup.band!.throughputTps.low}–${setup.band!.throughputTps.high} tok/s: the same day sized for it costs ${usd(band.low)}–${usd(band.high)}/mo`] : []),
    ],
    ...(band ? { bandUsd: band } : {}),
  };
}

/**
 * The month of the same day at each end of the throughput's P10–P90 (the setup's band): a
 * replica that serves more needs fewer replicas in the busy hours. Undefined where the setup
 * has no band, or both ends cost the same.
 */
function dayBand(setup: SelfHostResult, dayAt: (capacityM: number) => DayProfile): Band | undefined {
  const capacity = setup.band?.capacityTokensM;
  if (!capacity) return undefined;
  const at = (capacityM: number) => dayProfileCost(dayAt(capacityM), setup.gpuHourlyUsd).monthlyUsd;
  const band = { low: at(capacity.high), high: at(capacity.low) };
  return band.low < band.high ? band : undefined;
}

/** Replicas the file sets: run every hour, priced as written; the traffic says what of them idles. */
function fixedFleet(
  setup: SelfHostResult,
  day: DayProfile,
  replicas: number,
  { gpusPerReplica, replicaTps, hoursPerMonth }: { gpusPerReplica: number; replicaTps: number; hoursPerMonth: number },
  rates: ExplanationStep,
): TrafficMonth {
  const days = hoursPerMonth / 24;
  const gpuHours = replicas * gpusPerReplica * hoursPerMonth;
  // An hour beyond the fleet serves only what the fleet can: busy is capped at it.
  const busy = day.hourlyRps.reduce((a, rps) => a + Math.min(rps / replicaTps, replicas), 0) * gpusPerReplica * days;
  const idle = Math.max(0, gpuHours - busy);
  const { monthlyUsd, idleUsd } = fixedFleetCost(replicas, setup.fixedMonthlyUsd, idle, setup.gpuHourlyUsd);
  const busiest = Math.max(...day.hourlyReplicas);
  return {
    monthlyUsd,
    idleUsd,
    day: { ...dayData(day, dayProfileCost(day, setup.gpuHourlyUsd).flatMonthlyUsd, replicas), gpuHoursPerMonth: gpuHours, busyGpuHoursPerMonth: busy, idleGpuHoursPerMonth: idle },
    explanation: [
      rates,
      replicasStep`replicas = ${replicas} (config), run every hour: the traffic does not size a fleet the file sets; by hour it would need ${hourRuns(day.hourlyReplicas.map(String))}`,
      trafficStep`GPU-hours a month = ${replicas} × ${gpusPerReplica} × ${hoursPerMonth} = ${gpuHours}: ${busy} busy + ${idle} idle`,
      monthlyStep`monthly cost = replicas × fixed = ${replicas} × ${usd(setup.fixedMonthlyUsd)} = ${usd(monthlyUsd)}, of which idle ${idle} × ${usd(setup.gpuHourlyUsd)} = ${usd(idleUsd)}`,
    ],
    ...(busiest > replicas ? { busiestNeeds: busiest } : {}),
  };
}

function dayData(day: DayProfile, flatMonthlyUsd: number, fixedReplicas: number | undefined): DayTraffic {
  return {
    hourlyReplicas: day.hourlyReplicas,
    mostReplicas: fixedReplicas ?? Math.max(...day.hourlyReplicas),
    replicaStartsPerDay: day.replicaStartsPerDay,
    gpuHoursPerMonth: day.gpuHoursPerMonth,
    busyGpuHoursPerMonth: day.busyGpuHoursPerMonth,
    idleGpuHoursPerMonth: day.idleGpuHoursPerMonth,
    flatMonthlyUsd,
    replicasFixed: fixedReplicas !== undefined,
  };
}

/** The finding at `traffic` when replicas are set: said once, where the traffic is written. */
function fixedReplicasFinding(range: Pick<Finding, 'offset' | 'length'>, replicas: number): Finding {
  return {
    severity: 'information',
    code: 'traffic-with-replicas',
    message: `With replicas set, ${replicas} replica${replicas === 1 ? '' : 's'} run around the clock, priced as written: the traffic sizes nothing here, it says what of them idles. Remove replicas to size them hour by hour.`,
    ...range,
  };
}
