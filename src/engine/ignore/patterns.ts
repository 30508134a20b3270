/**
 * One `.gitignore` file's patterns, compiled once into an index, so that asking about a path
 * costs a few hash lookups and a bounded number of regular expressions however many patterns
 * the file holds.
 *
 * Why an index of our own: `ignore` tests every rule of a set against every path (the last
 * match wins), so a walk costs files × patterns: 5,000 files under a .gitignore of 8,000
 * patterns took 35–40 s. `ignore` stays the matcher of every pattern with a wildcard, with its
 * git semantics (brackets, escapes, `**`); what is ours is only the choice of the few patterns
 * that could match a path, by a literal that any path they match must hold:
 *
 * - a pattern without a wildcard matches by equality: its name (or its path, when anchored)
 *   is a key in a hash map;
 * - a pattern of one segment (matched against a path's name) is keyed by its literal end
 *   (`*.log`: the name ends with `.log`) or, without one, its literal start (`tmp*`);
 * - an anchored pattern is keyed by its literal leading folders (`docs/*.tmp`: the path is
 *   under `docs`), or, when it starts with a `**` folder, by the literal folder after that one
 *   (`cache/*.py` there: the path is in a folder named `cache`);
 * - the rest is asked of every path.
 *
 * At most MAX_SHARED_KEY distinct patterns with wildcards share a key (or have none), and keys are at
 * most MAX_KEY_CHARS long, so that a path is asked of a bounded number of patterns; patterns
 * past that are left out and counted by the caller.
 */
import ignore, { type Ignore } from 'ignore';

/** Patterns with a wildcard that may share one key, or have none, in one file. */
export const MAX_SHARED_KEY = 128;
/** Characters of a name's literal end or start used as a key. */
export const MAX_KEY_CHARS = 16;

/** Characters that make a pattern more than a literal (`]` too, which ends a bracket expression). */
const SPECIAL = /[*?[\]\\]/;

interface Entry {
  /** The pattern's line in its file: a later one wins. */
  index: number;
  negated: boolean;
  folderOnly: boolean;
}

interface GlobEntry extends Entry {
  /** The pattern as `ignore` reads it, without its `!`. */
  source: string;
}

/** One pattern of a .gitignore line, or undefined for a line that matches nothing. */
export function parsePattern(line: string): { negated: boolean; folderOnly: boolean; anchored: boolean; body: string; source: string } | undefined {
  const negated = line.startsWith('!');
  let body = negated ? line.slice(1) : line;
  const original = body;
  const folderOnly = body.endsWith('/') && !body.endsWith('\\/');
  if (folderOnly) body = body.slice(0, -1);
  if (!body || body === '/') return undefined;
  let anchored = body.includes('/');
  if (body.startsWith('/')) body = body.slice(1);
  // `**/name` is `name` at any depth, as git reads it.
  if (anchored && body.startsWith('**/') && !body.slice(3).includes('/') && body.length > 3) {
    body = body.slice(3);
    anchored = false;
  }
  return { negated, folderOnly, anchored, body, source: anchored ? original : `${body}${folderOnly ? '/' : ''}` };
}

/**
 * Patterns with wildcards that share a key, asked through `ignore`: one matcher for the
 * ignoring patterns and one for the negated ones (read as ignoring), each rule marked with its
 * line, so that the last match of each is known and the later of the two wins.
 */
class GlobBucket {
  readonly entries: GlobEntry[] = [];
  private readonly byIndex = new Map<number, GlobEntry>();
  private readonly bySource = new Map<string, GlobEntry>();
  private readonly matchers: (Ignore | undefined)[] = [];
  private singles: Map<GlobEntry, Ignore> | undefined;

  /** Adds a pattern; false when MAX_SHARED_KEY others are here. The same pattern again replaces the earlier one, which can no longer be the last match. */
  add(entry: GlobEntry): boolean {
    const key = `${entry.negated ? '!' : ''}${entry.source}`;
    const same = this.bySource.get(key);
    if (same) {
      this.entries.splice(this.entries.indexOf(same), 1);
      this.byIndex.delete(same.index);
    } else if (this.entries.length >= MAX_SHARED_KEY) {
      return false;
    }
    this.entries.push(entry);
    this.byIndex.set(entry.index, entry);
    this.bySource.set(key, entry);
    this.matchers.length = 0;
    this.singles = undefined;
    return true;
  }

  get maxIndex(): number {
    return this.entries[this.entries.length - 1]?.index ?? -1;
  }

  /** The last of the patterns that matches the subject itself (a name, or a path relative to the file's folder). */
  lastMatch(subject: string, isFolder: boolean): Entry | undefined {
    const asked = isFolder ? `${subject}/` : subject;
    const slash = subject.lastIndexOf('/');
    const parent = slash < 0 ? undefined : subject.slice(0, slash + 1);
    let best: Entry | undefined;
    for (const negated of [false, true]) {
      const matcher = this.matcher(negated);
      const result = matcher?.test(asked);
      if (!matcher || !result?.ignored) continue;
      // `ignore` reports a path under a folder it ignores as ignored by the folder's rule; that
      // folder was re-included by a later pattern (else the path would not be asked), so the
      // path's own match is asked of each pattern alone.
      const found = parent !== undefined && matcher.test(parent).ignored ? this.selfMatch(negated, asked) : this.byIndex.get(Number(result.rule?.mark));
      if (found && (!best || found.index > best.index)) best = found;
    }
    return best;
  }

  private matcher(negated: boolean): Ignore | undefined {
    const at = negated ? 1 : 0;
    if (this.matchers.length === 0) {
      for (const sign of [false, true]) {
        const rules = this.entries.filter((e) => e.negated === sign).map((e) => ({ pattern: e.source, mark: String(e.index) }));
        this.matchers.push(rules.length ? newMatcher().add(rules) : undefined);
      }
    }
    return this.matchers[at];
  }

  /** The last pattern of one sign that matches the path itself: as a negation, `ignore` never carries it down from a folder. */
  private selfMatch(negated: boolean, asked: string): Entry | undefined {
    this.singles ??= new Map();
    for (let k = this.entries.length - 1; k >= 0; k--) {
      const entry = this.entries[k]!;
      if (entry.negated !== negated) continue;
      let single = this.singles.get(entry);
      if (!single) this.singles.set(entry, (single = newMatcher().add(`!${entry.source}`)));
      if (single.test(asked).unignored) return entry;
    }
    return undefined;
  }
}

function newMatcher(): Ignore {
  return ignore({ ignoreCase: false, allowRelativePaths: true });
}

/** The last entry of a list (in line order) that applies, if later than `after`. */
function lastApplicable(list: readonly Entry[] | undefined, isFolder: boolean, after: number): Entry | undefined {
  if (!list) return undefined;
  for (let k = list.length - 1; k >= 0 && list[k]!.index > after; k--) {
    const entry = list[k]!;
    if (!entry.folderOnly || isFolder) return entry;
  }
  return undefined;
}

/** A path's first `depth` folders, or undefined when it has no more than that many segments. */
function leadingFolders(path: string, depth: number): string | undefined {
  let at = -1;
  for (let k = 0; k < depth; k++) {
    at = path.indexOf('/', at + 1);
    if (at < 0) return undefined;
  }
  return path.slice(0, at);
}

/** The patterns of one .gitignore, indexed; paths are relative to its folder. */
export class FolderPatterns {
  private readonly names = new Map<string, Entry[]>();
  private readonly paths = new Map<string, Entry[]>();
  private readonly ends = new Map<string, GlobBucket>();
  private readonly endLengths = new Set<number>();
  private readonly starts = new Map<string, GlobBucket>();
  private readonly startLengths = new Set<number>();
  private readonly folders = new Map<string, GlobBucket>();
  private readonly folderDepths = new Set<number>();
  private readonly anyFolder = new Map<string, GlobBucket>();
  private readonly unkeyedNames = new GlobBucket();
  private readonly unkeyedPaths = new GlobBucket();

  /** Adds the pattern of a line; false when it is left out, its key shared by MAX_SHARED_KEY patterns already. */
  add(line: string, index: number): boolean {
    const pattern = parsePattern(line);
    if (!pattern) return true;
    const entry: Entry = { index, negated: pattern.negated, folderOnly: pattern.folderOnly };
    const { body } = pattern;
    if (!SPECIAL.test(body)) {
      const map = pattern.anchored ? this.paths : this.names;
      const list = map.get(body);
      if (list) list.push(entry);
      else map.set(body, [entry]);
      return true;
    }
    const glob: GlobEntry = { ...entry, source: pattern.source };
    if (!pattern.anchored) {
      let start = 0;
      while (start < body.length && !SPECIAL.test(body[start]!)) start++;
      let end = body.length;
      while (end > 0 && !SPECIAL.test(body[end - 1]!)) end--;
      const endChars = Math.min(MAX_KEY_CHARS, body.length - end);
      const startChars = Math.min(MAX_KEY_CHARS, start);
      if (endChars > 0 && endChars >= startChars) return this.keyed(this.ends, this.endLengths, body.slice(body.length - endChars), endChars, glob);
      if (startChars > 0) return this.keyed(this.starts, this.startLengths, body.slice(0, startChars), startChars, glob);
      return this.unkeyedNames.add(glob);
    }
    const segments = body.split('/');
    let depth = 0;
    while (depth < segments.length - 1 && !SPECIAL.test(segments[depth]!)) depth++;
    if (depth === 0) {
      const folder = segments[1];
      if (segments[0] === '**' && segments.length > 2 && folder && !SPECIAL.test(folder)) return this.keyed(this.anyFolder, new Set(), folder, 0, glob);
      return this.unkeyedPaths.add(glob);
    }
    return this.keyed(this.folders, this.folderDepths, segments.slice(0, depth).join('/'), depth, glob);
  }

  private keyed(map: Map<string, GlobBucket>, sizes: Set<number>, key: string, size: number, entry: GlobEntry): boolean {
    let bucket = map.get(key);
    if (!bucket) map.set(key, (bucket = new GlobBucket()));
    if (!bucket.add(entry)) return false;
    sizes.add(size);
    return true;
  }

  /**
   * What the file's patterns say of a path itself (not of the folders above it): true when the
   * last pattern that matches ignores it, false when it is negated, undefined when none matches.
   */
  lastMatch(path: string, isFolder: boolean): boolean | undefined {
    const slash = path.lastIndexOf('/');
    const name = slash < 0 ? path : path.slice(slash + 1);
    let best: Entry | undefined;
    const consider = (entry: Entry | undefined) => {
      if (entry && (!best || entry.index > best.index)) best = entry;
    };
    const ask = (bucket: GlobBucket | undefined, subject: string) => {
      if (bucket && bucket.maxIndex > (best?.index ?? -1)) consider(bucket.lastMatch(subject, isFolder));
    };
    consider(lastApplicable(this.names.get(name), isFolder, -1));
    consider(lastApplicable(this.paths.get(path), isFolder, best?.index ?? -1));
    for (const size of this.endLengths) if (name.length >= size) ask(this.ends.get(name.slice(name.length - size)), name);
    for (const size of this.startLengths) if (name.length >= size) ask(this.starts.get(name.slice(0, size)), name);
    ask(this.unkeyedNames, name);
    for (const depth of this.folderDepths) {
      const folders = leadingFolders(path, depth);
      if (folders !== undefined) ask(this.folders.get(folders), path);
    }
    if (this.anyFolder.size > 0) {
      const folders = path.split('/');
      folders.pop();
      for (const folder of new Set(folders)) ask(this.anyFolder.get(folder), path);
    }
    ask(this.unkeyedPaths, path);
    const found: Entry | undefined = best;
    return found === undefined ? undefined : !found.negated;
  }
}

