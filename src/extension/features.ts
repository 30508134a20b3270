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
import type { OffersRefresher } from './offersRefresh';
import type { PriceRefresher } from './priceRefresh';
import { isPrompter, windowPrompter } from './prompter';
import { Settings } from './settings';
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

/** A refresher started on first need: when its setting names a source, or its command runs. Its changes redo every figure. */
class LazyRefresher<R extends { onDidChange(listener: () => void): vscode.Disposable }> {
  current: { refresher: R; disposable: vscode.Disposable } | undefined;

  constructor(
    private readonly make: () => { refresher: R; disposable: vscode.Disposable },
    readonly wanted: () => boolean,
    private readonly disposables: vscode.Disposable[],
    private readonly changed: () => void,
  ) {}

  start(): { refresher: R; disposable: vscode.Disposable } {
    if (!this.current) {
      this.current = this.make();
      this.disposables.push(this.current.disposable, this.current.refresher.onDidChange(this.changed));
    }
    return this.current;
  }

  /** Started when its setting names a source; undefined otherwise. */
  ifWanted(): { refresher: R; disposable: vscode.Disposable } | undefined {
    return this.current ?? (this.wanted() ? this.start() : undefined);
  }
}

export function startFeatures(context: vscode.ExtensionContext): Features {
  const settings = new Settings();
  const disposables: vscode.Disposable[] = [];
  // Opt-in refreshed prices and GPU offers: the refresh's code is loaded only when the user names
  // a source (or runs its Refresh command), and nothing is fetched before the first analysis asks for the catalog.
  const refreshed = () => catalogs.pricesChanged();
  const prices: LazyRefresher<PriceRefresher> = new LazyRefresher(() => priceRefreshModule().startPriceRefresh({ storageUri: context.globalStorageUri, globalState: context.globalState, bundled: () => catalogs.bundled.prices }), () => settings.pricing.source !== 'bundled', disposables, refreshed);
  const offers: LazyRefresher<OffersRefresher> = new LazyRefresher(() => priceRefreshModule().startOffersRefresh({ storageUri: context.globalStorageUri, globalState: context.globalState, bundled: () => catalogs.bundled }), () => settings.pricing.offersUrl !== '', disposables, refreshed);
  // Reads nothing until the first analysis asks for the catalog.
  const catalogs = new CatalogService(context.extensionUri, {
    get overlay() {
      return prices.current?.refresher.overlay;
    },
    get offers() {
      return offers.current?.refresher.offers;
    },
    requested: () => {
      prices.ifWanted()?.refresher.requested();
      offers.ifWanted()?.refresher.requested();
    },
    staleAfterDays: () => settings.pricing.staleAfterDays,
  });
  // The cache subscribes to settings changes before any provider does.
  const cache = new AnalysisCache(settings, catalogs);
  const diagnostics = new DiagnosticsController(cache, settings);
  const lenses = new CostCodeLensProvider(cache, settings);
  // The explanation page, made by the first click on a figure: until then nothing follows edits for it.
  let explanations: import('./explainFigure').ExplanationPages | undefined;
  const explanationPages = () => (explanations ??= new (explainModule().ExplanationPages)(cache, settings));
  const statusBar = new CostStatusBar(cache, settings, () => {
    const notes = [prices.current && priceRefreshModule().refreshStatusNote(prices.current.refresher.status), offers.current && priceRefreshModule().offersStatusNote(offers.current.refresher.status)].filter((n) => n !== undefined);
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
      for (const source of [prices, offers]) {
        if (source.current || !source.wanted()) continue;
        source.start();
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
  prices.ifWanted();
  offers.ifWanted();
  disposables.push(warmUpLater(cache, WARM_UP_DELAY_MS));
  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    [Commands.recommendModel]: (arg) => recommendModule().recommendModel(cache, recommendModule().normalizeArgs(arg)),
    [Commands.createConfig]: (arg) => createConfig(isPrompter(arg) ? arg : windowPrompter),
    [Commands.explainFigure]: (arg) => explanationPages().explain(arg),
    [Commands.revealField]: (uri, offset, length) => explainModule().revealField(uri, offset, length),
    [Commands.openComparison]: (arg) => panel.openComparison(arg),
    [Commands.exportComparison]: (format, target, destination) => panel.exportComparison(format, target, destination),
    [Commands.refreshPrices]: () => priceRefreshModule().refreshPricesCommand(prices.start().refresher),
    [Commands.refreshOffers]: () => priceRefreshModule().refreshOffersCommand(offers.start().refresher),
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
