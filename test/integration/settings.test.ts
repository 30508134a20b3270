import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readSettings, RESTRICTED_KEYS } from '../../src/extension/settings';
import { activateExtension, setSetting } from './helpers';
import { scanLanguages } from '../../src/engine/scan';

describe('settings, as VS Code resolves them', () => {
  const { Global, Workspace } = vscode.ConfigurationTarget;
  let hadWorkspaceSettings = false;
  let settingsFolder: vscode.Uri;

  before(async () => {
    await activateExtension();
    settingsFolder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, '.vscode');
    hadWorkspaceSettings = await vscode.workspace.fs.stat(settingsFolder).then(
      () => true,
      () => false,
    );
  });

  after(async () => {
    for (const target of [Global, Workspace]) {
      for (const key of ['gpuHourlyUsd', 'hoursPerMonth', 'diagnostics.severityOverrides', 'codeLens.enabled', 'compareWithCatalog', 'diagnostics.debounceMs']) {
        await setSetting(key, undefined, target);
      }
    }
    // The workspace is the repository's examples/: leave it as it was.
    if (!hadWorkspaceSettings) await vscode.workspace.fs.delete(settingsFolder, { recursive: true }).then(undefined, () => undefined);
  });

  it('reads every llmCostLens setting into one typed object, with the manifest’s defaults', () => {
    const settings = readSettings(vscode.workspace.getConfiguration('llmCostLens'), true);
    assert.deepEqual(settings, {
      gpuHourlyUsd: null,
      hoursPerMonth: 720,
      inputShare: 0.5,
      utilization: 1,
      concurrency: 1,
      contextTokens: 8192,
      codeLensEnabled: true,
      compareWithCatalog: false,
      debounceMs: 300,
      severityOverrides: {},
      codeScan: { enabled: true, languages: [...scanLanguages.ids], include: [], exclude: [], inlinePrices: false },
      assumptions: {},
    });
  });

  it('declares the same restricted settings as package.json', () => {
    const manifest = vscode.extensions.getExtension('llm-cost-lens.llm-cost-lens')!.packageJSON as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    };
    assert.deepEqual(
      [...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
      RESTRICTED_KEYS.map((key) => `llmCostLens.${key}`).sort(),
    );
  });

  it('in Restricted Mode takes restricted settings from the user only, never from the workspace', async () => {
    await setSetting('gpuHourlyUsd', 3, Global);
    await setSetting('gpuHourlyUsd', 9, Workspace);
    await setSetting('hoursPerMonth', 100, Workspace);
    await setSetting('diagnostics.severityOverrides', { 'unknown-model': 'off' }, Workspace);
    await setSetting('diagnostics.debounceMs', 50, Workspace);
    const configuration = vscode.workspace.getConfiguration('llmCostLens');

    const trusted = readSettings(configuration, true);
    assert.equal(trusted.gpuHourlyUsd, 9);
    assert.equal(trusted.hoursPerMonth, 100);
    assert.deepEqual(trusted.severityOverrides, { 'unknown-model': 'off' });
    assert.deepEqual(trusted.assumptions, { gpuHourlyUsd: 9, hoursPerMonth: 100 });

    const restricted = readSettings(configuration, false);
    assert.equal(restricted.gpuHourlyUsd, 3, 'the user’s own GPU price');
    assert.equal(restricted.hoursPerMonth, 720, 'the default, not the workspace’s');
    assert.deepEqual(restricted.severityOverrides, {}, 'a workspace cannot hide findings');
    assert.deepEqual(restricted.assumptions, { gpuHourlyUsd: 3 });
    assert.equal(restricted.debounceMs, 50, 'settings that are not restricted still come from the workspace');
  });

  it('ignores values of the wrong type instead of passing them to the engine', async () => {
    await setSetting('hoursPerMonth', 'many', Global);
    await setSetting('diagnostics.severityOverrides', { a: 'loud', b: 'hint' }, Global);
    const settings = readSettings(vscode.workspace.getConfiguration('llmCostLens'), true);
    assert.equal(settings.hoursPerMonth, 100, 'the workspace value still applies');
    await setSetting('hoursPerMonth', undefined, Workspace);
    const again = readSettings(vscode.workspace.getConfiguration('llmCostLens'), true);
    assert.equal(again.hoursPerMonth, 720, 'the default, not "many"');
    assert.equal(again.assumptions.hoursPerMonth, 720);
    assert.equal(again.severityOverrides.a, undefined, '"loud" is no severity');
    assert.equal(again.severityOverrides.b, 'hint');
  });
});
