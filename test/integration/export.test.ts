import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EMPTY_INPUTS } from '../../src/protocol';
import { monthOf } from '../../src/engine';
import { buildReport } from '../../webview/report';
import { usePanelCatalog } from '../../webview/viewModel';
import { activateExtension, closeAll, exampleUri, open, poll } from './helpers';
import { cliCatalogFiles } from '../../src/cli/catalogFiles';

describe('export', () => {
  before(activateExtension);
  after(closeAll);

  for (const format of ['markdown', 'csv'] as const) {
    it(`"Export Comparison…" writes the panel's ${format} report to the file named`, async function () {
      this.timeout(30_000);
      await open(exampleUri());
      await vscode.commands.executeCommand('llmCostLens.openComparison', exampleUri());
      const destination = vscode.Uri.file(path.join(os.tmpdir(), `llm-cost-lens-export-${process.pid}.${format === 'csv' ? 'csv' : 'md'}`));
      await vscode.workspace.fs.delete(destination).then(undefined, () => undefined);
      await vscode.commands.executeCommand('llmCostLens.exportComparison', format, 'file', destination);
      const read = () => vscode.workspace.fs.readFile(destination).then((bytes) => new TextDecoder().decode(bytes), () => '');
      const written = await poll(read, (text) => text.length > 0, 20_000);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(exampleUri()));
      // The webview built it from the panel's (untouched) inputs and the catalog files the extension
      // sends it: the same report as the view-model's, with the prices marked stale as the editor
      // marks them (llmCostLens.pricing.staleAfterDays).
      usePanelCatalog({ ...cliCatalogFiles(), staleness: { nowMs: Date.now(), days: 90 } });
      // The panel prices the month the editor does, the current one (staleness reads the clock too).
      assert.equal(written, buildReport(text, { month: monthOf(new Date()) }, EMPTY_INPUTS, format));
      assert.match(written, format === 'csv' ? /^workload,monthly_tokens_m,option/ : /^# LLM cost comparison/);
      // The notification's "Open" (its primary action) opens the file written.
      const opened = () => vscode.window.activeTextEditor?.document.uri.toString() === destination.toString();
      await poll(
        async () => {
          if (!opened()) await vscode.commands.executeCommand('notification.acceptPrimaryAction');
          return opened();
        },
        (done) => done,
        10_000,
      );
      assert.ok(opened(), `the exported file is open: ${vscode.window.activeTextEditor?.document.uri.toString()}`);
      await closeAll();
      await vscode.workspace.fs.delete(destination);
    });
  }
});
