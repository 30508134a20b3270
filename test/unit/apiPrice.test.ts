/** One API price function: the analysis and Recommend price a million tokens the same way. */
import * as assert from 'node:assert/strict';
import { analyze, findModel } from '../../src/engine';
import { apiBlendedPrice } from '../../src/engine/decide/decide';
import { apiCallPrice } from '../../src/engine/pricing/apiCall';
import { cliCatalog } from '../../src/cli/catalogFiles';

const catalog = cliCatalog().catalog;

describe('one API price', () => {
  for (const [model, share] of [['gpt-4o', 0.5], ['gpt-4o', 0.25], ['claude-sonnet-4-5', 0.8], ['llama-3.1-70b', 0.5], ['text-embedding-3-small', 0.5]] as const) {
    it(`${model} at ${share * 100}% input: the workload's price is Recommend's`, () => {
      const card = findModel(model, catalog)!;
      const a = analyze(JSON.stringify({ assumptions: { inputShare: share }, workloads: [{ name: 'w', model, monthlyTokens: '100M' }] }), { catalog });
      const workload = a.workloads[0]!.apiPricePerMillionUsd!;
      assert.equal(workload, apiCallPrice(card.price!, share).value);
      assert.equal(apiBlendedPrice(card, share)!.perMillionUsd, workload);
    });
  }

  it('an embedding model bills every token as input, in Recommend too (it was blended with no output price: half)', () => {
    const card = findModel('text-embedding-3-small', catalog)!;
    assert.equal(card.price!.entry!.mode, 'embedding');
    assert.equal(apiBlendedPrice(card, 0.5)!.perMillionUsd, card.price!.inputPerMillionUsd);
    assert.equal(apiBlendedPrice(card, 0.5)!.basis, `every token as input at $${card.price!.inputPerMillionUsd}`);
  });
});
