/**
 * `scan [dir]`: the model names a project's code and config files write, found by the
 * engine's scanner in every file it reads under a folder.
 *
 * The walk skips `node_modules` and `.git`, what the folder's `.gitignore` files ignore (the
 * root's and nested ones: see engine/ignore/ignoreFiles), symbolic links, files over 1 MB, and
 * binary files (a NUL byte in the first 8 KB). Only regular files are read: a FIFO or a device
 * put in their place would block or never end. A name that is not UTF-8 is read as the bytes
 * it is, opened by them and shown with its stray bytes escaped (`\xff`).
 */
import { readdirSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../engine';
import { scanLanguages, scanText } from '../engine/scan';
import { IgnoreFiles, MAX_PATTERNS, walkFiles, type FileTree, type TreeEntry, MAX_SHARED_KEY } from '../engine/ignore';
import { printable } from './printable';
import { readBounded } from '../node/boundedRead';

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
  /** Files of a scanned language left out: over the size cap, binary, or not a regular file. */
  skipped: number;
  /** .gitignore patterns not read, past the matcher's limits (see engine/ignore/ignoreFiles). */
  ignorePatternsLeftOut: number;
}

/** Every file under `root` that the scanner reads, scanned. */
export function scanFolder(root: string, catalog: Catalog): ScanResult {
  const result: ScanResult = { references: [], scanned: 0, skipped: 0, ignorePatternsLeftOut: 0 };
  const tree = folderTree(root);
  const ignored = new IgnoreFiles();
  for (const relative of walkFiles(tree, (name) => ALWAYS_SKIPPED.has(name), ignored)) {
    const language = scanLanguages.of(relative);
    if (!language) continue;
    const text = tree.read(relative);
    if (text === undefined) {
      result.skipped++;
      continue;
    }
    result.scanned++;
    for (const r of scanText(text, language, catalog)) {
      result.references.push({ file: relative, line: r.line + 1, column: r.column + 1, text: r.text, model: r.model, host: r.host });
    }
  }
  result.ignorePatternsLeftOut = ignored.leftOut;
  return result;
}

/**
 * A name as it is shown and matched: the name itself when its bytes are UTF-8, else the
 * UTF-8 sequences it holds with every other byte escaped as `\xNN`.
 */
export function nameOf(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes)) return text;
  let shown = '';
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const size = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    const sequence = size ? bytes.subarray(i, i + size) : undefined;
    // A sequence that decodes and encodes back to the same bytes is UTF-8; any other byte is escaped.
    const decoded = sequence?.length === size ? sequence.toString('utf8') : undefined;
    if (sequence && decoded !== undefined && Buffer.from(decoded, 'utf8').equals(sequence)) {
      shown += decoded;
      i += size;
    } else {
      shown += `\\x${lead.toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return shown;
}

/**
 * The folder on disk as the walk sees it; symbolic links are neither files nor folders to it.
 * Entries are listed as bytes; a path with a name that is not UTF-8 is kept as the bytes that
 * open it, under the name shown for it (made unique in its folder).
 */
function folderTree(root: string): FileTree {
  const bytePaths = new Map<string, Buffer>();
  const onDisk = (relative: string): string | Buffer => bytePaths.get(relative) ?? path.join(root, relative);
  return {
    list(folder) {
      let entries: Dirent<Buffer>[];
      const where = onDisk(folder);
      try {
        entries = readdirSync(where, { withFileTypes: true, encoding: 'buffer' });
      } catch {
        return undefined;
      }
      const listed: TreeEntry[] = [];
      const names = new Set<string>();
      for (const entry of entries) {
        let name = nameOf(entry.name);
        const exact = Buffer.from(name, 'utf8').equals(entry.name);
        if (!exact) while (names.has(name) || entries.some((e) => e.name.toString('utf8') === name)) name = `${name}~`;
        names.add(name);
        const relative = folder ? `${folder}/${name}` : name;
        if (!exact || typeof where !== 'string') bytePaths.set(relative, Buffer.concat([typeof where === 'string' ? Buffer.from(where) : where, Buffer.from(path.sep), entry.name]));
        listed.push({ name, kind: entry.isSymbolicLink() ? 'other' : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other' });
      }
      return listed;
    },
    read(file) {
      return readSmallText(onDisk(file));
    },
  };
}

/**
 * A file's text as the editor reads it (no byte order mark), or undefined when it is not a
 * regular file, over the cap (counted on the bytes read, which a file growing after its
 * size was taken cannot pass), binary or unreadable. Opened without waiting, so that a FIFO
 * does not block the open; it is then turned away as not a regular file.
 */
export function readSmallText(file: string | Buffer): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readBounded(file, MAX_FILE_BYTES);
  } catch {
    return undefined;
  }
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
  if (result.ignorePatternsLeftOut) {
    const n = result.ignorePatternsLeftOut;
    lines.push(`${n.toLocaleString('en-US')} .gitignore ${n === 1 ? 'pattern' : 'patterns'} not read, past the matcher's limits (${MAX_PATTERNS.toLocaleString('en-US')} patterns, ${MAX_SHARED_KEY} with wildcards on one literal, few **): files only they ignore were scanned`);
  }
  const known = ordered.filter(([id]) => id !== '').length;
  lines.push(
    result.references.length
      ? `${result.references.length} model ${result.references.length === 1 ? 'name' : 'names'} (${known} ${known === 1 ? 'model' : 'models'} in the catalog) in ${files} ${files === 1 ? 'file' : 'files'}; ${scanned}${skipped}`
      : `No model names found; ${scanned}${skipped}`,
  );
  return lines.map((line) => `${printable(line)}\n`).join('');
}
