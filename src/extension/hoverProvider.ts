import vscode = require('vscode');
import { type Analysis, type Catalog, DEFAULT_REQUEST_SHAPE, explanationLines, type Figure, findModel, formatNumber, formatUsd, type ModelCard, type ModelReference, servingReplica, sizeMemory } from '../engine';
import type { AnalysisCache } from './analysisCache';
import { CONFIG_SELECTOR } from './ids';
import { escapeMarkdown as esc } from './markdown';
import { toRange } from './positions';
import { pricingLabel, provenanceLabel } from './pricingText';

/** GPU counts a replica is tried with when telling where a model fits. */
const GPU_COUNTS = [1, 2, 4, 8];

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
      return new vscode.Hover(modelHover(reference, analysis, this.cache.catalog), toRange(positionAt, reference.offset, reference.length));
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

export function modelHover(reference: ModelReference, analysis: Analysis, cat: Catalog): vscode.MarkdownString {
  const markdown = inertMarkdown();
  const model = reference.card ?? findModel(reference.modelId, cat);
  if (!model) {
    markdown.appendMarkdown(`**${esc(reference.modelId)}**\n\n`);
    markdown.appendMarkdown(esc(vscode.l10n.t('Not in the catalog: no card, prices or benchmarks for this model.'), Infinity));
    return markdown;
  }
  const line = (label: string, value: string) => `| ${esc(label)} | ${esc(value, Infinity)} |\n`;
  const access = model.access === 'open-weight' ? vscode.l10n.t('open-weight') : vscode.l10n.t('API-only');
  // The headline: what it is, its price and context, and this workload's verdict; the detail follows the rule.
  markdown.appendMarkdown(`### ${esc(model.name)}\n\n`);
  markdown.appendMarkdown(`${esc([model.lab, access, model.license].join(' · '), Infinity)}\n\n`);
  const headline = [
    model.price ? vscode.l10n.t('{0} in / {1} out per 1M tokens', formatUsd(model.price.inputPerMillionUsd), formatUsd(model.price.outputPerMillionUsd)) : vscode.l10n.t('no API price'),
    model.contextTokens > 0 ? vscode.l10n.t('{0}-token context', formatNumber(model.contextTokens)) : vscode.l10n.t('context not public'),
  ];
  markdown.appendMarkdown(`**${esc(headline.join(' · '), Infinity)}**\n\n`);
  const workload = analysis.workloads.find((w) => w.index === reference.workload);
  if (workload) {
    const verdict = analysis.lenses.filter((l) => l.workload === workload.index).map((l) => l.title);
    markdown.appendMarkdown(`${esc(`${workload.name}: ${verdict.join(' — ')}`, Infinity)}\n\n`);
  }
  markdown.appendMarkdown('---\n\n');
  markdown.appendMarkdown(`| | |\n|---|---|\n`);
  markdown.appendMarkdown(line(vscode.l10n.t('Model id'), model.id));
  if (model.servedBy) {
    // What the name was read as, and whose bill applies: a name can mean several hosts.
    markdown.appendMarkdown(line(vscode.l10n.t('Billed by'), vscode.l10n.t('{0} ("{1}")', model.servedBy.host, model.servedBy.key)));
    markdown.appendMarkdown(line(vscode.l10n.t('Resolved'), model.servedBy.via.join('; ')));
  }
  markdown.appendMarkdown(line(vscode.l10n.t('Parameters'), parameters(model)));
  markdown.appendMarkdown(line(vscode.l10n.t('Architecture'), [model.architecture, model.architectureNote].filter(Boolean).join(' — ')));
  markdown.appendMarkdown(line(vscode.l10n.t('Context'), vscode.l10n.t('{0} tokens', formatNumber(model.contextTokens))));
  if (model.price) {
    // The price itself is in the headline.
    const price = model.price;
    if (price.seedBlendedPerMillionUsd !== undefined) {
      markdown.appendMarkdown(line(vscode.l10n.t('Blended (the article)'), `${formatUsd(price.seedBlendedPerMillionUsd)} / 1M`));
    }
    markdown.appendMarkdown(line(vscode.l10n.t('Price source'), provenanceLabel(price, analysis.pricing.staleBefore)));
    if (price.note) markdown.appendMarkdown(line(vscode.l10n.t('Price note'), price.note));
  } else {
    markdown.appendMarkdown(line(vscode.l10n.t('API price'), vscode.l10n.t('none in the catalog')));
  }
  markdown.appendMarkdown(line(vscode.l10n.t('Card source'), provenanceLabel(model)));
  // The prices the analysis used as a whole, when they are not this price's own (a refreshed list, a fallback).
  if (analysis.pricing.source !== model.price?.source || analysis.pricing.fallbackReason) {
    markdown.appendMarkdown(line(vscode.l10n.t('Prices in use'), pricingLabel(analysis.pricing)));
  }
  markdown.appendMarkdown('\n');
  appendScores(markdown, model, cat);
  if (model.access === 'open-weight') appendSelfHosting(markdown, model, analysis, cat, reference.workload);
  return markdown;
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

function appendScores(markdown: vscode.MarkdownString, model: ModelCard, catalog: Catalog): void {
  const scores = catalog.scores[model.id];
  if (!scores) return;
  const rows = catalog.benchmarks
    .filter((benchmark) => scores[benchmark.id])
    .map((benchmark) => {
      const score = scores[benchmark.id]!;
      const shown = score.display ?? (benchmark.kind === 'percent' ? `${formatNumber(score.value)}%` : formatNumber(score.value));
      return { benchmark, shown, score };
    });
  if (rows.length === 0) return;
  const sections: [string, typeof rows][] = [
    [vscode.l10n.t('Benchmarks'), rows.filter((row) => row.benchmark.category !== 'safety')],
    [vscode.l10n.t('Safety'), rows.filter((row) => row.benchmark.category === 'safety')],
  ];
  // One line per section, the source once: a table per benchmark made the card a wall.
  for (const [title, section] of sections) {
    if (section.length === 0) continue;
    const sources = [...new Set(section.map(({ score }) => `${score.source}, ${score.asOf}`))];
    markdown.appendMarkdown(`**${esc(title)}**: ${esc(section.map(({ benchmark, shown }) => `${benchmark.name} ${shown}`).join(' · '), Infinity)} (${esc(sources.join('; '), Infinity)})\n\n`);
  }
}

function appendSelfHosting(markdown: vscode.MarkdownString, model: ModelCard, analysis: Analysis, catalog: Catalog, workload?: number): void {
  const cheapest = analysis.workloads.find((w) => w.index === workload)?.cheapestSelfHost;
  if (cheapest) {
    markdown.appendMarkdown(`**${esc(vscode.l10n.t('Cheapest self-hosted setup for this workload'))}**: ${esc(cheapest.label, Infinity)}\n\n`);
    for (const text of explanationLines(cheapest.explanation)) markdown.appendMarkdown(`- ${esc(text, Infinity)}\n`);
    markdown.appendMarkdown('\n');
  }
  const setups = catalog.setups.filter((setup) => setup.model === model.id);
  if (setups.length > 0) {
    markdown.appendMarkdown(`**${esc(vscode.l10n.t('Self-host setups in the catalog'))}**\n\n`);
    for (const setup of setups) {
      const text = vscode.l10n.t(
        '{0}: {1}× {2}, {3}, {4} tok/s ({5})',
        setup.name,
        setup.gpus,
        setup.gpu,
        setup.quantization,
        formatNumber(setup.throughputTps),
        setup.throughputNote,
      );
      markdown.appendMarkdown(`- ${esc(text, Infinity)}\n`);
    }
    markdown.appendMarkdown('\n');
  }
  if (model.paramsB === undefined) return;
  const { contextTokens, concurrency } = analysis.assumptions;
  // Sized as the workloads are (sizing/memory.ts): the serving model where it knows the model
  // and the GPU, at the default request; a format stock vLLM does not run there says so.
  const needs = { shape: DEFAULT_REQUEST_SHAPE, concurrency, contextTokens };
  markdown.appendMarkdown(
    `**${esc(vscode.l10n.t('GPUs needed per replica ({0} in / {1} out tokens × {2} requests)', formatNumber(needs.shape.inputTokens), formatNumber(needs.shape.outputTokens), concurrency))}**\n\n`,
  );
  const gpus = catalog.gpus;
  markdown.appendMarkdown(`| ${esc(vscode.l10n.t('Quantization'))} | ${gpus.map((gpu) => esc(gpu.name)).join(' | ')} |\n`);
  markdown.appendMarkdown(`|---|${gpus.map(() => '---').join('|')}|\n`);
  for (const quantization of catalog.quantizations) {
    const cells = gpus.map((gpu) => {
      if (servingReplica(catalog, model, gpu.id, 1, quantization.id, needs.shape)?.unsupported?.code === 'format-unsupported') return vscode.l10n.t('not run');
      const count = GPU_COUNTS.find((n) => sizeMemory(catalog, model, gpu, n, quantization, needs).fits);
      return count === undefined ? '—' : `${count}×`;
    });
    const loss = quantization.qualityLossPct
      ? vscode.l10n.t('{0}, {1}–{2}% quality loss', quantization.name, quantization.qualityLossPct.min, quantization.qualityLossPct.max)
      : quantization.name;
    markdown.appendMarkdown(`| ${esc(loss)} | ${cells.map((cell) => esc(cell)).join(' | ')} |\n`);
  }
  markdown.appendMarkdown(`\n${esc(vscode.l10n.t('— : does not fit on 8 GPUs of that kind. not run: stock vLLM does not run this format on that GPU.'), Infinity)}\n`);
}
