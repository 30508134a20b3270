// `npm test`: builds, type-checks, then runs the unit, integration and UI tiers, counting
// every test. A build step that fails, or a tier that cannot start, counts as one failure.
// Prints a summary per tier and, last, exactly "N passed, N failed". Exits non-zero on any
// failure. On a fresh machine (Debian, as root) it installs what it needs first.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { bundle, tsc } from './build.mjs';
import { ensureCodeServer, ensureSystemPackages, repoRoot } from './codeServer.mjs';
import { findTests, runMocha } from './mochaTier.mjs';
import { printReport, runIntegration } from './run-integration.mjs';

const rows = [];
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

/** Runs one counted part of the run; `body` returns { passed, failed, failures? } or throws when it cannot start. */
async function tier(name, body) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  let result;
  try {
    result = await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${name} could not run: ${message}`);
    result = { passed: 0, failed: 1, note: 'could not run' };
  }
  rows.push({ name, ...result, time: seconds(started) });
  return result.failed === 0;
}

/** A build step: counts nothing when it passes, one failure when it does not. */
const check = (name, ok) => tier(name, () => (ok() ? { passed: 0, failed: 0, note: 'ok' } : { passed: 0, failed: 1, note: 'failed' }));

const runStarted = Date.now();
const ready = await tier('setup', () => {
  ensureSystemPackages();
  ensureCodeServer();
  return { passed: 0, failed: 0, note: 'ok' };
});
await check('bundle (esbuild)', bundle);
rmSync(path.join(repoRoot, 'out'), { recursive: true, force: true });
await check('typecheck + compile (tsc -p .)', () => tsc('-p', '.'));
await check('typecheck webview', () => tsc('--noEmit', '-p', 'webview'));

await tier('unit', () => {
  const files = findTests(path.join(repoRoot, 'out/test/unit'));
  if (files.length === 0) throw new Error('no compiled unit tests in out/test/unit');
  return runMocha(files);
});

await tier('integration', async () => {
  if (!ready) throw new Error('setup failed');
  const report = await runIntegration();
  printReport(report);
  if (report.passed + report.failed === 0) throw new Error('no integration test ran');
  return { ...report, note: `VS Code ${report.vscodeVersion}` };
});

await tier('ui', () => {
  if (!ready) throw new Error('setup failed');
  const files = findTests(path.join(repoRoot, 'out/test/ui'));
  if (files.length === 0) throw new Error('no compiled UI tests in out/test/ui');
  return runMocha(files, { extraArgs: ['--exit'] });
});

const passed = rows.reduce((sum, row) => sum + row.passed, 0);
const failed = rows.reduce((sum, row) => sum + row.failed, 0);
console.log(`\n=== summary (${seconds(runStarted)}s) ===`);
for (const row of rows) {
  const counts = `${row.passed} passed, ${row.failed} failed`;
  console.log(`${row.name.padEnd(32)} ${counts.padEnd(22)} ${`${row.time}s`.padStart(7)}  ${row.note ?? ''}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
