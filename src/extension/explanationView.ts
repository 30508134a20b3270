/**
 * What the explanation page of a figure says, and its HTML. The page is built from the
 * analysis each time it is shown, so it follows the file: the lens it explains is found again
 * by its kind, workload and alternative. Everything from the config or the catalog is text:
 * escaped here, the only place the page's HTML is written, and the page runs no script.
 */
import vscode = require('vscode');
import { articleNamer, findModel, formatNumber, positionConverter, stepText, type Analysis, type Catalog, type ExplanationStep } from '../engine';
import type { LensKey } from './explainArgs';
import { neutralizeBidi } from '../untrustedText';
import { Commands } from './ids';
import { modelDetail, type DetailSection } from './modelDetail';
import { pricingLabel, provenanceLabel } from './pricingText';

export interface PageStep {
  /** The step as a line: "capacity per replica = 1,555 M tokens/month: …". */
  text: string;
  /** For a formula: the formula and the values that went in ("tps = 600, hours = 720"). */
  formula?: string;
  inputs?: string;
}

/** A field of the config a figure comes from, with where it is. */
export interface PageField {
  field: string;
  /** The value as written in the file. */
  value: string;
  line: number;
  offset: number;
  length: number;
}

export interface ExplanationView {
  title: string;
  /** "support-chat · gpt-4o · 100M tokens a month", or a line that the figure is gone. */
  subtitle: string;
  steps: PageStep[];
  fields: PageField[];
  /** Where the prices and the model's figures come from, each with its date. */
  sources: string[];
  /** The rest of the model card, when the page was opened from a model's hover. */
  detail: DetailSection[];
}

function pageStep(s: ExplanationStep): PageStep {
  if (!('figure' in s)) return { text: stepText(s) };
  const inputs = Object.entries(s.figure.inputs)
    .map(([name, value]) => `${name} = ${typeof value === 'number' ? formatNumber(value) : value}`)
    .join(', ');
  return { text: stepText(s), formula: s.figure.formula, inputs };
}

/** The page for a lens of the analysis of `text`, or a page saying the figure is no longer there. */
export function explanationView(analysis: Analysis, text: string, key: LensKey, catalog: Catalog, withModel = false): ExplanationView {
  const lens = analysis.lenses.find((l) => l.kind === key.kind && l.workload === key.workload && l.alternative === key.alternative);
  const w = analysis.workloads.find((x) => x.index === key.workload);
  if (!lens || !w) {
    return { title: vscode.l10n.t('This figure is no longer in the file'), subtitle: vscode.l10n.t('Click a lens above a workload to explain its figure.'), steps: [], fields: [], sources: [], detail: [] };
  }
  // Lines as the engine counts them for every range it reports (\n, \r\n and \r end one).
  const positionAt = positionConverter(text);
  const fields: PageField[] = [];
  const add = (field: string, offset: number, length: number) => {
    if (!fields.some((f) => f.offset === offset)) fields.push({ field, value: cut(text.slice(offset, offset + length)), line: positionAt(offset).line + 1, offset, length });
  };
  for (const ref of analysis.modelReferences.filter((r) => r.workload === w.index && r.alternative === undefined)) add('model', ref.offset, ref.length);
  for (const figure of analysis.figures.filter((f) => f.workload === w.index)) add(figure.field, figure.offset, figure.length);
  fields.sort((a, b) => a.offset - b.offset);
  // The article is named by its title and what it is once, where the page first cites it; "the article" after.
  const name = articleNamer();
  const steps = lens.explanation.map(pageStep).map((s) => ({ ...s, text: name(s.text) }));
  const sources = [vscode.l10n.t('Prices: {0}', name(pricingLabel(analysis.pricing)))];
  const model = findModel(w.model, catalog);
  if (model?.price) sources.push(vscode.l10n.t('{0} price: {1}', model.name, name(provenanceLabel(model.price))));
  if (model) sources.push(vscode.l10n.t('{0} card: {1}', model.name, name(provenanceLabel(model))));
  return {
    title: lens.title,
    subtitle: vscode.l10n.t('{0} · {1} · {2}M tokens a month', cut(w.name), cut(w.model), formatNumber(w.monthlyTokensM)),
    steps,
    fields,
    sources,
    detail: withModel && model ? modelDetail(model, analysis, catalog, w.index) : [],
  };
}

/** A name from the file, at most a line of the page. */
function cut(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}


/** Text as HTML text: no markup, no entity, no bidi control survives. */
export function escapeHtml(text: string): string {
  return neutralizeBidi(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A command link that reveals a field of the config (the only command the page may run). */
export function revealHref(uri: vscode.Uri, field: PageField): string {
  return `command:${Commands.revealField}?${encodeURIComponent(JSON.stringify([uri.toString(), field.offset, field.length]))}`;
}

export function explanationHtml(view: ExplanationView, uri: vscode.Uri, nonce: string): string {
  const steps = view.steps
    .map((s) =>
      s.formula === undefined
        ? `<li>${escapeHtml(s.text)}</li>`
        : `<li>${escapeHtml(s.text.split(':')[0]!)}<div class="formula"><code>${escapeHtml(s.formula)}</code></div><div class="inputs">${escapeHtml(s.inputs ?? '')}</div></li>`,
    )
    .join('\n');
  const fields = view.fields
    .map((f) => `<li><a href="${escapeHtml(revealHref(uri, f))}">${escapeHtml(f.field)}</a>: <code>${escapeHtml(f.value)}</code> <span class="line">${escapeHtml(vscode.l10n.t('line {0}', f.line))}</span></li>`)
    .join('\n');
  const sources = view.sources.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n');
  const section = (title: string, body: string, tag: 'ol' | 'ul') => (body ? `<h2>${escapeHtml(title)}</h2>\n<${tag}>\n${body}\n</${tag}>` : '');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); line-height: 1.5; max-width: 60em; padding: 0 1.5em; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
h2 { font-size: 1.1em; margin-top: 1.5em; border-bottom: 1px solid var(--vscode-panel-border); }
.subtitle, .line, .inputs { color: var(--vscode-descriptionForeground); }
li { margin: 0.35em 0; overflow-wrap: anywhere; }
code { font-family: var(--vscode-editor-font-family); }
.formula { margin-left: 1em; }
.inputs { margin-left: 1em; font-size: 0.95em; }
a { color: var(--vscode-textLink-foreground); }
</style>
<title>${escapeHtml(view.title)}</title>
</head>
<body>
<h1>${escapeHtml(view.title)}</h1>
<p class="subtitle">${escapeHtml(view.subtitle)}</p>
${section(vscode.l10n.t('How it is computed'), steps, 'ol')}
${section(vscode.l10n.t('The fields of the config it comes from'), fields, 'ul')}
${section(vscode.l10n.t('Sources and dates'), sources, 'ul')}
${view.detail.map((d) => section(d.heading, d.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n'), 'ul')).join('\n')}
</body>
</html>`;
}
