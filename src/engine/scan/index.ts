/**
 * Model names where code and config files write them: `client.chat.completions.create(
 * model="gpt-4.1")`, `openai("gpt-4o")`, `OPENAI_MODEL=…`, `ollama run llama3.2`, a LiteLLM
 * `model_list`. Pure: text in, references out; the caller reads the files.
 *
 * A string is reported when the place it sits in selects a model (see names.ts for the
 * strengths) and the catalog resolves it, or, where the place is unambiguous (`model=`,
 * `--model`), when it looks like a model id: those are reported with `model: null`.
 */
import type { Catalog } from '../catalog';
import { scanCode, type CodeFlavor } from './code';
import { scanDotenv, scanToml } from './config';
import { judge, type Resolved, type Strength } from './names';
import { scanShell } from './shell';
import type { Candidate, ModelReference, Sink } from './types';
import { scanYaml } from './yaml';

export type { ModelReference } from './types';

type Scanner = (text: string, sink: Sink, from: number, to: number, depth: number) => void;

const code =
  (flavor: CodeFlavor): Scanner =>
  (text, sink, from, to) =>
    scanCode(text, flavor, sink, from, to);

/** Here-documents and `run: |` blocks are scanned as their own language, two levels deep at most. */
const MAX_DEPTH = 2;

const shell: Scanner = (text, sink, from, to, depth) =>
  scanShell(text, sink, depth < MAX_DEPTH ? (fileName, a, b) => scanEmbedded(text, sink, fileName, a, b, depth + 1) : undefined, from, to);
const yaml: Scanner = (text, sink, from, to, depth) =>
  scanYaml(text, sink, depth < MAX_DEPTH ? (fileName, a, b) => scanEmbedded(text, sink, fileName, a, b, depth + 1) : undefined, from, to);
const dotenv: Scanner = (text, sink, from, to) => scanDotenv(text, sink, from, to);

/** VS Code language ids → their scanner. */
const SCANNERS: ReadonlyMap<string, Scanner> = new Map([
  ['python', code('python')],
  ['typescript', code('js')],
  ['typescriptreact', code('js')],
  ['javascript', code('js')],
  ['javascriptreact', code('js')],
  ['go', code('go')],
  ['java', code('java')],
  ['csharp', code('csharp')],
  ['rust', code('rust')],
  ['json', code('json')],
  ['jsonc', code('json')],
  ['yaml', yaml],
  ['toml', (text, sink, from, to) => scanToml(text, sink, from, to)],
  ['dotenv', dotenv],
  ['properties', dotenv],
  ['shellscript', shell],
]);

const EXTENSIONS: ReadonlyMap<string, string> = new Map([
  ['.py', 'python'],
  ['.pyi', 'python'],
  ['.pyw', 'python'],
  ['.ts', 'typescript'],
  ['.mts', 'typescript'],
  ['.cts', 'typescript'],
  ['.tsx', 'typescriptreact'],
  ['.js', 'javascript'],
  ['.mjs', 'javascript'],
  ['.cjs', 'javascript'],
  ['.jsx', 'javascriptreact'],
  ['.go', 'go'],
  ['.java', 'java'],
  ['.cs', 'csharp'],
  ['.rs', 'rust'],
  ['.json', 'json'],
  ['.jsonc', 'jsonc'],
  ['.json5', 'jsonc'],
  ['.yaml', 'yaml'],
  ['.yml', 'yaml'],
  ['.toml', 'toml'],
  ['.env', 'dotenv'],
  ['.properties', 'properties'],
  ['.sh', 'shellscript'],
  ['.bash', 'shellscript'],
  ['.zsh', 'shellscript'],
  ['.ksh', 'shellscript'],
]);

/** Files known by name rather than extension. */
const FILE_NAMES: ReadonlyMap<string, string> = new Map([
  ['.env', 'dotenv'],
  ['.envrc', 'shellscript'],
  ['.bashrc', 'shellscript'],
  ['.bash_profile', 'shellscript'],
  ['.zshrc', 'shellscript'],
  ['.profile', 'shellscript'],
]);

/**
 * The languages scanText reads and how the CLI picks one for a file: by extension (`*.py`,
 * `*.sh`, `*.yaml` such as LiteLLM's `config.yaml`), by name (`.env`, `.envrc`), and
 * `.env.*` files (`.env.example`, `.env.local`) as dotenv.
 */
export const scanLanguages = {
  ids: [...SCANNERS.keys()] as readonly string[],
  extensions: EXTENSIONS,
  fileNames: FILE_NAMES,
  /** The language id for a file name or path, or undefined for a file the scanner does not read. */
  of(fileName: string): string | undefined {
    const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    const name = fileName.slice(slash + 1);
    const byName = FILE_NAMES.get(name.toLowerCase());
    if (byName) return byName;
    const dot = name.lastIndexOf('.');
    const byExtension = dot >= 0 ? EXTENSIONS.get(name.slice(dot).toLowerCase()) : undefined;
    if (byExtension) return byExtension;
    return name.toLowerCase().startsWith('.env.') ? 'dotenv' : undefined;
  },
};

function scanEmbedded(text: string, sink: Sink, fileName: string, from: number, to: number, depth: number): void {
  const language = scanLanguages.of(fileName);
  const scanner = language ? SCANNERS.get(language) : undefined;
  if (scanner) scanner(text, sink, from, to, depth);
}

/** The 0-based line and column of each offset (ascending), lines ending as VS Code ends them: \n, \r\n or \r. */
function positions(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  const out: { line: number; column: number }[] = [];
  const carriageReturns = text.includes('\r');
  let line = 0;
  let lineStart = 0;
  let i = 0;
  for (const offset of offsets) {
    if (!carriageReturns) {
      // Only \n ends lines: jump from one to the next.
      for (let next = text.indexOf('\n', i); next >= 0 && next < offset; next = text.indexOf('\n', next + 1)) {
        line++;
        lineStart = next + 1;
      }
      i = Math.max(i, lineStart);
    } else {
      for (; i < offset; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
          line++;
          lineStart = i + 1;
        }
      }
    }
    out.push({ line, column: offset - lineStart });
  }
  return out;
}

const STRENGTH_ORDER: Record<Strength, number> = { model: 0, call: 1, listed: 2 };

/**
 * The model names in a file's text, in order. `languageId` is VS Code's (see
 * scanLanguages.ids); a language the scanner does not read yields no reference.
 */
export function scanText(text: string, languageId: string, catalog: Catalog, to = text.length): ModelReference[] {
  const scanner = SCANNERS.get(languageId);
  if (!scanner || !text) return [];
  const candidates: Candidate[] = [];
  // Up to `to` only (a line's end): every scanner reads from the start, so what it reports there
  // the whole text reports too; a name in a construct that closes below `to` (a here-document)
  // waits for the whole text.
  scanner(text, (start, end, strength) => candidates.push({ start, end, strength }), 0, Math.max(0, Math.min(to, text.length)), 0);
  let sorted = true;
  for (let k = 1; k < candidates.length && sorted; k++) {
    const a = candidates[k - 1]!;
    const b = candidates[k]!;
    sorted = a.start < b.start || (a.start === b.start && a.end < b.end);
  }
  if (!sorted) candidates.sort((a, b) => a.start - b.start || a.end - b.end || STRENGTH_ORDER[a.strength] - STRENGTH_ORDER[b.strength]);
  // Within one file a name is judged once per strength.
  const judged: Record<Strength, Map<string, Resolved | null | undefined>> = { model: new Map(), call: new Map(), listed: new Map() };
  const found: { start: number; end: number; resolved: Resolved | null }[] = [];
  let previous: Candidate | undefined;
  for (const c of candidates) {
    if (previous && previous.start === c.start && previous.end === c.end) continue;
    previous = c;
    const written = text.slice(c.start, c.end);
    const memo = judged[c.strength];
    let verdict = memo.get(written);
    if (verdict === undefined && !memo.has(written)) {
      verdict = judge(written, c.strength, catalog);
      memo.set(written, verdict);
    }
    if (verdict !== undefined) found.push({ start: c.start, end: c.end, resolved: verdict });
  }
  if (!found.length) return [];
  const at = positions(
    text,
    found.map((f) => f.start),
  );
  return found.map((f, i) => ({
    line: at[i]!.line,
    column: at[i]!.column,
    length: f.end - f.start,
    text: text.slice(f.start, f.end),
    model: f.resolved?.model ?? null,
    host: f.resolved?.host ?? null,
  }));
}

