import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/engine';
import { examplesDir, openWorkbench, shippedCatalog, type Workbench } from './workbench';

describe('code lens, as seen in the editor', function () {
  this.timeout(120_000);
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows the engine’s title above each workload of llm.config.json', async () => {
    const text = readFileSync(path.join(examplesDir, 'llm.config.json'), 'utf8');
    // The editor shows lenses by line, so compare in the order of their place in the file.
    const lenses = [...analyze(text, { catalog: shippedCatalog }).lenses].sort((a, b) => a.offset - b.offset);
    assert.ok(lenses.some((lens) => lens.kind === 'cost'), 'the example has at least one workload with a cost');
    const expected = lenses.map((lens) => lens.title);
    // The file's two actions follow the total, on its line.
    expected.splice(lenses.findIndex((lens) => lens.kind === 'total') + 1, 0, 'Recommend model…', 'Open comparison…');

    await workbench.openFile('llm.config.json');
    const decorations = workbench.page.locator('.monaco-editor .codelens-decoration');
    // One decoration per line, top to bottom; several lenses on one line are separated by " | ".
    const readShown = async () => {
      const lines = await decorations.evaluateAll((elements) =>
        elements
          .map((element) => ({ top: element.getBoundingClientRect().top, text: (element as unknown as { innerText: string }).innerText }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text),
      );
      return lines.flatMap((line) => line.replace(/\u00a0/g, ' ').split(' | ')).map((title) => title.trim()).filter(Boolean);
    };
    let shown = await readShown();
    for (const deadline = Date.now() + 30_000; shown.length < expected.length && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      shown = await readShown();
    }
    await workbench.screenshot('codeLens');
    assert.deepEqual(shown, expected);
    // At 1280 px every line of lenses ends inside the editor: the verdict is read, not cut.
    const overflow = await decorations.evaluateAll((elements) => {
      const editor = elements[0]!.closest('.monaco-editor')!.getBoundingClientRect();
      return elements
        .map((element) => ({ right: element.getBoundingClientRect().right, width: element.scrollWidth, shown: element.clientWidth, text: (element as unknown as { innerText: string }).innerText }))
        .filter((line) => line.right > editor.right || line.width > line.shown);
    });
    assert.deepEqual(overflow, [], 'a line of lenses runs past the editor');
  });

  it('shows the lenses at the end of a large config once the view is there', async () => {
    // More lenses than are sent at once: the window gets those around the view, and more as it moves.
    const workloads: object[] = Array.from({ length: 800 }, (_, i) => ({ name: `w${i}`, model: 'gpt-4o', monthlyTokens: `${i + 1}M`, deployment: 'api' }));
    workloads.push({ name: 'last', model: 'claude-3.5-sonnet', monthlyTokens: '777M', deployment: 'api' });
    const text = `${JSON.stringify({ workloads }, null, 2)}\n`;
    const lenses = [...analyze(text, { catalog: shippedCatalog }).lenses].sort((a, b) => a.offset - b.offset);
    const last = lenses.at(-1)!.title;
    assert.equal(lenses.filter((lens) => lens.title === last).length, 1, 'the last workload’s title is its own');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-ui-large-'));
    writeFileSync(path.join(dir, 'llm.config.json'), text);
    const large = await openWorkbench({ workspace: dir });
    try {
      await large.openFile('llm.config.json');
      const decorations = large.page.locator('.monaco-editor .codelens-decoration');
      await decorations.filter({ hasText: 'Total' }).first().waitFor({ timeout: 30_000 });
      await large.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await large.page.keyboard.press('Control+End');
      await decorations.filter({ hasText: last }).first().waitFor({ timeout: 30_000 });
      await large.screenshot('codeLens-large-end');
    } finally {
      await large.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
