/** The built CLI (dist/cli.js), run as a user runs it: exit codes, stdout, stderr. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { catalog, findModel, staleBefore } from '../../src/engine';
import { compareModels, compareText } from '../../src/cli/compare';
import { printable } from '../../src/cli/printable';
import { litellmSource, openRouterSource } from './priceSources';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const example = path.join(root, 'examples/llm.config.json');
const article = path.join(root, 'examples/open-vs-closed-2026/llm.config.json');
const fixture = (name: string) => path.join(root, 'test/fixtures/engine', name);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A file in a fresh temporary folder; returns its path. */
function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-cli-')), name);
  writeFileSync(file, content);
  return file;
}

/** A usage or I/O error as the contract has it: one line on stderr, nothing on stdout, exit 2. */
function assertUsageError(r: ReturnType<typeof run>, label: string) {
  assert.equal(r.code, 2, `${label}: ${r.stderr}`);
  assert.equal(r.stdout, '', label);
  assert.match(r.stderr, /^llm-cost-lens: [^\n]+\n$/, `${label}: ${JSON.stringify(r.stderr)}`);
}

const BOM = '\uFEFF';
/** A LiteLLM file as large as the real one (the bundled table's entries), GPT-4o at $2 / $8. */
const goodPrices = () => JSON.stringify(litellmSource({ changes: { 'gpt-4o': { input: 2, output: 8 } } }));
// What no terminal or CI log should receive from a config: C0 controls (but the line feed that
// ends each line of output), DEL, C1 (CSI among them), line and paragraph separators, bidi controls.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const COMMAND_LINE = /^\s*(::|##)/m;

describe('CLI (llm-cost-lens)', function () {
  this.timeout(30_000);
  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first');
  });

  it('analyze prints each workload and the total, exit 0 without errors', () => {
    const r = run('analyze', example);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^support-chat: gpt-4o-mini · API · 300M tok\/mo → \$113\/mo \(\$0\.38\/M\)$/m);
    assert.match(r.stdout, /^ticket-triage: llama-3\.1-8b · 1× l4 · fp16 · 984 tok\/s · 1B tok\/mo → \$317\/mo \(\$0\.32\/M\)$/m);
    assert.match(r.stdout, /^Total: \$597\/mo \(prices: LiteLLM model_prices_and_context_window\.json, 2026-07-24\)$/m);
    assert.doesNotMatch(r.stdout, /: (error|warning) /, 'the example opens clean');
    // Old or not, the CLI's lines give the date alone: "stale" is the editor's status bar's and hover's word.
    assert.doesNotMatch(r.stdout, /stale/);
  });

  it('models lists a model on each host that prices it, with its prices, context and source', () => {
    const r = run('models', 'claude 3.5 haiku');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^key +host +mode +\$\/M in/);
    assert.match(r.stdout, /anthropic\.claude-3-5-haiku-20241022-v1:0 +bedrock +chat +\$0\.8 +\$4 +\$0\.08 /);
    assert.match(r.stdout, /vertex_ai\/claude-3-5-haiku@20241022 +vertex/);
    // Each source of the rows shown, once: LiteLLM's file, its earlier versions, genai-prices.
    const footer = r.stdout.trimEnd().split('\n').pop()!;
    assert.deepEqual(footer.replace(/^prices: /, '').split('; ').sort(), [
      'LiteLLM model_prices_and_context_window.json, 2026-07-24',
      'LiteLLM model_prices_and_context_window.json: its 2024-2025 versions as mirrored by AgentOps-AI/tokencost, 2025-09-01',
      'pydantic genai-prices, 2026-09-23',
    ]);
    const json = JSON.parse(run('models', 'gpt-4o-mini', '--host', 'openai', '--json').stdout);
    const mini = json.models.find((m: { key: string }) => m.key === 'gpt-4o-mini');
    assert.deepEqual([mini.inputPerMillionUsd, mini.outputPerMillionUsd, mini.cacheReadPerMillionUsd, mini.batchInputPerMillionUsd, mini.contextTokens], [0.15, 0.6, 0.075, 0.075, 128000]);
    assert.ok(json.models.every((m: { host: string }) => m.host === 'openai'));
    assert.equal(run('models', 'no-such-model-anywhere').stdout, 'key  host  mode  $/M in  $/M out  cached in  batch in/out  context\nno priced model matches\n');
  });

  it('compare takes any name that resolves', () => {
    const json = JSON.parse(run('compare', 'gpt-4o-mini', 'anthropic.claude-3-5-haiku-20241022-v1:0', '--json').stdout);
    assert.deepEqual(json.models.map((m: { inputPerMillionUsd: number }) => m.inputPerMillionUsd), [0.15, 0.8]);
  });

  it('analyze --json has the documented fields', () => {
    const r = run('analyze', article, '--json');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json.pricing), ['source', 'asOf', 'asOfKind', 'fetchedAt', 'stale', 'fallbackReason']);
    // Whether the prices are older than 90 days stays in the JSON, as data.
    assert.equal(json.pricing.stale, json.pricing.asOf < staleBefore(Date.now(), 90));
    assert.equal(json.totalMonthlyCostUsd, 2577.5);
    const [chat, batch] = json.workloads;
    assert.deepEqual(
      { name: chat.name, model: chat.model, deployment: chat.deployment, monthlyTokensM: chat.monthlyTokensM, monthlyCostUsd: chat.monthlyCostUsd, costPerMillionUsd: chat.costPerMillionUsd, selfHost: chat.selfHost },
      { name: 'support-chat', model: 'gpt-4o', deployment: 'api', monthlyTokensM: 100, monthlyCostUsd: 750, costPerMillionUsd: 7.5, selfHost: null },
    );
    // How the figures were computed, the lines the editor's lens shows.
    assert.deepEqual(chat.explanation.slice(-1), ['monthly cost = 750 USD/month: V × P (V = 100, P = 7.5)']);
    const x = chat.crossovers[0];
    for (const key of ['apiModel', 'selfHostModel', 'apiPricePerMillionUsd', 'selfHostFixedMonthlyUsd', 'selfHostCapacityTokensM', 'crossoverTokensM', 'makesSense', 'breakEvenThroughputTps']) assert.ok(key in x, key);
    assert.equal(x.crossoverTokensM, 240);
    assert.equal(batch.deployment, 'self-hosted');
    for (const key of ['gpu', 'gpus', 'quantization', 'throughputTps', 'capacityTokensM', 'replicas', 'fixedMonthlyUsd', 'costPerMillionAtCapacityUsd', 'memoryNeededGB', 'memoryAvailableGB', 'fits']) assert.ok(key in batch.selfHost, key);
    const f = json.findings.find((x: { code: string }) => x.code === 'self-host-never-wins');
    assert.deepEqual(f.range, { start: { line: 23, character: 19 }, end: { line: 23, character: 34 } });
  });

  it('analyze --sarif is SARIF 2.1.0 with 1-based regions; exit 1 on error findings', () => {
    const r = run('analyze', fixture('unknown-ids.json'), '--sarif');
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'unknown-model');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 3, startColumn: 32, endLine: 3, endColumn: 41 });
  });

  it('recommend --json reproduces the article\'s decision for Chinese', () => {
    const r = run('recommend', '--require', 'chinese_language', '--volume', '100M', '--json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.ok(Array.isArray(json.recommendations) && Array.isArray(json.excluded));
    for (const key of ['model', 'deployment', 'monthlyCostUsd', 'score', 'reasons']) assert.ok(key in json.recommendations[0], key);
    assert.equal(json.recommendations[0].model, 'qwen-2.5-72b');
  });

  it('recommend with --only and --budget, in text', () => {
    const r = run('recommend', '--require', 'best_math_code', '--volume', '100M', '--only', 'gpt-4o,deepseek-v3', '--budget', '100');
    assert.equal(r.code, 0, r.stderr);
    // API calls priced as the lens prices them: 50% input unless --input-share says otherwise.
    assert.match(r.stdout, /^1\. deepseek-v3 \(api\) \$68\.50\/mo/m);
    assert.match(r.stdout, /^ {2}gpt-4o: api: budget: \$625\/mo at 100M tok is over the \$100\/mo budget$/m);
    assert.match(r.stdout, /^\(\d+ other models not in --only\)$/m);
  });

  it('recommend in text: the models rated on a requirement first, then the rest under a line that says they are not rated', () => {
    const r = run('recommend', '--require', 'best_math_code', '--volume', '100M', '--only', 'gpt-4o,gpt-5,deepseek-v3');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1\. deepseek-v3 \(api\)/m);
    assert.match(r.stdout, /^Not rated for best_math_code \(1\): no figure in the catalog, ranked by quality tier and cost:\n\d+\. gpt-5 \(api\) \$563\/mo/m);
    assert.match(r.stdout, /^ {5}best_math_code: not ranked on it, no figure in the catalog \(MATH-500, HumanEval, AIME 2024, GSM8K, MBPP\)$/m);
    const unknown = run('recommend', '--require', 'math');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown requirement "math": --require takes data_privacy, maximum_safety, best_math_code, /);
  });

  it('recommend --batch and --cached-input-share bill the API rows as a workload with "batch" or "cachedInputShare" is billed', () => {
    // gpt-4o at 300M tokens, 50% input: $1,875 at list prices, half of it with the batch price.
    const batch = run('recommend', '--volume', '300M', '--only', 'gpt-4o', '--batch');
    assert.equal(batch.code, 0, batch.stderr);
    assert.match(batch.stdout, /^1\. gpt-4o \(api\) \$938\/mo/m);
    assert.match(batch.stdout, /\(API at \$3\.13\/M, 50% input at \$2\.50 in \/ \$10 out \(openai\), batch\)$/m);
    // Half the input read from the cache at $1.25/M: $1,781.25.
    const cached = run('recommend', '--volume', '300M', '--only', 'gpt-4o', '--cached-input-share', '0.5', '--json');
    assert.equal(JSON.parse(cached.stdout).recommendations[0].monthlyCostUsd, 1781.25);
    // A price the source lacks is said, as the lens says it.
    assert.match(run('recommend', '--volume', '300M', '--only', 'gemini-2.0', '--batch').stdout, /, batch, no batch price: standard rate\)$/m);
    assertUsageError(run('recommend', '--cached-input-share', '2'), '--cached-input-share 2');
  });

  it('compare shows models side by side', () => {
    const r = run('compare', 'gpt-4o', 'DeepSeek V3', '--json');
    assert.equal(r.code, 0);
    const { models } = JSON.parse(r.stdout);
    assert.deepEqual(models.map((m: { id: string }) => m.id), ['gpt-4o', 'deepseek-v3']);
    assert.equal(models[0].scores.mmlu, 88.7);
    assert.match(run('compare', 'gpt-4o', 'claude-3.5-sonnet').stdout, /MMLU|mmlu/);
  });

  it('--prices overlays a LiteLLM or OpenRouter price file and reports its source', () => {
    const r = run('analyze', example, '--json', '--prices', tempFile('prices-litellm.json', goodPrices()));
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.pricing.source, 'pricing file prices-litellm.json');
    assert.deepEqual([json.pricing.asOf, json.pricing.asOfKind], ['2026-11-20', 'data'], "the file's last_updated");
    assert.equal(r.stderr, '');
    // OpenRouter's list prices OpenRouter's bill: its own keys, not OpenAI's gpt-4o.
    const openRouter = tempFile('models.json', JSON.stringify(openRouterSource()));
    const compare = JSON.parse(run('compare', 'openrouter/openai/gpt-4o', 'gpt-4o', '--json', '--prices', openRouter).stdout);
    assert.deepEqual(compare.models.map((m: { inputPerMillionUsd: number }) => m.inputPerMillionUsd), [3, 2.5]);
    const bad = run('analyze', example, '--prices', path.join(root, 'README.md'));
    assert.equal(bad.code, 0, 'the bundled prices, and the exit code of the findings');
    assert.match(bad.stderr, /^llm-cost-lens: --prices .*README\.md: not JSON \([^\n]*\); the bundled prices are used\n$/);
  });

  it('usage and I/O errors: one line on stderr, exit 2, no stack trace', () => {
    for (const args of [['frobnicate'], ['analyze'], ['analyze', '/nonexistent/llm.config.json'], ['recommend', '--require', 'nope'], ['recommend', '--volume', 'lots'], ['compare', 'gpt-5o-mega'], ['analyze', example, '--bogus']]) {
      const r = run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^llm-cost-lens: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it('with no command: one line on stderr, nothing on stdout, exit 2; --help prints the usage, exit 0', () => {
    const none = run();
    assertUsageError(none, 'no arguments');
    assert.equal(none.stderr, 'llm-cost-lens: no command given; run "llm-cost-lens --help" for usage\n');
    for (const flag of ['--help', '-h']) {
      const help = run(flag);
      assert.equal(help.code, 0);
      assert.equal(help.stderr, '');
      assert.match(help.stdout, /^usage:\n {2}llm-cost-lens analyze /);
    }
  });

  it('the README carries the usage as --help and usage --help print it, word for word', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = (marker: string) => new RegExp(`<!-- ${marker}: [^\\n]*-->\\n\`\`\`text\\n([\\s\\S]*?)\`\`\`\\n`).exec(readme)?.[1];
    assert.equal(block('cli-usage'), run('--help').stdout, 'README: llm-cost-lens --help');
    assert.equal(block('cli-usage-formats'), run('usage', '--help').stdout, 'README: llm-cost-lens usage --help');
  });

  it('every command answers --help and -h with its own usage, exit 0, even with its other options missing', () => {
    const commands = ['analyze', 'recommend', 'compare', 'models', 'diff', 'estimate', 'cheapest', 'scan'];
    for (const command of commands) {
      for (const flag of ['--help', '-h']) {
        const help = run(command, flag);
        assert.equal(help.code, 0, `${command} ${flag}: ${help.stderr}`);
        assert.equal(help.stderr, '');
        const lines = help.stdout.split('\n');
        assert.equal(lines[0], 'usage:');
        assert.ok(lines[1]!.startsWith(`  llm-cost-lens ${command} `), lines[1]);
        // Its own lines only: no other command's.
        for (const other of commands.filter((c) => c !== command)) assert.ok(!help.stdout.includes(`llm-cost-lens ${other} `), `${command} --help names ${other}`);
        assert.match(help.stdout, /\nrequirements: /);
      }
    }
    // The two the issue found failing, with their options listed.
    assert.match(run('cheapest', '--help').stdout, /--ttft-ms N\] \[--tpot-ms N\]/);
    assert.match(run('estimate', '--model', 'x', '--help').stdout, /--concurrency N\]/);
  });

  it('every argument error is one line: --volume -5M is a volume, not an option', () => {
    for (const args of [['recommend', '--volume', '-5M'], ['recommend', '--volume=-5M']]) {
      const r = run(...args);
      assertUsageError(r, args.join(' '));
      assert.equal(r.stderr, 'llm-cost-lens: --volume: "-5M" is not a token count such as 100M\n');
    }
    const budget = run('recommend', '--budget', '-5');
    assertUsageError(budget, '--budget -5');
    assert.match(budget.stderr, /--budget: "-5" is not an amount in USD/);
    assert.match(run('recommend', '--volume', '--json').stderr, /^llm-cost-lens: --volume needs a value, not the option --json$/m);
    for (const args of [['recommend', '--volume'], ['recommend', '--volume', '--json'], ['recommend', 'stray'], ['analyze', example, '--json=1'], ['analyze', example, '-x'], ['compare', 'gpt-4o', '--prices'], ['analyze', example, '--prices', '--json']]) {
      assertUsageError(run(...args), args.join(' '));
    }
  });

  it('--prices without enough usable prices says why on one line, and the bundled prices are used', () => {
    const provider = { litellm_provider: 'openai' };
    const litellm = tempFile('prices.json', JSON.stringify({
      negative: { ...provider, input_cost_per_token: -1e-6, output_cost_per_token: 1e-6, mode: 'chat' },
      words: { ...provider, input_cost_per_token: 'cheap', output_cost_per_token: 1e-6, mode: 'chat' },
      missing: { ...provider, output_cost_per_token: 1e-6, mode: 'chat' },
      absurd: { ...provider, input_cost_per_token: 1e-6, output_cost_per_token: 5, mode: 'chat' },
      embedding: { ...provider, input_cost_per_token: 1e-8, mode: 'embedding' },
    }));
    const r = run('analyze', example, '--prices', litellm);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, `llm-cost-lens: --prices ${litellm}: only 1 usable entry in LiteLLM's price map, at least 50 are needed (left out: 2 invalid price; 1 no per-token price; 1 price above $1,000 per million tokens); the bundled prices are used\n`);
    const openRouter = tempFile('models.json', JSON.stringify({ data: [{ id: 'free', pricing: { prompt: 'free', completion: '0' } }, { id: 'bare' }] }));
    const o = run('compare', 'gpt-4o', '--prices', openRouter);
    assert.equal(o.code, 0);
    assert.match(o.stderr, /: only 0 usable entries in an OpenRouter model list, at least 50 are needed \(left out: 1 invalid price \(negative, not a number\); 1 no id or pricing\); the bundled prices are used\n$/);
    const empty = run('compare', 'gpt-4o', '--prices', tempFile('empty.json', '{}'));
    assert.match(empty.stderr, /: only 0 usable entries in LiteLLM's price map, at least 50 are needed; the bundled prices are used\n$/);
  });

  it('a UTF-8 byte order mark is ignored, as the editor ignores it: same findings at the same columns', () => {
    // Line 1 holds a finding, where a BOM counted as a character would shift the column by one.
    const oneLine = '{"workloads":[{"name":"a","model":"gpt-4oo","monthlyTokens":"1M"}]}';
    for (const text of [oneLine, readFileSync(fixture('unknown-ids.json'), 'utf8'), oneLine.replace(/,/g, ',\r\n')]) {
      const plain = tempFile('llm.config.json', text);
      const withBom = tempFile('llm.config.json', BOM + text);
      const json = run('analyze', withBom, '--json');
      assert.equal(json.code, 1, json.stderr);
      assert.deepEqual(JSON.parse(json.stdout), JSON.parse(run('analyze', plain, '--json').stdout));
      const regions = (file: string) =>
        JSON.parse(run('analyze', file, '--sarif').stdout).runs[0].results.map((x: { ruleId: string; locations: { physicalLocation: { region: unknown } }[] }) => [x.ruleId, x.locations[0]!.physicalLocation.region]);
      assert.deepEqual(regions(withBom), regions(plain));
      assert.equal(run('analyze', withBom).stdout.replaceAll(withBom, 'FILE'), run('analyze', plain).stdout.replaceAll(plain, 'FILE'));
      // The column the editor shows: counted in the text as it has it, without the BOM.
      const lines = text.split(/\r?\n/);
      const line = lines.findIndex((l) => l.includes('"gpt-4oo"'));
      const unknown = JSON.parse(json.stdout).findings.find((f: { code: string }) => f.code === 'unknown-model');
      assert.deepEqual(unknown.range.start, { line, character: lines[line]!.indexOf('"gpt-4oo"') });
      assert.match(run('analyze', withBom).stdout, new RegExp(`:${line + 1}:${lines[line]!.indexOf('"gpt-4oo"') + 1}: error unknown-model`));
    }
  });

  it('a --prices file with a byte order mark is read like one without', () => {
    const prices = tempFile('prices-litellm.json', BOM + goodPrices());
    const r = run('analyze', example, '--json', '--prices', prices);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).pricing.source, 'pricing file prices-litellm.json');
  });

  it('config text in the text report cannot forge CI workflow commands or terminal escapes', () => {
    const names = ['x\n::error file=a::All good', '\u001b[2J', '::warning::forged', '  ##vso[task.complete result=Succeeded]', 'a\u2028::error::b', '\u202eevil\u2066', 'c1\u009b2J\u007f\r'];
    const config = tempFile('llm.config.json', JSON.stringify({ workloads: names.map((name, i) => ({ name, model: i % 2 ? `gpt-4o\n::error::${i}\u001b[0m` : 'gpt-4o', monthlyTokens: '1M' })) }));
    const r = run('analyze', config);
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stdout, COMMAND_LINE);
    assert.doesNotMatch(r.stdout, UNSAFE);
    assert.equal(r.stdout.split('\n').length, names.length + 1 + 3 + 1, 'one line per workload, the total, one per unknown model, and the last newline');
    for (const shown of ['x\\n::error file=a::All good: gpt-4o', '\\u001b[2J: gpt-4o\\n::error::1\\u001b[0m', '\\u003a:warning::forged', '  \\u0023#vso[task.complete', 'a\\u2028::error::b', '\\u202eevil\\u2066', 'c1\\u009b2J\\u007f\\r']) {
      assert.ok(r.stdout.includes(shown), `${shown} in ${r.stdout}`);
    }
    // The machine-readable outputs keep the names exactly as written.
    const json = JSON.parse(run('analyze', config, '--json').stdout);
    assert.deepEqual(json.workloads.map((w: { name: string }) => w.name), names);
    const sarif = JSON.parse(run('analyze', config, '--sarif').stdout);
    assert.ok(sarif.runs[0].results.some((x: { message: { text: string } }) => x.message.text.includes('gpt-4o\n::error::1\u001b[0m')));
  });

  it('errors on stderr escape the arguments and file names they quote', () => {
    const prices = tempFile('p\u001b[2J\n::error::x.json', '{}');
    for (const args of [['compare', '\u001b[2J'], ['analyze', '/nonexistent/a\n::error file=a::b'], ['x\n::error::y'], ['recommend', '--only', 'gpt-4o,\u202eevil'], ['recommend', '--require', '\u009b31m'], ['analyze', example, '--\u001b[2J']]) {
      const r = run(...args);
      assertUsageError(r, JSON.stringify(args));
      assert.doesNotMatch(r.stderr.slice(0, -1), UNSAFE, JSON.stringify(r.stderr));
      assert.doesNotMatch(r.stderr, COMMAND_LINE);
    }
    // A --prices file that is not taken is a warning, not a usage error: escaped all the same.
    const fallback = run('compare', 'gpt-4o', '--prices', prices);
    assert.equal(fallback.code, 0);
    assert.equal(fallback.stderr.split('\n').length, 2, fallback.stderr);
    assert.doesNotMatch(fallback.stderr.slice(0, -1), UNSAFE, JSON.stringify(fallback.stderr));
    assert.doesNotMatch(fallback.stderr, COMMAND_LINE);
    assert.equal(run('compare', '\u001b[2J').stderr, 'llm-cost-lens: unknown model "\\u001b[2J"\n');
    assert.equal(run('x\n::error::y').stderr, 'llm-cost-lens: unknown command "x\\n::error::y"\n');
  });

  it('the text report escapes a --prices file name it quotes as the price source', () => {
    const prices = tempFile('p\u001b[2J\n::error::x.json', goodPrices());
    const r = run('analyze', example, '--prices', prices);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Total: .*\(prices: pricing file p\\u001b\[2J\\n::error::x\.json, /m);
    assert.doesNotMatch(r.stdout, UNSAFE);
    assert.doesNotMatch(r.stderr.slice(0, -1), UNSAFE);
  });

  it('compare text escapes each cell, and the columns still line up', () => {
    const gpt = findModel('gpt-4o')!;
    const text = compareText(compareModels([{ ...gpt, name: '::error::x\u001b[2J' }, { ...gpt, name: 'plain', lab: 'lab\nnext' }], catalog));
    assert.doesNotMatch(text, UNSAFE);
    assert.doesNotMatch(text, COMMAND_LINE);
    const [header, lab] = text.split('\n');
    assert.ok(header!.includes('\\u003a:error::x\\u001b[2J'), header);
    assert.equal(lab!.indexOf('lab\\nnext'), header!.indexOf('plain'));
  });

  it('printable escapes controls, line breaks and bidi controls, and nothing else', () => {
    const unsafe = [...Array(0x20).keys(), 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i), 0x2028, 0x2029, 0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
    for (const code of unsafe) {
      const shown = printable(`a${String.fromCharCode(code)}b`);
      assert.doesNotMatch(shown, UNSAFE, code.toString(16));
      assert.equal(shown, `a${{ 10: '\\n', 13: '\\r', 9: '\\t' }[code] ?? `\\u${code.toString(16).padStart(4, '0')}`}b`);
    }
    for (const kept of ['support-chat', 'Qwen 2.5 · 72B → $7.50/M — “ok” é 中文 😀', 'C:\\path\\n', 'a::b', 'x ##y', '\u200b\u00a0']) assert.equal(printable(kept), kept);
    assert.equal(printable('::error::x'), '\\u003a:error::x');
    assert.equal(printable(' \u00a0##[error]x'), ' \u00a0\\u0023#[error]x');
    assert.equal(printable('\n::error::x'), '\\n::error::x');
  });

  it('a hostile file is analyzed, not executed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-cli-'));
    const file = path.join(dir, 'llm.config.json');
    writeFileSync(file, '{"workloads":[{"name":"$(touch pwned)","model":"`rm -rf /`","monthlyTokens":"1M"}]}');
    const r = run('analyze', file, '--json');
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).findings[0].code, 'unknown-model');
    assert.equal(existsSync(path.join(dir, 'pwned')), false);
  });
});
