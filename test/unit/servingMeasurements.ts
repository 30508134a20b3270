/**
 * The schema of test/fixtures/serving-measurements.json: published serving measurements
 * (a model on GPUs in a weight format, a request shape, a concurrency or an offline batch,
 * and what was measured), which the serving estimate is calibrated against.
 */
import * as z from 'zod/mini';

const positive = () => z.number().check(z.positive());
const text = () => z.string().check(z.minLength(1));
const measured = () => z.optional(z.nullable(positive()));

export const MEASUREMENT_MODES = ['offline-max-throughput', 'fixed-concurrency', 'server'] as const;

const row = z.strictObject({
  id: text(),
  /** An open models catalog id where there is one ("llama-3.1-70b"). */
  model: text(),
  huggingFaceId: z.optional(z.nullable(text())),
  /** A gpus.json id. */
  gpu: text(),
  gpuCount: z.int().check(z.positive()),
  /** null where the source does not give the layout. */
  tensorParallel: z.optional(z.nullable(z.int().check(z.positive()))),
  pipelineParallel: z.optional(z.nullable(z.int().check(z.positive()))),
  expertParallel: z.optional(z.nullable(z.int().check(z.positive()))),
  weights: z.nullable(text()),
  kvCache: z.optional(z.nullable(text())),
  /** null for a dataset of varying lengths that publishes no mean. */
  inputTokens: z.nullable(positive()),
  outputTokens: z.nullable(positive()),
  /**
   * 'fixed' where the source states every request had exactly these lengths (a random dataset
   * with a range ratio of 1 and a fixed output); absent where lengths vary (chat datasets, a
   * stated variance, or outputs cut by end-of-sequence).
   */
  lengths: z.optional(z.enum(['fixed', 'varied'])),
  /** null for an offline run, where the engine batches all it can. */
  concurrency: z.nullable(positive()),
  mode: z.enum(MEASUREMENT_MODES),
  /** Whole system, all GPUs. */
  outputTokensPerSecond: measured(),
  totalTokensPerSecond: measured(),
  requestsPerSecond: measured(),
  ttftMs: measured(),
  tpotMs: measured(),
  framework: text(),
  source: text(),
  sourceDate: z.optional(z.nullable(text())),
  note: z.optional(z.nullable(text())),
});

export const measurementsFileSchema = z.strictObject({
  $comment: z.optional(z.string()),
  note: z.optional(z.string()),
  rows: z.array(row).check(z.minLength(1)),
});

export type Measurement = z.infer<typeof row>;

export function parseMeasurements(json: unknown): Measurement[] {
  const result = measurementsFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`serving measurements: ${issue.path.map(String).join('.') || 'file'}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const r of result.data.rows) {
    if (seen.has(r.id)) throw new Error(`serving measurements: duplicate id ${r.id}`);
    seen.add(r.id);
  }
  return result.data.rows;
}

/** A few rows of our own, in the file's shape, for the schema's own test. */
export const LOCAL_MEASUREMENTS: unknown = {
  rows: [
    {
      id: 'local-llama-8b-h100-offline',
      model: 'llama-3.1-8b',
      gpu: 'h100-sxm',
      gpuCount: 1,
      tensorParallel: 1,
      weights: 'bf16',
      kvCache: 'fp16',
      inputTokens: 1000,
      outputTokens: 1000,
      concurrency: null,
      mode: 'offline-max-throughput',
      outputTokensPerSecond: 10000,
      totalTokensPerSecond: 20000,
      requestsPerSecond: 10,
      ttftMs: null,
      tpotMs: null,
      framework: 'vllm',
      source: 'local test value',
      sourceDate: '2026-01-01',
      note: 'a value of the test’s own, not a measurement',
    },
    {
      id: 'local-llama-70b-h200-c64',
      model: 'llama-3.1-70b',
      gpu: 'h200',
      gpuCount: 1,
      tensorParallel: 1,
      weights: 'fp8',
      kvCache: 'fp8',
      inputTokens: 2048,
      outputTokens: 128,
      concurrency: 64,
      mode: 'fixed-concurrency',
      outputTokensPerSecond: 400,
      totalTokensPerSecond: 6800,
      requestsPerSecond: 3.1,
      ttftMs: 600,
      tpotMs: 150,
      framework: 'vllm',
      source: 'local test value',
    },
  ],
};
