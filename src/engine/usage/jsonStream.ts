/**
 * Splits JSON text fed in chunks into the elements of its arrays, so a 200 MB export is read
 * with memory bounded by its largest element, not its size. The arrays split are the
 * top-level value itself (`[row, row, …]`, LiteLLM's /spend/logs) and the arrays that are
 * members of a top-level object (`{"data": [bucket, …]}`, `{"resourceSpans": [batch, …]}`);
 * several top-level values in a row (JSON Lines) are read one after another. The primitive
 * members of a top-level object (`has_more`, `next_page`) are reported too.
 *
 * Each element is handed over as text for JSON.parse: this only finds where values begin and
 * end (strings, escapes, nesting), and validates nothing.
 *
 * Why not @streamparser/json: its push parser (JSONParser with paths and keepStack: false,
 * or its Tokenizer with a TokenParser per element) reads strings in a browser and keeps
 * memory flat, but it builds every value one character at a time in JavaScript. On 20,000
 * /spend/logs rows (14 MB) it took 1.4–2.0 s against 0.33–0.48 s for this splitter with
 * JSON.parse, measured side by side: four to five times slower, which would take the
 * usage bench (1.65 M rows a minute) below the budget of a million rows a minute. It also
 * cannot skip an oversized element without building it, so the element limit below would
 * no longer bound memory.
 */

export interface JsonSplitEvents {
  /** A whole object or array inside a split array; `key` is the member holding the array ('' for a top-level array). */
  element(text: string, key: string): void;
  /** A primitive member of a top-level object, as written (`true`, `"page_abc"`, `31`). */
  member(key: string, raw: string): void;
  /** An element longer than the limit: skipped, not buffered. */
  tooLarge(key: string): void;
}

const OBJECT = 0;
const ARRAY = 1;
/** Nesting deeper than any export: a hostile file would otherwise grow the stack without bound. */
const MAX_DEPTH = 512;
const MAX_KEY = 256;

export class JsonSplitter {
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  /** At depth 1 in an object: whether the next string is a member name. */
  private expectKey = false;
  private key = '';
  private keyParts: string[] | null = null;
  private keyStart = -1;
  private memberParts: string[] | null = null;
  private memberStart = -1;
  private capture: string[] | null = null;
  private captureStart = -1;
  private captureDepth = 0;
  private captureLength = 0;
  private captureKey = '';
  /** Skipping an element that grew past the limit, until it closes at this depth. */
  private skipDepth = -1;
  /** Top-level values begun. */
  values = 0;
  /** Set when the text cannot be JSON (nesting too deep, a stray closing bracket). */
  problem: string | null = null;

  constructor(private readonly events: JsonSplitEvents, private readonly maxElementChars = 16 * 1024 * 1024) {}

  push(chunk: string): void {
    if (this.problem) return;
    const stack = this.stack;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === 34 /* " */) {
          this.inString = false;
          if (this.keyParts) {
            this.keyParts.push(chunk.slice(this.keyStart, i));
            this.key = this.keyParts.join('').slice(0, MAX_KEY);
            this.keyParts = null;
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      const topObject = stack.length === 1 && stack[0] === OBJECT;
      if (c === 34) {
        this.inString = true;
        if (topObject && this.expectKey) {
          this.keyParts = [];
          this.keyStart = i + 1;
        } else if (topObject && !this.memberParts) this.beginMember(i);
      } else if (c === 123 /* { */ || c === 91 /* [ */) {
        if (stack.length === 0) this.values++;
        else if (this.capture === null && this.skipDepth < 0 && this.inSplitArray()) {
          this.capture = [];
          this.captureStart = i;
          this.captureDepth = stack.length;
          this.captureLength = 0;
          this.captureKey = stack.length === 1 ? '' : this.key;
        }
        if (stack.length >= MAX_DEPTH) {
          this.problem = `nested deeper than ${MAX_DEPTH} levels`;
          return;
        }
        stack.push(c === 123 ? OBJECT : ARRAY);
        if (stack.length === 1 && c === 123) this.expectKey = true;
      } else if (c === 125 /* } */ || c === 93 /* ] */) {
        if (topObject) this.endMember(chunk, i);
        if (stack.pop() === undefined) {
          this.problem = 'a closing bracket without an opening one';
          return;
        }
        if (this.capture !== null && stack.length === this.captureDepth) {
          this.capture.push(chunk.slice(this.captureStart, i + 1));
          const text = this.capture.join('');
          this.capture = null;
          if (text.length > this.maxElementChars) this.events.tooLarge(this.captureKey);
          else this.events.element(text, this.captureKey);
        } else if (this.skipDepth >= 0 && stack.length === this.skipDepth) this.skipDepth = -1;
      } else if (topObject) {
        if (c === 44 /* , */) {
          this.endMember(chunk, i);
          this.expectKey = true;
        } else if (c === 58 /* : */) this.expectKey = false;
        else if (!this.memberParts) this.beginMember(i);
      }
    }
    this.carry(chunk);
  }

  /** Whether the container that holds the next value is an array this splits. */
  private inSplitArray(): boolean {
    const s = this.stack;
    return (s.length === 1 && s[0] === ARRAY) || (s.length === 2 && s[0] === OBJECT && s[1] === ARRAY);
  }

  private beginMember(i: number): void {
    this.memberParts = [];
    this.memberStart = i;
  }

  private endMember(chunk: string, i: number): void {
    if (!this.memberParts) return;
    this.memberParts.push(chunk.slice(this.memberStart, i));
    const raw = this.memberParts.join('').trim();
    this.memberParts = null;
    if (raw.length <= MAX_KEY) this.events.member(this.key, raw);
  }

  /** What of this chunk the open key, member or element still needs. */
  private carry(chunk: string): void {
    if (this.keyParts) {
      this.keyParts.push(chunk.slice(this.keyStart));
      this.keyStart = 0;
      if (this.keyParts.reduce((n, p) => n + p.length, 0) > MAX_KEY) this.keyParts = [this.keyParts.join('').slice(0, MAX_KEY)];
    }
    if (this.memberParts) {
      this.memberParts.push(chunk.slice(this.memberStart));
      this.memberStart = 0;
      // A primitive member longer than a key is no page field this reads: keep a bounded prefix.
      if (this.memberParts.reduce((n, p) => n + p.length, 0) > MAX_KEY * 2) this.memberParts = [this.memberParts.join('').slice(0, MAX_KEY * 2)];
    }
    if (this.capture !== null) {
      const rest = chunk.slice(this.captureStart);
      this.captureLength += rest.length;
      this.captureStart = 0;
      if (this.captureLength > this.maxElementChars) {
        this.events.tooLarge(this.captureKey);
        this.capture = null;
        this.skipDepth = this.captureDepth;
      } else this.capture.push(rest);
    }
  }

  /** True when the text ended between values; false when it ends inside one (truncated). */
  end(): boolean {
    return !this.problem && this.stack.length === 0 && !this.inString;
  }
}
