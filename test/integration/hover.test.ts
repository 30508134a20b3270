import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze, explanationLines, catalog, findModel, formatUsd } from '../../src/engine';
import { activateExtension, closeAll, exampleUri, fixtureUri, hoverText, markdownContents, open } from './helpers';

const hoversAt = (uri: vscode.Uri, position: vscode.Position) =>
  vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);

/** Markdown source back to the text a reader sees: escapes and entities undone. */
export function plain(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('hovers', () => {
  before(activateExtension);
  afterEach(closeAll);

  it('shows the model card on a model id', async () => {
    const uri = exampleUri();
    const { document } = await open(uri);
    const analysis = analyze(document.getText());
    const reference = analysis.modelReferences[0];
    assert.ok(reference, 'the example names a model');
    const model = findModel(reference.modelId)!;
    assert.ok(model, `${reference.modelId} is in the catalog`);

    const hovers = await hoversAt(uri, document.positionAt(reference.offset + 1));
    const text = plain(hoverText(hovers));
    for (const expected of [model.name, model.lab, model.license, model.price!.source, model.price!.asOf]) {
      assert.ok(text.includes(expected), `the card shows ${expected}:\n${text}`);
    }
    assert.ok(text.includes(formatUsd(model.price!.inputPerMillionUsd)), 'the input price');
    assert.ok(text.includes(formatUsd(model.price!.outputPerMillionUsd)), `the output price ${formatUsd(model.price!.outputPerMillionUsd)}:\n${text}`);
    assert.ok(text.includes(model.access === 'api-only' ? 'API-only' : 'open-weight'));
    const scores = catalog.scores[model.id] ?? {};
    for (const benchmark of catalog.benchmarks.filter((b) => scores[b.id])) {
      assert.ok(text.includes(benchmark.name), `benchmark ${benchmark.name}`);
    }
    assert.equal(hovers[0]!.range?.start.isEqual(document.positionAt(reference.offset)), true, 'the hover covers the id');

    // The headline, above the rule: the price, the context and this workload's verdict; the detail below it.
    const [headline] = hoverText(hovers).split('\n---\n');
    const head = plain(headline!);
    assert.ok(head.includes(formatUsd(model.price!.inputPerMillionUsd)) && head.includes('context'), head);
    const lens = analysis.lenses.find((l) => l.workload === reference.workload && l.kind === 'crossover')!;
    assert.ok(head.includes(plain(lens.title)), `the verdict "${lens.title}" in the headline:\n${head}`);
    const rows = hoverText(hovers).split('\n').filter((l) => l.trim()).length;
    assert.ok(rows <= 22, `a short card: ${rows} lines`);
  });

  it('shows an open model’s self-host setups and where it fits at each quantization', async () => {
    const uri = fixtureUri('does-not-fit');
    const { document } = await open(uri);
    const reference = analyze(document.getText()).modelReferences.find((r) => r.modelId === 'llama-3.1-70b');
    assert.ok(reference, 'the fixture names llama-3.1-70b');
    const text = plain(hoverText(await hoversAt(uri, document.positionAt(reference.offset + 2))));
    const setup = catalog.setups.find((s) => s.model === 'llama-3.1-70b')!;
    assert.ok(text.includes(setup.name), `the article’s setup ${setup.name}:\n${text}`);
    assert.ok(text.includes('GPUs needed per replica (500 in / 500 out tokens × 1 requests)'), text);
    // Sized as the workloads are: AWQ on an AMD GPU is no count, since stock vLLM does not run it there.
    assert.ok(text.includes('not run'), text);
    for (const quantization of catalog.quantizations) assert.ok(text.includes(quantization.name), quantization.name);
    for (const gpu of catalog.gpus) assert.ok(text.includes(gpu.name), gpu.name);
    assert.ok(text.includes('70B'), 'the parameter count');
  });

  it('shows how a figure was computed on a figure-bearing field', async () => {
    const uri = exampleUri();
    const { document } = await open(uri);
    const figure = analyze(document.getText()).figures[0];
    assert.ok(figure, 'the example has a figure-bearing field');
    const hovers = await hoversAt(uri, document.positionAt(figure.offset + 1));
    const text = plain(hoverText(hovers));
    for (const line of explanationLines(figure.explanation)) assert.ok(text.includes(line), `${line}\nin\n${text}`);
  });

  it('renders untrusted Markdown without HTML', async () => {
    const uri = exampleUri();
    const { document } = await open(uri);
    const reference = analyze(document.getText()).modelReferences[0]!;
    const contents = markdownContents(await hoversAt(uri, document.positionAt(reference.offset + 1)));
    assert.ok(contents.length > 0);
    for (const markdown of contents) {
      assert.ok(!markdown.isTrusted, 'not trusted: no command links run');
      assert.ok(!markdown.supportHtml, 'no HTML');
    }
  });
});
