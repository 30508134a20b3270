/**
 * `scan [dir]`: the model names a project's code and config files write, found by the
 * engine's scanner in every file it reads under a folder.
 *
 * The walk skips `node_modules` and `.git`, what the folder's `.gitignore` files ignore (the
 * root's and nested ones: see engine/scan/ignoreFiles), symbolic links, files over 1 MB, and
 * binary files (a NUL byte in the first 8 KB).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../engine';
import { scanLanguages, scanText } from '../engine/scan';
import { walkFiles, type FileTree } from '../engine/scan/ignoreFiles';
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

/** Every file under `root` that the scanner reads, scanned. */
export function scanFolder(root: string, catalog: Catalog): ScanResult {
  const result: ScanResult = { references: [], scanned: 0, skipped: 0 };
  for (const relative of walkFiles(folderTree(root), (name) => ALWAYS_SKIPPED.has(name))) {
    const language = scanLanguages.of(relative);
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
  return result;
}

/** The folder on disk as the walk sees it; symbolic links are neither files nor folders to it. */
function folderTree(root: string): FileTree {
  return {
    list(folder) {
      try {
        return readdirSync(path.join(root, folder), { withFileTypes: true }).map((entry) => ({
          name: entry.name,
          kind: entry.isSymbolicLink() ? 'other' : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other',
        }));
      } catch {
        return undefined;
      }
    },
    read(file) {
      return readSmallText(path.join(root, file));
    },
  };
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
