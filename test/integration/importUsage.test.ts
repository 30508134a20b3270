/**
 * Import Usage… in the real extension host: the LiteLLM spend-log fixture into a config,
 * the picked models written in one edit that one undo reverts, and while the usage stays
 * loaded a drift diagnostic whose quick fix writes the measured volume.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAll, codeOf, fixtureUri, fixturesDir, open, ourDiagnostics, poll } from './helpers';

interface Item extends vscode.QuickPickItem {
  plan: { model: string };
}

/** Answers the pick of models with the ones named, and records what it was shown. */
function picking(models: string[]) {
  const shown: { items: Item[]; title?: string }[] = [];
  return {
    shown,
    prompter: {
      async pickOne() {
        return undefined;
      },
      async pickMany(_step: string, items: readonly Item[], options: vscode.QuickPickOptions) {
        shown.push({ items: [...items], title: options.title });
        return items.filter((item) => models.includes(item.plan.model));
      },
      async input() {
        return undefined;
      },
    },
  };
}

const exportUri = vscode.Uri.file(path.join(fixturesDir, 'usage', 'litellm-spend-logs.json'));

describe('Import Usage…', function () {
  this.timeout(60_000);
  before(activateExtension);
  after(closeAll);

  it('writes the picked models in one undoable edit, then shows drift with a fix', async () => {
    const config = fixtureUri('usage-import');
    const editor = await open(config);
    const original = editor.document.getText();
    const { prompter, shown } = picking(['claude-sonnet-4-5', 'llama-3.1-8b']);
    const outcome = await vscode.commands.executeCommand<{ models: string[]; written: string[]; problems: string[] }>('llmCostLens.importUsage', { files: [exportUri], config }, prompter);

    assert.deepEqual(outcome.models, ['claude-sonnet-4-5', 'gpt-4o-mini', 'llama-3.1-8b']);
    assert.deepEqual(outcome.written, ['claude-sonnet-4-5', 'llama-3.1-8b']);
    assert.ok(outcome.problems.some((p) => /skipped 1 failed requests/.test(p)), outcome.problems.join('\n'));
    assert.equal(shown[0]!.title, 'Import usage: 2026-11-15 to 2026-11-17 (2 days)');
    assert.deepEqual(
      shown[0]!.items.map((i) => [i.label, i.description, i.detail, i.picked]),
      [
        ['claude-sonnet-4-5', '87K tokens/month · input 86.2% · cached 60.0% · 5000 in / 800 out a request · spend 0.67× list price', 'Updates workload "assistant": monthlyTokens, inputShare, cachedInputShare, requestShape', true],
        ['gpt-4o-mini', '37.5K tokens/month · input 80.0% · cached 10.0% · 1000 in / 250 out a request · spend 1.03× list price', 'Updates workload "chat": monthlyTokens, inputShare, cachedInputShare, requestShape', true],
        ['llama-3.1-8b', '7.5K tokens/month · input 80.0% · 400 in / 100 out a request', 'Adds a workload', true],
      ],
    );

    const written = JSON.parse(editor.document.getText());
    assert.deepEqual(written.workloads[1], { name: 'assistant', model: 'claude-sonnet-4-5', monthlyTokens: '87K', inputShare: 0.862, cachedInputShare: 0.6, requestShape: { inputTokens: 5000, outputTokens: 800 } });
    assert.deepEqual(written.workloads[2], { name: 'llama-3.1-8b', model: 'llama-3.1-8b', monthlyTokens: '7.5K', inputShare: 0.8, requestShape: { inputTokens: 400, outputTokens: 100 } });
    assert.equal(written.workloads[0].monthlyTokens, '1M', 'the model left unpicked is not written');

    // One undo takes the whole import back; redo brings it again.
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
    await vscode.commands.executeCommand('redo');
    assert.equal(JSON.parse(editor.document.getText()).workloads.length, 3);

    // The usage stays loaded: "chat" plans 1M where the usage shows 37.5K.
    const diagnostics = await ourDiagnostics(config, (d) => d.some((x) => codeOf(x) === 'usage-drift'), 20_000);
    const drift = diagnostics.filter((d) => codeOf(d) === 'usage-drift');
    assert.deepEqual(drift.map((d) => [d.range.start.line, editor.document.getText(d.range)]), [[2, '"1M"']]);
    assert.equal(drift[0]!.message, 'The usage shows 37,500 tokens a month (37.5K) for gpt-4o-mini; the workload plans 1M, 26.7× the measured volume.');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', config, drift[0]!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Set monthlyTokens to the measured 37.5K');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(JSON.parse(editor.document.getText()).workloads[0].monthlyTokens, '37.5K');
    const after = await poll(() => vscode.languages.getDiagnostics(config).filter((d) => codeOf(d) === 'usage-drift'), (d) => d.length === 0);
    assert.deepEqual(after, []);
  });

  it('a file that is no usage export, or no file at all, is said and nothing is written', async () => {
    const config = fixtureUri('usage-import');
    const editor = await open(config);
    const before = editor.document.getText();
    const { prompter, shown } = picking(['gpt-4o-mini']);
    const outcome = await vscode.commands.executeCommand<{ models: string[]; written: string[]; problems: string[] }>(
      'llmCostLens.importUsage',
      { files: [config, vscode.Uri.file(path.join(fixturesDir, 'usage')), vscode.Uri.file(path.join(fixturesDir, 'usage', 'no-such-export.json'))], config },
      prompter,
    );
    assert.deepEqual(outcome.models, []);
    assert.deepEqual(outcome.problems, [
      'llm.config.json: is not a usage export this reads (OpenAI or Anthropic usage pages, LiteLLM spend logs as JSON or CSV, OTLP/JSON spans, or a CSV with timestamp, model, input_tokens and output_tokens)',
      "usage: not read, it is not a regular file",
      'no-such-export.json: not read, there is no such file',
    ]);
    assert.equal(shown.length, 0, 'no pick is shown when nothing was read');
    assert.equal(editor.document.getText(), before);
  });
});
