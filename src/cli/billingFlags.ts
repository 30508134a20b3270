/**
 * The flags that say how calls are billed, read into what the engine takes: the month priced
 * (analyze, diff, recommend) and recommend's workload billing (batch or a service tier, cache
 * reads and writes). A flag the engine would refuse is a usage error here, in one line.
 */
import type { AnalyzeOptions, WorkloadBilling } from '../engine';
import { cacheWriteTtlOption, monthOption, serviceTierOption, UsageError } from './args';

/**
 * The analysis options for --month: the month given overrides the file's assumptions.month;
 * without one, the current month is a default the file overrides (as a setting would be).
 */
export function monthOptions(value: string | undefined, now?: Date): Pick<AnalyzeOptions, 'month' | 'assumptions'> {
  const { month, given } = monthOption(value, now);
  return given ? { month } : { assumptions: { month } };
}

function shareFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--${flag}: expected a number from 0 to 1`);
  return n;
}

export interface BillingFlags {
  batch?: boolean;
  'cached-input-share'?: string;
  'service-tier'?: string;
  'cache-write-share'?: string;
  'cache-write-ttl'?: string;
  month?: string;
}

/**
 * Recommend's APIs billed as a workload with these fields is ("batch", "serviceTier",
 * "cachedInputShare", "cacheWriteShare", "cacheWriteTtl"), in the month priced: the lens's
 * figure for that workload. Without a billing flag, no billing (list prices) and the month alone.
 */
export function recommendPricing(values: BillingFlags, inputShare: number, now?: Date): { billing: WorkloadBilling } | { month: string } {
  const cached = shareFlag(values['cached-input-share'], 'cached-input-share');
  const written = shareFlag(values['cache-write-share'], 'cache-write-share');
  const tier = serviceTierOption(values['service-tier']);
  const ttl = cacheWriteTtlOption(values['cache-write-ttl']);
  if (values.batch && tier !== undefined && tier !== 'standard') throw new UsageError('--service-tier: a batch call has no service tier; drop --batch or --service-tier');
  if ((cached ?? 0) + (written ?? 0) > 1) throw new UsageError('--cache-write-share: with --cached-input-share, at most 1 (both are shares of the same input tokens)');
  if (ttl !== undefined && written === undefined) throw new UsageError('--cache-write-ttl: says how long cache writes last; give --cache-write-share too');
  const { month } = monthOption(values.month, now);
  const billed = values.batch || cached !== undefined || written !== undefined || (tier !== undefined && tier !== 'standard');
  if (!billed) return { month };
  return {
    billing: {
      inputShare,
      batch: values.batch === true,
      ...(cached !== undefined ? { cachedInputShare: cached } : {}),
      ...(written !== undefined ? { cacheWriteShare: written, ...(ttl ? { cacheWriteTtl: ttl } : {}) } : {}),
      ...(tier !== undefined && tier !== 'standard' ? { serviceTier: tier } : {}),
      month,
    },
  };
}
