/**
 * The opt-in GPU offers refresh: when `llmCostLens.pricing.offersUrl` names a URL, offers in
 * the bundled gpuOffers.json's format are downloaded by the source refresher (sourceRefresh.ts),
 * as the prices are (at most once per `pricing.maxAgeHours`, cached with their ETag and
 * Last-Modified, the last good copy kept on a failure), checked row by row
 * (engine/catalog/offersRefresh.ts: the good rows kept, each bad one logged with where it is
 * wrong) and merged with the bundled offers by the catalog service.
 *
 * No `vscode` import: the host comes from offersRefreshHost.ts, or a unit test's fakes.
 */
import type { GpuOffer, RejectedOffer } from '../engine';
import { displayUrl, offersSourceName, parseOffersCacheRecord, validateOffersRefresh, type OffersCacheRecord } from '../engine/catalog/refresh';
import { parseDownload } from './priceRefresh';
import { RejectedSource, SourceRefresher, type RefreshKind, type RefreshProblem, type RefreshResult, type RefreshStatus, type SourceHost } from './sourceRefresh';

/** The offers' source as the status and the messages name it: the URL without query or credentials. */
export type OffersSource = string;
export type OffersHost = SourceHost<OffersSource>;
export type OffersProblem = RefreshProblem<OffersSource>;
export type OffersStatus = RefreshStatus<OffersSource, OffersCacheRecord>;
/** What an offers refresh did: with the rows left out and where they are wrong. */
export type OffersResult = RefreshResult<{ rejected: RejectedOffer[] }>;

/** The name of the offers' cache file in the global storage. */
export const OFFERS_CACHE = 'gpu-offers';

function offersKind(gpuIds: () => ReadonlySet<string> | undefined): RefreshKind<OffersSource, OffersCacheRecord, { rejected: RejectedOffer[] }> {
  const rules = () => {
    const ids = gpuIds();
    return ids ? { gpuIds: ids } : {};
  };
  return {
    what: 'GPU offers',
    urlSetting: 'llmCostLens.pricing.offersUrl',
    current: ({ offersUrl }) => (offersUrl === '' ? undefined : { source: displayUrl(offersUrl), url: offersUrl, cacheName: OFFERS_CACHE }),
    offReason: 'llmCostLens.pricing.offersUrl is empty: the bundled GPU offers are used and nothing is fetched',
    parseCache: (text) => parseOffersCacheRecord(text, rules()),
    take(text, { cached }) {
      const outcome = validateOffersRefresh(parseDownload(text), { ...rules(), today: cached.fetchedAt.slice(0, 10) });
      if (!outcome.ok) throw new RejectedSource(outcome.reason);
      const record: OffersCacheRecord = {
        version: 1,
        source: offersSourceName(cached.url),
        ...cached,
        ...(outcome.asOf ? { asOf: outcome.asOf } : {}),
        offers: outcome.offers,
        rejected: outcome.rejected,
      };
      const lines = [`Refreshed: ${record.offers.length} GPU offers from ${record.source}${record.asOf ? `, dated ${record.asOf}` : ''}.`];
      if (record.rejected.length) lines.push(`  ${record.rejected.length} offer(s) left out:`, ...record.rejected.flatMap((r) => r.problems.map((p) => `    ${p}`)));
      return { record, lines };
    },
    entries: (record) => record.offers.length,
    details: (record) => ({ rejected: record.rejected }),
  };
}

export class OffersRefresher extends SourceRefresher<OffersSource, OffersCacheRecord, { rejected: RejectedOffer[] }> {
  /** `gpuIds`: the GPUs an offer may name (gpus.json's), when the catalog has them. */
  constructor(host: OffersHost, gpuIds: () => ReadonlySet<string> | undefined) {
    super(host, offersKind(gpuIds));
  }

  /** The refreshed offers to merge with the bundled ones, when the settings name a URL and a good copy is held (one array per copy). */
  get offers(): readonly GpuOffer[] | undefined {
    return this.inUse()?.offers;
  }
}
