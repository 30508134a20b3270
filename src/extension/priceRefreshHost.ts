/**
 * The price and GPU offers refreshes inside VS Code: the user's settings, the workspace trust,
 * the cache in the extension's global storage, the "LLM Cost Lens" output channel and the
 * notifications. The refreshes themselves are priceRefresh.ts and offersRefresh.ts (one module
 * here, so that both write to the one output channel).
 */
import vscode = require('vscode');
import type { Catalog, PriceTable } from '../engine';
import { MAX_SOURCE_BYTES } from '../engine/catalog/refresh';
import { readTextBounded, refusalReason } from './boundedRead';
import { SETTINGS_SECTION } from './ids';
import { userPricingSettings } from './settings';
import { PriceRefresher, type PricingSettings, type RefreshHost, type RefreshMemory, type RefreshProblem, type RefreshResult, type RefreshStatus } from './priceRefresh';
import type { RefreshProblem as SourceProblem, RefreshResult as SourceResult, RefreshStatus as SourceStatus, SourceHost } from './sourceRefresh';
import { OffersRefresher, type OffersProblem, type OffersResult, type OffersStatus } from './offersRefresh';

const MEMORY_KEY = 'llmCostLens.priceRefresh';
const OFFERS_MEMORY_KEY = 'llmCostLens.offersRefresh';
const OUTPUT_NAME = 'LLM Cost Lens';

let output: vscode.OutputChannel | undefined;

/** The extension's output channel, made when there is something to write. */
export function outputChannel(): vscode.OutputChannel {
  return (output ??= vscode.window.createOutputChannel(OUTPUT_NAME));
}

export interface HostOptions {
  /** Where the cache lives: the extension's global storage. */
  storageUri: vscode.Uri;
  globalState: vscode.Memento;
  bundled: () => PriceTable | undefined;
  /** The workspace trust; VS Code's, unless a test gives another. */
  isTrusted?: () => boolean;
  /** The pricing settings; the user's own, unless a test gives others. */
  settings?: () => PricingSettings;
  log?: (line: string) => void;
  notify?: (problem: RefreshProblem) => void;
  timeoutMs?: number;
  maxBytes?: number;
  now?: () => number;
}

/**
 * What a refresher of any source needs of VS Code: the cache as files `<name>.json` in the
 * global storage, its memory under `memoryKey` in the global state, the output channel.
 */
export function vscodeSourceHost<S extends string>(options: Omit<HostOptions, 'bundled' | 'notify'> & { memoryKey: string; notify: (problem: SourceProblem<S>) => void }): SourceHost<S> {
  const file = (name: string) => vscode.Uri.joinPath(options.storageUri, `${name}.json`);
  const log =
    options.log ??
    ((line: string) => {
      outputChannel().appendLine(`[${new Date().toISOString()}] ${line}`);
    });
  return {
    settings: options.settings ?? userPricingSettings,
    isTrusted: options.isTrusted ?? (() => vscode.workspace.isTrusted),
    async readCache(name) {
      // No larger than what a refresh may download (the cache holds data parsed from it).
      const read = await readTextBounded(file(name), options.maxBytes ?? MAX_SOURCE_BYTES);
      if (read.ok) return read.text;
      // No cache yet is the usual case; anything else is worth the log line the refresher writes.
      if (read.refusal.kind === 'missing') return undefined;
      throw new Error(refusalReason(read.refusal));
    },
    async writeCache(name, text) {
      await vscode.workspace.fs.createDirectory(options.storageUri);
      // Written beside, then renamed over: a crash mid-write never leaves half a cache.
      const temporary = vscode.Uri.joinPath(options.storageUri, `${name}.json.tmp`);
      await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(temporary, file(name), { overwrite: true });
    },
    memory: () => options.globalState.get<RefreshMemory>(options.memoryKey) ?? {},
    remember: async (memory) => {
      await options.globalState.update(options.memoryKey, memory);
    },
    log,
    notify: options.notify,
    now: options.now ?? Date.now,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  };
}

export function vscodeRefreshHost(options: HostOptions): RefreshHost {
  return { ...vscodeSourceHost({ ...options, memoryKey: MEMORY_KEY, notify: options.notify ?? notifyProblem }), bundled: options.bundled };
}

function notifyProblem(problem: RefreshProblem): void {
  warnWithLog(
    problem.using === 'last good'
      ? vscode.l10n.t('LLM Cost Lens could not refresh prices from {0}: {1}. The last good prices stay in use.', problem.source, problem.reason)
      : vscode.l10n.t('LLM Cost Lens could not refresh prices from {0}: {1}. The bundled prices stay in use.', problem.source, problem.reason),
  );
}

/** A warning with a button that opens the output channel, where the refresh logs what it did. */
export function warnWithLog(message: string): void {
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showWarningMessage(message, showLog).then((choice) => {
    if (choice === showLog) outputChannel().show(true);
  });
}

/** What the status bar's tooltip says of each state of a refresh: the words of prices or of offers. */
interface StatusWords<S extends string, R> {
  untrusted(source: S): string;
  waiting(source: S): string;
  /** Undefined when a good copy is nothing to speak of. */
  ok(source: S, record: R): string | undefined;
  failed(problem: SourceProblem<S>): string;
}

function statusNote<S extends string, R>(status: SourceStatus<S, R>, words: StatusWords<S, R>): string | undefined {
  switch (status.kind) {
    case 'off':
      return undefined;
    case 'untrusted':
      return words.untrusted(status.source);
    case 'waiting':
      return words.waiting(status.source);
    case 'ok':
      return words.ok(status.source, status.record);
    case 'failed':
      return words.failed(status);
  }
}

/** What the status bar's tooltip says of the price refresh, when there is something to say. */
export function refreshStatusNote(status: RefreshStatus): string | undefined {
  return statusNote(status, {
    untrusted: (source) => vscode.l10n.t('Prices are not refreshed from {0} in Restricted Mode: the bundled prices are used.', source),
    waiting: (source) => vscode.l10n.t('Prices from {0} have not been fetched yet: the bundled prices are used.', source),
    ok: (source, record) => (record.held.length ? vscode.l10n.t('{0} price(s) from {1} moved more than ×10 and were not applied (see the output channel "LLM Cost Lens").', record.held.length, source) : undefined),
    failed: ({ source, reason, using }) =>
      using === 'last good'
        ? vscode.l10n.t('Price refresh from {0} failed: {1}. The last good prices are used.', source, reason)
        : vscode.l10n.t('Price refresh from {0} failed: {1}. The bundled prices are used.', source, reason),
  });
}

/**
 * A refresher with VS Code's settings and trust events wired in. The cached copy is a local
 * file: read at start when the settings name a source, so that the first analysis already has
 * it when it can. The network waits until the catalog is asked for.
 */
export function watchSettings<T extends { settingsChanged(): void; loadCache(): Promise<void>; dispose(): void }>(refresher: T, named: boolean): { refresher: T; disposable: vscode.Disposable } {
  const subscriptions = [
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.pricing`)) refresher.settingsChanged();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => refresher.settingsChanged()),
  ];
  if (named) void refresher.loadCache();
  return {
    refresher,
    disposable: {
      dispose: () => {
        for (const s of subscriptions) s.dispose();
        refresher.dispose();
      },
    },
  };
}

/** The price refresher with VS Code's settings and trust events wired in. */
export function startPriceRefresh(options: HostOptions): { refresher: PriceRefresher; disposable: vscode.Disposable } {
  const host = vscodeRefreshHost(options);
  return watchSettings(new PriceRefresher(host), host.settings().source !== 'bundled');
}

/** What a refresh command says of each outcome: the messages of prices or of offers. */
interface ResultWords<T> {
  updated(result: SourceResult<T>): string;
  notModified: string;
  notRefreshed(reason: string): string;
}

/** A refresh command's end: says how it went, and returns it (for scripts and tests). */
function tell<T>(result: SourceResult<T>, words: ResultWords<T>): SourceResult<T> {
  switch (result.outcome) {
    case 'updated':
      void vscode.window.showInformationMessage(words.updated(result));
      break;
    case 'not-modified':
      void vscode.window.showInformationMessage(words.notModified);
      break;
    case 'skipped':
      void vscode.window.showInformationMessage(vscode.l10n.t('LLM Cost Lens: {0}.', result.reason ?? ''));
      break;
    default:
      // The refresher has told the user (at most once a day); a command asked for now says it now.
      void vscode.window.showWarningMessage(words.notRefreshed(result.reason ?? ''));
  }
  return result;
}

/** "LLM Cost Lens: Refresh Prices": downloads now, says how it went, and returns it. */
export async function refreshPricesCommand(refresher: PriceRefresher): Promise<RefreshResult> {
  return tell(await refresher.refreshNow(), {
    updated: (result) => vscode.l10n.t('LLM Cost Lens: prices refreshed ({0} entries).', result.entries ?? 0),
    notModified: vscode.l10n.t('LLM Cost Lens: the prices have not changed since the last refresh.'),
    notRefreshed: (reason) => vscode.l10n.t('LLM Cost Lens: the prices were not refreshed: {0}.', reason),
  });
}

export interface OffersHostOptions extends Omit<HostOptions, 'bundled' | 'notify'> {
  /** The bundled catalog: the GPUs an offer may name are its GPUs (gpus.json). */
  bundled: () => Catalog | undefined;
  notify?: (problem: OffersProblem) => void;
}

function notifyOffersProblem(problem: OffersProblem): void {
  warnWithLog(
    problem.using === 'last good'
      ? vscode.l10n.t('LLM Cost Lens could not refresh GPU offers from {0}: {1}. The last good offers stay in use.', problem.source, problem.reason)
      : vscode.l10n.t('LLM Cost Lens could not refresh GPU offers from {0}: {1}. The bundled offers stay in use.', problem.source, problem.reason),
  );
}

/** The GPU offers refresher with VS Code's settings and trust events wired in: its own memory and cache file. */
export function startOffersRefresh(options: OffersHostOptions): { refresher: OffersRefresher; disposable: vscode.Disposable } {
  const host = vscodeSourceHost({ ...options, memoryKey: OFFERS_MEMORY_KEY, notify: options.notify ?? notifyOffersProblem });
  const gpuIds = () => {
    const gpus = options.bundled()?.servingGpus;
    return gpus ? new Set(gpus.map((g) => g.id)) : undefined;
  };
  return watchSettings(new OffersRefresher(host, gpuIds), host.settings().offersUrl !== '');
}

/** What the status bar's tooltip says of the offers refresh, when there is something to say. */
export function offersStatusNote(status: OffersStatus): string | undefined {
  return statusNote(status, {
    untrusted: (source) => vscode.l10n.t('GPU offers are not refreshed from {0} in Restricted Mode: the bundled offers are used.', source),
    waiting: (source) => vscode.l10n.t('GPU offers from {0} have not been fetched yet: the bundled offers are used.', source),
    ok: (source, record) => (record.rejected.length ? vscode.l10n.t('{0} GPU offer(s) from {1} were left out as invalid (see the output channel "LLM Cost Lens").', record.rejected.length, source) : undefined),
    failed: ({ source, reason, using }) =>
      using === 'last good'
        ? vscode.l10n.t('GPU offers refresh from {0} failed: {1}. The last good offers are used.', source, reason)
        : vscode.l10n.t('GPU offers refresh from {0} failed: {1}. The bundled offers are used.', source, reason),
  });
}

/** "LLM Cost Lens: Refresh GPU Offers": downloads now, says how it went, and returns it. */
export async function refreshOffersCommand(refresher: OffersRefresher): Promise<OffersResult> {
  return tell(await refresher.refreshNow(), {
    updated: (result) =>
      result.rejected?.length
        ? vscode.l10n.t('LLM Cost Lens: GPU offers refreshed ({0} offers; {1} left out as invalid, see the output channel "LLM Cost Lens").', result.entries ?? 0, result.rejected.length)
        : vscode.l10n.t('LLM Cost Lens: GPU offers refreshed ({0} offers).', result.entries ?? 0),
    notModified: vscode.l10n.t('LLM Cost Lens: the GPU offers have not changed since the last refresh.'),
    notRefreshed: (reason) => vscode.l10n.t('LLM Cost Lens: the GPU offers were not refreshed: {0}.', reason),
  });
}
