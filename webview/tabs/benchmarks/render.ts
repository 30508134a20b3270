/**
 * The Benchmarks tab's page: the scores by category (sortable, leaders marked), the gap by
 * domain, and the MMLU history as a chart and a table. It needs no config.
 */
import { ARTICLE_NAMED, type BenchmarkCategory } from '../../../src/engine';
import { dataTable, el, replaceChildren, table, type Cell } from '../../dom';
import type { PanelTab, TabHost } from '../host';
import { Chart, historyChartConfig, readTheme } from './historyChart';
import { benchmarkTable, CATEGORY_LABELS, gapRows, historyRows, type SortState } from './viewModel';

export function mountBenchmarksTab(section: HTMLElement, host: TabHost): PanelTab {
  let benchCategory: BenchmarkCategory | 'all' = 'all';
  let historyChart: Chart | undefined;
  // Re-colour the chart when the theme changes (VS Code swaps the body's classes).
  new MutationObserver(() => {
    historyChart?.destroy();
    historyChart = undefined;
    host.scheduleRender();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  const categorySelect = el('vscode-single-select', { id: 'category-select', attrs: { 'aria-label': 'Benchmark category' } }) as HTMLElement & { value: string };
  categorySelect.appendChild(el('vscode-option', { text: 'All categories', attrs: { value: 'all', selected: true } }));
  for (const [id, label] of Object.entries(CATEGORY_LABELS)) categorySelect.appendChild(el('vscode-option', { text: label, attrs: { value: id } }));
  categorySelect.addEventListener('change', () => {
    benchCategory = categorySelect.value as BenchmarkCategory | 'all';
    host.scheduleRender();
  });
  const benchTable = el('div', { id: 'bench-table' });
  const gapTable = el('div', { id: 'gap-table' });
  const historyCanvas = el('canvas', { id: 'history-chart', attrs: { role: 'img', 'aria-label': 'MMLU of the best closed and the best open model over time' } });
  const historyData = el('div', { id: 'history-data' });
  replaceChildren(
    section,
    el('div', { class: 'field' }, el('vscode-label', { text: 'Category', attrs: { for: 'category-select' } }), categorySelect),
    el('p', { class: 'muted', text: '★ marks the leader of each column. Select a column heading to sort by it.' }),
    benchTable,
    el('h2', { text: 'Gap by domain: best open vs best closed' }),
    el('p', { class: 'muted', text: `“The article says”: the gap as ${ARTICLE_NAMED} states it, beside the gap in the scores above.` }),
    gapTable,
    el('h2', { text: 'MMLU gap over time' }),
    el('div', { class: 'chart chart-small' }, historyCanvas),
    historyData,
  );

  function renderBenchmarks(): void {
    const sort: SortState | null = host.state().benchmarkSort;
    const view = benchmarkTable(benchCategory, sort);
    const sortHeader = (key: string, text: string, title?: string) => ({
      text,
      title,
      sort: {
        key,
        state: (sort?.column === key ? (sort.descending ? 'descending' : 'ascending') : 'none') as 'ascending' | 'descending' | 'none',
        onSort: (column: string) => {
          const descending = host.state().benchmarkSort?.column === column ? !host.state().benchmarkSort!.descending : column !== 'model';
          host.setState({ benchmarkSort: { column, descending } });
          requestAnimationFrame(() => (document.querySelector(`button[data-sort="${CSS.escape(column)}"]`) as HTMLElement | null)?.focus());
        },
      },
    });
    const benchTableElement = table({
        label: 'Benchmark scores by model',
        id: 'bench',
        class: 'wide',
        header: [sortHeader('model', 'Model'), 'Access', ...view.columns.map((c) => sortHeader(c.id, c.name, `${CATEGORY_LABELS[c.category]}: ${c.description}`))],
        rows: view.rows.map((r) => [
          r.name,
          r.access,
          ...r.cells.map((c): Cell => (c.leader ? { content: [`★ ${c.display}`], class: 'leader', title: 'Leader of this column' } : c.display)),
        ]),
      });
    replaceChildren(benchTable, benchTableElement);
    replaceChildren(
      gapTable,
      table({
        label: 'Gap by domain',
        id: 'gap',
        header: ['Domain', 'Best open', 'Best closed', 'Gap (closed − open)', 'Leader', 'The article says'],
        rows: gapRows().map((g) => [g.title, g.bestOpen, g.bestClosed, g.gap, g.leader, g.seedGap]),
      }),
    );
    const history = historyRows();
    const config = historyChartConfig(history, readTheme());
    if (historyChart) {
      historyChart.data = config.data as never;
      historyChart.options = config.options as never;
      historyChart.update('none');
    } else historyChart = new Chart(historyCanvas, config as never);
    replaceChildren(
      historyData,
      dataTable(
        'Chart data as a table',
        ['Date', 'Event', 'Best closed (MMLU)', 'Best open (MMLU)', 'Gap'],
        history.map((h) => [`${h.date}${h.projected ? ' (projected)' : ''}`, h.label, `${h.closed} (${h.closedModel})`, `${h.open} (${h.openModel})`, String(h.gap)]),
        'MMLU of the best closed and the best open model',
      ),
    );
  }

  return { render: renderBenchmarks };
}
