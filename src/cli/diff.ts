/** `diff`: the cost of a change to the config, as text, JSON or a pull-request comment in Markdown. */
import { formatUsd, pricingText, type CostDiff } from '../engine';
import { markdownText } from '../untrustedText';
import { printable } from './printable';
import { pricingJson } from './report';

const signed = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : n < 0 ? '-' : '±'}${formatUsd(Math.abs(n))}/mo`);
const cost = (n: number | null) => (n === null ? '—' : `${formatUsd(n)}/mo`);

export function diffJson(d: CostDiff) {
  return {
    workloads: d.workloads.map((w) => ({ name: w.name, beforeMonthlyUsd: w.beforeMonthlyUsd, afterMonthlyUsd: w.afterMonthlyUsd, deltaMonthlyUsd: w.deltaMonthlyUsd, reasons: w.reasons, details: w.details })),
    total: d.total,
    unpriced: d.unpriced,
    pricing: pricingJson(d.pricing),
  };
}

export function diffText(d: CostDiff): string {
  const lines = d.workloads.map((w) => `${w.name}: ${cost(w.beforeMonthlyUsd)} → ${cost(w.afterMonthlyUsd)} (${signed(w.deltaMonthlyUsd)}): ${w.details.join('; ')}`);
  lines.push(`Total: ${cost(d.total.beforeMonthlyUsd)} → ${cost(d.total.afterMonthlyUsd)} (${signed(d.total.deltaMonthlyUsd)})${unpricedNote(d)}`);
  if (!d.workloads.length) lines.unshift('No workload changes cost.');
  lines.push(`Prices: ${pricingText(d.pricing)}`);
  return lines.map(printable).join('\n') + '\n';
}

/** A table for a pull-request comment: config text escaped so it cannot add links, images or rows. */
export function diffMarkdown(d: CostDiff): string {
  const rows = d.workloads.map((w) => `| ${md(w.name)} | ${cost(w.beforeMonthlyUsd)} | ${cost(w.afterMonthlyUsd)} | **${signed(w.deltaMonthlyUsd)}** | ${md(w.details.join('; '))} |`);
  return [
    `### LLM cost of this change: ${signed(d.total.deltaMonthlyUsd)}`,
    '',
    '| Workload | Before | After | Change | Why |',
    '|---|---:|---:|---:|---|',
    ...rows,
    `| **Total** | ${cost(d.total.beforeMonthlyUsd)} | ${cost(d.total.afterMonthlyUsd)} | **${signed(d.total.deltaMonthlyUsd)}** | ${md(unpricedNote(d).trim())} |`,
    '',
    // The source's name can come from a downloaded file: escaped like config text.
    `Prices: ${md(pricingText(d.pricing))}`,
    '',
  ].join('\n');
}

function unpricedNote(d: CostDiff): string {
  return d.unpriced.before || d.unpriced.after ? ` (not in the totals: ${d.unpriced.before} unpriced before, ${d.unpriced.after} after)` : '';
}

/** Config text in a table cell, as the panel's export writes it: no link, image or row of its own. */
function md(text: string): string {
  return markdownText(printable(text));
}
