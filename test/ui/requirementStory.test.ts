// One story on every surface: a team config whose Llama 3.1 8B workload on one L4 requires
// data_privacy. The lens, the panel's cost table, chart and summary, and the Decision tab
// never present an API as cheaper, and each says what the requirement costs.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/engine';
import { EMPTY_INPUTS, type PanelInputs } from '../../src/protocol';
import { costRowCells } from '../../webview/report';
import { decisionView } from '../../webview/tabs/decision/viewModel';
import { panelAnalysis, usd, usePanelCatalog } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';
import { chooseWorkload, costTable, panelFrame, panelScreenshot, selectTab } from './panelPage';
import { openConfigWorkbench, repoRoot, shippedCatalog, waitUntil, type Workbench } from './workbench';
import { cliCatalogFiles } from '../../src/cli/catalogFiles';

// The callbacks given to evaluate() run in the webview, not in Node.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

const FIXTURE = path.join(repoRoot, 'test/fixtures/team-privacy/llm.config.json');
const REQUIREMENT_COST = 'data_privacy costs $567/mo over llama-3.1-8b API';
/** An API offered as the cheaper option, in the words of a lens or a warning. */
const API_CHEAPER = /API would (?:be|cost) .* less|API costs .* against/;

describe('a data_privacy workload tells one story on every surface', function () {
  this.timeout(240_000);
  let workbench: Workbench;
  const text = readFileSync(FIXTURE, 'utf8');
  const LOCAL = 2;
  const inputs: PanelInputs = { ...EMPTY_INPUTS, workload: LOCAL };

  before(async () => {
    usePanelCatalog(cliCatalogFiles());
    workbench = await openConfigWorkbench(FIXTURE);
  });

  after(async () => {
    await workbench?.close();
  });

  it('the lens says what the requirement costs, and no lens offers an API as cheaper', async () => {
    const titles = analyze(text, { catalog: shippedCatalog }).lenses.map((l) => l.title);
    assert.ok(titles.includes(REQUIREMENT_COST), titles.join('\n'));
    await workbench.openFile('llm.config.json');
    const lenses = workbench.page.locator('.monaco-editor .codelens-decoration');
    const shown = async () => (await lenses.allInnerTexts()).join(' | ').replace(/\u00a0/g, ' ');
    await waitUntil(async () => (await shown()).includes(REQUIREMENT_COST), 'the requirement-cost lens', 30_000);
    await workbench.screenshot('requirement-story-lens');
    assert.doesNotMatch(await shown(), API_CHEAPER);
  });

  it('the panel’s cost table, chart and summary list no API for the workload and say what the requirement costs', async () => {
    const view = costView(panelAnalysis(text, {}, inputs), inputs)!;
    assert.equal(view.requirementCost, REQUIREMENT_COST);
    const expected = view.rows.map(costRowCells);
    assert.equal(expected[0]![2], '$576');
    await workbench.runCommand('LLM Cost Lens: Open Comparison');
    const frame = await panelFrame(workbench.page);
    // The select takes a choice once the document has drawn its workloads.
    await frame.waitForFunction((n) => document.querySelectorAll('#workload-select vscode-option').length === n && document.querySelector('#cost-options tbody tr'), 3, { timeout: 30_000 });
    await chooseWorkload(frame, LOCAL);
    await frame.waitForFunction(() => document.querySelector('#cost-options tbody tr > :nth-child(3)')?.textContent?.trim() === '$576', undefined, { timeout: 30_000 });
    const rows = await costTable(frame);
    assert.deepEqual(rows, expected);
    assert.deepEqual(rows.filter((r) => r[1] === 'API'), [], 'no API row');
    const summary = await frame.locator('#cost-summary').innerText();
    assert.ok(summary.includes(`${REQUIREMENT_COST}.`), summary);
    // The chart draws the self-hosted options only; its data table names every series.
    const series = await frame.locator('#cost-data table thead th').allInnerTexts();
    assert.ok(series.length > 1, series.join(', '));
    assert.deepEqual(series.filter((s) => /API/.test(s)), [], 'no API line on the chart');
    assert.equal(await frame.locator('#crossover-list li').count(), 0, 'no crossover with an API it rules out');
    await panelScreenshot(workbench.page, 'requirement-story-cost');
    await frame.locator('#cost-chart-svg').scrollIntoViewIfNeeded();
    await panelScreenshot(workbench.page, 'requirement-story-chart');
  });

  it('the Decision tab ranks the workload as Recommend does: self-hosted only, the requirement’s cost said', async () => {
    const frame = await panelFrame(workbench.page);
    await selectTab(frame, 'decision');
    const d = decisionView(panelAnalysis(text, {}, inputs), inputs);
    assert.equal(d.requirementCost, REQUIREMENT_COST);
    await frame.locator('#requirement-cost').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#requirement-cost').innerText(), `${REQUIREMENT_COST}.`);
    assert.equal(await frame.locator('#req-data_privacy').isChecked(), true, 'the workload’s own requirement is ticked');
    const ranked = await frame.locator('#recommendations tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => (c.textContent ?? '').trim())));
    assert.deepEqual(ranked.slice(0, 3), d.recommendations.slice(0, 3).map((r) => [`${r.rank}. ${r.name}`, r.deploymentText, usd(r.monthlyCostUsd)]));
    assert.ok(ranked.length > 0 && ranked.every((r) => r[1]!.startsWith('Self-hosted')), 'no API ranked');
    assert.ok(ranked.every((r) => !r[1]!.includes('batch-1')), 'no article batch-1 row among the options');
    await panelScreenshot(workbench.page, 'requirement-story-decision');
  });
});
