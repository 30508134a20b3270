// `npm run bench`, editor part: the extension host timings (lenses, hover, diagnostics on a
// 1 MB config against VS Code's JSON providers) and activation as VS Code measures it,
// against JSON Language Features in the same window. Prints; asserts nothing.
import path from 'node:path';
import { ensureCodeServer, ensureSystemPackages, launchBrowser, repoRoot, startCodeServer, workbenchUrl } from '../harness/codeServer.mjs';
import { runIntegration } from '../harness/run-integration.mjs';

ensureSystemPackages();
ensureCodeServer();

const f = await runIntegration({ entry: path.join(repoRoot, 'out/test/bench/editor/index.js') });
if (f.error) throw new Error(`editor bench failed: ${f.error}`);
// The development build shows its id rather than its display name.
const OURS = /LLM Cost Lens|llm-cost-lens/;
const ms = (n) => `${n.toFixed(1)} ms`;
console.log(`\neditor, inside VS Code ${f.vscodeVersion}: ${(f.configBytes / 1e6).toFixed(2)} MB config, ${f.workloads} workloads, ${f.lensCount} lenses`);
console.log(`  code lenses, first request (analysis)  ${ms(f.lensesFirstMs)}   ×${(f.lensesFirstMs / f.jsonSymbolsMs).toFixed(2)} JSON document symbols (${ms(f.jsonSymbolsMs)})`);
console.log(`  code lenses, same version (cached)     ${ms(f.lensesCachedMs)}   ×${(f.lensesCachedMs / f.jsonFoldingMs).toFixed(2)} JSON folding ranges (${ms(f.jsonFoldingMs)})`);
console.log(`  hover on a model id                    ${ms(f.hoverMs)}   ×${(f.hoverMs / f.jsonHoverMs).toFixed(2)} JSON hover (${ms(f.jsonHoverMs)})`);
console.log(`  diagnostics after an edit (debounce 0) ${ms(f.diagnosticsAfterEditMs)}   ×${(f.diagnosticsAfterEditMs / f.jsonSymbolsMs).toFixed(2)} JSON document symbols`);
console.log(
  `  a keystroke in a ${f.pythonLines}-line Python file (${(f.pythonBytes / 1024).toFixed(0)} KiB) to the code scan's diagnostics (debounce 0) ${ms(f.keystrokeDiagnosticsMs)}   ×${(f.keystrokeDiagnosticsMs / f.keystrokeEditMs).toFixed(2)} the edit alone (${ms(f.keystrokeEditMs)}), ×${(f.keystrokeDiagnosticsMs / f.similarJsonSymbolsMs).toFixed(2)} JSON document symbols of a config as large (${ms(f.similarJsonSymbolsMs)})`,
);

// Activation as VS Code measures it (module load + activate), next to a built-in extension.
const server = await startCodeServer({ workspace: path.join(repoRoot, 'examples') });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(workbenchUrl(server, { folder: path.join(repoRoot, 'examples'), extensionDevelopmentPath: repoRoot }));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'llm.config.json' }).first().click();
  await page.locator('.codelens-decoration').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Developer: Show Running Extensions');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor();
  await page.keyboard.press('Enter');
  const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
  const activation = async (name) => Number(/Activation: (\d+)ms/.exec(await rows.filter({ hasText: name }).first().innerText())?.[1]);
  await rows.filter({ hasText: OURS }).first().waitFor({ timeout: 30_000 });
  const ours = await activation(OURS);
  const json = await activation('JSON Language Features');
  const npm = await activation('NPM support for VS Code').catch(() => NaN);
  console.log(`  activation (module load + activate)    ${ours} ms   ×${(ours / json).toFixed(2)} JSON Language Features (${json} ms)${Number.isFinite(npm) ? `, ×${(ours / npm).toFixed(2)} npm support (${npm} ms)` : ''}`);
  // Every extension the window activated, for scale: the smallest built-ins show the host's own floor.
  const others = [];
  for (const text of await rows.allInnerTexts()) {
    const activationMs = /Activation: (\d+)ms/.exec(text)?.[1];
    if (activationMs) others.push(`${text.split('\n')[0]} ${activationMs} ms`);
  }
  console.log(`  every activation in the window: ${others.join(', ')}`);
} finally {
  await browser.close();
  await server.stop();
}
