/**
 * The `llm.config.json` schema: the single source of truth. The JSON Schema that VS Code's
 * JSON support uses for completion and hover docs is generated from it at build time.
 */
// zod/mini: the same schemas and errors as classic zod at a fifth of the bundle size,
// which keeps the extension host's bundle small.
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());

const describe = (description: string) => z.meta({ description });

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

/** Whole token counts ("240M" style strings allowed): K = 1e3, M = 1e6, B = 1e9. */
export const VOLUME_PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([kKmMbB])?\s*$/;

/** Upper bounds that keep every figure finite; far above any real deployment. */
export const LIMITS = { gpus: 4096, replicas: 1_000_000, throughputTps: 1e8, tokensPerMonth: 1e16, pricePerMillion: 1e5, gpuHourlyUsd: 1e4 } as const;

const optional = <T extends z.ZodMiniType>(schema: T, description: string) => z.optional(schema.check(describe(description)));
const nonNegative = () => z.number().check(z.nonnegative());
const positive = () => z.number().check(z.positive());
const positiveInt = () => z.int().check(z.positive());
const share = () => z.number().check(z.gte(0), z.lte(1));
const id = () => z.string().check(z.minLength(1));

const volume = z
  .union(
    [
      nonNegative().check(z.lte(LIMITS.tokensPerMonth, { error: 'at most 1e16 tokens a month.' }), describe('Tokens per month, e.g. 240000000.')),
      z.string().check(
        z.regex(VOLUME_PATTERN, { error: 'expected a token count such as "240M", "500K" or "1.5B".' }),
        z.refine((v) => !VOLUME_PATTERN.test(v) || volumeToMillions(v) !== undefined, { error: 'at most 10,000,000B tokens a month.' }),
      ),
    ],
    { error: 'expected a token count such as 240000000, "240M", "500K" or "1.5B".' },
  )
  .check(describe('Tokens per month: a number, or a string with a K, M or B suffix ("240M").'));

const requirement = z.enum(REQUIREMENT_IDS).check(describe("A requirement from the decision framework, e.g. 'data_privacy' or 'context_1m'."));

const selfHosted = z
  .strictObject({
    gpu: id().check(describe("GPU id from the catalog, e.g. 'a100-80gb', 'h100-80gb'.")),
    gpus: optional(positiveInt().check(z.lte(LIMITS.gpus)), 'GPUs per replica (default 1).'),
    replicas: optional(positiveInt().check(z.lte(LIMITS.replicas)), 'Replicas you run. When absent, as many as the volume needs.'),
    quantization: optional(id(), "Weight format: 'fp16', 'bf16', 'fp8', 'int8', 'int4', 'q4_k_m', 'q8_0' (default fp16)."),
    throughputTps: optional(positive().check(z.lte(LIMITS.throughputTps)), 'Sustained output tokens/s per replica. When absent: the measured figure for a known setup, else a roofline estimate.'),
    gpuHourlyUsd: optional(nonNegative().check(z.lte(LIMITS.gpuHourlyUsd)), 'Price of one GPU-hour for this setup.'),
  })
  .check(describe('A self-hosted deployment on rented GPUs.'));

const deployment = z
  .union([z.literal('api').check(describe('Pay per token through an API.')), z.strictObject({ selfHosted })], {
    error: 'expected "api" or { "selfHosted": { "gpu": … } }.',
  })
  .check(describe('"api", or { "selfHosted": { … } } for rented GPUs.'));

const alternative = z
  .strictObject({
    model: id().check(describe('Model id, alias or display name.')),
    selfHosted: z.optional(selfHosted),
    blendedPricePerMillion: optional(nonNegative().check(z.lte(LIMITS.pricePerMillion)), 'One $/M price for input and output together.'),
  })
  .check(describe('A deployment to compare this workload against: self-hosted when selfHosted is given, else the API.'));

const workload = z
  .strictObject({
    name: id().check(describe('What this workload is, e.g. "support-chat".')),
    model: id().check(describe("Model id, alias or display name, e.g. 'gpt-4o', 'llama-3.1-70b'.")),
    monthlyTokens: volume,
    deployment: z.optional(deployment),
    blendedPricePerMillion: optional(nonNegative().check(z.lte(LIMITS.pricePerMillion)), 'One $/M price for input and output together; overrides the catalog price.'),
    inputShare: optional(share(), 'Share of tokens that are input, 0–1.'),
    requirements: optional(z.array(requirement), 'Requirements of this workload only.'),
    alternatives: optional(z.array(alternative), 'Deployments to compare with. When absent, the engine compares with defaults from the catalog.'),
    notes: optional(z.string(), 'Free text.'),
  })
  .check(describe('One use of a model: what it does, which model, how many tokens a month, how it is deployed.'));

const assumptions = z
  .strictObject({
    gpuHourlyUsd: optional(nonNegative().check(z.lte(LIMITS.gpuHourlyUsd)), 'Default price of one GPU-hour (USD).'),
    hoursPerMonth: optional(positive().check(z.lte(744)), 'Hours in a month (720 = 30 days).'),
    utilization: optional(positive().check(z.lte(1)), 'Share of peak throughput actually used, 0–1.'),
    inputShare: optional(share(), 'Share of tokens that are input, 0–1 (default 0.5).'),
    concurrency: optional(positiveInt(), 'Concurrent sequences per replica.'),
    contextTokens: optional(positiveInt(), 'Context tokens held per sequence (KV cache).'),
  })
  .check(describe('Cost-model assumptions; each overrides the extension setting of the same name.'));

export const configSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    assumptions: z.optional(assumptions),
    requirements: optional(z.array(requirement), 'Requirements of the whole project.'),
    allowedModels: optional(z.array(id()), 'Approved models: recommendations stay within this list.'),
    workloads: z.array(workload).check(describe('The workloads that use an LLM.')),
  })
  .check(z.meta({ title: 'LLM Cost Lens configuration', description: 'Which models this project uses, for what, at what volume.' }));

export const workloadSchema = workload;
export const assumptionsSchema = assumptions;
export type LlmConfig = z.infer<typeof configSchema>;
export type WorkloadConfig = z.infer<typeof workload>;
export type SelfHostedConfig = z.infer<typeof selfHosted>;
export type AlternativeConfig = z.infer<typeof alternative>;
export type RequirementConfigId = z.infer<typeof requirement>;

/** Parses a volume into millions of tokens; undefined when it is not one. */
export function volumeToMillions(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 && v <= LIMITS.tokensPerMonth ? v / 1e6 : undefined;
  if (typeof v !== 'string') return undefined;
  const m = VOLUME_PATTERN.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const scale = { k: 1e-3, m: 1, b: 1e3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1e-6;
  const millions = n * scale;
  return millions * 1e6 <= LIMITS.tokensPerMonth ? millions : undefined;
}
