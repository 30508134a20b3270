/**
 * `analyze(text)`: llm.config.json text → findings, lenses and figures. Never throws, and
 * works on whatever parts of a half-typed file are valid.
 */
import { unknownModel } from './workloadFindings';
import { defaultSetupsFor } from './workloadSetups';
import type { GpuPriceRules } from '../pricing/gpuHour';
import { DEFAULT_PRICING, PRICINGS, type Pricing } from '../pricing/offers';
import type { Analysis, Figure, Finding, Lens, WorkloadResult } from './types';
import { catalog, type Catalog, didYouMean, findModel, gpuIds, gpuPriceKey } from '../catalog';
import type { RequirementId } from '../catalog/types';
import { type Assumptions, DEFAULT_ASSUMPTIONS, formatUsd } from '../pricing/cost';
import { type ConfigDocument, isObject, NONE, parseConfigDocument, reparseInWorkload, type TextRange } from '../config/document';
import { assumptionsSchema, LIMITS, type OwnedGpuConfig, ownedGpuSchema, type QualityLevel, REQUIREMENT_IDS } from '../config/schema';
import { schemaFindings, validateConfig, type SchemaIssueCache } from '../config/validate';
import { MONTH_PATTERN } from '../catalog/data/billingOptions';
import { totalLens, workloadFigures, workloadLenses } from '../present/lenses';
import { declareModelFix, withUserModels } from '../catalog/userModels';
import { evaluateWorkload, workloadName } from './workload';
import type { AnalysisContext } from './context';
import { changedRegion, type IncrementalState, keptWorkload, Reuse } from './incremental';

export * from './types';
export type { IncrementalState } from './incremental';

function clearState(state: IncrementalState): void {
  for (const key of Object.keys(state) as (keyof IncrementalState)[]) delete state[key];
}

export interface AnalyzeOptions {
  /** Assumptions from the user's settings; the config file's own assumptions override them. */
  assumptions?: Partial<Assumptions>;
  catalog?: Catalog;
  /**
   * Also compare each workload with the catalog's reference models (GPT-4o's API, the
   * article's self-hosted setups). Off by default: a workload is compared with what the file
   * declares as its alternatives and with the other way of running its own model.
   */
  compareWithCatalog?: boolean;
  /** The mode GPU offers are rented in, over the file's assumptions.pricing (a command line's --pricing). */
  pricing?: Pricing;
  /** Which weight formats a search may pick, over each deployment's selfHosted.quality (a command line's --quality). */
  quality?: QualityLevel;
  /**
   * The month priced, over the file's assumptions.month (a command line's --month). The month
   * a front end defaults to (the current one) goes in `assumptions`, which the file overrides.
   */
  month?: string;
}

/**
 * With `state` (one per document, kept by the caller between versions), the workloads an edit
 * did not touch are taken from the previous analysis (see incremental.ts); the result is the
 * same as without it.
 */
export function analyze(text: string, options: AnalyzeOptions = {}, state?: IncrementalState): Analysis {
  try {
    return analyzeText(typeof text === 'string' ? text : '', options, state);
  } catch (error) {
    // The next analysis starts afresh: what was kept may be part of what failed.
    if (state) clearState(state);
    // A bug must never reach the user as an exception; it becomes one finding.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...emptyAnalysis(options),
      findings: [{ severity: 'error', code: 'internal-error', message: `LLM Cost Lens could not analyze this file: ${message}`, offset: 0, length: 0 }],
    };
  }
}

/**
 * A workload's model the catalog does not know can be declared in `models`, after the "did
 * you mean" fix: the name may be right and only the catalog without it.
 */
function offerDeclaringUnknownModels(findings: Finding[], doc: ConfigDocument, values: readonly unknown[]): void {
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i]!;
    if (finding.code !== 'unknown-model' || finding.workload === undefined) continue;
    const written = (values[finding.workload] as { model?: unknown } | undefined)?.model;
    // The same code at an alternative's model: only the workload's own is declared here.
    const node = doc.tree.at(['workloads', finding.workload, 'model']);
    if (typeof written !== 'string' || node === NONE || doc.tree.offset(node) !== finding.offset) continue;
    const fix = declareModelFix(doc, written);
    // A new finding, not the old one changed: the workload's own is kept for the next analysis (incremental.ts).
    if (fix) findings[i] = { ...finding, fixes: [...(finding.fixes ?? []), fix] };
  }
}

function emptyAnalysis(options: AnalyzeOptions): Analysis {
  const cat = options.catalog ?? catalog;
  return {
    syntaxOk: true,
    assumptions: { ...DEFAULT_ASSUMPTIONS, ...validAssumptions(options.assumptions) },
    gpuPrices: {},
    gpuPricing: options.pricing ?? DEFAULT_PRICING,
    requirements: [],
    allowedModels: null,
    pricing: cat.pricing,
    totalMonthlyCostUsd: 0,
    unpricedWorkloads: [],
    findings: [],
    lenses: [],
    figures: [],
    modelReferences: [],
    workloads: [],
  };
}

function analyzeText(text: string, options: AnalyzeOptions, state: IncrementalState | undefined): Analysis {
  const result = emptyAnalysis(options);
  // Only what this analysis keeps is offered to the next one.
  const previous = state && { ...state };
  if (state) clearState(state);
  if (text.trim() === '') {
    result.findings.push({ severity: 'warning', code: 'empty-config', message: 'Empty llm.config.json: add a "workloads" array.', offset: 0, length: 0 });
    return result;
  }
  // The one region where the text differs from the last one analysed, and, when it lies inside
  // one workload, that workload read again rather than the whole text.
  const edit = previous?.text === undefined ? undefined : changedRegion(previous.text, text);
  const doc = (edit && previous?.doc && reparseInWorkload(previous.doc, text, edit)) || parseConfigDocument(text);
  const value = doc.value;
  // Each workload's issues are kept for the next analysis of the same document, by its text.
  const schemaIssues: SchemaIssueCache | undefined = state ? new Map() : undefined;
  const validation = isObject(value) ? validateConfig(doc, text, value, previous?.schemaIssues, schemaIssues) : undefined;
  if (state && schemaIssues) state.schemaIssues = schemaIssues;
  result.syntaxOk = doc.syntaxErrors.length === 0;
  for (const e of doc.syntaxErrors) {
    result.findings.push({ severity: 'error', code: 'json-syntax', message: e.message, offset: e.offset, length: e.length });
  }
  const tree = doc.tree;
  const root = tree.root;
  if (tree.kind(root) !== 'object' || !isObject(value)) {
    const range = root === NONE ? { offset: 0, length: 0 } : tree.range(root);
    if (result.syntaxOk) result.findings.push({ severity: 'error', code: 'not-an-object', message: 'llm.config.json must be a JSON object with a "workloads" array.', ...range });
    return result;
  }

  const config = value;
  if (validation) result.findings.push(...schemaFindings(doc, validation));

  const fileAssumptions = validAssumptions(config.assumptions);
  result.assumptions = { ...result.assumptions, ...fileAssumptions, ...(options.month !== undefined && MONTH_PATTERN.test(options.month) ? { month: options.month } : {}) };

  const requirements = requirementEntries(doc, config.requirements);
  const gpuPrices = gpuPriceEntries(options.catalog ?? catalog, doc, result.findings);
  // Owned GPUs price their GPU-hour (pricing/ownedGpu.ts); an entry the schema refuses is its finding and prices nothing.
  const ownedGpus = new Map<string, OwnedGpuConfig>();
  for (const [key, value] of gpuKeyedEntries(options.catalog ?? catalog, doc, result.findings, 'ownedGpus')) {
    const owned = ownedGpuSchema.safeParse(value);
    if (owned.success) ownedGpus.set(key, owned.data);
  }
  if (ownedGpus.size) result.ownedGpus = Object.fromEntries(ownedGpus);
  result.gpuPrices = Object.fromEntries(gpuPrices);
  const gpuHourlyUsd = fileAssumptions.gpuHourlyUsd ?? validAssumptions(options.assumptions).gpuHourlyUsd;
  const written = (config.assumptions as { pricing?: unknown } | undefined)?.pricing;
  const pricing = (result.gpuPricing = options.pricing ?? (PRICINGS.find((p) => p === written) ?? DEFAULT_PRICING));
  const owned = ownedGpus.size ? { ownedGpus } : {};
  const gpuRules: GpuPriceRules = gpuHourlyUsd === undefined ? { gpuPrices, pricing, ...owned } : { gpuPrices, gpuHourlyUsd, pricing, ...owned };
  if (gpuHourlyUsd !== undefined) result.gpuHourlyUsd = gpuHourlyUsd;
  result.requirements = [...new Set(requirements.map((r) => r.id))];
  // The project's own models, declared in the file, over the catalog's.
  const cat = withUserModels(options.catalog ?? catalog, doc, config.models, result.findings);
  const allowed = allowedModelEntries(cat, result.findings, doc, config.allowedModels);
  result.allowedModels = allowed && [...allowed.ids];

  const ctx: AnalysisContext = {
    doc,
    catalog: cat,
    assumptions: result.assumptions,
    gpuRules,
    requirements,
    allowed,
    out: result,
    compareWithCatalog: options.compareWithCatalog === true,
    defaultSetups: defaultSetupsFor(cat, result.assumptions, gpuRules, options.compareWithCatalog === true),
    related: new Map(),
    catalogPrices: new Map(),
    alternativeSetups: new Map(),
    ...(options.quality ? { quality: options.quality } : {}),
  };
  const workloadsNode = tree.child(root, 'workloads');
  // Each workload's lenses and hover figures, made as it is evaluated (or kept with it).
  const lenses: Lens[] = [];
  const figures: Figure[] = [];
  if (tree.kind(workloadsNode) === 'array' && Array.isArray(config.workloads)) {
    const values = config.workloads as unknown[];
    const nodes = tree.children(workloadsNode);
    const array = tree.range(workloadsNode);
    const optionsKey = JSON.stringify([options.assumptions ?? {}, options.compareWithCatalog === true, options.month ?? null]);
    const baseCatalog = options.catalog ?? catalog;
    // Text with syntax errors is read with error recovery: an edit there can move what a workload means.
    const reuse = result.syntaxOk ? Reuse.from(previous, edit, array, optionsKey, baseCatalog) : undefined;
    const kept = [];
    let reused = 0;
    for (let index = 0; index < nodes.length; index++) {
      const range = tree.range(nodes[index]!);
      let output = reuse?.take(index, range);
      if (output) {
        reused++;
        result.findings.push(...output.findings);
        result.modelReferences.push(...output.modelReferences);
      } else {
        const findingsBefore = result.findings.length;
        const referencesBefore = result.modelReferences.length;
        const workload = evaluateWorkload(ctx, index, nodes[index]!, values[index]);
        output = {
          result: workload,
          findings: result.findings.slice(findingsBefore),
          modelReferences: result.modelReferences.slice(referencesBefore),
          lenses: workload ? workloadLenses(workload) : [],
          figures: workload ? workloadFigures(tree, workload) : [],
        };
      }
      if (state) kept.push(keptWorkload(range, output));
      lenses.push(...output.lenses);
      figures.push(...output.figures);
      const workload = output.result;
      if (workload) result.workloads.push(workload);
      if (!workload || workload.monthlyCostUsd === null) result.unpricedWorkloads.push({ index, name: workload?.name ?? workloadName(values[index], index) });
    }
    if (state && result.syntaxOk) Object.assign(state, { text, optionsKey, catalog: baseCatalog, array, workloads: kept, reused, ...(doc.strict ? { doc } : {}) });
    offerDeclaringUnknownModels(result.findings, doc, values);
  }
  checkDuplicateNames(result);

  result.totalMonthlyCostUsd = result.workloads.reduce((sum, w) => sum + (w.monthlyCostUsd ?? 0), 0);
  const workloads = result.workloads;
  const count = tree.children(workloadsNode).length;
  const totalOffset = tree.offset(root);
  const totalTitle = `Total ${totalText(result)} across ${count} workload${count === 1 ? '' : 's'}`;
  // Plain data, made here rather than behind getters: an analysis is posted to the webview and
  // written as JSON, and what a clone or a round trip gives is what the front ends read.
  result.lenses = [totalLens(totalOffset, totalTitle, workloads), ...lenses];
  result.figures = figures;
  return result;
}

/**
 * "$1,240/mo + 2 unpriced": the total with what it leaves out, as every front end shows it.
 * A workload without a price is never counted as $0 silently, and with none priced there is
 * no dollar figure at all: "no price (2 unpriced)".
 */
export function totalText(a: Pick<Analysis, 'totalMonthlyCostUsd' | 'unpricedWorkloads' | 'workloads'>): string {
  const unpriced = a.unpricedWorkloads.length;
  // With nothing priced there is no total to show: "$0/mo" would read as a price.
  if (unpriced > 0 && !a.workloads.some((w) => w.monthlyCostUsd !== null)) return `no price (${unpriced} unpriced)`;
  return `${formatUsd(a.totalMonthlyCostUsd)}/mo${unpriced ? ` + ${unpriced} unpriced` : ''}`;
}

/** Each assumption that is valid on its own; an invalid one falls back (and has its finding). */
function validAssumptions(raw: unknown): Partial<Assumptions> {
  if (!raw || typeof raw !== 'object') return {};
  const out: Partial<Assumptions> = {};
  const shape = assumptionsSchema.shape;
  for (const key of Object.keys(shape) as (keyof Assumptions | 'gpuPrices' | 'pricing' | 'ownedGpus')[]) {
    // Prices by GPU (gpuPriceEntries), the pricing mode and owned GPUs are read apart: they are not one number.
    if (key === 'gpuPrices' || key === 'pricing' || key === 'ownedGpus') continue;
    const value = (raw as Record<string, unknown>)[key];
    if (value !== undefined && shape[key].safeParse(value).success) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/**
 * assumptions.gpuPrices by the GPU catalog's id; a name the catalog does not know is an
 * unknown-gpu error at its key, with the closest id. Values the schema refuses are its findings.
 */
function gpuPriceEntries(cat: Catalog, doc: ConfigDocument, findings: Finding[]): Map<string, number> {
  const prices = new Map<string, number>();
  for (const [key, usd] of gpuKeyedEntries(cat, doc, findings, 'gpuPrices')) {
    if (typeof usd === 'number' && Number.isFinite(usd) && usd >= 0 && usd <= LIMITS.gpuHourlyUsd) prices.set(key, usd);
  }
  return prices;
}

/**
 * The entries of an assumptions field keyed by GPU (gpuPrices, ownedGpus) under the GPU
 * catalog's id, as written; an unknown GPU is an unknown-gpu error at its key.
 */
export function gpuKeyedEntries(cat: Catalog, doc: ConfigDocument, findings: Finding[], field: 'gpuPrices' | 'ownedGpus'): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  const tree = doc.tree;
  const node = tree.child(tree.child(tree.root, 'assumptions'), field);
  if (tree.kind(node) !== 'object') return entries;
  const written = (doc.value as { assumptions?: Record<string, unknown> }).assumptions?.[field];
  if (!isObject(written)) return entries;
  for (const [name, value] of Object.entries(written)) {
    const keyRange = tree.keyRange(tree.child(node, name)) ?? tree.range(node);
    const key = gpuPriceKey(name, cat);
    if (!key) {
      const suggestion = didYouMean(name, gpuIds(cat));
      findings.push({
        severity: 'error',
        code: 'unknown-gpu',
        message: `Unknown GPU "${name}" in ${field}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known: ${gpuIds(cat).join(', ')}.`,
        ...keyRange,
      });
    } else entries.set(key, value);
  }
  return entries;
}

function requirementEntries(doc: ConfigDocument, written: unknown): { id: RequirementId; range: TextRange }[] {
  if (!Array.isArray(written)) return [];
  const ids = REQUIREMENT_IDS as readonly string[];
  const node = doc.tree.child(doc.tree.root, 'requirements');
  return written.flatMap((id, index) => (typeof id === 'string' && ids.includes(id) ? [{ id: id as RequirementId, range: doc.tree.range(doc.tree.child(node, index)) }] : []));
}

function allowedModelEntries(cat: Catalog, findings: Finding[], doc: ConfigDocument, written: unknown): AnalysisContext['allowed'] {
  if (!Array.isArray(written)) return null;
  const tree = doc.tree;
  const node = tree.child(tree.root, 'allowedModels');
  const ids = new Set<string>();
  written.forEach((id, index) => {
    if (typeof id !== 'string') return;
    const model = findModel(id, cat);
    if (model) ids.add(model.id);
    else findings.push(unknownModel(id, tree.range(tree.child(node, index)), ['allowedModels', index], cat));
  });
  return { ids, range: tree.keyRange(node) ?? tree.range(node) };
}

function checkDuplicateNames(result: Analysis): void {
  const seen = new Map<string, WorkloadResult>();
  for (const w of result.workloads) {
    const original = seen.get(w.name);
    if (original === undefined) {
      seen.set(w.name, w);
      continue;
    }
    result.findings.push({
      severity: 'warning',
      code: 'duplicate-workload-name',
      message: `Another workload is already named "${w.name}".`,
      offset: w.offset,
      length: 1,
      workload: w.index,
      related: [{ message: 'first workload with this name', offset: original.offset, length: 1 }],
    });
  }
}
