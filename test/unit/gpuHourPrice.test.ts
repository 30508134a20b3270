/**
 * One GPU-hour price rule on every path: the workload's own setup, a declared alternative,
 * the cheapest-setup search (lens, panel), Recommend and the panel's article rows all price a
 * GPU-hour by the setup's own price, then assumptions.gpuPrices[gpu], then
 * assumptions.gpuHourlyUsd, then the offer that rents the setup's GPUs as whole instances
 * (in assumptions.pricing's mode); a GPU no offer rents is not priced, and says so.
 */
import * as assert from 'node:assert/strict';
import { analyze, explanationLines, recommend, selfHostedMonthlyCost } from '../../src/engine';
import { catalog as curated } from '../../src/engine/catalog';
import { gpuHourPrice } from '../../src/engine/pricing/gpuHour';
import type { GpuOffer } from '../../src/engine/catalog/data/gpuOffers';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { EMPTY_INPUTS } from '../../src/protocol';
import { panelAnalysis, usePanelCatalog } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';
import { CATALOG_FILES } from '../../src/engine/catalog/load';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const catalog = cliCatalog().catalog;

/** An offer of the fixture: only its GPU, size and prices matter here. */
const offer = (gpu: string, gpusPerInstance: 1 | 2 | 4 | 8, onDemand: number | null, spot: number | null = null, provider = 'P'): GpuOffer => ({
  provider,
  instance: `${gpusPerInstance}x ${gpu}`,
  gpu,
  gpusPerInstance,
  region: null,
  onDemandUsdPerGpuHour: onDemand,
  reservedOneYearUsdPerGpuHour: null,
  spotUsdPerGpuHour: spot,
  asOf: '2026-09-01',
  source: 'https://example.com/prices',
  note: 'fixture',
});

describe('one GPU-hour price rule', function () {
  // recommend() searches every open model's setups.
  this.timeout(30_000);

  it('takes the setup’s own price, then the file’s price for that GPU, then for any GPU, then the offer that rents it', () => {
    const rules = { gpuPrices: new Map([['h200', 1.5]]), gpuHourlyUsd: 0.5 };
    const offers = [offer('h200', 8, 3.99), offer('a100-80gb', 1, 1.19)];
    assert.deepEqual(gpuHourPrice({ gpu: 'h200', gpus: 1, offers, setupUsd: 9 }, rules), { usd: 9, source: 'setup' });
    assert.deepEqual(gpuHourPrice({ gpu: 'h200', gpus: 1, offers }, rules), { usd: 1.5, source: 'gpu-prices' });
    assert.deepEqual(gpuHourPrice({ gpu: 'a100-80gb', gpus: 1, offers }, rules), { usd: 0.5, source: 'assumptions' });
    const rented = gpuHourPrice({ gpu: 'a100-80gb', gpus: 1, offers }, {});
    assert.ok('offer' in rented && rented.offer);
    assert.deepEqual([rented.usd, rented.source, rented.offer.gpusRented], [1.19, 'offer', 1]);
    // Without offers (the curated catalog alone) the GPU's quote prices it, and is said beside the user's.
    assert.deepEqual(gpuHourPrice({ gpu: 'h200', gpus: 1, quoteUsd: 3.8, setupUsd: 9 }, rules), { usd: 9, source: 'setup', catalogUsd: 3.8 });
    assert.deepEqual(gpuHourPrice({ gpu: 'a100', gpus: 1, quoteUsd: 1.9 }, {}), { usd: 1.9, source: 'catalog', catalogUsd: 1.9 });
  });

  it('rents whole instances: 2 GPUs on an 8-GPU-only offer pay for 8; a replica beyond a node spans whole nodes', () => {
    const offers = [offer('mi325x', 8, 1.95)];
    const two = gpuHourPrice({ gpu: 'mi325x', gpus: 2, offers }, {});
    assert.ok('offer' in two && two.offer);
    assert.deepEqual([two.offer.gpusRented, two.offer.instances, two.usd], [8, 1, 1.95]);
    const twelve = gpuHourPrice({ gpu: 'mi325x', gpus: 12, offers }, {});
    assert.ok('offer' in twelve && twelve.offer);
    assert.deepEqual([twelve.offer.gpusRented, twelve.offer.instances], [16, 2]);
  });

  it('says why nothing prices it, never a stand-in: no offer of the GPU, none in the mode', () => {
    const offers = [offer('mi325x', 8, 1.95)];
    assert.deepEqual(gpuHourPrice({ gpu: 'l4', gpus: 1, offers, quoteUsd: 0.8 }, {}), { unpriced: { kind: 'no-offer-of-gpu', gpu: 'l4' } });
    assert.deepEqual(gpuHourPrice({ gpu: 'mi325x', gpus: 1, offers }, { pricing: 'spot' }), { unpriced: { kind: 'no-offer-in-mode', gpu: 'mi325x', pricing: 'spot', modes: ['on-demand'] } });
    assert.deepEqual(gpuHourPrice({ gpu: 'a100', gpus: 1 }, {}), { unpriced: { kind: 'no-offer-of-gpu', gpu: 'a100' } }, 'no offers and no quote');
  });

  // The cases: a setup on an MI325X pair, an L4 nobody rents (its offers taken out below), and a flat price.
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
        { name: 'pair', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted: { gpu: 'mi325x', gpus: 2, quantization: 'fp8' } } },
        { name: 'l4', model: 'llama-3.1-8b', monthlyTokens: '30M', deployment: { selfHosted: { gpu: 'l4', quantization: 'fp8' } } },
      ],
    });

  it('a setup pays for the whole instances it rents, and its explanation names the offer', () => {
    const a = analyze(text({}), { catalog });
    const pair = a.workloads[2]!;
    // TensorWave rents MI325X as 8-GPU nodes only: 8 × $1.95 × 720 h.
    assert.equal(pair.monthlyCostUsd, 8 * 1.95 * 720);
    assert.equal(pair.selfHost!.offer!.gpusRented, 8);
    assert.ok(explanationLines(pair.selfHost!.explanation).includes('GPU-hour price: $1.95, the offer rented: 8× mi325x (2 used) · TensorWave on demand (AMD Instinct MI325X) · $1.95/GPU-hour as of 2026-05-18'));
    assert.ok(explanationLines(pair.selfHost!.explanation).includes('fixed per replica = 11,232 USD/month: gpus × hourly × hours (gpus = 8, hourly = 1.95, hours = 720)'));
  });

  it('a GPU no offer rents is not priced: a warning at its GPU, the lens says so, and the total counts it unpriced', () => {
    // Every GPU of gpus.json has an offer on record: the L4's are taken out to have one nobody rents.
    const noL4 = { ...catalog, gpuOffers: catalog.gpuOffers!.filter((o) => o.gpu !== 'l4') };
    const a = analyze(text({}), { catalog: noL4 });
    const l4 = a.workloads[3]!;
    assert.equal(l4.monthlyCostUsd, null);
    assert.equal(l4.notPriced, '1× l4');
    const f = a.findings.find((x) => x.code === 'not-priced')!;
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^Not priced: No offer of NVIDIA L4 24GB is on record: no provider's price for it to rent\. .*assumptions\.gpuPrices for l4\.$/);
    assert.ok(a.lenses.some((l) => l.workload === 3 && l.title === 'not priced: no offer rents 1× l4'));
    assert.deepEqual(a.unpricedWorkloads.map((w) => w.name), ['l4']);
    // On spot, no MI325X offer is priced: that setup is not priced either, and says why.
    const spot = analyze(text({ pricing: 'spot' }), { catalog });
    assert.equal(spot.gpuPricing, 'spot');
    assert.equal(spot.workloads[2]!.monthlyCostUsd, null);
    assert.ok(spot.findings.some((x) => x.code === 'not-priced' && /No offer of AMD Instinct MI325X 256GB is priced on spot; its offers are priced on demand\./.test(x.message)));
  });

  it('the searches keep whole instances of an offer: the pick’s GPU count is what a provider rents, in the file’s mode', () => {
    for (const pricing of ['on-demand', 'spot'] as const) {
      const a = analyze(text({ pricing }), { catalog });
      for (const w of a.workloads) {
        const c = w.cheapestSelfHost;
        if (!c) continue;
        assert.equal(c.hourlySource, 'offer', w.name);
        assert.equal(c.offer!.gpusRented, c.gpus, `${w.name}: ${c.label}`);
        assert.equal(c.offer!.pricing, pricing);
        assert.equal(c.perReplicaMonthlyUsd, c.gpus * c.offer!.hourlyUsdPerGpu * 720);
        assert.match(explanationLines(c.explanation).at(-1)!, new RegExp(`each replica rents ${c.gpus}× ${c.gpu} · ${c.offer!.provider} `));
      }
    }
    // The DeepSeek V3: no more 2× MI325X; 8 MI300X in one TensorWave node.
    const ds = analyze(JSON.stringify({ workloads: [{ name: 'ds', model: 'deepseek-v3', monthlyTokens: '300M' }] }), { catalog }).workloads[0]!.cheapestSelfHost!;
    assert.equal(ds.label, '8× mi300x · fp8 · 1 replica · $8,640/mo');
    assert.equal(ds.offer!.provider, 'TensorWave');
  });

  it('a flat price for any GPU prices the alternative, the cheapest setup and Recommend alike', () => {
    const a = analyze(text({ gpuHourlyUsd: 0.5 }), { catalog });
    assert.equal(a.gpuHourlyUsd, 0.5);
    const chat = a.workloads[0]!;
    const cheapest = chat.cheapestSelfHost!;
    assert.equal(cheapest.hourlyUsdPerGpu, 0.5);
    assert.equal(cheapest.hourlySource, 'assumptions');
    assert.equal(cheapest.monthlyUsd, cheapest.replicas * cheapest.gpus * 0.5 * 720);
    assert.match(explanationLines(cheapest.explanation).at(-1)!, /at your price from assumptions\.gpuHourlyUsd\)$/);
    // The declared alternative: 2 × H100 × $0.50 × 720 h = $720 a replica, the GPUs it uses: the file's price is per GPU.
    assert.ok(chat.crossovers.some((c) => c.selfHostFixedMonthlyUsd === 720), 'the alternative at $720 a replica');
    // The setup's own price wins over both: 1 × H200 × $9 × 720 h.
    assert.equal(a.workloads[1]!.monthlyCostUsd, 9 * 720);
    assert.ok(explanationLines(a.workloads[1]!.selfHost!.explanation).includes('GPU-hour price: $9, the setup’s gpuHourlyUsd'));
    // Recommend, as the editor calls it from an analysis: the same search at the same price.
    const rec = recommend(['data_privacy'], 300, { gpuHourlyUsd: a.gpuHourlyUsd, gpuPrices: a.gpuPrices, hoursPerMonth: 720, only: ['llama-3.1-70b'] }, catalog);
    const selfHosted = rec.recommendations.find((r) => r.deployment === 'self-hosted')!;
    assert.equal(selfHosted.monthlyCostUsd, cheapest.monthlyUsd);
    assert.equal(selfHosted.offer, undefined, 'priced by the file, not an offer');
  });

  it('the file’s price for one GPU beats its price for any GPU, in the search too', () => {
    // The 70B in FP8 takes two H100s: at $0.20 each they cost $288 against one B200's $360 at $0.50.
    const a = analyze(text({ gpuHourlyUsd: 0.5, gpuPrices: { 'h100-sxm': 0.2 } }), { catalog });
    const cheapest = a.workloads[0]!.cheapestSelfHost!;
    assert.equal(cheapest.gpu, 'h100-sxm', 'the GPU priced lowest by name wins');
    assert.equal(cheapest.hourlyUsdPerGpu, 0.2);
    assert.equal(cheapest.hourlySource, 'gpu-prices');
  });

  it('Recommend’s rows carry the offer they are priced by, the lens’s', () => {
    const a = analyze(text({}), { catalog });
    const lens = a.workloads[0]!.cheapestSelfHost!;
    const rec = recommend(['data_privacy'], 300, { hoursPerMonth: 720, only: ['llama-3.1-70b'] }, catalog);
    const row = rec.recommendations.find((r) => r.deployment === 'self-hosted')!;
    assert.equal(row.monthlyCostUsd, Math.round(lens.monthlyUsd * 100) / 100);
    assert.deepEqual(row.offer, lens.offer);
    // On spot, Recommend rents on spot too.
    const spot = recommend(['data_privacy'], 300, { hoursPerMonth: 720, only: ['llama-3.1-70b'], gpuPricing: 'spot' }, catalog).recommendations.find((r) => r.deployment === 'self-hosted')!;
    assert.equal(spot.offer!.pricing, 'spot');
  });

  it('without offers, every path keeps the catalog’s quote, never the article’s flat $2.50', () => {
    // An article setup in Recommend, on the curated catalog alone: priced at its GPU's quote (the H100's is $2.99).
    const setup = { ...curated.setups.find((s) => s.gpu === 'a100-80gb')!, gpu: 'h100-80gb' };
    const quote = curated.gpus.find((g) => g.id === 'h100-80gb')!.hourlyUsd;
    assert.equal(quote, 2.99);
    const priced = selfHostedMonthlyCost(curated, setup, 0, {});
    assert.ok(!('unpriced' in priced));
    assert.equal(priced.hourlyUsd, quote);
    const flat = selfHostedMonthlyCost(curated, setup, 0, { gpuHourlyUsd: 0.5 });
    assert.ok(!('unpriced' in flat));
    assert.equal(flat.hourlyUsd, 0.5);
    // With offers, an article setup whose GPU no offer rents in the mode is unpriced: the A100 has no reserved price.
    assert.deepEqual(selfHostedMonthlyCost(catalog, curated.setups[0]!, 0, { gpuPricing: 'reserved' }), { unpriced: { kind: 'no-offer-in-mode', gpu: 'a100-80gb', pricing: 'reserved', modes: ['on-demand', 'spot'] } });
  });

  it('a GPU the project owns is priced by its own hour, after a price named for it and before a flat price and the offers', () => {
    // $30,000 over 4 years, 1,000 W at $0.10/kWh and a PUE of 1.3, 10% a year of operations:
    // 30,000 / 35,040 + 1.3 × 0.1 + 3,000 / 8,760 = $0.8562 + $0.13 + $0.3425 = $1.3286 an hour, every GPU used.
    const ownedGpus = { 'h100-sxm': { purchaseUsd: 30000, amortizationYears: 4, watts: 1000, usdPerKwh: 0.1, pue: 1.3, operationsShare: 0.1 } };
    const hour = 30000 / (4 * 8760) + 1.3 * 0.1 + 3000 / 8760;
    const owned = (assumptions: object) =>
      analyze(JSON.stringify({ assumptions: { ownedGpus, ...assumptions }, workloads: [{ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted: { gpu: 'h100-sxm', gpus: 2, quantization: 'fp8' } } }] }), { catalog });
    const a = owned({ gpuHourlyUsd: 0.5 });
    const s = a.workloads[0]!.selfHost!;
    assert.equal(s.gpuHourSource, 'owned');
    assert.equal(s.fixedMonthlyUsd, 2 * hour * 720, 'two GPUs used, two paid: no instance rounding');
    assert.ok(explanationLines(s.explanation).includes('GPU-hour price: $1.33, owned hardware (assumptions.ownedGpus: amortization $0.856 + energy $0.13 + operations $0.342 an hour)'));
    assert.deepEqual(a.ownedGpus, ownedGpus);
    // A price named for the GPU is the user's word on it: it wins.
    assert.equal(owned({ gpuPrices: { 'h100-sxm': 2 } }).workloads[0]!.selfHost!.gpuHourSource, 'gpu-prices');
    // The search prices the owned GPU the same way, and Recommend too.
    const cheapest = owned({}).workloads[0]!.cheapestSelfHost!;
    if (cheapest.gpu === 'h100-sxm') assert.equal(cheapest.hourlySource, 'owned');
    const rec = recommend(['data_privacy'], 300, { hoursPerMonth: 720, only: ['llama-3.1-70b'], ownedGpus }, catalog).recommendations.find((r) => r.deployment === 'self-hosted')!;
    assert.equal(rec.monthlyCostUsd, Math.round(cheapest.monthlyUsd * 100) / 100);
    // An entry the schema refuses prices nothing: the offers do.
    const bad = analyze(JSON.stringify({ assumptions: { ownedGpus: { 'h100-sxm': { purchaseUsd: 30000 } } }, workloads: [{ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted: { gpu: 'h100-sxm', gpus: 2, quantization: 'fp8' } } }] }), { catalog });
    assert.equal(bad.workloads[0]!.selfHost!.gpuHourSource, 'offer');
  });

  after(() => usePanelCatalog({}));

  it('the panel’s rows carry the lens’s cheapest setup and price the article’s rows by the same rule', () => {
    const data = path.resolve(__dirname, '../../../src/engine/catalog/data');
    const read = (file: string) => readFileSync(path.join(data, file), 'utf8');
    usePanelCatalog({ prices: read(CATALOG_FILES.prices), openModels: read(CATALOG_FILES.openModels), gpus: read(CATALOG_FILES.gpus), gpuOffers: read(CATALOG_FILES.gpuOffers) });
    for (const assumptions of [{}, { gpuHourlyUsd: 0.5 }]) {
      const inputs = { ...EMPTY_INPUTS };
      const a = panelAnalysis(text(assumptions), {}, inputs);
      const view = costView(a, inputs)!;
      const own = view.rows.find((r) => r.model === 'llama-3.1-70b' && r.cheapestSetup)!;
      const lens = a.workloads[0]!.cheapestSelfHost!;
      assert.deepEqual([own.cheapestSetup!.label, own.cheapestSetup!.monthlyUsd, own.cheapestSetup!.yourPrice], [lens.label, lens.monthlyUsd, lens.hourlySource !== 'offer']);
      assert.ok(view.articleRows.length > 0, 'the article’s setups are rows of their own');
      for (const row of view.articleRows) {
        const setup = curated.setups.find((s) => row.key === `article:${s.id}`)!;
        const priced = selfHostedMonthlyCost(catalog, setup, 0, { ...(a.gpuHourlyUsd !== undefined ? { gpuHourlyUsd: a.gpuHourlyUsd } : {}), gpuPrices: a.gpuPrices, hoursPerMonth: 720 });
        assert.ok(!('unpriced' in priced));
        assert.equal(row.fixedMonthlyUsd, priced.fixedMonthlyUsd, row.label);
        assert.equal(row.gpuHour!.rule, 'gpuHourlyUsd' in assumptions ? 'assumptions' : 'offer');
      }
      // The price field shows the file's price, or none: never a default of its own.
      assert.equal(view.gpuHourlyUsd, 'gpuHourlyUsd' in assumptions ? 0.5 : undefined);
    }
  });
});
