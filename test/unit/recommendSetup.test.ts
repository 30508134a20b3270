/**
 * What Recommend shows is what it writes: each self-hosted recommendation carries the setup
 * its cost is for, and that setup, written into a workload, costs the same with no error.
 */
import * as assert from 'node:assert/strict';
import { analyze, formatUsd, recommend, resolveFix } from '../../src/engine';
import { applyJsonChanges } from '../../src/engine/config/edits';
import { cliCatalog } from '../../src/cli/catalogFiles';

const catalog = cliCatalog().catalog;

describe('a recommendation’s setup', function () {
  // recommend() searches every open model's setups.
  this.timeout(30_000);

  for (const [requirements, volumeM] of [[['data_privacy'], 300], [['data_privacy', 'best_math_code'], 2000], [[], 30]] as const) {
    it(`${requirements.join(', ') || 'no requirement'} at ${volumeM}M: every self-hosted row written into a workload costs what it showed`, () => {
      const rows = recommend(requirements, volumeM, {}, catalog).recommendations.filter((r) => r.deployment === 'self-hosted');
      assert.ok(rows.length > 0);
      for (const r of rows) {
        assert.ok(r.setup, `${r.model} carries its setup`);
        // Recommend sizes its setups for a peak twice the average load and writes the replicas it sized, so a file
        // at full use (the default utilization), which would size fewer (1× rtx-4090 for gemma-3-12b at 2B tokens), bills what was shown.
        const text = JSON.stringify({ workloads: [{ name: 'w', model: r.model, monthlyTokens: volumeM * 1e6, deployment: { selfHosted: r.setup } }] });
        const a = analyze(text, { catalog });
        assert.deepEqual(a.findings.filter((f) => f.severity === 'error').map((f) => f.message), [], `${r.model} on ${JSON.stringify(r.setup)}`);
        // Recommend rounds to the cent.
        assert.equal(Math.round(a.workloads[0]!.monthlyCostUsd! * 100) / 100, r.monthlyCostUsd, `${r.model} on ${JSON.stringify(r.setup)}`);
      }
    });
  }

  it('an API row carries none', () => {
    for (const r of recommend([], 30, {}, catalog).recommendations.filter((x) => x.deployment === 'api')) assert.equal(r.setup, undefined, r.model);
  });

  it('the data_privacy quick fix writes the setup its title prices, and the file then costs what the title said', () => {
    const text = JSON.stringify({ requirements: ['data_privacy'], workloads: [{ name: 'w', model: 'gpt-4o', monthlyTokens: '300M' }] }, null, 2);
    const conflict = analyze(text, { catalog }).findings.find((f) => f.code === 'conflict-data_privacy')!;
    for (const deferred of conflict.fixes!) {
      const fix = resolveFix(deferred, catalog);
      if (!fix) continue;
      const after = applyJsonChanges(text, fix.edits, { tabSize: 2, insertSpaces: true, eol: '\n' });
      const a = analyze(after, { catalog });
      assert.ok(!a.findings.some((f) => f.code === 'conflict-data_privacy'), fix.title);
      const w = a.workloads[0]!;
      assert.equal(w.deployment, 'self-hosted', fix.title);
      assert.ok(fix.title.includes(`${formatUsd(Math.round(w.monthlyCostUsd! * 100) / 100)}/mo`), `${fix.title} — written: ${w.selfHost!.label} at ${formatUsd(w.monthlyCostUsd!)}/mo`);
    }
  });
});
