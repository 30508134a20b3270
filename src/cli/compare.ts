/** `compare`: model cards side by side, with the figures the catalog holds for each. */
import { formatUsd, listPricesIn, provenanceText, type Catalog, type ModelCard } from '../engine';
import { alignColumns } from './printable';

/** A card's list prices in the month priced: a dated entry's prices in effect then, with what the dates did in words. */
function pricesIn(m: ModelCard, month: string | undefined) {
  if (!m.price) return { input: null, output: null, notes: [] as string[] };
  const listed = listPricesIn(m.price, month);
  return { input: listed.inputPerMillionUsd, output: listed.outputPerMillionUsd, notes: listed.notes };
}

export function compareModels(models: ModelCard[], cat: Catalog, month?: string) {
  return models.map((m) => rowOf(m, cat, pricesIn(m, month)));
}

function rowOf(m: ModelCard, cat: Catalog, prices: ReturnType<typeof pricesIn>) {
  return {
    id: m.id,
    name: m.name,
    lab: m.lab,
    access: m.access,
    architecture: m.architecture,
    paramsB: m.paramsB ?? null,
    activeParamsB: m.activeParamsB ?? null,
    contextTokens: m.contextTokens,
    license: m.license,
    inputPerMillionUsd: prices.input,
    outputPerMillionUsd: prices.output,
    priceSource: m.price ? provenanceText(m.price) : null,
    /** What dated prices did: the month priced and what changes next (empty for undated prices). */
    priceNotes: prices.notes,
    scores: Object.fromEntries(Object.entries(cat.scores[m.id] ?? {}).map(([k, s]) => [k, s!.display ?? s!.value])),
  };
}

export function compareText(rows: ReturnType<typeof compareModels>): string {
  const benchKeys = [...new Set(rows.flatMap((r) => Object.keys(r.scores)))];
  const header = ['', ...rows.map((r) => r.name)];
  const body: string[][] = [
    ['lab', ...rows.map((r) => r.lab)],
    ['access', ...rows.map((r) => r.access)],
    ['params', ...rows.map((r) => (r.paramsB === null ? '?' : `${r.paramsB}B${r.activeParamsB && r.activeParamsB !== r.paramsB ? ` (${r.activeParamsB}B active)` : ''}`))],
    ['context', ...rows.map((r) => r.contextTokens.toLocaleString('en-US'))],
    ['$/M in', ...rows.map((r) => (r.inputPerMillionUsd === null ? '—' : formatUsd(r.inputPerMillionUsd)))],
    ['$/M out', ...rows.map((r) => (r.outputPerMillionUsd === null ? '—' : formatUsd(r.outputPerMillionUsd)))],
    ...benchKeys.map((k) => [k, ...rows.map((r) => String(r.scores[k] ?? '—'))]),
  ];
  const dated = rows.filter((r) => r.priceNotes.length).map((r) => `${r.name}: ${r.priceNotes.join('; ')}`);
  return [...alignColumns([header, ...body]), ...dated].join('\n') + '\n';
}
