/**
 * The parsed config text: its value as plain data, and an index of where each value sits,
 * so that each finding points at the exact place in the file.
 */
import type { JSONPath } from 'jsonc-parser';
import { readJsonc } from './jsonc';
import { ConfigTree, NONE, type NodeId, type TextRange } from './tree';

export interface ConfigDocument {
  text: string;
  tree: ConfigTree;
  /** The root's value as plain data. */
  value: unknown;
  syntaxErrors: (TextRange & { message: string })[];
  /** Read as strict JSON (JSON.parse took it): its value is what JSON.parse gives for any part of it. */
  strict?: true;
}

/**
 * The config's value and the index of where each value sits. Strict JSON, the common case,
 * is read natively and indexed in one pass; comments, trailing commas and half-typed text
 * go through one pass over jsonc-parser's scanner (see readJsonc).
 */
export function parseConfigDocument(text: string): ConfigDocument {
  try {
    const value: unknown = JSON.parse(text);
    return { text, tree: ConfigTree.parseStrictJson(text), value, syntaxErrors: [], strict: true };
  } catch {
    // Not strict JSON: read below.
  }
  const { value, tree, errors } = readJsonc(text);
  return {
    text,
    tree,
    value,
    syntaxErrors: errors.map((e) => ({
      offset: Math.min(e.offset, text.length),
      // An unterminated comment at the end is reported a few characters past it.
      length: Math.max(0, Math.min(e.length, text.length - e.offset)),
      message: describeParseError(e.error),
    })),
  };
}

/** The part of a text an edit replaced: [start, oldEnd) of the old text is [start, newEnd) of the new. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The parse of `text`, which is `before`'s text with `edit` made inside one workload (the edit
 * leaves the workload's braces), from `before`: that workload's text is read again and the
 * rest moved, instead of reading a whole config of thousands of workloads for one keystroke.
 * Undefined where this does not apply, and the caller reads the whole text.
 *
 * Why this is the same parse: the text outside the workload is unchanged, so when its new text
 * is one JSON value the whole is JSON again, and everything outside means what it meant.
 */
export function reparseInWorkload(before: ConfigDocument, text: string, edit: TextEdit): ConfigDocument | undefined {
  const root = before.value;
  if (!before.strict || !isObject(root) || !Array.isArray(root.workloads)) return undefined;
  const tree = before.tree;
  const array = tree.child(tree.root, 'workloads');
  const items = tree.kind(array) === 'array' ? tree.children(array) : [];
  if (items.length !== root.workloads.length) return undefined;
  // The last workload that starts before the edit.
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (tree.offset(items[middle]!) < edit.start) low = middle;
    else high = middle - 1;
  }
  const item = items[low];
  if (item === undefined || tree.kind(item) !== 'object') return undefined;
  const { offset, length } = tree.range(item);
  if (!(offset < edit.start && edit.oldEnd < offset + length)) return undefined;
  const delta = edit.newEnd - edit.oldEnd;
  const own = text.slice(offset, offset + length + delta);
  let value: unknown;
  try {
    value = JSON.parse(own);
  } catch {
    return undefined;
  }
  const workloads = [...root.workloads];
  workloads[low] = value;
  return { text, tree: tree.spliced(item, ConfigTree.parseStrictJson(own), delta), value: { ...root, workloads }, syntaxErrors: [], strict: true };
}

/** jsonc-parser's ParseErrorCode values, 1 to 16, in words (a unit test holds the order to its names). */
export const PARSE_ERROR_WORDS = [
  'Invalid symbol',
  'Invalid number',
  'Property name expected',
  'Value expected',
  'Colon expected',
  'Comma expected',
  'Closing brace } expected',
  'Closing bracket ] expected',
  'End of file expected',
  'Invalid comment',
  'Unterminated comment',
  'Unterminated string',
  'Unterminated number',
  'Invalid unicode escape',
  'Invalid escape character',
  'Invalid character',
] as const;

function describeParseError(code: number): string {
  return `JSON syntax: ${PARSE_ERROR_WORDS[code - 1] ?? 'error'}`;
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(value: unknown, path: JSONPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * The best range for a path that may not exist (a missing property): the value itself, or
 * else the opening brace of the deepest object or array that does.
 */
export function rangeForPath(doc: ConfigDocument, path: JSONPath): TextRange {
  let id = doc.tree.root;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const next = doc.tree.child(id, path[depth]!);
    if (next === NONE) break;
    id = next;
  }
  if (id === NONE) return { offset: 0, length: Math.min(1, doc.text.length) };
  return depth === path.length ? doc.tree.range(id) : { offset: doc.tree.offset(id), length: 1 };
}

export type { ConfigTree, JSONPath, NodeId, TextRange };
export { NONE };


export interface Position {
  line: number;
  character: number;
}

/** Offset → zero-based line/character, as VS Code counts them (UTF-16 code units). */
export function positionConverter(text: string): (offset: number) => Position {
  const starts = lineStarts(text);
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - starts[lo]! };
  };
}

/** The offset where each line of `text` starts, lines ended as TextDocument ends them (\n, \r\n or \r). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */ && text.charCodeAt(i + 1) === 10) continue;
    if (ch === 10 || ch === 13) starts.push(i + 1);
  }
  return starts;
}

/** Any config value as short text; safe for objects without a prototype (jsonc-parser makes those). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value);
  return json === undefined ? String(typeof value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
