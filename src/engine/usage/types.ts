/**
 * Usage as the exports report it, reduced to one record type: a bucket of an aggregated
 * export (OpenAI, Anthropic) or one request (LiteLLM, OpenTelemetry, a plain CSV).
 * `null` is "the export does not report this figure", never zero.
 */

export type UsageFormat = 'openai-usage' | 'openai-costs' | 'anthropic-usage' | 'litellm-json' | 'litellm-csv' | 'otel-json' | 'plain-csv';

export const FORMAT_NAMES: Record<UsageFormat, string> = {
  'openai-usage': 'OpenAI Usage API page',
  'openai-costs': 'OpenAI Costs API page',
  'anthropic-usage': 'Anthropic usage report',
  'litellm-json': 'LiteLLM spend logs (JSON)',
  'litellm-csv': 'LiteLLM spend logs (CSV)',
  'otel-json': 'OpenTelemetry spans (OTLP/JSON)',
  'plain-csv': 'plain usage CSV',
};

export interface UsageRecord {
  /** The model as the export writes it. */
  model: string;
  /** Project, key, workspace, tag or model group, when the export groups by one. */
  group: string | null;
  /** Milliseconds since the epoch: a bucket's start, or the request's start. */
  startMs: number;
  /** A bucket's exclusive end; a request's start again (a point in time). */
  endMs: number;
  /** Every input token, cached and cache writes included. */
  inputTokens: number | null;
  /** Output tokens, reasoning included. */
  outputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  requests: number | null;
  /** Batch API traffic; null where the export does not say. */
  batch: boolean | null;
  /** What the export says was spent, in USD. */
  spendUsd: number | null;
}

/** The counts a record and a model's summary share; null where the export does not report one. */
export type TokenCounts = Pick<UsageRecord, 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'cacheWriteTokens' | 'reasoningTokens' | 'requests'>;

/** A figure the reader could not use, counted by reason (a summary says what it skipped). */
export interface Skip {
  reason: string;
  count: number;
  /** Where the first one was: "row 12", "bucket 3", "span 7". */
  first: string;
}

/** What a reader learned about one file beside its records. */
export interface SourceInfo {
  name: string;
  format: UsageFormat | null;
  /** The span the file covers, empty buckets included; null when it holds nothing dated. */
  startMs: number | null;
  endMs: number | null;
  /** True when every dated figure is an hour or finer: an hourly peak can be computed. */
  hourly: boolean;
  records: number;
  skipped: Skip[];
  /** Problems that stop a file or a part of it: truncated, not a usage export, more pages. */
  errors: string[];
  notes: string[];
}

/** Receives the records a reader finds, and the covered spans of empty buckets. */
export interface UsageSink {
  record(r: UsageRecord): void;
}
