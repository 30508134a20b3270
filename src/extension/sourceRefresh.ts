/**
 * An opt-in refresh of a source the user names in their settings (prices, GPU offers): the
 * download runs in the background after the first analysis asked for the catalog, at most
 * once per `maxAgeHours`, is checked by the kind of source (a RefreshKind), cached in the
 * extension's global storage with its ETag and Last-Modified, and read back at start, so a
 * restart offline keeps it. Bad data never replaces the last good copy; why it was refused is
 * kept for the status bar, the output channel and a notification at most once a day. Nothing
 * is fetched in an untrusted workspace.
 *
 * No `vscode` import: what it needs of VS Code (settings, trust, storage, messages) comes
 * through a SourceHost (priceRefreshHost.ts), so that the unit tests drive it with fakes.
 */
import type { CachedSource } from '../engine/catalog/refresh';
import { fetchPriceSource, PriceFetchError } from '../priceFetch';

import type { PricingSettings } from './pricingSettings';

/** What the refresher keeps between sessions apart from the cache (VS Code's global state). */
export interface RefreshMemory {
  /** Per source and URL ("litellm https://…"): when a download was last tried, ISO. */
  attempts?: Record<string, string>;
  /** When the user was last told of a failed refresh, ISO. */
  notifiedAt?: string;
}

export interface RefreshProblem<S extends string = string> {
  source: S;
  reason: string;
  /** What is in use instead: the last good copy of this source, or the bundled data. */
  using: 'last good' | 'bundled';
}

/** What a refresher needs of VS Code, whatever it refreshes. */
export interface SourceHost<S extends string = string> {
  /** The user's own settings (never a workspace's). */
  settings(): PricingSettings;
  isTrusted(): boolean;
  /** A cached record by its name, as text; undefined when there is none. */
  readCache(name: string): Promise<string | undefined>;
  writeCache(name: string, text: string): Promise<void>;
  memory(): RefreshMemory;
  remember(memory: RefreshMemory): Promise<void>;
  /** One line to the output channel. */
  log(line: string): void;
  /** A failed refresh, told to the user (the refresher calls it at most once a day). */
  notify(problem: RefreshProblem<S>): void;
  now(): number;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

export type RefreshStatus<S extends string, R> =
  | { kind: 'off' }
  | { kind: 'untrusted'; source: S }
  | { kind: 'waiting'; source: S }
  | { kind: 'ok'; source: S; record: R }
  | ({ kind: 'failed'; at: string } & RefreshProblem<S>);

export type RefreshOutcome = 'updated' | 'not-modified' | 'rejected' | 'failed' | 'skipped';

/** What a refresh did; `T` is what the kind adds of its record (prices held, offers left out). */
export type RefreshResult<T = object> = {
  outcome: RefreshOutcome;
  /** Why it was rejected, failed or skipped. */
  reason?: string;
  /** Entries of the data in use after it, when there is a copy. */
  entries?: number;
} & Partial<T>;

/** The source the settings name: its id, its URL, and the name its copy is cached under. */
export interface NamedSource<S extends string> {
  source: S;
  url: string;
  cacheName: string;
}

/** A download that arrived but is not data the product takes. */
export class RejectedSource extends Error {}

/** What one kind of source is: how the settings name it, how a download and a cached copy are checked. */
export interface RefreshKind<S extends string, R extends CachedSource, T> {
  /** "prices", "GPU offers": the log's word for what is refreshed. */
  what: string;
  /** The setting whose URL is fetched, named when it is empty. */
  urlSetting: string;
  /** The source the settings name, or undefined when they name none. */
  current(settings: PricingSettings): NamedSource<S> | undefined;
  /** Why nothing is fetched when the settings name no source. */
  offReason: string;
  /** A cached record's text, checked as a download is; throws with why. */
  parseCache(text: string, source: S): R;
  /**
   * A download's text, checked: the record to cache (the download's CachedSource fields and the
   * kind's own) and the lines to log; throws RejectedSource with why.
   */
  take(text: string, download: { named: NamedSource<S>; cached: CachedSource; lastGood?: R }): { record: R; lines: string[] };
  /** Entries of a record, for the log and the result. */
  entries(record: R): number;
  /** What a result says of a record besides its size. */
  details(record: R): T;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** setTimeout's largest delay. */
const MAX_DELAY_MS = 2 ** 31 - 1;

type Listener = () => void;

export class SourceRefresher<S extends string, R extends CachedSource, T> {
  readonly #host: SourceHost<S>;
  readonly #kind: RefreshKind<S, R, T>;
  /** Last good records read or written, by source; null when the source has none. */
  readonly #records = new Map<S, R | null>();
  readonly #loading = new Map<S, Promise<void>>();
  readonly #listeners = new Set<Listener>();
  #status: RefreshStatus<S, R> = { kind: 'off' };
  #requested = false;
  #inFlight: Promise<RefreshResult<T>> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(host: SourceHost<S>, kind: RefreshKind<S, R, T>) {
    this.#host = host;
    this.#kind = kind;
    this.#status = this.#idleStatus();
  }

  /** Fires when the data in use or the status changed. */
  onDidChange(listener: Listener): { dispose(): void } {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  #fire(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  get status(): RefreshStatus<S, R> {
    return this.#status;
  }

  #current(): NamedSource<S> | undefined {
    return this.#kind.current(this.#host.settings());
  }

  #idleStatus(): RefreshStatus<S, R> {
    const current = this.#current();
    if (!current) return { kind: 'off' };
    if (!this.#host.isTrusted()) return { kind: 'untrusted', source: current.source };
    const record = this.#matching(current);
    return record ? { kind: 'ok', source: current.source, record } : { kind: 'waiting', source: current.source };
  }

  /** The cached record when it is of the source and URL the settings name. */
  #matching(current: NamedSource<S>): R | undefined {
    const record = this.#records.get(current.source);
    return record && record.url === current.url ? record : undefined;
  }

  /** The good copy in use: the settings name a source and a copy of it is held. */
  protected inUse(): R | undefined {
    const current = this.#current();
    return current && this.#matching(current);
  }

  /** Reads the cached copy of the current source, once; the data in use changes when it arrives. */
  loadCache(): Promise<void> {
    const current = this.#current();
    if (!current) return Promise.resolve();
    let loading = this.#loading.get(current.source);
    if (!loading) {
      loading = this.#read(current);
      this.#loading.set(current.source, loading);
    }
    return loading;
  }

  async #read({ source, cacheName }: NamedSource<S>): Promise<void> {
    const what = this.#kind.what;
    let text: string | undefined;
    try {
      text = await this.#host.readCache(cacheName);
    } catch (error) {
      this.#host.log(`Cannot read the cached ${what} of ${source}: ${String(error)}`);
    }
    if (this.#disposed || this.#records.has(source)) return;
    let record: R | null = null;
    if (text !== undefined) {
      try {
        record = this.#kind.parseCache(text, source);
        this.#host.log(`Read the cached ${what} of ${source}: ${this.#kind.entries(record)} entries, fetched ${record.fetchedAt}.`);
      } catch (error) {
        this.#host.log(`The cached ${what} of ${source} are not used: ${(error as Error).message}`);
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

  #lastCheck(current: NamedSource<S>): number | undefined {
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

  /** A refresh asked for (a command): now, whatever the max age. */
  refreshNow(): Promise<RefreshResult<T>> {
    return this.#refresh(true);
  }

  #refresh(manual: boolean): Promise<RefreshResult<T>> {
    // One download at a time: a second request waits for the first.
    this.#inFlight ??= this.#download(manual).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  #result(outcome: RefreshOutcome, record: R): RefreshResult<T> {
    return { outcome, entries: this.#kind.entries(record), ...this.#kind.details(record) };
  }

  async #download(manual: boolean): Promise<RefreshResult<T>> {
    const { what } = this.#kind;
    const current = this.#current();
    if (!current) return { outcome: 'skipped', reason: this.#kind.offReason } as RefreshResult<T>;
    if (!this.#host.isTrusted()) {
      this.#status = { kind: 'untrusted', source: current.source };
      this.#fire();
      return { outcome: 'skipped', reason: `${what} are not fetched in Restricted Mode` } as RefreshResult<T>;
    }
    await this.loadCache();
    const { source, url } = current;
    const record = this.#matching(current);
    const startedAt = new Date(this.#host.now()).toISOString();
    const memory = this.#host.memory();
    await this.#host.remember({ ...memory, attempts: { ...memory.attempts, [`${source} ${url}`]: startedAt } });
    this.#host.log(`${manual ? 'Refreshing' : 'Refreshing (due)'} ${what} from ${source}: ${url}`);

    let result: RefreshResult<T>;
    try {
      if (url === '') throw new PriceFetchError(`${this.#kind.urlSetting} is empty`, 'url');
      const fetched = await fetchPriceSource(url, {
        ...(record?.etag ? { etag: record.etag } : {}),
        ...(record?.lastModified ? { lastModified: record.lastModified } : {}),
        ...(this.#host.timeoutMs !== undefined ? { timeoutMs: this.#host.timeoutMs } : {}),
        ...(this.#host.maxBytes !== undefined ? { maxBytes: this.#host.maxBytes } : {}),
        ...(this.#host.fetchImpl ? { fetchImpl: this.#host.fetchImpl } : {}),
      });
      if (fetched.status === 'not-modified') {
        if (!record) throw new PriceFetchError('the server answered 304 Not Modified, but no copy is held', 'http');
        await this.#store(current, { ...record, checkedAt: startedAt });
        this.#host.log(`Not modified since ${record.fetchedAt}: the cached ${what} stay (${this.#kind.entries(record)} entries).`);
        result = this.#result('not-modified', record);
      } else {
        const cached: CachedSource = {
          url,
          fetchedAt: startedAt,
          checkedAt: startedAt,
          ...(fetched.etag ? { etag: fetched.etag } : {}),
          ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
        };
        const { record: next, lines } = this.#kind.take(fetched.text, { named: current, cached, ...(record ? { lastGood: record } : {}) });
        await this.#store(current, next);
        for (const line of lines) this.#host.log(line);
        result = this.#result('updated', next);
      }
      this.#status = { kind: 'ok', source, record: this.#records.get(source)! };
    } catch (error) {
      const rejected = error instanceof RejectedSource;
      if (!rejected && !(error instanceof PriceFetchError)) this.#host.log(`Unexpected error while refreshing ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const reason = error instanceof Error ? error.message : String(error);
      const problem: RefreshProblem<S> = { source, reason, using: record ? 'last good' : 'bundled' };
      this.#status = { kind: 'failed', at: startedAt, ...problem };
      this.#host.log(`${rejected ? 'Rejected' : 'Failed'}: ${reason}. ${record ? `The last good ${what} (${record.fetchedAt}) stay.` : `The bundled ${what} stay.`}`);
      await this.#tell(problem);
      result = { outcome: rejected ? 'rejected' : 'failed', reason, ...(record ? { entries: this.#kind.entries(record) } : {}) } as RefreshResult<T>;
    }
    this.#fire();
    if (this.#requested) this.#schedule(Math.max(0, this.#host.settings().maxAgeHours) * HOUR_MS);
    return result;
  }

  async #store(current: NamedSource<S>, record: R): Promise<void> {
    this.#records.set(current.source, record);
    try {
      await this.#host.writeCache(current.cacheName, JSON.stringify(record));
    } catch (error) {
      // The data is in use for this session all the same.
      this.#host.log(`Cannot write the ${this.#kind.what} cache: ${String(error)}`);
    }
  }

  async #tell(problem: RefreshProblem<S>): Promise<void> {
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
