// Restricted Mode, as declared in package.json (capabilities.untrustedWorkspaces: limited):
// the config is still analyzed, but this workspace's own values of the cost settings are
// ignored, because a cloned repository must not change the figures a user relies on.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/engine';
import { openWorkbench, shippedCatalog, type Workbench } from './workbench';

const CONFIG = JSON.stringify(
  { workloads: [{ name: 'batch', model: 'llama-3.1-70b', monthlyTokens: '10M', deployment: { selfHosted: { gpu: 'a100-80gb', quantization: 'int4' } } }] },
  null,
  2,
);

describe('Restricted Mode', function () {
  this.timeout(120_000);
  let dir: string;
  let workbench: Workbench;
  // A price source the user set: in Restricted Mode nothing may ask it for anything.
  let server: Server;
  const requests: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-restricted-'));
    writeFileSync(path.join(dir, 'llm.config.json'), CONFIG);
    mkdirSync(path.join(dir, '.vscode'));
    // What a hostile repository could ship: a GPU price that inflates every self-hosted figure.
    writeFileSync(path.join(dir, '.vscode/settings.json'), JSON.stringify({ 'llmCostLens.gpuHourlyUsd': 100 }));
    workbench = await openWorkbench({
      workspace: dir,
      settings: {
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'always',
        'llmCostLens.pricing.source': 'url',
        'llmCostLens.pricing.url': `http://127.0.0.1:${port}/prices.json`,
      },
    });
  });

  after(async () => {
    await workbench?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('analyzes the config but ignores the untrusted workspace\'s cost settings', async () => {
    const { page } = workbench;
    // The trust prompt, answered as a careful person does.
    const distrust = page.getByRole('button', { name: /No, I don.t trust the authors/ });
    if (await distrust.waitFor({ timeout: 15_000 }).then(() => true, () => false)) await distrust.click();
    await page.locator('.statusbar-item', { hasText: /Restricted Mode/ }).first().waitFor({ timeout: 15_000 });
    await workbench.openFile('llm.config.json');
    // An offer's price for an A100 (RunPod's $1.19/h), not the workspace's $100/h.
    const expected = analyze(CONFIG, { catalog: shippedCatalog }).lenses.find((l) => l.kind === 'cost')!.title;
    assert.match(expected, /^\$857\/mo/);
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: expected });
    await lens.first().waitFor({ timeout: 20_000 });
    const inflated = analyze(CONFIG, { catalog: shippedCatalog, assumptions: { gpuHourlyUsd: 100 } }).lenses.find((l) => l.kind === 'cost')!.title;
    assert.equal(await page.locator('.monaco-editor .codelens-decoration', { hasText: inflated }).count(), 0, `not ${inflated}`);
    await workbench.screenshot('restricted-mode');
    // The analysis ran, so a refresh would have been due: Refresh Prices too asks nothing.
    await workbench.runCommand('LLM Cost Lens: Refresh Prices');
    await page.waitForTimeout(3_000);
    assert.deepEqual(requests, [], 'no request in Restricted Mode');
  });

  it('uses the workspace\'s settings once the folder is trusted', async () => {
    const { page } = workbench;
    await workbench.runCommand('Workspaces: Manage Workspace Trust');
    await page.getByRole('button', { name: /^Trust( Folder)?$/ }).first().click();
    await page.locator('.statusbar-item', { hasText: /Restricted Mode/ }).first().waitFor({ state: 'detached', timeout: 15_000 });
    const inflated = analyze(CONFIG, { catalog: shippedCatalog, assumptions: { gpuHourlyUsd: 100 } }).lenses.find((l) => l.kind === 'cost')!.title;
    assert.match(inflated, /^\$72,000\/mo/);
    await workbench.page.locator('.tabs-container .tab', { hasText: 'llm.config.json' }).first().click();
    await page.locator('.monaco-editor .codelens-decoration', { hasText: inflated }).first().waitFor({ timeout: 20_000 });
    // Trusted, the user's price source is asked: it was the trust that kept it quiet.
    await workbench.runCommand('LLM Cost Lens: Refresh Prices');
    for (const deadline = Date.now() + 20_000; requests.length === 0 && Date.now() < deadline; ) await page.waitForTimeout(500);
    assert.ok(requests.some((r) => r.startsWith('GET /prices.json')), `asked once trusted: ${requests.join(', ')}`);
  });
});
