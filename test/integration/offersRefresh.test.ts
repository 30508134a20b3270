// The opt-in GPU offers refresh in a real VS Code, against an HTTP server on 127.0.0.1 in this
// process: the installed extension's lens changes with a good download (Refresh GPU Offers) and
// goes back when the setting is cleared; then the refresher, catalog service and status bar built
// here on a global storage folder of their own, for the answers a source can give, a restart
// and Restricted Mode (the refresher's isTrusted set to false, as in priceRefresh.test.ts).
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { catalogGpuHourPrice, gpuHourSourceText, isPriced } from '../../src/engine/pricing/gpuHour';
import type { CatalogService } from '../../src/extension/catalogService';
import type { OffersProblem, OffersResult } from '../../src/extension/offersRefresh';
import type { PricingSettings } from '../../src/extension/priceRefresh';
import { offersStatusNote, startOffersRefresh } from '../../src/extension/priceRefreshHost';
import { offersSource, startServer, type TestServer } from '../unit/priceSources';
import { activateExtension, closeAll, lensTitles, MemoryMemento, open, poll, refreshRig, setSetting } from './helpers';


type Mode = 'good' | '404' | 'invalid';

describe('GPU offers refresh (a local server)', function () {
  this.timeout(60_000);
  let server: TestServer;
  let mode: Mode = 'good';
  let config: vscode.Uri;

  before(async () => {
    await activateExtension();
    server = await startServer((req, res) => {
      if (mode === '404') return void res.writeHead(404).end();
      if (mode === 'invalid') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"offers": [');
      if (req.headers['if-none-match'] === '"o1"') return void res.writeHead(304, { etag: '"o1"' }).end();
      // Dated like the bundled offers, so that the row is not after today whenever the test runs.
      res.writeHead(200, { 'content-type': 'application/json', etag: '"o1"' }).end(JSON.stringify(offersSource({ asOf: '2026-12-01' })));
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-offers-'));
    const workload = { name: 'serve', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted: { gpu: 'mi300x', gpus: 1, quantization: 'fp8' } } };
    writeFileSync(path.join(dir, 'llm.config.json'), JSON.stringify({ workloads: [workload] }, null, 2));
    config = vscode.Uri.file(path.join(dir, 'llm.config.json'));
  });

  beforeEach(() => {
    mode = 'good';
  });

  after(async () => {
    await setSetting('pricing.offersUrl', undefined);
    await closeAll();
    await server.close();
  });

  it('the extension: Refresh GPU Offers merges a good download with the bundled offers; the lens changes, a 404 keeps it, clearing the setting brings the bundled offers back', async () => {
    await open(config);
    const bundled = await poll(() => lensTitles(config), (t) => t.some((x) => x.includes('$')));

    await setSetting('pricing.offersUrl', `${server.url}/offers.json`);
    const result = await vscode.commands.executeCommand<OffersResult>('llmCostLens.refreshOffers');
    assert.ok(result?.outcome === 'updated' || result?.outcome === 'not-modified', JSON.stringify(result));
    assert.deepEqual([result?.entries, result?.rejected?.map((r) => r.index)], [1, [1, 2]]);
    const refreshed = await poll(() => lensTitles(config), (t) => t.join('|') !== bundled.join('|'));
    assert.notDeepEqual(refreshed, bundled, `the lens prices the cheaper offer: ${refreshed.join(' | ')}`);

    mode = '404';
    const failed = await vscode.commands.executeCommand<OffersResult>('llmCostLens.refreshOffers');
    assert.deepEqual([failed?.outcome, failed?.reason], ['failed', 'HTTP 404 Not Found']);
    assert.deepEqual(await lensTitles(config), refreshed, 'the last good offers stay');

    await setSetting('pricing.offersUrl', undefined);
    const back = await poll(() => lensTitles(config), (t) => t.join('|') === bundled.join('|'));
    assert.deepEqual(back, bundled, 'no URL: the bundled offers again');
  });

  describe('the refresher, catalog service and status bar on their own storage', () => {
    let storage: vscode.Uri;
    const disposables: vscode.Disposable[] = [];
    const settings = (): PricingSettings => ({ source: 'bundled', url: '', offersUrl: `${server.url}/own-offers.json`, maxAgeHours: 24, staleAfterDays: 90 });

    before(() => {
      storage = vscode.Uri.file(mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-storage-')));
    });
    afterEach(() => {
      for (const d of disposables.splice(0).reverse()) d.dispose();
    });

    /** What startFeatures wires for the offers, built here; `isTrusted` stands in for Restricted Mode. */
    function start(options: { isTrusted?: () => boolean; storageUri?: vscode.Uri } = {}) {
      const notes: OffersProblem[] = [];
      let catalogs: CatalogService | undefined;
      const offers = startOffersRefresh({
        storageUri: options.storageUri ?? storage,
        globalState: new MemoryMemento(),
        bundled: () => catalogs?.bundled,
        settings,
        log: () => undefined,
        notify: (problem) => void notes.push(problem),
        timeoutMs: 2000,
        ...(options.isTrusted ? { isTrusted: options.isTrusted } : {}),
      });
      disposables.push(offers.disposable);
      const rig = refreshRig(disposables, () => ({ overlay: undefined, get offers() { return offers.refresher.offers; }, requested: () => offers.refresher.requested(), staleAfterDays: () => 90 }), () => offersStatusNote(offers.refresher.status));
      catalogs = rig.catalogs;
      disposables.push(offers.refresher.onDidChange(() => rig.catalogs.pricesChanged()));
      return { ...rig, refresher: offers.refresher, notes };
    }

    const cached = async () => JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(storage, 'gpu-offers.json'))));
    /** The offer one MI300X is rented from, as an explanation names it. */
    const mi300x = (catalogs: CatalogService) => {
      const price = catalogGpuHourPrice(catalogs.catalog, 'mi300x', 1, {});
      assert.ok(isPriced(price) && price.offer, JSON.stringify(price));
      return gpuHourSourceText(price, '');
    };

    it('a good file merges with the bundled offers, the bad rows are said in the tooltip; 304 Not Modified keeps the cache', async () => {
      await open(config);
      const { refresher, catalogs, tooltip } = start();
      const bundledOffer = mi300x(catalogs);
      assert.doesNotMatch(bundledOffer, /Example Cloud/);
      assert.equal((await refresher.refreshNow()).outcome, 'updated');
      assert.match(mi300x(catalogs), /· Example Cloud on demand \(mi300x\.1\) · \$1(\.00)?\/GPU-hour as of 2026-12-01$/);
      assert.ok(tooltip().includes(`2 GPU offer(s) from ${server.url}/own-offers.json were left out as invalid (see the output channel "LLM Cost Lens").`), tooltip());
      const first = await cached();
      assert.equal(first.etag, '"o1"');
      const requests = server.requests.length;
      assert.equal((await refresher.refreshNow()).outcome, 'not-modified');
      assert.equal(server.requests.length, requests + 1);
      assert.equal(server.requests.at(-1)!.ifNoneMatch, '"o1"');
      assert.deepEqual({ ...(await cached()), checkedAt: first.checkedAt }, first, 'the same record, checked again');
      assert.match(mi300x(catalogs), /Example Cloud/);
    });

    for (const [bad, reason] of [
      ['404', 'HTTP 404'],
      ['invalid', 'not JSON'],
    ] as const) {
      it(`${bad}: the reason is in the status bar tooltip, the cache is intact, the last good offers stay`, async () => {
        await open(config);
        const { refresher, catalogs, tooltip, notes } = start();
        await refresher.loadCache();
        const before = await cached();
        mode = bad;
        const result = await refresher.refreshNow();
        assert.ok(result.reason?.includes(reason), JSON.stringify(result));
        const text = tooltip();
        assert.ok(text.includes(`GPU offers refresh from ${server.url}/own-offers.json failed: ${result.reason}. The last good offers are used.`), text);
        assert.deepEqual(await cached(), before, 'the cache is intact');
        assert.match(mi300x(catalogs), /Example Cloud/);
        assert.deepEqual(notes.map((n) => n.using), ['last good']);
      });
    }

    it('the cache survives a restart: a new refresher and catalog service read it, offline', async () => {
      mode = '404';
      const requests = server.requests.length;
      const { refresher, catalogs } = start();
      await refresher.loadCache();
      assert.match(mi300x(catalogs), /Example Cloud/);
      assert.equal(server.requests.length, requests, 'nothing was fetched: the copy is not older than the max age');
    });

    it('Restricted Mode (isTrusted false): no request is made, the bundled offers are used, and the tooltip says why', async () => {
      await open(config);
      const requests = server.requests.length;
      const empty = vscode.Uri.file(mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-untrusted-')));
      const { refresher, catalogs, tooltip } = start({ isTrusted: () => false, storageUri: empty });
      const result = await refresher.refreshNow();
      assert.deepEqual([result.outcome, result.reason], ['skipped', 'GPU offers are not fetched in Restricted Mode']);
      assert.equal(server.requests.length, requests, 'the server saw no request');
      assert.doesNotMatch(mi300x(catalogs), /Example Cloud/);
      assert.ok(tooltip().includes(`GPU offers are not refreshed from ${server.url}/own-offers.json in Restricted Mode: the bundled offers are used.`), tooltip());
    });
  });
});
