/**
 * The serving estimate against what teams run: published fixed-concurrency and offline runs of
 * stock vLLM, SGLang and TensorRT-LLM (test/fixtures/serving-measurements-fixed-concurrency.json),
 * kept apart from the tuned tables the efficiency factors were fitted on. The rows are split
 * into a fit half and a held-out half by series (servingFit.ts); FITTED_CALIBRATION is the fit
 * on the first half, and the held-out half's ratios (estimate / measured) are printed by slice
 * for the tuned-table calibration, the fit before the MoE terms, the fit before the software's
 * age was taken into account, and the fitted one, the default. Each row is judged as the
 * software it ran (servingFit.ts softwareDateOf): the age term only explains old runs, and an
 * estimate is for today's release.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseOpenModels } from '../../src/engine/catalog/data/openModels';
import { findServingGpu, parseGpus } from '../../src/engine/sizing/serving';
import { FITTED_CALIBRATION, TUNED_TABLE_CALIBRATION, type ServingCalibration } from '../../src/engine/sizing/serving/calibration';
import { FITTED_WITHOUT_AGE_TERM, FITTED_WITHOUT_MOE_TERMS, fitCalibration, frameworkOf, geomean, halfOf, loss, ratiosOf, softwareDateOf, type Metric, type Ratio } from './servingFit';
import { parseMeasurements } from './servingMeasurements';

const root = path.resolve(__dirname, '../../..');
const models = parseOpenModels(JSON.parse(readFileSync(path.join(root, 'src/engine/catalog/data/openModels.json'), 'utf8')));
const { gpus } = parseGpus(JSON.parse(readFileSync(path.join(root, 'src/engine/catalog/data/gpus.json'), 'utf8')));
const rows = parseMeasurements(JSON.parse(readFileSync(path.join(root, 'test/fixtures/serving-measurements-fixed-concurrency.json'), 'utf8')));
const fitHalf = rows.filter((r) => halfOf(r) === 'fit');
const heldOut = rows.filter((r) => halfOf(r) === 'held-out');
const moe = (r: Ratio) => Boolean(models.find((m) => m.id === r.row.model)!.expertsPerToken);

const SLICES: [string, (r: Ratio) => boolean][] = [
  ['dense', (r) => !moe(r)],
  ['MoE', moe],
  ['MI300X', (r) => r.row.gpu.startsWith('mi3')],
  ['SGLang', (r) => frameworkOf(r.row) === 'sglang'],
  ['all', () => true],
];

function ratios(set: typeof rows, calibration: ServingCalibration): Ratio[] {
  return set.flatMap((row) => {
    const r = ratiosOf(row, models, gpus, calibration);
    return typeof r === 'string' ? [] : r;
  });
}

function slice(rs: Ratio[], metric: Metric, name: string): number[] {
  const test = SLICES.find(([n]) => n === name)![1];
  return rs.filter((r) => r.metric === metric && test(r)).map((r) => r.ratio);
}

/**
 * The bands the fitted calibration's held-out geometric means must stay in, and why:
 * - output tok/s and TPOT of every slice, ×0.6–1.6: the band for a usable estimate,
 *   which the refit meets on rows it never saw (MoE and SGLang were at ×0.6–2 before the MoE
 *   terms: ×1.65 and ×1.49 then);
 * - TTFT, ×0.05–4: the queue of a fixed-length client's waves is modelled, but the long MLA
 *   prefills of early-2025 frameworks are still far slower than estimated; the band says how far
 *   off the model is, not that it is good.
 */
const BANDS: { metric: Metric; slice: string; low: number; high: number }[] = [
  { metric: 'output tok/s', slice: 'dense', low: 0.6, high: 1.6 },
  { metric: 'output tok/s', slice: 'MoE', low: 0.6, high: 1.6 },
  { metric: 'output tok/s', slice: 'MI300X', low: 0.6, high: 1.6 },
  { metric: 'output tok/s', slice: 'SGLang', low: 0.6, high: 1.6 },
  { metric: 'TPOT ms', slice: 'dense', low: 0.6, high: 1.6 },
  { metric: 'TPOT ms', slice: 'MoE', low: 0.6, high: 1.6 },
  { metric: 'TPOT ms', slice: 'all', low: 0.6, high: 1.6 },
  { metric: 'TTFT ms', slice: 'all', low: 0.05, high: 4 },
];

describe('serving estimate against fixed-concurrency runs: fitted on one half, held out on the other', function () {
  this.timeout(60_000);

  it('every row names a catalog model and GPU, its framework, and a source', () => {
    for (const row of rows) {
      assert.ok(models.some((m) => m.id === row.model), `${row.id}: model ${row.model}`);
      assert.ok(findServingGpu(row.gpu, gpus), `${row.id}: gpu ${row.gpu}`);
      assert.match(row.framework, /^(vLLM|SGLang|TensorRT-LLM)\b/, row.id);
      assert.match(row.source, /^https:\/\//, row.id);
    }
    assert.ok(rows.length >= 80, `${rows.length} rows`);
    // The coverage targets, printed: half fixed-concurrency runs of stock vLLM or SGLang, 10 on AMD, 15 MoE, 10 on A100, L40S, L4 or RTX cards.
    const stock = rows.filter((r) => r.mode === 'fixed-concurrency' && frameworkOf(r) !== 'trtllm').length;
    const amd = rows.filter((r) => findServingGpu(r.gpu, gpus)!.vendor.toLowerCase() === 'amd').length;
    const moeRows = rows.filter((r) => Boolean(models.find((m) => m.id === r.model)!.expertsPerToken)).length;
    const smaller = (g: string) => rows.filter((r) => r.gpu.startsWith(g)).length;
    console.log(`      ${rows.length} rows: ${stock} fixed-concurrency stock vLLM/SGLang, ${amd} AMD, ${moeRows} MoE; A100 ${smaller('a100')}, L40S ${smaller('l40s')}, L4 ${smaller('l4')}, RTX ${smaller('rtx')}`);
    assert.ok(amd >= 10 && moeRows >= 15 && smaller('a100') + smaller('l40s') + smaller('l4') + smaller('rtx') >= 10);
    assert.ok(stock * 2 >= rows.length, `${stock} of ${rows.length} rows are fixed-concurrency runs of stock vLLM or SGLang`);
    // Every row's software is dated (its build, its release or its run), and every row names its framework's version.
    assert.deepEqual(rows.filter((r) => !softwareDateOf(r)).map((r) => r.id), []);
    assert.deepEqual(rows.filter((r) => !/\d+\.\d+/.test(r.framework)).map((r) => r.id), []);
    // Both halves hold rows of every slice the calibration has a knob for.
    for (const half of [fitHalf, heldOut]) {
      const rs = ratios(half, TUNED_TABLE_CALIBRATION);
      for (const name of ['dense', 'MoE', 'MI300X', 'SGLang']) assert.ok(slice(rs, 'output tok/s', name).length > 0, name);
    }
  });

  it('prints the held-out geometric means by slice: tuned tables → fit without the MoE terms → fit without the age term → fitted, each within its band', () => {
    const tuned = ratios(heldOut, TUNED_TABLE_CALIBRATION);
    const noMoe = ratios(heldOut, FITTED_WITHOUT_MOE_TERMS);
    const before = ratios(heldOut, FITTED_WITHOUT_AGE_TERM);
    const after = ratios(heldOut, FITTED_CALIBRATION);
    const inBand = (xs: number[]) => xs.filter((x) => x >= 0.6 && x <= 1.6).length;
    const lines = [`      ${fitHalf.length} rows fitted, ${heldOut.length} held out; geometric mean of estimate / measured: tuned tables → fit without the MoE terms → fit without the age term → fitted (within ×0.6–1.6)`];
    for (const metric of ['output tok/s', 'TPOT ms', 'TTFT ms'] as const) {
      for (const [name] of SLICES) {
        const t = slice(tuned, metric, name);
        const m = slice(noMoe, metric, name);
        const b = slice(before, metric, name);
        const a = slice(after, metric, name);
        if (a.length) lines.push(`      held out ${metric.padEnd(13)} ${name.padEnd(7)} ${String(a.length).padStart(3)} rows  ×${geomean(t).toFixed(2)} → ×${geomean(m).toFixed(2)} → ×${geomean(b).toFixed(2)} → ×${geomean(a).toFixed(2)}  (${inBand(b)} → ${inBand(a)})`);
      }
    }
    console.log(lines.join('\n'));
    for (const band of BANDS) {
      const g = geomean(slice(after, band.metric, band.slice));
      assert.ok(g >= band.low && g <= band.high, `${band.metric} ${band.slice}: ×${g.toFixed(2)} outside ×${band.low}–${band.high}`);
    }
  });

  it('FITTED_CALIBRATION is the fit of the fit half, rounded: the search from every start finds no calibration more than 3% better', () => {
    const fitted = fitCalibration(fitHalf, models, gpus, TUNED_TABLE_CALIBRATION);
    const data = loss(fitHalf, models, gpus, FITTED_CALIBRATION);
    // The calibration before the MoE terms, at today's weight-only term (it had +25%, which the gpt-oss rows prefer).
    const without = loss(fitHalf, models, gpus, { ...FITTED_WITHOUT_MOE_TERMS, weightOnlyComputeOverhead: FITTED_CALIBRATION.weightOnlyComputeOverhead });
    const young = loss(fitHalf, models, gpus, FITTED_WITHOUT_AGE_TERM);
    console.log(`      fit half loss: ${fitted.starts.map((l) => l.toFixed(2)).join(', ')} from the starts; ${data.toFixed(2)} rounded; ${without.toFixed(2)} without the MoE terms; ${young.toFixed(2)} without the age term`);
    assert.ok(data <= fitted.loss * 1.03, `data ${data.toFixed(1)}, fit ${fitted.loss.toFixed(1)}: ${JSON.stringify(fitted.calibration)}`);
    // The search keeps the best start, and beats the calibration without the MoE terms at the same weight-only term.
    assert.ok(fitted.loss <= Math.min(...fitted.starts) + 1e-9);
    assert.ok(fitted.loss < without);
    // The age term earns its place: the fit with it beats the fit that took every run for today's software.
    assert.ok(data < young);
    assert.ok(fitted.calibration.kernelTimePerYearOfAge > 1);
    // The weight-only term is not the fit's to move (calibration.ts says why).
    assert.equal(fitted.calibration.weightOnlyComputeOverhead, FITTED_CALIBRATION.weightOnlyComputeOverhead);
  });

  it('says why a row is not estimated', () => {
    for (const row of rows) {
      const r = ratiosOf(row, models, gpus, FITTED_CALIBRATION);
      if (typeof r === 'string') assert.ok(r.length > 0);
      else assert.ok(r.every((x) => Number.isFinite(x.ratio) && x.ratio > 0), row.id);
    }
  });
});
