import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
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

  it('sends a small config’s lenses with their titles: nothing waits for a second round trip', async () => {
    const uri = exampleUri();
    await open(uri);
    // Asked to resolve none, every lens still has its command.
    const lenses = await poll(() => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 0), (found) => found.length > 0);
    assert.deepEqual(lenses.filter((lens) => !lens.command?.title), [], 'every lens has its title');
  });

  it('sends a large config’s lenses around what its editor shows, and the lenses at its end once the view is there', async function () {
    this.timeout(60_000);
    // 600 workloads: one lens each, more than a window is sent at once.
    const workloads = Array.from({ length: 600 }, (_, i) => ({ name: `w${i}`, model: 'gpt-4o', monthlyTokens: `${i + 1}M`, deployment: 'api' }));
    const text = `${JSON.stringify({ workloads }, null, 2)}\n`;
    const uri = vscode.Uri.file(path.join(os.tmpdir(), `llm-cost-lens-large-${process.pid}`, 'llm.config.json'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const engine = analyzeShipped(text).lenses;
      const lineOf = (name: string) => document.positionAt(text.indexOf(`"name": "${name}"`)).line;
      // No editor shows it: every lens, as ranges resolved when asked (asked for none resolved, the command returns them all as sent).
      const all = await poll(() => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri), (found) => found.length > 0);
      assert.equal(all.length, engine.length + ACTIONS.length);
      assert.ok(all.every((lens) => !lens.command), 'sent as ranges');

      const editor = await vscode.window.showTextDocument(document);
      // The lines sent follow the view as the extension host last heard of it: asked again until they agree.
      const lastShown = () => editor.visibleRanges.at(-1)!.end.line;
      const top = await poll(
        () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 0),
        (found) => found.every((lens) => lens.range.start.line <= lastShown() + 300),
      );
      assert.ok(top.length < all.length / 2, `${top.length} of ${all.length} lenses sent`);
      assert.ok(top.every((lens) => lens.command?.title), 'the lenses sent have their titles');
      assert.ok(top.some((lens) => lens.range.start.line === lineOf('w0') - 1 || lens.range.start.line === lineOf('w0')), 'the first workload’s lens is sent');
      assert.ok(top.every((lens) => lens.range.start.line <= lastShown() + 300), 'no lens far below the view');
      assert.ok(top.some((lens) => lens.command?.title.startsWith('Total')), 'the total is sent');
      // Exactly the engine's lenses of the lines around the view (300 above and below), each with its own title.
      const first = editor.visibleRanges[0]!.start.line;
      const around = engine.filter((lens) => lens.kind !== 'total').filter((lens) => {
        const line = document.positionAt(lens.offset).line;
        return line >= Math.max(0, first - 300) && line <= lastShown() + 300;
      });
      const sentWorkloads = top.filter((lens) => !lens.command!.title.startsWith('Total') && !ACTIONS.includes(lens.command!.title));
      assert.deepEqual(
        sentWorkloads.map((lens) => [lens.range.start.line, lens.command!.title]),
        around.map((lens) => [document.positionAt(lens.offset).line, lens.title]),
      );

      // At the end of the file: its lenses, and the total still.
      const end = document.lineCount - 1;
      editor.revealRange(new vscode.Range(end, 0, end, 0), vscode.TextEditorRevealType.InCenter);
      await poll(() => editor.visibleRanges.at(-1)!.end.line, (line) => line >= end - 1);
      const bottom = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 0);
      const lastWorkload = engine.at(-1)!;
      assert.ok(bottom.some((lens) => lens.range.start.line === document.positionAt(lastWorkload.offset).line && lens.command?.title === lastWorkload.title), 'the last workload’s lens');
      assert.ok(bottom.some((lens) => lens.command?.title.startsWith('Total')), 'the total is sent');
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
    }
  });

  it('shows the file actions even on a config without workloads that cost anything', async () => {
    const uri = fixtureUri('schema-error');
    await open(uri);
    const lenses = await poll(() => lensesOf(uri), (found) => found.length > 0);
    const titles = lenses.map((lens) => lens.command?.title);
    for (const action of ACTIONS) assert.ok(titles.includes(action), `${action} in ${titles.join(' | ')}`);
  });
});
