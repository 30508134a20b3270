import * as assert from 'node:assert/strict';
import { convertGenai, GENAI_SOURCE, mergeNewest } from '../../src/engine/catalog/data/genaiPrices';
import { parsePriceTable, type PriceTable, type PriceTableEntry } from '../../src/engine/catalog/data/priceTable';
import { priceCall } from '../../src/engine/catalog/data/priceCall';
import { peakShare, scheduledPrices } from '../../src/engine/catalog/data/schedule';

// genai-prices' provider list as its package bundles it (0.1.8), cut to the shapes that matter:
// an introductory rate that ends (Google), a dated change with peak hours (DeepSeek), long-prompt
// tiers (xAI), a per-token reranker and an embedding (Voyage), and a provider the table has no host for.
const providers = [
  {
    id: 'google',
    models: [
      {
        id: 'gemini-3.7-flash',
        match: { starts_with: 'gemini-3.7-flash' },
        context_window: 1000000,
        prices: [
          { prices: { input_mtok: 0.75, cache_read_mtok: 0.075, output_mtok: 3.75 } },
          { constraint: { start_date: '2027-01-01', type: 'start_date' }, prices: { input_mtok: 1.5, cache_read_mtok: 0.15, output_mtok: 7.5 } },
        ],
      },
      { id: 'claude-3-5-haiku', match: { equals: 'claude-3-5-haiku' }, prices: { input_mtok: 0.8, output_mtok: 4 } },
    ],
  },
  {
    id: 'deepseek',
    models: [
      {
        id: 'deepseek-v4-pro',
        match: { starts_with: 'deepseek-v4-pro' },
        context_window: 1000000,
        prices: [
          { prices: { input_mtok: 0.435, cache_read_mtok: 0.003625, output_mtok: 0.87 } },
          { constraint: { start_date: '2026-08-17', type: 'start_date' }, prices: { input_mtok: 0.66, cache_read_mtok: 0.022, output_mtok: 1.98 } },
          { constraint: { start_time: '01:00:00Z', end_time: '04:00:00Z', type: 'time_of_date' }, prices: { input_mtok: 1.32, cache_read_mtok: 0.044, output_mtok: 3.96 } },
          { constraint: { start_time: '06:00:00Z', end_time: '10:00:00Z', type: 'time_of_date' }, prices: { input_mtok: 1.32, cache_read_mtok: 0.044, output_mtok: 3.96 } },
        ],
      },
    ],
  },
  {
    id: 'x-ai',
    models: [
      {
        id: 'grok-4.6',
        match: { equals: 'grok-4.6' },
        context_window: 500000,
        prices: { input_mtok: { base: 2, tiers: [{ start: 199999, price: 4 }] }, cache_read_mtok: { base: 0.5, tiers: [{ start: 199999, price: 1 }] }, output_mtok: { base: 6, tiers: [{ start: 199999, price: 12 }] } },
      },
    ],
  },
  {
    id: 'voyageai',
    models: [
      { id: 'voyage-4-lite', match: { equals: 'voyage-4-lite' }, prices: { input_mtok: 0.02 } },
      { id: 'rerank-2.5-lite', match: { equals: 'rerank-2.5-lite' }, prices: { input_mtok: 0.02 } },
      { id: 'voyage-old', match: { equals: 'voyage-old' }, deprecated: true, prices: { input_mtok: 0.1 } },
    ],
  },
  { id: 'cursor', models: [{ id: 'grok-4.6', match: { equals: 'grok-4.6' }, prices: { input_mtok: 2, output_mtok: 6 } }] },
];

describe('price build: genai-prices as the second source', () => {
  const { entries, skipped } = convertGenai(providers, '2026-09-23');
  const byKey = new Map(entries.map((e) => [e.key, e]));

  it('maps providers to the table\'s hosts and keys, with source and date per entry; counts what it leaves out', () => {
    assert.deepEqual([...byKey.keys()].sort(), ['deepseek/deepseek-v4-pro', 'gemini/gemini-3.7-flash', 'voyage/rerank-2.5-lite', 'voyage/voyage-4-lite', 'xai/grok-4.6']);
    assert.deepEqual(skipped, { 'a model the host does not serve under that id': 1, 'deprecated in the source': 1, 'a provider the table has no host for': 1 });
    for (const e of entries) assert.deepEqual([e.source, e.asOf], [GENAI_SOURCE, '2026-09-23'], e.key);
  });

  it('an introductory rate: the price of the table\'s date, and the one that follows from its date', () => {
    const e = byKey.get('gemini/gemini-3.7-flash')!;
    assert.deepEqual([e.inputPerMillionUsd, e.outputPerMillionUsd, e.cacheReadPerMillionUsd], [0.75, 3.75, 0.075]);
    assert.deepEqual(e.priceChanges, [{ from: '2027-01-01', inputPerMillionUsd: 1.5, outputPerMillionUsd: 7.5, cacheReadPerMillionUsd: 0.15 }]);
    // 10M input + 2M output: 10 × 0.75 + 2 × 3.75 = 15 in 2026; 10 × 1.5 + 2 × 7.5 = 30 from January 2027.
    assert.equal(priceCall(e, { inputTokensM: 10, outputTokensM: 2, month: '2026-12' }).monthlyUsd, 15);
    const january = priceCall(e, { inputTokensM: 10, outputTokensM: 2, month: '2027-01' });
    assert.equal(january.monthlyUsd, 30);
    // The month priced is said first, then what its prices are.
    assert.equal(january.notes[0], 'priced for 2027-01');
    assert.match(january.notes[1]!, /prices in effect from 2027-01-01/);
    assert.match(priceCall(e, { inputTokensM: 10, outputTokensM: 2 }).notes[0]!, /hold until 2026-12-31; from 2027-01-01: \$1\.50\/M input, \$7\.50\/M output/);
  });

  it('a dated change with peak hours: priced from its date, peak hours blended over the day and said', () => {
    const e = byKey.get('deepseek/deepseek-v4-pro')!;
    assert.deepEqual([e.inputPerMillionUsd, e.outputPerMillionUsd, e.pricedFrom], [0.66, 1.98, '2026-08-17']);
    assert.deepEqual(e.peakHours!.windowsUtc, ['01:00-04:00', '06:00-10:00']);
    assert.equal(peakShare(e.peakHours!), 7 / 24);
    // Input 0.66 × 17/24 + 1.32 × 7/24 = 0.8525; output 1.98 × 17/24 + 3.96 × 7/24 = 2.5575.
    const { entry, notes } = scheduledPrices(e);
    assert.deepEqual([entry.inputPerMillionUsd, entry.outputPerMillionUsd], [0.8525, 2.5575]);
    assert.match(notes[0]!, /peak hours 01:00-04:00, 06:00-10:00 UTC .*29\.2% of them at peak prices/);
    assert.equal(peakShare({ windowsUtc: ['22:00-02:00'], inputPerMillionUsd: 1 }), 4 / 24, 'a window over midnight');
  });

  it('long-prompt tiers, embeddings and per-token rerankers', () => {
    assert.deepEqual(byKey.get('xai/grok-4.6')!.tiers, [{ aboveTokens: 199999, inputPerMillionUsd: 4, outputPerMillionUsd: 12, cacheReadPerMillionUsd: 1 }]);
    assert.equal(byKey.get('voyage/voyage-4-lite')!.mode, 'embedding');
    const rerank = byKey.get('voyage/rerank-2.5-lite')!;
    assert.equal(rerank.mode, 'rerank');
    const call = priceCall(rerank, { inputTokensM: 100, outputTokensM: 5 });
    assert.equal(call.monthlyUsd, 2, '100M tokens × $0.02/M, input only');
    assert.ok(call.notes.includes('rerank: priced on input only'));
  });

  it('merges newest first: the newer source\'s prices win on every key of the model, older entries keep their source and date', () => {
    const litellm: PriceTable = {
      source: 'LiteLLM model_prices_and_context_window.json',
      sourceUrl: 'https://github.com/BerriAI/litellm',
      asOf: '2026-07-24',
      entries: [
        { key: 'deepseek-v4-pro', host: 'deepseek', model: 'deepseek-v4-pro', mode: 'chat', inputPerMillionUsd: 0.435, outputPerMillionUsd: 0.87, batchInputPerMillionUsd: 0.2, batchOutputPerMillionUsd: 0.4, maxOutputTokens: 8192 },
        { key: 'deepseek/deepseek-v4-pro', host: 'deepseek', model: 'deepseek-v4-pro', mode: 'chat', inputPerMillionUsd: 0.435, outputPerMillionUsd: 0.87 },
        { key: 'xai/grok-4', host: 'xai', model: 'grok-4', mode: 'chat', inputPerMillionUsd: 3, outputPerMillionUsd: 15 },
      ],
    };
    const { table, replaced, added } = mergeNewest(litellm, entries, '2026-09-23', () => litellm.source);
    assert.deepEqual([replaced, added, table.asOf], [2, 4, '2026-09-23']);
    const got = new Map(table.entries.map((e: PriceTableEntry) => [e.key, e]));
    const bare = got.get('deepseek-v4-pro')!;
    assert.deepEqual([bare.inputPerMillionUsd, bare.outputPerMillionUsd, bare.source, bare.asOf, bare.maxOutputTokens], [0.66, 1.98, GENAI_SOURCE, '2026-09-23', 8192]);
    assert.equal(bare.batchInputPerMillionUsd, undefined, 'the old price\'s batch price is not kept beside a new price');
    assert.equal(got.get('deepseek/deepseek-v4-pro')!.inputPerMillionUsd, 0.66);
    assert.deepEqual([got.get('xai/grok-4')!.source, got.get('xai/grok-4')!.asOf], [litellm.source, '2026-07-24']);
    parsePriceTable(table, { minEntries: 1 });
  });

  it('meets the older entries by the ids a model matches, not by a "-latest" pointer; leaves out ids the host does not take and stale prices', () => {
    // As genai-prices 0.1.8 writes them: a label ("claude-opus-4-0") matching the dated id, a
    // Mistral model listing "mistral-large-latest", OpenRouter's word order under Google, and
    // DeepSeek's API ids at the V3 prices with the off-peak discount that has ended.
    const source = [
      { id: 'anthropic', models: [{ id: 'claude-opus-4-0', match: { or: [{ starts_with: 'claude-opus-4-0' }, { equals: 'claude-opus-4-20250514' }] }, prices: { input_mtok: 15, output_mtok: 75 } }] },
      { id: 'mistral', models: [{ id: 'mistral-large', match: { or: [{ equals: 'mistral-large-latest' }, { equals: 'mistral-large-2411' }] }, prices: { input_mtok: 2, output_mtok: 6 } }] },
      { id: 'google', models: [{ id: 'gemini-pro-1.5', match: { equals: 'gemini-pro-1.5' }, prices: { input_mtok: 1.25, output_mtok: 5 } }] },
      { id: 'deepseek', models: [{ id: 'deepseek-chat', match: { starts_with: 'deepseek-chat' }, prices: { input_mtok: 0.27, output_mtok: 1.1 } }] },
    ];
    const converted = convertGenai(source, '2026-09-23');
    assert.deepEqual(converted.entries.map((e) => e.key), ['claude-opus-4-0', 'mistral/mistral-large']);
    assert.deepEqual(converted.skipped, { 'a model the host does not serve under that id': 1, 'a price the lab has since changed': 1 });
    const litellm: PriceTable = {
      source: 'LiteLLM model_prices_and_context_window.json',
      sourceUrl: 'https://github.com/BerriAI/litellm',
      asOf: '2026-07-24',
      entries: [
        { key: 'claude-opus-4-20250514', host: 'anthropic', model: 'claude-opus-4-20250514', mode: 'chat', inputPerMillionUsd: 15, outputPerMillionUsd: 75, retired: true, retiredOn: '2026-05-14' },
        { key: 'mistral/mistral-large-2411', host: 'mistral', model: 'mistral-large-2411', mode: 'chat', inputPerMillionUsd: 2, outputPerMillionUsd: 6 },
        { key: 'mistral/mistral-large-latest', host: 'mistral', model: 'mistral-large-latest', mode: 'chat', inputPerMillionUsd: 0.5, outputPerMillionUsd: 1.5 },
      ],
    };
    const { table, replaced, added } = mergeNewest(litellm, converted.entries, '2026-09-23', () => litellm.source, converted.alsoNamed);
    assert.deepEqual([replaced, added], [2, 0], 'the label is no new key: it met the dated id');
    const got = new Map(table.entries.map((e: PriceTableEntry) => [e.key, e]));
    assert.deepEqual([got.get('claude-opus-4-20250514')!.source, got.get('claude-opus-4-20250514')!.retired], [GENAI_SOURCE, true]);
    assert.deepEqual([got.get('mistral/mistral-large-latest')!.inputPerMillionUsd, got.get('mistral/mistral-large-latest')!.source], [0.5, litellm.source], 'the pointer keeps its own price');
  });
});
