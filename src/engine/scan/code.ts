/**
 * String literals in source code and JSON, and the place each sits in: the key or variable
 * it is the value of, the call it is an argument of, the list it is an element of.
 *
 * One pass turns the text into tokens (identifiers, punctuation, strings with the span of
 * their content), skipping comments and reading each language's string forms: escapes,
 * Python prefixes and triple quotes, JavaScript templates and regular expressions, Go
 * backticks, Rust raw strings and lifetimes, C# verbatim, interpolated and raw strings, Java
 * text blocks. A second pass keeps a stack of the open brackets, with the call or key each
 * belongs to, and judges every string from the tokens around it. Both passes read each
 * character or token a bounded number of times: linear in the text.
 */
import { ID_KEYS, isDisplayKey, isModelContainer, isModelKey, keyOf, type Strength } from './names';
import type { Sink } from './types';

export type CodeFlavor = 'python' | 'js' | 'java' | 'csharp' | 'go' | 'rust' | 'json';

const IDENT = 1;
const STR = 2;
const PUNCT = 3;
const OTHER = 4;

const NEWLINE_BEFORE = 1;
const CLEAN = 2;

/**
 * Tokens in parallel arrays (a 1 MB file has a few hundred thousand): kind, span, the span
 * of a string's content, flags (a line break before it; a string whose content is its value,
 * no escape or interpolation) and the text of punctuation. Identifiers are read from the
 * text when needed.
 */
class Tokens {
  length = 0;
  kind: Uint8Array;
  flags: Uint8Array;
  /** Punctuation, as an index into PUNCTUATION (0 for any other token). */
  pid: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  vs: Int32Array;
  ve: Int32Array;

  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.pid = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.vs = new Int32Array(capacity);
    this.ve = new Int32Array(capacity);
  }

  add(kind: number, start: number, end: number, nl: boolean, pid = 0): number {
    if (this.length === this.kind.length) this.grow();
    const j = this.length++;
    this.kind[j] = kind;
    this.flags[j] = nl ? NEWLINE_BEFORE : 0;
    this.pid[j] = pid;
    this.start[j] = start;
    this.end[j] = end;
    this.vs[j] = start;
    this.ve[j] = end;
    return j;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const widen = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.kind = widen(this.kind, (n) => new Uint8Array(n));
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
    this.pid = widen(this.pid, (n) => new Uint8Array(n));
    this.start = widen(this.start, (n) => new Int32Array(n));
    this.end = widen(this.end, (n) => new Int32Array(n));
    this.vs = widen(this.vs, (n) => new Int32Array(n));
    this.ve = widen(this.ve, (n) => new Int32Array(n));
  }

  nl(j: number): boolean {
    return (this.flags[j]! & NEWLINE_BEFORE) !== 0;
  }

  clean(j: number): boolean {
    return (this.flags[j]! & CLEAN) !== 0;
  }

  setClean(j: number, clean: boolean): void {
    this.flags[j] = clean ? this.flags[j]! | CLEAN : this.flags[j]! & ~CLEAN;
  }

  /** Punctuation text at j, or '' for any other token (and outside the list). */
  p(j: number): string {
    return j >= 0 && j < this.length ? PUNCTUATION[this.pid[j]!]! : '';
  }

  is(j: number, kind: number): boolean {
    return j >= 0 && j < this.length && this.kind[j] === kind;
  }
}

/** The multi-character operators punctAt reads. */
const OPERATORS = ['===', '!==', '...', '=>', '==', '!=', ':=', '::', '->', '||', '&&', '??', '?.', '<=', '>=', '**', '//', '+=', '-='];
/** Punctuation by id: single ASCII characters by their code (0 is none), then the operators. */
const PUNCTUATION: readonly string[] = ['', ...Array.from({ length: 127 }, (_, c) => String.fromCharCode(c + 1)), ...OPERATORS];
const OPERATOR_IDS: ReadonlyMap<string, number> = new Map(PUNCTUATION.map((p, id) => [p, id] as const).filter(([p]) => p.length > 1));

/** The id of punctuation text: a character below 128 is its own code (punctuation is never a letter, a digit or past ASCII). */
function punctId(p: string): number {
  return p.length === 1 ? p.charCodeAt(0) & 127 : (OPERATOR_IDS.get(p) ?? 0);
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || (c >= 0x80 && c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029);
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** The punctuation token at `i`: the longest of the few multi-character operators that matter here, else one character. */
function punctAt(text: string, i: number, to: number): string {
  const c = text[i]!;
  const d = i + 1 < to ? text[i + 1]! : '';
  const e = i + 2 < to ? text[i + 2]! : '';
  switch (c) {
    case '=':
      if (d === '=') return e === '=' ? '===' : '==';
      return d === '>' ? '=>' : '=';
    case '!':
      if (d === '=') return e === '=' ? '!==' : '!=';
      return '!';
    case ':':
      return d === '=' ? ':=' : d === ':' ? '::' : ':';
    case '|':
      return d === '|' ? '||' : '|';
    case '&':
      return d === '&' ? '&&' : '&';
    case '?':
      return d === '?' ? '??' : d === '.' ? '?.' : '?';
    case '-':
      return d === '>' ? '->' : d === '=' ? '-=' : '-';
    case '+':
      return d === '=' ? '+=' : '+';
    case '.':
      return d === '.' && e === '.' ? '...' : '.';
    case '<':
      return d === '=' ? '<=' : '<';
    case '>':
      return d === '=' ? '>=' : '>';
    case '*':
      return d === '*' ? '**' : '*';
    case '/':
      return d === '/' ? '//' : '/';
    default:
      return c;
  }
}

/** Tokens after which a `/` starts a regular expression, not a division. */
const REGEX_AFTER_PUNCT = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '=>', '==', '===', '!=', '!==', '&&', '||', '??', '+=', '-=']);
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function isStringPrefix(text: string, from: number, to: number, rust: boolean): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k) | 32;
    if (rust ? c !== 114 && c !== 98 : c !== 114 && c !== 98 && c !== 117 && c !== 102) return false;
  }
  return true;
}

function tokenize(text: string, flavor: CodeFlavor, from: number, to: number): Tokens {
  const toks = new Tokens(Math.min(1 << 20, Math.max(256, (to - from) >> 2)));
  let i = from;
  let nl = false;
  // JavaScript templates whose `${` is open: the template token, and the braces opened since.
  const templates: { t: number; depth: number }[] = [];
  const add = (kind: number, start: number, end: number, punct = ''): number => {
    const j = toks.add(kind, start, end, nl, punct ? punctId(punct) : 0);
    nl = false;
    return j;
  };

  /** Reads a JavaScript template from `j` (after "`" or a closing "}"); returns where code resumes. */
  const template = (t: number, j: number): number => {
    while (j < to) {
      const c = text.charCodeAt(j);
      if (c === 92) {
        toks.setClean(t, false);
        j += 2;
      } else if (c === 96) {
        toks.ve[t] = j;
        toks.end[t] = j + 1;
        return j + 1;
      } else if (c === 36 && text.charCodeAt(j + 1) === 123) {
        toks.setClean(t, false);
        templates.push({ t, depth: 0 });
        return j + 2;
      } else j++;
    }
    toks.ve[t] = toks.end[t] = to;
    return to;
  };

  /**
   * A quoted string from `at` (its prefix, if any) whose opening quote is at `j`: `quote`
   * repeated `n` times closes it. `escapes`: a backslash escapes the next character.
   * `lines`: it may span lines. `doubled`: the quote written twice is a quote (C# verbatim).
   * Returns the token's index; the string ends at toks.end.
   */
  const quoted = (at: number, j: number, quote: number, n: number, escapes: boolean, lines: boolean, doubled: boolean): number => {
    const t = add(STR, at, at);
    let clean = true;
    toks.vs[t] = j + n;
    let k = j + n;
    while (k < to) {
      const c = text.charCodeAt(k);
      if (c === 92 && escapes) {
        clean = false;
        k += 2;
        continue;
      }
      if (c === 10 && !lines) break;
      if (c === quote) {
        if (doubled && text.charCodeAt(k + 1) === quote) {
          clean = false;
          k += 2;
          continue;
        }
        let m = 1;
        while (m < n && text.charCodeAt(k + m) === quote) m++;
        if (m === n) {
          toks.ve[t] = k;
          toks.end[t] = k + n;
          toks.setClean(t, clean);
          return t;
        }
        k += m;
        continue;
      }
      k++;
    }
    toks.ve[t] = toks.end[t] = Math.min(k, to);
    toks.setClean(t, clean);
    return t;
  };

  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      nl = true;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029) {
      i++;
      continue;
    }
    // Comments.
    if (flavor === 'python' ? c === 35 : c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
      if (flavor === 'python' || text.charCodeAt(i + 1) === 47) {
        const e = text.indexOf('\n', i);
        i = e < 0 || e > to ? to : e;
        continue;
      }
      // A block comment; Rust's nest.
      let depth = 1;
      let k = i + 2;
      while (k < to && depth > 0) {
        const d = text.charCodeAt(k);
        if (d === 10) nl = true;
        if (d === 42 && text.charCodeAt(k + 1) === 47) {
          depth--;
          k += 2;
        } else if (flavor === 'rust' && d === 47 && text.charCodeAt(k + 1) === 42) {
          depth++;
          k += 2;
        } else k++;
      }
      i = Math.min(k, to);
      continue;
    }
    // C# verbatim (@"…") and interpolated ($"…", $@"…", @$"…") strings.
    if ((c === 64 || c === 36) && flavor === 'csharp') {
      let k = i;
      let verbatim = false;
      let interpolated = false;
      while (k < i + 3 && (text.charCodeAt(k) === 64 || text.charCodeAt(k) === 36)) {
        if (text.charCodeAt(k) === 64) verbatim = true;
        else interpolated = true;
        k++;
      }
      if (text.charCodeAt(k) === 34) {
        const t = quoted(i, k, 34, 1, !verbatim, verbatim, verbatim);
        if (interpolated && text.slice(toks.vs[t], toks.ve[t]).includes('{')) toks.setClean(t, false);
        i = toks.end[t]!;
        continue;
      }
    }
    // Identifiers, and the string prefixes they can be.
    if (isIdentStart(c)) {
      let k = i + 1;
      while (k < to && isIdentPart(text.charCodeAt(k))) k++;
      const q = text.charCodeAt(k);
      if (flavor === 'python' && k - i <= 2 && (q === 34 || q === 39) && isStringPrefix(text, i, k, false)) {
        const prefix = text.slice(i, k).toLowerCase();
        const triple = text.charCodeAt(k + 1) === q && text.charCodeAt(k + 2) === q;
        const t = quoted(i, k, q, triple ? 3 : 1, true, triple, false);
        // A raw string's content is its value, backslashes and all.
        if (prefix.includes('r')) toks.setClean(t, true);
        if (prefix.includes('f') && text.slice(toks.vs[t], toks.ve[t]).includes('{')) toks.setClean(t, false);
        i = toks.end[t]!;
        continue;
      }
      if (flavor === 'rust' && k - i <= 2 && (q === 34 || q === 35) && isStringPrefix(text, i, k, true)) {
        const raw = text.charCodeAt(k - 1) === 114 || text.charCodeAt(k - 1) === 82;
        if (!raw && q === 34) {
          const t = quoted(i, k, 34, 1, true, true, false);
          i = toks.end[t]!;
          continue;
        }
        // r"…", r#"…"#: as many hashes close it as opened it.
        let hashes = 0;
        while (text.charCodeAt(k + hashes) === 35) hashes++;
        if (raw && text.charCodeAt(k + hashes) === 34) {
          const t = add(STR, i, i);
          toks.vs[t] = k + hashes + 1;
          toks.setClean(t, true);
          let m = toks.vs[t]!;
          for (;;) {
            const close = text.indexOf('"', m);
            if (close < 0 || close >= to) {
              toks.ve[t] = toks.end[t] = to;
              break;
            }
            let h = 0;
            while (h < hashes && text.charCodeAt(close + 1 + h) === 35) h++;
            if (h === hashes) {
              toks.ve[t] = close;
              toks.end[t] = close + 1 + hashes;
              break;
            }
            m = close + 1;
          }
          i = toks.end[t]!;
          continue;
        }
      }
      add(IDENT, i, k);
      i = k;
      continue;
    }
    // Numbers.
    if (c >= 48 && c <= 57) {
      let k = i + 1;
      while (k < to) {
        const d = text.charCodeAt(k);
        if (isIdentPart(d) || (d === 46 && text.charCodeAt(k + 1) >= 48 && text.charCodeAt(k + 1) <= 57)) k++;
        else break;
      }
      add(OTHER, i, k);
      i = k;
      continue;
    }
    // Strings.
    if (c === 34 || (c === 39 && (flavor === 'python' || flavor === 'js' || flavor === 'json')) || (c === 96 && (flavor === 'js' || flavor === 'go'))) {
      if (c === 96 && flavor === 'js') {
        const t = add(STR, i, i);
        toks.vs[t] = i + 1;
        toks.setClean(t, true);
        i = template(t, i + 1);
        continue;
      }
      let t: number;
      const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      if (c === 96) t = quoted(i, i, 96, 1, false, true, false); // Go raw string: no escapes, any lines.
      else if (triple && c === 34 && flavor === 'csharp') {
        // C# raw string literal: three or more quotes, closed by as many.
        let n = 3;
        while (text.charCodeAt(i + n) === 34) n++;
        t = quoted(i, i, 34, n, false, true, false);
      } else if (triple && (flavor === 'python' || flavor === 'java')) t = quoted(i, i, c, 3, true, true, false);
      else t = quoted(i, i, c, 1, true, flavor === 'rust', false);
      i = toks.end[t]!;
      continue;
    }
    // Character literals, and Rust lifetimes ('a, 'static), which are neither.
    if (c === 39) {
      if (text.charCodeAt(i + 1) === 92) {
        let k = i + 2;
        while (k < to && k < i + 14 && text.charCodeAt(k) !== 39 && text.charCodeAt(k) !== 10) k++;
        const end = text.charCodeAt(k) === 39 ? k + 1 : i + 1;
        add(OTHER, i, end);
        i = end;
        continue;
      }
      const width = (text.charCodeAt(i + 1) & 0xfc00) === 0xd800 ? 2 : 1;
      if (text.charCodeAt(i + 1 + width) === 39) {
        add(OTHER, i, i + 2 + width);
        i += 2 + width;
        continue;
      }
      add(PUNCT, i, i + 1, "'");
      i++;
      continue;
    }
    // Regular expression literals, where an expression can start.
    if (c === 47 && flavor === 'js') {
      const last = toks.length - 1;
      const allowed = last < 0 || (toks.kind[last] === PUNCT && REGEX_AFTER_PUNCT.has(toks.p(last))) || (toks.kind[last] === IDENT && REGEX_AFTER_WORD.has(text.slice(toks.start[last], toks.end[last])));
      if (allowed) {
        let k = i + 1;
        let inClass = false;
        let closed = false;
        while (k < to) {
          const d = text.charCodeAt(k);
          if (d === 10) break;
          if (d === 92) {
            k += 2;
            continue;
          }
          if (d === 91) inClass = true;
          else if (d === 93) inClass = false;
          else if (d === 47 && !inClass) {
            closed = true;
            break;
          }
          k++;
        }
        if (closed) {
          k++;
          while (k < to && isIdentPart(text.charCodeAt(k))) k++;
          add(OTHER, i, k);
          i = k;
          continue;
        }
      }
    }
    // Template expressions close with the brace that opened them.
    if (templates.length && (c === 123 || c === 125)) {
      const open = templates[templates.length - 1]!;
      if (c === 123) open.depth++;
      else if (open.depth === 0) {
        templates.pop();
        i = template(open.t, i + 1);
        continue;
      } else open.depth--;
    }
    const p = punctAt(text, i, to);
    add(PUNCT, i, i + p.length, p);
    i += p.length;
  }
  return toks;
}

interface Frame {
  /** '(', '[' or '{'. */
  open: string;
  /** The index of the opening token. */
  at: number;
  parent: Frame | undefined;
  /** A '[' that indexes (`models[0]`), not a list. */
  subscript: boolean;
  /** The index of the argument or element being read. */
  arg: number;
  /** The first argument, when it is a string literal (`os.getenv("OPENAI_MODEL", …)`). */
  firstLit: string | null;
  /** Worked out when a string in the frame needs it: the call a '(' is the argument list of, and its path. */
  call?: { callee: string | null; path: string; start: number };
  /** Likewise: levels of containers below a models container ("MODELS = [...]") still counted in it. */
  modelish?: number;
}

/** Calls whose second argument is the default of the first (`os.getenv("OPENAI_MODEL", "gpt-4o")`, `config.get("model", …)`). */
const LOOKUP_CALLS = new Set(['getenv', 'get', 'getordefault', 'getvalue', 'getproperty', 'env', 'environ', 'getstring', 'lookupenv']);

/** Calls that take a model as a plain argument: provider functions, SDK constructors, loaders. */
const SDK_CALLS = new Set([
  'openai', 'anthropic', 'google', 'mistral', 'groq', 'xai', 'deepseek', 'bedrock', 'azure', 'ollama', 'cohere', 'perplexity', 'togetherai', 'together', 'fireworks', 'vertex',
  'openrouter', 'cerebras', 'workersai', 'llm', 'lm', 'frompretrained', 'hfhubdownload', 'snapshotdownload', 'completion', 'acompletion', 'agent', 'generate', 'embed', 'chat', 'responses',
]);
/** Parts of a callee's name that say it deals with a model. */
const SDK_CALL_PARTS = ['chat', 'llm', 'model', 'completion', 'generat', 'embed', 'agent', 'openai', 'anthropic', 'gemini', 'claude', 'ollama', 'bedrock', 'mistral', 'groq', 'deepseek'];

/** Methods that leave a literal what it is (`"gpt-4o".to_string()`). */
const WRAPPERS = new Set(['to_string', 'to_owned', 'into', 'clone', 'trim', 'ToString', 'toString', 'strip', 'lower', 'toLowerCase']);

function isSdkCall(callee: string, path: string): boolean {
  const key = keyOf(callee);
  if (SDK_CALLS.has(key)) return true;
  if (key === 'run' && path.endsWith('ai.run')) return true;
  for (const part of SDK_CALL_PARTS) if (key.includes(part)) return true;
  return false;
}

/** Brackets deeper than this are not followed (a hostile file of a million '('): their strings are judged by their neighbours only. */
const MAX_FRAMES = 256;

/** Finds candidates in source code (or JSON) between `from` and `to`. */
export function scanCode(text: string, flavor: CodeFlavor, sink: Sink, from = 0, to = text.length): void {
  const toks = tokenize(text, flavor, from, to);
  const stack: Frame[] = [];
  // Brackets opened past MAX_FRAMES, still to close.
  let untracked = 0;
  const content = (j: number) => text.slice(toks.vs[j], toks.ve[j]);
  const word = (j: number) => text.slice(toks.start[j], toks.end[j]);
  const isIdent = (j: number) => toks.is(j, IDENT);
  const isStr = (j: number) => toks.is(j, STR);

  /** The call a '(' at `i` opens: its name, path, and the index where the call's expression starts. */
  const calleeOf = (i: number): { callee: string | null; path: string; start: number } => {
    let j = i - 1;
    if (toks.p(j) === '>') {
      // Generic arguments: `Foo<Bar>(`.
      let depth = 0;
      let k = j;
      for (let steps = 0; k >= 0 && steps < 32; k--, steps++) {
        const s = toks.p(k);
        if (s === '>') depth++;
        else if (s === '<' && --depth === 0) break;
      }
      if (depth !== 0 || k < 1) return { callee: null, path: '', start: i };
      j = k - 1;
    }
    if (!isIdent(j)) return { callee: null, path: '', start: i };
    const segments = [word(j)];
    let k = j;
    while (segments.length < 5 && k >= 2) {
      const dot = toks.p(k - 1);
      if ((dot === '.' || dot === '::' || dot === '?.') && isIdent(k - 2)) {
        segments.unshift(word(k - 2));
        k -= 2;
      } else break;
    }
    let callee: string | null = segments[segments.length - 1]!;
    if (callee === 'new') {
      if (segments.length > 1) callee = segments[segments.length - 2]!;
      // C# `ChatClient client = new(…)`: the declared type.
      else callee = toks.p(k - 1) === '=' && isIdent(k - 2) && isIdent(k - 3) ? word(k - 3) : null;
    }
    if (isIdent(k - 1) && word(k - 1) === 'new') k--;
    return { callee, path: segments.join('.').toLowerCase(), start: k };
  };

  /**
   * The names on the left of an operator at `op`: the key nearest it (or the one before a
   * type annotation), string literals among them (`os.environ["OPENAI_MODEL"]`), and, across
   * an `=` when the operator is a default (`MODEL = env.X || "…"`), the assigned name.
   */
  const leftOf = (op: number, crossAssign: boolean): { key: string | null; strings: string[]; assigned: string | null } => {
    const strings: string[] = [];
    let key: string | null = null;
    let assigned: string | null = null;
    let crossed = false;
    let depth = 0;
    for (let j = op - 1, steps = 0; j >= 0 && steps < 32; j--, steps++) {
      const kind = toks.kind[j];
      if (kind === PUNCT) {
        const s = toks.p(j);
        if (s === ')' || s === ']' || s === '}') depth++;
        else if (s === '(' || s === '[' || s === '{') {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0) {
          if (s === ',' || s === ';') break;
          if (s === '=' || s === ':=') {
            if (!crossAssign || crossed) break;
            crossed = true;
          } else if (s === ':' && !crossed) key = null;
        }
      } else if (kind === IDENT && depth === 0) {
        if (crossed) assigned ??= word(j);
        else if (key === null) key = word(j);
      } else if (kind === STR && toks.clean(j) && toks.ve[j]! - toks.vs[j]! < 80) strings.push(content(j));
      if (toks.nl(j) && depth === 0) break;
    }
    return { key, strings, assigned };
  };

  /** The name a container opened at `i` is the value of (`MODELS = [`, `"models": [`), if any. */
  const ownerOf = (i: number): string[] => {
    let p = i - 1;
    // Go composite literals and typed arrays: `models := []string{`, `MODELS: &[&str] = &[`.
    for (let steps = 0; p >= 0 && steps < 6; steps++) {
      const s = toks.p(p);
      if (isIdent(p) || s === ']' || s === '[' || s === '&' || s === '*') p--;
      else break;
    }
    if (!toks.is(p, PUNCT)) return [];
    const s = toks.p(p);
    if (s === ':') {
      if (isIdent(p - 1)) return [word(p - 1)];
      if (isStr(p - 1)) return [content(p - 1)];
      return [];
    }
    if (s === '=' || s === ':=' || s === '||' || s === '??') {
      const left = leftOf(p, s === '||' || s === '??');
      return [left.key, left.assigned, ...left.strings].filter((n): n is string => !!n);
    }
    return [];
  };

  const openFrame = (i: number): Frame => {
    const open = toks.p(i);
    const p = i - 1;
    const ps = toks.p(p);
    const subscript = open === '[' && p >= 0 && (isStr(p) || (isIdent(p) && !REGEX_AFTER_WORD.has(word(p))) || ps === ')' || ps === ']');
    return { open, at: i, parent: stack[stack.length - 1], subscript, arg: 0, firstLit: null };
  };

  const callOf = (frame: Frame): { callee: string | null; path: string; start: number } => (frame.call ??= calleeOf(frame.at));

  const modelishOf = (frame: Frame | undefined): number => {
    if (!frame) return 0;
    if (frame.modelish === undefined) {
      let owner: string[] = [];
      // `model = dict(type=…)`: a dict built by a call is a container like a literal one.
      if (frame.open === '(') {
        const call = callOf(frame);
        if (call.callee === 'dict') owner = ownerOf(call.start);
      } else if (!frame.subscript) owner = ownerOf(frame.at);
      const parent = modelishOf(frame.parent);
      frame.modelish = owner.some(isModelContainer) ? 3 : parent > 0 ? parent - 1 : 0;
    }
    return frame.modelish;
  };

  /** The literal is the whole value: the statement, element or argument ends after it. */
  const wholeValue = (i: number): boolean => {
    const n = i + 1;
    if (n >= toks.length || toks.nl(n)) return true;
    const s = toks.p(n);
    if (s === ';' || s === ',' || s === ')' || s === '}' || s === ']' || s === '!') return true;
    if (isIdent(n) && word(n) === 'as') return true;
    return s === '.' && isIdent(n + 1) && WRAPPERS.has(word(n + 1));
  };

  const valueOf = (key: string, i: number, frame: Frame | undefined, whole: boolean): Strength | null => {
    if (isModelKey(key)) return 'model';
    if (isDisplayKey(key)) return null;
    if (modelishOf(frame) > 0) return 'listed';
    if (ID_KEYS.has(keyOf(key))) return 'listed';
    // A constant: `HAIKU = "claude-3-haiku-20240307"`.
    return whole && wholeValue(i) ? 'listed' : null;
  };

  const assigned = (i: number, op: number, isDefault: boolean, frame: Frame | undefined): Strength | null => {
    const left = leftOf(op, isDefault);
    if ((left.key && isModelKey(left.key)) || (left.assigned && isModelKey(left.assigned)) || left.strings.some(isModelKey)) return 'model';
    if (!left.key) return modelishOf(frame) > 0 ? 'listed' : null;
    return valueOf(left.key, i, frame, !isDefault);
  };

  const argumentOf = (frame: Frame): Strength | null => {
    const { callee, path } = callOf(frame);
    if (!callee) return null;
    if (isModelKey(callee)) return 'model';
    if (frame.arg >= 1 && frame.firstLit !== null && LOOKUP_CALLS.has(keyOf(callee)) && isModelKey(frame.firstLit)) return 'model';
    return isSdkCall(callee, path) ? 'call' : null;
  };

  /** How strongly the place of the string at `i` says it is a model name; null when it does not. */
  const strengthOf = (i: number, frame: Frame | undefined): Strength | null => {
    const prev = i - 1;
    if (prev < 0) return null;
    // A key: `"gpt-4": 8192` counts only inside a models container.
    if (toks.p(i + 1) === ':' && frame && frame.open === '{') return modelishOf(frame) > 0 ? 'listed' : null;
    if (isIdent(prev)) return word(prev) === 'or' ? assigned(i, prev, true, frame) : null;
    switch (toks.p(prev)) {
      case '=':
      case ':=':
        return assigned(i, prev, false, frame);
      case '||':
      case '??':
        return assigned(i, prev, true, frame);
      case ':': {
        const k = i - 2;
        if (!isIdent(k) && !isStr(k)) return null;
        const before = toks.p(k - 1);
        if (k - 1 >= 0 && !toks.nl(k) && before !== '{' && before !== ',' && before !== '(') return null;
        return valueOf(isStr(k) ? content(k) : word(k), i, frame, true);
      }
      case '==':
      case '!=':
      case '===':
      case '!==': {
        const left = leftOf(prev, false);
        return (left.key && isModelKey(left.key)) || left.strings.some(isModelKey) ? 'call' : null;
      }
      case '(':
      case ',':
        if (frame && frame.open === '(') return argumentOf(frame);
        return frame && !frame.subscript && modelishOf(frame) > 0 ? 'listed' : null;
      case '[':
      case '{':
        return frame && !frame.subscript && modelishOf(frame) > 0 ? 'listed' : null;
      default:
        return null;
    }
  };

  for (let i = 0; i < toks.length; i++) {
    const kind = toks.kind[i];
    if (kind === PUNCT) {
      const s = toks.p(i);
      if (s === '(' || s === '[' || s === '{') {
        if (stack.length < MAX_FRAMES && !untracked) stack.push(openFrame(i));
        else untracked++;
      } else if (s === ')' || s === ']' || s === '}') {
        if (untracked) untracked--;
        else {
          const want = s === ')' ? '(' : s === ']' ? '[' : '{';
          // Unbalanced text: close what this bracket closes, or nothing.
          let k = stack.length - 1;
          while (k >= 0 && stack[k]!.open !== want && stack.length - k < 4) k--;
          if (k >= 0 && stack[k]!.open === want) stack.length = k;
        }
      } else if (s === ',' && stack.length && !untracked) stack[stack.length - 1]!.arg++;
      continue;
    }
    if (kind !== STR) continue;
    const frame = untracked ? undefined : stack[stack.length - 1];
    const clean = toks.clean(i);
    const length = toks.ve[i]! - toks.vs[i]!;
    if (frame && frame.open === '(' && frame.arg === 0 && frame.firstLit === null && toks.p(i - 1) === '(') frame.firstLit = clean && length < 80 ? content(i) : '';
    if (!clean || length <= 0) continue;
    // Names are short: a long string is text, and only its JSON is looked at.
    if (length <= 160) {
      const strength = strengthOf(i, frame);
      if (strength) sink(toks.vs[i]!, toks.ve[i]!, strength);
    }
    // JSON written in a string (a Go raw string, a payload in single quotes): its own keys.
    if (flavor !== 'json' && length > 10) {
      const body = content(i);
      if (body.includes('"model') && body.includes(':')) scanCode(text, 'json', sink, toks.vs[i]!, toks.ve[i]!);
    }
  }
}
