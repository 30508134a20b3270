/**
 * The GPU offers refresher with a fake VS Code (settings, trust, storage, messages) and a local
 * server on 127.0.0.1: nothing fetched unless llmCostLens.pricing.offersUrl is set, good rows
 * kept and bad ones reported with their paths, the last good copy kept through a timeout, an
 * oversize body, bad JSON or an HTTP error, and 304 Not Modified answered from the cache.
 */
import * as assert from 'node:assert/strict';
import { OFFERS_CACHE, OffersRefresher, type OffersStatus } from '../../src/extension/offersRefresh';
import { assertToldOnceADay, FakeVscode, HOUR, until } from './refreshFakes';
import { offersSource, startServer, type TestServer } from './priceSources';
import { cliCatalog } from '../../src/cli/catalogFiles';

const gpuIds = new Set(cliCatalog().catalog.servingGpus!.map((g) => g.id));
const ids = () => gpuIds;

describe('GPU offers refresher', function () {
  this.timeout(30_000);
  let server: TestServer;
  let mode: 'good' | 'changed' | '404' | 'invalid' | 'none-usable' | 'silent' | 'large' = 'good';

  before(async () => {
    server = await startServer((req, res) => {
      if (mode === 'silent') return;
      if (mode === '404') return void res.writeHead(404).end();
      if (mode === 'invalid') return void res.writeHead(200).end('{"offers": [');
      if (mode === 'none-usable') return void res.writeHead(200).end(JSON.stringify({ offers: offersSource().offers.slice(1) }));
      if (mode === 'large') return void res.writeHead(200).end(JSON.stringify({ ...offersSource(), note: 'x'.repeat(4096) }));
      const etag = mode === 'good' ? '"o1"' : '"o2"';
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { etag, 'last-modified': 'Sun, 29 Nov 2026 08:00:00 GMT' }).end(JSON.stringify(mode === 'good' ? offersSource() : offersSource({ usd: 0.8, bad: 0 })));
    });
  });
  beforeEach(() => {
    mode = 'good';
    server.requests.length = 0;
  });
  after(() => server.close());

  const offersUrl = () => `${server.url}/offers.json`;

  it('fetches nothing while pricing.offersUrl is empty (the default), even when asked', async () => {
    const vscode = new FakeVscode('');
    const refresher = new OffersRefresher(vscode.host(), ids);
    refresher.requested();
    const result = await refresher.refreshNow();
    assert.deepEqual([result.outcome, result.reason], ['skipped', 'llmCostLens.pricing.offersUrl is empty: the bundled GPU offers are used and nothing is fetched']);
    assert.equal(refresher.offers, undefined);
    assert.equal(refresher.status.kind, 'off');
    assert.deepEqual(vscode.fetches, []);
    assert.deepEqual(server.requests, []);
    refresher.dispose();
  });

  it('fetches nothing in Restricted Mode, in the background or when asked', async () => {
    const vscode = new FakeVscode('', offersUrl());
    vscode.trusted = false;
    const refresher = new OffersRefresher(vscode.host(), ids);
    refresher.requested();
    await new Promise((r) => setTimeout(r, 100));
    const result = await refresher.refreshNow();
    assert.deepEqual([result.outcome, result.reason], ['skipped', 'GPU offers are not fetched in Restricted Mode']);
    assert.equal(refresher.status.kind, 'untrusted');
    assert.deepEqual(server.requests, []);
    refresher.dispose();
  });

  it('keeps the good rows and reports each bad one with its path; caches them with the ETag; a restart reads them back offline', async () => {
    const vscode = new FakeVscode('', offersUrl());
    const refresher = new OffersRefresher(vscode.host(), ids);
    await refresher.loadCache();
    assert.equal(refresher.status.kind, 'waiting');
    refresher.requested();
    await until(() => refresher.offers !== undefined, 'the refreshed offers');
    assert.equal(server.requests.length, 1);
    assert.deepEqual(
      refresher.offers!.map((o) => [o.provider, o.instance, o.onDemandUsdPerGpuHour, o.asOf, o.source]),
      [['Example Cloud', 'mi300x.1', 1, '2026-12-01', 'https://example.com/gpu-prices']],
    );
    // Read anew: the assertion on 'waiting' above narrowed the property's type.
    const status = refresher.status as OffersStatus;
    assert.equal(status.kind, 'ok');
    const problems = status.kind === 'ok' ? status.record.rejected.flatMap((r) => r.problems) : [];
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /^offers\.1\.gpusPerInstance: /);
    assert.match(problems[1]!, /^offers\.2 \(Example Cloud z1\): gpu: "no-such-gpu" is not a GPU of gpus\.json$/);
    assert.ok(vscode.logs.includes(`    ${problems[1]}`), vscode.logs.join('\n'));
    const record = JSON.parse(vscode.files.get(OFFERS_CACHE)!);
    assert.deepEqual([record.etag, record.lastModified, record.fetchedAt, record.source], ['"o1"', 'Sun, 29 Nov 2026 08:00:00 GMT', '2026-12-01T10:00:00.000Z', `GPU offers from ${offersUrl()}`]);
    refresher.dispose();

    // A restart within the max age: the cache is read back, nothing is fetched.
    const restarted = new OffersRefresher(vscode.host(), ids);
    await restarted.loadCache();
    assert.deepEqual(restarted.offers!.map((o) => o.instance), ['mi300x.1']);
    restarted.requested();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.requests.length, 1, 'not due yet');
    restarted.dispose();

    // Past the max age (the prices' pricing.maxAgeHours): a conditional request; 304 keeps the cache.
    vscode.now += 25 * HOUR;
    const later = new OffersRefresher(vscode.host(), ids);
    later.requested();
    await until(() => server.requests.length === 2, 'the due refresh');
    await until(() => later.status.kind === 'ok' && JSON.parse(vscode.files.get(OFFERS_CACHE)!).checkedAt !== record.checkedAt, 'the 304 handled');
    assert.equal(server.requests[1]!.ifNoneMatch, '"o1"');
    assert.equal(server.requests[1]!.ifModifiedSince, 'Sun, 29 Nov 2026 08:00:00 GMT');
    const kept = JSON.parse(vscode.files.get(OFFERS_CACHE)!);
    assert.deepEqual([kept.fetchedAt, kept.checkedAt], [record.fetchedAt, '2026-12-02T11:00:00.000Z']);
    assert.deepEqual(later.offers!.map((o) => o.instance), ['mi300x.1']);
    const notModified = await later.refreshNow();
    assert.deepEqual([notModified.outcome, notModified.entries, notModified.rejected?.length], ['not-modified', 1, 2]);
    later.dispose();
  });

  it('a new version replaces the cache, and the offers in use change with it', async () => {
    const vscode = new FakeVscode('', offersUrl());
    const refresher = new OffersRefresher(vscode.host(), ids);
    const first = await refresher.refreshNow();
    assert.deepEqual([first.outcome, first.entries, first.rejected?.length], ['updated', 1, 2]);
    const before = refresher.offers;
    mode = 'changed';
    const second = await refresher.refreshNow();
    assert.deepEqual([second.outcome, second.entries, second.rejected?.length], ['updated', 1, 0]);
    assert.notEqual(refresher.offers, before);
    assert.equal(refresher.offers![0]!.onDemandUsdPerGpuHour, 0.8);
    assert.equal(JSON.parse(vscode.files.get(OFFERS_CACHE)!).etag, '"o2"');
    refresher.dispose();
  });

  for (const [bad, reason, outcome] of [
    ['404', /^HTTP 404/, 'failed'],
    ['invalid', /^not JSON/, 'rejected'],
    ['none-usable', /^none of its 2 offers can be used: offers\.0\.gpusPerInstance/, 'rejected'],
    ['silent', /^no answer within 0\.5 s$/, 'failed'],
    ['large', /^larger than 0 MB$/, 'failed'],
  ] as const) {
    it(`${bad}: the last good offers stay, the cache is intact, and the reason is kept and told once a day`, async () => {
      const vscode = new FakeVscode('', offersUrl());
      // Large enough for the good file, not for the one with a long note.
      const refresher = new OffersRefresher(vscode.host({ maxBytes: 3000 }), ids);
      assert.equal((await refresher.refreshNow()).outcome, 'updated');
      const good = vscode.files.get(OFFERS_CACHE);
      const offers = refresher.offers;
      mode = bad;
      const result = await refresher.refreshNow();
      assert.equal(result.outcome, outcome);
      assert.match(result.reason!, reason);
      assert.equal(result.entries, 1);
      assert.equal(refresher.offers, offers, 'the last good offers stay in use');
      assert.equal(vscode.files.get(OFFERS_CACHE), good, 'the cache is not replaced');
      const status = refresher.status;
      assert.equal(status.kind, 'failed');
      if (status.kind === 'failed') assert.deepEqual([status.using, status.source], ['last good', offersUrl()]);
      assert.ok(vscode.logs.some((l) => l.includes(result.reason!) && l.endsWith('The last good GPU offers (2026-12-01T10:00:00.000Z) stay.')), vscode.logs.join('\n'));
      await assertToldOnceADay(vscode, refresher);
      refresher.dispose();
    });
  }

  it('without a good copy, a failure leaves the bundled offers and says so', async () => {
    mode = 'invalid';
    const vscode = new FakeVscode('', offersUrl());
    const refresher = new OffersRefresher(vscode.host(), ids);
    const result = await refresher.refreshNow();
    assert.equal(result.outcome, 'rejected');
    assert.equal(refresher.offers, undefined);
    assert.deepEqual(vscode.notes.map((n) => [n.using, n.source]), [['bundled', offersUrl()]]);
    assert.equal(vscode.files.size, 0);
    assert.ok(vscode.logs.some((l) => l.endsWith('The bundled GPU offers stay.')), vscode.logs.join('\n'));
    refresher.dispose();
  });

  it('a cache of another URL is not used; a tampered cache is ignored and said so', async () => {
    const vscode = new FakeVscode('', offersUrl());
    const first = new OffersRefresher(vscode.host(), ids);
    await first.refreshNow();
    first.dispose();
    vscode.settings = { ...vscode.settings, offersUrl: `${server.url}/other.json` };
    const other = new OffersRefresher(vscode.host(), ids);
    await other.loadCache();
    assert.equal(other.offers, undefined, 'another URL');
    other.dispose();
    vscode.settings = { ...vscode.settings, offersUrl: offersUrl() };
    const record = JSON.parse(vscode.files.get(OFFERS_CACHE)!);
    record.offers[0].gpusPerInstance = 3;
    vscode.files.set(OFFERS_CACHE, JSON.stringify(record));
    const tampered = new OffersRefresher(vscode.host(), ids);
    await tampered.loadCache();
    assert.equal(tampered.offers, undefined);
    assert.ok(vscode.logs.some((l) => l.startsWith(`The cached GPU offers of ${offersUrl()} are not used: the cached GPU offers have rows that are not offers: offers.0.gpusPerInstance`)), vscode.logs.join('\n'));
    tampered.dispose();
  });
});
