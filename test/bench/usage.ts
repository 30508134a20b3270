/**
 * Usage import at scale: a million LiteLLM spend-log rows, generated in chunks and streamed
 * through the engine's reader and summary as the CLI streams a file. Reported against
 * JSON.parse of the same chunks in the same run, with rows a minute, and the heap after a
 * collection at 100k, 500k and 1M rows (it must not grow with the rows).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { UsageFileReader, UsageSummarizer, type Catalog } from '../../src/engine';

const MODELS = ['openai/gpt-4o-mini', 'openai/gpt-4o', 'anthropic/claude-sonnet-4-5-20250929', 'hosted_vllm/meta-llama/Llama-3.1-8B-Instruct', 'gpt-4o-mini-2024-07-18', 'deepseek/deepseek-chat', 'gemini/gemini-2.0-flash', 'mistral/mistral-large-latest'];
const ROWS_PER_CHUNK = 1000;
const START = Date.UTC(2026, 9, 1);

/** One chunk of rows as /spend/logs writes them; row i is 2.6 s after row i-1 (a million rows ≈ 30 days). */
function chunkOf(first: number, total: number): string {
  const parts: string[] = [];
  for (let i = first; i < Math.min(first + ROWS_PER_CHUNK, total); i++) {
    const model = MODELS[i % MODELS.length]!;
    const prompt = 500 + (i % 1500);
    parts.push(
      `${i ? ',' : '['}{"request_id":"chatcmpl-${i}","call_type":"acompletion","api_key":"88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b","spend":${(prompt * 1.5e-7).toExponential(3)},"total_tokens":${prompt + 200},"prompt_tokens":${prompt},"completion_tokens":200,"startTime":"${new Date(START + i * 2600).toISOString()}","endTime":"${new Date(START + i * 2600 + 900).toISOString()}","model":"${model}","model_group":"${model.split('/').pop()}","custom_llm_provider":"openai","user":"default_user_id","metadata":{"user_api_key_team_id":"team-a","additional_usage_values":{"prompt_tokens_details":{"cached_tokens":${i % 3 ? 0 : 256}},"completion_tokens_details":{"reasoning_tokens":0}}},"cache_hit":"${i % 50 ? 'False' : 'True'}","request_tags":["support"],"status":"success"}`,
    );
  }
  if (first + ROWS_PER_CHUNK >= total) parts.push(']');
  return parts.join('\n');
}

function heapMB(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 1024 ** 2;
}

export function usageBench(catalog: Catalog): void {
  const total = 1_000_000;
  // Baseline: JSON.parse of the same chunks (each closed as an array), generation included in both.
  let t = performance.now();
  for (let first = 0; first < total; first += ROWS_PER_CHUNK) {
    const text = chunkOf(first, total);
    JSON.parse(`[${text.replace(/^[[,]/, '').replace(/\]$/, '')}]`);
  }
  const parseMs = performance.now() - t;
  const summarizer = new UsageSummarizer(catalog);
  summarizer.beginSource();
  const reader = new UsageFileReader('bench.json', summarizer);
  const heap: string[] = [];
  const base = heapMB();
  t = performance.now();
  let bytes = 0;
  for (let first = 0; first < total; first += ROWS_PER_CHUNK) {
    const text = chunkOf(first, total);
    bytes += text.length;
    reader.push(text);
    const done = first + ROWS_PER_CHUNK;
    if (done === 100_000 || done === 500_000 || done === total) heap.push(`${(done / 1000).toFixed(0)}k rows ${(heapMB() - base).toFixed(1)} MB`);
  }
  summarizer.endSource(reader.end());
  const summary = summarizer.finish();
  const ms = performance.now() - t;
  const rows = summary.models.reduce((n, m) => n + (m.requests ?? 0), 0);
  console.log('\nusage import: 1,000,000 LiteLLM spend-log rows streamed in chunks of 1,000 (generated in this run)');
  console.log(`  ${(bytes / 1024 ** 2).toFixed(0)} MB of JSON, ${rows.toLocaleString('en-US')} rows summarized (${(total - rows).toLocaleString('en-US')} gateway cache hits left out), ${summary.models.length} models`);
  console.log(`  summarize ${(ms / 1000).toFixed(2)} s (${Math.round(total / (ms / 60_000)).toLocaleString('en-US')} rows a minute; the budget is 1,000,000) · JSON.parse of the same chunks ${(parseMs / 1000).toFixed(2)} s · ×${(ms / parseMs).toFixed(2)} JSON.parse (heap checkpoints include two collections)`);
  console.log(`  heap above the start, after a collection: ${heap.join(', ')}`);
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cliCatalog } = require('../../src/cli/catalogFiles') as typeof import('../../src/cli/catalogFiles');
  usageBench(cliCatalog().catalog);
}
