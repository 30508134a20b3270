import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze } from '../../src/engine';
import { activateExtension, analyzeShipped, closeAll, exampleUri, fixtureUri, open, poll, setSetting } from './helpers';

const ACTIONS = ['Recommend model…', 'Open comparison…'];

// Lenses are resolved when shown; the command resolves as many as asked for.
const RESOLVE_ALL = 10_000;
const lensesOf = (uri: vscode.Uri) => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, RESOLVE_ALL);

/** The engine's lenses, with the two file actions right after the total, as the provider places them. */
function expectedTitles(text: string): string[] {
  const titles = analyzeShipped(text).lenses.map((lens) => ({ kind: lens.kind, title: lens.title }));
  const total = titles.findIndex((lens) => lens.kind === 'total');
  const result = titles.map((lens) => lens.title);
  result.splice(total + 1, 0, ...ACTIONS);
  return result;
}

describe('code lens on llm.config.json', () => {
  before(activateExtension);
  afterEach(closeAll);

  it('shows the engine’s title above each workload', async () => {
    const uri = exampleUri();
    const { document } = await open(uri);

    const engine = analyzeShipped(document.getText()).lenses;
    assert.ok(engine.some((lens) => lens.kind === 'cost'), 'the example has at least one workload with a cost');
    const expected = expectedTitles(document.getText());

    const lenses = await poll(
      () => lensesOf(uri),
      (found) => (found?.length ?? 0) >= expected.length,
    );
    assert.deepEqual(
      lenses.map((lens) => lens.command?.title),
      expected,
    );
    const lines = lenses.filter((lens) => !ACTIONS.includes(lens.command!.title)).map((lens) => lens.range.start.line);
    assert.deepEqual(
      lines,
      engine.map((lens) => document.positionAt(lens.offset).line),
      'each lens sits on its workload’s line',
    );
  });

  it('a workload without a price is counted as unpriced in the total, never as $0', async () => {
    const uri = fixtureUri('unknown-model');
    await open(uri);
    const lenses = await poll(() => lensesOf(uri), (found) => (found?.length ?? 0) > 0);
    assert.equal(lenses[0]!.command?.title, 'Total no price (1 unpriced) across 1 workload');
  });

  it('gives each lens a command that does something: explain, recommend, compare', async () => {
    const uri = exampleUri();
    const { document } = await open(uri);
    const engine = analyzeShipped(document.getText()).lenses;
    const lenses = await poll(() => lensesOf(uri), (found) => (found?.length ?? 0) > 0);
    for (const lens of lenses) {
      const title = lens.command!.title;
      const source = engine.find((l) => l.title === title);
      if (title === ACTIONS[0]) assert.equal(lens.command!.command, 'llmCostLens.recommendModel');
      else if (title === ACTIONS[1] || source?.kind === 'total') assert.equal(lens.command!.command, 'llmCostLens.openComparison');
      else {
        assert.equal(lens.command!.command, 'llmCostLens.explainFigure', title);
        // The lens's key: the page finds the lens again in each new analysis of the file.
        const key = source!.alternative === undefined ? { kind: source!.kind, workload: source!.workload } : { kind: source!.kind, workload: source!.workload, alternative: source!.alternative };
        assert.deepEqual(lens.command!.arguments?.[0], { uri: uri.toString(), lens: key });
      }
    }
  });

  it('turns off and on live with llmCostLens.codeLens.enabled', async () => {
    const uri = exampleUri();
    await open(uri);
    try {
      await setSetting('codeLens.enabled', false);
      const none = await poll(() => lensesOf(uri), (found) => found.length === 0);
      assert.equal(none.length, 0);
      await setSetting('codeLens.enabled', undefined);
      const back = await poll(() => lensesOf(uri), (found) => found.length > 0);
      assert.ok(back.length > 0);
    } finally {
      await setSetting('codeLens.enabled', undefined);
    }
  });

  it('compares with the catalog’s reference models only when llmCostLens.compareWithCatalog asks', async () => {
    // The team config's API-only models declare no alternatives: nothing to compare them with, unless asked.
    const uri = fixtureUri('team');
    await open(uri);
    const titles = async () => (await lensesOf(uri)).map((lens) => lens.command?.title ?? '');
    const verdicts = (found: string[]) => found.filter((t) => /self-hosting|API would be/.test(t));
    const plain = await poll(titles, (found) => found.some((t) => t.startsWith('Total')));
    try {
      await setSetting('compareWithCatalog', true);
      const asked = await poll(titles, (found) => verdicts(found).length > verdicts(plain).length);
      assert.ok(verdicts(asked).some((t) => /^(at .* self-hosting|self-hosting) /.test(t)), asked.join('\n'));
    } finally {
      await setSetting('compareWithCatalog', undefined);
    }
    const back = await poll(titles, (found) => verdicts(found).length === verdicts(plain).length);
    assert.deepEqual(back, plain);
  });

  it('keeps the last good figures while the text has a syntax error', async () => {
    const uri = exampleUri();
    const editor = await open(uri);
    const before = (await poll(() => lensesOf(uri), (found) => found.length > 0)).map((lens) => lens.command?.title);
    // Delete the comma after the model id: the text no longer parses.
    const text = editor.document.getText();
    const comma = text.indexOf(',', text.indexOf('"model"'));
    await editor.edit((edit) =>
      edit.delete(new vscode.Range(editor.document.positionAt(comma), editor.document.positionAt(comma + 1))),
    );
    assert.equal(analyze(editor.document.getText()).syntaxOk, false);
    const during = (await lensesOf(uri)).map((lens) => lens.command?.title);
    assert.deepEqual(during, before);
  });

  it('shows the file actions even on a config without workloads that cost anything', async () => {
    const uri = fixtureUri('schema-error');
    await open(uri);
    const lenses = await poll(() => lensesOf(uri), (found) => found.length > 0);
    const titles = lenses.map((lens) => lens.command?.title);
    for (const action of ACTIONS) assert.ok(titles.includes(action), `${action} in ${titles.join(' | ')}`);
  });
});
