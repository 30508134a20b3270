/** Completion of the catalog's names in llm.config.json, in the real extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAll, fixtureUri, open } from './helpers';

async function completionsAt(uri: vscode.Uri, marker: string, shift = 1): Promise<vscode.CompletionItem[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const offset = document.getText().indexOf(marker);
  assert.ok(offset >= 0, marker);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, document.positionAt(offset + shift));
  return list.items;
}

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

describe('completion of catalog names', () => {
  before(activateExtension);
  afterEach(closeAll);

  it('lists models with their host and price where a model is written, every priced key included', async () => {
    const uri = fixtureUri('team');
    await open(uri);
    const items = await completionsAt(uri, '"gpt-4o-mini"');
    const mini = items.find((i) => label(i) === 'gpt-4o-mini');
    assert.ok(mini, `gpt-4o-mini among ${items.length} items`);
    assert.match(String(mini.detail), /openai · \$0\.15 \/ \$0\.60 per 1M/);
    assert.ok(items.some((i) => label(i) === 'anthropic.claude-3-5-haiku-20241022-v1:0'), 'a Bedrock key');
    assert.ok(items.length > 2000, `${items.length} items`);
    // Models are values the field takes, never drawn with the Class icon.
    const curated = items.find((i) => label(i) === 'gpt-4o');
    assert.equal(curated?.kind, vscode.CompletionItemKind.Value);
    assert.deepEqual(items.filter((i) => i.kind === vscode.CompletionItemKind.Class).map(label), []);
  });

  it('lists GPUs with memory and hourly price where a GPU is written', async () => {
    const uri = fixtureUri('team');
    await open(uri);
    const items = await completionsAt(uri, '"l40s-48gb"');
    const a100 = items.find((i) => label(i) === 'a100-80gb');
    assert.ok(a100, items.map(label).join(', '));
    assert.match(String(a100.detail), /80 GiB · \$2\.50\/h/);
  });

  it('lists the curated quantizations and the serving weight formats where a quantization is written', async () => {
    const uri = fixtureUri('does-not-fit');
    await open(uri);
    const items = await completionsAt(uri, '"fp16"');
    const labels = items.map(label);
    for (const id of ['fp16', 'int4', 'q4_k_m', 'int4-awq', 'nvfp4', 'mxfp4', 'gguf-q5_k_m']) assert.ok(labels.includes(id), `${id} among ${labels.join(', ')}`);
    const awq = items.find((i) => label(i) === 'int4-awq')!;
    assert.match(String(awq.detail), /INT4 AWQ \(group 128\) · 0\.52 bytes per parameter/);
  });
});
