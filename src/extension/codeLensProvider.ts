import * as vscode from 'vscode';
import type { AnalysisCache } from './analysisCache';
import { CONFIG_SELECTOR } from './ids';

/** Inline costs above each workload. Owns its registration. */
export class CostCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor(private readonly cache: AnalysisCache) {
    this.registration = vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, this);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const analysis = this.cache.get(document);
    return analysis.lenses.map((lens) => {
      const range = new vscode.Range(document.positionAt(lens.offset), document.positionAt(lens.offset));
      return new vscode.CodeLens(range, { title: lens.title, command: '' });
    });
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
