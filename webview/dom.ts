/**
 * Small DOM helpers. Text only ever reaches the page through textContent or attributes:
 * nothing here parses HTML, so config text (model names, notes) is shown as literal text.
 */
import { neutralizeBidi } from '../src/untrustedText';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';

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

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
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
  /** Column widths for vscode-table, e.g. ["30%", "auto"]. */
  columns?: string[];
  class?: string;
  id?: string;
  /** Below 560px wide, stack each row's cells with their column names (default: on). */
  responsive?: boolean;
}

/** A vscode-table (the native-looking table of @vscode-elements) built from text cells. */
export function table(options: TableOptions): HTMLElement {
  const header = el('vscode-table-header', { attrs: { slot: 'header' } });
  for (const h of options.header) {
    const cell = typeof h === 'string' ? { text: h } : h;
    const th = el('vscode-table-header-cell', { class: cell.class, attrs: { title: cell.title } });
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
    header.appendChild(th);
  }
  const body = el('vscode-table-body', { attrs: { slot: 'body' } });
  options.rows.forEach((row, i) => {
    const tr = el('vscode-table-row', { class: options.rowClass?.(i) });
    for (const c of row) {
      if (c && typeof c === 'object' && 'content' in c) {
        const td = el('vscode-table-cell', { class: c.class, attrs: { title: c.title } });
        append(td, c.content);
        tr.appendChild(td);
      } else {
        const td = el('vscode-table-cell');
        append(td, [c as Child]);
        tr.appendChild(td);
      }
    }
    body.appendChild(tr);
  });
  const t = el('vscode-table', {
    class: options.class,
    id: options.id,
    attrs: { 'aria-label': options.label, zebra: true, 'bordered-rows': true, responsive: options.responsive !== false, breakpoint: 560 },
  });
  if (options.columns) (t as unknown as { columns: string[] }).columns = options.columns;
  t.append(header, body);
  return t;
}

/** A plain HTML table (for chart data, read by screen readers), inside a disclosure. */
export function dataTable(summary: string, header: string[], rows: string[][], caption: string): HTMLElement {
  const thead = el('thead', {}, el('tr', {}, ...header.map((h) => el('th', { text: h, attrs: { scope: 'col' } }))));
  const tbody = el(
    'tbody',
    {},
    ...rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { text: c, attrs: { scope: 'row' } }) : el('td', { text: c }))))),
  );
  return el('details', { class: 'chart-data' }, el('summary', { text: summary }), el('table', { class: 'data' }, el('caption', { text: caption }), thead, tbody));
}
