/**
 * The schema of curated.json: the models the article discusses and the current ones picked
 * by hand, with their benchmark scores; GPUs, quantization formats, the article's setups,
 * and the requirements recommend() scores with. Checked when the bundles are built and by
 * the unit tests; the front ends read the file without it.
 */
import * as z from 'zod/mini';
import { BENCHMARK_CATEGORIES, type CuratedCatalog } from '../types';

const text = () => z.string().check(z.minLength(1));
// A day, a month or (for what a source dates only so far) a year.
const date = () => z.string().check(z.regex(/^\d{4}(-\d{2}){0,2}$/));
const nonNegative = () => z.number().check(z.gte(0));
const positive = () => z.number().check(z.positive());
const id = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9._-]*$/));
const provenance = { source: text(), asOf: date() };
const range = z.strictObject({ min: z.number(), max: z.number() });

const price = z.strictObject({
  ...provenance,
  inputPerMillionUsd: nonNegative(),
  outputPerMillionUsd: nonNegative(),
  seedBlendedPerMillionUsd: z.optional(nonNegative()),
  note: z.optional(text()),
});

const model = z.strictObject({
  ...provenance,
  id: id(),
  name: text(),
  lab: text(),
  access: z.enum(['open-weight', 'api-only']),
  accessNote: z.optional(text()),
  paramsB: z.optional(positive()),
  activeParamsB: z.optional(positive()),
  paramsNote: z.optional(text()),
  architecture: z.enum(['dense', 'moe', 'unknown']),
  architectureNote: z.optional(text()),
  layers: z.optional(z.int().check(z.positive())),
  kvHeads: z.optional(z.int().check(z.positive())),
  headDim: z.optional(positive()),
  attentionNote: z.optional(text()),
  license: text(),
  // 0 where no source gives one (the article's projected Llama 4): shown as unknown, never compared.
  contextTokens: z.int().check(z.gte(0)),
  availableSince: z.optional(date()),
  price: z.optional(price),
  aliases: z.array(text()),
  projected: z.optional(z.boolean()),
  generation: z.enum(['seed', 'current']),
  qualityTier: z.optional(z.enum(['frontier', 'strong'])),
});

const score = z.strictObject({ ...provenance, value: z.number(), display: z.optional(text()) });

const benchmark = z.strictObject({
  id: text(),
  name: text(),
  category: z.enum(BENCHMARK_CATEGORIES),
  kind: z.enum(['percent', 'level']),
  description: text(),
  levels: z.optional(z.array(text())),
});

const gpu = z.strictObject({
  ...provenance,
  id: id(),
  name: text(),
  memoryMiB: positive(),
  memorySource: z.optional(text()),
  bandwidthGBps: positive(),
  bf16Tflops: positive(),
  hourlyUsd: nonNegative(),
  hourlyUsdSource: z.optional(z.strictObject(provenance)),
  note: z.optional(text()),
});

const quantization = z.strictObject({
  ...provenance,
  id: id(),
  name: text(),
  bytesPerParam: positive(),
  qualityLossPct: z.optional(range),
  qualityLossNote: z.optional(text()),
  memoryReduction: positive(),
  speedup: range,
  method: z.optional(text()),
  platformNote: z.optional(text()),
  note: z.optional(text()),
  availableForClosed: z.literal(false),
});

const setup = z.strictObject({
  ...provenance,
  id: id(),
  name: text(),
  model: id(),
  gpu: id(),
  gpus: z.int().check(z.positive()),
  quantization: id(),
  throughputTps: positive(),
  throughputNote: text(),
});

const requirement = z.strictObject({
  id: id(),
  title: text(),
  seedAnswer: text(),
  seedReason: text(),
  seedModels: z.array(id()),
  kind: z.enum(['constraint', 'preference']),
  benchmarks: z.array(text()),
});

const hardConstraint = z.strictObject({
  deployment: z.optional(z.enum(['api', 'self-hosted'])),
  openWeights: z.optional(z.boolean()),
  minContextTokens: z.optional(z.int().check(z.positive())),
  maxMonthlyUsd: z.optional(nonNegative()),
  why: text(),
});

const deploymentFit = z.strictObject({ closedApi: nonNegative(), openApi: nonNegative(), selfHosted: nonNegative(), why: text() });

export const curatedFileSchema = z.strictObject({
  $comment: z.optional(z.string()),
  seed: z.strictObject(provenance),
  pricing: z.strictObject(provenance),
  models: z.array(model),
  benchmarks: z.array(benchmark),
  scores: z.record(z.string(), z.record(z.string(), score)),
  instructionFollowingGapScores: z.record(z.string(), score),
  gpus: z.array(gpu),
  quantizations: z.array(quantization),
  setups: z.array(setup),
  requirements: z.array(requirement),
  hardConstraints: z.record(z.string(), hardConstraint),
  deploymentFit: z.record(z.string(), deploymentFit),
});

// The schema and the engine's types describe one file: a drift fails the type check.
type Assignable<T extends U, U> = T;
export type CuratedFile = Assignable<z.infer<typeof curatedFileSchema>, CuratedCatalog>;

/** Validates curated.json and its cross-references; throws naming the place at fault. */
export function parseCurated(json: unknown): CuratedCatalog {
  const result = curatedFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`curated catalog: ${issue.path.map(String).join('.') || 'file'}: ${issue.message}`);
  }
  const data = result.data;
  const problems: string[] = [];
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const i of ids) {
      if (seen.has(i)) problems.push(`${what} ${i} appears twice`);
      seen.add(i);
    }
    return seen;
  };
  const models = unique('model', data.models.map((m) => m.id));
  const gpus = unique('gpu', data.gpus.map((g) => g.id));
  const quantizations = unique('quantization', data.quantizations.map((q) => q.id));
  const benchmarks = unique('benchmark', data.benchmarks.map((b) => b.id));
  const requirements = unique('requirement', data.requirements.map((r) => r.id));
  for (const s of data.setups) {
    if (!models.has(s.model)) problems.push(`setup ${s.id}: unknown model ${s.model}`);
    if (!gpus.has(s.gpu)) problems.push(`setup ${s.id}: unknown gpu ${s.gpu}`);
    if (!quantizations.has(s.quantization)) problems.push(`setup ${s.id}: unknown quantization ${s.quantization}`);
  }
  for (const r of data.requirements) {
    for (const b of r.benchmarks) if (!benchmarks.has(b)) problems.push(`requirement ${r.id}: unknown benchmark ${b}`);
  }
  for (const [modelId, byBenchmark] of Object.entries(data.scores)) {
    if (!models.has(modelId)) problems.push(`scores: unknown model ${modelId}`);
    for (const b of Object.keys(byBenchmark)) if (!benchmarks.has(b)) problems.push(`scores.${modelId}: unknown benchmark ${b}`);
  }
  for (const key of [...Object.keys(data.hardConstraints), ...Object.keys(data.deploymentFit)]) {
    if (!requirements.has(key)) problems.push(`unknown requirement ${key}`);
  }
  if (problems.length) throw new Error(`curated catalog: ${problems.join('; ')}`);
  return data;
}
