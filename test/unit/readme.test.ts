import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { toJsonSchema } from '../../src/engine/config/jsonSchema';
import { configReference } from '../../src/engine/config/reference';

const root = path.resolve(__dirname, '../../..');
const START = '<!-- config-reference:start -->';
const END = '<!-- config-reference:end -->';

describe('README', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

  it('documents every llm.config.json field as the schema defines it (regenerate with `npm run docs`)', () => {
    const section = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    assert.equal(section, configReference(toJsonSchema() as object).trim());
  });

  it('gives the install and test commands CI runs', () => {
    assert.match(readme, /npm ci/);
    assert.match(readme, /npm test/);
    assert.match(readFileSync(path.join(root, '.ci/run'), 'utf8'), /npm ci[\s\S]*npm test/);
  });
});
