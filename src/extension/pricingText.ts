/**
 * Where prices come from, in the editor's words: the data's own date as the date of the
 * prices; a server's Last-Modified, a file's modification time or a download time as what
 * they are. "Stale" past llmCostLens.pricing.staleAfterDays is said where the age matters and
 * nowhere else: the status bar's tooltip and the model hover's price line. The lenses, the
 * explanation page, the panel, the exports and the CLI give the date alone (the CLI, the panel
 * and the exports in English: engine/present/provenance.ts).
 */
import vscode = require('vscode');
import { DEFAULT_STALE_AFTER_DAYS, isStaleDate, type PricingProvenance, type Provenance } from '../engine';

/**
 * One price's source and date: "LiteLLM …, as of 2026-07-24", "prices from https://…, fetched
 * 2026-12-01"; " · stale" past `staleBefore`, which only the model hover passes.
 */
export function provenanceLabel(p: Provenance, staleBefore?: string): string {
  let text: string;
  switch (p.asOfKind ?? 'data') {
    case 'data':
      text = vscode.l10n.t('{0}, as of {1}', p.source, p.asOf);
      break;
    case 'last-modified':
      text = vscode.l10n.t("{0}, as of {1} (the server's Last-Modified)", p.source, p.asOf);
      break;
    case 'file-modified':
      text = vscode.l10n.t("{0}, file modified {1} (not the prices' date)", p.source, p.asOf);
      break;
    case 'fetched':
      text = vscode.l10n.t('{0}, fetched {1} (the source gives no date)', p.source, p.asOf);
      break;
  }
  return isStaleDate(p.asOf, staleBefore) ? vscode.l10n.t('{0} · stale', text) : text;
}

/**
 * The prices of an analysis: source, date, when fetched, and, with `age` (the status bar only),
 * whether they are stale.
 */
export function pricingLabel(p: PricingProvenance, options: { age?: boolean } = {}): string {
  let text = provenanceLabel(p);
  if (p.fetchedAt && p.asOfKind !== 'fetched') text = vscode.l10n.t('{0}; downloaded {1}', text, p.fetchedAt.slice(0, 10));
  if (options.age && p.stale) text = vscode.l10n.t('{0} · stale: older than {1} days', text, p.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS);
  if (p.fallbackReason) text = vscode.l10n.t('{0} (the bundled prices: {1})', text, p.fallbackReason);
  return text;
}
