/** Models a project declares in llm.config.json: priced, sized or aliased, validated at their exact place. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/engine';
import { catalogFromFiles } from '../../src/engine/catalog/load';

const covered = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const data = (file: string) => readFileSync(path.resolve(__dirname, '../../../src/engine/catalog/data', file), 'utf8');

const text = JSON.stringify(
  {
    models: [
      { id: 'acme-support-ft', aliasOf: 'gpt-4o', inputPerMillionUsd: 3.75, outputPerMillionUsd: 15 },
      { id: 'internal-7b', paramsB: 7, layers: 32, kvHeads: 8, headDim: 128, contextTokens: 32768 },
      { id: 'endpoint-x', inputPerMillionUsd: 2 },
      { id: 'typo', aliasOf: 'gpt-4oo' },
      { id: 'empty' },
      { id: 'negative', inputPerMillionUsd: -1 },
    ],
    workloads: [
      { name: 'fine-tune', model: 'acme-support-ft', monthlyTokens: '100M' },
      { name: 'self', model: 'internal-7b', monthlyTokens: '100M', deployment: { selfHosted: { gpu: 'l40s-48gb' } } },
      { name: 'endpoint', model: 'endpoint-x', monthlyTokens: '10M' },
    ],
  },
  null,
  2,
);

describe('the project\'s own models', () => {
  const a = analyze(text);
  const workload = (name: string) => a.workloads.find((w) => w.name === name)!;

  it('an alias of a catalog model takes its card, at the price the file gives', () => {
    const w = workload('fine-tune');
    assert.equal(w.model, 'acme-support-ft');
    // (3.75 + 15) / 2 per million at the default input share of 0.5.
    assert.equal(w.monthlyCostUsd, 937.5);
    const ref = a.modelReferences.find((r) => r.modelId === 'acme-support-ft')!;
    assert.equal(ref.card?.access, 'api-only');
    assert.match(ref.card!.accessNote!, /another name of gpt-4o/);
  });

  it('a model with its shape is sized for self-hosting like any open model', () => {
    const w = workload('self');
    assert.ok(w.selfHost?.fits);
    assert.equal(w.selfHost!.throughputSource, 'roofline');
    // 7B at fp16 = 14 GB of weights, with a 32-layer, 8-head × 128 KV cache.
    assert.ok(w.selfHost!.memoryNeededGB > 14 && w.selfHost!.memoryNeededGB < 51.5);
  });

  it('a price alone makes an API model, its output priced as its input when not given', () => {
    assert.equal(workload('endpoint').monthlyCostUsd, 20);
    assert.deepEqual(a.unpricedWorkloads, []);
  });

  it('a wrong entry is reported at its exact place, and the rest still counts', () => {
    const found = a.findings.filter((f) => ['schema', 'unknown-model', 'unpriced-model'].includes(f.code)).map((f) => [f.code, covered(text, f), f.message]);
    assert.deepEqual(found, [
      ['schema', '-1', 'models[5].inputPerMillionUsd: must be at least 0'],
      ['unknown-model', '"gpt-4oo"', 'Unknown model "gpt-4oo". Did you mean "gpt-4o"?'],
      [
        'unpriced-model',
        '{\n      "id": "empty"\n    }',
        '"empty" is declared without a price: fill in "inputPerMillionUsd" and "outputPerMillionUsd" (USD per million tokens), or "aliasOf" a catalog model, or "paramsB" to self-host it. Until then its workloads are unpriced.',
      ],
    ]);
  });

  it('an alias of a model the price table knows resolves through it', () => {
    const shipped = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') }).catalog;
    const b = analyze(JSON.stringify({ models: [{ id: 'cheap', aliasOf: 'gpt-4o-mini' }], workloads: [{ name: 'w', model: 'cheap', monthlyTokens: '100M' }] }), { catalog: shipped });
    // gpt-4o-mini: $0.15 in, $0.60 out, blended at 0.5 → $0.375/M.
    assert.equal(b.workloads[0]!.monthlyCostUsd, 37.5);
  });
});
