import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, explanationLines, catalog, findModel, parsePriceList, PriceFileError, withPrices } from '../../src/engine';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../../test/fixtures/engine', name), 'utf8');
const provenance = { source: 'pricing file prices.json', asOf: '2026-11-01' };

describe('refreshed prices', () => {
  it('reads a LiteLLM price map: chat entries only, bad and absurd entries rejected with why', () => {
    const list = parsePriceList(fixture('prices-litellm.json'), provenance);
    assert.equal(list.format, 'litellm');
    assert.deepEqual([...list.entries.keys()].sort(), ['claude-3-5-sonnet-20241022', 'gpt-4o']);
    assert.deepEqual(list.entries.get('gpt-4o'), { key: 'gpt-4o', inputPerMillionUsd: 2, outputPerMillionUsd: 8 });
    assert.equal(list.rejectedCount, 2);
    assert.deepEqual(list.rejected.map((r) => r.key).sort(), ['absurd-model', 'broken-model']);
  });

  it('reads an OpenRouter model list', () => {
    const list = parsePriceList(fixture('prices-openrouter.json'), provenance);
    assert.equal(list.format, 'openrouter');
    assert.deepEqual(list.entries.get('deepseek/deepseek-chat'), { key: 'deepseek/deepseek-chat', inputPerMillionUsd: 0.28, outputPerMillionUsd: 0.42 });
    assert.equal(list.rejectedCount, 1);
  });

  it('rejects what is not a price list, with a message', () => {
    assert.throws(() => parsePriceList('not json', provenance), PriceFileError);
    assert.throws(() => parsePriceList('[1,2]', provenance), /expected a LiteLLM price map/);
    assert.throws(() => parsePriceList('{"x": {"mode": "embedding"}}', provenance), /no usable prices/);
  });

  it('overlays prices through aliases, keeps the rest, and records the new source and date', () => {
    const { catalog: refreshed, updates } = withPrices(catalog, parsePriceList(fixture('prices-litellm.json'), provenance));
    assert.deepEqual(refreshed.pricing, { ...provenance, asOfKind: 'data' });
    const gpt = findModel('gpt-4o', refreshed)!;
    assert.equal(gpt.price!.inputPerMillionUsd, 2);
    assert.equal(gpt.price!.source, 'pricing file prices.json');
    assert.equal(gpt.price!.seedBlendedPerMillionUsd, undefined, 'the article\'s $7.50 blend no longer applies to new list prices');
    const claude = findModel('claude-3.5-sonnet', refreshed)!;
    assert.equal(claude.price!.seedBlendedPerMillionUsd, 9, 'unchanged list prices keep the article\'s blend');
    assert.deepEqual(updates.map((u) => u.model).sort(), ['claude-3.5-sonnet', 'gpt-4o']);
    assert.equal(findModel('llama-3.1-70b', refreshed), findModel('llama-3.1-70b', refreshed));
    assert.equal(findModel('gpt-4o')!.price!.inputPerMillionUsd, 2.5, 'the bundled catalog is not modified');
  });

  it('analysis uses the refreshed prices and says where they come from', () => {
    const { catalog: refreshed } = withPrices(catalog, parsePriceList(fixture('prices-litellm.json'), provenance));
    const text = '{"workloads":[{"name":"chat","model":"gpt-4o","monthlyTokens":"100M"}]}';
    const a = analyze(text, { catalog: refreshed });
    assert.equal(a.workloads[0]!.monthlyCostUsd, 500, '100M × (0.5 × $2 + 0.5 × $8)');
    assert.deepEqual(a.pricing, { ...provenance, asOfKind: 'data' });
    assert.ok(explanationLines(a.workloads[0]!.explanation).some((l) => l.includes('pricing file prices.json, 2026-11-01')));
    assert.equal(analyze(text).workloads[0]!.monthlyCostUsd, 625);
  });
});
