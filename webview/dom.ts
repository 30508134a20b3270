/**
 * Small DOM helpers. Text only ever reaches the page through textContent or attributes:
 * nothing here parses HTML, so config text (model names, notes) is shown as literal text.
 */
import { neutralizeBidi } from '../src/untrustedText';
export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Record<string, (event: Event) => void>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, props?: Props, ...children: Child[]): HTMLElement;
export function el(tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.id) node.id = props.id;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, handler] of Object.entries(props.on ?? {})) node.addEventListener(type, handler);
  // Names from the config reach the page here: as text, and with bidi controls shown, not obeyed.
  if (props.text !== undefined) node.textContent = neutralizeBidi(props.text);
  append(node, children);
  return node;
}

/** An SVG element with its attributes, and its text as el() sets it: bidi controls shown, not obeyed. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = neutralizeBidi(text);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    // Strings are text too (table cells hold names from the config): bidi controls shown, not obeyed.
    parent.appendChild(typeof child === 'string' ? document.createTextNode(neutralizeBidi(child)) : child);
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export type Cell = Child | { content: Child[]; class?: string; title?: string };

export interface HeaderCell {
  text: string;
  /** A sort button instead of plain text. */
  sort?: { key: string; state: 'ascending' | 'descending' | 'none'; onSort: (key: string) => void };
  title?: string;
  class?: string;
}

export interface TableOptions {
  label: string;
  header: (string | HeaderCell)[];
  rows: Cell[][];
  rowClass?: (index: number) => string | undefined;
  class?: string;
  id?: string;
}

/**
 * A table that keeps its columns at every width: when it is wider than the panel, it scrolls
 * sideways inside its own region (with the arrow keys too, once it has the focus) while its
 * first column, which names the row, stays in view.
 */
export function table(options: TableOptions): HTMLElement {
  const headRow = el('tr');
  for (const h of options.header) {
    const cell = typeof h === 'string' ? { text: h } : h;
    const th = el('th', { class: cell.class, attrs: { scope: 'col', title: cell.title } });
    if (cell.sort) {
      const sort = cell.sort;
      th.setAttribute('aria-sort', sort.state);
      const arrow = sort.state === 'ascending' ? ' ▲' : sort.state === 'descending' ? ' ▼' : '';
      th.appendChild(
        el('button', {
          class: 'sort',
          text: cell.text + arrow,
          attrs: { type: 'button', 'data-sort': sort.key, title: `Sort by ${cell.text}` },
          on: { click: () => sort.onSort(sort.key) },
        }),
      );
    } else th.textContent = neutralizeBidi(cell.text);
    headRow.appendChild(th);
  }
  const body = el('tbody');
  options.rows.forEach((row, i) => {
    const tr = el('tr', { class: options.rowClass?.(i) });
    row.forEach((c, column) => {
      // The first cell names the row: a row header, for screen readers and for the sticky column.
      const tag = column === 0 ? 'th' : 'td';
      const rich = c && typeof c === 'object' && 'content' in c ? c : undefined;
      const cell = el(tag, { class: rich?.class, attrs: { title: rich?.title, scope: column === 0 ? 'row' : undefined } });
      append(cell, rich ? rich.content : [c as Child]);
      tr.appendChild(cell);
    });
    body.appendChild(tr);
  });
  const t = el('table', { class: ['grid', options.class].filter(Boolean).join(' '), id: options.id, attrs: { 'aria-label': options.label } }, el('thead', {}, headRow), body);
  return scrollRegion(t, options.label);
}

/**
 * The region a wide table scrolls in. It takes the focus (so the keyboard scrolls it) only
 * while it has something to scroll, and says on its class whether it is scrolled, for the
 * sticky column's shadow.
 */
export function scrollRegion(content: HTMLElement, label: string): HTMLElement {
  const region = el('div', { class: 'table-scroll', attrs: { role: 'region', 'aria-label': `${label} (scrolls sideways when wider than the panel)` } }, content);
  const update = () => {
    const overflowing = region.scrollWidth > region.clientWidth + 1;
    region.classList.toggle('overflowing', overflowing);
    region.classList.toggle('scrolled', region.scrollLeft > 0);
    if (overflowing) region.setAttribute('tabindex', '0');
    else region.removeAttribute('tabindex');
  };
  region.addEventListener('scroll', update, { passive: true });
  new ResizeObserver(update).observe(region);
  return region;
}

/** A plain HTML table (for chart data, read by screen readers), inside a disclosure. */
export function dataTable(summary: string, header: string[], rows: string[][], caption: string): HTMLElement {
  const thead = el('thead', {}, el('tr', {}, ...header.map((h) => el('th', { text: h, attrs: { scope: 'col' } }))));
  const tbody = el(
    'tbody',
    {},
    ...rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { text: c, attrs: { scope: 'row' } }) : el('td', { text: c }))))),
  );
  const t = el('table', { class: 'grid data' }, el('caption', { text: caption }), thead, tbody);
  return el('details', { class: 'chart-data' }, el('summary', { text: summary }), scrollRegion(t, caption));
}
