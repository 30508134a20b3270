// A day of traffic in the comparison panel: a self-hosted workload whose traffic follows a
// profile shows its replicas hour by hour, the idle share and the API beside it, with the
// engine's figures (the view-model's, pinned in test/unit/panelDay.test.ts), readable.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EMPTY_INPUTS } from '../../src/protocol';
import { panelAnalysis, usePanelCatalog } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';
import { chartLabels } from './layout';
import { panelFrame, panelScreenshot } from './panelPage';
import { openConfigWorkbench, repoRoot, type Workbench } from './workbench';
import { cliCatalogFiles } from '../../src/cli/catalogFiles';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

const FIXTURE = path.join(repoRoot, 'test/fixtures/engine/day-traffic.json');

describe('comparison panel: a day of traffic', function () {
  this.timeout(240_000);
  let workbench: Workbench;
  const text = readFileSync(FIXTURE, 'utf8');

  before(async () => {
    usePanelCatalog(cliCatalogFiles());
    workbench = await openConfigWorkbench(FIXTURE);
  });

  after(async () => {
    await workbench?.close();
    usePanelCatalog({});
  });

  it('draws the replicas of each hour and says the idle share beside the API, as the view-model gives them', async () => {
    const day = costView(panelAnalysis(text, {}, EMPTY_INPUTS), EMPTY_INPUTS)!.day!;
    await workbench.openFile('llm.config.json');
    await workbench.runCommand('LLM Cost Lens: Open Comparison');
    const frame = await panelFrame(workbench.page);
    await frame.waitForFunction(() => document.querySelectorAll('#day-chart-svg rect.day-bar').length === 24, undefined, { timeout: 30_000 });
    const bars = await frame.locator('#day-chart-svg rect.day-bar').evaluateAll((rects: any[]) => rects.map((r) => [Number(r.dataset.hour), Number(r.dataset.replicas), r.getBoundingClientRect().height]));
    assert.deepEqual(bars.map(([hour, replicas]) => [hour, replicas]), day.hourlyReplicas.map((n, hour) => [hour, n]));
    // Twice the replicas, twice the bar: drawn to the figures, not only labelled with them.
    const night = bars[0]![2]!;
    const busy = bars[12]![2]!;
    assert.ok(night > 10 && Math.abs(busy - 2 * night) < 1, `bars ${night}px and ${busy}px`);
    assert.deepEqual(await frame.locator('#day-traffic .day-lines li').allInnerTexts(), day.lines);
    assert.equal(await frame.locator('#day-chart-svg').getAttribute('aria-label'), day.summary);
    const labels = await chartLabels(frame, 'day-chart-svg');
    assert.ok(labels.count >= 10, `${labels.count} texts`);
    assert.deepEqual(labels.outside, [], 'no label outside the chart');
    assert.deepEqual(labels.overlapping, [], 'no two labels overlap');
    // The same figures as a table, for a screen reader.
    // (Inside a closed <details>: read as text, not as what is drawn.)
    const rows = await frame.locator('#day-traffic table.data tbody tr').evaluateAll((trs: any[]) => trs.map((tr) => [...tr.children].map((c: any) => c.textContent)));
    assert.deepEqual(rows, day.hourlyReplicas.map((n, hour) => [`${String(hour).padStart(2, '0')}:00`, String(n)]));
    await frame.locator('#day-traffic').scrollIntoViewIfNeeded();
    await panelScreenshot(workbench.page, 'day-traffic');
  });
});
