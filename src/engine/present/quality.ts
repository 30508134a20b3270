/**
 * The quality of a setup's weight format, as data and as the words shown beside the setup:
 * the reference weights, a published recovery with its evals, source and date, or unmeasured.
 * One place writes them, so the explanations, the lenses and `cheapest --json` say the same.
 */
import { formatQuality, type FormatQualityRow } from '../catalog/data/formatQuality';

export interface SetupQuality {
  format: string;
  /** 'unmeasured': nothing published for this model and format, never taken as lossless. */
  kind: 'reference' | 'near-lossless' | 'lossy' | 'unmeasured';
  /** Quantized over 16-bit score on the source's evals. */
  recovery?: number;
  evals?: string;
  checkpoint?: string;
  source?: string;
  asOf?: string;
  words: string;
}

/** The evals' short name: "OpenLLM v1 average (MMLU, …)" → "OpenLLM v1". */
function evalsName(evals: string): string {
  // Plain string steps, no pattern: a regular expression over data must stay linear on any text.
  const open = evals.indexOf('(');
  const name = (open < 0 ? evals : evals.slice(0, open)).trimEnd();
  return name.toLowerCase().endsWith(' average') ? name.slice(0, -' average'.length).trimEnd() : name;
}

/** The quality of `format` for `model` as plain data with its words. */
export function setupQuality(rows: readonly FormatQualityRow[], model: string, format: string, published?: string): SetupQuality {
  const q = formatQuality(rows, model, format, published);
  if (q.kind === 'reference') return { format, kind: 'reference', words: `${format} · ${q.published ? 'the weights as published' : 'reference weights'}` };
  if (q.kind === 'unknown') return { format, kind: 'unmeasured', words: `${format} · quality unmeasured for ${model}` };
  const { row } = q;
  const pct = `${(Math.round(q.recovery * 1000) / 10).toFixed(1)}%`;
  const words = `${format} · ${pct} of bf16 on ${evalsName(row.evals)} (${row.checkpoint.split('/')[0]}, ${row.asOf})${q.kind === 'lossy' ? ', lossy' : ''}`;
  return { format, kind: q.kind, recovery: q.recovery, evals: row.evals, checkpoint: row.checkpoint, source: row.source, asOf: row.asOf, words };
}

/** Whether a search under `level` keeps the setup: 'any' all; 'near-lossless' the reference and near-lossless formats. */
export function keptAt(level: 'near-lossless' | 'any', q: SetupQuality): boolean {
  return level === 'any' || q.kind === 'reference' || q.kind === 'near-lossless';
}

/** The weights as said beside a setup: the format alone for 16-bit ones, with its quality for any other. */
export function weightsText(q: SetupQuality): string {
  return q.kind === 'reference' && (q.format === 'bf16' || q.format === 'fp16') ? q.format : q.words;
}
