/**
 * The comparison as Markdown or CSV. Pure (no DOM, no vscode): the webview and the
 * extension host's export command build the same text from the same inputs.
 */
import type { ExportFormat, PanelInputs, SettingsAssumptions } from '../src/protocol';
import { asOfText, formatNumber, plainNumber, pricingText, totalText } from '../src/engine';
import { markdownText as mdText, neutralizeBidi } from '../src/untrustedText';
import { panelAnalysis, tokens, usd, usdPerM } from './viewModel';
import { benchmarkTable, gapRows, historyRows } from './tabs/benchmarks/viewModel';
import { costView, gpuHourText, type CostRow } from './tabs/cost/viewModel';
import { quantView } from './tabs/quantization/viewModel';
import { decisionView } from './tabs/decision/viewModel';

export function buildReport(text: string, settings: SettingsAssumptions, inputs: PanelInputs, format: ExportFormat): string {
  return format === 'csv' ? buildCsv(text, settings, inputs) : buildMarkdown(text, settings, inputs);
}

// ---- CSV: the cost comparison of every workload, one row per option -------------------

const CSV_COLUMNS = [
  'workload',
  'monthly_tokens_m',
  'option',
  'deployment',
  'current',
  'monthly_cost_usd',
  'cost_per_million_usd',
  'price_per_million_usd',
  'fixed_monthly_usd',
  'capacity_tokens_m_per_replica',
  'replicas',
  'gpus_total',
  'fits_in_memory',
  'memory_needed_gb',
  'memory_available_gb',
  // Whose prices, and what their date is ("2026-07-24", "fetched 2026-12-01"): the same for every row.
  'prices_source',
  'prices_date',
  'prices_stale',
] as const;

// A spreadsheet runs a cell as a formula when it starts with = + - or @, and some skip
// blanks first (any Unicode space, the zero-width ones too, to be safe); a leading tab or
// CR is refused as OWASP advises, whatever follows.
const FORMULA_START = /^[\s\u180e\u200b-\u200d\u2060]*[=+\-@]|^[\t\r]/;
// `;` is the separator where the decimal mark is a comma: such a cell must be quoted too.
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * RFC 4180 quoting; text that a spreadsheet would run as a formula gets a leading ' .
 * Only text is guarded: the figures are numbers here and are written as numbers, so a
 * negative one stays -5 and not '-5.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  // Plain digits: a spreadsheet reads them whatever its locale's exponent rules.
  if (typeof value === 'number') return plainNumber(value);
  let s = neutralizeBidi(String(value));
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function buildCsv(text: string, settings: SettingsAssumptions, inputs: PanelInputs): string {
  const analysis = panelAnalysis(text, settings, inputs);
  const lines = [CSV_COLUMNS.join(',')];
  analysis.workloads.forEach((_, index) => {
    const view = costView(analysis, { ...inputs, workload: index });
    if (!view) return;
    for (const r of view.rows) {
      lines.push(
        [
          view.workloadName,
          view.volumeM,
          r.label,
          r.kind,
          r.current,
          r.monthlyCostUsd,
          r.costPerMillionUsd,
          r.pricePerMillionUsd,
          r.fixedMonthlyUsd,
          r.capacityTokensM,
          r.replicas,
          r.gpusTotal,
          r.fits,
          r.memoryNeededGB === null ? null : Math.round(r.memoryNeededGB * 10) / 10,
          r.memoryAvailableGB === null ? null : Math.round(r.memoryAvailableGB * 10) / 10,
          analysis.pricing.source,
          asOfText(analysis.pricing),
          analysis.pricing.stale === true,
        ]
          .map(csvField)
          .join(','),
      );
    }
  });
  return lines.join('\r\n') + '\r\n';
}

// ---- Markdown: every tab ------------------------------------------------------------

/**
 * The product's own text (figures it formats, words it writes) in a Markdown table cell:
 * no pipes or newlines, no HTML. Names and other data go through mdText instead.
 */
export function mdCell(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** Markdown that is safe as it is, such as mdText's; a table cell takes it unchanged. */
interface Md {
  readonly md: string;
}


const md = (value: string): Md => ({ md: value });
const data = (value: string): Md => md(mdText(value));

function mdTable(header: string[], rows: (string | Md)[][]): string {
  const line = (cells: (string | Md)[]) => `| ${cells.map((c) => (typeof c === 'string' ? mdCell(c) : c.md)).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

const fits = (r: CostRow): string => (r.fits === null ? '—' : r.fits ? 'yes' : 'no');

/** The cheapest setup's cell: the setup and its cost, and whose GPU-hour price priced it when it is not the catalog's. */
export function cheapestCell(r: CostRow): string {
  const c = r.cheapestSetup;
  return c ? c.label + (c.yourPrice ? ` (${gpuHourText(c.gpuHour)})` : '') : '—';
}

/**
 * A row of the options table. The cheapest setup comes right after the cost, so that a panel
 * beside the editor shows it without scrolling; the figures behind the cost follow.
 */
export function costRowCells(r: CostRow): string[] {
  return [
    r.current ? `${r.label} (current)` : r.label,
    r.kind === 'api' ? 'API' : 'Self-hosted',
    usd(r.monthlyCostUsd),
    cheapestCell(r),
    usdPerM(r.costPerMillionUsd),
    usdPerM(r.pricePerMillionUsd),
    r.capacityTokensM === null ? 'unlimited' : tokens(r.capacityTokensM),
    r.replicas === null ? '—' : String(r.replicas),
    r.gpusTotal === null ? '—' : String(r.gpusTotal),
    gpuHourText(r.gpuHour),
    fits(r),
  ];
}

export const COST_HEADER = ['Option', 'Deployment', 'Monthly cost', 'Cheapest setup', '$/M at volume', '$/M list or full use', 'Capacity/replica', 'Replicas', 'GPUs', 'GPU-hour price', 'Fits in memory'];
/** Where the cheapest setup and the fit are in a row of costRowCells. */
export const COST_COLUMN = { cheapest: 3, gpuHour: 9, fits: 10 } as const;

// What comes from the config, or from a pricing file, goes through mdText (data() in a
// table): workload names, model ids and names (an unknown model is named by its id), option
// labels built from them, the prices' source. The catalog's prose ships with the product
// and, like the figures, goes through mdCell.
export function buildMarkdown(text: string, settings: SettingsAssumptions, inputs: PanelInputs): string {
  const analysis = panelAnalysis(text, settings, inputs);
  const a = analysis.assumptions;
  const out: string[] = ['# LLM cost comparison', ''];
  out.push(
    `Assumptions: GPU-hours ${analysis.gpuHourlyUsd !== undefined ? `at ${usd(analysis.gpuHourlyUsd)}/h (assumptions.gpuHourlyUsd) where gpuPrices names no price` : 'at assumptions.gpuPrices where set, else at the catalog’s quote for each GPU'}, ${a.hoursPerMonth} h/month, utilization ${Math.round(a.utilization * 100)}%, ` +
      `input share ${Math.round(a.inputShare * 100)}%, concurrency ${a.concurrency}, context ${formatNumber(a.contextTokens)} tokens.`,
    '',
    `Prices: ${mdText(pricingText(analysis.pricing), false)}.`,
    '',
    `Total monthly cost of the configured workloads: ${totalText(analysis)}.`,
    '',
  );
  analysis.workloads.forEach((_, index) => {
    const view = costView(analysis, { ...inputs, workload: index });
    if (!view) return;
    out.push(`## Cost: ${mdText(view.workloadName, false)} (${mdText(view.workloadModel, false)}, ${tokens(view.volumeM)} tokens/month)`, '');
    out.push(
      mdTable(
        COST_HEADER,
        view.rows.map((r) => [md(mdText(r.label) + (r.current ? ' (current)' : '')), ...costRowCells(r).slice(1)]),
      ),
      '',
    );
    if (view.requirementCost) out.push(`${mdText(view.requirementCost, false)}.`, '');
    if (view.crossovers.length) {
      out.push('### Crossovers', '');
      out.push(
        mdTable(
          ['Self-hosted', 'API', 'Break-even volume', 'Real?', 'Throughput needed per replica'],
          view.crossovers.map((c) => [
            data(c.selfHostLabel),
            data(c.apiLabel),
            tokens(c.crossoverTokensM),
            c.makesSense ? 'yes' : `no: one replica serves ${tokens(c.capacityTokensM)}`,
            `${formatNumber(c.breakEvenThroughputTps)} tok/s`,
          ]),
        ),
        '',
      );
    }
  });

  const decision = decisionView(analysis, inputs);
  out.push(`## Decision (${mdText(decision.workloadName, false)}, ${tokens(decision.volumeM)} tokens/month)`, '');
  const active = decision.toggles.filter((t) => t.checked).map((t) => t.title);
  out.push(`Requirements: ${active.length ? active.map(mdCell).join(', ') : 'none'}.`, '');
  // Names a model as the config writes it: data.
  if (decision.requirementCost) out.push(`${mdText(decision.requirementCost, false)}.`, '');
  out.push(
    mdTable(
      ['#', 'Model', 'Deployment', 'Monthly cost', 'Score', 'Reasons'],
      decision.recommendations.map((r) => [String(r.rank), data(r.name), r.deploymentText, usd(r.monthlyCostUsd), String(r.score), r.reasons.join('; ')]),
    ),
    '',
  );
  if (decision.excluded.length) {
    out.push('### Excluded', '', mdTable(['Model', 'Why'], decision.excluded.map((e) => [data(e.name), e.reason])), '');
  }
  out.push('### Where the source is wrong', '', mdTable(['Where', 'The source says', 'What the engine uses, and why'], decision.corrections.map((c) => [c.where, c.seedSays, c.correction])), '');

  const bench = benchmarkTable('all', null);
  out.push('## Benchmarks', '');
  out.push(
    mdTable(
      ['Model', 'Access', ...bench.columns.map((c) => c.name)],
      bench.rows.map((r) => [r.name, r.access, ...r.cells.map((c) => (c.leader ? `**${c.display}**` : c.display))]),
    ),
    '',
    'Bold: the column leader.',
    '',
  );
  out.push('### Gap by domain (best open vs best closed)', '');
  out.push(mdTable(['Domain', 'Best open', 'Best closed', 'Gap', 'Leader'], gapRows().map((g) => [g.title, g.bestOpen, g.bestClosed, g.gap, g.leader])), '');
  out.push('### MMLU gap history', '');
  out.push(
    mdTable(
      ['Date', 'Event', 'Best closed', 'Best open', 'Gap'],
      historyRows().map((h) => [h.date + (h.projected ? ' (projected)' : ''), h.label, `${h.closed} (${h.closedModel})`, `${h.open} (${h.openModel})`, String(h.gap)]),
    ),
    '',
  );

  const quant = quantView(analysis, inputs);
  if (quant) {
    out.push(`## Quantization: ${mdText(quant.modelName, false)} (${quant.paramsB}B parameters)`, '');
    out.push(
      mdTable(
        ['Format', 'Weights', 'Memory reduction', 'Speed-up', 'Quality loss', 'Fits on'],
        quant.rows.map((q) => [q.name, `${Math.round(q.weightsGB)} GB`, q.memoryReduction, q.speedup, q.qualityLoss, q.fitsOn]),
      ),
      '',
    );
  }
  return out.join('\n');
}
