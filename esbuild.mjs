// Builds the bundles: extension host (Node: the entry point, and the features it loads after
// activation), extension host (web worker, one file), comparison-panel webview (browser) and CLI (Node).
// Flags: --production (minify, no source maps), --watch (rebuild on change).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  metafile: true,
  logLevel: 'silent',
  // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  // Messages use ×, —, ≥ and ·: written as UTF-8, not as six-byte escapes.
  charset: 'utf8',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

/**
 * The desktop entry point requires ./features at run time instead of bundling it, so that
 * activation loads a few kilobytes; the web host gets both in one file.
 */
const featuresApart = {
  name: 'features-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/features$/ }, () => ({ path: './features.js', external: true }));
  },
};

/**
 * What the desktop host loads on first use (see src/extension/onDemand.ts): each module is a
 * bundle of its own in dist/, and a `require` of it by its bare name stays a require there.
 */
const ON_DEMAND = {
  recommend: 'src/extension/recommend.ts',
  findUsage: 'src/extension/findUsage.ts',
  importUsage: 'src/extension/importUsage.ts',
  explainFigure: 'src/extension/explainFigure.ts',
  codeScan: 'src/extension/codeScan.ts',
  comparisonPanel: 'src/extension/panel/comparisonPanel.ts',
  priceRefreshHost: 'src/extension/priceRefreshHost.ts',
};

const onDemandApart = {
  name: 'on-demand-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/\w+$/ }, (args) => {
      const name = args.path.slice(2);
      return args.kind === 'require-call' && Object.hasOwn(ON_DEMAND, name) ? { path: `./${name}.js`, external: true } : undefined;
    });
  },
};

/**
 * The engine, for the desktop host's features and the bundles they load on demand: its core
 * (analysis, catalog, pricing, sizing) is one bundle of its own, dist/engine.js, built from
 * src/extension/engineBundle.ts, shared by all of them and required by the first call into
 * it. An import of a core module becomes a module whose exports are getters that load the
 * engine when first read (esbuild reads a CommonJS module's exports through getters too, so
 * nothing loads before a call). Engine modules outside the core (the code scanner, the price
 * refresh) stay in the one bundle that uses them, and take the core from dist/engine.js too.
 */
const ENGINE_DIR = path.resolve('src/engine');
const ENGINE_ENTRY = 'src/extension/engineBundle.ts';

function engineOnFirstUse({ exportNames, core, surface }) {
  return {
    name: 'engine-on-first-use',
    setup(build) {
      build.onResolve({ filter: /./ }, (args) => {
        if (args.path === './engine.js' && args.namespace === 'engine-on-first-use') return { path: './engine.js', external: true };
        if (!args.path.startsWith('.') || !args.resolveDir) return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        if (!target.startsWith(ENGINE_DIR)) return undefined;
        const file = [`${target}.ts`, path.join(target, 'index.ts'), target].find((f) => core.has(f));
        if (!file) return undefined;
        if (!surface.has(file)) return { errors: [{ text: `${args.path} (from ${path.relative('.', args.importer)}) is in the engine's core but not re-exported by ${ENGINE_ENTRY}` }] };
        return { path: 'engine', namespace: 'engine-on-first-use' };
      });
      build.onLoad({ filter: /.*/, namespace: 'engine-on-first-use' }, () => ({
        contents: [
          'let engine;',
          "const load = () => (engine ??= require('./engine.js'));",
          'exports.__esModule = true;',
          `for (const name of ${JSON.stringify(exportNames)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}

/** The engine modules engineBundle.ts re-exports, as absolute paths of their files. */
async function engineSurface() {
  const text = await readFile(ENGINE_ENTRY, 'utf8');
  const files = new Set();
  for (const line of text.split('\n')) {
    const from = line.indexOf(" from '");
    if (!line.startsWith('export') || from < 0) continue;
    const target = path.resolve(path.dirname(ENGINE_ENTRY), line.slice(from + 7, line.lastIndexOf("'")));
    files.add(existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts'));
  }
  return files;
}

/**
 * The desktop host and the CLI read the curated catalog from the copy beside their bundle,
 * when the engine loads, instead of carrying it inline (see src/engine/catalog/curated.ts).
 */
const curatedBeside = {
  name: 'curated-beside',
  setup(build) {
    build.onLoad({ filter: /[\\/]catalog[\\/]data[\\/]curated\.json$/ }, () => ({
      contents: 'module.exports = JSON.parse(require("node:fs").readFileSync(require("node:path").join(__dirname, "catalog", "curated.json"), "utf8"));',
      loader: 'js',
    }));
  },
};

export const bundles = {
  extension: {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [featuresApart],
  },
  features: {
    ...common,
    entryPoints: ['src/extension/features.ts'],
    outfile: 'dist/features.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [curatedBeside, onDemandApart],
  },
  onDemand: {
    ...common,
    entryPoints: Object.entries(ON_DEMAND).map(([out, path]) => ({ in: path, out })),
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [curatedBeside, onDemandApart],
  },
  engine: {
    ...common,
    entryPoints: [ENGINE_ENTRY],
    outfile: 'dist/engine.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [curatedBeside],
  },
  web: {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    // The catalog service reads its files with node:fs only on the desktop host.
    external: ['vscode', 'node:fs'],
  },
  webview: {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  cli: {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [curatedBeside],
  },
};

/** Prints errors in the shape of the `$esbuild-watch` problem matcher. */
const problemMatcherReporter = (name) => ({
  name: 'problem-matcher-reporter',
  setup(build) {
    build.onStart(() => console.log(`[watch] build started (${name})`));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log(`[watch] build finished (${name})`);
    });
  },
});

/** dist/llm.config.schema.json, generated from the zod schema (the single source of truth). */
async function writeJsonSchema() {
  const tmp = 'dist/.schema-gen.cjs';
  await esbuild.build({ ...common, sourcemap: false, metafile: false, entryPoints: ['src/engine/config/jsonSchema.ts'], outfile: tmp, platform: 'node', format: 'cjs' });
  const require = createRequire(import.meta.url);
  const { toJsonSchema } = require(`./${tmp}`);
  await writeFile('dist/llm.config.schema.json', JSON.stringify(toJsonSchema(), null, 2) + '\n');
  await rm(tmp);
}

/**
 * The catalog's data files (the price table, the open models' shapes), beside the bundles
 * and not inside them: the front ends read them on first use, so neither activation nor the
 * bundle pays for hundreds of kilobytes of prices.
 */
const CATALOG_DATA = 'src/engine/catalog/data';

async function copyCatalogData() {
  // Validated first: the front ends read the copies without a schema.
  const tmp = 'dist/.check-gen.cjs';
  await esbuild.build({ ...common, sourcemap: false, metafile: false, minify: false, entryPoints: ['src/engine/catalog/data/check.ts'], outfile: tmp, platform: 'node', format: 'cjs' });
  const require = createRequire(import.meta.url);
  const { checkCatalogFiles } = require(`./${tmp}`);
  await rm(tmp);
  checkCatalogFiles({
    prices: await readFile(`${CATALOG_DATA}/prices.json`, 'utf8'),
    openModels: await readFile(`${CATALOG_DATA}/openModels.json`, 'utf8'),
    curated: await readFile(`${CATALOG_DATA}/curated.json`, 'utf8'),
    gpus: await readFile(`${CATALOG_DATA}/gpus.json`, 'utf8'),
    gpuOffers: await readFile(`${CATALOG_DATA}/gpuOffers.json`, 'utf8'),
    formatQuality: await readFile(`${CATALOG_DATA}/formatQuality.json`, 'utf8'),
  });
  await mkdir('dist/catalog', { recursive: true });
  for (const file of await readdir(CATALOG_DATA)) {
    if (file.endsWith('.json')) await copyFile(`${CATALOG_DATA}/${file}`, `dist/catalog/${file}`);
  }
}

/** The desktop features and their on-demand bundles take the engine's core from dist/engine.js, as built. */
async function engineApart(engineMeta) {
  const require = createRequire(import.meta.url);
  const built = require.resolve('./dist/engine.js');
  delete require.cache[built];
  const exportNames = Object.keys(require(built)).filter((name) => name !== '__esModule').sort();
  const core = new Set(Object.keys(engineMeta.inputs).map((f) => path.resolve(f)).filter((f) => f.startsWith(ENGINE_DIR)));
  const options = { exportNames, core, surface: await engineSurface() };
  for (const name of ['features', 'onDemand']) bundles[name].plugins = [engineOnFirstUse(options), ...bundles[name].plugins];
}

async function main() {
  await mkdir('dist', { recursive: true });
  await writeJsonSchema();
  await copyCatalogData();
  if (watch) {
    await engineApart((await esbuild.build(bundles.engine)).metafile);
    for (const [name, options] of Object.entries(bundles)) {
      const ctx = await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), problemMatcherReporter(name)] });
      await ctx.watch();
    }
    return;
  }
  const metafiles = {};
  // The engine first: the bundles that load it on first use forward the names it exports.
  try {
    metafiles.engine = (await esbuild.build(bundles.engine)).metafile;
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  await engineApart(metafiles.engine);
  const results = await Promise.allSettled(
    Object.entries(bundles).filter(([name]) => name !== 'engine').map(async ([name, options]) => {
      const result = await esbuild.build(options);
      metafiles[name] = result.metafile;
    }),
  );
  const failed = results.filter((r) => r.status === 'rejected');
  for (const f of failed) console.error(f.reason?.message ?? f.reason);
  // One metafile per bundle, so bundle sizes can be read (esbuild's analyzer accepts these).
  await Promise.all(
    Object.entries(metafiles).map(([name, meta]) => writeFile(`dist/${name}.meta.json`, JSON.stringify(meta))),
  );
  if (failed.length) process.exit(1);
}

await main();
