/**
 * Declaring a name the catalog does not know: the quick fix adds `{ "id": … }` to `models`
 * and no price, so the workload stays unpriced (never $0) until the user types one.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createScanner, parse, SyntaxKind } from 'jsonc-parser';
import { analyze, totalText, type Analysis, type Fix } from '../../src/engine';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { addedErrors, textAfter } from '../../src/engine/analysis/fixes';

const LF = { tabSize: 2, insertSpaces: true, eol: '\n' };
const CRLF = { ...LF, eol: '\r\n' };
const data = (file: string) => readFileSync(path.resolve(__dirname, '../../../src/engine/catalog/data', file), 'utf8');
const shipped = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') }).catalog;
const covered = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);

function comments(text: string): string[] {
  const scanner = createScanner(text, false);
  const found: string[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) found.push(scanner.getTokenValue());
  }
  return found;
}

function declareFix(a: Analysis): Fix | undefined {
  return a.findings.find((f) => f.code === 'unknown-model')?.fixes?.find((f) => f.title.startsWith('Declare'));
}

/** The fix applied as the extension applies it, checked to keep every comment in order. */
function declared(text: string, format = LF): string {
  const fix = declareFix(analyze(text));
  assert.ok(fix, 'a declare fix');
  assert.equal(fix.title, 'Declare "acme-x" in "models" (its prices to fill in)');
  const after = textAfter(text, fix.edits, format);
  assert.ok(after !== undefined);
  assert.deepEqual(comments(after), comments(text), 'every comment, in order');
  return after;
}

const WORKLOAD = '{ "name": "w", "model": "acme-x", "monthlyTokens": "10M" }';

describe('declaring an unknown model: the edit keeps every comment', () => {
  it('no models list yet: one is added before the workloads, comments around it stay', () => {
    const text = `// head\n{\n  // about the workloads\n  "workloads": [\n    ${WORKLOAD} // the only one\n  ] // after workloads\n  // before the brace\n} // tail\n`;
    assert.equal(
      declared(text),
      `// head\n{\n  "models": [\n    {\n      "id": "acme-x"\n    }\n  ],\n  // about the workloads\n  "workloads": [\n    ${WORKLOAD} // the only one\n  ] // after workloads\n  // before the brace\n} // tail\n`,
    );
  });

  it('a comment on the opening brace\'s line ends up on the inserted member\'s last line, kept', () => {
    const text = `{ // the project's models\n  "workloads": [ ${WORKLOAD} ]\n}`;
    assert.equal(declared(text), `{\n  "models": [\n    {\n      "id": "acme-x"\n    }\n  ], // the project's models\n  "workloads": [ ${WORKLOAD} ]\n}`);
  });

  it('a models list with entries and comments: the new entry goes first, each comment stays by its entry', () => {
    const text = `{\n  "models": [\n    // ours\n    { "id": "a", "inputPerMillionUsd": 1 }, // after a\n    // before the bracket\n  ],\n  "workloads": [ ${WORKLOAD} ]\n}`;
    assert.equal(
      declared(text),
      `{\n  "models": [\n    {\n      "id": "acme-x"\n    },\n    // ours\n    { "id": "a", "inputPerMillionUsd": 1 }, // after a\n    // before the bracket\n  ],\n  "workloads": [ ${WORKLOAD} ]\n}`,
    );
  });

  it('an empty models list with a block comment in it, and a CRLF file', () => {
    const empty = `{\n  "models": [ /* none yet */ ],\n  "workloads": [ ${WORKLOAD} ]\n}`;
    assert.equal(declared(empty), `{\n  "models": [\n    {\n      "id": "acme-x"\n    } /* none yet */\n  ],\n  "workloads": [ ${WORKLOAD} ]\n}`);
    const crlf = `{\r\n  // c\r\n  "workloads": [ ${WORKLOAD} ]\r\n}`;
    assert.equal(declared(crlf, CRLF), `{\r\n  "models": [\r\n    {\r\n      "id": "acme-x"\r\n    }\r\n  ],\r\n  // c\r\n  "workloads": [ ${WORKLOAD} ]\r\n}`);
  });

  it('a name with quotes and a bidi control is written as a JSON string and declared as written', () => {
    const name = 'acme "x"\u202e';
    const text = JSON.stringify({ workloads: [{ name: 'w', model: name, monthlyTokens: '10M' }] }, null, 2);
    const fix = declareFix(analyze(text))!;
    const after = textAfter(text, fix.edits, LF)!;
    assert.deepEqual((parse(after) as { models: unknown }).models, [{ id: name }]);
    assert.ok(!analyze(after).findings.some((f) => f.code === 'unknown-model' || f.severity === 'error'));
  });
});

describe('declaring an unknown model: unpriced until its prices are typed', () => {
  // gpt-4o-mini beside it: $0.15 in, $0.60 out per million (the bundled price table, from
  // LiteLLM's model_prices_and_context_window.json), blended at 0.5 → $0.375/M × 10M = $3.75.
  const text = `{\n  "workloads": [\n    ${WORKLOAD},\n    { "name": "mini", "model": "gpt-4o-mini", "monthlyTokens": "10M" }\n  ]\n}`;
  const before = analyze(text, { catalog: shipped });
  const after = textAfter(text, declareFix(before)!.edits, LF)!;
  const a = analyze(after, { catalog: shipped });

  it('the unknown model error goes; a warning at the new entry names the fields to fill in', () => {
    assert.deepEqual(addedErrors(before, a), []);
    assert.ok(!a.findings.some((f) => f.code === 'unknown-model'));
    const unpriced = a.findings.filter((f) => f.code === 'unpriced-model');
    assert.deepEqual(
      unpriced.map((f) => [f.severity, covered(after, f), f.message]),
      [
        [
          'warning',
          '{\n      "id": "acme-x"\n    }',
          '"acme-x" is declared without a price: fill in "inputPerMillionUsd" and "outputPerMillionUsd" (USD per million tokens), or "aliasOf" a catalog model, or "paramsB" to self-host it. Until then its workloads are unpriced.',
        ],
      ],
    );
  });

  it('the workload counts as unpriced: no figure of its own, left out of the total and said so', () => {
    assert.deepEqual(a.unpricedWorkloads, [{ index: 0, name: 'w' }]);
    assert.equal(a.workloads[0]!.monthlyCostUsd, null);
    assert.equal(a.totalMonthlyCostUsd, 3.75);
    assert.equal(totalText(a), '$3.75/mo + 1 unpriced');
    const own = a.lenses.filter((l) => l.workload === 0).map((l) => l.title);
    assert.deepEqual(own, ['no price']);
  });

  it('typed prices price it: ($2 + $8) / 2 × 10M = $50/mo, and the warning goes', () => {
    const typed = after.replace('"id": "acme-x"', '"id": "acme-x",\n      "inputPerMillionUsd": 2,\n      "outputPerMillionUsd": 8');
    const b = analyze(typed, { catalog: shipped });
    assert.equal(b.workloads[0]!.monthlyCostUsd, 50);
    assert.deepEqual(b.unpricedWorkloads, []);
    assert.equal(totalText(b), '$53.75/mo');
    assert.ok(!b.findings.some((f) => f.code === 'unpriced-model' || f.code === 'no-api-price'));
  });
});

describe('declaring an unknown model: offered only where it adds no error', () => {
  it('a self-hosted workload: a model without its size cannot be self-hosted, an error the fix would add', () => {
    const text = JSON.stringify({ workloads: [{ name: 'w', model: 'acme-x', monthlyTokens: '10M', deployment: { selfHosted: { gpu: 'h100-80gb' } } }] });
    const before = analyze(text);
    const added = addedErrors(before, analyze(textAfter(text, declareFix(before)!.edits, LF)!));
    assert.deepEqual(added.map((f) => f.code), ['not-self-hostable']);
  });

  it('an allowedModels list without the name: the declared model would be outside it', () => {
    const text = JSON.stringify({ allowedModels: ['gpt-4o'], workloads: [{ name: 'w', model: 'acme-x', monthlyTokens: '10M' }] });
    const before = analyze(text);
    const added = addedErrors(before, analyze(textAfter(text, declareFix(before)!.edits, LF)!));
    assert.deepEqual(added.map((f) => f.code), ['model-not-allowed']);
  });

  it('not for an alternative\'s model, an empty name, nor when "models" is not a list', () => {
    const alternative = JSON.stringify({ workloads: [{ name: 'w', model: 'gpt-4o', monthlyTokens: '10M', alternatives: [{ model: 'acme-x', selfHosted: { gpu: 'h100-80gb' } }] }] });
    assert.ok(analyze(alternative).findings.some((f) => f.code === 'unknown-model'));
    assert.equal(declareFix(analyze(alternative)), undefined);
    const notAList = JSON.stringify({ models: {}, workloads: [{ name: 'w', model: 'acme-x', monthlyTokens: '10M' }] });
    assert.equal(declareFix(analyze(notAList)), undefined);
    const empty = JSON.stringify({ workloads: [{ name: 'w', model: '', monthlyTokens: '10M' }] });
    assert.ok(analyze(empty).findings.some((f) => f.code === 'unknown-model'));
    assert.equal(declareFix(analyze(empty)), undefined);
  });
});
