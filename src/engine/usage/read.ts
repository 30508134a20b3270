/**
 * One usage file, fed in chunks of text: its format is told from its content (the first
 * 64 KB), then each record goes to the sink as it is read, so memory does not grow with the
 * file. Never throws: a file it cannot read ends with errors in its SourceInfo.
 */
import { FORMAT_NAMES, type SourceInfo, type UsageFormat, type UsageRecord, type UsageSink } from './types';
import { JsonSplitter } from './jsonStream';
import { CsvSplitter } from './csvStream';
import { anthropicBucket, openAiBucket, type BucketContext } from './buckets';
import { csvRowObject, LITELLM_CSV_COLUMNS, liteLlmRow } from './litellm';
import { OtelReader } from './otel';
import { plainColumns, plainRow, type PlainColumns } from './plainCsv';
import { cover, object, parseJson, skip } from './values';

const SNIFF_CHARS = 64 * 1024;
const DAY = 86_400_000;
/** The largest single bucket, row or batch of spans read: far above any real one, and what memory is bounded by. */
const MAX_ELEMENT_CHARS = 16 * 1024 * 1024;

/** The format of a file from its first characters, or null. */
export function detectFormat(head: string): UsageFormat | null {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    if (/"resourceSpans"\s*:/.test(start)) return 'otel-json';
    if (/"organization\.costs\.result"/.test(start)) return 'openai-costs';
    if (/"organization\.usage\.(completions|embeddings)\.result"/.test(start) || (/"object"\s*:\s*"(page|bucket)"/.test(start) && /"start_time"\s*:/.test(start))) return 'openai-usage';
    if (/"(starting_at|uncached_input_tokens)"\s*:/.test(start)) return 'anthropic-usage';
    if (/"request_id"\s*:/.test(start) && /"(startTime|spend)"\s*:/.test(start)) return 'litellm-json';
    return null;
  }
  const header = start.split(/\r?\n/, 1)[0] ?? '';
  const columns = header.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  if (LITELLM_CSV_COLUMNS.every((c) => columns.includes(c))) return 'litellm-csv';
  if (!('missing' in plainColumns(columns))) return 'plain-csv';
  return null;
}

export interface ReadOptions {
  /** Shared by the files of one import: the same bucket in two files counts once. */
  buckets?: BucketContext;
  maxElementChars?: number;
}

export class UsageFileReader {
  readonly info: SourceInfo;
  private head = '';
  private format: UsageFormat | null | undefined;
  private json: JsonSplitter | null = null;
  private csv: CsvSplitter | null = null;
  private elements = 0;
  private firstEvent = Infinity;
  private lastEvent = -Infinity;
  private readonly sink: UsageSink;
  private readonly buckets: BucketContext;
  private otel: OtelReader | null = null;
  private morePagesCursor: string | null = null;

  constructor(name: string, sink: UsageSink, private readonly options: ReadOptions = {}) {
    this.info = { name, format: null, startMs: null, endMs: null, hourly: true, records: 0, skipped: [], errors: [], notes: [] };
    this.buckets = options.buckets ?? { seen: new Set() };
    this.sink = {
      record: (r: UsageRecord) => {
        this.info.records++;
        if (r.endMs === r.startMs) {
          if (r.startMs < this.firstEvent) this.firstEvent = r.startMs;
          if (r.startMs > this.lastEvent) this.lastEvent = r.startMs;
        }
        sink.record(r);
      },
    };
  }

  push(chunk: string): void {
    try {
      if (this.format === undefined) {
        this.head += chunk;
        if (this.head.length < SNIFF_CHARS) return;
        this.begin();
        return;
      }
      this.feed(chunk);
    } catch (error) {
      this.fail(`could not be read: ${String(error)}`);
    }
  }

  end(): SourceInfo {
    try {
      if (this.format === undefined) this.begin();
      this.finish();
    } catch (error) {
      this.fail(`could not be read: ${String(error)}`);
    }
    return this.info;
  }

  private fail(message: string): void {
    if (!this.info.errors.includes(message)) this.info.errors.push(message);
    this.format = null;
  }

  private begin(): void {
    const head = this.head.replace(/^\uFEFF/, '');
    this.head = '';
    this.format = detectFormat(head);
    this.info.format = this.format;
    if (this.format === null) {
      this.info.errors.push(head.trim() === '' ? 'is empty' : 'is not a usage export this reads (OpenAI or Anthropic usage pages, LiteLLM spend logs as JSON or CSV, OTLP/JSON spans, or a CSV with timestamp, model, input_tokens and output_tokens)');
      return;
    }
    if (this.format === 'litellm-csv' || this.format === 'plain-csv') this.csv = this.csvSplitter(this.format);
    else this.json = this.jsonSplitter(this.format);
    this.feed(head);
  }

  private feed(chunk: string): void {
    if (this.format === null) return;
    if (this.json) {
      this.json.push(chunk);
      if (this.json.problem) this.fail(`is not valid JSON: ${this.json.problem}`);
    } else this.csv?.push(chunk);
  }

  private jsonSplitter(format: UsageFormat): JsonSplitter {
    const info = this.info;
    const element = (value: unknown, key: string, index: number) => {
      if (format === 'openai-usage' || format === 'openai-costs') {
        if (key === 'data') openAiBucket(value, index, info, this.sink, this.buckets);
      } else if (format === 'anthropic-usage') {
        if (key === 'data') anthropicBucket(value, index, info, this.sink, this.buckets);
      } else if (format === 'otel-json') {
        if (key === 'resourceSpans') (this.otel ??= new OtelReader(info, this.sink)).resourceSpans(value);
      } else if (key === '' || key === 'data' || key === 'logs') {
        const row = object(value);
        if (row) liteLlmRow(row, `row ${index + 1}`, info, this.sink);
        else skip(info, 'rows that are not objects', `row ${index + 1}`);
      }
    };
    return new JsonSplitter(
      {
        element: (textValue, key) => {
          const index = this.elements++;
          const value = parseJson(textValue);
          if (value === undefined) skip(info, 'entries that are not valid JSON', `entry ${index + 1}`);
          else element(value, key, index);
        },
        member: (key, raw) => {
          if (key === 'has_more' && raw === 'true') this.morePagesCursor ??= '';
          if ((key === 'next_page' || key === 'next_page_token') && raw !== 'null') this.morePagesCursor = raw.replace(/^"|"$/g, '');
          if (key === 'has_more' && raw === 'false') this.morePagesCursor = null;
        },
        tooLarge: () => skip(info, `entries longer than ${(this.options.maxElementChars ?? MAX_ELEMENT_CHARS).toLocaleString('en-US')} characters`, `entry ${++this.elements}`),
      },
      this.options.maxElementChars ?? MAX_ELEMENT_CHARS,
    );
  }

  private csvSplitter(format: UsageFormat): CsvSplitter {
    const info = this.info;
    let header: string[] | null = null;
    let plain: PlainColumns | null = null;
    return new CsvSplitter(
      (fields, row) => {
        if (!header) {
          header = fields.map((f) => f.trim());
          const columns = plainColumns(header);
          plain = 'missing' in columns ? null : columns;
          return;
        }
        if (format === 'litellm-csv') liteLlmRow(csvRowObject(header, fields), `row ${row}`, info, this.sink);
        else if (plain) plainRow(plain, fields, `row ${row}`, info, this.sink);
      },
      (row) => skip(info, 'rows longer than 1 MB', `row ${row}`),
    );
  }

  private finish(): void {
    const info = this.info;
    if (this.json && !this.json.end() && !info.errors.length) info.errors.push(`ends inside a JSON value (truncated?): the ${info.records} complete record(s) before the cut are read`);
    if (this.csv && !this.csv.end()) info.errors.push(`ends inside a quoted field (truncated?): the last row is left out`);
    if (this.morePagesCursor !== null) info.notes.push(`has_more is true: the export has more pages${this.morePagesCursor ? ` (next_page ${this.morePagesCursor.slice(0, 60)})` : ''}; pass every page as a file`);
    if (this.otel?.agentSpans) info.notes.push(`${this.otel.agentSpans} agent or tool span(s) not counted: an agent span repeats its model calls' tokens`);
    // A file of requests covers the whole UTC days from its first request to its last.
    if (this.firstEvent <= this.lastEvent) cover(info, Math.floor(this.firstEvent / DAY) * DAY, (Math.floor(this.lastEvent / DAY) + 1) * DAY);
    if (this.format && info.records === 0 && !info.errors.length && info.startMs === null) info.notes.push(`no usage in this ${FORMAT_NAMES[this.format]}`);
  }
}
