/**
 * The Decision tab's page: the requirement toggles and the ranking of its view-model
 * (viewModel.ts). Text reaches the page through el() and table(), as text only.
 */
import { ARTICLE_NAMED, recommendationGroups } from '../../../src/engine';
import { el, replaceChildren, table } from '../../dom';
import { tokens, usd } from '../../viewModel';
import type { PanelTab, TabHost } from '../host';
import { decisionView, type DecisionView } from './viewModel';

export interface DecisionElements {
  toggles: HTMLElement;
  results: HTMLElement;
}

export interface DecisionActions {
  /** The panel's toggles differ from the config: a reset is offered. */
  overridden: boolean;
  /** The requirements ticked in the panel; null goes back to the config's. */
  setRequirements(requirements: string[] | null): void;
  button: TabHost['button'];
}

export function renderDecisionTab(elements: DecisionElements, view: DecisionView | undefined, actions: DecisionActions): void {
  const { toggles, results: decisionResults } = elements;
  const { button } = actions;
  if (!view) {
    replaceChildren(decisionResults, el('p', { class: 'empty', text: 'Recommendations appear here once the workspace has an llm.config.json (see above).' }));
    replaceChildren(toggles);
    toggles.hidden = true;
    return;
  }
  toggles.hidden = false;
  const focused = document.activeElement?.id;
  replaceChildren(
    toggles,
    el('legend', { text: `Requirements for ${view.workloadName || 'the project'} (ticked ones come from the config unless changed here)` }),
    ...view.toggles.map((t) => {
      const box = el('input', { id: `req-${t.id}`, attrs: { type: 'checkbox', checked: t.checked, value: t.id } });
      box.checked = t.checked;
      box.addEventListener('change', () => {
        const checked = new Set(view.toggles.filter((x) => x.checked).map((x) => x.id as string));
        if (box.checked) checked.add(t.id);
        else checked.delete(t.id);
        actions.setRequirements([...checked]);
      });
      return el(
        'label',
        { class: 'toggle', attrs: { for: `req-${t.id}` } },
        box,
        el(
          'span',
          {},
          el('span', { text: t.title }),
          t.kind === 'constraint' ? el('span', { class: 'tag', text: 'hard constraint' }) : null,
          t.fromConfig ? el('span', { class: 'tag', text: 'in config' }) : null,
        ),
      );
    }),
    actions.overridden ? button('Reset to the config', () => actions.setRequirements(null), { secondary: true, id: 'reset-requirements' }) : null,
  );
  if (focused) document.getElementById(focused)?.focus();
  replaceChildren(
    decisionResults,
    el('h2', { text: `Recommendations at ${tokens(view.volumeM)} tokens/month` }),
    view.requirementCost ? el('p', { class: 'summary', id: 'requirement-cost', text: `${view.requirementCost}.` }) : null,
    ...(view.recommendations.length
      ? recommendationGroups(view.recommendations).flatMap((group, i) => [
          group.heading ? el('h3', { text: group.heading }) : null,
          table({
            label: group.heading ?? 'Recommended models, best first',
            // The rated ranking keeps its id; each group the catalog has no figure for follows it.
            id: group.heading ? `recommendations-unrated-${i}` : 'recommendations',
            // The rank leads the model's name: the sticky first column names the row.
            header: ['Model (rank)', 'Deployment', 'Monthly cost', 'Score', 'Why'],
            rows: group.rows.map((r) => [
              `${r.rank}. ${r.name}`,
              { content: [r.deploymentText], class: 'wrap narrow' },
              usd(r.monthlyCostUsd),
              String(r.score),
              { content: [el('ul', { class: 'reasons' }, ...r.reasons.map((reason) => el('li', { text: reason })))], class: 'wrap why' },
            ]),
          }),
        ])
      : [el('p', { class: 'empty', text: 'No model meets every requirement.' })]),
    el('h2', { text: 'Excluded' }),
    view.excluded.length
      ? table({
          label: 'Excluded models and why',
          id: 'excluded',
          header: ['Model', 'Why'],
          rows: view.excluded.map((e) => [e.name, { content: [e.reason], class: 'wrap' }]),
        })
      : el('p', { class: 'muted', text: 'Nothing is excluded.' }),
    el('h2', { text: 'The article’s decision matrix' }),
    // Each tab can be the first one read: the article by its title and what it is, here too.
    el('p', { class: 'muted', text: `The “Decision Matrix: Open vs Closed” table of ${ARTICLE_NAMED}, as printed, and its advice: the article’s answers, not the ranking above.` }),
    table({
      label: 'Decision matrix',
      id: 'matrix',
      header: ['Requirement', 'Answer', 'Models', 'Reason'],
      rows: view.matrix.map((m) => [m.active ? `▶ ${m.title}` : m.title, { content: [m.answer], class: 'wrap' }, { content: [m.models], class: 'wrap' }, { content: [m.reason], class: 'wrap' }]),
      rowClass: (i) => (view.matrix[i]!.active ? 'current' : undefined),
    }),
    el('h2', { text: 'Advice' }),
    el('h3', { text: 'For startups' }),
    el('ul', { class: 'advice' }, ...view.startupAdvice.map((a) => el('li', { text: a.text }))),
    el('h3', { text: 'For enterprises' }),
    el('ul', { class: 'advice' }, ...view.enterpriseAdvice.map((a) => el('li', { text: a.text }))),
    el('p', { class: 'muted', text: view.whenSelfHostingMakesSense }),
    el('h2', { text: 'Where the source is wrong' }),
    el('p', { class: 'muted', text: 'The catalog reproduces the source document’s figures; where they are wrong or inconsistent, the engine uses the correction.' }),
    table({
      label: 'Corrections to the source document',
      id: 'corrections',
      header: ['Where', 'The source says', 'What the engine uses, and why'],
      rows: view.corrections.map((c) => [{ content: [c.where], class: 'wrap' }, { content: [c.seedSays], class: 'wrap' }, { content: [c.correction], class: 'wrap' }]),
    }),
  );
}

/** The Decision tab in its section: the toggles above the ranking. */
export function mountDecisionTab(section: HTMLElement, host: TabHost): PanelTab {
  const toggles = el('fieldset', { class: 'toggles', id: 'requirement-toggles' });
  const results = el('div', { id: 'decision-results' });
  replaceChildren(section, toggles, results);
  return {
    render() {
      const analysis = host.analysis();
      const inputs = host.state().inputs;
      renderDecisionTab({ toggles, results }, analysis && decisionView(analysis, inputs), {
        overridden: inputs.requirements !== null,
        setRequirements: (requirements) => host.setInputs((i) => void (i.requirements = requirements)),
        button: host.button,
      });
    },
  };
}
