/**
 * What git ignores under a folder, read from its `.gitignore` files: the root's and every
 * nested one, each applying to its own folder and below, a deeper file overriding a
 * shallower one, and nothing under an ignored folder coming back (git does not descend into
 * it). The patterns are matched by `ignore`, the matcher eslint and prettier use; each nested
 * file's patterns are rebased onto the root, so that one matcher holds a folder's own and
 * those above it, in the order git gives them precedence.
 *
 * Pure: the caller lists folders and reads files. The CLI's `scan` walks a folder with
 * walkFiles; the editor's Find Model Usage lists files with VS Code and filters them with
 * IgnoreFiles.
 */
import ignore, { type Ignore } from 'ignore';

export const GITIGNORE = '.gitignore';

/** Trailing blanks end a pattern unless the last one is escaped with a backslash. */
function trimTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t') && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

/**
 * A `.gitignore`'s patterns as the root's patterns. In `sub/.gitignore`, a pattern with a
 * slash at its start or in its middle is relative to `sub` (`/x` and `a/b` become `sub/x` and
 * `sub/a/b`); one without matches at any depth below it (`x` becomes `sub/**` + `/x`). A
 * trailing slash (folders only) and a leading `!` are kept. Blank lines and comments go.
 */
export function rebasedPatterns(folder: string, text: string): string[] {
  const patterns: string[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const raw of body.split('\n')) {
    let line = trimTrailingBlanks(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (!line || line.startsWith('#')) continue;
    if (!folder) {
      patterns.push(line);
      continue;
    }
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    const folderOnly = line.endsWith('/') && !line.endsWith('\\/');
    if (folderOnly) line = line.slice(0, -1);
    if (!line || line === '/') continue;
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    patterns.push(`${negated ? '!' : ''}${folder}/${anchored ? '' : '**/'}${line}${folderOnly ? '/' : ''}`);
  }
  return patterns;
}

/**
 * The `.gitignore` files of one tree, matched as git matches them. Paths are relative to the
 * tree's root, with forward slashes. Matching is case-sensitive, as git's is by default on
 * case-sensitive file systems.
 */
export class IgnoreFiles {
  /** Each folder's own patterns, rebased onto the root. */
  private readonly patterns = new Map<string, string[]>();
  /**
   * A matcher per folder with a .gitignore, holding the patterns of that file and of those
   * above it, shallowest first: a path is tested against the files that can apply to it
   * rather than against every file of the tree.
   */
  private readonly matchers = new Map<string, Ignore>();

  /** Adds the `.gitignore` of `folder` ('' for the root); a folder's first file is the one kept. */
  add(folder: string, text: string): void {
    if (this.patterns.has(folder)) return;
    this.patterns.set(folder, rebasedPatterns(folder, text));
    for (const key of [...this.matchers.keys()]) if (isWithin(key, folder)) this.matchers.delete(key);
  }

  /** Whether git ignores the path: by a pattern, or because a folder above it is ignored. */
  ignores(path: string, isFolder: boolean): boolean {
    if (!path || !ignore.isPathValid(path)) return false;
    const matcher = this.matcherFor(splitPath(path).folder);
    return matcher !== undefined && matcher.ignores(isFolder ? `${path}/` : path);
  }

  /** The matcher of the nearest folder at or above `folder` that has a .gitignore. */
  private matcherFor(folder: string): Ignore | undefined {
    let nearest: string | undefined = folder;
    while (nearest !== undefined && !this.patterns.has(nearest)) nearest = nearest ? splitPath(nearest).folder : undefined;
    if (nearest === undefined) return undefined;
    let matcher = this.matchers.get(nearest);
    if (!matcher) {
      const chain: string[][] = [];
      for (let above: string | undefined = nearest; above !== undefined; above = above ? splitPath(above).folder : undefined) {
        const own = this.patterns.get(above);
        if (own) chain.unshift(own);
      }
      matcher = ignore({ ignoreCase: false }).add(chain.flat());
      this.matchers.set(nearest, matcher);
    }
    return matcher;
  }

  /** From `.gitignore` files found in any order, each with the folder it sits in. */
  static of(files: Iterable<{ folder: string; text: string }>): IgnoreFiles {
    const result = new IgnoreFiles();
    for (const file of files) result.add(file.folder, file.text);
    return result;
  }
}

/** Whether `path` is `folder` or under it ('' holds everything). */
function isWithin(path: string, folder: string): boolean {
  return !folder || path === folder || path.startsWith(`${folder}/`);
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
 * `skipFolder` says so (node_modules, .git) are not entered.
 */
export function* walkFiles(tree: FileTree, skipFolder: (name: string) => boolean = () => false): Generator<string> {
  const ignored = new IgnoreFiles();
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
