/**
 * Re-using the workloads an edit did not touch. A workload's result depends on its own text,
 * its index, and what the file says outside its `workloads` array (assumptions, requirements,
 * declared models, GPU prices) with the options the analysis ran with. When an edit changes
 * the text of some workloads only, the others are taken from the previous analysis of the same
 * document, their offsets moved by the edit's change of length: a one-character edit in a
 * config of thousands of workloads evaluates one workload again instead of all of them.
 */
import type { Figure, Finding, Lens, ModelReference, WorkloadResult } from './types';
import type { ConfigDocument, TextEdit, TextRange } from '../config/document';
import type { SchemaIssueCache } from '../config/validate';

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
export interface IncrementalState {
  text?: string;
  /** The options the kept workloads were evaluated with, as a key, and the catalog they used. */
  optionsKey?: string;
  catalog?: object;
  /** The last text's parse, when it was strict JSON: an edit inside one workload reads only that workload again. */
  doc?: ConfigDocument;
  /** Where the `workloads` array was. */
  array?: TextRange;
  workloads?: KeptWorkload[];
  /** How many workloads the last analysis took from the one before (what the tests check). */
  reused?: number;
  /** Each workload's schema issues by its text (config/validate.ts): kept for the next check. */
  schemaIssues?: SchemaIssueCache;
}

/**
 * Characters compared at once while looking for where two texts part: a block is compared as
 * two slices (the engine's own string comparison), ×15 faster on a 1 MB config than a character
 * at a time; the block that differs is then read a character at a time.
 */
const BLOCK = 1024;

/** The one region where two texts differ, from their common beginning and end. */
export function changedRegion(before: string, after: string): TextEdit {
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
  private constructor(
    private readonly kept: KeptWorkload[],
    private readonly edit: TextEdit,
  ) {}

  static from(state: IncrementalState | undefined, edit: TextEdit | undefined, array: TextRange, optionsKey: string, catalog: object): Reuse | undefined {
    if (!edit || !state?.workloads || !state.array || state.optionsKey !== optionsKey || state.catalog !== catalog) return undefined;
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
      // Its own offsets are before the edit; a finding's related place may be after it (the
      // project's requirements or allowedModels written after the workloads).
      return delta !== 0 && old.findings.some((f) => f.related?.some((r) => r.offset >= oldEnd)) ? copyOutput(old, oldEnd, delta) : old;
    }
    if (range.offset >= newEnd) {
      if (old.range.offset !== range.offset - delta || old.range.length !== range.length) return undefined;
      return copyOutput(old, oldEnd, delta);
    }
    return undefined;
  }
}

/**
 * A workload's output to keep, as it is: nothing changes an analysis's findings, lenses or
 * figures once made (a later pass that adds a fix to a finding puts a new finding in its place).
 */
export function keptWorkload(range: TextRange, output: WorkloadOutput): KeptWorkload {
  return { ...output, range };
}

/** A kept workload's output for the new text: past the edit, every text offset moves by its change of length. */
function copyOutput(old: KeptWorkload, from: number, delta: number): WorkloadOutput {
  if (delta === 0) return old;
  const at = (offset: number) => (offset >= from ? offset + delta : offset);
  const { result, findings, modelReferences, lenses, figures } = old;
  return {
    result: result && movedResult(result, at),
    findings: findings.map((f) => (f.related ? { ...f, offset: at(f.offset), related: f.related.map((r) => ({ ...r, offset: at(r.offset) })) } : { ...f, offset: at(f.offset) })),
    modelReferences: modelReferences.map((r) => ({ ...r, offset: at(r.offset) })),
    lenses: lenses.map((l) => ({ ...l, offset: at(l.offset) })),
    figures: figures.map((f) => ({ ...f, offset: at(f.offset) })),
  };
}

/**
 * Where a workload's result holds text offsets: its own range and its alternatives' cheapest
 * setups (AlternativeCheapest). Everything else in it (setups, explanations, cards) holds none,
 * and is shared with the previous result rather than walked: a test walks the outputs of every
 * engine fixture for an offset anywhere else.
 */
function movedResult(result: WorkloadResult, at: (offset: number) => number): WorkloadResult {
  const moved = { ...result, offset: at(result.offset) };
  if (result.alternativeCheapest) moved.alternativeCheapest = result.alternativeCheapest.map((a) => ({ ...a, offset: at(a.offset) }));
  return moved;
}
