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
import { type Analysis, pricingText } from '../src/engine';
import {
  EMPTY_INPUTS,
  TAB_IDS,
  type ExportFormat,
  type ExportTarget,
  type HostMessage,
  type PanelInputs,
  type PanelState,
  type TabId,
  type WebviewMessage,
  type WebviewSavedState,
} from '../src/protocol';
import { el, replaceChildren } from './dom';
import { buildReport } from './report';
import { panelAnalysis, usePanelCatalog } from './viewModel';
import { mountBenchmarksTab } from './tabs/benchmarks/render';
import { mountCostTab } from './tabs/cost/render';
import { mountDecisionTab } from './tabs/decision/render';
import type { ButtonOptions, Doc, PanelTab, TabHost } from './tabs/host';
import { mountQuantizationTab } from './tabs/quantization/render';
import { isTabId, lookupTab, TAB_TITLES, type TabRegistry } from './tabs/registry';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: WebviewSavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

// ---- state ------------------------------------------------------------------------------

const saved = vscode.getState();
let state: PanelState = restoredState(saved) ?? { v: 1, uri: null, tab: 'cost', inputs: clone(EMPTY_INPUTS), benchmarkSort: null };
const hadOwnState = restoredState(saved) !== undefined;
/**
 * The document drawn: the host's, or until it arrives the one this webview drew last (kept
 * in its state), so that a panel restored after a reload shows its figures at once.
 */
let doc: Doc | undefined = restoredSnapshot(saved);
let analysis: Analysis | undefined;
/**
 * A tab id the saved state or the host named that no tab has: the panel says so where the tab
 * would be, and shows none until one is chosen.
 */
let unknownTab: unknown;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The saved state when it has this version's shape (checked loosely: the host validates strictly). */
function restoredState(value: unknown): PanelState | undefined {
  const s = value as Partial<PanelState> | undefined;
  if (!s || s.v !== 1 || typeof s.inputs !== 'object' || s.inputs === null) return undefined;
  if (!isTabId(s.tab)) unknownTab = s.tab;
  return { v: 1, uri: s.uri ?? null, tab: isTabId(s.tab) ? s.tab : 'cost', inputs: { ...clone(EMPTY_INPUTS), ...s.inputs }, benchmarkSort: s.benchmarkSort ?? null };
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

const fileLabel = el('span', { class: 'file', id: 'config-label' });
const notice = el('div', { class: 'notice', id: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });

function button(text: string, onClick: () => void, options: ButtonOptions = {}): HTMLElement {
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
/** Where the panel says that the tab asked for does not exist. */
const tabError = el('p', { class: 'notice error', id: 'tab-error', attrs: { role: 'alert' } });
const tabs = el('div', { id: 'tabs' }, tabList, tabError, ...TAB_IDS.map((id) => panels[id]));

function showTab(): void {
  for (const id of TAB_IDS) {
    const selected = unknownTab === undefined && id === state.tab;
    tabButtons[id].setAttribute('aria-selected', String(selected));
    tabButtons[id].tabIndex = selected ? 0 : -1;
    panels[id].hidden = !selected;
  }
  tabError.hidden = unknownTab === undefined;
}

function selectTab(tab: TabId): void {
  if (tab === state.tab && unknownTab === undefined) return;
  unknownTab = undefined;
  state = { ...state, tab };
  showTab();
  saveState();
  scheduleRender();
}

/** What each tab is given: the panel's state and the actions a tab takes. */
const host: TabHost = {
  state: () => state,
  doc: () => doc,
  analysis: () => analysis,
  setInputs,
  setState(update) {
    state = { ...state, ...update };
    saveState();
    scheduleRender();
  },
  scheduleRender,
  shown: (tab) => unknownTab === undefined && state.tab === tab,
  post: (message) => vscode.postMessage(message),
  button,
};

const TABS: TabRegistry<PanelTab> = {
  cost: mountCostTab(panels.cost, host),
  benchmarks: mountBenchmarksTab(panels.benchmarks, host),
  decision: mountDecisionTab(panels.decision, host),
  quantization: mountQuantizationTab(panels.quantization, host),
};
showTab();

// Whose prices every figure uses, how old they are, and whether they are stale.
const pricesFooter = el('footer', { class: 'muted prices', id: 'prices' });

replaceChildren(app, header, notice, welcome, tabs, pricesFooter);

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
  const found = lookupTab(TABS, unknownTab ?? state.tab);
  if ('error' in found) tabError.textContent = neutralizeBidi(found.error);
  else found.tab.render();
  showTab();
  document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
  document.body.dataset.ready = 'true';
  // When the first drawing happened, and from which document: for the restore test.
  document.body.dataset.firstRenderMs ??= performance.now().toFixed(0);
  document.body.dataset.firstSource ??= document.body.dataset.source ?? 'host';
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

// A panel brought back after a reload draws what it showed last, at once; the host's
// document (and the catalog) follow and redraw it.
if (doc) {
  document.body.dataset.source = 'snapshot';
  render();
}
vscode.postMessage({ type: 'ready' });
