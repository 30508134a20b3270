/**
 * What git ignores under a folder, read from its `.gitignore` files: the root's and every
 * nested one, each applying to its own folder and below, a deeper file overriding a
 * shallower one, and nothing under an ignored folder coming back (git does not descend into
 * it). Each file's patterns are compiled once into an index (FolderPatterns, ignorePatterns.ts)
 * that asks `ignore`, the matcher eslint and prettier use, about the few patterns that could
 * match a path, so that a path costs about the same under 10 patterns or 10,000.
 *
 * Pure: the caller lists folders and reads files. The CLI's `scan` walks a folder with
 * walkFiles; the editor's Find Model Usage lists files with VS Code and filters them with
 * IgnoreFiles.
 */
import ignore from 'ignore';
import { FolderPatterns } from './patterns';

export const GITIGNORE = '.gitignore';

/**
 * Folders below the root that are read, at most; anything deeper counts as ignored. The
 * matcher's regular expression for a pattern with `**` backtracks more the deeper the path.
 */
export const MAX_DEPTH = 32;
/**
 * `**` folders a pattern may hold between its segments (a trailing `/**` is free). One costs
 * time linear in the path's depth; two, quadratic, so only a few such patterns are read in a
 * tree; three or more, and the pattern is not read at all.
 */
export const MAX_GLOBSTARS = 2;
export const MAX_PATTERNS_WITH_TWO_GLOBSTARS = 16;
/** Patterns read in one tree, at most (past them, the rest are left out and counted). */
export const MAX_PATTERNS = 100_000;

/** The `**` folders of a pattern that another segment follows. */
function innerGlobstars(pattern: string): number {
  const segments = pattern.split('/');
  let count = 0;
  for (let k = 0; k < segments.length - 1; k++) if (segments[k] === '**' && segments[k + 1] !== '') count++;
  return count;
}

/** Trailing spaces end a pattern unless the last one is escaped with a backslash (tabs stay, as in git). */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

/** A `.gitignore`'s pattern lines: no byte order mark, line ends, trailing spaces, blank lines or comments. */
function patternLines(text: string): string[] {
  const lines: string[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const raw of body.split('\n')) {
    const line = trimTrailingSpaces(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (line && !line.startsWith('#')) lines.push(line);
  }
  return lines;
}

/** A pattern line of the `.gitignore` in `folder`, as a pattern of the root (see rebasedPatterns). */
function rebased(folder: string, pattern: string): string | undefined {
  if (!folder) return pattern;
  let line = pattern;
  const negated = line.startsWith('!');
  if (negated) line = line.slice(1);
  const folderOnly = line.endsWith('/') && !line.endsWith('\\/');
  if (folderOnly) line = line.slice(0, -1);
  if (!line || line === '/') return undefined;
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  return `${negated ? '!' : ''}${folder}/${anchored ? '' : '**/'}${line}${folderOnly ? '/' : ''}`;
}

/**
 * A `.gitignore`'s patterns as the root's patterns. In `sub/.gitignore`, a pattern with a
 * slash at its start or in its middle is relative to `sub` (`/x` and `a/b` become `sub/x` and
 * `sub/a/b`); one without matches at any depth below it (`x` becomes `sub/**` + `/x`). A
 * trailing slash (folders only) and a leading `!` are kept. Blank lines and comments go.
 * The `**` limits are counted on this form, which is what the pattern means from the root.
 */
export function rebasedPatterns(folder: string, text: string): string[] {
  return patternLines(text).flatMap((line) => rebased(folder, line) ?? []);
}

/**
 * The `.gitignore` files of one tree, matched as git matches them. Paths are relative to the
 * tree's root, with forward slashes. Matching is case-sensitive, as git's is by default on
 * case-sensitive file systems.
 */
export class IgnoreFiles {
  /** Each folder's own patterns, indexed. */
  private readonly files = new Map<string, FolderPatterns>();
  /** Whether a folder is ignored, itself or by a folder above it: asked once per folder. */
  private readonly folders = new Map<string, boolean>();

  private patternsWithTwoGlobstars = 0;
  private patternsRead = 0;
  /** Patterns left out: past the `**` limits, MAX_PATTERNS, or a key shared by too many (see ignorePatterns). */
  leftOut = 0;

  /**
   * Adds the `.gitignore` of `folder` ('' for the root); a folder's first file is the one kept.
   * Patterns past the limits are left out and counted in leftOut.
   */
  add(folder: string, text: string): void {
    if (this.files.has(folder)) return;
    const patterns = new FolderPatterns();
    patternLines(text).forEach((line, index) => {
      const pattern = rebased(folder, line);
      if (pattern === undefined) return;
      const globstars = innerGlobstars(pattern);
      const kept =
        globstars <= MAX_GLOBSTARS &&
        (globstars < MAX_GLOBSTARS || this.patternsWithTwoGlobstars++ < MAX_PATTERNS_WITH_TWO_GLOBSTARS) &&
        this.patternsRead < MAX_PATTERNS &&
        patterns.add(line, index);
      if (kept) this.patternsRead++;
      else this.leftOut++;
    });
    this.files.set(folder, patterns);
    this.folders.clear();
  }

  /**
   * Whether git ignores the path: by a pattern, or because a folder above it is ignored. A
   * path more than MAX_DEPTH folders deep counts as ignored.
   */
  ignores(path: string, isFolder: boolean): boolean {
    if (!path || !ignore.isPathValid(path)) return false;
    if (depthOf(path, isFolder) > MAX_DEPTH) return true;
    return this.folderIgnored(splitPath(path).folder) || this.matches(path, isFolder);
  }

  /** Whether a folder is ignored, by its own match or a folder's above it ('' never is). */
  private folderIgnored(folder: string): boolean {
    if (!folder) return false;
    let answer = this.folders.get(folder);
    if (answer === undefined) {
      answer = this.folderIgnored(splitPath(folder).folder) || this.matches(folder, true);
      this.folders.set(folder, answer);
    }
    return answer;
  }

  /** What the .gitignore files above a path say of the path itself: the deepest file with a matching pattern decides. */
  private matches(path: string, isFolder: boolean): boolean {
    for (let folder: string | undefined = splitPath(path).folder; folder !== undefined; folder = folder ? splitPath(folder).folder : undefined) {
      const patterns = this.files.get(folder);
      const answer = patterns?.lastMatch(folder ? path.slice(folder.length + 1) : path, isFolder);
      if (answer !== undefined) return answer;
    }
    return false;
  }

  /**
   * From `.gitignore` files found in any order, each with the folder it sits in: added in the
   * order walkFiles meets them, so that the same patterns are read past the `**` limits.
   */
  static of(files: Iterable<{ folder: string; text: string }>): IgnoreFiles {
    const result = new IgnoreFiles();
    for (const file of [...files].sort((a, b) => walkOrder(a.folder, b.folder))) result.add(file.folder, file.text);
    return result;
  }
}

/** Depth first, in name order: a folder, then its subfolders, then the folder after it. */
function walkOrder(a: string, b: string): number {
  const x = a ? a.split('/') : [];
  const y = b ? b.split('/') : [];
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k]! < y[k]! ? -1 : 1;
  return x.length - y.length;
}

/** How many folders below the root a path is: a folder counts itself, a file its folders. */
function depthOf(path: string, isFolder: boolean): number {
  let slashes = 0;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) slashes++;
  return isFolder ? slashes + 1 : slashes;
}

/** The folder a path sits in ('' for the root), and its name. */
export function splitPath(path: string): { folder: string; name: string } {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? { folder: '', name: path } : { folder: path.slice(0, slash), name: path.slice(slash + 1) };
}

export interface TreeEntry {
  name: string;
  kind: 'file' | 'folder' | 'other';
}

/** A tree of folders and files: the file system for the CLI, anything for tests and benchmarks. */
export interface FileTree {
  /** The entries of a folder ('' for the root), or undefined when it cannot be read. */
  list(folder: string): readonly TreeEntry[] | undefined;
  /** A file's text, or undefined when it cannot be read. */
  read(file: string): string | undefined;
}

/**
 * Every file under the tree's root that its `.gitignore` files do not ignore, depth first in
 * name order, reading each folder's `.gitignore` on the way down. Folders for which
 * `skipFolder` says so (node_modules, .git) are not entered. `ignored` receives the
 * `.gitignore` files read (its leftOut counts the patterns past the limits).
 */
export function* walkFiles(tree: FileTree, skipFolder: (name: string) => boolean = () => false, ignored = new IgnoreFiles()): Generator<string> {
  const folders = [''];
  while (folders.length) {
    const folder = folders.pop()!;
    const entries = tree.list(folder);
    if (!entries) continue;
    if (entries.some((e) => e.name === GITIGNORE && e.kind === 'file')) {
      const text = tree.read(folder ? `${folder}/${GITIGNORE}` : GITIGNORE);
      if (text !== undefined) ignored.add(folder, text);
    }
    const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const entry of sorted) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.kind === 'folder') {
        if (!skipFolder(entry.name) && !ignored.ignores(path, true)) subfolders.push(path);
      } else if (entry.kind === 'file' && !ignored.ignores(path, false)) {
        yield path;
      }
    }
    for (let k = subfolders.length - 1; k >= 0; k--) folders.push(subfolders[k]!);
  }
}
