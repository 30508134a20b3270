/**
 * Service tiers (flex, priority) and cache writes (5 minutes, 1 hour), priced from the
 * bundled table by the one call price, and said where the source has no price for them.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { buildPriceTable } from '../../src/engine/catalog/data/buildPrices';
import { priceCall } from '../../src/engine/catalog/data/priceCall';
import type { PriceTableEntry } from '../../src/engine/catalog/data/priceTable';
import { entry, near, table } from './shippedPrices';

const catalog = cliCatalog().catalog;

describe('service tiers: priceCall', () => {
  const gpt5 = () => entry('gpt-5');

  it('the table carries OpenAI\'s flex and priority prices as LiteLLM lists them', () => {
    assert.deepEqual(gpt5().flex, { inputPerMillionUsd: 0.625, outputPerMillionUsd: 5, cacheReadPerMillionUsd: 0.0625 });
    assert.deepEqual(gpt5().priority, { inputPerMillionUsd: 2.5, outputPerMillionUsd: 20, cacheReadPerMillionUsd: 0.25 });
  });

  it('bills a tier at its own prices: gpt-5, 10M input and 2M output', () => {
    // standard 10 × 1.25 + 2 × 10; flex 10 × 0.625 + 2 × 5; priority 10 × 2.50 + 2 × 20.
    assert.equal(priceCall(gpt5(), { inputTokensM: 10, outputTokensM: 2 }).monthlyUsd, 32.5);
    const flex = priceCall(gpt5(), { inputTokensM: 10, outputTokensM: 2, serviceTier: 'flex' });
    assert.equal(flex.monthlyUsd, 16.25);
    assert.deepEqual(flex.missing, []);
    assert.ok(flex.notes.includes('flex: the flex prices for input and output'));
    assert.equal(priceCall(gpt5(), { inputTokensM: 10, outputTokensM: 2, serviceTier: 'priority' }).monthlyUsd, 65);
    // The tier's cache-read price: 5 × 0.625 + 5 × 0.0625 + 2 × 5.
    near(priceCall(gpt5(), { inputTokensM: 10, outputTokensM: 2, serviceTier: 'flex', cachedInputShare: 0.5 }).monthlyUsd, 13.4375);
  });

  it('no tier price: the standard price, and the call says so', () => {
    // claude-sonnet-4-5 has no flex price: 10 × 3 + 2 × 15.
    const call = priceCall(entry('claude-sonnet-4-5'), { inputTokensM: 10, outputTokensM: 2, serviceTier: 'flex' });
    assert.equal(call.monthlyUsd, 60);
    assert.deepEqual(call.missing, ['flex']);
    assert.ok(call.notes.includes('no flex price for claude-sonnet-4-5 in the source: standard prices are used'));
  });

  it('a batch call has no service tier', () => {
    assert.throws(() => priceCall(gpt5(), { inputTokensM: 1, outputTokensM: 1, batch: true, serviceTier: 'flex' }), /batch calls have no service tier/);
  });
});

describe('cache writes: priceCall', () => {
  const sonnet = () => entry('claude-sonnet-4-5');

  it('5-minute and 1-hour writes on claude-sonnet-4-5: $3.75/M and $6/M', () => {
    assert.deepEqual([sonnet().cacheWritePerMillionUsd, sonnet().cacheWrite1hPerMillionUsd], [3.75, 6]);
    // 10M input, 20% written: 8 × 3 + 2 × 3.75 + 2M output × 15.
    const five = priceCall(sonnet(), { inputTokensM: 10, outputTokensM: 2, cacheWriteShare: 0.2 });
    assert.equal(five.monthlyUsd, 61.5);
    // The same with 1-hour writes: 8 × 3 + 2 × 6 + 30.
    const hour = priceCall(sonnet(), { inputTokensM: 10, outputTokensM: 2, cacheWriteShare: 0.2, cacheWriteTtl: '1h' });
    assert.equal(hour.monthlyUsd, 66);
    assert.deepEqual(hour.steps[1], { label: 'cache writes (1h)', formula: '2M (0.2 of 10M) × $6/M', value: 12 });
    // Above 200K tokens the tier's write price ($7.50) × the 1-hour factor (6 / 3.75 = 1.6): 8 × 6 + 2 × 12 + 2 × 22.50.
    near(priceCall(sonnet(), { inputTokensM: 10, outputTokensM: 2, cacheWriteShare: 0.2, cacheWriteTtl: '1h', promptTokens: 250000 }).monthlyUsd, 117);
  });

  it('no 1-hour price: the 5-minute one, said; no write price at all: billed as input, said', () => {
    // claude-opus-5-5 (genai-prices lists no 1-hour write): 8 × 4 + 2 × 5 + 2 × 20.
    const opus = entry('claude-opus-5-5');
    const call = priceCall(opus, { inputTokensM: 10, outputTokensM: 2, cacheWriteShare: 0.2, cacheWriteTtl: '1h' });
    assert.deepEqual([opus.inputPerMillionUsd, opus.cacheWritePerMillionUsd, opus.outputPerMillionUsd], [4, 5, 20]);
    assert.equal(call.monthlyUsd, 82);
    assert.deepEqual(call.missing, ['cache-write-1h']);
    // gpt-5 lists no write price: 10 × 1.25 + 2 × 10, the writes as input.
    const gpt5 = priceCall(entry('gpt-5'), { inputTokensM: 10, outputTokensM: 2, cacheWriteShare: 0.2, cacheWriteTtl: '1h' });
    assert.equal(gpt5.monthlyUsd, 32.5);
    assert.deepEqual(gpt5.missing, ['cache-write']);
  });
});

describe('service tiers and cache writes: the price build', () => {
  const source = {
    'gpt-x': {
      litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2e-6, output_cost_per_token: 8e-6, cache_read_input_token_cost: 5e-7,
      input_cost_per_token_flex: 1e-6, output_cost_per_token_flex: 4e-6, cache_read_input_token_cost_flex: 2.5e-7,
      input_cost_per_token_priority: 3.5e-6, output_cost_per_token_priority: 1.4e-5,
    },
    // An input price alone is no tier a call can use.
    'gpt-y': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5, input_cost_per_token_priority: 4.25e-6 },
    'claude-x': { litellm_provider: 'anthropic', mode: 'chat', input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5, cache_creation_input_token_cost: 3.75e-6, cache_creation_input_token_cost_above_1hr: 6e-6 },
    // A 1-hour write without the 5-minute one is left out, and a negative tier price refuses the entry.
    'claude-y': { litellm_provider: 'anthropic', mode: 'chat', input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5, cache_creation_input_token_cost_above_1hr: 6e-6 },
    'gpt-bad': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 1e-6, output_cost_per_token: 1e-6, input_cost_per_token_flex: -1, output_cost_per_token_flex: 1e-6 },
  };
  const { table: built, skipped } = buildPriceTable(source, { asOf: '2026-07-24' });
  const got = new Map(built.entries.map((e) => [e.key, e]));

  it('takes a tier with its input and output prices, and the 1-hour write beside the 5-minute one', () => {
    assert.deepEqual(got.get('gpt-x')!.flex, { inputPerMillionUsd: 1, outputPerMillionUsd: 4, cacheReadPerMillionUsd: 0.25 });
    assert.deepEqual(got.get('gpt-x')!.priority, { inputPerMillionUsd: 3.5, outputPerMillionUsd: 14 });
    assert.equal(got.get('gpt-y')!.priority, undefined);
    assert.equal(got.get('claude-x')!.cacheWrite1hPerMillionUsd, 6);
    assert.equal(got.get('claude-y')!.cacheWrite1hPerMillionUsd, undefined);
    assert.equal(got.has('gpt-bad'), false);
    assert.equal(skipped['invalid price'], 1);
  });

  it('the bundled table: how many entries carry each', () => {
    const count = (has: (e: PriceTableEntry) => boolean) => table.entries.filter(has).length;
    assert.deepEqual(
      [count((e) => e.flex !== undefined), count((e) => e.priority !== undefined), count((e) => e.cacheWrite1hPerMillionUsd !== undefined), count((e) => e.flex !== undefined || e.priority !== undefined || e.cacheWrite1hPerMillionUsd !== undefined)],
      [28, 94, 123, 225],
    );
  });
});

describe('service tiers and cache writes: a workload', () => {
  const workloads = [
    { name: 'flex', model: 'gpt-5', monthlyTokens: '100M', serviceTier: 'flex' },
    { name: 'priority', model: 'claude-sonnet-4-5', monthlyTokens: '100M', serviceTier: 'priority' },
    { name: 'writes', model: 'claude-sonnet-4-5', monthlyTokens: '100M', cacheWriteShare: 0.2, cacheWriteTtl: '1h' },
    { name: 'no 1h', model: 'claude-opus-5-5', monthlyTokens: '100M', cacheWriteShare: 0.2, cacheWriteTtl: '1h' },
  ];
  const text = JSON.stringify({ workloads }, null, 1);
  const a = analyze(text, { catalog });
  const at = (f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
  const missing = (i: number) => a.findings.find((f) => f.code === 'missing-price' && f.workload === i);

  it('flex on gpt-5: 50M × $0.625 + 50M × $5, no finding', () => {
    assert.equal(a.workloads[0]!.monthlyCostUsd, 281.25);
    assert.equal(missing(0), undefined);
    assert.deepEqual(a.workloads[0]!.billing, { inputShare: 0.5, serviceTier: 'flex', batch: false });
  });

  it('priority on claude-sonnet-4-5: the standard price, an information finding at "serviceTier" and a word in the lens', () => {
    // 50M × 3 + 50M × 15.
    assert.equal(a.workloads[1]!.monthlyCostUsd, 900);
    const f = missing(1)!;
    assert.equal(f.severity, 'information');
    assert.equal(at(f), '"priority"');
    assert.equal(f.message, 'The price source has no priority price for claude-sonnet-4-5: these tokens are billed at the standard rate.');
    assert.equal(a.lenses.find((l) => l.workload === 1 && l.kind === 'cost')!.title, '$900/mo · claude-sonnet-4-5 API · no priority price');
  });

  it('1-hour cache writes on claude-sonnet-4-5, and the 5-minute price where the source has no 1-hour one', () => {
    // 40M × 3 + 10M × 6 + 50M × 15.
    near(a.workloads[2]!.monthlyCostUsd!, 930);
    assert.equal(missing(2), undefined);
    // claude-opus-5-5: 40M × 4 + 10M × 5 + 50M × 20.
    assert.equal(a.workloads[3]!.monthlyCostUsd, 1210);
    const f = missing(3)!;
    assert.equal(at(f), '"1h"');
    assert.match(f.message, /no 1-hour cache-write price for .*: these tokens are billed at the 5-minute cache-write price\.$/);
  });

  it('bad combinations are errors at the field', () => {
    const bad = JSON.stringify({ workloads: [{ name: 'b', model: 'gpt-5', monthlyTokens: '1M', batch: true, serviceTier: 'flex', cachedInputShare: 0.9, cacheWriteShare: 0.2 }] }, null, 1);
    const r = analyze(bad, { catalog });
    const errors = r.findings.filter((f) => f.severity === 'error');
    const tier = errors.find((f) => bad.slice(f.offset, f.offset + f.length) === '"flex"')!;
    assert.match(tier.message, /a batch call has no service tier: drop "batch" or set "standard"\./);
    const share = errors.find((f) => bad.slice(f.offset, f.offset + f.length) === '0.2')!;
    assert.match(share.message, /cachedInputShare \+ cacheWriteShare must be at most 1/);
    const ttlOnly = JSON.stringify({ workloads: [{ name: 't', model: 'claude-sonnet-4-5', monthlyTokens: '1M', cacheWriteTtl: '1h' }] }, null, 1);
    const ttl = analyze(ttlOnly, { catalog }).findings.find((f) => f.severity === 'error')!;
    assert.equal(ttlOnly.slice(ttl.offset, ttl.offset + ttl.length), '"1h"');
    assert.match(ttl.message, /says how long cache writes last: set cacheWriteShare too\./);
    // Still priced, by what is valid: batch (gpt-5 has no batch price in the table: the standard
    // rate, said) with 90% of its input read from the cache, no tier, no writes:
    // 0.05M × $1.25 + 0.45M × $0.125 + 0.5M × $10.
    assert.equal(r.findings.some((f) => f.code === 'internal-error'), false);
    assert.deepEqual(r.workloads[0]!.billing, { inputShare: 0.5, cachedInputShare: 0.9, batch: true });
    assert.ok(Math.abs(r.workloads[0]!.monthlyCostUsd! - 5.11875) < 1e-9);
  });
});
