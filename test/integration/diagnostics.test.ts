import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NOT_SHOWN_CODE, SHOWN_PER_FILE, shownAsDiagnostic } from '../../src/extension/diagnostics';
import {
  activateExtension,
  analyzeShipped,
  closeAll,
  codeOf,
  exampleUri,
  fixtureUri,
  open,
  ourDiagnostics,
  poll,
  setSetting,
  SOURCE,
} from './helpers';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Diagnostics for a fixture equal the engine's findings: code, range, severity, message. */
async function expectEngineFindings(name: string, mustHave: string): Promise<vscode.Diagnostic[]> {
  const uri = fixtureUri(name);
  const { document } = await open(uri);
  const all = analyzeShipped(document.getText()).findings;
  assert.ok(
    all.some((f) => f.code === mustHave),
    `the engine reports ${mustHave} for ${name}; it reports ${all.map((f) => f.code).join(', ')}`,
  );
  // What VS Code's JSON support reports from the contributed schema is not drawn twice.
  const findings = all.filter((f) => shownAsDiagnostic(f));
  const diagnostics = await ourDiagnostics(uri, (d) => d.length >= findings.length);
  assert.deepEqual(shape(document, diagnostics), engineShape(document.getText()));
  for (const d of diagnostics) {
    assert.equal(d.source, SOURCE);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.ok(code.target instanceof vscode.Uri && code.target.fragment === code.value, 'the code links to its README section');
  }
  return diagnostics;
}

type Shown = { code: string; start: number; end: number; severity: vscode.DiagnosticSeverity; message: string };
const byPlace = (x: Shown) => `${String(x.start).padStart(8, '0')} ${x.code} ${x.message}`;

/** Diagnostics as offsets in the document, in the order of their places. */
function shape(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): Shown[] {
  return diagnostics
    .map((d) => ({ code: codeOf(d), start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end), severity: d.severity, message: d.message }))
    .sort((a, b) => byPlace(a).localeCompare(byPlace(b)));
}

/** The engine's findings of a text that the editor shows as its own diagnostics, in the same form. */
function engineShape(text: string): Shown[] {
  return analyzeShipped(text)
    .findings.filter((f) => shownAsDiagnostic(f))
    .map((f) => ({ code: f.code, start: f.offset, end: f.offset + f.length, severity: SEVERITY[f.severity]!, message: f.message }))
    .sort((a, b) => byPlace(a).localeCompare(byPlace(b)));
}

async function replaceFirst(editor: vscode.TextEditor, find: string, by: string): Promise<void> {
  const at = editor.document.getText().indexOf(find);
  assert.ok(at >= 0, `${find} is in the file`);
  const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + find.length));
  assert.ok(await editor.edit((edit) => edit.replace(range, by)));
}

function textOf(document: vscode.TextDocument, d: vscode.Diagnostic): string {
  return document.getText(d.range);
}

describe('diagnostics', () => {
  before(activateExtension);
  afterEach(async () => {
    await closeAll();
    await setSetting('diagnostics.severityOverrides', undefined);
    await setSetting('diagnostics.debounceMs', undefined);
  });

  it('a JSON syntax error is shown once, by VS Code\'s JSON support, where the engine finds it', async () => {
    const uri = fixtureUri('syntax-error');
    await expectEngineFindings('syntax-error', 'json-syntax');
    const document = await vscode.workspace.openTextDocument(uri);
    const syntax = analyzeShipped(document.getText()).findings.find((f) => f.code === 'json-syntax')!;
    const line = document.positionAt(syntax.offset).line;
    const shown = await poll(() => vscode.languages.getDiagnostics(uri), (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line === line));
    const errors = shown.filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line === line);
    assert.equal(errors.length, 1, `one error at the missing comma: ${errors.map((d) => `${d.source}: ${d.message}`).join(' | ')}`);
    assert.notEqual(errors[0]!.source, SOURCE);
    // The missing comma is between "gpt-4o" and "monthlyTokens".
    assert.ok(/monthlyTokens|gpt-4o/.test(document.lineAt(line).text), `the error is on the line of the missing comma: ${document.lineAt(line).text}`);
  });

  it('schema errors are shown once, on the offending value and key', async () => {
    const uri = fixtureUri('schema-error');
    await expectEngineFindings('schema-error', 'schema');
    const document = await vscode.workspace.openTextDocument(uri);
    const findings = analyzeShipped(document.getText()).findings.filter((f) => f.code === 'schema' || f.code === 'unknown-property');
    const shown = await poll(() => vscode.languages.getDiagnostics(uri), (d) => d.length >= findings.length);
    for (const finding of findings) {
      const text = document.getText().slice(finding.offset, finding.offset + finding.length);
      const at = shown.filter((d) => textOf(document, d) === text);
      assert.equal(at.length, 1, `one diagnostic on ${text}: ${at.map((d) => `${d.source}: ${d.message}`).join(' | ')}`);
    }
    const texts = shown.map((d) => textOf(document, d));
    assert.ok(texts.some((t) => t.includes('"lots"')), `a diagnostic on "lots": ${texts.join(' | ')}`);
    assert.ok(texts.some((t) => t.includes('colour')), `a diagnostic on "colour": ${texts.join(' | ')}`);
  });

  it('reports an unknown model on its id', async () => {
    const diagnostics = await expectEngineFindings('unknown-model', 'unknown-model');
    const document = await vscode.workspace.openTextDocument(fixtureUri('unknown-model'));
    const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-model')!;
    assert.equal(textOf(document, unknown), '"gpt-4oo"');
  });

  it('reports a self-hosted setup that does not fit in GPU memory', async () => {
    await expectEngineFindings('does-not-fit', 'does-not-fit');
  });

  it('reports a requirement conflict, with the requirement as related information', async () => {
    const text = await read('conflict');
    const code = analyzeShipped(text).findings.find((f) => f.code.startsWith('conflict'))?.code;
    assert.ok(code, `the engine reports a conflict: ${analyzeShipped(text).findings.map((f) => f.code).join(', ')}`);
    const diagnostics = await expectEngineFindings('conflict', code);
    const conflict = diagnostics.find((d) => codeOf(d) === code)!;
    const finding = analyzeShipped(text).findings.find((f) => f.code === code)!;
    assert.equal(conflict.relatedInformation?.length ?? 0, finding.related?.length ?? 0);
    for (const [i, related] of (finding.related ?? []).entries()) {
      const info = conflict.relatedInformation![i]!;
      assert.equal(info.message, related.message);
      assert.equal(info.location.uri.toString(), fixtureUri('conflict').toString());
    }
  });

  it('clears a file’s diagnostics when it closes', async () => {
    const uri = fixtureUri('unknown-model');
    await open(uri);
    await ourDiagnostics(uri);
    await closeAll();
    const after = await ourDiagnostics(uri, (d) => d.length === 0);
    assert.equal(after.length, 0);
  });

  it('recomputes after typing, once the debounce has passed', async () => {
    await setSetting('diagnostics.debounceMs', 200);
    const uri = fixtureUri('unknown-model');
    const editor = await open(uri);
    await ourDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-model'));
    const text = editor.document.getText();
    const start = text.indexOf('gpt-4oo');
    const started = Date.now();
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + 7)), 'gpt-4o'),
    );
    const during = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
    assert.ok(during.some((d) => codeOf(d) === 'unknown-model'), 'not recomputed at once while typing');
    const after = await ourDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'unknown-model'));
    assert.ok(!after.some((d) => codeOf(d) === 'unknown-model'), 'the fixed id is no longer reported');
    assert.ok(Date.now() - started >= 150, 'waited for the debounce');
  });

  it('after an edit, a finding unchanged in place keeps its diagnostic, and every diagnostic is what the engine finds in the new text', async () => {
    await setSetting('diagnostics.debounceMs', 0);
    const uri = fixtureUri('team');
    const editor = await open(uri);
    const { document } = editor;
    const before = await ourDiagnostics(uri, (d) => JSON.stringify(shape(document, d)) === JSON.stringify(engineShape(document.getText())));
    const hint = before.find((d) => codeOf(d) === 'ambiguous-host' && d.message.includes('gemini-2.5-flash'));
    const cheaper = before.find((d) => codeOf(d) === 'api-cheaper');
    assert.ok(hint && cheaper, `the team config has an ambiguous-host hint and an api-cheaper warning: ${before.map(codeOf).join(', ')}`);

    // The last workload's volume: its warning's dollars change; the hint two lines above does not move.
    await replaceFirst(editor, '"40M"', '"400M"');
    const edited = await ourDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'api-cheaper' && x.message.includes('400M')));
    assert.deepEqual(shape(document, edited), engineShape(document.getText()));
    assert.ok(edited.includes(hint), 'the unchanged hint is the same diagnostic');
    assert.ok(!edited.includes(cheaper), 'the changed warning is a new one');

    // A line added above every workload: each finding is at another line, so each diagnostic is new.
    await replaceFirst(editor, '"workloads": [', '"workloads": [\n');
    const moved = await ourDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'ambiguous-host' && x.range.start.line === hint.range.start.line + 1));
    assert.deepEqual(shape(document, moved), engineShape(document.getText()));
    for (const d of moved) assert.ok(!edited.includes(d), `${codeOf(d)} was made for its new place`);
  });

  it('applies severity overrides, and "off" hides a finding', async () => {
    const uri = fixtureUri('unknown-model');
    await open(uri);
    await ourDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-model'));
    await setSetting('diagnostics.severityOverrides', { 'unknown-model': 'hint' });
    const hinted = await ourDiagnostics(uri, (d) =>
      d.some((x) => codeOf(x) === 'unknown-model' && x.severity === vscode.DiagnosticSeverity.Hint),
    );
    assert.ok(hinted.some((x) => codeOf(x) === 'unknown-model' && x.severity === vscode.DiagnosticSeverity.Hint));
    await setSetting('diagnostics.severityOverrides', { 'unknown-model': 'off' });
    const off = await ourDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'unknown-model'));
    assert.ok(!off.some((x) => codeOf(x) === 'unknown-model'));
  });

  it('of a file with more findings than VS Code shows, hands it the ones it shows, errors first, and says how many are left out', async function () {
    this.timeout(60_000);
    // A hint first, then more unknown models (errors) than VS Code shows of one file.
    const workloads = [{ name: 'first', model: 'gemini-2.5-flash', monthlyTokens: '10M' }, ...Array.from({ length: SHOWN_PER_FILE + 100 }, (_, i) => ({ name: `w${i}`, model: 'gpt-4oo', monthlyTokens: '1M' }))];
    const text = JSON.stringify({ workloads }, null, 2);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-many-'));
    try {
      writeFileSync(path.join(dir, 'llm.config.json'), text);
      const uri = vscode.Uri.file(path.join(dir, 'llm.config.json'));
      const { document } = await open(uri);
      const findings = analyzeShipped(text).findings.filter((f) => shownAsDiagnostic(f));
      const errors = findings.filter((f) => f.severity === 'error');
      assert.ok(findings.some((f) => f.severity === 'hint') && errors.length > SHOWN_PER_FILE, `a hint and more than ${SHOWN_PER_FILE} errors: ${findings.length}`);
      const shown = await ourDiagnostics(uri, (d) => d.length === SHOWN_PER_FILE, 30_000);
      const [note, ...rest] = [shown.find((d) => codeOf(d) === NOT_SHOWN_CODE)!, ...shown.filter((d) => codeOf(d) !== NOT_SHOWN_CODE)];
      assert.ok(note, 'a diagnostic says findings are left out');
      assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
      assert.equal(note.range.start.line, 0);
      assert.equal(note.message, `${(findings.length - (SHOWN_PER_FILE - 1)).toLocaleString('en-US')} more findings of this file are not shown: VS Code shows 1,000 diagnostics a file, errors first (this file has ${findings.length.toLocaleString('en-US')}). \`llm-cost-lens analyze\` lists them all.`);
      // The first errors, in the file's order: what VS Code would have shown of them all.
      assert.deepEqual(
        rest.map((d) => ({ code: codeOf(d), start: document.offsetAt(d.range.start), severity: d.severity })),
        errors.slice(0, SHOWN_PER_FILE - 1).map((f) => ({ code: f.code, start: f.offset, severity: vscode.DiagnosticSeverity.Error })),
      );

      // With the errors turned off, everything left is shown, and nothing is said to be left out.
      await setSetting('diagnostics.severityOverrides', { 'unknown-model': 'off' });
      const all = await ourDiagnostics(uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'unknown-model'), 30_000);
      assert.equal(all.length, findings.length - errors.length);
      assert.ok(!all.some((d) => codeOf(d) === NOT_SHOWN_CODE));
    } finally {
      await closeAll();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps configs that are not open current through the file system watcher', async function () {
    this.timeout(30_000);
    const folder = vscode.Uri.joinPath(exampleUri(), '..', 'watched-by-test');
    const uri = vscode.Uri.joinPath(folder, 'llm.config.json');
    const write = (text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      await write(await read('unknown-model'));
      const created = await ourDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-model'), 15_000);
      assert.ok(created.some((x) => codeOf(x) === 'unknown-model'), 'diagnostics for a created file nobody opened');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file was not opened');
      await write(await read('does-not-fit'));
      const changed = await ourDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'does-not-fit'), 15_000);
      assert.ok(changed.some((x) => codeOf(x) === 'does-not-fit'), 'diagnostics follow a change on disk');
      await vscode.workspace.fs.delete(folder, { recursive: true });
      const deleted = await poll(() => vscode.languages.getDiagnostics(uri), (d) => d.length === 0, 15_000);
      assert.equal(deleted.length, 0, 'a deleted file has no diagnostics');
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    }
  });
});

async function read(name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(name)));
}
