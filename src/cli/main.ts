/**
 * `llm-cost-lens`: the engine in a terminal or CI job.
 * Exit codes: 0 no error findings, 1 error findings, 2 usage or I/O error.
 */
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { analyze, type Catalog, costDiff, offerText, recommendationGroups, DEFAULT_ASSUMPTIONS, DEFAULT_REQUEST_SHAPE, findModel, formatUsd, recommend, REQUIREMENT_IDS, type Reconciliation, type RequirementId, type UsageSummary, volumeToMillions, WEIGHT_FORMATS } from '../engine';
import { analysisJson, analysisSarif, analysisText } from './report';
import { catalogWith, type CatalogSources, offersSourceJson } from './catalogWith';
import { findModels, modelsText } from './models';
import { diffJson, diffMarkdown, diffText } from './diff';
import { compareModels, compareText } from './compare';
import { scanFolder, scanJson, scanReport } from './scan';
import { printable } from './printable';
import { readBoundedText, ReadRefused } from '../node/boundedRead';
import { MAX_CONFIG_BYTES, megabytes } from '../engine/constants';
import { list, MONTH_OPTION, monthOption, OFFERS_OPTION, parseCommandLine, PRICING_OPTION, pricingOption, QUALITY_OPTION, qualityOption, UsageError, warn } from './args';
import { monthOptions, recommendPricing } from './billingFlags';
import { cheapestCommand, estimateCommand } from './servingCommands';
import { reconciliationText, summarizeFiles, USAGE_HELP, usageJson, usageProblems, usageText, withUsage } from './usage';

declare const CLI_VERSION: string | undefined;
const VERSION = typeof CLI_VERSION === 'string' ? CLI_VERSION : '0.0.0-dev';


const USAGE = `usage:
  llm-cost-lens analyze <file> [--json | --sarif] [--usage <export>]... [--prices <file|url> [--allow-network]]
                        [--offers <file|url>] [--pricing on-demand|reserved|spot] [--quality near-lossless|any]
                        [--month YYYY-MM]
  llm-cost-lens recommend --require a,b --volume 100M [--budget N] [--only ids] [--json] [--prices <file|url> [--allow-network]]
                          [--input-share S] [--batch | --service-tier standard|flex|priority] [--cached-input-share S]
                          [--cache-write-share S [--cache-write-ttl 5m|1h]] [--offers <file|url>]
                          [--pricing on-demand|reserved|spot] [--quality near-lossless|any] [--month YYYY-MM]
  llm-cost-lens compare <model> <model>... [--json] [--prices <file|url> [--allow-network]] [--month YYYY-MM]
  llm-cost-lens models [query] [--host <host>] [--limit N] [--json] [--prices <file|url> [--allow-network]]
                       [--month YYYY-MM]
  llm-cost-lens estimate --model <name> --gpu <id> [--gpus N] [--quantization <id>] [--concurrency N]
                         [--input-tokens N] [--output-tokens N] [--kv-cache fp16|fp8]
                         [--framework vllm|sglang|trtllm|llama.cpp] [--expert-parallel [N]] [--dp-attention]
                         [--json]
  llm-cost-lens cheapest --model <name> --volume 300M [--input-tokens N] [--output-tokens N]
                         [--ttft-ms N] [--tpot-ms N] [--peak-to-average N] [--hours N]
                         [--gpu-price id=usd,...] [--pricing on-demand|reserved|spot]
                         [--offers <file|url> [--allow-network]]
                         [--quantization ids] [--quality near-lossless|any] [--kv-cache fp16|fp8]
                         [--framework vllm|sglang|trtllm|llama.cpp] [--expert-parallel [N]] [--dp-attention]
                         [--json]
  llm-cost-lens diff <base-file> <head-file> [--json | --markdown] [--fail-above USD] [--prices <file|url> [--allow-network]]
                     [--offers <file|url>] [--pricing on-demand|reserved|spot] [--quality near-lossless|any] [--month YYYY-MM]
  llm-cost-lens diff --git <rev> [<file>] [--json | --markdown] [--fail-above USD] [--pricing on-demand|reserved|spot]
                     [--quality near-lossless|any] [--month YYYY-MM]
  llm-cost-lens scan [dir] [--json]
  llm-cost-lens usage <file>... [--json]          (llm-cost-lens usage --help for the formats)
--prices: a LiteLLM model_prices_and_context_window.json, pydantic genai-prices data.json,
          an OpenRouter model list or a price table, validated and overlaid on the bundled
          prices; a URL is fetched only with --allow-network. A source that fails or is
          rejected leaves the bundled prices, and says why on stderr.
--offers: GPU offers in the format of the bundled gpuOffers.json, checked row by row and merged with
          the bundled offers (of two rows of one offer the newer stays); a URL is fetched only with
          --allow-network. Bad rows are left out and named on stderr with where they are wrong; a
          source that fails or has no usable row leaves the bundled offers, and says why (in
          --json too, as offersSource).
--pricing: the mode a self-hosted GPU is rented in, over the file's assumptions.pricing (default
           on-demand). A GPU-hour the file or --gpu-price does not price is the offer that rents
           the setup's GPUs as whole instances, cheapest first (a 2-GPU replica on an 8-GPU-only
           offer pays for 8); a GPU no offer rents in that mode is not priced, and says so.
--quality: which weight formats the cheapest-setup search may pick, over a deployment's
           selfHosted.quality. near-lossless (default): the weights as published and formats
           within 1% of them on a published eval (formatQuality.json); a format with no published
           figure for the model is unmeasured and left out, and a cheaper lossy or unmeasured
           setup is shown apart. any: every format (cheapest --quantization alone implies any).
--expert-parallel: shard a mixture-of-experts model's routed experts over the replica's GPUs
                   (alone: all of them; N: over N, which divides --gpus), each MoE layer paying an
                   all-to-all dispatch and combine instead of an all-reduce. --dp-attention: attention
                   data parallel, each GPU with its own requests' KV cache (an MLA latent held once).
                   A dense model, or llama.cpp, is not estimated with them, and says why.
--month: the month priced: a dated price (an introductory rate that ends, a price change) is
         billed at the prices in effect on its first day. Default: the current month (UTC),
         which a config's assumptions.month overrides; --month overrides both.
requirements: ${REQUIREMENT_IDS.join(', ')}
quantizations: ${WEIGHT_FORMATS.map((f) => f.id).join(', ')}
request shape: ${DEFAULT_REQUEST_SHAPE.inputTokens} input and ${DEFAULT_REQUEST_SHAPE.outputTokens} output tokens unless given, as a config's workload
               without a requestShape is sized (the lens, the panel and Recommend)`;

/** Options every command that prices takes. */
const PRICE_OPTIONS = { prices: { type: 'string' }, 'allow-network': { type: 'boolean' } } as const;


/** Commands whose --help is a page of its own rather than their lines of the usage: `usage` lists the formats it reads. */
const HELP_PAGES: ReadonlyMap<string, string> = new Map([['usage', USAGE_HELP]]);

/** One command's lines of the usage, with the notes that follow the list: `<command> --help`. */
export function commandUsage(command: string): string | undefined {
  const lines = USAGE.split('\n');
  const notes = lines.findIndex((line) => !line.startsWith(' ') && line !== 'usage:');
  const own: string[] = [];
  let mine = false;
  for (const line of lines.slice(1, notes)) {
    // A command's line, then its continuation lines (indented further, no command name).
    if (line.startsWith('  llm-cost-lens ')) mine = line.startsWith(`  llm-cost-lens ${command} `) || line === `  llm-cost-lens ${command}`;
    if (mine) own.push(line);
  }
  return own.length ? ['usage:', ...own, ...lines.slice(notes)].join('\n') : undefined;
}

export async function run(argv: string[], out: (s: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  // Every command answers --help with its own usage, before its options are checked.
  const help = command !== undefined && (rest.includes('--help') || rest.includes('-h')) ? (HELP_PAGES.get(command) ?? commandUsage(command)) : undefined;
  if (help !== undefined) {
    out(`${help}\n`);
    return 0;
  }
  switch (command) {
    case 'analyze':
      return analyzeCommand(rest, out);
    case 'recommend':
      return recommendCommand(rest, out);
    case 'compare':
      return compareCommand(rest, out);
    case 'models':
      return modelsCommand(rest, out);
    case 'diff':
      return diffCommand(rest, out);
    case 'estimate':
      return estimateCommand(rest, out);
    case 'cheapest':
      return cheapestCommand(rest, out);
    case 'scan':
      return scanCommand(rest, out);
    case 'usage':
      return usageCommand(rest, out);
    case '--version':
    case '-v':
      out(`${VERSION}\n`);
      return 0;
    case '--help':
    case '-h':
      out(`${USAGE}\n`);
      return 0;
    case undefined:
      throw new UsageError('no command given; run "llm-cost-lens --help" for usage');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function analyzeCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseCommandLine({ args, allowPositionals: true, options: { json: { type: 'boolean' }, sarif: { type: 'boolean' }, usage: { type: 'string', multiple: true }, ...PRICE_OPTIONS, ...OFFERS_OPTION, ...PRICING_OPTION, ...QUALITY_OPTION, ...MONTH_OPTION } });
  if (positionals.length !== 1) throw new UsageError('analyze takes exactly one file');
  if (values.json && values.sarif) throw new UsageError('choose one of --json and --sarif');
  const file = positionals[0]!;
  const text = readText(file);
  const pricing = pricingOption(values.pricing);
  const quality = qualityOption(values.quality);
  const cat = await catalogWith(values);
  let analysis = analyze(text, { catalog: cat, ...(pricing ? { pricing } : {}), ...(quality ? { quality } : {}), ...monthOptions(values.month) });
  let usage: { summary: UsageSummary; reconciliation: Reconciliation[] } | null = null;
  if (values.usage?.length) {
    const summary = usageSummary(values.usage, cat);
    for (const line of usageProblems(summary)) process.stderr.write(`llm-cost-lens: ${line}\n`);
    const joined = withUsage(analysis, text, summary);
    analysis = joined.analysis;
    usage = { summary, reconciliation: joined.reconciliation };
  }
  if (values.json) out(JSON.stringify({ ...analysisJson(analysis, text), ...offersSourceJson(cat), ...(usage && { usage: { period: usage.summary.period, reconciliation: usage.reconciliation } }) }, null, 2) + '\n');
  else if (values.sarif) out(JSON.stringify(analysisSarif(analysis, text, pathToFileURL(resolve(file)).href, VERSION), null, 2) + '\n');
  else out(analysisText(analysis, text, file) + (usage ? reconciliationText(usage.reconciliation, usage.summary.period) : ''));
  return analysis.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function recommendCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: {
      require: { type: 'string' },
      volume: { type: 'string' },
      budget: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'boolean' },
      'input-share': { type: 'string' },
      batch: { type: 'boolean' },
      'cached-input-share': { type: 'string' },
      'service-tier': { type: 'string' },
      'cache-write-share': { type: 'string' },
      'cache-write-ttl': { type: 'string' },
      ...PRICE_OPTIONS,
      ...OFFERS_OPTION,
      ...MONTH_OPTION,
      ...PRICING_OPTION,
      ...QUALITY_OPTION,
    },
  });
  const pricing = pricingOption(values.pricing);
  const quality = qualityOption(values.quality);
  const cat = await catalogWith(values);
  const requirements = list(values.require);
  const unknown = requirements.filter((r) => !(REQUIREMENT_IDS as readonly string[]).includes(r));
  if (unknown.length) throw new UsageError(`unknown requirement ${unknown.map((u) => `"${u}"`).join(', ')}: --require takes ${REQUIREMENT_IDS.join(', ')}`);
  const volumeM = volumeToMillions(values.volume ?? '100M');
  if (volumeM === undefined) throw new UsageError(`--volume: "${values.volume}" is not a token count such as 100M`);
  const budgetUsd = values.budget === undefined ? undefined : Number(values.budget);
  if (budgetUsd !== undefined && !(budgetUsd >= 0)) throw new UsageError(`--budget: "${values.budget}" is not an amount in USD`);
  const inputShare = values['input-share'] === undefined ? undefined : Number(values['input-share']);
  if (inputShare !== undefined && !(inputShare >= 0 && inputShare <= 1)) throw new UsageError('--input-share: expected a number from 0 to 1');
  const only = list(values.only).map((id) => {
    const model = findModel(id, cat);
    if (!model) throw new UsageError(`--only: unknown model "${id}"`);
    return model.id;
  });
  const billing = recommendPricing(values, inputShare ?? DEFAULT_ASSUMPTIONS.inputShare);
  const result = recommend(requirements as RequirementId[], volumeM, { budgetUsd, only: only.length ? only : undefined, inputShare, ...billing, ...(pricing ? { gpuPricing: pricing } : {}), ...(quality ? { quality } : {}) }, cat);
  if (values.json) {
    out(JSON.stringify({ ...result, ...offersSourceJson(cat) }, null, 2) + '\n');
    return 0;
  }
  const lines: string[] = [];
  let rank = 0;
  for (const group of recommendationGroups(result.recommendations)) {
    if (group.heading) lines.push(`${group.heading}:`);
    for (const r of group.rows) {
      lines.push(`${++rank}. ${r.model} (${r.deployment}) ${formatUsd(r.monthlyCostUsd)}/mo, score ${r.score.toFixed(1)}`);
      if (r.offer) lines.push(`     rents ${offerText(r.offer)}`);
      for (const reason of r.reasons) lines.push(`     ${reason}`);
    }
  }
  // Models left out by --only are the user's own choice: count them instead of listing them.
  const outsideOnly = result.excluded.filter((e) => only.length && !only.includes(e.model));
  const excluded = result.excluded.filter((e) => !outsideOnly.includes(e));
  if (excluded.length) lines.push('excluded:', ...excluded.map((e) => `  ${e.model}: ${e.reason}`));
  if (outsideOnly.length) lines.push(`(${outsideOnly.length} other models not in --only)`);
  // Ids and reasons are catalog text, escaped all the same: no line the CLI prints depends on
  // where its text came from.
  out(lines.map((line) => `${printable(line)}\n`).join(''));
  return 0;
}

async function compareCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseCommandLine({ args, allowPositionals: true, options: { json: { type: 'boolean' }, ...PRICE_OPTIONS, ...MONTH_OPTION } });
  if (!positionals.length) throw new UsageError('compare takes one or more model ids');
  const { month } = monthOption(values.month);
  const cat = await catalogWith(values);
  const models = positionals.map((id) => {
    const model = findModel(id, cat);
    if (!model) throw new UsageError(`unknown model "${id}"`);
    return model;
  });
  const rows = compareModels(models, cat, month);
  out(values.json ? JSON.stringify({ models: rows }, null, 2) + '\n' : compareText(rows));
  return 0;
}

async function modelsCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseCommandLine({ args, allowPositionals: true, options: { json: { type: 'boolean' }, host: { type: 'string' }, limit: { type: 'string' }, ...PRICE_OPTIONS, ...MONTH_OPTION } });
  if (positionals.length > 1) throw new UsageError('models takes at most one query');
  const limit = values.limit === undefined ? 40 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: "${values.limit}" is not a whole number of rows`);
  const { month } = monthOption(values.month as string | undefined);
  const rows = findModels(await catalogWith(values as CatalogSources), positionals[0], values.host as string | undefined, month);
  out(values.json ? JSON.stringify({ models: rows }, null, 2) + '\n' : modelsText(rows, limit));
  return 0;
}

/** Exit 1 past the budget gate: a change that adds more than --fail-above USD a month. */
async function diffCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, markdown: { type: 'boolean' }, git: { type: 'string' }, 'fail-above': { type: 'string' }, ...PRICE_OPTIONS, ...OFFERS_OPTION, ...PRICING_OPTION, ...QUALITY_OPTION, ...MONTH_OPTION },
  });
  const pricing = pricingOption(values.pricing);
  const quality = qualityOption(values.quality as string | undefined);
  if (values.json && values.markdown) throw new UsageError('choose one of --json and --markdown');
  const gate = values['fail-above'] === undefined ? undefined : Number(values['fail-above']);
  if (gate !== undefined && !Number.isFinite(gate)) throw new UsageError(`--fail-above: "${values['fail-above']}" is not an amount in USD a month`);
  let baseText: string;
  let headText: string;
  if (values.git !== undefined) {
    if (positionals.length > 1) throw new UsageError('diff --git takes at most one file');
    const file = positionals[0] ?? 'llm.config.json';
    headText = readText(file);
    baseText = gitShow(values.git as string, file);
  } else {
    if (positionals.length !== 2) throw new UsageError('diff takes a base file and a head file, or --git <rev>');
    baseText = readText(positionals[0]!);
    headText = readText(positionals[1]!);
  }
  const cat = await catalogWith(values as CatalogSources);
  // Both sides priced for the same month: a diff shows what the change costs, not what the calendar does.
  const options = { catalog: cat, ...(pricing ? { pricing } : {}), ...(quality ? { quality } : {}), ...monthOptions(values.month as string | undefined) };
  const d = costDiff(analyze(baseText, options), analyze(headText, options));
  out(values.json ? JSON.stringify({ ...diffJson(d), ...offersSourceJson(cat) }, null, 2) + '\n' : values.markdown ? diffMarkdown(d) : diffText(d));
  return gate !== undefined && d.total.deltaMonthlyUsd > gate ? 1 : 0;
}

/** The model names a folder's code and config files write (skipping node_modules, .git and what its .gitignore files ignore); exit 0. */
async function scanCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseCommandLine({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (positionals.length > 1) throw new UsageError('scan takes at most one folder');
  const dir = positionals[0] ?? '.';
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch (error) {
    throw new UsageError(`cannot read ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!isFolder) throw new UsageError(`scan: ${dir} is not a folder`);
  const result = scanFolder(dir, await catalogWith());
  out(values.json ? JSON.stringify(scanJson(result), null, 2) + '\n' : scanReport(result));
  return 0;
}

/** The usage exports' summary; exit 1 when a file was cut or could not be read whole. */
async function usageCommand(args: string[], out: (s: string) => void): Promise<number> {
  // --help is answered before the options are read (see run).
  const { values, positionals } = parseCommandLine({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (!positionals.length) throw new UsageError('usage takes one or more export files; run "llm-cost-lens usage --help"');
  const summary = usageSummary(positionals, await catalogWith());
  for (const line of usageProblems(summary)) process.stderr.write(`llm-cost-lens: ${line}\n`);
  out(values.json ? JSON.stringify(usageJson(summary), null, 2) + '\n' : usageText(summary));
  return summary.sources.some((s) => s.errors.length) ? 1 : 0;
}

function usageSummary(files: string[], cat: Catalog) {
  try {
    return summarizeFiles(files, cat);
  } catch (error) {
    if (error instanceof ReadRefused) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The file as committed at `rev`, read with git from the file's own folder. A revision git
 * cannot resolve to a commit is a usage error; only a config absent at a valid revision has
 * no base (every workload is new). git's messages are never matched: they echo the revision.
 */
function gitShow(rev: string, file: string): string {
  if (rev.startsWith('-')) throw new UsageError(`--git: "${rev}" is not a revision`);
  const cwd = dirname(resolve(file));
  const git = (args: string[], maxBuffer = 64 * 1024) => execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer });
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).toString('utf8').trim();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
    throw new UsageError(`--git ${rev}: ${stderr || 'not a revision of the repository here'}`);
  }
  let entry: string;
  try {
    // "<mode> <type> <object> <size>\t<path>", or nothing when the commit has no such file.
    entry = git(['ls-tree', '-l', '-z', commit, '--', `./${basename(file)}`]).toString('utf8');
  } catch (error) {
    throw new UsageError(`--git ${rev}: ${String((error as { stderr?: unknown }).stderr ?? error).trim().split('\n')[0]}`);
  }
  if (!entry) return '{"workloads": []}';
  const [mode, type, object, size] = entry.split('\t')[0]!.split(/ +/);
  if (type !== 'blob' || mode === '120000') throw new UsageError(`--git ${rev}: ${basename(file)} is ${mode === '120000' ? 'a symbolic link' : `a ${type}`} there, not a file`);
  if (Number(size) > MAX_CONFIG_BYTES) throw new UsageError(`--git ${rev}: ${basename(file)} is larger than ${megabytes(MAX_CONFIG_BYTES)} there`);
  const text = git(['cat-file', 'blob', object!], MAX_CONFIG_BYTES + 1).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A config as the editor shows it: VS Code drops a UTF-8 byte order mark when it opens a
 * file, so offsets and columns are counted without it, and JSON.parse would reject it. A
 * regular file of at most MAX_CONFIG_BYTES: a config can come from anyone's pull request.
 */
function readText(file: string): string {
  try {
    return readBoundedText(file, MAX_CONFIG_BYTES);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof ReadRefused ? error.message : String(error)}`);
  }
}

if (require.main === module) {
  // `llm-cost-lens … | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  run(process.argv.slice(2), (s) => process.stdout.write(s)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      warn(error instanceof UsageError ? error.message : `unexpected error: ${String(error)}`);
      process.exitCode = 2;
    },
  );
}
