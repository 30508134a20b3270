/**
 * The day of traffic drawn: one bar per hour, as tall as the replicas the engine runs in it,
 * with the busiest hour's count marked; the same figures as a table for a screen reader. SVG
 * in a fixed coordinate box that scales with the panel.
 */
import { dataTable, el, svg } from '../../dom';
import { type DayView, hourText, replicaTicks } from './day';

// About the width the panel gives it beside an editor, so that its text stays near the
// editor's size from there (scaled ×0.9) to a full-width panel (×1.33, the figure's max width).
const WIDTH = 480;
const HEIGHT = 180;
const PLOT = { x: 36, y: 22, w: WIDTH - 36 - 10, h: HEIGHT - 22 - 40 };

/** The chart, its sentences and its data table, as one section of the Cost tab. */
export function dayTrafficSection(view: DayView): HTMLElement {
  const top = Math.max(1, view.mostReplicas);
  const y = (replicas: number) => PLOT.y + PLOT.h - (replicas / top) * PLOT.h;
  const slot = PLOT.w / 24;
  const root = svg('svg', { id: 'day-chart-svg', class: 'chart-svg day-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': view.summary });
  root.appendChild(svg('rect', { class: 'plot-frame', x: PLOT.x, y: PLOT.y, width: PLOT.w, height: PLOT.h }));
  const grid = svg('g', { class: 'grid' });
  const labels = svg('g', { class: 'tick-labels' });
  for (const v of replicaTicks(top)) {
    grid.appendChild(svg('line', { class: 'major', x1: PLOT.x - 4, x2: PLOT.x + PLOT.w, y1: y(v), y2: y(v) }));
    labels.appendChild(svg('text', { class: 'tick', x: PLOT.x - 8, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
  }
  for (let hour = 0; hour < 24; hour += 3) {
    labels.appendChild(svg('text', { class: 'tick', x: PLOT.x + hour * slot + slot / 2, y: PLOT.y + PLOT.h + 16, 'text-anchor': 'middle' }, hourText(hour)));
  }
  labels.appendChild(svg('text', { class: 'axis-title', x: PLOT.x + PLOT.w / 2, y: HEIGHT - 4, 'text-anchor': 'middle' }, 'Hour of the day'));
  root.append(grid, labels);
  const bars = svg('g', { class: 'day-bars' });
  view.hourlyReplicas.forEach((replicas, hour) => {
    const bar = svg('rect', { class: replicas === view.mostReplicas ? 'day-bar busiest' : 'day-bar', x: PLOT.x + hour * slot + 2, y: y(replicas), width: slot - 4, height: PLOT.y + PLOT.h - y(replicas), 'data-hour': hour, 'data-replicas': replicas });
    bar.appendChild(svg('title', {}, `${hourText(hour)}: ${replicas} replica(s)`));
    bars.appendChild(bar);
  });
  root.appendChild(bars);
  root.appendChild(svg('text', { class: 'tick', x: PLOT.x, y: PLOT.y - 8 }, `Replicas (busiest hour: ${view.mostReplicas})`));
  const rows = view.hourlyReplicas.map((replicas, hour) => [hourText(hour), String(replicas)]);
  return el(
    'section',
    { id: 'day-traffic', attrs: { 'aria-labelledby': 'day-traffic-title' } },
    el('h2', { id: 'day-traffic-title', text: 'A day of traffic' }),
    el('figure', { class: 'day-chart-figure' }, root),
    el('ul', { class: 'day-lines' }, ...view.lines.map((line) => el('li', { text: line }))),
    dataTable('The day as a table', ['Hour', 'Replicas'], rows, 'Replicas running in each hour of the day'),
  );
}
