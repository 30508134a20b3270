/**
 * The P10–P90 band of a serving estimate: the residual table (src/engine/sizing/serving/residuals.ts)
 * is the held-out half's ratios under the fitted calibration, recomputed here from the fixture;
 * an estimate carries the band of its slice, its explanation and the CLI say it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseOpenModels } from '../../src/engine/catalog/data/openModels';
import { estimateServing, findServingGpu, findWeightFormat, MIN_ROWS, parseGpus, residualSlice, SERVING_RESIDUALS, type ServingSetup, type SizableGpu } from '../../src/engine/sizing/serving';
import { FITTED_CALIBRATION, TUNED_TABLE_CALIBRATION } from '../../src/engine/sizing/serving/calibration';
import type { Framework } from '../../src/engine/sizing/serving/frameworks';
import { halfOf, ratiosOf, residualSlices, type Ratio } from './servingFit';
import { parseMeasurements } from './servingMeasurements';

const root = path.resolve(__dirname, '../../..');
const models = parseOpenModels(JSON.parse(readFileSync(path.join(root, 'src/engine/catalog/data/openModels.json'), 'utf8')));
const { gpus } = parseGpus(JSON.parse(readFileSync(path.join(root, 'src/engine/catalog/data/gpus.json'), 'utf8')));
const rows = parseMeasurements(JSON.parse(readFileSync(path.join(root, 'test/fixtures/serving-measurements-fixed-concurrency.json'), 'utf8')));
const cli = path.join(root, 'out/src/cli/main.js');

const near = (actual: number, expected: number, tolerance = 0.01) => assert.ok(Math.abs(actual / expected - 1) <= tolerance, `${actual} is not within ${tolerance * 100}% of ${expected}`);

function setup(model: string, gpu: string, n: number, weights: string, concurrency: number, inputTokens: number, outputTokens: number, framework?: Framework): ServingSetup {
  return {
    model: models.find((m) => m.id === model)!,
    gpu: findServingGpu(gpu, gpus)! as SizableGpu,
    gpus: n,
    weights: findWeightFormat(weights)!,
    kvCache: 'fp16',
    concurrency,
    shape: { inputTokens, outputTokens },
    ...(framework ? { framework } : {}),
  };
}

describe('serving range: P10–P90 from the held-out residuals', function () {
  this.timeout(60_000);

  it('the residual table is the held-out half under the fitted calibration, recomputed', () => {
    const heldOut = rows.filter((r) => halfOf(r) === 'held-out');
    const ratios: Ratio[] = heldOut.flatMap((row) => {
      const r = ratiosOf(row, models, gpus, FITTED_CALIBRATION);
      return typeof r === 'string' ? [] : r;
    });
    const key = (s: object) => JSON.stringify(Object.entries(s).sort(([a], [b]) => a.localeCompare(b)));
    const computed = residualSlices(ratios, models, gpus, MIN_ROWS).map(key).sort();
    assert.deepEqual([...SERVING_RESIDUALS.slices].map(key).sort(), computed);
    assert.equal(SERVING_RESIDUALS.fittedOn, FITTED_CALIBRATION.fittedOn);
    assert.ok(FITTED_CALIBRATION.fittedOn.endsWith(SERVING_RESIDUALS.date));
    assert.equal(SERVING_RESIDUALS.heldOutRows, heldOut.length);
    assert.equal(SERVING_RESIDUALS.fitRows, rows.length - heldOut.length);
    console.log(
      SERVING_RESIDUALS.slices
        .map((s) => `      ${s.metric.padEnd(12)} ${(s.moe === undefined ? 'all' : s.moe ? 'MoE' : 'dense').padEnd(5)} ${(s.vendor ?? '').padEnd(6)} ${(s.framework ?? '').padEnd(6)} ${String(s.rows).padStart(3)} rows  ratio P10 ×${s.p10}  P90 ×${s.p90}`)
        .join('\n'),
    );
  });

  it('a slice falls back to a coarser one with enough rows: dense SGLang on NVIDIA has no slice of its own', () => {
    assert.equal(residualSlice('output tok/s', false, 'nvidia', 'sglang')?.rows, 29);
    assert.equal(residualSlice('output tok/s', false, 'nvidia', 'sglang')?.framework, undefined);
    assert.equal(residualSlice('output tok/s', false, 'nvidia', 'vllm')?.framework, 'vllm');
    // No dense AMD TPOT ratios held out: the dense slice of every vendor.
    assert.deepEqual(residualSlice('TPOT ms', false, 'amd', 'vllm'), { metric: 'TPOT ms', moe: false, rows: 22, p10: 0.85, p90: 1.85 });
  });

  it('Llama 3.1 70B FP8 on 1 × H200 at 64 concurrent, 2,048 in / 128 out: 328–688 tok/s around 495', () => {
    const e = estimateServing(setup('llama-3.1-70b', 'h200', 1, 'fp8', 64, 2048, 128));
    // Dense vLLM runs on NVIDIA (23 ratios): P10 ×0.72, P90 ×1.51 → 495.2 / 1.51 and 495.2 / 0.72 (311–678 from 28 ratios
    // while a post that stated neither its vLLM version nor its date was among them).
    // (217–389 around 334 before the age term: ×0.86–1.54.)
    near(e.outputTokensPerSecond, 495.2);
    near(e.range!.p10.outputTokensPerSecond, 327.9);
    near(e.range!.p90.outputTokensPerSecond, 687.8);
    // TPOT (16 ratios): P10 ×0.85, P90 ×3.84 → 127.7 / 3.84 and 127.7 / 0.85.
    near(e.range!.p10.timePerOutputTokenMs, 33.25);
    near(e.range!.p90.timePerOutputTokenMs, 150.2);
    assert.equal(e.range!.basis.outputTokensPerSecond, '23 held-out dense vLLM runs on NVIDIA GPUs');
    assert.ok(e.lines.some((l) => l.includes('495 output tok/s (P10–P90 328–688 tok/s)') && l.includes('(TPOT; P10–P90 33.25–150 ms)')), e.lines.join('\n'));
    assert.ok(e.lines.some((l) => /range: P10–P90 .*\(fit of 2026-12-07\)$/.test(l)));
  });

  it('DeepSeek V3 on 8 × H200 at 32 concurrent, MoE: a wide band, from 22 MoE vLLM runs on NVIDIA', () => {
    const e = estimateServing(setup('deepseek-v3', 'h200', 8, 'fp8', 32, 1000, 1000));
    // 639 before the age term (P10 ×0.52, P90 ×1.84 then); 703 before the MoE terms (×0.54–2.3).
    near(e.outputTokensPerSecond, 1354.0);
    near(e.range!.p10.outputTokensPerSecond, 1354.0 / 2.05);
    near(e.range!.p90.outputTokensPerSecond, 1354.0 / 0.56);
    assert.equal(e.range!.basis.outputTokensPerSecond, '22 held-out MoE vLLM runs on NVIDIA GPUs');
  });

  it('a framework and vendor the fit has no run of would say so; SGLang on AMD is fitted now, on its own runs', () => {
    // The split gives every framework and vendor with two or more series one in each half: SGLang on AMD has its factor.
    assert.equal(FITTED_CALIBRATION.kernelTime.sglang?.amd, 2.2);
    assert.equal(FITTED_CALIBRATION.unfitted, undefined);
    const fitted = estimateServing(setup('deepseek-v3', 'mi300x', 8, 'bf16', 32, 500, 500, 'sglang'));
    assert.match(fitted.lines.find((l) => l.startsWith('SGLang decode step'))!, /its kernels at ×2\.2 the tuned tables' time \(SGLang on AMD, the fit half \(71 rows\)/);
    assert.equal(fitted.range!.basis.outputTokensPerSecond, '12 held-out MoE SGLang runs on AMD GPUs');
    // A pair with no run in the fit half keeps a placeholder, and its explanation says so.
    const placeholder = estimateServing({ ...setup('deepseek-v3', 'mi300x', 8, 'bf16', 32, 500, 500, 'sglang'), calibration: { ...FITTED_CALIBRATION, kernelTime: { ...FITTED_CALIBRATION.kernelTime, sglang: { nvidia: 1.2, amd: 1 } }, unfitted: [{ framework: 'sglang', vendor: 'amd' }] } });
    assert.match(placeholder.lines.find((l) => l.startsWith('SGLang decode step'))!, /its kernels at the tuned tables' time: no SGLang run on AMD GPUs is in the fit half, so that factor is a placeholder, not fitted \(its held-out runs give the range\)/);
  });

  it('no band where nothing is estimated, or under a calibration the residuals are not of', () => {
    const unsupported = estimateServing(setup('llama-3.1-70b', 'mi300x', 1, 'fp8', 8, 1000, 250, 'trtllm'));
    assert.equal(unsupported.supported, false);
    assert.equal(unsupported.range, undefined);
    const tuned = estimateServing({ ...setup('llama-3.1-70b', 'h200', 1, 'fp8', 64, 2048, 128), calibration: TUNED_TABLE_CALIBRATION });
    assert.equal(tuned.range, undefined);
    assert.ok(!tuned.lines.some((l) => l.includes('P10')));
  });

  it('estimate --json carries the band, and the text says it beside the figures', () => {
    const args = ['estimate', '--model', 'llama-3.1-70b', '--gpu', 'h200', '--quantization', 'fp8', '--concurrency', '64', '--input-tokens', '2048', '--output-tokens', '128'];
    const json = spawnSync(process.execPath, [cli, ...args, '--json'], { encoding: 'utf8' });
    assert.equal(json.status, 0, json.stderr);
    const range = JSON.parse(json.stdout).range;
    near(range.p10.outputTokensPerSecond, 327.9);
    near(range.p90.outputTokensPerSecond, 687.8);
    assert.equal(range.basis.fittedOn, FITTED_CALIBRATION.fittedOn);
    const text = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /output +495 tok\/s \(P10–P90 328–688 tok\/s\)/);
    assert.match(text.stdout, /TPOT +128 ms \(P10–P90 33\.25–150 ms\)/);
  });
});
