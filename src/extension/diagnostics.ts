import vscode = require('vscode');
import { type Analysis, type Finding, findingDocUrl, formatNumber, type Severity } from '../engine';
import { neutralizeBidi } from '../untrustedText';
import type { AnalysisCache } from './analysisCache';
import { configRefusalMessage, MAX_CONFIG_BYTES, readTextBounded, type Refusal } from './boundedRead';
import { CONFIG_GLOB, DIAGNOSTIC_SOURCE, isConfigUri } from './ids';
import { documentPositions, textPositions, toRange, type PositionAt } from './positions';
import { severityOverrideFor, type LensSettings, type Settings } from './settings';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A finding as a VS Code diagnostic, at `range`, with the severity the user's settings give it. */
function toDiagnostic(finding: Finding, severity: Severity, range: vscode.Range, uri: vscode.Uri, positionAt: PositionAt): vscode.Diagnostic {
  // Messages quote names from the file; a bidi override in one would reorder the Problems panel.
  const diagnostic = new vscode.Diagnostic(range, neutralizeBidi(finding.message), SEVERITY[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.code, target: docTarget(finding.code) };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (related) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(uri, toRange(positionAt, related.offset, related.length)),
          neutralizeBidi(related.message),
        ),
    );
  }
  return diagnostic;
}

// A large config has thousands of findings of a few codes: parse each link once.
const docTargets = new Map<string, vscode.Uri>();
function docTarget(code: string): vscode.Uri {
  let target = docTargets.get(code);
  if (!target) docTargets.set(code, (target = vscode.Uri.parse(findingDocUrl(code))));
  return target;
}

/**
 * Findings that VS Code's own JSON support reports already, at the same place, because it
 * validates the file against the schema this extension contributes: syntax errors, schema
 * errors and unknown properties. Showing ours too would draw every such error twice; their
 * quick fixes are still offered on VS Code's diagnostics (see the code action provider).
 */
export const JSON_SUPPORT_CODES: ReadonlySet<string> = new Set(['json-syntax', 'schema', 'unknown-property']);

export function jsonSupportValidates(): boolean {
  return vscode.extensions.getExtension('vscode.json-language-features') !== undefined;
}

/** Whether the editor shows a finding as one of its own diagnostics. */
export function shownAsDiagnostic(finding: Finding, jsonSupport = jsonSupportValidates()): boolean {
  return !(jsonSupport && JSON_SUPPORT_CODES.has(finding.code));
}

/**
 * How many diagnostics of one file VS Code shows: its extension host sends the window the
 * first 1,000 of a file, errors first, then warnings, information and hints, each in the
 * order given, and drops the rest (extHostDiagnostics.ts, `_maxDiagnosticsPerFile`).
 */
export const SHOWN_PER_FILE = 1000;

/** The code of the diagnostic that says how many findings of a file are not shown. */
export const NOT_SHOWN_CODE = 'findings-not-shown';

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * The diagnostics of one document, made from its analyses. After an edit nearly every finding
 * is the same, at the same line and column: its diagnostic from the last analysis is handed to
 * VS Code again rather than made anew. A 1 MB config has thousands of findings, and making
 * them (with the garbage they left) was a third of the time from an edit to its diagnostics.
 * Of a file with more than VS Code shows, only those it would show are made (the same ones, in
 * its order), with one more that says how many are left out.
 */
export class DocumentDiagnostics {
  // By message: a kept finding's message is the same string as before, whose hash the engine
  // has already computed, so a lookup reads no text. Messages repeat rarely; a few share one.
  #byMessage = new Map<string, vscode.Diagnostic | vscode.Diagnostic[]>();

  constructor(private readonly uri: vscode.Uri) {}

  from(analysis: Analysis, positionAt: PositionAt, settings: LensSettings): vscode.Diagnostic[] {
    const jsonSupport = jsonSupportValidates();
    // The findings shown, in the file's order, and the severity each is shown with.
    const shown: Finding[] = [];
    const severities: Severity[] = [];
    for (const finding of analysis.findings) {
      if (!shownAsDiagnostic(finding, jsonSupport)) continue;
      const override = severityOverrideFor(settings, finding.code);
      if (override === 'off') continue;
      shown.push(finding);
      severities.push(override ?? finding.severity);
    }
    const diagnostics: vscode.Diagnostic[] = [];
    const made = new Map<string, vscode.Diagnostic | vscode.Diagnostic[]>();
    const add = (i: number) => {
      const finding = shown[i]!;
      const severity = severities[i]!;
      const range = toRange(positionAt, finding.offset, finding.length);
      // A finding with related places is made anew: they are few, and each place would have to be compared.
      const diagnostic = (!finding.related?.length && sameAs(this.#byMessage.get(finding.message), finding.code, SEVERITY[severity], range)) || toDiagnostic(finding, severity, range, this.uri, positionAt);
      const other = made.get(finding.message);
      made.set(finding.message, other === undefined ? diagnostic : Array.isArray(other) ? [...other, diagnostic] : [other, diagnostic]);
      diagnostics.push(diagnostic);
    };
    if (shown.length <= SHOWN_PER_FILE) {
      for (let i = 0; i < shown.length; i++) add(i);
    } else {
      // VS Code's order, with one place kept for the diagnostic that says how many are left out.
      for (const level of SEVERITY_ORDER) {
        for (let i = 0; i < shown.length && diagnostics.length < SHOWN_PER_FILE - 1; i++) if (severities[i] === level) add(i);
      }
    }
    this.#byMessage = made;
    if (diagnostics.length < shown.length) diagnostics.push(notShownDiagnostic(shown.length - diagnostics.length, shown.length));
    return diagnostics;
  }
}

/** At the top of the file: how many findings are left out, and where to read them all. */
function notShownDiagnostic(left: number, all: number): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    vscode.l10n.t('{0} more findings of this file are not shown: VS Code shows {1} diagnostics a file, errors first (this file has {2}). `llm-cost-lens analyze` lists them all.', formatNumber(left), formatNumber(SHOWN_PER_FILE), formatNumber(all)),
    vscode.DiagnosticSeverity.Information,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = NOT_SHOWN_CODE;
  return diagnostic;
}

/** The diagnostic of the last analysis with this message that shows the same code and severity at the same place. */
function sameAs(made: vscode.Diagnostic | vscode.Diagnostic[] | undefined, code: string, severity: vscode.DiagnosticSeverity, range: vscode.Range): vscode.Diagnostic | undefined {
  const same = (d: vscode.Diagnostic) => d.severity === severity && !d.relatedInformation && (d.code as { value: string }).value === code && d.range.isEqual(range);
  if (made === undefined) return undefined;
  if (!Array.isArray(made)) return same(made) ? made : undefined;
  return made.find(same);
}

/**
 * Keeps diagnostics current for every llm.config.json: open ones from the editor's text
 * (debounced while typing), the others from the file system through a watcher.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('llmCostLens');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly made = new Map<string, DocumentDiagnostics>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly startTimer: ReturnType<typeof setTimeout>;
  /**
   * Documents whose last editor tab closed while VS Code keeps the document in memory (it
   * keeps documents an extension opened for minutes): to the user the file is closed.
   */
  private readonly closedTabs = new Set<string>();
  private disposed = false;

  constructor(
    private readonly cache: AnalysisCache,
    private readonly settings: Settings,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    // A folder created, moved in or deleted is reported once, as the folder: the configs
    // inside come and go with it.
    const folders = vscode.workspace.createFileSystemWatcher('**', false, true, false);
    this.subscriptions.push(
      this.collection,
      watcher,
      folders,
      watcher.onDidCreate((uri) => this.refreshFromDisk(uri)),
      watcher.onDidChange((uri) => this.refreshFromDisk(uri)),
      folders.onDidCreate((uri) => void this.created(uri)),
      folders.onDidDelete((uri) => this.deleted(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => this.reopened(document.uri)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.closedTabs.delete(document.uri.toString());
        this.closed(document.uri);
      }),
      vscode.window.tabGroups.onDidChangeTabs((event) => this.tabsChanged(event)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scanWorkspace()),
      settings.onDidChange(() => this.refreshAll()),
    );
    // The first scan reads files: it waits until activation has returned.
    this.startTimer = setTimeout(() => this.refreshAll(), 0);
  }

  /** Re-analyzes every open config now and rescans the workspace. */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.refreshDocument(document);
    void this.scanWorkspace();
  }

  private reopened(uri: vscode.Uri): void {
    this.closedTabs.delete(uri.toString());
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document) this.refreshDocument(document);
  }

  private tabsChanged(event: vscode.TabChangeEvent): void {
    for (const tab of event.opened) {
      const uri = tabUri(tab);
      if (uri && this.closedTabs.has(uri.toString())) this.reopened(uri);
    }
    for (const tab of event.closed) {
      const uri = tabUri(tab);
      if (!uri || !isConfigUri(uri) || hasTab(uri)) continue;
      this.closedTabs.add(uri.toString());
      this.closed(uri);
    }
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isConfigUri(document.uri)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.refreshDocument(document);
      }, this.settings.current.debounceMs),
    );
  }

  private refreshDocument(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.disposed || document.isClosed || !isConfigUri(document.uri) || this.closedTabs.has(key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const analysis = this.cache.get(document);
    this.collection.set(document.uri, this.diagnosticsOf(document.uri).from(analysis, documentPositions(document), this.settings.current));
  }

  private diagnosticsOf(uri: vscode.Uri): DocumentDiagnostics {
    const key = uri.toString();
    let made = this.made.get(key);
    if (!made) this.made.set(key, (made = new DocumentDiagnostics(uri)));
    return made;
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    if (this.closedTabs.has(key)) return false;
    return vscode.workspace.textDocuments.some((document) => !document.isClosed && document.uri.toString() === key);
  }

  /** A config not open in an editor: its diagnostics come from the saved file. */
  private async refreshFromDisk(uri: vscode.Uri): Promise<void> {
    if (this.disposed || !isConfigUri(uri) || this.isOpen(uri)) return;
    const read = await readTextBounded(uri, MAX_CONFIG_BYTES);
    // The file may have been opened while it was being read: the editor's text wins.
    if (this.disposed || this.isOpen(uri)) return;
    if (!read.ok) {
      // Gone (or unreadable) clears; a device, a pipe or an oversized file is said at the file.
      if (read.refusal.kind === 'missing' || read.refusal.kind === 'unreadable') this.clear(uri);
      else this.collection.set(uri, [notReadDiagnostic(read.refusal)]);
      return;
    }
    const analysis = this.cache.analyzeText(read.text);
    this.collection.set(uri, this.diagnosticsOf(uri).from(analysis, textPositions(read.text), this.settings.current));
  }

  private closed(uri: vscode.Uri): void {
    if (!isConfigUri(uri)) return;
    this.clear(uri);
    // A config in the workspace keeps the diagnostics of what is saved on disk.
    if (vscode.workspace.getWorkspaceFolder(uri)) void this.refreshFromDisk(uri);
  }

  private async created(uri: vscode.Uri): Promise<void> {
    if (this.disposed) return;
    if (isConfigUri(uri)) return this.refreshFromDisk(uri);
    try {
      if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.Directory) return;
      const inside = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, CONFIG_GLOB), '**/node_modules/**');
      await Promise.all(inside.map((config) => this.refreshFromDisk(config)));
    } catch {
      // Gone again, or a file system that cannot search: the config watcher still reports files.
    }
  }

  private deleted(uri: vscode.Uri): void {
    const prefix = uri.toString().replace(/\/?$/, '/');
    const gone: vscode.Uri[] = [];
    this.collection.forEach((known) => {
      const key = known.toString();
      if (key === uri.toString() || key.startsWith(prefix)) gone.push(known);
    });
    for (const known of gone) this.clear(known);
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.made.delete(key);
    this.collection.delete(uri);
    this.cache.forget(uri);
  }

  private async scanWorkspace(): Promise<void> {
    if (this.disposed || !vscode.workspace.workspaceFolders?.length) return;
    let uris: vscode.Uri[];
    try {
      uris = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**');
    } catch {
      // Some virtual file systems cannot search; their open files still get diagnostics.
      return;
    }
    const found = new Set(uris.map((uri) => uri.toString()));
    // Files that vanished while no watcher event reached us (a folder removed from the workspace).
    this.collection.forEach((uri) => {
      if (!found.has(uri.toString()) && !this.isOpen(uri)) this.collection.delete(uri);
    });
    await Promise.all(uris.map((uri) => this.refreshFromDisk(uri)));
  }

  dispose(): void {
    this.disposed = true;
    this.closedTabs.clear();
    clearTimeout(this.startTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.made.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The code of the diagnostic on a config that was not read (see boundedRead.ts). */
export const NOT_READ_CODE = 'config-not-read';

function notReadDiagnostic(refusal: Refusal): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), configRefusalMessage(refusal), vscode.DiagnosticSeverity.Error);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = NOT_READ_CODE;
  return diagnostic;
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  return undefined;
}

function hasTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tabUri(tab)?.toString() === key));
}
