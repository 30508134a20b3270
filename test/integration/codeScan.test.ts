import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findModel, formatUsd } from '../../src/engine';
import { BACK } from '../../src/extension/prompter';
import { activateExtension, closeAll, codeOf, dismissingPrompter, exampleUri, hoverText, ourDiagnostics, poll, setSetting, shippedCatalog } from './helpers';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

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

/** Where a name is written in a document: its first occurrence, from its first character to its last. */
function rangeOfText(document: vscode.TextDocument, text: string): vscode.Range {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `${text} is in the document`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

/** Our hover at a name: the one that says what the name resolves to. */
async function ourHoverAt(document: vscode.TextDocument, text: string): Promise<vscode.Hover> {
  const hovers = await poll(
    () => hoversAt(document.uri, positionOf(document, text)),
    (h) => h.some((x) => hoverText([x]).includes('resolves to')),
  );
  const ours = hovers.find((h) => hoverText([h]).includes('resolves to'));
  assert.ok(ours, `our hover on ${text}: ${hoverText(hovers)}`);
  return ours;
}

const GO = [
  'package main',
  '',
  'import "github.com/openai/openai-go"',
  '',
  'func main() {',
  '\tclient := openai.NewClient()',
  '\tresp, _ := client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{',
  '\t\tModel:    "gpt-4o-mini",',
  '\t\tMessages: msgs,',
  '\t})',
  '\ttypo := anthropic.MessageNewParams{Model: "claude-sonet-4"}',
  '}',
  '',
].join('\n');

/** A LiteLLM proxy's config.yaml. */
const LITELLM_YAML = [
  'model_list:',
  '  - model_name: chat',
  '    litellm_params:',
  '      model: openai/gpt-4o',
  '  - model_name: legacy',
  '    litellm_params:',
  '      model: gpt-4-0314',
  '',
].join('\n');

const SHELL = ['#!/bin/sh', 'vllm serve meta-llama/Llama-3.1-8B-Instruct --port 8000', ''].join('\n');

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
    assert.ok(text.includes('More: the setups, where it fits'), `a link to the setups:\n${text}`);
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
    // This document's diagnostic, not one an earlier untitled document of the same name left.
    const isOurs = (x: vscode.Diagnostic) => codeOf(x) === 'code-unknown-model' && document.getText(x.range) === 'claude-sonet-4';
    const diagnostic = (await ourDiagnostics(document.uri, (d) => d.some(isOurs))).find(isOurs);
    assert.ok(diagnostic);
    assert.deepEqual(diagnostic.range, rangeOfText(document, 'claude-sonet-4'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const fix = actions.find((a) => a.title.includes('claude-sonnet-4'));
    assert.ok(fix?.edit, `a quick fix: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes('model: "claude-sonnet-4"'));
    await vscode.commands.executeCommand('undo');
    await poll(() => document.getText(), (t) => t.includes('claude-sonet-4'));
    assert.ok(document.getText().includes('model: "claude-sonet-4"'), 'undone');
  });

  it('reports every name of a large file shown from its top: the lines in view first, then the rest', async () => {
    // 6,000 lines (about 300 KB): above the size from which the lines in view are scanned first.
    const filler = Array.from({ length: 3000 }, (_, i) => `value_${i} = compute(${i})  # an ordinary line of code`);
    const text = ['from openai import OpenAI', 'top = OpenAI().chat.completions.create(model="gpt-4o-mnii", messages=[])', ...filler, ...filler, 'bottom = OpenAI().chat.completions.create(model="gpt-4-0314", messages=[])', ''].join('\n');
    const document = await openCode('python', text);
    const isTop = (d: vscode.Diagnostic) => codeOf(d) === 'code-unknown-model' && document.getText(d.range) === 'gpt-4o-mnii';
    const isBottom = (d: vscode.Diagnostic) => codeOf(d) === 'code-retired-model' && document.getText(d.range) === 'gpt-4-0314';
    const diagnostics = await ourDiagnostics(document.uri, (d) => d.some(isTop) && d.some(isBottom));
    assert.deepEqual(diagnostics.find(isTop)!.range, rangeOfText(document, 'gpt-4o-mnii'));
    assert.deepEqual(diagnostics.find(isBottom)!.range.start.line, 6002);
  });

  it('scans only the files codeScan.include names, when it names any', async () => {
    await setSetting('codeScan.include', ['**/only-this/**']);
    try {
      const document = await openCode('python', PYTHON);
      // An untitled document is outside the globs: nothing of it is scanned.
      await new Promise((r) => setTimeout(r, 500));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'gpt-4o"'));
      assert.ok(!hoverText(hovers).includes('resolves to'), hoverText(hovers));
      assert.deepEqual(vscode.languages.getDiagnostics(document.uri).filter((d) => codeOf(d).startsWith('code-')), []);
      // Without the globs, the same document is scanned.
      await setSetting('codeScan.include', undefined);
      assert.ok((await ourHoverAt(document, 'gpt-4o"')).range);
    } finally {
      await setSetting('codeScan.include', undefined);
    }
  });

  it('reports a name outside the allowedModels of an open config', async () => {
    const config = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: '/allowed/llm.config.json' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(config.uri, new vscode.Position(0, 0), '{ "allowedModels": ["gpt-4o"], "workloads": [{ "name": "chat", "model": "gpt-4o", "monthlyTokens": "1M" }] }');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // Open in a tab of its own, as a person has it: a config whose tab was closed no longer counts.
    await vscode.window.showTextDocument(config, { preview: false });
    const document = await openCode('python', PYTHON);
    const diagnostics = await ourDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'code-model-not-allowed'));
    const outside = diagnostics.filter((d) => codeOf(d) === 'code-model-not-allowed').map((d) => document.getText(d.range));
    assert.ok(outside.includes('gpt-4-0314'), `not allowed: ${outside.join(', ')}`);
    assert.ok(!outside.includes('gpt-4o'), 'the allowed model is not reported');
  });

  it('hovers a model name in Go at exactly its range, and reports a misspelt one there', async () => {
    const document = await openCode('go', GO);
    const hover = await ourHoverAt(document, 'gpt-4o-mini');
    assert.deepEqual(hover.range, rangeOfText(document, 'gpt-4o-mini'));
    const text = unescaped(hoverText([hover]));
    const model = findModel('gpt-4o-mini', shippedCatalog)!;
    assert.ok(text.includes(model.name) && text.includes(formatUsd(model.price!.inputPerMillionUsd)), `the card:\n${text}`);
    // Waits for this document's diagnostics, not those an earlier untitled document of the same name left.
    const diagnostics = await ourDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'code-unknown-model' && document.getText(x.range) === 'claude-sonet-4'));
    const unknown = diagnostics.filter((d) => codeOf(d) === 'code-unknown-model');
    assert.equal(unknown.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
    assert.deepEqual(unknown[0]!.range, rangeOfText(document, 'claude-sonet-4'));
    assert.ok(unknown[0]!.message.includes('claude-sonnet-4'), unknown[0]!.message);
  });

  it('hovers a model in a LiteLLM config.yaml at exactly its range, and reports the retired one there', async () => {
    const document = await openCode('yaml', LITELLM_YAML);
    const hover = await ourHoverAt(document, 'openai/gpt-4o');
    assert.deepEqual(hover.range, rangeOfText(document, 'openai/gpt-4o'));
    const text = unescaped(hoverText([hover]));
    assert.ok(text.includes('“openai/gpt-4o” resolves to gpt-4o (host: openai)'), text);
    const diagnostics = await ourDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'code-retired-model' && document.getText(x.range) === 'gpt-4-0314'));
    assert.deepEqual(
      diagnostics.map((d) => [codeOf(d), document.getText(d.range)]),
      [['code-retired-model', 'gpt-4-0314']],
    );
    assert.deepEqual(diagnostics[0]!.range, rangeOfText(document, 'gpt-4-0314'));
  });

  it('hovers a Hugging Face id in a shell script\u2019s vllm serve at exactly its range', async () => {
    const document = await openCode('shellscript', SHELL);
    const hover = await ourHoverAt(document, 'meta-llama/Llama-3.1-8B-Instruct');
    assert.deepEqual(hover.range, rangeOfText(document, 'meta-llama/Llama-3.1-8B-Instruct'));
    const text = unescaped(hoverText([hover]));
    assert.ok(text.includes('resolves to llama-3.1-8b'), text);
    assert.ok(text.includes('open-weight'), `an open model:\n${text}`);
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

  it('finds model usage in the workspace; beside the example config it flags what the config leaves out instead of offering a new one', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const file = vscode.Uri.joinPath(folder.uri, 'usage-scan-test.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(PYTHON));
    try {
      const asked: string[] = [];
      const prompter = {
        async pickOne(step: string, items: readonly (vscode.QuickPickItem & { create?: true })[]) {
          asked.push(step);
          assert.ok(items.some((i) => i.label.startsWith('usage-scan-test.py:3')), `the location: ${items.map((i) => i.label).join(', ')}`);
          assert.ok(!items.some((i) => i.create), 'no new config is offered next to one');
          return undefined;
        },
        async pickMany() {
          return BACK;
        },
        async input() {
          return undefined;
        },
      };
      const outcome = await vscode.commands.executeCommand<{ usages: { model: string; known: boolean }[]; missingFromConfig?: string[] }>('llmCostLens.findModelUsage', prompter);
      assert.deepEqual(asked, ['usage']);
      assert.ok(outcome?.usages.some((u) => u.model === 'gpt-4o' && u.known));
      // gpt-4o is the example's; the misspelt name is not a catalog model, so it is not listed as missing.
      const missing = outcome.missingFromConfig ?? [];
      assert.ok(!missing.includes('gpt-4o') && !missing.includes('gpt-4o-mnii'), missing.join(', '));
      assert.deepEqual(missing, outcome.usages.filter((u) => u.known && u.model !== 'gpt-4o').map((u) => u.model));
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });

  it('leaves out of Find Model Usage what the root and nested .gitignore files and codeScan.exclude ignore, and keeps only what codeScan.include names', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const model = 'model = "gpt-4o-mini"\n';
    // Written into the workspace for the test: a .gitignore committed under test/fixtures would hide its own fixtures from git.
    const files: Record<string, string> = {
      '.gitignore': 'usage-ignored/\n*.secret.py\n',
      'usage-gitignore/app.py': model,
      'usage-gitignore/a.secret.py': model,
      'usage-gitignore/.gitignore': '!kept.secret.py\n/local.py\nbuild/\n',
      'usage-gitignore/kept.secret.py': model,
      'usage-gitignore/local.py': model,
      'usage-gitignore/deep/local.py': model,
      'usage-gitignore/deep/build/out.py': model,
      'usage-gitignore/by-setting/x.py': model,
      'usage-ignored/app.py': model,
    };
    assert.ok(!(await exists(vscode.Uri.joinPath(folder.uri, '.gitignore'))), 'the example folder has no .gitignore of its own');
    for (const [file, text] of Object.entries(files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, file), new TextEncoder().encode(text));
    const listed = async () => {
      const outcome = await vscode.commands.executeCommand<{ usages: { locations: { uri: vscode.Uri }[] }[] }>('llmCostLens.findModelUsage', dismissingPrompter);
      return outcome.usages
        .flatMap((u) => u.locations.map((l) => vscode.workspace.asRelativePath(l.uri)))
        .filter((f) => f.startsWith('usage-'))
        .sort();
    };
    await setSetting('codeScan.exclude', ['**/by-setting/**']);
    try {
      assert.deepEqual(await listed(), ['usage-gitignore/app.py', 'usage-gitignore/deep/local.py', 'usage-gitignore/kept.secret.py']);
      // As VS Code's search does, search.useIgnoreFiles turns the .gitignore files off.
      await vscode.workspace.getConfiguration('search').update('useIgnoreFiles', false, vscode.ConfigurationTarget.Global);
      assert.deepEqual(await listed(), [
        'usage-gitignore/a.secret.py',
        'usage-gitignore/app.py',
        'usage-gitignore/deep/build/out.py',
        'usage-gitignore/deep/local.py',
        'usage-gitignore/kept.secret.py',
        'usage-gitignore/local.py',
        'usage-ignored/app.py',
      ]);
      // With include globs, only the files they match.
      await setSetting('codeScan.include', ['**/deep/**']);
      assert.deepEqual(await listed(), ['usage-gitignore/deep/build/out.py', 'usage-gitignore/deep/local.py']);
    } finally {
      await setSetting('codeScan.include', undefined);
      await vscode.workspace.getConfiguration('search').update('useIgnoreFiles', undefined, vscode.ConfigurationTarget.Global);
      await setSetting('codeScan.exclude', undefined);
      for (const entry of ['.gitignore', 'usage-gitignore', 'usage-ignored']) {
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, entry), { recursive: true });
      }
    }
  });
});
