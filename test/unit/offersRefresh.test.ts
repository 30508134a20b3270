/**
 * Refreshed GPU offers in the engine: a source checked row by row (bad rows left out with
 * where they are wrong), merged with the bundled offers newest first, the cache record, and
 * the catalog that rents from them, as a setup's explanation names the offer it used.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkOfferRows, parseGpuOffers, type GpuOffer } from '../../src/engine/catalog/data/gpuOffers';
import { mergeOffers, offersSourceName, parseOffersCacheRecord, validateOffersRefresh, withRefreshedOffers, type OffersCacheRecord } from '../../src/engine/catalog/offersRefresh';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { catalogGpuHourPrice, gpuHourSourceText, isPriced } from '../../src/engine/pricing/gpuHour';

const dataDir = path.resolve(__dirname, '../../../src/engine/catalog/data');
const offersText = readFileSync(path.join(dataDir, 'gpuOffers.json'), 'utf8');
const gpusText = readFileSync(path.join(dataDir, 'gpus.json'), 'utf8');
const gpuIds = new Set((JSON.parse(gpusText) as { gpus: { id: string }[] }).gpus.map((g) => g.id));
const bundled = parseGpuOffers(JSON.parse(offersText), { gpuIds }).offers;
const hyperstackH200 = bundled.find((o) => o.provider === 'Hyperstack' && o.gpu === 'h200')!;

/** A row in the bundled format: Hyperstack's H200 node, with `change` applied. */
function row(change: Partial<Record<keyof GpuOffer, unknown>> = {}): Record<string, unknown> {
  return { ...hyperstackH200, ...change };
}

describe('GPU offers refresh: the rows of a source', () => {
  it('keeps the good rows and leaves out each bad one with the path of what is wrong', () => {
    const source = {
      asOf: '2026-12-05',
      offers: [
        row({ onDemandUsdPerGpuHour: 2.5, asOf: '2026-12-05' }),
        row({ instance: 'two', gpusPerInstance: 3 }),
        row({ instance: 'three', onDemandUsdPerGpuHour: -1 }),
        row({ instance: 'four', gpu: 'h100' }),
        row({ instance: 'five', spotUsdPerGpuHour: 9 }),
        row({ onDemandUsdPerGpuHour: 2.4, asOf: '2026-12-04' }),
        row({ instance: 'seven', asOf: '2026-12-06' }),
        'not an offer',
      ],
    };
    const rows = checkOfferRows(source, { gpuIds, today: '2026-12-07' });
    assert.deepEqual(
      rows.offers.map((o) => o.onDemandUsdPerGpuHour),
      [2.5],
    );
    assert.deepEqual(
      rows.rejected.map((r) => r.index),
      [1, 2, 3, 4, 5, 6, 7],
    );
    const text = rows.rejected.map((r) => r.problems.join('; '));
    assert.match(text[0]!, /^offers\.1\.gpusPerInstance: /);
    assert.match(text[1]!, /^offers\.2\.onDemandUsdPerGpuHour: /);
    assert.match(text[2]!, /^offers\.3 \(Hyperstack four\): gpu: "h100" is not a GPU of gpus\.json/);
    assert.match(text[3]!, /^offers\.4 \(Hyperstack five\): the spot price is above the on-demand price/);
    assert.match(text[4]!, /^offers\.5: duplicate offer Hyperstack NVIDIA H200 SXM \(offers\.0 is the same offer\)/);
    assert.match(text[5]!, /^offers\.6 \(Hyperstack seven\): asOf: 2026-12-06 is after the file's 2026-12-05/);
    assert.match(text[6]!, /^offers\.7: /);
    assert.equal(rows.asOf, '2026-12-05');
  });

  it('refuses an offer dated after today, and takes a source without its own date or note', () => {
    const rows = checkOfferRows({ offers: [row({ asOf: '2026-12-08' }), row({ instance: 'x', asOf: '2026-12-01' })] }, { today: '2026-12-07' });
    assert.deepEqual(rows.rejected[0]!.problems, ['offers.0 (Hyperstack NVIDIA H200 SXM): asOf: 2026-12-08 is after today, 2026-12-07']);
    assert.deepEqual(rows.offers.map((o) => o.instance), ['x']);
    assert.equal(rows.asOf, undefined);
  });

  it('refuses a document that is not offers, or has no usable row, with a reason, and never throws', () => {
    for (const [json, reason] of [
      [[], /not GPU offers/],
      [{ offers: {} }, /not GPU offers.*offers/],
      [{ asOf: 'December', offers: [row()] }, /not GPU offers.*asOf: expected an ISO date/],
      [{ offers: [] }, /no offers in it/],
      [{ offers: [row({ gpusPerInstance: 3 }), 7] }, /none of its 2 offers can be used: offers\.0\.gpusPerInstance: .*; offers\.1: /],
    ] as const) {
      const outcome = validateOffersRefresh(json, { gpuIds, today: '2026-12-07' });
      assert.equal(outcome.ok, false, JSON.stringify(json).slice(0, 80));
      if (!outcome.ok) assert.match(outcome.reason, reason);
    }
    const good = validateOffersRefresh({ offers: [row(), 'bad'] }, { gpuIds, today: '2026-12-07' });
    assert.ok(good.ok);
    if (good.ok) assert.deepEqual([good.offers.length, good.rejected.length], [1, 1]);
  });

  it('the bundled file is still checked whole: one bad row makes it invalid', () => {
    const json = JSON.parse(offersText) as { offers: Record<string, unknown>[] };
    json.offers[3]!.gpusPerInstance = 5;
    assert.throws(() => parseGpuOffers(json, { gpuIds }), /invalid GPU offers: offers\.3\.gpusPerInstance/);
  });
});

describe('GPU offers refresh: merged with the bundled offers', () => {
  it('of two rows of one offer the newer date stays (the refreshed row on the same date); newest first; the others stay', () => {
    const newer = row({ onDemandUsdPerGpuHour: 2.5, asOf: '2026-12-05', source: 'https://example.com/h200' });
    const older = { ...(bundled.find((o) => o.provider === 'Lambda' && o.gpu === 'b200' && o.gpusPerInstance === 8)! as GpuOffer), onDemandUsdPerGpuHour: 9, asOf: '2026-01-01' };
    const same = { ...(bundled.find((o) => o.provider === 'Lambda' && o.gpu === 'b200' && o.gpusPerInstance === 4)! as GpuOffer), onDemandUsdPerGpuHour: 6 };
    const added = row({ provider: 'Example Cloud', instance: 'h200x8', asOf: '2026-11-30' }) as unknown as GpuOffer;
    const merged = mergeOffers([newer as unknown as GpuOffer, older, same, added], bundled);
    assert.equal(merged.length, bundled.length + 1);
    const of = (provider: string, instance: string) => merged.filter((o) => o.provider === provider && o.instance === instance);
    assert.deepEqual(of('Hyperstack', 'NVIDIA H200 SXM'), [newer]);
    assert.deepEqual(of('Lambda', '8x NVIDIA B200 SXM6').map((o) => o.onDemandUsdPerGpuHour), [6.69]);
    assert.deepEqual(of('Lambda', '4x NVIDIA B200 SXM6').map((o) => o.onDemandUsdPerGpuHour), [6]);
    assert.deepEqual(of('Example Cloud', 'h200x8'), [added]);
    for (let i = 1; i < merged.length; i++) assert.ok(merged[i - 1]!.asOf >= merged[i]!.asOf, `newest first at ${i}`);
  });

  it('the catalog rents the refreshed offer, and the explanation names its provider, price and date', () => {
    const base = catalogFromFiles({ gpus: gpusText, gpuOffers: offersText }).catalog;
    const before = catalogGpuHourPrice(base, 'h200', 8, {});
    assert.ok(isPriced(before) && before.offer);
    assert.equal(before.offer.provider, 'Hyperstack');
    const refreshed = [row({ provider: 'Example Cloud', instance: 'h200x8', onDemandUsdPerGpuHour: 2.25, asOf: '2026-12-05', source: 'https://example.com/prices' }) as unknown as GpuOffer];
    for (const cat of [withRefreshedOffers(base, refreshed), catalogFromFiles({ gpus: gpusText, gpuOffers: offersText, refreshedOffers: refreshed }).catalog]) {
      const price = catalogGpuHourPrice(cat, 'h200', 8, {});
      assert.ok(isPriced(price) && price.offer);
      assert.deepEqual([price.offer.provider, price.offer.hourlyUsdPerGpu, price.offer.asOf, price.offer.source], ['Example Cloud', 2.25, '2026-12-05', 'https://example.com/prices']);
      assert.match(gpuHourSourceText(price, ''), /· Example Cloud on demand \(h200x8\) · \$2\.25\/GPU-hour as of 2026-12-05$/);
    }
  });
});

describe('GPU offers refresh: the cache record', () => {
  const record: OffersCacheRecord = {
    version: 1,
    source: offersSourceName('https://user:token@example.com/offers.json?key=secret'),
    url: 'https://example.com/offers.json',
    fetchedAt: '2026-12-06T10:00:00.000Z',
    checkedAt: '2026-12-06T10:00:00.000Z',
    etag: '"v1"',
    offers: [row() as unknown as GpuOffer],
    rejected: [{ index: 1, problems: ['offers.1.gpusPerInstance: bad'] }],
  };

  it('names the source without its credentials or query, and reads back what was written', () => {
    assert.equal(record.source, 'GPU offers from https://example.com/offers.json');
    assert.deepEqual(parseOffersCacheRecord(JSON.stringify(record), { gpuIds }), record);
  });

  it('refuses a broken or tampered record', () => {
    assert.throws(() => parseOffersCacheRecord('{"version":1'), /the cached GPU offers are not JSON/);
    assert.throws(() => parseOffersCacheRecord(JSON.stringify({ ...record, version: 2 })), /not a cache record/);
    assert.throws(() => parseOffersCacheRecord(JSON.stringify({ ...record, offers: [row({ onDemandUsdPerGpuHour: 500 })] })), /rows that are not offers: offers\.0\.onDemandUsdPerGpuHour/);
  });
});
