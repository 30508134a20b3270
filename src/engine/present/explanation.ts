/**
 * How a figure was computed, as data. A step keeps its numbers as numbers with how each is
 * written, and the words around them as a template literal's parts: results stay plain data
 * (a webview message, `--json`, a structured clone), a front end can pick the steps it needs
 * by topic instead of parsing English, and nothing is formatted until someone reads it —
 * formatting every step of a 1,000-workload file would cost more than analyzing it.
 */
import { formatGB, formatNumber, formatUsd, type Explained } from '../pricing/cost';

/** What a step is about; stable, for picking steps (a volume's hover shows the replicas and the monthly cost). */
export type StepTopic =
  | 'price'
  | 'monthly-cost'
  | 'throughput'
  | 'serving'
  | 'fixed'
  | 'gpu-price'
  | 'capacity'
  | 'cost-at-capacity'
  | 'replicas'
  | 'traffic'
  | 'memory'
  | 'crossover'
  | 'setup'
  | 'volume'
  | 'total';

/** A value in a step: a number (written with up to the digits it needs), text as is, dollars or gigabytes. */
export type StepValue = number | string | { usd: number } | { gb: number };

/** A line of text with its values: `text[0] values[0] text[1] … text[n]`. */
export interface TextStep {
  topic: StepTopic;
  text: readonly string[];
  values: readonly StepValue[];
}

/** A formula with its inputs: "label = value unit: formula (name = value, …)". */
export interface FormulaStep {
  topic: StepTopic;
  label: string;
  figure: Explained;
  /** Where its inputs come from, after a dash. */
  note?: string;
}

export type ExplanationStep = TextStep | FormulaStep;

/** Steps, in the order they are read. */
export type Explanation = readonly ExplanationStep[];

export const NO_STEPS: Explanation = Object.freeze([]);

/**
 * A tag for a template literal that makes a step of it: step('replicas')`replicas = ${n}`.
 * The literal's parts are one frozen array per call site, shared by every step made there.
 */
export function step(topic: StepTopic): (text: TemplateStringsArray, ...values: StepValue[]) => TextStep {
  return (text, ...values) => ({ topic, text, values });
}

/** A line that is already text (the serving model's own lines). */
export function textStep(topic: StepTopic, line: string): TextStep {
  return { topic, text: [line], values: NO_VALUES };
}

export function formulaStep(topic: StepTopic, label: string, figure: Explained, note?: string): FormulaStep {
  return note === undefined ? { topic, label, figure } : { topic, label, figure, note };
}

export const usd = (n: number): StepValue => ({ usd: n });
export const gb = (n: number): StepValue => ({ gb: n });

const NO_VALUES: readonly StepValue[] = Object.freeze([]);

function valueText(v: StepValue): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  return 'usd' in v ? formatUsd(v.usd) : formatGB(v.gb);
}

/** One step as the line a person reads. */
export function stepText(s: ExplanationStep): string {
  if ('figure' in s) return s.note === undefined ? formulaText(s.label, s.figure) : `${formulaText(s.label, s.figure)} — ${s.note}`;
  let out = s.text[0] ?? '';
  for (let i = 0; i < s.values.length; i++) out += valueText(s.values[i]!) + (s.text[i + 1] ?? '');
  return out;
}

/** Every step as a line. */
export function explanationLines(steps: Explanation): string[] {
  return steps.map(stepText);
}

/** "price = 6.25 USD/M tokens: inputShare × price_in + (1 − inputShare) × price_out (inputShare = 0.5, …)" */
export function formulaText(label: string, e: Explained): string {
  const values = Object.entries(e.inputs)
    .map(([k, v]) => `${k} = ${typeof v === 'number' ? formatNumber(v) : v}`)
    .join(', ');
  return `${label} = ${formatNumber(e.value)} ${e.unit}: ${e.formula} (${values})`;
}
