/**
 * Text that is not strict JSON (comments, trailing commas, half-typed text): its value, its
 * offset index and its syntax errors, read in one pass over jsonc-parser's scanner.
 *
 * Why not jsonc-parser's parseTree: it recurses once per level of nesting, and so did the
 * reading of its tree, so a cloned file nested some thousands deep with one comment in it
 * overflowed the stack and lost every finding of the file. This reader keeps its open
 * containers on a stack of its own, and recovers from errors exactly as jsonc-parser does
 * (same errors at the same offsets, same values and ranges; a property test holds it to
 * parseTree), so that the editor's JSON support and the findings agree.
 */
import { createScanner, ParseErrorCode, SyntaxKind, ScanError, type ParseError } from 'jsonc-parser';
import { ConfigTree, NODE_KIND, TreeBuilder } from './tree';

export interface JsoncResult {
  value: unknown;
  tree: ConfigTree;
  errors: ParseError[];
}

interface Open {
  value: Record<string, unknown> | unknown[];
  isObject: boolean;
  needsComma: boolean;
  /** The member name whose value is being read, in an object. */
  key: string | undefined;
}

const SCAN_ERRORS: Partial<Record<ScanError, ParseErrorCode>> = {
  [ScanError.InvalidUnicode]: ParseErrorCode.InvalidUnicode,
  [ScanError.InvalidEscapeCharacter]: ParseErrorCode.InvalidEscapeCharacter,
  [ScanError.UnexpectedEndOfNumber]: ParseErrorCode.UnexpectedEndOfNumber,
  [ScanError.UnexpectedEndOfComment]: ParseErrorCode.UnexpectedEndOfComment,
  [ScanError.UnexpectedEndOfString]: ParseErrorCode.UnexpectedEndOfString,
  [ScanError.InvalidCharacter]: ParseErrorCode.InvalidCharacter,
};

export function readJsonc(text: string): JsoncResult {
  const scanner = createScanner(text, false);
  const errors: ParseError[] = [];
  const tree = new TreeBuilder(text.length);
  const stack: Open[] = [];
  let root: unknown;

  const error = (code: ParseErrorCode, skipUntilAfter: SyntaxKind[] = [], skipUntil: SyntaxKind[] = []) => {
    errors.push({ error: code, offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
    if (skipUntilAfter.length + skipUntil.length === 0) return;
    for (let token = scanner.getToken(); token !== SyntaxKind.EOF; token = next()) {
      if (skipUntilAfter.includes(token)) {
        next();
        break;
      }
      if (skipUntil.includes(token)) break;
    }
  };

  /** The next token that is not trivia, reporting scan errors on the way. */
  const next = (): SyntaxKind => {
    for (;;) {
      const token = scanner.scan();
      const scanError = SCAN_ERRORS[scanner.getTokenError()];
      if (scanError !== undefined) error(scanError);
      if (token === SyntaxKind.Unknown) error(ParseErrorCode.InvalidSymbol);
      else if (token !== SyntaxKind.LineCommentTrivia && token !== SyntaxKind.BlockCommentTrivia && token !== SyntaxKind.Trivia && token !== SyntaxKind.LineBreakTrivia) return token;
    }
  };

  /** A value read: into its object member, its array, or the root. */
  const place = (value: unknown) => {
    const parent = stack[stack.length - 1];
    if (!parent) root = value;
    else if (!parent.isObject) (parent.value as unknown[]).push(value);
    else if (parent.key === '__proto__') {
      // Data like any other key, as JSON.parse keeps it (an assignment would set the prototype).
      Object.defineProperty(parent.value, '__proto__', { value, enumerable: true, writable: true, configurable: true });
    } else (parent.value as Record<string, unknown>)[parent.key!] = value;
  };

  /**
   * Reads the value at the current token. A container is opened and left on the stack, to
   * be read by the loop below; anything else is read whole. False when no value starts here.
   */
  const readValue = (): boolean => {
    const token = scanner.getToken();
    const offset = scanner.getTokenOffset();
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      const isObject = token === SyntaxKind.OpenBraceToken;
      const value = isObject ? {} : [];
      place(value);
      tree.open(isObject ? NODE_KIND.object : NODE_KIND.array, offset);
      stack.push({ value, isObject, needsComma: false, key: undefined });
      next();
      return true;
    }
    let value: unknown;
    if (token === SyntaxKind.StringLiteral) value = scanner.getTokenValue();
    else if (token === SyntaxKind.NumericLiteral) {
      value = Number(scanner.getTokenValue());
      if (Number.isNaN(value)) {
        error(ParseErrorCode.InvalidNumberFormat);
        value = 0;
      }
    } else if (token === SyntaxKind.NullKeyword) value = null;
    else if (token === SyntaxKind.TrueKeyword) value = true;
    else if (token === SyntaxKind.FalseKeyword) value = false;
    else return false;
    place(value);
    tree.leaf(typeof value === 'string' ? NODE_KIND.string : typeof value === 'number' ? NODE_KIND.number : typeof value === 'boolean' ? NODE_KIND.boolean : NODE_KIND.null, offset, scanner.getTokenLength());
    next();
    return true;
  };

  /** After a member's or an item's value (or its absence): what jsonc-parser does on return. */
  const valueRead = (open: Open, read: boolean) => {
    if (!read) error(ParseErrorCode.ValueExpected, [], [open.isObject ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken, SyntaxKind.CommaToken]);
    open.key = undefined;
    open.needsComma = true;
  };

  next();
  if (scanner.getToken() === SyntaxKind.EOF) error(ParseErrorCode.ValueExpected);
  else if (!readValue()) error(ParseErrorCode.ValueExpected);
  else {
    while (stack.length) {
      const open = stack[stack.length - 1]!;
      const close = open.isObject ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken;
      let token = scanner.getToken();
      if (token !== close && token !== SyntaxKind.EOF) {
        if (token === SyntaxKind.CommaToken) {
          if (!open.needsComma) error(ParseErrorCode.ValueExpected);
          token = next();
          // A trailing comma: the container closes below.
          if (token === close) {
            closeContainer(open, close);
            continue;
          }
        } else if (open.needsComma) error(ParseErrorCode.CommaExpected);
        if (!open.isObject) {
          const depth = stack.length;
          const read = readValue();
          if (stack.length === depth) valueRead(open, read);
          continue;
        }
        if (scanner.getToken() !== SyntaxKind.StringLiteral) {
          error(ParseErrorCode.PropertyNameExpected, [], [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken]);
          // parseProperty failed, and parseObject reports the missing value too.
          error(ParseErrorCode.ValueExpected, [], [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken]);
          open.needsComma = true;
          continue;
        }
        const key = scanner.getTokenValue();
        const keyOffset = scanner.getTokenOffset();
        const keyLength = scanner.getTokenLength();
        if (next() !== SyntaxKind.ColonToken) {
          // A name without a value is no member, in the index or the value.
          error(ParseErrorCode.ColonExpected, [], [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken]);
          open.needsComma = true;
          continue;
        }
        open.key = key;
        tree.member(key, keyOffset, keyLength);
        next();
        const depth = stack.length;
        const read = readValue();
        if (stack.length === depth) valueRead(open, read);
        continue;
      }
      closeContainer(open, close);
    }
    if (scanner.getToken() !== SyntaxKind.EOF) error(ParseErrorCode.EndOfFileExpected);
  }
  return { value: root, tree: ConfigTree.build(tree), errors };

  /** Ends the innermost container at the current token, and returns to its parent's member or item. */
  function closeContainer(open: Open, close: SyntaxKind): void {
    tree.close(scanner.getTokenOffset() + scanner.getTokenLength());
    stack.pop();
    if (scanner.getToken() !== close) error(open.isObject ? ParseErrorCode.CloseBraceExpected : ParseErrorCode.CloseBracketExpected, [close], []);
    else next();
    const parent = stack[stack.length - 1];
    if (parent) valueRead(parent, true);
  }
}
