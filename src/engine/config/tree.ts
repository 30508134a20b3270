/**
 * Where each value of the config sits in its text, in one flat typed array, filled in one
 * pass over strict JSON, or from jsonc-parser's tree otherwise. The values themselves are
 * read separately (see parseConfigDocument); this index only answers "where is it", for
 * findings, lenses and hovers.
 *
 * Why not keep jsonc-parser's tree: for a large file it is about twenty bytes of objects per
 * byte of text, all alive while the analysis runs, and the garbage collector copied it at
 * every collection. Numbers in a typed array are never copied.
 */
/** A value in the index; NONE where there is none. */
export type NodeId = number;
export const NONE: NodeId = -1;

export type NodeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
const KINDS: NodeKind[] = ['object', 'array', 'string', 'number', 'boolean', 'null'];
const OBJECT = 0;
const ARRAY = 1;
const STRING = 2;
const NUMBER = 3;
const BOOLEAN = 4;
const NULL = 5;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** What can follow a number or literal in valid JSON. */
function isDelimiter(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === SPACE || c === LF || c === CR || c === TAB;
}

export interface TextRange {
  offset: number;
  length: number;
}

// Each value is one record of STRIDE int32s in a single array: one allocation however small
// the file, and nothing for the garbage collector to trace.
const OFFSET = 0;
const LENGTH = 1;
const KIND = 2;
const PARENT = 3;
const FIRST_CHILD = 4;
const NEXT_SIBLING = 5;
const LAST_CHILD = 6;
const KEY_OFFSET = 7;
const KEY_LENGTH = 8;
const STRIDE = 9;

export class ConfigTree {
  /** The top-level value, or NONE when the text holds none. */
  readonly root: NodeId;
  readonly #data: Int32Array;
  /** The member name of each value that is an object member. */
  readonly #key: (string | undefined)[];
  /** Items of the arrays indexed so far, so that reaching item i is not a walk of i siblings. */
  readonly #items = new Map<NodeId, NodeId[]>();
  /** Members of the large objects looked into so far, by name, so that lookups stay O(1). */
  readonly #members = new Map<NodeId, Map<string, NodeId>>();

  /** How many values the index holds (its array may have room for more). */
  readonly #count: number;

  private constructor(b: Pick<TreeBuilder, 'count' | 'data' | 'key'>) {
    this.root = b.count > 0 ? 0 : NONE;
    this.#count = b.count;
    this.#data = b.data;
    this.#key = b.key;
  }

  /** The index a builder filled (the reader of text that is not strict JSON fills one). */
  static build(b: TreeBuilder): ConfigTree {
    return new ConfigTree(b);
  }

  /**
   * Indexes text that JSON.parse has already accepted, the common case, with one pass of
   * character tests: 4–5× faster than jsonc-parser, which must also recover from errors,
   * take comments and decode every string. Anything else goes through `readJsonc`.
   */
  static parseStrictJson(text: string): ConfigTree {
    const b = new TreeBuilder(text.length);
    const end = text.length;
    let expectKey = false;
    let i = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      // Indentation is most of a pretty-printed file.
      if (c === SPACE || c === LF || c === CR || c === TAB) {
        i++;
      } else if (c === QUOTE) {
        const start = i++;
        let escaped = false;
        for (let d = text.charCodeAt(i); d !== QUOTE; d = text.charCodeAt(i)) {
          if (d === BACKSLASH) {
            escaped = true;
            i += 2;
          } else i++;
        }
        i++;
        if (expectKey) {
          b.member(escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1), start, i - start);
          expectKey = false;
        } else b.leaf(STRING, start, i - start);
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        b.open(c === OPEN_BRACE ? OBJECT : ARRAY, i++);
        expectKey = c === OPEN_BRACE;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        b.close(++i);
      } else if (c === COMMA) {
        i++;
        expectKey = b.inObject();
      } else if (c === COLON) {
        i++;
      } else {
        // A number, true, false or null: up to the next delimiter.
        const start = i;
        for (let d = c; i < end && !isDelimiter(d); d = text.charCodeAt(++i));
        b.leaf(c === 0x74 /* t */ || c === 0x66 /* f */ ? BOOLEAN : c === 0x6e /* n */ ? NULL : NUMBER, start, i - start);
      }
    }
    return new ConfigTree(b);
  }

  /**
   * The index of a text that differs from this one's only inside the value `id` (the edit
   * leaves that value's first and last characters), made from this index and `sub`, the
   * value's new text indexed on its own, instead of a pass over the whole text. Values are
   * numbered in document order, so `id`'s descendants are the ids after it up to its last
   * descendant: those make way for `sub`'s, the ones after move by the change in count, and
   * their offsets by the change in length, `delta`.
   */
  spliced(id: NodeId, sub: ConfigTree, delta: number): ConfigTree {
    const old = this.#data;
    let last = id;
    for (let c = old[id * STRIDE + LAST_CHILD]!; c >= 0; c = old[c * STRIDE + LAST_CHILD]!) last = c;
    const added = sub.#count;
    const shift = added - (last - id + 1);
    const count = this.#count + shift;
    const data = new Int32Array(count * STRIDE);
    const moved = (ref: number) => (ref > last ? ref + shift : ref);
    // Before the value: unchanged but for references past it, and the length of its containers.
    for (let n = 0; n < id; n++) copyRecord(old, n, data, n, 0, moved);
    for (let a = old[id * STRIDE + PARENT]!; a >= 0; a = old[a * STRIDE + PARENT]!) data[a * STRIDE + LENGTH] = data[a * STRIDE + LENGTH]! + delta;
    // The value's new text, at its place; its own record keeps its parent, sibling and name.
    const within = (ref: number) => (ref >= 0 ? ref + id : ref);
    for (let j = 0; j < added; j++) copyRecord(sub.#data, j, data, id + j, old[id * STRIDE + OFFSET]!, within);
    for (const field of [PARENT, KEY_OFFSET, KEY_LENGTH]) data[id * STRIDE + field] = old[id * STRIDE + field]!;
    data[id * STRIDE + NEXT_SIBLING] = moved(old[id * STRIDE + NEXT_SIBLING]!);
    // After the value: renumbered, and moved by the change in length.
    for (let n = last + 1; n < this.#count; n++) copyRecord(old, n, data, n + shift, delta, moved);
    const key = this.#key.slice(0, id + 1);
    for (let j = 1; j < added; j++) key.push(sub.#key[j]);
    for (let n = last + 1; n < this.#count; n++) key.push(this.#key[n]);
    return new ConfigTree({ count, data, key });
  }

  kind(id: NodeId): NodeKind | undefined {
    return id < 0 ? undefined : KINDS[this.#data[id * STRIDE + KIND]!];
  }

  range(id: NodeId): TextRange {
    return { offset: this.offset(id), length: this.length(id) };
  }

  offset(id: NodeId): number {
    return id < 0 ? 0 : this.#data[id * STRIDE + OFFSET]!;
  }

  length(id: NodeId): number {
    return id < 0 ? 0 : this.#data[id * STRIDE + LENGTH]!;
  }

  /** The member name's range (`"gpu"` in `"gpu": "a100-80gb"`), for a value that is an object member. */
  keyRange(id: NodeId): TextRange | undefined {
    const at = id * STRIDE;
    return id < 0 || this.#data[at + KEY_OFFSET]! < 0 ? undefined : { offset: this.#data[at + KEY_OFFSET]!, length: this.#data[at + KEY_LENGTH]! };
  }

  children(id: NodeId): NodeId[] {
    const data = this.#data;
    const out: NodeId[] = [];
    for (let c = id < 0 ? NONE : data[id * STRIDE + FIRST_CHILD]!; c >= 0; c = data[c * STRIDE + NEXT_SIBLING]!) out.push(c);
    return out;
  }

  /**
   * An object's member by name (the last one written, as JSON.parse keeps it) or an
   * array's item by position.
   */
  child(id: NodeId, segment: string | number): NodeId {
    if (id < 0) return NONE;
    const data = this.#data;
    const kind = data[id * STRIDE + KIND];
    if (kind === ARRAY && typeof segment === 'number') {
      let items = this.#items.get(id);
      if (!items) this.#items.set(id, (items = this.children(id)));
      return items[segment] ?? NONE;
    }
    if (kind !== OBJECT || typeof segment !== 'string') return NONE;
    const members = this.#members.get(id);
    if (members) return members.get(segment) ?? NONE;
    let found = NONE;
    let count = 0;
    for (let c = data[id * STRIDE + FIRST_CHILD]!; c >= 0; c = data[c * STRIDE + NEXT_SIBLING]!, count++) if (this.#key[c] === segment) found = c;
    // A walk is cheapest for the few members of a workload; a hostile file may hold one
    // object of thousands, each looked up (its unknown properties).
    if (count > 32) {
      const byName = new Map<string, NodeId>();
      for (let c = data[id * STRIDE + FIRST_CHILD]!; c >= 0; c = data[c * STRIDE + NEXT_SIBLING]!) byName.set(this.#key[c]!, c);
      this.#members.set(id, byName);
    }
    return found;
  }

  at(path: readonly (string | number)[], from: NodeId = this.root): NodeId {
    let id = from;
    for (let i = 0; i < path.length && id >= 0; i++) id = this.child(id, path[i]!);
    return id;
  }
}

/** Record `n` of `from` as record `to` of `into`: its offsets moved by `by`, its references to other records through `ref`. */
function copyRecord(from: Int32Array, n: number, into: Int32Array, to: number, by: number, ref: (id: NodeId) => NodeId): void {
  const f = n * STRIDE;
  const t = to * STRIDE;
  into[t + OFFSET] = from[f + OFFSET]! + by;
  into[t + LENGTH] = from[f + LENGTH]!;
  into[t + KIND] = from[f + KIND]!;
  into[t + PARENT] = ref(from[f + PARENT]!);
  into[t + FIRST_CHILD] = ref(from[f + FIRST_CHILD]!);
  into[t + NEXT_SIBLING] = ref(from[f + NEXT_SIBLING]!);
  into[t + LAST_CHILD] = ref(from[f + LAST_CHILD]!);
  const key = from[f + KEY_OFFSET]!;
  into[t + KEY_OFFSET] = key >= 0 ? key + by : key;
  into[t + KEY_LENGTH] = from[f + KEY_LENGTH]!;
}

/** The kinds as the builder records them. */
export const NODE_KIND = { object: OBJECT, array: ARRAY, string: STRING, number: NUMBER, boolean: BOOLEAN, null: NULL } as const;

/** Fills the records in document order; containers get their length when they close. */
export class TreeBuilder {
  count = 0;
  data: Int32Array;
  key: (string | undefined)[] = [];
  #open: NodeId = NONE;
  #pendingKey: string | undefined;
  #pendingKeyOffset = -1;
  #pendingKeyLength = 0;

  constructor(textLength: number) {
    // Configs hold about one value per ten to twenty characters; start there and grow.
    this.data = new Int32Array(Math.max(16, textLength >> 4) * STRIDE);
  }

  member(name: string, offset: number, length: number): void {
    this.#pendingKey = name;
    this.#pendingKeyOffset = offset;
    this.#pendingKeyLength = length;
  }

  open(kind: number, offset: number): void {
    this.#open = this.add(kind, offset, 1);
  }

  close(end: number): void {
    const id = this.#open;
    if (id < 0) return;
    this.data[id * STRIDE + LENGTH] = end - this.data[id * STRIDE + OFFSET]!;
    this.#open = this.data[id * STRIDE + PARENT]!;
    this.#pendingKey = undefined;
  }

  inObject(): boolean {
    return this.#open >= 0 && this.data[this.#open * STRIDE + KIND] === OBJECT;
  }

  leaf(kind: number, offset: number, length: number): void {
    this.add(kind, offset, length);
  }

  private add(kind: number, offset: number, length: number): NodeId {
    if ((this.count + 1) * STRIDE > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const data = this.data;
    const id = this.count++;
    const at = id * STRIDE;
    const parent = this.#open;
    data[at + OFFSET] = offset;
    data[at + LENGTH] = length;
    data[at + KIND] = kind;
    data[at + PARENT] = parent;
    data[at + FIRST_CHILD] = NONE;
    data[at + NEXT_SIBLING] = NONE;
    data[at + LAST_CHILD] = NONE;
    // A name belongs to the value that follows it in the same object; a name left without
    // a value (half-typed text) is dropped when the object closes or the next name comes.
    if (this.#pendingKey !== undefined && parent >= 0 && data[parent * STRIDE + KIND] === OBJECT) {
      this.key[id] = this.#pendingKey;
      data[at + KEY_OFFSET] = this.#pendingKeyOffset;
      data[at + KEY_LENGTH] = this.#pendingKeyLength;
    } else {
      this.key[id] = undefined;
      data[at + KEY_OFFSET] = -1;
      data[at + KEY_LENGTH] = 0;
    }
    this.#pendingKey = undefined;
    if (parent >= 0) {
      const p = parent * STRIDE;
      if (data[p + FIRST_CHILD] === NONE) data[p + FIRST_CHILD] = id;
      else data[data[p + LAST_CHILD]! * STRIDE + NEXT_SIBLING] = id;
      data[p + LAST_CHILD] = id;
    }
    return id;
  }
}
