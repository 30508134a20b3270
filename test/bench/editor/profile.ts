// `node test/bench/profile.mjs`: CPU profiles of the extension host, taken from inside it with
// Node's inspector, one per phase: the first lenses of the example config in a window where
// nothing was analysed yet (engine load, catalog, first analysis, lens conversion), the first
// lenses of a 1 MB config, diagnostics after an edit of it, and a hover. Writes the profiles
// to LLM_COST_LENS_PROFILE_DIR (read with any .cpuprofile viewer, or summarised by the runner).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { syntheticConfig } from '../syntheticConfig';
import { diagnosticsWhere, saysUnknown } from './diagnostics';

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}


export async function run(): Promise<void> {
  const out = process.env.LLM_COST_LENS_PROFILE_DIR ?? path.join(os.tmpdir(), 'llm-cost-lens-profiles');
  mkdirSync(out, { recursive: true });
  const phases: Record<string, number> = {};
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  // 100 µs between samples: the phases last tens to thousands of milliseconds.
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  const profiled = async (name: string, act: () => PromiseLike<unknown>) => {
    await post(session, 'Profiler.start');
    const started = performance.now();
    await act();
    phases[name] = performance.now() - started;
    const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
    writeFileSync(path.join(out, `${name}.cpuprofile`), JSON.stringify(profile));
  };
  const settings = vscode.workspace.getConfiguration('llmCostLens');
  await settings.update('diagnostics.debounceMs', 0, vscode.ConfigurationTarget.Global);
  try {
    const example = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!example) throw new Error('no workspace folder');
    const exampleUri = vscode.Uri.joinPath(example, 'llm.config.json');
    // Nothing here has analysed anything yet: this is a fresh window's first lenses.
    await profiled('1-first-lenses-example', async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(exampleUri));
      await vscode.commands.executeCommand('vscode.executeCodeLensProvider', exampleUri, 40);
    });
    await profiled('2-reopened-lenses-example', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(exampleUri));
      await vscode.commands.executeCommand('vscode.executeCodeLensProvider', exampleUri, 40);
    });
    const dir = path.join(os.tmpdir(), `llm-cost-lens-profile-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'llm.config.json');
    const text = syntheticConfig(Math.round((1_000_000 / syntheticConfig(1000).length) * 1000));
    writeFileSync(file, text);
    const uri = vscode.Uri.file(file);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await profiled('3-first-lenses-1mb', () => vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 40));
    // The first workload's model made unknown: the diagnostics that come say so (VS Code's JSON validation may change first).
    const offset = text.indexOf('"model": "') + '"model": "'.length;
    const end = text.indexOf('"', offset);
    await profiled('4-diagnostics-after-edit-1mb', async () => {
      const changed = diagnosticsWhere(uri, saysUnknown('gpt-4oo'));
      await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(offset), editor.document.positionAt(end)), 'gpt-4oo'));
      await changed;
    });
    await profiled('5-lenses-after-edit-1mb', () => vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 40));
    const modelAt = editor.document.positionAt(text.indexOf('"gpt-4o"') + 2);
    await profiled('6-hover-1mb', () => vscode.commands.executeCommand('vscode.executeHoverProvider', uri, modelAt));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  } catch (error) {
    phases.error = NaN;
    console.error(error);
  } finally {
    session.disconnect();
    await settings.update('diagnostics.debounceMs', undefined, vscode.ConfigurationTarget.Global);
    const report = process.env.LLM_COST_LENS_TEST_REPORT;
    if (report) writeFileSync(report, JSON.stringify({ vscodeVersion: vscode.version, phases, profiles: out, passed: 0, failed: 0, failures: [] }, null, 2));
  }
}
