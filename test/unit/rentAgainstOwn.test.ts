/**
 * Owned GPUs weighed against renting the same ones: the engine prices both (the owned hour by
 * pricing/ownedGpu.ts, the rent by the offer that rents the same GPUs as whole instances), and
 * the explanation and the panel's Cost tab show the two side by side.
 */
import * as assert from 'node:assert/strict';
import { analyze, explanationLines } from '../../src/engine';
import { cliCatalog, cliCatalogFiles } from '../../src/cli/catalogFiles';
import { EMPTY_INPUTS } from '../../src/protocol';
import { panelAnalysis, usePanelCatalog } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';

const catalog = cliCatalog().catalog;
// $30,000 over 4 years, 1 kW at $0.12/kWh and a PUE of 1.3, 10% a year for operations: $1.3546 a GPU-hour.
const OWNED = { purchaseUsd: 30000, amortizationYears: 4, watts: 1000, usdPerKwh: 0.12, pue: 1.3, operationsShare: 0.1 };
const config = JSON.stringify({
  assumptions: { ownedGpus: { 'h100-sxm': OWNED } },
  workloads: [{ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '3B', deployment: { selfHosted: { gpu: 'h100-sxm', gpus: 2, quantization: 'fp8' } } }],
});

describe('rent against own', () => {
  it('an owned setup carries what renting the same GPUs would cost, from the offer that rents them', () => {
    const w = analyze(config, { catalog }).workloads[0]!;
    assert.equal(w.selfHost!.gpuHourSource, 'owned');
    assert.equal(Math.round(w.monthlyCostUsd! * 100) / 100, 1950.67);
    // A 2-GPU replica's group sits in one instance: Lambda's 2-GPU H100 SXM at $4.19 on demand.
    assert.deepEqual([w.rentInstead!.offer.provider, w.rentInstead!.offer.gpusRented, w.rentInstead!.offer.hourlyUsdPerGpu, w.rentInstead!.offer.pricing], ['Lambda', 2, 4.19, 'on-demand']);
    assert.equal(w.rentInstead!.monthlyUsd, 6033.6);
    assert.ok(
      explanationLines(w.explanation).includes('renting the same GPUs instead: 2× h100-sxm · Lambda on demand (2x NVIDIA H100 SXM) · $4.19/GPU-hour as of 2026-09-20 = $6,034/mo a replica, against $1,951 owned'),
      explanationLines(w.explanation).join('\n'),
    );
  });

  it('a GPU that is rented, not owned, has nothing to weigh', () => {
    const w = analyze(config.replace('"ownedGpus"', '"ownedGpusX"'), { catalog }).workloads[0]!;
    assert.equal(w.rentInstead, undefined);
  });

  describe('in the panel', () => {
    before(() => usePanelCatalog(cliCatalogFiles()));
    after(() => usePanelCatalog({}));

    it('the Cost tab shows the owned setup and, right below it, the same replicas rented', () => {
      const view = costView(panelAnalysis(config, {}, EMPTY_INPUTS), EMPTY_INPUTS)!;
      const [owned, rented] = view.rows;
      assert.equal(owned!.current, true);
      assert.equal(Math.round(owned!.monthlyCostUsd! * 100) / 100, 1950.67);
      assert.equal(rented!.key, 'rent:current');
      assert.equal(rented!.monthlyCostUsd, 6033.6);
      assert.equal(rented!.replicas, 1);
      assert.equal(rented!.gpusTotal, 2);
      assert.match(rented!.label, / · rented$/);
      assert.match(rented!.note, /^the same replica rented instead of owned: \$6,034\/mo per replica at \$4\.19\/GPU-h, Lambda on demand/);
    });
  });
});
