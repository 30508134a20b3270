import vscode = require('vscode');
import { type Analysis, articleNamer, type Catalog, explanationLines, type Figure, findModel, formatContext, formatUsd, listPricesIn, type ModelReference } from '../engine';
import type { ExplainArgs } from './explainArgs';
import type { AnalysisCache } from './analysisCache';
import { Commands, CONFIG_SELECTOR } from './ids';
import { escapeMarkdown as esc } from './markdown';
import { toRange } from './positions';
import { cardRows, scoreSections } from './modelCard';

/** Lines a model card shows under its headline at most; the rest is on the page its "more" link opens. */
export const MAX_CARD_LINES = 12;

/**
 * What fits under the headline. VS Code opens a hover at most 250 px tall (a quarter of the
 * editor when that is more) and scrolls the rest: the headline takes about half of it, a
 * diagnostic at the same place (drawn above the card, in the same box) most of the other half.
 * With a link to the page, the card keeps to what fits and the page has the rest; without one
 * (an alternative's model, a model in code), the card is all there is, up to MAX_CARD_LINES.
 */
function cardBudget(link: boolean, underDiagnostic: boolean, resolved: boolean): { lines: number; scores: boolean } {
  if (!link) return { lines: MAX_CARD_LINES - 2, scores: true };
  // How a name was read is said even under a diagnostic: it is one line, and often what the diagnostic is about.
  return underDiagnostic ? { lines: resolved ? 1 : 0, scores: false } : { lines: 4, scores: false };
}

/** Hovers: the model card on a model id, the computation on a figure-bearing field. Owns its registration. */
export class CostHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly cache: AnalysisCache) {
    this.registration = vscode.languages.registerHoverProvider(CONFIG_SELECTOR, this);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analysis = this.cache.get(document);
    const offset = document.offsetAt(position);
    const contains = (r: { offset: number; length: number }) => offset >= r.offset && offset <= r.offset + r.length;
    const positionAt = (o: number) => document.positionAt(o);
    const reference = analysis.modelReferences.find(contains);
    if (reference) {
      // A finding there is a diagnostic in the same box: ours, or VS Code's JSON support's for the schema codes it reports itself.
      // (Read from the analysis: asking VS Code for a large file's diagnostics copies thousands of them.)
      const underDiagnostic = analysis.findings.some(contains);
      return new vscode.Hover(modelHover(reference, analysis, this.cache.catalog, document.uri, { underDiagnostic }), toRange(positionAt, reference.offset, reference.length));
    }
    const figure = analysis.figures.find(contains);
    if (figure) return new vscode.Hover(figureHover(figure, analysis), toRange(positionAt, figure.offset, figure.length));
    return undefined;
  }

  dispose(): void {
    this.registration.dispose();
  }
}

/** Markdown that renders nothing but text: no commands, no HTML, no icons, whatever the config holds. */
export function inertMarkdown(): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('', false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  // The Markdown parser takes escapeMarkdown's backslashes out of `\$\(name\)`, and icons
  // would be drawn after that: they stay off.
  markdown.supportThemeIcons = false;
  return markdown;
}

function figureHover(figure: Figure, analysis: Analysis): vscode.MarkdownString {
  const markdown = inertMarkdown();
  const workload = analysis.workloads.find((w) => w.index === figure.workload);
  const title = workload
    ? vscode.l10n.t('{0} of workload {1}', figure.field, workload.name)
    : figure.field;
  markdown.appendMarkdown(`**${esc(title)}**\n\n`);
  for (const line of explanationLines(figure.explanation)) markdown.appendMarkdown(`- ${esc(line, Infinity)}\n`);
  return markdown;
}

export interface ModelHoverOptions {
  /** A diagnostic is shown at the same place: VS Code puts it above the card, in the same box. */
  underDiagnostic?: boolean;
}

export function modelHover(reference: ModelReference, analysis: Analysis, cat: Catalog, uri?: vscode.Uri, options: ModelHoverOptions = {}): vscode.MarkdownString {
  const markdown = inertMarkdown();
  const model = reference.card ?? findModel(reference.modelId, cat);
  if (!model) {
    markdown.appendMarkdown(`**${esc(reference.modelId)}**\n\n`);
    markdown.appendMarkdown(esc(vscode.l10n.t('Not in the catalog: no card, prices or benchmarks for this model.'), Infinity));
    return markdown;
  }
  const line = (label: string, value: string) => `| ${esc(label)} | ${esc(value, Infinity)} |\n`;
  const access = model.access === 'open-weight' ? vscode.l10n.t('open-weight') : vscode.l10n.t('API-only');
  // The prices of the month the analysis priced: a dated price as the lens bills it (the card's "Dated prices" row says why).
  const listed = model.price && listPricesIn(model.price, analysis.assumptions.month);
  // The headline: what it is, its price and context (one paragraph, so it takes one or two
  // lines), and this workload's verdict; the detail follows the rule.
  markdown.appendMarkdown(`### ${esc(model.name)}\n\n`);
  // Short forms ("per 1M", "128K context"): a license such as "Llama 3.1 Community License" must leave the line room.
  const price = listed ? vscode.l10n.t('{0} in / {1} out per 1M', formatUsd(listed.inputPerMillionUsd), formatUsd(listed.outputPerMillionUsd)) : vscode.l10n.t('no API price');
  const context = model.contextTokens > 0 ? vscode.l10n.t('{0} context', formatContext(model.contextTokens)) : vscode.l10n.t('context not public');
  markdown.appendMarkdown(`${esc([model.lab, access, model.license].join(' · '), Infinity)} · **${esc(price, Infinity)}** · ${esc(context, Infinity)}\n\n`);
  const workload = analysis.workloads.find((w) => w.index === reference.workload);
  // Under a diagnostic the verdict gives way: it is the lens just above the workload, and the
  // box has no room for it beside the diagnostic.
  if (workload && !options.underDiagnostic) {
    const verdict = analysis.lenses.filter((l) => l.workload === workload.index).map((l) => l.title);
    markdown.appendMarkdown(`${esc(`${workload.name}: ${verdict.join(' — ')}`, Infinity)}\n\n`);
  }
  markdown.appendMarkdown('---\n\n');
  // The card's rows and scores, as many as the box has room for (see cardBudget); the page "More" opens has them all.
  const link = Boolean(uri && workload && reference.alternative === undefined);
  const budget = cardBudget(link, options.underDiagnostic === true, model.servedBy !== undefined);
  const rows = cardRows(model, analysis, reference.modelId, workload);
  // The article is named by its title and what it is where the card, as shown, first cites it; "the article" after.
  const name = articleNamer();
  const scoreCount = budget.scores ? scoreSections(model, cat).length : 0;
  const shownRows = rows.slice(0, Math.max(0, budget.lines - scoreCount));
  if (shownRows.length) markdown.appendMarkdown(`| | |\n|---|---|\n${shownRows.map(([label, value]) => line(label, name(value))).join('')}\n`);
  // Named after the rows, so that the first citation the reader meets is the one with the title.
  if (budget.scores) for (const [title, text] of scoreSections(model, cat, name)) markdown.appendMarkdown(`**${esc(title)}**: ${esc(text, Infinity)}\n\n`);
  // The page explains the workload's own figure: an alternative's model id has the card alone.
  if (uri && workload && reference.alternative === undefined) {
    // The rest of the card (the setups, where it fits) and how the cost is computed: a page of its own.
    const args: ExplainArgs = { uri: uri.toString(), lens: { kind: 'cost', workload: workload.index }, model: true };
    markdown.isTrusted = { enabledCommands: [Commands.explainFigure] };
    markdown.appendMarkdown(`[${esc(vscode.l10n.t('More: the setups, where it fits, how the cost is computed'))}](command:${Commands.explainFigure}?${encodeURIComponent(JSON.stringify([args]))})\n`);
  }
  return markdown;
}


