/** A price the source lacks is said where the file asks for it, never replaced silently. */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const catalog = cliCatalog().catalog;

describe('a price the source lacks', () => {
  const text = JSON.stringify({ workloads: [{ name: 'b', model: 'gemini-2.5-flash', monthlyTokens: '100M', batch: true }, { name: 'ok', model: 'gpt-4o', monthlyTokens: '100M', batch: true }] }, null, 1);
  const a = analyze(text, { catalog });

  it('batch on a model without a batch price: the standard rate, an information finding at "batch" and a word in the lens', () => {
    assert.deepEqual(a.workloads[0]!.missingPrices, ['batch']);
    // $0.30 in and $2.50 out at an even split: $1.40/M, the standard rate.
    assert.equal(a.workloads[0]!.monthlyCostUsd, 140);
    const f = a.findings.find((x) => x.code === 'missing-price')!;
    assert.equal(f.severity, 'information');
    assert.equal(f.workload, 0);
    assert.equal(text.slice(f.offset, f.offset + f.length), 'true');
    assert.equal(text.slice(0, f.offset).split('"batch"').length, 2, 'the first workload’s batch field');
    assert.equal(f.message, 'The price source has no batch price for gemini-2.5-flash: these tokens are billed at the standard rate.');
    assert.equal(a.lenses.find((l) => l.workload === 0 && l.kind === 'cost')!.title, '$140/mo · gemini-2.5-flash API · no batch price');
  });

  it('a model with a batch price is billed at it, with no finding', () => {
    assert.equal(a.workloads[1]!.missingPrices, undefined);
    assert.equal(a.findings.filter((x) => x.code === 'missing-price').length, 1);
    assert.equal(a.lenses.find((l) => l.workload === 1 && l.kind === 'cost')!.title, '$313/mo · gpt-4o API');
  });
});
