/**
 * The structure rules on arithmetic, which dependency-cruiser cannot see (it reads imports):
 * only src/engine/pricing/ multiplies GPU-hours by a price, only src/engine/sizing/ computes
 * memory. ESLint checks them with the selectors of test/structure/eslint.config.mjs; the
 * rules are shown to bite on a small tree that breaks each of them, and to leave alone the
 * products that look alike but are neither (a GPU's own memory, tokens by hours).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const config = path.join(root, 'test/structure/eslint.config.mjs');
const cli = path.join(root, 'node_modules/eslint/bin/eslint.js');

interface Result {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line: number; fatal?: boolean }[];
}

/** Each error or warning as "file:line rule", the rule read off its message (both are no-restricted-syntax). */
function lint(cwd: string, paths: string[]): { files: number; errors: string[] } {
  const r = spawnSync(process.execPath, [cli, '--config', config, '--format', 'json', '--no-warn-ignored', ...paths], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.stdout, r.stderr);
  const results = JSON.parse(r.stdout) as Result[];
  const errors: string[] = [];
  for (const f of results) {
    for (const m of f.messages) {
      // Warnings count too: an eslint-disable comment, which the config ignores (noInlineConfig),
      // is warned about, and one left in the code would only pretend to turn a rule off.
      const ignored = m.ruleId === null && m.message.includes('noInlineConfig');
      const rule = m.fatal ? `parse error: ${m.message}` : ignored ? 'inline config ignored' : m.ruleId === 'no-restricted-syntax' ? m.message.slice(0, m.message.indexOf(':')) : `${m.ruleId}: ${m.message}`;
      errors.push(`${path.relative(cwd, f.filePath)}:${m.line} ${rule}`);
    }
  }
  return { files: results.length, errors };
}

describe('structure (ESLint): who prices GPU-hours, who computes memory', function () {
  this.timeout(120_000);

  it('src and webview break no rule', () => {
    const { files, errors } = lint(root, ['src', 'webview']);
    assert.ok(files > 100, `${files} files linted`);
    assert.deepEqual(errors, []);
  });

  it('each rule bites on a tree that breaks it, and leaves look-alikes alone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-arithmetic-'));
    try {
      const file = (name: string, text: string) => {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      };
      // The owners: pricing/ prices GPU-hours, sizing/ computes memory. Allowed.
      file('src/engine/pricing/ok.ts', 'export const fixed = (gpus: number, hourly: number, hours: number) => gpus * hourly * hours;\n');
      file('src/engine/sizing/ok.ts', 'export const weights = (params: number, q: { bytesPerParam: number }) => params * 1e9 * q.bytesPerParam;\n');
      // Each owner doing the other's job.
      file('src/engine/sizing/priced.ts', 'export const perReplica = (c: { gpus: number }, hourly: number) => c.gpus * hourly * 720;\n');
      file('src/engine/pricing/sized.ts', 'export const kv = (m: { kvHeads: number; headDim: number }) => 2 * m.kvHeads * m.headDim;\n');
      // Elsewhere: a property, a compound assignment, a call with a fallback, the price gpuHourPrice returns.
      file(
        'src/engine/decide/both.ts',
        [
          'declare function kvBytesPerToken(m: unknown): number | undefined;',
          'declare function gpuHourPrice(gpu: string): { usd: number };',
          'export function cost(o: { hourlyUsd: number }, gpus: number, m: unknown, context: number) {',
          '  let usd = gpus;',
          '  usd *= o.hourlyUsd;',
          "  const perHour = gpuHourPrice('h100').usd * gpus;",
          '  const kv = (kvBytesPerToken(m) ?? 0) * context;',
          '  return [usd, perHour, kv];',
          '}',
        ].join('\n') + '\n',
      );
      file('webview/memory.ts', 'export const activations = (m: { hiddenSize: number }, tokens: number) => tokens * m.hiddenSize * 2;\n');
      // Look-alikes that are neither: a GPU's own memory, tokens by hours, replicas of a monthly figure, a ratio of bytes.
      file(
        'src/engine/analysis/alike.ts',
        [
          'export function alike(g: { memoryGB: number }, gpus: number, tokensPerSecond: number, hoursPerMonth: number, replicas: number, perReplica: number, bytesPerParam: number) {',
          '  return [gpus * g.memoryGB, tokensPerSecond * 3600 * hoursPerMonth, replicas * perReplica, 2 / bytesPerParam];',
          '}',
        ].join('\n') + '\n',
      );
      // A file cannot turn a rule off for itself: the comment is reported, and so is the product.
      file('src/engine/analysis/disabled.ts', '// eslint-disable-next-line no-restricted-syntax\nexport const priced = (gpus: number, hourly: number) => gpus * hourly;\n');
      const { errors } = lint(dir, ['src', 'webview']);
      assert.deepEqual(errors.sort(), [
        'src/engine/analysis/disabled.ts:1 inline config ignored',
        'src/engine/analysis/disabled.ts:2 gpu-hours-priced-in-pricing',
        'src/engine/decide/both.ts:5 gpu-hours-priced-in-pricing',
        'src/engine/decide/both.ts:6 gpu-hours-priced-in-pricing',
        'src/engine/decide/both.ts:7 memory-sized-in-sizing',
        'src/engine/pricing/sized.ts:1 memory-sized-in-sizing',
        'src/engine/pricing/sized.ts:1 memory-sized-in-sizing',
        'src/engine/sizing/priced.ts:1 gpu-hours-priced-in-pricing',
        'webview/memory.ts:1 memory-sized-in-sizing',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
