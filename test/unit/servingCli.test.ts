/**
 * `estimate` and `cheapest`, run as a user runs them: the CLI compiled to out/ reads the
 * catalog's data files from the sources, as a build reads them beside dist/cli.js.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { analyze } from '../../src/engine';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'out/src/cli/main.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertUsageError(r: ReturnType<typeof run>, pattern: RegExp) {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^llm-cost-lens: [^\n]+\n$/);
  assert.match(r.stderr, pattern);
}

describe('CLI: estimate and cheapest', function () {
  this.timeout(30_000);

  it('estimate --json has the figures a user asks for, and the lines that explain them', () => {
    const r = run('estimate', '--model', 'llama-3.1-70b', '--gpu', 'h200', '--gpus', '1', '--quantization', 'fp8', '--concurrency', '64', '--input-tokens', '2048', '--output-tokens', '128', '--json');
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    for (const key of ['outputTokensPerSecond', 'inputTokensPerSecond', 'requestsPerSecond', 'timeToFirstTokenMs', 'timePerOutputTokenMs']) assert.ok(typeof e[key] === 'number' && e[key] > 0, key);
    assert.equal(e.fits, true);
    assert.equal(e.bound, 'compute');
    assert.ok(Array.isArray(e.lines) && e.lines.every((l: unknown) => typeof l === 'string'));
    assert.equal(e.model, 'llama-3.1-70b');
    assert.equal(e.gpu, 'h200');
  });

  it('estimate in text: the figures, then how they were made; names and aliases resolve through the catalog', () => {
    const r = run('estimate', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--gpu', 'h100-80gb', '--quantization', 'awq', '--kv-cache', 'fp8');
    assert.equal(r.code, 0, r.stderr);
    // The engine's one default request when the command line gives none: 1,000 tokens at an input share of 0.5.
    assert.match(r.stdout, /^Llama 3\.1 8B on 1 × NVIDIA H100 SXM5 80GB with vLLM, int4-awq weights, fp8 KV cache, 1 concurrent, 500 in \/ 500 out\n/);
    // With the P10–P90 band of the held-out runs of its slice (servingRange.test.ts pins its figures).
    assert.match(r.stdout, /^ {2}output +[\d,.]+ tok\/s \(P10–P90 [\d,.]+–[\d,.]+ tok\/s\)$/m);
    assert.match(r.stdout, /^ {2}TTFT +[\d,.]+ ms$/m);
    assert.match(r.stdout, /^how:\n {2}weights = /m);
    // A curated name resolves to its architecture record.
    assert.equal(run('estimate', '--model', 'qwen-2.5-72b', '--gpu', 'h100-sxm', '--gpus', '2', '--json').code, 0);
  });

  it('cheapest --json: the best setup, the cheaper ones that fail and why, the grid searched', () => {
    const r = run('cheapest', '--model', 'llama-3.1-70b', '--volume', '300M', '--ttft-ms', '2000', '--tpot-ms', '80', '--json');
    assert.equal(r.code, 0, r.stderr);
    const c = JSON.parse(r.stdout);
    assert.ok(c.best && c.best.ok && c.best.monthlyUsd > 0);
    assert.ok(c.gridSize > 100);
    for (const f of c.cheaperFailures) assert.ok(f.monthlyUsd < c.best.monthlyUsd && f.failure.code && f.failure.message);
    assert.deepEqual(c.targets, { ttftMs: 2000, tpotMs: 80 });
  });

  it('cheapest gives the dollars the editor\'s lens gives for the same model and volume (one month of 720 hours)', () => {
    const r = run('cheapest', '--model', 'llama-3.1-70b', '--volume', '300M', '--json');
    assert.equal(r.code, 0, r.stderr);
    const config = JSON.stringify({ workloads: [{ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted: { gpu: 'h200', quantization: 'fp8' } } }] });
    const lens = analyze(config, { catalog: cliCatalog().catalog }).workloads[0]!.cheapestSelfHost!;
    const best = JSON.parse(r.stdout).best;
    assert.equal(best.monthlyUsd, lens.monthlyUsd);
    // One MI300X droplet at DigitalOcean's $1.99 × 720 h in FP8 (99.9% of bf16); the pick's offer is in the JSON, as the lens's.
    assert.equal(lens.monthlyUsd, 1432.8);
    assert.deepEqual(best.offer, lens.offer);
    const { provider, gpusPerInstance, pricing, hourlyUsdPerGpu, asOf } = best.offer;
    assert.deepEqual({ provider, gpusPerInstance, pricing, hourlyUsdPerGpu, asOf }, { provider: 'DigitalOcean', gpusPerInstance: 1, pricing: 'on-demand', hourlyUsdPerGpu: 1.99, asOf: '2026-05-28' });
    assert.match(best.offer.source, /^https:\/\//);
    // Its quality as data; one A100 80GB at RunPod's $1.19 holds the 70B only in int4-awq, unmeasured: the cheaper option, apart.
    assert.deepEqual([best.quality.kind, best.quality.words, best.quality.source], ['near-lossless', 'fp8 · 99.9% of bf16 on OpenLLM v1 (RedHatAI, 2024-07-23)', 'https://huggingface.co/RedHatAI/Meta-Llama-3.1-70B-Instruct-FP8']);
    const cheaper = JSON.parse(r.stdout).cheaperOption;
    assert.deepEqual([cheaper.gpu, cheaper.weights, cheaper.monthlyUsd, cheaper.quality.words], ['a100-80gb', 'int4-awq', 856.8, 'int4-awq · quality unmeasured for llama-3.1-70b']);
    const any = JSON.parse(run('cheapest', '--model', 'llama-3.1-70b', '--volume', '300M', '--quality', 'any', '--json').stdout);
    assert.deepEqual([any.best.gpu, any.best.monthlyUsd, any.cheaperOption], ['a100-80gb', 856.8, undefined]);
    assert.equal(run('cheapest', '--model', 'llama-3.1-70b', '--volume', '300M', '--quality', 'best').code, 2);
    // --pricing spot rents on spot: an offer with a spot price, or none.
    const spot = JSON.parse(run('cheapest', '--model', 'llama-3.1-70b', '--volume', '300M', '--pricing', 'spot', '--json').stdout).best;
    assert.equal(spot.offer.pricing, 'spot');
    assert.equal(spot.offer.gpusRented, spot.gpus, 'whole instances');
    // --pricing reserved rents at a one-year price: only Google Cloud's committed-use prices are on record (L4, A100 40GB,
    // H100), and the cheapest is the 70B in FP8 on one g2-standard-48, four L4s at $0.6303 (the GPUs held in one group).
    const reserved = JSON.parse(run('cheapest', '--model', 'llama-3.1-70b', '--volume', '300M', '--pricing', 'reserved', '--json').stdout).best;
    assert.deepEqual([reserved.gpu, reserved.gpus, reserved.weights, Math.round(reserved.monthlyUsd * 100) / 100], ['l4', 4, 'fp8', 1815.16]);
    const r1 = reserved.offer;
    assert.deepEqual(
      { provider: r1.provider, instance: r1.instance, gpusPerInstance: r1.gpusPerInstance, pricing: r1.pricing, hourlyUsdPerGpu: r1.hourlyUsdPerGpu, asOf: r1.asOf },
      { provider: 'Google Cloud', instance: 'g2-standard-48', gpusPerInstance: 4, pricing: 'reserved', hourlyUsdPerGpu: 0.63026225, asOf: '2026-07-30' },
    );
    assert.equal(r1.gpusRented, reserved.gpus, 'whole instances');
    assertUsageError(run('cheapest', '--model', 'llama-3.1-70b', '--volume', '300M', '--pricing', 'yearly'), /--pricing: "yearly" is not one of on-demand, reserved, spot/);
  });

  it('cheapest in text, with a price override', () => {
    const r = run('cheapest', '--model', 'llama-3.1-8b', '--volume', '1B', '--input-tokens', '500', '--output-tokens', '500', '--gpu-price', 'h100-80gb=1.5');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^cheapest setup for Llama 3\.1 8B with vLLM\n {2}.+ → \$[\d,]+\/mo\n/);
    assert.match(r.stdout, /^how:$/m);
  });

  it('--framework is carried into the estimate and named in every line that explains it; vLLM when absent', () => {
    const args = ['estimate', '--model', 'llama-3.1-70b', '--gpu', 'h200', '--quantization', 'fp8', '--concurrency', '16', '--json'];
    const byDefault = JSON.parse(run(...args).stdout);
    assert.equal(byDefault.framework, 'vllm');
    const sglang = JSON.parse(run(...args, '--framework', 'sglang').stdout);
    assert.equal(sglang.framework, 'sglang');
    const serving = sglang.lines.slice(sglang.memorySteps.length);
    assert.ok(serving.length >= 4);
    for (const line of serving) assert.match(line, /SGLang/, line);
    assert.match(run(...args.slice(0, -1), '--framework', 'tensorrt-llm').stdout, /with TensorRT-LLM, fp8 weights/);
    // No llama.cpp measurement is on record: not estimated, and it says why.
    const llama = JSON.parse(run(...args, '--framework', 'llama.cpp').stdout);
    assert.equal(llama.supported, false);
    assert.equal(llama.unsupported.code, 'framework-not-modelled');
    assert.match(llama.unsupported.message, /no llama\.cpp serving measurement on NVIDIA GPUs is on record/);
    const cheapest = JSON.parse(run('cheapest', '--model', 'llama-3.1-8b', '--volume', '300M', '--framework', 'sglang', '--json').stdout);
    assert.equal(cheapest.framework, 'sglang');
    assert.match(cheapest.lines.join('\n'), /setups run by SGLang/);
    assertUsageError(run(...args, '--framework', 'tgi'), /--framework: "tgi" is not one of vllm, sglang, trtllm, llama\.cpp/);
  });

  it('a name without an architecture record, and other mistakes, are one line on stderr and exit 2', () => {
    assertUsageError(run('estimate', '--model', 'gpt-4o', '--gpu', 'h100-sxm'), /"gpt-4o" is GPT-4o, an API-only model: its weights cannot be self-hosted/);
    assertUsageError(run('cheapest', '--model', 'llama-4', '--volume', '1M'), /architecture \(layers, heads, experts\) is not in the open models catalog/);
    assertUsageError(run('estimate', '--model', 'no-such-model-xyz', '--gpu', 'h100-sxm'), /unknown model "no-such-model-xyz"/);
    assertUsageError(run('estimate', '--model', 'llama-3.1-8b', '--gpu', 'h300'), /--gpu: unknown GPU "h300"; one of /);
    assertUsageError(run('estimate', '--model', 'llama-3.1-8b'), /--gpu is required/);
    assertUsageError(run('estimate', '--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--quantization', 'int3'), /--quantization: unknown format "int3"/);
    assertUsageError(run('estimate', '--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--concurrency', '0'), /--concurrency: "0" is not a whole number of at least 1/);
    assertUsageError(run('estimate', '--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--kv-cache', 'int4'), /--kv-cache: "int4" is not fp16 or fp8/);
    assertUsageError(run('cheapest', '--model', 'llama-3.1-8b'), /--volume is required/);
    assertUsageError(run('cheapest', '--model', 'llama-3.1-8b', '--volume', 'lots'), /--volume: "lots" is not a token count/);
    assertUsageError(run('cheapest', '--model', 'llama-3.1-8b', '--volume', '1M', '--gpu-price', 'h100-sxm'), /--gpu-price: expected id=usd, not "h100-sxm"/);
    assertUsageError(run('cheapest', '--model', 'llama-3.1-8b', '--volume', '1M', '--gpu-price', 'h300=2'), /--gpu-price: unknown GPU "h300"/);
  });

  it('the usage lists both commands', () => {
    const help = run('--help');
    assert.match(help.stdout, /^ {2}llm-cost-lens estimate --model <name> --gpu <id>/m);
    assert.match(help.stdout, /^ {2}llm-cost-lens cheapest --model <name> --volume 300M/m);
  });
});
