import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze } from '../../src/engine';
import { escapeMarkdown } from '../../src/extension/markdown';
import { activateExtension, closeAll, fixtureUri, markdownContents, open, ourDiagnostics } from './helpers';

const hoversAt = (uri: vscode.Uri, position: vscode.Position) =>
  vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);

/** What must never reach the Markdown renderer as syntax. */
function assertInert(markdown: vscode.MarkdownString): void {
  assert.ok(!markdown.isTrusted, 'not trusted');
  assert.ok(!markdown.supportHtml, 'no HTML');
  const value = markdown.value;
  assert.ok(!/\]\(command:/.test(value), `no command link survives: ${value.slice(0, 400)}`);
  assert.ok(!/<img|<script|<b>/i.test(value), `no HTML tag survives: ${value.slice(0, 400)}`);
  assert.ok(!/(^|[^\\])\[(x|y|click)\]/.test(value), 'every link bracket is escaped');
}

describe('a hostile config', () => {
  before(activateExtension);
  afterEach(closeAll);

  it('escapes Markdown, HTML and command links, and cuts very long text', () => {
    const escaped = escapeMarkdown('[x](command:workbench.action.closeWindow) <img src=x onerror=alert(1)> **b** `c`');
    assert.equal(
      escaped,
      '\\[x\\]\\(command\\:workbench\\.action\\.closeWindow\\) &lt;img src\\=x onerror\\=alert\\(1\\)&gt; \\*\\*b\\*\\* \\`c\\`',
    );
    assert.ok(escapeMarkdown('A'.repeat(5000)).length < 200);
    assert.equal(escapeMarkdown('line\nbreak'), 'line break');
  });

  it('renders the names inert in hovers on figures and models', async () => {
    const uri = fixtureUri('hostile');
    const { document } = await open(uri);
    const analysis = analyze(document.getText());
    const figures = analysis.figures;
    assert.ok(figures.length > 0, 'the hostile workloads still have figures');
    const shown: string[] = [];
    for (const figure of figures) {
      const contents = markdownContents(await hoversAt(uri, document.positionAt(figure.offset + 1)));
      assert.ok(contents.length > 0, `a hover on ${figure.field}`);
      contents.forEach(assertInert);
      for (const markdown of contents) {
        assert.ok(markdown.value.length < 20_000, 'long names are cut');
        shown.push(markdown.value);
      }
    }
    // The workload's name is in the figure's title, as escaped text.
    assert.ok(
      shown.some((value) => value.includes('\\[x\\]\\(command\\:workbench\\.action\\.closeWindow\\) &lt;img')),
      shown.join('\n---\n').slice(0, 1000),
    );
    for (const reference of analysis.modelReferences) {
      const contents = markdownContents(await hoversAt(uri, document.positionAt(reference.offset + 1)));
      assert.ok(contents.length > 0, `a hover on ${reference.modelId}`);
      contents.forEach(assertInert);
    }
  });

  it('shows lens titles and diagnostics as plain text', async () => {
    const uri = fixtureUri('hostile');
    await open(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10_000);
    assert.ok(lenses.length > 0);
    const diagnostics = await ourDiagnostics(uri);
    assert.ok(diagnostics.length > 0, 'the unknown hostile model is reported');
  });

  it('a thousand hostile workloads are analyzed like benign ones (timing: npm run bench)', async () => {
    const workload = (i: number, hostile: boolean) => ({
      name: hostile ? `[w${i}](command:workbench.action.closeWindow) <img src=x onerror=alert(${i})> ${'x'.repeat(500)}` : `w${i}`,
      model: i % 2 ? 'gpt-4o' : hostile ? `<img src=${i}>${'m'.repeat(300)}` : `unknown-model-${i}`,
      monthlyTokens: `${i + 1}M`,
      deployment: i % 3 ? 'api' : { selfHosted: { gpu: 'a100-80gb', quantization: 'int4' } },
    });
    const config = (hostile: boolean) => JSON.stringify({ workloads: Array.from({ length: 1000 }, (_, i) => workload(i, hostile)) }, null, 2);
    const hostile = analyze(config(true));
    const benign = analyze(config(false));
    // The same work: every workload evaluated, the same findings and lenses, names kept as data.
    assert.equal(hostile.workloads.length, 1000);
    assert.deepEqual(hostile.findings.map((f) => f.code), benign.findings.map((f) => f.code));
    assert.deepEqual(hostile.lenses.map((l) => l.kind), benign.lenses.map((l) => l.kind));
    assert.ok(hostile.workloads[0]!.name.startsWith('[w0](command:'));
  });
});
