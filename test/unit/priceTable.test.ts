import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildPriceTable, carryRetired, FIRST_PARTY_HOSTS, hostOf, perMillion, serializePriceTable } from '../../src/engine/catalog/data/buildPrices';
import { inputOnly, parsePriceTable, PriceTableError, type PriceTable, type PriceTableEntry } from '../../src/engine/catalog/data/priceTable';
import { priceCall } from '../../src/engine/catalog/data/priceCall';
import { byKey, entry, near, table } from './shippedPrices';

const root = path.resolve(__dirname, '../../..');
const fixtureFile = path.join(root, 'test/fixtures/prices/litellm-sample.json');
const generator = path.join(root, 'out/src/tools/buildPrices.js');


describe('price table: the committed prices.json', () => {
  it('passes the schema, says where it comes from and prints what it holds', () => {
    assert.equal(table.source, 'pydantic genai-prices and LiteLLM model_prices_and_context_window.json, the newer per model (each entry names its own)');
    assert.equal(table.asOf, '2026-09-23');
    assert.equal(table.sourceUrl, 'https://github.com/pydantic/genai-prices');
    // Every entry names its source and date: LiteLLM's file of 2026-07-24, genai-prices 0.1.8 of
    // 2026-09-23, or LiteLLM's earlier versions as mirrored by tokencost.
    const sources = new Map<string, number>();
    for (const e of table.entries) sources.set(`${e.source} ${e.asOf! >= '2026-01-01' ? e.asOf : 'before 2026'}`, (sources.get(`${e.source} ${e.asOf! >= '2026-01-01' ? e.asOf : 'before 2026'}`) ?? 0) + 1);
    assert.deepEqual([...sources.keys()].sort(), [
      'LiteLLM model_prices_and_context_window.json 2026-07-24',
      'LiteLLM model_prices_and_context_window.json: its 2024-2025 versions as mirrored by AgentOps-AI/tokencost before 2026',
      'pydantic genai-prices 2026-09-23',
    ]);
    const hosts = new Map<string, number>();
    const modes = new Map<string, number>();
    for (const e of table.entries) {
      hosts.set(e.host, (hosts.get(e.host) ?? 0) + 1);
      modes.set(e.mode, (modes.get(e.mode) ?? 0) + 1);
    }
    console.log(`      ${table.entries.length} entries; ${[...modes].map(([m, n]) => `${m} ${n}`).join(', ')}`);
    console.log(`      ${hosts.size} hosts: ${[...hosts].sort((a, b) => b[1] - a[1]).map(([h, n]) => `${h} ${n}`).join(', ')}`);
    assert.ok(table.entries.length > 2000, `${table.entries.length} entries`);
    for (const host of ['openai', 'anthropic', 'gemini', 'vertex', 'bedrock', 'azure', 'mistral', 'deepseek', 'xai', 'groq', 'together', 'fireworks', 'deepinfra', 'openrouter', 'cerebras']) {
      assert.ok((hosts.get(host) ?? 0) > 0, `no ${host} entries`);
    }
  });

  it('pins the prices of a sample per host, as the 2026-07-24 LiteLLM file or genai-prices of 2026-09-23 gives them', () => {
    const pinned: [key: string, host: string, model: string, input: number, output: number | undefined, extra?: Partial<PriceTableEntry>][] = [
      ['gpt-4o', 'openai', 'gpt-4o', 2.5, 10, { cacheReadPerMillionUsd: 1.25, batchInputPerMillionUsd: 1.25, batchOutputPerMillionUsd: 5, contextTokens: 128000, maxOutputTokens: 16384 }],
      ['claude-haiku-4-5', 'anthropic', 'claude-haiku-4-5', 1, 5, { cacheReadPerMillionUsd: 0.1, cacheWritePerMillionUsd: 1.25 }],
      ['anthropic.claude-3-5-haiku-20241022-v1:0', 'bedrock', 'anthropic.claude-3-5-haiku-20241022-v1:0', 0.8, 4, { cacheReadPerMillionUsd: 0.08, cacheWritePerMillionUsd: 1 }],
      ['bedrock/us-gov-west-1/anthropic.claude-3-haiku-20240307-v1:0', 'bedrock', 'anthropic.claude-3-haiku-20240307-v1:0', 0.3, 1.5, { region: 'us-gov-west-1' }],
      ['gemini/gemini-2.5-pro', 'gemini', 'gemini-2.5-pro', 1.25, 10, { cacheReadPerMillionUsd: 0.125, tiers: [{ aboveTokens: 200000, inputPerMillionUsd: 2.5, outputPerMillionUsd: 15, cacheReadPerMillionUsd: 0.25 }] }],
      ['gemini-2.5-pro', 'vertex', 'gemini-2.5-pro', 1.25, 10],
      ['vertex_ai/claude-3-5-haiku@20241022', 'vertex', 'claude-3-5-haiku@20241022', 1, 5],
      ['azure/gpt-4o', 'azure', 'gpt-4o', 2.5, 10, { cacheReadPerMillionUsd: 1.25 }],
      ['azure/eu/gpt-4o-2024-08-06', 'azure', 'gpt-4o-2024-08-06', 2.75, 11, { region: 'eu' }],
      ['azure_ai/grok-3', 'azure_ai', 'grok-3', 3, 15],
      ['mistral/mistral-large-latest', 'mistral', 'mistral-large-latest', 0.5, 1.5],
      ['deepseek/deepseek-chat', 'deepseek', 'deepseek-chat', 0.28, 0.42, { cacheReadPerMillionUsd: 0.028 }],
      ['xai/grok-4', 'xai', 'grok-4', 3, 15],
      ['groq/llama-3.1-8b-instant', 'groq', 'llama-3.1-8b-instant', 0.05, 0.08],
      ['together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo', 'together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 0.88, 0.88],
      ['fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct', 'fireworks', 'accounts/fireworks/models/llama-v3p1-8b-instruct', 0.1, 0.1],
      ['deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct', 'deepinfra', 'meta-llama/Meta-Llama-3.1-8B-Instruct', 0.03, 0.05],
      ['openrouter/anthropic/claude-3-haiku', 'openrouter', 'anthropic/claude-3-haiku', 0.25, 1.25],
      ['cerebras/llama3.1-8b', 'cerebras', 'llama3.1-8b', 0.1, 0.1],
      ['cohere/embed-v4.0', 'cohere', 'embed-v4.0', 0.12, undefined, { mode: 'embedding' }],
      ['voyage/voyage-3.5', 'voyage', 'voyage-3.5', 0.06, undefined, { mode: 'embedding' }],
      ['text-embedding-3-small', 'openai', 'text-embedding-3-small', 0.02, undefined, { mode: 'embedding', batchInputPerMillionUsd: 0.01 }],
      ['perplexity/sonar-deep-research', 'perplexity', 'sonar-deep-research', 2, 8, { reasoningPerMillionUsd: 3 }],
      ['dashscope/qwen-plus-2025-07-28', 'dashscope', 'qwen-plus-2025-07-28', 0.4, 1.2, { reasoningPerMillionUsd: 4, tiers: [{ aboveTokens: 256000, inputPerMillionUsd: 1.2, outputPerMillionUsd: 3.6, reasoningPerMillionUsd: 12 }] }],
      // genai-prices' tier starts at 271,999 tokens where LiteLLM's says "above 272k".
      ['gpt-5.4', 'openai', 'gpt-5.4', 2.5, 15, { batchInputPerMillionUsd: 1.25, source: 'pydantic genai-prices', tiers: [{ aboveTokens: 271999, inputPerMillionUsd: 5, outputPerMillionUsd: 22.5, cacheReadPerMillionUsd: 0.5 }] }],
      ['o1-pro', 'openai', 'o1-pro', 150, 600, { mode: 'responses' }],
      ['gpt-3.5-turbo-instruct', 'openai', 'gpt-3.5-turbo-instruct', 1.5, 2, { mode: 'completion' }],
    ];
    for (const [key, host, model, input, output, extra] of pinned) {
      const e = entry(key);
      assert.equal(e.host, host, key);
      assert.equal(e.model, model, key);
      assert.equal(e.inputPerMillionUsd, input, key);
      assert.equal(e.outputPerMillionUsd, output, key);
      for (const [field, value] of Object.entries(extra ?? {})) assert.deepEqual(e[field as keyof PriceTableEntry], value, `${key} ${field}`);
    }
    assert.ok(new Set(pinned.map((p) => p[1])).size >= 15);
  });

  it('keeps the first-party models LiteLLM dropped before 2026, from its earlier versions, retired at their last price', () => {
    const carried = table.entries.filter((e) => e.source?.includes('tokencost'));
    // 129 carried into the table of 2026-07-24: 23 are now priced by genai-prices (newer), and 8
    // realtime and speech ids are left out, as LiteLLM's current file lists them under those modes.
    assert.equal(carried.length, 98);
    for (const e of carried) {
      assert.equal(e.retired, true, e.key);
      assert.ok((FIRST_PARTY_HOSTS as readonly string[]).includes(e.host) && e.region === undefined, `${e.key}: ${e.host}`);
      assert.ok(e.asOf! >= '2024-01-01' && e.asOf! < table.asOf, `${e.key}: ${e.asOf}`);
    }
    const last = (key: string) => {
      const e = entry(key);
      return [e.host, e.inputPerMillionUsd, e.outputPerMillionUsd, e.retired, e.retiredOn, e.asOf];
    };
    // Anthropic's own price, not only Vertex's and Bedrock's: $0.80/$4 since Dec 2024 ($1/$5 at launch).
    assert.deepEqual(last('claude-3-5-haiku-20241022'), ['anthropic', 0.8, 4, true, undefined, '2025-09-01']);
    assert.deepEqual(last('claude-3-sonnet-20240229'), ['anthropic', 3, 15, true, '2025-07-21', '2025-09-01']);
    assert.deepEqual(last('claude-2.1'), ['anthropic', 8, 24, true, undefined, '2025-09-01']);
    // genai-prices of 2026-09-23 still lists these two, at the same price: its date now.
    assert.deepEqual(last('gpt-4-32k'), ['openai', 60, 120, true, undefined, '2026-09-23']);
    assert.deepEqual(last('gpt-4-vision-preview'), ['openai', 10, 30, true, '2024-12-06', '2026-09-23']);
    assert.deepEqual(last('gemini-1.0-pro'), ['vertex', 0.5, 1.5, true, undefined, '2025-09-01']);
    assert.deepEqual(last('gemini/gemini-1.5-pro-001'), ['gemini', 3.5, 10.5, true, '2025-05-24', '2025-09-01']);
    // Still in the 2026 file, retired there: the newer entry stands.
    assert.deepEqual(last('gpt-4-0613'), ['openai', 30, 60, true, '2025-06-06', '2026-09-23']);
    // One entry per model and host: the mirror's "openai/" copies of OpenAI's keys are not carried.
    assert.ok(!byKey.has('openai/gpt-4-32k') && !byKey.has('openai/gpt-4-0613'));
  });

  it('keeps retired models with their last price, marked retired with the date', () => {
    assert.deepEqual(
      [entry('claude-3-7-sonnet-20250219'), entry('azure/eu/gpt-4o-2024-08-06')].map((e) => [e.inputPerMillionUsd, e.outputPerMillionUsd, e.retired, e.retiredOn]),
      [
        [3, 15, true, '2026-02-19'],
        [2.75, 11, true, '2026-02-27'],
      ],
    );
    const retiring = entry('azure/gpt-4.1-2025-04-14');
    assert.equal(retiring.retired, undefined);
    assert.equal(retiring.retiresOn, '2026-11-04');
    const call = priceCall(entry('claude-3-7-sonnet-20250219'), { inputTokensM: 1, outputTokensM: 1 });
    assert.equal(call.monthlyUsd, 18);
    assert.ok(call.notes.includes('retired on 2026-02-19: the last known price'));
  });

  it('holds prices per million without float noise, and no entry the generator skips', () => {
    for (const e of table.entries) {
      for (const p of [e.inputPerMillionUsd, e.outputPerMillionUsd, e.cacheReadPerMillionUsd, e.batchInputPerMillionUsd]) {
        if (p !== undefined) assert.equal(p, Number(p.toPrecision(10)), e.key);
      }
      assert.ok(e.inputPerMillionUsd > 0 || (e.outputPerMillionUsd ?? 0) > 0, `${e.key} is free`);
      assert.equal(inputOnly(e.mode), e.outputPerMillionUsd === undefined, e.key);
    }
    // Rerankers priced per token are kept, on input only.
    assert.deepEqual([entry('jina-reranker-v2-base-multilingual')].map((e) => [e.host, e.mode, e.inputPerMillionUsd, e.outputPerMillionUsd]), [['jina_ai', 'rerank', 0.018, undefined]]);
  });
});

describe('price table: schema', () => {
  const base: PriceTableEntry = { key: 'm', host: 'openai', model: 'm', mode: 'chat', inputPerMillionUsd: 1, outputPerMillionUsd: 2 };
  const tableOf = (entries: unknown[]): unknown => ({ source: 's', sourceUrl: 'u', asOf: '2026-07-24', entries });
  const many = (first: unknown): unknown => tableOf([first, ...Array.from({ length: 60 }, (_, i) => ({ ...base, key: `m${i}` }))]);

  it('accepts a well-formed table', () => {
    assert.equal(parsePriceTable(many({ ...base, key: 'x' })).entries.length, 61);
  });

  it('rejects bad prices, unknown modes and fields, short tables and broken rules, naming the entry', () => {
    const cases: [unknown, RegExp][] = [
      [many({ ...base, inputPerMillionUsd: -1 }), /entries\.0\.inputPerMillionUsd/],
      [many({ ...base, inputPerMillionUsd: Infinity }), /entries\.0\.inputPerMillionUsd/],
      [many({ ...base, outputPerMillionUsd: 5000 }), /entries\.0\.outputPerMillionUsd/],
      [many({ ...base, mode: 'image_generation' }), /entries\.0\.mode/],
      [many({ ...base, inputCost: 1 }), /entries\.0/],
      [tableOf([base]), /entries: must be at least 50 long/],
      [many({ ...base, key: 'e', mode: 'embedding' }), /\(e\): an embedding has no output price/],
      [many({ ...base, key: 'c', outputPerMillionUsd: undefined }), /\(c\): a chat model needs an output price/],
      [many({ ...base, key: 'b', batchInputPerMillionUsd: 1 }), /batch prices come in pairs/],
      [many({ ...base, key: 't', tiers: [{ aboveTokens: 200000, inputPerMillionUsd: 2, outputPerMillionUsd: 3 }, { aboveTokens: 100000, inputPerMillionUsd: 2, outputPerMillionUsd: 3 }] }), /tiers must ascend/],
      [many({ ...base, key: 'm0' }), /duplicate key m0/],
      [many({ ...base, retiredOn: '2026-01-01' }), /retiredOn without retired/],
    ];
    for (const [json, message] of cases) assert.throws(() => parsePriceTable(json), (e: Error) => e instanceof PriceTableError && message.test(e.message), String(message));
  });
});

describe('price table: priceCall', () => {
  const gpt4o = () => entry('gpt-4o');

  it('bills input and output at list price', () => {
    const call = priceCall(gpt4o(), { inputTokensM: 100, outputTokensM: 20 });
    assert.equal(call.monthlyUsd, 450);
    assert.deepEqual(call.steps, [
      { label: 'input', formula: '100M × $2.50/M', value: 250 },
      { label: 'output', formula: '20M × $10/M', value: 200 },
    ]);
  });

  it('bills the cached share at the cache-read price and cache writes at the write price', () => {
    // gpt-4o: 70M × 2.50 + 30M × 1.25 + 20M × 10 = 175 + 37.5 + 200
    const call = priceCall(gpt4o(), { inputTokensM: 100, outputTokensM: 20, cachedInputShare: 0.3 });
    near(call.monthlyUsd, 412.5);
    assert.deepEqual(call.steps.map((s) => s.label), ['uncached input', 'cached input reads', 'output']);
    near(call.steps[1]!.value, 37.5);
    // claude-haiku-4-5: 4M × 1 + 5M × 0.10 + 1M × 1.25 + 2M × 5 = 4 + 0.5 + 1.25 + 10
    near(priceCall(entry('claude-haiku-4-5'), { inputTokensM: 10, outputTokensM: 2, cachedInputShare: 0.5, cacheWriteShare: 0.1 }).monthlyUsd, 15.75);
    // Groq lists no cache price: cached input is plain input.
    const groq = priceCall(entry('groq/llama-3.1-8b-instant'), { inputTokensM: 100, outputTokensM: 10, cachedInputShare: 0.5 });
    near(groq.monthlyUsd, 100 * 0.05 + 10 * 0.08);
    assert.ok(groq.notes.some((n) => n.startsWith('no cache-read price for groq/llama-3.1-8b-instant')));
  });

  it('uses batch prices when the entry has them, and says when it has none', () => {
    const batch = priceCall(gpt4o(), { inputTokensM: 100, outputTokensM: 20, batch: true });
    assert.equal(batch.batch, true);
    assert.equal(batch.monthlyUsd, 100 * 1.25 + 20 * 5);
    const none = priceCall(entry('claude-haiku-4-5'), { inputTokensM: 10, outputTokensM: 2, batch: true });
    assert.equal(none.batch, false);
    assert.equal(none.monthlyUsd, 10 + 10);
    assert.ok(none.notes.some((n) => n.startsWith('batch unavailable: claude-haiku-4-5 has no batch price')));
  });

  it('applies the long-context tier when the average prompt is above its threshold', () => {
    const gemini = entry('gemini/gemini-2.5-pro');
    // At the threshold: list prices, 10M × 1.25 + 1M × 10.
    assert.equal(priceCall(gemini, { inputTokensM: 10, outputTokensM: 1, promptTokens: 200000 }).monthlyUsd, 22.5);
    // Above it the whole call, output included, is at the tier's prices: 10M × 2.50 + 1M × 15.
    const long = priceCall(gemini, { inputTokensM: 10, outputTokensM: 1, promptTokens: 250000 });
    assert.equal(long.monthlyUsd, 40);
    assert.equal(long.tier?.aboveTokens, 200000);
    // The tier has its own cache price: 8M × 2.50 + 2M × 0.25 + 1M × 15.
    near(priceCall(gemini, { inputTokensM: 10, outputTokensM: 1, promptTokens: 250000, cachedInputShare: 0.2 }).monthlyUsd, 35.5);
    // Batch above the tier: the tier's prices at the short prompts' batch discount (½): 10M × 2.50 + 1M × 11.25.
    near(priceCall(entry('gpt-5.4'), { inputTokensM: 10, outputTokensM: 1, promptTokens: 300000, batch: true }).monthlyUsd, 36.25);
  });

  it('prices embeddings on input only', () => {
    const call = priceCall(entry('text-embedding-3-small'), { inputTokensM: 500, outputTokensM: 100, reasoningTokensM: 5 });
    near(call.monthlyUsd, 10);
    assert.deepEqual(call.steps.map((s) => s.label), ['input']);
    assert.ok(call.notes.includes('embedding: priced on input only'));
    near(priceCall(entry('text-embedding-3-small'), { inputTokensM: 500, outputTokensM: 0, batch: true }).monthlyUsd, 5);
  });

  it('bills reasoning tokens as output, at a reasoning price where the host has one', () => {
    // o3: 1M × 2 + 1M × 8 + 3M reasoning × 8.
    const o3 = priceCall(entry('o3'), { inputTokensM: 1, outputTokensM: 1, reasoningTokensM: 3 });
    assert.equal(o3.monthlyUsd, 34);
    assert.deepEqual(o3.steps.at(-1), { label: 'reasoning, billed as output', formula: '3M × $8/M', value: 24 });
    // Perplexity prices reasoning at $3/M against $8/M output: 2 + 8 + 2M × 3.
    assert.equal(priceCall(entry('perplexity/sonar-deep-research'), { inputTokensM: 1, outputTokensM: 1, reasoningTokensM: 2 }).monthlyUsd, 16);
    // Qwen's long-prompt tier has its own reasoning price: 1M × 1.20 + 1M × 3.60 + 1M × 12.
    near(priceCall(entry('dashscope/qwen-plus-2025-07-28'), { inputTokensM: 1, outputTokensM: 1, reasoningTokensM: 1, promptTokens: 300000 }).monthlyUsd, 16.8);
  });

  it('refuses volumes that are not volumes', () => {
    assert.throws(() => priceCall(gpt4o(), { inputTokensM: -1, outputTokensM: 1 }), RangeError);
    assert.throws(() => priceCall(gpt4o(), { inputTokensM: NaN, outputTokensM: 1 }), RangeError);
    assert.throws(() => priceCall(gpt4o(), { inputTokensM: 1, outputTokensM: 1, cachedInputShare: 1.5 }), RangeError);
    assert.throws(() => priceCall(gpt4o(), { inputTokensM: 1, outputTokensM: 1, cachedInputShare: 0.6, cacheWriteShare: 0.6 }), RangeError);
  });
});

describe('price table: the generator', () => {
  const fixture: unknown = JSON.parse(readFileSync(fixtureFile, 'utf8'));
  const e = (fields: PriceTableEntry): PriceTableEntry => fields;
  const expected: PriceTableEntry[] = [
    e({ key: 'claude-3-7-sonnet-20250219', host: 'anthropic', model: 'claude-3-7-sonnet-20250219', mode: 'chat', inputPerMillionUsd: 3, outputPerMillionUsd: 15, cacheReadPerMillionUsd: 0.3, cacheWritePerMillionUsd: 3.75, cacheWrite1hPerMillionUsd: 6, contextTokens: 200000, maxOutputTokens: 64000, retired: true, retiredOn: '2026-02-19' }),
    e({ key: 'azure/eu/gpt-4o-2024-08-06', host: 'azure', model: 'gpt-4o-2024-08-06', region: 'eu', mode: 'chat', inputPerMillionUsd: 2.75, outputPerMillionUsd: 11, cacheReadPerMillionUsd: 1.375, contextTokens: 128000, maxOutputTokens: 16384, retired: true, retiredOn: '2026-02-27' }),
    e({ key: 'azure_ai/global/grok-3', host: 'azure_ai', model: 'grok-3', region: 'global', mode: 'chat', inputPerMillionUsd: 3, outputPerMillionUsd: 15, contextTokens: 131072 }),
    e({ key: 'bedrock/invoke/anthropic.claude-3-5-sonnet-20240620-v1:0', host: 'bedrock', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', mode: 'chat', inputPerMillionUsd: 3, outputPerMillionUsd: 15 }),
    e({ key: 'bedrock/us-gov-west-1/anthropic.claude-3-haiku-20240307-v1:0', host: 'bedrock', model: 'anthropic.claude-3-haiku-20240307-v1:0', region: 'us-gov-west-1', mode: 'chat', inputPerMillionUsd: 0.3, outputPerMillionUsd: 1.5, cacheReadPerMillionUsd: 0.03, cacheWritePerMillionUsd: 0.375, contextTokens: 200000, maxOutputTokens: 4096 }),
    e({ key: 'us.writer.palmyra-x4-v1:0', host: 'bedrock', model: 'us.writer.palmyra-x4-v1:0', mode: 'chat', inputPerMillionUsd: 2.5, outputPerMillionUsd: 10, contextTokens: 128000, maxOutputTokens: 8192 }),
    e({ key: 'dashscope/qwen-plus-2025-07-28', host: 'dashscope', model: 'qwen-plus-2025-07-28', mode: 'chat', inputPerMillionUsd: 0.4, outputPerMillionUsd: 1.2, reasoningPerMillionUsd: 4, tiers: [{ aboveTokens: 256000, inputPerMillionUsd: 1.2, outputPerMillionUsd: 3.6, reasoningPerMillionUsd: 12 }], contextTokens: 997952, maxOutputTokens: 32768 }),
    e({ key: 'deepseek-reasoner', host: 'deepseek', model: 'deepseek-reasoner', mode: 'chat', inputPerMillionUsd: 0.28, outputPerMillionUsd: 0.42, cacheReadPerMillionUsd: 0.028 }),
    e({ key: 'deepseek/deepseek-chat', host: 'deepseek', model: 'deepseek-chat', mode: 'chat', inputPerMillionUsd: 0.28, outputPerMillionUsd: 0.42, cacheReadPerMillionUsd: 0.028, contextTokens: 131072, maxOutputTokens: 8192 }),
    e({ key: 'fireworks_ai/nomic-ai/nomic-embed-text-v1.5', host: 'fireworks', model: 'nomic-ai/nomic-embed-text-v1.5', mode: 'embedding', inputPerMillionUsd: 0.008, contextTokens: 8192 }),
    e({ key: 'gemini/gemini-2.5-pro', host: 'gemini', model: 'gemini-2.5-pro', mode: 'chat', inputPerMillionUsd: 1.25, outputPerMillionUsd: 10, cacheReadPerMillionUsd: 0.125, tiers: [{ aboveTokens: 200000, inputPerMillionUsd: 2.5, outputPerMillionUsd: 15, cacheReadPerMillionUsd: 0.25 }], contextTokens: 1048576, maxOutputTokens: 65535, retiresOn: '2027-06-17' }),
    e({ key: 'lambda_ai/llama3.1-8b-instruct', host: 'lambda_ai', model: 'llama3.1-8b-instruct', mode: 'chat', inputPerMillionUsd: 0.025, outputPerMillionUsd: 0.04, contextTokens: 131072 }),
    e({ key: 'gpt-3.5-turbo-instruct', host: 'openai', model: 'gpt-3.5-turbo-instruct', mode: 'completion', inputPerMillionUsd: 1.5, outputPerMillionUsd: 2, contextTokens: 8192 }),
    e({ key: 'gpt-4o', host: 'openai', model: 'gpt-4o', mode: 'chat', inputPerMillionUsd: 2.5, outputPerMillionUsd: 10, cacheReadPerMillionUsd: 1.25, batchInputPerMillionUsd: 1.25, batchOutputPerMillionUsd: 5, contextTokens: 128000, maxOutputTokens: 16384 }),
    e({ key: 'o1-pro', host: 'openai', model: 'o1-pro', mode: 'responses', inputPerMillionUsd: 150, outputPerMillionUsd: 600, batchInputPerMillionUsd: 75, batchOutputPerMillionUsd: 300, contextTokens: 200000, maxOutputTokens: 100000 }),
    e({ key: 'text-embedding-3-small', host: 'openai', model: 'text-embedding-3-small', mode: 'embedding', inputPerMillionUsd: 0.02, batchInputPerMillionUsd: 0.01, contextTokens: 8191 }),
    e({ key: 'perplexity/sonar-deep-research', host: 'perplexity', model: 'sonar-deep-research', mode: 'chat', inputPerMillionUsd: 2, outputPerMillionUsd: 8, reasoningPerMillionUsd: 3, contextTokens: 128000 }),
    e({ key: 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo', host: 'together', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', mode: 'chat', inputPerMillionUsd: 0.88, outputPerMillionUsd: 0.88 }),
    e({ key: 'gemini-2.0-flash', host: 'vertex', model: 'gemini-2.0-flash', mode: 'chat', inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6, cacheReadPerMillionUsd: 0.025, batchInputPerMillionUsd: 0.075, batchOutputPerMillionUsd: 0.3, contextTokens: 1048576, maxOutputTokens: 8192, retired: true, retiredOn: '2026-06-01' }),
    e({ key: 'vertex_ai/claude-3-5-haiku@20241022', host: 'vertex', model: 'claude-3-5-haiku@20241022', mode: 'chat', inputPerMillionUsd: 1, outputPerMillionUsd: 5, contextTokens: 200000, maxOutputTokens: 8192 }),
  ];
  const expectedSkips = {
    'not a model entry': 2,
    'zero price (free tier, local runtime or not priced)': 1,
    'price above $1,000 per million tokens': 1,
    'invalid price': 1,
    // cohere/rerank-english-v3.0 is priced per query, not per token.
    'no per-token price': 2,
    'no mode': 1,
    'no litellm_provider': 1,
    'mode image_generation': 1,
    'mode audio_transcription': 1,
    'mode moderation': 1,
  };

  it('turns a LiteLLM file into the table, field by field, and counts what it skips and why', () => {
    const result = buildPriceTable(fixture);
    assert.equal(result.table.asOf, '2026-07-24', 'the date comes from the file\'s last_updated');
    assert.equal(result.table.source, 'LiteLLM model_prices_and_context_window.json');
    assert.deepEqual(result.table.entries, expected);
    // Key order too: the file is read by people and diffed.
    assert.deepEqual(result.table.entries.map((x) => Object.keys(x)), expected.map((x) => Object.keys(x)));
    assert.deepEqual(result.skipped, expectedSkips);
    assert.ok(result.examples['no per-token price']!.includes('cohere/rerank-english-v3.0'), 'a reranker priced per query has no per-token price');
    assert.equal(result.carried, 0);
  });

  it('takes an explicit date, and asks for one when the file has none', () => {
    assert.equal(buildPriceTable(fixture, { asOf: '2026-02-20' }).table.entries.find((x) => x.key === 'azure/eu/gpt-4o-2024-08-06')!.retiresOn, '2026-02-27');
    assert.throws(() => buildPriceTable({ 'gpt-4o': {} }), /give --as-of/);
    assert.throws(() => buildPriceTable([]), /an object keyed by model/);
  });

  it('keeps models the new file dropped, from the previous table, marked retired with their own date', () => {
    const dropped: PriceTableEntry = { key: 'claude-3-5-haiku-20241022', host: 'anthropic', model: 'claude-3-5-haiku-20241022', mode: 'chat', inputPerMillionUsd: 0.8, outputPerMillionUsd: 4, retiresOn: '2026-02-19' };
    const previous: PriceTable = { source: 's', sourceUrl: 'u', asOf: '2025-10-01', entries: [dropped, { ...expected[13]!, inputPerMillionUsd: 5 }] };
    const result = buildPriceTable(fixture, { previous });
    assert.equal(result.carried, 1);
    assert.deepEqual(
      result.table.entries.find((x) => x.key === dropped.key),
      { key: 'claude-3-5-haiku-20241022', host: 'anthropic', model: 'claude-3-5-haiku-20241022', mode: 'chat', inputPerMillionUsd: 0.8, outputPerMillionUsd: 4, retired: true, asOf: '2025-10-01' },
    );
    assert.equal(result.table.entries.find((x) => x.key === 'gpt-4o')!.inputPerMillionUsd, 2.5, 'a model still in the file takes its new price');
    assert.equal(result.table.entries[0]!.key, 'claude-3-5-haiku-20241022', 'sorted by host and key');
  });

  it('keeps only the hosts --carry-hosts names, without regional prices, and the source a previous table gave', () => {
    const entries: PriceTableEntry[] = [
      { key: 'claude-2.1', host: 'anthropic', model: 'claude-2.1', mode: 'chat', inputPerMillionUsd: 8, outputPerMillionUsd: 24 },
      { key: 'bedrock/eu-west-1/anthropic.claude-v2', host: 'bedrock', model: 'anthropic.claude-v2', region: 'eu-west-1', mode: 'chat', inputPerMillionUsd: 8, outputPerMillionUsd: 24 },
      { key: 'anthropic.claude-v2', host: 'bedrock', model: 'anthropic.claude-v2', mode: 'chat', inputPerMillionUsd: 8, outputPerMillionUsd: 24 },
      { key: 'openrouter/anthropic/claude-2', host: 'openrouter', model: 'anthropic/claude-2', mode: 'chat', inputPerMillionUsd: 8, outputPerMillionUsd: 24 },
    ];
    const source = 'LiteLLM model_prices_and_context_window.json; models it dropped: its copies elsewhere';
    const previous: PriceTable = { source, sourceUrl: 'u', asOf: '2025-09-01', entries };
    const all = buildPriceTable(fixture, { previous });
    assert.equal(all.carried, 4);
    const some = buildPriceTable(fixture, { previous, carryHosts: ['anthropic', 'bedrock'] });
    assert.equal(some.carried, 2);
    assert.deepEqual(some.table.entries.filter((x) => x.asOf).map((x) => x.key), ['claude-2.1', 'anthropic.claude-v2']);
    // The previous table's account of where its older entries came from stays while it lends some.
    assert.equal(some.table.source, source);
    assert.equal(buildPriceTable(fixture, { previous: { ...previous, entries: [] } }).table.source, 'LiteLLM model_prices_and_context_window.json');
    assert.equal(buildPriceTable(fixture, { previous, source: 'mine' }).table.source, 'mine');
  });

  it('carries an older table\'s entries into a generated one without its source file: retired, dated, one per model and host', () => {
    const { table: built } = buildPriceTable(fixture);
    const chat = (key: string, host: string, model: string, price: number, more: Partial<PriceTableEntry> = {}): PriceTableEntry =>
      ({ key, host, model, mode: 'chat', inputPerMillionUsd: price, outputPerMillionUsd: price * 5, ...more });
    const older: PriceTable = {
      source: 'LiteLLM model_prices_and_context_window.json, as mirrored by someone',
      sourceUrl: 'u',
      asOf: '2025-09-01',
      entries: [
        chat('claude-3-5-haiku-20241022', 'anthropic', 'claude-3-5-haiku-20241022', 0.8, { retiresOn: '2025-10-01' }),
        // Keys the table has keep the table's entry.
        chat('gpt-4o', 'openai', 'gpt-4o', 5),
        // A mirror's prefixed copy is listed first: the unprefixed key is the one kept.
        chat('openai/gpt-4-32k', 'openai', 'gpt-4-32k', 60),
        chat('gpt-4-32k', 'openai', 'gpt-4-32k', 60),
        // The table prices the model on that host under another key.
        chat('openai/gpt-4o', 'openai', 'gpt-4o', 5),
        // Dropped even earlier: its own date and retirement stay.
        chat('claude-2.1', 'anthropic', 'claude-2.1', 8, { retired: true, retiredOn: '2025-07-21', asOf: '2024-06-30' }),
        chat('bedrock/eu-west-1/anthropic.claude-v2', 'bedrock', 'anthropic.claude-v2', 8, { region: 'eu-west-1' }),
        chat('openrouter/anthropic/claude-2', 'openrouter', 'anthropic/claude-2', 8),
      ],
    };
    const result = carryRetired(built, older, { hosts: FIRST_PARTY_HOSTS });
    assert.equal(result.carried, 3);
    assert.deepEqual(result.skipped, {
      'the table prices the model on that host under another key': 1,
      'another key of the older table prices the model on that host': 1,
      'a regional price': 1,
      'a host not carried': 1,
    });
    const got = new Map(result.table.entries.map((x) => [x.key, x]));
    assert.deepEqual(got.get('claude-3-5-haiku-20241022'), { key: 'claude-3-5-haiku-20241022', host: 'anthropic', model: 'claude-3-5-haiku-20241022', mode: 'chat', inputPerMillionUsd: 0.8, outputPerMillionUsd: 4, retired: true, asOf: '2025-09-01' });
    assert.deepEqual(Object.keys(got.get('claude-3-5-haiku-20241022')!), ['key', 'host', 'model', 'mode', 'inputPerMillionUsd', 'outputPerMillionUsd', 'retired', 'asOf']);
    assert.deepEqual([got.get('claude-2.1')!.retiredOn, got.get('claude-2.1')!.asOf], ['2025-07-21', '2024-06-30']);
    assert.ok(got.has('gpt-4-32k') && !got.has('openai/gpt-4-32k') && !got.has('openai/gpt-4o'));
    // The table's own entries are untouched, in the table's order, with the carried ones among them.
    assert.deepEqual(result.table.entries.filter((x) => !x.asOf), built.entries);
    assert.deepEqual(result.table.entries.slice(0, 3).map((x) => x.key), ['claude-2.1', 'claude-3-5-haiku-20241022', 'claude-3-7-sonnet-20250219']);
    assert.equal(result.table.asOf, built.asOf);
    assert.equal(result.table.source, 'LiteLLM model_prices_and_context_window.json; models it dropped: LiteLLM model_prices_and_context_window.json, as mirrored by someone');
    assert.equal(carryRetired(built, older, { source: 'mine' }).table.source, 'mine');
    assert.deepEqual(parsePriceTable(JSON.parse(serializePriceTable(result.table)), { minEntries: 1 }), result.table);
    // Without a host list every missing key is carried, regions and resellers too.
    assert.equal(carryRetired(built, older).carried, 5);
    // Carrying again adds nothing.
    assert.equal(carryRetired(result.table, older, { hosts: FIRST_PARTY_HOSTS }).carried, 0);
  });

  it('names hosts and converts prices as the table needs', () => {
    assert.deepEqual(
      ['openai', 'text-completion-openai', 'vertex_ai-anthropic_models', 'vertex_ai', 'bedrock_converse', 'together_ai', 'fireworks_ai-embedding-models', 'azure_ai', 'lambda_ai', 'xai'].map(hostOf),
      ['openai', 'openai', 'vertex', 'vertex', 'bedrock', 'together', 'fireworks', 'azure_ai', 'lambda_ai', 'xai'],
    );
    assert.deepEqual([2.5e-6, 1.25e-7, 1.1e-5, 8e-9, 3.75e-7].map(perMillion), [2.5, 0.125, 11, 0.008, 0.375]);
  });

  it('writes one entry a line, which reads back as the same table', () => {
    const { table: built } = buildPriceTable(fixture);
    const text = serializePriceTable(built);
    assert.equal(text.split('\n').length, built.entries.length + 3);
    assert.deepEqual(JSON.parse(text), built);
  });

  // The generator's runs start node, which takes more than mocha's 2 s on a busy machine.
  it('runs as `npm run prices`: writes the file, validated, and prints the counts and skips', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-prices-')), 'prices.json');
    const run = spawnSync(process.execPath, [generator, fixtureFile, '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(out, 'utf8'), serializePriceTable(buildPriceTable(fixture).table));
    assert.match(run.stdout, /20 entries from 13 hosts, as of 2026-07-24/);
    assert.match(run.stdout, /skipped 12:/);
    assert.match(run.stdout, /2 {2}no per-token price {2}\(e\.g\. [^)]*cohere\/rerank-english-v3\.0\)/);
    assert.match(run.stdout, /\d+ bytes, \d+ gzipped/);

    // A second run reads the table it replaces: nothing dropped, nothing carried.
    const again = spawnSync(process.execPath, [generator, fixtureFile, '--out', out, '--as-of', '2026-07-24'], { encoding: 'utf8' });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /0 kept from the previous table/);

    const usage = spawnSync(process.execPath, [generator], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^usage: npm run prices -- <model_prices_and_context_window\.json>/);
  }).timeout(10000);

  it('regenerated from the same files with genai-prices, the table it wrote is the table it writes: a dropped model genai-prices prices stays retired', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-prices-'));
    // Claude 2: dropped by the sample (and by LiteLLM), still priced by genai-prices 0.1.8.
    const before = path.join(dir, 'before.json');
    const dropped: PriceTableEntry = { key: 'claude-2', host: 'anthropic', model: 'claude-2', mode: 'chat', inputPerMillionUsd: 8, outputPerMillionUsd: 24, contextTokens: 100000 };
    writeFileSync(before, serializePriceTable({ source: 's', sourceUrl: 'u', asOf: '2025-10-01', entries: [dropped] }));
    const build = (previous: string, out: string) => spawnSync(process.execPath, [generator, fixtureFile, '--as-of', '2026-07-24', '--genai-as-of', '2026-09-23', '--previous', previous, '--out', out], { encoding: 'utf8' });
    const first = path.join(dir, 'first.json');
    const second = path.join(dir, 'second.json');
    assert.equal(build(before, first).status, 0);
    assert.equal(build(first, second).status, 0);
    const written = readFileSync(first, 'utf8');
    assert.equal(readFileSync(second, 'utf8'), written);
    const claude2 = parsePriceTable(JSON.parse(written), { minEntries: 1 }).entries.find((e) => e.key === 'claude-2')!;
    // genai-prices' price and date, LiteLLM's last context, and still retired.
    assert.deepEqual([claude2.retired, claude2.source, claude2.asOf, claude2.contextTokens], [true, 'pydantic genai-prices', '2026-09-23', 100000]);
  }).timeout(60000);

  it('runs as `npm run prices -- --carry-from`: adds an older table\'s entries to the table at --out, for the hosts named', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-prices-'));
    const out = path.join(dir, 'prices.json');
    const olderFile = path.join(dir, 'older.json');
    const { table: built } = buildPriceTable(fixture);
    writeFileSync(out, serializePriceTable(built));
    const older: PriceTable = {
      source: 'older',
      sourceUrl: 'u',
      asOf: '2025-09-01',
      entries: [
        { key: 'gpt-4-32k', host: 'openai', model: 'gpt-4-32k', mode: 'chat', inputPerMillionUsd: 60, outputPerMillionUsd: 120 },
        { key: 'claude-2.1', host: 'anthropic', model: 'claude-2.1', mode: 'chat', inputPerMillionUsd: 8, outputPerMillionUsd: 24 },
      ],
    };
    writeFileSync(olderFile, serializePriceTable(older));
    const run = spawnSync(process.execPath, [generator, '--carry-from', olderFile, '--out', out, '--carry-hosts', 'openai,vertex', '--source', 'mine'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(out, 'utf8'), serializePriceTable(carryRetired(built, older, { hosts: ['openai', 'vertex'], source: 'mine' }).table));
    assert.match(run.stdout, /21 entries from 13 hosts, as of 2026-07-24/);
    assert.match(run.stdout, /1 carried from .*older\.json/);
    assert.match(run.stdout, /1 {2}not carried: a host not carried/);
    assert.match(run.stdout, /\d+ bytes, \d+ gzipped \(was \d+ bytes, \d+ gzipped\)/);
    // "first-party" names the labs' APIs and the clouds that resell them.
    const again = spawnSync(process.execPath, [generator, '--carry-from', olderFile, '--out', out, '--carry-hosts', 'first-party'], { encoding: 'utf8' });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /22 entries/);
    // No LiteLLM file with --carry-from.
    const usage = spawnSync(process.execPath, [generator, fixtureFile, '--carry-from', olderFile, '--out', out], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--carry-from <older table>/);
  }).timeout(10000);

  it('reports a file it cannot read in one line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-prices-'));
    for (const [text, message] of [
      ['not json', /^prices: Unexpected token/],
      ['[]', /^prices: expected LiteLLM's price map/],
    ] as const) {
      const file = path.join(dir, 'in.json');
      writeFileSync(file, text);
      const run = spawnSync(process.execPath, [generator, file, '--out', path.join(dir, 'prices.json')], { encoding: 'utf8' });
      assert.equal(run.status, 1);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1);
    }
  }).timeout(10000);
});
