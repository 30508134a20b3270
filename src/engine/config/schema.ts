/**
 * The `llm.config.json` schema: the single source of truth. The JSON Schema that VS Code's
 * JSON support uses for completion and hover docs is generated from it at build time.
 */
// zod/mini: the same schemas and errors as classic zod at a fifth of the bundle size,
// which keeps the extension host's bundle small.
import * as z from 'zod/mini';
import { CACHE_WRITE_TTLS, MONTH_PATTERN, SERVICE_TIERS } from '../catalog/data/billingOptions';
import { formatNumber } from '../pricing/cost';
import { FRAMEWORKS } from '../sizing/serving/frameworks';

// zod/mini ships no messages of its own; these few cover what the schema can report, in the
// words of the findings, without bundling a whole locale.
z.config({
  localeError: (issue) => {
    const bound = (n: unknown) => (typeof n === 'bigint' || typeof n === 'number' ? formatNumber(Number(n)) : '?');
    switch (issue.code) {
      case 'invalid_type':
        return `expected ${issue.expected}`;
      case 'too_small':
        return `must be ${issue.inclusive ? 'at least' : 'more than'} ${bound(issue.minimum)}${issue.origin === 'string' || issue.origin === 'array' ? ' long' : ''}`;
      case 'too_big':
        return `must be ${issue.inclusive ? 'at most' : 'less than'} ${bound(issue.maximum)}${issue.origin === 'string' || issue.origin === 'array' ? ' long' : ''}`;
      case 'invalid_value':
        return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      case 'unrecognized_keys':
        return `unknown ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      default:
        return 'invalid value';
    }
  },
});

export const REQUIREMENT_IDS = [
  'data_privacy',
  'maximum_safety',
  'best_math_code',
  'chinese_language',
  'budget_under_100',
  'context_1m',
  'fine_tuning',
  'quick_prototype',
  'production_at_scale',
  'agentic_tool_use',
] as const;

/**
 * Whole token counts ("240M" style strings allowed): K = 1e3, M = 1e6, B = 1e9.
 * The blank before the suffix sits inside the optional group, so no two `\s*` meet: with
 * them adjacent, a digit, some thousand blanks and a letter backtracked quadratically, and
 * this runs in the extension host on every edit and in VS Code's JSON server (the pattern
 * is in the generated JSON Schema). A test holds every pattern to linear time.
 */
export const VOLUME_PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)(?:\s*([kKmMbB]))?\s*$/;

/** Upper bounds that keep every figure finite; far above any real deployment. */
export const LIMITS = { gpus: 4096, replicas: 1_000_000, throughputTps: 1e8, tokensPerMonth: 1e16, pricePerMillion: 1e5, gpuHourlyUsd: 1e4, concurrency: 100_000, contextTokens: 100_000_000, paramsB: 100_000, requestInputTokens: 10_000_000, requestOutputTokens: 1_000_000, peakToAverage: 1000, latencyMs: 600_000 } as const;
/**
 * Lower bounds where a vanishing value would make a figure vanish or explode: a replica at
 * 1e-300 tok/s needs more replicas than a number can count. Far below any real deployment.
 * paramsB (and activeParamsB): 0.001 B is a million parameters, the size of the smallest
 * published language models (TinyStories-1M); below it there is no model to serve, and the
 * figures derived from the size run away (at 1e-300 B the roofline gave 10^303 tok/s a replica).
 */
export const MINIMUMS = { throughputTps: 0.001, utilization: 0.001, paramsB: 0.001 } as const;

/** How a rented GPU is paid for: the offers' modes (pricing/offers.ts). */
export const PRICING_MODES = ['on-demand', 'reserved', 'spot'] as const;
/** Which weight formats a search may pick: within 1% of the published weights, or any. */
export const QUALITY_LEVELS = ['near-lossless', 'any'] as const;

/**
 * Bounds of a GPU the project owns. Wide enough for any real purchase and site (a GPU of
 * $1M, 20 years of amortization, 10 kW, $10/kWh, a PUE of 5), tight enough that no GPU-hour
 * built from them leaves the numbers a price can be.
 */
export const OWNED_GPU_LIMITS = { purchaseUsd: 1e6, amortizationYears: 20, watts: 10_000, usdPerKwh: 10, pue: 5, operationsShare: 1 } as const;

const nonNegative = () => z.number().check(z.nonnegative());
const positiveInt = () => z.int().check(z.positive());
const share = () => z.number().check(z.gte(0), z.lte(1));
const id = () => z.string().check(z.minLength(1));

// The string form first: it is how most configs write volumes, and a union pays for each
// member it tries before the one that matches.
const volume = z.union(
  [
    z.string().check(
      z.regex(VOLUME_PATTERN, { error: 'expected a token count such as "240M", "500K" or "1.5B".' }),
      z.refine((v) => volumeToMillions(v) !== undefined || !VOLUME_PATTERN.test(v), { error: 'at most 10,000,000B tokens a month.' }),
    ),
    nonNegative().check(z.lte(LIMITS.tokensPerMonth, { error: 'at most 10,000,000B tokens a month.' })),
  ],
  { error: 'expected a token count such as 240000000, "240M", "500K" or "1.5B".' },
);

const requirement = z.enum(REQUIREMENT_IDS);

/**
 * A day of traffic for a self-hosted deployment (sizing/dayProfile.ts sizes replicas hour by
 * hour from it): a profile of 24 relative loads, or hoursPerDay busy hours; scaleToZero stops
 * every replica in an hour without traffic, and then a replica started pays coldStartSeconds.
 * The rules are the sizing's own, checked here so that each is said at the field that breaks it.
 */
export const TRAFFIC_LIMITS = { profileLoad: 1e9, coldStartSeconds: 3600 } as const;
const traffic = z
  .strictObject({
    profile: z.optional(
      z.array(nonNegative().check(z.lte(TRAFFIC_LIMITS.profileLoad))).check(
        z.length(24, { error: 'expected 24 loads, hour 0 to hour 23.' }),
        z.refine((p) => p.some((x) => x > 0), { error: 'no hour has any load: a profile with none carries no traffic.' }),
      ),
    ),
    hoursPerDay: z.optional(z.int().check(z.gte(1), z.lte(24))),
    scaleToZero: z.optional(z.boolean()),
    // A replica that takes over an hour to start is not one an hour-by-hour scaler runs.
    coldStartSeconds: z.optional(nonNegative().check(z.lte(TRAFFIC_LIMITS.coldStartSeconds))),
  })
  .check(
    z.refine((t) => t.profile === undefined || t.hoursPerDay === undefined, {
      path: ['hoursPerDay'],
      error: 'give a profile or hoursPerDay, not both: each states the whole day.',
    }),
    z.refine((t) => t.scaleToZero !== true || t.coldStartSeconds !== undefined, {
      path: ['scaleToZero'],
      error: 'scaleToZero needs coldStartSeconds: a replica started from zero loads its weights before it serves, and those seconds are paid.',
    }),
  );

/** A setup as an alternative writes it; the workload's own deployment adds its traffic. */
const setup = z
  .strictObject({
    gpu: id(),
    gpus: z.optional(positiveInt().check(z.lte(LIMITS.gpus))),
    replicas: z.optional(positiveInt().check(z.lte(LIMITS.replicas))),
    quantization: z.optional(id()),
    framework: z.optional(z.enum(FRAMEWORKS)),
    // true: over all the replica's GPUs; whether a count divides them is the serving model's to say, at this field.
    expertParallel: z.optional(z.union([z.boolean(), positiveInt().check(z.lte(LIMITS.gpus))], { error: 'expected true, false or a GPU count such as 8.' })),
    dpAttention: z.optional(z.boolean()),
    throughputTps: z.optional(z.number().check(z.gte(MINIMUMS.throughputTps), z.lte(LIMITS.throughputTps))),
    gpuHourlyUsd: z.optional(nonNegative().check(z.lte(LIMITS.gpuHourlyUsd))),
    quality: z.optional(z.enum(QUALITY_LEVELS)),
  })
  ;

// Only the workload's own deployment runs a month of its traffic: an alternative is compared
// per replica, at any volume (the crossover), where a day's shape has nothing to size.
const selfHosted = z.extend(setup, { traffic: z.optional(traffic) });

const deployment = z
  .union([z.literal('api'), z.strictObject({ selfHosted })], {
    error: 'expected "api" or { "selfHosted": { "gpu": … } }.',
  })
  ;

const alternative = z
  .strictObject({
    model: id(),
    selfHosted: z.optional(setup),
    blendedPricePerMillion: z.optional(nonNegative().check(z.lte(LIMITS.pricePerMillion))),
  })
  ;

const workload = z
  .strictObject({
    name: id(),
    model: id(),
    monthlyTokens: volume,
    deployment: z.optional(deployment),
    blendedPricePerMillion: z.optional(nonNegative().check(z.lte(LIMITS.pricePerMillion))),
    inputShare: z.optional(share()),
    cachedInputShare: z.optional(share()),
    cacheWriteShare: z.optional(share()),
    cacheWriteTtl: z.optional(z.enum(CACHE_WRITE_TTLS)),
    batch: z.optional(z.boolean()),
    serviceTier: z.optional(z.enum(SERVICE_TIERS)),
    requestShape: z.optional(
      z
        .strictObject({
          inputTokens: positiveInt().check(z.lte(LIMITS.requestInputTokens)),
          outputTokens: positiveInt().check(z.lte(LIMITS.requestOutputTokens)),
          reasoningTokens: z.optional(z.int().check(z.nonnegative(), z.lte(LIMITS.requestOutputTokens))),
        })
        // Reasoning tokens are generated tokens: they are counted among the output tokens.
        .check(
          z.refine((shape) => shape.reasoningTokens === undefined || shape.reasoningTokens <= shape.outputTokens, {
            path: ['reasoningTokens'],
            error: 'at most outputTokens: reasoning tokens are counted among the output tokens.',
          }),
        ),
    ),
    peakToAverage: z.optional(z.number().check(z.gte(1), z.lte(LIMITS.peakToAverage))),
    latency: z.optional(z.strictObject({ ttftMs: z.optional(z.number().check(z.gt(0), z.lte(LIMITS.latencyMs))), tpotMs: z.optional(z.number().check(z.gt(0), z.lte(LIMITS.latencyMs))) })),
    requirements: z.optional(z.array(requirement)),
    alternatives: z.optional(z.array(alternative)),
    notes: z.optional(z.string()),
  })
  // A token is read from the cache, written to it, or neither: the two shares are of the same input tokens.
  .check(
    z.refine((w) => (w.cachedInputShare ?? 0) + (w.cacheWriteShare ?? 0) <= 1, {
      path: ['cacheWriteShare'],
      error: 'cachedInputShare + cacheWriteShare must be at most 1: both are shares of the same input tokens.',
    }),
    // A time to live without writes would price nothing: said where it is written.
    z.refine((w) => w.cacheWriteTtl === undefined || w.cacheWriteShare !== undefined, {
      path: ['cacheWriteTtl'],
      error: 'says how long cache writes last: set cacheWriteShare too.',
    }),
    // The hosts bill a batch call at its batch prices, with no service tier.
    z.refine((w) => w.batch !== true || w.serviceTier === undefined || w.serviceTier === 'standard', {
      path: ['serviceTier'],
      error: 'a batch call has no service tier: drop "batch" or set "standard".',
    }),
  );

// Every field is required: a default PUE or operations share would price owned hardware with a
// figure nobody wrote down.
export const ownedGpuSchema = z.strictObject({
  purchaseUsd: z.number().check(z.gt(0), z.lte(OWNED_GPU_LIMITS.purchaseUsd)),
  amortizationYears: z.number().check(z.gt(0), z.lte(OWNED_GPU_LIMITS.amortizationYears)),
  watts: z.number().check(z.gt(0), z.lte(OWNED_GPU_LIMITS.watts)),
  usdPerKwh: z.number().check(z.gte(0), z.lte(OWNED_GPU_LIMITS.usdPerKwh)),
  pue: z.number().check(z.gte(1), z.lte(OWNED_GPU_LIMITS.pue)),
  operationsShare: z.number().check(z.gte(0), z.lte(OWNED_GPU_LIMITS.operationsShare)),
});

const assumptions = z
  .strictObject({
    gpuHourlyUsd: z.optional(nonNegative().check(z.lte(LIMITS.gpuHourlyUsd))),
    hoursPerMonth: z.optional(z.number().check(z.gte(1), z.lte(744))),
    utilization: z.optional(z.number().check(z.gte(MINIMUMS.utilization), z.lte(1))),
    inputShare: z.optional(share()),
    concurrency: z.optional(positiveInt().check(z.lte(LIMITS.concurrency))),
    contextTokens: z.optional(positiveInt().check(z.lte(LIMITS.contextTokens))),
    gpuPrices: z.optional(z.record(z.string(), nonNegative().check(z.lte(LIMITS.gpuHourlyUsd)))),
    pricing: z.optional(z.enum(PRICING_MODES)),
    month: z.optional(z.string().check(z.regex(MONTH_PATTERN, { error: 'expected a month as "YYYY-MM", such as "2027-01".' }))),
    ownedGpus: z.optional(z.record(z.string(), ownedGpuSchema)),
  })
  ;

/**
 * A model the catalog lacks, declared by the project: a fine-tune or an internal endpoint,
 * with its price, or its shape for self-hosting, or as another name of a known model. An
 * entry with none of these is declared but unpriced: its workloads count as unpriced, and
 * a finding names the fields to fill in (a price is never guessed for it).
 */
const userModel = z
  .strictObject({
    id: id(),
    name: z.optional(id()),
    aliasOf: z.optional(id()),
    inputPerMillionUsd: z.optional(nonNegative().check(z.lte(LIMITS.pricePerMillion))),
    outputPerMillionUsd: z.optional(nonNegative().check(z.lte(LIMITS.pricePerMillion))),
    contextTokens: z.optional(positiveInt().check(z.lte(LIMITS.contextTokens))),
    paramsB: z.optional(z.number().check(z.gte(MINIMUMS.paramsB), z.lte(LIMITS.paramsB))),
    activeParamsB: z.optional(z.number().check(z.gte(MINIMUMS.paramsB), z.lte(LIMITS.paramsB))),
    layers: z.optional(positiveInt().check(z.lte(1000))),
    kvHeads: z.optional(positiveInt().check(z.lte(1024))),
    headDim: z.optional(positiveInt().check(z.lte(4096))),
    openWeights: z.optional(z.boolean()),
  })
  // The parameters active per token are some of the model's parameters, never more.
  .check(
    z.refine((m) => m.activeParamsB === undefined || m.paramsB === undefined || m.activeParamsB <= m.paramsB, {
      path: ['activeParamsB'],
      error: 'at most paramsB: the parameters active per token are among the model\'s parameters.',
    }),
  );

export const configSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    assumptions: z.optional(assumptions),
    requirements: z.optional(z.array(requirement)),
    allowedModels: z.optional(z.array(id())),
    models: z.optional(z.array(userModel)),
    workloads: z.array(workload),
  })
;

export const assumptionsSchema = assumptions;
export const workloadSchema = workload;
export const trafficSchema = traffic;
export const userModelSchema = userModel;
export type UserModelConfig = z.infer<typeof userModel>;
export type LlmConfig = z.infer<typeof configSchema>;
export type WorkloadConfig = z.infer<typeof workload>;
export type SelfHostedConfig = z.infer<typeof selfHosted>;
export type TrafficConfig = z.infer<typeof traffic>;
export type AlternativeConfig = z.infer<typeof alternative>;
export type OwnedGpuConfig = z.infer<typeof ownedGpuSchema>;
export type PricingMode = (typeof PRICING_MODES)[number];
export type QualityLevel = (typeof QUALITY_LEVELS)[number];
export type RequirementConfigId = z.infer<typeof requirement>;

/** Millions of tokens per unit of each suffix; no suffix is a token count. */
const VOLUME_SCALE: Record<string, number> = { k: 1e-3, K: 1e-3, m: 1, M: 1, b: 1e3, B: 1e3 };

/** Parses a volume into millions of tokens; undefined when it is not one. */
export function volumeToMillions(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 && v <= LIMITS.tokensPerMonth ? v / 1e6 : undefined;
  if (typeof v !== 'string') return undefined;
  const m = VOLUME_PATTERN.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const scale = VOLUME_SCALE[m[2] ?? ''] ?? 1e-6;
  const millions = n * scale;
  return millions * 1e6 <= LIMITS.tokensPerMonth ? millions : undefined;
}
