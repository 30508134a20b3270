// `npm run docs`: rewrites the README's llm.config.json field reference from the schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const require = createRequire(import.meta.url);
const { toJsonSchema } = require(path.join(repoRoot, 'out/src/engine/config/jsonSchema.js'));
const { configReference } = require(path.join(repoRoot, 'out/src/engine/config/reference.js'));
const file = path.join(repoRoot, 'README.md');
const readme = readFileSync(file, 'utf8');
const START = '<!-- config-reference:start -->';
const END = '<!-- config-reference:end -->';
const [before, rest] = readme.split(START);
const after = rest.split(END)[1];
writeFileSync(file, `${before}${START}\n${configReference(toJsonSchema())}${END}${after}`);
console.log('README.md: field reference updated');
