import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { EMPTY_INPUTS, type PanelInputs } from '../../src/protocol';
import { costRowCells } from '../../webview/report';
import { costView, panelAnalysis } from '../../webview/viewModel';
import { examplesDir, openWorkbench, readmeScreenshot, repoRoot, type Workbench } from './workbench';

const OPEN = 'LLM Cost Lens: Open Comparison';

// The callbacks given to evaluate() run in the webview, not in Node: the DOM they use, typed loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const getComputedStyle: (element: unknown) => { backgroundColor: string };
type Document = any;
type ShadowRoot = any;
type HTMLCanvasElement = any;
type HTMLInputElement = any;
type HTMLScriptElement = any;
type HTMLElement = any;
type Event = any;
declare const Event: any;

/** The comparison panel's document: the webview's inner frame that holds the panel's tabs. */
async function panelFrame(page: Page, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.evaluate(() => document.getElementById('tabs') !== null).catch(() => false);
      if (found) return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('the comparison panel did not appear');
}

/** The cost table's rows, as the text of each cell. */
async function costTable(frame: Frame): Promise<string[][]> {
  return frame.locator('#cost-options vscode-table-row').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('vscode-table-cell')].map((cell) => (cell.textContent ?? '').trim())),
  );
}

/** The rows the view-model gives for this config text and inputs: what the table must show. */
function expectedRows(text: string, inputs: PanelInputs = EMPTY_INPUTS): string[][] {
  const view = costView(panelAnalysis(text, {}, inputs), inputs);
  assert.ok(view, 'the config has a workload');
  return view.rows.map(costRowCells);
}

async function waitForCostRows(frame: Frame, expectedFirst: string): Promise<void> {
  await frame.waitForFunction(
    (first) => {
      const cell = document.querySelector('#cost-options vscode-table-row vscode-table-cell:nth-child(3)');
      return cell?.textContent?.trim() === first;
    },
    expectedFirst,
    { timeout: 30_000 },
  );
}

/** Selects a tab with the keyboard, as a person without a mouse would. */
async function selectTab(frame: Frame, id: string): Promise<void> {
  await frame.locator(`vscode-tab-header[data-tab="${id}"]`).click();
  await frame.waitForFunction((tab) => document.querySelector(`vscode-tab-panel[data-tab="${tab}"]`)?.hidden === false, id);
  await frame.page().waitForTimeout(300); // charts draw on the next frame
}

/** A screenshot of the panel alone, 1000px wide, 256 colours: small enough for the README. */
/** The panel alone, for the README. */
function panelShot(page: Page, name: string): Promise<void> {
  return readmeScreenshot(page.locator('iframe.webview.ready').first(), name);
}

/** Picks a workload in the Cost tab's select. */
async function chooseWorkload(frame: Frame, index: number): Promise<void> {
  await frame.locator('#workload-select').evaluate((select, i) => {
    (select as HTMLElement & { value: string }).value = String(i);
    select.dispatchEvent(new Event('change'));
  }, index);
}

/**
 * Runs a command from the palette, opened from the title bar's command center: a webview
 * that has the focus keeps the palette's key to itself.
 */
async function command(page: Page, title: string): Promise<void> {
  await page.locator('.command-center .command-center-center').first().click();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

/** Picks a colour theme through "Preferences: Color Theme", as a person would. */
async function setTheme(workbench: Workbench, name: string): Promise<void> {
  const { page } = workbench;
  await command(page, 'Preferences: Color Theme');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${name}`) }).first();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Modern' }).first().waitFor();
  await page.locator('.quick-input-widget input').fill(name);
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** img, svg, script and iframe elements in the page and in every shadow root, and whether any handler ran. */
async function activeContent(frame: Frame): Promise<{ counts: Record<string, number>; pwned: string | undefined; scripts: string[] }> {
  return frame.evaluate(() => {
    const counts: Record<string, number> = { img: 0, svg: 0, script: 0, iframe: 0, a: 0 };
    const scripts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        const tag = element.tagName.toLowerCase();
        if (tag in counts) counts[tag]!++;
        if (tag === 'script') scripts.push((element as HTMLScriptElement).src ? 'src' : 'inline');
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return { counts, pwned: document.body.dataset.pwned, scripts };
  });
}

describe('comparison panel, as seen in the workbench', function () {
  this.timeout(240_000);
  let workbench: Workbench;
  let frame: Frame;
  const text = readFileSync(path.join(examplesDir, 'llm.config.json'), 'utf8');
  let baseline: Awaited<ReturnType<typeof activeContent>>;

  const cspReports: string[] = [];

  before(async () => {
    workbench = await openWorkbench();
    // Chromium reports every CSP violation on the console, from whichever frame it happened in.
    workbench.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspReports.push(message.text());
    });
  });

  after(async () => {
    await workbench?.close();
  });

  it('opens from the command palette with the engine’s figures for examples/llm.config.json', async () => {
    const expected = expectedRows(text);
    // The article’s pinned figure: GPT-4o at a blended $7.50/M, 100M tokens a month.
    assert.equal(expected[0]![2], '$750');
    await workbench.openFile('llm.config.json');
    const started = Date.now();
    await workbench.runCommand(OPEN);
    frame = await panelFrame(workbench.page);
    await waitForCostRows(frame, expected[0]![2]!);
    const elapsed = Date.now() - started;
    const renderMs = await frame.evaluate(() => document.body.dataset.renderMs);
    console.log(`      command → filled cost table: ${elapsed} ms (last render in the webview: ${renderMs} ms)`);
    assert.deepEqual(await costTable(frame), expected);
    assert.deepEqual(cspReports, [], 'no CSP violation while the panel loads and draws');
  });

  it('recomputes the figures and the chart when the volume moves', async () => {
    const chartBefore = await frame.locator('#cost-chart').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    // Keyboard first: the slider moves with the arrow keys.
    await frame.locator('#volume-slider').focus();
    for (let i = 0; i < 10; i++) await workbench.page.keyboard.press('ArrowRight');
    const moved = Number(await frame.locator('#input-volume').evaluate((f) => (f as HTMLInputElement).value));
    assert.ok(moved > 100, `the volume went up (now ${moved}M)`);
    // Then an exact figure typed into the volume field.
    const field = frame.locator('#input-volume input');
    await field.fill('1000');
    const inputs: PanelInputs = { ...EMPTY_INPUTS, volumesM: { '0': 1000 } };
    const expected = expectedRows(text, inputs);
    assert.equal(expected[0]![2], '$7,500');
    await waitForCostRows(frame, '$7,500');
    assert.deepEqual(await costTable(frame), expected);
    const chartAfter = await frame.locator('#cost-chart').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    assert.notEqual(chartAfter, chartBefore, 'the chart was redrawn');
    const data = await frame.locator('#cost-data table').evaluate((t) => t.textContent ?? '');
    assert.match(data, /1B/, 'the chart data table lists the new volume');
  });

  it('keeps its tab and inputs across a window reload', async () => {
    await selectTab(frame, 'decision');
    // "Developer: Reload Window" is VS Code's own reload: it saves the window's state (the
    // webview's getState among it) and then reloads the page. A bare page.reload() in the web
    // workbench can unload before that state reaches IndexedDB.
    const reloaded = workbench.page.waitForEvent('load', { timeout: 60_000 });
    await command(workbench.page, 'Developer: Reload Window');
    await reloaded;
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    frame = await panelFrame(workbench.page, 60_000);
    await frame.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 30_000 });
    assert.equal(await frame.evaluate(() => document.querySelector('vscode-tab-panel[data-tab="decision"]')?.hidden), false, 'the Decision tab is still selected');
    await selectTab(frame, 'cost');
    await waitForCostRows(frame, '$7,500');
    assert.equal(await frame.locator('#input-volume').evaluate((f) => (f as HTMLInputElement).value), '1000');
    // What the panel itself renders, every tab drawn once: the hostile config must add nothing.
    for (const tab of ['benchmarks', 'decision', 'quantization', 'cost']) await selectTab(frame, tab);
    baseline = await activeContent(frame);
  });

  it('reads well in light and dark themes (screenshots of every tab)', async () => {
    await frame.locator('#reset').click();
    await waitForCostRows(frame, '$750');
    // The panel alone in the editor area, as a reader of the README sees it.
    await command(workbench.page, 'View: Maximize Editor Group and Hide Side Bars');
    frame = await panelFrame(workbench.page);
    const tabsShown = ['cost', 'benchmarks', 'decision', 'quantization'];
    const themes = [
      { name: 'Light Modern', kind: 'vscode-light', readme: false },
      { name: 'Dark Modern', kind: 'vscode-dark', readme: true },
    ];
    const backgrounds: string[] = [];
    for (const theme of themes) {
      await setTheme(workbench, theme.name);
      frame = await panelFrame(workbench.page);
      await frame.waitForFunction((kind) => document.body.classList.contains(kind), theme.kind);
      backgrounds.push(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor));
      for (const tab of tabsShown) {
        await selectTab(frame, tab);
        await workbench.screenshot(`panel-${tab}-${theme.kind.replace('vscode-', '')}`);
        if (theme.readme) await panelShot(workbench.page, `panel-${tab}`);
      }
      if (theme.readme) {
        // The batched self-hosted workload: its chart marks a real crossover.
        await selectTab(frame, 'cost');
        await chooseWorkload(frame, 1);
        await frame.waitForFunction(() => document.getElementById('cost-summary')?.textContent?.startsWith('batch-summaries'));
        await frame.page().waitForTimeout(300);
        await panelShot(workbench.page, 'panel-cost-crossover');
        await chooseWorkload(frame, 0);
      }
    }
    assert.notEqual(backgrounds[0], backgrounds[1], 'the panel follows the theme');
  });

  describe('with hostile text in the config', () => {
    let hostile: Workbench;
    let dir: string;

    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-hostile-'));
      copyFileSync(path.join(repoRoot, 'test/fixtures/panel/hostile/llm.config.json'), path.join(dir, 'llm.config.json'));
      hostile = await openWorkbench({ workspace: dir });
    });

    after(async () => {
      await hostile?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows names and notes as literal text, and renders no element of its own from them', async () => {
      await hostile.openFile('llm.config.json');
      await hostile.runCommand(OPEN);
      const panel = await panelFrame(hostile.page);
      await panel.waitForFunction(() => document.querySelectorAll('#cost-options vscode-table-row').length > 0, undefined, { timeout: 30_000 });
      const summary = await panel.locator('#cost-summary').textContent();
      assert.ok(summary?.includes(`chat <img src=x onerror="document.body.dataset.pwned='img'"> </script><script>`), summary ?? '');
      const notes = await panel.locator('#cost-notes').textContent();
      assert.ok(notes?.includes(`"><svg onload="document.body.dataset.pwned='svg'"> <a href="javascript:`), notes ?? '');
      // The second workload: its name and its (unknown) model.
      await chooseWorkload(panel, 1);
      await panel.waitForFunction(() => document.getElementById('cost-summary')?.textContent?.includes('javascript:void(0)'));
      const second = await panel.locator('#cost-summary').textContent();
      assert.ok(second?.includes(`</script><img src=x onerror="document.body.dataset.pwned='model'">`), second ?? '');
      for (const tab of ['benchmarks', 'decision', 'quantization', 'cost']) await selectTab(panel, tab);
      await chooseWorkload(panel, 0);
      await panel.waitForTimeout(300);
      const seen = await activeContent(panel);
      await hostile.screenshot('panel-hostile');
      assert.equal(seen.pwned, undefined, 'no handler from the config ran');
      assert.equal(seen.counts.img, 0);
      assert.equal(seen.counts.iframe, 0);
      assert.equal(seen.counts.a, 0);
      // The same elements as the panel renders for a harmless config: nothing came from the text.
      assert.deepEqual(seen.counts, baseline.counts);
      assert.deepEqual(seen.scripts, baseline.scripts);
    });

    it('writes the changed assumption into the config with Apply, keeping comments, undone in one step', async () => {
      const panel = await panelFrame(hostile.page);
      await panel.locator('#input-gpuHourlyUsd input').fill('3.25');
      await panel.waitForFunction(() => !document.getElementById('apply')?.hasAttribute('disabled'));
      await panel.locator('#apply').click();
      await panel.waitForFunction(() => document.getElementById('notice')?.textContent?.startsWith('Written to'), undefined, { timeout: 15_000 });
      const editorText = () =>
        hostile.page.locator('.editor-instance .monaco-editor .view-lines').first().evaluate((e) => (e as HTMLElement).innerText.replace(/\u00a0/g, ' '));
      const written = await editorText();
      assert.match(written, /"assumptions": \{\s*"gpuHourlyUsd": 3\.25\s*\}/);
      assert.match(written, /\/\/ Text built to escape into the comparison panel/);
      // The panel now reads the value from the config: nothing left to apply.
      await panel.waitForFunction(() => document.getElementById('apply')?.hasAttribute('disabled'));
      await hostile.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await hostile.page.keyboard.press('Control+Z');
      await hostile.page.waitForTimeout(300);
      assert.doesNotMatch(await editorText(), /gpuHourlyUsd/);
    });
  });
});
