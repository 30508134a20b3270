// What a person reads in the editor says the same thing wherever it is read: a completion's
// price is the catalog's, a lens and its warning give the same figures, a quick fix keeps the
// comments beside what it edits, and the Recommend wizard's Back keeps the requirements.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { analyze, explanationLines, formatNumber, formatUsd } from '../../src/engine';
import { costsAtVolume } from '../../src/engine/present/lenses';
import { articleConfig, editorText, exampleWorkbenchForSuite, openRootConfig, repoRoot, shippedCatalog, waitUntil, type Workbench } from './workbench';

/** A token in the editor, by its exact text. */
function token(page: Page, text: string): Locator {
  return page.locator('.editor-instance .monaco-editor .view-lines').first().getByText(text, { exact: true });
}

async function lensTexts(page: Page): Promise<string[]> {
  const lines = await page.locator('.monaco-editor .codelens-decoration').evaluateAll((elements) =>
    elements.map((element) => (element as unknown as { innerText: string }).innerText),
  );
  return lines.flatMap((line) => line.replace(/\u00a0/g, ' ').split(' | ')).map((t) => t.trim()).filter(Boolean);
}

describe('the editor says the same thing everywhere', function () {
  this.timeout(240_000);
  const suite = exampleWorkbenchForSuite();
  let workbench: Workbench;
  let page: Page;
  before(() => ({ workbench, page } = suite));
  const exampleText = readFileSync(articleConfig, 'utf8');
  const example = analyze(exampleText, { catalog: shippedCatalog });

  it('the lens of each workload and its warning in the Problems panel give the same figures', async () => {
    await openRootConfig(workbench);
    const [chat, batch] = example.workloads;
    assert.ok(chat && batch, 'the example has two workloads');
    // support-chat: the self-hosted alternative never wins; both say from what throughput it would.
    const never = chat.crossovers.find((c) => !c.makesSense)!;
    const breakEven = `${formatNumber(never.breakEvenThroughputTps)} tok/s`;
    // batch-summaries: self-hosted, and the API would cost less at its volume.
    const cheaper = batch.crossovers.find((c) => { const costs = costsAtVolume(c, batch); return costs !== undefined && costs.apiUsd < costs.selfHostedUsd; })!;
    const costs = costsAtVolume(cheaper, batch)!;
    const apiCost = `${formatUsd(costs.apiUsd)}/mo`;
    const selfHostedCost = `${formatUsd(costs.selfHostedUsd)}/mo`;

    await waitUntil(async () => (await lensTexts(page)).length >= example.lenses.length, 'the lenses');
    const lenses = await lensTexts(page);
    const neverLens = lenses.find((t) => t.includes('never wins'));
    assert.ok(neverLens, `a lens says self-hosting never wins: ${lenses.join(' | ')}`);
    // The lens is short; the explanation it opens gives the break-even throughput.
    const neverExplained = explanationLines(example.lenses.find((l) => l.title === neverLens)!.explanation)[0]!;
    assert.ok(neverExplained.includes(`needs ≥ ${breakEven}`), `the explanation gives ${breakEven}: ${neverExplained}`);
    const cheaperLens = lenses.find((t) => t.includes(`API would be ${apiCost}`));
    assert.ok(cheaperLens, `a lens gives the API's ${apiCost}: ${lenses.join(' | ')}`);
    assert.ok(lenses.some((t) => t.startsWith(selfHostedCost)), `the cost lens gives ${selfHostedCost}: ${lenses.join(' | ')}`);

    await workbench.runCommand('Problems: Focus on Problems View');
    const neverRow = page.locator('.markers-panel .monaco-list-row', { hasText: 'never wins at any volume' }).first();
    await neverRow.waitFor({ timeout: 20_000 });
    const neverProblem = (await neverRow.innerText()).replace(/\s+/g, ' ');
    assert.ok(neverProblem.includes(`≥ ${breakEven}`), `the warning gives ${breakEven}: ${neverProblem}`);
    const cheaperRow = page.locator('.markers-panel .monaco-list-row', { hasText: `API costs ${apiCost}` }).first();
    await cheaperRow.waitFor({ timeout: 20_000 });
    const cheaperProblem = (await cheaperRow.innerText()).replace(/\s+/g, ' ');
    assert.ok(cheaperProblem.includes(`against ${selfHostedCost} self-hosted`), `the warning gives ${selfHostedCost}: ${cheaperProblem}`);
    await workbench.screenshot('lens-and-problems-agree-dark');
    await workbench.runCommand('View: Hide Panel');
  });

  it('completion in a "model" value lists gpt-4o-mini with its price from the catalog', async () => {
    const entry = shippedCatalog.prices!.entries.find((e) => e.key === 'gpt-4o-mini')!;
    const price = `${formatUsd(entry.inputPerMillionUsd)} / ${formatUsd(entry.outputPerMillionUsd!)} per 1M`;
    await openRootConfig(workbench);
    // Inside "gpt-4o" of support-chat, at its end: `"model": "gpt-4o",` ends the line.
    await token(page, '"gpt-4o"').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('-mi');
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.editor-widget.suggest-widget.visible');
    await widget.waitFor({ timeout: 20_000 });
    const row = widget.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: 'gpt-4o-mini' }) }).first();
    await row.waitFor({ timeout: 20_000 });
    // The first row is focused; move down to gpt-4o-mini if a longer name sorts first.
    for (let i = 0; i < 10 && !((await row.getAttribute('class')) ?? '').includes('focused'); i++) await page.keyboard.press('ArrowDown');
    const label = (await row.locator('.label-name').innerText()).trim();
    assert.equal(label, 'gpt-4o-mini');
    const detail = (await row.locator('.details-label').innerText()).replace(/\u00a0/g, ' ').trim();
    assert.equal(detail, `${entry.host} · ${price}`);
    await workbench.screenshot('completion-model-price-dark');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    await waitUntil(async () => (await editorText(page)).includes('"model": "gpt-4o",'), 'the typed text undone');
  });

  it('the quick fix that declares an unknown model keeps the comments, and its workload stays unpriced until prices are typed', async () => {
    await workbench.runCommand('View: Close All Editors');
    const folder = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken' }).first();
    if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
    await page.locator('.explorer-folders-view .monaco-list-row[aria-level="2"]', { hasText: 'llm.config.json' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'llm.config.json' }).waitFor();
    await token(page, '"gpt-4oo"').first().waitFor();
    const original = readFileSync(path.join(repoRoot, 'test/fixtures/unknown-model/llm.config.json'), 'utf8');
    const comments = original.split('\n').filter((line) => line.trim().startsWith('//')).map((line) => line.trim());
    assert.equal(comments.length, 2, 'the fixture has a comment at the top and one beside the model');

    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Declare "gpt-4oo" in "models"' });
    // On a busy machine the menu can open before the window has the file's code actions
    // ("No code actions available"): closed and asked again, it has them.
    for (let attempt = 1; ; attempt++) {
      await token(page, '"gpt-4oo"').first().click();
      await page.keyboard.press('Control+.');
      if (await item.waitFor({ timeout: 10_000 }).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('the quick fix menu did not list "Declare \"gpt-4oo\" in \"models\"" in three tries');
      await page.keyboard.press('Escape');
    }
    await workbench.screenshot('quick-fix-declare-menu-dark');
    // By the keyboard, as the menu is meant to be used: the preferred fix is focused first.
    for (let i = 0; i < 5 && !((await item.getAttribute('class')) ?? '').includes('focused'); i++) await page.keyboard.press('ArrowDown');
    assert.match((await item.getAttribute('class')) ?? '', /focused/);
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await editorText(page)).includes('"id": "gpt-4oo"'), 'the declared model');
    const text = await editorText(page);
    for (const comment of comments) assert.ok(text.includes(comment), `the comment survives: ${comment}`);
    // The workload has no price yet: counted apart in the total, never as a figure of its own.
    await page.locator('.statusbar-item', { hasText: '1 unpriced' }).waitFor({ timeout: 20_000 });
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 20_000 });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached', timeout: 20_000 });
    await waitUntil(async () => (await lensTexts(page)).includes('no price'), 'the lens of the unpriced workload');
    const unpricedLenses = await lensTexts(page);
    assert.ok(unpricedLenses.includes('no price'), unpricedLenses.join(' | '));
    assert.ok(!unpricedLenses.some((t) => t.includes('gpt-4oo API')), 'no cost lens for the unpriced workload');
    await workbench.screenshot('quick-fix-declare-applied-dark');

    // Typed after the id, as a person would.
    await token(page, '"gpt-4oo"').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type(', "inputPerMillionUsd": 2, "outputPerMillionUsd": 8');
    // (2 + 8) / 2 = $5/M at the default input share, × 100M tokens = $500/mo.
    await page.locator('.monaco-editor .codelens-decoration', { hasText: '$500/mo · gpt-4oo API' }).waitFor({ timeout: 20_000 });
    await page.locator('.statusbar-item', { hasText: '$500/mo' }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.statusbar-item', { hasText: 'unpriced' }).count(), 0, 'nothing left unpriced');
    await workbench.screenshot('quick-fix-declare-priced-dark');
  });

  it('Back in the Recommend wizard keeps the requirements picked after the workload', async () => {
    await openRootConfig(workbench);
    await workbench.runCommand('LLM Cost Lens: Recommend Model…');
    const widget = page.locator('.quick-input-widget');
    // The workload first (its own requirements pre-fill the next step): the first one.
    await widget.locator('.quick-input-title', { hasText: '(1/5)' }).waitFor();
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: '(2/5)' }).waitFor();
    const checked = () =>
      widget.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) =>
        rows
          .filter((row) => {
            const box = row.querySelector('input[type="checkbox"]') as unknown as { checked: boolean } | null;
            return box ? box.checked : row.getAttribute('aria-checked') === 'true';
          })
          .map((row) => (row as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ')),
      );
    // Pre-filled from the file: best_math_code only.
    const before = await checked();
    assert.equal(before.length, example.requirements.length, before.join(' | '));
    assert.ok(before.every((row) => example.requirements.some((id) => row.includes(id))), before.join(' | '));
    // One more, picked as a person does: by its checkbox.
    const privacy = widget.locator('.quick-input-list .monaco-list-row', { hasText: 'data_privacy' }).first();
    const box = privacy.locator('.quick-input-list-checkbox, input[type="checkbox"]').first();
    await ((await box.count()) ? box : privacy).click();
    const picked = await checked();
    assert.equal(picked.length, before.length + 1, picked.join(' | '));
    await workbench.screenshot('recommend-requirements-picked-dark');
    await page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: '(3/5)' }).waitFor();
    await widget.getByRole('button', { name: 'Back' }).first().click();
    await widget.locator('.quick-input-title', { hasText: '(2/5)' }).waitFor();
    await waitUntil(async () => (await checked()).length > 0, 'the requirements step drawn');
    const afterBack = await checked();
    await workbench.screenshot('recommend-requirements-after-back-dark');
    assert.deepEqual(afterBack, picked, 'the same requirements are checked after Back');
    await page.keyboard.press('Escape');
  });
});
