/**
 * The `llm.config.json` schema: the single source of truth. The JSON Schema that VS Code's
 * JSON support uses for completion and hover docs is generated from it at build time.
 */
import * as z from 'zod';

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

const volume = z
  .union([
    z.number().nonnegative().meta({ description: 'Tokens per month, e.g. 240000000.' }),
    z.string().regex(VOLUME_PATTERN, { error: 'expected a token count such as "240M", "500K" or "1.5B".' }),
  ], { error: 'expected a token count such as 240000000, "240M", "500K" or "1.5B".' })
  .meta({ description: 'Tokens per month: a number, or a string with a K, M or B suffix ("240M").' });

const requirement = z.enum(REQUIREMENT_IDS).meta({
  description: "A requirement from the decision framework, e.g. 'data_privacy' or 'context_1m'.",
});

const selfHosted = z
  .strictObject({
    gpu: z.string().min(1).meta({ description: "GPU id from the catalog, e.g. 'a100-80gb', 'h100-80gb'." }),
    gpus: z.number().int().positive().optional().meta({ description: 'GPUs per replica (default 1).' }),
    replicas: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'Replicas you run. When absent, as many as the volume needs.' }),
    quantization: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Weight format: 'fp16', 'bf16', 'fp8', 'int8', 'int4', 'q4_k_m', 'q8_0' (default fp16)." }),
    throughputTps: z
      .number()
      .positive()
      .optional()
      .meta({ description: 'Sustained output tokens/s per replica. When absent: the measured figure for a known setup, else a roofline estimate.' }),
    gpuHourlyUsd: z.number().nonnegative().optional().meta({ description: 'Price of one GPU-hour for this setup.' }),
  })
  .meta({ description: 'A self-hosted deployment on rented GPUs.' });

const deployment = z
  .union([
    z.literal('api').meta({ description: 'Pay per token through an API.' }),
    z.strictObject({ selfHosted }),
  ], { error: 'expected "api" or { "selfHosted": { "gpu": … } }.' })
  .meta({ description: '"api", or { "selfHosted": { … } } for rented GPUs.' });

const alternative = z
  .strictObject({
    model: z.string().min(1).meta({ description: 'Model id, alias or display name.' }),
    selfHosted: selfHosted.optional(),
    blendedPricePerMillion: z.number().nonnegative().optional(),
  })
  .meta({ description: 'A deployment to compare this workload against: self-hosted when selfHosted is given, else the API.' });

const workload = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'What this workload is, e.g. "support-chat".' }),
    model: z.string().min(1).meta({ description: "Model id, alias or display name, e.g. 'gpt-4o', 'llama-3.1-70b'." }),
    monthlyTokens: volume,
    deployment: deployment.optional(),
    blendedPricePerMillion: z
      .number()
      .nonnegative()
      .optional()
      .meta({ description: 'One $/M price for input and output together; overrides the catalog price.' }),
    inputShare: z.number().min(0).max(1).optional().meta({ description: 'Share of tokens that are input, 0–1.' }),
    requirements: z.array(requirement).optional().meta({ description: 'Requirements of this workload only.' }),
    alternatives: z.array(alternative).optional(),
    notes: z.string().optional(),
  })
  .meta({ description: 'One use of a model: what it does, which model, how many tokens a month, how it is deployed.' });

const assumptions = z
  .strictObject({
    gpuHourlyUsd: z.number().nonnegative().optional().meta({ description: 'Default price of one GPU-hour (USD).' }),
    hoursPerMonth: z.number().positive().max(744).optional().meta({ description: 'Hours in a month (720 = 30 days).' }),
    utilization: z.number().gt(0).max(1).optional().meta({ description: 'Share of peak throughput actually used, 0–1.' }),
    inputShare: z.number().min(0).max(1).optional().meta({ description: 'Share of tokens that are input, 0–1 (default 0.5).' }),
    concurrency: z.number().int().positive().optional().meta({ description: 'Concurrent sequences per replica.' }),
    contextTokens: z.number().int().positive().optional().meta({ description: 'Context tokens held per sequence (KV cache).' }),
  })
  .meta({ description: 'Cost-model assumptions; each overrides the extension setting of the same name.' });

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    assumptions: assumptions.optional(),
    requirements: z.array(requirement).optional().meta({ description: 'Requirements of the whole project.' }),
    allowedModels: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: 'Approved models: recommendations stay within this list.' }),
    workloads: z.array(workload).meta({ description: 'The workloads that use an LLM.' }),
  })
  .meta({ title: 'LLM Cost Lens configuration', description: 'Which models this project uses, for what, at what volume.' });

export const workloadSchema = workload;
export const assumptionsSchema = assumptions;
export type LlmConfig = z.infer<typeof configSchema>;
export type WorkloadConfig = z.infer<typeof workload>;
export type SelfHostedConfig = z.infer<typeof selfHosted>;
export type AlternativeConfig = z.infer<typeof alternative>;
export type RequirementConfigId = z.infer<typeof requirement>;

/** JSON Schema for `contributes.jsonValidation`; generated by the build. */
export function toJsonSchema(): object {
  return z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input' });
}

/** Parses a volume into millions of tokens; undefined when it is not one. */
export function volumeToMillions(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v / 1e6 : undefined;
  if (typeof v !== 'string') return undefined;
  const m = VOLUME_PATTERN.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const scale = { k: 1e-3, m: 1, b: 1e3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1e-6;
  return n * scale;
}
