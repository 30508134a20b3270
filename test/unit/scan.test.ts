/**
 * Model names where code and config files write them (src/engine/scan): measured on a
 * labelled corpus of snippets from public repositories, pinned to exact positions, tried on
 * each language's literal forms, on random text, and through the CLI's `scan` command.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Catalog } from '../../src/engine';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { scanLanguages, scanText } from '../../src/engine/scan';
import { run } from '../../src/cli/main';

const root = path.resolve(__dirname, '../../..');
const data = (file: string) => readFileSync(path.join(root, 'src/engine/catalog/data', file), 'utf8');

interface Snippet {
  id: string;
  language: string;
  source: string;
  text: string;
  names: string[];
}

const corpus: Snippet[] = JSON.parse(readFileSync(path.join(root, 'test/fixtures/code-scan/corpus.json'), 'utf8')).snippets;
const LANGUAGES = ['python', 'typescript', 'javascript', 'go', 'java', 'csharp', 'rust', 'yaml', 'toml', 'dotenv', 'json', 'shellscript'];

let cat: Catalog;
before(() => {
  const loaded = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') });
  assert.deepEqual(loaded.problems, []);
  cat = loaded.catalog;
});

const names = (text: string, language: string) => scanText(text, language, cat).map((r) => r.text);

/** The text at a reference's line and column, lines split as VS Code splits them. */
function textAt(text: string, line: number, column: number, length: number): string | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  return lines[line]?.slice(column, column + length);
}

describe('code scan: the labelled corpus', () => {
  it(`has ${corpus.length} snippets from public code in ${LANGUAGES.length} languages, each with its source, and look-alikes only in 25 or more`, () => {
    assert.ok(corpus.length >= 120);
    assert.deepEqual([...new Set(corpus.map((s) => s.language))].sort(), [...LANGUAGES].sort());
    for (const language of LANGUAGES) assert.ok(corpus.filter((s) => s.language === language).length >= 3, language);
    assert.ok(corpus.filter((s) => s.names.length === 0).length >= 25);
    assert.equal(new Set(corpus.map((s) => s.id)).size, corpus.length);
    for (const s of corpus) {
      assert.match(s.source, /^[\w.-]+\/[\w.-]+:\S/, s.id);
      assert.ok(scanLanguages.ids.includes(s.language), s.id);
      // Every label is written in the snippet as often as it is listed.
      for (const name of new Set(s.names)) assert.ok(s.text.split(name).length - 1 >= s.names.filter((n) => n === name).length, `${s.id}: ${name}`);
    }
  });

  it('finds the labelled names with precision ≥ 0.98 and recall ≥ 0.9 (over name occurrences)', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let found = 0;
    let labelled = 0;
    const mistakes: string[] = [];
    const byLanguage = new Map<string, { tp: number; fp: number; found: number; labelled: number }>();
    for (const s of corpus) {
      const refs = scanText(s.text, s.language, cat);
      const stats = byLanguage.get(s.language) ?? { tp: 0, fp: 0, found: 0, labelled: 0 };
      byLanguage.set(s.language, stats);
      const labels = new Set(s.names);
      for (const r of refs) {
        if (labels.has(r.text)) {
          truePositives++;
          stats.tp++;
        } else {
          falsePositives++;
          stats.fp++;
          mistakes.push(`${s.id} reported ${JSON.stringify(r.text)}`);
        }
      }
      const counts = new Map<string, number>();
      for (const r of refs) counts.set(r.text, (counts.get(r.text) ?? 0) + 1);
      const wanted = new Map<string, number>();
      for (const n of s.names) wanted.set(n, (wanted.get(n) ?? 0) + 1);
      for (const [name, want] of wanted) {
        const got = Math.min(want, counts.get(name) ?? 0);
        found += got;
        stats.found += got;
        if (got < want) mistakes.push(`${s.id} missed ${JSON.stringify(name)}`);
      }
      labelled += s.names.length;
      stats.labelled += s.names.length;
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = found / labelled;
    const rows = [...byLanguage].map(([language, t]) => `${language.padEnd(12)} precision ${(t.tp / Math.max(1, t.tp + t.fp)).toFixed(3)}  recall ${(t.found / Math.max(1, t.labelled)).toFixed(3)}  (${t.found}/${t.labelled} names)`);
    console.log(`      code scan on ${corpus.length} snippets: precision ${precision.toFixed(3)} (${truePositives}/${truePositives + falsePositives}), recall ${recall.toFixed(3)} (${found}/${labelled})\n${rows.map((r) => `        ${r}`).join('\n')}${mistakes.length ? `\n        ${mistakes.join('\n        ')}` : ''}`);
    assert.ok(precision >= 0.98, `precision ${precision}`);
    assert.ok(recall >= 0.9, `recall ${recall}`);
  });

  it('pins the exact place, model and host of a few references', () => {
    const at = (id: string) => {
      const s = corpus.find((c) => c.id === id)!;
      return scanText(s.text, s.language, cat).map((r) => `${r.line}:${r.column}+${r.length} ${r.text} → ${r.model} @ ${r.host}`);
    };
    assert.deepEqual(at('python-001'), ['1:11+11 gpt-4o-mini → gpt-4o-mini @ openai']);
    assert.deepEqual(at('yaml-001'), ['1:16+13 gpt-3.5-turbo → gpt-3.5-turbo @ openai', '3:13+24 azure/gpt-turbo-small-eu → null @ null', '9:13+35 bedrock/anthropic.claude-instant-v1 → anthropic.claude-instant-v1 @ bedrock']);
    // Go: the JSON inside a raw string.
    assert.deepEqual(at('go-003'), ['4:14+6 gpt-4o → gpt-4o @ openai']);
    // C#: a target-typed `new(…)` of a ChatClient.
    assert.deepEqual(at('csharp-004'), ['1:25+7 gpt-4.1 → gpt-4.1 @ openai']);
    // Shell: inside the quotes of `--model="…"`, and the default of `${3:-"…"}`.
    assert.deepEqual(at('shellscript-011'), ['0:29+26 meta-llama/Meta-Llama-3-8B → llama-3-8b @ deepinfra']);
    // The curated card keeps its own list price; Bedrock's entry, at another price, is not attached to it.
    assert.deepEqual(at('shellscript-009'), ['2:12+35 meta-llama/Meta-Llama-3-8B-Instruct → llama-3-8b @ null']);
    // promptfoo's provider:model form.
    assert.deepEqual(at('typescript-005'), ['5:13+13 openai:gpt-4o → gpt-4o @ openai']);
    // Ollama tags.
    assert.deepEqual(at('shellscript-005'), ['3:12+8 llama3.2 → llama-3.2-3b @ ollama', '4:11+8 llama3.2 → llama-3.2-3b @ ollama']);
  });
});

describe('code scan: literals as each language writes them', () => {
  it('Python: comments, escapes, triple quotes, f-strings and raw strings', () => {
    assert.deepEqual(names('model="gpt-4o"  # model="claude-3-opus-20240229"', 'python'), ['gpt-4o']);
    assert.deepEqual(names('model = "gpt-4o\\"x"\nmodel = \'it\\\'s gpt-4o\'', 'python'), []);
    assert.deepEqual(names('doc = """\nmodel="gpt-4o"\n"""\nmodel = "gpt-4o-mini"', 'python'), ['gpt-4o-mini']);
    assert.deepEqual(names("prompt = '''it's model=\"gpt-4\"'''\nllm = ChatOpenAI(model_name='gpt-4.1')", 'python'), ['gpt-4.1']);
    assert.deepEqual(names('model = f"gpt-{version}"\nmodel = r"gpt-4o"\nmodel = rb"o3-mini"', 'python'), ['gpt-4o', 'o3-mini']);
    assert.deepEqual(names('OPENAI_MODEL = os.getenv("OPENAI_MODEL", "gpt-4o-mini")\nKEY = os.getenv("OPENAI_API_KEY", "gpt-4o")', 'python'), ['gpt-4o-mini']);
  });

  it('JavaScript and TypeScript: templates, regular expressions, comments, JSON in strings', () => {
    assert.deepEqual(names('const a = `model: ${m} "gpt-4o"`;\nconst model = \'gpt-4o-mini\';', 'typescript'), ['gpt-4o-mini']);
    assert.deepEqual(names('const re = /model="gpt-4o"/g;\nconst model = "o3-mini";', 'javascript'), ['o3-mini']);
    assert.deepEqual(names('// model: "gpt-4o"\n/* model: "gpt-4" */\nconst x = 1 / 2; const model = "gpt-4.1"; // "gpt-4o"', 'javascript'), ['gpt-4.1']);
    assert.deepEqual(names('fetch(url, { body: \'{"model": "gpt-4o", "stream": true}\' });', 'javascript'), ['gpt-4o']);
    assert.deepEqual(names('const t = `outer ${ { model: "gpt-4o-mini" }.model } end`;', 'typescript'), ['gpt-4o-mini']);
    assert.deepEqual(names('import OpenAI from "openai";\nconst img = "gpt-4o.png";\nconsole.log("gpt-4o");', 'typescript'), []);
  });

  it('Go raw strings and runes, Rust raw strings and lifetimes, C# verbatim strings, Java text blocks', () => {
    assert.deepEqual(names('payload := `{"model": "gpt-4o"}`\nr := \'"\'\nmodel := "gpt-4o-mini"', 'go'), ['gpt-4o', 'gpt-4o-mini']);
    assert.deepEqual(names('msg := `model := "gpt-4"`\nModel: "llama3.2:1b",', 'go'), ['llama3.2:1b']);
    assert.deepEqual(names('fn f<\'a>(x: &\'a str) {}\nlet q = \'"\';\nlet s = r#"say "model": now"#;\nlet model = "gpt-4o";', 'rust'), ['gpt-4o']);
    assert.deepEqual(names('/* outer /* inner "gpt-4" */ still "gpt-4o" */ let model = "o3";', 'rust'), ['o3']);
    assert.deepEqual(names('var p = @"C:\\models\\";\nvar model = "gpt-4o";\nvar q = @"say ""gpt-4"" ";', 'csharp'), ['gpt-4o']);
    // An interpolated string is not a name; JSON in a raw string is read as JSON.
    assert.deepEqual(names('var s = $"{model} is gpt-4o";\nvar raw = """\n  "model": "gpt-4.1"\n  """;', 'csharp'), ['gpt-4.1']);
    assert.deepEqual(names('String p = """\n  model = "gpt-4o"\n  """;\nString model = "gpt-4o-mini";', 'java'), ['gpt-4o-mini']);
  });

  it('YAML, TOML, .env, JSON and shell: comments, block scalars, multi-line strings, here-documents', () => {
    assert.deepEqual(names('prompt: |\n  model: gpt-4o\n# model: gpt-4\nmodel: "gpt-4o-mini" # cheap', 'yaml'), ['gpt-4o-mini']);
    assert.deepEqual(names('model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: azure/gpt-4o-eu\n  - model_name: my-alias\n    litellm_params: { model: "openai/gpt-4o-mini" }', 'yaml'), ['gpt-4o', 'azure/gpt-4o-eu', 'openai/gpt-4o-mini']);
    assert.deepEqual(names('steps:\n  - run: |\n      ollama pull llama3.2\n      echo "ollama run llama3"\n  - run: vllm serve Qwen/Qwen2.5-7B-Instruct', 'yaml'), ['llama3.2', 'Qwen/Qwen2.5-7B-Instruct']);
    // Command lines in lists, on one line or several.
    assert.deepEqual(names('args: ["--model", "mistralai/Mistral-7B-Instruct-v0.2", "--port", "8000"]\ncommand: [\n  "sh", "-c",\n  "ollama serve & ollama pull phi3"\n]\nnext: "gpt-4o"', 'yaml'), ['mistralai/Mistral-7B-Instruct-v0.2', 'phi3']);
    assert.deepEqual(names('doc = """\nmodel = "gpt-4o"\n"""\nmodel = "gpt-4o-mini" # fast\n[profiles.local]\nmodel = \'qwen3:8b\'', 'toml'), ['gpt-4o-mini', 'qwen3:8b']);
    assert.deepEqual(names('#OPENAI_MODEL=gpt-4\nexport OPENAI_MODEL="gpt-4o" # prod\nOPENAI_API_KEY=gpt-4o', 'dotenv'), ['gpt-4o']);
    assert.deepEqual(names('{"description": "uses \\"gpt-4o\\"", /* "model": "gpt-4" */ "model": "gpt-4o-mini"}', 'json'), ['gpt-4o-mini']);
    // Text from the file is never a key of an object literal.
    assert.deepEqual(names('{"__proto__": {"model": "constructor"}, "constructor": "gpt-4o", "hasOwnProperty": {"model": "toString"}, "x": {"model": "o3"}}', 'json'), ['gpt-4o', 'o3']);
    assert.deepEqual(names('spring.ai.openai.chat.options.model=gpt-4o\nspring.ai.openai.api-key=sk-x', 'properties'), ['gpt-4o']);
    assert.deepEqual(names('# ollama run llama3\necho "ollama run llama3"\nollama run llama3.2 # first\ngit commit -m "gpt-4o"', 'shellscript'), ['llama3.2']);
    assert.deepEqual(names("cat > config.toml <<'EOF'\nmodel = \"gpt-4o\"\nEOF\ncat > notes.txt <<EOF\nmodel = \"gpt-4\"\nEOF\nvllm serve --model x", 'shellscript'), ['gpt-4o']);
  });

  it('lines end at \\n, \\r\\n and \\r, and columns count UTF-16 code units', () => {
    const text = 'x = "é😀"\r\nmodel = "gpt-4o"\rmodel="gpt-4.1"';
    const refs = scanText(text, 'python', cat);
    assert.deepEqual(
      refs.map((r) => [r.line, r.column, r.text]),
      [
        [1, 9, 'gpt-4o'],
        [2, 7, 'gpt-4.1'],
      ],
    );
    assert.deepEqual(scanText('a = "😀😀"; model = "o3"', 'javascript', cat)[0]!.column, 21);
  });

  it('reads the languages VS Code names, and the CLI picks them by extension or file name', () => {
    for (const language of [...LANGUAGES, 'typescriptreact', 'javascriptreact', 'jsonc', 'properties']) assert.ok(scanLanguages.ids.includes(language), language);
    assert.deepEqual(scanText('model = "gpt-4o"', 'markdown', cat), []);
    const cases: [string, string | undefined][] = [
      ['app.py', 'python'],
      ['src/index.ts', 'typescript'],
      ['View.tsx', 'typescriptreact'],
      ['main.go', 'go'],
      ['Program.cs', 'csharp'],
      ['lib.rs', 'rust'],
      ['config.yaml', 'yaml'],
      ['compose.yml', 'yaml'],
      ['pyproject.toml', 'toml'],
      ['.env', 'dotenv'],
      ['.env.example', 'dotenv'],
      ['prod.env', 'dotenv'],
      ['run.sh', 'shellscript'],
      ['.envrc', 'shellscript'],
      ['settings.json', 'json'],
      ['application.properties', 'properties'],
      ['README.md', undefined],
      ['Dockerfile', undefined],
    ];
    for (const [file, language] of cases) assert.equal(scanLanguages.of(file), language, file);
  });
});

describe('code scan: properties', () => {
  const pieces = fc.constantFrom(
    '"', "'", '`', '\\', '\n', '\r', '\r\n', '$', '{', '}', '(', ')', '[', ']', '#', '//', '/*', '*/', '-', ':', ': ', '=', ',', ' ', '\t', '|', '<<EOF\n', 'EOF\n', "r#\"", '"#', '"""', "'''",
    '@"', '$"', 'model=', 'model: ', 'MODEL=', '--model ', 'ollama run ', 'vllm serve ', '"gpt-4o"', 'gpt-4o-mini', 'claude-3-5-sonnet-20240620', 'llama3.2', 'openai(', 'export ', '- ', '😀', 'é', '\u2028',
  );
  const text = fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(''));

  function assertWellPlaced(source: string, language: string): void {
    for (const r of scanText(source, language, cat)) {
      assert.equal(r.length, r.text.length);
      assert.equal(textAt(source, r.line, r.column, r.length), r.text, `${language} ${JSON.stringify(source)}: ${JSON.stringify(r)}`);
      assert.ok(r.model === null || typeof r.model === 'string');
    }
  }

  it('random text in every language never throws, and every reference is the text at its line and column', function () {
    this.timeout(60_000);
    for (const language of scanLanguages.ids) {
      fc.assert(
        fc.property(text, (source) => assertWellPlaced(source, language)),
        { numRuns: 150 },
      );
    }
  });

  it('the corpus, edited at random, keeps every reference in place', function () {
    this.timeout(60_000);
    const edit = fc.record({ snippet: fc.nat(corpus.length - 1), at: fc.nat(), cut: fc.nat(6), insert: fc.oneof(pieces, fc.string({ maxLength: 4 })) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const s = corpus[edits[0]!.snippet]!;
        let t = s.text;
        for (const e of edits) {
          const at = e.at % (t.length + 1);
          t = t.slice(0, at) + e.insert + t.slice(at + e.cut);
        }
        assertWellPlaced(t, s.language);
      }),
      { numRuns: 400 },
    );
  });
});

describe('code scan: speed', () => {
  /** CPU milliseconds of one call: the least of three runs (load on the machine only ever adds time). */
  function cpu(body: () => unknown, rounds = 3): number {
    let best = Infinity;
    for (let round = 0; round < rounds; round++) {
      const start = process.cpuUsage();
      body();
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  }

  // How fast 1 MB scans is a figure of `npm run bench` (test/bench/scan.ts); here, only how time grows.
  it('scans hostile text in linear time', function () {
    this.timeout(300_000);
    const MB = 1 << 20;
    scanText('model = "gpt-4o"', 'python', cat);
    // Growth from 16 KB to 256 KB (×16) of text built to make a scanner retry: linear is ×16, quadratic ×256.
    const GROWTH_BOUND = 96;
    const hostile = ['"', "'", '(', '{', '`${', '<<EOF\n', '- ', 'x = [', '\\', 'model="gpt-4o"\n'];
    // One language of each scanner.
    for (const language of ['python', 'typescript', 'go', 'java', 'csharp', 'rust', 'json', 'yaml', 'toml', 'dotenv', 'shellscript']) {
      for (const unit of hostile) {
        const make = (size: number) => JSON.parse(JSON.stringify(unit.repeat(Math.ceil(size / unit.length)))) as string;
        const small = make(MB >> 6);
        const big = make(MB >> 2);
        // The least of three tries: a pause of the collector or another process can make one linear run look slow.
        let growth = Infinity;
        for (let attempt = 0; attempt < 3 && growth >= GROWTH_BOUND; attempt++) growth = Math.min(growth, cpu(() => scanText(big, language, cat), 2) / Math.max(1, cpu(() => scanText(small, language, cat), 2)));
        assert.ok(growth < GROWTH_BOUND, `${language} on ${JSON.stringify(unit)}×: time ×${growth.toFixed(0)} for text ×16`);
      }
    }
  });
});

describe('code scan: the CLI (llm-cost-lens scan)', function () {
  // Some tests run the built CLI in a process of its own: seconds on a busy machine.
  this.timeout(30_000);
  function folder(files: Record<string, string | Buffer>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-scan-'));
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    return dir;
  }

  async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
    let stdout = '';
    const code = await run(args, (s) => (stdout += s));
    return { code, stdout };
  }

  const files = {
    'src/app.py': 'client.chat.completions.create(model="gpt-4o-mini", messages=[])\n',
    '.env': 'OPENAI_MODEL=gpt-4o\nOPENAI_API_KEY=sk-test\n',
    'config.yaml': 'model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: azure/my-gpt4o-deployment\n',
    'scripts/serve.sh': 'vllm serve meta-llama/Llama-3.1-8B-Instruct --port 8000\n',
    'node_modules/sdk/index.js': 'const model = "gpt-4.1";\n',
    '.git/hooks/x.py': 'model = "gpt-4.1"\n',
    'ignored/secret.py': 'model = "gpt-4.1"\n',
    'src/a.gen.ts': 'const model = "gpt-4.1";\n',
    'src/keep.gen.ts': 'const model = "o3-mini";\n',
    'logs/run.sh': 'ollama run llama3\n',
    'notes.md': 'model = "gpt-4.1"\n',
    'big.py': `model = "gpt-4.1"\n${'#'.repeat(1 << 20)}\n`,
    'binary.py': Buffer.from('model = "gpt-4.1"\u0000\n'),
    'src/x\u001b[31m.py': 'model = "claude-3-haiku-20240307"\n',
    '.gitignore': '# generated\nignored/\n*.gen.ts\n!keep.gen.ts\n/logs\n',
  };

  it('--json lists every reference as { file, line, column, text, model, host }, skipping node_modules, .git, .gitignore paths, big and binary files', async () => {
    const dir = folder(files);
    const r = await cli('scan', dir, '--json');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['references']);
    for (const ref of json.references) {
      assert.deepEqual(Object.keys(ref), ['file', 'line', 'column', 'text', 'model', 'host']);
      assert.ok(Number.isInteger(ref.line) && ref.line >= 1 && Number.isInteger(ref.column) && ref.column >= 1);
      // The text is in the file at the 1-based line and column.
      const content = readFileSync(path.join(dir, ref.file), 'utf8');
      assert.equal(textAt(content, ref.line - 1, ref.column - 1, ref.text.length), ref.text);
    }
    assert.deepEqual(
      json.references.map((x: { file: string; line: number; column: number; text: string; model: string | null }) => `${x.file}:${x.line}:${x.column} ${x.text} ${x.model}`),
      [
        '.env:1:14 gpt-4o gpt-4o',
        'config.yaml:2:17 gpt-4o gpt-4o',
        'config.yaml:4:14 azure/my-gpt4o-deployment null',
        'scripts/serve.sh:1:12 meta-llama/Llama-3.1-8B-Instruct llama-3.1-8b',
        'src/app.py:1:39 gpt-4o-mini gpt-4o-mini',
        'src/keep.gen.ts:1:16 o3-mini o3-mini',
        'src/x\u001b[31m.py:1:10 claude-3-haiku-20240307 claude-3-haiku-20240307',
      ],
    );
    assert.equal(json.references[0].host, 'openai');
  });

  it('text output groups by model with counts and file:line:column, escaped for terminals; the default folder is the current one', async () => {
    const dir = folder(files);
    const r = await cli('scan', dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^gpt-4o \(openai\): 2 references\n {2}\.env:1:14\n {2}config\.yaml:2:17\n/);
    assert.match(r.stdout, /^not in the catalog: 1 reference\n {2}config\.yaml:4:14 {2}azure\/my-gpt4o-deployment$/m);
    assert.match(r.stdout, /src\/x\\u001b\[31m\.py:1:10$/m);
    assert.doesNotMatch(r.stdout, /\u001b/);
    assert.match(r.stdout, /^7 model names \(5 models in the catalog\) in 6 files; 6 files scanned, 2 skipped \(over 1 MB or binary\)\n$/m);
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      assert.equal((await cli('scan')).stdout, r.stdout);
    } finally {
      process.chdir(cwd);
    }
    const empty = folder({ 'a.py': 'print("hello")\n' });
    assert.equal((await cli('scan', empty)).stdout, 'No model names found; 1 file scanned\n');
  });

  it('the built CLI (dist/cli.js) prints the same JSON and exits 0', async function () {
    const built = path.join(root, 'dist/cli.js');
    if (!existsSync(built)) this.skip();
    const dir = folder(files);
    const r = spawnSync(process.execPath, [built, 'scan', dir, '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, (await cli('scan', dir, '--json')).stdout);
    const usage = spawnSync(process.execPath, [built, 'scan', path.join(dir, 'missing')], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^llm-cost-lens: cannot read .*ENOENT\n$/);
  });

  it('a path that is not a folder is a usage error', async () => {
    const dir = folder({ 'a.py': '' });
    await assert.rejects(cli('scan', path.join(dir, 'a.py')), /is not a folder/);
    await assert.rejects(cli('scan', path.join(dir, 'missing')), /cannot read .*ENOENT/);
    await assert.rejects(cli('scan', dir, dir), /at most one folder/);
  });

  it('reads nested .gitignore files: each applies to its folder, a deeper one overrides, an ignored folder stays ignored', async () => {
    const dir = folder({
      '.gitignore': 'build/\n*.gen.py\n',
      'app.py': 'model = "gpt-4o"\n',
      'build/out.py': 'model = "gpt-4.1"\n',
      'a.gen.py': 'model = "gpt-4.1"\n',
      'services/.gitignore': '!keep.gen.py\n/local.py\nfixtures/\n',
      'services/keep.gen.py': 'model = "o3-mini"\n',
      'services/local.py': 'model = "gpt-4.1"\n',
      'services/api/local.py': 'model = "gpt-4o-mini"\n',
      'services/api/fixtures/x.py': 'model = "gpt-4.1"\n',
      'build/.gitignore': '!out.py\n',
    });
    const json = JSON.parse((await cli('scan', dir, '--json')).stdout);
    assert.deepEqual(
      json.references.map((r: { file: string; text: string }) => `${r.file} ${r.text}`),
      ['app.py gpt-4o', 'services/keep.gen.py o3-mini', 'services/api/local.py gpt-4o-mini'],
    );
  });
});

describe('code scan: up to a line, as the editor scans what is visible first', () => {
  it('finds on the lines before the end only what the whole text finds there, for every line end of every snippet', function () {
    this.timeout(120_000);
    let checked = 0;
    let found = 0;
    let deferred = 0;
    const key = (r: { line: number; column: number; text: string; model: string | null }) => `${r.line}:${r.column}:${r.text}:${r.model}`;
    for (const snippet of corpus) {
      const full = scanText(snippet.text, snippet.language, cat);
      let lineEnd = snippet.text.indexOf('\n');
      let line = 0;
      while (lineEnd !== -1) {
        const prefix = scanText(snippet.text, snippet.language, cat, lineEnd).map(key);
        const whole = full.filter((r) => r.line <= line).map(key);
        // Never a name the whole scan does not report, nor one resolved otherwise.
        for (const k of prefix) assert.ok(whole.includes(k), `${snippet.id}, up to line ${line + 1}: ${k} is not in the whole scan`);
        found += prefix.length;
        deferred += whole.length - prefix.length;
        checked++;
        lineEnd = snippet.text.indexOf('\n', lineEnd + 1);
        line++;
      }
    }
    assert.ok(checked > 1000, `${checked} line ends`);
    // A name inside a construct that closes below the line (a here-document) waits for the whole scan.
    assert.ok(deferred * 20 < found, `${deferred} names left to the whole scan against ${found} found up to the line`);
    console.log(`      ${checked} line ends: ${found} names found up to the line, ${deferred} left to the whole scan (a here-document not yet closed)`);
  });
});
