/**
 * Files named on the command line or committed in a pull request are read bounded: a
 * symlink to /dev/zero, a FIFO, a file past the limit and a revision git cannot resolve each
 * end in one line on stderr and exit 2, promptly, as the CLI runs in CI.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBounded, ReadRefused } from '../../src/node/boundedRead';
import { MAX_CONFIG_BYTES } from '../../src/engine/config/fileLimits';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
// A run that reads /dev/zero unbounded takes far longer than this (and memory without end):
// the timeout makes such a regression a failure, not a hung suite.
const run = (args: string[], cwd = root) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd, timeout: 20_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
};
const config = JSON.stringify({ workloads: [{ name: 'chat', model: 'gpt-4o', monthlyTokens: '100M' }] });

function refused(r: ReturnType<typeof run>, message: RegExp): void {
  assert.equal(r.signal, null, 'ended by itself');
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr.trim(), message);
}

describe('CLI: bounded reads of files from a workspace or a command line', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-bounded-'));
  const at = (name: string) => path.join(dir, name);

  before(() => {
    symlinkSync('/dev/zero', at('zero.json'));
    execFileSync('mkfifo', [at('fifo.json')]);
    writeFileSync(at('good.json'), config);
    // One byte past the limit, written sparse.
    const fd = openSync(at('huge.json'), 'w');
    ftruncateSync(fd, MAX_CONFIG_BYTES + 1);
    closeSync(fd);
    symlinkSync(at('loop-a'), at('loop-b'));
    symlinkSync(at('loop-b'), at('loop-a'));
  });

  it('analyze refuses a symlink to a device, a FIFO, a folder, a symlink loop and a file past the limit', () => {
    refused(run(['analyze', at('zero.json')]), /cannot read .*zero\.json: a device, not a file$/);
    refused(run(['analyze', at('fifo.json')]), /cannot read .*fifo\.json: a named pipe, not a file$/);
    refused(run(['analyze', dir]), /: a folder, not a file$/);
    refused(run(['analyze', at('loop-a')]), /: too many symbolic links$/);
    refused(run(['analyze', at('huge.json')]), /huge\.json: larger than 8 MB$/);
    refused(run(['analyze', at('none.json')]), /none\.json: no such file$/);
    assert.equal(run(['analyze', at('good.json')]).code, 0);
  });

  it('diff refuses the same, on either side', () => {
    refused(run(['diff', at('good.json'), at('zero.json')]), /zero\.json: a device, not a file$/);
    refused(run(['diff', at('fifo.json'), at('good.json')]), /fifo\.json: a named pipe, not a file$/);
  });

  it('--prices refuses a device and a FIFO, and the bundled prices are used', () => {
    for (const [file, kind] of [['zero.json', 'a device'], ['fifo.json', 'a named pipe']] as const) {
      const r = run(['models', 'gpt-4o', '--limit', '1', '--prices', at(file)]);
      assert.equal(r.signal, null);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`--prices .*${file.replace('.', '\\.')}: cannot read it: ${kind}, not a file; the bundled prices are used`));
    }
  });

  it('readBounded reads a file that fills the limit exactly, and refuses one byte more', () => {
    writeFileSync(at('exact'), Buffer.alloc(1000, 0x20));
    assert.equal(readBounded(at('exact'), 1000).length, 1000);
    assert.throws(() => readBounded(at('exact'), 999), (e: unknown) => e instanceof ReadRefused && /^larger than /.test(e.message));
  });

  it('says what kind of refusal each is, as the extension host reports them (it reads its files through the same module)', () => {
    const kind = (file: string, limit = MAX_CONFIG_BYTES) => {
      try {
        readBounded(file, limit);
        return 'read';
      } catch (e) {
        assert.ok(e instanceof ReadRefused);
        return `${e.kind}${e.size === undefined ? '' : ` ${e.size}`}`;
      }
    };
    assert.equal(kind(at('good.json')), 'read');
    assert.equal(kind(at('none.json')), 'missing');
    assert.equal(kind(at('zero.json')), 'not-a-file');
    assert.equal(kind(at('fifo.json')), 'not-a-file');
    assert.equal(kind(dir), 'not-a-file');
    assert.equal(kind(at('huge.json')), `too-large ${MAX_CONFIG_BYTES + 1}`);
    assert.equal(kind(at('loop-a')), 'unreadable');
  });

  describe('diff --git', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-git-bounded-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    before(() => {
      git('init', '-q');
      git('config', 'user.email', 'test@example.com');
      git('config', 'user.name', 'test');
      writeFileSync(path.join(repo, 'README'), 'x');
      git('add', 'README');
      git('commit', '-q', '-m', 'no config yet');
      git('tag', 'before-config');
      writeFileSync(path.join(repo, 'llm.config.json'), config);
      git('add', 'llm.config.json');
      git('commit', '-q', '-m', 'config');
    });

    it('a revision git cannot resolve is a usage error, whatever its text', () => {
      for (const rev of ['nope does not exist in', 'HEAD:', 'exists on disk, but not in', 'HEAD~5', 'no-such-branch']) {
        refused(run(['diff', '--git', rev], repo), new RegExp(`--git ${rev.replace(/[~.]/g, '\\$&')}: `));
      }
    });

    it('only a config absent at a valid revision is new: every workload added', () => {
      const r = run(['diff', '--git', 'before-config', '--json'], repo);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).workloads.map((w: { name: string; reasons: string[] }) => [w.name, w.reasons]), [['chat', ['added']]]);
    });

    it('a config committed as a symlink is refused at either side, never followed', () => {
      git('rm', '-q', 'llm.config.json');
      symlinkSync('/dev/zero', path.join(repo, 'llm.config.json'));
      git('add', 'llm.config.json');
      git('commit', '-q', '-m', 'symlink');
      // The head side, as checked out: a symlink to a device.
      refused(run(['diff', '--git', 'HEAD~1'], repo), /llm\.config\.json: a device, not a file$/);
      // The base side, as committed: git holds the link, not a file.
      execFileSync('rm', [path.join(repo, 'llm.config.json')]);
      writeFileSync(path.join(repo, 'llm.config.json'), config);
      refused(run(['diff', '--git', 'HEAD'], repo), /--git HEAD: llm\.config\.json is a symbolic link there, not a file$/);
    });
  });
});
