/**
 * The panel's two charts, with Chart.js tree-shaken to what they use (line controller,
 * linear / logarithmic / category scales, tooltip and legend), coloured from the theme's
 * --vscode-* variables so light, dark and high-contrast themes all read.
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartDataset,
  type Plugin,
} from 'chart.js';
import { formatTokensM, formatUsd } from '../src/engine';
import type { CostView, HistoryRow } from './viewModel';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, CategoryScale, Tooltip, Legend);

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
    palette: [
      v('--vscode-charts-blue', '#3794ff'),
      v('--vscode-charts-orange', '#d18616'),
      v('--vscode-charts-green', '#89d185'),
      v('--vscode-charts-purple', '#b180d7'),
      v('--vscode-charts-yellow', '#cca700'),
      v('--vscode-charts-red', '#f14c4c'),
    ],
    highContrast,
  };
}

const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2], [4, 4]];

interface Label {
  x: number;
  y: number;
  text: string;
}

/** Draws a text label next to each crossover point (Chart.js has no built-in data labels). */
const crossoverLabels: Plugin<'line'> = {
  id: 'crossoverLabels',
  afterDatasetsDraw(chart) {
    const labels = (chart.options.plugins as { crossoverLabels?: { labels: Label[]; color: string; font: string } }).crossoverLabels;
    if (!labels?.labels.length) return;
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.font = `11px ${labels.font}`;
    ctx.fillStyle = labels.color;
    ctx.textBaseline = 'bottom';
    const placed: { x: number; y: number; w: number }[] = [];
    for (const label of labels.labels) {
      const px = scales.x!.getPixelForValue(label.x);
      const py = scales.y!.getPixelForValue(label.y);
      if (px < chartArea.left || px > chartArea.right || py < chartArea.top || py > chartArea.bottom) continue;
      const w = ctx.measureText(label.text).width;
      let x = px + 6;
      let y = py - 6;
      if (x + w > chartArea.right) x = px - 6 - w;
      // Move down past labels already drawn so they never overlap.
      while (placed.some((p) => Math.abs(p.y - y) < 13 && x < p.x + p.w && p.x < x + w)) y += 13;
      placed.push({ x, y, w });
      ctx.fillText(label.text, x, y);
    }
    ctx.restore();
  },
};

function axisTicks(theme: Theme) {
  return { color: theme.foreground, font: { family: theme.font } };
}

export function costChartConfig(view: CostView, theme: Theme) {
  const lineWidth = theme.highContrast ? 3 : 2;
  const datasets: ChartDataset<'line', { x: number; y: number }[]>[] = view.series.map((s, i) => {
    const color = theme.palette[i % theme.palette.length]!;
    return {
      label: s.label,
      data: s.points,
      borderColor: color,
      backgroundColor: color,
      borderWidth: s.current ? lineWidth + 1 : lineWidth,
      borderDash: s.kind === 'api' ? DASHES[Math.floor(i / theme.palette.length) % DASHES.length] : DASHES[(i + 1) % DASHES.length],
      pointRadius: 0,
      pointHitRadius: 4,
      tension: 0,
      parsing: false as const,
    };
  });
  const marks = view.crossovers.filter((c) => c.makesSense && c.crossoverTokensM >= view.range.min && c.crossoverTokensM <= view.range.max);
  if (marks.length) {
    datasets.push({
      label: 'Crossovers',
      data: marks.map((c) => ({ x: c.crossoverTokensM, y: c.fixedMonthlyUsd })),
      borderColor: theme.foreground,
      backgroundColor: theme.foreground,
      showLine: false,
      pointRadius: theme.highContrast ? 7 : 6,
      pointHoverRadius: 8,
      pointStyle: 'rectRot',
      parsing: false as const,
    });
  }
  if (view.volumeM > 0) {
    const ys = view.series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y > 0);
    datasets.push({
      label: `This workload: ${formatTokensM(view.volumeM)} tokens/month`,
      data: [
        { x: view.volumeM, y: Math.min(...ys, 1) },
        { x: view.volumeM, y: Math.max(...ys, 10) },
      ],
      borderColor: theme.muted,
      backgroundColor: theme.muted,
      borderWidth: 1,
      borderDash: [3, 3],
      pointRadius: 0,
      parsing: false as const,
    });
  }
  return {
    type: 'line' as const,
    data: { datasets },
    options: {
      animation: false as const,
      responsive: true,
      maintainAspectRatio: false,
      normalized: true,
      interaction: { mode: 'nearest' as const, intersect: false },
      scales: {
        x: {
          type: 'logarithmic' as const,
          min: view.range.min,
          max: view.range.max,
          title: { display: true, text: 'Monthly volume (tokens, log scale)', color: theme.foreground, font: { family: theme.font } },
          ticks: { ...axisTicks(theme), callback: (value: string | number) => decadeLabel(Number(value), formatTokensM) },
          grid: { color: theme.grid },
        },
        y: {
          type: 'logarithmic' as const,
          title: { display: true, text: 'Monthly cost (USD, log scale)', color: theme.foreground, font: { family: theme.font } },
          ticks: { ...axisTicks(theme), callback: (value: string | number) => decadeLabel(Number(value), formatUsd) },
          grid: { color: theme.grid },
        },
      },
      plugins: {
        legend: { position: 'bottom' as const, labels: { color: theme.foreground, font: { family: theme.font }, boxHeight: 2 } },
        tooltip: {
          callbacks: {
            label: (item: { dataset: { label?: string }; parsed: { x: number | null; y: number | null } }) =>
              `${item.dataset.label ?? ''}: ${formatUsd(item.parsed.y ?? 0)} at ${formatTokensM(item.parsed.x ?? 0)}`,
          },
        },
        crossoverLabels: {
          labels: marks.map((c) => ({ x: c.crossoverTokensM, y: c.fixedMonthlyUsd, text: c.text })),
          color: theme.foreground,
          font: theme.font,
        },
      },
    },
    plugins: [crossoverLabels],
  };
}

/** Labels only the decades (1M, 10M, …), so a log axis stays readable. */
function decadeLabel(value: number, format: (n: number) => string): string {
  const log = Math.log10(value);
  return Math.abs(log - Math.round(log)) < 1e-9 ? format(value) : '';
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
