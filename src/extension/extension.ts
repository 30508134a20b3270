import * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { CatalogService } from './catalogService';
import { CostCodeActionProvider } from './codeActionProvider';
import { CostCodeLensProvider } from './codeLensProvider';
import { CatalogCompletionProvider } from './completionProvider';
import { createConfig } from './createConfig';
import { DiagnosticsController } from './diagnostics';
import { explainFigure } from './explainFigure';
import { CostHoverProvider } from './hoverProvider';
import { Commands } from './ids';
import { registerComparisonPanel } from './panel';
import { isPrompter, windowPrompter } from './prompter';
import { normalizeArgs, recommendModel } from './recommend';
import { Settings } from './settings';
import { CostStatusBar } from './statusBar';

/**
 * Registration only: no file is read and nothing is analyzed until a provider is asked or
 * the first diagnostics pass runs, after activation has returned.
 */
export function activate(context: vscode.ExtensionContext): void {
  try {
    const settings = new Settings();
    // Reads nothing until the first analysis asks for the catalog.
    const catalogs = new CatalogService(context.extensionUri);
    // The cache subscribes to settings changes before any provider does.
    const cache = new AnalysisCache(settings, catalogs);
    const diagnostics = new DiagnosticsController(cache, settings);
    const lenses = new CostCodeLensProvider(cache, settings);
    const statusBar = new CostStatusBar(cache, settings);
    context.subscriptions.push(
      settings,
      catalogs,
      cache,
      diagnostics,
      lenses,
      new CostHoverProvider(cache),
      new CatalogCompletionProvider(cache),
      new CostCodeActionProvider(cache),
      statusBar,
      // The web host reads the catalog after the first analysis: what was shown is redone with it.
      catalogs.onDidChange(() => {
        diagnostics.refreshAll();
        lenses.refresh();
        statusBar.update();
      }),
      vscode.commands.registerCommand(Commands.recommendModel, (arg?: unknown) =>
        reportFailure(Commands.recommendModel, () => recommendModel(cache, normalizeArgs(arg))),
      ),
      vscode.commands.registerCommand(Commands.createConfig, (arg?: unknown) =>
        reportFailure(Commands.createConfig, () => createConfig(isPrompter(arg) ? arg : windowPrompter)),
      ),
      vscode.commands.registerCommand(Commands.explainFigure, (arg?: unknown, prompter?: unknown) => explainFigure(arg, prompter)),
    );
    // The panel analyzes in its webview with the settings (as trust allows) and the catalog's files.
    registerComparisonPanel(context, { settings, catalogs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error('LLM Cost Lens failed to activate', error);
    void vscode.window.showErrorMessage(vscode.l10n.t('LLM Cost Lens failed to start: {0}', message));
    throw error;
  }
}

/** A command that fails says so, instead of failing silently in the extension host's log. */
async function reportFailure<T>(command: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${command} failed`, error);
    void vscode.window.showErrorMessage(vscode.l10n.t('LLM Cost Lens: {0}', message));
    return undefined;
  }
}

export function deactivate(): void {}
