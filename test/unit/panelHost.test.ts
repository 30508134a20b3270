// The panel's host-side pieces that need no VS Code: the config edits of "Apply to config",
// the message protocol, the HTML shell and its CSP, and the export formats.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { analyze } from '../../src/engine';
import { configEdits, minimalReplacement, volumeValue } from '../../src/extension/panel/configEdits';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../../src/extension/panel/html';
import { EMPTY_INPUTS, MAX_EXPORT_LENGTH, parsePanelState, parseWebviewMessage, type PanelState } from '../../src/protocol';
import { buildCsv, buildMarkdown, csvField, mdCell } from '../../webview/report';
import { panelAnalysis } from '../../webview/viewModel';
import { costView } from '../../webview/tabs/cost/viewModel';

const examples = path.resolve(__dirname, '../../../examples');
const fixtures = path.resolve(__dirname, '../../../test/fixtures/panel');
// The article's scenario: the panel's pinned figures are the article's.
const exampleText = readFileSync(path.join(examples, 'open-vs-closed-2026/llm.config.json'), 'utf8');
const hostileText = readFileSync(path.join(fixtures, 'hostile/llm.config.json'), 'utf8');

describe('panel: Apply to config', () => {
  it('writes the assumptions and volumes, keeps every comment, and the engine reads them back', () => {
    const { text, changed } = configEdits(exampleText, { assumptions: { gpuHourlyUsd: 1.9, utilization: 0.6 }, volumesM: { '0': 250, '1': 1000 } });
    assert.deepEqual(changed, ['gpuHourlyUsd', 'utilization', 'workloads[0].monthlyTokens', 'workloads[1].monthlyTokens']);
    for (const comment of exampleText.match(/\/\/.*$/gm)!) assert.ok(text.includes(comment), comment);
    const a = analyze(text);
    assert.equal(a.assumptions.gpuHourlyUsd, 1.9);
    assert.equal(a.assumptions.utilization, 0.6);
    assert.equal(a.workloads[0]!.monthlyTokensM, 250);
    assert.equal(a.workloads[1]!.monthlyTokensM, 1000);
    // "100M" stays a string, 2.4e8 stays a number.
    const value = parse(text) as { workloads: { monthlyTokens: unknown }[] };
    assert.equal(value.workloads[0]!.monthlyTokens, '250M');
    assert.equal(value.workloads[1]!.monthlyTokens, 1_000_000_000);
  });

  it('adds an assumptions object when the config has none', () => {
    const text = '{\n  // mine\n  "workloads": []\n}\n';
    const result = configEdits(text, { assumptions: { concurrency: 4 }, volumesM: {} });
    assert.ok(result.text.includes('// mine'));
    assert.deepEqual((parse(result.text) as { assumptions: unknown }).assumptions, { concurrency: 4 });
  });

  it('changes nothing when the config already holds the values, and rounds slider noise', () => {
    assert.deepEqual(configEdits(exampleText, { assumptions: { gpuHourlyUsd: 2.5 }, volumesM: {} }).changed, []);
    const { text } = configEdits(exampleText, { assumptions: { inputShare: 0.1 + 0.2 }, volumesM: {} });
    assert.match(text, /"inputShare": 0\.3\b/);
  });

  it('is one replacement of the smallest changed range (one undo step)', () => {
    const { text } = configEdits(exampleText, { assumptions: { gpuHourlyUsd: 3 }, volumesM: {} });
    const r = minimalReplacement(exampleText, text);
    assert.equal(exampleText.slice(0, r.offset) + r.content + exampleText.slice(r.offset + r.length), text);
    assert.ok(r.length <= 3 && r.content.length <= 3, `a small range: ${JSON.stringify(r)}`);
    assert.deepEqual(minimalReplacement('abc', 'abc'), { offset: 3, length: 0, content: '' });
  });

  it('writes volumes the way the config wrote them', () => {
    assert.equal(volumeValue(240, '100M'), '240M');
    assert.equal(volumeValue(1500, '1B'), '1500M');
    assert.equal(volumeValue(2000, '1B'), '2B');
    assert.equal(volumeValue(0.5, '1M'), '500K');
    assert.equal(volumeValue(240, 1e8), 240_000_000);
    assert.equal(volumeValue(0.1234567, undefined), 123_457);
  });
});

describe('panel: message protocol', () => {
  const state: PanelState = { v: 1, uri: 'file:///w/llm.config.json', tab: 'decision', inputs: { ...EMPTY_INPUTS, volumesM: { '0': 10 } }, benchmarkSort: { column: 'mmlu', descending: true } };

  it('accepts the messages the webview sends', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'state', state }), { type: 'state', state });
    assert.ok(parseWebviewMessage({ type: 'apply', uri: 'file:///w/llm.config.json', version: 3, assumptions: { gpuHourlyUsd: 2 }, volumesM: { '0': 5 } }));
    const token = 'AAAAAAAAAAAAAAAAAAAAAA==';
    assert.ok(parseWebviewMessage({ type: 'export', format: 'csv', target: 'clipboard', token, content: 'a,b' }));
    assert.equal(parseWebviewMessage({ type: 'export', format: 'csv', target: 'clipboard', token }), undefined, 'no content');
    assert.equal(parseWebviewMessage({ type: 'export', format: 'csv', target: 'clipboard', content: 'a,b' }), undefined, 'no token');
    assert.equal(parseWebviewMessage({ type: 'export', format: 'csv', target: 'clipboard', token: 'x', content: 'a,b' }), undefined, 'not a token the host issues');
    assert.equal(parseWebviewMessage({ type: 'export', format: 'csv', target: 'file', token, content: 'x'.repeat(MAX_EXPORT_LENGTH + 1) }), undefined, 'too long');
    assert.deepEqual(parseWebviewMessage({ type: 'exportAsked', format: 'markdown', target: 'file' }), { type: 'exportAsked', format: 'markdown', target: 'file' });
    assert.equal(parseWebviewMessage({ type: 'exportAsked', format: 'markdown', target: 'file', content: 'x' }), undefined, 'a click carries no report');
    assert.deepEqual(parseWebviewMessage({ type: 'pickConfig' }), { type: 'pickConfig' });
    assert.equal(parseWebviewMessage({ type: 'pickConfig', uri: 'file:///etc/passwd' }), undefined, 'the webview names no file');
    assert.ok(parseWebviewMessage({ type: 'reveal' }));
    assert.deepEqual(parseWebviewMessage({ type: 'createConfig' }), { type: 'createConfig' });
    assert.equal(parseWebviewMessage({ type: 'createConfig', folder: '/etc' }), undefined, 'nothing else rides along');
  });

  it('drops anything else: unknown types, extra fields, out-of-range or non-finite values', () => {
    const bad: unknown[] = [
      null,
      'ready',
      { type: 'eval', code: 'x' },
      { type: 'ready', extra: 1 },
      { type: 'export', format: 'html', target: 'file' },
      { type: 'export', format: 'csv', target: 'file', path: '/etc/passwd' },
      { type: 'apply', uri: 'x', version: 1, assumptions: { utilization: 2 }, volumesM: {} },
      { type: 'apply', uri: 'x', version: 1, assumptions: { gpuHourlyUsd: Infinity }, volumesM: {} },
      { type: 'apply', uri: 'x', version: 1, assumptions: { hoursPerMonth: 1 }, volumesM: {} },
      { type: 'apply', uri: 'x', version: 1, assumptions: {}, volumesM: { __proto__x: 1 } },
      { type: 'apply', uri: 'x', version: 1, assumptions: {}, volumesM: { '0': -1 } },
      { type: 'state', state: { ...state, tab: 'settings' } },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('restores a saved state only when it has this version’s shape', () => {
    assert.deepEqual(parsePanelState(state), state);
    assert.equal(parsePanelState(undefined), undefined);
    assert.equal(parsePanelState({ ...state, v: 0 }), undefined);
    // The webview's own copy also holds the document it drew last: the host leaves it out.
    const snapshot = { uri: state.uri, label: 'llm.config.json', text: '{}', version: 3, settings: {} };
    assert.deepEqual(parsePanelState({ ...state, snapshot }), state);
    assert.equal(parsePanelState({ ...state, snapshot, extra: 1 }), undefined);
  });
});

describe('panel: HTML shell and CSP', () => {
  const webview = {
    cspSource: 'https://file+.vscode-resource.example',
    asWebviewUri: (uri: { toString(): string }) => uri,
  };
  const dist = { path: '/ext/dist', toString: () => 'https://file+.vscode-resource.example/ext/dist' };
  const join = (base: { toString(): string }, ...parts: string[]) => ({ toString: () => [base.toString(), ...parts].join('/') });

  it('allows nothing but its own script and stylesheet, by nonce', () => {
    const html = panelHtml(webview as never, dist as never, join as never);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    assert.match(csp, /^default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-|https?:\/\/(?!file\+\.vscode-resource)|\*/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    assert.equal((html.match(/<script /g) ?? []).length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://file+.vscode-resource.example/ext/dist/webview.js">`));
    assert.ok(html.includes(`nonce="${nonce}" href="https://file+.vscode-resource.example/ext/dist/webview.css"`));
    assert.doesNotMatch(html, /style="/, 'no inline style attribute');
  });

  it('uses a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
    assert.equal(contentSecurityPolicy('S', 'N').split('; ').length, 5);
  });
});

describe('panel: export', () => {
  it('CSV: one row per option of every workload, figures equal to the view-model', () => {
    const csv = buildCsv(exampleText, {}, EMPTY_INPUTS);
    const lines = csv.trimEnd().split('\r\n');
    const a = panelAnalysis(exampleText, {}, EMPTY_INPUTS);
    const rows = a.workloads.flatMap((_, i) => costView(a, { ...EMPTY_INPUTS, workload: i })!.rows);
    assert.equal(lines.length, rows.length + 1);
    assert.match(lines[0]!, /^workload,monthly_tokens_m,option,deployment,current,monthly_cost_usd/);
    assert.equal(lines[1], `support-chat,100,GPT-4o (API),api,true,750,7.5,7.5,,,,,,,,LiteLLM model_prices_and_context_window.json,2026-07-24,${a.pricing.stale === true}`);
  });

  it('CSV fields are quoted, and never start a spreadsheet formula', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField(null), '');
    assert.equal(csvField(0.1 + 0.2), '0.3');
  });

  it('Markdown: every tab, with the inputs applied', () => {
    const md = buildMarkdown(exampleText, {}, { ...EMPTY_INPUTS, volumesM: { '0': 1000 } });
    for (const heading of ['# LLM cost comparison', '## Cost: support\\-chat', '## Decision', '## Benchmarks', '### Gap by domain', '### MMLU gap history', '## Quantization']) {
      assert.ok(md.includes(heading), heading);
    }
    assert.match(md, /\| GPT\\-4o \\\(API\\\) \(current\) \| API \| \$7,500 \|/);
  });

  it('hostile names stay text: no HTML, no table breakout, no formula', () => {
    const md = buildMarkdown(hostileText, {}, EMPTY_INPUTS);
    // A code span shows `<script>` as text: outside them no tag can start (none of these names has a backtick).
    assert.doesNotMatch(md.replace(/`[^`]*`/g, ''), /<img|<svg|<script|<\/script/i);
    assert.ok(md.includes('chat &lt;img src\\=x `onerror='));
    assert.equal(mdCell('a|b\nc<d>'), 'a\\|b c&lt;d&gt;');
    const csv = buildCsv(hostileText, {}, EMPTY_INPUTS);
    for (const line of csv.trimEnd().split('\r\n').slice(1)) assert.doesNotMatch(line, /^[=+\-@]/);
  });
});
