// The entry point VS Code's test runner loads in the extension host (the `extensionTestsPath`
// of @vscode/test-electron, and of code-server's workbench `payload`): runs every *.test.js
// beside this file with Mocha and, when LLM_COST_LENS_TEST_REPORT names a file, writes
// { vscodeVersion, passed, failed, failures } there for the harness to read.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface Report {
  vscodeVersion: string;
  passed: number;
  failed: number;
  failures: { title: string; message: string }[];
}

function writeReport(report: Report): void {
  const file = process.env.LLM_COST_LENS_TEST_REPORT;
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2));
}

export function run(): Promise<void> {
  console.log(`Integration tests in VS Code ${vscode.version}`);
  const report: Report = { vscodeVersion: vscode.version, passed: 0, failed: 0, failures: [] };
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000 });
  // LLM_COST_LENS_TEST_FILES="explanation,codeLens" runs those files only, while working on them.
  const only = process.env.LLM_COST_LENS_TEST_FILES?.split(',').filter(Boolean).map((name) => `${name}.test.js`);
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (!only || only.includes(f))).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        writeReport(report);
        if (report.failed > 0) reject(new Error(`${report.failed} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => report.passed++);
      runner.on('fail', (test, error: Error) => {
        report.failed++;
        report.failures.push({ title: test.fullTitle(), message: error?.message ?? String(error) });
      });
    } catch (error) {
      // A test file that fails to load: report it rather than leave the harness waiting.
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      report.failed++;
      report.failures.push({ title: 'loading the integration tests', message });
      writeReport(report);
      reject(error);
    }
  });
}
