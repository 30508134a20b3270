/**
 * Re-using the workloads an edit did not touch. A workload's result depends on its own text,
 * its index, and what the file says outside its `workloads` array (assumptions, requirements,
 * declared models, GPU prices) with the options the analysis ran with. When an edit changes
 * the text of some workloads only, the others are taken from the previous analysis of the same
 * document, their offsets moved by the edit's change of length: a one-character edit in a
 * config of thousands of workloads evaluates one workload again instead of all of them.
 */
import type { Figure, Finding, Lens, ModelReference, WorkloadResult } from './types';
import type { TextRange } from '../config/document';

/** What one workload added to the analysis: its result, and its findings, model references, lenses and figures in order. */
export interface WorkloadOutput {
  result: WorkloadResult | undefined;
  findings: Finding[];
  modelReferences: ModelReference[];
  lenses: Lens[];
  figures: Figure[];
}

interface KeptWorkload extends WorkloadOutput {
  range: TextRange;
}

/**
 * What a document's previous analysis leaves for the next one. Owned by the caller (one per
 * open document), kept out of the analysis itself, which stays plain data.
 */
import type { SchemaIssueCache } from '../config/validate';

export interface IncrementalState {
  text?: string;
  /** The options the kept workloads were evaluated with, as a key, and the catalog they used. */
  optionsKey?: string;
  catalog?: object;
  /** Where the `workloads` array was. */
  array?: TextRange;
  workloads?: KeptWorkload[];
  /** How many workloads the last analysis took from the one before (what the tests check). */
  reused?: number;
  /** Each workload's schema issues by its text (config/validate.ts): kept for the next check. */
  schemaIssues?: SchemaIssueCache;
}

/** The part of the text an edit replaced: [start, oldEnd) of the old text is [start, newEnd) of the new. */
interface Edit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * Characters compared at once while looking for where two texts part: a block is compared as
 * two slices (the engine's own string comparison), ×15 faster on a 1 MB config than a character
 * at a time; the block that differs is then read a character at a time.
 */
const BLOCK = 1024;

/** The one region where two texts differ, from their common beginning and end. */
export function changedRegion(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start + BLOCK <= shorter && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) start += BLOCK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // The common end may not reach back into the common beginning.
  const room = shorter - start;
  let tail = 0;
  while (tail + BLOCK <= room && before.slice(before.length - tail - BLOCK, before.length - tail) === after.slice(after.length - tail - BLOCK, after.length - tail)) tail += BLOCK;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/**
 * The kept workloads a new analysis of `text` may re-use, looked up by index and range; none
 * when the edit reaches outside the `workloads` array, or the options changed.
 */
export class Reuse {
  /** What was made for each object already moved: an object shared by workloads (a card, a setup) is walked once and stays shared. */
  private readonly moved = new Map<object, unknown>();

  private constructor(
    private readonly kept: KeptWorkload[],
    private readonly edit: Edit,
  ) {}

  static from(state: IncrementalState | undefined, text: string, array: TextRange, optionsKey: string, catalog: object): Reuse | undefined {
    if (!state?.text || !state.workloads || !state.array || state.optionsKey !== optionsKey || state.catalog !== catalog) return undefined;
    const edit = changedRegion(state.text, text);
    const delta = edit.newEnd - edit.oldEnd;
    // Both brackets of the array lie outside the edit, and so does everything else in the file.
    const inside = array.offset === state.array.offset && array.length === state.array.length + delta && edit.start > array.offset && edit.oldEnd < state.array.offset + state.array.length;
    return inside ? new Reuse(state.workloads, edit) : undefined;
  }

  /** The previous output of the workload at `index` and `range`, when its text is untouched, at its new offsets. */
  take(index: number, range: TextRange): WorkloadOutput | undefined {
    const old = this.kept[index];
    if (!old) return undefined;
    const { start, oldEnd, newEnd } = this.edit;
    const delta = newEnd - oldEnd;
    if (range.offset + range.length <= start) {
      if (old.range.offset !== range.offset || old.range.length !== range.length) return undefined;
      return copyOutput(old, oldEnd, 0, this.moved);
    }
    if (range.offset >= newEnd) {
      if (old.range.offset !== range.offset - delta || old.range.length !== range.length) return undefined;
      return copyOutput(old, oldEnd, delta, this.moved);
    }
    return undefined;
  }
}

/** A workload's output to keep: its findings copied, since the analysis adds fixes to them afterwards. */
export function keptWorkload(range: TextRange, output: WorkloadOutput): KeptWorkload {
  return { ...output, range, findings: output.findings.map((f) => ({ ...f })) };
}

function copyOutput(old: KeptWorkload, from: number, delta: number, moved: Map<object, unknown>): WorkloadOutput {
  // Each analysis gets findings of its own: the later passes may add fixes to them.
  if (delta === 0) return { ...old, findings: old.findings.map((f) => ({ ...f })) };
  const { result, findings, modelReferences, lenses, figures } = old;
  return {
    result: shifted(result, from, delta, moved),
    findings: shifted(findings, from, delta, moved).map((f) => ({ ...f })),
    modelReferences: shifted(modelReferences, from, delta, moved),
    lenses: shifted(lenses, from, delta, moved),
    figures: shifted(figures, from, delta, moved),
  };
}

/**
 * `value` with every `offset` at or past `from` moved by `delta`. Objects with no such offset
 * inside are returned as they are (a catalog card keeps its identity); `moved` keeps what was
 * made for an object already seen, so a shared object stays shared.
 */
function shifted<T>(value: T, from: number, delta: number, moved: Map<object, unknown>): T {
  if (typeof value !== 'object' || value === null) return value;
  if (moved.has(value)) return moved.get(value) as T;
  // Marked as itself while its parts are walked: a cycle, if plain data ever had one, ends here.
  moved.set(value, value);
  let copy: unknown = value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = shifted(value[i], from, delta, moved);
      if (item !== value[i]) {
        if (copy === value) copy = value.slice();
        (copy as unknown[])[i] = item;
      }
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const next = key === 'offset' && typeof item === 'number' ? (item >= from ? item + delta : item) : shifted(item, from, delta, moved);
      if (next !== item) {
        if (copy === value) copy = { ...record };
        (copy as Record<string, unknown>)[key] = next;
      }
    }
  }
  moved.set(value, copy);
  return copy as T;
}
