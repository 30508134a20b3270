/**
 * String literals in source code and JSON, and the place each sits in: the key or variable
 * it is the value of, the call it is an argument of, the list it is an element of.
 *
 * One pass turns the text into tokens (tokenize.ts, into the arrays of tokens.ts). A second
 * pass, here, keeps a stack of the open brackets, with the call or key each belongs to, and
 * judges every string from the tokens around it. Both passes read each character or token a
 * bounded number of times: linear in the text.
 */
import { ID_KEYS, isDisplayKey, isModelContainer, isModelKey, keyOf, type Strength } from './names';
import { tokenize } from './tokenize';
import { IDENT, PUNCT, REGEX_AFTER_WORD, STR, type CodeFlavor } from './tokens';
import type { Sink } from './types';

export type { CodeFlavor } from './tokens';

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
