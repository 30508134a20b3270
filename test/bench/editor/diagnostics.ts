import * as vscode from 'vscode';

/** Resolves when the diagnostics of `uri` next change. */
export function nextDiagnostics(uri: vscode.Uri): Promise<void> {
  return diagnosticsWhere(uri, () => true);
}

/**
 * Resolves when the diagnostics of `uri` next change to what `shows` looks for: another
 * extension's (VS Code's JSON validation of the same file) may change first.
 */
export function diagnosticsWhere(uri: vscode.Uri, shows: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && shows(vscode.languages.getDiagnostics(uri))) {
        sub.dispose();
        resolve();
      }
    });
  });
}

/** Whether the extension's diagnostics say the model `name` is unknown. */
export const saysUnknown = (name: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => d.source === 'LLM Cost Lens' && d.message.startsWith(`Unknown model "${name}"`));
