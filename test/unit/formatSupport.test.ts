/** What runs where: weight format × GPU generation × framework, as the frameworks document it, and the search and the estimate following it. */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { cheapestSetup, findOpenModel, findServingGpu, findWeightFormat, formatSupported, WEIGHT_FORMATS } from '../../src/engine/sizing/serving';
import { formatSupport, GPU_GENERATION, SUPPORT_ROWS, supportText } from '../../src/engine/sizing/serving/formatSupport';

const catalog = cliCatalog().catalog;
const gpus = catalog.servingGpus!;

describe('what runs where', () => {
  it('every GPU of the catalog has a generation, and every row a source and known formats', () => {
    assert.deepEqual(gpus.map((g) => g.id).filter((id) => !GPU_GENERATION[id]), []);
    const formats = new Set(WEIGHT_FORMATS.map((f) => f.id));
    for (const row of SUPPORT_ROWS) {
      assert.match(row.source, /https:\/\//, row.kernel);
      for (const f of row.formats) assert.ok(formats.has(f), f);
    }
  });

  it('pins what the documentation says', () => {
    const support = (format: string, gpu: string, framework: 'vllm' | 'sglang', moe = false) => formatSupport(format, gpu, framework, moe).support;
    assert.equal(support('fp8', 'a100-80gb', 'vllm'), 'weight-only');
    assert.equal(support('fp8', 'a100-80gb', 'vllm', true), 'unsupported', 'no FP8 MoE kernel below SM 8.9');
    assert.equal(support('fp8', 'h100-sxm', 'vllm'), 'native');
    assert.equal(support('fp8', 'mi325x', 'vllm'), 'native');
    assert.equal(support('int4-awq', 'mi325x', 'vllm'), 'unsupported');
    assert.equal(support('int4-awq', 'mi325x', 'sglang'), 'weight-only');
    assert.equal(support('int4-awq', 'l4', 'vllm'), 'weight-only');
    assert.equal(support('int8', 'mi300x', 'vllm'), 'unsupported');
    assert.equal(support('nvfp4', 'b200', 'vllm'), 'native');
    assert.equal(support('nvfp4', 'h200', 'vllm'), 'not-on-record');
    assert.equal(support('bf16', 'mi300x', 'vllm'), 'native');
    assert.equal(
      supportText('INT4 AWQ (group 128)', formatSupport('int4-awq', 'mi325x', 'vllm', false), 'vllm'),
      'vLLM does not run INT4 AWQ (group 128) weights on CDNA 3 (no AWQ or GPTQ kernel on AMD GPUs)',
    );
  });

  it('the serving model estimates only what stock vLLM runs: no AWQ or GPTQ on AMD, no FP8 MoE on Ampere', () => {
    const mi325x = findServingGpu('mi325x', gpus)!;
    const a100 = findServingGpu('a100-80gb', gpus)!;
    assert.equal(formatSupported(findWeightFormat('int4-awq')!, mi325x), false);
    assert.equal(formatSupported(findWeightFormat('fp8')!, mi325x), true);
    assert.equal(formatSupported(findWeightFormat('int4-awq')!, a100), true);
    assert.equal(formatSupported(findWeightFormat('fp8')!, a100, true), false);
  });

  it('the cheapest-setup search never picks AWQ on an AMD GPU (it picked 1× MI325X at INT4 AWQ for Llama 3.1 70B)', () => {
    for (const name of ['llama-3.1-70b', 'deepseek-v3', 'qwen3-235b-a22b']) {
      const found = findOpenModel(name, catalog);
      assert.ok('model' in found, name);
      for (const volume of [300, 3000]) {
        const result = cheapestSetup({ model: found.model, gpus, monthlyTokens: volume * 1e6, shape: { inputTokens: 500, outputTokens: 500 } });
        assert.ok(result.best, `${name} at ${volume}M`);
        assert.ok(!(result.best.gpu.startsWith('mi3') && /awq|gptq/.test(result.best.weights)), `${name} at ${volume}M: ${result.best.gpus}× ${result.best.gpu} ${result.best.weights}`);
      }
    }
  });

  it('a config that writes AWQ on an MI325X is told what vLLM does there, at the quantization', () => {
    const text = JSON.stringify({ workloads: [{ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted: { gpu: 'mi325x', quantization: 'int4-awq' } } }] });
    const a = analyze(text, { catalog });
    const f = a.findings.find((x) => x.code === 'not-modelled')!;
    assert.equal(text.slice(f.offset, f.offset + f.length), '"int4-awq"');
    assert.match(f.message, /^Not modelled: vLLM does not run INT4 AWQ \(group 128\) weights on CDNA 3 \(no AWQ or GPTQ kernel on AMD GPUs\) \(vLLM docs, Quantization › Supported Hardware \(https:\/\/docs\.vllm\.ai\/en\/v0\.15\.1\/features\/quantization\/\)\)\. .*Formats it estimates on mi325x: bf16, fp8, /);
    assert.equal(a.workloads[0]!.notModelled, '1× mi325x at int4-awq');
  });
});
