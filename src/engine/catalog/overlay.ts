/**
 * A refreshed price table laid over the bundled catalog. Apart from the converters and
 * validation of refresh.ts, so that a front end that only applies a table already validated
 * (the comparison panel) carries none of them.
 */
import type { PriceTable, PriceTableEntry } from './data/priceTable';
import { entryProvenance, type Catalog } from './index';
import { resolveModelName } from './resolve';
import type { ApiPrice, PricingProvenance } from './types';

/** The entry as kept from another table: with that table's source and date, so it is never shown as the new source's. */
export function keptFrom(e: PriceTableEntry, table: PriceTable): PriceTableEntry {
  const p = entryProvenance(e, table);
  return { ...e, source: p.source, asOf: p.asOf, asOfKind: p.asOfKind ?? 'data' };
}

/** A refreshed source as the catalog takes it: the validated table and its provenance. */
export interface RefreshedPrices {
  table: PriceTable;
  pricing: PricingProvenance;
}

/**
 * The catalog with refreshed prices: the refreshed entries replace the bundled ones of the
 * same key, the bundled entries the source lacks stay with their own source and date, and a
 * curated card takes the refreshed price of its own entry where the source changed it (where
 * the source kept the bundled price, the card keeps its list price and the seed's figures).
 */
export function withRefreshedPrices(base: Catalog, refreshed: RefreshedPrices): Catalog {
  const fresh = new Map(refreshed.table.entries.map((e) => [e.key, e]));
  const bundled = base.prices;
  const bundledByKey = new Map((bundled?.entries ?? []).map((e) => [e.key, e]));
  const entries = [...refreshed.table.entries];
  for (const e of bundled?.entries ?? []) if (!fresh.has(e.key)) entries.push(keptFrom(e, bundled!));
  // By host, then key, as the bundled table is: lookups that prefer the first of equals stay as they were.
  entries.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const table: PriceTable = { ...refreshed.table, entries };
  const models = base.models.map((card) => {
    if (!card.price) return card;
    const key = bundled ? resolveModelName(card.id, bundled, () => undefined)?.entry?.key : card.id;
    const next = key === undefined ? undefined : fresh.get(key);
    // A held entry (tagged with its own source) is the old price, not the source's.
    if (!next || next.source !== undefined) return card;
    const old = bundledByKey.get(next.key);
    if (old && old.inputPerMillionUsd === next.inputPerMillionUsd && old.outputPerMillionUsd === next.outputPerMillionUsd) return card;
    const price: ApiPrice = {
      inputPerMillionUsd: next.inputPerMillionUsd,
      outputPerMillionUsd: next.outputPerMillionUsd ?? 0,
      ...entryProvenance(next, table),
      note: `${next.host} price of "${next.key}"`,
      entry: next,
    };
    return { ...card, price };
  });
  return { ...base, models, prices: table, pricing: { ...refreshed.pricing } };
}
