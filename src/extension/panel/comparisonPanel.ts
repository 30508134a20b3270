/**
 * The comparison panel on the host side: one webview panel that follows the active
 * llm.config.json, sends it the config text (the webview runs the engine itself), and
 * carries out what the webview asks for after validating the message. The webview is
 * untrusted: it never chooses which file is read (its saved state is checked on restore)
 * and an export is written only as the answer to a request the host made (exportGate.ts).
 */
import vscode = require('vscode');
import type { CatalogFileTexts } from '../../engine';
import {
  EMPTY_INPUTS,
  EXPORT_FORMATS,
  EXPORT_TARGETS,
  parsePanelState,
  parseWebviewMessage,
  type ExportFormat,
  type ExportTarget,
  type HostMessage,
  type PanelState,
  type SettingsAssumptions,
  type WebviewMessage,
} from '../../protocol';
import { neutralizeBidi } from '../../untrustedText';
import { checkFile, configRefusalMessage, MAX_CONFIG_BYTES } from '../boundedRead';
import { configEdits, minimalReplacement } from './configEdits';
import { COMPARISON_OPEN_CONTEXT, Commands, isConfigUri, VIEW_TYPE } from '../ids';
import { pickWorkspaceConfig, restorableConfig, workspaceHasConfigs } from './configChoice';
import { chooseExport, writeExport } from './export';
import { ExportGate } from './exportGate';
import { panelHtml } from './html';

let settingsSource: () => SettingsAssumptions = () => ({});

/** Reads the assumptions from the extension's settings reader (which applies workspace trust). */
export function useSettings(source: () => SettingsAssumptions): void {
  settingsSource = source;
}

/** The catalog's files, sent to each panel so that it analyzes with the editor's catalog. */
let catalogFiles: () => Promise<CatalogFileTexts> = async () => ({});

export function useCatalogFiles(source: () => Promise<CatalogFileTexts>): void {
  catalogFiles = source;
}

function defaultState(uri: vscode.Uri | undefined): PanelState {
  return { v: 1, uri: uri?.toString() ?? null, tab: 'cost', inputs: { ...EMPTY_INPUTS }, benchmarkSort: null };
}

export class ComparisonPanel implements vscode.Disposable {
  private static current: ComparisonPanel | undefined;

  static get instance(): ComparisonPanel | undefined {
    return ComparisonPanel.current;
  }

  /** Opens the panel (or brings it forward) on `uri`. */
  static show(extensionUri: vscode.Uri, uri: vscode.Uri | undefined): ComparisonPanel {
    const existing = ComparisonPanel.current;
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside);
      if (uri) void existing.follow(uri);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      vscode.l10n.t('LLM Cost Comparison'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      ComparisonPanel.webviewOptions(extensionUri),
    );
    return new ComparisonPanel(panel, extensionUri, uri, undefined);
  }

  /**
   * Restores the panel VS Code kept across a window reload. The saved state is the
   * webview's: its config is followed only if it is an llm.config.json of the workspace;
   * otherwise the panel asks the user to pick one, and that file is never read.
   */
  static restore(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, saved: unknown): ComparisonPanel {
    ComparisonPanel.current?.dispose();
    const state = parsePanelState(saved);
    const uri = state?.uri ? restorableConfig(state.uri) : undefined;
    panel.webview.options = ComparisonPanel.webviewOptions(extensionUri);
    const restored = new ComparisonPanel(panel, extensionUri, uri, state && { ...state, uri: uri?.toString() ?? null });
    restored.refusedRestore = state?.uri !== undefined && state.uri !== null && !uri;
    return restored;
  }

  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    };
  }

  private readonly disposables: vscode.Disposable[] = [];
  private uri: vscode.Uri | undefined;
  private state: PanelState;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private markReady!: () => void;
  /** The export requests the host made, which alone the webview's `export` messages may answer. */
  private readonly exports = new ExportGate<vscode.Uri>();
  /** The saved state named a file the panel does not open: said once, when the webview is ready. */
  private refusedRestore = false;
  /**
   * Settles when the webview's script listens and has been sent its document. A hidden
   * webview is unloaded (its state lives in getState), so hiding starts a new wait.
   */
  private ready = this.newReady();

  private newReady(): Promise<void> {
    return new Promise<void>((resolve) => (this.markReady = resolve));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    uri: vscode.Uri | undefined,
    restored: PanelState | undefined,
  ) {
    ComparisonPanel.current = this;
    this.uri = uri;
    this.state = restored ?? defaultState(uri);
    void vscode.commands.executeCommand('setContext', COMPARISON_OPEN_CONTEXT, true);
    panel.webview.html = panelHtml(panel.webview, vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.ready = this.newReady();
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isConfigUri(editor.document.uri) && editor.document.uri.toString() !== this.uri?.toString()) {
          void this.follow(editor.document.uri);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === this.uri?.toString()) this.schedulePost();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('llmCostLens')) this.schedulePost();
      }),
    );
  }

  /**
   * A message from the webview, as it arrives: anything that is not one of the protocol's
   * messages, exactly, is dropped. Returns when it has been handled.
   */
  async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (message) await this.handle(message);
  }

  get followedUri(): vscode.Uri | undefined {
    return this.uri;
  }

  get currentState(): PanelState {
    return this.state;
  }

  /** The editor's catalog changed (refreshed prices): the panel analyzes with the new one. */
  async postCatalog(): Promise<void> {
    this.post({ type: 'catalog', files: await catalogFiles() });
  }

  async follow(uri: vscode.Uri): Promise<void> {
    this.uri = uri;
    this.state = { ...this.state, uri: uri.toString() };
    await this.postDocument();
  }

  private schedulePost(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.postDocument();
    }, 120);
  }

  private post(message: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async postDocument(): Promise<void> {
    const uri = this.uri;
    if (!uri) {
      this.post({ type: 'document', uri: null, label: '', text: '', version: 0, settings: settingsSource(), pick: await workspaceHasConfigs() });
      return;
    }
    // A document the editor has open is read already; any other file is read only within the limits.
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
      const refusal = await checkFile(uri, MAX_CONFIG_BYTES);
      if (refusal && uri.toString() === this.uri?.toString()) {
        this.uri = undefined;
        this.state = { ...this.state, uri: null };
        await this.postDocument();
        this.post({ type: 'notice', kind: 'error', text: `${neutralizeBidi(vscode.workspace.asRelativePath(uri, true))}: ${configRefusalMessage(refusal)}` });
        return;
      }
    }
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      this.post({ type: 'notice', kind: 'error', text: vscode.l10n.t('Cannot read {0}: {1}', uri.fsPath, String(error)) });
      return;
    }
    if (uri.toString() !== this.uri?.toString()) return; // it moved on meanwhile
    this.panel.title = vscode.l10n.t('LLM Cost Comparison: {0}', vscode.workspace.asRelativePath(uri, false));
    this.post({
      type: 'document',
      uri: uri.toString(),
      label: vscode.workspace.asRelativePath(uri, true),
      text: document.getText(),
      version: document.version,
      settings: settingsSource(),
    });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post({ type: 'catalog', files: await catalogFiles() });
        this.post({ type: 'restore', state: this.state });
        await this.postDocument();
        if (this.refusedRestore) {
          this.refusedRestore = false;
          this.post({ type: 'notice', kind: 'error', text: vscode.l10n.t('The saved comparison named a file that is not an llm.config.json of this workspace: it was not opened. Pick a config.') });
        }
        // Ready for requests once the webview has a document to answer them from.
        this.markReady();
        return;
      case 'state':
        // The tab and the inputs are the webview's; which config is followed is the host's.
        this.state = { ...message.state, uri: this.state.uri };
        return;
      case 'apply':
        await this.apply(message);
        return;
      case 'exportAsked':
        // A click in the panel makes it the active editor: a request from a panel the user is not in is not the user's.
        if ((await this.activeSoon()) && this.uri) await this.requestExport(message.format, message.target, undefined);
        return;
      case 'export':
        await this.answerExport(message);
        return;
      case 'pickConfig':
        await this.pickConfig();
        return;
      case 'reveal':
        if (this.uri) await vscode.window.showTextDocument(this.uri, { viewColumn: vscode.ViewColumn.One });
        return;
      case 'createConfig':
        await this.createConfig();
        return;
    }
  }

  /**
   * The welcome state's button: the extension's own "Create llm.config.json" command, then
   * the panel follows the new config, beside the editor that shows it.
   */
  private async createConfig(): Promise<void> {
    const created: unknown = await vscode.commands.executeCommand(Commands.createConfig);
    const document = created && typeof created === 'object' && 'uri' in created ? (created as vscode.TextDocument) : undefined;
    if (!document || !isConfigUri(document.uri) || this.disposed) return;
    const editorColumn = vscode.window.activeTextEditor?.viewColumn;
    // The command opens the config in the active group, the panel's: the panel moves beside it.
    if (editorColumn !== undefined && editorColumn === this.panel.viewColumn) this.panel.reveal(vscode.ViewColumn.Beside, true);
    await this.follow(document.uri);
  }

  private async apply(message: Extract<WebviewMessage, { type: 'apply' }>): Promise<void> {
    const uri = vscode.Uri.parse(message.uri);
    if (uri.toString() !== this.uri?.toString()) return;
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const insertSpaces = editor ? editor.options.insertSpaces !== false : true;
    const tabSize = editor && typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 2;
    const before = document.getText();
    const { text: after, changed } = configEdits(
      before,
      { assumptions: message.assumptions, volumesM: message.volumesM },
      { insertSpaces, tabSize, eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' },
    );
    if (changed.length === 0) {
      this.post({ type: 'notice', kind: 'info', text: vscode.l10n.t('The config already holds these values.') });
      return;
    }
    const r = minimalReplacement(before, after);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(r.offset), document.positionAt(r.offset + r.length)), r.content);
    const ok = await vscode.workspace.applyEdit(edit);
    await this.postDocument();
    this.post(
      ok
        ? { type: 'notice', kind: 'applied', text: vscode.l10n.t('Written to {0}: {1}. Undo with Ctrl+Z in the editor.', vscode.workspace.asRelativePath(uri), changed.join(', ')) }
        : { type: 'notice', kind: 'error', text: vscode.l10n.t('The config could not be changed.') },
    );
  }

  /** The "Export Comparison…" command: asks how (a format or target that is not one of the panel's is asked for), then lets the webview build the report. */
  async export(formatGiven: unknown, targetGiven: unknown, destination?: vscode.Uri): Promise<void> {
    const format = (EXPORT_FORMATS as readonly unknown[]).includes(formatGiven) ? (formatGiven as ExportFormat) : undefined;
    const target = (EXPORT_TARGETS as readonly unknown[]).includes(targetGiven) ? (targetGiven as ExportTarget) : undefined;
    if (!this.uri) {
      void vscode.window.showWarningMessage(vscode.l10n.t('LLM Cost Lens: there is no llm.config.json to export.'));
      return;
    }
    const chosen = await chooseExport(format, target);
    if (!chosen) return;
    if (!this.panel.visible) this.panel.reveal(this.panel.viewColumn, true);
    await this.requestExport(chosen.format, chosen.target, chosen.target === 'file' ? destination : undefined);
  }

  /**
   * Whether the panel is the active editor, or becomes it within half a second: the click that
   * focused it can reach the host before the news that it is focused.
   */
  private activeSoon(): Promise<boolean> {
    if (this.panel.active) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (active: boolean) => {
        clearTimeout(timer);
        listener.dispose();
        resolve(active);
      };
      const timer = setTimeout(() => done(this.panel.active), 500);
      const listener = this.panel.onDidChangeViewState(({ webviewPanel }) => webviewPanel.active && done(true));
    });
  }

  /** Asks the webview for the report, once its script listens (a hidden panel reloads it when shown). */
  private async requestExport(format: ExportFormat, target: ExportTarget, destination: vscode.Uri | undefined): Promise<void> {
    await this.ready;
    const token = this.exports.issue({ format, target, destination });
    this.post({ type: 'requestExport', format, target, token });
  }

  /** The webview's report: written only as the answer to the request open now (see exportGate.ts). */
  private async answerExport(message: Extract<WebviewMessage, { type: 'export' }>): Promise<void> {
    const verdict = this.exports.accept(message);
    if (!verdict.ok) {
      if (verdict.reason === 'too-long') {
        const text = message.target === 'clipboard'
          ? vscode.l10n.t('The report is too long for the clipboard: export it to a file.')
          : vscode.l10n.t('The report is too long to export.');
        this.post({ type: 'notice', kind: 'error', text });
      }
      // An answer to no request (or to another one) is not the user's: nothing is written.
      return;
    }
    const { format, target, destination } = verdict.request;
    if (this.uri) await writeExport(this.uri, format, target, verdict.content, destination);
  }

  /** The "Pick a config…" button: one of the workspace's configs, as the user chooses. */
  private async pickConfig(): Promise<void> {
    const picked = await pickWorkspaceConfig();
    if (picked === 'none') this.post({ type: 'notice', kind: 'info', text: vscode.l10n.t('This workspace has no llm.config.json yet: create one.') });
    else if (picked && !this.disposed) await this.follow(picked);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ComparisonPanel.current === this) {
      ComparisonPanel.current = undefined;
      void vscode.commands.executeCommand('setContext', COMPARISON_OPEN_CONTEXT, false);
    }
    if (this.pending) clearTimeout(this.pending);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
