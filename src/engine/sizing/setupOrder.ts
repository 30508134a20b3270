/**
 * Which of two self-hosted setups is the cheaper one at a volume, with one tie-break: the CLI's
 * `cheapest` (serving/cheapest.ts) and the cheapest setup the lens, the panel and Recommend show
 * (cheapestSelfHost.ts) both order by it, so that at equal dollars they name the same setup.
 * Every criterion is a fact of the setup at that volume that both compute alike (not a latency
 * at the load, which each sizes at a different concurrency).
 */

/** A setup at a volume, as the order reads it. */
export interface RankedSetup {
  monthlyUsd: number;
  gpu: string;
  /** GPUs a replica. */
  gpus: number;
  replicas: number;
  /** The weight format's id. */
  weights: string;
  /** Requests a second one replica serves within the targets (0 for a setup that fails). */
  capacityRequestsPerSecond: number;
  /** Time per output token of one request alone. */
  timePerOutputTokenAloneMs: number;
}

/** Dollars within half a cent are equal: two sums of the same prices need not round alike. */
const CENT = 0.005;

/**
 * Negative when `a` goes first. Cheapest first; at equal dollars, fewer GPUs in all; then the
 * faster setup for a request alone (the latency a user sees at a quiet hour, the same at any
 * volume); then by GPU, GPUs a replica and format, so that a tie never falls to the order a
 * search happened to list them in.
 */
export function compareSetups(a: RankedSetup, b: RankedSetup): number {
  const dollars = a.monthlyUsd - b.monthlyUsd;
  if (Math.abs(dollars) >= CENT) return dollars;
  return a.gpus * a.replicas - b.gpus * b.replicas || a.timePerOutputTokenAloneMs - b.timePerOutputTokenAloneMs || compareKeys(a, b);
}

/**
 * Whether `d` goes before `o` at every volume, for two setups sized per replica: it costs no
 * more a replica, serves no less (so needs no more replicas), uses no more GPUs a replica and
 * is no slower alone, and is better in one of these or first by the fixed order. A search
 * keeps only the setups no other one dominates, and compareSetups then picks among them the
 * one it would pick from the full list.
 */
export function dominates(d: RankedSetup, o: RankedSetup, dPerReplicaUsd: number, oPerReplicaUsd: number): boolean {
  const atLeast = dPerReplicaUsd <= oPerReplicaUsd && d.capacityRequestsPerSecond >= o.capacityRequestsPerSecond && d.gpus <= o.gpus && d.timePerOutputTokenAloneMs <= o.timePerOutputTokenAloneMs;
  if (!atLeast) return false;
  return dPerReplicaUsd < oPerReplicaUsd || d.gpus < o.gpus || d.timePerOutputTokenAloneMs < o.timePerOutputTokenAloneMs || compareKeys(d, o) < 0;
}

/** GPU, count, then weight format: the order among setups the same in every figure. */
export function compareKeys(a: RankedSetup, b: RankedSetup): number {
  return a.gpu < b.gpu ? -1 : a.gpu > b.gpu ? 1 : a.gpus - b.gpus || (a.weights < b.weights ? -1 : a.weights > b.weights ? 1 : 0);
}
