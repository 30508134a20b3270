import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze } from '../../src/engine';
import { escapeMarkdown } from '../../src/extension/markdown';
import { activateExtension, closeAll, fixtureUri, markdownContents, open, ourDiagnostics } from './helpers';

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** `$(name)` that VS Code would draw as an icon: not preceded by a backslash. */
const UNESCAPED_ICON = /(^|[^\\])\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;

const hoversAt = (uri: vscode.Uri, position: vscode.Position) =>
  vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);

/** What must never reach the Markdown renderer as syntax. */
function assertInert(markdown: vscode.MarkdownString): void {
  // Trusted for one command at most, the card's "More" link, which carries no text of the file.
  assert.ok(!markdown.isTrusted || JSON.stringify(markdown.isTrusted) === JSON.stringify({ enabledCommands: ['llmCostLens.explainFigure'] }), 'not trusted beyond "More"');
  assert.ok(!markdown.supportHtml, 'no HTML');
  const value = markdown.value;
  assert.ok(!/\]\(command:(?!llmCostLens\.explainFigure\?%5B%7B%22uri%22)/.test(value), `no command link survives: ${value.slice(0, 400)}`);
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

  it('shows bidi controls and `$(icon)` in names as text in hovers, lens titles and the Recommend picker', async function () {
    this.timeout(30_000);
    const name = 'invoice\u202egpj.exe $(zap)';
    const model = '$(zap)\u2067model';
    const dir = vscode.Uri.file(path.join(os.tmpdir(), `llm-cost-lens-hostile-${process.pid}`));
    const uri = vscode.Uri.joinPath(dir, 'llm.config.json');
    const config = { workloads: [{ name, model, monthlyTokens: '100M', deployment: 'api', blendedPricePerMillion: 5 }] };
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(config, null, 2)));
    try {
      const { document } = await open(uri);
      const analysis = analyze(document.getText());

      // The figure's hover names the workload, the model's hover the model id.
      const figure = analysis.figures.find((f) => f.field === 'blendedPricePerMillion');
      assert.ok(figure, 'the price is a figure');
      const reference = analysis.modelReferences.find((r) => r.modelId === model);
      assert.ok(reference, 'the model id is a reference');
      const hovers = [
        ...markdownContents(await hoversAt(uri, document.positionAt(figure.offset + 1))),
        ...markdownContents(await hoversAt(uri, document.positionAt(reference.offset + 1))),
      ];
      for (const markdown of hovers) {
        assertInert(markdown);
        assert.doesNotMatch(markdown.value, BIDI);
      }
      // The JSON extension's schema hovers are there too; ours are the ones that name the config's names.
      const ours = [
        hovers.find((m) => m.value.includes('invoice\\\\u202egpj\\.exe \\$\\(zap\\)')),
        hovers.find((m) => m.value.includes('\\$\\(zap\\)\\\\u2067model')),
      ];
      const shown = hovers.map((m) => m.value).join('\n---\n').slice(0, 1000);
      for (const markdown of ours) {
        assert.ok(markdown, `the workload's and the model's names, escaped: ${shown}`);
        assert.ok(!markdown.supportThemeIcons, 'no theme icons');
      }

      // The cost lens's title holds the model id.
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      const titles = lenses.map((lens) => lens.command?.title ?? '');
      assert.ok(titles.some((title) => title.includes('\\$(zap)\\u2067model')), titles.join('\n'));
      for (const title of titles) {
        assert.doesNotMatch(title, BIDI);
        assert.doesNotMatch(title, UNESCAPED_ICON, title);
      }

      // The picker lists the workload by its name; the product's own icon stays an icon.
      let workloadItems: readonly vscode.QuickPickItem[] = [];
      const prompter = {
        async pickOne(step: string, items: readonly (vscode.QuickPickItem & { choice?: unknown })[]) {
          if (step === 'model') return items.find((item) => item.choice);
          assert.equal(step, 'workload');
          workloadItems = items;
          return undefined;
        },
        async pickMany() {
          return [];
        },
        async input(step: string) {
          return step === 'volume' ? '5M' : '';
        },
      };
      const outcome = await vscode.commands.executeCommand('llmCostLens.recommendModel', { uri, prompter });
      assert.equal(outcome, undefined, 'nothing applied');
      assert.equal(workloadItems.length, 2);
      assert.equal(workloadItems[0]!.label, 'invoice\\u202egpj.exe \\$(zap)');
      assert.match(workloadItems[0]!.description ?? '', /^\\\$\(zap\)\\u2067model · /);
      assert.match(workloadItems[1]!.label, /^\$\(add\) /, 'the product’s icon is not escaped');
      for (const item of workloadItems.slice(0, 1)) {
        for (const text of [item.label, item.description ?? '', item.detail ?? '']) {
          assert.doesNotMatch(text, BIDI);
          assert.doesNotMatch(text, UNESCAPED_ICON, text);
        }
      }
      assert.equal(document.getText(), JSON.stringify(config, null, 2), 'the config is untouched');
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(dir, { recursive: true }).then(undefined, () => undefined);
    }
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
