/**
 * The cheapest setup for a workload that states its day of traffic (selfHosted.traffic). Each
 * setup the search keeps is sized hour by hour as the workload's own setup is (dayProfile.ts:
 * each hour runs ceil(rate / a replica's rate) replicas, at least one unless scaled to zero,
 * cold starts paid), its GPU-hours, busy or idle, are priced at its own GPU-hour
 * (pricing/dayProfileCost.ts), and the one that costs least over the day wins. A small replica
 * that follows the day can beat a large one that idles at night, which sizing for the peak all
 * month cannot see.
 *
 * A replica's rate is what it serves within the latency targets at its most concurrency: each
 * hour's mean rate is sized against it, as the month's peak is without a traffic. Bursts within
 * an hour are not modelled (dayProfile.ts).
 */
import type { Catalog } from '../catalog';
import type { ModelCard } from '../catalog/types';
import type { TrafficConfig } from '../config/schema';
import { dayProfileCost } from '../pricing/dayProfileCost';
import { formatUsd } from '../pricing/cost';
import { daySteps } from '../present/dayTraffic';
import { replicasText } from '../present/offers';
import { step } from '../present/explanation';
import { weightsText } from '../present/quality';
import { cheaperOptionAt, describe, optionsFor, replicaStepOf, withCheaperOption, type Option, type SelfHostTargets } from './cheapestSelfHost';
import type { CheapestSelfHost } from './cheapestTypes';
import { DayProfileError, sizeDay, type DayProfile } from './dayProfile';
import type { RequestShape } from './requestShape';
import { compareSetups, type RankedSetup } from './setupOrder';

const setupStep = step('setup');

interface ByDay {
  day: DayProfile;
  /** The busiest hour's replicas. */
  replicas: number;
  monthlyUsd: number;
  idleUsd: number;
  flatUsd: number;
}

/** The cheapest setup for the volume under its day of traffic, or undefined when the model cannot be sized or the day cannot be read. */
export function cheapestSelfHostByDay(cat: Catalog, card: ModelCard, volumeM: number, shape: RequestShape, targets: SelfHostTargets, traffic: TrafficConfig): CheapestSelfHost | undefined {
  const found = optionsFor(cat, card, shape, targets);
  if (!found) return undefined;
  const averageTps = (volumeM * 1e6) / (targets.hoursPerMonth * 3600);
  const sized = new Map<Option, ByDay | undefined>();
  const byDay = (o: Option): ByDay | undefined => {
    if (!sized.has(o)) sized.set(o, sizeByDay(o, averageTps, targets.hoursPerMonth, traffic));
    return sized.get(o);
  };
  // The order the flat search ranks by, on the day's month: one tie-break for both.
  let best: { o: Option; rank: RankedSetup; day: ByDay } | undefined;
  for (const o of found.options) {
    const day = byDay(o);
    if (!day) return undefined;
    const rank = { ...o.c, replicas: day.replicas, monthlyUsd: day.monthlyUsd };
    if (!best || compareSetups(rank, best.rank) < 0) best = { o, rank, day };
  }
  const { o, day } = best!;
  const { c } = o;
  const flat = describe(card.id, o, day.replicas, volumeM, shape, targets, found.steps, 'cheapest self-hosted setup');
  const up = replicaRange(day);
  const cheapest: CheapestSelfHost = {
    ...flat,
    replicas: day.replicas,
    monthlyUsd: day.monthlyUsd,
    label: dayLabel(o, day),
    byDay: {
      hourlyReplicas: day.day.hourlyReplicas,
      gpuHoursPerMonth: day.day.gpuHoursPerMonth,
      idleGpuHoursPerMonth: day.day.idleGpuHoursPerMonth,
      idleMonthlyUsd: day.idleUsd,
      flatMonthlyUsd: day.flatUsd,
    },
    explanation: [
      setupStep`cheapest self-hosted setup for ${volumeM}M tokens a month in requests of ${shape.inputTokens} in / ${shape.outputTokens} out, sized hour by hour for the workload's day of traffic: ${up} of ${c.gpus}× ${c.gpuName} at ${weightsText(c.quality)}`,
      ...found.steps,
      // One replica's step, then the day's in place of the flat count's cost.
      replicaStepOf(o),
      ...daySteps(day.day, { monthlyUsd: day.monthlyUsd, idleUsd: day.idleUsd, flatMonthlyUsd: day.flatUsd }, o.hourly, traffic),
    ],
  };
  // A left-out setup is priced by the same day, and its label says its day, not the peak count's month.
  withCheaperOption(cheapest, cheaperOptionAt(found.lower, best!.rank, (l) => byDay(l) ?? { replicas: Infinity, monthlyUsd: Infinity }, (l) => dayLabel(l, byDay(l)!)));
  return cheapest;
}

/** "1–3 replicas" (the fewest and the most an hour runs), or "2 replicas" where every hour runs as many. */
function replicaRange({ day, replicas }: ByDay): string {
  const fewest = Math.min(...day.hourlyReplicas);
  return fewest === replicas ? replicasText(replicas) : `${fewest}–${replicas} replicas`;
}

/** "1× l4 · bf16 · 1–3 replicas · $1,200/mo" */
function dayLabel({ c }: Option, day: ByDay): string {
  return `${c.gpus}× ${c.gpu} · ${c.weights} · ${replicaRange(day)} · ${formatUsd(day.monthlyUsd)}/mo`;
}

function sizeByDay(o: Option, averageTps: number, hoursPerMonth: number, traffic: TrafficConfig): ByDay | undefined {
  let day: DayProfile;
  try {
    day = sizeDay({ averageRps: averageTps, replicaRps: o.throughputTps, gpusPerReplica: o.c.gpus, hoursPerMonth, ...traffic });
  } catch (e) {
    // The schema holds the traffic to the sizing's rules; one it still cannot size is priced as without it, as the workload's own setup is.
    if (e instanceof DayProfileError) return undefined;
    throw e;
  }
  const cost = dayProfileCost(day, o.hourly);
  return { day, replicas: Math.max(...day.hourlyReplicas), monthlyUsd: cost.monthlyUsd, idleUsd: cost.idleUsd, flatUsd: cost.flatMonthlyUsd };
}
