// `npm run bench`, editor part: runs inside the real extension host (loaded like the
// integration suite) and times the providers on a 1 MB llm.config.json, each against
// VS Code's own JSON providers on the same document, measured in the same run. Writes the
// figures to LLM_COST_LENS_TEST_REPORT; asserts nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { medianMs } from '../median';
import { diagnosticsWhere, nextDiagnostics, saysUnknown } from './diagnostics';
import { syntheticConfig } from '../syntheticConfig';


/**
 * Time from an edit to our diagnostics for the new version (debounce set to 0), as an extension
 * sees it: onDidChangeDiagnostics, which VS Code's extension host fires 50 ms after the first
 * change it reports (a DebounceEmitter in its extHostDiagnostics), a wait every figure here has.
 * The edit names the first workload's model, known or not, so that the diagnostics that come
 * are told from any before them by what they say (an unknown model is an error, shown first).
 */
async function diagnosticsAfterEdit(editor: vscode.TextEditor, uri: vscode.Uri, model: string): Promise<{ ms: number; editMs: number }> {
  const offset = editor.document.getText().indexOf('"model": "') + '"model": "'.length;
  const end = editor.document.getText().indexOf('"', offset);
  const unknown = saysUnknown(UNKNOWN);
  const started = performance.now();
  const changed = diagnosticsWhere(uri, (d) => unknown(d) === (model === UNKNOWN));
  await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(offset), editor.document.positionAt(end)), model));
  // The edit alone: the window applies it to the 1 MB model and the extension host hears of it.
  const editMs = performance.now() - started;
  await changed;
  return { ms: performance.now() - started, editMs };
}

/** A model the catalog does not know, one letter longer than the known one the edits alternate with. */
const UNKNOWN = 'gpt-4oo';

/** A Python file of `lines` lines: the corpus's Python snippets and ordinary code between them. */
function pythonFile(lines: number): string {
  const corpus: { language: string; text: string }[] = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/code-scan/corpus.json'), 'utf8')).snippets;
  const snippets = corpus.filter((s) => s.language === 'python').map((s) => s.text);
  // A misspelt name, so that every version has a diagnostic to set.
  const out: string[] = ['typo = client.chat.completions.create(model="gpt-4o-mnii", messages=[])'];
  for (let k = 0; out.length < lines; k++) out.push(...`${snippets[k % snippets.length]}\ndef step(x):\n    return x * 2  # no model here\n`.split('\n'));
  return out.slice(0, lines).join('\n');
}

/** Time from typing one character to the code scan's diagnostics for the new version (debounce 0), and to the edit alone. */
async function keystroke(editor: vscode.TextEditor, at: vscode.Position): Promise<{ diagnosticsMs: number; editMs: number }> {
  const uri = editor.document.uri;
  const started = performance.now();
  const changed = nextDiagnostics(uri);
  await editor.edit((b) => b.insert(at, 'x'));
  const editMs = performance.now() - started;
  await changed;
  return { diagnosticsMs: performance.now() - started, editMs };
}

export async function run(): Promise<void> {
  const figures: Record<string, number | string> = { vscodeVersion: vscode.version };
  const settings = vscode.workspace.getConfiguration('llmCostLens');
  await settings.update('diagnostics.debounceMs', 0, vscode.ConfigurationTarget.Global);
  const dir = path.join(os.tmpdir(), `llm-cost-lens-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'llm.config.json');
  const workloads = Math.round((1_000_000 / syntheticConfig(1000).length) * 1000);
  const text = syntheticConfig(workloads);
  writeFileSync(file, text);
  figures.configBytes = text.length;
  figures.workloads = workloads;
  try {
    const extension = vscode.extensions.getExtension('llm-cost-lens.llm-cost-lens')!;
    await extension.activate();
    // The JSON server's first request on the same text opened the same way, in a copy of its
    // own (a first request pays for what opening a 1 MB file sets off in the window).
    const copy = path.join(dir, 'copy', 'llm.config.json');
    mkdirSync(path.dirname(copy), { recursive: true });
    writeFileSync(copy, text);
    const copyUri = vscode.Uri.file(copy);
    const jsonOpened = performance.now();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(copyUri));
    const jsonStarted = performance.now();
    await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', copyUri);
    figures.jsonSymbolsFirstMs = performance.now() - jsonStarted;
    figures.jsonSymbolsFromOpenMs = performance.now() - jsonOpened;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const uri = vscode.Uri.file(file);
    // From the file's opening: what opening it sets off (in the window and in the extensions)
    // is paid before or after showTextDocument returns, depending on who does it.
    const opened = performance.now();
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const modelAt = document.positionAt(text.indexOf('"gpt-4o"') + 2);

    // First request on a version: the analysis runs; later ones share it (cached per version).
    // Lenses come as ranges; VS Code resolves the ones on screen (about 40 in a window).
    const started = performance.now();
    await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 40);
    figures.lensesFirstMs = performance.now() - started;
    figures.lensesFromOpenMs = performance.now() - opened;
    const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    figures.lensCount = all.length;
    figures.lensesCachedMs = await medianMs(5, () => vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 40));
    figures.hoverMs = await medianMs(9, () => vscode.commands.executeCommand('vscode.executeHoverProvider', uri, modelAt));
    // Each edit changes the text's length, as typing does: every offset after the edit moves.
    // After each, the JSON server's document symbols of the same new version: it too reads the
    // edited text again (it keeps one parse per version), so each pair is the same work for
    // both, a moment apart on the same machine.
    const models = [UNKNOWN, 'gpt-4o', UNKNOWN, 'gpt-4o', UNKNOWN, 'gpt-4o', UNKNOWN];
    const pairs: { ours: number; edit: number; json: number }[] = [];
    for (const model of models) {
      const { ms: ours, editMs: edit } = await diagnosticsAfterEdit(editor, uri, model);
      const jsonStarted = performance.now();
      await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
      pairs.push({ ours, edit, json: performance.now() - jsonStarted });
    }
    const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    figures.diagnosticsAfterEditMs = medianOf(pairs.map((p) => p.ours));
    figures.jsonSymbolsAfterEditMs = medianOf(pairs.map((p) => p.json));
    figures.editAloneMs = medianOf(pairs.map((p) => p.edit));
    figures.diagnosticsAfterEditRatio = medianOf(pairs.map((p) => p.ours / p.json));
    figures.diagnosticsAfterEditPairs = pairs.map((p) => `${p.ours.toFixed(0)}/${p.json.toFixed(0)}`).join(', ');
    // Baselines: VS Code's JSON support on the same document, in the same run (a version it has read).
    figures.jsonSymbolsMs = await medianMs(5, () => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri));
    figures.jsonFoldingMs = await medianMs(5, () => vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', uri));
    figures.jsonHoverMs = await medianMs(9, () => vscode.commands.executeCommand('vscode.executeHoverProvider', uri, document.positionAt(text.indexOf('"assumptions"') + 2)));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // Typing in a 5,000-line Python file: the code scan rescans the new version and sets its diagnostics.
    const python = pythonFile(5000);
    const pythonEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'python', content: python }));
    for (let waited = 0; vscode.languages.getDiagnostics(pythonEditor.document.uri).length === 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const middle = new vscode.Position(2500, 0);
    const keys: { diagnosticsMs: number; editMs: number }[] = [];
    for (let k = 0; k < 21; k++) keys.push(await keystroke(pythonEditor, middle));
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    figures.pythonLines = pythonEditor.document.lineCount;
    figures.pythonBytes = pythonEditor.document.getText().length;
    figures.keystrokeDiagnosticsMs = median(keys.map((k) => k.diagnosticsMs));
    figures.keystrokeEditMs = median(keys.map((k) => k.editMs));
    // Baseline: VS Code's JSON server on a config as large, in the same window.
    const similar = syntheticConfig(Math.max(1, Math.round((python.length / syntheticConfig(1000).length) * 1000)));
    const similarFile = path.join(dir, 'similar', 'llm.config.json');
    mkdirSync(path.dirname(similarFile), { recursive: true });
    writeFileSync(similarFile, similar);
    const similarUri = vscode.Uri.file(similarFile);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(similarUri));
    figures.similarJsonSymbolsMs = await medianMs(9, () => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', similarUri));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  } catch (error) {
    figures.error = error instanceof Error ? error.message : String(error);
  } finally {
    await settings.update('diagnostics.debounceMs', undefined, vscode.ConfigurationTarget.Global);
    const report = process.env.LLM_COST_LENS_TEST_REPORT;
    if (report) writeFileSync(report, JSON.stringify({ ...figures, passed: 0, failed: 0, failures: [] }, null, 2));
  }
}
