import * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { CostCodeLensProvider } from './codeLensProvider';

/** Registration only: every analysis runs lazily, when a provider is first asked. */
export function activate(context: vscode.ExtensionContext): void {
  try {
    const cache = new AnalysisCache();
    context.subscriptions.push(new CostCodeLensProvider(cache));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`LLM Cost Lens failed to start: ${message}`);
  }
}

export function deactivate(): void {}
