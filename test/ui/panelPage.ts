/**
 * The comparison panel's page in the workbench, for the UI tests: its frame, its tables, its
 * tabs and its screenshots.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { screenshotsDir } from './workbench';

// The callbacks given to evaluate() run in the webview, not in Node: the DOM they use, typed loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
type HTMLElement = any;
declare const Event: any;

/** The comparison panel's document: the webview's inner frame that holds the panel's tabs. */
export async function panelFrame(page: Page, timeout = 30_000): Promise<Frame> {
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
export async function costTable(frame: Frame): Promise<string[][]> {
  return frame.locator('#cost-options tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
  );
}

/** Selects a tab by its header. */
export async function selectTab(frame: Frame, id: string): Promise<void> {
  await frame.locator(`[role="tab"][data-tab="${id}"]`).click();
  await frame.waitForFunction((tab) => document.querySelector(`[role="tabpanel"][data-tab="${tab}"]`)?.hidden === false, id);
  await frame.page().waitForTimeout(300); // charts draw on the next frame
}

/** The panel alone, into test-output/screenshots/. */
export async function panelScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  await page.locator('iframe.webview.ready').first().screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
}

/** Picks a workload in the Cost tab's select. */
export async function chooseWorkload(frame: Frame, index: number): Promise<void> {
  await frame.locator('#workload-select').evaluate((select, i) => {
    (select as HTMLElement & { value: string }).value = String(i);
    select.dispatchEvent(new Event('change'));
  }, index);
}

