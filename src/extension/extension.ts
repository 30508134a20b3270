/**
 * The entry point: registration only. The commands and the panel's serializer are
 * registered at once (VS Code runs a command that activated the extension right after
 * `activate` returns); everything else lives in ./features, a separate bundle loaded on the
 * next turn of the event loop or by the first command, whichever comes first. Activation
 * therefore loads this file alone, and the engine and the catalog are read on first use.
 */
import vscode = require('vscode');
import type { Features } from './features';
import { Commands, VIEW_TYPE, type CommandId } from './ids';

export function activate(context: vscode.ExtensionContext): void {
  let features: Features | undefined;
  let failed = false;
  const load = (): Features | undefined => {
    if (features || failed) return features;
    try {
      // A require, not an import: the desktop build keeps ./features out of this bundle.
      const { startFeatures } = require('./features') as typeof import('./features');
      features = startFeatures(context);
      context.subscriptions.push(features);
    } catch (error) {
      failed = true;
      report('LLM Cost Lens failed to start: {0}', 'LLM Cost Lens failed to activate', error);
    }
    return features;
  };
  for (const command of Object.values(Commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(command, (...args: unknown[]) => runCommand(load, command, args)));
  }
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state) {
        load()?.restorePanel(panel, state);
      },
    }),
  );
  const timer = setTimeout(load, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}

/** A command that fails says so, instead of failing silently in the extension host's log. */
async function runCommand(load: () => Features | undefined, command: CommandId, args: unknown[]): Promise<unknown> {
  try {
    return await load()?.run(command, args);
  } catch (error) {
    report('LLM Cost Lens: {0}', `${command} failed`, error);
    return undefined;
  }
}

function report(shown: string, logged: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(logged, error);
  void vscode.window.showErrorMessage(vscode.l10n.t(shown, message));
}

export function deactivate(): void {}
