// The opt-in price refresh in a real VS Code, against an HTTP server on 127.0.0.1 in this
// process: the installed extension laid over by a good download (a lens and a hover change),
// then the refresher, catalog service and status bar built here on a global storage folder of
// their own, for the answers a source can give, a restart, and Restricted Mode. VS Code's
// trust cannot be revoked from inside a test run (the harness runs with trust off, so the
// workspace is trusted); Restricted Mode is the refresher's isTrusted, set to false.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findModel, formatUsd } from '../../src/engine';
import type { CatalogService } from '../../src/extension/catalogService';
import { CostCodeLensProvider } from '../../src/extension/codeLensProvider';
import { explanationView } from '../../src/extension/explanationView';
import { modelHover } from '../../src/extension/hoverProvider';
import type { PriceRefresher, PricingSettings, RefreshProblem, RefreshResult } from '../../src/extension/priceRefresh';
import { refreshStatusNote, startPriceRefresh } from '../../src/extension/priceRefreshHost';
import { litellmSource, startServer, type TestServer } from '../unit/priceSources';
import { activateExtension, closeAll, hoverText, lensTitles, MemoryMemento, open, poll, refreshRig, setSetting } from './helpers';

/** Markdown source back to the text a reader sees (as hover.test.ts reads it). */
const plain = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');


type Mode = 'good' | '404' | '500' | 'invalid' | 'small';
const GOOD = JSON.stringify(litellmSource({ changes: { 'gpt-4o': { input: 2, output: 8 } } }));
const SMALL = JSON.stringify(litellmSource({ only: 120 }));

describe('price refresh (a local server)', function () {
  this.timeout(60_000);
  let server: TestServer;
  let mode: Mode = 'good';
  let config: vscode.Uri;

  before(async () => {
    await activateExtension();
    server = await startServer((req, res) => {
      if (mode === '404' || mode === '500') return void res.writeHead(Number(mode)).end();
      if (mode === 'invalid') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"gpt-4o": {"input_cost_per_token": ');
      if (mode === 'small') return void res.writeHead(200, { 'content-type': 'application/json' }).end(SMALL);
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end(GOOD);
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-refresh-'));
    writeFileSync(path.join(dir, 'llm.config.json'), JSON.stringify({ workloads: [{ name: 'chat', model: 'gpt-4o', monthlyTokens: '100M' }] }, null, 2));
    config = vscode.Uri.file(path.join(dir, 'llm.config.json'));
  });

  beforeEach(() => {
    mode = 'good';
  });

  after(async () => {
    await setSetting('pricing.source', undefined);
    await setSetting('pricing.url', undefined);
    await closeAll();
    await server.close();
  });

  it('the extension: Refresh Prices lays a good download over the bundled prices; the lens and the hover change, a 404 keeps them', async () => {
    const { document } = await open(config);
    const bundled = await poll(() => lensTitles(config), (t) => t.some((x) => x.startsWith('$625/mo')));
    assert.ok(bundled.some((t) => t.startsWith('$625/mo')), `the bundled $2.50 / $10: ${bundled.join(' | ')}`);

    await setSetting('pricing.url', `${server.url}/prices.json`);
    // Choosing a source starts a refresh in the background (the catalog has been asked for);
    // the command then downloads again, or hears that nothing changed.
    await setSetting('pricing.source', 'url');
    const result = await vscode.commands.executeCommand<RefreshResult>('llmCostLens.refreshPrices');
    assert.ok(result?.outcome === 'updated' || result?.outcome === 'not-modified', JSON.stringify(result));
    const refreshed = await poll(() => lensTitles(config), (t) => t.some((x) => x.startsWith('$500/mo')));
    assert.ok(refreshed.some((t) => t.startsWith('$500/mo')), `the refreshed $2 / $8: ${refreshed.join(' | ')}`);

    const at = document.positionAt(document.getText().indexOf('gpt-4o') + 2);
    const hover = plain(hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', config, at)));
    assert.ok(hover.includes(`${formatUsd(2)} in / ${formatUsd(8)} out per 1M`), hover);
    assert.ok(hover.includes(`prices from ${server.url}/prices.json, as of 2026-11-20`), hover);

    mode = '404';
    const failed = await vscode.commands.executeCommand<RefreshResult>('llmCostLens.refreshPrices');
    assert.deepEqual([failed?.outcome, failed?.reason], ['failed', 'HTTP 404 Not Found']);
    assert.ok((await lensTitles(config)).some((t) => t.startsWith('$500/mo')), 'the last good prices stay');

    await setSetting('pricing.source', undefined);
    const back = await poll(() => lensTitles(config), (t) => t.some((x) => x.startsWith('$625/mo')));
    assert.ok(back.some((t) => t.startsWith('$625/mo')), `"bundled" again: ${back.join(' | ')}`);
  });

  describe('the refresher, catalog service and status bar on their own storage', () => {
    let storage: vscode.Uri;
    const disposables: vscode.Disposable[] = [];
    const settings = (): PricingSettings => ({ source: 'url', url: `${server.url}/own.json`, offersUrl: '', maxAgeHours: 24, staleAfterDays: 90 });

    before(() => {
      storage = vscode.Uri.file(mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-storage-')));
    });
    afterEach(() => {
      for (const d of disposables.splice(0).reverse()) d.dispose();
    });

    /** What startFeatures wires, built here; `isTrusted` stands in for Restricted Mode. */
    function start(options: { isTrusted?: () => boolean; storageUri?: vscode.Uri; staleAfterDays?: number } = {}) {
      const notes: RefreshProblem[] = [];
      const logs: string[] = [];
      let catalogs: CatalogService | undefined;
      const prices = startPriceRefresh({
        storageUri: options.storageUri ?? storage,
        globalState: new MemoryMemento(),
        bundled: () => catalogs?.bundled.prices,
        settings,
        log: (line) => void logs.push(line),
        notify: (problem) => void notes.push(problem),
        timeoutMs: 2000,
        ...(options.isTrusted ? { isTrusted: options.isTrusted } : {}),
      });
      disposables.push(prices.disposable);
      const rig = refreshRig(disposables, () => ({ get overlay() { return prices.refresher.overlay; }, requested: () => prices.refresher.requested(), staleAfterDays: () => options.staleAfterDays ?? 90 }), () => refreshStatusNote(prices.refresher.status));
      catalogs = rig.catalogs;
      disposables.push(prices.refresher.onDidChange(() => rig.catalogs.pricesChanged()));
      return { ...rig, refresher: prices.refresher as PriceRefresher, notes, logs };
    }

    const cached = async () => JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(storage, 'prices-url.json'))));
    const gptInput = (catalogs: CatalogService) => findModel('gpt-4o', catalogs.catalog)!.price!.inputPerMillionUsd;

    it('old prices are called stale in the status bar and the model hover, once each, and nowhere else', async () => {
      const { document } = await open(config);
      // Two days: the bundled prices (and any download's) are older than that.
      const fresh = vscode.Uri.file(mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-storage-')));
      const { catalogs, tooltip, cache, lensSettings } = start({ storageUri: fresh, staleAfterDays: 2 });
      assert.equal(tooltip().match(/stale/g)?.length, 1, tooltip());
      assert.match(tooltip(), /Prices: .*, as of \d{4}-\d{2}-\d{2} · stale: older than 2 days/);

      const { analysis } = cache.getGood(document);
      const hover = plain(modelHover(analysis.modelReferences[0]!, analysis, catalogs.catalog).value);
      assert.equal(hover.match(/stale/g)?.length, 1, `once, on the price's line:\n${hover}`);
      assert.match(hover, /Price source \| .*, as of \d{4}-\d{2}-\d{2} · stale \|/);

      // The lenses' tooltips and the explanation page give the source and the date alone.
      const lenses = new CostCodeLensProvider(cache, lensSettings);
      disposables.push(lenses);
      const tooltips = lenses.provideCodeLenses(document).map((l) => lenses.resolveCodeLens(l).command?.tooltip ?? '');
      assert.ok(tooltips.some((t) => /Prices: .*, as of \d{4}-\d{2}-\d{2}/.test(t)), tooltips.join('\n'));
      assert.deepEqual(tooltips.filter((t) => t.includes('stale')), []);
      const page = explanationView(analysis, document.getText(), { kind: 'cost', workload: 0 }, catalogs.catalog, true);
      assert.match(page.sources[0]!, /^Prices: .*, as of \d{4}-\d{2}-\d{2}/);
      assert.deepEqual(page.sources.filter((t) => t.includes('stale')), []);
    });

    it('a good file overlays; 304 Not Modified keeps the cache', async () => {
      await open(config);
      const { refresher, catalogs, tooltip } = start();
      assert.equal(gptInput(catalogs), 2.5);
      assert.equal((await refresher.refreshNow()).outcome, 'updated');
      assert.equal(gptInput(catalogs), 2);
      assert.match(tooltip(), /Prices: prices from http:\/\/127\.0\.0\.1:\d+\/own\.json, as of 2026-11-20; downloaded \d{4}-\d{2}-\d{2}/);
      const first = await cached();
      assert.equal(first.etag, '"v1"');
      const requests = server.requests.length;
      assert.equal((await refresher.refreshNow()).outcome, 'not-modified');
      assert.equal(server.requests.length, requests + 1);
      assert.equal(server.requests.at(-1)!.ifNoneMatch, '"v1"');
      const second = await cached();
      assert.deepEqual({ ...second, checkedAt: first.checkedAt }, first, 'the same record, checked again');
      assert.equal(gptInput(catalogs), 2);
    });

    for (const [bad, reason] of [
      ['404', 'HTTP 404'],
      ['500', 'HTTP 500'],
      ['invalid', 'not JSON'],
      ['small', 'fewer than half of the last good table'],
    ] as const) {
      it(`${bad}: the reason is in the status bar tooltip, the cache is intact`, async () => {
        await open(config);
        const { refresher, catalogs, tooltip, notes } = start();
        await refresher.loadCache();
        const before = await cached();
        mode = bad;
        const result = await refresher.refreshNow();
        assert.ok(result.reason?.includes(reason), JSON.stringify(result));
        const text = tooltip();
        assert.ok(text.includes(`Price refresh from url failed: ${result.reason}. The last good prices are used.`), text);
        assert.deepEqual(await cached(), before, 'the cache is intact');
        assert.equal(gptInput(catalogs), 2, 'the last good prices stay in use');
        assert.deepEqual(notes.map((n) => n.using), ['last good']);
      });
    }

    it('the cache survives a restart: a new refresher and catalog service read it, offline', async () => {
      mode = '500';
      const requests = server.requests.length;
      const { refresher, catalogs } = start();
      await refresher.loadCache();
      assert.equal(gptInput(catalogs), 2);
      assert.equal(server.requests.length, requests, 'nothing was fetched: the copy is not older than the max age');
    });

    it('Restricted Mode (isTrusted false): no request is made, and the tooltip says why', async () => {
      await open(config);
      const requests = server.requests.length;
      const empty = vscode.Uri.file(mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-untrusted-')));
      const { refresher, catalogs, tooltip } = start({ isTrusted: () => false, storageUri: empty });
      assert.equal(gptInput(catalogs), 2.5, 'the bundled prices');
      const result = await refresher.refreshNow();
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual([result.outcome, result.reason], ['skipped', 'prices are not fetched in Restricted Mode']);
      assert.equal(server.requests.length, requests, 'the server saw no request');
      assert.ok(tooltip().includes('Prices are not refreshed from url in Restricted Mode: the bundled prices are used.'));
    });
  });
});
