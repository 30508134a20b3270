/** One list of a workload's options: the lens's verdict, the requirement rules and the CLI read it. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, formatUsd } from '../../src/engine';
import { cheapestAllowedOption, workloadOptions } from '../../src/engine/analysis/options';
import { cliCatalog } from '../../src/cli/catalogFiles';

const root = path.resolve(__dirname, '../../..');
const catalog = cliCatalog().catalog;
const example = readFileSync(path.join(root, 'examples/llm.config.json'), 'utf8');
const article = readFileSync(path.join(root, 'examples/open-vs-closed-2026/llm.config.json'), 'utf8');

describe('a workload’s options', () => {
  it('the article example’s self-hosted workload: its setup, the APIs it is compared with, the cheapest setup, each at its volume', () => {
    const w = analyze(article, { catalog }).workloads[1]!;
    const options = workloadOptions(w);
    assert.deepEqual(options[0], { kind: 'configured', model: 'llama-3.1-70b', deployment: 'self-hosted', label: '1× a100-80gb · int4 · 600 tok/s', monthlyUsd: 1800 });
    const headline = options.find((o) => o.headline)!;
    assert.deepEqual([headline.label, headline.monthlyUsd], ['llama-3.1-70b API', 63.6]);
    // At the article's blends: $7.50 × 240M, and $9 × 240M.
    assert.ok(options.some((o) => o.label === 'gpt-4o API' && o.monthlyUsd === 1800 && o.origin === 'alternative'));
    assert.ok(options.some((o) => o.label === 'claude-3.5-sonnet API' && o.monthlyUsd === 2160 && o.origin === 'alternative'));
    assert.deepEqual(options.filter((o) => o.kind === 'cheapest-setup').map((o) => [o.label, o.monthlyUsd]), [['1× b200 · fp8 · 1 replica · $1,800/mo', 1800]]);
    // The verdict the lens gives names the headline option's dollars.
    const lens = analyze(article, { catalog }).lenses.find((l) => l.workload === 1 && l.kind === 'crossover')!;
    assert.ok(lens.title.includes(formatUsd(headline.monthlyUsd!)), lens.title);
    assert.equal(cheapestAllowedOption(options), headline);
  });

  it('under data_privacy the APIs are options ruled out, never the cheapest allowed one', () => {
    const text = JSON.stringify({ requirements: ['data_privacy'], workloads: [{ name: 'w', model: 'llama-3.1-8b', monthlyTokens: '100M', deployment: { selfHosted: { gpu: 'l4', gpuHourlyUsd: 0.8 } } }] });
    const options = workloadOptions(analyze(text, { catalog }).workloads[0]!);
    const apis = options.filter((o) => o.deployment === 'api');
    assert.ok(apis.length > 0);
    assert.ok(apis.every((o) => o.ruledOutBy === 'data_privacy'));
    const best = cheapestAllowedOption(options)!;
    assert.equal(best.deployment, 'self-hosted');
    assert.equal(best.kind, 'cheapest-setup');
  });

  it('analyze --json carries each workload’s options as the engine lists them', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'analyze', path.join(root, 'examples/llm.config.json'), '--json'], { encoding: 'utf8' });
    const json = JSON.parse(r.stdout);
    const engine = analyze(example, { catalog }).workloads.map(workloadOptions);
    assert.deepEqual(json.workloads.map((w: { options: unknown }) => w.options), JSON.parse(JSON.stringify(engine)));
  });
});
