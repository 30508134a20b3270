/**
 * The parsed config text: its value as plain data, and an index of where each value sits,
 * so that each finding points at the exact place in the file.
 */
import { parse, parseTree, printParseErrorCode, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import { ConfigTree, NONE, type NodeId, type TextRange } from './tree';

export interface ConfigDocument {
  text: string;
  tree: ConfigTree;
  /** The root's value as plain data. */
  value: unknown;
  syntaxErrors: (TextRange & { message: string })[];
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false };

/**
 * The config's value as plain data, read without building the tree: `analyze` validates it
 * before the tree exists, because the garbage collector copies a live tree of a large file
 * at every collection that validation's many small objects set off. Strict JSON, the common
 * case, parses natively; comments, trailing commas and half-typed text go through jsonc-parser.
 */
export function readConfigValue(text: string): ConfigValue {
  try {
    return { value: JSON.parse(text), strictJson: true };
  } catch {
    // Not strict JSON: read below.
  }
  // jsonc-parser's parse assigns a "__proto__" key (even one spelled with escapes) as the
  // object's prototype; such text is read from jsonc-parser's tree, with every key kept as data.
  if (text.includes('__proto__') || text.includes('\\u')) return { value: valueOf(parseTree(text, [], PARSE_OPTIONS)), strictJson: false };
  return { value: parse(text, [], PARSE_OPTIONS), strictJson: false };
}

export interface ConfigValue {
  value: unknown;
  /** True when JSON.parse accepted the text: no comments, trailing commas or errors. */
  strictJson: boolean;
}

/** The index of every value's place, and the value it holds (read again unless given). */
export function parseConfigDocument(text: string, read: ConfigValue = readConfigValue(text)): ConfigDocument {
  const errors: ParseError[] = [];
  const tree = read.strictJson ? ConfigTree.parseStrictJson(text) : ConfigTree.parse(text, errors);
  return {
    text,
    tree,
    value: read.value,
    syntaxErrors: errors.map((e) => ({
      offset: Math.min(e.offset, text.length),
      // An unterminated comment at the end is reported a few characters past it.
      length: Math.max(0, Math.min(e.length, text.length - e.offset)),
      message: describeParseError(printParseErrorCode(e.error)),
    })),
  };
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'Invalid symbol',
    InvalidNumberFormat: 'Invalid number',
    PropertyNameExpected: 'Property name expected',
    ValueExpected: 'Value expected',
    ColonExpected: 'Colon expected',
    CommaExpected: 'Comma expected',
    CloseBraceExpected: 'Closing brace } expected',
    CloseBracketExpected: 'Closing bracket ] expected',
    EndOfFileExpected: 'End of file expected',
    InvalidCommentToken: 'Invalid comment',
    UnexpectedEndOfComment: 'Unterminated comment',
    UnexpectedEndOfString: 'Unterminated string',
    UnexpectedEndOfNumber: 'Unterminated number',
    InvalidUnicode: 'Invalid unicode escape',
    InvalidEscapeCharacter: 'Invalid escape character',
    InvalidCharacter: 'Invalid character',
  };
  return `JSON syntax: ${words[code] ?? code}`;
}

/**
 * A jsonc-parser node's value, made of ordinary objects and keeping "__proto__" as data.
 * (jsonc-parser's own getNodeValue makes prototype-less objects, which V8 keeps in slow
 * dictionary mode.)
 */
function valueOf(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node.type === 'array') return node.children!.map(valueOf);
  if (node.type !== 'object') return node.value;
  const object: Record<string, unknown> = {};
  for (const property of node.children!) {
    const [key, value] = property.children!;
    if (!key || !value) continue;
    // A "__proto__" key is data like any other, as JSON.parse treats it.
    if (key.value === '__proto__') Object.defineProperty(object, '__proto__', { value: valueOf(value), enumerable: true, writable: true, configurable: true });
    else object[key.value as string] = valueOf(value);
  }
  return object;
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(value: unknown, path: JSONPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * The best range for a path that may not exist (a missing property): the value itself, or
 * else the opening brace of the deepest object or array that does.
 */
export function rangeForPath(doc: ConfigDocument, path: JSONPath): TextRange {
  let id = doc.tree.root;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const next = doc.tree.child(id, path[depth]!);
    if (next === NONE) break;
    id = next;
  }
  if (id === NONE) return { offset: 0, length: Math.min(1, doc.text.length) };
  return depth === path.length ? doc.tree.range(id) : { offset: doc.tree.offset(id), length: 1 };
}

export type { ConfigTree, JSONPath, NodeId, TextRange };
export { NONE };


export interface Position {
  line: number;
  character: number;
}

/** Offset → zero-based line/character, as VS Code counts them (UTF-16 code units). */
export function positionConverter(text: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */ && text.charCodeAt(i + 1) === 10) continue;
    if (ch === 10 || ch === 13) lineStarts.push(i + 1);
  }
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - lineStarts[lo]! };
  };
}

/** Any config value as short text; safe for objects without a prototype (jsonc-parser makes those). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value);
  return json === undefined ? String(typeof value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
