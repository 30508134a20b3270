// `npm run test:desktop`: the same integration suite (test/integration) in desktop VS Code,
// through @vscode/test-electron, for machines that have or can download VS Code. Not part of
// `npm test` or CI, which use code-server (see run-integration.mjs).
//
//   npm run test:desktop                                   downloads the VS Code version the
//                                                          manifest's engines.vscode names
//                                                          into .vscode-test/ (needs access to
//                                                          update.code.visualstudio.com)
//   VSCODE_EXECUTABLE_PATH=/path/to/code npm run test:desktop   uses an installed VS Code
//
// On Linux without a display, run it under xvfb-run.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildForTests } from './build.mjs';
import { repoRoot } from './codeServer.mjs';

buildForTests();

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const executable = process.env.VSCODE_EXECUTABLE_PATH;
const reportFile = path.join(os.tmpdir(), `llm-cost-lens-desktop-report-${process.pid}.json`);
try {
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : { version: manifest.engines.vscode.replace(/^[^\d]*/, '') }),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out/test/integration/index.js'),
    extensionTestsEnv: { LLM_COST_LENS_TEST_REPORT: reportFile },
    launchArgs: [path.join(repoRoot, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  console.log(`desktop VS Code ${report.vscodeVersion}: ${report.passed} passed, ${report.failed} failed`);
} catch (error) {
  // runTests rejects when the suite fails (run() rejects) or VS Code cannot be started/downloaded.
  console.error(`Desktop integration tests failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
