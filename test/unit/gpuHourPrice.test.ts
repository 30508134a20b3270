/**
 * One GPU-hour price rule on every path: the workload's own setup, a declared alternative,
 * the cheapest-setup search (lens, panel), Recommend and the panel's article rows all price a
 * GPU-hour by the setup's own price, then assumptions.gpuPrices[gpu], then
 * assumptions.gpuHourlyUsd, then the catalog's quote.
 */
import * as assert from 'node:assert/strict';
import { analyze, explanationLines, gpuRulesOf, recommend, selfHostedMonthlyCost } from '../../src/engine';
import { catalog as shipped, gpuPriceKey } from '../../src/engine/catalog';
import { gpuHourPrice } from '../../src/engine/pricing/gpuHour';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { EMPTY_INPUTS } from '../../src/protocol';
import { panelAnalysis, usePanelCatalog } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';
import { CATALOG_FILES } from '../../src/engine/catalog/load';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const catalog = cliCatalog().catalog;

describe('one GPU-hour price rule', function () {
  // recommend() searches every open model's setups.
  this.timeout(30_000);

  it('takes the setup’s own price, then the file’s price for that GPU, then for any GPU, then the catalog’s quote', () => {
    const rules = { gpuPrices: new Map([['h200', 1.5]]), gpuHourlyUsd: 0.5 };
    assert.deepEqual(gpuHourPrice('h200', rules, 3.8, 9), { usd: 9, source: 'setup', catalogUsd: 3.8 });
    assert.deepEqual(gpuHourPrice('h200', rules, 3.8), { usd: 1.5, source: 'gpu-prices', catalogUsd: 3.8 });
    assert.deepEqual(gpuHourPrice('a100', rules, 1.9), { usd: 0.5, source: 'assumptions', catalogUsd: 1.9 });
    assert.deepEqual(gpuHourPrice('a100', {}, 1.9), { usd: 1.9, source: 'catalog', catalogUsd: 1.9 });
    assert.equal(gpuHourPrice('a100', {}, undefined), undefined, 'nothing prices it: no stand-in');
  });

  // The case: a flat $0.50 a GPU-hour, an API workload with a declared alternative.
  const text = (assumptions: object) =>
    JSON.stringify({
      assumptions,
      workloads: [
        {
          name: 'chat',
          model: 'llama-3.1-70b',
          monthlyTokens: '300M',
          alternatives: [{ model: 'llama-3.1-70b', selfHosted: { gpu: 'h100-sxm', gpus: 2, quantization: 'fp8' } }],
        },
        { name: 'own', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted: { gpu: 'h200', quantization: 'fp8', gpuHourlyUsd: 9 } } },
      ],
    });

  it('a flat price for any GPU prices the alternative, the cheapest setup and Recommend alike', () => {
    const a = analyze(text({ gpuHourlyUsd: 0.5 }), { catalog });
    assert.equal(a.gpuHourlyUsd, 0.5);
    const chat = a.workloads[0]!;
    // The cheapest search: every GPU at $0.50, so one replica costs GPUs × $0.50 × 720 h.
    const cheapest = chat.cheapestSelfHost!;
    assert.equal(cheapest.hourlyUsdPerGpu, 0.5);
    assert.equal(cheapest.hourlySource, 'assumptions');
    assert.equal(cheapest.monthlyUsd, cheapest.replicas * cheapest.gpus * 0.5 * 720);
    assert.match(explanationLines(cheapest.explanation).at(-1)!, /at your price from assumptions\.gpuHourlyUsd; the catalog's median quote is \$/);
    // The declared alternative: 2 × H100 × $0.50 × 720 h = $720 a replica.
    assert.ok(chat.crossovers.some((c) => c.selfHostFixedMonthlyUsd === 720), 'the alternative at $720 a replica');
    assert.ok(a.lenses.some((l) => l.workload === 0 && l.title === 'at 1.4B tok/mo self-hosting llama-3.1-70b is cheaper'));
    // The setup's own price wins over both: 1 × H200 × $9 × 720 h.
    assert.equal(a.workloads[1]!.monthlyCostUsd, 9 * 720);
    assert.ok(explanationLines(a.workloads[1]!.selfHost!.explanation).includes('GPU-hour price: $9, the setup’s gpuHourlyUsd; the catalog’s is $3.40'));
    // Recommend, as the editor calls it from an analysis: the same search at the same price.
    const rec = recommend(['data_privacy'], 300, { gpuHourlyUsd: a.gpuHourlyUsd, gpuPrices: a.gpuPrices, hoursPerMonth: 720, only: ['llama-3.1-70b'] }, catalog);
    const selfHosted = rec.recommendations.find((r) => r.deployment === 'self-hosted')!;
    assert.equal(selfHosted.monthlyCostUsd, cheapest.monthlyUsd);
  });

  it('the file’s price for one GPU beats its price for any GPU, in the search too', () => {
    const a = analyze(text({ gpuHourlyUsd: 0.5, gpuPrices: { 'h100-sxm': 0.25 } }), { catalog });
    const cheapest = a.workloads[0]!.cheapestSelfHost!;
    assert.equal(cheapest.gpu, 'h100-sxm', 'the GPU priced lowest by name wins');
    assert.equal(cheapest.hourlyUsdPerGpu, 0.25);
    assert.equal(cheapest.hourlySource, 'gpu-prices');
  });

  it('with no price in the file every path uses the catalog’s quote, never the article’s flat $2.50', () => {
    const a = analyze(text({}), { catalog });
    assert.equal(a.gpuHourlyUsd, undefined);
    const cheapest = a.workloads[0]!.cheapestSelfHost!;
    assert.equal(cheapest.hourlySource, 'catalog');
    assert.notEqual(cheapest.hourlyUsdPerGpu, 2.5);
    // An article setup in Recommend: priced at its GPU's catalog quote.
    // An article setup in Recommend: priced at its GPU's catalog quote (the A100's is $2.50, so an H100 shows it).
    const setup = { ...shipped.setups.find((s) => s.gpu === 'a100-80gb')!, gpu: 'h100-80gb' };
    const quote = shipped.gpus.find((g) => g.id === 'h100-80gb')!.hourlyUsd;
    assert.equal(quote, 2.99);
    assert.equal(selfHostedMonthlyCost(shipped, setup, 0, {}).hourlyUsd, quote);
    assert.equal(selfHostedMonthlyCost(shipped, setup, 0, { gpuHourlyUsd: 0.5 }).hourlyUsd, 0.5);
    assert.equal(selfHostedMonthlyCost(shipped, setup, 0, { gpuHourlyUsd: 0.5, gpuPrices: { [gpuPriceKey('h100-80gb')!]: 1.1 } }).hourlyUsd, 1.1);
  });

  after(() => usePanelCatalog({}));

  it('the panel’s rows carry the lens’s cheapest setup and price the article’s rows by the same rule', () => {
    const data = path.resolve(__dirname, '../../../src/engine/catalog/data');
    usePanelCatalog({ prices: readFileSync(path.join(data, CATALOG_FILES.prices), 'utf8'), openModels: readFileSync(path.join(data, CATALOG_FILES.openModels), 'utf8'), gpus: readFileSync(path.join(data, CATALOG_FILES.gpus), 'utf8') });
    for (const assumptions of [{}, { gpuHourlyUsd: 0.5 }]) {
      const inputs = { ...EMPTY_INPUTS };
      const a = panelAnalysis(text(assumptions), {}, inputs);
      const view = costView(a, inputs)!;
      const own = view.rows.find((r) => r.model === 'llama-3.1-70b' && r.cheapestSetup)!;
      const lens = a.workloads[0]!.cheapestSelfHost!;
      assert.deepEqual([own.cheapestSetup!.label, own.cheapestSetup!.monthlyUsd, own.cheapestSetup!.yourPrice], [lens.label, lens.monthlyUsd, lens.hourlySource !== 'catalog']);
      assert.ok(view.articleRows.length > 0, 'the article’s setups are rows of their own');
      for (const row of view.articleRows) {
        const setup = shipped.setups.find((s) => row.key === `article:${s.id}`)!;
        const price = gpuHourPrice(gpuPriceKey(setup.gpu) ?? setup.gpu, gpuRulesOf(a), shipped.gpus.find((g) => g.id === setup.gpu)!.hourlyUsd)!;
        assert.equal(row.fixedMonthlyUsd, setup.gpus * price.usd * a.assumptions.hoursPerMonth, row.label);
        // Each row says which rule priced it: the catalog's quote, then the file's price for any GPU.
        assert.deepEqual(row.gpuHour, { usd: price.usd, rule: price.source }, row.label);
        assert.equal(row.gpuHour.rule, 'gpuHourlyUsd' in assumptions ? 'assumptions' : 'catalog');
      }
      // The price field shows the file's price, or none: never a default of its own.
      assert.equal(view.gpuHourlyUsd, 'gpuHourlyUsd' in assumptions ? 0.5 : undefined);
    }
  });
});
