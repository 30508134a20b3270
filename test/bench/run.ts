/**
 * `npm run bench`: prints figures, asserts none. Every time is reported next to a baseline
 * measured in the same run on the same text (JSON.parse, and VS Code's own JSON language
 * service validating against our schema), so the ratios hold across machines. Measurements
 * and baselines are taken in turns (see warmedMediansMs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { analyze, explanationLines, findModel, type IncrementalState } from '../../src/engine';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { toJsonSchema } from '../../src/engine/config/jsonSchema';
import { warmedMediansMs, medianMs } from './median';
import { scanBench } from './scan';
import { boundedReadsBench } from './boundedReads';
import { servingBench } from './serving';
import { usageBench } from './usage';
import { syntheticConfig } from './syntheticConfig';

const repoRoot = path.resolve(__dirname, '../../..');

async function main(): Promise<void> {
  const schemaUri = 'llm-cost-lens://schema/llm.config.schema.json';
  const service = getLanguageService({ schemaRequestService: async () => JSON.stringify(toJsonSchema()) });
  service.configure({ validate: true, allowComments: true, schemas: [{ uri: schemaUri, fileMatch: ['*.json'] }] });

  console.log('analyze() against baselines on the same text (median of runs)\n');
  console.log('workloads      size   analyze ms  JSON.parse ms  ×parse  json-ls ms  ×json-ls  ms/1k workloads');
  const rows: { n: number; ms: number; parseMs: number; lsMs: number }[] = [];
  for (const n of [10, 1_000, 10_000]) {
    const text = syntheticConfig(n);
    const runs = n >= 10_000 ? 9 : n >= 1_000 ? 31 : 201;
    const doc = TextDocument.create('file:///bench/llm.config.json', 'json', 1, text);
    const { ms, parseMs, lsMs } = await warmedMediansMs(runs, {
      ms: () => analyze(text),
      parseMs: () => JSON.parse(text),
      lsMs: () => service.doValidation(doc, service.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'ignore' }),
    });
    rows.push({ n, ms, parseMs, lsMs });
    console.log(
      `${String(n).padStart(9)} ${kb(text.length).padStart(9)} ${ms.toFixed(2).padStart(12)} ${parseMs.toFixed(3).padStart(14)} ${(ms / parseMs).toFixed(0).padStart(7)} ${lsMs.toFixed(2).padStart(11)} ${(ms / lsMs).toFixed(2).padStart(9)} ${((ms / n) * 1000).toFixed(2).padStart(16)}`,
    );
  }
  const [, k1, k10] = rows;
  const growth = (key: 'ms' | 'parseMs' | 'lsMs') => `×${(k10![key] / k1![key]).toFixed(1)}`;
  console.log(`\ngrowth 1k → 10k workloads: ${growth('ms')} time for ×10 size (linear = ×10); on the same texts JSON.parse ${growth('parseMs')}, json-ls ${growth('lsMs')}`);
  // Time per workload across sizes: flat once the analysis outgrows the young heap.
  const perWorkload: string[] = [];
  for (const n of [1_000, 3_000, 10_000, 30_000]) {
    const text = syntheticConfig(n);
    const { ms } = await warmedMediansMs(n >= 10_000 ? 7 : 21, { ms: () => analyze(text) });
    perWorkload.push(`${n.toLocaleString('en-US')}: ${((ms / n) * 1000).toFixed(2)} µs`);
  }
  console.log(`time per workload: ${perWorkload.join(', ')}`);

  // Lenses and hover figures are built when read, and their steps written out as lines when shown; this is all of them.
  const thousand = syntheticConfig(1000);
  const everything = await warmedMediansMs(31, {
    analyze: () => analyze(thousand),
    readAll: () => {
      const a = analyze(thousand);
      for (const lens of a.lenses) void [lens.title, explanationLines(lens.explanation)];
      for (const figure of a.figures) void explanationLines(figure.explanation);
      for (const w of a.workloads) void explanationLines(w.explanation);
    },
  });
  console.log(`1,000 workloads, every lens title and explanation and every hover figure read as well: ${everything.readAll.toFixed(1)} ms (analyze alone ${everything.analyze.toFixed(1)} ms)`);

  const oneMb = syntheticConfig(Math.round((1_000_000 / syntheticConfig(1000).length) * 1000));
  const mbMs = await medianMs(5, () => analyze(oneMb));
  console.log(`1 MB config (${kb(oneMb.length)}): analyze ${mbMs.toFixed(1)} ms (what lenses, hovers and diagnostics share per document version)`);
  // Typing in it: each version analysed with the last one's state (the editor's path), edits in
  // the middle that change the length, as typing does.
  const state: IncrementalState = {};
  analyze(oneMb, {}, state);
  const volumeAt = oneMb.indexOf('"monthlyTokens": "', oneMb.length >> 1) + '"monthlyTokens": "'.length;
  const rest = oneMb.slice(oneMb.indexOf('"', volumeAt));
  let typed = 0;
  const editMs = await medianMs(15, () => analyze(`${oneMb.slice(0, volumeAt)}${['11M', '110M'][typed++ % 2]}${rest}`, {}, state), 300);
  console.log(`  an edit inside one workload of it, analysed with the last version's state: ${editMs.toFixed(1)} ms, ×${(editMs / mbMs).toFixed(2)} analysing that version whole`);

  // Hostile names and unknown 300-character model ids must cost what benign ones do.
  const named = (hostile: boolean) =>
    JSON.stringify({
      workloads: Array.from({ length: 1000 }, (_, i) => ({
        name: hostile ? `[w${i}](command:x) <img src=x onerror=alert(${i})> ${'x'.repeat(500)}` : `w${i}`,
        model: i % 2 ? 'gpt-4o' : hostile ? `<img src=${i}>${'m'.repeat(300)}` : `unknown-model-${i}`,
        monthlyTokens: `${i + 1}M`,
      })),
    });
  const hostile = named(true);
  const benign = named(false);
  const { hostileMs, benignMs } = await warmedMediansMs(15, { hostileMs: () => analyze(hostile), benignMs: () => analyze(benign) });
  console.log(`1,000 hostile workloads (${kb(hostile.length)}): ${hostileMs.toFixed(1)} ms, ×${(hostileMs / benignMs).toFixed(2)} the same config with benign names (${kb(benign.length)}, ${benignMs.toFixed(1)} ms)`);

  // Files made to be slow: one object of many unknown properties, one name used by every workload.
  const unknownKeys = JSON.stringify({ workloads: [], ...Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`x${i}`, i])) });
  const sameName = JSON.stringify({ workloads: Array.from({ length: 5_000 }, () => ({ name: 'same', model: 'gpt-4o', monthlyTokens: '1M' })) });
  for (const [label, text] of [['20,000 unknown properties in one object', unknownKeys], ['5,000 workloads of one name', sameName]] as const) {
    const doc = TextDocument.create('file:///bench/llm.config.json', 'json', 1, text);
    const t = await warmedMediansMs(9, {
      analyze: () => analyze(text),
      jsonLs: () => service.doValidation(doc, service.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'ignore' }),
    });
    console.log(`${label} (${kb(text.length)}): analyze ${t.analyze.toFixed(1)} ms, ×${(t.analyze / t.jsonLs).toFixed(2)} json-ls (${t.jsonLs.toFixed(1)} ms)`);
  }

  // The catalog: the files the front ends read on first use, their index, and name lookups.
  console.log('\ncatalog (read on first use, never at activation)');
  const dataDir = path.join(repoRoot, 'src/engine/catalog/data');
  const catalogFiles = { prices: readFileSync(path.join(dataDir, 'prices.json'), 'utf8'), openModels: readFileSync(path.join(dataDir, 'openModels.json'), 'utf8') };
  // The catalog as the extension and the CLI load it: with the serving model's GPUs, which size every open model's cheapest setup.
  const productFiles = { ...catalogFiles, gpus: readFileSync(path.join(dataDir, 'gpus.json'), 'utf8') };
  const entries = (JSON.parse(catalogFiles.prices) as { entries: unknown[] }).entries.length;
  const names = (JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/model-names.json'), 'utf8')) as { names: { text: string }[] }).names.map((n) => n.text);
  const loads = await warmedMediansMs(15, {
    parse: () => JSON.parse(catalogFiles.prices),
    load: () => catalogFromFiles(catalogFiles),
    // A fresh catalog each time: the name index is built on the first lookup.
    loadAndIndex: () => findModel('gpt-4o-mini', catalogFromFiles(catalogFiles).catalog),
  });
  console.log(`  price table ${kb(catalogFiles.prices.length)}, ${entries} entries, and ${kb(catalogFiles.openModels.length)} of open models' shapes`);
  console.log(`  JSON.parse ${loads.parse.toFixed(1)} ms; parse + validate ${loads.load.toFixed(1)} ms; + index ${loads.loadAndIndex.toFixed(1)} ms (${((loads.loadAndIndex / entries) * 1000).toFixed(2)} ms per 1,000 entries)`);
  // Lookups as the analysis makes them: each name a first time in a catalog whose indexes are
  // built (the card is kept per catalog after). The budget is the median over the table's
  // names of each name's own median; the baseline is the least a lookup can cost, a
  // normalized key in a Map of the table's size.
  const shipped = catalogFromFiles(catalogFiles).catalog;
  const firstLookups = names.map(() => [] as number[]);
  const baseline = names.map(() => [] as number[]);
  const keys = new Map((JSON.parse(catalogFiles.prices) as { entries: { key: string }[] }).entries.map((e) => [e.key.toLowerCase(), e]));
  for (let rep = 0; rep < 61; rep++) {
    const fresh = { ...shipped };
    findModel('gpt-4o-mini', fresh);
    names.forEach((n, i) => {
      const started = performance.now();
      findModel(n, fresh);
      const mid = performance.now();
      keys.get(n.trim().replace(/\s+/g, ' ').toLowerCase());
      baseline[i]!.push(performance.now() - mid);
      firstLookups[i]!.push(mid - started);
    });
  }
  const middle = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
  const perName = middle(firstLookups.map(middle)) * 1000;
  const perKey = middle(baseline.map(middle)) * 1000;
  console.log(`  a name as written → its card, first lookup: ${perName.toFixed(2)} µs, the median over the ${names.length} names of the resolution table of each name's median (budget 5 µs); ×${(perName / perKey).toFixed(1)} a normalized Map.get (${perKey.toFixed(2)} µs)`);
  const cached = await medianMs(15, () => {
    for (const n of names) findModel(n, shipped);
  }, 300);
  console.log(`  the same names again (kept per catalog): ${((cached / names.length) * 1000).toFixed(3)} µs per name`);
  const thousandWithAll = syntheticConfig(1000);
  const product = catalogFromFiles(productFiles).catalog;
  const withCatalog = await warmedMediansMs(21, {
    curated: () => analyze(thousandWithAll),
    full: () => analyze(thousandWithAll, { catalog: shipped }),
    product: () => analyze(thousandWithAll, { catalog: product }),
  });
  console.log(`  analyze, 1,000 workloads: ${withCatalog.full.toFixed(1)} ms with every price and open model, ×${(withCatalog.full / withCatalog.curated).toFixed(2)} the curated cards alone (${withCatalog.curated.toFixed(1)} ms)`);
  console.log(`    and with the serving model's GPUs as well, as the extension and the CLI load it (each open model's cheapest setup sized): ${withCatalog.product.toFixed(1)} ms, ×${(withCatalog.product / withCatalog.curated).toFixed(2)}`);

  await servingBench();
  await scanBench();
  await boundedReadsBench();
  usageBench(product);

  // Adversarial texts beside benign ones of the same size: each pair should cost about the same.
  console.log('\nadversarial input against benign input of the same size');
  for (const pair of adversarialPairs()) {
    const t = await warmedMediansMs(7, { adversarial: () => analyze(pair.adversarial), benign: () => analyze(pair.benign) });
    console.log(`  ${pair.label.padEnd(58)} ${kb(pair.adversarial.length).padStart(10)}: ${t.adversarial.toFixed(1).padStart(7)} ms, ×${(t.adversarial / t.benign).toFixed(2)} benign (${t.benign.toFixed(1)} ms)`);
  }

  console.log('\nbundle sizes (dist/, as last built)');
  const dist = path.join(repoRoot, 'dist');
  const files = listFiles(dist).filter((f) => /\.(js|css)$/.test(f));
  for (const f of files) {
    const bytes = statSync(f).size;
    console.log(`  ${path.relative(repoRoot, f).padEnd(28)} ${bytes.toLocaleString('en-US').padStart(9)} bytes  ${kb(bytes).padStart(10)}`);
  }
}

/** Pairs of texts of one size: one made to be slow, one ordinary. */
function adversarialPairs(): { label: string; adversarial: string; benign: string }[] {
  const size = 200_000;
  const workload = (monthlyTokens: string, name = 'w') => JSON.stringify({ workloads: [{ name, model: 'gpt-4o', monthlyTokens }] });
  const padTo = (text: string, pad: string) => text.replace('"w"', `"w${pad.repeat(Math.max(0, size - text.length))}"`);
  const deep = (open: string, close: string, comment: string) => `${comment}{"extra": ${open.repeat(size / 2 - 20)}${close.repeat(size / 2 - 20)}, "workloads": []}`;
  return [
    // A digit, blanks and a letter: the shape that made the volume pattern backtrack.
    { label: 'monthlyTokens "1", 200,000 blanks, "x"', adversarial: workload(`1${' '.repeat(size)}x`), benign: padTo(workload('240M'), 'a') },
    { label: 'arrays nested 100,000 deep, with a comment', adversarial: deep('[', ']', '// c\n'), benign: `// c\n{"extra": [${'1,'.repeat(size / 2 - 20)}1], "workloads": []}` },
    { label: 'arrays nested 100,000 deep, strict JSON', adversarial: deep('[', ']', ''), benign: `{"extra": [${'1,'.repeat(size / 2 - 20)}1], "workloads": []}` },
    { label: 'a workload name of 200,000 characters with bidi and $(icon)', adversarial: workload('1M', `\u202e$(zap)${'\u2066x'.repeat(size / 2)}`), benign: padTo(workload('1M'), 'a') },
  ];
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  } catch {
    return [];
  }
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
