/**
 * Everything the extension does once it runs: the catalog service, the analysis cache, the
 * providers (each owns its registrations) and the command handlers. Loaded by the entry
 * point after activation, or by the first command, so activation pays for none of it.
 */
import * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { CatalogService } from './catalogService';
import { CostCodeActionProvider } from './codeActionProvider';
import { CostCodeLensProvider } from './codeLensProvider';
import { CodeScanProvider } from './codeScan';
import { CatalogCompletionProvider } from './completionProvider';
import { createConfig } from './createConfig';
import { DiagnosticsController } from './diagnostics';
import { explainFigure } from './explainFigure';
import { findModelUsage } from './findUsage';
import { CostHoverProvider } from './hoverProvider';
import { Commands, type CommandId } from './ids';
import { comparisonPanel } from './panel';
import { isPrompter, windowPrompter } from './prompter';
import { normalizeArgs, recommendModel } from './recommend';
import { refreshPricesCommand, refreshStatusNote, startPriceRefresh, userPricingSettings } from './priceRefreshHost';
import { Settings } from './settings';
import { CostStatusBar } from './statusBar';

export interface Features extends vscode.Disposable {
  /** Runs one of the contributed commands with the arguments it was given. */
  run(command: CommandId, args: readonly unknown[]): unknown;
  /** Brings back a comparison panel that was open before a window reload. */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): void;
}

export function startFeatures(context: vscode.ExtensionContext): Features {
  const settings = new Settings();
  // Opt-in refreshed prices: nothing is fetched before the first analysis asks for the catalog.
  const prices = startPriceRefresh({ storageUri: context.globalStorageUri, globalState: context.globalState, bundled: () => catalogs.bundled.prices });
  // Reads nothing until the first analysis asks for the catalog.
  const catalogs = new CatalogService(context.extensionUri, {
    get overlay() {
      return prices.refresher.overlay;
    },
    requested: () => prices.refresher.requested(),
    staleAfterDays: () => userPricingSettings().staleAfterDays,
  });
  // The cache subscribes to settings changes before any provider does.
  const cache = new AnalysisCache(settings, catalogs);
  const diagnostics = new DiagnosticsController(cache, settings);
  const lenses = new CostCodeLensProvider(cache, settings);
  const statusBar = new CostStatusBar(cache, settings, () => refreshStatusNote(prices.refresher.status));
  // The panel analyzes in its webview with the settings (as trust allows) and the catalog's files.
  const panel = comparisonPanel(context, { settings, catalogs });
  // Scans nothing until a code document is shown, hovered or changed.
  const codeScan = new CodeScanProvider(cache, settings);
  const disposables: vscode.Disposable[] = [
    settings,
    prices.disposable,
    prices.refresher.onDidChange(() => catalogs.pricesChanged()),
    catalogs,
    cache,
    diagnostics,
    lenses,
    new CostHoverProvider(cache),
    new CatalogCompletionProvider(cache),
    new CostCodeActionProvider(cache),
    codeScan,
    statusBar,
    panel,
    // The web host reads the catalog after the first analysis: what was shown is redone with it.
    catalogs.onDidChange(() => {
      diagnostics.refreshAll();
      lenses.refresh();
      codeScan.refresh();
      statusBar.update();
      panel.catalogChanged();
    }),
  ];
  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    [Commands.recommendModel]: (arg) => recommendModel(cache, normalizeArgs(arg)),
    [Commands.createConfig]: (arg) => createConfig(isPrompter(arg) ? arg : windowPrompter),
    [Commands.explainFigure]: (arg, prompter) => explainFigure(arg, prompter),
    [Commands.openComparison]: (arg) => panel.openComparison(arg),
    [Commands.exportComparison]: (format, target, destination) => panel.exportComparison(format, target, destination),
    [Commands.refreshPrices]: () => refreshPricesCommand(prices.refresher),
    [Commands.findModelUsage]: (arg) => findModelUsage(cache, isPrompter(arg) ? arg : windowPrompter),
  };
  return {
    run: (command, args) => handlers[command](...args),
    restorePanel: (webviewPanel, state) => panel.restore(webviewPanel, state),
    dispose: () => {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
