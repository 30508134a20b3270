/**
 * Everything the extension does once it runs: the catalog service, the analysis cache, the
 * providers (each owns its registrations) and the command handlers. Loaded by the entry
 * point after activation, or by the first command, so activation pays for none of it.
 */
import vscode = require('vscode');
import { AnalysisCache } from './analysisCache';
import { CatalogService } from './catalogService';
import { CostCodeActionProvider } from './codeActionProvider';
import { CostCodeLensProvider } from './codeLensProvider';
import { CodeScanOnDemand } from './codeScanOnDemand';
import { CatalogCompletionProvider } from './completionProvider';
import { createConfig } from './createConfig';
import { DiagnosticsController } from './diagnostics';
import { CostHoverProvider } from './hoverProvider';
import { Commands, SETTINGS_SECTION, type CommandId } from './ids';
import { comparisonPanel } from './panel';
import { onDemand } from './onDemand';
import { isPrompter, windowPrompter } from './prompter';
import { Settings, userPricingSettings } from './settings';
import { CostStatusBar } from './statusBar';
import { warmUpLater } from './warmUp';

/**
 * How long after the features start the engine is warmed: past the burst of other extensions
 * activating at start-up, and well before a person has found a file and opened it.
 */
const WARM_UP_DELAY_MS = 300;

// Commands that many sessions never run: their code is loaded by the first run.
const recommendModule = onDemand(() => require('./recommend') as typeof import('./recommend'));
const priceRefreshModule = onDemand(() => require('./priceRefreshHost') as typeof import('./priceRefreshHost'));
const findUsageModule = onDemand(() => require('./findUsage') as typeof import('./findUsage'));
const importUsageModule = onDemand(() => require('./importUsage') as typeof import('./importUsage'));
const explainModule = onDemand(() => require('./explainFigure') as typeof import('./explainFigure'));

/** A caller's cancellation token, as a command's argument (the tests cancel Find Model Usage with one). */
function isCancellationToken(value: unknown): value is vscode.CancellationToken {
  const candidate = value as Partial<vscode.CancellationToken> | undefined;
  return typeof candidate?.isCancellationRequested === 'boolean' && typeof candidate.onCancellationRequested === 'function';
}

export interface Features extends vscode.Disposable {
  /** Runs one of the contributed commands with the arguments it was given. */
  run(command: CommandId, args: readonly unknown[]): unknown;
  /** Brings back a comparison panel that was open before a window reload. */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): void;
}

export function startFeatures(context: vscode.ExtensionContext): Features {
  const settings = new Settings();
  const disposables: vscode.Disposable[] = [];
  // Opt-in refreshed prices: the refresh's code is loaded only when the user names a source
  // (or runs Refresh Prices), and nothing is fetched before the first analysis asks for the catalog.
  let prices: ReturnType<ReturnType<typeof priceRefreshModule>['startPriceRefresh']> | undefined;
  const startPrices = () => {
    if (!prices) {
      prices = priceRefreshModule().startPriceRefresh({ storageUri: context.globalStorageUri, globalState: context.globalState, bundled: () => catalogs.bundled.prices });
      disposables.push(prices.disposable, prices.refresher.onDidChange(() => catalogs.pricesChanged()));
    }
    return prices;
  };
  const refreshWanted = () => userPricingSettings().source !== 'bundled';
  // Opt-in refreshed GPU offers, the same way: only when the user names a URL (or runs Refresh GPU Offers).
  let offers: ReturnType<ReturnType<typeof priceRefreshModule>['startOffersRefresh']> | undefined;
  const startOffers = () => {
    if (!offers) {
      offers = priceRefreshModule().startOffersRefresh({ storageUri: context.globalStorageUri, globalState: context.globalState, bundled: () => catalogs.bundled });
      disposables.push(offers.disposable, offers.refresher.onDidChange(() => catalogs.pricesChanged()));
    }
    return offers;
  };
  const offersWanted = () => userPricingSettings().offersUrl !== '';
  // Reads nothing until the first analysis asks for the catalog.
  const catalogs = new CatalogService(context.extensionUri, {
    get overlay() {
      return prices?.refresher.overlay;
    },
    get offers() {
      return offers?.refresher.offers;
    },
    requested: () => {
      (prices ?? (refreshWanted() ? startPrices() : undefined))?.refresher.requested();
      (offers ?? (offersWanted() ? startOffers() : undefined))?.refresher.requested();
    },
    staleAfterDays: () => userPricingSettings().staleAfterDays,
  });
  // The cache subscribes to settings changes before any provider does.
  const cache = new AnalysisCache(settings, catalogs);
  const diagnostics = new DiagnosticsController(cache, settings);
  const lenses = new CostCodeLensProvider(cache, settings);
  // The explanation page, made by the first click on a figure: until then nothing follows edits for it.
  let explanations: import('./explainFigure').ExplanationPages | undefined;
  const explanationPages = () => (explanations ??= new (explainModule().ExplanationPages)(cache, settings));
  const statusBar = new CostStatusBar(cache, settings, () => {
    const notes = [prices && priceRefreshModule().refreshStatusNote(prices.refresher.status), offers && priceRefreshModule().offersStatusNote(offers.refresher.status)].filter((n) => n !== undefined);
    return notes.length ? notes.join('\n\n') : undefined;
  });
  // The panel analyzes in its webview with the settings (as trust allows) and the catalog's files.
  const panel = comparisonPanel(context, { settings, catalogs });
  // Loads nothing until a document of a language it reads is opened or shown.
  const codeScan = new CodeScanOnDemand(cache, settings);
  disposables.unshift(
    settings,
    // A source named after the start: the refresher takes over from here (it follows the settings itself).
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`${SETTINGS_SECTION}.pricing`)) return;
      if (!prices && refreshWanted()) {
        startPrices();
        catalogs.pricesChanged();
      }
      if (!offers && offersWanted()) {
        startOffers();
        catalogs.pricesChanged();
      }
    }),
    catalogs,
    cache,
    diagnostics,
    lenses,
    { dispose: () => explanations?.dispose() },
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
  );
  // The cached copy of a named source is read at start, so the first analysis has it.
  if (refreshWanted()) startPrices();
  if (offersWanted()) startOffers();
  disposables.push(warmUpLater(cache, WARM_UP_DELAY_MS));
  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    [Commands.recommendModel]: (arg) => recommendModule().recommendModel(cache, recommendModule().normalizeArgs(arg)),
    [Commands.createConfig]: (arg) => createConfig(isPrompter(arg) ? arg : windowPrompter),
    [Commands.explainFigure]: (arg) => explanationPages().explain(arg),
    [Commands.revealField]: (uri, offset, length) => explainModule().revealField(uri, offset, length),
    [Commands.openComparison]: (arg) => panel.openComparison(arg),
    [Commands.exportComparison]: (format, target, destination) => panel.exportComparison(format, target, destination),
    [Commands.refreshPrices]: () => priceRefreshModule().refreshPricesCommand(startPrices().refresher),
    [Commands.refreshOffers]: () => priceRefreshModule().refreshOffersCommand(startOffers().refresher),
    [Commands.findModelUsage]: (arg, token) => findUsageModule().findModelUsage(cache, isPrompter(arg) ? arg : windowPrompter, isCancellationToken(token) ? token : undefined),
    [Commands.importUsage]: (arg, prompter) => {
      const module = importUsageModule();
      return module.importUsage(cache, isPrompter(prompter) ? prompter : windowPrompter, module.isImportArgs(arg) ? arg : {}, () => diagnostics.refreshAll());
    },
  };
  return {
    run: (command, args) => handlers[command](...args),
    restorePanel: (webviewPanel, state) => panel.restore(webviewPanel, state),
    dispose: () => {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
