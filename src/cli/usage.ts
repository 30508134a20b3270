/**
 * `llm-cost-lens usage FILE... [--json]`: what usage exports say a team sends, per model.
 * The files are streamed in 1 MB chunks into the engine's readers, so memory stays bounded
 * by the largest record, not the file; nothing is sent anywhere.
 */
import { basename } from 'node:path';
import { type Analysis, type Catalog, FORMAT_NAMES, type Reconciliation, UsageFileReader, UsageSummarizer, usageDrift, type UsageModel, usageReconciliation, type UsageSummary } from '../engine';
import { ReadRefused, streamBounded } from '../node/boundedRead';
import { printable } from './printable';
import { MAX_USAGE_BYTES } from '../engine/constants';

export { MAX_USAGE_BYTES };


export const USAGE_HELP = `usage: llm-cost-lens usage <file>... [--json]
Reads usage exports and prints, per model (and project, key, workspace or model group), the
tokens by kind, requests, period, tokens a month, input and cached shares, request shape,
batch share and hourly peak-to-average, with spend beside the list-price estimate where the
export has spend. The format is told from the content:
  OpenAI Usage API pages (/v1/organization/usage/completions, /embeddings; every page a file)
  Anthropic usage report (/v1/organizations/usage_report/messages)
  LiteLLM spend logs (/spend/logs JSON, or the LiteLLM_SpendLogs table as CSV)
  OpenTelemetry GenAI spans as OTLP/JSON
  CSV with timestamp, model, input_tokens, output_tokens[, cached_tokens, requests, group]
--json: { period, models: [ { model, group, inputTokens, outputTokens, cachedInputTokens,
        cacheWriteTokens, reasoningTokens, requests, monthlyTokens, inputShare,
        cachedInputShare, requestShape, peakToAverage } ] }, null where the export has no figure.
What a file lacks or a reader skipped is said on stderr. Exit 0, 1 when a file was cut or
not read whole, 2 when a file cannot be read at all.`;

/** Streams one file's text into `push`: a regular file only, at most `maxBytes`. Throws ReadRefused. */
export function streamFile(file: string, push: (text: string) => void, maxBytes = MAX_USAGE_BYTES): void {
  streamBounded(file, maxBytes, push);
}

/** Reads the files into one summary; a file that cannot be opened throws ReadRefused with its name. */
export function summarizeFiles(files: readonly string[], catalog: Catalog): UsageSummary {
  const summarizer = new UsageSummarizer(catalog);
  const buckets = { seen: new Set<string>() };
  for (const file of files) {
    summarizer.beginSource();
    const reader = new UsageFileReader(basename(file), summarizer, { buckets });
    try {
      streamFile(file, (text) => reader.push(text));
    } catch (error) {
      if (error instanceof ReadRefused) throw new ReadRefused(`cannot read ${file}: ${error.message}`, error.kind, error.size);
      throw error;
    }
    summarizer.endSource(reader.end());
  }
  return summarizer.finish();
}

/** The JSON the issue specifies, nothing more: null where the export does not report a figure. */
export function usageJson(summary: UsageSummary) {
  return {
    period: summary.period && { start: summary.period.start, end: summary.period.end, days: summary.period.days },
    models: summary.models.map((m) => ({
      model: m.model,
      group: m.group,
      inputTokens: m.inputTokens,
      outputTokens: m.outputTokens,
      cachedInputTokens: m.cachedInputTokens,
      cacheWriteTokens: m.cacheWriteTokens,
      reasoningTokens: m.reasoningTokens,
      requests: m.requests,
      monthlyTokens: m.monthlyTokens,
      inputShare: m.inputShare,
      cachedInputShare: m.cachedInputShare,
      requestShape: m.requestShape,
      peakToAverage: m.peakToAverage,
    })),
  };
}

/** What each file lacked or skipped, one line each, for stderr. */
export function usageProblems(summary: UsageSummary): string[] {
  const lines: string[] = [];
  for (const s of summary.sources) {
    const kind = s.format ? FORMAT_NAMES[s.format] : 'file';
    for (const e of s.errors) lines.push(`${s.name}: ${e}`);
    for (const k of s.skipped) lines.push(`${s.name} (${kind}): skipped ${k.count} ${k.reason}, the first at ${k.first}`);
    for (const n of s.notes) lines.push(`${s.name}: ${n}`);
  }
  return [...lines, ...summary.warnings].map(printable);
}

const n = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US'));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const usd = (v: number | null) => (v === null ? '—' : `$${v < 1 ? v.toFixed(4) : v.toFixed(2)}`);

function modelText(m: UsageModel): string[] {
  const shape = m.requestShape ? `${n(m.requestShape.inputTokens)} in / ${n(m.requestShape.outputTokens)} out per request` : 'request shape —';
  const lines = [
    `${m.model}${m.group !== null ? ` [${m.group}]` : ''}${m.known ? '' : ' (not in the catalog)'}${m.names.some((x) => x !== m.model) ? ` as ${m.names.join(', ')}` : ''}`,
    `  ${n(m.monthlyTokens)} tokens/month · input ${pct(m.inputShare)} · cached ${pct(m.cachedInputShare)} · batch ${pct(m.batchShare)} · peak/avg ${m.peakToAverage === null ? '—' : m.peakToAverage.toFixed(2)}`,
    `  input ${n(m.inputTokens)} (cached ${n(m.cachedInputTokens)}, cache writes ${n(m.cacheWriteTokens)}) · output ${n(m.outputTokens)} (reasoning ${n(m.reasoningTokens)}) · requests ${n(m.requests)} · ${shape}`,
  ];
  if (m.spendUsd !== null || m.listPriceUsd !== null) lines.push(`  spend ${usd(m.spendUsd)} · at list prices ${usd(m.listPriceUsd)}${m.spendRatio !== null ? ` · ratio ${m.spendRatio.toFixed(2)}` : ''}`);
  return lines;
}

export function usageText(summary: UsageSummary): string {
  const p = summary.period;
  const head = p ? `usage from ${p.start} to ${p.end} (${p.days} days), ${summary.models.length} model(s)` : 'no dated usage in these files';
  return [head, ...summary.models.flatMap(modelText)].map((line) => `${printable(line)}\n`).join('');
}

/**
 * `analyze CONFIG --usage FILE...`: the drift findings join the analysis's own (so text, JSON
 * and SARIF print them alike), and the spend beside the list-price estimate per workload.
 */
export function withUsage(analysis: Analysis, text: string, usage: UsageSummary): { analysis: Analysis; reconciliation: Reconciliation[] } {
  const findings = [...analysis.findings, ...usageDrift(text, analysis, usage)].sort((a, b) => a.offset - b.offset);
  return { analysis: { ...analysis, findings }, reconciliation: usageReconciliation(analysis, usage) };
}

/** One line per workload whose usage has spend: what was paid, at list prices, and the ratio. */
export function reconciliationText(rows: readonly Reconciliation[], period: UsageSummary['period']): string {
  if (!rows.length) return '';
  const head = `Usage ${period ? `${period.start} to ${period.end} (${period.days} days)` : ''}: spend beside the list-price estimate`;
  const lines = rows.map((r) => `  ${r.name} (${r.model}): spend ${usd(r.spendUsd)} · at list prices ${usd(r.listPriceUsd)}${r.ratio === null ? '' : ` · ratio ${r.ratio.toFixed(2)}${ratioHint(r.ratio)}`}`);
  return [head, ...lines].map((line) => `${printable(line)}\n`).join('');
}

/** Below list price is a discount or a tier; far above it is something to look at. */
function ratioHint(ratio: number): string {
  if (ratio < 0.95) return ' (below list: a discount, a tier or cached reads priced lower)';
  if (ratio > 1.05) return ' (above list: look at the export or the prices)';
  return '';
}
