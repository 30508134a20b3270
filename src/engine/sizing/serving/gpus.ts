/**
 * The GPUs a model can be served on, from catalog/data/gpus.json: memory as the driver exposes
 * it, bandwidth, dense peaks per precision, the interconnect between GPUs of one node, and
 * rental prices with their quotes. Plain data: the front ends read the file, the build
 * validates it (catalog/data/check.ts), and this module looks GPUs up by id or alias.
 */
import * as z from 'zod/mini';
// zod/mini has no messages of its own; the config schema installs the engine's.
import '../../config/schema';

export const INTERCONNECT_KINDS = ['nvlink', 'pcie', 'infinity-fabric'] as const;
export type InterconnectKind = (typeof INTERCONNECT_KINDS)[number];

const positive = () => z.number().check(z.positive());
const text = () => z.string().check(z.minLength(1));
/** A day, or a month where the source gives no day ("2026-03"). */
const isoDate = () => z.string().check(z.regex(/^\d{4}-\d{2}(?:-\d{2})?$/, { error: 'expected a date such as "2026-07-01".' }));
/** null where no source was found: the entry's note says what is missing. */
const unknownOr = <T extends z.core.SomeType>(t: T) => z.nullable(t);

const quote = z.strictObject({
  cloud: text(),
  usd: positive(),
  source: text(),
  asOf: unknownOr(isoDate()),
  /** 'serverless' for per-second rates converted to an hour (premium, scale-to-zero). */
  billing: z.optional(text()),
  note: z.optional(text()),
});

const gpu = z
  .strictObject({
    /** Short and lower-case: "h100-sxm", "rtx-4090". */
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a short lower-case id such as "h100-sxm".' })),
    name: text(),
    vendor: text(),
    /** Memory a framework sees, in GB (10^9 bytes): memoryMiB × 1,048,576 / 10^9. */
    memoryGB: unknownOr(positive()),
    /** The same memory in MiB, as nvidia-smi or rocm-smi prints it. */
    memoryMiB: unknownOr(positive()),
    memorySource: z.optional(unknownOr(text())),
    bandwidthGBps: unknownOr(positive()),
    /** Dense (no sparsity) tensor peaks; FP16/BF16 with FP32 accumulate. */
    bf16Tflops: unknownOr(positive()),
    /** null where the GPU has no FP8 tensor cores (A100, T4, A10G), or no source was found. */
    fp8Tflops: unknownOr(positive()),
    int8Tops: unknownOr(positive()),
    fp4Tflops: unknownOr(positive()),
    interconnect: z.strictObject({
      kind: z.enum(INTERCONNECT_KINDS),
      /** A GPU's total bidirectional bandwidth to the others, GB/s (NVIDIA's convention: NVLink 4 = 900, 450 each way). */
      gbpsPerGpu: positive(),
      note: z.optional(text()),
    }),
    /** Largest single-node count of this GPU seen in a source; null where none was found. */
    maxGpusPerNode: unknownOr(z.int().check(z.positive())),
    maxGpusPerNodeSource: z.optional(unknownOr(text())),
    datasheet: unknownOr(text()),
    specSources: z.optional(z.array(text())),
    hourlyUsd: z.strictObject({
      default: positive(),
      low: positive(),
      high: positive(),
      defaultBasis: z.optional(text()),
      note: z.optional(text()),
      quotes: z.array(quote),
    }),
    note: z.optional(text()),
    aliases: z.optional(z.array(text())),
  })
  .check(
    // The default is rounded to the cent; low and high are quotes as printed.
    z.refine((g) => g.hourlyUsd.low <= g.hourlyUsd.default + 0.01 && g.hourlyUsd.default <= g.hourlyUsd.high + 0.01, { error: 'hourlyUsd must satisfy low ≤ default ≤ high.', path: ['hourlyUsd'] }),
    // The two memory figures are one quantity in two units; a typo in either shows as a mismatch.
    z.refine((g) => g.memoryMiB === null || g.memoryGB === null || Math.abs((g.memoryMiB * 2 ** 20) / 1e9 - g.memoryGB) <= 0.01 * g.memoryGB, {
      error: 'memoryGB and memoryMiB disagree.',
      path: ['memoryMiB'],
    }),
  );

export const gpusFileSchema = z.strictObject({
  $comment: z.optional(z.string()),
  asOf: isoDate(),
  note: z.optional(text()),
  gpus: z.array(gpu).check(z.minLength(1)),
});

export type ServingGpu = z.infer<typeof gpu>;
export type GpusFile = z.infer<typeof gpusFileSchema>;

/** Validates gpus.json; throws naming the GPU and field at fault. */
export function parseGpus(json: unknown): GpusFile {
  const result = gpusFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.map(String).join('.');
    const list = (json as { gpus?: { id?: unknown }[] } | null)?.gpus;
    const index = typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
    const id = index !== undefined && Array.isArray(list) ? list[index]?.id : undefined;
    throw new Error(`GPU catalog: ${typeof id === 'string' ? `${id}: ` : ''}${where || 'file'}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const g of result.data.gpus) {
    if (seen.has(g.id)) throw new Error(`GPU catalog: duplicate id ${g.id}`);
    seen.add(g.id);
  }
  return result.data;
}

/**
 * Names the rest of the catalog and older configs use for these GPUs (catalog/hardware.ts
 * keys them by marketed memory), and the bare names people write.
 */
export const GPU_ALIASES: ReadonlyMap<string, string> = new Map([
  ['h100-80gb', 'h100-sxm'],
  ['h100', 'h100-sxm'],
  ['h100-sxm5', 'h100-sxm'],
  ['h200-141gb', 'h200'],
  ['l40s-48gb', 'l40s'],
  ['rtx-4090-24gb', 'rtx-4090'],
  ['4090', 'rtx-4090'],
  ['a100', 'a100-80gb'],
  ['a100-sxm', 'a100-80gb'],
  ['l4-24gb', 'l4'],
  ['t4-16gb', 't4'],
  ['a10g-24gb', 'a10g'],
  ['b200-180gb', 'b200'],
  ['mi300x-192gb', 'mi300x'],
]);

/** Lower-cased, trimmed, spaces and underscores as dashes: "H100 SXM" is "h100-sxm". */
function normalize(id: string): string {
  return id.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

const indexes = new WeakMap<readonly ServingGpu[], Map<string, ServingGpu>>();

function indexOf(gpus: readonly ServingGpu[]): Map<string, ServingGpu> {
  let index = indexes.get(gpus);
  if (!index) {
    index = new Map();
    for (const g of gpus) index.set(g.id, g);
    // Aliases never shadow an id.
    for (const g of gpus) for (const a of g.aliases ?? []) if (!index.has(normalize(a))) index.set(normalize(a), g);
    for (const [alias, id] of GPU_ALIASES) {
      const g = index.get(id);
      if (g && !index.has(alias)) index.set(alias, g);
    }
    indexes.set(gpus, index);
  }
  return index;
}

/** A GPU by id or alias ("h100-80gb" is the H100 SXM), case and spacing aside. */
export function findServingGpu(id: string, gpus: readonly ServingGpu[]): ServingGpu | undefined {
  return indexOf(gpus).get(normalize(id));
}

/** Bytes of memory a framework sees: from the MiB the driver reports, or the GB figure; undefined when unknown. */
export function gpuMemoryBytes(gpu: ServingGpu): number | undefined {
  if (gpu.memoryMiB !== null) return gpu.memoryMiB * 2 ** 20;
  if (gpu.memoryGB !== null) return gpu.memoryGB * 1e9;
  return undefined;
}

/** A GPU whose memory, bandwidth and 16-bit peak are known: enough to size a model on. */
export type SizableGpu = ServingGpu & { bandwidthGBps: number; bf16Tflops: number };

/** The facts sizing needs that the catalog lacks for this GPU (empty when it can be sized). */
export function missingFacts(gpu: ServingGpu): string[] {
  const missing: string[] = [];
  if (gpuMemoryBytes(gpu) === undefined) missing.push('memory');
  if (gpu.bandwidthGBps === null) missing.push('memory bandwidth');
  if (gpu.bf16Tflops === null) missing.push('BF16 TFLOPS');
  return missing;
}

export function isSizable(gpu: ServingGpu): gpu is SizableGpu {
  return missingFacts(gpu).length === 0;
}

/**
 * The tensor-parallel sizes a replica of this GPU can use: powers of two up to the node's
 * count, or 1 where no source gives one.
 */
export function gpuCounts(gpu: ServingGpu): number[] {
  const counts: number[] = [];
  for (let n = 1; n <= (gpu.maxGpusPerNode ?? 1); n *= 2) counts.push(n);
  return counts;
}
