/**
 * The refresher with a fake VS Code (settings, trust, storage, messages) and a local server:
 * when it fetches and when it must not, what it keeps, what it tells. The same refresher runs
 * inside VS Code in the integration tier (test/integration/priceRefresh.test.ts).
 */
import * as assert from 'node:assert/strict';
import { PRICE_SOURCE_URLS } from '../../src/engine/catalog/refresh';
import { PriceRefresher, readPricingSettings } from '../../src/extension/priceRefresh';
import { assertToldOnceADay, FakeVscode, HOUR, until } from './refreshFakes';
import { litellmSource, startServer, type TestServer } from './priceSources';

const GOOD = JSON.stringify(litellmSource({ changes: { 'gpt-4o': { input: 2, output: 8 } } }));

describe('price refresher', function () {
  this.timeout(30_000);
  let server: TestServer;
  let mode: 'good' | 'changed' | '404' | '500' | 'invalid' | 'small' | 'silent' = 'good';

  before(async () => {
    server = await startServer((req, res) => {
      if (mode === 'silent') return;
      if (mode === '404' || mode === '500') return void res.writeHead(Number(mode)).end();
      if (mode === 'invalid') return void res.writeHead(200).end('{"gpt-4o": {');
      if (mode === 'small') return void res.writeHead(200).end(JSON.stringify(litellmSource({ only: 200 })));
      const etag = mode === 'good' ? '"v1"' : '"v2"';
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { etag }).end(mode === 'good' ? GOOD : JSON.stringify(litellmSource({ changes: { 'gpt-4o': { input: 3, output: 9 } } })));
    });
  });
  beforeEach(() => {
    mode = 'good';
    server.requests.length = 0;
  });
  after(() => server.close());

  it('fetches nothing while the source is "bundled", even when asked', async () => {
    const vscode = new FakeVscode(`${server.url}/prices.json`);
    vscode.settings = { ...vscode.settings, source: 'bundled' };
    const refresher = new PriceRefresher(vscode.host());
    refresher.requested();
    const result = await refresher.refreshNow();
    assert.equal(result.outcome, 'skipped');
    assert.equal(refresher.overlay, undefined);
    assert.deepEqual(vscode.fetches, []);
    refresher.dispose();
  });

  it('fetches nothing in Restricted Mode (a fake isTrusted), in the background or when asked', async () => {
    const vscode = new FakeVscode(`${server.url}/prices.json`);
    vscode.trusted = false;
    const refresher = new PriceRefresher(vscode.host());
    refresher.requested();
    await new Promise((r) => setTimeout(r, 100));
    const result = await refresher.refreshNow();
    assert.deepEqual([result.outcome, result.reason], ['skipped', 'prices are not fetched in Restricted Mode']);
    assert.equal(refresher.status.kind, 'untrusted');
    assert.deepEqual(server.requests, [], 'no request reached the server');
    // Trust granted: the refresh may run.
    vscode.trusted = true;
    refresher.settingsChanged();
    await until(() => refresher.overlay !== undefined, 'the refresh after trust');
    assert.equal(server.requests.length, 1);
    refresher.dispose();
  });

  it('waits for the first request of the catalog, then fetches once per max age, in the background', async () => {
    const vscode = new FakeVscode(`${server.url}/prices.json`);
    const refresher = new PriceRefresher(vscode.host());
    await refresher.loadCache();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(server.requests.length, 0, 'nothing before the catalog is asked for');
    refresher.requested();
    refresher.requested();
    await until(() => refresher.overlay !== undefined, 'the refreshed prices');
    assert.equal(server.requests.length, 1);
    const gpt = refresher.overlay!.table.entries.find((e) => e.key === 'gpt-4o')!;
    assert.deepEqual([gpt.inputPerMillionUsd, gpt.outputPerMillionUsd], [2, 8]);
    const record = JSON.parse(vscode.files.get('prices-url')!);
    assert.deepEqual([record.etag, record.dataDate, record.entryCount, record.fetchedAt], ['"v1"', '2026-11-20', refresher.overlay!.table.entries.length, '2026-12-01T10:00:00.000Z']);
    refresher.dispose();

    // A restart within the max age: the cache is read back, nothing is fetched.
    const restarted = new PriceRefresher(vscode.host());
    await restarted.loadCache();
    assert.equal(restarted.overlay!.table.entries.find((e) => e.key === 'gpt-4o')!.inputPerMillionUsd, 2, 'the cache survives the restart');
    restarted.requested();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.requests.length, 1, 'not due yet');
    restarted.dispose();

    // Past the max age: a conditional request; 304 keeps the cache.
    vscode.now += 25 * HOUR;
    const later = new PriceRefresher(vscode.host());
    later.requested();
    await until(() => server.requests.length === 2, 'the due refresh');
    await until(() => later.status.kind === 'ok' && JSON.parse(vscode.files.get('prices-url')!).checkedAt !== record.checkedAt, 'the 304 handled');
    assert.equal(server.requests[1]!.ifNoneMatch, '"v1"');
    const kept = JSON.parse(vscode.files.get('prices-url')!);
    assert.deepEqual([kept.fetchedAt, kept.checkedAt], [record.fetchedAt, '2026-12-02T11:00:00.000Z'], 'fetched then, confirmed now');
    assert.equal(later.overlay!.table.entries.length, record.entryCount);
    later.dispose();
  });

  it('a new version replaces the cache; the command refreshes whatever the max age', async () => {
    const vscode = new FakeVscode(`${server.url}/prices.json`);
    const refresher = new PriceRefresher(vscode.host());
    assert.equal((await refresher.refreshNow()).outcome, 'updated');
    mode = 'changed';
    const result = await refresher.refreshNow();
    assert.equal(result.outcome, 'updated');
    assert.equal(refresher.overlay!.table.entries.find((e) => e.key === 'gpt-4o')!.inputPerMillionUsd, 3);
    assert.equal(JSON.parse(vscode.files.get('prices-url')!).etag, '"v2"');
    refresher.dispose();
  });

  for (const [bad, reason] of [
    ['404', /^HTTP 404/],
    ['500', /^HTTP 500/],
    ['invalid', /^not JSON/],
    ['small', /fewer than half of the last good table's/],
    ['silent', /^no answer within 0\.5 s$/],
  ] as const) {
    it(`${bad}: the last good prices stay, the cache is intact, and the reason is kept and told once a day`, async () => {
      const vscode = new FakeVscode(`${server.url}/prices.json`);
      const refresher = new PriceRefresher(vscode.host());
      await refresher.refreshNow();
      const good = vscode.files.get('prices-url');
      const overlay = refresher.overlay;
      mode = bad;
      const result = await refresher.refreshNow();
      assert.equal(result.outcome, bad === 'invalid' || bad === 'small' ? 'rejected' : 'failed');
      assert.match(result.reason!, reason);
      assert.equal(refresher.overlay, overlay, 'the last good prices stay in use');
      assert.equal(vscode.files.get('prices-url'), good, 'the cache is not replaced');
      const status = refresher.status;
      assert.equal(status.kind, 'failed');
      assert.match((status as { reason: string }).reason, reason);
      assert.equal((status as { using: string }).using, 'last good');
      assert.ok(vscode.logs.some((l) => l.includes(result.reason!)), vscode.logs.join('\n'));
      await assertToldOnceADay(vscode, refresher);
      refresher.dispose();
    });
  }

  it('without a good copy, a failure leaves the bundled prices and says so', async () => {
    mode = '500';
    const vscode = new FakeVscode(`${server.url}/prices.json`);
    const refresher = new PriceRefresher(vscode.host());
    await refresher.refreshNow();
    assert.equal(refresher.overlay, undefined);
    assert.deepEqual(vscode.notes.map((n) => n.using), ['bundled']);
    assert.equal(vscode.files.size, 0);
    refresher.dispose();
  });

  it('a cache of another URL is not used; a broken cache is ignored and said so', async () => {
    const vscode = new FakeVscode(`${server.url}/prices.json`);
    const first = new PriceRefresher(vscode.host());
    await first.refreshNow();
    first.dispose();
    vscode.settings = { ...vscode.settings, url: `${server.url}/other.json` };
    const other = new PriceRefresher(vscode.host());
    await other.loadCache();
    assert.equal(other.overlay, undefined, 'another URL');
    other.dispose();
    vscode.settings = { ...vscode.settings, url: `${server.url}/prices.json` };
    vscode.files.set('prices-url', '{"version": 1, "broken": true}');
    const broken = new PriceRefresher(vscode.host());
    await broken.loadCache();
    assert.equal(broken.overlay, undefined);
    assert.ok(vscode.logs.some((l) => l.startsWith('The cached prices of url are not used: the cached prices are not a cache record')), vscode.logs.join('\n'));
    broken.dispose();
  });

  it('the named sources fetch their published URLs (with a fake fetch: no network in the tests)', async () => {
    for (const source of ['litellm', 'genai-prices', 'openrouter'] as const) {
      const vscode = new FakeVscode('');
      vscode.settings = { ...vscode.settings, source };
      const refresher = new PriceRefresher(vscode.host({ fetchImpl: async (input) => (vscode.fetches.push(String(input)), new Response('[]', { status: 200 })) }));
      const result = await refresher.refreshNow();
      assert.deepEqual(vscode.fetches, [PRICE_SOURCE_URLS[source]]);
      assert.equal(result.outcome, 'rejected');
      refresher.dispose();
    }
  });

  it('reads the pricing settings from the user only, never from a workspace', () => {
    const values: Record<string, { globalValue?: unknown; workspaceValue?: unknown }> = {
      'pricing.source': { workspaceValue: 'url' },
      'pricing.url': { workspaceValue: 'https://attacker.example/p.json' },
      'pricing.offersUrl': { workspaceValue: 'https://attacker.example/offers.json' },
      'pricing.maxAgeHours': { globalValue: 6, workspaceValue: 0 },
      'pricing.staleAfterDays': { globalValue: 'soon' },
    };
    const reader = { inspect: <T>(key: string) => values[key] as { globalValue?: T } | undefined };
    assert.deepEqual(readPricingSettings(reader), { source: 'bundled', url: '', offersUrl: '', maxAgeHours: 6, staleAfterDays: 90 });
    values['pricing.source'] = { globalValue: 'openrouter' };
    assert.equal(readPricingSettings(reader).source, 'openrouter');
    values['pricing.offersUrl'] = { globalValue: ' https://example.com/offers.json ' };
    assert.equal(readPricingSettings(reader).offersUrl, 'https://example.com/offers.json');
  });
});
