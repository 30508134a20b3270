/**
 * The indexed .gitignore matcher (src/engine/scan/ignorePatterns) against the reference: every
 * pattern of the files above a path, rebased onto the root, in one `ignore` matcher, the way
 * the scan matched before the index. Generated trees of small .gitignore files, a large file
 * of 4,000 patterns of every kind, and the limits.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import ignore, { type Ignore } from 'ignore';
import { IgnoreFiles, MAX_PATTERNS, rebasedPatterns, splitPath } from '../../src/engine/ignore/ignoreFiles';
import { FolderPatterns, MAX_KEY_CHARS, MAX_SHARED_KEY } from '../../src/engine/ignore/patterns';

type Files = Record<string, string>;

/** What the reference says: one `ignore` matcher of the patterns of every .gitignore above the path, shallowest first. */
function reference(files: Files): (path: string, isFolder: boolean) => boolean {
  const matchers = new Map<string, Ignore>();
  return (path, isFolder) => {
    const chain: string[] = [];
    for (let folder: string | undefined = splitPath(path).folder; folder !== undefined; folder = folder ? splitPath(folder).folder : undefined) {
      if (files[folder] !== undefined) chain.unshift(folder);
    }
    const key = chain.join('\0');
    let matcher = matchers.get(key);
    if (!matcher) matchers.set(key, (matcher = ignore({ ignoreCase: false }).add(chain.flatMap((folder) => rebasedPatterns(folder, files[folder]!)))));
    return matcher.ignores(isFolder ? `${path}/` : path);
  };
}

function disagreements(files: Files, paths: readonly [string, boolean][]): string[] {
  const indexed = IgnoreFiles.of(Object.entries(files).map(([folder, text]) => ({ folder, text })));
  const expected = reference(files);
  return paths.filter(([path, isFolder]) => indexed.ignores(path, isFolder) !== expected(path, isFolder)).map(([path, isFolder]) => `${path}${isFolder ? '/' : ''}: reference says ${expected(path, isFolder)}`);
}

const NAMES = ['a', 'b', 'ab', 'x.log', 'y.py', 'a.py', 'build', 'b.tmp', 'ba', 'abc.log', '#c', '!d', 'e f'];

/** Paths made of the names, one to four segments deep, each as a file and a folder. */
function pathsOf(names: readonly string[], depth: number): [string, boolean][] {
  let level = names.map((n) => n);
  const all: string[] = [...level];
  for (let d = 1; d < depth; d++) {
    level = level.flatMap((p) => names.slice(0, 5).map((n) => `${p}/${n}`));
    all.push(...level);
  }
  return all.flatMap((p) => [
    [p, false],
    [p, true],
  ]);
}

const segment = fc.constantFrom('a', 'b', 'ab', '*', '?', 'a*', '*b', '*.log', '*.py', 'x.log', 'build', '[ab]', '[!a]*', '**', 'b?', '\\#c', '\\!d', 'e\\ f', 'a[', '*.p[yo]', 'ab*c');
const patternLine = fc
  .tuple(fc.boolean(), fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.nat(9))
  .map(([negated, leadingSlash, segments, folderOnly, spaces]) => `${negated ? '!' : ''}${leadingSlash ? '/' : ''}${segments.join('/')}${folderOnly ? '/' : ''}${spaces > 7 ? '  ' : ''}`);
const gitignore = fc.array(patternLine, { minLength: 1, maxLength: 12 }).map((lines) => lines.join('\n'));

describe('code scan: the indexed .gitignore matcher against the reference', () => {
  const paths = pathsOf(NAMES, 3);

  it('answers as the reference for generated trees of .gitignore files (root and nested, negations, folders only, anchored, **)', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(gitignore, fc.option(gitignore), fc.option(gitignore), (root, a, ab) => {
        const files: Files = { '': root };
        if (a !== null) files.a = a;
        if (ab !== null) files['a/b'] = ab;
        assert.deepEqual(disagreements(files, paths), []);
      }),
      { seed: 21, numRuns: 200 },
    );
  });

  it('answers as the reference for a .gitignore of 4,000 patterns of every kind', function () {
    this.timeout(60_000);
    const lines: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const kinds = [
        `file-${i}.py`,
        `/gen/out-${i}`,
        `*.ext${i % 300}`,
        `tmp${i % 50}*`,
        `pkg-${i % 40}/*.tmp${i % 7}`,
        `!pkg-${i % 40}/keep-${i}.tmp${i % 7}`,
        `mod-${i % 30}/`,
        `!file-${i - 1}.py`,
        `**/cache-${i % 20}/*.py`,
        `[ab]c-${i % 60}.py`,
      ];
      lines.push(kinds[i % kinds.length]!);
    }
    const files: Files = { '': lines.join('\n'), 'pkg-3': '!*.ext7\n/local.py\n' };
    const names = ['file-10.py', 'file-11.py', 'out-21', 'x.ext7', 'x.ext299', 'x.ext300', 'tmp3-a', 'atmp3', 'keep-5.tmp5', 'y.tmp4', 'bc-12.py', 'ac-59.py', 'local.py', 'mod-4', 'cache-8', 'z.py'];
    const sample: [string, boolean][] = [];
    for (const first of ['gen', 'pkg-3', 'pkg-4', 'mod-4', 'src']) {
      for (const name of names) {
        sample.push([`${first}/${name}`, false], [`${first}/${name}`, true], [`${first}/cache-8/${name}`, false], [name, false]);
      }
    }
    assert.equal(sample.length, 320);
    assert.deepEqual(disagreements(files, sample), []);
    // And the index found matches: the sample is not all answered "not ignored".
    const indexed = IgnoreFiles.of(Object.entries(files).map(([folder, text]) => ({ folder, text })));
    assert.equal(sample.filter(([path, isFolder]) => indexed.ignores(path, isFolder)).length, 88);
    assert.equal(indexed.leftOut, 0);
  });

  it('re-includes a path under a folder that a wildcard pattern matches and a later one takes back', () => {
    const files: Files = { '': '/src/gen*/\n!/src/gen1/\n/src/gen*/*.py\n!/src/gen*/keep.py\n' };
    const cases: [string, boolean][] = [
      ['src/gen1', true],
      ['src/gen2', true],
      ['src/gen1/a.py', false],
      ['src/gen1/keep.py', false],
      ['src/gen1/a.txt', false],
      ['src/gen2/a.txt', false],
    ];
    assert.deepEqual(disagreements(files, cases), []);
    const indexed = IgnoreFiles.of([{ folder: '', text: files['']! }]);
    assert.deepEqual(
      cases.map(([path, isFolder]) => indexed.ignores(path, isFolder)),
      [false, true, true, false, false, true],
    );
  });

  it(`leaves out wildcard patterns past ${MAX_SHARED_KEY} on one key, and counts them`, () => {
    const shared = Array.from({ length: MAX_SHARED_KEY + 5 }, (_, i) => `[0-9]x${i}y*.py`);
    const ignored = IgnoreFiles.of([{ folder: '', text: [...shared, '*.log', 'plain.txt'].join('\n') }]);
    assert.equal(ignored.leftOut, 5);
    assert.equal(ignored.ignores('0x70y-a.py', false), true);
    assert.equal(ignored.ignores(`0x${MAX_SHARED_KEY + 4}y-a.py`, false), false);
    // Other keys and literal patterns are read as usual.
    assert.equal(ignored.ignores('x.log', false), true);
    assert.equal(ignored.ignores('plain.txt', false), true);
    // A literal end longer than MAX_KEY_CHARS is keyed on its last MAX_KEY_CHARS characters.
    const long = `*${'x'.repeat(MAX_KEY_CHARS + 4)}.py`;
    const patterns = new FolderPatterns();
    assert.equal(patterns.add(long, 0), true);
    assert.equal(patterns.lastMatch(`a${'x'.repeat(MAX_KEY_CHARS + 4)}.py`, false), true);
    assert.equal(patterns.lastMatch(`${'x'.repeat(MAX_KEY_CHARS)}.py`, false), undefined);
  });

  it(`reads ${MAX_PATTERNS.toLocaleString('en-US')} patterns in a tree at most, and counts the rest`, () => {
    const text = Array.from({ length: MAX_PATTERNS + 10 }, (_, i) => `f${i}`).join('\n');
    const ignored = IgnoreFiles.of([{ folder: '', text }]);
    assert.equal(ignored.leftOut, 10);
    assert.equal(ignored.ignores(`f${MAX_PATTERNS - 1}`, false), true);
    assert.equal(ignored.ignores(`f${MAX_PATTERNS}`, false), false);
  });
});
