import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { analyze, formatTokensM, formatUsd, recommend } from '../../src/engine';
import { articleConfig, editorText, exampleWorkbenchForSuite, openRootConfig, readmeScreenshot, shippedCatalog, waitUntil, type Workbench } from './workbench';

/** A token in the editor, by its exact text. */
function token(page: Page, text: string): Locator {
  return page.locator('.editor-instance .monaco-editor .view-lines span span').filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) }).first();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the editor features, as a person sees them', function () {
  this.timeout(180_000);
  const suite = exampleWorkbenchForSuite();
  let workbench: Workbench;
  let page: Page;
  before(() => ({ workbench, page } = suite));
  const exampleText = readFileSync(articleConfig, 'utf8');

  async function openBrokenConfig(): Promise<void> {
    await workbench.runCommand('View: Close All Editors');
    const folder = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken' }).first();
    if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
    await page.locator('.explorer-folders-view .monaco-list-row[aria-level="2"]', { hasText: 'llm.config.json' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'llm.config.json' }).waitFor();
    await token(page, '"gpt-4oo"').waitFor();
  }

  async function readLenses(): Promise<string[]> {
    const lines = await page.locator('.monaco-editor .codelens-decoration').evaluateAll((elements) =>
      elements
        .map((element) => ({ top: element.getBoundingClientRect().top, text: (element as unknown as { innerText: string }).innerText }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text),
    );
    return lines.flatMap((line) => line.replace(/\u00a0/g, ' ').split(' | ')).map((t) => t.trim()).filter(Boolean);
  }

  async function showLensesAndHover(theme: string): Promise<void> {
    await openRootConfig(workbench);
    const expected = analyze(exampleText).lenses.map((lens) => lens.title);
    // The article's config is taller than the window: its last workload's lenses are read at its end.
    await waitUntil(async () => (await readLenses()).length > 0, 'the lenses');
    const top = await readLenses();
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    const last = expected.at(-1)!;
    await waitUntil(async () => (await readLenses()).includes(last), 'the lenses at the end of the file');
    const shown = [...top, ...(await readLenses())];
    await page.keyboard.press('Control+Home');
    await waitUntil(async () => (await readLenses()).includes(top[0]!), 'the lenses at the top again');
    for (const title of [...expected, 'Recommend model…', 'Open comparison…']) assert.ok(shown.includes(title), `${title} on screen: ${shown.join(' | ')}`);
    await workbench.screenshot(`editor-lenses-${theme}`);
    if (theme === 'dark') await readmeScreenshot(page, 'editor-lenses');

    // GPT-4o has the best_math_code warning on it: VS Code draws the warning and the card in one box.
    await token(page, '"gpt-4o"').hover();
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'OpenAI' });
    await hover.waitFor({ timeout: 20_000 });
    const card = await hover.innerText();
    for (const expectedText of ['best_math_code', 'GPT-4o', 'OpenAI', formatUsd(2.5), formatUsd(10), 'API-only', 'More: the setups']) {
      assert.ok(card.includes(expectedText), `the card shows ${expectedText}:\n${card}`);
    }
    assert.ok(!card.includes('\\'), 'no escape characters on screen');
    await page.waitForTimeout(400); // the hover fades in
    await assertFits(hover, 'the GPT-4o card under its warning');
    await workbench.screenshot(`hover-model-card-${theme}`);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden' });

    // An open model, low in the file, so the card opens upwards with room for the fit table.
    // The workload's own model id, the lowest on screen: the editor keeps its line nodes in no particular order.
    const ids = page.locator('.editor-instance .monaco-editor .view-lines span span').filter({ hasText: /^"llama-3\.1-70b"$/ });
    const tops = await ids.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().top));
    await ids.nth(tops.indexOf(Math.max(...tops))).hover();
    // The card fits: its setups and where it fits are behind "More", on the explanation page.
    const openCard = page.locator('.monaco-hover:not(.hidden)', { hasText: 'More: the setups, where it fits' });
    await openCard.waitFor({ timeout: 20_000 });
    const openText = await openCard.innerText();
    assert.ok(openText.includes('Llama 3.1 70B'), `the card:\n${openText}`);
    await page.waitForTimeout(400); // the hover fades in
    await assertFits(openCard, 'the Llama 3.1 70B card under its warning');
    await workbench.screenshot(`hover-open-model-card-${theme}`);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await openCard.waitFor({ state: 'hidden' });

    // DeepSeek V3 has no finding on it: the card shows its first rows too, and still fits.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await token(page, '"deepseek-v3"').waitFor({ timeout: 20_000 });
    await token(page, '"deepseek-v3"').hover();
    const plainCard = page.locator('.monaco-hover:not(.hidden)', { hasText: 'More: the setups, where it fits' });
    await plainCard.waitFor({ timeout: 20_000 });
    const plainText = await plainCard.innerText();
    for (const expectedText of ['DeepSeek V3', 'Parameters', 'Price source', 'Architecture']) assert.ok(plainText.includes(expectedText), `the card shows ${expectedText}:\n${plainText}`);
    await page.waitForTimeout(400); // the hover fades in
    await assertFits(plainCard, 'the DeepSeek V3 card');
    await workbench.screenshot(`hover-card-no-finding-${theme}`);
    if (theme === 'dark') await readmeScreenshot(page, 'editor-hover');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Home');
  }

  /** The hover's content is no taller than the box VS Code drew for it: nothing to scroll. */
  async function assertFits(hover: Locator, what: string): Promise<void> {
    const size = await hover.evaluate((element) => {
      const content = element.querySelector('.monaco-hover-content') ?? element;
      return { content: content.scrollHeight, box: element.getBoundingClientRect().height, width: element.ownerDocument.documentElement.clientWidth };
    });
    assert.ok(size.content <= size.box + 1, `${what} fits its box without scrolling at ${size.width} px: ${JSON.stringify(size)}`);
  }

  it('shows the lenses, the status bar total and a model card (dark theme)', async () => {
    await showLensesAndHover('dark');
    const total = formatUsd(analyze(exampleText).totalMonthlyCostUsd);
    const status = page.locator('.statusbar-item', { hasText: `${total}/mo` });
    await status.waitFor({ timeout: 20_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.txt' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'notes.txt' }).waitFor();
    await status.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('shows a squiggle under an unknown model, with its message in the Problems panel', async () => {
    await openBrokenConfig();
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
    // The unknown model has no price: the status bar says so rather than showing a bare $0.
    await page.locator('.statusbar-item', { hasText: '1 unpriced' }).waitFor({ timeout: 20_000 });
    await workbench.runCommand('Problems: Focus on Problems View');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Unknown model "gpt-4oo"' });
    await row.first().waitFor({ timeout: 20_000 });
    const text = await page.locator('.markers-panel').innerText();
    assert.ok(text.includes('LLM Cost Lens'), `the source is shown: ${text}`);
    assert.ok(text.includes('unknown-model'), `the code is shown: ${text}`);
    await workbench.screenshot('problems-panel-dark');
    await workbench.runCommand('View: Hide Panel');
  });

  it('applies the did-you-mean quick fix from the light bulb menu (Ctrl+.)', async () => {
    await openBrokenConfig();
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
    // The unknown model has no price: the status bar says so rather than showing a bare $0.
    await page.locator('.statusbar-item', { hasText: '1 unpriced' }).waitFor({ timeout: 20_000 });
    await token(page, '"gpt-4oo"').click();
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Change to "gpt-4o"' });
    await item.waitFor({ timeout: 20_000 });
    await workbench.screenshot('quick-fix-menu-dark');
    await readmeScreenshot(page, 'editor-quick-fix');
    // The preferred fix is the focused one: Enter applies it, as a keyboard user would.
    assert.match((await item.getAttribute('class')) ?? '', /focused/);
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await editorText(page)).includes('"model": "gpt-4o",'), 'the fixed model id');
    const text = await editorText(page);
    assert.ok(text.includes('// The model this workload calls.'), 'the comment survives');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached', timeout: 20_000 });
    // The lens follows the fix: the workload now has a price.
    await page.locator('.monaco-editor .codelens-decoration', { hasText: /\$[\d,.]+\/mo · gpt-4o API/ }).waitFor({ timeout: 20_000 });
    await workbench.screenshot('quick-fix-applied-dark');
    await page.keyboard.press('Control+Z');
    await token(page, '"gpt-4oo"').waitFor();
  });

  it('runs Recommend Model from the command palette and applies the choice', async () => {
    await openRootConfig(workbench);
    const analysis = analyze(exampleText, { catalog: shippedCatalog });
    // The wizard asks for the workload first, then its volume: the first workload's.
    const volumeM = analysis.workloads[0]!.monthlyTokensM;
    const expected = recommend(
      analysis.requirements,
      volumeM,
      { inputShare: analysis.assumptions.inputShare, gpuHourlyUsd: analysis.gpuHourlyUsd, hoursPerMonth: analysis.assumptions.hoursPerMonth },
      shippedCatalog,
    ).recommendations[0]!;

    await workbench.runCommand('LLM Cost Lens: Recommend Model…');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: '(1/5)' }).waitFor();
    await workbench.screenshot('recommend-1-requirements-dark');
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: '(2/5)' }).waitFor();
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: '(3/5)' }).waitFor();
    assert.equal(await widget.locator('input').inputValue(), formatTokensM(volumeM), 'the volume comes from the workload');
    // Back to the workload and on again: the answers are kept.
    await widget.getByRole('button', { name: 'Back' }).first().click();
    await widget.locator('.quick-input-title', { hasText: '(2/5)' }).waitFor();
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: '(3/5)' }).waitFor();
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: '(4/5)' }).waitFor();
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: '(5/5)' }).waitFor();
    await widget.locator('.monaco-list-row').first().waitFor();
    await workbench.screenshot('recommend-5-models-dark');
    const first = await widget.locator('.monaco-list-row').first().innerText();
    assert.ok(first.includes(formatUsd(expected.monthlyCostUsd)), `the top row shows the engine’s cost ${formatUsd(expected.monthlyCostUsd)}: ${first}`);
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await editorText(page)).includes(`"model": "${expected.model}"`), `"model": "${expected.model}" in the editor`);
    await page.locator('.notifications-toasts', { hasText: 'now uses' }).first().waitFor({ timeout: 20_000 });
    await workbench.screenshot('recommend-applied-dark');
    await page.keyboard.press('Control+Z');
    await waitUntil(async () => (await editorText(page)).includes('"model": "gpt-4o"'), 'the undo');
  });

  it('activates, and VS Code measures how long it took', async () => {
    await workbench.runCommand('Developer: Show Running Extensions');
    const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
    const ours = rows.filter({ hasText: /LLM Cost Lens|llm-cost-lens/ }).first();
    await ours.waitFor({ timeout: 30_000 });
    const text = (await ours.innerText()).replace(/\s+/g, ' ');
    const json = (await rows.filter({ hasText: 'JSON Language Features' }).first().innerText().catch(() => '')).replace(/\s+/g, ' ');
    await workbench.screenshot('running-extensions');
    // Measured and printed against a built-in extension in the same window; speed is not asserted.
    const ms = Number(/Activation: (\d+)ms/.exec(text)?.[1]);
    const builtIn = Number(/Activation: (\d+)ms/.exec(json)?.[1]);
    assert.ok(Number.isFinite(ms), `VS Code reports an activation time: ${text}`);
    console.log(`      activation: ${ms} ms; JSON Language Features: ${builtIn} ms (×${(ms / builtIn).toFixed(2)})`);
    await workbench.runCommand('View: Close All Editors');
  });

  it('shows the lenses and a model card in a light theme', async () => {
    await openRootConfig(workbench);
    // The theme picker (Ctrl+K Ctrl+T), as a person opens it.
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+T');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Light Modern');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Light Modern' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-workbench.vs').waitFor({ timeout: 20_000 });
    await showLensesAndHover('light');
  });
});
