/**
 * The cost chart's layout, apart from the DOM (so that unit tests can check it): colour
 * classes, tick labels, and where the crossover labels go.
 */
import { plainNumber } from '../../../src/engine';
import type { CostSeries } from './series';

/** Colours in the palette (--lens-series-0 … 7 in webview/style.css), then the dashes change. */
export const PALETTE_SIZE = 8;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const overlaps = (a: Box, b: Box, gap = 0): boolean =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

/** The class that gives a series its colour and dash: colour by position, dash by kind and round. */
export function seriesClass(series: Pick<CostSeries, 'kind' | 'current'>, index: number): string {
  const round = Math.floor(index / PALETTE_SIZE) % 2;
  const dash = series.kind === 'api' ? (round ? 'dash-dot' : 'dash-solid') : round ? 'dash-long' : 'dash-short';
  return `series s-${index % PALETTE_SIZE} ${dash}${series.current ? ' current' : ''}`;
}

/** "$1", "$10K", "$1M": decade ticks, short enough for a narrow axis. */
export function usdTick(value: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) if (value >= size) return `$${plainNumber(value / size, 3)}${unit}`;
  // Plain digits, never "$1e-7": a near-free price puts the axis that low.
  return `$${plainNumber(value, 3)}`;
}

/** The width of a text in the chart's font. */
export type Measure = (text: string) => number;

export interface Layout {
  width: number;
  height: number;
  plot: Box;
  fontSize: number;
}

export interface PlacedLabel extends Box {
  text: string;
  anchorX: number;
  baseline: number;
}

/**
 * Where a label goes next to its marker: the first place, of those around it, that stays in
 * the plot and clear of every box already taken. Undefined when there is none.
 */
export function placeLabel(text: string, at: { x: number; y: number }, plot: Box, taken: Box[], measure: Measure, fontSize: number): PlacedLabel | undefined {
  const w = Math.ceil(measure(text)) + 2;
  const h = Math.ceil(fontSize * 1.25);
  const d = 8;
  const candidates: [number, number][] = [
    [at.x + d, at.y - d - h], // above right
    [at.x + d, at.y + d], // below right
    [at.x - d - w, at.y - d - h], // above left
    [at.x - d - w, at.y + d], // below left
    [at.x - w / 2, at.y - d - h - 4], // above
    [at.x - w / 2, at.y + d + 4], // below
    [at.x + d, at.y - h / 2], // right
    [at.x - d - w, at.y - h / 2], // left
  ];
  const inner: Box = { x: plot.x + 2, y: plot.y + 2, w: plot.w - 4, h: plot.h - 4 };
  for (const [x, y] of candidates) {
    const box = { x, y, w, h };
    if (inside(box, inner) && !taken.some((t) => overlaps(box, t, 2))) return { ...box, text, anchorX: x + 1, baseline: y + Math.round(fontSize * 0.95) };
  }
  return undefined;
}

export function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min) + 1e-9); 10 ** e <= max * 1.0001; e++) if (10 ** e >= min * 0.9999) out.push(10 ** e);
  return out;
}

/** Every n-th tick, so that the labels have room: n is the smallest that leaves `room` for each. */
export function thin(ticks: number[], room: number, size: (value: number) => number): number[] {
  for (let step = 1; step <= ticks.length; step++) {
    const kept = ticks.filter((_, i) => i % step === 0);
    if (kept.every((v) => size(v) <= room * step)) return kept;
  }
  return ticks.slice(0, 1);
}

export interface LabelSpot {
  x: number;
  y: number;
  text: string;
}

/**
 * Labels for the crossover markers: every one with its whole text when each has a place,
 * else numbers (1, 2, …, which the list under the chart repeats), as many as have a place.
 * No label leaves the plot or covers a marker or another label.
 */
export function layoutCrossoverLabels(marks: LabelSpot[], plot: Box, measure: Measure, fontSize: number): { placed: PlacedLabel[]; numbered: boolean } {
  const markerBoxes: Box[] = marks.map((m) => ({ x: m.x - 6, y: m.y - 6, w: 12, h: 12 }));
  const place = (text: (m: LabelSpot, i: number) => string, all: boolean): PlacedLabel[] | undefined => {
    const placed: PlacedLabel[] = [];
    const taken = [...markerBoxes];
    for (const [i, m] of marks.entries()) {
      const label = placeLabel(text(m, i), m, plot, taken, measure, fontSize);
      if (!label) {
        if (all) return undefined;
        continue;
      }
      placed.push(label);
      taken.push(label);
    }
    return placed;
  };
  const whole = place((m) => m.text, true);
  if (whole) return { placed: whole, numbered: false };
  return { placed: place((_, i) => String(i + 1), false)!, numbered: true };
}
