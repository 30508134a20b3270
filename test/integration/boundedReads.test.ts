import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MAX_CONFIG_BYTES, readTextBounded, readTextBoundedSync } from '../../src/extension/boundedRead';
import { NOT_READ_CODE } from '../../src/extension/diagnostics';
import { activateExtension, codeOf, exampleUri, ourDiagnostics } from './helpers';

/** A config a little over the limit: valid JSON, padded with spaces. */
function oversized(): string {
  const body = '{"workloads":[{"name":"chat","model":"gpt-4o","monthlyTokens":"1M"}]}';
  return body + ' '.repeat(MAX_CONFIG_BYTES + 1024 - body.length);
}

describe('bounded reads of configs', () => {
  before(activateExtension);

  it('reads a regular file within the limit, and refuses a device, a FIFO and an oversized file without reading them', async function () {
    this.timeout(20_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-bounded-'));
    try {
      const small = path.join(dir, 'small.json');
      writeFileSync(small, '{"workloads":[]}');
      const big = path.join(dir, 'big.json');
      writeFileSync(big, oversized());
      const zero = path.join(dir, 'zero.json');
      symlinkSync('/dev/zero', zero);
      const fifo = path.join(dir, 'fifo.json');
      execFileSync('mkfifo', [fifo]);
      const started = Date.now();
      const read = (file: string) => readTextBounded(vscode.Uri.file(file), MAX_CONFIG_BYTES);
      assert.deepEqual(await read(small), { ok: true, text: '{"workloads":[]}' });
      assert.deepEqual(await read(big), { ok: false, refusal: { kind: 'too-large', size: MAX_CONFIG_BYTES + 1024, limit: MAX_CONFIG_BYTES } });
      assert.deepEqual(await read(zero), { ok: false, refusal: { kind: 'not-a-file' } });
      assert.deepEqual(await read(fifo), { ok: false, refusal: { kind: 'not-a-file' } });
      assert.deepEqual(await read(path.join(dir, 'absent.json')), { ok: false, refusal: { kind: 'missing' } });
      // The desktop host's synchronous read (the shipped catalog files) holds to the same rules.
      assert.deepEqual(readTextBoundedSync(small, MAX_CONFIG_BYTES), { ok: true, text: '{"workloads":[]}' });
      assert.equal(readTextBoundedSync(big, MAX_CONFIG_BYTES).ok, false);
      assert.deepEqual(readTextBoundedSync(zero, MAX_CONFIG_BYTES), { ok: false, refusal: { kind: 'not-a-file' } });
      assert.deepEqual(readTextBoundedSync(fifo, MAX_CONFIG_BYTES), { ok: false, refusal: { kind: 'not-a-file' } });
      assert.ok(Date.now() - started < 10_000, `no read waited or ran on: ${Date.now() - started} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a workspace config over the limit as a diagnostic at the file, and is not held up by one linked to /dev/zero', async function () {
    this.timeout(40_000);
    const folder = path.join(path.dirname(exampleUri().fsPath), 'bounded-by-test');
    const big = vscode.Uri.file(path.join(folder, 'big', 'llm.config.json'));
    const zero = vscode.Uri.file(path.join(folder, 'zero', 'llm.config.json'));
    try {
      // The link first: a host busy reading it without end would never get to the oversized file.
      mkdirSync(path.dirname(zero.fsPath), { recursive: true });
      symlinkSync('/dev/zero', zero.fsPath);
      mkdirSync(path.dirname(big.fsPath), { recursive: true });
      writeFileSync(big.fsPath, oversized());
      const diagnostics = await ourDiagnostics(big, (d) => d.some((x) => codeOf(x) === NOT_READ_CODE), 20_000);
      assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join(' | '));
      const [diagnostic] = diagnostics;
      assert.equal(codeOf(diagnostic!), NOT_READ_CODE);
      assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diagnostic!.message, /it is 8\.01 MB, over the 8 MB a config may have/);
      assert.ok(diagnostic!.range.isEmpty && diagnostic!.range.start.line === 0, 'at the start of the file');
      // The link is never analyzed: the workspace search does not list a device, and the
      // watcher's event gets the same diagnostic (or none, once a search has run).
      for (const shown of vscode.languages.getDiagnostics(zero)) {
        assert.equal(codeOf(shown), NOT_READ_CODE);
        assert.match(shown.message, /it is not a regular file/);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
