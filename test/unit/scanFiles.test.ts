/**
 * What the CLI's `scan` reads from disk (src/cli/scan): names that are not UTF-8 are read as
 * bytes and scanned, only regular files are read and never past the cap, and .gitignore
 * patterns past the matcher's limits are said. Real files in a temporary folder.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MAX_FILE_BYTES, nameOf, readSmallText, scanFolder, scanJson, scanReport } from '../../src/cli/scan';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { MAX_SHARED_KEY } from '../../src/engine/ignore/patterns';

const root = path.resolve(__dirname, '../../..');
const data = (file: string) => readFileSync(path.join(root, 'src/engine/catalog/data', file), 'utf8');
const { catalog } = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') });

describe('code scan: the files the CLI reads', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-scan-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A path under the folder with a name of raw bytes (Latin-1 é as one byte, not UTF-8). */
  const latin1 = (...parts: (string | Buffer)[]) => Buffer.concat([Buffer.from(`${dir}${path.sep}`), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))]);

  it('scans files whose names are not UTF-8, opened by their bytes and shown with the stray bytes escaped', function () {
    const folder = latin1('caf', Buffer.from([0xe9]));
    try {
      mkdirSync(folder);
    } catch (error) {
      // A file system that only takes UTF-8 names (macOS APFS, Windows) cannot hold one.
      if ((error as NodeJS.ErrnoException).code === 'EILSEQ') this.skip();
      throw error;
    }
    writeFileSync(latin1('caf', Buffer.from([0xe9]), path.sep, 'r', Buffer.from([0xe9, 0xff]), 'sum', Buffer.from([0xe9]), '.py'), 'model = "gpt-4o"\n');
    writeFileSync(latin1('ok-', Buffer.from([0xc3, 0xa9]), '.py'), 'model = "o3-mini"\n');
    // The name as Node reads it by default (U+FFFD for each stray byte) opens nothing.
    assert.equal(readdirSync(dir).includes('caf\ufffd'), true);
    assert.equal(existsSync(path.join(dir, 'caf\ufffd')), false);
    const result = scanFolder(dir, catalog);
    assert.equal(result.scanned, 2);
    assert.equal(result.skipped, 0);
    assert.deepEqual(
      scanJson(result).references.map((r) => `${r.file}:${r.line}:${r.column} ${r.model}`),
      // A folder's files before its subfolders.
      ['ok-é.py:1:10 o3-mini', 'caf\\xe9/r\\xe9\\xffsum\\xe9.py:1:10 gpt-4o'],
    );
    assert.match(scanReport(result), /^ {2}caf\\xe9\/r\\xe9\\xffsum\\xe9\.py:1:10$/m);
    assert.match(scanReport(result), /2 files scanned\n$/);
  });

  it('shows a name’s UTF-8 sequences as they are and escapes every other byte', () => {
    assert.equal(nameOf(Buffer.from('plain-é€😀.py')), 'plain-é€😀.py');
    // An overlong '/', a lone continuation byte, a truncated sequence, a surrogate.
    assert.equal(nameOf(Buffer.from([0x61, 0xc0, 0xaf, 0x80, 0x62, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0xc3, 0xa9])), 'a\\xc0\\xaf\\x80b\\xe2\\x82\\xed\\xa0\\x80é');
  });

  it('reads regular files only, up to the cap counted on the bytes read', function () {
    const exact = path.join(dir, 'exact.py');
    writeFileSync(exact, 'x'.repeat(MAX_FILE_BYTES));
    assert.equal(readSmallText(exact)?.length, MAX_FILE_BYTES);
    const over = path.join(dir, 'over.py');
    writeFileSync(over, 'x'.repeat(MAX_FILE_BYTES + 1));
    assert.equal(readSmallText(over), undefined);
    assert.equal(readSmallText(dir), undefined);
    assert.equal(readSmallText(path.join(dir, 'missing.py')), undefined);
    if (existsSync('/dev/zero')) assert.equal(readSmallText('/dev/zero'), undefined);
    // A FIFO with no writer: opened without waiting and turned away, as a file and as a .gitignore.
    const fifo = path.join(dir, 'pipe.py');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    assert.equal(readSmallText(fifo), undefined);
    spawnSync('mkfifo', [path.join(dir, '.gitignore')]);
    writeFileSync(path.join(dir, 'app.py'), 'model = "gpt-4o"\n');
    const result = scanFolder(dir, catalog);
    assert.deepEqual(
      scanJson(result).references.map((r) => r.file),
      ['app.py'],
    );
  });

  it('says how many .gitignore patterns it left out, and scans what only they would ignore', () => {
    const shared = Array.from({ length: MAX_SHARED_KEY + 3 }, (_, i) => `[0-9]x${i}y*.py`);
    writeFileSync(path.join(dir, '.gitignore'), `${shared.join('\n')}\n`);
    writeFileSync(path.join(dir, '1x0y.py'), 'model = "gpt-4o"\n');
    writeFileSync(path.join(dir, `1x${MAX_SHARED_KEY + 2}y.py`), 'model = "gpt-4o"\n');
    const result = scanFolder(dir, catalog);
    assert.equal(result.ignorePatternsLeftOut, 3);
    assert.deepEqual(
      result.references.map((r) => r.file),
      [`1x${MAX_SHARED_KEY + 2}y.py`],
    );
    assert.match(scanReport(result), /^3 \.gitignore patterns not read, past the matcher's limits \(100,000 patterns, 128 with wildcards on one literal, few \*\*\): files only they ignore were scanned$/m);
  });
});
