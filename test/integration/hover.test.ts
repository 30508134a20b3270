import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze, explanationLines, catalog, findModel, formatUsd } from '../../src/engine';
import type { ExplanationPage } from '../../src/extension/explainFigure';
import { ARTICLE_NAMED, ARTICLE_SOURCE } from '../../src/engine';
import { modelHover } from '../../src/extension/hoverProvider';
import { activateExtension, analyzeShipped, articleExampleUri, closeAll, exampleUri, fixtureUri, hoverText, markdownContents, open, shippedCatalog } from './helpers';

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

  it('shows the model card on a model id: under a diagnostic, the headline and "More", whose page has the whole card', async () => {
    // The article's GPT-4o: a curated card, with its benchmarks; a best_math_code warning sits on it.
    const uri = articleExampleUri();
    const { document } = await open(uri);
    const analysis = analyze(document.getText());
    const reference = analysis.modelReferences[0];
    assert.ok(reference, 'the example names a model');
    const model = findModel(reference.modelId)!;
    assert.ok(model, `${reference.modelId} is in the catalog`);
    const position = document.positionAt(reference.offset + 1);
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => d.range.contains(position)), 'a diagnostic shares the box');

    const hovers = await hoversAt(uri, position);
    const card = markdownContents(hovers).find((m) => m.value.startsWith('### '))!;
    assert.ok(card, hoverText(hovers));
    // The headline, above the rule: what it is, the price, the context and this workload's verdict.
    const [headline, detail] = card.value.split('\n---\n');
    const head = plain(headline!);
    for (const expected of [model.name, model.lab, model.license, 'API-only', formatUsd(model.price!.inputPerMillionUsd), formatUsd(model.price!.outputPerMillionUsd), 'context']) {
      assert.ok(head.includes(expected), `the headline shows ${expected}:\n${head}`);
    }
    // The verdict is the lens just above the workload; beside a diagnostic the box has no room for it again.
    const lens = analysis.lenses.find((l) => l.workload === reference.workload && l.kind === 'crossover')!;
    assert.ok(!head.includes(plain(lens.title)), `no verdict under the diagnostic:\n${head}`);
    // Under the diagnostic nothing but the link: the box VS Code opens has no room for more without scrolling.
    const lines = detail!.split('\n').filter((l) => l.trim());
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(plain(lines[0]!), /^\[More: the setups, where it fits, how the cost is computed\]\(command:llmCostLens\.explainFigure\?/);
    assert.equal(hovers[0]!.range?.start.isEqual(document.positionAt(reference.offset)), true, 'the hover covers the id');

    // The page has the whole card: its sources and dates, and every benchmark.
    const more = plain(lines[0]!);
    const args = JSON.parse(decodeURIComponent(more.slice(more.indexOf('?') + 1, -1))) as unknown[];
    const page = await vscode.commands.executeCommand<ExplanationPage>('llmCostLens.explainFigure', ...args);
    const cardSection = page.view.detail.find((d) => d.heading === `The model card: ${model.name}`)!;
    assert.ok(cardSection, page.view.detail.map((d) => d.heading).join(' | '));
    const text = cardSection.lines.join('\n');
    for (const expected of [model.price!.source === ARTICLE_SOURCE ? ARTICLE_NAMED : model.price!.source, model.price!.asOf, `Model id: ${model.id}`, 'Parameters: ']) {
      assert.ok(text.includes(expected), `the page's card shows ${expected}:\n${text}`);
    }
    const scores = catalog.scores[model.id] ?? {};
    for (const benchmark of catalog.benchmarks.filter((b) => scores[b.id])) assert.ok(text.includes(benchmark.name), `benchmark ${benchmark.name}`);
  });

  it('without a diagnostic, the card shows its first four rows under the headline, then "More"', async () => {
    const uri = articleExampleUri();
    const { document } = await open(uri);
    const reference = analyze(document.getText()).modelReferences.find((r) => r.modelId === 'deepseek-v3' && r.alternative === undefined)!;
    assert.ok(reference, 'the example runs deepseek-v3');
    const position = document.positionAt(reference.offset + 2);
    assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => d.range.contains(position)), 'no diagnostic there');
    const card = markdownContents(await hoversAt(uri, position)).find((m) => m.value.startsWith('### '))!;
    const [headline, detail] = card.value.split('\n---\n');
    const analysis = analyze(document.getText());
    const verdict = analysis.lenses.filter((l) => l.workload === reference.workload).map((l) => l.title);
    assert.ok(plain(headline!).includes(`${analysis.workloads[reference.workload!]!.name}: ${verdict.join(' — ')}`), `the workload's verdict in the headline:\n${headline}`);
    const lines = detail!.split('\n').filter((l) => l.trim()).map(plain);
    assert.deepEqual(lines.slice(0, 2), ['| | |', '|---|---|']);
    assert.deepEqual(lines.slice(2, -1).map((l) => l.split(' | ')[0]!.replace(/^\| /, '')), ['Parameters', 'Price source', 'Architecture', 'Model id']);
    assert.match(lines.at(-1)!, /^\[More: /);
  });

  it('names the article once by its title and what it is, and says whose blend each is', () => {
    const analysis = analyzeShipped(JSON.stringify({ workloads: [{ name: 'chat', model: 'deepseek-v3', monthlyTokens: '100M' }] }));
    const text = plain(modelHover(analysis.modelReferences[0]!, analysis, shippedCatalog).value);
    assert.equal(text.split(ARTICLE_NAMED).length - 1, 1, `named once:\n${text}`);
    assert.ok(text.includes('| Card source | “Open vs Closed Models in 2026”, a 2026 blog post comparing open-weight and closed LLMs'), text);
    assert.ok(!text.includes('the article “'), `"the article" after, never its title again:\n${text}`);
    // $0.55 is the article's blend at its own mix of input and output; the lens's $0.69 is this workload's, at 50% input.
    assert.ok(text.includes("| The article's blend | $0.55 / 1M at its input share, about 66% input |"), text);
    assert.ok(text.includes("| This workload's blend | $0.69 / 1M at its input share, 50% input (the lens uses this) |"), text);
    assert.ok(analysis.lenses.some((l) => l.title.includes('$68.50/mo')), 'the lens is $0.685/M × 100M');
  });

  it('a model priced from the price table alone is not said to be missing from it', () => {
    const analysis = analyzeShipped(JSON.stringify({ workloads: [{ name: 'chat', model: 'groq/llama-3.1-8b-instant', monthlyTokens: '100M' }] }));
    const text = plain(modelHover(analysis.modelReferences[0]!, analysis, shippedCatalog).value);
    assert.ok(text.includes('is a key of the price table'), text);
    assert.ok(text.includes('license unknown: the price table gives none'), text);
    assert.ok(!text.includes('not in the price table'), text);
  });

  it('an alternative’s model id gets the model’s card too, without the workload’s "More"', async () => {
    const uri = articleExampleUri();
    const { document } = await open(uri);
    const text = document.getText();
    // support-chat's self-hosted alternative: llama-3.1-70b at 25 tok/s (a warning sits on it).
    const reference = analyzeShipped(text).modelReferences.find((r) => r.modelId === 'llama-3.1-70b' && r.alternative === 0);
    assert.ok(reference, 'the alternative’s model id is a reference');
    assert.equal(reference.workload, 0);
    const hovers = await hoversAt(uri, document.positionAt(reference.offset + 2));
    const card = markdownContents(hovers).find((m) => m.value.startsWith('### '));
    assert.ok(card, hoverText(hovers));
    assert.match(plain(card.value), /Llama 3\.1 70B/);
    assert.ok(!card.value.includes('command:'), 'no link: the page explains the workload’s own figure');
  });

  it('a card fits: a headline and at most 12 lines, then "More", which opens the setups and where it fits', async () => {
    const uri = fixtureUri('does-not-fit');
    const { document } = await open(uri);
    const reference = analyze(document.getText()).modelReferences.find((r) => r.modelId === 'llama-3.1-70b' && r.alternative === undefined);
    assert.ok(reference, 'the fixture names llama-3.1-70b');
    const hovers = await hoversAt(uri, document.positionAt(reference.offset + 2));
    // The card (the schema's description of the field is a hover of its own).
    const card = markdownContents(hovers).find((m) => m.value.startsWith('### '));
    assert.ok(card, hoverText(hovers));
    const [, detail] = card.value.split('\n---\n');
    const lines = detail!.split('\n').filter((l) => l.trim());
    const more = lines.pop()!;
    assert.ok(lines.length <= 12, `${lines.length} lines before "More":\n${lines.join('\n')}`);
    assert.ok(plain(more).startsWith('[More: the setups, where it fits, how the cost is computed](command:llmCostLens.explainFigure?'), more);
    // Trusted for that one command only.
    assert.deepEqual(card.isTrusted, { enabledCommands: ['llmCostLens.explainFigure'] });
    // The link, run as VS Code runs it: the page has the rest of the card.
    const args = JSON.parse(decodeURIComponent(more.slice(more.indexOf('?') + 1, -1))) as unknown[];
    const page = await vscode.commands.executeCommand<ExplanationPage>('llmCostLens.explainFigure', ...args);
    const detailText = page.view.detail.map((d) => [d.heading, ...d.lines].join('\n')).join('\n');
    const setup = catalog.setups.find((s) => s.model === 'llama-3.1-70b')!;
    assert.ok(detailText.includes(setup.name), `the article’s setup ${setup.name}:\n${detailText}`);
    assert.ok(detailText.includes('GPUs needed per replica (500 in / 500 out tokens × 1 requests)'), detailText);
    // Sized as the workloads are: AWQ on an AMD GPU is no count, since stock vLLM does not run it there.
    assert.ok(detailText.includes('not run'), detailText);
    for (const quantization of catalog.quantizations) assert.ok(detailText.includes(quantization.name), quantization.name);
    for (const gpu of catalog.gpus) assert.ok(detailText.includes(gpu.name), gpu.name);
    assert.doesNotMatch(detailText, /0–0% quality loss/);
    assert.match(page.html, /GPUs needed per replica/);
  });

  it('shows how a figure was computed on a figure-bearing field', async () => {
    const uri = exampleUri();
    const { document } = await open(uri);
    const figure = analyzeShipped(document.getText()).figures[0];
    assert.ok(figure, 'the example has a figure-bearing field');
    const hovers = await hoversAt(uri, document.positionAt(figure.offset + 1));
    const text = plain(hoverText(hovers));
    for (const line of explanationLines(figure.explanation)) assert.ok(text.includes(line), `${line}\nin\n${text}`);
  });

  it('renders untrusted Markdown without HTML; only the "More" command may run', async () => {
    const uri = exampleUri();
    const { document } = await open(uri);
    const reference = analyzeShipped(document.getText()).modelReferences[0]!;
    const contents = markdownContents(await hoversAt(uri, document.positionAt(reference.offset + 1)));
    assert.ok(contents.length > 0);
    for (const markdown of contents) {
      // Trusted for one command at most: the card's "More" link.
      assert.ok(!markdown.isTrusted || JSON.stringify(markdown.isTrusted) === JSON.stringify({ enabledCommands: ['llmCostLens.explainFigure'] }), JSON.stringify(markdown.isTrusted));
      assert.ok(!markdown.supportHtml, 'no HTML');
    }
  });
});
