/**
 * YAML, line by line: the keys above each value (by indentation, through `- ` sequence
 * items), scalar values plain or quoted, one level of flow collections (`[a, b]`, `{k: v}`),
 * block scalars skipped unless they are shell (`run: |`), LiteLLM's `model_list`,
 * `environment:` lists of `KEY=value`, and `command:`/`args:` read as shell words.
 */
import { ID_KEYS, isDisplayKey, isModelContainer, isModelKey, keyOf, type Strength } from './names';
import { scanShell, type EmbeddedScanner } from './shell';
import type { Sink } from './types';

interface Entry {
  indent: number;
  key: string;
  /** Its value is on the lines below (empty after the colon). */
  opensBlock: boolean;
  /** The previous scalar item of the sequence below it (`- --model` before `- llama3`). */
  lastItem: string | null;
}

/** Keys whose value is a command line. */
const SHELL_KEYS = new Set(['run', 'script', 'command', 'cmd', 'entrypoint', 'args', 'beforescript', 'afterscript']);
const ENV_KEYS = new Set(['environment', 'env', 'variables', 'envvars']);

interface Scalar {
  start: number;
  end: number;
  /** Written as the value reads (no escape). */
  clean: boolean;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** A flow collection may span lines; it is followed this far at most (linear time on text that never closes one). */
const FLOW_LINES = 50;
const FLOW_CHARS = 8192;

export function scanYaml(text: string, sink: Sink, embedded?: EmbeddedScanner, from = 0, to = text.length): void {
  const stack: Entry[] = [];
  let block: { indent: number; shell: boolean; start: number } | null = null;
  let lineStart = from;

  const shellRange = (start: number, end: number) => scanShell(text, sink, embedded, start, end);

  /** A scalar from `start` to the line's end: quoted, or plain up to a comment; null for a collection. */
  const scalarAt = (start: number, end: number): Scalar | null => {
    let s = start;
    // Anchors and tags before the value: `&default`, `!!str`.
    while (s < end && (text.charCodeAt(s) === 38 || text.charCodeAt(s) === 33)) {
      while (s < end && !isSpace(text.charCodeAt(s))) s++;
      while (s < end && isSpace(text.charCodeAt(s))) s++;
    }
    if (s >= end) return null;
    const c = text.charCodeAt(s);
    if (c === 34 || c === 39) {
      let k = s + 1;
      let clean = true;
      while (k < end) {
        const d = text.charCodeAt(k);
        if (c === 34 && d === 92) {
          clean = false;
          k += 2;
          continue;
        }
        if (d === c) {
          if (c === 39 && text.charCodeAt(k + 1) === 39) {
            clean = false;
            k += 2;
            continue;
          }
          return { start: s + 1, end: k, clean };
        }
        k++;
      }
      return null;
    }
    if (c === 91 || c === 123 || c === 124 || c === 62 || c === 42) return null;
    let e = s;
    while (e < end && !(text.charCodeAt(e) === 35 && isSpace(text.charCodeAt(e - 1)))) e++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    return e > s ? { start: s, end: e, clean: true } : null;
  };

  /** The position of the colon that ends a key on the line, or -1 (a plain scalar: `openai:gpt-4o`). */
  const keyColon = (start: number, end: number): number => {
    let k = start;
    const c = text.charCodeAt(k);
    if (c === 34 || c === 39) {
      const close = text.indexOf(text[k]!, k + 1);
      if (close < 0 || close >= end) return -1;
      k = close + 1;
      while (k < end && isSpace(text.charCodeAt(k))) k++;
      return text.charCodeAt(k) === 58 ? k : -1;
    }
    if (c === 91 || c === 123 || c === 35) return -1;
    for (; k < end; k++) {
      const d = text.charCodeAt(k);
      if (d === 35 && k > start && isSpace(text.charCodeAt(k - 1))) return -1;
      if (d === 58 && (k + 1 >= end || isSpace(text.charCodeAt(k + 1)))) return k;
    }
    return -1;
  };

  const keyText = (start: number, colon: number): string => {
    let e = colon;
    while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
    let s = start;
    const c = text.charCodeAt(s);
    if ((c === 34 || c === 39) && text.charCodeAt(e - 1) === c) {
      s++;
      e--;
    }
    return text.slice(s, e);
  };

  const ancestors = () => stack.map((entry) => entry.key);

  /** A scalar value under `key` (null for a sequence item), with `parent` the entry that holds it. */
  const judgeValue = (scalar: Scalar, key: string | null, parent: Entry | undefined) => {
    if (!scalar.clean || scalar.end <= scalar.start) return;
    const value = text.slice(scalar.start, scalar.end);
    let strength: Strength | null = null;
    if (key !== null) {
      const k = keyOf(key);
      if (SHELL_KEYS.has(k)) return shellRange(scalar.start, scalar.end);
      if (k === 'modelname' && ancestors().some((a) => keyOf(a) === 'modellist')) strength = 'call';
      else if (isModelKey(key)) strength = 'model';
      else if (isDisplayKey(key)) strength = null;
      else if (ID_KEYS.has(k)) strength = 'listed';
    } else if (parent) {
      const k = keyOf(parent.key);
      const eq = value.indexOf('=');
      if (ENV_KEYS.has(k) && eq > 0) {
        if (isModelKey(value.slice(0, eq)) && scalar.end > scalar.start + eq + 1) sink(scalar.start + eq + 1, scalar.end, 'model');
        return;
      }
      if (SHELL_KEYS.has(k)) {
        const previous = parent.lastItem;
        parent.lastItem = value;
        // `args: ["vllm serve Qwen/…"]`, `- ollama pull llama3`: a whole command line.
        if (value.includes(' ')) return shellRange(scalar.start, scalar.end);
        if (previous !== null && previous.startsWith('--') && isModelKey(previous)) strength = 'model';
        else if (value.startsWith('--') && eq > 0 && isModelKey(value.slice(0, eq))) {
          sink(scalar.start + eq + 1, scalar.end, 'model');
          return;
        }
      } else if (isModelKey(parent.key)) strength = 'model';
      else if (isModelContainer(parent.key)) strength = 'listed';
    }
    if (strength) sink(scalar.start, scalar.end, strength);
  };

  /** Where a flow collection opened at `start` closes (after its bracket), or -1 when it does not within bounds. */
  const flowClose = (start: number): number => {
    let depth = 0;
    let lines = 0;
    const limit = Math.min(to, start + FLOW_CHARS);
    for (let k = start; k < limit; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 && ++lines > FLOW_LINES) return -1;
      if (c === 34 || c === 39) {
        const close = text.indexOf(text[k]!, k + 1);
        if (close < 0 || close >= limit) return -1;
        k = close;
      } else if (c === 91 || c === 123) depth++;
      else if (c === 93 || c === 125) {
        if (--depth === 0) return k + 1;
      } else if (c === 35 && k > start && isBlank(text.charCodeAt(k - 1))) {
        const e = text.indexOf('\n', k);
        if (e < 0) return -1;
        k = e - 1;
      }
    }
    return -1;
  };

  /** A flow collection (`[a, b]`, `{model: x}`), on one line or several: its items, one level deep. */
  const flow = (start: number, end: number, key: string | null, parent: Entry | undefined) => {
    const open = text.charCodeAt(start);
    const mapping = open === 123;
    let k = start + 1;
    let itemStart = k;
    let depth = 0;
    // A flow sequence is a list of items of the key it is the value of.
    const holder: Entry | undefined = key !== null ? { indent: 0, key, opensBlock: true, lastItem: null } : parent;
    const item = (s: number, e: number) => {
      while (s < e && isBlank(text.charCodeAt(s))) s++;
      while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
      if (s >= e) return;
      const colon = mapping ? keyColon(s, e) : -1;
      if (colon > 0) {
        let v = colon + 1;
        while (v < e && isSpace(text.charCodeAt(v))) v++;
        const scalar = v < e ? scalarAt(v, e) : null;
        if (scalar) judgeValue(scalar, keyText(s, colon), parent);
      } else {
        const scalar = scalarAt(s, e);
        if (scalar) judgeValue(scalar, null, holder);
      }
    };
    while (k < end) {
      const c = text.charCodeAt(k);
      if (c === 34 || c === 39) {
        const close = text.indexOf(text[k]!, k + 1);
        k = close < 0 || close >= end ? end : close + 1;
        continue;
      }
      if (c === 91 || c === 123) depth++;
      else if (c === 93 || c === 125) {
        if (depth === 0) {
          item(itemStart, k);
          return;
        }
        depth--;
      } else if (c === 44 && depth === 0) {
        item(itemStart, k);
        itemStart = k + 1;
      }
      k++;
    }
  };

  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    let contentEnd = lineEnd;
    if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    let pos = lineStart;
    while (pos < contentEnd && isSpace(text.charCodeAt(pos))) pos++;
    const indent = pos - lineStart;
    const blank = pos >= contentEnd;
    if (block) {
      if (blank || indent > block.indent) {
        lineStart = lineEnd + 1;
        continue;
      }
      if (block.shell) shellRange(block.start, lineStart);
      block = null;
    }
    if (blank || text.charCodeAt(pos) === 35) {
      lineStart = lineEnd + 1;
      continue;
    }
    if (indent === 0 && (text.startsWith('---', pos) || text.startsWith('...', pos))) {
      stack.length = 0;
      lineStart = lineEnd + 1;
      continue;
    }
    // Sequence items: `- `, possibly several on a line (`- - a`).
    let isItem = false;
    while (pos < contentEnd && text.charCodeAt(pos) === 45 && (pos + 1 >= contentEnd || isSpace(text.charCodeAt(pos + 1)))) {
      const dash = pos - lineStart;
      while (stack.length && (stack[stack.length - 1]!.indent > dash || (stack[stack.length - 1]!.indent === dash && !stack[stack.length - 1]!.opensBlock))) stack.pop();
      isItem = true;
      pos++;
      while (pos < contentEnd && isSpace(text.charCodeAt(pos))) pos++;
    }
    if (pos >= contentEnd) {
      lineStart = lineEnd + 1;
      continue;
    }
    const colon = keyColon(pos, contentEnd);
    if (colon > 0) {
      const keyIndent = pos - lineStart;
      while (stack.length && stack[stack.length - 1]!.indent >= keyIndent) stack.pop();
      const key = keyText(pos, colon);
      const parent = stack[stack.length - 1];
      let v = colon + 1;
      while (v < contentEnd && isSpace(text.charCodeAt(v))) v++;
      const c = text.charCodeAt(v);
      const empty = v >= contentEnd || c === 35;
      stack.push({ indent: keyIndent, key, opensBlock: empty || c === 124 || c === 62, lastItem: null });
      if (!empty) {
        if (c === 124 || c === 62) block = { indent: keyIndent, shell: SHELL_KEYS.has(keyOf(key)), start: lineEnd + 1 };
        else if (c === 91 || c === 123) {
          const close = flowClose(v);
          flow(v, close > 0 ? close : contentEnd, key, parent);
          if (close > contentEnd) {
            // Go on after the line the collection closes on.
            const e = text.indexOf('\n', close);
            lineStart = e < 0 || e >= to ? to : e + 1;
            continue;
          }
        }
        else {
          const scalar = scalarAt(v, contentEnd);
          if (scalar) judgeValue(scalar, key, parent);
        }
      }
    } else if (isItem) {
      const parent = stack[stack.length - 1];
      const c = text.charCodeAt(pos);
      if (c === 91 || c === 123) flow(pos, contentEnd, null, parent);
      else {
        const scalar = scalarAt(pos, contentEnd);
        if (scalar) judgeValue(scalar, null, parent);
      }
    }
    lineStart = lineEnd + 1;
  }
  if (block && block.shell) shellRange(block.start, to);
}
