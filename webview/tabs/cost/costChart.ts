/**
 * The Cost tab's chart, cost against volume on two log axes, drawn as SVG: its text is
 * DOM text (selectable, found by the find widget, measurable), its colours are CSS
 * variables (the theme applies without a redraw), and its layout is computed here so that
 * no label leaves the chart or covers another. A crossover label that has no free place is
 * not drawn: its marker gets a number that the list under the chart repeats, and the
 * tooltip names it.
 *
 * Every string reaches the page through textContent (series labels come from the config).
 */
import { formatNumber, formatTokensM, formatUsd } from '../../../src/engine';
import { decades, layoutCrossoverLabels, seriesClass, thin, usdTick, type Box, type Layout, type Measure } from './chartLayout';
import { el, replaceChildren, svg } from '../../dom';
import type { CostSeries, CostView, CrossoverMark } from './viewModel';

export { PALETTE_SIZE } from './chartLayout';


/** Text widths in the panel's font, measured off-screen (works while the tab is hidden too). */
export function measurer(font: string): Measure {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * 7;
  context.font = font;
  const cache = new Map<string, number>();
  return (text) => {
    let w = cache.get(text);
    if (w === undefined) cache.set(text, (w = context.measureText(text).width));
    return w;
  };
}

export interface ChartState {
  /** Series keys the legend has hidden. */
  hidden: Set<string>;
}

export interface CostChartElements {
  figure: HTMLElement;
  plot: HTMLElement;
  legend: HTMLElement;
  tooltip: HTMLElement;
}

export function costChartElements(): CostChartElements {
  const plot = el('div', { class: 'chart-plot', id: 'cost-chart' });
  const tooltip = el('div', { class: 'chart-tooltip', id: 'cost-tooltip', attrs: { role: 'presentation' } });
  tooltip.hidden = true;
  plot.appendChild(tooltip);
  const legend = el('ul', { class: 'chart-legend', id: 'cost-legend', attrs: { 'aria-label': 'Series (select one to hide or show it)' } });
  const figure = el('figure', { class: 'cost-chart' }, plot, legend);
  return { figure, plot, legend, tooltip };
}

interface Drawn {
  view: CostView;
  layout: Layout;
  x: (v: number) => number;
  y: (v: number) => number;
  xInv: (px: number) => number;
  visible: { series: CostSeries; index: number }[];
  marks: { mark: CrossoverMark; number: number; x: number; y: number }[];
}

let drawn: Drawn | undefined;

/** The crossovers the chart marks: real ones, inside the volume range. Numbered from 1. */
export function chartMarks(view: CostView): CrossoverMark[] {
  return view.crossovers.filter((c) => c.makesSense && c.crossoverTokensM >= view.range.min && c.crossoverTokensM <= view.range.max);
}

/**
 * Draws the chart into `elements.plot` at the plot's current size. Returns the numbers the
 * markers carry (by crossover) when labels had no room, else an empty map.
 */
export function drawCostChart(elements: CostChartElements, view: CostView, state: ChartState, onToggle: (key: string) => void): Map<CrossoverMark, number> {
  const { plot: host, legend, tooltip } = elements;
  const style = getComputedStyle(host);
  const fontSize = Math.round(parseFloat(style.fontSize) || 13);
  const tickSize = Math.max(11, fontSize - 1);
  const font = style.fontFamily || 'sans-serif';
  const measureTick = measurer(`${tickSize}px ${font}`);
  const measureTitle = measurer(`${fontSize}px ${font}`);
  const width = Math.max(280, Math.floor(host.clientWidth || 800));
  const height = Math.max(220, Math.floor(host.clientHeight || 380));

  const visible = view.series.map((series, index) => ({ series, index })).filter((s) => !state.hidden.has(s.series.key));
  const ys = visible.flatMap((s) => s.series.points.map((p) => p.y)).filter((y) => y > 0 && Number.isFinite(y));
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...(ys.length ? ys : [1])) + 1e-12));
  const yMax = Math.max(yMin * 100, 10 ** Math.ceil(Math.log10(Math.max(...(ys.length ? ys : [1e4])) - 1e-12)));
  const xTicksAll = decades(view.range.min, view.range.max);
  const yTicksAll = decades(yMin, yMax);

  // ---- margins, from the text they hold ----
  const pad = 6;
  const tickLen = 5;
  const lineH = Math.ceil(tickSize * 1.3);
  const titleH = Math.ceil(fontSize * 1.3);
  const yTitleFull = 'Monthly cost (USD, log scale)';
  const xTitleFull = 'Monthly volume (tokens, log scale)';
  const yTickW = Math.ceil(Math.max(...yTicksAll.map((v) => measureTick(usdTick(v))))) + 2;
  const firstX = Math.ceil(measureTick(formatTokensM(xTicksAll[0] ?? 1)) / 2);
  const lastX = Math.ceil(measureTick(formatTokensM(xTicksAll[xTicksAll.length - 1] ?? 1)) / 2);
  const left = Math.max(pad + titleH + 6 + yTickW + tickLen, firstX + pad);
  const right = Math.max(pad + lastX, 12);
  const top = pad + 6;
  const bottom = tickLen + 3 + lineH + 6 + titleH + pad;
  const plot: Box = { x: left, y: top, w: width - left - right, h: height - top - bottom };
  const fontSizeUsed = tickSize;

  const lx0 = Math.log10(view.range.min);
  const lx1 = Math.log10(view.range.max);
  const ly0 = Math.log10(yMin);
  const ly1 = Math.log10(yMax);
  const x = (v: number) => plot.x + ((Math.log10(v) - lx0) / (lx1 - lx0)) * plot.w;
  const xInv = (px: number) => 10 ** (lx0 + ((px - plot.x) / plot.w) * (lx1 - lx0));
  const y = (v: number) => plot.y + plot.h - ((Math.log10(Math.max(v, yMin / 10)) - ly0) / (ly1 - ly0)) * plot.h;
  const r = (n: number) => Math.round(n * 10) / 10;

  const root = svg('svg', {
    id: 'cost-chart-svg',
    class: 'chart-svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label':
      `Monthly cost against monthly volume, ${formatTokensM(view.range.min)} to ${formatTokensM(view.range.max)} tokens, both axes logarithmic: ` +
      `${view.series.length} options, ${chartMarks(view).length} crossover points. The data is in the table below.`,
  });
  const clipId = 'cost-plot-clip';
  const defs = svg('defs');
  const clip = svg('clipPath', { id: clipId });
  clip.appendChild(svg('rect', { x: plot.x, y: plot.y, width: plot.w, height: plot.h }));
  defs.appendChild(clip);
  root.appendChild(defs);
  root.appendChild(svg('rect', { class: 'plot-frame', x: plot.x, y: plot.y, width: plot.w, height: plot.h }));

  // ---- grid and ticks ----
  const grid = svg('g', { class: 'grid' });
  const labels = svg('g', { class: 'tick-labels' });
  const taken: Box[] = [];
  const xTicks = thin(xTicksAll, plot.w / Math.max(1, xTicksAll.length - 1), (v) => measureTick(formatTokensM(v)) + 12);
  for (const v of xTicksAll) {
    const px = r(x(v));
    grid.appendChild(svg('line', { class: xTicks.includes(v) ? 'major' : 'minor', x1: px, x2: px, y1: plot.y, y2: plot.y + plot.h + (xTicks.includes(v) ? tickLen : 0) }));
  }
  for (const v of xTicks) {
    const text = formatTokensM(v);
    const w = measureTick(text);
    const px = x(v);
    const baseline = plot.y + plot.h + tickLen + 3 + Math.round(tickSize * 0.95);
    labels.appendChild(svg('text', { x: r(px), y: baseline, 'text-anchor': 'middle', class: 'tick' }, text));
    taken.push({ x: px - w / 2, y: baseline - tickSize, w, h: lineH });
  }
  const yTicks = thin(yTicksAll, plot.h / Math.max(1, yTicksAll.length - 1), () => lineH + 2);
  for (const v of yTicksAll) {
    const py = r(y(v));
    grid.appendChild(svg('line', { class: yTicks.includes(v) ? 'major' : 'minor', x1: plot.x - (yTicks.includes(v) ? tickLen : 0), x2: plot.x + plot.w, y1: py, y2: py }));
  }
  for (const v of yTicks) {
    const py = y(v);
    const text = usdTick(v);
    labels.appendChild(svg('text', { x: plot.x - tickLen - 3, y: r(py + tickSize * 0.35), 'text-anchor': 'end', class: 'tick' }, text));
  }
  root.append(grid, labels);

  // ---- axis titles: shortened when the full one does not fit ----
  const xTitle = measureTitle(xTitleFull) <= plot.w ? xTitleFull : 'Volume (tokens/month)';
  root.appendChild(svg('text', { class: 'axis-title', x: r(plot.x + plot.w / 2), y: height - pad - Math.round(fontSize * 0.3), 'text-anchor': 'middle' }, xTitle));
  const yTitle = measureTitle(yTitleFull) <= plot.h ? yTitleFull : measureTitle('Cost/month (USD)') <= plot.h ? 'Cost/month (USD)' : 'USD';
  const yTitleX = pad + Math.round(fontSize * 0.95);
  root.appendChild(svg('text', { class: 'axis-title', x: yTitleX, y: r(plot.y + plot.h / 2), 'text-anchor': 'middle', transform: `rotate(-90 ${yTitleX} ${r(plot.y + plot.h / 2)})` }, yTitle));

  // ---- series ----
  const lines = svg('g', { class: 'lines', 'clip-path': `url(#${clipId})` });
  for (const { series, index } of visible) {
    const d = series.points
      .filter((p) => p.x > 0 && p.y > 0)
      .map((p, i) => `${i ? 'L' : 'M'}${r(x(p.x))} ${r(y(p.y))}`)
      .join('');
    lines.appendChild(svg('path', { class: seriesClass(series, index), d, 'data-key': series.key }));
  }
  if (view.volumeM > 0 && view.volumeM >= view.range.min && view.volumeM <= view.range.max) {
    const px = r(x(view.volumeM));
    lines.appendChild(svg('line', { class: 'volume-line', x1: px, x2: px, y1: plot.y, y2: plot.y + plot.h }));
  }
  const guide = svg('line', { class: 'hover-line', x1: 0, x2: 0, y1: plot.y, y2: plot.y + plot.h, visibility: 'hidden' });
  lines.appendChild(guide);
  root.appendChild(lines);

  // ---- crossovers: markers, then labels where they have room ----
  const markList = chartMarks(view);
  const marks = markList.map((mark, i) => ({ mark, number: i + 1, x: x(mark.crossoverTokensM), y: y(mark.fixedMonthlyUsd) }));
  const markers = svg('g', { class: 'crossovers' });
  for (const m of marks) {
    const s = 6;
    markers.appendChild(svg('path', { class: 'crossover-mark', d: `M${r(m.x)} ${r(m.y - s)}L${r(m.x + s)} ${r(m.y)}L${r(m.x)} ${r(m.y + s)}L${r(m.x - s)} ${r(m.y)}Z` }));
  }
  root.appendChild(markers);
  const measureLabel = measurer(`${fontSizeUsed}px ${font}`);
  const { placed, numbered: numberedIndexes } = layoutCrossoverLabels(
    marks.map((m) => ({ x: m.x, y: m.y, text: m.mark.text })),
    plot,
    measureLabel,
    fontSizeUsed,
  );
  const numbered = new Map<CrossoverMark, number>(numberedIndexes ? marks.map((m) => [m.mark, m.number]) : []);
  const markLabels = svg('g', { class: 'crossover-labels' });
  for (const label of placed) {
    markLabels.appendChild(svg('rect', { class: 'label-back', x: r(label.x), y: r(label.y), width: r(label.w), height: r(label.h), rx: 2 }));
    markLabels.appendChild(svg('text', { class: numberedIndexes ? 'crossover-label number' : 'crossover-label', x: r(label.anchorX), y: r(label.baseline) }, label.text));
  }
  root.appendChild(markLabels);

  host.querySelector('svg.chart-svg')?.remove();
  host.insertBefore(root, tooltip);
  drawn = { view, layout: { width, height, plot, fontSize }, x, y, xInv, visible, marks };

  // ---- hover: a guide line and the cost of every shown series at that volume ----
  const hide = () => {
    tooltip.hidden = true;
    guide.setAttribute('visibility', 'hidden');
  };
  root.addEventListener('pointerleave', hide);
  root.addEventListener('pointermove', (event) => {
    const d = drawn;
    if (!d) return;
    const bounds = root.getBoundingClientRect();
    const px = event.clientX - bounds.left;
    const py = event.clientY - bounds.top;
    const p = d.layout.plot;
    if (px < p.x || px > p.x + p.w || py < p.y || py > p.y + p.h) return hide();
    const volume = d.xInv(px);
    guide.setAttribute('x1', String(r(px)));
    guide.setAttribute('x2', String(r(px)));
    guide.setAttribute('visibility', 'visible');
    const near = d.marks.find((m) => Math.abs(m.x - px) <= 8 && Math.abs(m.y - py) <= 8);
    const rows = d.visible
      .map(({ series, index }) => ({ series, index, cost: series.costAt(volume) }))
      .sort((a, b) => b.cost - a.cost);
    replaceChildren(
      tooltip,
      near ? el('p', { class: 'tooltip-crossover', text: `${numbered.has(near.mark) ? `${near.number}. ` : ''}${crossoverSentence(near.mark)}` }) : null,
      el('p', { class: 'tooltip-title', text: `At ${formatTokensM(near ? near.mark.crossoverTokensM : volume)} tokens/month` }),
      el(
        'ul',
        {},
        ...rows.map((row) =>
          el('li', {}, swatch(row.series, row.index), el('span', { text: row.series.label }), el('span', { class: 'tooltip-value', text: formatUsd(row.series.costAt(near ? near.mark.crossoverTokensM : volume)) })),
        ),
      ),
    );
    tooltip.hidden = false;
    // Beside the pointer, on the side with room, inside the chart (CSSOM: the CSP allows it).
    const tw = tooltip.offsetWidth;
    const th = tooltip.offsetHeight;
    const left = px + 14 + tw <= d.layout.width ? px + 14 : Math.max(0, px - 14 - tw);
    const topPx = Math.min(Math.max(0, py - th / 2), Math.max(0, d.layout.height - th));
    tooltip.style.left = `${Math.round(left)}px`;
    tooltip.style.top = `${Math.round(topPx)}px`;
  });

  // ---- legend: every series (a button hides or shows it), the crossovers and the volume ----
  replaceChildren(
    legend,
    ...view.series.map((series, index) => {
      const shown = !state.hidden.has(series.key);
      const item = el(
        'button',
        { class: 'legend-item', attrs: { type: 'button', 'aria-pressed': shown ? 'true' : 'false', 'data-key': series.key, title: shown ? 'Hide this series' : 'Show this series' } },
        swatch(series, index),
        el('span', { text: series.label }),
      );
      item.addEventListener('click', () => onToggle(series.key));
      return el('li', {}, item);
    }),
    marks.length ? el('li', { class: 'legend-note' }, markSwatch(), el('span', { text: numbered.size ? 'Crossover (numbered as in the list below)' : 'Crossover' })) : null,
    view.volumeM > 0 ? el('li', { class: 'legend-note' }, volumeSwatch(), el('span', { text: `This workload: ${formatTokensM(view.volumeM)} tokens/month` })) : null,
  );
  return numbered;
}

export function crossoverSentence(c: CrossoverMark): string {
  return c.makesSense
    ? `${c.selfHostLabel} costs the same as ${c.apiLabel} at ${formatTokensM(c.crossoverTokensM)} tokens/month (one replica serves up to ${formatTokensM(c.capacityTokensM)}).`
    : `${c.selfHostLabel} never breaks even with ${c.apiLabel}: it would at ${formatTokensM(c.crossoverTokensM)} tokens/month, but one replica serves only ${formatTokensM(c.capacityTokensM)}. It needs ${formatNumber(c.breakEvenThroughputTps)} tok/s per replica.`;
}

// Swatches are styled spans, not SVG: the legend's markup does not grow with the series.
function swatch(series: CostSeries, index: number): HTMLElement {
  return el('span', { class: `swatch line ${seriesClass(series, index)}`, attrs: { 'aria-hidden': 'true' } });
}

function markSwatch(): HTMLElement {
  return el('span', { class: 'swatch mark', attrs: { 'aria-hidden': 'true' } });
}

function volumeSwatch(): HTMLElement {
  return el('span', { class: 'swatch volume', attrs: { 'aria-hidden': 'true' } });
}
