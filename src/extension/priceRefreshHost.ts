/**
 * The price refresh inside VS Code: the user's settings, the workspace trust, the cache in
 * the extension's global storage, the "LLM Cost Lens" output channel and the notifications.
 * The refresh itself is priceRefresh.ts.
 */
import vscode = require('vscode');
import type { PriceTable } from '../engine';
import { MAX_SOURCE_BYTES } from '../engine/catalog/refresh';
import { readTextBounded, refusalReason } from './boundedRead';
import { SETTINGS_SECTION } from './ids';
import { userPricingSettings } from './settings';
import { PriceRefresher, type PricingSettings, type RefreshHost, type RefreshMemory, type RefreshProblem, type RefreshResult, type RefreshStatus } from './priceRefresh';
import type { RefreshProblem as SourceProblem, SourceHost } from './sourceRefresh';

const MEMORY_KEY = 'llmCostLens.priceRefresh';
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
  const showLog = vscode.l10n.t('Show Log');
  const message =
    problem.using === 'last good'
      ? vscode.l10n.t('LLM Cost Lens could not refresh prices from {0}: {1}. The last good prices stay in use.', problem.source, problem.reason)
      : vscode.l10n.t('LLM Cost Lens could not refresh prices from {0}: {1}. The bundled prices stay in use.', problem.source, problem.reason);
  void vscode.window.showWarningMessage(message, showLog).then((choice) => {
    if (choice === showLog) outputChannel().show(true);
  });
}

/** What the status bar's tooltip says of the refresh, when there is something to say. */
export function refreshStatusNote(status: RefreshStatus): string | undefined {
  switch (status.kind) {
    case 'off':
      return undefined;
    case 'untrusted':
      return vscode.l10n.t('Prices are not refreshed from {0} in Restricted Mode: the bundled prices are used.', status.source);
    case 'waiting':
      return vscode.l10n.t('Prices from {0} have not been fetched yet: the bundled prices are used.', status.source);
    case 'ok':
      return status.record.held.length
        ? vscode.l10n.t('{0} price(s) from {1} moved more than ×10 and were not applied (see the output channel "LLM Cost Lens").', status.record.held.length, status.source)
        : undefined;
    case 'failed':
      return status.using === 'last good'
        ? vscode.l10n.t('Price refresh from {0} failed: {1}. The last good prices are used.', status.source, status.reason)
        : vscode.l10n.t('Price refresh from {0} failed: {1}. The bundled prices are used.', status.source, status.reason);
  }
}

/** The refresher with VS Code's settings and trust events wired in. */
export function startPriceRefresh(options: HostOptions): { refresher: PriceRefresher; disposable: vscode.Disposable } {
  const host = vscodeRefreshHost(options);
  const refresher = new PriceRefresher(host);
  const subscriptions = [
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.pricing`)) refresher.settingsChanged();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => refresher.settingsChanged()),
  ];
  // The cached copy is a local file: read at start, so that the first analysis already has it
  // when it can. The network waits until the catalog is asked for.
  if (host.settings().source !== 'bundled') void refresher.loadCache();
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

/** "LLM Cost Lens: Refresh Prices": downloads now, says how it went, and returns it (for scripts and tests). */
export async function refreshPricesCommand(refresher: PriceRefresher): Promise<RefreshResult> {
  const result = await refresher.refreshNow();
  switch (result.outcome) {
    case 'updated':
      void vscode.window.showInformationMessage(vscode.l10n.t('LLM Cost Lens: prices refreshed ({0} entries).', result.entries ?? 0));
      break;
    case 'not-modified':
      void vscode.window.showInformationMessage(vscode.l10n.t('LLM Cost Lens: the prices have not changed since the last refresh.'));
      break;
    case 'skipped':
      void vscode.window.showInformationMessage(vscode.l10n.t('LLM Cost Lens: {0}.', result.reason ?? ''));
      break;
    default:
      // The refresher has told the user (at most once a day); a command asked for now says it now.
      void vscode.window.showWarningMessage(vscode.l10n.t('LLM Cost Lens: the prices were not refreshed: {0}.', result.reason ?? ''));
  }
  return result;
}
