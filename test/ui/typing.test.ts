// Typing in a config, as a person does: the squiggles, the Problems panel, the lenses and the
// status bar follow each keystroke, and every squiggle stays under the name it is about when
// the lines move. Strict JSON, so each edit inside a workload reads only that workload again
// and the unchanged findings keep their diagnostics (the paths a large file takes).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openConfigWorkbench, repoRoot, waitUntil, type Workbench } from './workbench';

const FIXTURE = path.join(repoRoot, 'test/fixtures/typing/llm.config.json');

/** The token of the editor that reads `text` exactly (a JSON string with its quotes). */
function token(page: Page, text: string): Locator {
  return page.locator('.editor-instance .monaco-editor .view-lines span span').filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
}

/** Waits until the lenses read these lines, top to bottom (a lens line's parts joined by " | "). */
async function expectLenses(page: Page, lines: (string | RegExp)[]): Promise<void> {
  const read = async () => (await page.locator('.editor-instance .monaco-editor .codelens-decoration').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim());
  await waitUntil(async () => {
    const now = await read();
    return now.length === lines.length && lines.every((l, i) => (typeof l === 'string' ? now[i]!.startsWith(l) : l.test(now[i]!)));
  }, `the lenses ${lines.join(' / ')}`).catch(async (error: Error) => {
    throw new Error(`${error.message}; they read ${(await read()).join(' / ')}`);
  });
}

const squiggles = (page: Page) => page.locator('.editor-instance .monaco-editor .squiggly-error');

/** The vertical middle of each squiggle, top to bottom. */
async function squiggleLines(page: Page): Promise<number[]> {
  const boxes = await squiggles(page).evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => r.top + r.height / 2));
  return boxes.sort((a, b) => a - b);
}

/** Each squiggle lies on the line of one of these tokens, and each token has one. */
async function expectSquigglesUnder(page: Page, texts: string[]): Promise<void> {
  await waitUntil(async () => (await squiggles(page).count()) === texts.length, `${texts.length} squiggles`);
  const lines = await squiggleLines(page);
  const tokens: number[] = [];
  for (const text of texts) {
    const box = await token(page, text).boundingBox();
    assert.ok(box, `${text} is on screen`);
    tokens.push(box.y + box.height / 2);
  }
  tokens.sort((a, b) => a - b);
  // A squiggle is drawn at the bottom of its line: the same line means within a line's height.
  for (const [i, line] of lines.entries()) assert.ok(Math.abs(line - tokens[i]!) < 12, `squiggle ${i} at ${line.toFixed(0)} px, its name at ${tokens[i]!.toFixed(0)} px`);
}

describe('typing in a config', function () {
  this.timeout(240_000);
  let workbench: Workbench;
  let page: Page;

  before(async () => {
    workbench = await openConfigWorkbench(FIXTURE);
    page = workbench.page;
    await workbench.openFile('llm.config.json');
    await token(page, '"gpt-4oo"').waitFor();
  });

  after(async () => {
    await workbench?.close();
  });

  it('follows each keystroke: a name fixed loses its squiggle, its problem and its unpriced mark; typed back, they return', async () => {
    await expectSquigglesUnder(page, ['"gpt-4oo"', '"gpt-4o-minii"']);
    const status = page.locator('.statusbar-item', { hasText: '2 unpriced' });
    await status.waitFor({ timeout: 20_000 });

    // The caret before the closing quote of "gpt-4oo", then one Backspace.
    const name = await token(page, '"gpt-4oo"').boundingBox();
    assert.ok(name);
    const charWidth = name.width / '"gpt-4oo"'.length;
    await page.mouse.click(name.x + name.width - charWidth, name.y + name.height / 2);
    await page.keyboard.press('Backspace');
    await token(page, '"gpt-4o"').waitFor();

    await expectSquigglesUnder(page, ['"gpt-4o-minii"']);
    await page.locator('.statusbar-item', { hasText: '1 unpriced' }).waitFor({ timeout: 20_000 });
    await expectLenses(page, [/^Total \$1,905\/mo \+ 1 unpriced across 3 workloads/, '$1,875/mo · gpt-4o API', '$30/mo · gpt-4o-mini API', 'no price']);
    await workbench.runCommand('Problems: Focus on Problems View');
    const problems = page.locator('.markers-panel');
    await waitUntil(async () => !(await problems.innerText()).includes('"gpt-4oo"'), 'the fixed name gone from the Problems panel');
    const text = await problems.innerText();
    assert.ok(text.includes('Unknown model "gpt-4o-minii"'), `the other problem stays: ${text}`);
    await workbench.screenshot('typing-name-fixed-dark');
    await workbench.runCommand('View: Hide Panel');

    await page.keyboard.type('o');
    await token(page, '"gpt-4oo"').waitFor();
    await expectSquigglesUnder(page, ['"gpt-4oo"', '"gpt-4o-minii"']);
    await status.waitFor({ timeout: 20_000 });
    await expectLenses(page, [/^Total \$30\/mo \+ 2 unpriced across 3 workloads/, 'no price', '$30/mo · gpt-4o-mini API', 'no price']);
  });

  it('keeps each squiggle under its name when lines are added above it', async () => {
    // Two new lines at the top of the array: every workload moves down two lines. The renderer
    // moves the squiggles it has with the text at once; what the extension sends next must agree.
    const array = await token(page, '"workloads"').boundingBox();
    assert.ok(array);
    await page.mouse.click(array.x + array.width, array.y + array.height / 2);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    // Then the last name fixed: when its squiggle goes, the diagnostics of the text with the new lines have come.
    const last = await token(page, '"gpt-4o-minii"').boundingBox();
    assert.ok(last);
    await page.mouse.click(last.x + last.width - last.width / '"gpt-4o-minii"'.length, last.y + last.height / 2);
    await page.keyboard.press('Backspace');
    await expectSquigglesUnder(page, ['"gpt-4oo"']);
    // The lenses and the status bar tell the same: the last workload priced now, the first not.
    await page.locator('.statusbar-item', { hasText: '$48.75/mo + 1 unpriced' }).waitFor({ timeout: 20_000 });
    await expectLenses(page, [/^Total \$48\.75\/mo \+ 1 unpriced across 3 workloads/, 'no price', '$30/mo · gpt-4o-mini API', '$18.75/mo · gpt-4o-mini API']);
    await workbench.screenshot('typing-lines-added-dark');

    // Undone: the squiggle is back under the last name, two lines below where it was first.
    await page.keyboard.press('Control+Z');
    await token(page, '"gpt-4o-minii"').waitFor();
    await expectSquigglesUnder(page, ['"gpt-4oo"', '"gpt-4o-minii"']);
  });
});
