/**
 * The panel's tabs: one module per tab under webview/tabs/<tab>/, found through the registry.
 * An id no tab has is an error the panel shows, never a silent fall-through to another tab.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { TAB_IDS } from '../../src/protocol';
import { isTabId, lookupTab, TAB_TITLES, type TabRegistry } from '../../webview/tabs/registry';

const root = path.resolve(__dirname, '../../..');
const registry: TabRegistry<string> = { cost: 'cost tab', benchmarks: 'benchmarks tab', decision: 'decision tab', quantization: 'quantization tab' };

describe('panel tabs: the registry', () => {
  it('finds every tab the protocol names, by its id', () => {
    for (const id of TAB_IDS) assert.deepEqual(lookupTab(registry, id), { id, tab: `${id} tab` });
  });

  it('an unknown id is an error that names it and the tabs there are', () => {
    assert.deepEqual(lookupTab(registry, 'charts'), { error: 'This panel has no tab "charts". Its tabs are Cost, Benchmarks, Decision, Quantization: choose one above.' });
    assert.deepEqual(lookupTab(registry, 7), { error: 'This panel has no tab 7. Its tabs are Cost, Benchmarks, Decision, Quantization: choose one above.' });
    assert.deepEqual(lookupTab(registry, undefined), { error: 'This panel has no tab undefined. Its tabs are Cost, Benchmarks, Decision, Quantization: choose one above.' });
  });

  it('never falls through to a tab for an id that only looks like one', () => {
    for (const id of ['Cost', 'cost ', 'toString', '__proto__', 'constructor', '']) {
      assert.ok('error' in lookupTab(registry, id), id);
      assert.equal(isTabId(id), false, id);
    }
  });

  it('repeats at most 40 characters of a long id', () => {
    const found = lookupTab(registry, 'x'.repeat(5000));
    assert.ok('error' in found);
    assert.equal(found.error, `This panel has no tab "${'x'.repeat(40)}…". Its tabs are Cost, Benchmarks, Decision, Quantization: choose one above.`);
  });

  it('titles every tab', () => {
    assert.deepEqual(TAB_IDS.map((id) => TAB_TITLES[id]), ['Cost', 'Benchmarks', 'Decision', 'Quantization']);
  });
});

describe('panel tabs: the layout', () => {
  it('each tab has its folder with its page (render.ts) and its view-model (viewModel.ts)', () => {
    for (const id of TAB_IDS) {
      for (const file of ['render.ts', 'viewModel.ts']) assert.ok(existsSync(path.join(root, 'webview/tabs', id, file)), `webview/tabs/${id}/${file}`);
    }
  });

  it('the panel sends each tab id to the registry, with no chain of ids in main.ts', () => {
    const main = readFileSync(path.join(root, 'webview/main.ts'), 'utf8');
    assert.match(main, /lookupTab\(TABS, /);
    assert.doesNotMatch(main, /tab === '(cost|benchmarks|decision|quantization)'/);
  });

  it('no webview source file is over 400 lines', () => {
    const long: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (name.endsWith('.ts')) {
          const lines = readFileSync(file, 'utf8').split('\n').length;
          if (lines > 400) long.push(`${path.relative(root, file)}: ${lines}`);
        }
      }
    };
    walk(path.join(root, 'webview'));
    assert.deepEqual(long, []);
  });
});
