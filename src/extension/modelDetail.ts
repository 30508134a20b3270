/**
 * The part of a model card that does not fit a hover: the whole card, the cheapest setup for the workload,
 * the article's setups, and how many GPUs a replica needs at each weight format. Plain text
 * lines; the explanation page writes them (the hover links to it).
 */
import vscode = require('vscode');
import { type Analysis, articleNamer, type Catalog, DEFAULT_REQUEST_SHAPE, explanationLines, formatNumber, gpusNeeded, type ModelCard } from '../engine';

import { cardRows, scoreSections } from './modelCard';

export interface DetailSection {
  heading: string;
  lines: string[];
}

export function modelDetail(model: ModelCard, analysis: Analysis, catalog: Catalog, workload?: number): DetailSection[] {
  const sections: DetailSection[] = [];
  const own = analysis.workloads.find((w) => w.index === workload);
  // The whole card first: the hover shows the part of it that fits its box.
  const name = articleNamer();
  sections.push({
    heading: vscode.l10n.t('The model card: {0}', model.name),
    lines: [...cardRows(model, analysis, own?.model ?? model.id, own).map(([label, value]) => `${label}: ${name(value)}`), ...scoreSections(model, catalog, name).map(([title, text]) => `${title}: ${text}`)],
  });
  const cheapest = own?.cheapestSelfHost;
  if (cheapest) {
    sections.push({ heading: vscode.l10n.t('Cheapest self-hosted setup for this workload: {0}', cheapest.label), lines: explanationLines(cheapest.explanation) });
  }
  const setups = catalog.setups.filter((setup) => setup.model === model.id);
  if (setups.length > 0) {
    sections.push({
      heading: vscode.l10n.t('Self-host setups in the catalog'),
      lines: setups.map((setup) =>
        vscode.l10n.t('{0}: {1}× {2}, {3}, {4} tok/s ({5})', setup.name, setup.gpus, setup.gpu, setup.quantization, formatNumber(setup.throughputTps), setup.throughputNote),
      ),
    });
  }
  if (model.paramsB === undefined || model.access !== 'open-weight') return sections;
  const { contextTokens, concurrency } = analysis.assumptions;
  // Sized as the workloads are (sizing/memory.ts): the serving model where it knows the model
  // and the GPU, at the default request; a format stock vLLM does not run there says so.
  const needs = { shape: DEFAULT_REQUEST_SHAPE, concurrency, contextTokens };
  const lines = catalog.quantizations.map((quantization) => {
    // The engine's answer (sizing/gpusNeeded.ts), as the panel's Quantization tab reads it.
    const cells = catalog.gpus.map((gpu) => {
      const needed = gpusNeeded(catalog, model, gpu, quantization, needs);
      if (needed.notRun) return `${gpu.name} ${vscode.l10n.t('not run')}`;
      return `${gpu.name} ${needed.gpus === null ? '—' : `${needed.gpus}×`}`;
    });
    const loss = quantization.qualityLossPct ? qualityLoss(quantization.name, quantization.qualityLossPct) : quantization.name;
    return `${loss}: ${cells.join(' · ')}`;
  });
  lines.push(vscode.l10n.t('— : does not fit on 8 GPUs of that kind. not run: stock vLLM does not run this format on that GPU.'));
  sections.push({
    heading: vscode.l10n.t('GPUs needed per replica ({0} in / {1} out tokens × {2} requests)', formatNumber(needs.shape.inputTokens), formatNumber(needs.shape.outputTokens), concurrency),
    lines,
  });
  return sections;
}

/** "INT8, 0–1% quality loss"; a format that loses nothing measurable says so instead of "0–0%". */
export function qualityLoss(name: string, pct: { min: number; max: number }): string {
  if (pct.max === 0) return vscode.l10n.t('{0}, no measurable quality loss', name);
  if (pct.min === pct.max) return vscode.l10n.t('{0}, {1}% quality loss', name, pct.min);
  return vscode.l10n.t('{0}, {1}–{2}% quality loss', name, pct.min, pct.max);
}
