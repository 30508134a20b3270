/**
 * A team's config as people write it (the names of six ordinary workloads), in the real
 * extension host: every workload priced, no "Unknown model", the total with nothing unpriced,
 * and hovers that say what each name resolved to and whose bill applies.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze, findModel } from '../../src/engine';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { activateExtension, closeAll, codeOf, fixtureUri, hoverText, open, ourDiagnostics, poll } from './helpers';
import { plain } from './hover.test';

const data = (file: string) => readFileSync(path.resolve(__dirname, '../../../src/engine/catalog/data', file), 'utf8');
const shipped = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') }).catalog;
const lensesOf = (uri: vscode.Uri) => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10_000);

describe('a team config with the names people write', () => {
  before(activateExtension);
  afterEach(closeAll);

  it('prices every workload: dollar figures on each lens and a total with nothing unpriced', async () => {
    const uri = fixtureUri('team');
    const { document } = await open(uri);
    const expected = analyze(document.getText(), { catalog: shipped });
    assert.equal(expected.workloads.length, 6);
    assert.deepEqual(expected.unpricedWorkloads, []);
    const lenses = await poll(() => lensesOf(uri), (found) => (found?.length ?? 0) >= expected.lenses.length);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.equal(titles[0], expected.lenses[0]!.title);
    assert.match(titles[0]!, /^Total \$[\d,]+\/mo across 6 workloads$/);
    for (const w of expected.workloads) {
      const shown = w.selfHost ? w.selfHost.label : `${w.model} API`;
      assert.ok(titles.some((t) => /^\$[\d,.]+\/mo/.test(t) && t.includes(shown)), `a cost lens for ${shown}: ${titles.join(' | ')}`);
    }
    const diagnostics = await ourDiagnostics(uri, () => true, 2_000);
    assert.deepEqual(diagnostics.filter((d) => codeOf(d) === 'unknown-model').map((d) => d.message), []);
  });

  it('hovers say what each name resolved to and whose bill applies', async () => {
    const uri = fixtureUri('team');
    const { document } = await open(uri);
    const analysis = analyze(document.getText(), { catalog: shipped });
    const hoverOf = async (written: string) => {
      const reference = analysis.modelReferences.find((r) => document.getText().slice(r.offset + 1, r.offset + r.length - 1) === written)!;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(reference.offset + 2));
      return plain(hoverText(hovers));
    };
    const bedrockLike = await hoverOf('openai/gpt-4.1-mini');
    assert.match(bedrockLike, /Billed by \| openai \("gpt-4\.1-mini"\)/);
    assert.match(bedrockLike, /"openai" selects the host openai/);
    const gemini = await hoverOf('gemini-2.5-flash');
    assert.match(gemini, /no host named: billed by gemini/);
    const card = findModel('meta-llama/Llama-3.1-8B-Instruct', shipped)!;
    assert.ok(card.paramsB !== undefined && card.paramsB > 7 && card.paramsB < 9, `Llama 3.1 8B is sized from its config.json: ${card.paramsB}`);
    const llama = await hoverOf('meta-llama/Llama-3.1-8B-Instruct');
    assert.ok(llama.includes('GPUs needed per replica'), llama);
  });
});
