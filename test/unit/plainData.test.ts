/**
 * An analysis is plain data: no class, getter or function anywhere in it, so that what the
 * webview receives (a structured clone) and what the CLI writes (JSON) is the analysis itself,
 * fixes included. A requirement conflict's fixes were a class's lazy getter and vanished on
 * both ways.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, resolveFix, type Analysis } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const cat = cliCatalog().catalog;

const CONFIGS: Record<string, string> = {
  'examples/llm.config.json': read('examples/llm.config.json'),
  'test/fixtures/team/llm.config.json': read('test/fixtures/team/llm.config.json'),
  // data_privacy: a conflict with its deferred fixes, a requirement's cost, a ruled-out comparison.
  data_privacy: JSON.stringify({
    requirements: ['data_privacy'],
    workloads: [
      { name: 'chat', model: 'gpt-4o-mini', monthlyTokens: '300M' },
      { name: 'local', model: 'llama-3.1-8b', monthlyTokens: '40M', deployment: { selfHosted: { gpu: 'l4', gpuHourlyUsd: 0.8 } } },
    ],
  }),
};

/** Where a value is not plain data: a function, an accessor, or an object of another prototype than Object's or Array's. */
function notPlain(value: unknown, at = '$', seen = new Set<unknown>()): string[] {
  if (typeof value === 'function') return [`${at}: a function`];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return [`${at}: an instance of ${proto?.constructor?.name}`];
  const out: string[] = [];
  for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (d.get || d.set) out.push(`${at}.${key}: an accessor`);
    else out.push(...notPlain(d.value, `${at}.${key}`, seen));
  }
  return out;
}

describe('an analysis is plain data', () => {
  for (const [name, text] of Object.entries(CONFIGS)) {
    it(`${name}: no class, getter or function; a structured clone and a JSON round trip are equal to it`, () => {
      const a = analyze(text, { catalog: cat });
      assert.ok(a.lenses.length > 1 && a.findings.length > 0, 'lenses and findings to compare');
      assert.deepEqual(notPlain(a), []);
      assert.deepStrictEqual(structuredClone(a), a);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(a)) as Analysis, a);
    });
  }

  it('a requirement conflict keeps its fixes through a clone and JSON, and they resolve as the original’s', () => {
    const a = analyze(CONFIGS.data_privacy!, { catalog: cat });
    const conflict = a.findings.find((f) => f.code === 'conflict-data_privacy')!;
    assert.equal(conflict.fixes?.length, 2);
    for (const copy of [structuredClone(a), JSON.parse(JSON.stringify(a)) as Analysis]) {
      const fixes = copy.findings.find((f) => f.code === 'conflict-data_privacy')!.fixes!;
      assert.deepEqual(fixes, conflict.fixes);
      assert.deepEqual(fixes.map((f) => resolveFix(f, cat)), conflict.fixes!.map((f) => resolveFix(f, cat)));
    }
    const top = resolveFix(conflict.fixes![0]!, cat)!;
    assert.match(top.title, /^Switch to /);
    assert.ok(top.edits.length > 0);
  });
});
