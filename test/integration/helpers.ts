// Shared by the integration tests: they run inside the extension host, against the
// extension as VS Code loaded it (dist/), with examples/ as the workspace.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
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
