/**
 * The article's own rows under the options: its batch-1 measurements, labelled as the
 * article's, with the GPU-hour rule that priced each and where each breaks even with the
 * workload's APIs. Kept apart from the options and off the chart: they run one request at a
 * time, the options as many as the serving model fits.
 */
import { ARTICLE_NAMED } from '../../../src/engine';
import { el, replaceChildren, table, type Cell } from '../../dom';
import { ARTICLE_HEADER, articleRowCells } from './articleRows';
import type { CostView } from './viewModel';

export function renderArticleRows(section: HTMLElement, view: CostView): void {
  if (!view.articleRows.length) {
    replaceChildren(section);
    section.hidden = true;
    return;
  }
  section.hidden = false;
  replaceChildren(
    section,
    el('h2', { id: 'article-rows-title', text: 'An article’s rows: its batch-1 measurements' }),
    // The article by its title and what it is, once; "the article" after.
    el('p', { class: 'muted', text: `The setups measured one request at a time by ${ARTICLE_NAMED}. They are the article’s figures, not the panel’s estimate, so they are neither among the options above nor on the chart.` }),
    table({
      label: 'The article’s batch-1 setups',
      id: 'article-options',
      header: ARTICLE_HEADER,
      rows: view.articleRows.map((r) => articleRowCells(r).map((text, i): Cell => (i === 5 && !r.fits ? { content: [text], class: 'bad' } : i === 6 || i === 2 ? { content: [text], class: 'wrap' } : text))),
    }),
  );
}
