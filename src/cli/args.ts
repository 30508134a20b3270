/**
 * What every command shares: its command line read by node's parseArgs, its usage errors
 * (exit 2, one line), and the one line a warning takes on stderr.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CACHE_WRITE_TTLS, type CacheWriteTtl, MONTH_PATTERN, monthOf, PRICINGS, type Pricing, QUALITY_LEVELS, type QualityLevel, SERVICE_TIERS, type ServiceTier } from '../engine';
import { printable } from './printable';

/** A command line the CLI cannot run: said in one line, exit 2. */
export class UsageError extends Error {}

/**
 * node's parseArgs, with its errors as one-line usage errors. `--volume -5M` is read as
 * `--volume=-5M`, as getopt reads it: parseArgs would take a value that starts with a dash
 * for an option and explain so in three lines. A value that starts with two dashes is an
 * option, so the value was forgotten.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T & { args: string[] }) {
  const args: string[] = [];
  for (let i = 0; i < config.args.length; i++) {
    const arg = config.args[i]!;
    const next = config.args[i + 1];
    if (arg === '--') {
      args.push(...config.args.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (config.options && Object.hasOwn(config.options, name) && config.options[name]!.type === 'string' && next?.startsWith('-')) {
      if (next.startsWith('--')) throw new UsageError(`${arg} needs a value, not the option ${next}`);
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  try {
    return parseArgs({ ...config, args });
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message.split('\n')[0]!);
    throw error;
  }
}

/**
 * `--expert-parallel` takes an optional count: alone (or before another option) it means every
 * GPU of the replica, written `all` for the parser, which has no optional values.
 */
export function expertParallelArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    out.push(arg);
    const next = args[i + 1];
    if (arg === '--expert-parallel' && (next === undefined || next.startsWith('-'))) out.push('all');
  }
  return out;
}

/** One line on stderr; messages quote arguments and file content, escaped like the reports. */
export function warn(message: string): void {
  process.stderr.write(`llm-cost-lens: ${printable(message)}\n`);
}

export function list(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** --pricing: the mode a GPU offer is rented in, for the commands that price a self-hosted setup. */
export const PRICING_OPTION = { pricing: { type: 'string' } } as const;

/** --offers: GPU offers to merge with the bundled ones (a URL only with --allow-network), for the commands that rent a GPU. */
export const OFFERS_OPTION = { offers: { type: 'string' }, 'allow-network': { type: 'boolean' } } as const;

/** --quality: which weight formats the search may pick, for the commands that search setups. */
export const QUALITY_OPTION = { quality: { type: 'string' } } as const;

/** The level --quality names, or undefined when absent (the file's selfHosted.quality, else near-lossless, apply). */
export function qualityOption(value: string | undefined): QualityLevel | undefined {
  if (value === undefined) return undefined;
  const level = QUALITY_LEVELS.find((q) => q === value);
  if (!level) throw new UsageError(`--quality: "${value}" is not one of ${QUALITY_LEVELS.join(', ')}`);
  return level;
}

/** The mode --pricing names, or undefined when absent (the file's assumptions.pricing, else on demand, apply). */
export function pricingOption(value: string | undefined): Pricing | undefined {
  if (value === undefined) return undefined;
  const mode = PRICINGS.find((p) => p === value);
  if (!mode) throw new UsageError(`--pricing: "${value}" is not one of ${PRICINGS.join(', ')}`);
  return mode;
}

/** --month: the month the commands that cost price dated prices for. */
export const MONTH_OPTION = { month: { type: 'string' } } as const;

/**
 * The month --month names, or the current UTC month: the engine reads no clock, so the
 * command line passes today's month (`now` is for tests, which pass a month of their own).
 */
export function monthOption(value: string | undefined, now: Date = new Date()): { month: string; given: boolean } {
  if (value === undefined) return { month: monthOf(now), given: false };
  if (!MONTH_PATTERN.test(value)) throw new UsageError(`--month: "${value}" is not a month as YYYY-MM, such as 2027-01`);
  return { month: value, given: true };
}

/** The tier --service-tier names, or undefined when absent (standard). */
export function serviceTierOption(value: string | undefined): ServiceTier | undefined {
  if (value === undefined) return undefined;
  const tier = SERVICE_TIERS.find((t) => t === value);
  if (!tier) throw new UsageError(`--service-tier: "${value}" is not one of ${SERVICE_TIERS.join(', ')}`);
  return tier;
}

/** The time to live --cache-write-ttl names, or undefined when absent (5 minutes). */
export function cacheWriteTtlOption(value: string | undefined): CacheWriteTtl | undefined {
  if (value === undefined) return undefined;
  const ttl = CACHE_WRITE_TTLS.find((t) => t === value);
  if (!ttl) throw new UsageError(`--cache-write-ttl: "${value}" is not one of ${CACHE_WRITE_TTLS.join(', ')}`);
  return ttl;
}
