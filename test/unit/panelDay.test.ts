/**
 * The Cost tab's day of traffic: the replicas hour by hour, the idle share and the API beside
 * it are the engine's figures for the same workload (dayTraffic.test.ts pins them through the
 * analysis), worded once; a setup that states no traffic has no day to draw.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EMPTY_INPUTS } from '../../src/protocol';
import { panelAnalysis, usePanelCatalog } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';
import { replicaTicks } from '../../webview/tabs/cost/day';
import { cliCatalogFiles } from '../../src/cli/catalogFiles';

const root = path.resolve(__dirname, '../../..');
const fixture = readFileSync(path.join(root, 'test/fixtures/engine/day-traffic.json'), 'utf8');

describe('Cost tab: a day of traffic', () => {
  before(() => usePanelCatalog(cliCatalogFiles()));
  after(() => usePanelCatalog({}));

  const viewOf = (workload: number, text = fixture) => {
    const inputs = { ...EMPTY_INPUTS, workload };
    return costView(panelAnalysis(text, {}, inputs), inputs)!;
  };

  it('a diurnal profile: 1 replica at night, 2 from 08:00, $480 of $2,400 idle, the peak all day $2,880, and the API beside it', () => {
    const view = viewOf(0);
    const w = panelAnalysis(fixture, {}, EMPTY_INPUTS).workloads[0]!;
    // The API the analysis compares the setup with: its row of the table, at the same volume.
    const api = view.rows.find((r) => r.key === `api:${w.crossovers[0]!.apiModel}`)!;
    assert.deepEqual(view.day?.hourlyReplicas, w.dayTraffic!.hourlyReplicas);
    assert.deepEqual(view.day?.hourlyReplicas, [...Array(8).fill(1), ...Array(16).fill(2)]);
    assert.equal(view.day?.mostReplicas, 2);
    assert.deepEqual(view.day?.busiestHours, Array.from({ length: 16 }, (_, i) => i + 8));
    assert.deepEqual(view.day?.lines.slice(0, 2), [
      '$2,400/month by the day of traffic: 960 busy and 240 idle GPU-hours a month, $480 of it idle.',
      'The busiest hour’s 2 replicas around the clock would cost $2,880/month; 1 replica start(s) a day.',
    ]);
    assert.match(view.day!.lines[2]!, /^Llama 3\.1 8B \(API\) at the same volume: \$[\d,]+\/month, with no idle hours to pay\.$/);
    assert.ok(view.day!.lines[2]!.includes(`$${Math.round(api.monthlyCostUsd!).toLocaleString('en-US')}/month`), `${view.day!.lines[2]} names the compared API's row, ${api.label} at ${api.monthlyCostUsd}`);
    assert.equal(view.day?.summary, 'Replicas by hour of the day: 1 replica at the quietest hour, 2 replicas from 08:00.');
    // The table's first row runs the busiest hour's replicas, and says the idle share too.
    assert.equal(view.rows[0]!.replicas, 2);
  });

  it('eight hours a day, scaled to zero: no replica out of hours, the idle share of a cold start', () => {
    const day = viewOf(1).day!;
    const w = panelAnalysis(fixture, {}, { ...EMPTY_INPUTS, workload: 1 }).workloads[1]!;
    assert.deepEqual(day.hourlyReplicas, w.dayTraffic!.hourlyReplicas);
    assert.equal(day.hourlyReplicas.filter((n) => n === 0).length, 16);
    assert.equal(day.mostReplicas, 2);
    assert.match(day.summary, /^Replicas by hour of the day: 0 replicas at the quietest hour, 2 replicas from \d\d:00\.$/);
    assert.equal(day.lines[0], '$970/month by the day of traffic: 480 busy and 5 idle GPU-hours a month, $10.00 of it idle.');
  });

  it('a setup that states no traffic, and an API workload, have no day', () => {
    const config = JSON.parse(fixture);
    delete config.workloads[0].deployment.selfHosted.traffic;
    assert.equal(viewOf(0, JSON.stringify(config)).day, null);
    assert.equal(viewOf(0, JSON.stringify({ workloads: [{ name: 'chat', model: 'gpt-4o', monthlyTokens: '100M' }] })).day, null);
  });

  it('whole-replica ticks, at most six', () => {
    assert.deepEqual(replicaTicks(1), [0, 1]);
    assert.deepEqual(replicaTicks(2), [0, 1, 2]);
    assert.deepEqual(replicaTicks(12), [0, 3, 6, 9, 12]);
    assert.deepEqual(replicaTicks(7), [0, 2, 4, 6, 7]);
  });
});
