/**
 * Where a config drifts from the usage it claims to plan for: each workload's volume, input
 * share, cached share and request shape beside what the exports measured for its model, and
 * the models the exports show that no workload names. Plain findings with quick fixes that
 * write the measured figure, for every surface to show like any other finding.
 */
import type { Analysis, Finding, FixEdit, WorkloadResult } from '../analysis/types';
import { isObject, parseConfigDocument, rangeForPath, valueAt, type ConfigDocument } from '../config/document';
import type { UsageModel, UsageSummary } from './summary';

/** A volume or a request size this many times above or below the measured one is drift. */
export const DRIFT_RATIO = 1.5;
/** A share this many points (0.15 = 15 points) from the measured one is drift. */
export const DRIFT_SHARE_POINTS = 0.15;

/** One model's usage across its groups (projects, keys, model groups). */
export interface MeasuredModel {
  model: string;
  names: string[];
  monthlyTokens: number | null;
  inputShare: number | null;
  cachedInputShare: number | null;
  requestShape: { inputTokens: number; outputTokens: number } | null;
  spendUsd: number | null;
  listPriceUsd: number | null;
  spendRatio: number | null;
}

/** Sum of a figure over groups, or null when any group lacks it. */
function total(models: readonly UsageModel[], pick: (m: UsageModel) => number | null): number | null {
  let sum = 0;
  for (const m of models) {
    const v = pick(m);
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** The usage per model, its groups added together, in the order the summary lists them. */
export function measuredModels(usage: UsageSummary): MeasuredModel[] {
  const byModel = new Map<string, UsageModel[]>();
  for (const m of usage.models) byModel.set(m.model, [...(byModel.get(m.model) ?? []), m]);
  return [...byModel].map(([model, groups]) => {
    const input = total(groups, (m) => m.inputTokens);
    const output = total(groups, (m) => m.outputTokens);
    const cached = total(groups, (m) => m.cachedInputTokens);
    const requests = total(groups, (m) => m.requests);
    const tokens = input !== null && output !== null ? input + output : null;
    const spendUsd = total(groups, (m) => m.spendUsd);
    const listPriceUsd = total(groups, (m) => m.listPriceUsd);
    return {
      model,
      names: [...new Set(groups.flatMap((m) => m.names))],
      monthlyTokens: total(groups, (m) => m.monthlyTokens),
      inputShare: tokens ? input! / tokens : null,
      cachedInputShare: cached !== null && input ? cached / input : null,
      requestShape: requests && input !== null && output !== null ? { inputTokens: Math.max(1, Math.round(input / requests)), outputTokens: Math.max(1, Math.round(output / requests)) } : null,
      spendUsd,
      listPriceUsd,
      spendRatio: spendUsd !== null && listPriceUsd ? spendUsd / listPriceUsd : null,
    };
  });
}

/** "412M", "1.2B", "85K": how configs write volumes, rounded to three significant figures. */
export function volumeText(tokens: number): string {
  const [unit, scale] = tokens >= 1e9 ? ['B', 1e9] : tokens >= 1e6 ? ['M', 1e6] : ['K', 1e3];
  return `${Number((tokens / scale).toPrecision(3))}${unit}`;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const round3 = (share: number) => Math.round(share * 1000) / 1000;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** Findings for a config against usage; `text` is the config the analysis was made of. */
export function usageDrift(text: string, analysis: Analysis, usage: UsageSummary): Finding[] {
  if (!analysis.syntaxOk) return [];
  const doc = parseConfigDocument(text);
  const measured = measuredModels(usage);
  const byModel = new Map(measured.map((m) => [m.model, m]));
  const findings: Finding[] = [];
  const named = new Set<string>();
  for (const w of analysis.workloads) {
    named.add(w.model);
    const m = byModel.get(w.model);
    if (m) findings.push(...workloadDrift(doc, analysis, w, m, analysis.workloads.filter((o) => o.model === w.model).length));
  }
  const unlisted = measured.filter((m) => !named.has(m.model) && m.monthlyTokens !== null && m.monthlyTokens > 0);
  if (unlisted.length) findings.push(unlistedFinding(doc, analysis, unlisted));
  return findings;
}

function workloadDrift(doc: ConfigDocument, analysis: Analysis, w: WorkloadResult, m: MeasuredModel, sharing: number): Finding[] {
  const path = ['workloads', w.index];
  const raw = valueAt(doc.value, path);
  if (!isObject(raw)) return [];
  const out: Finding[] = [];
  const at = (field: string, message: string, edits: FixEdit[] | null, fixTitle: string): void => {
    // A field the workload does not write: the finding sits on its name, the fix adds the field.
    const range = Object.hasOwn(raw, field) ? rangeForPath(doc, [...path, field]) : rangeForPath(doc, [...path, 'name']);
    out.push({ ...range, severity: 'warning', code: 'usage-drift', workload: w.index, message, ...(edits ? { fixes: [{ title: fixTitle, edits, preferred: true }] } : {}) });
  };
  const configured = w.monthlyTokensM * 1e6;
  if (m.monthlyTokens !== null && m.monthlyTokens > 0 && farApart(configured, m.monthlyTokens)) {
    const measuredText = volumeText(m.monthlyTokens);
    if (sharing > 1)
      at('monthlyTokens', `The usage shows ${count(m.monthlyTokens)} tokens a month (${measuredText}) for ${m.model}, shared by ${sharing} workloads of this file; this one plans ${volumeText(configured)}. Split the measured volume between them.`, null, '');
    else
      at('monthlyTokens', `The usage shows ${count(m.monthlyTokens)} tokens a month (${measuredText}) for ${m.model}; the workload plans ${volumeText(configured)}, ${ratioWords(configured, m.monthlyTokens)}.`, [{ path: [...path, 'monthlyTokens'], value: measuredText }], `Set monthlyTokens to the measured ${measuredText}`);
  }
  const inputShare = typeof raw.inputShare === 'number' ? raw.inputShare : analysis.assumptions.inputShare;
  if (m.inputShare !== null && Math.abs(inputShare - m.inputShare) >= DRIFT_SHARE_POINTS)
    at('inputShare', `The usage shows ${pct(m.inputShare)} of ${m.model}'s tokens are input; the workload assumes ${pct(inputShare)}${typeof raw.inputShare === 'number' ? '' : ' (the default)'}.`, [{ path: [...path, 'inputShare'], value: round3(m.inputShare) }], `Set inputShare to the measured ${round3(m.inputShare)}`);
  const cachedShare = typeof raw.cachedInputShare === 'number' ? raw.cachedInputShare : 0;
  if (m.cachedInputShare !== null && Math.abs(cachedShare - m.cachedInputShare) >= DRIFT_SHARE_POINTS)
    at('cachedInputShare', `The usage shows ${pct(m.cachedInputShare)} of ${m.model}'s input tokens read from the cache; the workload assumes ${pct(cachedShare)}${typeof raw.cachedInputShare === 'number' ? '' : ' (none written)'}.`, [{ path: [...path, 'cachedInputShare'], value: round3(m.cachedInputShare) }], `Set cachedInputShare to the measured ${round3(m.cachedInputShare)}`);
  const shape = w.serving.shape;
  if (m.requestShape && (farApart(shape.inputTokens, m.requestShape.inputTokens) || farApart(shape.outputTokens, m.requestShape.outputTokens))) {
    const keep = isObject(raw.requestShape) && typeof raw.requestShape.reasoningTokens === 'number' && raw.requestShape.reasoningTokens <= m.requestShape.outputTokens ? { reasoningTokens: raw.requestShape.reasoningTokens } : {};
    at('requestShape', `The usage shows ${count(m.requestShape.inputTokens)} input and ${count(m.requestShape.outputTokens)} output tokens per request for ${m.model}; the workload is sized for ${count(shape.inputTokens)} and ${count(shape.outputTokens)}${isObject(raw.requestShape) ? '' : ' (the default)'}.`, [{ path: [...path, 'requestShape'], value: { ...m.requestShape, ...keep } }], `Set requestShape to the measured ${m.requestShape.inputTokens} in / ${m.requestShape.outputTokens} out`);
  }
  return out;
}

function farApart(a: number, b: number): boolean {
  if (a <= 0 || b <= 0) return a !== b;
  return Math.max(a, b) / Math.min(a, b) >= DRIFT_RATIO;
}

function ratioWords(planned: number, measured: number): string {
  return planned > measured ? `${(planned / measured).toFixed(1)}× the measured volume` : `${(measured / planned).toFixed(1)}× below it`;
}

/** A name for a new workload: the model's own id, made unique in the file. */
function workloadName(model: string, taken: Set<string>): string {
  let name = model.slice(0, 80);
  for (let i = 2; taken.has(name); i++) name = `${model.slice(0, 80)}-${i}`;
  taken.add(name);
  return name;
}

/** The workload a model's usage writes: measured volume, shares and shape where the export has them. */
export function workloadFromUsage(m: MeasuredModel, name: string): Record<string, unknown> {
  const w: Record<string, unknown> = { name, model: m.model, monthlyTokens: volumeText(m.monthlyTokens ?? 0) };
  if (m.inputShare !== null) w.inputShare = round3(m.inputShare);
  if (m.cachedInputShare) w.cachedInputShare = round3(m.cachedInputShare);
  if (m.requestShape) w.requestShape = { ...m.requestShape };
  return w;
}

function unlistedFinding(doc: ConfigDocument, analysis: Analysis, unlisted: MeasuredModel[]): Finding {
  const taken = new Set(analysis.workloads.map((w) => w.name));
  const workloads = valueAt(doc.value, ['workloads']);
  let next = Array.isArray(workloads) ? workloads.length : 0;
  const edits: FixEdit[] = unlisted.map((m) => ({ path: ['workloads', next++], value: workloadFromUsage(m, workloadName(m.model, taken)), insert: true }));
  const list = unlisted.map((m) => `${m.model} (${volumeText(m.monthlyTokens ?? 0)} a month)`).join(', ');
  return {
    ...rangeForPath(doc, Array.isArray(workloads) ? ['workloads'] : []),
    severity: 'warning',
    code: 'usage-unlisted-model',
    message: `The usage shows ${unlisted.length} model(s) no workload names: ${list}.`,
    fixes: [{ title: unlisted.length === 1 ? `Add a workload for ${unlisted[0]!.model}` : `Add ${unlisted.length} workloads from the usage`, edits, preferred: true }],
  };
}

/** What an import writes for a model the user picked: the workload it updates or adds, or why neither. */
export interface ImportPlan {
  model: string;
  /** The workload updated, or null when one is added. */
  workload: string | null;
  /** Several workloads name the model: its volume is theirs to split, so nothing is written. */
  shared: boolean;
  edits: FixEdit[];
}

/**
 * The edits that write the measured figures: a workload that alone names the model gets its
 * volume, shares and shape; a model no workload names becomes a workload.
 */
export function importPlans(text: string, analysis: Analysis, usage: UsageSummary): ImportPlan[] {
  const doc = parseConfigDocument(text);
  const workloads = valueAt(doc.value, ['workloads']);
  let next = Array.isArray(workloads) ? workloads.length : 0;
  const taken = new Set(analysis.workloads.map((w) => w.name));
  return measuredModels(usage)
    .filter((m) => m.monthlyTokens !== null && m.monthlyTokens > 0)
    .map((m): ImportPlan => {
      const named = analysis.workloads.filter((w) => w.model === m.model);
      if (named.length > 1) return { model: m.model, workload: null, shared: true, edits: [] };
      if (named.length === 0) {
        if (!Array.isArray(workloads)) return { model: m.model, workload: null, shared: false, edits: [] };
        return { model: m.model, workload: null, shared: false, edits: [{ path: ['workloads', next++], value: workloadFromUsage(m, workloadName(m.model, taken)), insert: true }] };
      }
      const w = named[0]!;
      const path = ['workloads', w.index];
      const fields = workloadFromUsage(m, w.name);
      // A measured share of none is written over the workload's own (a new workload leaves it out).
      if (m.cachedInputShare !== null) fields.cachedInputShare = round3(m.cachedInputShare);
      const edits: FixEdit[] = ['monthlyTokens', 'inputShare', 'cachedInputShare', 'requestShape'].filter((f) => fields[f] !== undefined).map((f) => ({ path: [...path, f], value: fields[f] }));
      return { model: m.model, workload: w.name, shared: false, edits };
    });
}

/** Spend beside the list-price estimate, per workload whose model the usage priced. */
export interface Reconciliation {
  workload: number;
  name: string;
  model: string;
  spendUsd: number;
  listPriceUsd: number | null;
  ratio: number | null;
}

export function usageReconciliation(analysis: Analysis, usage: UsageSummary): Reconciliation[] {
  const byModel = new Map(measuredModels(usage).map((m) => [m.model, m]));
  const out: Reconciliation[] = [];
  for (const w of analysis.workloads) {
    const m = byModel.get(w.model);
    if (m?.spendUsd == null) continue;
    out.push({ workload: w.index, name: w.name, model: w.model, spendUsd: m.spendUsd, listPriceUsd: m.listPriceUsd, ratio: m.spendRatio });
  }
  return out;
}
