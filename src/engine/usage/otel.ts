/**
 * OpenTelemetry GenAI spans in OTLP/JSON (opentelemetry-proto docs/specification.md, "JSON
 * Protobuf Encoding"; semantic-conventions v1.41.0 docs/gen-ai/gen-ai-spans.md and
 * gen-ai-agent-spans.md). One element here is one `resourceSpans` entry.
 *  - Only inference spans are counted (`gen_ai.operation.name` chat, text_completion,
 *    generate_content, embeddings): an `invoke_agent` span repeats its children's token
 *    totals, and tool or HTTP spans carry none.
 *  - Older instrumentation has no operation name and writes `gen_ai.system` (replaced by
 *    `gen_ai.provider.name` in v1.37.0) and `gen_ai.usage.prompt_tokens`/`completion_tokens`.
 *  - `gen_ai.usage.input_tokens` includes the cache_read and cache_creation tokens;
 *    `gen_ai.usage.reasoning.output_tokens` is a part of `output_tokens`.
 *  - times are nanoseconds as decimal strings (past 2^53); int64 values are strings or numbers.
 *  - `status.code` 2 is an error.
 */
import type { SourceInfo, UsageSink } from './types';
import { count, object, skip, text, unixTime } from './values';

const INFERENCE = new Set(['chat', 'text_completion', 'generate_content', 'embeddings']);
const AGENT = new Set(['invoke_agent', 'create_agent', 'execute_tool']);

type Attributes = Map<string, unknown>;

function attributes(list: unknown): Attributes {
  const map: Attributes = new Map();
  if (!Array.isArray(list)) return map;
  for (const item of list) {
    const a = object(item);
    const value = object(a?.value);
    if (typeof a?.key !== 'string' || !value) continue;
    map.set(a.key, value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue);
  }
  return map;
}

export class OtelReader {
  spans = 0;
  /** Agent and tool spans left out (their tokens are their children's). */
  agentSpans = 0;

  constructor(private readonly info: SourceInfo, private readonly sink: UsageSink) {}

  resourceSpans(value: unknown): void {
    const rs = object(value);
    if (!rs) return skip(this.info, 'resourceSpans entries that are not objects', `span ${this.spans + 1}`);
    const service = text(attributes(object(rs.resource)?.attributes).get('service.name'));
    const scopes = Array.isArray(rs.scopeSpans) ? rs.scopeSpans : Array.isArray(rs.instrumentationLibrarySpans) ? rs.instrumentationLibrarySpans : [];
    for (const scope of scopes) {
      const spans = object(scope)?.spans;
      if (!Array.isArray(spans)) continue;
      for (const span of spans) this.span(span, service);
    }
  }

  private span(value: unknown, service: string | null): void {
    const where = `span ${++this.spans}`;
    const span = object(value);
    if (!span) return skip(this.info, 'spans that are not objects', where);
    const attrs = attributes(span.attributes);
    const operation = text(attrs.get('gen_ai.operation.name'));
    const name = typeof span.name === 'string' ? span.name : '';
    if ((operation !== null && AGENT.has(operation)) || (operation === null && /^(invoke_agent|create_agent|execute_tool)\b/.test(name))) {
      this.agentSpans++;
      return;
    }
    const genAi = operation !== null || attrs.has('gen_ai.system') || attrs.has('gen_ai.provider.name');
    if (!genAi) return;
    if (operation !== null && !INFERENCE.has(operation)) return skip(this.info, `spans of operation "${operation.slice(0, 40)}" (not inference)`, where);
    const start = unixTime(span.startTimeUnixNano);
    if (start === null) return skip(this.info, 'spans without startTimeUnixNano', where);
    if (object(span.status)?.code === 2 || object(span.status)?.code === 'STATUS_CODE_ERROR') return skip(this.info, 'failed spans (status ERROR)', where);
    const input = count(attrs.get('gen_ai.usage.input_tokens') ?? attrs.get('gen_ai.usage.prompt_tokens'));
    const embeddings = operation === 'embeddings';
    const output = count(attrs.get('gen_ai.usage.output_tokens') ?? attrs.get('gen_ai.usage.completion_tokens')) ?? (embeddings ? 0 : null);
    if (input === null || output === null) return skip(this.info, 'inference spans without token counts', where);
    const model = text(attrs.get('gen_ai.response.model')) ?? text(attrs.get('gen_ai.request.model'));
    if (model === null) return skip(this.info, 'inference spans without a model', where);
    const cached = count(attrs.get('gen_ai.usage.cache_read.input_tokens'));
    const written = count(attrs.get('gen_ai.usage.cache_creation.input_tokens'));
    this.sink.record({
      model,
      group: service,
      startMs: start,
      endMs: start,
      inputTokens: input,
      outputTokens: output,
      cachedInputTokens: cached,
      cacheWriteTokens: written,
      reasoningTokens: count(attrs.get('gen_ai.usage.reasoning.output_tokens')),
      requests: 1,
      batch: null,
      spendUsd: null,
    });
  }
}
