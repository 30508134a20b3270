/** Edits keep what their title does not name: above all, the user's comments. */
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { analyze, resolveFix } from '../../src/engine';
import { applyJsonChanges } from '../../src/engine/config/edits';

const FORMAT = { tabSize: 2, insertSpaces: true, eol: '\n' };
const remove = (text: string, ...path: (string | number)[]) => applyJsonChanges(text, [{ path, value: undefined }], FORMAT);

describe('edits: removing a member keeps every comment', () => {
  it('a member with a comment above it: the member goes, the comment stays', () => {
    const text = '{\n  "model": "gpt-4o",\n  // Negotiated discount\n  "blendedPricePerMillion": 5,\n  "monthlyTokens": "100M"\n}';
    assert.equal(remove(text, 'blendedPricePerMillion'), '{\n  "model": "gpt-4o",\n  // Negotiated discount\n  "monthlyTokens": "100M"\n}');
  });

  it('the last member: the comma before it goes, a comment after the previous member stays', () => {
    const text = '{\n  "model": "gpt-4o", // the API\n  "blendedPricePerMillion": 5\n}';
    const after = remove(text, 'blendedPricePerMillion');
    assert.equal(after, '{\n  "model": "gpt-4o" // the API\n}');
    assert.deepEqual(parse(after), { model: 'gpt-4o' });
  });

  it('a member on a line with others, a block comment, CRLF, the only member', () => {
    assert.equal(remove('{ "a": 1, /* keep */ "b": 2, "c": 3 }', 'b'), '{ "a": 1, /* keep */ "c": 3 }');
    assert.equal(remove('{\r\n  // keep\r\n  "a": 1,\r\n  "b": 2\r\n}', 'a'), '{\r\n  // keep\r\n  "b": 2\r\n}');
    assert.deepEqual(parse(remove('{ "only": { "x": 1 } }', 'only')), {});
    assert.equal(remove('{ "a": 1 }', 'missing'), '{ "a": 1 }');
  });

  it('a nested member, as fixes write them', () => {
    const text = '{\n  "workloads": [\n    {\n      "name": "w",\n      // old price\n      "blendedPricePerMillion": 7.5\n    }\n  ]\n}';
    const after = remove(text, 'workloads', 0, 'blendedPricePerMillion');
    assert.ok(after.includes('// old price'));
    assert.deepEqual(parse(after), { workloads: [{ name: 'w' }] });
  });
});

describe('edits: a switch fix says what it removes, and keeps the comments', () => {
  it('"Switch to …, removes the price override" when the workload sets one; the comment above it stays', () => {
    const text = '{\n  "requirements": ["data_privacy"],\n  "workloads": [\n    {\n      "name": "chat",\n      "model": "gpt-4o",\n      "monthlyTokens": "100M",\n      // Our negotiated rate\n      "blendedPricePerMillion": 5\n    }\n  ]\n}';
    const conflict = analyze(text).findings.find((f) => f.code === 'conflict-data_privacy')!;
    const fix = resolveFix(conflict.fixes![0]!)!;
    assert.match(fix.title, /^Switch to .*, removes the price override$/);
    const after = applyJsonChanges(text, fix.edits, FORMAT);
    assert.ok(after.includes('// Our negotiated rate'), after);
    assert.equal((parse(after) as { workloads: { blendedPricePerMillion?: number }[] }).workloads[0]!.blendedPricePerMillion, undefined);
    const plain = analyze(text.replace(/,\n\s*\/\/ Our negotiated rate\n\s*"blendedPricePerMillion": 5/, '')).findings.find((f) => f.code === 'conflict-data_privacy')!;
    assert.doesNotMatch(resolveFix(plain.fixes![0]!)!.title, /price override/);
  });
});
