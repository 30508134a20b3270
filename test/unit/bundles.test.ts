/**
 * The desktop host's bundles as built (node esbuild.mjs): the features bundle loads the code
 * that a session may never use from bundles of its own, and every bundle it loads is packaged.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanLanguages } from '../../src/engine/scan';
import { SCAN_LANGUAGE_IDS } from '../../src/engine/scan/languages';

const root = path.resolve(__dirname, '../../..');
const dist = path.join(root, 'dist');

/** The sibling bundles a bundle requires at run time ("./features.js", "./recommend.js"). */
function siblingsOf(bundle: string): string[] {
  const text = fs.readFileSync(path.join(dist, bundle), 'utf8');
  return [...text.matchAll(/require\("\.\/(\w+\.js)"\)/g)].map((m) => m[1]!);
}

/** The source files a bundle was built from, by its metafile. */
function inputsOf(bundle: string): string[] {
  const meta = JSON.parse(fs.readFileSync(path.join(dist, `${bundle}.meta.json`), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  return Object.keys(meta.outputs[`dist/${bundle}.js`]!.inputs);
}

describe('the desktop bundles', function () {
  // vsce reads the package's file list from disk: seconds on a busy machine.
  this.timeout(60_000);

  it('load the engine and the on-demand modules from bundles beside them, and carry none of their code', () => {
    assert.deepEqual(siblingsOf('extension.js'), ['features.js']);
    const loaded = [...new Set(siblingsOf('features.js'))].sort();
    assert.deepEqual(loaded, ['codeScan.js', 'comparisonPanel.js', 'engine.js', 'explainFigure.js', 'findUsage.js', 'importUsage.js', 'priceRefreshHost.js', 'recommend.js']);
    const inputs = inputsOf('features');
    // No engine module but the leaves read at start (which languages the scan reads, which price sources there are, how large a config may be).
    assert.deepEqual(inputs.filter((f) => f.startsWith('src/engine/')).sort(), ['src/engine/catalog/priceSources.ts', 'src/engine/config/fileLimits.ts', 'src/engine/constants.ts', 'src/engine/scan/languages.ts']);
    assert.ok(!inputs.some((f) => f.includes('node_modules/zod/')), 'no zod: the config schema is the engine\'s, the message schemas the panel\'s');
    // The scanner, the Recommend wizard, Import Usage, the explanation page and the model card, the panel's host, the price refresh: none of it inline.
    for (const apart of ['src/extension/explainFigure.ts', 'src/extension/explanationView.ts', 'src/extension/modelDetail.ts', 'src/extension/recommend.ts', 'src/extension/findUsage.ts', 'src/extension/importUsage.ts', 'src/extension/codeScan.ts', 'src/extension/panel/comparisonPanel.ts', 'src/extension/priceRefreshHost.ts']) {
      assert.ok(!inputs.includes(apart), `${apart} is not in features.js`);
    }
    // One engine for all of them: each on-demand bundle takes the core from engine.js, none carries it.
    const core = inputsOf('engine').filter((f) => f.startsWith('src/engine/'));
    assert.ok(core.includes('src/engine/analysis/workload.ts') && core.includes('src/engine/catalog/resolve.ts'));
    const onDemand = JSON.parse(fs.readFileSync(path.join(dist, 'onDemand.meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    for (const bundle of loaded.filter((b) => b !== 'engine.js')) {
      const own = Object.keys(onDemand.outputs[`dist/${bundle}`]!.inputs);
      assert.deepEqual(own.filter((f) => core.includes(f)), [], `${bundle} carries none of the engine's core`);
      for (const sibling of siblingsOf(bundle)) assert.ok(loaded.includes(sibling), `${bundle} requires ${sibling}`);
    }
    // The scanner and the refresh are not in the core: they load with what uses them.
    for (const apart of ['src/engine/scan/code.ts', 'src/engine/scan/tokenize.ts', 'src/engine/catalog/refresh.ts', 'src/engine/catalog/sourceFormats.ts']) assert.ok(!core.includes(apart), `${apart} is not in the core`);
  });

  it('require the vscode module as it is: no bundle copies its exports into a namespace object on load', () => {
    // `import * as vscode` makes esbuild wrap the require in a copy of every export, once per
    // importing file: milliseconds at activation. `import vscode = require('vscode')` does not.
    for (const bundle of fs.readdirSync(dist).filter((f) => f.endsWith('.js')).concat('web/extension.js')) {
      const text = fs.readFileSync(path.join(dist, bundle), 'utf8');
      const wrapped = [...text.matchAll(/[\w$]+\(require\("vscode"\)\)/g)].map((m) => m[0]);
      assert.deepEqual(wrapped, [], bundle);
    }
    const sources = fs.readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of sources) assert.doesNotMatch(fs.readFileSync(path.join(root, 'src', file), 'utf8'), /^import \* as vscode from 'vscode'/m, file);
  });

  it('activate with a config in the workspace, or once the window has started, and start the code scan for exactly the languages the scanner reads', () => {
    assert.deepEqual([...SCAN_LANGUAGE_IDS].sort(), [...scanLanguages.ids].sort());
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { activationEvents: string[] };
    // No onLanguage events: activated with the language features of a file being opened, an
    // activation is measured with theirs; after start-up it is measured alone, and the code
    // scan waits for a document of its languages (codeScanOnDemand.ts).
    // The config at the root is a file check as the extension host starts; one deeper takes a search.
    assert.deepEqual(manifest.activationEvents, ['workspaceContains:llm.config.json', 'workspaceContains:**/llm.config.json', 'onStartupFinished', 'onWebviewPanel:llmCostLens.comparison']);
  });

  it('are all in the package that vsce makes', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vsce = require('@vscode/vsce') as { listFiles(options: { cwd: string; packageManager: 'none' }): Promise<string[]> };
    const packaged = new Set(await vsce.listFiles({ cwd: root, packageManager: 'none' }));
    for (const bundle of ['extension.js', ...siblingsOf('extension.js'), ...siblingsOf('features.js')]) {
      assert.ok(fs.existsSync(path.join(dist, bundle)), `dist/${bundle} is built`);
      assert.ok(packaged.has(`dist/${bundle}`), `dist/${bundle} is packaged`);
    }
  });
});
