/**
 * The usage readers on fixtures built from each format's documentation
 * (test/fixtures/usage/README.md cites them), with the traps pinned: cached tokens that are
 * part of the input count, seconds against nanoseconds, empty and partial buckets, gateway
 * cache hits, failed requests, agent spans that repeat their children's tokens.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { detectFormat, summarizeUsage, UsageFileReader, UsageSummarizer, type UsageModel, type UsageSummary } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const catalog = cliCatalog().catalog;
const root = path.resolve(__dirname, '../../..');
const read = (name: string) => readFileSync(path.join(root, 'test/fixtures/usage', name), 'utf8');

/** The files whole, or cut in chunks of `size` characters (the summary must not depend on where). */
function summarize(names: string[], size = Infinity): UsageSummary {
  return summarizeUsage(names.map((name) => ({ name, chunks: chunks(read(name), size) })), catalog);
}

function* chunks(text: string, size: number): Iterable<string> {
  if (size === Infinity) yield text;
  else for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

function model(s: UsageSummary, id: string, group: string | null = null): UsageModel {
  const found = s.models.find((m) => m.model === id && m.group === group);
  assert.ok(found, `no ${id} / ${group} in ${s.models.map((m) => `${m.model} / ${m.group}`).join(', ')}`);
  return found;
}

const round = (n: number | null, digits = 4) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

describe('usage: format detection from content', () => {
  it('tells every fixture by its content, not its name', () => {
    assert.equal(detectFormat(read('openai-completions-page1.json')), 'openai-usage');
    assert.equal(detectFormat(read('openai-embeddings.json')), 'openai-usage');
    assert.equal(detectFormat(read('anthropic-usage.json')), 'anthropic-usage');
    assert.equal(detectFormat(read('litellm-spend-logs.json')), 'litellm-json');
    assert.equal(detectFormat(read('litellm-spend-logs.csv')), 'litellm-csv');
    assert.equal(detectFormat(read('otel-genai-spans.json')), 'otel-json');
    assert.equal(detectFormat(read('plain-usage.csv')), 'plain-csv');
    assert.equal(detectFormat('{"workloads": []}'), null);
    assert.equal(detectFormat('name,age\nx,1\n'), null);
  });
});

describe('usage: OpenAI Usage API', () => {
  const s = summarize(['openai-completions-page1.json', 'openai-completions-page2.json']);

  it('reads two pages as one export: input_tokens already holds the cached tokens, empty days count as covered', () => {
    const mini = model(s, 'gpt-4o-mini');
    assert.deepEqual(mini.names, ['gpt-4o-mini-2024-07-18']);
    assert.equal(mini.inputTokens, 1_000_000);
    assert.equal(mini.outputTokens, 230_000);
    assert.equal(mini.cachedInputTokens, 100_000);
    assert.equal(mini.requests, 450);
    // Page 1 has no cache-write field (the older field set): not reported for every bucket.
    assert.equal(mini.cacheWriteTokens, null);
    assert.equal(mini.reasoningTokens, null);
    // The first bucket starts at noon (the requested start): 4.5 days, empty days included.
    assert.deepEqual(s.period, { start: '2026-11-01T12:00:00Z', end: '2026-11-06T00:00:00Z', days: 4.5 });
    assert.equal(mini.monthlyTokens, 8_200_000);
    assert.equal(round(mini.inputShare), 0.813);
    assert.equal(mini.cachedInputShare, 0.1);
    assert.deepEqual(mini.requestShape, { inputTokens: 2222, outputTokens: 511 });
    assert.equal(round(mini.batchShare), round(600_000 / 1_230_000));
    // Daily buckets: no hourly peak.
    assert.equal(mini.peakToAverage, null);
    const big = model(s, 'gpt-4o');
    assert.equal(big.monthlyTokens, 800_000);
    assert.deepEqual(big.requestShape, { inputTokens: 2000, outputTokens: 1000 });
  });

  it('warns when a page says more pages follow and they are not given', () => {
    const first = summarize(['openai-completions-page1.json']);
    assert.match(first.warnings.join('\n'), /has_more/);
    assert.match(first.sources[0]!.notes.join('\n'), /next_page page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=/);
  });

  it('counts the same page given twice once', () => {
    const twice = summarize(['openai-completions-page2.json', 'openai-completions-page2.json']);
    assert.equal(model(twice, 'gpt-4o-mini').inputTokens, 140_000);
    assert.equal(twice.sources[1]!.skipped[0]!.reason, 'results already read from another file (the same page twice)');
  });

  it('takes the peak-to-average from hourly buckets, empty hours included', () => {
    const h = summarize(['openai-completions-hourly.json']);
    const mini = model(h, 'gpt-4o-mini', 'project proj_support');
    assert.equal(mini.monthlyTokens, 1_728_000);
    // 7,200 tokens over 3 hours average 2,400 an hour; the peak hour has 6,000.
    assert.equal(mini.peakToAverage, 2.5);
    assert.equal(mini.cachedInputTokens, 1000);
  });

  it('reads embeddings: input only, no output', () => {
    const e = model(summarize(['openai-embeddings.json']), 'text-embedding-3-small');
    assert.equal(e.inputTokens, 3_000_000);
    assert.equal(e.outputTokens, 0);
    assert.equal(e.inputShare, 1);
    assert.equal(e.monthlyTokens, 90_000_000);
  });
});

describe('usage: Anthropic usage report', () => {
  const s = summarize(['anthropic-usage.json']);
  it('adds cache reads and both cache writes to the uncached input; no request count', () => {
    const sonnet = s.models[0]!;
    assert.deepEqual(sonnet.names, ['claude-sonnet-4-5-20250929']);
    assert.equal(sonnet.inputTokens, 40_000);
    assert.equal(sonnet.cachedInputTokens, 7_000);
    assert.equal(sonnet.cacheWriteTokens, 3_000);
    assert.equal(sonnet.outputTokens, 13_000);
    assert.equal(sonnet.requests, null);
    assert.equal(sonnet.requestShape, null);
    assert.equal(sonnet.cachedInputShare, 0.175);
    assert.equal(round(sonnet.batchShare), round(28_000 / 53_000));
    assert.deepEqual(s.period, { start: '2026-11-01T00:00:00Z', end: '2026-11-03T00:00:00Z', days: 2 });
    assert.equal(sonnet.monthlyTokens, 795_000);
  });
});

describe('usage: LiteLLM spend logs', () => {
  const json = summarize(['litellm-spend-logs.json']);

  it('leaves out gateway cache hits and failed requests, and says so', () => {
    const mini = model(json, 'gpt-4o-mini');
    assert.equal(mini.inputTokens, 2000);
    assert.equal(mini.outputTokens, 500);
    assert.equal(mini.cachedInputTokens, 200);
    assert.equal(mini.requests, 2);
    assert.equal(round(mini.spendUsd!, 6), 0.0006);
    const skipped = json.sources[0]!.skipped.map((k) => `${k.reason}: ${k.count} (${k.first})`);
    assert.deepEqual(skipped, ["LiteLLM cache hits (answered from the gateway's cache, no provider call): 1 (row 1)", 'failed requests (status "failure"): 1 (row 3)']);
  });

  it('keeps Anthropic cache reads and writes inside prompt_tokens, and reasoning inside completion_tokens', () => {
    const sonnet = json.models.find((m) => m.names.includes('anthropic/claude-sonnet-4-5-20250929'))!;
    assert.equal(sonnet.group, 'claude-sonnet');
    assert.equal(sonnet.inputTokens, 5000);
    assert.equal(sonnet.cachedInputTokens, 3000);
    assert.equal(sonnet.cacheWriteTokens, 1000);
    assert.equal(sonnet.reasoningTokens, 200);
    assert.equal(sonnet.spendUsd, 0.0126);
  });

  it('reports no spend for a hosted_vllm row (no price configured) and no invented cache figures', () => {
    const llama = json.models.find((m) => m.names[0] === 'hosted_vllm/meta-llama/Llama-3.1-8B-Instruct')!;
    assert.equal(llama.spendUsd, null);
    assert.equal(llama.cachedInputTokens, null);
    assert.equal(llama.inputTokens, 400);
  });

  it('covers whole UTC days from the first request to the last; hourly peak from the timestamps', () => {
    assert.deepEqual(json.period, { start: '2026-11-15T00:00:00Z', end: '2026-11-17T00:00:00Z', days: 2 });
    const mini = model(json, 'gpt-4o-mini');
    assert.equal(mini.monthlyTokens, 37_500);
    // 2,500 tokens over 48 hours; the 09:00 hour of the 16th had 1,500.
    assert.equal(round(mini.peakToAverage), 28.8);
  });

  it('reads the table as CSV (jsonb text, timestamps without a zone, 2.4e-04) to the same summary', () => {
    const csv = summarize(['litellm-spend-logs.csv']);
    assert.deepEqual(csv.models, json.models);
    assert.deepEqual(csv.period, json.period);
  });
});

describe('usage: OpenTelemetry GenAI spans', () => {
  const s = summarize(['otel-genai-spans.json']);
  it('counts the chat spans, not the agent span that repeats their tokens, nor a failed span', () => {
    const mini = model(s, 'gpt-4o-mini', 'support-bot');
    assert.equal(mini.inputTokens, 3000);
    assert.equal(mini.outputTokens, 700);
    assert.equal(mini.cachedInputTokens, 400);
    assert.equal(mini.requests, 2);
    // One span reports reasoning, the other does not: not a figure for the model.
    assert.equal(mini.reasoningTokens, null);
    assert.match(s.sources[0]!.notes.join('\n'), /2 agent or tool span\(s\) not counted/);
    assert.deepEqual(s.sources[0]!.skipped.map((k) => k.reason), ['failed spans (status ERROR)']);
  });

  it('reads the older gen_ai.system form with prompt_tokens and completion_tokens', () => {
    const haiku = s.models.find((m) => m.group === 'legacy-app')!;
    assert.deepEqual(haiku.names, ['claude-3-5-haiku-20241022']);
    assert.equal(haiku.inputTokens, 600);
    assert.equal(haiku.outputTokens, 150);
  });

  it('reads nanosecond times past 2^53 exactly enough for whole days', () => {
    assert.deepEqual(s.period, { start: '2026-11-20T00:00:00Z', end: '2026-11-22T00:00:00Z', days: 2 });
  });
});

describe('usage: plain CSV', () => {
  const s = summarize(['plain-usage.csv']);
  it('reads ISO times, Unix seconds and Unix nanoseconds alike, and skips an unreadable row', () => {
    const gpt = model(s, 'gpt-4o');
    assert.equal(gpt.inputTokens, 6000);
    assert.equal(gpt.outputTokens, 2000);
    // The nanosecond row gives no cached count.
    assert.equal(gpt.cachedInputTokens, null);
    assert.equal(gpt.requests, 7);
    assert.deepEqual(s.sources[0]!.skipped, [{ reason: 'rows without a readable timestamp', count: 1, first: 'row 5' }]);
    // A date-only row is a whole day: no hourly peak for the file.
    assert.equal(gpt.peakToAverage, null);
    assert.equal(model(s, 'llama-3.1-70b').requests, null);
  });
});

describe('usage: the same summary however the text is cut', () => {
  for (const files of [['openai-completions-page1.json', 'openai-completions-page2.json'], ['litellm-spend-logs.json'], ['litellm-spend-logs.csv'], ['otel-genai-spans.json'], ['anthropic-usage.json'], ['plain-usage.csv']]) {
    it(`${files.join(' + ')} in chunks of 1, 7 and 4096 characters`, () => {
      const whole = summarize(files);
      for (const size of [1, 7, 4096]) assert.deepEqual(summarize(files, size), whole, `chunks of ${size}`);
    });
  }
});

describe('usage: hostile input gives a clear error or a partial summary, never a throw', () => {
  const one = (name: string, text: string, size = Infinity) => summarizeUsage([{ name, chunks: chunks(text, size) }], catalog);

  it('a truncated page: the complete buckets before the cut are read, and the file says it was cut', () => {
    const text = read('openai-completions-page1.json');
    const cut = text.slice(0, text.indexOf('"gpt-4o-2024-08-06"'));
    const s = one('cut.json', cut);
    assert.equal(model(s, 'gpt-4o-mini').inputTokens, 120_000);
    assert.match(s.sources[0]!.errors[0]!, /^ends inside a JSON value \(truncated\?\): the 1 complete record\(s\) before the cut are read$/);
  });

  it('a wrong format: an error that names what is read', () => {
    for (const text of ['{"workloads": [{"name": "x"}]}', '\u0089PNG\r\n\u001a\n\u0000\u0000', '', 'a,b\n1,2\n']) {
      const s = one('wrong', text);
      assert.equal(s.models.length, 0);
      assert.match(s.sources[0]!.errors[0]!, /^is (empty|not a usage export this reads)/);
    }
  });

  it('invalid JSON inside a usage page stops with the reason', () => {
    const s = one('bad.json', '{"object": "page", "data": [{"start_time": 1}]]]]');
    assert.match(s.sources[0]!.errors.join(), /not valid JSON: a closing bracket without an opening one/);
  });

  it('hostile model names stay apart, bounded, and never reach a prototype', () => {
    const rows = ['__proto__', 'constructor', 'x\u001b[31mred', 'a'.repeat(10_000)].map((m, i) => ({ request_id: `r${i}`, startTime: '2026-11-16T09:00:00Z', model: m, prompt_tokens: 10, completion_tokens: 1, spend: 0.1, status: 'success', cache_hit: 'False' }));
    const s = one('hostile.json', JSON.stringify(rows));
    assert.equal(s.models.length, 4);
    assert.ok(s.models.every((m) => m.model.length <= 200 && m.inputTokens === 10 && !m.known));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('mixed periods: a gap between files is named', () => {
    const early = JSON.stringify([{ request_id: 'a', startTime: '2026-10-01T09:00:00Z', model: 'gpt-4o', prompt_tokens: 100, completion_tokens: 10 }]);
    const late = JSON.stringify([{ request_id: 'b', startTime: '2026-11-01T09:00:00Z', model: 'gpt-4o', prompt_tokens: 100, completion_tokens: 10 }]);
    const s = summarizeUsage([{ name: 'october.json', chunks: [early] }, { name: 'november.json', chunks: [late] }], catalog);
    assert.deepEqual(s.warnings, ['no file covers 2026-10-02 to 2026-11-01 (between october.json and november.json): the months are averaged over the gap as if it had no traffic']);
    assert.equal(s.models[0]!.monthlyTokens, Math.round(220 / (32 / 30)));
  });

  it('an element larger than the limit is skipped, not buffered', () => {
    const s = summarizeUsage([{ name: 'big.json', chunks: [JSON.stringify([{ request_id: 'a', startTime: '2026-11-01T09:00:00Z', model: 'gpt-4o', prompt_tokens: 1, completion_tokens: 1, messages: 'x'.repeat(100_000) }, { request_id: 'b', startTime: '2026-11-01T09:00:00Z', model: 'gpt-4o', prompt_tokens: 5, completion_tokens: 1 }])] }], catalog);
    // The default limit (16 MB) reads both; the reader's own limit is exercised below.
    assert.equal(s.models[0]!.inputTokens, 6);
    const summarizer = new UsageSummarizer(catalog);
    const reader = new UsageFileReader('big.json', summarizer, { maxElementChars: 10_000 });
    summarizer.beginSource();
    reader.push(JSON.stringify([{ request_id: 'a', startTime: '2026-11-01T09:00:00Z', model: 'gpt-4o', prompt_tokens: 1, completion_tokens: 1, messages: 'x'.repeat(100_000) }, { request_id: 'b', startTime: '2026-11-01T09:00:00Z', model: 'gpt-4o', prompt_tokens: 5, completion_tokens: 1 }]));
    summarizer.endSource(reader.end());
    const small = summarizer.finish();
    assert.equal(small.models[0]!.inputTokens, 5);
    assert.equal(small.sources[0]!.skipped[0]!.reason, 'entries longer than 10,000 characters');
  });
});
