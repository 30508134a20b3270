// Refreshed prices as a person sees them: a price list served on this machine, the source
// set in the user's settings, "Refresh Prices" run from the palette, and the status bar's
// tooltip naming where the prices came from and of what date.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { openWorkbench, repoRoot, type Workbench } from './workbench';

const DATA_DATE = '2026-11-30';

describe('refreshed prices, as seen in the workbench', function () {
  this.timeout(180_000);
  let server: Server;
  let workbench: Workbench;
  const requests: string[] = [];

  before(async () => {
    // The bundled table with a date of its own and one price moved by less than ×10.
    const table = JSON.parse(readFileSync(path.join(repoRoot, 'src/engine/catalog/data/prices.json'), 'utf8')) as { asOf: string; entries: { key: string; inputPerMillionUsd: number }[] };
    table.asOf = DATA_DATE;
    for (const e of table.entries) if (e.key === 'gpt-4o') e.inputPerMillionUsd = 2.75;
    const body = JSON.stringify(table);
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json', 'last-modified': new Date(`${DATA_DATE}T12:00:00Z`).toUTCString() });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    workbench = await openWorkbench({
      settings: { 'llmCostLens.pricing.source': 'url', 'llmCostLens.pricing.url': `http://127.0.0.1:${port}/prices.json` },
    });
  });

  after(async () => {
    await workbench?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('names the source and the date of the prices in the status bar tooltip after a refresh', async () => {
    const { page } = workbench;
    await workbench.openFile('llm.config.json');
    await workbench.runCommand('LLM Cost Lens: Refresh Prices');
    const status = page.locator('.statusbar-item', { hasText: /\/mo/ }).first();
    await status.waitFor({ timeout: 30_000 });
    let tooltip = '';
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      await page.mouse.move(5, 5);
      await status.hover();
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Prices:' }).first();
      if (await hover.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
        tooltip = await hover.innerText();
        if (tooltip.includes('127.0.0.1')) break;
      }
      await page.waitForTimeout(1_000);
    }
    await workbench.screenshot('status-bar-refreshed-prices');
    assert.ok(requests.some((r) => r.startsWith('GET /prices.json')), `the server was asked: ${requests.join(', ')}`);
    // Text as the hover renders it (the URL may be drawn as a link): the words, not the markup.
    const shown = tooltip.replace(/\s+/g, ' ');
    assert.ok(shown.includes('Prices: prices from http://127.0.0.1:') && shown.includes('/prices.json, as of'), `the source: ${tooltip}`);
    assert.ok(tooltip.includes(DATA_DATE), `the data's own date ${DATA_DATE}: ${tooltip}`);
  });
});
