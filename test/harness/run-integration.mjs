// Integration tier: the mocha suite in test/integration runs inside a real extension host
// (code-server's), started from Chromium the way `code --extensionDevelopmentPath
// --extensionTestsPath` starts it, and reports through a JSON file.
// Run alone: node test/harness/run-integration.mjs
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForTests } from './build.mjs';
import { ensureCodeServer, ensureSystemPackages, launchBrowser, repoRoot, startCodeServer, workbenchUrl } from './codeServer.mjs';

const testsEntry = path.join(repoRoot, 'out/test/integration/index.js');

async function waitForFile(file, timeoutMs, stillRunning) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // being written
      }
    }
    stillRunning();
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

/**
 * Runs the integration suite; resolves to { vscodeVersion, passed, failed, failures }.
 * Throws when the suite could not run (no build, no server, no report in time).
 */
export async function runIntegration({ timeoutMs = 600_000, entry = testsEntry, onPage } = {}) {
  if (!existsSync(entry)) throw new Error(`${path.relative(repoRoot, entry)} is missing: run \`tsc -p .\` first`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-integration-'));
  const reportFile = path.join(tmp, 'report.json');
  const server = await startCodeServer({
    workspace: path.join(repoRoot, 'examples'),
    env: { LLM_COST_LENS_TEST_REPORT: reportFile, ...(process.env.LLM_COST_LENS_TEST_FILES ? { LLM_COST_LENS_TEST_FILES: process.env.LLM_COST_LENS_TEST_FILES } : {}) },
  });
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // A tool's look at the workbench while the suite runs (the profiler reads the renderer's CPU).
    const finishPage = onPage ? await onPage(page) : undefined;
    await page.goto(
      workbenchUrl(server, {
        folder: path.join(repoRoot, 'examples'),
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: entry,
      }),
    );
    const report = await waitForFile(reportFile, timeoutMs, () => {
      if (page.isClosed() && !existsSync(reportFile)) throw new Error('The workbench closed before the suite wrote its report');
    });
    await finishPage?.();
    if (!report) {
      const serverLog = server.output.join('').split('\n').slice(-30).join('\n');
      throw new Error(
        `No integration report after ${timeoutMs / 1000}s: the suite did not finish.\n` +
          `Page errors:\n${pageErrors.slice(-10).join('\n') || '(none)'}\ncode-server said:\n${serverLog}`,
      );
    }
    return report;
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Prints a report: the VS Code version, each failure, the counts. */
export function printReport(report) {
  console.log(`Integration tests ran in VS Code ${report.vscodeVersion}`);
  for (const failure of report.failures) {
    const lines = failure.message.split('\n');
    const shown = lines.length > 20 ? [...lines.slice(0, 20), `… (${lines.length - 20} more lines)`] : lines;
    console.log(`  ✗ ${failure.title}\n    ${shown.join('\n    ')}`);
  }
  console.log(`integration: ${report.passed} passed, ${report.failed} failed`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureSystemPackages();
    ensureCodeServer();
    buildForTests();
    const report = await runIntegration();
    printReport(report);
    process.exitCode = report.failed > 0 ? 1 : 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
