/**
 * `llmCostLens.explainFigure`, run by clicking a lens or a hover's "more" link: a page beside
 * the config with how the figure was computed, the values that went in, where they come from,
 * and links that reveal the fields of the config. One page, reused; it follows the file as it
 * changes. The page runs no script: its links are command links to revealField only.
 *
 * Loaded by the first click (a bundle of its own in the desktop build, see onDemand.ts): a
 * session that never opens a page does not load the page's code or the model card's.
 */
import vscode = require('vscode');
import type { AnalysisCache } from './analysisCache';
import { isExplainArgs, type LensKey } from './explainArgs';
import { explanationHtml, explanationView, type ExplanationView } from './explanationView';
import { Commands, isConfigUri } from './ids';
import { makeNonce } from './panel/html';
import type { Settings } from './settings';

/** The open page, for the tests: what it shows now and its HTML. */
export interface ExplanationPage {
  readonly view: ExplanationView;
  readonly html: string;
  readonly panel: vscode.WebviewPanel;
}

const EMPTY: ExplanationView = { title: '', subtitle: '', steps: [], fields: [], sources: [], detail: [] };

export class ExplanationPages implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The figure the page explains, and what it shows of it now. */
  private target: { uri: vscode.Uri; key: LensKey; model: boolean } | undefined;
  private current: { view: ExplanationView; html: string } | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly cache: AnalysisCache,
    settings: Settings,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.target && event.document.uri.toString() === this.target.uri.toString()) this.render(event.document);
      }),
      settings.onDidChange(() => void this.refresh()),
    ];
  }

  async explain(arg: unknown): Promise<ExplanationPage | undefined> {
    if (!isExplainArgs(arg)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Click a cost or verdict lens to see how its figure was computed.'));
      return undefined;
    }
    const uri = vscode.Uri.parse(arg.uri, true);
    if (!isConfigUri(uri)) return undefined;
    const document = await vscode.workspace.openTextDocument(uri);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'llmCostLens.explanation',
        vscode.l10n.t('Explanation'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // No script; the only command a link may run is revealing a field.
        { enableScripts: false, enableCommandUris: [Commands.revealField], localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.target = undefined;
        this.current = undefined;
      });
    } else {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
    }
    this.target = { uri, key: arg.lens, model: arg.model === true };
    this.render(document);
    return this.page();
  }

  /** The page, read live: what it shows after an edit (the tests read it). */
  page(): ExplanationPage | undefined {
    const panel = this.panel;
    if (!panel || !this.current) return undefined;
    const current = () => this.current ?? { view: EMPTY, html: '' };
    return {
      get view() {
        return current().view;
      },
      get html() {
        return current().html;
      },
      panel,
    };
  }

  private async refresh(): Promise<void> {
    if (!this.target) return;
    this.render(await vscode.workspace.openTextDocument(this.target.uri));
  }

  private render(document: vscode.TextDocument): void {
    if (!this.panel || !this.target) return;
    const { analysis, text } = this.cache.getGood(document);
    const view = explanationView(analysis, text, this.target.key, this.cache.catalog, this.target.model);
    const html = explanationHtml(view, this.target.uri, makeNonce());
    this.current = { view, html };
    this.panel.title = vscode.l10n.t('Explanation: {0}', view.title);
    this.panel.webview.html = html;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/**
 * `llmCostLens.revealField`: selects a field of a config in its editor. Its arguments come from
 * a page's link, so they are checked: a config file, and a range inside its text.
 */
export async function revealField(uriArg: unknown, offset: unknown, length: unknown): Promise<boolean> {
  if (typeof uriArg !== 'string' || !Number.isInteger(offset) || !Number.isInteger(length)) return false;
  const uri = vscode.Uri.parse(uriArg, true);
  if (!isConfigUri(uri)) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const start = offset as number;
  const end = start + (length as number);
  if (start < 0 || end > document.getText().length || end < start) return false;
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn ?? vscode.ViewColumn.One;
  const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
