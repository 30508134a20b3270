/**
 * The offset index behind every range the engine reports: the one-pass reader for strict
 * JSON must agree with the jsonc-parser reader everywhere, and both with the text itself.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { readJsonc } from '../../src/engine/config/jsonc';
import { PARSE_ERROR_WORDS, parseConfigDocument, reparseInWorkload, valueAt } from '../../src/engine/config/document';
import { changedRegion } from '../../src/engine/analysis/incremental';
import { ConfigTree, NONE, type NodeId } from '../../src/engine/config/tree';

interface Shape {
  kind: string | undefined;
  offset: number;
  length: number;
  key?: { offset: number; length: number };
  children: Shape[];
}

function shape(tree: ConfigTree, id: NodeId): Shape {
  const { offset, length } = tree.range(id);
  const key = tree.keyRange(id);
  return { kind: tree.kind(id), offset, length, ...(key ? { key } : {}), children: tree.children(id).map((c) => shape(tree, c)) };
}

/** The same shape read from jsonc-parser's own tree: the reference for the reader of JSONC. */
function jsoncShape(node: Node): Shape {
  const children: Shape[] = [];
  for (const child of node.children ?? []) {
    if (child.type !== 'property') children.push(jsoncShape(child));
    else if (child.children?.length === 2) {
      const [key, value] = child.children;
      children.push({ ...jsoncShape(value!), key: { offset: key!.offset, length: key!.length } });
    }
  }
  const { offset, length } = node;
  return { kind: node.type, offset, length, ...(node.type === 'object' || node.type === 'array' ? {} : {}), children };
}

/** JSON text as people write it: any value, any indentation, keys with escapes. */
const jsonText = fc
  .tuple(
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom(undefined, 0, 1, 2, 4, '\t'),
  )
  .map(([value, indent]) => JSON.stringify(value, null, indent));

describe('config offset index', () => {
  it('the strict-JSON reader gives every value, key and range that jsonc-parser gives', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        const errors: ParseError[] = [];
        assert.deepEqual(shape(ConfigTree.parseStrictJson(text), 0), jsoncShape(parseTree(text, errors)!));
        assert.equal(errors.length, 0);
      }),
      { numRuns: 300 },
    );
  });

  it('each range holds the text of its value, and each key range the text of its name', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        const tree = ConfigTree.parseStrictJson(text);
        const walk = (id: NodeId, value: unknown) => {
          const { offset, length } = tree.range(id);
          assert.deepEqual(JSON.parse(text.slice(offset, offset + length)), value);
          const members = tree.children(id);
          if (Array.isArray(value)) members.forEach((c, i) => walk(c, value[i]));
          else if (value && typeof value === 'object') {
            for (const c of members) {
              const key = tree.keyRange(c)!;
              const name = JSON.parse(text.slice(key.offset, key.offset + key.length)) as string;
              assert.equal(tree.child(id, name) !== NONE, true);
              // Duplicate names are impossible here (JSON.stringify), so the member is this one.
              walk(c, (value as Record<string, unknown>)[name]);
            }
          }
        };
        walk(tree.root, JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('finds members by name (the last of duplicates, as JSON.parse keeps) and items by position', () => {
    const text = '{"a": 1, "w": [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], "a": {"b\\u0041": true}}';
    for (const tree of [ConfigTree.parseStrictJson(text), readJsonc(text).tree]) {
      const a = tree.child(tree.root, 'a');
      assert.equal(text.slice(tree.range(a).offset, tree.range(a).offset + tree.range(a).length), '{"b\\u0041": true}');
      assert.equal(tree.kind(tree.at(['a', 'bA'])), 'boolean');
      const tenth = tree.at(['w', 10]);
      assert.equal(text.substr(tree.range(tenth).offset, tree.range(tenth).length), '20');
      assert.equal(tree.at(['w', 11]), NONE);
      assert.equal(tree.at(['w', 3]), tree.children(tree.child(tree.root, 'w'))[3]);
      assert.equal(tree.at(['missing', 0]), NONE);
    }
  });

  it('indexes strict JSON of any depth (one pass, no recursion)', () => {
    const depth = 50_000;
    const text = `{"workloads": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const tree = ConfigTree.parseStrictJson(text);
    let id = tree.child(tree.root, 'workloads');
    for (let i = 1; i < depth; i++) id = tree.child(id, 0);
    assert.deepEqual(tree.range(id), { offset: 14 + depth - 1, length: 2 });
  });

  it('finds the members of a large object by name, the last of duplicates still winning', () => {
    const members = Array.from({ length: 200 }, (_, i) => `"k${i}": ${i}`);
    const text = `{${members.join(', ')}, "k7": "again"}`;
    const tree = ConfigTree.parseStrictJson(text);
    for (const i of [0, 7, 150, 199]) {
      const { offset, length } = tree.range(tree.child(tree.root, `k${i}`));
      assert.equal(text.slice(offset, offset + length), i === 7 ? '"again"' : String(i));
    }
    assert.equal(tree.child(tree.root, 'k200'), NONE);
    assert.equal(tree.child(tree.root, 'constructor'), NONE);
  });

  it('reads broken and commented text as jsonc-parser does: the same values, ranges and errors', () => {
    const damage = fc.constantFrom(',', '}', ']', '{', '[', ':', '// c\n', '/* c */', '/*', '"', 'x', '1', '-', ' ', '\n', 'tru', '"a":', '\\');
    const broken = fc
      .tuple(jsonText, fc.array(fc.tuple(fc.nat(), fc.nat(3), damage), { maxLength: 4 }), fc.option(fc.nat()))
      .map(([text, edits, cut]) => {
        let t = text;
        for (const [at, remove, insert] of edits) {
          const i = at % (t.length + 1);
          t = t.slice(0, i) + insert + t.slice(i + remove);
        }
        return cut === null ? t : t.slice(0, cut % (t.length + 1));
      })
      // jsonc-parser's parse sets a "__proto__" key as the prototype; ours keeps it as data (tested below).
      .filter((t) => !t.includes('__proto__'));
    // Token soup: almost never valid, so every recovery path is taken.
    const soup = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"b"', '1', '-', 'null', '// x\n', '/*', '*/', 'x', ' ') });
    fc.assert(
      fc.property(fc.oneof(broken, soup), (text) => {
        const expected: ParseError[] = [];
        const root = parseTree(text, expected, { allowTrailingComma: true });
        const read = readJsonc(text);
        assert.deepEqual(read.errors, expected);
        assert.deepEqual(read.tree.root === NONE ? undefined : shape(read.tree, read.tree.root), root && jsoncShape(root));
        assert.deepEqual(read.value, parse(text, [], { allowTrailingComma: true }));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads text with comments nested 100,000 deep, and finds what is wrong in it', () => {
    const depth = 100_000;
    const text = `// deep\n{"workloads": ${'['.repeat(depth)}${']'.repeat(depth)}, "requirements": ["data_privacy",]`;
    const doc = parseConfigDocument(text);
    let id = doc.tree.child(doc.tree.root, 'workloads');
    for (let i = 1; i < depth; i++) id = doc.tree.child(id, 0);
    assert.deepEqual(doc.tree.range(id), { offset: 22 + depth - 1, length: 2 });
    assert.deepEqual(valueAt(doc.value, ['requirements']), ['data_privacy']);
    // The trailing comma is accepted; the missing "}" is the one error, at the end.
    assert.deepEqual(doc.syntaxErrors.map((e) => [e.message, e.offset]), [['JSON syntax: Closing brace } expected', text.length]]);
  });

  it('reads comments, trailing commas and half-typed text through jsonc-parser, with its errors', () => {
    const text = '{\n  // costs\n  "workloads": [{ "model": "gpt-4o", },],\n  "requirements": ["data_privacy"\n}';
    const doc = parseConfigDocument(text);
    assert.deepEqual(doc.value, parse(text, [], { allowTrailingComma: true }));
    const expected: ParseError[] = [];
    parseTree(text, expected, { allowTrailingComma: true });
    assert.deepEqual(doc.syntaxErrors.map((e) => e.offset), expected.map((e) => e.offset));
    assert.equal(doc.syntaxErrors[0]!.message, 'JSON syntax: Comma expected');
    const model = doc.tree.at(['workloads', 0, 'model']);
    assert.equal(text.substr(doc.tree.range(model).offset, doc.tree.range(model).length), '"gpt-4o"');
    assert.equal(valueAt(doc.value, ['requirements', 0]), 'data_privacy');
  });

  it('words each of jsonc-parser\'s syntax errors after its name', () => {
    const names = PARSE_ERROR_WORDS.map((_, i) => printParseErrorCode(i + 1));
    assert.deepEqual(names, [
      'InvalidSymbol', 'InvalidNumberFormat', 'PropertyNameExpected', 'ValueExpected', 'ColonExpected', 'CommaExpected',
      'CloseBraceExpected', 'CloseBracketExpected', 'EndOfFileExpected', 'InvalidCommentToken', 'UnexpectedEndOfComment',
      'UnexpectedEndOfString', 'UnexpectedEndOfNumber', 'InvalidUnicode', 'InvalidEscapeCharacter', 'InvalidCharacter',
    ]);
    assert.equal(printParseErrorCode(PARSE_ERROR_WORDS.length + 1), '<unknown ParseErrorCode>');
  });

  it('keeps syntax errors inside the text, even an unterminated comment at its end', () => {
    const text = '{"workloads": []}\n/*';
    const doc = parseConfigDocument(text);
    assert.equal(doc.syntaxErrors.length, 1);
    const [error] = doc.syntaxErrors;
    assert.equal(error!.offset + error!.length, text.length);
  });

  it('keeps a "__proto__" key as data on every path, strict or not', () => {
    for (const text of ['{"__proto__": {"model": "x"}, "workloads": []}', '{"__proto__": {"model": "x"}, "workloads": [],}', '{"\\u005f_proto__": {"model": "x"}, "workloads": [],}']) {
      const { value } = parseConfigDocument(text);
      assert.equal(Object.getPrototypeOf(value), Object.prototype, text);
      assert.deepEqual(Object.keys(value as object), ['__proto__', 'workloads'], text);
      assert.equal((value as { model?: string }).model, undefined, text);
    }
  });

  describe('an edit inside one workload, read again alone', () => {
    /** Every path to a value in `value`. */
    function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
      const out = [at];
      if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
      else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
      return out;
    }

    /** The reparse, where it applies, is the whole text's parse: the same value, the same index, every path at the same place. */
    function expectSameParse(before: string, after: string): boolean {
      const edited = reparseInWorkload(parseConfigDocument(before), after, changedRegion(before, after));
      let whole: unknown;
      try {
        whole = JSON.parse(after);
      } catch {
        assert.equal(edited, undefined, 'no reparse of text that is not JSON');
        return false;
      }
      if (!edited) return false;
      const fresh = parseConfigDocument(after);
      assert.deepEqual(edited.value, whole);
      assert.deepEqual(shape(edited.tree, edited.tree.root), shape(fresh.tree, fresh.tree.root));
      for (const p of paths(whole)) assert.deepEqual(edited.tree.range(edited.tree.at(p)), fresh.tree.range(fresh.tree.at(p)), JSON.stringify(p));
      return true;
    }

    const workload = fc.dictionary(fc.constantFrom('name', 'model', 'monthlyTokens', 'deployment', 'x', 'é\\"', '__proto__'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    const config = fc.record({
      assumptions: fc.jsonValue({ maxDepth: 2 }),
      workloads: fc.array(workload, { minLength: 1, maxLength: 6 }),
      after: fc.jsonValue({ maxDepth: 2 }),
    });
    const indent = fc.constantFrom(undefined, 0, 2, '\t');

    it('gives the whole text’s parse when one workload is replaced by another', () => {
      let applied = 0;
      fc.assert(
        fc.property(config, indent, fc.nat(), workload, (c, space, pick, replacement) => {
          const before = JSON.stringify(c, null, space);
          const index = pick % c.workloads.length;
          const after = JSON.stringify({ ...c, workloads: c.workloads.map((w, i) => (i === index ? replacement : w)) }, null, space);
          if (expectSameParse(before, after)) applied++;
        }),
        { numRuns: 300, seed: 25 },
      );
      // Most replacements are inside the braces (an equal workload changes nothing, and is read whole).
      assert.ok(applied > 150, `applied ${applied} times of 300`);
    });

    it('gives the whole text’s parse after edits in turn, each read from the last one’s reparse', () => {
      fc.assert(
        fc.property(config, indent, fc.array(fc.tuple(fc.nat(), workload), { minLength: 2, maxLength: 5 }), (c, space, edits) => {
          let text = JSON.stringify(c, null, space);
          let doc = parseConfigDocument(text);
          let workloads = c.workloads;
          for (const [pick, replacement] of edits) {
            const index = pick % workloads.length;
            workloads = workloads.map((w, i) => (i === index ? replacement : w));
            const after = JSON.stringify({ ...c, workloads }, null, space);
            const edited = reparseInWorkload(doc, after, changedRegion(text, after));
            doc = edited ?? parseConfigDocument(after);
            text = after;
            const fresh = parseConfigDocument(after);
            assert.deepEqual(doc.value, fresh.value);
            assert.deepEqual(shape(doc.tree, doc.tree.root), shape(fresh.tree, fresh.tree.root));
            for (const p of paths(fresh.value)) assert.deepEqual(doc.tree.range(doc.tree.at(p)), fresh.tree.range(fresh.tree.at(p)), JSON.stringify(p));
          }
        }),
        { numRuns: 150, seed: 25 },
      );
    });

    it('gives the whole text’s parse, or none, after characters typed or deleted anywhere', () => {
      let applied = 0;
      fc.assert(
        fc.property(config, indent, fc.nat(), fc.nat(8), fc.string({ unit: fc.constantFrom('1', '"', ',', '{', '}', '[', ']', ':', 'a', ' ', '\n', 'null'), maxLength: 6 }), (c, space, at, removed, inserted) => {
          const before = JSON.stringify(c, null, space);
          const start = at % (before.length + 1);
          const after = before.slice(0, start) + inserted + before.slice(Math.min(before.length, start + removed));
          if (expectSameParse(before, after)) applied++;
        }),
        { numRuns: 1000, seed: 25 },
      );
      assert.ok(applied > 20, `applied ${applied} times of 1000`);
    });

    it('reads the whole text when the edit reaches a workload’s brace, another workload or outside the array', () => {
      const before = JSON.stringify({ workloads: [{ a: 1 }, { b: 2 }], c: 3 });
      for (const after of [
        JSON.stringify({ workloads: [{ a: 1 }, { b: 2 }, { d: 4 }], c: 3 }),
        JSON.stringify({ workloads: [{ a: 10 }, { b: 20 }], c: 3 }),
        JSON.stringify({ workloads: [{ a: 1 }, { b: 2 }], c: 30 }),
        before.replace('{"a":1}', '[1]'),
      ]) assert.equal(reparseInWorkload(parseConfigDocument(before), after, changedRegion(before, after)), undefined, after);
      const after = before.replace('"b":2', '"b":22');
      assert.ok(reparseInWorkload(parseConfigDocument(before), after, changedRegion(before, after)));
    });
  });
});
