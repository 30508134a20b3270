/**
 * The code scan's .gitignore reading (src/engine/scan/ignoreFiles): a table of paths with
 * whether git ignores them under a root and nested .gitignore files, the same table asked
 * of git itself (`git check-ignore`) where git is installed, and the walk the CLI uses.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import * as path from 'node:path';
import { IgnoreFiles, MAX_DEPTH, MAX_PATTERNS_WITH_TWO_GLOBSTARS, rebasedPatterns, walkFiles, type FileTree, type TreeEntry } from '../../src/engine/ignore/ignoreFiles';

const GITIGNORES: Record<string, string> = {
  '': [
    '# a comment, and a blank line',
    '',
    '*.log',
    '!keep.log',
    '/build',
    'dist/',
    'docs/**/*.tmp',
    'a/**/b.py',
    'src/gen',
    'foo?.txt',
    '[ab]c.py',
    '\\#hash.py',
    'trail.py   ',
    'out/',
    'secret/',
    '',
  ].join('\n'),
  // CRLF line ends, as a Windows checkout writes them.
  sub: ['!important.log', '/local.py', 'generated/', '**/cache/*.py', '!out/', '*.tmp', ''].join('\r\n'),
  'sub/deep': ['!local.py', 'only-here.py', ''].join('\n'),
  // Inside a folder the root ignores: git never reads it, and nothing under it comes back.
  secret: '!*.py\n',
};

/** [path, is a folder, ignored by git]. */
const CASES: [string, boolean, boolean][] = [
  ['a.log', false, true],
  ['x/y/a.log', false, true],
  ['A.LOG', false, false],
  ['keep.log', false, false],
  ['x/keep.log', false, false],
  ['build', true, true],
  ['build/app.py', false, true],
  ['x/build', true, false],
  ['dist', true, true],
  ['dist', false, false],
  ['x/dist', true, true],
  ['x/dist/app.py', false, true],
  ['docs/c.tmp', false, true],
  ['docs/x/y/c.tmp', false, true],
  ['x/docs/c.tmp', false, false],
  ['a/b.py', false, true],
  ['a/x/y/b.py', false, true],
  ['x/a/b.py', false, false],
  ['src/gen', true, true],
  ['lib/src/gen', true, false],
  ['foo1.txt', false, true],
  ['foo12.txt', false, false],
  ['ac.py', false, true],
  ['cc.py', false, false],
  ['#hash.py', false, true],
  ['trail.py', false, true],
  ['out/app.py', false, true],
  ['secret/app.py', false, true],
  // sub/.gitignore: a negation beats the root's pattern below sub only.
  ['sub/important.log', false, false],
  ['sub/x/important.log', false, false],
  ['important.log', false, true],
  // An anchored pattern is relative to its own .gitignore's folder.
  ['sub/local.py', false, true],
  ['sub/x/local.py', false, false],
  ['local.py', false, false],
  // A folder pattern at any depth below sub, not above it.
  ['sub/generated', true, true],
  ['sub/x/generated/app.py', false, true],
  ['generated/app.py', false, false],
  ['sub/generated', false, false],
  ['sub/cache/a.py', false, true],
  ['sub/x/y/cache/a.py', false, true],
  ['cache/a.py', false, false],
  // The root ignores out/ everywhere; sub/.gitignore takes sub/out back.
  ['sub/out/app.py', false, false],
  ['x/out/app.py', false, true],
  ['sub/c.tmp', false, true],
  ['c.tmp', false, false],
  // sub's /local.py is sub/local.py alone; sub/deep adds a pattern of its own.
  ['sub/deep/local.py', false, false],
  ['sub/deep/only-here.py', false, true],
  ['sub/only-here.py', false, false],
  ['app.py', false, false],
  ['sub/app.py', false, false],
];

/** The paths git check-ignore reports, in a repository with the table's .gitignore files and these paths created. */
function ignoredByGit(cases: readonly [string, boolean, boolean][]): Set<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-gitignore-'));
  try {
    assert.equal(spawnSync('git', ['init', '-q', dir]).status, 0);
    for (const [folder, text] of Object.entries(GITIGNORES)) {
      mkdirSync(path.join(dir, folder), { recursive: true });
      writeFileSync(path.join(dir, folder, '.gitignore'), text);
    }
    for (const [file, isFolder] of cases) {
      mkdirSync(isFolder ? path.join(dir, file) : path.dirname(path.join(dir, file)), { recursive: true });
      if (!isFolder) writeFileSync(path.join(dir, file), '');
    }
    // Without the user's global excludes; check-ignore reports a path inside an ignored folder too.
    const r = spawnSync('git', ['-c', `core.excludesFile=${devNull}`, '-c', 'core.ignoreCase=false', 'check-ignore', '--no-index', '--stdin'], {
      cwd: dir,
      input: cases.map(([file]) => file).join('\n') + '\n',
      encoding: 'utf8',
    });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    return new Set(r.stdout.split('\n').filter(Boolean));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ignoreFiles(): IgnoreFiles {
  return IgnoreFiles.of(Object.entries(GITIGNORES).map(([folder, text]) => ({ folder, text })));
}

describe('code scan: .gitignore files (root and nested)', () => {
  it('rebases a nested file’s patterns onto the root', () => {
    assert.deepEqual(rebasedPatterns('sub', '# c\n\n!keep.log\n/local.py\ngenerated/\na/b\n**/cache\nx   \n\\!bang\n'), [
      '!sub/**/keep.log',
      'sub/local.py',
      'sub/**/generated/',
      'sub/a/b',
      'sub/**/cache',
      'sub/**/x',
      'sub/**/\\!bang',
    ]);
    assert.deepEqual(rebasedPatterns('', '\ufeff*.log\r\n/build\r\n'), ['*.log', '/build']);
  });

  it('answers the table: negation, folders only, anchored, ** and nested precedence', () => {
    const ignored = ignoreFiles();
    const wrong = CASES.filter(([file, isFolder, expected]) => ignored.ignores(file, isFolder) !== expected);
    assert.deepEqual(wrong, []);
  });

  it('adds the files in any order with the same answers', () => {
    const reversed = IgnoreFiles.of(
      Object.entries(GITIGNORES)
        .reverse()
        .map(([folder, text]) => ({ folder, text })),
    );
    assert.deepEqual(
      CASES.map(([file, isFolder]) => reversed.ignores(file, isFolder)),
      CASES.map(([, , expected]) => expected),
    );
  });

  it('is not asked about what is not a relative path', () => {
    const ignored = ignoreFiles();
    for (const file of ['', '/a.log', './a.log', '../a.log']) assert.equal(ignored.ignores(file, false), false, file);
  });

  it('leaves out patterns whose ** would cost time polynomial in the depth, and paths deeper than it reads', () => {
    // Three `**` between segments: left out, so the file is not ignored.
    const three = IgnoreFiles.of([{ folder: '', text: '**/a/**/a/**/b.py\n' }]);
    assert.equal(three.ignores('a/a/b.py', false), false);
    // Nested, an unanchored name gains one: `sub/**/x/**/y.py` has two and is read.
    const two = IgnoreFiles.of([{ folder: 'sub', text: '**/x/**/y.py\n' }]);
    assert.equal(two.ignores('sub/q/x/r/y.py', false), true);
    // A trailing /** costs nothing and does not count.
    assert.equal(IgnoreFiles.of([{ folder: '', text: 'a/**/b/**\n' }]).ignores('a/q/b/c.py', false), true);
    // Two `**`: the first few such patterns of the tree are read, in the walk's order, the rest left out.
    const many = Array.from({ length: MAX_PATTERNS_WITH_TWO_GLOBSTARS + 1 }, (_, i) => `**/p${i}/**/x.py`);
    const limited = IgnoreFiles.of([
      { folder: 'b', text: many.slice(1).join('\n') },
      { folder: 'a', text: many[0]! },
    ]);
    assert.equal(limited.ignores('a/p0/x.py', false), true);
    assert.equal(limited.ignores(`b/p${MAX_PATTERNS_WITH_TWO_GLOBSTARS - 1}/x.py`, false), true);
    assert.equal(limited.ignores(`b/p${MAX_PATTERNS_WITH_TWO_GLOBSTARS}/x.py`, false), false);
    // Depth: a file in the deepest folder read is matched as usual; one folder deeper counts as ignored.
    const none = IgnoreFiles.of([]);
    assert.equal(none.ignores(`${'d/'.repeat(MAX_DEPTH)}x.py`, false), false);
    assert.equal(none.ignores('d/'.repeat(MAX_DEPTH).slice(0, -1), true), false);
    assert.equal(none.ignores(`${'d/'.repeat(MAX_DEPTH + 1)}x.py`, false), true);
    assert.equal(none.ignores('d/'.repeat(MAX_DEPTH + 1).slice(0, -1), true), true);
  });

  it('agrees with git check-ignore on every path of the table', function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    // One repository for the folders of the table and one for its files: `dist` is both.
    const disagreements = [true, false].flatMap((folders) => {
      const cases = CASES.filter(([, isFolder]) => isFolder === folders);
      const byGit = ignoredByGit(cases);
      return cases.filter(([file, , expected]) => byGit.has(file) !== expected).map(([file]) => `${file}: git says ${byGit.has(file) ? 'ignored' : 'not ignored'}`);
    });
    assert.deepEqual(disagreements, []);
  });

  it('walks a tree reading each folder’s .gitignore on the way down, a folder’s files before its subfolders, skipping what they ignore', () => {
    const files: Record<string, string> = {
      '.gitignore': 'out/\n*.log\n',
      'app.py': '',
      'out/x.py': '',
      'sub/.gitignore': '!out/\n!keep.log\n/local.py\n',
      'sub/out/y.py': '',
      'sub/keep.log': '',
      'sub/drop.log': '',
      'sub/local.py': '',
      'sub/deep/local.py': '',
      'node_modules/pkg/index.js': '',
    };
    const listed: string[] = [];
    const tree: FileTree = {
      list(folder) {
        listed.push(folder);
        const prefix = folder ? `${folder}/` : '';
        const entries = new Map<string, TreeEntry>();
        for (const file of Object.keys(files)) {
          if (!file.startsWith(prefix)) continue;
          const rest = file.slice(prefix.length);
          const slash = rest.indexOf('/');
          entries.set(slash < 0 ? rest : rest.slice(0, slash), { name: slash < 0 ? rest : rest.slice(0, slash), kind: slash < 0 ? 'file' : 'folder' });
        }
        return [...entries.values()];
      },
      read: (file) => files[file],
    };
    assert.deepEqual([...walkFiles(tree, (name) => name === 'node_modules')], [
      '.gitignore',
      'app.py',
      'sub/.gitignore',
      'sub/keep.log',
      'sub/deep/local.py',
      'sub/out/y.py',
    ]);
    // Ignored and skipped folders are not listed at all.
    assert.deepEqual(listed.sort(), ['', 'sub', 'sub/deep', 'sub/out']);
  });
});
