/**
 * The cheapest setup's shape, as plain data: the search (cheapestSelfHost.ts) and its sizing
 * by a day of traffic (cheapestByDay.ts) both return it.
 */
import type { GpuHourSource } from '../pricing/gpuHour';
import type { RentedOffer } from '../pricing/offers';
import type { Explanation } from '../present/explanation';
import type { SetupQuality } from '../present/quality';
import type { RequestShape } from './requestShape';

/** A setup in a lossy or unmeasured format that costs less than the pick: said apart, never picked. */
export interface CheaperOption {
  gpu: string;
  gpus: number;
  weights: string;
  replicas: number;
  monthlyUsd: number;
  label: string;
  quality: SetupQuality;
}

/** The cheapest setup at a volume, as plain data. */
export interface CheapestSelfHost {
  model: string;
  gpu: string;
  gpuName: string;
  gpus: number;
  weights: string;
  replicas: number;
  monthlyUsd: number;
  /** One replica's GPUs for the month. */
  perReplicaMonthlyUsd: number;
  hourlyUsdPerGpu: number;
  /** Which rule priced the GPU-hour: the file's price for this GPU, for any GPU, the offer rented, or (without offers) the catalog's median quote. */
  hourlySource: GpuHourSource;
  /** The offer each replica rents, where an offer priced the GPU-hour: gpus is whole instances of it. */
  offer?: RentedOffer;
  /** Tokens a month one replica serves at the average load its peak sizing allows, in millions. */
  capacityTokensM: number;
  capacityBandM?: { low: number; high: number }; // its P10–P90, where the calibration has the setup's slice
  /** Tokens a second (input and output) one replica serves at its most concurrency within the targets. */
  throughputTps: number;
  concurrency: number;
  timeToFirstTokenMs: number;
  timePerOutputTokenMs: number;
  bound: string;
  shape: RequestShape;
  /** "2× H100 SXM · fp8 · 3 replicas · $12,960/mo" */
  label: string;
  /** The quality of its weight format, and its words. */
  quality: SetupQuality;
  /** Under near-lossless, a cheaper setup in a lossy or unmeasured format, when there is one. */
  cheaperOption?: CheaperOption;
  /** How it was found and sized, as steps. */
  explanation: Explanation;
  /** Sized hour by hour for the workload's day of traffic, when it states one: replicas is then the busiest hour's. */
  byDay?: CheapestByDay;
}

/** The cheapest setup's day: replicas by hour and the GPU-hours run, as the workload's own setup is sized under its traffic. */
export interface CheapestByDay {
  hourlyReplicas: number[];
  gpuHoursPerMonth: number;
  idleGpuHoursPerMonth: number;
  idleMonthlyUsd: number;
  /** The same setup sized for the peak all month, as without the traffic. */
  flatMonthlyUsd: number;
}
