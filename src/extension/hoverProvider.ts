import vscode = require('vscode');
import { type Analysis, articleNamer, type Catalog, explanationLines, type Figure, findModel, formatNumber, formatUsd, listPricesIn, type ModelCard, type ModelReference } from '../engine';
import type { ExplainArgs } from './explainArgs';
import type { AnalysisCache } from './analysisCache';
import { Commands, CONFIG_SELECTOR } from './ids';
import { escapeMarkdown as esc } from './markdown';
import { toRange } from './positions';
import { pricingLabel, provenanceLabel } from './pricingText';

/** Lines a model card shows under its headline; the rest is on the page its "more" link opens. */
export const MAX_CARD_LINES = 12;

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
      return new vscode.Hover(modelHover(reference, analysis, this.cache.catalog, document.uri), toRange(positionAt, reference.offset, reference.length));
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

export function modelHover(reference: ModelReference, analysis: Analysis, cat: Catalog, uri?: vscode.Uri): vscode.MarkdownString {
  const markdown = inertMarkdown();
  const model = reference.card ?? findModel(reference.modelId, cat);
  if (!model) {
    markdown.appendMarkdown(`**${esc(reference.modelId)}**\n\n`);
    markdown.appendMarkdown(esc(vscode.l10n.t('Not in the catalog: no card, prices or benchmarks for this model.'), Infinity));
    return markdown;
  }
  const line = (label: string, value: string) => `| ${esc(label)} | ${esc(value, Infinity)} |\n`;
  const access = model.access === 'open-weight' ? vscode.l10n.t('open-weight') : vscode.l10n.t('API-only');
  // The prices of the month the analysis priced: a dated price as the lens bills it, and why.
  const listed = model.price && listPricesIn(model.price, analysis.assumptions.month);
  // The headline: what it is, its price and context, and this workload's verdict; the detail follows the rule.
  markdown.appendMarkdown(`### ${esc(model.name)}\n\n`);
  markdown.appendMarkdown(`${esc([model.lab, access, model.license].join(' · '), Infinity)}\n\n`);
  const headline = [
    listed ? vscode.l10n.t('{0} in / {1} out per 1M tokens', formatUsd(listed.inputPerMillionUsd), formatUsd(listed.outputPerMillionUsd)) : vscode.l10n.t('no API price'),
    model.contextTokens > 0 ? vscode.l10n.t('{0}-token context', formatNumber(model.contextTokens)) : vscode.l10n.t('context not public'),
  ];
  markdown.appendMarkdown(`**${esc(headline.join(' · '), Infinity)}**\n\n`);
  const workload = analysis.workloads.find((w) => w.index === reference.workload);
  if (workload) {
    const verdict = analysis.lenses.filter((l) => l.workload === workload.index).map((l) => l.title);
    markdown.appendMarkdown(`${esc(`${workload.name}: ${verdict.join(' — ')}`, Infinity)}\n\n`);
  }
  markdown.appendMarkdown('---\n\n');
  // The card's rows, then its scores: at most MAX_CARD_LINES lines in all, the table's two header lines included.
  const rows: [string, string][] = [];
  rows.push([vscode.l10n.t('Model id'), model.id]);
  if (model.servedBy) {
    // What the name was read as, and whose bill applies: a name can mean several hosts.
    rows.push([vscode.l10n.t('Billed by'), vscode.l10n.t('{0} ("{1}")', model.servedBy.host, model.servedBy.key)]);
    rows.push([vscode.l10n.t('Resolved'), model.servedBy.via.join('; ')]);
  }
  rows.push([vscode.l10n.t('Parameters'), parameters(model)]);
  rows.push([vscode.l10n.t('Architecture'), [model.architecture, model.architectureNote].filter(Boolean).join(' — ')]);
  rows.push([vscode.l10n.t('Context'), vscode.l10n.t('{0} tokens', formatNumber(model.contextTokens))]);
  const price = model.price;
  if (price) rows.push([vscode.l10n.t('Price source'), provenanceLabel(price, analysis.pricing.staleBefore)]);
  else rows.push([vscode.l10n.t('API price'), vscode.l10n.t('none in the catalog')]);
  if (listed?.notes.length) rows.push([vscode.l10n.t('Dated prices'), listed.notes.join('; ')]);
  rows.push([vscode.l10n.t('Card source'), provenanceLabel(model)]);
  if (price?.seedBlendedPerMillionUsd !== undefined) {
    // Two blends of the same prices: the article's at its own mix of input and output, this workload's at its own.
    rows.push([vscode.l10n.t("The article's blend"), articleBlend(price.seedBlendedPerMillionUsd, price.inputPerMillionUsd, price.outputPerMillionUsd)]);
    if (workload && workload.model === reference.modelId && workload.deployment === 'api' && workload.apiPricePerMillionUsd !== null) {
      rows.push([vscode.l10n.t("This workload's blend"), vscode.l10n.t('{0} / 1M at its input share, {1}% input (the lens uses this)', formatUsd(workload.apiPricePerMillionUsd), formatNumber(Math.round(workload.billing.inputShare * 100)))]);
    }
  }
  // The prices the analysis used as a whole, when they are not this price's own (a refreshed list, a fallback).
  if (analysis.pricing.source !== price?.source || analysis.pricing.fallbackReason) {
    rows.push([vscode.l10n.t('Prices in use'), pricingLabel(analysis.pricing)]);
  }
  // The note last: the first row to give way when the card is full.
  if (price?.note) rows.push([vscode.l10n.t('Price note'), price.note]);
  const shownRows = rows.slice(0, Math.max(0, MAX_CARD_LINES - 2 - scoreLines(model, cat).length));
  // The article is named by its title and what it is where the card, as shown, first cites it; "the article" after.
  const name = articleNamer();
  markdown.appendMarkdown(`| | |\n|---|---|\n${shownRows.map(([label, value]) => line(label, name(value))).join('')}\n`);
  const scores = scoreLines(model, cat, name);
  for (const score of scores) markdown.appendMarkdown(`${score}\n\n`);
  // The page explains the workload's own figure: an alternative's model id has the card alone.
  if (uri && workload && reference.alternative === undefined) {
    // The rest of the card (the setups, where it fits) and how the cost is computed: a page of its own.
    const args: ExplainArgs = { uri: uri.toString(), lens: { kind: 'cost', workload: workload.index }, model: true };
    markdown.isTrusted = { enabledCommands: [Commands.explainFigure] };
    markdown.appendMarkdown(`[${esc(vscode.l10n.t('More: the setups, where it fits, how the cost is computed'))}](command:${Commands.explainFigure}?${encodeURIComponent(JSON.stringify([args]))})\n`);
  }
  return markdown;
}
/** "$0.55 / 1M at its input share, about 66% input": the share is the one its blend implies from the list prices. */
function articleBlend(blend: number, input: number, output: number): string {
  const share = output > input ? (output - blend) / (output - input) : NaN;
  return share >= 0 && share <= 1
    ? vscode.l10n.t('{0} / 1M at its input share, about {1}% input', formatUsd(blend), formatNumber(Math.round(share * 100)))
    : vscode.l10n.t('{0} / 1M at its own input share', formatUsd(blend));
}

function parameters(model: ModelCard): string {
  if (model.paramsB === undefined) return model.paramsNote ?? vscode.l10n.t('not public');
  const total = `${formatNumber(model.paramsB)}B`;
  const active = model.activeParamsB ?? model.paramsB;
  const text =
    active === model.paramsB
      ? vscode.l10n.t('{0} (all active)', total)
      : vscode.l10n.t('{0} total, {1}B active', total, formatNumber(active));
  return model.paramsNote ? `${text} — ${model.paramsNote}` : text;
}

function scoreLines(model: ModelCard, catalog: Catalog, name: (text: string) => string = (t) => t): string[] {
  const scores = catalog.scores[model.id];
  if (!scores) return [];
  const rows = catalog.benchmarks
    .filter((benchmark) => scores[benchmark.id])
    .map((benchmark) => {
      const score = scores[benchmark.id]!;
      const shown = score.display ?? (benchmark.kind === 'percent' ? `${formatNumber(score.value)}%` : formatNumber(score.value));
      return { benchmark, shown, score };
    });
  const sections: [string, typeof rows][] = [
    [vscode.l10n.t('Benchmarks'), rows.filter((row) => row.benchmark.category !== 'safety')],
    [vscode.l10n.t('Safety'), rows.filter((row) => row.benchmark.category === 'safety')],
  ];
  // One line per section, the source once: a table per benchmark made the card a wall.
  return sections
    .filter(([, section]) => section.length > 0)
    .map(([title, section]) => {
      const sources = [...new Set(section.map(({ score }) => name(`${score.source}, ${score.asOf}`)))];
      return `**${esc(title)}**: ${esc(section.map(({ benchmark, shown }) => `${benchmark.name} ${shown}`).join(' · '), Infinity)} (${esc(sources.join('; '), Infinity)})`;
    });
}
