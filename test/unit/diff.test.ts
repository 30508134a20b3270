/** The cost of a change to the config: each reason, the JSON contract, the Markdown comment, the budget gate and git. */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze, costDiff } from '../../src/engine';
import { diffMarkdown } from '../../src/cli/diff';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const run = (args: string[], cwd = root) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const config = (...workloads: object[]) => JSON.stringify({ workloads }, null, 2);
const w = (name: string, over: object = {}) => ({ name, model: 'gpt-4o', monthlyTokens: '100M', ...over });
const diff = (before: string, after: string) => costDiff(analyze(before), analyze(after));

describe('diff: the cost of a change', function () {
  // It runs the CLI and git as processes, as CI does.
  this.timeout(30_000);
  it('names each reason a cost moved, with before, after and the change', () => {
    const before = config(
      w('model'),
      w('volume'),
      w('deployment', { model: 'llama-3.1-70b' }),
      w('setup', { model: 'llama-3.1-70b', deployment: { selfHosted: { gpu: 'a100-80gb', quantization: 'int4' } } }),
      w('price', { blendedPricePerMillion: 5 }),
      w('removed'),
      w('same'),
    );
    const after = config(
      w('model', { model: 'claude-3.5-sonnet' }),
      w('volume', { monthlyTokens: '250M' }),
      w('deployment', { model: 'llama-3.1-70b', deployment: { selfHosted: { gpu: 'a100-80gb', quantization: 'int4' } } }),
      w('setup', { model: 'llama-3.1-70b', deployment: { selfHosted: { gpu: 'h200-141gb', quantization: 'fp8' } } }),
      w('price', { blendedPricePerMillion: 6 }),
      w('same'),
      w('added', { model: 'deepseek-v3' }),
    );
    const d = diff(before, after);
    assert.deepEqual(
      d.workloads.map((x) => [x.name, x.reasons]),
      [
        ['model', ['model']],
        ['volume', ['volume']],
        ['deployment', ['deployment']],
        ['setup', ['setup']],
        ['price', ['price']],
        ['removed', ['removed']],
        ['added', ['added']],
      ],
    );
    const model = d.workloads[0]!;
    // GPT-4o $6.25/M → Claude 3.5 Sonnet $9/M at 100M.
    assert.deepEqual([model.beforeMonthlyUsd, model.afterMonthlyUsd, model.deltaMonthlyUsd], [625, 900, 275]);
    assert.deepEqual(d.workloads[1]!.details, ['volume 100M → 250M tok/mo']);
    assert.deepEqual([d.workloads[4]!.beforeMonthlyUsd, d.workloads[4]!.afterMonthlyUsd, d.workloads[4]!.details], [500, 600, ['price $5/M → $6/M']]);
    const removed = d.workloads[5]!;
    assert.deepEqual([removed.beforeMonthlyUsd, removed.afterMonthlyUsd, removed.deltaMonthlyUsd], [625, null, -625]);
    const added = d.workloads[6]!;
    assert.equal(added.beforeMonthlyUsd, null);
    assert.equal(added.deltaMonthlyUsd, added.afterMonthlyUsd);
    const a = analyze(before);
    const b = analyze(after);
    assert.equal(d.total.deltaMonthlyUsd, Math.round((b.totalMonthlyCostUsd - a.totalMonthlyCostUsd) * 100) / 100);
  });

  it('a workload that loses its price has no change figure, and says so', () => {
    const d = diff(config(w('x')), config(w('x', { model: 'gpt-4oo' })));
    assert.deepEqual([d.workloads[0]!.reasons, d.workloads[0]!.deltaMonthlyUsd, d.unpriced], [['model', 'unpriced'], null, { before: 0, after: 1 }]);
  });

  it('--json has the documented shape; --fail-above gates on the total change', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-diff-'));
    writeFileSync(path.join(dir, 'base.json'), config(w('chat', { model: 'gpt-4o-mini' })));
    writeFileSync(path.join(dir, 'head.json'), config(w('chat')));
    const r = run(['diff', path.join(dir, 'base.json'), path.join(dir, 'head.json'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json.workloads[0]), ['name', 'beforeMonthlyUsd', 'afterMonthlyUsd', 'deltaMonthlyUsd', 'reasons', 'details']);
    assert.deepEqual(Object.keys(json.total), ['beforeMonthlyUsd', 'afterMonthlyUsd', 'deltaMonthlyUsd']);
    assert.deepEqual(json.workloads[0].reasons, ['model']);
    // Whose prices the change is priced with, and what their date is.
    assert.deepEqual(Object.keys(json.pricing), ['source', 'asOf', 'asOfKind', 'fetchedAt', 'stale', 'fallbackReason']);
    assert.match(json.pricing.asOf, /^\d{4}-\d{2}-\d{2}$/);
    const text = run(['diff', path.join(dir, 'base.json'), path.join(dir, 'head.json')]).stdout;
    assert.match(text, /^Prices: LiteLLM .*, \d{4}-\d{2}-\d{2}/m);
    const markdown = run(['diff', path.join(dir, 'base.json'), path.join(dir, 'head.json'), '--markdown']).stdout;
    assert.match(markdown, /^Prices: LiteLLM/m);
    // gpt-4o-mini $0.375/M → gpt-4o $6.25/M at 100M: +$587.50.
    assert.equal(json.total.deltaMonthlyUsd, 587.5);
    assert.equal(run(['diff', path.join(dir, 'base.json'), path.join(dir, 'head.json'), '--fail-above', '500']).code, 1);
    assert.equal(run(['diff', path.join(dir, 'base.json'), path.join(dir, 'head.json'), '--fail-above', '600']).code, 0);
    const usage = run(['diff', path.join(dir, 'base.json')]);
    assert.equal(usage.code, 2);
    assert.equal(usage.stderr.trim().split('\n').length, 1);
  });

  it('--git reads the base from a revision of a repository', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-git-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    writeFileSync(path.join(dir, 'llm.config.json'), config(w('chat', { monthlyTokens: '100M' })));
    git('add', 'llm.config.json');
    git('commit', '-q', '-m', 'base');
    writeFileSync(path.join(dir, 'llm.config.json'), config(w('chat', { monthlyTokens: '200M' })));
    const r = run(['diff', '--git', 'HEAD', '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual([json.workloads[0].reasons, json.total.deltaMonthlyUsd], [['volume'], 625]);
    const missing = run(['diff', '--git', 'no-such-rev'], dir);
    assert.equal(missing.code, 2);
  });

  it('the Markdown comment renders config names as text: no link, image or extra row', () => {
    const d = diff(config(w('x')), config(w('x'), w('[click](https://phish.example) ![i](https://evil.example/p.png) | a |', { model: 'gpt-4o' })));
    const markdown = diffMarkdown(d);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const html = (require('markdown-it') as (p: string, o: object) => { render(s: string): string })('default', { html: true, linkify: true }).render(markdown);
    assert.doesNotMatch(html, /<a |<img /);
    assert.equal((html.match(/<tr>/g) ?? []).length, 3, 'header, one workload, total');
    assert.match(markdown, /^### LLM cost of this change: \+\$625\/mo$/m);
  });
});
