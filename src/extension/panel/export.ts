/**
 * Export: the comparison the webview built, as Markdown or CSV, to a file (save dialog)
 * or to the clipboard. The webview builds the content from its own view-model, so the
 * export matches what the panel shows and the extension host does not carry the panel's code.
 */
import vscode = require('vscode');
import type { ExportFormat, ExportTarget } from '../../protocol';

interface Choice extends vscode.QuickPickItem {
  format: ExportFormat;
  target: ExportTarget;
}

/** Format and destination, asked for what the caller did not give. */
export async function chooseExport(format: ExportFormat | undefined, target: ExportTarget | undefined): Promise<{ format: ExportFormat; target: ExportTarget } | undefined> {
  if (format && target) return { format, target };
  const choices: Choice[] = [
    { label: vscode.l10n.t('Markdown file…'), description: '.md', format: 'markdown', target: 'file' },
    { label: vscode.l10n.t('CSV file…'), description: '.csv', format: 'csv', target: 'file' },
    { label: vscode.l10n.t('Markdown to the clipboard'), format: 'markdown', target: 'clipboard' },
    { label: vscode.l10n.t('CSV to the clipboard'), format: 'csv', target: 'clipboard' },
  ];
  const choice = await vscode.window.showQuickPick(
    choices.filter((c) => (!format || c.format === format) && (!target || c.target === target)),
    { title: vscode.l10n.t('Export the LLM cost comparison'), placeHolder: vscode.l10n.t('Format and destination') },
  );
  return choice && { format: choice.format, target: choice.target };
}

/** Writes the report; `destination` skips the save dialog (the command's third argument, for tasks and tests). */
export async function writeExport(configUri: vscode.Uri, format: ExportFormat, target: ExportTarget, content: string, destination?: vscode.Uri): Promise<boolean> {
  const kind = format === 'csv' ? 'CSV' : 'Markdown';
  if (target === 'clipboard') {
    await vscode.env.clipboard.writeText(content);
    void vscode.window.showInformationMessage(vscode.l10n.t('LLM Cost Lens: comparison copied as {0}.', kind));
    return true;
  }
  const extension = format === 'csv' ? 'csv' : 'md';
  destination ??= await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(configUri, '..', `llm-cost-comparison.${extension}`),
    filters: format === 'csv' ? { CSV: ['csv'] } : { Markdown: ['md'] },
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export the LLM cost comparison'),
  });
  if (!destination) return false;
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(content));
  // The file is what was asked for: one click opens it.
  const openLabel = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t('LLM Cost Lens: comparison written to {0}.', vscode.workspace.asRelativePath(destination)), openLabel).then(async (picked) => {
    if (picked === openLabel) await vscode.window.showTextDocument(destination);
  });
  return true;
}
