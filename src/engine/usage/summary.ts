/**
 * What the usage says, per model and group: tokens by kind, requests, the period covered,
 * the month-normalized volume, input and cached shares, the request shape, the batch share,
 * the hourly peak against the average, and the spend beside a list-price estimate.
 * Records are added one at a time; memory grows with models, groups and hours, never rows.
 */
import type { Catalog } from '../catalog';
import { findModel, resolutionOf } from '../catalog';
import { apiCallPrice } from '../pricing/apiCall';
import type { SourceInfo, TokenCounts, UsageRecord, UsageSink } from './types';

const HOUR = 3_600_000;
const MORE_PAGES = 'has_more is true';
const DAY = 86_400_000;
/** A month is 30 days (720 hours), as every cost in the product. */
const MONTH_DAYS = 30;
/** Beyond this many distinct hours a model's peak is not tracked (a hostile span of years). */
const MAX_HOURS = 24 * 400;
/** Distinct model and group pairs kept; more are counted as skipped. */
const MAX_MODELS = 5000;

export interface UsagePeriod {
  start: string;
  end: string;
  days: number;
}

export interface UsageModel extends TokenCounts {
  /** The catalog's id where the name resolves, else the name as written. */
  model: string;
  /** The names the exports wrote for it (`gpt-4o-mini-2024-07-18`). */
  names: string[];
  known: boolean;
  group: string | null;
  period: UsagePeriod | null;
  monthlyTokens: number | null;
  inputShare: number | null;
  cachedInputShare: number | null;
  requestShape: { inputTokens: number; outputTokens: number } | null;
  batchShare: number | null;
  peakToAverage: number | null;
  spendUsd: number | null;
  /** The same tokens at the catalog's list prices (cache reads and batch at their prices). */
  listPriceUsd: number | null;
  /** spend ÷ list-price estimate: below 1 a discount or a tier, far from 1 something to look at. */
  spendRatio: number | null;
}

export interface UsageSummary {
  period: UsagePeriod | null;
  models: UsageModel[];
  sources: SourceInfo[];
  /** What makes the figures less certain: missing pages, gaps between files, what was capped. */
  warnings: string[];
}

interface Sum {
  value: number;
  /** Records that did not report the figure: then the total is not the export's figure. */
  missing: number;
}

interface Acc {
  model: string;
  names: Set<string>;
  known: boolean;
  group: string | null;
  records: number;
  input: Sum;
  output: Sum;
  cached: Sum;
  cacheWrite: Sum;
  reasoning: Sum;
  requests: Sum;
  batchTokens: Sum;
  spend: Sum;
  spendRecords: number;
  sources: Set<number>;
  hours: Map<number, number> | null;
}

const sum = (): Sum => ({ value: 0, missing: 0 });
function add(s: Sum, v: number | null): void {
  if (v === null) s.missing++;
  else s.value += v;
}
const reported = (s: Sum): number | null => (s.missing ? null : s.value);

export class UsageSummarizer implements UsageSink {
  private readonly accs = new Map<string, Acc>();
  private readonly names = new Map<string, { id: string; known: boolean }>();
  private readonly sources: SourceInfo[] = [];
  private source = -1;
  private overflow = 0;
  private hoursCapped = false;

  constructor(private readonly catalog: Catalog) {}

  /** Records that follow belong to the next file. */
  beginSource(): void {
    this.source++;
  }

  endSource(info: SourceInfo): void {
    this.sources.push(info);
  }

  private resolve(name: string): { id: string; known: boolean } {
    let found = this.names.get(name);
    if (!found) {
      // A dated or host-prefixed name (`gpt-4o-mini-2024-07-18`, `openai/gpt-4o-mini`) is the curated model where there is one.
      const id = usageModelId(name, this.catalog);
      found = id ? { id, known: true } : { id: name, known: false };
      if (this.names.size < MAX_MODELS * 4) this.names.set(name, found);
    }
    return found;
  }

  record(r: UsageRecord): void {
    const { id, known } = this.resolve(r.model);
    const key = `${id}\u0000${r.group ?? ''}`;
    let acc = this.accs.get(key);
    if (!acc) {
      if (this.accs.size >= MAX_MODELS) {
        this.overflow++;
        return;
      }
      acc = { model: id, names: new Set(), known, group: r.group, records: 0, input: sum(), output: sum(), cached: sum(), cacheWrite: sum(), reasoning: sum(), requests: sum(), batchTokens: sum(), spend: sum(), spendRecords: 0, sources: new Set(), hours: new Map() };
      this.accs.set(key, acc);
    }
    if (acc.names.size < 20) acc.names.add(r.model);
    acc.sources.add(this.source);
    if (r.spendUsd !== null) {
      acc.spend.value += r.spendUsd;
      acc.spendRecords++;
    }
    // A costs export's line: spend without tokens, which leaves the token figures alone.
    if (r.inputTokens === null && r.outputTokens === null) return;
    acc.records++;
    if (r.spendUsd === null) acc.spend.missing++;
    add(acc.input, r.inputTokens);
    add(acc.output, r.outputTokens);
    add(acc.cached, r.cachedInputTokens);
    add(acc.cacheWrite, r.cacheWriteTokens);
    add(acc.reasoning, r.reasoningTokens);
    add(acc.requests, r.requests);
    const tokens = (r.inputTokens ?? 0) + (r.outputTokens ?? 0);
    add(acc.batchTokens, r.batch === null ? null : r.batch ? tokens : 0);
    if (acc.hours && r.endMs - r.startMs <= HOUR) {
      const hour = Math.floor(r.startMs / HOUR);
      acc.hours.set(hour, (acc.hours.get(hour) ?? 0) + tokens);
      if (acc.hours.size > MAX_HOURS) {
        acc.hours = null;
        this.hoursCapped = true;
      }
    } else acc.hours = null;
  }

  finish(): UsageSummary {
    const warnings: string[] = [];
    if (this.overflow) warnings.push(`more than ${MAX_MODELS} models and groups: ${this.overflow} record(s) of the others are left out`);
    if (this.hoursCapped) warnings.push(`usage spans more than ${MAX_HOURS / 24} days of hours: no hourly peak for it`);
    // Pages given as files in any order: the export is whole when one of them is the last page.
    const more = (s: SourceInfo) => s.notes.some((n) => n.startsWith(MORE_PAGES));
    for (const format of new Set(this.sources.filter(more).map((s) => s.format))) {
      const pages = this.sources.filter((s) => s.format === format);
      if (pages.every(more)) warnings.push(`every page of the ${format} export says more pages follow (has_more): the figures cover only the pages given`);
      else for (const page of pages) page.notes = page.notes.filter((n) => !n.startsWith(MORE_PAGES));
    }
    warnings.push(...gaps(this.sources));
    const models = [...this.accs.values()].map((acc) => this.model(acc)).sort((a, b) => total(b) - total(a) || a.model.localeCompare(b.model));
    return { period: span(this.sources), models, sources: this.sources, warnings };
  }

  private model(acc: Acc): UsageModel {
    // Every file of the formats the model appears in could have reported it: pages of one
    // export cover the export's whole period, including the pages where the model is absent.
    const formats = new Set([...acc.sources].map((i) => this.sources[i]?.format));
    const period = span(this.sources.filter((s) => formats.has(s.format)));
    const hourly = [...acc.sources].every((i) => this.sources[i]?.hourly !== false);
    const input = acc.records ? reported(acc.input) : null;
    const output = acc.records ? reported(acc.output) : null;
    const cached = acc.records ? reported(acc.cached) : null;
    const requests = acc.records ? reported(acc.requests) : null;
    const tokens = (input ?? 0) + (output ?? 0);
    const months = period ? period.days / MONTH_DAYS : 0;
    const inputShare = input !== null && output !== null && tokens > 0 ? input / tokens : null;
    const cachedInputShare = cached !== null && input ? cached / input : null;
    const batchTokens = acc.records ? reported(acc.batchTokens) : null;
    let peakToAverage: number | null = null;
    if (hourly && acc.hours && period && tokens > 0) {
      const average = tokens / (period.days * 24);
      peakToAverage = Math.max(...acc.hours.values()) / average;
    }
    const spendUsd = acc.spendRecords && !acc.spend.missing ? acc.spend.value : null;
    const listPriceUsd = acc.records && input !== null && output !== null ? this.listPrice([...acc.names][0] ?? acc.model, tokens, inputShare ?? 0, cachedInputShare ?? 0, batchTokens ?? 0) : null;
    return {
      model: acc.model,
      names: [...acc.names],
      known: acc.known,
      group: acc.group,
      inputTokens: input,
      outputTokens: output,
      cachedInputTokens: cached,
      cacheWriteTokens: acc.records ? reported(acc.cacheWrite) : null,
      reasoningTokens: acc.records ? reported(acc.reasoning) : null,
      requests,
      period,
      monthlyTokens: months > 0 && acc.records ? Math.round(tokens / months) : null,
      inputShare,
      cachedInputShare,
      requestShape: requests ? { inputTokens: Math.round((input ?? 0) / requests), outputTokens: Math.round((output ?? 0) / requests) } : null,
      batchShare: batchTokens !== null && tokens > 0 ? batchTokens / tokens : null,
      peakToAverage,
      spendUsd,
      listPriceUsd,
      spendRatio: spendUsd !== null && listPriceUsd ? spendUsd / listPriceUsd : null,
    };
  }

  /** The tokens at the catalog's API price: batch tokens at the batch price, cache reads at theirs. */
  private listPrice(name: string, tokens: number, inputShare: number, cachedInputShare: number, batchTokens: number): number | null {
    // Priced by the name as written: a host prefix picks that host's price.
    const price = findModel(name, this.catalog)?.price;
    if (!price || tokens === 0) return price ? 0 : null;
    const perM = (batch: boolean) => apiCallPrice(price, inputShare, { cachedInputShare, batch }).value;
    return ((tokens - batchTokens) * perM(false) + (batchTokens ? batchTokens * perM(true) : 0)) / 1e6;
  }
}

const SNAPSHOT = /-(\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * The id a config would write for a name as an export writes it: the curated card, else the
 * price table's key without its host prefix, and a dated snapshot (`gpt-4o-mini-2024-07-18`,
 * `claude-sonnet-4-5-20250929`) as its undated model where the catalog knows that one.
 */
export function usageModelId(name: string, catalog: Catalog): string | undefined {
  const card = findModel(name, catalog);
  const resolution = resolutionOf(name, catalog);
  const id = resolution?.card?.id ?? resolution?.entry?.key ?? card?.id;
  if (!id) return undefined;
  const undated = id.replace(SNAPSHOT, '');
  if (undated !== id) {
    const model = findModel(undated, catalog);
    if (model) return resolutionOf(undated, catalog)?.card?.id ?? resolutionOf(undated, catalog)?.entry?.key ?? model.id;
  }
  return id;
}

const total = (m: UsageModel) => (m.inputTokens ?? 0) + (m.outputTokens ?? 0);

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The span from the earliest file's start to the latest file's end. */
function span(sources: readonly SourceInfo[]): UsagePeriod | null {
  let start = Infinity;
  let end = -Infinity;
  for (const s of sources) {
    if (s.startMs !== null && s.startMs < start) start = s.startMs;
    if (s.endMs !== null && s.endMs > end) end = s.endMs;
  }
  if (!(end > start)) return null;
  return { start: iso(start), end: iso(end), days: Math.round(((end - start) / DAY) * 1e4) / 1e4 };
}

/** Files whose periods leave a gap: the gap is counted as a time without traffic. */
function gaps(sources: readonly SourceInfo[]): string[] {
  const dated = sources.filter((s) => s.startMs !== null && s.endMs !== null).sort((a, b) => a.startMs! - b.startMs!);
  const out: string[] = [];
  let reach = -Infinity;
  let last: SourceInfo | undefined;
  for (const s of dated) {
    if (last && s.startMs! - reach >= DAY) out.push(`no file covers ${iso(reach).slice(0, 10)} to ${iso(s.startMs!).slice(0, 10)} (between ${last.name} and ${s.name}): the months are averaged over the gap as if it had no traffic`);
    if (s.endMs! > reach) {
      reach = s.endMs!;
      last = s;
    }
  }
  return out;
}
