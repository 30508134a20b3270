import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { analyze, catalog, recommend, recommendForAnalysis } from '../../src/engine';
import { configTemplate } from '../../src/extension/template';
import { BACK } from '../../src/extension/prompter';
import { activateExtension, analyzeShipped, articleExampleUri, closeAll, exampleUri, fixtureUri, open, shippedCatalog } from './helpers';

type Item = vscode.QuickPickItem & Record<string, unknown>;
type Answer = (items: readonly Item[], options: vscode.QuickPickOptions | vscode.InputBoxOptions) => unknown;

/** Answers each step from a script and records what it was asked. */
function scripted(answers: Record<string, Answer>) {
  const asked: { step: string; items?: readonly Item[]; options: vscode.QuickPickOptions | vscode.InputBoxOptions }[] = [];
  const answer = (step: string, items: readonly Item[] | undefined, options: vscode.QuickPickOptions | vscode.InputBoxOptions) => {
    asked.push({ step, ...(items ? { items } : {}), options });
    const handler = answers[step];
    if (!handler) throw new Error(`unexpected step ${step}`);
    return handler(items ?? [], options);
  };
  return {
    asked,
    prompter: {
      async pickOne(step: string, items: readonly Item[], options: vscode.QuickPickOptions) {
        return answer(step, items, options);
      },
      async pickMany(step: string, items: readonly Item[], options: vscode.QuickPickOptions) {
        return answer(step, items, options);
      },
      async input(step: string, options: vscode.InputBoxOptions) {
        const value = answer(step, undefined, options) as string | typeof BACK | undefined;
        // The real input box would not accept an invalid value.
        if (typeof value === 'string') assert.equal(await options.validateInput?.(value), undefined, `${step}: ${value} is valid`);
        return value;
      },
    },
  };
}

const workloadsOf = (text: string) => (parse(text) as { workloads: { name: string; model: string; deployment?: unknown }[] }).workloads;

describe('Recommend model', () => {
  before(activateExtension);
  afterEach(closeAll);

  it('runs to the end: the workload, its requirements from the config, volume, budget, ranking, applied to it, undone in one step', async () => {
    const editor = await open(articleExampleUri());
    const before = editor.document.getText();
    const analysis = analyze(before);
    const expected = recommend(
      analysis.requirements,
      240,
      {
        budgetUsd: 5000,
        ...(analysis.allowedModels ? { allowedModels: analysis.allowedModels } : {}),
        inputShare: analysis.assumptions.inputShare,
        gpuHourlyUsd: analysis.gpuHourlyUsd,
        hoursPerMonth: analysis.assumptions.hoursPerMonth,
      },
      shippedCatalog,
    );
    assert.ok(expected.recommendations.length > 0, 'the engine recommends something');
    const choice = expected.recommendations[0]!;

    const { asked, prompter } = scripted({
      requirements: (items) => items.filter((item) => item.picked),
      volume: () => '240M',
      budget: () => '$5,000',
      model: (items) => items.find((item) => (item.choice as { model: string } | undefined)?.model === choice.model),
      workload: (items) => items[0],
    });
    const outcome = await vscode.commands.executeCommand<{ model: string; workloadIndex: number; added: boolean }>(
      'llmCostLens.recommendModel',
      { prompter },
    );
    assert.deepEqual(
      asked.map((a) => a.step),
      ['workload', 'requirements', 'volume', 'budget', 'model'],
    );

    const requirementItems = asked[1]!.items!;
    assert.equal(requirementItems.length, catalog.requirements.length);
    assert.deepEqual(
      requirementItems.filter((item) => item.picked).map((item) => item.id),
      analysis.workloads[0]!.requirements,
      'pre-filled from the config: the project’s requirements and the workload’s',
    );
    assert.equal((asked[1]!.options as vscode.QuickPickOptions).placeHolder, 'Requirements of support-chat (pre-filled from llm.config.json)');
    const volume = asked[2]!.options as vscode.InputBoxOptions;
    assert.equal(volume.value, '100M', 'pre-filled with the volume of the workload it is for');
    assert.ok(volume.validateInput!('lots'), '"lots" is refused');
    assert.equal(volume.validateInput!('1.5B'), undefined);

    const modelItems = asked[4]!.items!.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);
    const ranked = modelItems.filter((item) => item.choice).map((item) => item.choice as { model: string; deployment: string });
    assert.deepEqual(
      ranked,
      expected.recommendations.map((r) => ({ model: r.model, deployment: r.deployment, ...(r.setup ? { setup: r.setup } : {}) })),
      'ranked as the engine ranks them',
    );
    assert.equal(modelItems.filter((item) => item.excludedReason).length, expected.excluded.length, 'excluded ones are listed too');

    assert.equal(outcome.model, choice.model);
    assert.equal(outcome.workloadIndex, 0);
    const after = editor.document.getText();
    assert.equal(workloadsOf(after)[0]!.model, choice.model);
    assert.ok(after.startsWith('// The scenario of "Open vs Closed Models in 2026"'), 'the comment survives');
    assert.equal(editor.document.isDirty, true, 'the change is in the editor, unsaved');

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo restores the file');
  });

  it('writes the self-hosted setup it showed, and the file then has no error it did not have', async () => {
    const editor = await open(articleExampleUri());
    const before = editor.document.getText();
    const analysis = analyzeShipped(before);
    const expected = recommend(['data_privacy'], 300, { inputShare: analysis.assumptions.inputShare, gpuHourlyUsd: analysis.gpuHourlyUsd, gpuPrices: analysis.gpuPrices, hoursPerMonth: analysis.assumptions.hoursPerMonth }, shippedCatalog);
    const shown = expected.recommendations.find((r) => r.deployment === 'self-hosted' && r.setup && !r.setup.throughputTps)!;
    assert.ok(shown, 'a self-hosted pick from the serving model’s search');
    const { prompter } = scripted({
      requirements: (items) => items.filter((item) => item.id === 'data_privacy'),
      workload: (items) => items[0],
      volume: () => '300M',
      budget: () => '',
      model: (items) => items.find((item) => JSON.stringify(item.choice) === JSON.stringify({ model: shown.model, deployment: 'self-hosted', setup: shown.setup })),
      writeBack: (items) => items.find((i) => String(i.label).startsWith('Leave')),
    });
    const outcome = await vscode.commands.executeCommand<{ model: string; workloadIndex: number }>('llmCostLens.recommendModel', { prompter });
    assert.equal(outcome.model, shown.model);
    const written = workloadsOf(editor.document.getText())[0]!;
    assert.deepEqual(written.deployment, { selfHosted: shown.setup }, 'exactly the setup shown');
    const after = analyzeShipped(editor.document.getText());
    const errors = (a: typeof after) => a.findings.filter((f) => f.severity === 'error').map((f) => f.code).sort();
    assert.deepEqual(errors(after), errors(analysis).filter((c) => c !== 'conflict-data_privacy'), 'no new error');
    // At the volume it was ranked for, the written setup costs what was shown.
    const atVolume = analyzeShipped(editor.document.getText().replace(/"monthlyTokens": "100M"/, '"monthlyTokens": "300M"'));
    assert.equal(Math.round(atVolume.workloads[0]!.monthlyCostUsd! * 100) / 100, shown.monthlyCostUsd);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('adds a new workload with the chosen model', async () => {
    const editor = await open(exampleUri());
    const before = editor.document.getText();
    const { prompter } = scripted({
      requirements: () => [],
      volume: () => '5M',
      budget: () => '',
      model: (items) => items.find((item) => item.choice),
      workload: (items) => items[items.length - 1],
      workloadName: () => 'nightly-reports',
      writeBack: (items) => items[0],
    });
    const outcome = await vscode.commands.executeCommand<{ model: string; added: boolean; workloadIndex: number }>(
      'llmCostLens.recommendModel',
      { prompter },
    );
    assert.equal(outcome.added, true);
    const workloads = workloadsOf(editor.document.getText());
    assert.equal(workloads.length, workloadsOf(before).length + 1);
    const added = workloads[workloads.length - 1]!;
    assert.equal(added.name, 'nightly-reports');
    assert.equal(added.model, outcome.model);
    assert.equal(analyze(editor.document.getText()).syntaxOk, true);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('lists the models rated on a requested benchmark first, and the rest under a separator that says they are not rated', async () => {
    await open(exampleUri());
    const { asked, prompter } = scripted({
      requirements: (items) => items.filter((item) => item.id === 'best_math_code'),
      volume: () => '100M',
      budget: () => '',
      model: () => undefined,
      workload: (items) => items[items.length - 1],
    });
    await vscode.commands.executeCommand('llmCostLens.recommendModel', { prompter });
    const items = asked.find((a) => a.step === 'model')!.items!;
    const separators = items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => String(i.label));
    assert.equal(separators.length, 2, separators.join(' | '));
    assert.match(separators[0]!, /^Not rated for best_math_code \(\d+\): no figure in the catalog, ranked by quality tier and cost$/);
    assert.equal(separators[1], 'Excluded');
    const at = items.findIndex((i) => String(i.label) === separators[0]);
    const rated = items.slice(0, at).map((i) => i.choice as { model: string });
    assert.ok(rated.length > 0 && rated.every((c) => c), 'rated rows before the separator');
    assert.ok(rated.some((c) => c.model === 'deepseek-v3'), 'deepseek-v3 is rated on best_math_code');
    const count = Number(/\((\d+)\)/.exec(separators[0]!)![1]);
    const unrated = items.slice(at + 1, at + 1 + count);
    assert.ok(unrated.every((i) => i.choice && String(i.detail).includes('best_math_code: not ranked on it, no figure in the catalog')), 'each unrated row says why');
    assert.equal(items[at + 1 + count]?.label, 'Excluded');
  });

  it('stops without a change when the user cancels', async () => {
    const editor = await open(exampleUri());
    const before = editor.document.getText();
    const { prompter } = scripted({ workload: () => undefined });
    const outcome = await vscode.commands.executeCommand('llmCostLens.recommendModel', { prompter });
    assert.equal(outcome, undefined);
    assert.equal(editor.document.getText(), before);
  });

  it('goes Back without losing an answer, keeps them after Escape, and writes the requirements back on request', async () => {
    // The article's example: a project requirement to untick.
    const editor = await open(articleExampleUri());
    const before = editor.document.getText();
    let volumes = 0;
    let requirementSteps = 0;
    const first = scripted({
      workload: (items) => items[1],
      requirements: (items) => {
        // Back to the requirements from the volume: what was picked is still picked.
        if (requirementSteps++ === 1) assert.deepEqual(items.filter((i) => i.picked).map((i) => i.id), ['data_privacy']);
        return items.filter((item) => item.id === 'data_privacy');
      },
      volume: () => (volumes++ === 0 ? BACK : '50M'),
      budget: () => undefined,
    });
    assert.equal(await vscode.commands.executeCommand('llmCostLens.recommendModel', { prompter: first.prompter }), undefined, 'Escape at the budget');
    assert.deepEqual(first.asked.map((a) => a.step), ['workload', 'requirements', 'volume', 'requirements', 'volume', 'budget']);
    assert.ok(first.asked[0]!.options && !('back' in first.asked[0]!.options && first.asked[0]!.options.back), 'the first step has no Back');
    assert.equal((first.asked[1]!.options as { back?: boolean }).back, true);
    assert.equal(editor.document.getText(), before, 'nothing written');

    // Run again: every answer of the last run is there, and Back from the model returns to the budget.
    let models = 0;
    const second = scripted({
      requirements: (items) => {
        assert.deepEqual(items.filter((i) => i.picked).map((i) => i.id), ['data_privacy'], 'the last run’s requirements');
        return items.filter((i) => i.picked);
      },
      workload: (items) => {
        assert.equal(items.find((i) => i.picked)?.index, 1, 'the last run’s workload');
        return items.find((i) => i.picked);
      },
      volume: (_items, options) => {
        assert.equal((options as vscode.InputBoxOptions).value, '50M', 'the last run’s volume');
        return '50M';
      },
      budget: () => '',
      model: (items) => (models++ === 0 ? BACK : items.find((item) => item.choice)),
      writeBack: (items) => items.find((i) => String(i.label).startsWith('Write')),
    });
    const outcome = await vscode.commands.executeCommand<{ model: string; workloadIndex: number }>('llmCostLens.recommendModel', { prompter: second.prompter });
    assert.deepEqual(second.asked.map((a) => a.step), ['workload', 'requirements', 'volume', 'budget', 'model', 'budget', 'model', 'writeBack']);
    const after = parse(editor.document.getText()) as { requirements: string[]; workloads: { model: string; monthlyTokens: unknown; requirements?: string[] }[] };
    // Written where each belongs: the workload's own requirement on it, the unticked project requirement off the project.
    assert.deepEqual(after.workloads[1]!.requirements, ['data_privacy'], 'written back to the workload');
    assert.deepEqual(after.requirements, [], 'the project requirement unticked is gone');
    assert.equal(after.workloads[0]!.requirements, undefined, 'the other workload is left alone');
    assert.equal(after.workloads[1]!.model, outcome.model);
    assert.equal(after.workloads[1]!.monthlyTokens, 2.4e8, 'the workload keeps its own volume');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo restores the file');
  });

  it('pre-fills the requirements of the workload it changes: its own data_privacy, and no API ranked for it', async () => {
    const editor = await open(fixtureUri('team-privacy'));
    const before = editor.document.getText();
    const analysis = analyzeShipped(before);
    assert.deepEqual(analysis.requirements, [], 'the project has none');
    assert.deepEqual(analysis.workloads[2]!.requirements, ['data_privacy'], 'the workload has its own');
    let workloads = 0;
    const { asked, prompter } = scripted({
      // First the chat workload, then Back and the local one: each gets its own requirements.
      workload: (items) => items[workloads++ === 0 ? 0 : 2],
      requirements: (items) => (workloads === 1 ? BACK : items.filter((i) => i.picked)),
      volume: (_items, options) => (options as vscode.InputBoxOptions).value,
      budget: () => '',
      model: (items) => items.find((item) => item.choice),
    });
    const outcome = await vscode.commands.executeCommand<{ model: string; deployment: string; workloadIndex: number }>('llmCostLens.recommendModel', { prompter });
    assert.deepEqual(asked.map((a) => a.step), ['workload', 'requirements', 'workload', 'requirements', 'volume', 'budget', 'model'], 'no write-back: the picks are the file’s');
    const picked = (i: number) => asked[i]!.items!.filter((item) => item.picked).map((item) => item.id);
    assert.deepEqual(picked(1), [], 'chat: none');
    assert.deepEqual(picked(3), ['data_privacy'], 'local: its own');
    assert.equal((asked[3]!.options as vscode.QuickPickOptions).placeHolder, 'Requirements of local (pre-filled from llm.config.json)');
    assert.equal((asked[4]!.options as vscode.InputBoxOptions).value, '40M');

    // Ranked as the panel's Decision tab ranks it: the same function and options, the file's catalog.
    const expected = recommendForAnalysis(analysis, ['data_privacy'], 40, shippedCatalog);
    const ranked = asked[6]!.items!.filter((item) => item.choice).map((item) => item.choice as { model: string; deployment: string });
    assert.deepEqual(ranked.map((c) => [c.model, c.deployment]), expected.recommendations.map((r) => [r.model, r.deployment]));
    assert.ok(ranked.length > 0 && ranked.every((c) => c.deployment === 'self-hosted'), 'no API is offered to a data_privacy workload');
    assert.ok(asked[6]!.items!.some((item) => item.excludedReason && /^api: data_privacy needs a self-hosted deployment/.test(String(item.excludedReason))), 'the APIs are listed as excluded, with why');
    assert.equal(outcome.workloadIndex, 2);
    assert.equal(outcome.deployment, 'self-hosted');
    // The file keeps the workload's requirement, and gets no new error.
    const after = analyzeShipped(editor.document.getText());
    assert.deepEqual(after.workloads[2]!.requirements, ['data_privacy']);
    assert.deepEqual(after.findings.filter((f) => f.severity === 'error'), []);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('unticking a workload’s own requirement offers to write it back to that workload', async () => {
    const editor = await open(fixtureUri('team-privacy'));
    const before = editor.document.getText();
    const { asked, prompter } = scripted({
      workload: (items) => items[2],
      requirements: () => [],
      volume: () => '40M',
      budget: () => '',
      model: (items) => items.find((item) => item.choice),
      writeBack: (items) => items.find((i) => String(i.label).startsWith('Write')),
    });
    const outcome = await vscode.commands.executeCommand<{ model: string } | undefined>('llmCostLens.recommendModel', { prompter });
    // Without the requirement the top pick may be an API: no conflict once the requirement is off.
    assert.ok(outcome, 'written');
    const writeBack = asked.find((a) => a.step === 'writeBack')!;
    assert.equal(writeBack.items!.find((i) => String(i.label).startsWith('Write'))!.detail, 'The file says: data_privacy');
    const after = parse(editor.document.getText()) as { requirements?: string[]; workloads: { requirements?: string[] }[] };
    assert.equal(after.workloads[2]!.requirements, undefined, 'the workload’s own requirement is removed');
    assert.equal(after.requirements, undefined, 'the project’s list is not created');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('creates configs from a template that parses and that the engine prices', () => {
    const text = configTemplate();
    const analysis = analyze(text);
    assert.equal(analysis.syntaxOk, true);
    assert.deepEqual(
      analysis.findings.filter((f) => f.severity === 'error').map((f) => f.code),
      [],
    );
    assert.ok(analysis.totalMonthlyCostUsd > 0);
    assert.ok(text.split('\n').filter((line) => line.trim().startsWith('//')).length >= 4, 'commented');
  });
});
