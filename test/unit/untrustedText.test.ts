// Names from a config on their way to the screen and into the exports: bidi controls,
// VS Code's `$(icon)` syntax, Markdown read by a real renderer, spreadsheet formulas.
import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../src/extension/markdown';
import { EMPTY_INPUTS } from '../../src/protocol';
import { escapeIcons, labelText, markdownText as mdText, neutralizeBidi } from '../../src/untrustedText';
import { buildCsv, buildMarkdown, csvField } from '../../webview/report';

// markdown-it is what VS Code's Markdown preview renders with (with linkify on); it comes
// with @vscode/vsce and ships no types, so the little used here is typed here.
interface Token {
  type: string;
  content: string;
  children: Token[] | null;
}
interface MarkdownIt {
  render(source: string): string;
  core: { ruler: { before(name: string, rule: string, fn: (state: { tokens: Token[] }) => void): void } };
}
const markdownIt = require('markdown-it') as (preset?: string, options?: Record<string, unknown>) => MarkdownIt;
/** GFM-like: tables, strikethrough, linkify (which links more than GFM does), raw HTML allowed as GitHub allows some. */
const gfm = markdownIt('default', { html: true, linkify: true });
/** Strict CommonMark, raw HTML allowed. */
const commonmark = markdownIt('commonmark', { html: true });
/**
 * The same, but looking for links in the text once its escapes are read, as some renderers
 * do (markdown-it before 13 did): `www\.evil\.com` is linked. Only code spans stop it.
 */
const linksAfterEscapes = markdownIt('default', { html: true, linkify: true });
linksAfterEscapes.core.ruler.before('linkify', 'join_escapes', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const joined: Token[] = [];
    for (const token of block.children) {
      if (token.type === 'text_special') token.type = 'text';
      const last = joined[joined.length - 1];
      if (token.type === 'text' && last?.type === 'text') last.content += token.content;
      else joined.push(token);
    }
    block.children = joined;
  }
});

const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const BIDI_RE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** What a spreadsheet could run: a formula character after blanks, or a tab or CR first. */
const FORMULA = /^[\s\u200b]*[=+\-@]|^[\t\r]/u;

/** Names built to become a link, an image, HTML, a code span, emphasis or a table breakout. */
const HOSTILE_NAMES = [
  '![x](https://evil.example/p.png)',
  '[click](https://phish.example)',
  'see https://phish.example/login or www.evil.example, or mail boss@evil.example',
  'bare evil.com and //evil.example and mailto:boss@evil.example',
  '<https://auto.example> <img src=x onerror=alert(1)> <a href="https://x.example">x</a>',
  '[ref]: https://evil.example "t" and [ref]',
  'pipe | breaks | the | table',
  '``` fence `code` ``x`` `',
  '`https://evil.example`',
  'https://evil.example/`a`b``c``` x:```y',
  '**bold** _em_ ~~strike~~ $x^2$ \\[not\\] &amp; &#x3c;b&#x3e;',
  'line\nbreak\r\nand # not a heading',
  'bidi \u202egpj.exe and \u2067isolate\u2069',
];

/** What VS Code shows for a label (renderLabelWithIcons): the text, and how many icons it drew. */
function renderLabel(label: string): { text: string; icons: number } {
  let icons = 0;
  const text = label.replace(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g, (_, escaped: string | undefined, name: string) => {
    if (escaped) return `$(${name})`;
    icons++;
    return '';
  });
  return { text, icons };
}

/** The text a reader sees in rendered HTML. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every element in rendered HTML is one the report's own Markdown makes. */
function assertOnlyReportElements(html: string): void {
  assert.doesNotMatch(html, /<a[\s>]/i, 'no link');
  assert.doesNotMatch(html, /<img[\s>/]/i, 'no image');
  const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase()));
  const allowed = new Set(['h1', 'h2', 'h3', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'strong']);
  assert.deepEqual([...tags].filter((t) => !allowed.has(t)), [], 'no element but the report’s own');
}

/** The expected display of a name: one line, bidi controls shown as escapes. */
const shown = (name: string) => neutralizeBidi(name.replace(/[\r\n]+/g, ' '));
/** Renderers collapse runs of spaces, and a cell's or a line's edges are trimmed. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('untrusted text: bidi controls', () => {
  it('each embedding, override, isolate and mark is shown as its \\u escape', () => {
    for (const ch of BIDI) {
      const code = ch.charCodeAt(0).toString(16).padStart(4, '0');
      assert.equal(neutralizeBidi(`a${ch}b`), `a\\u${code}b`);
    }
    assert.doesNotMatch(neutralizeBidi(BIDI.join('')), BIDI_RE);
  });

  it('leaves right-to-left letters, joiners and emoji alone', () => {
    const text = 'שלום مرحبا 👩‍💻 e\u0301';
    assert.equal(neutralizeBidi(text), text);
  });

  it('hovers show bidi controls as escapes, their backslash escaped for Markdown', () => {
    const escaped = escapeMarkdown('evil\u202egpj.exe');
    assert.doesNotMatch(escaped, BIDI_RE);
    assert.equal(escaped, 'evil\\\\u202egpj\\.exe');
    assert.equal(visibleText(commonmark.render(escaped)).trim(), 'evil\\u202egpj.exe');
  });
});

describe('untrusted text: VS Code icons in labels', () => {
  it('`$(name)` in a name is escaped so that VS Code draws no icon and shows the text', () => {
    for (const name of ['$(zap)', 'a $(zap) b $(sync~spin)', '$(zap)$(zap)', '\\$(zap)', '\\\\$(zap)', 'x$(alert)y']) {
      const rendered = renderLabel(escapeIcons(name));
      assert.equal(rendered.icons, 0, name);
      assert.equal(rendered.text, name, `${name} is shown as it is written`);
    }
  });

  it('text that is not icon syntax is left as it is', () => {
    for (const name of ['$(not an icon)', '$()', '$ (zap)', '(zap)', 'cost $5 (API)', '$(zap']) assert.equal(escapeIcons(name), name);
  });

  it('the product’s own icon still renders around an escaped name', () => {
    const label = `$(circle-slash) ${labelText('$(zap) \u202eevil')}`;
    const rendered = renderLabel(label);
    assert.equal(rendered.icons, 1, 'only the product’s icon');
    assert.equal(rendered.text, ' $(zap) \\u202eevil');
  });
});

describe('untrusted text: the Markdown export', () => {
  it('names with links, images, autolinks, HTML, pipes and backticks render as their text in a table cell', () => {
    for (const name of HOSTILE_NAMES) {
      const table = `| a | b |\n| --- | --- |\n| ${mdText(name)} | end |`;
      for (const renderer of [gfm, linksAfterEscapes]) {
        const html = renderer.render(table);
        assertOnlyReportElements(html);
        const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
        assert.equal(cells.length, 2, `one cell, not more: ${table}`);
        assert.equal(squash(visibleText(cells[0]!)), squash(shown(name)), name);
        assert.equal(visibleText(cells[1]!), 'end');
      }
    }
  });

  it('the same names render as their text in a heading, by GFM and by strict CommonMark', () => {
    for (const name of HOSTILE_NAMES) {
      for (const renderer of [gfm, commonmark, linksAfterEscapes]) {
        const html = renderer.render(`## Cost: ${mdText(name, false)} (x)\n`);
        assertOnlyReportElements(html);
        assert.match(html, /^<h2>[\s\S]*<\/h2>\n$/, 'one heading and nothing else');
        assert.equal(squash(visibleText(html)), squash(`Cost: ${shown(name)} (x)`), name);
      }
    }
  });

  it('a linkable word goes in a code span; other words are backslash-escaped', () => {
    assert.equal(mdText('[click](https://phish.example) now'), '`[click](https://phish.example)` now');
    assert.equal(mdText('support-chat'), 'support\\-chat');
    assert.equal(mdText('a`b:c'), '``a`b:c``');
    assert.equal(mdText('`x:y`'), '`` `x:y` ``');
    assert.equal(mdText('a```b:c`'), '```` a```b:c` ````');
    assert.equal(mdText('x:a|b'), '`x:a\\|b`', 'a pipe in a cell is escaped even in a code span');
    assert.equal(mdText('x:a|b', false), '`x:a|b`', 'outside a table it is not');
  });

  it('a whole report of hostile names renders no link, image or element of their own, and no row breaks out', () => {
    const config = JSON.stringify({
      requirements: [],
      allowedModels: ['gpt-4o', '[m](https://phish.example)'],
      workloads: HOSTILE_NAMES.map((name, i) => ({
        name,
        model: i % 2 ? 'gpt-4o' : `![m${i}](https://evil.example/${i}.png)`,
        monthlyTokens: `${i + 1}M`,
        deployment: 'api',
        blendedPricePerMillion: 5,
      })),
    });
    const md = buildMarkdown(config, {}, EMPTY_INPUTS);
    for (const renderer of [gfm, commonmark, linksAfterEscapes]) assertOnlyReportElements(renderer.render(md));
    const html = gfm.render(md);
    for (const table of html.split('<table>').slice(1)) {
      const headers = (table.split('</thead>')[0]!.match(/<th>/g) ?? []).length;
      for (const row of table.split('<tbody>')[1]!.split('</tbody>')[0]!.split('<tr>').slice(1)) {
        assert.equal((row.match(/<td>/g) ?? []).length, headers, row.slice(0, 200));
      }
    }
    const text = visibleText(html);
    for (const name of HOSTILE_NAMES) assert.ok(squash(text).includes(squash(shown(name))), `the heading shows ${name}`);
    assert.doesNotMatch(md, BIDI_RE);
  });
});

/** RFC 4180 records, as a spreadsheet reads the file. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',' || (ch === '\r' && text[i + 1] === '\n')) {
      record.push(field);
      field = '';
      if (ch === '\r') {
        records.push(record);
        record = [];
        i++;
      }
    } else {
      field += ch;
    }
  }
  return records;
}

describe('untrusted text: the CSV export', () => {
  it('a formula after leading blanks, NBSP or other Unicode spaces is disarmed', () => {
    for (const blank of [' ', '  ', '\u00a0', '\u2003', '\u3000', '\u200b', '\ufeff', '\u00a0 \u2009']) {
      for (const op of ['=', '+', '-', '@']) {
        const value = `${blank}${op}HYPERLINK("https://evil.example")`;
        const field = csvField(value);
        assert.equal(parseCsv(`${field}\r\n`)[0]![0], `'${value}`, JSON.stringify(value));
      }
    }
  });

  it('a leading tab or CR is disarmed whatever follows', () => {
    assert.equal(csvField('\tcmd'), "'\tcmd");
    assert.equal(csvField('\t=1+1'), "'\t=1+1");
    assert.equal(csvField('\r=1+1'), `"'\r=1+1"`);
    assert.equal(csvField('\rcmd'), `"'\rcmd"`);
  });

  it('a cell with ; (the separator where the decimal mark is a comma), a quote, a comma or a line break is quoted', () => {
    assert.equal(csvField('a;b'), '"a;b"');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('a\nb'), '"a\nb"');
    assert.equal(csvField('a\rb'), '"a\rb"');
    assert.equal(csvField('=1;2'), `"'=1;2"`);
  });

  it('text that only contains a formula character, and the figures, are written as they are', () => {
    assert.equal(csvField('a=b'), 'a=b');
    assert.equal(csvField('gpt-4o'), 'gpt-4o');
    assert.equal(csvField(-5), '-5', 'a negative figure stays a number');
    assert.equal(csvField(-0.25), '-0.25');
    assert.equal(csvField(1e21), '1000000000000000000000', 'plain digits, never an exponent');
    assert.equal(csvField(true), 'true');
    assert.equal(csvField('-5'), "'-5", 'the same characters as text from the config are guarded');
  });

  it('bidi controls in a cell are shown as escapes', () => {
    assert.equal(csvField('a\u202eb'), 'a\\u202eb');
    assert.equal(csvField('\u202e=1'), '\\u202e=1');
  });

  it('a report of hostile names reads back as the same columns, no text cell a formula, the figures numbers', () => {
    const names = [' =cmd|"/c calc"!A1', '\u00a0@SUM(A1)', '\t-1+1', 'a;b,c', 'x\u202ey', '+"quoted"\r\nnext'];
    const config = JSON.stringify({
      workloads: names.map((name) => ({ name, model: ` =${name}`, monthlyTokens: '10M', deployment: 'api', blendedPricePerMillion: 2 })),
    });
    const records = parseCsv(buildCsv(config, {}, EMPTY_INPUTS));
    const [header, ...rows] = records;
    assert.equal(header!.length, 18);
    assert.ok(rows.length >= names.length);
    const seen = new Set<string>();
    for (const row of rows) {
      assert.equal(row.length, header!.length, row.join(' | '));
      for (const cell of row) assert.doesNotMatch(cell, FORMULA, `a formula: ${JSON.stringify(cell)}`);
      assert.doesNotMatch(row.join(''), BIDI_RE);
      seen.add(row[0]!);
      assert.match(row[1]!, /^\d+(\.\d+)?$/, 'monthly_tokens_m is a number');
      assert.match(row[5]!, /^(\d+(\.\d+)?)?$/, 'monthly_cost_usd is a number or empty');
    }
    for (const name of names) {
      const guarded = FORMULA.test(neutralizeBidi(name)) ? `'${neutralizeBidi(name)}` : neutralizeBidi(name);
      assert.ok(seen.has(guarded), `${JSON.stringify(name)} reads back as ${JSON.stringify(guarded)}`);
    }
  });
});
