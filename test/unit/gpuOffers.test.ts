import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GPUS_PER_INSTANCE, GpuOffersError, offersFor, parseGpuOffers, type GpuOffer } from '../../src/engine/catalog/data/gpuOffers';
import { CATALOG_FILES } from '../../src/engine/catalog/load';

const root = path.resolve(__dirname, '../../..');
const dataDir = path.join(root, 'src/engine/catalog/data');
const raw = (): { asOf: string; note: string; offers: Record<string, unknown>[] } => JSON.parse(readFileSync(path.join(dataDir, 'gpuOffers.json'), 'utf8'));
const gpuIds = new Set((JSON.parse(readFileSync(path.join(dataDir, 'gpus.json'), 'utf8')) as { gpus: { id: string }[] }).gpus.map((g) => g.id));
const file = parseGpuOffers(raw(), { gpuIds });
const offers = file.offers;

/** A copy of the file with the first offer changed. */
function withFirst(change: (offer: Record<string, unknown>) => void): unknown {
  const json = raw();
  change(json.offers[0]!);
  return json;
}

describe('GPU offers (gpuOffers.json)', () => {
  it('parses, with every gpu id one of gpus.json', () => {
    assert.ok(offers.length > 0);
    for (const offer of offers) assert.ok(gpuIds.has(offer.gpu), `${offer.provider} ${offer.instance}: ${offer.gpu} is not in gpus.json`);
  });

  it('sells whole instances of 1, 2, 4 or 8 GPUs', () => {
    for (const offer of offers) assert.ok((GPUS_PER_INSTANCE as readonly number[]).includes(offer.gpusPerInstance), `${offer.provider} ${offer.instance}: ${offer.gpusPerInstance}`);
  });

  it('gives every offer an https source, an as-of date no later than the file, a note and a price', () => {
    for (const offer of offers) {
      const what = `${offer.provider} ${offer.instance}`;
      assert.match(offer.source, /^https:\/\//, what);
      if (offer.via !== undefined) assert.match(offer.via, /^https:\/\//, what);
      assert.match(offer.asOf, /^\d{4}-\d{2}-\d{2}$/, what);
      assert.ok(!Number.isNaN(Date.parse(offer.asOf)), `${what}: ${offer.asOf}`);
      assert.ok(offer.asOf <= file.asOf, what);
      assert.ok(offer.note.length > 20, `${what}: the note says where on the page`);
      assert.ok(offer.onDemandUsdPerGpuHour !== null || offer.spotUsdPerGpuHour !== null || offer.reservedOneYearUsdPerGpuHour !== null, what);
    }
    assert.equal(file.asOf, offers.map((o) => o.asOf).sort().at(-1), "the file's asOf is the newest offer's");
  });

  it('says in the note when an instance price was divided, by the instance\'s GPU count', () => {
    for (const offer of offers) {
      for (const [, divisor] of offer.note.matchAll(/÷ (\d+)/g)) assert.equal(Number(divisor), offer.gpusPerInstance, `${offer.provider} ${offer.instance}`);
    }
  });

  it('rejects what the pricing could not use, naming the path', () => {
    const rejects = (json: unknown, message: RegExp) => assert.throws(() => parseGpuOffers(json, { gpuIds }), (e: unknown) => e instanceof GpuOffersError && message.test(e.message));
    rejects(withFirst((o) => (o.gpusPerInstance = 3)), /offers\.0\.gpusPerInstance/);
    rejects(withFirst((o) => (o.source = 'http://example.com/prices')), /offers\.0\.source: expected an https URL/);
    rejects(withFirst((o) => (o.asOf = 'September 2026')), /offers\.0\.asOf: expected an ISO date/);
    rejects(withFirst((o) => (o.gpu = 'h100')), /offers\.0 .*"h100" is not a GPU of gpus\.json/);
    rejects(withFirst((o) => (o.onDemandUsdPerGpuHour = 98.32)), /offers\.0\.onDemandUsdPerGpuHour/);
    rejects(withFirst((o) => ((o.onDemandUsdPerGpuHour = null), (o.spotUsdPerGpuHour = null), (o.reservedOneYearUsdPerGpuHour = null))), /needs at least one price/);
    rejects(withFirst((o) => ((o.onDemandUsdPerGpuHour = 2), (o.spotUsdPerGpuHour = 3))), /spot price is above the on-demand price/);
    rejects(withFirst((o) => (o.currency = 'EUR')), /offers\.0/);
    rejects(withFirst((o) => (o.asOf = '2099-01-01')), /after the file's/);
    rejects(withFirst((o) => (o.reservedOneYearAsOf = '2026-01-01')), /reservedOneYearAsOf dates a one-year price the offer does not have/);
    rejects(withFirst((o) => ((o.reservedOneYearUsdPerGpuHour = 1), (o.reservedOneYearAsOf = '2099-01-01'))), /reservedOneYearAsOf: 2099-01-01 is after the offer's/);
    rejects(withFirst((o) => ((o.reservedOneYearUsdPerGpuHour = 1), (o.reservedOneYearAsOf = 'July 2026'))), /offers\.0\.reservedOneYearAsOf: expected an ISO date/);
    const json = raw();
    json.offers.push({ ...json.offers[0]! });
    rejects(json, /duplicate offer/);
  });

  it('is checked by the build and copied beside the bundles with the other catalog files', () => {
    assert.equal(CATALOG_FILES.gpuOffers, 'gpuOffers.json');
    const esbuild = readFileSync(path.join(root, 'esbuild.mjs'), 'utf8');
    assert.match(esbuild, /gpuOffers: await readFile\(`\$\{CATALOG_DATA\}\/gpuOffers\.json`/, 'checkCatalogFiles is given the file');
    for (const name of Object.values(CATALOG_FILES)) {
      const copy = path.join(root, 'dist/catalog', name);
      assert.ok(existsSync(copy), `dist/catalog/${name} (run node esbuild.mjs first)`);
      assert.equal(readFileSync(copy, 'utf8'), readFileSync(path.join(dataDir, name), 'utf8'), `dist/catalog/${name} is the source file`);
    }
  });

  it('offersFor keeps the offers of one GPU', () => {
    const some: GpuOffer = offers[0]!;
    assert.ok(offersFor(offers, some.gpu).every((o) => o.gpu === some.gpu));
    assert.deepEqual(offersFor(offers, 'no-such-gpu'), []);
  });
});

/**
 * GPUs with fewer than three providers' quotes in the file, and why: what was looked for and
 * not found with a date and a source. Pinned both ways: a GPU that gains its third provider
 * leaves the list, one that loses it is a regression until the list says why.
 */
const FEWER_THAN_THREE: Record<string, string> = {
  a10g: 'The A10G is AWS\'s own part (g5 family): one provider exists.',
  mi325x: 'TensorWave only (through a dated research note): DigitalOcean lists MI325X as "Per contract after contacting sales", and no dated price per GPU-hour was found for Vultr, Hot Aisle, Crusoe or Oracle (whose SkyPilot catalog lists the MI300X and MI355X, not the MI325X).',
};

describe('GPU offers: coverage', () => {
  const providersOf = (gpu: string) => new Set(offersFor(offers, gpu).map((o) => o.provider));

  it('comes from at least 10 providers, the three hyperscalers among them', () => {
    const providers = new Set(offers.map((o) => o.provider));
    console.log(`      ${offers.length} offers from ${providers.size} providers: ${[...providers].map((p) => `${p} ${offers.filter((o) => o.provider === p).length}`).join(', ')}`);
    assert.ok(providers.size >= 10, [...providers].join(', '));
    for (const hyperscaler of ['AWS', 'Google Cloud', 'Azure']) assert.ok(providers.has(hyperscaler), hyperscaler);
  });

  it('has quotes from at least 3 providers for every GPU where 3 are public', () => {
    const rows = [...gpuIds].map((gpu) => `${gpu} ${offersFor(offers, gpu).length} offers/${providersOf(gpu).size} providers`);
    console.log(`      quotes per GPU: ${rows.join('; ')}`);
    for (const gpu of gpuIds) {
      const providers = providersOf(gpu);
      if (gpu in FEWER_THAN_THREE) assert.ok(providers.size < 3, `${gpu} now has ${providers.size} providers: take it off FEWER_THAN_THREE`);
      else assert.ok(providers.size >= 3, `${gpu}: ${providers.size} providers (${[...providers].join(', ')})`);
    }
    for (const gpu of Object.keys(FEWER_THAN_THREE)) assert.ok(gpuIds.has(gpu), gpu);
  });

  it('rents every GPU of gpus.json on demand', () => {
    for (const gpu of gpuIds) assert.ok(offersFor(offers, gpu).some((o) => o.onDemandUsdPerGpuHour !== null), `${gpu}: no on-demand offer`);
  });

  it('carries spot and one-year prices where providers publish them, each one-year price dated', () => {
    const spot = offers.filter((o) => o.spotUsdPerGpuHour !== null);
    const reserved = offers.filter((o) => o.reservedOneYearUsdPerGpuHour !== null);
    console.log(`      ${spot.length} offers with a spot price, ${reserved.length} with a one-year price (${[...new Set(reserved.map((o) => o.gpu))].join(', ')})`);
    assert.ok(spot.length >= 10, `${spot.length} offers with a spot price`);
    assert.ok(new Set(spot.map((o) => o.provider)).size >= 3, 'spot prices from at least 3 providers');
    // One-year prices are published by few providers: Google Cloud's committed-use prices are the
    // ones on record (for the L4, the A100 40GB and the H100), so --pricing reserved prices those.
    assert.ok(reserved.length >= 5, `${reserved.length} offers with a one-year price`);
    for (const gpu of ['l4', 'a100-40gb', 'h100-sxm']) assert.ok(reserved.some((o) => o.gpu === gpu), `${gpu}: no one-year price`);
    for (const o of reserved) {
      assert.ok(o.reservedOneYearUsdPerGpuHour! < (o.onDemandUsdPerGpuHour ?? Infinity), `${o.provider} ${o.instance}: a one-year price below on demand`);
      assert.match(o.note, /one[- ]year/i, `${o.provider} ${o.instance}: the note says where the one-year price is from`);
      const date = o.reservedOneYearAsOf ?? o.asOf;
      assert.ok(date <= o.asOf, `${o.provider} ${o.instance}`);
      if (o.reservedOneYearAsOf !== undefined) assert.ok(o.note.includes(o.reservedOneYearAsOf), `${o.provider} ${o.instance}: the note names the one-year price's date`);
    }
  });
});
