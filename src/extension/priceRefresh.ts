/**
 * The opt-in price refresh: when `llmCostLens.pricing.source` names a source, prices are
 * downloaded, validated (see engine/catalog/refresh.ts: sizes, schema, moves above ×10 held),
 * cached and read back by the source refresher (sourceRefresh.ts), which GPU offers share.
 *
 * No `vscode` import: what it needs of VS Code comes through a RefreshHost
 * (priceRefreshHost.ts), so that the unit tests drive it with fakes.
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
import { RejectedSource, SourceRefresher, type RefreshKind, type RefreshProblem as SourceProblem, type RefreshResult as SourceResult, type RefreshStatus as SourceStatus, type SourceHost } from './sourceRefresh';

export { DEFAULT_PRICING_SETTINGS, readPricingSettings, type GlobalSettingsReader, type PricingSettings } from './pricingSettings';
export { RejectedSource, type RefreshMemory, type RefreshOutcome } from './sourceRefresh';

export interface RefreshHost extends SourceHost<RemoteSourceId> {
  /** The bundled price table: the reference for sizes and price moves. */
  bundled(): PriceTable | undefined;
}

export type RefreshProblem = SourceProblem<RemoteSourceId>;
export type RefreshStatus = SourceStatus<RemoteSourceId, PriceCacheRecord>;
/** What a price refresh did: with the prices held at their old value (moves above ×10). */
export type RefreshResult = SourceResult<{ held: PriceMove[] }>;

/** The JSON text of a download, or why it is not JSON. */
export function parseDownload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RejectedSource(`not JSON (${(error as Error).message})`);
  }
}

function priceKind(host: RefreshHost): RefreshKind<RemoteSourceId, PriceCacheRecord, { held: PriceMove[] }> {
  return {
    what: 'prices',
    urlSetting: 'llmCostLens.pricing.url',
    current: (s) => (s.source === 'bundled' ? undefined : { source: s.source, url: s.source === 'url' ? s.url.trim() : PRICE_SOURCE_URLS[s.source], cacheName: `prices-${s.source}` }),
    offReason: 'llmCostLens.pricing.source is "bundled": the bundled prices are used and nothing is fetched',
    parseCache(text, source) {
      const record = parseCacheRecord(text);
      if (record.sourceId !== source) throw new Error(`it is of ${record.sourceId}`);
      return record;
    },
    take(text, { named: { source, url }, cached, lastGood }) {
      const outcome = validateRefresh({
        json: parseDownload(text),
        source: sourceName(source, url),
        sourceUrl: url,
        today: cached.fetchedAt.slice(0, 10),
        fetchedAt: cached.fetchedAt,
        ...(cached.lastModified ? { lastModified: cached.lastModified } : {}),
        ...(host.bundled() ? { bundled: host.bundled()! } : {}),
        ...(lastGood ? { lastGood: lastGood.table } : {}),
      });
      if (!outcome.ok) throw new RejectedSource(outcome.reason);
      const record: PriceCacheRecord = {
        version: 1,
        sourceId: source,
        ...cached,
        ...(outcome.dataDate ? { dataDate: outcome.dataDate } : {}),
        entryCount: outcome.table.entries.length,
        pricing: outcome.pricing,
        held: outcome.held,
        table: outcome.table,
      };
      const lines = [`Refreshed: ${record.entryCount} entries from ${record.pricing.source}, dated ${record.pricing.asOf} (${record.pricing.asOfKind}).`];
      for (const [reason, n] of Object.entries(outcome.skipped)) lines.push(`  left out: ${n} ${reason}`);
      if (outcome.held.length) lines.push(`  ${outcome.held.length} price(s) moved more than ×10 and were not applied:`, ...outcome.held.map((move) => `    ${moveText(move)}`));
      return { record, lines };
    },
    entries: (record) => record.entryCount,
    details: (record) => ({ held: record.held }),
  };
}

export class PriceRefresher extends SourceRefresher<RemoteSourceId, PriceCacheRecord, { held: PriceMove[] }> {
  constructor(host: RefreshHost) {
    super(host, priceKind(host));
  }

  /** The refreshed prices to lay over the bundled ones, when the settings ask for a source and a good copy is held. */
  get overlay(): RefreshedPrices | undefined {
    const record = this.inUse();
    if (!record) return undefined;
    // One object per record: the catalog service rebuilds its catalog only when this changes.
    let overlay = this.#overlays.get(record);
    if (!overlay) this.#overlays.set(record, (overlay = { table: record.table, pricing: record.pricing }));
    return overlay;
  }

  readonly #overlays = new WeakMap<PriceCacheRecord, RefreshedPrices>();
}
