/**
 * Export: the current comparison as Markdown or CSV, to a file (save dialog) or to the
 * clipboard. The content is built by the same pure report module the webview uses, from
 * the config text and the panel's inputs, so the export matches what the panel shows.
 */
import * as vscode from 'vscode';
import type { ExportFormat, ExportTarget, PanelState, SettingsAssumptions } from '../../protocol';
import { buildReport } from '../../../webview/report';

export interface ExportRequest {
  uri: vscode.Uri;
  text: string;
  settings: SettingsAssumptions;
  state: PanelState;
  format: ExportFormat | undefined;
  target: ExportTarget | undefined;
}

interface Choice extends vscode.QuickPickItem {
  format: ExportFormat;
  target: ExportTarget;
}

const CHOICES: Choice[] = [
  { label: 'Markdown file…', description: '.md', format: 'markdown', target: 'file' },
  { label: 'CSV file…', description: '.csv', format: 'csv', target: 'file' },
  { label: 'Markdown to the clipboard', format: 'markdown', target: 'clipboard' },
  { label: 'CSV to the clipboard', format: 'csv', target: 'clipboard' },
];

export async function exportComparison(request: ExportRequest): Promise<boolean> {
  let { format, target } = request;
  if (!format || !target) {
    const choice = await vscode.window.showQuickPick(
      CHOICES.filter((c) => (!format || c.format === format) && (!target || c.target === target)),
      { title: 'Export the LLM cost comparison', placeHolder: 'Format and destination' },
    );
    if (!choice) return false;
    format = choice.format;
    target = choice.target;
  }
  const content = buildReport(request.text, request.settings, request.state.inputs, format);
  if (target === 'clipboard') {
    await vscode.env.clipboard.writeText(content);
    void vscode.window.showInformationMessage(`LLM Cost Lens: comparison copied as ${format === 'csv' ? 'CSV' : 'Markdown'}.`);
    return true;
  }
  const extension = format === 'csv' ? 'csv' : 'md';
  const folder = vscode.Uri.joinPath(request.uri, '..');
  const destination = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, `llm-cost-comparison.${extension}`),
    filters: format === 'csv' ? { CSV: ['csv'] } : { Markdown: ['md'] },
    saveLabel: 'Export',
    title: 'Export the LLM cost comparison',
  });
  if (!destination) return false;
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(content));
  void vscode.window.showInformationMessage(`LLM Cost Lens: comparison written to ${vscode.workspace.asRelativePath(destination)}.`);
  return true;
}
