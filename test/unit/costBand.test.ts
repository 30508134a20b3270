/**
 * The serving model's P10–P90 carried from a throughput to a self-hosted cost, and a verdict
 * that says "too close to call" when the API's cost lies inside it (issue: a range, not a point).
 */
import * as assert from 'node:assert/strict';
import { analyze, crossoverTitle, explanationLines, headlineCrossover } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const catalog = cliCatalog().catalog;
// Llama 3.1 8B on one L4 (RunPod, $0.44 a GPU-hour: $316.80 a month) at 2B tokens: the estimate
// needs 2 replicas, its P90 throughput 1; the API's $440 lies between.
const config = {
  workloads: [
    { name: 'own', model: 'llama-3.1-8b', monthlyTokens: '2B', deployment: { selfHosted: { gpu: 'l4' } } },
    { name: 'fixed', model: 'llama-3.1-8b', monthlyTokens: '2B', deployment: { selfHosted: { gpu: 'l4', replicas: 2 } } },
  ],
};

describe('a self-hosted cost carries the serving model\'s P10–P90', () => {
  const a = analyze(JSON.stringify(config), { catalog });
  const [own, fixed] = a.workloads;

  it('from the throughput to the capacity, the replicas and the month', () => {
    const band = own!.selfHost!.band!;
    assert.equal(Math.round(own!.selfHost!.throughputTps), 763);
    assert.deepEqual([Math.round(band.throughputTps.low), Math.round(band.throughputTps.high)], [587, 942]);
    assert.deepEqual([Math.round(band.capacityTokensM.low), Math.round(band.capacityTokensM.high)], [1521, 2441]);
    assert.deepEqual(band.replicas, { low: 1, high: 2 });
    assert.equal(own!.monthlyCostUsd, 633.6);
    assert.deepEqual(own!.monthlyCostBandUsd, { low: 316.8, high: 633.6 });
    assert.ok(explanationLines(own!.explanation).includes('P10–P90 of the throughput, 587–942 tok/s: capacity 1,521–2,441M tok/mo per replica, 1–2 replicas, $317–$634/mo'), explanationLines(own!.explanation).join('\n'));
  });

  it('replicas the config sets cost the same at both ends, so their cost has no band', () => {
    assert.equal(fixed!.monthlyCostUsd, 633.6);
    assert.equal(fixed!.monthlyCostBandUsd, undefined);
    assert.ok(explanationLines(fixed!.explanation).some((l) => l.endsWith('the 2 replicas the config sets cost the same either way')));
  });

  it('an API inside the band is too close to call on every surface: the lens, the sentence, the finding', () => {
    const lenses = a.lenses.filter((l) => l.workload === 0).map((l) => l.title);
    assert.deepEqual(lenses.slice(0, 2), ['$634/mo · self-hosted · 2 replicas', 'API $440/mo: too close to call']);
    assert.equal(crossoverTitle(headlineCrossover(own!)!, own!), "self-hosting would cost $317–$634/mo here (the serving model's P10–P90), the llama-3.1-8b API $440: too close to call");
    const finding = a.findings.find((f) => f.code === 'api-cheaper' && f.workload === 0)!;
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /against \$634\/mo self-hosted \(P10–P90 \$317–\$634: too close to call\)\./);
    // With its replicas fixed, the point is the cost: the API is cheaper, and warned.
    assert.equal(a.lenses.filter((l) => l.workload === 1)[1]!.title, 'API would be $440/mo, $194 less');
    assert.equal(a.findings.find((f) => f.code === 'api-cheaper' && f.workload === 1)!.severity, 'warning');
  });

  it('outside the band the verdict picks its side as before', () => {
    const small = analyze(JSON.stringify({ workloads: [{ ...config.workloads[0], monthlyTokens: '300M' }] }), { catalog });
    assert.equal(small.workloads[0]!.monthlyCostBandUsd, undefined, 'one replica at both ends');
    assert.equal(small.lenses.filter((l) => l.workload === 0)[1]!.title, 'API would be $66/mo, $251 less');
  });

  it('a comparison setup the search sized carries the band too: an API workload inside it is too close to call', () => {
    // gemma-3-27b at 12B tok: one B200 replica ($3,600) serves 15.0B at the estimate, 11.6–18.6B at P10–P90, so 1–2 replicas.
    const api = analyze(JSON.stringify({ workloads: [{ name: 'a', model: 'gemma-3-27b', monthlyTokens: '12B' }] }), { catalog });
    const w = api.workloads[0]!;
    const c = headlineCrossover(w)!;
    assert.equal(c.selfHostLabel, '1× b200 · bf16 · 11,610 tok/s');
    assert.deepEqual([Math.round(c.selfHostCapacityTokensM), Math.round(c.selfHostCapacityBandM!.low), Math.round(c.selfHostCapacityBandM!.high)], [15047, 11575, 18577]);
    assert.equal(crossoverTitle(c, w), "self-hosting gemma-3-27b would cost $3,600–$7,200/mo here (the serving model's P10–P90), the gemma-3-27b API $3,660: too close to call");
    assert.equal(api.lenses.filter((l) => l.workload === 0)[1]!.title, 'self-hosting gemma-3-27b: $3,600–$7,200, too close');
  });
});
