/**
 * The comparison panel. The engine is bundled here: every input recomputes the figures in
 * the page, without a round trip to the extension host. The host sends the config text and
 * carries out "Apply to config" and "Export".
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import './style.css';
import { neutralizeBidi } from '../src/untrustedText';
import { type Analysis, type BenchmarkCategory, formatNumber, plainNumber, pricingText } from '../src/engine';
import {
  EMPTY_INPUTS,
  TAB_IDS,
  type ExportFormat,
  type ExportTarget,
  type HostMessage,
  type InputKey,
  type PanelInputs,
  type PanelState,
  type SettingsAssumptions,
  type TabId,
  type WebviewMessage,
  type WebviewSavedState,
} from '../src/protocol';
import { Chart, historyChartConfig, readTheme } from './charts';
import { costChartElements, crossoverSentence, drawCostChart, type ChartState } from './costChart';
import { dataTable, el, replaceChildren, table, type Cell } from './dom';
import { buildReport, COST_HEADER, costRowCells } from './report';
import {
  CATEGORY_LABELS,
  VOLUME_SLIDER,
  benchmarkTable,
  costView,
  gapRows,
  gb,
  historyRows,
  panelAnalysis,
  usePanelCatalog,
  quantView,
  sliderToVolume,
  tokens,
  usd,
  volumeToSlider,
  workloadNotes,
  type CostView,
  type SortState,
} from './viewModel';
import { decisionView } from './tabs/decision/viewModel';
import { renderDecisionTab } from './tabs/decision/render';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: WebviewSavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

// ---- state ------------------------------------------------------------------------------

interface Doc {
  uri: string | null;
  label: string;
  text: string;
  version: number;
  settings: SettingsAssumptions;
  /** No config followed and the workspace has some (see DocumentMessage). */
  pick?: boolean;
}

const saved = vscode.getState();
let state: PanelState = restoredState(saved) ?? { v: 1, uri: null, tab: 'cost', inputs: clone(EMPTY_INPUTS), benchmarkSort: null };
const hadOwnState = restoredState(saved) !== undefined;
/**
 * The document drawn: the host's, or until it arrives the one this webview drew last (kept
 * in its state), so that a panel restored after a reload shows its figures at once.
 */
let doc: Doc | undefined = restoredSnapshot(saved);
let analysis: Analysis | undefined;
let benchCategory: BenchmarkCategory | 'all' = 'all';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The saved state when it has this version's shape (checked loosely: the host validates strictly). */
function restoredState(value: unknown): PanelState | undefined {
  const s = value as Partial<PanelState> | undefined;
  if (!s || s.v !== 1 || !TAB_IDS.includes(s.tab as TabId) || typeof s.inputs !== 'object' || s.inputs === null) return undefined;
  return { v: 1, uri: s.uri ?? null, tab: s.tab as TabId, inputs: { ...clone(EMPTY_INPUTS), ...s.inputs }, benchmarkSort: s.benchmarkSort ?? null };
}

/** The last document drawn, from the saved state, when it has the shape this version writes. */
function restoredSnapshot(value: unknown): Doc | undefined {
  const snapshot = (value as WebviewSavedState | undefined)?.snapshot;
  if (!snapshot || typeof snapshot !== 'object') return undefined;
  const { uri, label, text, version, settings } = snapshot;
  if ((uri !== null && typeof uri !== 'string') || typeof label !== 'string' || typeof text !== 'string' || typeof version !== 'number') return undefined;
  return { uri, label, text, version, settings: settings && typeof settings === 'object' ? settings : {} };
}

let stateTimer: ReturnType<typeof setTimeout> | undefined;
function saveState(): void {
  vscode.setState(doc ? { ...state, snapshot: doc } : state);
  if (stateTimer) clearTimeout(stateTimer);
  stateTimer = setTimeout(() => vscode.postMessage({ type: 'state', state }), 150);
}

function setInputs(update: (inputs: PanelInputs) => void): void {
  const inputs = clone(state.inputs);
  update(inputs);
  state = { ...state, inputs };
  saveState();
  scheduleRender();
}

// ---- skeleton ---------------------------------------------------------------------------

const app = document.getElementById('app')!;
const TAB_TITLES: Record<TabId, string> = { cost: 'Cost', benchmarks: 'Benchmarks', decision: 'Decision', quantization: 'Quantization' };

const fileLabel = el('span', { class: 'file', id: 'config-label' });
const notice = el('div', { class: 'notice', id: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });

function button(text: string, onClick: () => void, options: { secondary?: boolean; id?: string; title?: string; disabled?: boolean } = {}): HTMLElement {
  const b = el('vscode-button', { id: options.id, text, attrs: { secondary: options.secondary, title: options.title, disabled: options.disabled } });
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick();
  });
  return b;
}

/**
 * Builds the report here, from what the panel shows, and hands it to the host to write: the
 * answer to the host's request, with the one-time token the host issued for it.
 */
function sendExport(format: ExportFormat, target: ExportTarget, token: string): void {
  if (!doc?.uri) {
    showNotice('error', 'There is no llm.config.json to export.');
    return;
  }
  const content = buildReport(doc.text, doc.settings, state.inputs, format);
  vscode.postMessage({ type: 'export', format, target, token, content });
}
/** An export button asks the host, which writes only what answers a request it made (see sendExport). */
const exportAction = (format: ExportFormat, target: ExportTarget) => () => vscode.postMessage({ type: 'exportAsked', format, target });

// Disabled until there is a config to show or export (see render).
const revealButton = button('Open config', () => vscode.postMessage({ type: 'reveal' }), { secondary: true, id: 'reveal', disabled: true });
const exportButtons = [
  button('Markdown…', exportAction('markdown', 'file'), { secondary: true, id: 'export-md', title: 'Save the comparison as a Markdown file', disabled: true }),
  button('CSV…', exportAction('csv', 'file'), { secondary: true, id: 'export-csv', title: 'Save the cost comparison as a CSV file', disabled: true }),
  button('Copy Markdown', exportAction('markdown', 'clipboard'), { secondary: true, id: 'copy-md', disabled: true }),
  button('Copy CSV', exportAction('csv', 'clipboard'), { secondary: true, id: 'copy-csv', disabled: true }),
];
const header = el(
  'header',
  { class: 'bar' },
  el('h1', { text: 'LLM Cost Comparison' }),
  fileLabel,
  revealButton,
  el('div', { class: 'export', attrs: { role: 'group', 'aria-label': 'Export the comparison' } }, el('span', { class: 'muted', text: 'Export:' }), ...exportButtons),
);

/** The command the welcome names, as the Command Palette lists it (package.nls.json). */
const CREATE_COMMAND = 'LLM Cost Lens: Create llm.config.json';
const createButton = button('Create llm.config.json', () => {
  createButton.setAttribute('disabled', '');
  vscode.postMessage({ type: 'createConfig' });
  // Enabled again if nothing came of it (the folder pick was cancelled).
  setTimeout(() => createButton.removeAttribute('disabled'), 3000);
}, { id: 'create-config', title: 'Create llm.config.json from a commented template in this workspace' });
/** The workspace has configs but the panel follows none (a saved state it did not accept): the user picks one. */
const pickButton = button('Pick a config…', () => vscode.postMessage({ type: 'pickConfig' }), { id: 'pick-config', title: "Show one of this workspace's llm.config.json files" });
const WELCOME_TITLES = { create: 'No llm.config.json in this workspace yet', pick: 'Pick an llm.config.json to compare' };
const welcomeTitle = el('h2', { id: 'welcome-title', text: WELCOME_TITLES.create });
/** The first run (a workspace without a config), or no config chosen yet. */
const welcome = el(
  'section',
  { class: 'welcome', id: 'welcome', attrs: { 'aria-labelledby': 'welcome-title' } },
  welcomeTitle,
  el('p', { text: 'LLM Cost Lens compares what your LLM workloads cost through an API and on rented GPUs, and which model fits their requirements. It reads the workloads from llm.config.json.' }),
  el('p', { text: 'Create one from a commented template: it opens in the editor with an example workload, and this panel follows it as you edit.' }),
  el('div', { class: 'actions' }, pickButton, createButton),
  el('p', { class: 'muted', text: `The same from the Command Palette: ${CREATE_COMMAND}. The Benchmarks tab works without a config.` }),
);
welcome.hidden = true;

// Tabs of our own (the WAI-ARIA tabs pattern): their row wraps when the panel is narrow.
const tabList = el('div', { class: 'tablist', attrs: { role: 'tablist', 'aria-label': 'Views of the comparison' } });
const tabButtons = {} as Record<TabId, HTMLButtonElement>;
const panels = {} as Record<TabId, HTMLElement>;
for (const id of TAB_IDS) {
  const b = el('button', { class: 'tab', id: `tab-${id}`, text: TAB_TITLES[id], attrs: { type: 'button', role: 'tab', 'data-tab': id, 'aria-controls': `panel-${id}` } });
  b.addEventListener('click', () => selectTab(id));
  tabButtons[id] = b;
  tabList.appendChild(b);
  panels[id] = el('section', { class: 'tabpanel', id: `panel-${id}`, attrs: { role: 'tabpanel', 'data-tab': id, 'aria-labelledby': `tab-${id}`, tabindex: 0 } });
}
tabList.addEventListener('keydown', (event) => {
  const index = TAB_IDS.indexOf(state.tab);
  const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TAB_IDS.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const tab = TAB_IDS[(next + TAB_IDS.length) % TAB_IDS.length]!;
  selectTab(tab);
  tabButtons[tab].focus();
});
const tabs = el('div', { id: 'tabs' }, tabList, ...TAB_IDS.map((id) => panels[id]));

function showTab(): void {
  for (const id of TAB_IDS) {
    const selected = id === state.tab;
    tabButtons[id].setAttribute('aria-selected', String(selected));
    tabButtons[id].tabIndex = selected ? 0 : -1;
    panels[id].hidden = !selected;
  }
}

function selectTab(tab: TabId): void {
  if (tab === state.tab) return;
  state = { ...state, tab };
  showTab();
  saveState();
  scheduleRender();
}
showTab();

// Whose prices every figure uses, how old they are, and whether they are stale.
const pricesFooter = el('footer', { class: 'muted prices', id: 'prices' });

replaceChildren(app, header, notice, welcome, tabs, pricesFooter);

// ---- inputs of the Cost tab ---------------------------------------------------------------

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
  help: string;
}

const FIELDS: NumberField[] = [
  { key: 'volume', label: 'Volume', unit: 'M tokens/month', min: 0, step: 1, scale: 1, help: 'Monthly tokens of the selected workload, in millions.' },
  { key: 'gpuHourlyUsd', label: 'GPU price', unit: '$/GPU-hour', min: 0, step: 0.05, scale: 1, help: 'Rental price of one GPU-hour.' },
  { key: 'utilization', label: 'Utilization', unit: '%', min: 1, max: 100, step: 1, scale: 100, help: 'Share of peak throughput actually used.' },
  { key: 'inputShare', label: 'Input share', unit: '%', min: 0, max: 100, step: 5, scale: 100, help: 'Share of tokens that are input (prompt) tokens.' },
  { key: 'concurrency', label: 'Concurrency', unit: 'per replica', min: 1, step: 1, scale: 1, integer: true, help: 'Concurrent sequences per replica (KV cache, roofline).' },
];

interface TextFieldElement extends HTMLElement {
  value: string;
  invalid: boolean;
}

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
  if (!analysis) return;
  const index = currentWorkloadIndex();
  setInputs((inputs) => {
    inputs.volumesM[String(index)] = volumeM;
  });
}

function currentWorkloadIndex(): number {
  return analysis && state.inputs.workload < analysis.workloads.length ? state.inputs.workload : 0;
}

function onFieldInput(field: NumberField, element: TextFieldElement): void {
  const raw = element.value.trim();
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
    setInputs((inputs) => {
      inputs.assumptions[key] = value;
    });
  }
}

const workloadSelect = el('vscode-single-select', { id: 'workload-select', attrs: { 'aria-label': 'Workload' } }) as HTMLElement & { value: string };
workloadSelect.addEventListener('change', () => {
  const index = Number(workloadSelect.value);
  if (Number.isInteger(index) && index !== state.inputs.workload) setInputs((inputs) => void (inputs.workload = index));
});
const workloadRow = el('div', { class: 'field workload-field' }, el('vscode-label', { text: 'Workload', attrs: { for: 'workload-select' } }), workloadSelect);

const costInputs = el('form', { class: 'inputs', id: 'cost-inputs', attrs: { 'aria-label': 'Assumptions' } });
costInputs.addEventListener('submit', (e) => e.preventDefault());
for (const field of FIELDS) {
  const id = `input-${field.key}`;
  const input = el('vscode-textfield', {
    id,
    attrs: { type: 'number', min: field.min, max: field.max, step: field.step, label: `${field.label} (${field.unit})`, title: field.help },
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
const applyButton = button('Apply to config', () => {
  if (!doc?.uri) return;
  vscode.postMessage({ type: 'apply', uri: doc.uri, version: doc.version, assumptions: state.inputs.assumptions, volumesM: state.inputs.volumesM });
}, { id: 'apply', title: 'Write these assumptions and volumes into llm.config.json (one undo step)' });
const resetButton = button('Reset', () => setInputs((inputs) => {
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
  if (lastCostView && state.tab === 'cost' && !costContent.hidden) requestAnimationFrame(() => lastCostView && renderCostChart(lastCostView));
}).observe(costChart.plot);
const costCrossovers = el('div', { id: 'cost-crossovers' });
const costTable = el('div', { id: 'cost-table' });
const costData = el('div', { id: 'cost-data' });
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
  el('h2', { text: 'Options at this volume' }),
  costTable,
);
replaceChildren(panels.cost, workloadRow, costInputs, costEmpty, costContent);
// Until the first document: only the loading line.
costContent.hidden = true;
costInputs.hidden = true;
workloadRow.hidden = true;

const COST_HEADER_HELP = [
  'The workload as configured comes first; then every option the requirements allow, cheapest first.',
  'API: pay per token. Self-hosted: rented GPUs, paid per replica.',
  'Monthly cost at this volume. Self-hosted: whole replicas, each paid in full.',
  'Monthly cost divided by the monthly volume.',
  'API: the blended list price. Self-hosted: one replica’s cost divided by its capacity (at full use).',
  'Tokens a month one replica serves at this utilization.',
  'Replicas this volume needs.',
  'GPUs in all those replicas.',
  'Whether weights, KV cache and runtime reserve fit in the replica’s GPU memory.',
  'For an open model: the cheapest GPUs, count, weight format and replicas the serving model finds for this volume (sized for twice the average load), at each GPU’s catalog price or yours (assumptions.gpuPrices). The article’s batch-1 setups keep their own figures.',
];

// ---- Benchmarks tab skeleton ------------------------------------------------------------------

const categorySelect = el('vscode-single-select', { id: 'category-select', attrs: { 'aria-label': 'Benchmark category' } }) as HTMLElement & { value: string };
categorySelect.appendChild(el('vscode-option', { text: 'All categories', attrs: { value: 'all', selected: true } }));
for (const [id, label] of Object.entries(CATEGORY_LABELS)) categorySelect.appendChild(el('vscode-option', { text: label, attrs: { value: id } }));
categorySelect.addEventListener('change', () => {
  benchCategory = categorySelect.value as BenchmarkCategory | 'all';
  scheduleRender();
});
const benchTable = el('div', { id: 'bench-table' });
const gapTable = el('div', { id: 'gap-table' });
const historyCanvas = el('canvas', { id: 'history-chart', attrs: { role: 'img', 'aria-label': 'MMLU of the best closed and the best open model over time' } });
const historyData = el('div', { id: 'history-data' });
replaceChildren(
  panels.benchmarks,
  el('div', { class: 'field' }, el('vscode-label', { text: 'Category', attrs: { for: 'category-select' } }), categorySelect),
  el('p', { class: 'muted', text: '★ marks the leader of each column. Select a column heading to sort by it.' }),
  benchTable,
  el('h2', { text: 'Gap by domain: best open vs best closed' }),
  gapTable,
  el('h2', { text: 'MMLU gap over time' }),
  el('div', { class: 'chart chart-small' }, historyCanvas),
  historyData,
);

// ---- Decision tab skeleton -----------------------------------------------------------------

const toggles = el('fieldset', { class: 'toggles', id: 'requirement-toggles' });
const decisionResults = el('div', { id: 'decision-results' });
replaceChildren(panels.decision, toggles, decisionResults);

// ---- Quantization tab skeleton -------------------------------------------------------------

const modelSelect = el('vscode-single-select', { id: 'quant-model', attrs: { 'aria-label': 'Model' } }) as HTMLElement & { value: string };
modelSelect.addEventListener('change', () => {
  if (modelSelect.value && modelSelect.value !== state.inputs.quantModel) setInputs((inputs) => void (inputs.quantModel = modelSelect.value));
});
const quantResults = el('div', { id: 'quant-results' });
const quantModelRow = el('div', { class: 'field' }, el('vscode-label', { text: 'Model', attrs: { for: 'quant-model' } }), modelSelect);
replaceChildren(panels.quantization, quantModelRow, quantResults);

// ---- rendering ------------------------------------------------------------------------------

let renderQueued = false;
function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

let historyChart: Chart | undefined;
let renderedOptions = '';

function render(): void {
  const started = performance.now();
  if (!doc) return;
  fileLabel.textContent = neutralizeBidi(doc.label || 'no llm.config.json in this workspace');
  analysis = doc.uri ? panelAnalysis(doc.text, doc.settings, state.inputs) : undefined;
  pricesFooter.textContent = analysis ? neutralizeBidi(`Prices: ${pricingText(analysis.pricing)}.`) : '';
  welcome.hidden = doc.uri !== null;
  welcomeTitle.textContent = doc.pick ? WELCOME_TITLES.pick : WELCOME_TITLES.create;
  pickButton.hidden = !doc.pick;
  // Nothing to show, export or apply until a config with a workload is there.
  const hasData = analysis !== undefined && analysis.workloads.length > 0;
  revealButton.toggleAttribute('disabled', doc.uri === null);
  for (const b of exportButtons) b.toggleAttribute('disabled', !hasData);
  const tab = state.tab;
  if (tab === 'cost') renderCost();
  else if (tab === 'benchmarks') renderBenchmarks();
  else if (tab === 'decision') renderDecision();
  else renderQuantization();
  document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
  document.body.dataset.ready = 'true';
  // When the first drawing happened, and from which document: for the restore test.
  document.body.dataset.firstRenderMs ??= performance.now().toFixed(0);
  document.body.dataset.firstSource ??= document.body.dataset.source ?? 'host';
}

function renderCost(): void {
  const view = analysis ? costView(analysis, state.inputs) : null;
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
  const names = analysis.workloads.map((w) => w.name).join('\u0000');
  if (renderedOptions !== names) {
    renderedOptions = names;
    workloadSelect.replaceChildren(...analysis.workloads.map((w, i) => el('vscode-option', { text: `${w.name} (${w.model})`, attrs: { value: String(i) } })));
  }
  workloadSelect.value = String(view.workloadIndex);
  workloadRow.hidden = analysis.workloads.length < 2;

  // Input values: the override, else the analysis' value; never rewrite the field being typed in.
  const values: Record<string, number> = {
    volume: view.volumeM,
    gpuHourlyUsd: view.assumptions.gpuHourlyUsd,
    utilization: view.assumptions.utilization * 100,
    inputShare: view.assumptions.inputShare * 100,
    concurrency: view.assumptions.concurrency,
  };
  for (const [key, element] of fieldElements) {
    if (document.activeElement === element) continue;
    const shown = plainNumber(values[key]!, 6);
    if (element.value !== shown) element.value = shown;
    element.invalid = false;
  }
  if (document.activeElement !== volumeSlider) volumeSlider.value = String(volumeToSlider(view.volumeM));
  volumeSlider.setAttribute('aria-valuetext', `${tokens(view.volumeM)} tokens per month`);
  const dirty = Object.keys(state.inputs.assumptions).length > 0 || Object.keys(state.inputs.volumesM).length > 0;
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
          i === 8 && r.fits === false
            ? { content: [text], class: 'bad', title: r.note }
            : i === 0
              ? { content: [text], title: r.note }
              : text,
        ),
      ),
      rowClass: (i) => (view.rows[i]!.current ? 'current' : undefined),
    }),
  );
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

function renderBenchmarks(): void {
  const sort: SortState | null = state.benchmarkSort;
  const view = benchmarkTable(benchCategory, sort);
  const sortHeader = (key: string, text: string, title?: string) => ({
    text,
    title,
    sort: {
      key,
      state: (sort?.column === key ? (sort.descending ? 'descending' : 'ascending') : 'none') as 'ascending' | 'descending' | 'none',
      onSort: (column: string) => {
        const descending = state.benchmarkSort?.column === column ? !state.benchmarkSort.descending : column !== 'model';
        state = { ...state, benchmarkSort: { column, descending } };
        saveState();
        scheduleRender();
        requestAnimationFrame(() => (document.querySelector(`button[data-sort="${CSS.escape(column)}"]`) as HTMLElement | null)?.focus());
      },
    },
  });
  const benchTableElement = table({
      label: 'Benchmark scores by model',
      id: 'bench',
      class: 'wide',
      header: [sortHeader('model', 'Model'), 'Access', ...view.columns.map((c) => sortHeader(c.id, c.name, `${CATEGORY_LABELS[c.category]}: ${c.description}`))],
      rows: view.rows.map((r) => [
        r.name,
        r.access,
        ...r.cells.map((c): Cell => (c.leader ? { content: [`★ ${c.display}`], class: 'leader', title: 'Leader of this column' } : c.display)),
      ]),
    });
  replaceChildren(benchTable, benchTableElement);
  replaceChildren(
    gapTable,
    table({
      label: 'Gap by domain',
      id: 'gap',
      header: ['Domain', 'Best open', 'Best closed', 'Gap (closed − open)', 'Leader', 'The article says'],
      rows: gapRows().map((g) => [g.title, g.bestOpen, g.bestClosed, g.gap, g.leader, g.seedGap]),
    }),
  );
  const history = historyRows();
  const config = historyChartConfig(history, readTheme());
  if (historyChart) {
    historyChart.data = config.data as never;
    historyChart.options = config.options as never;
    historyChart.update('none');
  } else historyChart = new Chart(historyCanvas, config as never);
  replaceChildren(
    historyData,
    dataTable(
      'Chart data as a table',
      ['Date', 'Event', 'Best closed (MMLU)', 'Best open (MMLU)', 'Gap'],
      history.map((h) => [`${h.date}${h.projected ? ' (projected)' : ''}`, h.label, `${h.closed} (${h.closedModel})`, `${h.open} (${h.openModel})`, String(h.gap)]),
      'MMLU of the best closed and the best open model',
    ),
  );
}

function renderDecision(): void {
  renderDecisionTab(
    { toggles, results: decisionResults },
    analysis && decisionView(analysis, state.inputs),
    {
      overridden: state.inputs.requirements !== null,
      setRequirements: (requirements) => setInputs((inputs) => void (inputs.requirements = requirements)),
      button,
    },
  );
}

let renderedModels = '';
function renderQuantization(): void {
  if (!analysis) {
    replaceChildren(quantResults, el('p', { class: 'empty', text: 'Sizing appears here once the workspace has an llm.config.json (see above).' }));
    quantModelRow.hidden = true;
    return;
  }
  quantModelRow.hidden = false;
  const view = quantView(analysis, state.inputs);
  if (!view) {
    replaceChildren(quantResults, el('p', { class: 'empty', text: 'No open-weight model with a public size in the catalog.' }));
    return;
  }
  const ids = view.models.map((m) => m.id).join(',');
  if (renderedModels !== ids) {
    renderedModels = ids;
    modelSelect.replaceChildren(...view.models.map((m) => el('vscode-option', { text: m.name, attrs: { value: m.id } })));
  }
  modelSelect.value = view.model;
  replaceChildren(
    quantResults,
    el('p', {
      class: 'summary',
      text: `${view.modelName}: ${view.paramsB}B parameters; KV cache for ${formatNumber(view.contextTokens)} tokens of context × ${view.concurrency} concurrent sequence(s); 10% of GPU memory kept for the runtime.`,
    }),
    table({
      label: `Quantization options for ${view.modelName}`,
      id: 'quant',
      header: ['Format', 'Weights', 'KV cache', 'Memory', 'Speed-up', 'Quality loss', 'Fits on (fewest GPUs of 1, 2, 4, 8)'],
      rows: view.rows.map((q) => [q.name, gb(q.weightsGB), gb(q.kvCacheGB), q.memoryReduction === '1×' ? 'as FP16' : `${q.memoryReduction} smaller`, q.speedup, { content: [q.qualityLoss], class: 'wrap' }, { content: [q.fitsOn], class: 'wrap' }]),
    }),
    el('h2', { text: 'GPUs needed, by GPU and format' }),
    table({
      label: 'Fewest GPUs that hold the model, by GPU and format',
      id: 'quant-matrix',
      header: ['GPU', ...view.rows.map((q) => q.name)],
      rows: view.gpus.map((g, gi) => [g.name, ...view.rows.map((q): Cell => (q.fewestGpus[gi] ? `${q.fewestGpus[gi]}×` : { content: ['> 8'], class: 'bad' }))]),
    }),
  );
}

// ---- messages from the host -------------------------------------------------------------------

function showNotice(kind: 'info' | 'error', text: string): void {
  notice.textContent = text;
  notice.className = `notice ${kind}`;
  notice.hidden = false;
}
notice.hidden = true;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  switch (message.type) {
    case 'restore': {
      if (hadOwnState) return;
      const restored = restoredState(message.state);
      if (restored) {
        state = restored;
        showTab();
        saveState();
      }
      return;
    }
    case 'document': {
      const followed = state.uri;
      doc = { uri: message.uri, label: message.label, text: message.text, version: message.version, settings: message.settings, pick: message.pick === true };
      document.body.dataset.source = 'host';
      if (followed !== message.uri) {
        // Another config: its workloads are not this one's.
        state = { ...state, uri: message.uri, inputs: followed === null ? state.inputs : clone(EMPTY_INPUTS) };
        renderedOptions = '';
      }
      saveState();
      render();
      return;
    }
    case 'catalog':
      usePanelCatalog(message.files);
      if (doc) render();
      return;
    case 'requestExport':
      sendExport(message.format, message.target, message.token);
      return;
    case 'notice':
      if (message.kind === 'applied') {
        setInputs((inputs) => {
          inputs.assumptions = {};
          inputs.volumesM = {};
        });
        showNotice('info', message.text);
      } else showNotice(message.kind, message.text);
      return;
  }
});

// Re-colour the charts when the theme changes (VS Code swaps the body's classes).
new MutationObserver(() => {
  historyChart?.destroy();
  historyChart = undefined;
  scheduleRender();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// A panel brought back after a reload draws what it showed last, at once; the host's
// document (and the catalog) follow and redraw it.
if (doc) {
  document.body.dataset.source = 'snapshot';
  render();
}
vscode.postMessage({ type: 'ready' });
