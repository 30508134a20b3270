/**
 * A team's config as people write it (the names of six ordinary workloads), in the real
 * extension host: every workload priced, no "Unknown model", the total with nothing unpriced,
 * and hovers that say what each name resolved to and whose bill applies.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze, findModel } from '../../src/engine';
import { activateExtension, closeAll, codeOf, fixtureUri, hoverText, open, ourDiagnostics, poll, shippedCatalog } from './helpers';
import { plain } from './hover.test';

const shipped = shippedCatalog;
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
      const shown = w.selfHost ? 'self-hosted' : `${w.model} API`;
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
    assert.ok(llama.includes('More: the setups, where it fits'), llama);
  });

  it('a self-hosted workload shows the cheapest setup for its volume, and its GPU’s hover explains prefill and decode', async () => {
    const uri = fixtureUri('team');
    const { document } = await open(uri);
    const expected = analyze(document.getText(), { catalog: shipped });
    const local = expected.workloads.find((w) => w.name === 'local')!;
    assert.equal(local.selfHost!.throughputSource, 'serving');
    const cheapest = expected.lenses.find((l) => l.kind === 'cheapest' && l.workload === local.index)!;
    assert.match(cheapest.title, /^\d+× [a-z0-9-]+ · [a-z0-9_-]+( · \d+ replicas)? saves \$[\d,.]+\/mo$/);
    const lenses = await poll(() => lensesOf(uri), (found) => (found ?? []).some((l) => l.command?.title === cheapest.title));
    assert.ok(lenses.some((l) => l.command?.title === cheapest.title));

    const gpuAt = document.getText().indexOf('"l40s-48gb"') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(gpuAt));
    const text = plain(hoverText(hovers));
    for (const expectedText of ['by the serving model', 'prefill of 500 tokens', 'decode step at batch', 'continuous batching', 'time to first token']) {
      assert.ok(text.includes(expectedText), `the hover explains ${expectedText}:\n${text}`);
    }
  });
});
