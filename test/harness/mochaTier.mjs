// Runs a mocha tier (compiled tests in out/) in Node and reads its counts from the
// counting reporter's JSON file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './codeServer.mjs';

/** Every *.test.js under `dir`, sorted. */
export function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith('.test.js'))
    .map((file) => path.join(dir, file))
    .sort();
}

/**
 * Runs mocha on `files`; returns { passed, failed, failures }. Throws when mocha could not
 * run them (it crashed, timed out, or wrote no report).
 */
export function runMocha(files, { extraArgs = [], timeoutMs = 600_000 } = {}) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-mocha-'));
  const reportFile = path.join(tmp, 'report.json');
  try {
    const result = spawnSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules/mocha/bin/mocha.js'),
        '--reporter',
        path.join(repoRoot, 'test/harness/countingReporter.cjs'),
        '--reporter-option',
        `report=${reportFile}`,
        ...extraArgs,
        ...files,
      ],
      { cwd: repoRoot, stdio: 'inherit', timeout: timeoutMs, killSignal: 'SIGKILL' },
    );
    if (result.error) throw new Error(`mocha did not run: ${result.error.message}`);
    if (!existsSync(reportFile)) throw new Error(`mocha exited with ${result.status ?? result.signal} before reporting`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    if (result.status !== 0 && report.failed === 0) {
      report.failed = 1;
      report.failures.push({ title: 'mocha', message: `exited with ${result.status ?? result.signal}` });
    }
    return report;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
