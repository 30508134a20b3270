// The `browser` bundle in the web worker extension host: a copy of the extension whose
// manifest names only `browser` runs there (with `main` too, VS Code picks the Node host).
import * as assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../src/engine';
import type { CodeServer } from '../harness/codeServer.mjs' with { 'resolution-mode': 'import' };
import { examplesDir, repoRoot, screenshotsDir, shippedCatalog } from './workbench';

type Harness = typeof import('../harness/codeServer.mjs', { with: { 'resolution-mode': 'import' } });

describe('the web extension host', function () {
  this.timeout(180_000);
  let tmp: string;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const workerErrors: string[] = [];

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-web-'));
    const extension = path.join(tmp, 'extension');
    const workspace = path.join(tmp, 'workspace');
    mkdirSync(path.join(extension, 'dist/web'), { recursive: true });
    mkdirSync(workspace);
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.main;
    writeFileSync(path.join(extension, 'package.json'), JSON.stringify(manifest, null, 2));
    for (const file of ['package.nls.json', 'dist/web/extension.js', 'dist/llm.config.schema.json']) {
      copyFileSync(path.join(repoRoot, file), path.join(extension, file));
    }
    cpSync(path.join(repoRoot, 'l10n'), path.join(extension, 'l10n'), { recursive: true });
    // The catalog files the package ships (.vscodeignore): the web host reads them through VS Code's file system.
    cpSync(path.join(repoRoot, 'dist/catalog'), path.join(extension, 'dist/catalog'), { recursive: true });
    copyFileSync(path.join(examplesDir, 'llm.config.json'), path.join(workspace, 'llm.config.json'));

    const harness = (await import(pathToFileURL(path.join(repoRoot, 'test/harness/codeServer.mjs')).href)) as Harness;
    server = await harness.startCodeServer({ workspace });
    browser = await harness.launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (message.type() === 'error' && /llm|cost lens/i.test(message.text())) workerErrors.push(message.text());
    });
    await page.goto(harness.workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: extension }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('runs the browser bundle: lenses and diagnostics without Node', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'llm.config.json' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'llm.config.json' }).waitFor();
    // The total once the price table has arrived: the web host starts with the curated cards, which lack the example's models.
    const total = analyze(readFileSync(path.join(examplesDir, 'llm.config.json'), 'utf8'), { catalog: shippedCatalog }).lenses.find((l) => l.kind === 'total')!;
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: total.title });
    await lens.waitFor({ timeout: 60_000 });
    mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotsDir, 'web-worker-host.png') });

    // Where it ran: "Developer: Show Running Extensions" lists the web worker host's extensions apart.
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').fill('>Developer: Show Running Extensions');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor();
    await page.keyboard.press('Enter');
    // A development copy is listed by its id.
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /LLM Cost Lens|llm-cost-lens/ });
    await row.waitFor({ timeout: 30_000 });
    const text = await row.innerText();
    await page.screenshot({ path: path.join(screenshotsDir, 'web-worker-host-running-extensions.png') });
    assert.match(text, /web worker/i, `the extension runs in the web worker host: ${text}`);
    console.log(`      web worker host: ${text.replace(/\s+/g, ' ')}`);
    assert.deepEqual(workerErrors, []);
  });
});
