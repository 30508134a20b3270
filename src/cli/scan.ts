/**
 * `scan [dir]`: the model names a project's code and config files write, found by the
 * engine's scanner in every file it reads under a folder.
 *
 * The walk skips `node_modules` and `.git`, what the folder's own `.gitignore` ignores (the
 * root file only; see ignoreRules for the patterns it reads), symbolic links, files over
 * 1 MB, and binary files (a NUL byte in the first 8 KB).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../engine';
import { scanLanguages, scanText } from '../engine/scan';
import { printable } from './printable';

export const MAX_FILE_BYTES = 1 << 20;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export interface FileReference {
  /** Relative to the scanned folder, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  text: string;
  model: string | null;
  host: string | null;
}

export interface ScanResult {
  references: FileReference[];
  /** Files read and scanned. */
  scanned: number;
  /** Files of a scanned language left out: over the size cap, or binary. */
  skipped: number;
}

interface IgnoreRule {
  negate: boolean;
  directoryOnly: boolean;
  /** Matched against the whole path (the pattern has a slash), else against each name. */
  anchored: boolean;
  segments: string[];
}

/**
 * The root `.gitignore`'s patterns: blank lines and `#` comments are skipped; `!` negates;
 * a trailing `/` matches folders only; a pattern with a slash is matched from the root,
 * one without against any name; `*`, `?`, `[a-z]`/`[!a-z]` classes and `**` (any number of
 * folders) are read. Later patterns win, as in git. Nested `.gitignore` files, the global
 * excludes and `.git/info/exclude` are not read.
 */
export function ignoreRules(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split('\n')) {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Trailing spaces are not part of a pattern unless escaped.
    while (line.endsWith(' ') && !line.endsWith('\\ ')) line = line.slice(0, -1);
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    if (line.startsWith('\\')) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (!line) continue;
    rules.push({ negate, directoryOnly, anchored, segments: line.split('/') });
  }
  return rules;
}

/** Whether a name matches one glob segment: `*`, `?`, `[…]`, `\` escapes; a linear-backtracking wildcard match. */
export function matchSegment(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    if (p < pattern.length) {
      const c = pattern[p]!;
      if (c === '*') {
        starP = p++;
        starN = n;
        continue;
      }
      if (c === '?') {
        p++;
        n++;
        continue;
      }
      if (c === '[') {
        const close = pattern.indexOf(']', p + 2);
        if (close > 0) {
          let k = p + 1;
          const negated = pattern[k] === '!' || pattern[k] === '^';
          if (negated) k++;
          let hit = false;
          for (; k < close; k++) {
            if (pattern[k + 1] === '-' && k + 2 < close) {
              if (name[n]! >= pattern[k]! && name[n]! <= pattern[k + 2]!) hit = true;
              k += 2;
            } else if (pattern[k] === name[n]) hit = true;
          }
          if (hit !== negated) {
            p = close + 1;
            n++;
            continue;
          }
        } else if (name[n] === '[') {
          p++;
          n++;
          continue;
        }
      } else {
        const literal = c === '\\' && p + 1 < pattern.length ? pattern[p + 1]! : c;
        if (literal === name[n]) {
          p += c === '\\' ? 2 : 1;
          n++;
          continue;
        }
      }
    }
    // Mismatch: let the last star take one more character, or fail.
    if (starP < 0) return false;
    p = starP + 1;
    n = ++starN;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Segments of a pattern against segments of a path; `**` matches any number of segments. */
function matchSegments(pattern: readonly string[], parts: readonly string[]): boolean {
  // reachable[j]: the pattern so far can end having matched parts[0..j).
  let reachable = new Array<boolean>(parts.length + 1).fill(false);
  reachable[0] = true;
  for (const segment of pattern) {
    const next = new Array<boolean>(parts.length + 1).fill(false);
    for (let j = 0; j <= parts.length; j++) {
      if (!reachable[j]) continue;
      if (segment === '**') for (let k = j; k <= parts.length; k++) next[k] = true;
      else if (j < parts.length && matchSegment(segment, parts[j]!)) next[j + 1] = true;
    }
    reachable = next;
  }
  return reachable[parts.length]!;
}

/** Whether the root `.gitignore` ignores a path (relative, forward slashes). */
export function isIgnored(relative: string, isDirectory: boolean, rules: readonly IgnoreRule[]): boolean {
  const parts = relative.split('/');
  const name = parts[parts.length - 1]!;
  let ignored = false;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    const hit = rule.anchored ? matchSegments(rule.segments, parts) : matchSegment(rule.segments[0]!, name);
    if (hit) ignored = !rule.negate;
  }
  return ignored;
}

/** Every file under `root` that the scanner reads, scanned. */
export function scanFolder(root: string, catalog: Catalog): ScanResult {
  let rules: IgnoreRule[] = [];
  try {
    rules = ignoreRules(readFileSync(path.join(root, '.gitignore'), 'utf8'));
  } catch {
    // No .gitignore: nothing more is skipped.
  }
  const result: ScanResult = { references: [], scanned: 0, skipped: 0 };
  const folders = [''];
  while (folders.length) {
    const folder = folders.pop()!;
    let entries;
    try {
      entries = readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const entry of entries) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !isIgnored(relative, true, rules)) subfolders.push(relative);
        continue;
      }
      if (!entry.isFile() || isIgnored(relative, false, rules)) continue;
      const language = scanLanguages.of(entry.name);
      if (!language) continue;
      const text = readSmallText(path.join(root, relative));
      if (text === undefined) {
        result.skipped++;
        continue;
      }
      result.scanned++;
      for (const r of scanText(text, language, catalog)) {
        result.references.push({ file: relative, line: r.line + 1, column: r.column + 1, text: r.text, model: r.model, host: r.host });
      }
    }
    // Depth first, in name order.
    for (let k = subfolders.length - 1; k >= 0; k--) folders.push(subfolders[k]!);
  }
  return result;
}

/** A file's text as the editor reads it (no byte order mark), or undefined when it is over the cap, binary or unreadable. */
function readSmallText(file: string): string | undefined {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return undefined;
    const bytes = readFileSync(file);
    if (bytes.length > MAX_FILE_BYTES || bytes.subarray(0, 8192).includes(0)) return undefined;
    const text = bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** `--json`: the references, exactly. */
export function scanJson(result: ScanResult): { references: FileReference[] } {
  return { references: result.references.map((r) => ({ file: r.file, line: r.line, column: r.column, text: r.text, model: r.model, host: r.host })) };
}

/** Text: one group per model (most referenced first), each place as file:line:column, and the name as written where it is not the model's id. */
export function scanReport(result: ScanResult): string {
  const groups = new Map<string, { title: string; places: string[] }>();
  for (const r of result.references) {
    const id = r.model ?? '';
    let group = groups.get(id);
    if (!group) {
      group = { title: r.model === null ? 'not in the catalog' : r.host ? `${r.model} (${r.host})` : r.model, places: [] };
      groups.set(id, group);
    }
    group.places.push(`${r.file}:${r.line}:${r.column}${r.text === r.model ? '' : `  ${r.text}`}`);
  }
  const ordered = [...groups.entries()].sort(([a, x], [b, y]) => Number(a === '') - Number(b === '') || y.places.length - x.places.length || (a < b ? -1 : a > b ? 1 : 0));
  const lines: string[] = [];
  for (const [, group] of ordered) {
    lines.push(`${group.title}: ${group.places.length} ${group.places.length === 1 ? 'reference' : 'references'}`);
    for (const place of group.places) lines.push(`  ${place}`);
  }
  const files = new Set(result.references.map((r) => r.file)).size;
  const scanned = `${result.scanned} ${result.scanned === 1 ? 'file' : 'files'} scanned`;
  const skipped = result.skipped ? `, ${result.skipped} skipped (over 1 MB or binary)` : '';
  const known = ordered.filter(([id]) => id !== '').length;
  lines.push(
    result.references.length
      ? `${result.references.length} model ${result.references.length === 1 ? 'name' : 'names'} (${known} ${known === 1 ? 'model' : 'models'} in the catalog) in ${files} ${files === 1 ? 'file' : 'files'}; ${scanned}${skipped}`
      : `No model names found; ${scanned}${skipped}`,
  );
  return lines.map((line) => `${printable(line)}\n`).join('');
}
