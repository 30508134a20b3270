import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findModel, formatUsd } from '../../src/engine';
import { BACK } from '../../src/extension/prompter';
import { activateExtension, analyzeShipped, closeAll, codeOf, exampleUri, hoverText, ourDiagnostics, poll, setSetting, shippedCatalog } from './helpers';

const hoversAt = (uri: vscode.Uri, position: vscode.Position) =>
  vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);

/** Markdown source without its escapes. */
const unescaped = (markdown: string) => markdown.replace(/\\/g, '');

const PYTHON = [
  'from openai import OpenAI',
  'client = OpenAI()',
  'reply = client.chat.completions.create(model="gpt-4o", messages=[])',
  'typo = client.chat.completions.create(model="gpt-4o-mnii", messages=[])',
  'old = client.chat.completions.create(model="gpt-4-0314", messages=[])',
  '',
].join('\n');

const TYPESCRIPT = [
  "import OpenAI from 'openai';",
  'const client = new OpenAI();',
  'const reply = await client.chat.completions.create({ model: "llama-3.1-70b", messages: [] });',
  'const typo = await client.messages.create({ model: "claude-sonet-4" });',
  '',
].join('\n');

async function openCode(language: string, content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document);
  return document;
}

const positionOf = (document: vscode.TextDocument, text: string) => document.positionAt(document.getText().indexOf(text) + 1);

describe('model names in code', () => {
  before(async () => {
    await activateExtension();
    // The example config is what the hovers find the workloads in.
    await vscode.workspace.openTextDocument(exampleUri());
  });
  afterEach(closeAll);

  it('hovers a model name in Python with its card and the workloads that use it', async () => {
    const document = await openCode('python', PYTHON);
    const hovers = await poll(
      () => hoversAt(document.uri, positionOf(document, 'gpt-4o"')),
      (h) => hoverText(h).includes('support-chat'),
    );
    const text = unescaped(hoverText(hovers));
    const model = findModel('gpt-4o', shippedCatalog)!;
    assert.ok(text.includes(model.name), `the card:\n${text}`);
    assert.ok(text.includes(formatUsd(model.price!.inputPerMillionUsd)), 'the input price');
    assert.ok(text.includes(model.price!.asOf), 'the price date');
    assert.ok(text.includes('support-chat'), `the workload using it:\n${text}`);
  });

  it('hovers a model name in TypeScript, an open model with its self-host setups', async () => {
    const document = await openCode('typescript', TYPESCRIPT);
    const text = unescaped(hoverText(await hoversAt(document.uri, positionOf(document, 'llama-3.1-70b'))));
    assert.ok(text.includes('open-weight'), `an open model:\n${text}`);
    assert.ok(text.includes('batch-summaries'), `the workload using it:\n${text}`);
    assert.ok(text.includes('Cheapest self-hosted setup') || text.includes('Self-host setups'), `a self-host line:\n${text}`);
  });

  it('reports unknown and retired names in Python, with a did-you-mean', async () => {
    const document = await openCode('python', PYTHON);
    const diagnostics = await ourDiagnostics(document.uri, (d) => d.length >= 2);
    const unknown = diagnostics.find((d) => codeOf(d) === 'code-unknown-model');
    assert.ok(unknown, `an unknown name: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Information);
    assert.ok(unknown.message.includes('gpt-4o-mini'), unknown.message);
    assert.ok(diagnostics.some((d) => codeOf(d) === 'code-retired-model' && d.message.includes('gpt-4-0314')), 'the retired name');
    assert.ok(!diagnostics.some((d) => document.getText(d.range) === 'gpt-4o'), 'nothing on a known live name');
  });

  it('fixes a misspelt name in TypeScript, and the fix undoes', async () => {
    const document = await openCode('typescript', TYPESCRIPT);
    const [diagnostic] = await ourDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'code-unknown-model'));
    assert.ok(diagnostic);
    assert.equal(document.getText(diagnostic.range), 'claude-sonet-4');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const fix = actions.find((a) => a.title.includes('claude-sonnet-4'));
    assert.ok(fix?.edit, `a quick fix: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes('model: "claude-sonnet-4"'));
    await vscode.commands.executeCommand('undo');
    await poll(() => document.getText(), (t) => t.includes('claude-sonet-4'));
    assert.ok(document.getText().includes('model: "claude-sonet-4"'), 'undone');
  });

  it('reports a name outside the allowedModels of an open config', async () => {
    const config = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: '/allowed/llm.config.json' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(config.uri, new vscode.Position(0, 0), '{ "allowedModels": ["gpt-4o"], "workloads": [{ "name": "chat", "model": "gpt-4o", "monthlyTokens": "1M" }] }');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const document = await openCode('python', PYTHON);
    const diagnostics = await ourDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'code-model-not-allowed'));
    const outside = diagnostics.filter((d) => codeOf(d) === 'code-model-not-allowed').map((d) => document.getText(d.range));
    assert.ok(outside.includes('gpt-4-0314'), `not allowed: ${outside.join(', ')}`);
    assert.ok(!outside.includes('gpt-4o'), 'the allowed model is not reported');
  });

  it('shows inline prices when the setting is on', async () => {
    await setSetting('codeScan.inlinePrices', true);
    try {
      const document = await openCode('python', PYTHON);
      const range = new vscode.Range(0, 0, document.lineCount, 0);
      const hints = await poll(
        () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range),
        (h) => h.length > 0,
      );
      const model = findModel('gpt-4o', shippedCatalog)!;
      const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
      assert.ok(labels.some((l) => l.includes(formatUsd(model.price!.inputPerMillionUsd)) && l.includes('per 1M')), labels.join(' | '));
    } finally {
      await setSetting('codeScan.inlinePrices', undefined);
    }
  });

  it('finds model usage in the workspace and creates a config that analyzes cleanly', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const file = vscode.Uri.joinPath(folder.uri, 'usage-scan-test.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(PYTHON));
    try {
      const asked: string[] = [];
      const prompter = {
        async pickOne(step: string, items: readonly (vscode.QuickPickItem & { create?: true })[]) {
          asked.push(step);
          assert.ok(items.some((i) => i.label.startsWith('usage-scan-test.py:3')), `the location: ${items.map((i) => i.label).join(', ')}`);
          return items.find((i) => i.create);
        },
        async pickMany() {
          return BACK;
        },
        async input() {
          return undefined;
        },
      };
      const outcome = await vscode.commands.executeCommand<{ usages: { model: string; known: boolean }[]; config?: vscode.TextDocument }>(
        'llmCostLens.findModelUsage',
        prompter,
      );
      assert.deepEqual(asked, ['usage']);
      assert.ok(outcome?.usages.some((u) => u.model === 'gpt-4o' && u.known));
      assert.ok(outcome.config, 'a config was written');
      const text = outcome.config.getText();
      assert.ok(text.includes('"model": "gpt-4o"') && text.includes('"monthlyTokens": "1M"'), text);
      assert.ok(text.includes('usage-scan-test.py:3'), 'the locations in a comment');
      const errors = analyzeShipped(text).findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => f.message), []);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });
});
