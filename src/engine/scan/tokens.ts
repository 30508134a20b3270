/**
 * The tokens the code scan reads: their kinds, the parallel arrays that hold them, and the
 * punctuation and identifier characters of the languages it reads. The tokenizer
 * (tokenize.ts) fills them; the judging (code.ts) reads them.
 */
export type CodeFlavor = 'python' | 'js' | 'java' | 'csharp' | 'go' | 'rust' | 'json';

export const IDENT = 1;
export const STR = 2;
export const PUNCT = 3;
export const OTHER = 4;

const NEWLINE_BEFORE = 1;
const CLEAN = 2;

/**
 * Tokens in parallel arrays (a 1 MB file has a few hundred thousand): kind, span, the span
 * of a string's content, flags (a line break before it; a string whose content is its value,
 * no escape or interpolation) and the text of punctuation. Identifiers are read from the
 * text when needed.
 */
export class Tokens {
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
export function punctId(p: string): number {
  return p.length === 1 ? p.charCodeAt(0) & 127 : (OPERATOR_IDS.get(p) ?? 0);
}

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || (c >= 0x80 && c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029);
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** The punctuation token at `i`: the longest of the few multi-character operators that matter here, else one character. */
export function punctAt(text: string, i: number, to: number): string {
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
export const REGEX_AFTER_PUNCT = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '=>', '==', '===', '!=', '!==', '&&', '||', '??', '+=', '-=']);
export const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
