/**
 * What every tab of the comparison panel shares: the analysis of the config text with the
 * panel's inputs written in, the catalog it analyzes with, the requirements in force, and the
 * engine's formatters. Pure and DOM-free. Each tab's own view-model is in tabs/<tab>/.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { type Analysis, analyze, catalog, type Catalog, type CatalogFileTexts, catalogFromFiles, costsAtVolume, crossoverTitle, findModel, formatGB, formatTokensM, formatUsd, type GpuSpec, headlineCrossover, recommendForAnalysis, type RequirementId, ruledOutBy, type WorkloadResult } from '../src/engine';
import { INPUT_KEYS, type PanelInputs, type SettingsAssumptions } from '../src/protocol';

// ---------------------------------------------------------------------------------------
// The analysis with the panel's inputs

/**
 * The config text with the panel's overrides written in (assumptions and volumes), so that
 * the engine sees them exactly as if the user had typed them: the config's own values win
 * over settings, and the overrides win over both.
 */
export function effectiveText(text: string, inputs: PanelInputs): string {
  let root: ReturnType<typeof parseTree>;
  try {
    root = parseTree(text, [], { allowTrailingComma: true });
  } catch {
    // jsonc-parser recurses: text nested some thousands deep is analyzed as it is.
    return text;
  }
  if (!root || root.type !== 'object') return text;
  let result = text;
  const set = (path: (string | number)[], value: number) => {
    try {
      result = applyEdits(result, modify(result, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    } catch {
      // A path that cannot be written (the config has another shape there): keep the text.
    }
  };
  for (const key of INPUT_KEYS) {
    const value = inputs.assumptions[key];
    if (typeof value === 'number' && Number.isFinite(value)) set(['assumptions', key], value);
  }
  const workloads = root.children?.find((p) => p.children?.[0]?.value === 'workloads')?.children?.[1];
  for (const [index, volumeM] of Object.entries(inputs.volumesM)) {
    const i = Number(index);
    if (workloads?.type === 'array' && i < (workloads.children?.length ?? 0) && Number.isFinite(volumeM)) {
      set(['workloads', i, 'monthlyTokens'], Math.round(volumeM * 1e6));
    }
  }
  return result;
}

/** The catalog the panel analyzes with: the bundled cards until the extension sends its files. */
let panelCatalog: Catalog = catalog;

/** The catalog the panel analyzes and recommends with (the extension's, once it has sent it). */
export function currentPanelCatalog(): Catalog {
  return panelCatalog;
}

export function usePanelCatalog(files: CatalogFileTexts): void {
  panelCatalog = catalogFromFiles(files).catalog;
}

export function panelAnalysis(text: string, settings: SettingsAssumptions, inputs: PanelInputs): Analysis {
  return analyze(effectiveText(text, inputs), { assumptions: settings, catalog: panelCatalog });
}

/** The workload's free-text notes, as written in the config (shown as text only). */
export function workloadNotes(text: string, index: number): string | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root && findNodeAtLocation(root, ['workloads', index, 'notes']);
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** The index of the workload the Cost tab shows: the chosen one when it exists. */
export function selectedWorkload(analysis: Analysis, inputs: PanelInputs): number {
  return inputs.workload < analysis.workloads.length ? inputs.workload : 0;
}

// ---------------------------------------------------------------------------------------
// Formatting

export const usd = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : formatUsd(n));
export const usdPerM = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? '—' : `${formatUsd(n)}/M`);
export const tokens = (m: number | null | undefined): string => (m === null || m === undefined ? '—' : formatTokensM(m));
/** The engine's formatter, so that a memory figure reads as it does in a hover or a finding. */
export const gb = (n: number): string => formatGB(n);
export const percent = (n: number): string => `${Math.round(n * 1000) / 10}%`;

export function modelName(id: string): string {
  return findModel(id, panelCatalog)?.name ?? id;
}

export type DeploymentKind = 'api' | 'self-hosted';

/** Requirements in force for a workload: the panel's toggles, else what the config says. */
export function activeRequirements(analysis: Analysis, inputs: PanelInputs, workload?: WorkloadResult): RequirementId[] {
  if (inputs.requirements) {
    const known = new Set(catalog.requirements.map((r) => r.id));
    return inputs.requirements.filter((r): r is RequirementId => known.has(r as RequirementId));
  }
  return workload?.requirements ?? analysis.requirements;
}

/** The Recommend command's ranking: the same options and the same catalog, so both rank the same candidates. */
export function recommendFor(analysis: Analysis, requirements: RequirementId[], volumeM: number, workload?: WorkloadResult) {
  return recommendForAnalysis(analysis, requirements, volumeM, panelCatalog, undefined, workload);
}

/**
 * What the requirements in force cost on a self-hosted workload, in the lens's words ("data_privacy
 * costs $567/mo over llama-3.1-8b API"): the lens's own comparison, with every API it compares
 * ruled out by the same rule. Null when nothing they rule out would be cheaper.
 */
export function requirementCost(w: WorkloadResult, requirements: readonly RequirementId[]): string | null {
  const ruled = ruledOutBy(requirements, 'api');
  if (!ruled || w.deployment !== 'self-hosted') return null;
  const marked: WorkloadResult = { ...w, crossovers: w.crossovers.map((c) => ({ ...c, ruledOutBy: ruled })) };
  const headline = headlineCrossover(marked);
  const costs = headline && costsAtVolume(headline, marked);
  return headline && costs && costs.apiUsd < costs.selfHostedUsd ? crossoverTitle(headline, marked) : null;
}

/**
 * Which (model, deployment) pairs the requirements rule out, read from recommend()'s
 * exclusions. A memory shortfall is not a requirement: the Cost tab shows it as "does not fit".

/** "NVIDIA H100 SXM (80GB)" → "H100 SXM". String search, not a pattern: `\s*\(.*\)$` backtracks quadratically on long names. */
export function gpuShort(gpu: GpuSpec | undefined, id: string): string {
  if (!gpu) return id;
  let name = gpu.name.startsWith('NVIDIA ') ? gpu.name.slice('NVIDIA '.length) : gpu.name;
  const paren = name.indexOf(' (');
  if (paren > 0 && name.endsWith(')')) name = name.slice(0, paren);
  return name;
}

// ---------------------------------------------------------------------------------------
// Volume slider: a logarithmic scale from 100K to 100B tokens a month

export const VOLUME_SLIDER = { min: -1, max: 5, step: 0.01 } as const;

export function volumeToSlider(volumeM: number): number {
  const v = Math.log10(Math.max(volumeM, 10 ** VOLUME_SLIDER.min));
  return Math.min(VOLUME_SLIDER.max, Math.max(VOLUME_SLIDER.min, Math.round(v / VOLUME_SLIDER.step) * VOLUME_SLIDER.step));
}

/** Slider position → volume, rounded to 3 significant figures so the figures read cleanly. */
export function sliderToVolume(position: number): number {
  return Number((10 ** position).toPrecision(3));
}
