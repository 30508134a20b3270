/**
 * One way to price an API call: the lens (analyze), Recommend (recommend) and the panel's
 * cost table (costView) give the same dollars for the same workload, on a table of cases.
 */
import * as assert from 'node:assert/strict';
import { analyze, recommend } from '../../src/engine';
import { EMPTY_INPUTS } from '../../src/protocol';
import { panelAnalysis } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';

const CASES: { model: string; volume: string; volumeM: number; inputShare?: number }[] = [
  { model: 'gpt-4o', volume: '100M', volumeM: 100 },
  { model: 'gpt-4o', volume: '240M', volumeM: 240, inputShare: 0.8 },
  { model: 'claude-3.5-sonnet', volume: '100M', volumeM: 100 },
  { model: 'claude-sonnet-4', volume: '35M', volumeM: 35, inputShare: 0.3 },
  { model: 'deepseek-v3', volume: '1B', volumeM: 1000 },
  { model: 'gemini-2.5-pro', volume: '12.5M', volumeM: 12.5, inputShare: 0.9 },
  { model: 'gpt-4.1', volume: '500K', volumeM: 0.5 },
  { model: 'llama-3.1-70b', volume: '64.8M', volumeM: 64.8, inputShare: 0.5 },
];

describe('one pricing path: lens, Recommend and panel agree', () => {
  for (const c of CASES) {
    it(`${c.model} at ${c.volume}${c.inputShare === undefined ? '' : `, input share ${c.inputShare}`}`, () => {
      const text = JSON.stringify({ workloads: [{ name: 'w', model: c.model, monthlyTokens: c.volume, ...(c.inputShare === undefined ? {} : { inputShare: c.inputShare }) }] });
      const lens = analyze(text).workloads[0]!.monthlyCostUsd!;
      assert.ok(lens > 0);
      const result = recommend([], c.volumeM, { only: [c.model], inputShare: c.inputShare });
      const recommended = [...result.recommendations, ...result.excluded].find((r) => r.model === c.model && ('deployment' in r ? r.deployment === 'api' : true));
      assert.ok(recommended && 'monthlyCostUsd' in recommended, `recommend prices ${c.model}`);
      assert.equal(Math.round(recommended.monthlyCostUsd * 100), Math.round(lens * 100), 'recommend');
      const panel = costView(panelAnalysis(text, {}, EMPTY_INPUTS), EMPTY_INPUTS)!.rows.find((r) => r.current)!;
      assert.equal(Math.round(panel.monthlyCostUsd! * 100), Math.round(lens * 100), 'panel');
    });
  }
});
