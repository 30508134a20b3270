import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { exampleWorkbenchForSuite, openRootConfig } from './workbench';

// The callbacks given to evaluate() run in the webview, not in Node.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

/** The explanation page's frame: the webview whose document has the page's h1 and sections. */
async function explanationFrame(page: Page, title: string, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.evaluate((t) => document.querySelector('h1')?.textContent === t && document.querySelector('h2') !== null, title).catch(() => false);
      if (found) return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no explanation page titled "${title}"`);
}

describe('the explanation page, as seen beside the config', function () {
  this.timeout(120_000);
  // The article's scenario: its self-hosted workload, whose lens explains a capacity and a replica count.
  const suite = exampleWorkbenchForSuite();

  it('clicking a lens opens its page beside the config; a field link selects the field', async () => {
    const { workbench } = suite;
    await openRootConfig(workbench);
    const lens = workbench.page.locator('.monaco-editor .codelens-decoration a', { hasText: '$1,800/mo · self-hosted' });
    await lens.first().waitFor({ timeout: 30_000 });
    await lens.first().click();
    const frame = await explanationFrame(workbench.page, '$1,800/mo · self-hosted');
    const headings = await frame.locator('h2').allInnerTexts();
    assert.deepEqual(headings, ['How it is computed', 'The fields of the config it comes from', 'Sources and dates']);
    const steps = await frame.locator('ol li').allInnerTexts();
    assert.ok(steps.some((s) => s.startsWith('capacity per replica') && s.includes('tps × 3600 × hours × utilization / 1,000,000')), steps.join('\n'));
    await workbench.page.locator('.tabs-container .tab', { hasText: 'Explanation: $1,800/mo · self-hosted' }).waitFor();
    await workbench.screenshot('explanation-page');
    // A link of the page selects the field it names in the config.
    await frame.locator('a', { hasText: 'monthlyTokens' }).click();
    await workbench.page.locator('.statusbar-item', { hasText: /\(5 selected\)/ }).waitFor({ timeout: 15_000 });
    await workbench.screenshot('explanation-field-revealed');
  });
});
