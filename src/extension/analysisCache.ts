import type * as vscode from 'vscode';
import { analyze, type Analysis } from '../engine';

/** One analysis per document version: lenses, hovers and diagnostics share it. */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; analysis: Analysis }>();

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === document.version) return hit.analysis;
    const analysis = analyze(document.getText());
    this.entries.set(key, { version: document.version, analysis });
    return analysis;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }
}
