import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { analyze, explanationLines, formatUsd, recommend } from '../../src/engine';
import { findModel } from '../../src/engine/catalog';
import { cheapestSelfHost, earliestWinningReplica, earliestWinningSelfHost, requestShape, undominated } from '../../src/engine/sizing/cheapestSelfHost';
import { servedSetup } from '../../src/engine/sizing/servedSetup';
import { cheapestSetup } from '../../src/engine/sizing/serving/cheapest';
import { compareSetups, dominates } from '../../src/engine/sizing/setupOrder';
import { findOpenModel } from '../../src/engine/sizing/serving/models';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { FIELD_DOCS } from '../../src/engine/config/docs';
import { WEIGHT_FORMATS } from '../../src/engine/sizing/serving/quantization';

const catalog = cliCatalog().catalog;
const targets = { hoursPerMonth: 730, peakToAverage: 2 };
const shape = { inputTokens: 500, outputTokens: 500 };
const card = (name: string) => findModel(name, catalog)!;

describe('the cheapest self-hosted setup at a volume', () => {
  it('is the cheapest of the whole search, sized for the peak, at every volume', () => {
    const open = findOpenModel('llama-3.1-70b', catalog);
    assert.ok('model' in open);
    for (const volumeM of [1, 30, 240, 3000, 30000]) {
      const best = cheapestSelfHost(catalog, card('llama-3.1-70b'), volumeM, shape, targets)!;
      // The same search at this volume, done by the serving module itself.
      const direct = cheapestSetup({ model: open.model, gpus: catalog.servingGpus!, monthlyTokens: volumeM * 1e6, shape, peakToAverage: 2, hoursPerMonth: 730, offers: catalog.gpuOffers!, qualityRows: catalog.formatQuality! });
      assert.ok(direct.best, `${volumeM}M: something fits`);
      assert.ok(Math.abs(best.monthlyUsd - direct.best!.monthlyUsd) <= 0.01 * direct.best!.monthlyUsd, `${volumeM}M: ${best.label} against ${direct.best!.gpus}× ${direct.best!.gpu} ${direct.best!.weights} $${direct.best!.monthlyUsd}`);
      assert.equal(best.replicas, Math.max(1, Math.ceil(volumeM / best.capacityTokensM - 1e-9)));
      assert.match(best.label, /^\d+× [a-z0-9-]+ · [a-z0-9_-]+ · \d+ replicas? · \$[\d,.]+\/mo$/);
    }
  });

  it('costs no less at a higher volume', () => {
    let last = 0;
    for (const volumeM of [1, 10, 100, 1000, 10000, 100000]) {
      const c = cheapestSelfHost(catalog, card('mixtral-8x7b'), volumeM, shape, targets)!;
      assert.ok(c.monthlyUsd >= last - 1e-9, `${volumeM}M: ${c.monthlyUsd} after ${last}`);
      last = c.monthlyUsd;
    }
  });

  it('beats an API soonest where a replica pays for itself within its capacity', () => {
    const price = 0.6;
    const win = earliestWinningSelfHost(catalog, card('llama-3.1-70b'), price, 240, shape, targets)!;
    const from = win.perReplicaMonthlyUsd / price;
    assert.ok(from <= win.capacityTokensM, `wins from ${from}M within ${win.capacityTokensM}M`);
    for (const volumeM of [from * 1.01, from * 3]) {
      const self = Math.ceil(volumeM / win.capacityTokensM - 1e-9) * win.perReplicaMonthlyUsd;
      assert.ok(self <= volumeM * price, `at ${volumeM}M self-hosting costs ${self}, the API ${volumeM * price}`);
    }
  });

  it('picks what a pass over every searched setup picks, at every volume and API price, with the one tie-break', () => {
    // The picks are made among the setups no other beats; this is the pass over all of them.
    for (const id of ['llama-3.1-8b', 'llama-3.1-70b', 'qwen3-30b-a3b', 'deepseek-v3']) {
      const open = findOpenModel(id, catalog);
      assert.ok('model' in open, id);
      // Priced as the lens prices it: by the offers, whole instances only.
      const search = cheapestSetup({ model: open.model, gpus: catalog.servingGpus!, monthlyTokens: 1000 * 3600 * 730, shape, peakToAverage: 1, hoursPerMonth: 730, alternatives: Number.MAX_SAFE_INTEGER, offers: catalog.gpuOffers!, qualityRows: catalog.formatQuality! });
      const all = [search.best, ...search.runnersUp]
        .filter((c) => !!c && c.ok && c.capacityRequestsPerSecond > 0)
        .map((c) => ({ c: c!, perReplica: c!.gpus * c!.hourlyUsdPerGpu * 730, capacityM: (c!.capacityRequestsPerSecond * 1000 * 3600 * 730) / 2 / 1e6 }));
      // Whole instances of an offer only, in near-lossless formats: DeepSeek V3 fits 8 of them (19 with its int4-awq and
      // nvfp4 setups, whose quality is unmeasured for it).
      assert.ok(all.length >= 8, `${id}: ${all.length} setups`);
      for (const volumeM of [0.5, 3, 10, 47, 100, 240, 999, 3000, 12_345, 100_000]) {
        // Sorted by the one order (setupOrder.ts) the CLI's `cheapest` sorts by too.
        let best: { o: (typeof all)[number]; replicas: number; monthly: number } | undefined;
        for (const o of all) {
          const replicas = Math.max(1, Math.ceil(volumeM / o.capacityM - 1e-9));
          const monthly = replicas * o.perReplica;
          if (!best || compareSetups({ ...o.c, replicas, monthlyUsd: monthly }, { ...best.o.c, replicas: best.replicas, monthlyUsd: best.monthly }) < 0) best = { o, replicas, monthly };
        }
        const got = cheapestSelfHost(catalog, card(id), volumeM, shape, targets)!;
        assert.deepEqual([got.gpu, got.gpus, got.weights, got.replicas, got.monthlyUsd], [best!.o.c.gpu, best!.o.c.gpus, best!.o.c.weights, best!.replicas, best!.monthly], `${id} at ${volumeM}M`);
      }
      for (const price of [0.05, 0.3, 0.9, 3, 15]) {
        const winners = all.filter((o) => o.perReplica / price <= o.capacityM);
        const expected = winners.length
          ? winners.reduce((a, o) => (o.perReplica / price < a.perReplica / price ? o : a))
          : all.reduce((a, o) => (o.perReplica / o.capacityM < a.perReplica / a.capacityM ? o : a));
        const got = earliestWinningSelfHost(catalog, card(id), price, 100, shape, targets)!;
        const replica = earliestWinningReplica(catalog, card(id), price, shape, targets)!;
        assert.deepEqual([got.gpu, got.gpus, got.weights, got.perReplicaMonthlyUsd], [expected.c.gpu, expected.c.gpus, expected.c.weights, expected.perReplica], `${id} against $${price}/M`);
        assert.deepEqual([replica.gpu, replica.gpus, replica.weights, replica.perReplicaMonthlyUsd, replica.capacityTokensM], [got.gpu, got.gpus, got.weights, got.perReplicaMonthlyUsd, got.capacityTokensM]);
        // One replica object for every workload that picks it.
        assert.equal(earliestWinningReplica(catalog, card(id), price, shape, targets), replica);
        // And one cheapest setup for every workload at the same volume.
        assert.equal(cheapestSelfHost(catalog, card(id), 240, shape, targets), cheapestSelfHost(catalog, card(id), 240, shape, targets));
      }
    }
  });

  it('has no answer for an API-only model or one without an architecture record', () => {
    assert.equal(cheapestSelfHost(catalog, card('gpt-4o'), 100, shape, targets), undefined);
    assert.equal(requestShape(undefined, 0.5).inputTokens, 500);
    assert.deepEqual(requestShape({ inputTokens: 2048, outputTokens: 128 }, 0.5), { inputTokens: 2048, outputTokens: 128 });
  });
});

describe('a self-hosted workload by the serving model', () => {
  const text = JSON.stringify({
    workloads: [{ name: 'rag', model: 'llama-3.1-8b', monthlyTokens: '400M', deployment: { selfHosted: { gpu: 'l40s-48gb', gpus: 1, quantization: 'fp16' } } }],
  });
  const a = analyze(text, { catalog });
  const w = a.workloads[0]!;

  it('is sized by prefill and batched decode, not the decode roofline, and says so', () => {
    assert.equal(w.selfHost!.throughputSource, 'serving');
    const served = servedSetup(catalog, card('llama-3.1-8b'), 'l40s-48gb', 1, 'fp16', 1, requestShape(undefined, 0.5))!;
    assert.ok('outputTokensPerSecond' in served);
    assert.equal(w.selfHost!.throughputTps, served.outputTokensPerSecond + served.inputTokensPerSecond);
    const lines = explanationLines(w.selfHost!.explanation).join('\n');
    assert.match(lines, /prefill of 500 tokens/);
    assert.match(lines, /decode step at batch \d+/);
    assert.match(lines, /time to first token [\d.,]+ ms/);
  });

  it('gets a lens with the cheapest setup for its volume, and what it saves', () => {
    const lens = a.lenses.find((l) => l.workload === 0 && l.kind === 'cheapest');
    assert.ok(lens, a.lenses.map((l) => l.title).join('\n'));
    const c = w.cheapestSelfHost!;
    // 1× L40S at fp16 rents Nebius's at $1.55 an hour, $1,116 a month. The cheapest near-lossless setup is one RTX 4090
    // in FP8 (99.5% of the 8B's bf16 score) at $0.29, $209; one T4 in int4-awq ($108) has no published quality for it.
    assert.equal(w.monthlyCostUsd, 1116);
    assert.equal(c.label, '1× rtx-4090 · fp8 · 1 replica · $209/mo');
    assert.equal(lens.title, `${c.label.replace(' · 1 replica · $209/mo', '')} saves ${formatUsd(w.monthlyCostUsd! - c.monthlyUsd)}/mo`);
    assert.equal(explanationLines(lens.explanation)[0], `cheapest setup: ${c.label}, ${formatUsd(w.monthlyCostUsd! - c.monthlyUsd)} less than this setup`);
    assert.match(explanationLines(lens.explanation).join('\n'), /searched \d+ setups/);
  });
});

describe('the workload’s shape in the config', () => {
  const run = (extra: Record<string, unknown>) =>
    analyze(JSON.stringify({ workloads: [{ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '2B', deployment: { selfHosted: { gpu: 'h200', gpus: 1, quantization: 'fp8' } }, ...extra }] }), { catalog }).workloads[0]!;

  it('a request shape sets the input share and sizes prefill and decode', () => {
    const rag = run({ requestShape: { inputTokens: 2048, outputTokens: 128 } });
    const chat = run({ requestShape: { inputTokens: 128, outputTokens: 2048 } });
    assert.match(explanationLines(rag.selfHost!.explanation).join('\n'), /prefill of 2,048 tokens/);
    assert.notEqual(rag.selfHost!.throughputTps, chat.selfHost!.throughputTps, 'prefill-heavy and decode-heavy requests are served at different rates');
    assert.deepEqual(rag.cheapestSelfHost!.shape, { inputTokens: 2048, outputTokens: 128 });
  });

  it('latency targets and the peak make the cheapest setup no cheaper', () => {
    const loose = run({}).cheapestSelfHost!;
    const tight = run({ latency: { tpotMs: 20 } }).cheapestSelfHost!;
    const peaky = run({ peakToAverage: 8 }).cheapestSelfHost!;
    assert.ok(tight.monthlyUsd >= loose.monthlyUsd, `${tight.label} against ${loose.label}`);
    assert.ok(tight.timePerOutputTokenMs <= 20, `TPOT ${tight.timePerOutputTokenMs} ms`);
    assert.ok(peaky.monthlyUsd >= loose.monthlyUsd, `${peaky.label} against ${loose.label}`);
  });

  it('is validated at its place', () => {
    const text = JSON.stringify({ workloads: [{ name: 'w', model: 'gpt-4o', monthlyTokens: '1M', requestShape: { inputTokens: 0, outputTokens: 10 }, peakToAverage: 0.5 }] });
    const findings = analyze(text).findings.filter((f) => f.code === 'schema');
    assert.ok(findings.some((f) => text.slice(f.offset, f.offset + f.length) === '0'), findings.map((f) => f.message).join('\n'));
    assert.ok(findings.some((f) => text.slice(f.offset, f.offset + f.length) === '0.5'));
  });
});

describe('serving weight formats as config quantizations', () => {
  const text = JSON.stringify({
    workloads: [
      { name: 'awq', model: 'llama-3.1-70b', monthlyTokens: '2B', deployment: { selfHosted: { gpu: 'h200', quantization: 'int4-awq' } } },
      { name: 'fp4', model: 'llama-3.1-70b', monthlyTokens: '2B', deployment: { selfHosted: { gpu: 'b200', quantization: 'nvfp4' } } },
      { name: 'typo', model: 'llama-3.1-70b', monthlyTokens: '2B', deployment: { selfHosted: { gpu: 'h200', quantization: 'int4awq' } } },
      { name: 'alias', model: 'llama-3.1-70b', monthlyTokens: '2B', deployment: { selfHosted: { gpu: 'h200', quantization: 'AWQ' } } },
    ],
  });
  const a = analyze(text, { catalog });

  it('sizes a setup in a serving format at that format, by the serving model', () => {
    const [awq, fp4, , alias] = a.workloads;
    // AWQ is weight-only: the GEMMs run at BF16 and dequantize as they go, so prefill makes it slower than FP8's
    // 6,501 tok/s (4,412 before the age term). (Under the tuned-table calibration 3,301 and 4,845: today's vLLM's ×0.74 kernel time and the
    // weight-only kernels' +35% compute take them here. 2,103 with vLLM's kernels at ×1.3 and +25%, before the
    // MoE terms' refit; 2,483 at ×1.1 and +25%; 2,322 at ×1.1 and +35%, before the age term, when old runs counted as
    // today's vLLM; +35% is the dense AWQ-over-BF16 measurement's, calibration.ts.)
    assert.equal(awq!.selfHost!.quantization, 'int4-awq');
    assert.equal(awq!.selfHost!.throughputSource, 'serving');
    assert.equal(Math.round(awq!.selfHost!.throughputTps), 3441);
    // One H200 rented by the hour: Akash's, $4.45 × 720 h.
    assert.equal(awq!.monthlyCostUsd, 3204);
    assert.equal(fp4!.selfHost!.quantization, 'nvfp4');
    // 11,673 under the tuned-table calibration; 10,634 at vLLM's ×1.1 before the age term.
    assert.equal(Math.round(fp4!.selfHost!.throughputTps), 15649);
    // One B200: Akash's, $5 × 720 h.
    assert.equal(fp4!.monthlyCostUsd, 3600);
    assert.equal(alias!.selfHost!.quantization, 'int4-awq', 'an alias names the format');
    assert.equal(a.findings.filter((f) => f.severity === 'error').length, 1, a.findings.map((f) => f.message).join('\n'));
  });

  it('reports an unknown one at its value, with the closest format as the fix', () => {
    const f = a.findings.find((x) => x.code === 'unknown-quantization')!;
    assert.equal(text.slice(f.offset, f.offset + f.length), '"int4awq"');
    assert.match(f.message, /Did you mean "int4-awq"\?/);
    assert.match(f.message, /nvfp4/);
    assert.deepEqual(f.fixes?.[0]?.edits, [{ path: ['workloads', 2, 'deployment', 'selfHosted', 'quantization'], value: 'int4-awq' }]);
  });

  it('the field reference names every serving format', () => {
    const field = FIELD_DOCS['workloads[].deployment.selfHosted.quantization']!;
    for (const format of WEIGHT_FORMATS) assert.ok(field.includes(`'${format.id}'`) || format.aliases.some((alias) => field.includes(`'${alias}'`)), format.id);
  });
});

describe('GPU prices of your own (assumptions.gpuPrices)', function () {
  // recommend() searches every open model's setups: seconds on a loaded machine.
  this.timeout(20000);
  const config = (gpuPrices?: Record<string, number>) =>
    JSON.stringify({
      ...(gpuPrices ? { assumptions: { gpuPrices } } : {}),
      workloads: [
        { name: 'w', model: 'llama-3.1-70b', monthlyTokens: '2B', deployment: { selfHosted: { gpu: 'h200', quantization: 'fp8' } } },
        { name: 'api', model: 'llama-3.1-70b', monthlyTokens: '20B' },
      ],
    });
  const yours = { h200: 1.5, mi325x: 4, 'h100-sxm': 2.1 };
  const before = analyze(config(), { catalog });
  const after = analyze(config(yours), { catalog });

  it('price the workload, the cheapest setup and the crossover, each saying whose price it is', () => {
    // 1 × H200 for 720 h: $4.45 (the cheapest offer of one H200, Akash's) → $3,204; $1.50 (yours) → $1,080.
    assert.equal(before.workloads[0]!.monthlyCostUsd, 3204);
    assert.equal(after.workloads[0]!.monthlyCostUsd, 1080);
    assert.ok(explanationLines(after.workloads[0]!.selfHost!.explanation).includes('GPU-hour price: $1.50, your price (assumptions.gpuPrices)'));
    assert.ok(explanationLines(before.workloads[0]!.selfHost!.explanation).includes('GPU-hour price: $4.45, the offer rented: 1× h200 · Akash on demand (H200 141GB SXM5) · $4.45/GPU-hour as of 2026-09-20'));
    // The cheapest search prices every GPU: an MI325X is rented only as an 8-GPU node, so one MI300X
    // droplet at $1.99 wins by the offers, and an MI325X at $4 does not beat an H200 at $1.50.
    assert.equal(before.workloads[0]!.cheapestSelfHost!.label, '1× mi300x · fp8 · 1 replica · $1,433/mo');
    assert.equal(before.workloads[0]!.cheapestSelfHost!.hourlySource, 'offer');
    const cheapest = after.workloads[0]!.cheapestSelfHost!;
    // FP8 (99.9% of the 70B's bf16 score): int4-awq, at the same price, has no published quality for it.
    assert.equal(cheapest.label, '1× h200 · fp8 · 1 replica · $1,080/mo');
    assert.equal(cheapest.hourlySource, 'gpu-prices');
    assert.match(explanationLines(cheapest.explanation).at(-1)!, /h200 at your price from assumptions\.gpuPrices\)$/);
    // Under the tuned-table calibration 1× mi300x · fp8 · 3 replicas · $4,298/mo: vLLM on AMD now runs at ×2 the tuned tables' kernel time.
    // (1× h200 · fp8 · 5 replicas · $5,400/mo while vLLM's kernels ran at ×1.3 on NVIDIA, before the MoE terms' refit;
    // 2× h200 · fp8 · 2 replicas at $4,320 at ×1.1, before the age term: at today's ×0.74 three one-GPU replicas serve it.)
    assert.equal(after.workloads[1]!.cheapestSelfHost!.label, '1× h200 · fp8 · 3 replicas · $3,240/mo');
    // The API workload's verdict moves with the price: by the offers self-hosting at 20B is too close to call; with
    // the H200 at $1.50 an hour it is $2,060 a month less. (Under the tuned-table
    // calibration 3 × MI325X at FP8, $4,212/mo, beat the API at 20B tok/mo.)
    const lens = (a: typeof before) => a.lenses.find((l) => l.workload === 1 && l.kind === 'crossover')!.title;
    // Four MI300X droplets at DigitalOcean's $1.99 an hour: vLLM on AMD at ×1.5 the tuned tables' kernel time (×2.2 before
    // the age term, when two replicas of one B200 at Akash's $5 an hour, $7,200, were the cheapest).
    assert.equal(before.workloads[1]!.cheapestSelfHost!.label, '1× mi300x · fp8 · 4 replicas · $5,731/mo');
    // In FP8 (NVFP4 has no published quality for the 70B) one B200 at 13,533 tok/s serves 17.5B a month, so 20B takes two
    // ($7,200) at the estimate and one or two ($3,600–$7,200) at P10–P90, around the API's $5,300. (At 9,208 tok/s, vLLM's
    // kernels at ×1.1 before the age term, it never won.)
    assert.equal(lens(before), 'self-hosting llama-3.1-70b: $3,600–$7,200, too close');
    // With the H200 at $1.50 an hour self-hosting is $2,060 a month less at the estimate: one H200 at 6,501 tok/s serves 8.4B,
    // so three ($3,240) serve 20B. (Before the age term it needed 2–3 replicas of two, $4,320–$6,480, around the API's
    // price: too close to call.)
    assert.equal(lens(after), 'self-hosting llama-3.1-70b would be $3,240/mo, $2,060 less');
    assert.deepEqual(after.gpuPrices, yours);
  });

  it('price the recommendation’s self-hosted options', () => {
    const llama = (gpuPrices?: Record<string, number>) => recommend(['data_privacy'], 2000, gpuPrices ? { gpuPrices } : {}, catalog).recommendations.find((r) => r.model === 'llama-3.1-70b' && r.deployment === 'self-hosted')!;
    // One MI300X droplet (DigitalOcean, $1.99 × 720 h), the offer the row carries.
    assert.equal(llama().monthlyCostUsd, 1432.8);
    assert.equal(llama().offer?.provider, 'DigitalOcean');
    assert.equal(llama(yours).monthlyCostUsd, 1080);
  });

  it('a GPU the catalog does not know is an error at its key; a curated id and a short id name the same GPU', () => {
    const text = config({ h300: 3, 'h200-141gb': 1.5 });
    const a = analyze(text, { catalog });
    const f = a.findings.find((x) => x.code === 'unknown-gpu')!;
    assert.equal(text.slice(f.offset, f.offset + f.length), '"h300"');
    assert.match(f.message, /Unknown GPU "h300" in gpuPrices/);
    assert.equal(a.workloads[0]!.monthlyCostUsd, 1080);
    assert.deepEqual(a.gpuPrices, { h200: 1.5 });
  });
});

describe('the options a search keeps (undominated)', () => {
  it('keeps exactly the options no other one dominates, in the search\'s order', () => {
    const byAll = <T extends { c: Parameters<typeof dominates>[0]; perReplica: number }>(options: T[]) =>
      options.filter((o) => !options.some((d) => d !== o && dominates(d.c, o.c, d.perReplica, o.perReplica)));
    // Few distinct values per figure: ties in every figure and in the fixed order are common.
    const option = fc.record({
      perReplica: fc.constantFrom(100, 200, 300),
      c: fc.record({
        monthlyUsd: fc.constant(0),
        replicas: fc.constant(1),
        gpu: fc.constantFrom('a100-80gb', 'h100-sxm', 'l4'),
        gpus: fc.constantFrom(1, 2, 4),
        weights: fc.constantFrom('bf16', 'fp8', 'int4-awq'),
        capacityRequestsPerSecond: fc.constantFrom(1, 2, 3),
        timePerOutputTokenAloneMs: fc.constantFrom(10, 20),
      }),
    });
    fc.assert(
      fc.property(fc.array(option, { maxLength: 60 }), (options) => {
        assert.deepEqual(undominated(options), byAll(options));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
