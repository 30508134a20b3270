/**
 * TOML and `.env` files: `key = value` with the table path above it (`[profiles.local]`),
 * strings basic and literal, arrays and inline tables at any depth (iteratively), and
 * `KEY=value` lines with optional `export` and quotes.
 */
import { ID_KEYS, isDisplayKey, isModelContainer, isModelKey, keyOf, type Strength } from './names';
import type { Sink } from './types';

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

function isBareKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** How strongly a TOML value's key (and the tables above it) says it is a model. */
function tomlStrength(path: readonly string[], inArray: boolean): Strength | null {
  const key = path[path.length - 1] ?? '';
  const table = path[path.length - 2] ?? '';
  if (isModelKey(key)) return 'model';
  if (isDisplayKey(key)) return null;
  if (ID_KEYS.has(keyOf(key))) return isModelKey(table) ? 'model' : 'listed';
  if (inArray && isModelContainer(key)) return 'listed';
  return null;
}

export function scanToml(text: string, sink: Sink, from = 0, to = text.length): void {
  let i = from;
  let table: string[] = [];

  const skipLine = () => {
    const e = text.indexOf('\n', i);
    i = e < 0 || e > to ? to : e + 1;
  };

  /** A key (bare, quoted or dotted) from `i`, up to `stop` ('=' for pairs, ']' for headers). */
  const readKey = (stop: number): string[] | null => {
    const parts: string[] = [];
    for (;;) {
      while (i < to && isSpace(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if (c === 34 || c === 39) {
        const close = text.indexOf(text[i]!, i + 1);
        if (close < 0 || close >= to) return null;
        parts.push(text.slice(i + 1, close));
        i = close + 1;
      } else {
        const s = i;
        while (i < to && isBareKeyChar(text.charCodeAt(i))) i++;
        if (i === s) return null;
        parts.push(text.slice(s, i));
      }
      while (i < to && isSpace(text.charCodeAt(i))) i++;
      const d = text.charCodeAt(i);
      if (d === 46) {
        i++;
        continue;
      }
      if (d === stop) {
        i++;
        return parts;
      }
      return null;
    }
  };

  /** A value from `i` under the key path, arrays and inline tables included; ends after it. */
  const readValue = (path: string[]) => {
    const containers: { array: boolean; path: string[] }[] = [];
    let current = path;
    let expectKey = false;
    for (;;) {
      while (i < to) {
        const c = text.charCodeAt(i);
        if (isSpace(c) || (containers.length && (c === 10 || c === 44))) i++;
        else if (c === 35 && containers.length) skipLine();
        else break;
      }
      if (i >= to) return;
      const c = text.charCodeAt(i);
      const inArray = containers.length > 0 && containers[containers.length - 1]!.array;
      if (expectKey && c !== 125) {
        const key = readKey(61);
        if (!key) return skipLine();
        // Only the last names of a path are ever looked at: keep two, whatever the nesting.
        current = [...containers[containers.length - 1]!.path, ...key].slice(-2);
        expectKey = false;
        continue;
      }
      if (c === 34 || c === 39) {
        const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
        if (triple) {
          // Multi-line strings are text (prompts, docs), never a model name.
          const close = text.indexOf(text.slice(i, i + 3), i + 3);
          i = close < 0 || close >= to ? to : close + 3;
        } else {
          let k = i + 1;
          let clean = true;
          while (k < to && text.charCodeAt(k) !== c && text.charCodeAt(k) !== 10) {
            if (c === 34 && text.charCodeAt(k) === 92) {
              clean = false;
              k++;
            }
            k++;
          }
          const strength = tomlStrength(current, inArray);
          if (clean && strength && k > i + 1) sink(i + 1, k, strength);
          i = Math.min(k + 1, to);
        }
      } else if (c === 91) {
        containers.push({ array: true, path: current });
        i++;
        continue;
      } else if (c === 123) {
        containers.push({ array: false, path: current });
        expectKey = true;
        i++;
        continue;
      } else if (c === 93 || c === 125) {
        const closed = containers.pop();
        i++;
        if (closed) current = closed.path;
      } else if (c === 10 || c === 35) {
        if (!containers.length) return;
        i++;
      } else {
        // A number, date or boolean.
        while (i < to) {
          const d = text.charCodeAt(i);
          if (d === 44 || d === 93 || d === 125 || d === 10 || d === 35) break;
          i++;
        }
      }
      if (!containers.length) return;
      const top = containers[containers.length - 1]!;
      while (i < to && isSpace(text.charCodeAt(i))) i++;
      if (!top.array && text.charCodeAt(i) === 44) {
        i++;
        expectKey = true;
      }
    }
  };

  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 10) {
      i++;
      continue;
    }
    if (c === 35) {
      skipLine();
      continue;
    }
    if (c === 91) {
      i += text.charCodeAt(i + 1) === 91 ? 2 : 1;
      const header = readKey(93);
      table = header ?? [];
      skipLine();
      continue;
    }
    const key = readKey(61);
    if (!key) {
      skipLine();
      continue;
    }
    readValue([...table, ...key].slice(-2));
    skipLine();
  }
}

/** `.env` files: `KEY=value`, `export KEY="value"`, comments. */
export function scanDotenv(text: string, sink: Sink, from = 0, to = text.length): void {
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    let k = lineStart;
    while (k < lineEnd && isSpace(text.charCodeAt(k))) k++;
    if (text.startsWith('export', k) && isSpace(text.charCodeAt(k + 6))) {
      k += 6;
      while (k < lineEnd && isSpace(text.charCodeAt(k))) k++;
    }
    const nameStart = k;
    while (k < lineEnd && (isBareKeyChar(text.charCodeAt(k)) || text.charCodeAt(k) === 46) && text.charCodeAt(k) !== 45) k++;
    const name = text.slice(nameStart, k);
    while (k < lineEnd && isSpace(text.charCodeAt(k))) k++;
    if (name && text.charCodeAt(k) === 61 && isModelKey(name)) {
      k++;
      while (k < lineEnd && isSpace(text.charCodeAt(k))) k++;
      const q = text.charCodeAt(k);
      let start = k;
      let end: number;
      if (q === 34 || q === 39) {
        start = k + 1;
        end = text.indexOf(text[k]!, start);
        if (end < 0 || end > lineEnd) end = -1;
        if (end > 0 && q === 34 && text.slice(start, end).includes('\\')) end = -1;
      } else {
        end = start;
        while (end < lineEnd && !(text.charCodeAt(end) === 35 && isSpace(text.charCodeAt(end - 1))) && text.charCodeAt(end) !== 13) end++;
        while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      }
      if (end > start) sink(start, end, 'model');
    }
    lineStart = lineEnd + 1;
  }
}
