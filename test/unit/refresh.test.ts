/** The pure part of the price refresh: sources to tables, the checks, the overlay, the cache record and the provenance labels. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, ARTICLE_NAMED, ARTICLE_SOURCE, articleNamer, explanationLines, asOfText, findModel, pricingText, provenanceText, staleBefore, withFallback, withStaleness } from '../../src/engine';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { detectFormat, MAX_PRICE_MOVE, moveText, parseCacheRecord, sourceDate, validateRefresh, withRefreshedPrices, type PriceCacheRecord, type RefreshInput } from '../../src/engine/catalog/refresh';
import { bundledTable, genaiSource, litellmSource, openRouterSource } from './priceSources';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const shipped = catalogFromFiles({ prices: read('src/engine/catalog/data/prices.json'), openModels: read('src/engine/catalog/data/openModels.json') }).catalog;
const bundled = bundledTable();
/** A bundled entry: each names its own source and date (LiteLLM's or genai-prices'). */
const bundledEntry = (key: string) => bundled.entries.find((e) => e.key === key)!;
const base: Omit<RefreshInput, 'json'> = { source: 'LiteLLM (refreshed)', sourceUrl: 'https://example.test/prices.json', today: '2026-12-01', fetchedAt: '2026-12-01T10:00:00.000Z', bundled };
const CHAT = '{"workloads":[{"name":"chat","model":"gpt-4o","monthlyTokens":"100M"}]}';

function ok(input: RefreshInput) {
  const outcome = validateRefresh(input);
  if (!outcome.ok) assert.fail(outcome.reason);
  return outcome;
}

function rejected(input: RefreshInput): string {
  const outcome = validateRefresh(input);
  assert.equal(outcome.ok, false, 'rejected');
  return (outcome as { reason: string }).reason;
}

describe('price refresh: sources', () => {
  it('tells the formats apart', () => {
    assert.equal(detectFormat(litellmSource({ only: 3 })), 'litellm');
    assert.equal(detectFormat(openRouterSource(3)), 'openrouter');
    assert.equal(detectFormat(genaiSource(1)), 'genai-prices');
    assert.equal(detectFormat(bundled), 'table');
    for (const value of [null, 3, 'text', [1, 2], [], [{ id: 'x' }]]) assert.equal(detectFormat(value), undefined, JSON.stringify(value));
  });

  it('takes a LiteLLM file dated by its last_updated, at the new prices', () => {
    const outcome = ok({ ...base, json: litellmSource({ changes: { 'gpt-4o': { input: 2, output: 8 } } }) });
    assert.equal(outcome.format, 'litellm');
    assert.deepEqual([outcome.pricing.asOf, outcome.pricing.asOfKind, outcome.dataDate], ['2026-11-20', 'data', '2026-11-20']);
    assert.equal(outcome.pricing.fetchedAt, '2026-12-01T10:00:00.000Z');
    const gpt = outcome.table.entries.find((e) => e.key === 'gpt-4o')!;
    assert.deepEqual([gpt.inputPerMillionUsd, gpt.outputPerMillionUsd, gpt.host], [2, 8, 'openai']);
    assert.deepEqual(outcome.held, []);
  });

  it('dates a file without a date by the server\'s Last-Modified, else by the download, and says which', () => {
    const undated = litellmSource({ lastUpdated: null });
    const modified = ok({ ...base, json: undated, lastModified: 'Tue, 24 Nov 2026 09:00:00 GMT' });
    assert.deepEqual([modified.pricing.asOf, modified.pricing.asOfKind, modified.table.asOfKind], ['2026-11-24', 'last-modified', 'last-modified']);
    const fetched = ok({ ...base, json: undated });
    assert.deepEqual([fetched.pricing.asOf, fetched.pricing.asOfKind], ['2026-12-01', 'fetched']);
    assert.deepEqual(sourceDate({ fileModified: '2026-11-02', today: '2026-12-01' }), { asOf: '2026-11-02', asOfKind: 'file-modified' });
    assert.deepEqual(sourceDate({ lastModified: 'not a date', fetchedAt: '2026-12-01T10:00:00Z', today: '2026-12-01' }), { asOf: '2026-12-01', asOfKind: 'fetched' });
    assert.deepEqual(sourceDate({ dataDate: '2026-10-01', lastModified: 'Tue, 24 Nov 2026 09:00:00 GMT', today: '2026-12-01' }), { asOf: '2026-10-01', asOfKind: 'data' });
  });

  it('takes an OpenRouter model list as OpenRouter\'s own prices, leaving out router and free entries', () => {
    const outcome = ok({ ...base, json: openRouterSource(120) });
    const gpt = outcome.table.entries.find((e) => e.key === 'openrouter/openai/gpt-4o')!;
    assert.deepEqual([gpt.host, gpt.model, gpt.inputPerMillionUsd, gpt.outputPerMillionUsd, gpt.cacheReadPerMillionUsd, gpt.contextTokens], ['openrouter', 'openai/gpt-4o', 3, 12, 1.5, 128000]);
    assert.equal(outcome.table.entries.length, 120);
    assert.deepEqual(outcome.skipped, { 'invalid price (negative, not a number)': 1, 'zero price (free tier or not priced)': 1 });
    assert.equal(outcome.pricing.asOfKind, 'fetched', 'the list carries no date');
  });

  it('takes genai-prices data as the price build reads it: the prices in effect today, time-of-day rates as peak hours, tiers, embeddings', () => {
    const v4 = { id: 'deepseek-v4-pro', match: { equals: 'deepseek-v4-pro' }, prices: [{ constraint: { type: 'time_of_date', start_time: '16:30:00Z', end_time: '00:30:00Z' }, prices: { input_mtok: 0.135, output_mtok: 0.55 } }, { prices: { input_mtok: 0.27, output_mtok: 1.1 } }] };
    const json = genaiSource(30).map((p) => ((p as { id: string }).id === 'deepseek' ? { ...(p as object), models: [...(p as { models: unknown[] }).models, v4] } : p));
    const outcome = ok({ ...base, json });
    const byKey = new Map(outcome.table.entries.map((e) => [e.key, e]));
    const gpt = byKey.get('gpt-4o')!;
    assert.deepEqual([gpt.inputPerMillionUsd, gpt.outputPerMillionUsd, gpt.cacheReadPerMillionUsd], [2.5, 10, 1.25], 'the price from 2024-10-01 on');
    const pro = byKey.get('gemini/gemini-2.5-pro')!;
    assert.deepEqual([pro.host, pro.tiers], ['gemini', [{ aboveTokens: 200000, inputPerMillionUsd: 2.5, outputPerMillionUsd: 15 }]]);
    const deepseek = byKey.get('deepseek/deepseek-v4-pro')!;
    assert.equal(deepseek.inputPerMillionUsd, 0.27, 'the standard price, not the off-peak one');
    assert.ok(deepseek.peakHours, 'the hours of the other rate are kept');
    // genai-prices 0.1.8's deepseek-chat carries prices DeepSeek has since changed: the build leaves it to LiteLLM, and so does a refresh.
    assert.equal(byKey.get('deepseek/deepseek-chat'), undefined);
    assert.equal(byKey.get('text-embedding-3-small')!.mode, 'embedding');
  });

  it("files genai-prices' xAI (provider id \"x-ai\") under the host xai, with xAI's keys", () => {
    // As genai-prices' data writes it: provider "x-ai", model grok-4-0709 matching "grok-4".
    const xai = { id: 'x-ai', name: 'X AI', models: [{ id: 'grok-4-0709', match: { or: [{ equals: 'grok-4-0709' }, { equals: 'grok-4' }] }, prices: { input_mtok: 3, cache_read_mtok: 0.75, output_mtok: 15 } }] };
    const outcome = ok({ ...base, json: [...genaiSource(30), xai] });
    const grok = outcome.table.entries.filter((e) => e.model === 'grok-4-0709');
    assert.deepEqual(grok.map((e) => [e.key, e.host, e.inputPerMillionUsd, e.outputPerMillionUsd, e.cacheReadPerMillionUsd]), [['xai/grok-4-0709', 'xai', 3, 15, 0.75]]);
    assert.ok(bundled.entries.some((e) => e.key === 'xai/grok-4-0709'), 'the key the bundled table prices it under');
    assert.equal(outcome.table.entries.filter((e) => e.host === 'x-ai' || e.key.startsWith('x-ai/')).length, 0);
  });

  it('takes a table in the bundled format, dated by its asOf', () => {
    const outcome = ok({ ...base, json: { ...bundled, asOf: '2026-11-30' } });
    assert.deepEqual([outcome.format, outcome.pricing.asOf, outcome.pricing.asOfKind], ['table', '2026-11-30', 'data']);
  });
});

describe('price refresh: validation', () => {
  it('needs at least 50 usable entries', () => {
    assert.match(rejected({ ...base, json: openRouterSource(49) }), /^only 49 usable entries in an OpenRouter model list, at least 50 are needed/);
    assert.match(rejected({ ...base, json: {} }), /^only 0 usable entries in LiteLLM's price map/);
    assert.match(rejected({ ...base, json: { error: 'rate limited' } }), /only 0 usable entries/);
  });

  it('needs at least half as many entries as the last good table (the bundled one for a LiteLLM file)', () => {
    const tenth = litellmSource({ only: Math.floor(bundled.entries.length / 10) });
    assert.match(rejected({ ...base, json: tenth }), /^\d+ entries, fewer than half of the bundled table's \d+: a truncated or partial file/);
    const lastGood = ok({ ...base, json: openRouterSource(400) }).table;
    assert.match(rejected({ ...base, json: openRouterSource(150), lastGood }), /^150 entries, fewer than half of the last good table's 400/);
    ok({ ...base, json: openRouterSource(210), lastGood });
  });

  it('refuses negative, non-numeric and absurd prices: the entries are left out, and a source of nothing else is refused', () => {
    const negative = litellmSource({ transform: (v) => (v.input_cost_per_token = -Number(v.input_cost_per_token)) });
    assert.match(rejected({ ...base, json: negative }), /^only \d+ usable entries .*\(left out: \d+ invalid price/);
    const words = openRouterSource(80);
    for (const m of words.data as { pricing: Record<string, string> }[]) m.pricing.prompt = 'NaN';
    assert.match(rejected({ ...base, json: words }), /only 0 usable entries .*left out: 82 invalid price \(negative, not a number\)/);
    const table = { ...bundled, entries: bundled.entries.map((e, i) => (i === 7 ? { ...e, inputPerMillionUsd: -1 } : e)) };
    assert.match(rejected({ ...base, json: table }), /^invalid price table: entries\.7\.inputPerMillionUsd/);
    const nan = { ...bundled, entries: bundled.entries.map((e, i) => (i === 3 ? { ...e, outputPerMillionUsd: Number.NaN } : e)) };
    assert.match(rejected({ ...base, json: nan }), /^invalid price table: entries\.3\.outputPerMillionUsd/);
  });

  it('refuses wrong shapes with a reason, and never throws', () => {
    for (const json of [null, 42, 'prices', [1, 2, 3], { data: 'x' }, { data: [1, 2] }, { entries: [{ key: 1 }], source: 'x', asOf: '2026-01-01', sourceUrl: 'x' }, [{ id: 'p', models: [null, { id: 3 }] }]]) {
      const outcome = validateRefresh({ ...base, json });
      assert.equal(outcome.ok, false, JSON.stringify(json));
      assert.ok((outcome as { reason: string }).reason.length > 10);
    }
  });

  it(`holds a price that moved more than ×${MAX_PRICE_MOVE} at the last good or bundled price, and reports it`, () => {
    const outcome = ok({ ...base, json: litellmSource({ changes: { 'gpt-4o': { input: 250 }, 'gpt-4o-mini': { output: 0.6 / 20 }, 'claude-3-5-haiku-20241022': { input: 0.9 } } }) });
    assert.deepEqual(outcome.held.map((m) => [m.key, m.part, m.before, m.after, m.reference]), [
      ['gpt-4o', 'input', 2.5, 250, 'bundled'],
      ['gpt-4o-mini', 'output', 0.6, 0.03, 'bundled'],
    ]);
    const byKey = new Map(outcome.table.entries.map((e) => [e.key, e]));
    const gpt = byKey.get('gpt-4o')!;
    assert.deepEqual([gpt.inputPerMillionUsd, gpt.source, gpt.asOf, gpt.asOfKind], [2.5, 'pydantic genai-prices', '2026-09-23', 'data'], 'the kept price says where it is from');
    assert.deepEqual([gpt.source, gpt.asOf], [bundledEntry('gpt-4o').source, bundledEntry('gpt-4o').asOf]);
    assert.equal(byKey.get('claude-3-5-haiku-20241022')?.inputPerMillionUsd ?? 0.9, 0.9, 'a move within ×10 applies');
    assert.equal(moveText(outcome.held[0]!), 'gpt-4o input: $2.5/M → $250/M (×100), kept at the bundled price');
    // Against the last good table first.
    const lastGood = { ...outcome.table, entries: outcome.table.entries.map((e) => (e.key === 'gpt-4o-mini' ? { ...e, outputPerMillionUsd: 0.05, source: undefined } : e)) };
    const next = ok({ ...base, json: litellmSource({ changes: { 'gpt-4o-mini': { output: 0.03 } } }), lastGood });
    assert.deepEqual(next.held, []);
  });

  it('refuses a source whose prices mostly moved more than ×10 (its units changed)', () => {
    const perToken = litellmSource({ transform: (v) => (v.input_cost_per_token = Number(v.input_cost_per_token) * 20) });
    assert.match(rejected({ ...base, json: perToken }), /moved more than ×10: the source's units or format have likely changed/);
  });
});

describe('price refresh: overlay', () => {
  const refreshed = ok({ ...base, json: litellmSource({ changes: { 'gpt-4o': { input: 2, output: 8 }, 'gpt-4o-mini': { input: 40 } } }) });
  const cat = withRefreshedPrices(shipped, refreshed);

  it('a curated card takes its refreshed price; the analysis says whose prices it used', () => {
    const gpt = findModel('gpt-4o', cat)!;
    assert.deepEqual([gpt.price!.inputPerMillionUsd, gpt.price!.source, gpt.price!.asOf], [2, 'LiteLLM (refreshed)', '2026-11-20']);
    const a = analyze(CHAT, { catalog: cat });
    assert.equal(a.workloads[0]!.monthlyCostUsd, 500, '100M × (0.5 × $2 + 0.5 × $8)');
    assert.equal(a.pricing.source, 'LiteLLM (refreshed)');
    assert.ok(explanationLines(a.workloads[0]!.explanation).some((l) => l.includes('LiteLLM (refreshed), 2026-11-20')));
    assert.equal(analyze(CHAT, { catalog: shipped }).workloads[0]!.monthlyCostUsd, 625, 'the shipped catalog is not modified');
  });

  it('a held price stays the bundled one, with the bundled source', () => {
    const mini = findModel('gpt-4o-mini', cat)!;
    assert.deepEqual([mini.price!.inputPerMillionUsd, mini.price!.source], [0.15, bundledEntry('gpt-4o-mini').source]);
    assert.equal(mini.price!.source, 'pydantic genai-prices');
  });

  it('entries the source lacks keep their bundled source and date', () => {
    const partial = ok({ ...base, source: 'OpenRouter model list', json: openRouterSource(100) });
    const over = withRefreshedPrices(shipped, partial);
    assert.equal(over.prices!.entries.length, bundled.entries.length + 100 - bundled.entries.filter((e) => partial.table.entries.some((p) => p.key === e.key)).length);
    const bedrock = findModel('anthropic.claude-3-5-haiku-20241022-v1:0', over)!;
    assert.deepEqual([bedrock.price!.source, bedrock.price!.asOf, bedrock.price!.asOfKind], ['LiteLLM model_prices_and_context_window.json', '2026-07-24', undefined]);
    const routed = findModel('openrouter/openai/gpt-4o', over)!;
    assert.deepEqual([routed.price!.inputPerMillionUsd, routed.price!.source, routed.price!.asOfKind], [3, 'OpenRouter model list', 'fetched']);
    assert.equal(findModel('gpt-4o', over)!.price!.inputPerMillionUsd, 2.5, 'OpenRouter\'s price is OpenRouter\'s bill, not OpenAI\'s');
  });

  it('the panel builds the same catalog from the files and the refreshed prices', () => {
    const panel = catalogFromFiles({ prices: read('src/engine/catalog/data/prices.json'), openModels: read('src/engine/catalog/data/openModels.json'), refreshed, staleness: { nowMs: Date.parse('2026-12-01T00:00:00Z'), days: 90 } }).catalog;
    assert.equal(analyze(CHAT, { catalog: panel }).workloads[0]!.monthlyCostUsd, 500);
    assert.equal(panel.pricing.stale, false);
  });
});

describe('price refresh: the cache record', () => {
  const outcome = ok({ ...base, json: litellmSource({ changes: { 'gpt-4o': { input: 250 } } }) });
  const record: PriceCacheRecord = {
    version: 1,
    sourceId: 'litellm',
    url: base.sourceUrl,
    fetchedAt: '2026-12-01T10:00:00.000Z',
    checkedAt: '2026-12-01T10:00:00.000Z',
    etag: '"abc"',
    lastModified: 'Tue, 24 Nov 2026 09:00:00 GMT',
    dataDate: '2026-11-20',
    entryCount: outcome.table.entries.length,
    pricing: outcome.pricing,
    held: outcome.held,
    table: outcome.table,
  };

  it('reads back what was written', () => {
    assert.deepEqual(parseCacheRecord(JSON.stringify(record)), record);
  });

  it('refuses a broken or tampered record', () => {
    assert.throws(() => parseCacheRecord('{"version":1'), /not JSON/);
    assert.throws(() => parseCacheRecord(JSON.stringify({ ...record, version: 2 })), /not a cache record/);
    const tampered = { ...record, table: { ...record.table, entries: record.table.entries.map((e, i) => (i === 0 ? { ...e, inputPerMillionUsd: -5 } : e)) } };
    assert.throws(() => parseCacheRecord(JSON.stringify(tampered)), /invalid price table/);
  });
});

describe('provenance labels', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');

  it('say what a date is, and never present a download or a file time as the prices\' date', () => {
    assert.equal(asOfText({ asOf: '2026-07-24' }), '2026-07-24');
    assert.equal(asOfText({ asOf: '2026-11-24', asOfKind: 'last-modified' }), 'last modified 2026-11-24');
    assert.equal(asOfText({ asOf: '2026-11-02', asOfKind: 'file-modified' }), 'file modified 2026-11-02');
    assert.equal(asOfText({ asOf: '2026-12-01', asOfKind: 'fetched' }), 'fetched 2026-12-01');
    assert.equal(provenanceText({ source: 'pricing file p.json', asOf: '2026-11-02', asOfKind: 'file-modified' }), 'pricing file p.json, file modified 2026-11-02');
  });

  it('mark prices older than the stale line as data, and give the CLI, panel and exports the date alone', () => {
    assert.equal(staleBefore(now, 90), '2026-09-02');
    const old = withStaleness(shipped, now, 90).pricing;
    assert.deepEqual([old.stale, old.staleBefore, old.staleAfterDays], [true, '2026-09-02', 90]);
    // "Stale" is the status bar's and the model hover's word: the lines elsewhere give the date.
    assert.equal(pricingText(old), 'LiteLLM model_prices_and_context_window.json, 2026-07-24');
    assert.equal(withStaleness(shipped, now, 200).pricing.stale, false);
    assert.equal(provenanceText({ source: 's', asOf: '2026-01-01' }), 's, 2026-01-01');
  });

  it('name the article by its title and what it is once, then "the article"', () => {
    assert.equal(findModel('gpt-4o', shipped)!.source, ARTICLE_SOURCE, 'the catalog writes the article as the namer reads it');
    const name = articleNamer();
    assert.equal(name('Price: x'), 'Price: x');
    assert.equal(name(`${ARTICLE_SOURCE}, as of 2026-01-01`), `${ARTICLE_NAMED}, as of 2026-01-01`);
    assert.ok(ARTICLE_NAMED.startsWith('“Open vs Closed Models in 2026”, a 2026 blog post comparing'));
    assert.equal(name(`card: ${ARTICLE_SOURCE}; note: ${ARTICLE_SOURCE}`), 'card: the article; note: the article');
    assert.equal(articleNamer()(`${ARTICLE_SOURCE} and ${ARTICLE_SOURCE}`), `${ARTICLE_NAMED} and the article`, 'each surface names it afresh');
  });

  it('say when refreshed prices were fetched, and why a source was not used', () => {
    const refreshed = withStaleness(withRefreshedPrices(shipped, ok({ ...base, json: litellmSource() })), now, 90).pricing;
    assert.equal(pricingText(refreshed), 'LiteLLM (refreshed), 2026-11-20, fetched 2026-12-01');
    const fallback = withFallback(withStaleness(shipped, now, 90), '--prices x.json: not JSON').pricing;
    assert.equal(pricingText(fallback), 'LiteLLM model_prices_and_context_window.json, 2026-07-24; the bundled prices, because --prices x.json: not JSON');
  });
});
