import * as assert from 'node:assert/strict';
import { applyEdits, modify, parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { resolveFix, type Fix } from '../../src/engine';
import { activateExtension, analyzeShipped, closeAll, codeOf, fixtureUri, open, ourDiagnostics, poll, shippedCatalog } from './helpers';

const RESOLVE_ALL = 10_000;
const lensTitles = async (uri: vscode.Uri) =>
  (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, RESOLVE_ALL)).map((lens) => lens.command?.title ?? '');

/** The text jsonc-parser makes of a fix, with the editor's indentation. */
function expectedText(text: string, fix: Fix, editor: vscode.TextEditor): string {
  const formattingOptions = {
    tabSize: Number(editor.options.tabSize),
    insertSpaces: Boolean(editor.options.insertSpaces),
    eol: editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  };
  let result = text;
  for (const edit of fix.edits) {
    const before = edit.before;
    const getInsertionIndex = before === undefined ? undefined : (properties: string[]) => (properties.includes(before) ? properties.indexOf(before) : properties.length);
    result = applyEdits(result, modify(result, edit.path, edit.value, { formattingOptions, isArrayInsertion: edit.insert ?? false, getInsertionIndex }));
  }
  return result;
}

/** Fixes as the quick fixes offer them: deferred ones resolved (the engine ranks the models then). */
function resolvedFixes(fixes: Fix[] | undefined): Fix[] {
  return (fixes ?? []).map((fix) => resolveFix(fix, shippedCatalog)).filter((fix): fix is Fix => fix !== undefined);
}

const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('//'));

async function quickFixes(uri: vscode.Uri, code: string) {
  const diagnostics = await ourDiagnostics(uri, (d) => d.some((x) => codeOf(x) === code));
  const diagnostic = diagnostics.find((d) => codeOf(d) === code);
  assert.ok(diagnostic, `a ${code} diagnostic`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // The command's results do not carry the diagnostics back: the fixes are told apart by title.
  const titles = new Set(
    analyzeShipped((await vscode.workspace.openTextDocument(uri)).getText())
      .findings.filter((f) => f.code === code)
      .flatMap((f) => resolvedFixes(f.fixes))
      .map((f) => f.title),
  );
  return { diagnostic, actions: actions.filter((a) => titles.has(a.title)) };
}

/**
 * Every fix the engine offers for `code` is a quick fix: same title and preference, its
 * diagnostic attached; applied, it gives jsonc-parser's text with the comments kept; one
 * undo restores the file.
 */
async function checkFixes(fixture: string, code: string, check: (after: string, fix: Fix) => void): Promise<number> {
  const uri = fixtureUri(fixture);
  const editor = await open(uri);
  const original = editor.document.getText();
  const finding = analyzeShipped(original).findings.find((f) => f.code === code);
  const fixes = resolvedFixes(finding?.fixes);
  assert.ok(fixes.length, `the engine offers fixes for ${code}`);
  const { actions } = await quickFixes(uri, code);
  assert.deepEqual(
    actions.map((a) => a.title),
    fixes.map((f) => f.title),
  );
  for (const [i, fix] of fixes.entries()) {
    const action = actions[i]!;
    assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(action.isPreferred ?? false, fix.preferred === true, `${fix.title}: preferred`);
    assert.ok(action.edit, `${fix.title} has an edit`);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    const after = editor.document.getText();
    assert.equal(after, expectedText(original, fix, editor), fix.title);
    assert.deepEqual(comments(after), comments(original), `${fix.title}: the comments survive`);
    check(after, fix);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, `${fix.title}: one undo restores the file`);
  }
  return fixes.length;
}

type Config = { workloads: Record<string, any>[]; models?: unknown[] };

describe('quick fixes on VS Code\'s JSON diagnostics', () => {
  before(activateExtension);
  afterEach(closeAll);

  it('an unknown property that VS Code\'s JSON support reports gets the engine\'s fix, and undo restores it', async () => {
    const uri = fixtureUri('schema-error');
    const editor = await open(uri);
    const original = editor.document.getText();
    const finding = analyzeShipped(original).findings.find((f) => f.code === 'unknown-property')!;
    const range = new vscode.Range(editor.document.positionAt(finding.offset), editor.document.positionAt(finding.offset + finding.length));
    const json = await poll(
      () => vscode.languages.getDiagnostics(uri).filter((d) => d.range.isEqual(range)),
      (d) => d.length > 0,
    );
    assert.equal(json.length, 1, 'VS Code reports the property');
    assert.notEqual(json[0]!.source, 'LLM Cost Lens');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    const remove = actions.find((a) => a.title === 'Remove "colour"');
    assert.ok(remove?.edit, `offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    assert.equal(editor.document.getText(), expectedText(original, finding.fixes!.find((f) => f.title === 'Remove "colour"')!, editor));
    assert.ok(!editor.document.getText().includes('colour'));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });
});

describe('quick fixes', () => {
  before(activateExtension);
  afterEach(closeAll);

  it('an unknown model id: changes it to the nearest known one, or declares it in "models"', async () => {
    const titles: string[] = [];
    await checkFixes('unknown-model', 'unknown-model', (after, fix) => {
      titles.push(fix.title);
      const config = parse(after) as Config;
      if (fix.preferred) assert.equal(config.workloads[0]!.model, 'gpt-4o');
      else assert.deepEqual(config.models, [{ id: 'gpt-4oo' }]);
      assert.equal(analyzeShipped(after).findings.filter((f) => f.code === 'unknown-model').length, 0, 'the finding is gone');
    });
    assert.deepEqual(titles, ['Change to "gpt-4o"', 'Declare "gpt-4oo" in "models" (its prices to fill in)']);
  });

  it('a declared model stays unpriced, with a warning at its entry, until its prices are typed; undo restores the file', async () => {
    const uri = fixtureUri('unknown-model');
    const editor = await open(uri);
    const original = editor.document.getText();
    const { actions } = await quickFixes(uri, 'unknown-model');
    const declare = actions.find((a) => a.title === 'Declare "gpt-4oo" in "models" (its prices to fill in)');
    assert.ok(declare?.edit);
    assert.ok(await vscode.workspace.applyEdit(declare.edit));
    const declared = editor.document.getText();

    const entryStart = declared.indexOf('{', declared.indexOf('"models"'));
    const entry = new vscode.Range(editor.document.positionAt(entryStart), editor.document.positionAt(declared.indexOf('}', entryStart) + 1));
    const warnings = await ourDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unpriced-model'));
    const unpriced = warnings.find((d) => codeOf(d) === 'unpriced-model');
    assert.ok(unpriced, 'an unpriced-model diagnostic');
    assert.ok(unpriced.range.isEqual(entry), 'at the new entry');
    assert.equal(unpriced.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(unpriced.message, /fill in "inputPerMillionUsd" and "outputPerMillionUsd"/);
    const unpricedLenses = await poll(() => lensTitles(uri), (t) => t[0] !== undefined && !t[0].includes('gpt-4oo') && t.includes('no price'));
    assert.equal(unpricedLenses[0], 'Total no price (1 unpriced) across 1 workload');
    assert.ok(unpricedLenses.includes('no price'), unpricedLenses.join(' | '));

    // Typed as a user would, after the id: USD per million input and output tokens.
    const idEnd = editor.document.positionAt(declared.indexOf('"gpt-4oo"', entryStart) + '"gpt-4oo"'.length);
    assert.ok(await editor.edit((b) => b.insert(idEnd, ',\n      "inputPerMillionUsd": 2,\n      "outputPerMillionUsd": 8')));
    // (2 + 8) / 2 = $5/M at the default input share, × 100M tokens = $500/mo.
    const priced = await poll(() => lensTitles(uri), (t) => t[0] === 'Total $500/mo across 1 workload');
    assert.equal(priced[0], 'Total $500/mo across 1 workload');
    assert.ok(priced.includes('$500/mo · gpt-4oo API'), priced.join(' | '));
    await ourDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'unpriced-model'));
    assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'unpriced-model'), 'the warning is gone');

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), declared, 'one undo takes the typed prices back');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'and one more the declared model');
  });

  it('picks a quantization that fits, or adds GPUs to the replica', async () => {
    const seen: unknown[] = [];
    const count = await checkFixes('does-not-fit', 'does-not-fit', (after) => {
      const selfHosted = (parse(after) as Config).workloads[0]!.deployment.selfHosted;
      seen.push({ quantization: selfHosted.quantization, gpus: selfHosted.gpus });
      assert.ok(!analyzeShipped(after).findings.some((f) => f.code === 'does-not-fit'), 'the setup now fits');
    });
    assert.ok(count >= 2);
    assert.ok(seen.some((s) => (s as { quantization: string }).quantization !== 'fp16'), 'a quantization fix');
    assert.ok(seen.some((s) => (s as { gpus: number }).gpus > 1), 'a GPU-count fix');
  });

  it('resolves a requirement conflict by switching to the recommended model', async () => {
    await checkFixes('conflict', 'conflict-data_privacy', (after, fix) => {
      const workload = (parse(after) as Config).workloads[0]!;
      const model = fix.edits.find((e) => e.path.at(-1) === 'model')!.value;
      assert.equal(workload.model, model);
      assert.ok(!analyzeShipped(after).findings.some((f) => f.code === 'conflict-data_privacy'), 'the conflict is resolved');
    });
  });

  it('does not offer a fix that would trade its error for another', async () => {
    const uri = fixtureUri('fix-adds-error');
    await open(uri);
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const written = resolvedFixes(analyzeShipped(text).findings.find((f) => f.code === 'model-not-allowed')!.fixes).map((f) => f.title);
    // gpt-4o is allowed but runs only through its API, which data_privacy forbids.
    assert.deepEqual(written, ['Change to "gpt-4o" through its API', 'Change to "llama-3.1-70b"']);
    const diagnostics = await ourDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'model-not-allowed'));
    const diagnostic = diagnostics.find((d) => codeOf(d) === 'model-not-allowed')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const offered = actions.map((a) => a.title).filter((t) => written.includes(t));
    assert.deepEqual(offered, ['Change to "llama-3.1-70b"']);
  });

  it('indents inserted JSON as the editor does', async () => {
    const uri = fixtureUri('conflict');
    const editor = await open(uri);
    editor.options = { tabSize: 4, insertSpaces: true };
    const original = editor.document.getText();
    const { actions } = await quickFixes(uri, 'conflict-data_privacy');
    const fix = resolvedFixes(analyzeShipped(original).findings.find((f) => f.code === 'conflict-data_privacy')!.fixes)[0]!;
    assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
    assert.equal(editor.document.getText(), expectedText(original, fix, editor));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });
});
