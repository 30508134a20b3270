/** `models [query]`: the priced models matching a query, each on each host, with prices, context and source. */
import { asOfText, type Catalog, entryProvenance, familyKey, formatListedUsd, formatNumber, formatUsd, type PriceTableEntry, scheduledPrices, type ServicePrices } from '../engine';
import { alignColumns } from './printable';

export interface ModelRow {
  key: string;
  host: string;
  model: string;
  mode: string;
  inputPerMillionUsd: number;
  outputPerMillionUsd: number | null;
  cacheReadPerMillionUsd: number | null;
  batchInputPerMillionUsd: number | null;
  batchOutputPerMillionUsd: number | null;
  contextTokens: number | null;
  retired: boolean;
  /** Cache writes (5-minute, and 1-hour where the host sells it) and the service tiers' prices, where the entry has them (--json only). */
  cacheWritePerMillionUsd?: number;
  cacheWrite1hPerMillionUsd?: number;
  flex?: ServicePrices;
  priority?: ServicePrices;
  /** What dated prices did to the row's prices: the month priced and what changes next. */
  priceNotes?: string[];
  source: string;
  /** The date, as what it is: "2026-07-24", "fetched 2026-12-01", "file modified 2026-11-02". */
  asOf: string;
}

/**
 * Entries whose key holds the query, as letters and digits ("claude 3.5 haiku" finds
 * "claude-3-5-haiku-20241022"), on one host when asked; cheapest first within a model.
 */
export function findModels(cat: Catalog, query: string | undefined, host: string | undefined, month?: string): ModelRow[] {
  const table = cat.prices;
  if (!table) return [];
  const wanted = familyKey(query ?? '');
  const rows = table.entries.filter((e) => (!host || e.host === host) && familyKey(e.key).includes(wanted));
  return rows.map((e) => row(e, entryProvenance(e, table).source, asOfText(entryProvenance(e, table)), month)).sort((a, b) => a.model.localeCompare(b.model) || a.inputPerMillionUsd - b.inputPerMillionUsd || a.key.localeCompare(b.key));
}

/** An entry's row, its prices those in effect in the month priced (a dated entry's, said in priceNotes). */
function row(listed: PriceTableEntry, source: string, asOf: string, month: string | undefined): ModelRow {
  const { entry: e, notes } = scheduledPrices(listed, month);
  return {
    key: e.key,
    host: e.host,
    model: e.model,
    mode: e.mode,
    inputPerMillionUsd: e.inputPerMillionUsd,
    outputPerMillionUsd: e.outputPerMillionUsd ?? null,
    cacheReadPerMillionUsd: e.cacheReadPerMillionUsd ?? null,
    batchInputPerMillionUsd: e.batchInputPerMillionUsd ?? null,
    batchOutputPerMillionUsd: e.batchOutputPerMillionUsd ?? null,
    contextTokens: e.contextTokens ?? null,
    retired: e.retired === true,
    ...(e.cacheWritePerMillionUsd !== undefined ? { cacheWritePerMillionUsd: e.cacheWritePerMillionUsd } : {}),
    ...(e.cacheWrite1hPerMillionUsd !== undefined ? { cacheWrite1hPerMillionUsd: e.cacheWrite1hPerMillionUsd } : {}),
    ...(e.flex ? { flex: e.flex } : {}),
    ...(e.priority ? { priority: e.priority } : {}),
    ...(notes.length ? { priceNotes: notes } : {}),
    source,
    asOf,
  };
}

export function modelsText(rows: ModelRow[], limit: number): string {
  // Per-million prices as listed ($0.075 is not $0.07), never as an exponent: a tiny one is "<$0.000001".
  const usd = (n: number | null) => (n === null ? '—' : n >= 100 ? formatUsd(n) : formatListedUsd(n, 4));
  const header = ['key', 'host', 'mode', '$/M in', '$/M out', 'cached in', 'batch in/out', 'context', ''];
  const body = rows.slice(0, limit).map((r) => [
    r.key,
    r.host,
    r.mode,
    usd(r.inputPerMillionUsd),
    usd(r.outputPerMillionUsd),
    usd(r.cacheReadPerMillionUsd),
    r.batchInputPerMillionUsd === null ? '—' : `${usd(r.batchInputPerMillionUsd)} / ${usd(r.batchOutputPerMillionUsd)}`,
    r.contextTokens === null ? '—' : formatNumber(r.contextTokens),
    r.retired ? 'retired' : '',
  ]);
  const lines = alignColumns([header, ...body]);
  const more = rows.length > limit ? [`… and ${rows.length - limit} more (--limit N, or --json for all)`] : [];
  // Each source of the rows shown, once: the table merges several, and each entry names its own.
  const sources = [...new Set(rows.slice(0, limit).map((r) => `${r.source}, ${r.asOf}`))];
  const source = rows[0] ? [`prices: ${sources.join('; ')}`] : ['no priced model matches'];
  const dated = rows.slice(0, limit).flatMap((r) => (r.priceNotes ? [`${r.key}: ${r.priceNotes.join('; ')}`] : []));
  return [...lines, ...more, ...dated, ...source].join('\n') + '\n';
}
