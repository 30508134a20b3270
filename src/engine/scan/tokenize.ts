/**
 * The first pass of the code scan: text into tokens (identifiers, punctuation, strings with
 * the span of their content), skipping comments and reading each language's string forms:
 * escapes, Python prefixes and triple quotes, JavaScript templates and regular expressions, Go
 * backticks, Rust raw strings and lifetimes, C# verbatim, interpolated and raw strings, Java
 * text blocks. Each character is read a bounded number of times: linear in the text.
 */
import { IDENT, isIdentPart, isIdentStart, OTHER, PUNCT, punctAt, punctId, REGEX_AFTER_PUNCT, REGEX_AFTER_WORD, STR, Tokens, type CodeFlavor } from './tokens';

function isStringPrefix(text: string, from: number, to: number, rust: boolean): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k) | 32;
    if (rust ? c !== 114 && c !== 98 : c !== 114 && c !== 98 && c !== 117 && c !== 102) return false;
  }
  return true;
}

export function tokenize(text: string, flavor: CodeFlavor, from: number, to: number): Tokens {
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
