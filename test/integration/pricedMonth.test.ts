// The month the extension prices: the current one, from the clock the adapter reads (the
// engine reads none), a default the file's assumptions.month overrides, and the next month's
// prices once a window stays open across the turn of a month. Every month here is explicit.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnalysisCache } from '../../src/extension/analysisCache';
import { CatalogService } from '../../src/extension/catalogService';
import { modelHover } from '../../src/extension/hoverProvider';
import { Settings } from '../../src/extension/settings';
import { activateExtension, closeAll, EXTENSION_ID, open } from './helpers';

/** Markdown source back to the text a reader sees (as hover.test.ts reads it). */
const plain = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function configFile(assumptions?: unknown): vscode.Uri {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-month-'));
  const file = path.join(dir, 'llm.config.json');
  writeFileSync(file, JSON.stringify({ ...(assumptions ? { assumptions } : {}), workloads: [{ name: 'chat', model: 'gemini-3.7-flash', monthlyTokens: '100M' }] }, null, 2));
  return vscode.Uri.file(file);
}

describe('the month priced in the editor', function () {
  this.timeout(60_000);
  const disposables: vscode.Disposable[] = [];
  before(activateExtension);
  // The shipped catalog, price table included (the curated cards alone have no gemini-3.7-flash).
  const catalogs = () => {
    const service = new CatalogService(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri);
    disposables.push(service);
    return service;
  };
  afterEach(async () => {
    for (const d of disposables.splice(0)) d.dispose();
    await closeAll();
  });

  it('gemini-3.7-flash: $225 in December 2026 at its introductory rate, $450 once the clock reaches January 2027', async () => {
    let now = new Date('2026-12-31T23:59:00Z');
    const settings = new Settings();
    const cache = new AnalysisCache(settings, catalogs(), () => now);
    disposables.push(settings, cache);
    const { document } = await open(configFile());
    assert.equal(cache.get(document).workloads[0]!.monthlyCostUsd, 225);
    assert.equal(cache.get(document).workloads[0]!.billing.month, '2026-12');
    now = new Date('2027-01-01T00:01:00Z');
    // The same document version, analysed again for the new month.
    assert.equal(cache.get(document).workloads[0]!.monthlyCostUsd, 450);
    assert.equal(cache.get(document).workloads[0]!.billing.month, '2027-01');
  });

  it('the file\'s assumptions.month over the clock\'s', async () => {
    const settings = new Settings();
    const cache = new AnalysisCache(settings, catalogs(), () => new Date('2027-02-10T12:00:00Z'));
    disposables.push(settings, cache);
    const { document } = await open(configFile({ month: '2026-12' }));
    assert.equal(cache.get(document).workloads[0]!.monthlyCostUsd, 225);
  });

  it('the model hover gives the prices of the month the lens bills, and what the dates do', async () => {
    const settings = new Settings();
    const service = catalogs();
    const cache = new AnalysisCache(settings, service, () => new Date('2027-01-15T12:00:00Z'));
    disposables.push(settings, cache);
    const { document } = await open(configFile());
    const analysis = cache.get(document);
    const hover = plain(modelHover(analysis.modelReferences[0]!, analysis, service.catalog).value);
    assert.match(hover, /\*\*\$1\.50 in \/ \$7\.50 out per 1M\*\*/);
    assert.match(hover, /chat: \$450\/mo · gemini-3\.7-flash API/);
    assert.match(hover, /\| Dated prices \| priced for 2027-01; priced at the prices in effect from 2027-01-01: \$1\.50\/M input, \$7\.50\/M output \|/);
  });
});
