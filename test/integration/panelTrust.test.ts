import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelState } from '../../src/protocol';
import { VIEW_TYPE } from '../../src/extension/ids';
import { activateExtension, closeAll, EXTENSION_ID, exampleUri, open, poll } from './helpers';

type PanelModule = typeof import('../../src/extension/panel/comparisonPanel');

/**
 * The panel's code as the extension loaded it (dist/comparisonPanel.js, a bundle of its own
 * that the extension requires on first use): the same module, so the same open panel.
 */
function loadedPanelModule(): PanelModule {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(extension.extensionPath, 'dist', 'comparisonPanel.js')) as PanelModule;
}

const savedState = (uri: string | null): PanelState => ({
  v: 1,
  uri,
  tab: 'cost',
  inputs: { workload: 0, volumesM: {}, assumptions: {}, requirements: null, quantModel: null },
  benchmarkSort: null,
});

const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

/** What VS Code does after a reload: a panel of the view type, handed to the serializer with the webview's saved state. */
function restoreWith(state: unknown) {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const webviewPanel = vscode.window.createWebviewPanel(VIEW_TYPE, 'restored', vscode.ViewColumn.Two, { enableScripts: true });
  return loadedPanelModule().ComparisonPanel.restore(webviewPanel, extension.extensionUri, state);
}

describe('the comparison panel trusts nothing its webview says', () => {
  let dir: string;
  before(async () => {
    await activateExtension();
    // Loads the panel's code the way the extension does, with its settings and catalog.
    await vscode.commands.executeCommand('llmCostLens.openComparison', exampleUri());
    dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-panel-'));
  });
  afterEach(async () => {
    loadedPanelModule().ComparisonPanel.instance?.dispose();
    await closeAll();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('restores the config of the workspace its saved state names', async () => {
    const panel = restoreWith(savedState(exampleUri().toString()));
    assert.equal(panel.followedUri?.toString(), exampleUri().toString());
    await panel.receive({ type: 'ready' });
    assert.match(panel.panel.title, /llm\.config\.json$/, 'the config was read for the panel');
  });

  it('does not open a file outside the workspace, another file, or a config outside the workspace that a saved state names', async function () {
    this.timeout(30_000);
    const secret = path.join(dir, 'secret.txt');
    writeFileSync(secret, 'API_KEY=do-not-read');
    const outsideConfig = path.join(dir, 'llm.config.json');
    writeFileSync(outsideConfig, '{"workloads":[]}');
    const inWorkspaceOther = vscode.Uri.joinPath(exampleUri(), '..', 'README.md');
    const hostile = [
      vscode.Uri.file(secret),
      vscode.Uri.file(outsideConfig),
      inWorkspaceOther,
      // Inside the workspace by its prefix, outside by its `..` segments: the same outside config.
      vscode.Uri.file(`${path.dirname(exampleUri().fsPath)}/${path.relative(path.dirname(exampleUri().fsPath), outsideConfig)}`),
    ];
    for (const uri of hostile) {
      const panel = restoreWith(savedState(uri.toString()));
      assert.equal(panel.followedUri, undefined, `${uri.toString()} is not followed`);
      assert.equal(panel.currentState.uri, null, 'nor kept in the state');
      // What the restored webview sends as it starts: the host answers it with no file read.
      await panel.receive({ type: 'ready' });
      assert.equal(panel.followedUri, undefined);
      assert.equal(panel.panel.title, 'restored', 'no file was shown');
      assert.ok(!isOpen(uri), `${uri.toString()} was not read`);
      panel.dispose();
    }
    // The real webview started too, and sent its own `ready`: still nothing read.
    await new Promise((r) => setTimeout(r, 1_000));
    for (const uri of hostile) assert.ok(!isOpen(uri), `${uri.toString()} was not read`);
  });

  it('does not follow a file a `state` message names', async () => {
    const secret = vscode.Uri.file(path.join(dir, 'state-secret.txt'));
    writeFileSync(secret.fsPath, 'API_KEY=do-not-read');
    const panel = restoreWith(undefined);
    await panel.receive({ type: 'state', state: savedState(secret.toString()) });
    await panel.receive({ type: 'ready' });
    assert.equal(panel.followedUri, undefined);
    assert.equal(panel.currentState.uri, null);
    assert.ok(!isOpen(secret));
  });

  it('writes nothing to the clipboard for an export nobody asked for', async function () {
    this.timeout(30_000);
    await vscode.env.clipboard.writeText('before');
    assert.equal(await vscode.env.clipboard.readText(), 'before', 'the clipboard works here');
    await vscode.commands.executeCommand('llmCostLens.openComparison', exampleUri());
    const panel = loadedPanelModule().ComparisonPanel.instance!;
    const unsolicited: unknown[] = [
      // The shape this message had before it carried a token.
      { type: 'export', format: 'csv', target: 'clipboard', content: 'stolen' },
      // A token of the right shape that the host never issued.
      { type: 'export', format: 'csv', target: 'clipboard', token: 'AAAAAAAAAAAAAAAAAAAAAA==', content: 'stolen' },
      { type: 'export', format: 'markdown', target: 'file', token: 'AAAAAAAAAAAAAAAAAAAAAA==', content: 'stolen' },
    ];
    for (const message of unsolicited) await panel.receive(message);
    assert.equal(await vscode.env.clipboard.readText(), 'before');

    // A click in a panel the user is not in (the editor has the focus) is not the user's either.
    await open(exampleUri());
    assert.equal(panel.panel.active, false);
    await panel.receive({ type: 'exportAsked', format: 'csv', target: 'clipboard' });
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(await vscode.env.clipboard.readText(), 'before');

    // The button in the panel the user is in: the host asks the webview, which answers with the host's token.
    panel.panel.reveal(undefined, false);
    assert.ok(await poll(() => panel.panel.active, (active) => active, 5_000), 'the panel has the focus');
    await panel.receive({ type: 'exportAsked', format: 'markdown', target: 'clipboard' });
    const clicked = await poll(() => vscode.env.clipboard.readText(), (text) => text !== 'before', 20_000);
    assert.match(clicked, /^# LLM cost comparison/);

    // The command asks the same way.
    await vscode.commands.executeCommand('llmCostLens.exportComparison', 'csv', 'clipboard');
    const copied = await poll(() => vscode.env.clipboard.readText(), (text) => text !== clicked, 20_000);
    assert.match(copied, /^workload,monthly_tokens_m,option/);
  });
});
