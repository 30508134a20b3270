/**
 * A plain usage CSV, the form a team writes from its own logs: a header with timestamp,
 * model, input_tokens and output_tokens, and optionally cached_tokens, requests and group.
 * `input_tokens` counts every input token, cached ones included (as OpenAI counts them).
 * A timestamp is an ISO date or time, or a Unix time in seconds, milliseconds, microseconds
 * or nanoseconds (told apart by size); a date alone stands for its whole day. A row without
 * `requests` is an aggregate whose request count is unknown.
 */
import type { SourceInfo, UsageSink } from './types';
import { count, cover, dateTime, isDateOnly, skip, text, unixTime } from './values';

const ALIASES: Record<string, readonly string[]> = {
  time: ['timestamp', 'time', 'date', 'datetime', 'start_time', 'starttime'],
  model: ['model', 'model_name'],
  input: ['input_tokens', 'input', 'prompt_tokens'],
  output: ['output_tokens', 'output', 'completion_tokens'],
  cached: ['cached_tokens', 'cached_input_tokens', 'cache_read_tokens'],
  requests: ['requests', 'request_count', 'num_requests'],
  group: ['group', 'project', 'tag'],
};

export type PlainColumns = Record<keyof typeof ALIASES, number>;

/** The columns of a header, or the names it lacks. */
export function plainColumns(header: readonly string[]): PlainColumns | { missing: string[] } {
  const names = header.map((h) => h.trim().toLowerCase());
  const columns = Object.fromEntries(Object.entries(ALIASES).map(([k, aliases]) => [k, names.findIndex((n) => aliases.includes(n))])) as PlainColumns;
  const missing = (['time', 'model', 'input', 'output'] as const).filter((k) => columns[k] < 0).map((k) => ALIASES[k]![0]!);
  return missing.length ? { missing } : columns;
}

const DAY = 86_400_000;

export function plainRow(columns: PlainColumns, fields: readonly string[], where: string, info: SourceInfo, sink: UsageSink): void {
  const at = (k: keyof PlainColumns) => (columns[k] >= 0 ? fields[columns[k]] : undefined);
  const when = at('time') ?? '';
  const numeric = /^\s*\d+(\.\d+)?\s*$/.test(when);
  const start = numeric ? unixTime(Number(when) >= 1e15 ? when.trim() : Number(when)) : dateTime(when);
  if (start === null) return skip(info, 'rows without a readable timestamp', where);
  const model = text(at('model'));
  if (model === null) return skip(info, 'rows without a model', where);
  const input = count(at('input'));
  const output = count(at('output'));
  if (input === null || output === null) return skip(info, 'rows without whole input and output token counts', where);
  const cachedText = at('cached');
  const cached = cachedText === undefined || cachedText === '' ? null : count(cachedText);
  if (cached !== null && cached > input) return skip(info, 'rows with more cached tokens than input tokens (input_tokens includes the cached ones)', where);
  const requestsText = at('requests');
  const day = !numeric && isDateOnly(when);
  if (day) {
    cover(info, start, start + DAY);
    info.hourly = false;
  }
  sink.record({
    model,
    group: text(at('group')),
    startMs: start,
    endMs: day ? start + DAY : start,
    inputTokens: input,
    outputTokens: output,
    cachedInputTokens: columns.cached >= 0 ? cached : null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    requests: requestsText === undefined || requestsText === '' ? null : count(requestsText),
    batch: null,
    spendUsd: null,
  });
}
