/**
 * The Benchmarks tab's view-model: the catalog's scores by category with each column's leader,
 * the engine's gap by domain, and the MMLU history. Pure and DOM-free.
 */
import { type BenchmarkCategory, type BenchmarkDef, catalog, gapByDomain, gapHistory } from '../../../src/engine';
export const CATEGORY_LABELS: Record<BenchmarkCategory, string> = {
  knowledge: 'Knowledge',
  code: 'Code',
  math: 'Math',
  reasoning: 'Reasoning',
  safety: 'Safety',
  agentic: 'Agentic',
  multilingual: 'Chinese',
};

export interface BenchmarkCell {
  value: number | null;
  display: string;
  leader: boolean;
}

export interface BenchmarkRow {
  model: string;
  name: string;
  access: 'open' | 'closed';
  cells: BenchmarkCell[];
}

export interface BenchmarkTable {
  columns: BenchmarkDef[];
  rows: BenchmarkRow[];
  /** Per column: the leaders' names. */
  leaders: string[][];
}

export interface SortState {
  column: string;
  descending: boolean;
}

export function benchmarkTable(category: BenchmarkCategory | 'all', sort: SortState | null): BenchmarkTable {
  const columns = catalog.benchmarks.filter((b) => category === 'all' || b.category === category);
  const models = catalog.models.filter((m) => catalog.scores[m.id] && columns.some((b) => catalog.scores[m.id]?.[b.id]));
  const best = columns.map((b) => Math.max(...models.map((m) => catalog.scores[m.id]?.[b.id]?.value ?? -Infinity)));
  const rows: BenchmarkRow[] = models.map((m) => ({
    model: m.id,
    name: m.name,
    access: m.access === 'open-weight' ? 'open' : 'closed',
    cells: columns.map((b, i) => {
      const s = catalog.scores[m.id]?.[b.id];
      return s
        ? { value: s.value, display: s.display ?? String(s.value), leader: s.value === best[i] }
        : { value: null, display: '—', leader: false };
    }),
  }));
  const leaders = columns.map((_, i) => rows.filter((r) => r.cells[i]!.leader).map((r) => r.name));
  if (sort) {
    const i = columns.findIndex((b) => b.id === sort.column);
    const dir = sort.descending ? -1 : 1;
    if (sort.column === 'model') rows.sort((a, b) => dir * a.name.localeCompare(b.name));
    else if (i >= 0) {
      rows.sort((a, b) => {
        const x = a.cells[i]!.value;
        const y = b.cells[i]!.value;
        if (x === null && y === null) return a.name.localeCompare(b.name);
        if (x === null) return 1; // no figure: always last
        if (y === null) return -1;
        return dir * (x - y) || a.name.localeCompare(b.name);
      });
    }
  }
  return { columns, rows, leaders };
}

export interface GapRow {
  domain: string;
  title: string;
  measure: string;
  bestOpen: string;
  bestClosed: string;
  gap: string;
  leader: string;
  seedGap: string;
}

export function gapRows(): GapRow[] {
  return gapByDomain().map((g) => ({
    domain: g.domain,
    title: g.title,
    measure: g.measure,
    bestOpen: `${g.bestOpen.name} (${g.bestOpen.display})`,
    bestClosed: `${g.bestClosed.name} (${g.bestClosed.display})`,
    gap: g.unit === 'ratio' ? `${Math.round(g.gap * 10) / 10}× (closed ÷ open)` : `${g.gap > 0 ? '+' : ''}${g.gap} points`,
    leader: g.leader === 'tie' ? 'Tie' : g.leader === 'open' ? 'Open' : 'Closed',
    seedGap: typeof g.seedGap === 'number' ? `${g.seedGap > 0 ? '+' : ''}${g.seedGap}` : g.seedGap,
  }));
}

export interface HistoryRow {
  date: string;
  label: string;
  closed: number;
  closedModel: string;
  open: number;
  openModel: string;
  gap: number;
  projected: boolean;
}

export function historyRows(): HistoryRow[] {
  return gapHistory.map((p) => ({
    date: p.date,
    label: p.label,
    closed: p.bestClosedMmlu,
    closedModel: p.bestClosedModel,
    open: p.bestOpenMmlu,
    openModel: p.bestOpenModel,
    gap: Math.round((p.bestClosedMmlu - p.bestOpenMmlu) * 10) / 10,
    projected: p.projected === true,
  }));
}
