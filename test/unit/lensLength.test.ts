/**
 * A lens says one thing: every lens of the example and of the test configs is at most 60
 * characters, and a line of them (as VS Code joins them, " | ") at most 120, so the verdict is
 * read at an editor's width. The detail is in the hover and the explanation.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, explanationLines, positionConverter } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const root = path.resolve(__dirname, '../../..');
const MAX_LENS = 60;
const MAX_LINE = 120;

/** Every config in the fixtures: llm.config.json files and the engine's own configs. */
function configs(): string[] {
  const out = ['examples/llm.config.json', 'examples/open-vs-closed-2026/llm.config.json'];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (name === 'llm.config.json' || dir === 'test/fixtures/engine') out.push(rel);
    }
  };
  walk('test/fixtures');
  return out;
}

/** The lens titles of a config, by the line VS Code shows them on. */
function lensLines(text: string): string[][] {
  const a = analyze(text, { catalog: cliCatalog().catalog });
  const lineOf = positionConverter(text);
  const lines = new Map<number, string[]>();
  for (const lens of a.lenses) {
    const line = lineOf(lens.offset).line;
    lines.set(line, [...(lines.get(line) ?? []), lens.title]);
  }
  return [...lines.values()];
}

describe('lens lengths', () => {
  const files = configs();

  it('reads the example and at least ten test configs', () => {
    assert.ok(files.length >= 11, files.join('\n'));
  });

  for (const file of files) {
    it(`${file}: each lens ≤ ${MAX_LENS} characters, each line ≤ ${MAX_LINE}`, () => {
      const lines = lensLines(readFileSync(path.join(root, file), 'utf8'));
      for (const titles of lines) {
        for (const title of titles) assert.ok(title.length <= MAX_LENS, `${title.length}: ${title}`);
        const line = titles.join(' | ');
        assert.ok(line.length <= MAX_LINE, `${line.length}: ${line}`);
      }
    });
  }

  it('the example leads each workload with its cost, and a self-hosted one with its verdict against the API', () => {
    const lines = lensLines(readFileSync(path.join(root, 'examples/llm.config.json'), 'utf8'));
    assert.deepEqual(lines, [
      ['Total $597/mo across 3 workloads'],
      ['$113/mo · gpt-4o-mini API'],
      ['$168/mo · claude-sonnet-4-5 API'],
      ['$317/mo · self-hosted', 'data_privacy costs $96.80/mo over llama-3.1-8b API', '1× rtx-4090 · fp8 saves $108/mo'],
    ]);
  });

  it('the article’s example: its blends, its batch-1 setup that never wins, and the batched one', () => {
    const lines = lensLines(readFileSync(path.join(root, 'examples/open-vs-closed-2026/llm.config.json'), 'utf8'));
    assert.deepEqual(lines, [
      ['Total $2,578/mo across 3 workloads'],
      ['$750/mo · gpt-4o API', 'self-hosting llama-3.1-70b never wins at 25 tok/s'],
      ['cheapest: 1× b200 · fp8 · $1,800/mo, $1,050 more'],
      ['$1,800/mo · self-hosted', 'API would be $63.60/mo, $1,736 less', 'cheapest: 1× b200 · fp8 · $1,800/mo, no saving'],
      ['$27.50/mo · deepseek-v3 API', 'self-hosting deepseek-v3 may win from 13.1B tok/mo'],
    ]);
  });

  it('the cheapest setup’s explanation names what the catalog lacks in words a reader knows', () => {
    const a = analyze(readFileSync(path.join(root, 'examples/open-vs-closed-2026/llm.config.json'), 'utf8'), { catalog: cliCatalog().catalog });
    const lines = explanationLines(a.lenses.find((l) => l.kind === 'cheapest' && l.workload === 1)!.explanation);
    assert.ok(lines.includes('not searched, the GPU catalog lacking a figure the sizing needs: a10g (its BF16 TFLOPS unknown), rtx-6000-ada (its memory, BF16 TFLOPS unknown), h100-pcie (its memory unknown), h100-nvl (its BF16 TFLOPS unknown)'), lines.join('\n'));
    assert.ok(!lines.some((l) => /tensor peak/.test(l)));
  });

  it('a long model id keeps its start and end in the lens', () => {
    const id = 'accounts/fireworks/models/llama-v3p1-405b-instruct-long-name';
    const text = JSON.stringify({ models: [{ id, inputPerMillionUsd: 3, outputPerMillionUsd: 3 }], workloads: [{ name: 'w', model: id, monthlyTokens: '10M' }] });
    const a = analyze(text, { catalog: cliCatalog().catalog });
    const cost = a.lenses.find((l) => l.kind === 'cost');
    assert.ok(cost, a.findings.map((f) => f.message).join('\n'));
    assert.ok(cost.title.length <= MAX_LENS, cost.title);
    assert.match(cost.title, /^\$30\/mo · accounts\/fire…ct-long-name API$/);
  });
});
