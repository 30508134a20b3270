import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { analyze, type AnalyzeOptions, type IncrementalState } from '../../src/engine';
import { changedRegion } from '../../src/engine/analysis/incremental';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { syntheticConfig } from '../bench/syntheticConfig';
import { parseConfigDocument } from '../../src/engine/config/document';
import { configSchema } from '../../src/engine/config/schema';
import { schemaFindings, validateConfig, type SchemaIssueCache } from '../../src/engine/config/validate';
import { cliCatalogFiles } from '../../src/cli/catalogFiles';

const shipped = catalogFromFiles(cliCatalogFiles()).catalog;
// The article's scenario: three workloads, assumptions and a self-hosted setup to edit.
const example = readFileSync(path.resolve(__dirname, '../../../examples/open-vs-closed-2026/llm.config.json'), 'utf8');

/** Analyses `texts` in order with one kept state, each checked against an analysis from scratch; returns how many workloads each took from the state. */
function analyseInTurn(texts: string[], options: AnalyzeOptions = { catalog: shipped }): number[] {
  const state: IncrementalState = {};
  const reused: number[] = [];
  for (const text of texts) {
    const incremental = analyze(text, options, state);
    assert.deepEqual(incremental, analyze(text, options), `after the edit to:\n${text.slice(0, 400)}`);
    reused.push(state.reused ?? 0);
  }
  return reused;
}

const replaceOnce = (text: string, from: string, to: string, nth = 0) => {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(from, at + 1);
  assert.ok(at >= 0, `${from} not in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

describe('incremental analysis: an edit re-evaluates only the workloads it touched, with the same result', () => {
  it('finds the one changed region of two texts', () => {
    assert.deepEqual(changedRegion('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
    assert.deepEqual(changedRegion('aaaa', 'aaaaa'), { start: 4, oldEnd: 4, newEnd: 5 });
    assert.deepEqual(changedRegion('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(changedRegion('xabc', 'abc'), { start: 0, oldEnd: 1, newEnd: 0 });
  });

  it('finds the same region a character-by-character comparison does, across and within its blocks of 1,024', () => {
    const byCharacter = (before: string, after: string) => {
      const shorter = Math.min(before.length, after.length);
      let start = 0;
      while (start < shorter && before[start] === after[start]) start++;
      let tail = 0;
      while (tail < shorter - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
      return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
    };
    // Texts of a few thousand characters from a small alphabet (repeats across block edges), one edit anywhere.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '{', '"', '\n', 'é'), minLength: 0, maxLength: 5000 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(3000), fc.string({ maxLength: 40 }), (before, at, removed, inserted) => {
        const from = before.length ? at % (before.length + 1) : 0;
        const after = before.slice(0, from) + inserted + before.slice(from + removed);
        assert.deepEqual(changedRegion(before, after), byCharacter(before, after));
      }),
      { numRuns: 400 },
    );
    const big = syntheticConfig(5000);
    const at = big.indexOf('"monthlyTokens": "', big.length / 2) + 18;
    const edited = `${big.slice(0, at)}X${big.slice(at)}`;
    assert.deepEqual(changedRegion(big, edited), { start: at, oldEnd: at, newEnd: at + 1 });
    assert.deepEqual(changedRegion(big, edited), byCharacter(big, edited));
  });

  it('gives what a fresh analysis gives after edits to the article’s example config', () => {
    const volume = replaceOnce(example, '"100M"', '"120M"');
    const longer = replaceOnce(volume, '"120M"', '"1200M"');
    const gpus = replaceOnce(longer, '"gpus": 1', '"gpus": 2', 1);
    const assumptions = replaceOnce(gpus, '"gpuHourlyUsd": 2.5', '"gpuHourlyUsd": 3');
    const unknownModel = replaceOnce(assumptions, '"model": "gpt-4o"', '"model": "gpt-4oo"');
    const broken = replaceOnce(unknownModel, '"monthlyTokens": 2.4e8,', '"monthlyTokens": 2.4e8');
    // The first has nothing to re-use; an edit in one of the three workloads re-uses the others;
    // an edit to the assumptions, text that does not parse, or edits on both sides of the
    // array (back to the example) re-use nothing.
    assert.deepEqual(analyseInTurn([example, volume, longer, gpus, assumptions, unknownModel, broken, unknownModel, example]), [0, 2, 2, 2, 0, 2, 0, 0, 0]);
  });

  it('gives what a fresh analysis gives after edits anywhere in a config of 60 workloads', function () {
    this.timeout(120_000);
    const base = syntheticConfig(60);
    const volumes = [...base.matchAll(/"monthlyTokens": "(\d+)M"/g)].length;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('volume' as const), nth: fc.nat(volumes - 1), to: fc.integer({ min: 1, max: 99_999 }) }),
            fc.record({ kind: fc.constant('model' as const), nth: fc.nat(60), to: fc.constantFrom('gpt-4o-mini', 'llama-3.1-8b', 'gpt-4oo', 'deepseek-v3') }),
            fc.record({ kind: fc.constant('gpu' as const), nth: fc.nat(30), to: fc.constantFrom('"h100-80gb"', '"l4"', '"a100-80gb"', '"nope"') }),
            fc.record({ kind: fc.constant('remove' as const), nth: fc.nat(59) }),
            fc.record({ kind: fc.constant('requirements' as const), to: fc.constantFrom('[]', '["data_privacy"]', '["best_math_code"]') }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (edits) => {
          const texts = [base];
          let text = base;
          for (const edit of edits) {
            if (edit.kind === 'volume') text = nthReplace(text, /"monthlyTokens": "\d+M"/g, edit.nth, `"monthlyTokens": "${edit.to}M"`);
            else if (edit.kind === 'model') text = nthReplace(text, /"model": "[^"]*"/g, edit.nth, `"model": "${edit.to}"`);
            else if (edit.kind === 'gpu') text = nthReplace(text, /"gpu": "[^"]*"/g, edit.nth, `"gpu": ${edit.to}`);
            else if (edit.kind === 'requirements') text = text.replace(/"requirements": \[[^\]]*\]/, `"requirements": ${edit.to}`);
            else text = removeWorkload(text, edit.nth);
            texts.push(text);
          }
          const reused = analyseInTurn(texts);
          // A volume, model or GPU edited in one workload re-uses all the others.
          edits.forEach((edit, k) => {
            if (edit.kind !== 'requirements' && edit.kind !== 'remove' && texts[k + 1] !== texts[k]) assert.equal(reused[k + 1], [...texts[k + 1]!.matchAll(/\n    \{\n/g)].length - 1, `edit ${k}: ${JSON.stringify(edit)}`);
          });
        },
      ),
      { numRuns: 10, seed: 22 },
    );
  });

  it('moves every offset of the workloads after an edit that changes the length, on every engine fixture', () => {
    const dir = path.resolve(__dirname, '../../../test/fixtures/engine');
    const texts = [example, ...readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(path.join(dir, f), 'utf8'))];
    let checked = 0;
    for (const text of texts) {
      const names = [...text.matchAll(/"name": "([^"]*)"/g)];
      // The first workload's name made longer, then shorter: everything after it moves both ways.
      if (names.length < 2 || analyze(text, { catalog: shipped }).workloads.length < 2) continue;
      const at = names[0]!.index! + '"name": "'.length;
      const longer = `${text.slice(0, at)}renamed-${text.slice(at)}`;
      const shorter = `${text.slice(0, at)}${text.slice(at + 1)}`;
      analyseInTurn([text, longer, shorter, text]);
      checked++;
    }
    assert.ok(checked >= 5, `${checked} fixtures edited`);
  });

  it('moves a kept finding\'s related places that lie after the edit, for a workload before it too', () => {
    // The project's requirements and allowedModels after the workloads: the first workload's
    // conflicts point past an edit to the second one.
    const text = `{
  "workloads": [
    { "name": "chat", "model": "gpt-4o", "monthlyTokens": "100M" },
    { "name": "moderation", "model": "deepseek-v3", "monthlyTokens": "10M", "deployment": "api" }
  ],
  "requirements": ["data_privacy", "context_1m"],
  "allowedModels": ["llama-3.1-70b", "gemini-1.5-pro"]
}
`;
    const first = analyze(text, { catalog: shipped });
    assert.ok(first.findings.some((f) => f.workload === 0 && f.related?.some((r) => r.offset > text.indexOf('"moderation"'))), 'a finding of the first workload points past the second');
    const longer = replaceOnce(text, '"10M"', '"1000M"');
    const shorter = replaceOnce(text, '"moderation"', '"mod"');
    assert.deepEqual(analyseInTurn([text, longer, shorter, text]), [0, 1, 1, 1]);
  });

  it('finds text offsets of a workload\'s output only where the edit moves them', () => {
    // copyOutput (incremental.ts) moves these and nothing else: an offset added anywhere else
    // in what a workload outputs must be added there too, or an edit would leave it behind.
    const moved = new Set(['result.offset', 'result.alternativeCheapest[].offset', 'finding.offset', 'finding.related[].offset', 'lens.offset', 'figure.offset', 'reference.offset']);
    const found = new Set<string>();
    const walk = (value: unknown, at: string, seen: Set<unknown>): void => {
      if (typeof value !== 'object' || value === null || seen.has(value)) return;
      seen.add(value);
      if (Array.isArray(value)) return value.forEach((item) => walk(item, `${at}[]`, seen));
      for (const [key, item] of Object.entries(value)) {
        if (key === 'offset') found.add(`${at}.offset`);
        walk(item, `${at}.${key}`, seen);
      }
    };
    const dir = path.resolve(__dirname, '../../../test/fixtures/engine');
    for (const text of [example, syntheticConfig(60), ...readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(path.join(dir, f), 'utf8'))]) {
      const a = analyze(text, { catalog: shipped });
      for (const w of a.workloads) walk(w, 'result', new Set());
      for (const f of a.findings.filter((f) => f.workload !== undefined)) walk(f, 'finding', new Set());
      for (const l of a.lenses.filter((l) => l.kind !== 'total')) walk(l, 'lens', new Set());
      for (const f of a.figures) walk(f, 'figure', new Set());
      for (const r of a.modelReferences) walk(r, 'reference', new Set());
    }
    assert.deepEqual([...found].filter((p) => !moved.has(p)), []);
    assert.ok(found.has('result.alternativeCheapest[].offset') && found.has('finding.related[].offset'), [...found].join(', '));
  });

  it('starts afresh when the settings change, and after text with syntax errors', function () {
    this.timeout(30_000);
    const state: IncrementalState = {};
    const text = syntheticConfig(30);
    analyze(text, { catalog: shipped }, state);
    const edited = nthReplace(text, /"monthlyTokens": "\d+M"/g, 7, '"monthlyTokens": "77M"');
    const withSettings: AnalyzeOptions = { catalog: shipped, assumptions: { hoursPerMonth: 500 } };
    assert.deepEqual(analyze(edited, withSettings, state), analyze(edited, withSettings));
    const broken = edited.replace('"name": "chat-1"', '"name": "chat-1" "');
    assert.deepEqual(analyze(broken, withSettings, state), analyze(broken, withSettings));
    assert.deepEqual(analyze(text, withSettings, state), analyze(text, withSettings));
  });
});

describe('the schema check, a workload at a time', () => {
  const fixtures = ['schema-error', 'hostile', 'team', 'team-privacy', 'does-not-fit', 'unknown-model'].map((d) => readFileSync(path.resolve(__dirname, '../../../test/fixtures', d, 'llm.config.json'), 'utf8'));
  const whole = (text: string) => {
    const doc = parseConfigDocument(text);
    return schemaFindings(doc, configSchema.safeParse(doc.value));
  };
  const byWorkload = (text: string, previous?: SchemaIssueCache, next?: SchemaIssueCache) => {
    const doc = parseConfigDocument(text);
    return schemaFindings(doc, validateConfig(doc, text, doc.value as Record<string, unknown>, previous, next));
  };

  it('finds what a check of the whole file finds, in the same order, on the fixtures and the example', () => {
    for (const text of [...fixtures, example, syntheticConfig(40)]) assert.deepEqual(byWorkload(text), whole(text));
  });

  it('finds the same on configs with wrong values anywhere, and from the issues it kept for unedited workloads', function () {
    this.timeout(60_000);
    const base = syntheticConfig(12);
    let found = 0;
    const wrong = ['-5', '"lots"', '{ "selfHosted": { "gpu": "l4", "gpus": 0 } }', '"api", "batch": true, "serviceTier": "flex"', 'null', '[1]'];
    fc.assert(
      fc.property(fc.array(fc.record({ nth: fc.nat(40), value: fc.constantFrom(...wrong), key: fc.constantFrom('monthlyTokens', 'deployment', 'name') }), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '"workload": [], ', '"assumptions": { "pue": 2 }, '), (edits, root) => {
        let text = base.replace('{', `{ ${root}`);
        let kept: SchemaIssueCache = new Map();
        byWorkload(text, undefined, kept);
        for (const edit of edits) {
          text = nthReplace(text, new RegExp(`"${edit.key}": ("[^"]*"|\\{[^\\n]*\\}|\\d+)`, 'g'), edit.nth, `"${edit.key}": ${edit.value}`);
          const next: SchemaIssueCache = new Map();
          const findings = whole(text);
          assert.deepEqual(byWorkload(text, kept, next), findings, text.slice(0, 300));
          found += findings.length;
          kept = next;
        }
      }),
      { numRuns: 25, seed: 7 },
    );
    assert.ok(found > 50, `the edits make schema errors to find: ${found}`);
  });
});

function nthReplace(text: string, pattern: RegExp, nth: number, to: string): string {
  const matches = [...text.matchAll(pattern)];
  const m = matches[nth % matches.length]!;
  return text.slice(0, m.index) + to + text.slice(m.index! + m[0].length);
}

/** The text without its nth workload (the synthetic config writes one object per workload, two spaces in). */
function removeWorkload(text: string, nth: number): string {
  const starts = [...text.matchAll(/\n    \{\n/g)].map((m) => m.index!);
  if (starts.length < 2) return text;
  const k = nth % (starts.length - 1);
  return text.slice(0, starts[k]) + text.slice(starts[k + 1]!);
}
