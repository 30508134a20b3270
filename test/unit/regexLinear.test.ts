/**
 * Every regular expression in the product, run on adversarial text of 1 MB, stays within a
 * bound of a linear scan of the same text measured in the same test. A regex that
 * backtracks on a cloned repository's config freezes the extension host for every
 * extension, so the audit is mechanical: the patterns are read from the sources (and the
 * generated JSON Schema, whose patterns VS Code's JSON server runs), not listed by hand.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { toJsonSchema } from '../../src/engine/config/jsonSchema';

const root = path.resolve(__dirname, '../../..');
const SOURCE_DIRS = ['src', 'webview'];
/** Text size for the verdict. */
const BIG = 1 << 20;
/** Text sizes for the search for each pattern's worst inputs: small enough that a quadratic pattern still answers. */
const SMALL = 1 << 11;
const MEDIUM = 1 << 15;
/**
 * How many times a linear scan the 1 MB run may take. A replace that matches every other
 * character allocates for each match and lands near ×300; a backtracking pattern is
 * thousands of times slower at this size.
 */
const BOUND = 600;
/**
 * Growth of time from SMALL to MEDIUM (×16 the text): about ×16 for a linear pattern, ×256
 * for a quadratic one. A global replace with a match at every other character allocates so
 * much that the collector's pauses reach ×60 now and then: a verdict is the least of three tries.
 */
const GROWTH_BOUND = 96;
/** Worst candidates at SMALL that are tried at the larger sizes. */
const FINALISTS = 2;

interface Pattern {
  where: string;
  regex: RegExp;
}

function sourcePatterns(): Pattern[] {
  const found: Pattern[] = [];
  for (const dir of SOURCE_DIRS) {
    const base = path.join(root, dir);
    for (const file of readdirSync(base, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const text = readFileSync(path.join(base, file), 'utf8');
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        const where = `${dir}/${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const literal = node.getText();
          const slash = literal.lastIndexOf('/');
          found.push({ where, regex: new RegExp(literal.slice(1, slash), literal.slice(slash + 1)) });
        }
        // A pattern built at run time cannot be audited here: keep them out of the product.
        if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') found.push({ where, regex: /(?:)/ });
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return found;
}

function schemaPatterns(): Pattern[] {
  const found: Pattern[] = [];
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') found.push({ where: `JSON Schema ${at}`, regex: new RegExp(value, 'u') });
      else walk(value, `${at}/${key}`);
    }
  };
  walk(toJsonSchema(), '#');
  return found;
}

/**
 * Candidate texts for one pattern: runs of each character the pattern names or that configs
 * are made of, alone, after a lead that starts a match, and before a character that makes it
 * fail at the end — the shapes that make a backtracking engine retry.
 */
function adversarialTexts(regex: RegExp): ((size: number) => string)[] {
  const named = new Set(regex.source.replace(/\\[dDsSwWbB]/g, '').replace(/\\(.)/g, '$1'));
  const chars = [...new Set([...named, ' ', '\t', '\u00a0', '0', '9', 'a', 'Z', '.', ',', '(', ')', '$', '-', '\n', '"', '\\'])];
  const leads = ['', '1', ' ', ...[...named].slice(0, 3)];
  const tails = ['', '\u0001', 'x'];
  const texts: ((size: number) => string)[] = [];
  for (const c of chars) for (const lead of leads) for (const tail of tails) texts.push((size) => lead + c.repeat(size) + tail);
  // Two characters in turn: a pattern like (a|ab)* needs both.
  for (const a of chars.slice(0, 12)) for (const b of chars.slice(0, 12)) if (a !== b) texts.push((size) => (a + b).repeat(size >> 1) + '\u0001');
  // Concatenation makes a rope, which the first regex or scan copies flat: copy it now, so
  // that no timing below pays for it.
  return texts.map((make) => (size: number) => JSON.parse(JSON.stringify(make(size))) as string);
}

function run(regex: RegExp, text: string): void {
  // replace visits every match of a global pattern and every start of a failing one.
  text.replace(new RegExp(regex.source, regex.flags), '');
}

/** A linear scan: one read of every character. */
function scan(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

/** Nanoseconds one call takes: the fastest of three rounds (noise only ever adds time), each of at least 1 ms of calls. */
function timed(body: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    let calls = 0;
    let elapsed = 0;
    do {
      body();
      calls++;
      elapsed = Number(process.hrtime.bigint() - start);
    } while (elapsed < 1e6);
    best = Math.min(best, elapsed / calls);
    // A call of more than 10 ms has said enough in one round.
    if (elapsed > 1e7) break;
  }
  return best;
}

/** One call, timed once: enough to rank candidates, not to judge them. */
function timedOnce(body: () => unknown): number {
  const start = process.hrtime.bigint();
  body();
  return Number(process.hrtime.bigint() - start);
}

describe('regular expressions on hostile text', function () {
  this.timeout(60_000);
  const patterns = [...sourcePatterns(), ...schemaPatterns()];

  it('finds the patterns it audits (the volume pattern among them)', () => {
    assert.ok(patterns.length >= 20, `only ${patterns.length} patterns found`);
    assert.ok(patterns.some((p) => p.where.startsWith('JSON Schema') && p.regex.source.includes('kKmMbB')));
    assert.deepEqual(patterns.filter((p) => p.regex.source === '(?:)').map((p) => p.where), [], 'patterns built at run time');
  });

  it('the volume pattern of earlier versions is caught by this audit', () => {
    const old = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([kKmMbB])?\s*$/;
    assert.ok(verdict(old).growth > GROWTH_BOUND);
  });

  it(`each grows linearly and runs in under ${BOUND}× a linear scan on 1 MB of its worst text`, () => {
    const report: string[] = [];
    const slow: string[] = [];
    for (const p of patterns) {
      // A pause of the collector or another process can make one linear pattern look slow
      // once; a backtracking one is slow every time. The best of three tries is the verdict.
      let v = verdict(p.regex);
      for (let retry = 0; retry < 2 && (v.growth > GROWTH_BOUND || v.ratio > BOUND); retry++) {
        const again = verdict(p.regex);
        if (again.growth <= v.growth && again.ratio <= v.ratio) v = again;
        else if (again.growth <= GROWTH_BOUND && again.ratio <= BOUND) v = again;
      }
      const on = JSON.stringify(v.text.slice(0, 12));
      if (v.growth > GROWTH_BOUND) slow.push(`${p.where} /${p.regex.source}/: time ×${v.growth.toFixed(0)} for text ×16 on ${on}…`);
      else if (v.ratio > BOUND) slow.push(`${p.where} /${p.regex.source}/: ×${v.ratio.toFixed(0)} a scan on 1 MB of ${on}…`);
      if (Number.isFinite(v.ratio)) report.push(`${`×${v.ratio.toFixed(1)}`.padStart(8)} a scan, growth ×${v.growth.toFixed(1).padEnd(5)} ${p.where}`);
    }
    console.log(`      ${patterns.length} patterns on their worst text (1 MB ÷ a linear scan; time growth for text ×16):\n${report.map((r) => `        ${r}`).join('\n')}`);
    assert.deepEqual(slow, []);
  });
});

/**
 * The pattern on its worst candidate texts: the growth of its time from SMALL to MEDIUM and,
 * when that is linear, its time on 1 MB against a scan of the same text.
 */
function verdict(regex: RegExp) {
  const ranked = adversarialTexts(regex)
    .map((make) => {
      const text = make(SMALL);
      return { make, text, time: timedOnce(() => run(regex, text)) };
    })
    .sort((a, b) => b.time - a.time)
    .slice(0, FINALISTS);
  let worst = { growth: 0, ratio: 0, text: '' };
  for (const { make, text } of ranked) {
    const medium = make(MEDIUM);
    // Once first: a quadratic pattern at MEDIUM already takes a second.
    const once = timedOnce(() => run(regex, medium));
    const small = timed(() => run(regex, text));
    if (once / small > GROWTH_BOUND * 2) return { growth: once / small, ratio: Infinity, text };
    let mediumTime = timed(() => run(regex, medium));
    for (let retry = 0; retry < 2 && mediumTime / small > GROWTH_BOUND; retry++) mediumTime = Math.min(mediumTime, timed(() => run(regex, medium)));
    // A pattern that answers within a few tens of reads of the text has no growth worth
    // measuring (an anchored one answers at once, and its times are noise); a quadratic one
    // takes thousands of reads here.
    const growth = mediumTime < 20 * timed(() => scan(medium)) ? 1 : mediumTime / small;
    if (growth > GROWTH_BOUND) return { growth, ratio: Infinity, text };
    const big = make(BIG);
    const ratio = timed(() => run(regex, big)) / timed(() => scan(big));
    if (ratio > worst.ratio) worst = { growth: Math.max(growth, worst.growth), ratio, text };
  }
  return worst;
}
