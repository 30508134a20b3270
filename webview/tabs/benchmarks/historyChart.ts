/**
 * The Benchmarks tab's history chart, with Chart.js tree-shaken to what it uses (line
 * controller, linear and category scales, tooltip and legend), coloured from the panel's
 * palette and the theme's --vscode-* variables so light, dark and high-contrast themes all
 * read. (The Cost tab's chart is SVG: costChart.ts.)
 */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { PALETTE_SIZE } from '../cost/costChart';
import type { HistoryRow } from './viewModel';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

export interface Theme {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  font: string;
  palette: string[];
  highContrast: boolean;
}

/** Colours of the current theme, read from the CSS variables VS Code sets on the webview. */
export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  return {
    foreground: v('--vscode-charts-foreground', v('--vscode-foreground', '#cccccc')),
    muted: v('--vscode-descriptionForeground', '#999999'),
    grid: v('--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    background: v('--vscode-editor-background', '#1e1e1e'),
    font: v('--vscode-font-family', 'sans-serif'),
    // The panel's colour-blind safe palette (style.css), the same as the cost chart's.
    palette: Array.from({ length: PALETTE_SIZE }, (_, i) => v(`--lens-series-${i}`, '#3794ff')),
    highContrast,
  };
}

function axisTicks(theme: Theme) {
  return { color: theme.foreground, font: { family: theme.font } };
}

export function historyChartConfig(rows: HistoryRow[], theme: Theme) {
  const lineWidth = theme.highContrast ? 3 : 2;
  const closed = theme.palette[0]!;
  const open = theme.palette[2]!;
  const projectedDash = (ctx: { p1DataIndex: number }) => (rows[ctx.p1DataIndex]?.projected ? [6, 4] : undefined);
  return {
    type: 'line' as const,
    data: {
      labels: rows.map((r) => `${r.date}${r.projected ? ' (projected)' : ''}`),
      datasets: [
        {
          label: 'Best closed model (MMLU)',
          data: rows.map((r) => r.closed),
          borderColor: closed,
          backgroundColor: closed,
          borderWidth: lineWidth,
          pointRadius: 4,
          pointStyle: 'rect',
          segment: { borderDash: projectedDash },
        },
        {
          label: 'Best open model (MMLU)',
          data: rows.map((r) => r.open),
          borderColor: open,
          backgroundColor: open,
          borderWidth: lineWidth,
          borderDash: [6, 3],
          pointRadius: 4,
          pointStyle: 'circle',
          segment: { borderDash: (ctx: { p1DataIndex: number }) => projectedDash(ctx) ?? [6, 3] },
        },
      ],
    },
    options: {
      animation: false as const,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { type: 'category' as const, ticks: axisTicks(theme), grid: { color: theme.grid } },
        y: {
          type: 'linear' as const,
          title: { display: true, text: 'MMLU (%)', color: theme.foreground, font: { family: theme.font } },
          ticks: axisTicks(theme),
          grid: { color: theme.grid },
        },
      },
      plugins: {
        legend: { position: 'bottom' as const, labels: { color: theme.foreground, font: { family: theme.font } } },
        tooltip: {
          callbacks: {
            afterLabel: (item: { dataIndex: number; datasetIndex: number }) => {
              const r = rows[item.dataIndex];
              return r ? (item.datasetIndex === 0 ? r.closedModel : r.openModel) : '';
            },
          },
        },
      },
    },
  };
}

export { Chart };
