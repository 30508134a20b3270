/**
 * The structure, guarded by dependency-cruiser with the rules of
 * test/structure/dependency-cruiser.cjs: no import cycle, a pure engine, a protocol that
 * imports neither side, surfaces that do not reach into each other and use the engine's public
 * entries only, Node code they share that imports neither. The rules are shown to
 * bite on a small tree that breaks each of them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const config = path.join(root, 'test/structure/dependency-cruiser.cjs');
const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, paths: string[]): { violations: Violation[]; totalCruised: number } {
  const r = spawnSync(process.execPath, [cli, '--config', config, '--output-type', 'json', ...paths], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.stdout, r.stderr);
  return JSON.parse(r.stdout).summary;
}

describe('structure (dependency-cruiser)', function () {
  this.timeout(60_000);

  it('src and webview break no rule', () => {
    const summary = cruise(root, ['src', 'webview']);
    assert.ok(summary.totalCruised > 100, `${summary.totalCruised} modules`);
    assert.deepEqual(summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`), []);
  });

  it('each rule bites on a tree that breaks it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-structure-'));
    const file = (name: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    };
    file('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
    file('src/engine/a.ts', "import { b } from './b';\nimport { c } from '../extension/c';\nimport { readFileSync } from 'node:fs';\nexport const a = () => [b, c, readFileSync];\n");
    file('src/engine/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
    file('src/extension/c.ts', "import { d } from '../cli/d';\nexport const c = d;\n");
    file('src/cli/d.ts', "export const d = 1;\n");
    file('src/protocol.ts', "import { c } from './extension/c';\nexport const p = c;\n");
    file('webview/w.ts', "import { c } from '../src/extension/c';\nexport const w = c;\n");
    file('src/engine/index.ts', "export const e = 1;\n");
    file('src/engine/pricing/inner.ts', "export const inner = 1;\n");
    file('src/node/n.ts', "import { c } from '../extension/c';\nexport const n = c;\n");
    file('src/cli/e.ts', "import { e } from '../engine';\nimport { inner } from '../engine/pricing/inner';\nimport { c } from '../extension/c';\nexport const x = [e, inner, c];\n");
    const broken = new Set(cruise(dir, ['src', 'webview']).violations.map((v) => v.rule.name));
    assert.deepEqual([...broken].sort(), ['cli-not-editor', 'engine-is-pure', 'engine-no-node', 'extension-not-cli', 'no-circular', 'node-shared-by-surfaces', 'protocol-imports-neither-side', 'surfaces-use-public-entries', 'webview-not-extension']);
  });
});
