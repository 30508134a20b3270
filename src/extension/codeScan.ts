import vscode = require('vscode');
import { type Analysis, type Catalog, findModel, formatUsd, resolutionOf, suggestModel } from '../engine';
import { scanLanguages, scanText, type ModelReference as CodeReference } from '../engine/scan';
import type { AnalysisCache } from './analysisCache';
import { MAX_CONFIG_BYTES, readTextBounded } from './boundedRead';
import { inertMarkdown, modelHover } from './hoverProvider';
import { CONFIG_GLOB, DIAGNOSTIC_SOURCE, isConfigUri } from './ids';
import { isScanned } from './codeScanScope';
import { escapeMarkdown as esc } from './markdown';
import type { Settings } from './settings';

/** Diagnostic codes of the code scan. */
export const CodeScanCodes = {
  unknown: 'code-unknown-model',
  retired: 'code-retired-model',
  notAllowed: 'code-model-not-allowed',
} as const;

/** A workspace's llm.config.json, analyzed. */
interface ConfigAnalysis {
  uri: vscode.Uri;
  analysis: Analysis;
}

/** From this size, the lines in view are scanned before the rest (about 1,500 lines of code). */
const VISIBLE_FIRST_CHARS = 64 * 1024;

/** How long the list of config files found on disk is kept. */
const CONFIG_LIST_MS = 10_000;

/** The document selector for every language the scanner reads; each provider filters by the settings. */
export function codeScanSelector(): vscode.DocumentSelector {
  return scanLanguages.ids.map((language) => ({ language }));
}

/** Whether a price entry behind a name is retired. */
export function isRetired(name: string, catalog: Catalog): boolean {
  const card = findModel(name, catalog);
  if (card?.price?.entry?.retired) return true;
  return resolutionOf(name, catalog)?.entry?.retired === true;
}

/**
 * Model names in source code: hovers with the model card, information diagnostics (unknown,
 * retired, not allowed by the config), a did-you-mean quick fix and, opt-in, inline prices.
 * A document is scanned on the first request that needs it, once per version. Owns its registrations.
 */
export class CodeScanProvider implements vscode.HoverProvider, vscode.CodeActionProvider, vscode.InlayHintsProvider, vscode.Disposable {
  private readonly scans = new Map<string, { version: number; references: CodeReference[] }>();
  private readonly collection = vscode.languages.createDiagnosticCollection('llmCostLens.codeScan');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private configList: { at: number; uris: Promise<vscode.Uri[]> } | undefined;
  private readonly diskConfigs = new Map<string, { at: number; analysis: Analysis }>();
  private readonly hintsChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.hintsChanged.event;

  constructor(
    private readonly cache: AnalysisCache,
    private readonly settings: Settings,
  ) {
    const selector = codeScanSelector();
    this.disposables.push(
      this.collection,
      this.hintsChanged,
      vscode.languages.registerHoverProvider(selector, this),
      vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.languages.registerInlayHintsProvider(selector, this),
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (isConfigUri(event.document.uri)) this.configsChanged();
        else this.schedule(event.document, this.settings.current.debounceMs);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) this.schedule(editor.document, 0);
      }),
      settings.onDidChange(() => this.refresh()),
    );
    // Visible editors first; other open documents get theirs when they are shown or changed.
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, 0);
  }

  /** Whether the settings have this document scanned. */
  private enabled(document: vscode.TextDocument): boolean {
    return isScanned(this.settings.current.codeScan, document);
  }

  /** The document's model names, scanned once per version. */
  references(document: vscode.TextDocument): CodeReference[] {
    if (!this.enabled(document)) return [];
    const key = document.uri.toString();
    const hit = this.scans.get(key);
    if (hit && hit.version === document.version) return hit.references;
    const references = scanText(document.getText(), document.languageId, this.cache.catalog);
    this.scans.set(key, { version: document.version, references });
    return references;
  }

  private referenceAt(document: vscode.TextDocument, position: vscode.Position): CodeReference | undefined {
    return this.references(document).find(
      (r) => r.line === position.line && position.character >= r.column && position.character <= r.column + r.length,
    );
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const reference = this.referenceAt(document, position);
    if (!reference) return undefined;
    const catalog = this.cache.catalog;
    const configs = await this.configs();
    const id = reference.model;
    const uses = id
      ? configs.flatMap((c) => c.analysis.workloads.filter((w) => sameModel(w.model, id, reference.text)).map((w) => ({ config: c, workload: w })))
      : [];
    const first = uses[0];
    const analysis = first?.config.analysis ?? this.cache.analyzeText('{ "workloads": [] }');
    const card = findModel(reference.text, catalog) ?? (id ? findModel(id, catalog) : undefined);
    const markdown = modelHover(
      { offset: 0, length: 0, modelId: id ?? reference.text, known: id !== null, card, workload: first?.workload.index },
      analysis,
      catalog,
      first?.config.uri,
    );
    const heading = inertMarkdown();
    const resolved = id
      ? vscode.l10n.t('“{0}” resolves to {1}', reference.text, id) + (reference.host ? vscode.l10n.t(' (host: {0})', reference.host) : '')
      : vscode.l10n.t('“{0}” looks like a model id but is not in the catalog.', reference.text);
    heading.appendMarkdown(`${esc(resolved, Infinity)}\n\n`);
    if (!id) {
      const suggestion = suggestModel(reference.text, catalog, false);
      if (suggestion) heading.appendMarkdown(`${esc(vscode.l10n.t('Did you mean “{0}”?', suggestion), Infinity)}\n\n`);
      return new vscode.Hover(heading, rangeOf(reference));
    }
    if (isRetired(reference.text, catalog)) heading.appendMarkdown(`${esc(vscode.l10n.t('Retired: the price shown is its last known price.'), Infinity)}\n\n`);
    const used = inertMarkdown();
    if (uses.length > 0) {
      const names = uses.map((u) => `${u.workload.name} (${vscode.workspace.asRelativePath(u.config.uri)})`);
      used.appendMarkdown(`**${esc(vscode.l10n.t('Workloads in llm.config.json with this model'))}**: ${esc(names.join(', '), Infinity)}\n\n`);
    } else if (configs.length > 0) {
      used.appendMarkdown(`${esc(vscode.l10n.t('No workload of llm.config.json uses this model.'), Infinity)}\n\n`);
    }
    return new vscode.Hover(used.value ? [heading, used, markdown] : [heading, markdown], rangeOf(reference));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || codeOf(diagnostic) !== CodeScanCodes.unknown) continue;
      const reference = this.references(document).find((r) => rangeOf(r).isEqual(diagnostic.range));
      if (!reference) continue;
      const suggestion = suggestModel(reference.text, this.cache.catalog, false);
      if (!suggestion) continue;
      const action = new vscode.CodeAction(vscode.l10n.t('Replace with “{0}”', suggestion), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, suggestion);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!this.settings.current.codeScan.inlinePrices) return [];
    const hints: vscode.InlayHint[] = [];
    for (const reference of this.references(document)) {
      if (!reference.model || reference.line < range.start.line || reference.line > range.end.line) continue;
      const price = findModel(reference.text, this.cache.catalog)?.price;
      if (!price) continue;
      const label = vscode.l10n.t('{0} / {1} per 1M', formatUsd(price.inputPerMillionUsd), formatUsd(price.outputPerMillionUsd));
      const hint = new vscode.InlayHint(new vscode.Position(reference.line, reference.column + reference.length + 1), label);
      hint.paddingLeft = true;
      hints.push(hint);
    }
    return hints;
  }

  /** Diagnostics for a document, `delay` ms from now (typing restarts the wait). */
  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    if (!this.enabled(document)) {
      this.collection.delete(document.uri);
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.diagnose(document);
      }, delay),
    );
  }

  private async diagnose(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || !this.enabled(document)) return;
    const version = document.version;
    const configs = await this.configs();
    if (document.isClosed || document.version !== version) return;
    const allowed = configs.map((c) => c.analysis.allowedModels).filter((a): a is string[] => a !== null);
    // A large document shown from its top: the lines in view first, the rest on the next turn.
    const visibleTo = this.visibleEnd(document);
    if (visibleTo !== undefined) {
      const shown = scanText(document.getText(), document.languageId, this.cache.catalog, document.offsetAt(visibleTo));
      this.collection.set(document.uri, this.diagnosticsOf(shown, allowed));
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (document.isClosed || document.version !== version || !this.enabled(document)) return;
    }
    const references = this.references(document);
    if (references.length === 0) this.collection.delete(document.uri);
    else this.collection.set(document.uri, this.diagnosticsOf(references, allowed));
  }

  /**
   * Where the lines in view of a large document end, when they end well before the document
   * does: the end of the last visible line of its editors. Undefined for a small document, or
   * one shown near its end, which is scanned whole at once.
   */
  private visibleEnd(document: vscode.TextDocument): vscode.Position | undefined {
    if (document.getText().length < VISIBLE_FIRST_CHARS) return undefined;
    let last = -1;
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== document) continue;
      for (const range of editor.visibleRanges) last = Math.max(last, range.end.line);
    }
    if (last < 0 || last >= document.lineCount / 2) return undefined;
    return document.lineAt(last).range.end;
  }

  private diagnosticsOf(references: readonly CodeReference[], allowed: readonly string[][]): vscode.Diagnostic[] {
    const catalog = this.cache.catalog;
    const diagnostics: vscode.Diagnostic[] = [];
    const add = (reference: CodeReference, message: string, code: string) => {
      const diagnostic = new vscode.Diagnostic(rangeOf(reference), message, vscode.DiagnosticSeverity.Information);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = code;
      diagnostics.push(diagnostic);
    };
    for (const reference of references) {
      if (!reference.model) {
        const suggestion = suggestModel(reference.text, catalog, false);
        add(
          reference,
          suggestion
            ? vscode.l10n.t('“{0}” looks like a model id but is not in the catalog. Did you mean “{1}”?', reference.text, suggestion)
            : vscode.l10n.t('“{0}” looks like a model id but is not in the catalog.', reference.text),
          CodeScanCodes.unknown,
        );
        continue;
      }
      if (isRetired(reference.text, catalog)) add(reference, vscode.l10n.t('“{0}” is retired: its price is the last known one.', reference.text), CodeScanCodes.retired);
      const model = reference.model;
      if (allowed.length > 0 && !allowed.some((list) => list.some((a) => sameModel(a, model, reference.text)))) {
        add(reference, vscode.l10n.t('“{0}” is not in the allowedModels of llm.config.json.', reference.text), CodeScanCodes.notAllowed);
      }
    }
    return diagnostics;
  }

  /** The workspace's configs: open ones from the analysis cache, the others read from disk (listed at most every few seconds). */
  private async configs(): Promise<ConfigAnalysis[]> {
    const result: ConfigAnalysis[] = [];
    const seen = new Set<string>();
    // A document VS Code still holds after its tab was closed is not open any more: an untitled
    // one is gone, a file's saved text is read from disk below.
    const inTabs = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : ''))));
    for (const document of vscode.workspace.textDocuments) {
      if (!isConfigUri(document.uri) || document.isClosed || !inTabs.has(document.uri.toString())) continue;
      seen.add(document.uri.toString());
      result.push({ uri: document.uri, analysis: this.cache.get(document) });
    }
    if (!vscode.workspace.workspaceFolders?.length) return result;
    const now = Date.now();
    if (!this.configList || now - this.configList.at > CONFIG_LIST_MS) {
      this.configList = { at: now, uris: Promise.resolve(vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 5)).catch(() => []) };
    }
    for (const uri of await this.configList.uris) {
      const key = uri.toString();
      if (seen.has(key)) continue;
      let entry = this.diskConfigs.get(key);
      if (!entry || now - entry.at > CONFIG_LIST_MS) {
        // A config that is not read (see boundedRead.ts) has its diagnostic; its models are not scanned for.
        const read = await readTextBounded(uri, MAX_CONFIG_BYTES);
        if (!read.ok) continue;
        entry = { at: now, analysis: this.cache.analyzeText(read.text) };
        this.diskConfigs.set(key, entry);
      }
      result.push({ uri, analysis: entry.analysis });
    }
    return result;
  }

  private configsChanged(): void {
    this.diskConfigs.clear();
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, this.settings.current.debounceMs);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.scans.delete(key);
    this.collection.delete(uri);
    if (isConfigUri(uri)) this.configsChanged();
  }

  /** After a settings or catalog change: every scan is redone. */
  refresh(): void {
    this.scans.clear();
    this.diskConfigs.clear();
    this.configList = undefined;
    this.collection.clear();
    this.hintsChanged.fire();
    const visible = new Set(vscode.window.visibleTextEditors.map((e) => e.document));
    for (const document of vscode.workspace.textDocuments) this.schedule(document, visible.has(document) ? 0 : this.settings.current.debounceMs);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function sameModel(written: string, id: string, text: string): boolean {
  const w = written.toLowerCase();
  return w === id.toLowerCase() || w === text.toLowerCase();
}

export function rangeOf(reference: CodeReference): vscode.Range {
  return new vscode.Range(reference.line, reference.column, reference.line, reference.column + reference.length);
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}
