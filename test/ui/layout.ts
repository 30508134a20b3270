// Measurements made in the comparison panel's webview: text that is cut off, and the cost
// chart's labels. The callbacks run in the page, so each is self-contained.
import type { Frame } from 'playwright-core';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const getComputedStyle: (element: unknown) => any;


export interface Clipped {
  /** The element, as a short selector-like name, and its text. */
  element: string;
  text: string;
  why: string;
}

/**
 * Text the panel cuts off. Every text node (in the page and in the shadow roots of the
 * @vscode-elements components) is measured as it is laid out, and must lie inside each
 * ancestor that clips (overflow hidden or clip, which is also where an ellipsis shows),
 * up to the first ancestor that scrolls: a scroll container is no clipping, its content is
 * reachable. Ancestors are followed through slots, as the layout does. Also reports a page
 * that scrolls sideways as a whole. The chart's SVG text is measured by chartLabels.
 */
export function clippedText(frame: Frame): Promise<Clipped[]> {
  return frame.evaluate(() => {
    const out: { element: string; text: string; why: string }[] = [];
    const name = (e: any) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`;
    const parentOf = (n: any) => n.assignedSlot ?? n.parentElement ?? n.parentNode?.host ?? null;
    const scrolls = (style: any) => /auto|scroll/.test(style.overflowX) || /auto|scroll/.test(style.overflowY);
    const clips = (style: any) => /hidden|clip/.test(style.overflowX) || /hidden|clip/.test(style.overflowY);
    const check = (text: any) => {
      const content = text.textContent.replace(/\s+/g, ' ').trim();
      const owner = parentOf(text);
      if (!content || !owner || owner.closest?.('svg, script, style, template, option, title')) return;
      if (!owner.getClientRects().length || getComputedStyle(owner).visibility === 'hidden') return;
      // A closed disclosure's content is not shown at all (only its summary is).
      const closed = owner.closest?.('details:not([open])');
      if (closed && !owner.closest('summary')) return;
      const range = document.createRange();
      range.selectNodeContents(text);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) return;
      for (let a = owner; a && a.nodeType === 1; a = parentOf(a)) {
        const style = getComputedStyle(a);
        if (scrolls(style)) break;
        if (!clips(style)) continue;
        const r = a.getBoundingClientRect();
        if (rect.left < r.left - 1 || rect.right > r.right + 1 || rect.top < r.top - 1 || rect.bottom > r.bottom + 1) {
          const how = a === owner ? `${Math.round(rect.width)}×${Math.round(rect.height)}px of text in ${Math.round(r.width)}×${Math.round(r.height)}px` : `outside ${name(a)}, which clips it`;
          out.push({ element: name(text.parentElement ?? owner), text: content.slice(0, 80), why: how });
          break;
        }
      }
    };
    const walk = (root: any) => {
      const texts = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = texts.nextNode(); n; n = texts.nextNode()) check(n);
      for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
    };
    walk(document.body);
    const page = document.scrollingElement;
    if (page.scrollWidth > page.clientWidth + 1) out.push({ element: 'page', text: '', why: `the page scrolls sideways: ${page.scrollWidth}px in ${page.clientWidth}px` });
    return out;
  });
}

export interface ChartLabels {
  /** Text elements of the chart. */
  count: number;
  outside: string[];
  overlapping: string[];
  /** Crossover labels outside the plot area (over the axes or their labels). */
  offPlot: string[];
  crossoverLabels: string[];
}

/** Every text element of a chart (the cost chart unless told) against the chart's box and against each other. */
export function chartLabels(frame: Frame, id = 'cost-chart-svg'): Promise<ChartLabels> {
  return frame.evaluate((id) => {
    const svg = document.getElementById(id);
    if (!svg) return { count: 0, outside: ['no chart'], overlapping: [], offPlot: [], crossoverLabels: [] };
    const box = svg.getBoundingClientRect();
    const plot = svg.querySelector('.plot-frame').getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map((t: any) => ({ text: t.textContent as string, r: t.getBoundingClientRect(), crossover: t.classList.contains('crossover-label') }));
    const within = (r: any, b: any) => r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
    const outside = texts.filter((t) => !within(t.r, box)).map((t) => t.text);
    const offPlot = texts.filter((t) => t.crossover && !within(t.r, plot)).map((t) => t.text);
    const overlapping: string[] = [];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i]!.r;
        const b = texts[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) overlapping.push(`${texts[i]!.text} × ${texts[j]!.text}`);
      }
    }
    return { count: texts.length, outside, overlapping, offPlot, crossoverLabels: texts.filter((t) => t.crossover).map((t) => t.text) };
  }, id);
}
