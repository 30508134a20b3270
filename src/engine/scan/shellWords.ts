/**
 * The shell's words as it splits them: quotes, escapes, `$(…)`, `${…}` (with the defaults of
 * `${NAME:-default}`), comments and here-documents, grouped in commands. Each word keeps the
 * runs of text that hold its value, so a value written in one piece can be pointed at. What a
 * command's words mean is shell.ts's.
 */

/** A run of a word's value that is written contiguously in the text. */
export interface Segment {
  src: number;
  at: number;
  length: number;
  /** Written in single quotes: no expansion, no escape. */
  single: boolean;
}

export interface Word {
  start: number;
  end: number;
  value: string;
  segments: Segment[];
  /** Holds an expansion (`$X`, `$(…)`, `${…}`): its value is not what is written. */
  dynamic: boolean;
  /** The defaults of `${NAME:-default}` expansions in it, each a word of its own. */
  defaults: Word[];
}

export interface Command {
  words: Word[];
  /** Files the command's output is redirected to (`> config.toml`). */
  targets: Word[];
  heredocs: { delimiter: string; strip: boolean }[];
}

/** Words of one command read at a time. */
const MAX_WORDS = 1024;

export function basename(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

/** A letter or `_`, or with `digits` also a digit: the characters of a variable's name. */
function isNameChar(c: number, digits: boolean): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (digits && c >= 48 && c <= 57);
}

export function isName(text: string): boolean {
  if (!text) return false;
  for (let i = 0; i < text.length; i++) if (!isNameChar(text.charCodeAt(i), i > 0)) return false;
  return true;
}

// One empty list that words without defaults share: a file has many words and few defaults.
const noDefaults: Word[] = [];
export const newWord = (at: number): Word => ({ start: at, end: at, value: '', segments: [], dynamic: false, defaults: noDefaults });

/**
 * Reads the shell text between `from` and `to`: each command (or each MAX_WORDS of a longer
 * one) to `onCommand`, each here-document's body with the file the command writes it to.
 */
export function readShell(text: string, from: number, to: number, onCommand: (cmd: Command) => void, onHereDocument: (target: Word | undefined, from: number, to: number) => void): void {
  let i = from;
  let command: Command = { words: [], targets: [], heredocs: [] };
  let word: Word | null = null;
  let redirect = false;

  const append = (w: Word, src: number, chars: string, single: boolean) => {
    const lastSeg = w.segments[w.segments.length - 1];
    if (lastSeg && lastSeg.single === single && lastSeg.src + lastSeg.length === src && lastSeg.at + lastSeg.length === w.value.length) lastSeg.length += chars.length;
    else w.segments.push({ src, at: w.value.length, length: chars.length, single });
    w.value += chars;
  };
  const endWord = () => {
    if (!word) return;
    if (redirect) command.targets.push(word);
    else command.words.push(word);
    redirect = false;
    word = null;
    // A command of thousands of words is data, not a command line: read it in pieces.
    if (command.words.length >= MAX_WORDS) {
      onCommand(command);
      command.words = [];
    }
  };
  const endCommand = () => {
    endWord();
    onCommand(command);
    const pending = command.heredocs;
    const targets = command.targets;
    command = { words: [], targets: [], heredocs: [] };
    return { pending, targets };
  };

  /** The end of a `${…}`, `$(…)` or backquoted span starting at `j` (its opening character), with quotes inside. */
  const skipNested = (j: number, open: number, close: number): number => {
    let depth = 0;
    let k = j;
    while (k < to) {
      const c = text.charCodeAt(k);
      if (c === 92) {
        k += 2;
        continue;
      }
      if (c === 39 && open !== 96) {
        const e = text.indexOf("'", k + 1);
        k = e < 0 || e >= to ? to : e + 1;
        continue;
      }
      if (c === open && open !== close) depth++;
      else if (c === close) {
        if (open === close ? k > j : --depth === 0) return k + 1;
      }
      k++;
    }
    return to;
  };

  /** `${NAME:-default}` (or `-`, `:=`, `=`): the default as a word of its own. */
  const parameterDefault = (w: Word, open: number, close: number) => {
    let k = open + 2;
    while (k < close && isNameChar(text.charCodeAt(k), true)) k++;
    if (text.charCodeAt(k) === 58) k++;
    const op = text.charCodeAt(k);
    if (op !== 45 && op !== 61) return;
    const inner = readWordAt(k + 1, close);
    if (!inner || !inner.value) return;
    if (w.defaults === noDefaults) w.defaults = [inner];
    else w.defaults.push(inner);
  };

  /** A word between `j` and `end` (a default inside `${…}`), quotes and escapes read. */
  const readWordAt = (j: number, end: number): Word | null => {
    const w = newWord(j);
    let k = j;
    while (k < end) {
      const c = text.charCodeAt(k);
      if (c === 39) {
        const e = text.indexOf("'", k + 1);
        const stop = e < 0 || e > end ? end : e;
        append(w, k + 1, text.slice(k + 1, stop), true);
        k = stop + 1;
      } else if (c === 34) {
        k++;
        while (k < end && text.charCodeAt(k) !== 34) {
          if (text.charCodeAt(k) === 92 && k + 1 < end) {
            append(w, k + 1, text[k + 1]!, false);
            k += 2;
          } else {
            if (text.charCodeAt(k) === 36) w.dynamic = true;
            append(w, k, text[k]!, false);
            k++;
          }
        }
        k++;
      } else if (c === 36) {
        w.dynamic = true;
        k++;
      } else {
        append(w, k, text[k]!, false);
        k++;
      }
    }
    w.end = end;
    return w;
  };

  /** Reads a `$…` expansion at `j` into the word; returns where the word goes on. */
  const expansion = (w: Word, j: number): number => {
    w.dynamic = true;
    const next = text.charCodeAt(j + 1);
    if (next === 123) {
      const end = skipNested(j + 1, 123, 125);
      parameterDefault(w, j, end - 1);
      return end;
    }
    if (next === 40) return skipNested(j + 1, 40, 41);
    let k = j + 1;
    if (k < to && isNameChar(text.charCodeAt(k), false)) while (k < to && isNameChar(text.charCodeAt(k), true)) k++;
    else if (k < to && '0123456789#?$!@*-'.includes(text[k]!)) k++;
    return k;
  };

  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      const { pending, targets } = endCommand();
      i++;
      // Here-documents start on the next line and end at their delimiter's line.
      for (const doc of pending) {
        const bodyStart = i;
        let lineStart = i;
        let bodyEnd = to;
        while (lineStart < to) {
          let lineEnd = text.indexOf('\n', lineStart);
          if (lineEnd < 0 || lineEnd > to) lineEnd = to;
          let line = text.slice(lineStart, lineEnd);
          if (line.endsWith('\r')) line = line.slice(0, -1);
          if (doc.strip) {
            let tabs = 0;
            while (line.charCodeAt(tabs) === 9) tabs++;
            line = line.slice(tabs);
          }
          if (line === doc.delimiter) {
            bodyEnd = lineStart;
            i = Math.min(lineEnd + 1, to);
            break;
          }
          lineStart = lineEnd + 1;
          if (lineStart >= to) i = to;
        }
        if (bodyEnd > bodyStart) onHereDocument(targets[0], bodyStart, bodyEnd);
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      endWord();
      i++;
      continue;
    }
    if (c === 92 && text.charCodeAt(i + 1) === 10) {
      endWord();
      i += 2;
      continue;
    }
    if (c === 35 && !word) {
      const e = text.indexOf('\n', i);
      i = e < 0 || e > to ? to : e;
      continue;
    }
    if (c === 59 || c === 38 || c === 124 || c === 40 || c === 41) {
      endCommand();
      i++;
      continue;
    }
    if (c === 60 || c === 62) {
      endWord();
      if (c === 60 && text.charCodeAt(i + 1) === 60 && text.charCodeAt(i + 2) !== 60) {
        // A here-document: `<<EOF`, `<<-EOF`, `<< 'EOF'`.
        let k = i + 2;
        const strip = text.charCodeAt(k) === 45;
        if (strip) k++;
        while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
        let delimiter = '';
        while (k < to) {
          const d = text.charCodeAt(k);
          if (d === 39 || d === 34) {
            const e = text.indexOf(text[k]!, k + 1);
            const stop = e < 0 || e > to ? to : e;
            delimiter += text.slice(k + 1, stop);
            k = stop + 1;
          } else if (d === 32 || d === 9 || d === 10 || d === 13 || d === 59 || d === 38 || d === 124 || d === 60 || d === 62 || d === 41) break;
          else {
            if (d !== 92) delimiter += text[k];
            k++;
          }
        }
        if (delimiter) command.heredocs.push({ delimiter, strip });
        i = k;
        continue;
      }
      let k = i + 1;
      while (text.charCodeAt(k) === 60 || text.charCodeAt(k) === 62 || text.charCodeAt(k) === 38 || text.charCodeAt(k) === 124) k++;
      redirect = c === 62;
      i = k;
      continue;
    }
    word ??= newWord(i);
    const w: Word = word;
    if (c === 39) {
      const e = text.indexOf("'", i + 1);
      const stop = e < 0 || e > to ? to : e;
      append(w, i + 1, text.slice(i + 1, stop), true);
      i = Math.min(stop + 1, to);
    } else if (c === 34) {
      let k = i + 1;
      while (k < to) {
        const d = text.charCodeAt(k);
        if (d === 34) break;
        if (d === 92 && k + 1 < to) {
          append(w, k + 1, text[k + 1]!, false);
          k += 2;
        } else if (d === 36) k = expansion(w, k);
        else if (d === 96) {
          w.dynamic = true;
          k = skipNested(k, 96, 96);
        } else {
          let m = k + 1;
          while (m < to) {
            const e = text.charCodeAt(m);
            if (e === 34 || e === 92 || e === 36 || e === 96) break;
            m++;
          }
          append(w, k, text.slice(k, m), false);
          k = m;
        }
      }
      i = Math.min(k + 1, to);
    } else if (c === 36) {
      if (text.charCodeAt(i + 1) === 39) {
        // $'…': escapes the shell expands; not written as it reads.
        w.dynamic = true;
        let k = i + 2;
        while (k < to && text.charCodeAt(k) !== 39) k += text.charCodeAt(k) === 92 ? 2 : 1;
        i = Math.min(k + 1, to);
      } else i = expansion(w, i);
    } else if (c === 96) {
      w.dynamic = true;
      i = skipNested(i, 96, 96);
    } else if (c === 92) {
      if (i + 1 < to) append(w, i + 1, text[i + 1]!, false);
      i += 2;
    } else {
      let k = i + 1;
      while (k < to) {
        const d = text.charCodeAt(k);
        if (d === 32 || d === 9 || d === 10 || d === 13 || d === 39 || d === 34 || d === 36 || d === 96 || d === 92 || d === 59 || d === 38 || d === 124 || d === 40 || d === 41 || d === 60 || d === 62) break;
        k++;
      }
      append(w, i, text.slice(i, k), false);
      i = k;
    }
    w.end = i;
  }
  endCommand();
}
