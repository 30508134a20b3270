/**
 * LiteLLM proxy spend logs: one row per request, from GET /spend/logs (JSON, `metadata` an
 * object) or the LiteLLM_SpendLogs table exported as CSV (jsonb columns as text, timestamps
 * `2026-11-16 09:12:33.12` in UTC without a zone). Columns as in LiteLLM's schema.prisma
 * (model LiteLLM_SpendLogs); semantics as spend_tracking_utils.get_logging_payload writes them:
 *  - `cache_hit` is the string "True"/"False": LiteLLM's own response cache, no provider call,
 *    spend 0, usage copied from the earlier answer. Not prompt caching; not provider traffic.
 *  - `status: "failure"` (with `call_type: ""` and zero tokens) is a failed request.
 *  - `prompt_tokens` already includes prompt-cache reads
 *    (metadata.additional_usage_values.prompt_tokens_details.cached_tokens), and for
 *    Anthropic, on current versions, cache writes too (AnthropicConfig.calculate_usage).
 *  - reasoning is `completion_tokens_details.reasoning_tokens`, inside `completion_tokens`.
 *  - `model` is the deployment's `provider/model`; `model_group` the public name.
 *  - a `hosted_vllm` row has no price configured: its `spend: 0.0` is no spend figure.
 */
import type { SourceInfo, UsageSink } from './types';
import { amount, count, dateTime, object, parseJson, skip, text } from './values';

export function liteLlmRow(row: Record<string, unknown>, where: string, info: SourceInfo, sink: UsageSink): void {
  const start = dateTime(row.startTime);
  if (start === null) return skip(info, 'rows without a startTime', where);
  if (String(row.status ?? '').toLowerCase() === 'failure') return skip(info, 'failed requests (status "failure")', where);
  const cacheHit = row.cache_hit;
  if (cacheHit === true || (typeof cacheHit === 'string' && cacheHit.toLowerCase() === 'true')) return skip(info, "LiteLLM cache hits (answered from the gateway's cache, no provider call)", where);
  const prompt = count(row.prompt_tokens);
  const completion = count(row.completion_tokens);
  if (prompt === null || completion === null) return skip(info, 'rows without prompt_tokens and completion_tokens', where);
  const model = text(row.model) ?? text(row.model_group);
  if (model === null) return skip(info, 'rows without a model', where);
  const metadata = object(typeof row.metadata === 'string' ? parseJson(row.metadata) : row.metadata);
  const usage = object(metadata?.additional_usage_values);
  const promptDetails = object(usage?.prompt_tokens_details);
  const completionDetails = object(usage?.completion_tokens_details);
  const cacheRead = count(promptDetails?.cached_tokens) ?? count(usage?.cache_read_input_tokens);
  const cacheWrite = count(usage?.cache_creation_input_tokens);
  // Older LiteLLM added only Anthropic's cache reads to prompt_tokens: a prompt smaller than
  // its cache reads and writes cannot include the writes, so they are added here.
  const input = cacheWrite !== null && prompt < (cacheRead ?? 0) + cacheWrite ? prompt + cacheWrite : prompt;
  const spend = amount(row.spend);
  const provider = text(row.custom_llm_provider);
  const unpriced = provider === 'hosted_vllm' || (spend === 0 && prompt + completion > 0);
  const group = text(row.model_group);
  sink.record({
    model,
    // The model group is the public name: a group of its own only where it is not the deployment's model.
    group: group !== null && group !== model && !model.endsWith(`/${group}`) ? group : null,
    startMs: start,
    endMs: start,
    inputTokens: input,
    outputTokens: completion,
    // Details reported without a figure are none of it; no details (a hosted_vllm row) is an unknown.
    cachedInputTokens: cacheRead ?? (promptDetails ? 0 : null),
    cacheWriteTokens: cacheWrite,
    reasoningTokens: completionDetails ? (count(completionDetails.reasoning_tokens) ?? 0) : null,
    requests: 1,
    batch: null,
    spendUsd: unpriced ? null : spend,
  });
}

/** The spend-log columns a CSV header must have to be read as one. */
export const LITELLM_CSV_COLUMNS = ['request_id', 'startTime', 'model', 'prompt_tokens', 'completion_tokens'];

/** A CSV row as the JSON form's object: empty fields are NULL. */
export function csvRowObject(header: readonly string[], fields: readonly string[]): Record<string, unknown> {
  const row: Record<string, unknown> = Object.create(null);
  header.forEach((name, i) => {
    const v = fields[i];
    if (v !== undefined && v !== '') row[name] = v;
  });
  return row;
}
