/**
 * The opt-in price refresh: when `llmCostLens.pricing.source` names a source, prices are
 * downloaded in the background after the first analysis asked for the catalog, at most once
 * per `maxAgeHours`, validated (see engine/catalog/refresh.ts), cached in the extension's
 * global storage and read back at start, so a restart offline keeps them. Bad data never
 * replaces the last good copy; why it was refused is kept for the status bar, the output
 * channel and a notification at most once a day. Nothing is fetched in an untrusted workspace.
 *
 * No `vscode` import: what it needs of VS Code (settings, trust, storage, messages) comes
 * through a RefreshHost (priceRefreshHost.ts), so that the unit tests drive it with fakes.
 */
import type { PriceTable } from '../engine';
import {
  moveText,
  parseCacheRecord,
  PRICE_SOURCE_URLS,
  sourceName,
  validateRefresh,
  type PriceCacheRecord,
  type PriceMove,
  type RefreshedPrices,
  type RemoteSourceId,
} from '../engine/catalog/refresh';
import { fetchPriceSource, PriceFetchError } from '../priceFetch';

import type { PricingSettings } from './pricingSettings';

export { DEFAULT_PRICING_SETTINGS, readPricingSettings, type GlobalSettingsReader, type PricingSettings } from './pricingSettings';

/** What the refresher keeps between sessions apart from the cache (VS Code's global state). */
export interface RefreshMemory {
  /** Per source and URL ("litellm https://…"): when a download was last tried, ISO. */
  attempts?: Record<string, string>;
  /** When the user was last told of a failed refresh, ISO. */
  notifiedAt?: string;
}

export interface RefreshHost {
  /** The user's own settings (never a workspace's). */
  settings(): PricingSettings;
  isTrusted(): boolean;
  /** The cached record of a source, as text; undefined when there is none. */
  readCache(source: RemoteSourceId): Promise<string | undefined>;
  writeCache(source: RemoteSourceId, text: string): Promise<void>;
  memory(): RefreshMemory;
  remember(memory: RefreshMemory): Promise<void>;
  /** One line to the output channel. */
  log(line: string): void;
  /** A failed refresh, told to the user (the refresher calls it at most once a day). */
  notify(problem: RefreshProblem): void;
  /** The bundled price table: the reference for sizes and price moves. */
  bundled(): PriceTable | undefined;
  now(): number;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

export interface RefreshProblem {
  source: RemoteSourceId;
  reason: string;
  /** The prices in use instead: the last good copy of this source, or the bundled ones. */
  using: 'last good' | 'bundled';
}

export type RefreshStatus =
  | { kind: 'off' }
  | { kind: 'untrusted'; source: RemoteSourceId }
  | { kind: 'waiting'; source: RemoteSourceId }
  | { kind: 'ok'; source: RemoteSourceId; record: PriceCacheRecord }
  | ({ kind: 'failed'; at: string } & RefreshProblem);

export type RefreshOutcome = 'updated' | 'not-modified' | 'rejected' | 'failed' | 'skipped';

export interface RefreshResult {
  outcome: RefreshOutcome;
  /** Why it was rejected, failed or skipped. */
  reason?: string;
  /** Entries of the table in use after it, when there is one. */
  entries?: number;
  held?: PriceMove[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** setTimeout's largest delay. */
const MAX_DELAY_MS = 2 ** 31 - 1;

type Listener = () => void;

export class PriceRefresher {
  readonly #host: RefreshHost;
  /** Last good records read or written, by source; null when the source has none. */
  readonly #records = new Map<RemoteSourceId, PriceCacheRecord | null>();
  readonly #loading = new Map<RemoteSourceId, Promise<void>>();
  readonly #listeners = new Set<Listener>();
  #status: RefreshStatus = { kind: 'off' };
  #requested = false;
  #inFlight: Promise<RefreshResult> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(host: RefreshHost) {
    this.#host = host;
    this.#status = this.#idleStatus();
  }

  /** Fires when the prices in use or the status changed. */
  onDidChange(listener: Listener): { dispose(): void } {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  #fire(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  get status(): RefreshStatus {
    return this.#status;
  }

  #current(): { source: RemoteSourceId; url: string } | undefined {
    const s = this.#host.settings();
    if (s.source === 'bundled') return undefined;
    return { source: s.source, url: s.source === 'url' ? s.url.trim() : PRICE_SOURCE_URLS[s.source] };
  }

  #idleStatus(): RefreshStatus {
    const current = this.#current();
    if (!current) return { kind: 'off' };
    if (!this.#host.isTrusted()) return { kind: 'untrusted', source: current.source };
    const record = this.#matching(current);
    return record ? { kind: 'ok', source: current.source, record } : { kind: 'waiting', source: current.source };
  }

  /** The cached record when it is of the source and URL the settings name. */
  #matching(current: { source: RemoteSourceId; url: string }): PriceCacheRecord | undefined {
    const record = this.#records.get(current.source);
    return record && record.url === current.url ? record : undefined;
  }

  /** The refreshed prices to lay over the bundled ones, when the settings ask for a source and a good copy is held. */
  get overlay(): RefreshedPrices | undefined {
    const current = this.#current();
    const record = current && this.#matching(current);
    if (!record) return undefined;
    // One object per record: the catalog service rebuilds its catalog only when this changes.
    let overlay = this.#overlays.get(record);
    if (!overlay) this.#overlays.set(record, (overlay = { table: record.table, pricing: record.pricing }));
    return overlay;
  }

  readonly #overlays = new WeakMap<PriceCacheRecord, RefreshedPrices>();

  /** Reads the cached copy of the current source, once; the prices change when it arrives. */
  loadCache(): Promise<void> {
    const current = this.#current();
    if (!current) return Promise.resolve();
    const source = current.source;
    let loading = this.#loading.get(source);
    if (!loading) {
      loading = this.#read(source);
      this.#loading.set(source, loading);
    }
    return loading;
  }

  async #read(source: RemoteSourceId): Promise<void> {
    let text: string | undefined;
    try {
      text = await this.#host.readCache(source);
    } catch (error) {
      this.#host.log(`Cannot read the cached prices of ${source}: ${String(error)}`);
    }
    if (this.#disposed || this.#records.has(source)) return;
    let record: PriceCacheRecord | null = null;
    if (text !== undefined) {
      try {
        record = parseCacheRecord(text);
        if (record.sourceId !== source) throw new Error(`it is of ${record.sourceId}`);
        this.#host.log(`Read the cached prices of ${source}: ${record.entryCount} entries, fetched ${record.fetchedAt}.`);
      } catch (error) {
        this.#host.log(`The cached prices of ${source} are not used: ${(error as Error).message}`);
        record = null;
      }
    }
    this.#records.set(source, record);
    this.#status = this.#idleStatus();
    if (record) this.#fire();
  }

  /**
   * The catalog was asked for: from the first time on, the refresh runs in the background
   * whenever it is due. Cheap to call on every request.
   */
  requested(): void {
    if (this.#requested || this.#disposed) return;
    this.#requested = true;
    void this.#whenDue();
  }

  /** The settings or the workspace trust changed. */
  settingsChanged(): void {
    this.#status = this.#idleStatus();
    clearTimeout(this.#timer);
    void this.loadCache().then(() => {
      if (this.#requested) void this.#whenDue();
    });
    this.#fire();
  }

  async #whenDue(): Promise<void> {
    await this.loadCache();
    const current = this.#current();
    if (!current || this.#disposed) return;
    if (!this.#host.isTrusted()) {
      this.#status = { kind: 'untrusted', source: current.source };
      return;
    }
    const { maxAgeHours } = this.#host.settings();
    const maxAge = Math.max(0, maxAgeHours) * HOUR_MS;
    const last = this.#lastCheck(current);
    const dueIn = last === undefined ? 0 : last + maxAge - this.#host.now();
    if (dueIn > 0) {
      this.#schedule(dueIn);
      return;
    }
    await this.#refresh(false);
  }

  #lastCheck(current: { source: RemoteSourceId; url: string }): number | undefined {
    const record = this.#matching(current);
    const attempt = this.#host.memory().attempts?.[`${current.source} ${current.url}`];
    const times = [record?.checkedAt, attempt].filter((t): t is string => t !== undefined).map(Date.parse).filter(Number.isFinite);
    return times.length ? Math.max(...times) : undefined;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    if (this.#disposed) return;
    this.#timer = setTimeout(() => void this.#whenDue(), Math.min(Math.max(delayMs, 1000), MAX_DELAY_MS));
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** The "Refresh prices" command: now, whatever the max age. */
  refreshNow(): Promise<RefreshResult> {
    return this.#refresh(true);
  }

  #refresh(manual: boolean): Promise<RefreshResult> {
    // One download at a time: a second request waits for the first.
    this.#inFlight ??= this.#download(manual).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #download(manual: boolean): Promise<RefreshResult> {
    const current = this.#current();
    if (!current) return { outcome: 'skipped', reason: 'llmCostLens.pricing.source is "bundled": the bundled prices are used and nothing is fetched' };
    if (!this.#host.isTrusted()) {
      this.#status = { kind: 'untrusted', source: current.source };
      this.#fire();
      return { outcome: 'skipped', reason: 'prices are not fetched in Restricted Mode' };
    }
    await this.loadCache();
    const { source, url } = current;
    const record = this.#matching(current);
    const startedAt = new Date(this.#host.now()).toISOString();
    const memory = this.#host.memory();
    await this.#host.remember({ ...memory, attempts: { ...memory.attempts, [`${source} ${url}`]: startedAt } });
    this.#host.log(`${manual ? 'Refreshing' : 'Refreshing (due)'} prices from ${source}: ${url}`);

    let result: RefreshResult;
    try {
      if (source === 'url' && url === '') throw new PriceFetchError('llmCostLens.pricing.url is empty', 'url');
      const fetched = await fetchPriceSource(url, {
        ...(record?.etag ? { etag: record.etag } : {}),
        ...(record?.lastModified ? { lastModified: record.lastModified } : {}),
        ...(this.#host.timeoutMs !== undefined ? { timeoutMs: this.#host.timeoutMs } : {}),
        ...(this.#host.maxBytes !== undefined ? { maxBytes: this.#host.maxBytes } : {}),
        ...(this.#host.fetchImpl ? { fetchImpl: this.#host.fetchImpl } : {}),
      });
      if (fetched.status === 'not-modified') {
        if (!record) throw new PriceFetchError('the server answered 304 Not Modified, but no copy is held', 'http');
        const kept: PriceCacheRecord = { ...record, checkedAt: startedAt };
        await this.#store(kept);
        this.#host.log(`Not modified since ${record.fetchedAt}: the cached prices stay (${record.entryCount} entries).`);
        result = { outcome: 'not-modified', entries: record.entryCount, held: record.held };
      } else {
        let json: unknown;
        try {
          json = JSON.parse(fetched.text);
        } catch (error) {
          throw new RejectedSource(`not JSON (${(error as Error).message})`);
        }
        const outcome = validateRefresh({
          json,
          source: sourceName(source, url),
          sourceUrl: url,
          today: startedAt.slice(0, 10),
          fetchedAt: startedAt,
          ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
          ...(this.#host.bundled() ? { bundled: this.#host.bundled()! } : {}),
          ...(record ? { lastGood: record.table } : {}),
        });
        if (!outcome.ok) throw new RejectedSource(outcome.reason);
        const next: PriceCacheRecord = {
          version: 1,
          sourceId: source,
          url,
          fetchedAt: startedAt,
          checkedAt: startedAt,
          ...(fetched.etag ? { etag: fetched.etag } : {}),
          ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
          ...(outcome.dataDate ? { dataDate: outcome.dataDate } : {}),
          entryCount: outcome.table.entries.length,
          pricing: outcome.pricing,
          held: outcome.held,
          table: outcome.table,
        };
        await this.#store(next);
        this.#host.log(`Refreshed: ${next.entryCount} entries from ${next.pricing.source}, dated ${next.pricing.asOf} (${next.pricing.asOfKind}).`);
        for (const [reason, n] of Object.entries(outcome.skipped)) this.#host.log(`  left out: ${n} ${reason}`);
        if (outcome.held.length) {
          this.#host.log(`  ${outcome.held.length} price(s) moved more than ×10 and were not applied:`);
          for (const move of outcome.held) this.#host.log(`    ${moveText(move)}`);
        }
        result = { outcome: 'updated', entries: next.entryCount, held: outcome.held };
      }
      this.#status = { kind: 'ok', source, record: this.#records.get(source)! };
    } catch (error) {
      const rejected = error instanceof RejectedSource;
      if (!rejected && !(error instanceof PriceFetchError)) this.#host.log(`Unexpected error while refreshing prices: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const reason = error instanceof Error ? error.message : String(error);
      const problem: RefreshProblem = { source, reason, using: record ? 'last good' : 'bundled' };
      this.#status = { kind: 'failed', at: startedAt, ...problem };
      this.#host.log(`${rejected ? 'Rejected' : 'Failed'}: ${reason}. ${record ? `The last good prices (${record.fetchedAt}) stay.` : 'The bundled prices stay.'}`);
      await this.#tell(problem);
      result = { outcome: rejected ? 'rejected' : 'failed', reason, ...(record ? { entries: record.entryCount } : {}) };
    }
    this.#fire();
    if (this.#requested) this.#schedule(Math.max(0, this.#host.settings().maxAgeHours) * HOUR_MS);
    return result;
  }

  async #store(record: PriceCacheRecord): Promise<void> {
    this.#records.set(record.sourceId, record);
    try {
      await this.#host.writeCache(record.sourceId, JSON.stringify(record));
    } catch (error) {
      // The prices are in use for this session all the same.
      this.#host.log(`Cannot write the price cache: ${String(error)}`);
    }
  }

  async #tell(problem: RefreshProblem): Promise<void> {
    const memory = this.#host.memory();
    const last = memory.notifiedAt === undefined ? NaN : Date.parse(memory.notifiedAt);
    const now = this.#host.now();
    if (Number.isFinite(last) && now - last < DAY_MS) return;
    await this.#host.remember({ ...memory, notifiedAt: new Date(now).toISOString() });
    this.#host.notify(problem);
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#listeners.clear();
  }
}

/** A download that arrived but is not a price list the product takes. */
class RejectedSource extends Error {}
