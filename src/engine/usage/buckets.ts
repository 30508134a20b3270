/**
 * The aggregated exports: pages of time buckets, each with results per model (and project,
 * key or workspace when grouped so).
 *
 * OpenAI's Usage API (openai/openai-openapi openapi.yaml: UsageResponse, UsageTimeBucket,
 * UsageCompletionsResult, UsageEmbeddingsResult, CostsResult): `start_time`/`end_time` are
 * Unix seconds, `[start, end)`; `input_tokens` already includes `input_cached_tokens` (and
 * cache writes in the current spec); reasoning is inside `output_tokens`; `batch`,
 * `project_id` and `model` are null unless grouped by them; an empty day is `results: []`
 * and still a covered day; the first bucket starts at the requested time (a partial bucket).
 *
 * Anthropic's usage report (Admin API, GET /v1/organizations/usage_report/messages:
 * MessagesUsageReport): `starting_at`/`ending_at` are RFC 3339, end exclusive;
 * `uncached_input_tokens` excludes cache reads and writes (5-minute and 1-hour, nested in
 * `cache_creation`); there is no request count; `service_tier: "batch"` is Message Batches
 * traffic; `workspace_id: null` is the default workspace.
 */
import type { SourceInfo, UsageRecord, UsageSink } from './types';
import { amount, count, cover, dateTime, object, skip, text, unixSeconds } from './values';

const HOUR = 3_600_000;
/** Bucket results already read: the same page given twice must not count twice. Bounded. */
const MAX_SEEN = 200_000;

export interface BucketContext {
  seen: Set<string>;
}

function seenBefore(ctx: BucketContext, key: string): boolean {
  if (ctx.seen.has(key)) return true;
  if (ctx.seen.size < MAX_SEEN) ctx.seen.add(key);
  return false;
}

function bucketSpan(info: SourceInfo, start: number, end: number): void {
  cover(info, start, end);
  if (end - start > HOUR) info.hourly = false;
}

function joinGroup(parts: (string | null | false)[]): string | null {
  const kept = parts.filter((p): p is string => typeof p === 'string');
  return kept.length ? kept.join(' · ') : null;
}

export function openAiBucket(value: unknown, index: number, info: SourceInfo, sink: UsageSink, ctx: BucketContext): void {
  const where = `bucket ${index + 1}`;
  const bucket = object(value);
  const start = unixSeconds(bucket?.start_time);
  const end = unixSeconds(bucket?.end_time);
  if (!bucket || start === null || end === null || end <= start) {
    skip(info, 'buckets without start_time and end_time in Unix seconds', where);
    return;
  }
  bucketSpan(info, start, end);
  const results = Array.isArray(bucket.results) ? bucket.results : Array.isArray(bucket.result) ? bucket.result : null;
  if (!results) {
    skip(info, 'buckets without a results list', where);
    return;
  }
  results.forEach((item, i) => {
    const r = object(item);
    const at = `${where}, result ${i + 1}`;
    if (!r) return skip(info, 'results that are not objects', at);
    if (seenBefore(ctx, `openai|${start}|${end}|${JSON.stringify(r)}`)) return skip(info, 'results already read from another file (the same page twice)', at);
    const group = joinGroup([r.project_id != null && `project ${text(r.project_id)}`, r.api_key_id != null && `key ${text(r.api_key_id)}`, r.user_id != null && `user ${text(r.user_id)}`]);
    if (r.object === 'organization.costs.result') {
      // Costs are per line item ("gpt-4o-2024-08-06, input"), not per model: the model is the item's first part.
      const spend = amount(object(r.amount)?.value);
      const currency = object(r.amount)?.currency;
      if (spend === null || (typeof currency === 'string' && currency.toLowerCase() !== 'usd')) return skip(info, 'cost results without an amount in USD', at);
      const model = text(typeof r.line_item === 'string' ? r.line_item.split(',')[0] : null) ?? '(all models)';
      return sink.record(spendOnly(model, group, start, end, spend));
    }
    const embeddings = r.object === 'organization.usage.embeddings.result';
    const input = count(r.input_tokens);
    const output = embeddings ? 0 : count(r.output_tokens);
    if (input === null || output === null) return skip(info, 'results without input_tokens and output_tokens', at);
    const cacheWrite = count(r.input_cache_write_tokens);
    const uncached = count(r.input_uncached_tokens);
    // input_tokens includes the cached tokens: they are a part of it, never added to it.
    const cached = count(r.input_cached_tokens) ?? (uncached !== null ? Math.max(0, input - uncached - (cacheWrite ?? 0)) : embeddings ? 0 : null);
    sink.record({
      model: text(r.model) ?? '(all models)',
      group,
      startMs: start,
      endMs: end,
      inputTokens: input,
      outputTokens: output,
      cachedInputTokens: cached,
      cacheWriteTokens: cacheWrite,
      // Reasoning is counted inside output_tokens and not reported apart.
      reasoningTokens: embeddings ? 0 : null,
      requests: count(r.num_model_requests),
      batch: typeof r.batch === 'boolean' ? r.batch : null,
      spendUsd: null,
    });
  });
}

function spendOnly(model: string, group: string | null, start: number, end: number, spend: number): UsageRecord {
  return { model, group, startMs: start, endMs: end, inputTokens: null, outputTokens: null, cachedInputTokens: null, cacheWriteTokens: null, reasoningTokens: null, requests: null, batch: null, spendUsd: spend };
}

export function anthropicBucket(value: unknown, index: number, info: SourceInfo, sink: UsageSink, ctx: BucketContext): void {
  const where = `bucket ${index + 1}`;
  const bucket = object(value);
  const start = dateTime(bucket?.starting_at);
  const end = dateTime(bucket?.ending_at);
  if (!bucket || start === null || end === null || end <= start) {
    skip(info, 'buckets without starting_at and ending_at as RFC 3339 times', where);
    return;
  }
  bucketSpan(info, start, end);
  if (!Array.isArray(bucket.results)) {
    skip(info, 'buckets without a results list', where);
    return;
  }
  // Grouped by workspace, the default workspace is written as null.
  const byWorkspace = bucket.results.some((r) => object(r)?.workspace_id != null);
  bucket.results.forEach((item, i) => {
    const r = object(item);
    const at = `${where}, result ${i + 1}`;
    if (!r) return skip(info, 'results that are not objects', at);
    if (seenBefore(ctx, `anthropic|${start}|${end}|${JSON.stringify(r)}`)) return skip(info, 'results already read from another file (the same page twice)', at);
    const uncached = count(r.uncached_input_tokens);
    const output = count(r.output_tokens);
    if (uncached === null || output === null) return skip(info, 'results without uncached_input_tokens and output_tokens', at);
    const read = count(r.cache_read_input_tokens) ?? 0;
    const creation = object(r.cache_creation);
    const write = (count(creation?.ephemeral_5m_input_tokens) ?? 0) + (count(creation?.ephemeral_1h_input_tokens) ?? 0);
    const tier = text(r.service_tier);
    const workspace = text(r.workspace_id) ?? (byWorkspace ? 'default' : null);
    sink.record({
      model: text(r.model) ?? '(all models)',
      group: joinGroup([workspace !== null && `workspace ${workspace}`, r.api_key_id != null && `key ${text(r.api_key_id)}`]),
      startMs: start,
      endMs: end,
      // uncached_input_tokens excludes cache reads and writes: every input token is the sum.
      inputTokens: uncached + read + write,
      outputTokens: output,
      cachedInputTokens: read,
      cacheWriteTokens: write,
      // Anthropic's usage has no thinking count: reasoning is inside output_tokens.
      reasoningTokens: null,
      requests: null,
      batch: tier === null ? null : tier === 'batch',
      spendUsd: null,
    });
  });
}
