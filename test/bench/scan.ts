/**
 * Scanning code for model names: a 1 MB source file, a workspace of 5,000 files (in memory
 * through the engine's walk, and on disk through the CLI's scan), and the work a keystroke
 * costs in a 5,000-line Python file. Each next to a baseline on the same text or tree,
 * measured in the same run: splitting the text into lines, JSON.parse of a config as large,
 * reading every file of the tree.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { scanFolder } from '../../src/cli/scan';
import type { Catalog } from '../../src/engine';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { scanLanguages, scanText } from '../../src/engine/scan';
import { GITIGNORE, IgnoreFiles, MAX_DEPTH, splitPath, walkFiles, type FileTree, type TreeEntry } from '../../src/engine/ignore/ignoreFiles';
import { warmedMediansMs } from './median';
import { syntheticConfig } from './syntheticConfig';

const repoRoot = path.resolve(__dirname, '../../..');
const MB = 1 << 20;

interface Snippet {
  language: string;
  text: string;
}

const corpus: Snippet[] = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/code-scan/corpus.json'), 'utf8')).snippets;

/** Corpus snippets of a language and ordinary code between them, to `bytes`. */
function sourceOf(language: string, bytes: number): string {
  const snippets = corpus.filter((s) => s.language === language).map((s) => s.text);
  const filler = language === 'python' ? 'def step(x):\n    total = x * 2  # no model here\n    return total\n' : 'function step(x) {\n  const total = x * 2; // no model here\n  return total;\n}\n';
  let text = '';
  for (let k = 0; text.length < bytes; k++) text += `${snippets[k % snippets.length]}\n${filler}\n`;
  return text.slice(0, bytes);
}

/** A JSON config of about `bytes`. */
function configOf(bytes: number): string {
  return syntheticConfig(Math.max(1, Math.round((bytes / syntheticConfig(1000).length) * 1000)));
}

/**
 * 5,000 files in 50 packages of 10 folders of 10 files, each package with a .gitignore, the
 * root's ignoring build output and virtual environments; a tenth of them are not code.
 */
function syntheticWorkspace(): Map<string, string> {
  const files = new Map<string, string>();
  files.set(GITIGNORE, '# build output\nbuild/\n.venv/\n*.gen.py\n*.log\n');
  const kinds: [string, string][] = [
    ['python', 'py'],
    ['typescript', 'ts'],
    ['go', 'go'],
    ['yaml', 'yaml'],
    ['shellscript', 'sh'],
    ['dotenv', 'env'],
  ];
  const snippets = kinds.map(([language]) => corpus.filter((s) => s.language === language).map((s) => s.text));
  let n = 0;
  for (let p = 0; p < 50; p++) {
    const pkg = `packages/pkg-${p}`;
    files.set(`${pkg}/${GITIGNORE}`, '/local.py\n!keep.gen.py\nfixtures/\n');
    for (let d = 0; d < 10; d++) {
      const folder = d === 9 ? `${pkg}/build` : d === 8 ? `${pkg}/src/fixtures` : `${pkg}/src/mod-${d}`;
      for (let f = 0; f < 10; f++, n++) {
        if (f === 9) {
          files.set(`${folder}/README-${f}.md`, `# Module ${d}\n\nNotes about gpt-4o.\n`);
          continue;
        }
        const k = n % kinds.length;
        const [, extension] = kinds[k]!;
        const list = snippets[k]!;
        const body = `${list[n % list.length]}\n${list[(n + 1) % list.length]}\n`;
        const name = f === 7 ? `file-${f}.gen.${extension}` : `file-${f}.${extension}`;
        files.set(`${folder}/${name}`, body.repeat(Math.max(1, Math.round(2048 / body.length))));
      }
    }
  }
  return files;
}

/**
 * A .gitignore of `count` patterns as large projects write them: file names, anchored paths,
 * extensions, name prefixes, folders, files in named folders, and negations; some match the
 * synthetic workspace's files.
 */
function largeGitignore(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = i % 50;
    const d = i % 8;
    const kinds = [
      `generated-${i}.py`,
      `/packages/pkg-${p}/src/mod-${d}/file-${i % 7}.ts`,
      `*.tmp${i}`,
      `cache-${i}/`,
      `!keep-${i}.log`,
      `build-${i}*/`,
      `packages/pkg-${p}/notes-${i}.md`,
      `[Ss]napshot-${i}.json`,
    ];
    lines.push(kinds[i % kinds.length]!);
  }
  return `${lines.join('\n')}\n`;
}

/** A FileTree over files held in memory. */
function memoryTree(files: ReadonlyMap<string, string>): FileTree {
  const folders = new Map<string, Map<string, TreeEntry>>([['', new Map()]]);
  for (const file of files.keys()) {
    let child = file;
    let kind: TreeEntry['kind'] = 'file';
    for (;;) {
      const { folder, name } = splitPath(child);
      let entries = folders.get(folder);
      if (!entries) folders.set(folder, (entries = new Map()));
      const known = entries.has(name);
      entries.set(name, { name, kind });
      if (known || !folder) break;
      child = folder;
      kind = 'folder';
    }
  }
  return {
    list: (folder) => [...(folders.get(folder)?.values() ?? [])],
    read: (file) => files.get(file),
  };
}

function scanTree(tree: FileTree, catalog: Catalog): { files: number; references: number } {
  let files = 0;
  let references = 0;
  for (const file of walkFiles(tree, (name) => name === 'node_modules' || name === '.git')) {
    const language = scanLanguages.of(file);
    const text = language ? tree.read(file) : undefined;
    if (!language || text === undefined) continue;
    files++;
    references += scanText(text, language, catalog).length;
  }
  return { files, references };
}

/** Every file of a folder on disk, read: the least a scan of it has to do. */
function readEveryFile(root: string): number {
  let bytes = 0;
  const folders = [root];
  while (folders.length) {
    const folder = folders.pop()!;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) folders.push(full);
      else if (entry.isFile()) bytes += readFileSync(full, 'utf8').length;
    }
  }
  return bytes;
}

export async function scanBench(): Promise<void> {
  const data = (file: string) => readFileSync(path.join(repoRoot, 'src/engine/catalog/data', file), 'utf8');
  const { catalog } = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') });

  console.log('\ncode scan: model names in source (median of runs, against baselines on the same text)');
  const config = configOf(MB);
  for (const language of ['python', 'typescript']) {
    const text = sourceOf(language, MB);
    const t = await warmedMediansMs(15, {
      scan: () => scanText(text, language, catalog),
      split: () => text.split('\n'),
      parse: () => JSON.parse(config),
    });
    const mb = text.length / MB;
    console.log(
      `  1 MB of ${language.padEnd(10)} ${t.scan.toFixed(1).padStart(6)} ms (${(t.scan / mb).toFixed(1)} ms per MB, ${scanText(text, language, catalog).length} names): ×${(t.scan / t.split).toFixed(1)} text.split('\\n') (${t.split.toFixed(2)} ms), ×${(t.scan / t.parse).toFixed(2)} JSON.parse of a 1 MB config (${t.parse.toFixed(1)} ms)`,
    );
  }

  const workspace = syntheticWorkspace();
  const tree = memoryTree(workspace);
  const withoutGitignores = memoryTree(new Map([...workspace].filter(([file]) => !file.endsWith(GITIGNORE))));
  const scanned = scanTree(tree, catalog);
  const listed = [...walkFiles(tree)].length;
  const w = await warmedMediansMs(9, {
    scan: () => scanTree(tree, catalog),
    walk: () => [...walkFiles(tree)].length,
    walkBare: () => [...walkFiles(withoutGitignores)].length,
    split: () => {
      for (const text of workspace.values()) text.split('\n');
    },
  });
  const kib = [...workspace.values()].reduce((sum, text) => sum + text.length, 0) / 1024;
  console.log(
    `  ${workspace.size.toLocaleString('en-US')} files in memory (${(kib / 1024).toFixed(1)} MiB, 51 .gitignore files; ${listed.toLocaleString('en-US')} not ignored, ${scanned.files.toLocaleString('en-US')} scanned, ${scanned.references.toLocaleString('en-US')} names): ${w.scan.toFixed(1)} ms, ${((w.scan / workspace.size) * 1000).toFixed(1)} µs per file; ×${(w.scan / w.split).toFixed(1)} splitting every file into lines (${w.split.toFixed(1)} ms)`,
  );
  console.log(
    `    of which the walk with its .gitignore files ${w.walk.toFixed(1)} ms (${((w.walk / workspace.size) * 1000).toFixed(1)} µs per file), ×${(w.walk / w.walkBare).toFixed(2)} the same walk with none (${w.walkBare.toFixed(1)} ms)`,
  );

  // A large .gitignore (8,000 patterns of every kind but `**`) over the same 5,000 files, against none at all, in this run.
  const large = largeGitignore(8000);
  const bare = new Map([...workspace].filter(([file]) => !file.endsWith(GITIGNORE)));
  const withLarge = memoryTree(new Map([...bare, [GITIGNORE, large]]));
  const withNone = memoryTree(bare);
  const kept = [...walkFiles(withLarge)].length;
  const g = await warmedMediansMs(9, { large: () => [...walkFiles(withLarge)].length, none: () => [...walkFiles(withNone)].length });
  console.log(
    `  the ${bare.size.toLocaleString('en-US')} files under one .gitignore of 8,000 patterns (${(large.length / 1024).toFixed(0)} KiB, no \`**\`; ${kept.toLocaleString('en-US')} not ignored): walk ${g.large.toFixed(1)} ms, ×${(g.large / g.none).toFixed(2)} the same walk with no .gitignore (${g.none.toFixed(1)} ms)`,
  );

  // A .gitignore written to make the matcher backtrack (many `**` against the deepest paths read), against one as long with plain paths.
  const hostileGitignore = Array.from({ length: 2000 }, (_, i) => (i % 2 ? `**/a/**/a${i}/b` : `${'**/a/'.repeat(8)}b${i}`)).join('\n');
  const plainGitignore = Array.from({ length: 2000 }, (_, i) => `a/a${i}/b`).join('\n');
  const deepFiles = Array.from({ length: 1000 }, (_, f) => `${'a/'.repeat(MAX_DEPTH)}c${f}.py`);
  const matchAll = (text: string) => () => {
    const ignored = IgnoreFiles.of([{ folder: '', text }]);
    for (const file of deepFiles) ignored.ignores(file, false);
  };
  const h = await warmedMediansMs(5, { hostile: matchAll(hostileGitignore), plain: matchAll(plainGitignore) });
  console.log(
    `  a .gitignore of 2,000 patterns with up to eight \`**\` each, 1,000 files ${MAX_DEPTH} folders deep: ${h.hostile.toFixed(1)} ms, ×${(h.hostile / h.plain).toFixed(2)} 2,000 plain patterns (${h.plain.toFixed(1)} ms)`,
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-bench-scan-'));
  try {
    for (const [file, text] of workspace) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const d = await warmedMediansMs(5, { scan: () => scanFolder(dir, catalog), read: () => readEveryFile(dir) });
    console.log(
      `  the same files on disk, llm-cost-lens scan (scanFolder): ${d.scan.toFixed(1)} ms, ${((d.scan / workspace.size) * 1000).toFixed(1)} µs per file; ×${(d.scan / d.read).toFixed(2)} listing and reading every file (${d.read.toFixed(1)} ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // A keystroke: the document's new text, scanned whole (what CodeScanProvider.references runs for a new version).
  const lines = sourceOf('python', 400_000).split('\n').slice(0, 5000);
  const document = lines.join('\n');
  const similarConfig = configOf(document.length);
  const at = document.indexOf('\n', Math.floor(document.length / 2));
  let typed = 0;
  const edited = () => `${document.slice(0, at)}${'x'.repeat(1 + (typed++ % 8))}${document.slice(at)}`;
  const k = await warmedMediansMs(101, {
    scan: () => scanText(edited(), 'python', catalog),
    split: () => edited().split('\n'),
    parse: () => JSON.parse(similarConfig),
  });
  console.log(
    `  a keystroke in a ${lines.length.toLocaleString('en-US')}-line Python file (${(document.length / 1024).toFixed(0)} KiB, ${scanText(document, 'python', catalog).length} names): ${k.scan.toFixed(2)} ms to scan the new version; ×${(k.scan / k.split).toFixed(1)} text.split('\\n') of it (${k.split.toFixed(2)} ms), ×${(k.scan / k.parse).toFixed(2)} JSON.parse of a config as large (${k.parse.toFixed(2)} ms)`,
  );
}

if (require.main === module) void scanBench();
