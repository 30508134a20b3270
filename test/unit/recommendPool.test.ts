/**
 * Recommend over the whole catalog: every model the price table prices at its lab's own API
 * and every open model on record, each once, filtered by the requirements.
 */
import * as assert from 'node:assert/strict';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { recommend } from '../../src/engine/decide/decide';
import { labEntries } from '../../src/engine/decide/pool';

const cat = cliCatalog().catalog;

describe('Recommend’s candidates: the whole catalog', () => {
  const all = recommend([], 100, {}, cat);
  const row = (model: string, deployment = 'api') => all.recommendations.find((r) => r.model === model && r.deployment === deployment);

  it('claude-sonnet-4-5 and gpt-4o-mini are candidates, at their list prices', () => {
    // $3 in and $15 out, half and half: $9/M × 100M.
    assert.equal(row('claude-sonnet-4-5')?.monthlyCostUsd, 900);
    // $0.15 in and $0.60 out: $0.375/M × 100M.
    assert.equal(row('gpt-4o-mini')?.monthlyCostUsd, 37.5);
    assert.match(row('gpt-4o-mini')!.reasons[0]!, /^\$37\.50\/mo at 100M tok \(API at \$0\.38\/M, 50% input at \$0\.15 in \/ \$0\.60 out\)$/);
  });

  it('lists each model once: no dated snapshot beside its name, no reseller’s copy, no fine-tune, audio or image model', () => {
    const keys = all.recommendations.map((r) => `${r.model} ${r.deployment}`);
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
    for (const absent of ['claude-sonnet-4-5-20250929', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'azure/gpt-4o-mini', 'ft:gpt-4o-mini', 'gpt-4o-mini-tts', 'gpt-image-1']) {
      assert.ok(!keys.some((k) => k.startsWith(`${absent} `)), absent);
    }
    // The curated card answers for its own names: one GPT-4o, at the article's list price.
    assert.equal(all.recommendations.filter((r) => r.model.startsWith('gpt-4o') && r.monthlyCostUsd === 625).length, 1);
  });

  it('every current chat entry of a lab’s own API is weighed, and the pool has the open models sized', () => {
    const entries = labEntries(cat.prices!);
    assert.ok(entries.length > 250, `${entries.length} entries`);
    assert.ok(entries.every((e) => !e.retired));
    assert.ok(all.recommendations.length > 350, `${all.recommendations.length} candidates`);
    assert.ok(row('llama-3.1-8b', 'self-hosted'), 'an open model sized for its volume');
  });

  it('the requirements filter them: data_privacy leaves the closed APIs out, context_1m the short contexts', () => {
    const privacy = recommend(['data_privacy'], 100, {}, cat);
    assert.ok(!privacy.recommendations.some((r) => r.model === 'claude-sonnet-4-5' || r.model === 'gpt-4o-mini'));
    assert.ok(privacy.excluded.some((e) => e.model === 'gpt-4o-mini' && e.exclusion === 'needs-open-weights'));
    const long = recommend(['context_1m'], 100, {}, cat);
    assert.ok(long.excluded.some((e) => e.model === 'gpt-4o-mini' && e.exclusion === 'context-too-short'), 'a 128K context');
  });

  it('allowedModels narrows them to the project’s models, by any name they resolve from', () => {
    const r = recommend([], 100, { allowedModels: ['gpt-4o-mini', 'claude-sonnet-4-5'] }, cat);
    assert.deepEqual(r.recommendations.map((x) => x.model).sort(), ['claude-sonnet-4-5', 'gpt-4o-mini']);
  });
});
