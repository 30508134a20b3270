// The panel tells the lens's story for requirements: an option a requirement rules out is
// never listed or drawn as the cheaper one, what the requirement costs is said in the lens's
// words, and the Decision tab ranks as the Recommend command does for the workload.
import * as assert from 'node:assert/strict';
import { explanationLines, recommend } from '../../src/engine';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { EMPTY_INPUTS, type PanelInputs } from '../../src/protocol';
import { buildReport } from '../../webview/report';
import { deploymentText, decisionView } from '../../webview/tabs/decision/viewModel';
import { panelAnalysis, usePanelCatalog } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';
import { cliCatalogFiles } from '../../src/cli/catalogFiles';

const files = () => (cliCatalogFiles());
const inputs = (over: Partial<PanelInputs> = {}): PanelInputs => ({ ...EMPTY_INPUTS, ...over });

/** The team workload: Llama 3.1 8B on one L4, 40M tokens a month. */
const local = (over: Record<string, unknown> = {}) => ({ name: 'local', model: 'llama-3.1-8b', monthlyTokens: '40M', deployment: { selfHosted: { gpu: 'l4', gpuHourlyUsd: 0.8 } }, ...over });
const OWN = JSON.stringify({ workloads: [{ name: 'chat', model: 'gpt-4o-mini', monthlyTokens: '300M' }, local({ requirements: ['data_privacy'] })] });
const PROJECT = JSON.stringify({ requirements: ['data_privacy'], workloads: [local()] });
const NONE = JSON.stringify({ workloads: [local()] });

describe('panel: requirements decide what is an option, as in the lens', function () {
  // The first case pays for the serving model's searches of a fresh catalog: seconds on a busy machine.
  this.timeout(60_000);
  before(() => usePanelCatalog(files()));
  after(() => usePanelCatalog({}));

  for (const [where, text, index] of [
    ['the workload’s own', OWN, 1],
    ['the project’s', PROJECT, 0],
  ] as const) {
    it(`under ${where} data_privacy, no API is a row or a line, and the cost of the requirement is the lens's sentence`, () => {
      const i = inputs({ workload: index });
      const analysis = panelAnalysis(text, {}, i);
      const v = costView(analysis, i)!;
      // 1× L4 at $0.80 × 720 h; the Llama 3.1 8B API at 40M tokens is $8.80.
      assert.equal(v.rows[0]!.monthlyCostUsd, 576);
      assert.deepEqual(v.rows.filter((r) => r.kind === 'api').map((r) => r.label), []);
      assert.deepEqual(v.series.filter((s) => s.kind === 'api').map((s) => s.label), []);
      assert.deepEqual(v.crossovers, [], 'no crossover with an option that is not one');
      assert.ok(v.excludedCount >= 20, `${v.excludedCount} excluded`);
      const lens = analysis.lenses.find((l) => l.workload === index && l.kind === 'crossover')!;
      assert.equal(lens.title, 'data_privacy costs $567/mo over llama-3.1-8b API');
      assert.equal(v.requirementCost, lens.title);
      // The Decision tab and the export say the same.
      assert.equal(decisionView(analysis, i).requirementCost, lens.title);
      // The report escapes Markdown: read without its backslashes.
      const report = buildReport(text, {}, i, 'markdown').replace(/\\/g, '');
      assert.ok(report.includes('data_privacy costs $567/mo over llama-3.1-8b API.'));
    });
  }

  it('without the requirement the API is an option again, and cheaper; nothing is said of a requirement', () => {
    const v = costView(panelAnalysis(NONE, {}, inputs()), inputs())!;
    const api = v.rows.find((r) => r.kind === 'api' && r.model === 'llama-3.1-8b')!;
    assert.equal(api.monthlyCostUsd, 8.8);
    assert.ok(v.series.some((s) => s.key === api.key), 'drawn');
    assert.equal(v.requirementCost, null);
  });

  it('the Decision tab’s toggles apply the same rule to the Cost tab', () => {
    // Ticked in the panel on a workload whose config has no requirement…
    const on = inputs({ requirements: ['data_privacy'] });
    const ticked = costView(panelAnalysis(NONE, {}, on), on)!;
    assert.deepEqual(ticked.rows.filter((r) => r.kind === 'api'), []);
    assert.equal(ticked.requirementCost, 'data_privacy costs $567/mo over llama-3.1-8b API');
    // …and unticked on one whose config has it.
    const off = inputs({ workload: 1, requirements: [] });
    const unticked = costView(panelAnalysis(OWN, {}, off), off)!;
    assert.ok(unticked.rows.some((r) => r.kind === 'api' && r.model === 'llama-3.1-8b'));
    assert.equal(unticked.requirementCost, null);
  });

  it('the Decision tab ranks with the workload’s own requirements, as Recommend does: the serving model’s setups, never the article’s batch-1 rows', () => {
    const i = inputs({ workload: 1 });
    const analysis = panelAnalysis(OWN, {}, i);
    const d = decisionView(analysis, i);
    assert.deepEqual(d.toggles.filter((t) => t.checked).map((t) => t.id), ['data_privacy']);
    assert.ok(d.toggles.find((t) => t.id === 'data_privacy')!.fromConfig);
    // The options the Recommend command passes, written out.
    const expected = recommend(['data_privacy'], 40, { inputShare: 0.5, gpuPrices: {}, hoursPerMonth: 720 }, catalogFromFiles(files()).catalog);
    assert.deepEqual(
      d.recommendations.map((r) => [r.model, r.deployment, r.monthlyCostUsd, r.score]),
      expected.recommendations.map((r) => [r.model, r.deployment, r.monthlyCostUsd, r.score]),
    );
    assert.ok(d.recommendations.every((r) => r.deployment === 'self-hosted'));
    assert.ok(expected.recommendations.every((r) => r.setup && r.setup.throughputTps === undefined), 'no batch-1 setup among the options');
    // Was "Llama 3.1 405B on 12× A100 at batch 1 ($21,600/mo)" with the bundled cards alone.
    const first = d.recommendations[0]!;
    // Then "Qwen3 235B A22B on 1× H200 in int4-awq ($3,204/mo)", a format with no published quality for it; DeepSeek V3's
    // FP8 is the weights as published, on eight MI300X in one node.
    assert.deepEqual([first.name, first.deploymentText, first.monthlyCostUsd], ['DeepSeek V3', 'Self-hosted: 8× mi300x · fp8', 8640]);
    assert.ok(!d.recommendations.some((r) => /batch-1/.test(r.deploymentText)));
  });

  it('an article’s measured setup, where recommend() falls back to one, is labelled as the article’s', () => {
    assert.equal(deploymentText('self-hosted', { gpu: 'a100-80gb', gpus: 12, quantization: 'fp16', throughputTps: 30, replicas: 1 }), 'Self-hosted, the article’s batch-1 setup: 12× a100-80gb · fp16 · 30 tok/s');
    assert.equal(deploymentText('self-hosted', { gpu: 'l4', gpus: 2, quantization: 'int4-awq', replicas: 1 }), 'Self-hosted: 2× l4 · int4-awq');
    // The replicas a recommendation's cost is for, and writes.
    assert.equal(deploymentText('self-hosted', { gpu: 'l4', gpus: 2, quantization: 'int4-awq', replicas: 3 }), 'Self-hosted: 2× l4 · int4-awq · 3 replicas');
    assert.equal(deploymentText('api', undefined), 'API');
  });
});

describe('panel: figures written as the lens writes them', () => {
  before(() => usePanelCatalog(files()));
  after(() => usePanelCatalog({}));

  it('a throughput is the engine’s formatNumber of the same value: 26,175 tok/s in the lens’s explanation and in the panel', () => {
    const text = JSON.stringify({ workloads: [local({ monthlyTokens: '20B', deployment: { selfHosted: { gpu: 'h100-80gb', throughputTps: 26175 } } })] });
    const analysis = panelAnalysis(text, {}, inputs());
    const lens = analysis.lenses.find((l) => l.workload === 0 && l.kind === 'cost')!;
    assert.match(explanationLines(lens.explanation)[0]!, /^throughput = 26,175 tok\/s/);
    const v = costView(analysis, inputs())!;
    assert.match(v.rows[0]!.label, / · 26,175 tok\/s$/);
    assert.match(v.series.find((s) => s.current)!.label, /26,175 tok\/s/);
  });

  it('a memory verdict reads as the engine writes it, to a tenth of a GB', () => {
    const text = JSON.stringify({ workloads: [{ name: 'big', model: 'deepseek-v3', monthlyTokens: '100M', deployment: { selfHosted: { gpu: 'a100-80gb', gpus: 4, quantization: 'int4' } } }] });
    const analysis = panelAnalysis(text, {}, inputs());
    const lens = analysis.lenses.find((l) => l.workload === 0 && l.kind === 'cost')!;
    const row = costView(analysis, inputs())!.rows[0]!;
    assert.equal(row.fits, false);
    // The lens: "does not fit — needs 370.4 GB of 343.6 GB"; the row's note the same figures.
    const figures = lens.title.match(/needs ([\d,.]+ GB) of ([\d,.]+ GB)/)!;
    assert.ok(figures, lens.title);
    assert.ok(row.note.includes(`needs ${figures[1]} of ${figures[2]}`), `${row.note} / ${lens.title}`);
  });
});
