/**
 * A model card's rows and benchmark lines, as plain label and value pairs: the hover shows as
 * many as fit its box, the explanation page all of them.
 */
import vscode = require('vscode');
import { type Analysis, type Catalog, formatNumber, formatUsd, listPricesIn, type ModelCard, type WorkloadResult } from '../engine';
import { pricingLabel, provenanceLabel } from './pricingText';

/** The card's rows, what a reader asks first at the top: the first to give way are last. */
export function cardRows(model: ModelCard, analysis: Analysis, referenceModelId: string, workload?: WorkloadResult): [string, string][] {
  const rows: [string, string][] = [];
  const price = model.price;
  const priceRow: [string, string] = price ? [vscode.l10n.t('Price source'), provenanceLabel(price, analysis.pricing.staleBefore)] : [vscode.l10n.t('API price'), vscode.l10n.t('none in the catalog')];
  // A dated price (an introductory rate, a change to come) says which applies to the month priced.
  const listed = price && listPricesIn(price, analysis.assumptions.month);
  const dated: [string, string][] = listed?.notes.length ? [[vscode.l10n.t('Dated prices'), listed.notes.join('; ')]] : [];
  if (model.servedBy) {
    // A name read through a host: what it was read as and whose bill applies come first, then the price's date.
    rows.push([vscode.l10n.t('Resolved'), model.servedBy.via.join('; ')]);
    rows.push([vscode.l10n.t('Billed by'), vscode.l10n.t('{0} ("{1}")', model.servedBy.host, model.servedBy.key)]);
    rows.push(priceRow, ...dated);
    rows.push([vscode.l10n.t('Parameters'), parameters(model)]);
  } else {
    rows.push([vscode.l10n.t('Parameters'), parameters(model)]);
    rows.push(priceRow, ...dated);
  }
  rows.push([vscode.l10n.t('Architecture'), [model.architecture, model.architectureNote].filter(Boolean).join(' — ')]);
  rows.push([vscode.l10n.t('Model id'), model.id]);
  rows.push([vscode.l10n.t('Card source'), provenanceLabel(model)]);
  if (price?.seedBlendedPerMillionUsd !== undefined) {
    // Two blends of the same prices: the article's at its own mix of input and output, this workload's at its own.
    rows.push([vscode.l10n.t("The article's blend"), articleBlend(price.seedBlendedPerMillionUsd, price.inputPerMillionUsd, price.outputPerMillionUsd)]);
    if (workload && workload.model === referenceModelId && workload.deployment === 'api' && workload.apiPricePerMillionUsd !== null) {
      rows.push([vscode.l10n.t("This workload's blend"), vscode.l10n.t('{0} / 1M at its input share, {1}% input (the lens uses this)', formatUsd(workload.apiPricePerMillionUsd), formatNumber(Math.round(workload.billing.inputShare * 100)))]);
    }
  }
  // The prices the analysis used as a whole, when they are not this price's own (a refreshed list, a fallback).
  if (analysis.pricing.source !== price?.source || analysis.pricing.fallbackReason) {
    rows.push([vscode.l10n.t('Prices in use'), pricingLabel(analysis.pricing)]);
  }
  if (price?.note) rows.push([vscode.l10n.t('Price note'), price.note]);
  return rows;
}

/** One line per section (benchmarks, safety) with its sources once: a table per benchmark made the card a wall. */
export function scoreSections(model: ModelCard, catalog: Catalog, name: (text: string) => string = (t) => t): [string, string][] {
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
  return sections
    .filter(([, section]) => section.length > 0)
    .map(([title, section]) => {
      const sources = [...new Set(section.map(({ score }) => name(`${score.source}, ${score.asOf}`)))];
      return [title, `${section.map(({ benchmark, shown }) => `${benchmark.name} ${shown}`).join(' · ')} (${sources.join('; ')})`];
    });
}

function parameters(model: ModelCard): string {
  if (model.paramsB === undefined) return model.paramsNote ?? vscode.l10n.t('not public');
  const total = `${formatNumber(model.paramsB)}B`;
  const active = model.activeParamsB ?? model.paramsB;
  const text =
    active === model.paramsB
      ? vscode.l10n.t('{0} (all active)', total)
      : vscode.l10n.t('{0} total, {1}B active', total, formatNumber(active));
  // A note that only restates the size ("671B (37B active)") is left out; one that adds to it is kept.
  return model.paramsNote && !model.paramsNote.startsWith(total) ? `${text} — ${model.paramsNote}` : text;
}

/** "$0.55 / 1M at its input share, about 66% input": the share is the one its blend implies from the list prices. */
function articleBlend(blend: number, input: number, output: number): string {
  const share = output > input ? (output - blend) / (output - input) : NaN;
  return share >= 0 && share <= 1
    ? vscode.l10n.t('{0} / 1M at its input share, about {1}% input', formatUsd(blend), formatNumber(Math.round(share * 100)))
    : vscode.l10n.t('{0} / 1M at its own input share', formatUsd(blend));
}
