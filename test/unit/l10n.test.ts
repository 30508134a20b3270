import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Every `vscode.l10n.t('…')` message of the extension, as written in the source. */
function messages(): string[] {
  const dir = path.join(root, 'src/extension');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((f) => {
    const text = readFileSync(path.join(dir, f), 'utf8');
    return [...text.matchAll(/l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]!.replace(/\\(['"\\])/g, '$1'));
  });
}

describe('localization', () => {
  it('l10n/bundle.l10n.json holds every message the extension shows (the translators\' source)', () => {
    const bundle = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const missing = [...new Set(messages())].filter((m) => !(m in bundle));
    assert.deepEqual(missing, []);
  });

  it('package.nls.json holds every %key% of the manifest', () => {
    const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.deepEqual(keys.filter((k) => !(k in nls)), []);
  });
});
