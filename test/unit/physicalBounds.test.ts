/**
 * Model sizes and the figures derived from them stay in physical ranges: the schema states the
 * range of a declared size, and no figure the analysis shows is infinite, zero where there is
 * traffic, or beyond what the GPUs could compute.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/engine';
import { toJsonSchema, walkProperties } from '../../src/engine/config/jsonSchema';

const covered = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const declared = (model: object, setup: object = { gpu: 'a100-80gb' }, extra: object = {}) =>
  JSON.stringify({ models: [{ id: 'tiny', ...model }], workloads: [{ name: 'w', model: 'tiny', monthlyTokens: '240M', deployment: { selfHosted: setup } }], ...extra }, null, 2);

describe('physical bounds: model sizes', () => {
  it('a paramsB below a million parameters is a schema error at the value, with the range', () => {
    for (const written of ['1e-300', '1e-100', '0.0009']) {
      const text = declared({ paramsB: '@' }).replace('"@"', written);
      const f = analyze(text).findings.filter((x) => x.code === 'schema');
      assert.deepEqual(f.map((x) => [covered(text, x), x.message]), [[written, 'models[0].paramsB: must be at least 0.001']]);
    }
  });

  it('an activeParamsB below a million parameters, or above paramsB, is a schema error at activeParamsB', () => {
    const tiny = declared({ paramsB: 7, activeParamsB: 1e-300 });
    assert.deepEqual(
      analyze(tiny).findings.filter((x) => x.code === 'schema').map((x) => [covered(tiny, x), x.message]),
      [['1e-300', 'models[0].activeParamsB: must be at least 0.001']],
    );
    const above = declared({ paramsB: 7, activeParamsB: 8 });
    assert.deepEqual(
      analyze(above).findings.filter((x) => x.code === 'schema').map((x) => [covered(above, x), x.message]),
      [['8', "models[0].activeParamsB: at most paramsB: the parameters active per token are among the model's parameters."]],
    );
  });

  it('the JSON Schema for completion and hover states the same range', () => {
    const ranges: Record<string, unknown> = {};
    walkProperties(toJsonSchema(), (at, node) => {
      if (at === 'models[].paramsB' || at === 'models[].activeParamsB') ranges[at] = [node.minimum, node.maximum, node.description];
    });
    assert.deepEqual(ranges, {
      'models[].paramsB': [0.001, 100_000, 'Total parameters, in billions (0.001, a million parameters, is the smallest): sizes the weights for self-hosting.'],
      'models[].activeParamsB': [0.001, 100_000, 'Parameters active per token (mixture of experts), in billions: at most paramsB.'],
    });
  });

  it('the smallest sizes are accepted', () => {
    const text = declared({ paramsB: 0.001, activeParamsB: 0.001 });
    assert.deepEqual(analyze(text).findings.filter((x) => x.code === 'schema'), []);
  });
});
