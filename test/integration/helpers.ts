// Shared by the integration tests: they run inside the extension host, against the
// extension as VS Code loaded it (dist/), with examples/ as the workspace.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnalysisCache } from '../../src/extension/analysisCache';
import { CatalogService, type PricingLayer } from '../../src/extension/catalogService';
import { Settings } from '../../src/extension/settings';
import { CostStatusBar } from '../../src/extension/statusBar';
import { BACK } from '../../src/extension/prompter';
import { analyze } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

export const EXTENSION_ID = 'llm-cost-lens.llm-cost-lens';
export const SOURCE = 'LLM Cost Lens';

/** test/fixtures, from out/test/integration where the compiled tests run. */
export const fixturesDir = path.resolve(__dirname, '../../../test/fixtures');

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(fixturesDir, name, 'llm.config.json'));
}

export function exampleUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, 'llm.config.json');
}

/** The second example: the article's scenario, with its blends, its batch-1 setup and a batched one. */
export function articleExampleUri(): vscode.Uri {
  return vscode.Uri.joinPath(exampleUri(), '..', 'open-vs-closed-2026', 'llm.config.json');
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate();
  assert.ok(extension.isActive, 'the extension activated');
}

export async function poll<T>(get: () => Thenable<T> | T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await get();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await get();
  }
  return value;
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** Our diagnostics for a file, once `done` says they are what the test waits for (or on timeout). */
export async function ourDiagnostics(
  uri: vscode.Uri,
  done: (d: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = 10_000,
) {
  const get = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  return poll(get, done, timeoutMs);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Closes every editor without saving (tests never write the fixtures). */
export async function closeAll(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function setSetting(key: string, value: unknown, target = vscode.ConfigurationTarget.Global): Promise<void> {
  await vscode.workspace.getConfiguration('llmCostLens').update(key, value, target);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

export function markdownContents(hovers: vscode.Hover[]): vscode.MarkdownString[] {
  return hovers.flatMap((hover) => hover.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
}

/** The catalog the extension analyzes with: the curated cards and the files that ship beside the bundle (read as the CLI reads them). */
export const shippedCatalog = cliCatalog().catalog;
/** The engine's analysis as the extension makes it. */
export const analyzeShipped = (text: string) => analyze(text, { catalog: shippedCatalog });

/** A prompter that dismisses every question: Find Model Usage returns what it found without opening anything. */
export const dismissingPrompter = {
  async pickOne() {
    return undefined;
  },
  async pickMany() {
    return BACK;
  },
  async input() {
    return undefined;
  },
};

/** The code lenses' titles of a document, every lens resolved. */
export async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  return ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10_000)) ?? []).map((l) => l.command?.title ?? '');
}

/** VS Code's Memento, in memory: the global state of a refresher a test builds. */
export class MemoryMemento implements vscode.Memento {
  readonly #values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.#values.keys()];
  }
  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.#values.has(key) ? (this.#values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.#values.set(key, value);
  }
}

/** Markdown source back to the text a reader sees (as hover.test.ts reads it). */
const plainText = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * What startFeatures wires around a refresher, built by a test: the catalog service over the
 * installed extension's files with `layer`, an analysis cache and a status bar whose tooltip
 * carries `note`. What it makes is pushed on `disposables`.
 */
export function refreshRig(disposables: vscode.Disposable[], layer: (catalogs: () => CatalogService) => PricingLayer, note: () => string | undefined) {
  const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
  const catalogs: CatalogService = new CatalogService(extensionUri, layer(() => catalogs));
  const lensSettings = new Settings();
  const cache = new AnalysisCache(lensSettings, catalogs);
  const statusBar = new CostStatusBar(cache, lensSettings, note);
  disposables.push(catalogs, lensSettings, cache, statusBar);
  // The tooltip's text as a reader sees it: appendText escapes Markdown and keeps spaces as &nbsp;.
  const tooltip = () => {
    statusBar.update();
    return plainText(statusBar.tooltipText.replace(/&nbsp;/g, ' '));
  };
  return { catalogs, cache, lensSettings, tooltip };
}
