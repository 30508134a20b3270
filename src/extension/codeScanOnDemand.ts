import vscode = require('vscode');
import type { AnalysisCache } from './analysisCache';
import type { CodeScanProvider } from './codeScan';
import { isScanned } from './codeScanScope';
import { onDemand } from './onDemand';
import type { Settings } from './settings';

// The scanner's code is loaded when a document of a language it reads is first opened or shown (see ./onDemand.ts).
const codeScanModule = onDemand(() => require('./codeScan') as typeof import('./codeScan'));

/**
 * Starts the code scan (its providers and the scanner) when the first document it would
 * read is opened or shown: a workspace of other files, or of files the settings leave out,
 * never loads it. Owns what it starts.
 */
export class CodeScanOnDemand implements vscode.Disposable {
  private provider: CodeScanProvider | undefined;
  private readonly watchers: vscode.Disposable[];

  constructor(
    private readonly cache: AnalysisCache,
    private readonly settings: Settings,
  ) {
    this.watchers = [
      vscode.workspace.onDidOpenTextDocument((document) => this.consider(document)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.consider(editor.document))),
      // A language turned on again: the documents already open may need the scan now.
      settings.onDidChange(() => vscode.workspace.textDocuments.forEach((document) => this.consider(document))),
    ];
    for (const editor of vscode.window.visibleTextEditors) this.consider(editor.document);
  }

  private consider(document: vscode.TextDocument): void {
    if (this.provider || !isScanned(this.settings.current.codeScan, document)) return;
    this.provider = new (codeScanModule().CodeScanProvider)(this.cache, this.settings);
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
  }

  /** The catalog changed: what was shown is redone with it. */
  refresh(): void {
    this.provider?.refresh();
  }

  dispose(): void {
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
    this.provider?.dispose();
  }
}
