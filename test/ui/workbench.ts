// The UI tier's fixture: a real VS Code workbench (code-server) in Chromium, with helpers
// that act the way a person does (click in the explorer, use the command palette) and a
// screenshot helper writing to test-output/screenshots/.
//
// Which build of the extension: the development one, the same dist/ that `npm test` has
// just bundled, loaded as `code --extensionDevelopmentPath` loads it. No packaging step
// runs first, so a failure here points at the code and not at packaging, and the tier
// stays fast. To check a packaged build instead, set LLM_COST_LENS_UI_VSIX to a .vsix
// (for example the one `npm run package` writes): it is installed and no development
// path is given.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { cliCatalog } from '../../src/cli/catalogFiles';
import type { CodeServer } from '../harness/codeServer.mjs' with { 'resolution-mode': 'import' };

type Harness = typeof import('../harness/codeServer.mjs', { with: { 'resolution-mode': 'import' } });

/** The repository root, from out/test/ui/ where this file runs. */
export const repoRoot = path.resolve(__dirname, '../../..');
export const examplesDir = path.join(repoRoot, 'examples');
/** The article's scenario: the example with crossovers, warnings and a batch-1 setup to look at. */
export const articleConfig = path.join(examplesDir, 'open-vs-closed-2026', 'llm.config.json');
export const screenshotsDir = path.join(repoRoot, 'test-output/screenshots');
export const readmeScreenshotsDir = path.join(repoRoot, 'media/screenshots');

/** The catalog the extension analyzes with: the curated cards and the files beside the bundle (read as the CLI reads them). */
export const shippedCatalog = cliCatalog().catalog;

/**
 * The README's screenshots, taken by the UI tests when UPDATE_README_SCREENSHOTS is set
 * (they are committed, so an ordinary test run leaves them alone): 1000 px wide at most,
 * 128 colours, with ImageMagick's `convert`.
 */
export async function readmeScreenshot(target: Page | Locator, name: string): Promise<void> {
  if (!process.env.UPDATE_README_SCREENSHOTS) return;
  mkdirSync(readmeScreenshotsDir, { recursive: true });
  const file = path.join(readmeScreenshotsDir, `${name}.png`);
  const raw = `${file}.raw.png`;
  await target.screenshot({ path: raw });
  execFileSync('convert', [raw, '-resize', '1000x>', '-strip', '+dither', '-colors', '128', '-define', 'png:compression-level=9', `PNG8:${file}`]);
  rmSync(raw);
}

// The harness is an ES module written in plain JS (it runs before any build), so it is
// loaded with import() from the repository, not from out/.
const loadHarness = (): Promise<Harness> =>
  import(pathToFileURL(path.join(repoRoot, 'test/harness/codeServer.mjs')).href) as Promise<Harness>;

export interface Workbench {
  page: Page;
  openFile(name: string): Promise<void>;
  runCommand(title: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * `scrollbars`: draw scrollbars, as VS Code does (headless Chromium hides them), for tests
 * that look at whether a scrollbar shows.
 */
export async function openWorkbench({ workspace = examplesDir, settings = {} as Record<string, unknown>, scrollbars = false } = {}): Promise<Workbench> {
  const harness = await loadHarness();
  const vsix = process.env.LLM_COST_LENS_UI_VSIX;
  const server: CodeServer = await harness.startCodeServer({
    workspace,
    settings,
    ...(vsix ? { installVsix: path.resolve(vsix) } : {}),
  });
  let browser: Browser | undefined;
  try {
    browser = await harness.launchBrowser({ scrollbars });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(
      harness.workbenchUrl(server, { folder: workspace, ...(vsix ? {} : { extensionDevelopmentPath: repoRoot }) }),
    );
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
    const opened = browser;
    return {
      page,
      async openFile(name) {
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
        await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
        await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
      },
      async runCommand(title) {
        const input = page.locator('.quick-input-widget input');
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        // The palette can open before the workbench has every command's title (a window still
        // restoring, an extension host still starting): closed and opened again, it has them.
        for (let attempt = 1; ; attempt++) {
          // A menu or widget left open (a light bulb menu, a hover) can take the first key
          // press: close it and try again, then try F1, the palette's other key.
          for (const key of ['Control+Shift+P', 'Control+Shift+P', 'F1']) {
            await page.keyboard.press(key);
            if (await input.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
            await page.keyboard.press('Escape');
            await page.keyboard.press('Escape');
          }
          await input.waitFor({ timeout: 5_000 });
          await input.fill(`>${title}`);
          if (await row.waitFor({ timeout: 10_000 }).then(() => true, () => false)) break;
          if (attempt === 3) {
            // What the palette showed instead, for whoever reads the failure.
            mkdirSync(screenshotsDir, { recursive: true });
            await page.screenshot({ path: path.join(screenshotsDir, 'failed-command.png') });
            throw new Error(`the command palette did not list "${title}" in three tries`);
          }
          await page.keyboard.press('Escape');
        }
        await page.keyboard.press('Enter');
      },
      async screenshot(name) {
        mkdirSync(screenshotsDir, { recursive: true });
        const file = path.join(screenshotsDir, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async close() {
        await opened.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

/**
 * A workspace of the article's example config at its root, a broken config (an unknown model)
 * in a folder, and a file that is not a config; `remove` deletes it.
 */
export function exampleWorkspace(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-ui-'));
  copyFileSync(articleConfig, path.join(dir, 'llm.config.json'));
  mkdirSync(path.join(dir, 'broken'));
  copyFileSync(path.join(repoRoot, 'test/fixtures/unknown-model/llm.config.json'), path.join(dir, 'broken/llm.config.json'));
  writeFileSync(path.join(dir, 'notes.txt'), 'Not a config.\n');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A workbench on a workspace of one llm.config.json, a copy of `config`; closing it removes the workspace. */
export async function openConfigWorkbench(config: string): Promise<Workbench> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-ui-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  copyFileSync(config, path.join(dir, 'llm.config.json'));
  try {
    const workbench = await openWorkbench({ workspace: dir });
    return {
      ...workbench,
      close: async () => {
        await workbench.close();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Opens the root llm.config.json of an example workspace, alone: folders come first in the explorer, so it is the last row of that name. */
export async function openRootConfig(workbench: Workbench): Promise<void> {
  const page = workbench.page;
  await workbench.runCommand('View: Close All Editors');
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'llm.config.json' }).last().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'llm.config.json' }).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** The editor's text as shown (non-breaking spaces as spaces). */
export async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A workbench on the example workspace for a suite: opened before its tests, closed and the
 * workspace removed after, and whatever a failed test left open (a menu, a quick pick) closed
 * before each, as it would take the next one's keys. Read `workbench` and `page` in the tests.
 */
export function exampleWorkbenchForSuite(): { readonly workbench: Workbench; readonly page: Page } {
  let workspace: ReturnType<typeof exampleWorkspace> | undefined;
  let opened: Workbench | undefined;
  before(async () => {
    workspace = exampleWorkspace();
    opened = await openWorkbench({ workspace: workspace.dir });
  });
  after(async () => {
    await opened?.close();
    workspace?.remove();
  });
  beforeEach(async () => {
    await opened!.page.keyboard.press('Escape');
    await opened!.page.keyboard.press('Escape');
  });
  return {
    get workbench() {
      return opened!;
    },
    get page() {
      return opened!.page;
    },
  };
}
