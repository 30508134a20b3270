import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { noOfferText, offerText, parseGpuOffers, rentOffer, type GpuOffer, type RentedOffer } from '../../src/engine';

const dataDir = path.resolve(__dirname, '../../../src/engine/catalog/data');
const gpuIds = new Set((JSON.parse(readFileSync(path.join(dataDir, 'gpus.json'), 'utf8')) as { gpus: { id: string }[] }).gpus.map((g) => g.id));
const offers = parseGpuOffers(JSON.parse(readFileSync(path.join(dataDir, 'gpuOffers.json'), 'utf8')), { gpuIds }).offers;

const pick = (gpu: string, gpus: number, pricing: 'on-demand' | 'reserved' | 'spot', gpusPerGroup?: number): RentedOffer => {
  const choice = rentOffer(offers, gpusPerGroup === undefined ? { gpu, gpus, pricing } : { gpu, gpus, pricing, gpusPerGroup });
  assert.ok(choice.ok, JSON.stringify(choice));
  return choice.offer;
};
const brief = (o: RentedOffer) => [o.provider, o.instance, o.instances, o.gpusRented, o.hourlyUsdPerGpu, Math.round(o.monthlyUsd * 100) / 100];

/** A made-up offer for the tie-break cases: the rules, not the data. */
const offer = (provider: string, gpusPerInstance: 1 | 2 | 4 | 8, onDemand: number | null, extra: Partial<GpuOffer> = {}): GpuOffer => ({
  provider,
  instance: `${gpusPerInstance}x test`,
  gpu: 'test-gpu',
  gpusPerInstance,
  region: null,
  onDemandUsdPerGpuHour: onDemand,
  reservedOneYearUsdPerGpuHour: null,
  spotUsdPerGpuHour: null,
  asOf: '2026-01-01',
  source: 'https://example.com/prices',
  note: 'a made-up offer for a test',
  ...extra,
});

describe('rentOffer: the offer a setup rents', () => {
  it('pins the picks on the bundled offers', () => {
    // 8× H200 on demand: Hyperstack's 8-GPU node at $3.99 beats Crusoe's $4.29 and the 1-GPU offers.
    assert.deepEqual(brief(pick('h200', 8, 'on-demand')), ['Hyperstack', 'NVIDIA H200 SXM', 1, 8, 3.99, 22982.4]);
    // 1× H200: an 8-GPU node would bill 8 GPUs; Akash's single GPU at $4.45 is cheaper than 8 × $3.99.
    assert.deepEqual(brief(pick('h200', 1, 'on-demand')), ['Akash', 'H200 141GB SXM5', 1, 1, 4.45, 3204]);
    // 1× H200 on spot: only 8-GPU nodes publish spot; CoreWeave's 8 × $2.61625 beats Google Cloud's 8 × $6.2607.
    assert.deepEqual(brief(pick('h200', 1, 'spot')), ['CoreWeave', 'NVIDIA HGX H200', 1, 8, 2.61625, 15069.6]);
    // 2× H100 SXM, any instance: two of RunPod's community 1-GPU pods at $2.69.
    assert.deepEqual(brief(pick('h100-sxm', 2, 'on-demand')), ['RunPod', 'Community Cloud H100 SXM', 2, 2, 2.69, 3873.6]);
    // 2× H100 SXM as one tensor-parallel group: a 2-GPU node at least; Lambda's at $4.19 beats 8-GPU nodes at $2.99 × 8.
    assert.deepEqual(brief(pick('h100-sxm', 2, 'on-demand', 2)), ['Lambda', '2x NVIDIA H100 SXM', 1, 2, 4.19, 6033.6]);
    // 8× MI300X in one group: TensorWave's node at $1.50.
    assert.deepEqual(brief(pick('mi300x', 8, 'on-demand', 8)), ['TensorWave', 'AMD Instinct MI300X', 1, 8, 1.5, 8640]);
    // 1× L4: RunPod's Secure Cloud pod at $0.44 beats the hyperscalers' machines (Google Cloud's g2-standard-4 at $0.70683).
    assert.deepEqual(brief(pick('l4', 1, 'on-demand')), ['RunPod', 'Secure Cloud L4', 1, 1, 0.44, 316.8]);
    // 1× RTX 6000 Ada: RunPod's $0.77 against DigitalOcean's $1.89, and Massed Compute's machine through Shadeform at
    // the same $0.77 (same cost, same shape: the provider's name decides).
    assert.deepEqual(brief(pick('rtx-6000-ada', 1, 'on-demand')), ['RunPod', 'Secure Cloud RTX 6000 Ada', 1, 1, 0.77, 554.4]);
    // 4 in one group: RunPod's pods hold one GPU each; Shadeform's 4-GPU machine at $3.08/h ÷ 4.
    assert.deepEqual(brief(pick('rtx-6000-ada', 4, 'on-demand', 4)), ['Shadeform', 'massedcompute_RTX6000Adax4', 1, 4, 0.77, 2217.6]);
    // 1× H100 NVL: Cudo Compute's VM in Melbourne at $2.4994 (its 2 vCPUs and 4 GB included) against RunPod's community $2.59;
    // 2 in one group: Cudo's 2-GPU VM, $5.0576/h ÷ 2, against Azure's NC80adis at $8.82.
    assert.deepEqual(brief(pick('h100-nvl', 1, 'on-demand')), ['Cudo Compute', 'epyc-genoa-h100-nvl-pcie_1x2v4gb', 1, 1, 2.4994, 1799.57]);
    assert.deepEqual(brief(pick('h100-nvl', 2, 'on-demand', 2)), ['Cudo Compute', 'epyc-genoa-h100-nvl-pcie_2x8v16gb', 1, 2, 2.5288, 3641.47]);
    // 8× RTX 4090 in one group: only RunPod's 8-GPU pod holds it, at $5.52/h ÷ 8.
    assert.deepEqual(brief(pick('rtx-4090', 8, 'on-demand', 8)), ['RunPod', 'Secure Cloud 8x RTX 4090', 1, 8, 0.69, 3974.4]);
  });

  it('pins the picks reserved for a year: Google Cloud\'s committed-use prices, the only one-year prices on record', () => {
    // 8× H100 SXM: a3-highgpu-8g, $61.3837/h for the machine on a one-year commitment ÷ 8.
    assert.deepEqual(brief(pick('h100-sxm', 8, 'reserved', 8)), ['Google Cloud', 'a3-highgpu-8g', 1, 8, 7.67295902, 44196.24]);
    // 1× L4: g2-standard-4 at $0.4453 (the machine and its L4 on a one-year commitment).
    assert.deepEqual(brief(pick('l4', 1, 'reserved')), ['Google Cloud', 'g2-standard-4', 1, 1, 0.44530432, 320.62]);
    // 4× L4 in one group: g2-standard-48 ($0.6303 a GPU) fits the group; four g2-standard-4 would not hold it.
    assert.deepEqual(brief(pick('l4', 4, 'reserved', 4)), ['Google Cloud', 'g2-standard-48', 1, 4, 0.63026225, 1815.16]);
    // 8× A100 40GB in one group: a2-highgpu-8g at $2.3142.
    assert.deepEqual(brief(pick('a100-40gb', 8, 'reserved', 8)), ['Google Cloud', 'a2-highgpu-8g', 1, 8, 2.31420704, 13329.83]);
    // A reserved pick carries the date of its one-year price, older than the row's on-demand figures for the L4.
    assert.equal(pick('l4', 1, 'reserved').asOf, '2026-07-30');
    assert.equal(pick('l4', 1, 'on-demand').asOf, '2026-12-07');
    // The GPUs with no one-year price on record still say so.
    for (const gpu of ['h200', 'b200', 'mi300x']) assert.equal(rentOffer(offers, { gpu, gpus: 8, pricing: 'reserved' }).ok, false, gpu);
  });

  it('rents whole instances: every GPU count is a multiple of the instance size, at least the GPUs asked for', () => {
    for (const gpu of new Set(offers.map((o) => o.gpu))) {
      for (const pricing of ['on-demand', 'reserved', 'spot'] as const) {
        for (const gpus of [1, 2, 3, 4, 5, 8, 12, 16, 24]) {
          for (const group of [1, 2, 4, 8].filter((g) => g <= gpus && gpus % g === 0)) {
            const choice = rentOffer(offers, { gpu, gpus, pricing, gpusPerGroup: group });
            if (!choice.ok) continue;
            const o = choice.offer;
            const what = `${gpu} ${gpus} ${pricing} group ${group}: ${o.provider} ${o.instance}`;
            assert.equal(o.gpusRented, o.instances * o.gpusPerInstance, what);
            assert.ok(o.gpusRented >= gpus && o.gpusRented - gpus < o.gpusPerInstance, what);
            assert.ok(o.gpusPerInstance >= group && o.gpusPerInstance % group === 0, what);
            assert.ok(Math.abs(o.monthlyUsd - o.gpusRented * o.hourlyUsdPerGpu * 720) < 1e-6, what);
            // No other offer of the GPU in that mode is cheaper for the month.
            for (const other of offers.filter((x) => x.gpu === gpu && x.gpusPerInstance >= group)) {
              const price = pricing === 'on-demand' ? other.onDemandUsdPerGpuHour : pricing === 'spot' ? other.spotUsdPerGpuHour : other.reservedOneYearUsdPerGpuHour;
              if (price !== null) assert.ok(o.monthlyUsd <= Math.ceil(gpus / other.gpusPerInstance) * other.gpusPerInstance * price * 720 + 1e-6, `${what} vs ${other.provider} ${other.instance}`);
            }
          }
        }
      }
    }
  });

  it('says why when there is no offer, and never prices it', () => {
    assert.deepEqual(rentOffer(offers, { gpu: 'no-such-gpu', gpus: 1, pricing: 'on-demand' }), { ok: false, reason: { kind: 'no-offer-of-gpu', gpu: 'no-such-gpu' } });
    const reserved = rentOffer(offers, { gpu: 'h200', gpus: 8, pricing: 'reserved' });
    assert.deepEqual(reserved, { ok: false, reason: { kind: 'no-offer-in-mode', gpu: 'h200', pricing: 'reserved', modes: ['on-demand', 'spot'] } });
    assert.equal(noOfferText((reserved as { reason: Parameters<typeof noOfferText>[0] }).reason, 'H200'), 'No offer of H200 is priced reserved for a year; its offers are priced on demand, on spot.');
    const made = [offer('A', 1, 1), offer('B', 2, 1.5)];
    const group = rentOffer(made, { gpu: 'test-gpu', gpus: 8, pricing: 'on-demand', gpusPerGroup: 4 });
    assert.deepEqual(group, { ok: false, reason: { kind: 'group-larger-than-instances', gpu: 'test-gpu', pricing: 'on-demand', gpusPerGroup: 4, largest: 2 } });
    assert.equal(noOfferText((group as { reason: Parameters<typeof noOfferText>[0] }).reason), 'No test-gpu instance priced on demand holds 4 GPUs in one node; the largest holds 2.');
    assert.throws(() => rentOffer(made, { gpu: 'test-gpu', gpus: 0, pricing: 'on-demand' }), RangeError);
    assert.throws(() => rentOffer(made, { gpu: 'test-gpu', gpus: 2.5, pricing: 'on-demand' }), RangeError);
    assert.throws(() => rentOffer(made, { gpu: 'test-gpu', gpus: 2, pricing: 'on-demand', gpusPerGroup: 4 }), RangeError);
  });

  it('breaks ties as stated: cost, then fewer idle GPUs, then fewer instances, then provider, instance and region', () => {
    const name = (list: GpuOffer[], gpus: number) => {
      const c = rentOffer(list, { gpu: 'test-gpu', gpus, pricing: 'on-demand' });
      assert.ok(c.ok);
      return `${c.offer.provider} ${c.offer.instance} ${c.offer.region ?? '-'}`;
    };
    // 3 GPUs: a 4-GPU node at $1.50 (4 × 1.5 = 6) against 3 single GPUs at $2 (6): same cost, the one with no idle GPU wins.
    assert.equal(name([offer('Four', 4, 1.5), offer('One', 1, 2)], 3), 'One 1x test -');
    // 4 GPUs: one 4-GPU node or four 1-GPU pods at the same price: fewer instances.
    assert.equal(name([offer('Pods', 1, 2), offer('Node', 4, 2)], 4), 'Node 4x test -');
    // Same cost, same shape: the provider's name, then the region (none before a named one).
    assert.equal(name([offer('Zeta', 1, 2), offer('Alpha', 1, 2)], 1), 'Alpha 1x test -');
    assert.equal(name([offer('Alpha', 1, 2, { region: 'us-east-1' }), offer('Alpha', 1, 2)], 1), 'Alpha 1x test -');
    // The order of the file does not matter.
    const list = [offer('C', 8, 1), offer('B', 2, 3.9), offer('A', 1, 4.1)];
    assert.equal(name(list, 2), name([...list].reverse(), 2));
    // A price of null in the mode is no offer in that mode, never $0.
    assert.equal(name([offer('Unpriced', 1, null, { spotUsdPerGpuHour: 0.5 }), offer('Priced', 1, 3)], 1), 'Priced 1x test -');
  });
});

describe('offerText: the words of a rented offer', () => {
  it('names the GPUs paid for, the provider and mode, the instance, the price and its date', () => {
    assert.equal(offerText(pick('h200', 8, 'on-demand'), { gpuName: 'H200' }), '8× H200 · Hyperstack on demand (NVIDIA H200 SXM) · $3.99/GPU-hour as of 2026-08-26');
    assert.equal(offerText(pick('h200', 1, 'spot'), { gpuName: 'H200', gpusUsed: 1 }), '8× H200 (1 used) · CoreWeave on spot (NVIDIA HGX H200) · $2.62/GPU-hour as of 2026-09-20');
    assert.equal(offerText(pick('h100-sxm', 2, 'on-demand')), '2× h100-sxm · RunPod on demand (2 × Community Cloud H100 SXM) · $2.69/GPU-hour as of 2026-11-09');
    const aws = rentOffer(offers, { gpu: 'a100-40gb', gpus: 16, pricing: 'on-demand', gpusPerGroup: 8 });
    assert.ok(aws.ok);
    assert.equal(offerText(aws.offer, { gpuName: 'A100 40GB' }), '16× A100 40GB · Lambda on demand (2 × 8x NVIDIA A100 SXM 40 GB) · $1.99/GPU-hour as of 2026-09-20');
    assert.equal(offerText(pick('h100-sxm', 8, 'reserved', 8), { gpuName: 'H100 SXM' }), '8× H100 SXM · Google Cloud reserved for a year (a3-highgpu-8g, us-central1) · $7.67/GPU-hour as of 2026-07-30');
  });
});
