/**
 * The Cost tab's page: the assumptions a person can change, the chart of cost against volume
 * with its crossovers and data table, and the options at the workload's volume. Every figure
 * is its view-model's (viewModel.ts); text reaches the page through el() and table() only.
 */
import { plainNumber } from '../../../src/engine';
import type { InputKey } from '../../../src/protocol';
import { neutralizeBidi } from '../../../src/untrustedText';
import { dataTable, el, replaceChildren, table, type Cell } from '../../dom';
import { COST_COLUMN, COST_HEADER, costRowCells } from '../../report';
import { renderArticleRows } from './articleTable';
import { sliderToVolume, tokens, usd, VOLUME_SLIDER, volumeToSlider, workloadNotes } from '../../viewModel';
import type { PanelTab, TabHost } from '../host';
import { costChartElements, crossoverSentence, drawCostChart, type ChartState } from './costChart';
import { costView, type CostView } from './viewModel';
import { dayTrafficSection } from './dayChart';

interface NumberField {
  key: InputKey | 'volume';
  label: string;
  unit: string;
  min: number;
  max?: number;
  step: number;
  /** Shown value ← model value (e.g. 0.5 → 50 %). */
  scale: number;
  integer?: boolean;
  /** Empty means "not set": the engine's rule applies (the GPU price's precedence). */
  optional?: boolean;
  help: string;
}

const FIELDS: NumberField[] = [
  { key: 'volume', label: 'Volume', unit: 'M tokens/month', min: 0, step: 1, scale: 1, help: 'Monthly tokens of the selected workload, in millions.' },
  { key: 'gpuHourlyUsd', label: 'GPU price', unit: '$/GPU-hour, any GPU', min: 0, step: 0.05, scale: 1, optional: true, help: 'Your price of one GPU-hour for any GPU (assumptions.gpuHourlyUsd). Empty: each GPU at assumptions.gpuPrices where the file names it, else at the catalog’s quote; a setup’s own gpuHourlyUsd wins over both. Each row says which priced it.' },
  { key: 'utilization', label: 'Utilization', unit: '%', min: 1, max: 100, step: 1, scale: 100, help: 'Share of peak throughput actually used.' },
  { key: 'inputShare', label: 'Input share', unit: '%', min: 0, max: 100, step: 5, scale: 100, help: 'Share of tokens that are input (prompt) tokens.' },
  { key: 'concurrency', label: 'Concurrency', unit: 'at least, per replica', min: 1, step: 1, scale: 1, integer: true, help: 'Requests a replica must hold at once (assumptions.concurrency). The serving model runs as many as fit within the latency targets, never fewer; each self-hosted row says how many. The article’s rows are its batch-1 measurements, one request at a time.' },
];

interface TextFieldElement extends HTMLElement {
  value: string;
  invalid: boolean;
}

const COST_HEADER_HELP = [
  'The workload as configured comes first; then every option the requirements allow, cheapest first.',
  'API: pay per token. Self-hosted: rented GPUs, paid per replica.',
  'Monthly cost at this volume. Self-hosted: whole replicas, each paid in full.',
  'For an open model: the cheapest GPUs, count, weight format and replicas the serving model finds for this volume (sized for the workload’s peak), each GPU-hour priced by the same rule as every row.',
  'Monthly cost divided by the monthly volume.',
  'API: the price of a million of this workload’s tokens (its input share, batch and cache billing). Self-hosted: one replica’s cost divided by its capacity (at full use).',
  'Tokens a month one replica serves at this utilization.',
  'Replicas this volume needs.',
  'GPUs in all those replicas.',
  'The price of one GPU-hour and the rule that set it: the setup’s own, your assumptions.gpuPrices, your assumptions.gpuHourlyUsd, else the catalog’s quote.',
  'Whether weights, KV cache and runtime reserve fit in the replica’s GPU memory.',
];

export function mountCostTab(section: HTMLElement, host: TabHost): PanelTab {
  const fieldElements = new Map<string, TextFieldElement>();
  const volumeSlider = el('input', {
    id: 'volume-slider',
    class: 'slider',
    attrs: {
      type: 'range',
      min: VOLUME_SLIDER.min,
      max: VOLUME_SLIDER.max,
      step: VOLUME_SLIDER.step,
      'aria-label': 'Monthly volume (logarithmic)',
    },
  });
  volumeSlider.addEventListener('input', () => {
    const volumeM = sliderToVolume(Number(volumeSlider.value));
    volumeSlider.setAttribute('aria-valuetext', `${tokens(volumeM)} tokens per month`);
    setVolume(volumeM);
    const field = fieldElements.get('volume');
    if (field) field.value = String(volumeM);
  });

  function setVolume(volumeM: number): void {
    if (!host.analysis()) return;
    const index = currentWorkloadIndex();
    host.setInputs((inputs) => {
      inputs.volumesM[String(index)] = volumeM;
    });
  }

  function currentWorkloadIndex(): number {
    const analysis = host.analysis();
    return analysis && host.state().inputs.workload < analysis.workloads.length ? host.state().inputs.workload : 0;
  }

  function onFieldInput(field: NumberField, element: TextFieldElement): void {
    const raw = element.value.trim();
    if (raw === '' && field.optional && field.key !== 'volume') {
      const key = field.key;
      element.invalid = false;
      host.setInputs((inputs) => void delete inputs.assumptions[key]);
      return;
    }
    const shown = Number(raw);
    const valid = raw !== '' && Number.isFinite(shown) && shown >= field.min && (field.max === undefined || shown <= field.max) && (!field.integer || Number.isInteger(shown));
    element.invalid = !valid;
    if (!valid) return;
    const value = shown / field.scale;
    if (field.key === 'volume') {
      volumeSlider.value = String(volumeToSlider(value));
      setVolume(value);
    } else {
      const key = field.key;
      host.setInputs((inputs) => {
        inputs.assumptions[key] = value;
      });
    }
  }

  const workloadSelect = el('vscode-single-select', { id: 'workload-select', attrs: { 'aria-label': 'Workload' } }) as HTMLElement & { value: string };
  workloadSelect.addEventListener('change', () => {
    const index = Number(workloadSelect.value);
    if (Number.isInteger(index) && index !== host.state().inputs.workload) host.setInputs((inputs) => void (inputs.workload = index));
  });
  const workloadRow = el('div', { class: 'field workload-field' }, el('vscode-label', { text: 'Workload', attrs: { for: 'workload-select' } }), workloadSelect);

  const costInputs = el('form', { class: 'inputs', id: 'cost-inputs', attrs: { 'aria-label': 'Assumptions' } });
  costInputs.addEventListener('submit', (e) => e.preventDefault());
  for (const field of FIELDS) {
    const id = `input-${field.key}`;
    const input = el('vscode-textfield', {
      id,
      attrs: { type: 'number', min: field.min, max: field.max, step: field.step, label: `${field.label} (${field.unit})`, title: field.help, placeholder: field.optional ? 'per GPU (see rows)' : undefined },
    }) as TextFieldElement;
    input.addEventListener('input', () => onFieldInput(field, input));
    fieldElements.set(field.key, input);
    const wrapper = el(
      'div',
      { class: `field field-${field.key}` },
      el('vscode-label', { text: `${field.label} (${field.unit})`, attrs: { for: id } }),
      field.key === 'volume' ? el('div', { class: 'volume' }, volumeSlider, input) : input,
    );
    costInputs.appendChild(wrapper);
  }
  const applyButton = host.button('Apply to config', () => {
    const doc = host.doc();
    if (!doc?.uri) return;
    host.post({ type: 'apply', uri: doc.uri, version: doc.version, assumptions: host.state().inputs.assumptions, volumesM: host.state().inputs.volumesM });
  }, { id: 'apply', title: 'Write these assumptions and volumes into llm.config.json (one undo step)' });
  const resetButton = host.button('Reset', () => host.setInputs((inputs) => {
    inputs.assumptions = {};
    inputs.volumesM = {};
  }), { secondary: true, id: 'reset', title: 'Back to the values in the config' });
  costInputs.appendChild(el('div', { class: 'actions' }, applyButton, resetButton));

  const costSummary = el('p', { class: 'summary', id: 'cost-summary' });
  const costNotes = el('p', { class: 'notes muted', id: 'cost-notes' });
  const costChart = costChartElements();
  const chartState: ChartState = { hidden: new Set() };
  let lastCostView: CostView | undefined;
  /** Redrawn at the chart's new width when the panel is resized (labels are placed for a size). */
  new ResizeObserver(() => {
    if (lastCostView && host.shown('cost') && !costContent.hidden) requestAnimationFrame(() => lastCostView && renderCostChart(lastCostView));
  }).observe(costChart.plot);
  const costCrossovers = el('div', { id: 'cost-crossovers' });
  const costTable = el('div', { id: 'cost-table' });
  const articleTable = el('section', { id: 'article-rows', attrs: { 'aria-labelledby': 'article-rows-title' } });
  const costData = el('div', { id: 'cost-data' });
  const dayTraffic = el('div', { id: 'day-traffic-slot' });
  const costEmpty = el('p', { class: 'empty', id: 'cost-empty', text: 'Loading the comparison…' });
  const costContent = el(
    'div',
    { id: 'cost-content' },
    costSummary,
    costNotes,
    el('h2', { text: 'Cost against volume' }),
    costChart.figure,
    costData,
    costCrossovers,
    dayTraffic,
    el('h2', { text: 'Options at this volume' }),
    costTable,
    articleTable,
  );
  replaceChildren(section, workloadRow, costInputs, costEmpty, costContent);
  // Until the first document: only the loading line.
  costContent.hidden = true;
  costInputs.hidden = true;
  workloadRow.hidden = true;

  /** The workloads the select lists, as last drawn (rebuilt only when they change). */
  let renderedOptions = '';

  function renderCost(): void {
    const analysis = host.analysis();
    const doc = host.doc();
    const view = analysis ? costView(analysis, host.state().inputs) : null;
    if (!analysis || !view) {
      costEmpty.textContent = !doc?.uri
        ? 'Costs appear here once the workspace has an llm.config.json (see above).'
        : analysis && !analysis.syntaxOk
          ? 'The config has JSON syntax errors and no workload could be read.'
          : 'The config has no workloads yet.';
      costEmpty.hidden = false;
      costContent.hidden = true;
      costInputs.hidden = true;
      workloadRow.hidden = true;
      applyButton.setAttribute('disabled', '');
      resetButton.setAttribute('disabled', '');
      lastCostView = undefined;
      return;
    }
    costEmpty.hidden = true;
    costContent.hidden = false;
    costInputs.hidden = false;

    // Workload choice, only when there is a choice.
    const names = [doc?.uri, ...analysis.workloads.map((w) => w.name)].join('\u0000');
    if (renderedOptions !== names) {
      renderedOptions = names;
      workloadSelect.replaceChildren(...analysis.workloads.map((w, i) => el('vscode-option', { text: `${w.name} (${w.model})`, attrs: { value: String(i) } })));
    }
    workloadSelect.value = String(view.workloadIndex);
    workloadRow.hidden = analysis.workloads.length < 2;

    // Input values: the override, else the analysis' value; never rewrite the field being typed in.
    const values: Record<string, number | undefined> = {
      volume: view.volumeM,
      // Not the assumptions' default: a file that sets no price has none, and each row says which rule priced it.
      gpuHourlyUsd: view.gpuHourlyUsd,
      utilization: view.assumptions.utilization * 100,
      inputShare: view.assumptions.inputShare * 100,
      concurrency: view.assumptions.concurrency,
    };
    for (const [key, element] of fieldElements) {
      if (document.activeElement === element) continue;
      const value = values[key];
      const shown = value === undefined ? '' : plainNumber(value, 6);
      if (element.value !== shown) element.value = shown;
      element.invalid = false;
    }
    if (document.activeElement !== volumeSlider) volumeSlider.value = String(volumeToSlider(view.volumeM));
    volumeSlider.setAttribute('aria-valuetext', `${tokens(view.volumeM)} tokens per month`);
    const dirty = Object.keys(host.state().inputs.assumptions).length > 0 || Object.keys(host.state().inputs.volumesM).length > 0;
    applyButton.toggleAttribute('disabled', !dirty);
    resetButton.toggleAttribute('disabled', !dirty);

    const current = view.rows[0]!;
    costSummary.textContent = neutralizeBidi(
      `${view.workloadName}: ${tokens(view.volumeM)} tokens a month on ${current.label}, ${usd(current.monthlyCostUsd)}/month. ` +
      `All workloads: ${view.totalText}.` +
      (view.excludedCount ? ` ${view.excludedCount} more option(s) are excluded by the requirements (see Decision).` : '') +
      (view.requirementCost ? ` ${view.requirementCost}.` : ''));

    const notes = doc ? workloadNotes(doc.text, view.workloadIndex) : undefined;
    costNotes.textContent = notes ? neutralizeBidi(`Notes: ${notes}`) : '';
    costNotes.hidden = !notes;

    replaceChildren(
      costTable,
      table({
        label: `Options for ${view.workloadName}`,
        id: 'cost-options',
        header: COST_HEADER.map((text, i) => ({ text, title: COST_HEADER_HELP[i] })),
        rows: view.rows.map((r) =>
          costRowCells(r).map((text, i): Cell =>
            i === COST_COLUMN.fits && r.fits === false
              ? { content: [text], class: 'bad', title: r.note }
              : i === 0
                ? { content: [text], title: r.note }
                : i === COST_COLUMN.cheapest
                  ? { content: [text], class: 'wrap' }
                  : i === COST_COLUMN.gpuHour
                    ? { content: [text], class: 'wrap narrow' }
                    : text,
          ),
        ),
        rowClass: (i) => (view.rows[i]!.current ? 'current' : undefined),
      }),
    );
    if (view.day) replaceChildren(dayTraffic, dayTrafficSection(view.day));
    else replaceChildren(dayTraffic);
    renderArticleRows(articleTable, view);
    lastCostView = view;
    renderCostChart(view);
  }

  /** The crossovers under the chart; a marker that carries a number has it here too. */
  function renderCrossovers(view: CostView, numbered: Map<CostView['crossovers'][number], number>): void {
    if (!view.crossovers.length) {
      replaceChildren(costCrossovers, el('p', { class: 'muted', text: 'No self-hosted setup to compare with an API price here.' }));
      return;
    }
    replaceChildren(
      costCrossovers,
      el('h3', { text: 'Crossovers' }),
      el(
        'ul',
        { class: 'crossovers', id: 'crossover-list' },
        ...view.crossovers.map((c) => {
          const number = numbered.get(c);
          return el('li', { class: c.makesSense ? 'real' : 'never' }, number ? el('span', { class: 'mark-number', text: String(number), attrs: { 'aria-label': `Marker ${number}:` } }) : null, el('span', { text: crossoverSentence(c) }));
        }),
      ),
    );
  }

  function renderCostChart(view: CostView): void {
    const numbered = drawCostChart(costChart, view, chartState, (key) => {
      if (chartState.hidden.has(key)) chartState.hidden.delete(key);
      else chartState.hidden.add(key);
      renderCostChart(view);
      requestAnimationFrame(() => (costChart.legend.querySelector(`button[data-key="${CSS.escape(key)}"]`) as HTMLElement | null)?.focus());
    });
    renderCrossovers(view, numbered);
    const header = ['Volume (tokens/month)', ...view.series.map((s) => s.label)];
    const rows = view.tableVolumes.map((v) => [tokens(v), ...view.series.map((s) => usd(s.costAt(v)))]);
    replaceChildren(costData, dataTable('Chart data as a table', header, rows, 'Monthly cost of each option by monthly volume'));
  }

  return { render: renderCost };
}
