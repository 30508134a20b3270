/**
 * What the serving model does not estimate is said at the field that causes it, with what
 * runs instead: never replaced, silently, by the article's batch-1 roofline.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const catalog = cliCatalog().catalog;
const config = (selfHosted: object) => JSON.stringify({ workloads: [{ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted } }] });

describe('a setup the serving model does not estimate', () => {
  it('FP8 weights on A100: a warning at the quantization, no throughput and no price, and the lens says so', () => {
    const text = config({ gpu: 'a100-80gb', gpus: 2, quantization: 'fp8' });
    const a = analyze(text, { catalog });
    const w = a.workloads[0]!;
    assert.equal(w.monthlyCostUsd, null);
    assert.equal(w.selfHost, null, 'no figure of another model stands in');
    assert.equal(w.notModelled, '2× a100-80gb at fp8');
    const f = a.findings.find((x) => x.code === 'not-modelled')!;
    assert.equal(f.severity, 'warning');
    assert.equal(text.slice(f.offset, f.offset + f.length), '"fp8"');
    // What stock vLLM does with FP8 weights on Ampere, with its source (formatSupport.ts).
    assert.match(f.message, /^Not modelled: vLLM runs FP8 \(W8A8, e4m3\) weights on Ampere as weight-only kernels \(FP8 Marlin \(W8A16\)\), dequantized to 16-bit \(vLLM docs, FP8 W8A8 \(https:\/\/docs\.vllm\.ai\/.*\); weight-only kernels of this format are not estimated yet\. The serving model does not estimate 2× a100-80gb at fp8, so this setup has no throughput or price\. Formats it estimates on a100-80gb: bf16, int8, int8-w8a16, int4-awq, int4-gptq, mxfp4; /);
    assert.doesNotMatch(f.message, /Formats it estimates on a100-80gb:[^;]*\bfp8\b/);
    assert.equal(a.lenses.find((l) => l.workload === 0 && l.kind === 'cost')!.title, 'not modelled: 2× a100-80gb at fp8');
    assert.match(a.lenses.find((l) => l.kind === 'total')!.title, /1 unpriced/);
    for (const l of a.lenses) assert.doesNotMatch(l.title, /55\.65|roofline/);
  });

  it('selfHosted.framework: the throughput step names it; llama.cpp, with no measurement on record, is a warning at the framework', () => {
    const sglang = analyze(config({ gpu: 'h200', quantization: 'fp8', framework: 'sglang' }), { catalog }).workloads[0]!;
    assert.equal(sglang.selfHost!.throughputSource, 'serving');
    const steps = sglang.selfHost!.explanation.map((e) => ('text' in e ? e.text.map((t, i) => t + String(e.values[i] ?? '')).join('') : ''));
    assert.match(steps[0]!, /by the serving model, run by SGLang/);
    for (const line of steps.filter((_, i) => sglang.selfHost!.explanation[i]!.topic === 'serving')) assert.match(line, /^SGLang /);
    const text = config({ gpu: 'h200', quantization: 'fp8', framework: 'llama.cpp' });
    const a = analyze(text, { catalog });
    assert.equal(a.workloads[0]!.monthlyCostUsd, null);
    const f = a.findings.find((x) => x.code === 'not-modelled')!;
    assert.equal(text.slice(f.offset, f.offset + f.length), '"llama.cpp"');
    assert.match(f.message, /no llama\.cpp serving measurement on NVIDIA GPUs is on record.*Name a framework it is fitted on \(vllm, sglang, trtllm\)/);
    // A framework the schema does not know is a schema error, not a silent vLLM.
    assert.ok(analyze(config({ gpu: 'h200', quantization: 'fp8', framework: 'tgi' }), { catalog }).findings.some((x) => x.code === 'schema'));
  });

  it('FP16 on the same GPUs is sized by the serving model', () => {
    const a = analyze(config({ gpu: 'a100-80gb', gpus: 2, quantization: 'fp16' }), { catalog });
    const w = a.workloads[0]!;
    assert.equal(w.selfHost!.throughputSource, 'serving');
    // Two A100s in one node: the cheapest offer holding two is Azure's 2-GPU instance, $4.777 × 2 × 720 h
    // (the GPU file's median, $2.50 for any count, gave $3,600).
    assert.equal(w.monthlyCostUsd, 6878.88);
    assert.ok(!a.findings.some((f) => f.code === 'not-modelled'));
  });

  it('attention heads that do not split over the GPUs: a warning at the GPU count', () => {
    const text = config({ gpu: 'h100-sxm', gpus: 3, quantization: 'fp8' });
    const a = analyze(text, { catalog });
    const f = a.findings.find((x) => x.code === 'not-modelled')!;
    assert.equal(text.slice(f.offset, f.offset + f.length), '3');
    assert.match(f.message, /attention heads do not split over 3 GPUs.*Use a GPU count that divides the attention heads/);
    assert.equal(a.workloads[0]!.monthlyCostUsd, null);
  });

  it('a throughput the file states is taken as it is: nothing to estimate', () => {
    const a = analyze(config({ gpu: 'a100-80gb', gpus: 2, quantization: 'fp8', throughputTps: 900 }), { catalog });
    assert.equal(a.workloads[0]!.selfHost!.throughputSource, 'config');
    assert.ok(!a.findings.some((f) => f.code === 'not-modelled'));
  });
});
