/**
 * Shell scripts: words as the shell splits them (quotes, escapes, `$(…)`, `${…}`, comments,
 * here-documents), grouped in commands (shellWords.ts); a model is the word after `ollama
 * run|pull`, `vllm serve`, a `--model` flag, or the value of an environment variable whose
 * name says model (`MODEL=…`, `export OPENAI_MODEL=…`, `docker run -e LLM_MODEL=…`,
 * `${3:-"default"}`). A JSON payload in single quotes (`curl -d '{"model": …}'`) is read as
 * JSON, and a here-document written to a file (`cat > config.toml << EOF`) as that file's
 * language.
 */
import { isModelKey, type Strength } from './names';
import { scanCode } from './code';
import { basename, isName, newWord, readShell, type Command, type Word } from './shellWords';
import type { Sink } from './types';

/** Commands that run the next word as the command. */
const PREFIXES = new Set(['sudo', 'exec', 'nohup', 'env', 'time', 'command', 'builtin', 'nice', 'then', 'else', 'elif', 'do', 'if', 'while', 'until', '!', 'eval']);
const RUNNERS = new Set(['uv', 'poetry', 'pipx', 'pdm', 'rye', 'hatch', 'conda', 'pixi']);
const DECLARE = new Set(['export', 'local', 'declare', 'readonly', 'typeset']);
const OLLAMA_COMMANDS = new Set(['run', 'pull', 'push', 'show', 'rm', 'cp', 'stop']);
/** Command-line tools whose `-m` is the model. */
const MODEL_CLIS = new Set(['codex', 'llm', 'aider', 'claude', 'gemini', 'sgpt', 'mods', 'fabric', 'opencode', 'goose', 'qwen', 'ollama']);
/** Tools whose `-m` is something else (a Python module, a message). */
const NOT_MODEL_M = new Set(['python', 'python3', 'python2', 'py', 'pip', 'pip3', 'pytest', 'git', 'node', 'npm', 'make', 'mkdir', 'chmod', 'cp', 'mv', 'tar', 'ssh', 'timeout', 'docker', 'kubectl']);

export type EmbeddedScanner = (fileName: string, from: number, to: number) => void;

export function scanShell(text: string, sink: Sink, embedded?: EmbeddedScanner, from = 0, to = text.length): void {
  const analyze = (cmd: Command) => {
    const words = cmd.words;
    let i = 0;
    for (;;) {
      while (i < words.length && assignment(words[i]!)) i++;
      const w = words[i];
      if (!w) return;
      if (DECLARE.has(w.value)) {
        for (let j = i + 1; j < words.length; j++) assignment(words[j]!);
        return;
      }
      if (PREFIXES.has(w.value)) {
        i++;
        while (i < words.length && words[i]!.value.startsWith('-')) i++;
        continue;
      }
      if (RUNNERS.has(w.value) && words[i + 1]?.value === 'run') {
        i += 2;
        while (i < words.length && words[i]!.value.startsWith('-')) i++;
        continue;
      }
      break;
    }
    const program = basename(words[i]?.value ?? '');
    for (let j = i; j < words.length; j++) {
      const w = words[j]!;
      const value = w.value;
      const name = basename(value);
      if (name === 'ollama' && OLLAMA_COMMANDS.has(words[j + 1]?.value ?? '')) {
        let k = j + 2;
        while (k < words.length && words[k]!.value.startsWith('-')) k++;
        if (words[k]) emitWord(words[k]!, 'model');
      } else if (name === 'vllm' && words[j + 1]?.value === 'serve') {
        const target = words[j + 2];
        if (target && !target.value.startsWith('-')) emitWord(target, 'model');
      } else if ((program === 'huggingface-cli' || program === 'hf') && value === 'download' && words[j + 1]) {
        emitWord(words[j + 1]!, 'call');
      } else if (value.startsWith('-') && !w.dynamic) {
        const eq = value.indexOf('=');
        const flag = eq > 0 ? value.slice(0, eq) : value;
        if (flag.startsWith('--') && isModelKey(flag)) {
          if (eq > 0) emitPart(w, eq + 1, 'model');
          else if (words[j + 1]) emitWord(words[j + 1]!, 'model');
        } else if (flag === '-m' && !NOT_MODEL_M.has(program) && words[j + 1]) {
          emitWord(words[j + 1]!, MODEL_CLIS.has(program) ? 'model' : 'call');
        } else if ((flag === '-e' || flag === '--env') && words[j + 1]) {
          if (eq > 0) assignment(partWord(w, eq + 1));
          else assignment(words[j + 1]!);
        }
      }
      for (const segment of w.segments) {
        if (segment.single && segment.length > 10) {
          const body = text.slice(segment.src, segment.src + segment.length);
          if (body.includes('"model') && body.includes(':')) scanCode(text, 'json', sink, segment.src, segment.src + segment.length);
        }
      }
    }
  };

  /** A word's value from `at` on, as a word of its own. */
  const partWord = (w: Word, at: number): Word => {
    const part = newWord(w.start);
    part.value = w.value.slice(at);
    part.dynamic = w.dynamic;
    part.defaults = w.defaults;
    for (const s of w.segments) {
      const end = s.at + s.length;
      if (end <= at) continue;
      const skip = Math.max(0, at - s.at);
      part.segments.push({ src: s.src + skip, at: s.at + skip - at, length: s.length - skip, single: s.single });
    }
    return part;
  };

  /** `NAME=value` (a leading assignment, an `export`, a `docker -e`): a candidate when NAME says model. */
  const assignment = (w: Word): boolean => {
    const eq = w.value.indexOf('=');
    if (eq <= 0 || !isName(w.value.slice(0, eq))) return false;
    if (isModelKey(w.value.slice(0, eq))) emitPart(w, eq + 1, 'model');
    return true;
  };

  const emitPart = (w: Word, at: number, strength: Strength) => emitWord(partWord(w, at), strength);

  /** The word's value, where the text writes it in one piece; or the defaults of its expansions. */
  const emitWord = (w: Word, strength: Strength) => {
    if (w.dynamic) {
      for (const d of w.defaults) emitWord(d, strength);
      return;
    }
    const first = w.segments[0];
    if (!first || w.value.length === 0 || first.length !== w.value.length) return;
    sink(first.src, first.src + first.length, strength);
  };

  readShell(text, from, to, analyze, (target, bodyFrom, bodyTo) => {
    if (embedded && target && !target.dynamic) embedded(basename(target.value), bodyFrom, bodyTo);
  });
}
