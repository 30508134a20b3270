/** `compare`: model cards side by side, with the figures the catalog holds for each. */
import { formatUsd, provenanceText, type Catalog, type ModelCard } from '../engine';
import { alignColumns } from './printable';

export function compareModels(models: ModelCard[], cat: Catalog) {
  return models.map((m) => ({
    id: m.id,
    name: m.name,
    lab: m.lab,
    access: m.access,
    architecture: m.architecture,
    paramsB: m.paramsB ?? null,
    activeParamsB: m.activeParamsB ?? null,
    contextTokens: m.contextTokens,
    license: m.license,
    inputPerMillionUsd: m.price?.inputPerMillionUsd ?? null,
    outputPerMillionUsd: m.price?.outputPerMillionUsd ?? null,
    priceSource: m.price ? provenanceText(m.price) : null,
    scores: Object.fromEntries(Object.entries(cat.scores[m.id] ?? {}).map(([k, s]) => [k, s!.display ?? s!.value])),
  }));
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
  return alignColumns([header, ...body]).join('\n') + '\n';
}
