import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { EMPTY_INPUTS, type PanelInputs } from '../../src/protocol';
import { COST_COLUMN, COST_HEADER, costRowCells } from '../../webview/report';
import { articleRowCells } from '../../webview/tabs/cost/articleRows';
import { panelAnalysis, usePanelCatalog } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';
import { chartLabels, clippedText, type ChartLabels } from './layout';
import { chooseWorkload, costTable, panelFrame, panelScreenshot, selectTab } from './panelPage';
import { articleConfig, exampleWorkspace, openWorkbench, readmeScreenshot, repoRoot, type Workbench } from './workbench';
import { cliCatalogFiles } from '../../src/cli/catalogFiles';

const OPEN = 'LLM Cost Lens: Open Comparison';

// The callbacks given to evaluate() run in the webview, not in Node: the DOM they use, typed loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const getComputedStyle: (element: unknown) => { backgroundColor: string; fontSize: string };
type Document = any;
type ShadowRoot = any;
type HTMLInputElement = any;
type HTMLScriptElement = any;
type HTMLElement = any;

/** The rows the view-model gives for this config text and inputs: what the table must show. */
function expectedRows(text: string, inputs: PanelInputs = EMPTY_INPUTS): string[][] {
  const view = costView(panelAnalysis(text, {}, inputs), inputs);
  assert.ok(view, 'the config has a workload');
  return view.rows.map(costRowCells);
}

async function waitForCostRows(frame: Frame, expectedFirst: string): Promise<void> {
  await frame.waitForFunction(
    (first) => {
      const cell = document.querySelector('#cost-options tbody tr > :nth-child(3)');
      return cell?.textContent?.trim() === first;
    },
    expectedFirst,
    { timeout: 30_000 },
  );
}

/** The panel alone, for the README. */
function panelShot(page: Page, name: string): Promise<void> {
  return readmeScreenshot(page.locator('iframe.webview.ready').first(), name);
}

const TABS = ['cost', 'benchmarks', 'decision', 'quantization'];
const SHOT_WIDTHS = [900, 1280, 1920];

/** Every label of the cost chart inside the chart, none over another, crossover labels in the plot. */
function assertChartReadable(labels: ChartLabels, where: string): void {
  assert.ok(labels.count > 6, `${where}: the chart has its tick labels and axis titles (${labels.count} texts)`);
  assert.deepEqual(labels.outside, [], `${where}: no chart label reaches outside the chart`);
  assert.deepEqual(labels.overlapping, [], `${where}: no two chart labels overlap`);
  assert.deepEqual(labels.offPlot, [], `${where}: crossover labels stay off the axes`);
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
  // The article's scenario: its blends, a crossover that happens and one that never does.
  const text = readFileSync(articleConfig, 'utf8');
  let workspace: ReturnType<typeof exampleWorkspace> | undefined;
  let baseline: Awaited<ReturnType<typeof activeContent>>;

  const cspReports: string[] = [];

  before(async () => {
    // The view-model computes with the catalog files the extension sends the panel.
    usePanelCatalog(cliCatalogFiles());
    workspace = exampleWorkspace();
    workbench = await openWorkbench({ workspace: workspace.dir, scrollbars: true });
    // Chromium reports every CSP violation on the console, from whichever frame it happened in.
    workbench.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspReports.push(message.text());
    });
  });

  after(async () => {
    await workbench?.close();
    workspace?.remove();
  });

  it('opens from the command palette with the engine’s figures for the article’s example', async () => {
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

  it('shows the cheapest setup the serving model finds beside each open model, the article’s setups in a table of their own', async () => {
    const header = await frame.locator('#cost-options thead th').evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
    assert.deepEqual(header, COST_HEADER);
    assert.equal(header[COST_COLUMN.cheapest], 'Cheapest setup');
    const rows = await costTable(frame);
    const view = costView(panelAnalysis(text, {}, EMPTY_INPUTS), EMPTY_INPUTS)!;
    const llama = view.rows.find((r) => r.model === 'llama-3.1-70b' && r.cheapestSetup)!;
    assert.ok(llama, 'an open model with a cheapest setup');
    const shown = rows.find((r) => r[0] === llama.label)!;
    // The example prices every GPU at its own gpuHourlyUsd, so the cell says whose price it is.
    assert.equal(shown[COST_COLUMN.cheapest], costRowCells(llama)[COST_COLUMN.cheapest]);
    assert.equal(shown[COST_COLUMN.cheapest], `${llama.cheapestSetup!.label} ($2.50/GPU-h, your assumptions.gpuHourlyUsd)`);
    assert.ok(await frame.locator('#cost-options tbody td', { hasText: llama.cheapestSetup!.label }).first().isVisible(), 'the cell is on screen');
    assert.equal(rows.length, view.rows.length);
    // The article's batch-1 rows: a table of their own, labelled as the article's.
    assert.equal(await frame.locator('#article-rows-title').textContent(), 'An article’s rows: its batch-1 measurements');
    // Named once by its title and what it is, "the article" after.
    const intro = (await frame.locator('#article-rows-title + p').textContent()) ?? '';
    assert.ok(intro.startsWith('The setups measured one request at a time by “Open vs Closed Models in 2026”, a 2026 blog post comparing open-weight and closed LLMs'), intro);
    assert.ok(intro.includes('They are the article’s figures'), intro);
    const article = await frame.locator('#article-options tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
    assert.deepEqual(article, view.articleRows.map(articleRowCells));
    assert.equal(article[0]![0], 'Llama 3.1 70B · 1× A100 80GB · INT4 · 25 tok/s');
    assert.equal(article[0]![1], '25 tok/s, batch 1');
  });

  it('recomputes the figures and the chart when the volume moves', async () => {
    const chartBefore = await frame.locator('#cost-chart-svg').evaluate((c) => (c as HTMLElement).outerHTML);
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
    const chartAfter = await frame.locator('#cost-chart-svg').evaluate((c) => (c as HTMLElement).outerHTML);
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
    const loaded = Date.now();
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    frame = await panelFrame(workbench.page, 60_000);
    // The panel's script draws the state it kept at once, before the host has sent anything:
    // the first time the panel can be seen at all, it shows its figures.
    const first = await frame.evaluate(() => ({
      ready: document.body.dataset.ready,
      source: document.body.dataset.firstSource,
      renderedAtMs: Number(document.body.dataset.firstRenderMs),
      recommendations: document.querySelectorAll('#recommendations tbody tr').length,
    }));
    console.log(`      reload → panel shown: ${Date.now() - loaded} ms; first drawing ${first.renderedAtMs} ms after the webview started, from the ${first.source}`);
    assert.equal(first.ready, 'true', 'the restored panel has content as soon as it exists');
    assert.equal(first.source, 'snapshot', 'drawn from the state it kept, not after waiting for the extension host');
    assert.ok(first.recommendations > 0, 'the Decision tab shows its recommendations at once');
    await frame.waitForFunction(() => document.body.dataset.source === 'host', undefined, { timeout: 30_000 });
    assert.equal(await frame.evaluate(() => document.querySelector('[role="tabpanel"][data-tab="decision"]')?.hidden), false, 'the Decision tab is still selected');
    await selectTab(frame, 'cost');
    await waitForCostRows(frame, '$7,500');
    assert.equal(await frame.locator('#input-volume').evaluate((f) => (f as HTMLInputElement).value), '1000');
    // What the panel itself renders, every tab drawn once: the hostile config must add nothing.
    for (const tab of ['benchmarks', 'decision', 'quantization', 'cost']) await selectTab(frame, tab);
    baseline = await activeContent(frame);
  });

  it('reads well in light and dark themes at 900, 1280 and 1920 px, and in high contrast: nothing cut off, chart labels apart (screenshots of every tab)', async () => {
    const { page } = workbench;
    await frame.locator('#reset').click();
    await waitForCostRows(frame, '$750');
    // The panel alone in the editor area, as a reader of the README sees it.
    await command(page, 'View: Maximize Editor Group and Hide Side Bars');
    frame = await panelFrame(page);
    // Dark last: the tests after this one, and the README's screenshots, are in Dark Modern.
    const themes = [
      { name: 'Dark High Contrast', kind: 'vscode-high-contrast', readme: false, widths: [1280] },
      { name: 'Light High Contrast', kind: 'vscode-high-contrast-light', readme: false, widths: [1280] },
      { name: 'Light Modern', kind: 'vscode-light', readme: false, widths: SHOT_WIDTHS },
      { name: 'Dark Modern', kind: 'vscode-dark', readme: true, widths: SHOT_WIDTHS },
    ];
    const backgrounds: string[] = [];
    for (const theme of themes) {
      await setTheme(workbench, theme.name);
      frame = await panelFrame(page);
      await frame.waitForFunction((kind) => document.body.classList.contains(kind), theme.kind);
      backgrounds.push(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor));
      for (const width of theme.widths) {
        // Tall enough to show each tab's first tables and the whole chart.
        await page.setViewportSize({ width, height: 1400 });
        for (const tab of TABS) {
          await selectTab(frame, tab);
          const where = `${tab} tab, ${width} px, ${theme.name}`;
          await panelScreenshot(page, `panel-${tab}-${width}-${theme.kind.replace('vscode-', '')}`);
          assert.deepEqual(await clippedText(frame), [], `${where}: no text cut off`);
          if (tab === 'cost') assertChartReadable(await chartLabels(frame), where);
        }
      }
      if (theme.readme) {
        await page.setViewportSize({ width: 1280, height: 800 });
        for (const tab of TABS) {
          await selectTab(frame, tab);
          await panelShot(page, `panel-${tab}`);
        }
        // The batched self-hosted workload: its chart marks a real crossover.
        await selectTab(frame, 'cost');
        await chooseWorkload(frame, 1);
        await frame.waitForFunction(() => document.getElementById('cost-summary')?.textContent?.startsWith('batch-summaries'));
        await frame.page().waitForTimeout(300);
        await panelShot(page, 'panel-cost-crossover');
        await chooseWorkload(frame, 0);
        // The options table, its Cheapest setup column in view; then back to the top.
        await frame.waitForFunction(() => document.getElementById('cost-summary')?.textContent?.startsWith('support-chat'));
        await frame.locator('#cost-options').evaluate((table) => table.scrollIntoView({ block: 'start' }));
        await panelShot(page, 'panel-cost-options');
        await frame.evaluate(() => document.body.firstElementChild?.scrollIntoView({ block: 'start' }));
      }
    }
    assert.notEqual(backgrounds[0], backgrounds[1], `the panel follows the theme (high contrast): ${backgrounds.join(', ')}`);
    assert.notEqual(backgrounds[2], backgrounds[3], `the panel follows the theme: ${backgrounds.join(', ')}`);
  });

  it('at 900 × 700 px: no text cut off, the wide table scrolls sideways (keyboard too) with its first column in view, crossover labels apart', async () => {
    const { page } = workbench;
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForTimeout(300);
    for (const tab of TABS) {
      await selectTab(frame, tab);
      assert.deepEqual(await clippedText(frame), [], `${tab} tab at 900 × 700: no text cut off`);
    }
    await selectTab(frame, 'benchmarks');
    const region = frame.locator('#bench-table .table-scroll');
    const before = await region.evaluate((r) => ({
      scrollWidth: r.scrollWidth as number,
      clientWidth: r.clientWidth as number,
      // A scrollbar that takes room is one a person sees (not an overlay that shows on hover).
      scrollbar: (r.offsetHeight - r.clientHeight) as number,
      focusable: r.getAttribute('tabindex'),
      columns: r.querySelectorAll('thead th').length as number,
    }));
    assert.ok(before.scrollWidth > before.clientWidth + 50, `the benchmark table is wider than the panel and scrolls: ${JSON.stringify(before)}`);
    assert.ok(before.columns > 5, 'every column is there, none stacked into cards');
    assert.ok(before.scrollbar > 0, `the scrollbar shows: ${JSON.stringify(before)}`);
    assert.equal(before.focusable, '0', 'the region takes the focus, so the keyboard scrolls it');
    await region.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(400);
    assert.ok(await region.evaluate((r) => r.scrollLeft > 0), 'the arrow keys scroll the table');
    await region.evaluate((r) => (r.scrollLeft = r.scrollWidth));
    await page.waitForTimeout(400);
    const after = await region.evaluate((r) => {
      const box = r.getBoundingClientRect();
      const first = r.querySelector('thead th').getBoundingClientRect();
      const cells = r.querySelectorAll('tbody tr:first-child > *');
      const last = cells[cells.length - 1].getBoundingClientRect();
      return { scrollLeft: r.scrollLeft as number, regionLeft: box.left as number, regionRight: box.right as number, firstLeft: first.left as number, lastRight: last.right as number };
    });
    assert.ok(Math.abs(after.firstLeft - after.regionLeft) <= 1, `the model column stays at the left edge: ${JSON.stringify(after)}`);
    assert.ok(after.lastRight <= after.regionRight + 1, `the last column is reachable: ${JSON.stringify(after)}`);
    // The chart, for the first workload and for the one whose chart marks a crossover.
    await selectTab(frame, 'cost');
    assertChartReadable(await chartLabels(frame), 'support-chat at 900 px');
    await chooseWorkload(frame, 1);
    await frame.waitForFunction(() => document.getElementById('cost-summary')?.textContent?.startsWith('batch-summaries'));
    await page.waitForTimeout(300);
    const crossover = await chartLabels(frame);
    assertChartReadable(crossover, 'batch-summaries at 900 px');
    assert.ok(crossover.crossoverLabels.length > 0, 'the crossover is labelled');
    await panelScreenshot(page, 'panel-cost-crossover-900x700');
    await chooseWorkload(frame, 0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('beside the editor, about 750 px wide: the Cheapest setup column in view without scrolling, the Decision tab’s Why column readable', async () => {
    const { page } = workbench;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(300);
    // Size the window so that the panel itself is 750 px wide, whatever the workbench around it takes.
    const panelWidth = async () => (await page.locator('iframe.webview.ready').first().boundingBox())!.width;
    await page.setViewportSize({ width: Math.round(1280 - (await panelWidth()) + 750), height: 800 });
    await page.waitForTimeout(500);
    const width = await panelWidth();
    assert.ok(Math.abs(width - 750) <= 20, `the panel is about 750 px wide: ${width}`);
    await selectTab(frame, 'cost');
    await frame.locator('#cost-options').evaluate((t) => t.scrollIntoView({ block: 'start' }));
    const cost = await frame.locator('#cost-table .table-scroll').evaluate((region) => {
      const box = region.getBoundingClientRect();
      const header = [...region.querySelectorAll('thead th')].find((th: HTMLElement) => th.textContent.trim() === 'Cheapest setup').getBoundingClientRect();
      return { scrollLeft: region.scrollLeft as number, regionLeft: box.left as number, regionRight: box.right as number, left: header.left as number, right: header.right as number, width: header.width as number };
    });
    assert.equal(cost.scrollLeft, 0);
    assert.ok(cost.right <= cost.regionRight + 1 && cost.left >= cost.regionLeft, `the Cheapest setup column is on screen at 750 px: ${JSON.stringify(cost)}`);
    assert.ok(cost.width >= 150, `and wide enough to read: ${JSON.stringify(cost)}`);
    assert.deepEqual(await clippedText(frame), [], 'cost tab at 750 px: no text cut off');
    await panelScreenshot(page, 'panel-cost-options-750');
    await selectTab(frame, 'decision');
    const why = await frame.locator('#recommendations').evaluate((table) => {
      const th = [...table.querySelectorAll('thead th')].find((c: HTMLElement) => c.textContent.trim() === 'Why');
      const em = parseFloat(getComputedStyle(table).fontSize);
      const region = table.closest('.table-scroll').getBoundingClientRect();
      return { width: th.getBoundingClientRect().width as number, right: th.getBoundingClientRect().right as number, em, regionRight: region.right as number };
    });
    assert.ok(why.width >= 18 * why.em, `the Why column is at least 18em wide, not crushed: ${JSON.stringify(why)}`);
    assert.deepEqual(await clippedText(frame), [], 'decision tab at 750 px: no text cut off');
    await frame.locator('#recommendations').evaluate((t) => t.scrollIntoView({ block: 'start' }));
    await panelScreenshot(page, 'panel-decision-750');
    await selectTab(frame, 'cost');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('on the Decision tab, the models rated on a ticked benchmark requirement come first, the rest under a heading that says they are not rated', async () => {
    await selectTab(frame, 'decision');
    const ticked = await frame.locator('#req-best_math_code').isChecked();
    if (!ticked) await frame.locator('#req-best_math_code').check();
    await frame.waitForSelector('[id^="recommendations-unrated-"]', { timeout: 30_000 });
    const view = await frame.evaluate(() => ({
      rated: [...document.querySelectorAll('#recommendations tbody tr th')].map((th) => th.textContent!.trim()),
      headings: [...document.querySelectorAll('#decision-results h3')].map((h) => h.textContent!.trim()).filter((t) => t.startsWith('Not rated')),
      firstUnrated: document.querySelector('[id^="recommendations-unrated-"] tbody tr')?.textContent ?? '',
    }));
    assert.ok(view.rated.length > 0 && view.rated[0]!.startsWith('1. '), `rated rows first: ${view.rated.slice(0, 3).join(' | ')}`);
    assert.ok(view.rated.some((name) => /DeepSeek V3/.test(name)), view.rated.join(' | '));
    assert.equal(view.headings.length, 1, view.headings.join(' | '));
    assert.match(view.headings[0]!, /^Not rated for .*best_math_code.* \(\d+\): no figure in the catalog, ranked by quality tier and cost$/);
    assert.match(view.firstUnrated, /best_math_code: not ranked on it, no figure in the catalog/);
    assert.deepEqual(await clippedText(frame), [], 'decision tab with the not-rated group: no text cut off');
    await frame.evaluate(() => [...document.querySelectorAll('#decision-results h3')].find((h) => h.textContent!.startsWith('Not rated'))!.scrollIntoView({ block: 'start' }));
    await panelScreenshot(workbench.page, 'panel-decision-unrated');
    // Back to the config's requirements: the later tests read the panel as the config sets it.
    if (!ticked) await frame.locator('#req-best_math_code').uncheck();
    await selectTab(frame, 'cost');
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
      await panel.waitForFunction(() => document.querySelectorAll('#cost-options tbody tr').length > 0, undefined, { timeout: 30_000 });
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

  describe('in a workspace without a config (the first run)', () => {
    let empty: Workbench;
    let dir: string;

    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-empty-'));
      empty = await openWorkbench({ workspace: dir });
    });

    after(async () => {
      await empty?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('welcomes with a Create button that runs the extension’s command; nothing to export until there is a config', async () => {
      const manifestTitle = (() => {
        const nls = JSON.parse(readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
        return `${nls.category}: ${nls['command.createConfig']}`;
      })();
      await empty.runCommand(OPEN);
      let panel = await panelFrame(empty.page);
      await panel.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 30_000 });
      const welcome = await panel.evaluate(() => {
        const controls = ['reveal', 'export-md', 'export-csv', 'copy-md', 'copy-csv', 'apply', 'reset'];
        return {
          welcome: (document.getElementById('welcome')?.getClientRects().length ?? 0) > 0,
          text: document.getElementById('welcome')?.textContent ?? '',
          button: document.getElementById('create-config')?.textContent ?? '',
          enabled: controls.filter((id) => !document.getElementById(id)?.hasAttribute('disabled')),
          // Laid out at all (a class's display must not undo `hidden`).
          shown: ['cost-inputs', 'workload-select', 'apply', 'cost-content'].filter((id) => (document.getElementById(id)?.getClientRects().length ?? 0) > 0),
        };
      });
      assert.ok(welcome.welcome, 'the welcome shows');
      assert.ok(welcome.text.includes(manifestTitle), `it names the command as the palette lists it ("${manifestTitle}"): ${welcome.text}`);
      assert.equal(welcome.button, 'Create llm.config.json');
      assert.deepEqual(welcome.enabled, [], 'Open config, Export and Apply are disabled without a config');
      assert.deepEqual(welcome.shown, [], 'no assumptions to edit, no empty chart or table');
      assert.deepEqual(await clippedText(panel), [], 'the welcome cuts no text off');
      await empty.screenshot('panel-welcome');

      await panel.locator('#create-config').click();
      const file = path.join(dir, 'llm.config.json');
      const deadline = Date.now() + 30_000;
      while (!existsSync(file) && Date.now() < deadline) await empty.page.waitForTimeout(100);
      assert.ok(existsSync(file), 'the command wrote the config into the workspace folder');
      await empty.page.locator('.tabs-container .tab', { hasText: 'llm.config.json' }).first().waitFor();
      // The panel follows the new config (it may have moved beside the editor: found again).
      panel = await panelFrame(empty.page);
      await panel.waitForFunction(() => document.querySelectorAll('#cost-options tbody tr').length > 0, undefined, { timeout: 30_000 });
      const after = await panel.evaluate(() => ({
        welcome: document.getElementById('welcome')?.hidden,
        label: document.getElementById('config-label')?.textContent,
        disabled: ['reveal', 'export-md', 'export-csv', 'copy-md', 'copy-csv'].filter((id) => document.getElementById(id)?.hasAttribute('disabled')),
      }));
      assert.equal(after.welcome, true, 'the welcome is gone');
      assert.equal(after.label, `${path.basename(dir)}/llm.config.json`, 'the header names the new config');
      assert.deepEqual(after.disabled, [], 'Open config and Export are enabled once there is a config');
      assert.deepEqual(await costTable(panel), expectedRows(readFileSync(file, 'utf8')), 'the panel shows the new config’s figures');
      await empty.screenshot('panel-created-config');
    });
  });
});
