// A figure's explanation is a page beside the config: the formula and its values, the fields of
// the config they come from (links that select them), the sources and dates; it follows the file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplanationPage } from '../../src/extension/explainFigure';
import { activateExtension, analyzeShipped, articleExampleUri, closeAll, fixtureUri, open, poll } from './helpers';

const RESOLVE_ALL = 100;

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, RESOLVE_ALL)) ?? [];
}

/** Clicks the lens with this title, as VS Code runs a lens's command. */
async function click(uri: vscode.Uri, title: string): Promise<ExplanationPage> {
  const lenses = await poll(() => lensesOf(uri), (found) => found.some((l) => l.command?.title === title));
  const lens = lenses.find((l) => l.command?.title === title);
  assert.ok(lens?.command, `a lens "${title}": ${lenses.map((l) => l.command?.title).join(' | ')}`);
  const page = await vscode.commands.executeCommand<ExplanationPage | undefined>(lens.command.command, ...(lens.command.arguments ?? []));
  assert.ok(page, 'the page opened');
  return page;
}

/** The arguments of the page's command links, as VS Code would pass them. */
function links(html: string): unknown[][] {
  return [...html.matchAll(/href="command:llmCostLens\.revealField\?([^"]+)"/g)].map((m) => JSON.parse(decodeURIComponent(m[1]!.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))))) as unknown[]);
}

describe('the explanation page', function () {
  this.timeout(60_000);
  before(activateExtension);
  afterEach(closeAll);

  it('opens beside the config with the formula, the values, the fields and the sources', async () => {
    const uri = articleExampleUri();
    const editor = await open(uri);
    const engine = analyzeShipped(editor.document.getText());
    const verdict = engine.lenses.find((l) => l.workload === 1 && l.kind === 'crossover')!;
    assert.equal(verdict.title, 'API would be $63.60/mo, $1,736 less');
    const page = await click(uri, verdict.title);
    const { view, html } = page;
    assert.equal(view.title, verdict.title);
    assert.equal(view.subtitle, 'batch-summaries · llama-3.1-70b · 240M tokens a month');
    // The lens's short words in full, then the formula with its values.
    assert.equal(view.steps[0]!.text, 'the llama-3.1-70b API would cost $63.60/mo here, $1,736 less');
    assert.ok(view.steps.some((s) => s.text === 'crossover V* = fixed / P = $1,800 / $0.27 = 6,792M tok/mo'), view.steps.map((s) => s.text).join('\n'));
    // The fields of this workload, in the file's order, with their lines.
    assert.deepEqual(
      view.fields.map((f) => `${f.field} ${f.value} ${f.line}`),
      ['model "llama-3.1-70b" 29', 'monthlyTokens 2.4e8 30', 'gpu "a100-80gb" 33', 'gpus 1 33', 'quantization "int4" 33', 'throughputTps 600 33'],
    );
    assert.match(view.sources[0]!, /^Prices: /);
    assert.ok(view.sources.some((s) => /^Llama 3\.1 70B price: .*, as of \d{4}-\d{2}-\d{2}/.test(s)), view.sources.join('\n'));
    // Beside the config, in a column of its own.
    const tabGroup = () => vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('llmCostLens.explanation')));
    assert.equal((await poll(tabGroup, (g) => g !== undefined))?.viewColumn, vscode.ViewColumn.Two);
    assert.ok(vscode.window.tabGroups.all.find((g) => g.viewColumn === vscode.ViewColumn.One)?.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()), 'the config stays in the first column');
    assert.equal(page.panel.title, `Explanation: ${verdict.title}`);
    // No script, and only the reveal command may run from it.
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /default-src 'none'; style-src 'nonce-/);
    assert.deepEqual(page.panel.webview.options.enableCommandUris, ['llmCostLens.revealField']);
    assert.equal(links(html).length, view.fields.length);
  });

  it('a field link selects the field in the config', async () => {
    const uri = articleExampleUri();
    await open(uri);
    const page = await click(uri, '$1,800/mo · self-hosted');
    // The links come in the order of the fields.
    const volume = links(page.html)[page.view.fields.findIndex((f) => f.field === 'monthlyTokens')];
    assert.ok(volume, page.html);
    assert.equal(await vscode.commands.executeCommand('llmCostLens.revealField', ...volume), true);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.document.getText(editor.selection), '2.4e8');
    // A link made by anything else is refused: not a config, or a range outside it.
    assert.equal(await vscode.commands.executeCommand('llmCostLens.revealField', vscode.Uri.joinPath(uri, '..', 'other.json').toString(), 0, 1), false);
    assert.equal(await vscode.commands.executeCommand('llmCostLens.revealField', uri.toString(), 1e9, 1), false);
  });

  it('follows the file: an edit of the volume changes the page', async () => {
    const uri = articleExampleUri();
    const editor = await open(uri);
    const page = await click(uri, '$1,800/mo · self-hosted');
    assert.ok(page.view.steps.some((s) => s.text === 'replicas = ceil(V / capacity) = ceil(240 / 1,555) = 1'), page.view.steps.map((s) => s.text).join('\n'));
    const at = editor.document.getText().indexOf('2.4e8');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 5)), '"3.2B"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // 3,200M tokens need three replicas of 1,555M: $5,400 a month.
    await poll(() => page.view.title, (title) => title === '$5,400/mo · self-hosted · 3 replicas');
    assert.equal(page.view.title, '$5,400/mo · self-hosted · 3 replicas');
    assert.equal(page.view.subtitle, 'batch-summaries · llama-3.1-70b · 3,200M tokens a month');
    assert.ok(page.view.steps.some((s) => s.text === 'replicas = ceil(V / capacity) = ceil(3,200 / 1,555) = 3'));
    assert.ok(page.view.fields.some((f) => f.field === 'monthlyTokens' && f.value === '"3.2B"'));
    assert.match(page.html, /\$5,400\/mo · self-hosted · 3 replicas/);
  });

  it('writes a hostile config’s names as text', async () => {
    const uri = fixtureUri('hostile');
    await open(uri);
    const engine = analyzeShipped((await vscode.workspace.openTextDocument(uri)).getText());
    const cost = engine.lenses.find((l) => l.workload === 1 && l.kind === 'cost')!;
    const page = await click(uri, cost.title);
    assert.match(page.view.subtitle, /^<b>named<\/b> \[y\]\(command:llmCostLens\.createConfig\) · gpt-4o/);
    assert.doesNotMatch(page.html, /<b>named|<img|href="command:llmCostLens\.createConfig|<script/);
    assert.match(page.html, /&#60;b&#62;named&#60;\/b&#62;/);
  });
});
