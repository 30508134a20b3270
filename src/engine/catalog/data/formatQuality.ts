/**
 * The published quality of a weight format for a model: rows of formatQuality.json, each the
 * quantized and the 16-bit score on the source's own evals, with its source and date. And the
 * one rule the search and the words use: near-lossless when the quantized weights keep at
 * least 99% of the 16-bit score, lossy below, unknown where nothing is published for that
 * model and format (never taken as lossless).
 */
import * as z from 'zod/mini';
// zod/mini has no messages of its own; the config schema installs the engine's.
import '../../config/schema';

/** Near-lossless: within 1% of the 16-bit weights on the source's evals. */
export const NEAR_LOSSLESS_RECOVERY = 0.99;

export interface FormatQualityRow {
  /** A model id of openModels.json. */
  model: string;
  /** A serving weight format id: 'fp8', 'int4-awq', 'int4-gptq', 'nvfp4', 'mxfp4', 'gguf-q4_k_m', … */
  format: string;
  /** The published quantized weights the scores are of. */
  checkpoint: string;
  /** Which evals the scores average. */
  evals: string;
  quantizedScore: number;
  baselineScore: number;
  asOf: string;
  source: string;
  via?: string;
  note: string;
}

export interface FormatQualityFile {
  note: string;
  rows: FormatQualityRow[];
}

let schema: ReturnType<typeof makeSchema> | undefined;
function makeSchema() {
  const text = z.string().check(z.minLength(1));
  const url = z.string().check(z.regex(/^https:\/\/[^\s/]+\.[^\s]+$/, { error: 'expected an https URL.' }));
  const score = z.number().check(z.gt(0), z.lte(100));
  return z.strictObject({
    note: text,
    rows: z.array(
      z.strictObject({
        model: z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]*$/, { error: 'expected a model id such as "llama-3.1-70b".' })),
        format: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'expected a format id such as "int4-awq".' })),
        checkpoint: text,
        evals: text,
        quantizedScore: score,
        baselineScore: score,
        asOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected an ISO date (YYYY-MM-DD).' })),
        source: url,
        via: z.optional(url),
        note: text,
      }),
    ),
  });
}

export class FormatQualityError extends Error {}

/** The rows, validated (one row per model and format); throws FormatQualityError naming the first problems. */
export function parseFormatQuality(json: unknown): FormatQualityFile {
  const parsed = (schema ??= makeSchema()).safeParse(json);
  if (!parsed.success) throw new FormatQualityError(`invalid format quality: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  const file = parsed.data as FormatQualityFile;
  const seen = new Set<string>();
  file.rows.forEach((row, i) => {
    const key = `${row.model}|${row.format}`;
    if (seen.has(key)) throw new FormatQualityError(`invalid format quality: rows.${i}: a second row for ${row.model} in ${row.format}`);
    seen.add(key);
  });
  return file;
}

export type FormatQuality =
  | { kind: 'near-lossless' | 'lossy'; recovery: number; row: FormatQualityRow }
  | { kind: 'unknown'; model: string; format: string };

/** 16-bit weights are the reference every recovery is measured against. */
const REFERENCE_FORMATS = new Set(['bf16', 'fp16']);

/**
 * What is published of `format` for `model`: the reference (16-bit, or the format the lab
 * published its weights in: `published`, as DeepSeek's FP8 or gpt-oss's MXFP4 — the model as
 * released, whose every score is of those weights), near-lossless, lossy (with the recovery
 * and its row), or unknown.
 */
export function formatQuality(rows: readonly FormatQualityRow[], model: string, format: string, published?: string): FormatQuality | { kind: 'reference'; published?: string } {
  if (format === published) return { kind: 'reference', published };
  if (REFERENCE_FORMATS.has(format)) return { kind: 'reference' };
  const row = rows.find((r) => r.model === model && r.format === format);
  if (!row) return { kind: 'unknown', model, format };
  const recovery = row.quantizedScore / row.baselineScore;
  return { kind: recovery >= NEAR_LOSSLESS_RECOVERY ? 'near-lossless' : 'lossy', recovery, row };
}

/** Whether a search under `quality` may pick the format: 'any' takes all; 'near-lossless' the reference and near-lossless ones. */
export function qualityAllows(quality: 'near-lossless' | 'any', q: ReturnType<typeof formatQuality>): boolean {
  return quality === 'any' || q.kind === 'reference' || q.kind === 'near-lossless';
}
