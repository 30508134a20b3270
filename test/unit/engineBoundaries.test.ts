import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const engineDir = path.resolve(__dirname, '../../../src/engine');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('engine boundaries', () => {
  // The engine runs in the extension host, the webview and the CLI: it may import only
  // itself, zod, jsonc-parser and ignore (the gitignore matcher of the code scan).
  for (const file of sources(engineDir)) {
    it(`${path.relative(engineDir, file)} imports nothing but the engine, zod, jsonc-parser and ignore`, () => {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      const foreign = imports.filter((s) => !s.startsWith('.') && !/^zod(\/(mini|locales))?$/.test(s) && s !== 'jsonc-parser' && s !== 'ignore');
      assert.deepEqual(foreign, []);
      assert.doesNotMatch(text, /\brequire\(|\bprocess\.|\bfetch\(/);
    });
  }

  // A file over 400 lines is doing more than one job (the webview's files are held to the same, in panelTabs.test.ts).
  it('no engine source file is over 400 lines', () => {
    const long: string[] = [];
    for (const file of sources(engineDir)) {
      const lines = readFileSync(file, 'utf8').split('\n').length;
      if (lines > 400) long.push(`${path.relative(engineDir, file)}: ${lines}`);
    }
    assert.deepEqual(long, []);
  });
});
