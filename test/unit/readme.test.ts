import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { toJsonSchema, walkProperties } from '../../src/engine/config/jsonSchema';
import { configReference } from '../../src/engine/config/reference';
import { REQUIREMENT_IDS } from '../../src/engine/config/schema';

const root = path.resolve(__dirname, '../../..');
const START = '<!-- config-reference:start -->';
const END = '<!-- config-reference:end -->';

describe('README', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

  it('documents every llm.config.json field as the schema defines it (regenerate with `npm run docs`)', () => {
    const section = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    assert.equal(section, configReference(toJsonSchema()).trim());
  });

  it('has a heading for every finding code the engine emits (diagnostics link to them)', () => {
    const engine = path.join(root, 'src/engine');
    const sources = readdirSync(engine, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(engine, f), 'utf8'));
    const codes = new Set(sources.flatMap((text) => [...text.matchAll(/code: '([a-z0-9_-]+)'/g)].map((m) => m[1]!)));
    for (const kind of ['gpu', 'quantization']) codes.add(`unknown-${kind}`);
    for (const requirement of REQUIREMENT_IDS) codes.add(`conflict-${requirement}`);
    const headings = new Set([...readme.matchAll(/^#{2,4} (\S+)$/gm)].map((m) => m[1]!));
    assert.deepEqual([...codes].filter((c) => !headings.has(c)), []);
  });

  it('every field of the generated JSON Schema has its description (completion and hover docs)', () => {
    const undocumented: string[] = [];
    walkProperties(toJsonSchema(), (path, node, _parent, name) => {
      if (name !== '$schema' && !node.description) undocumented.push(path);
    });
    assert.deepEqual(undocumented, []);
  });

  it('gives the install and test commands CI runs', () => {
    assert.match(readme, /npm ci/);
    assert.match(readme, /npm test/);
    assert.match(readFileSync(path.join(root, '.ci/run'), 'utf8'), /npm ci[\s\S]*npm test/);
  });
});
