/**
 * How far the estimate lands from what was measured, as data: the P10 and P90 of the held-out
 * ratios (estimate / measured) of output tok/s and TPOT under FITTED_CALIBRATION, by slice
 * (dense or MoE, vendor, framework; then coarser where a slice holds fewer than MIN_ROWS
 * ratios). test/unit/servingRange.test.ts recomputes this table from
 * test/fixtures/serving-measurements-fixed-concurrency.json and fails when it differs; rows of
 * one series (a source's run at several concurrencies) are not independent, so a slice of 20
 * ratios is fewer than 20 observations. Each held-out row is judged as the software it ran
 * (the calibration's age term, test/unit/servingFit.ts), as the fit was.
 *
 * A measured value is the estimate divided by its ratio: the P10 of what a setup runs at is the
 * estimate over the P90 ratio, the P90 the estimate over the P10 ratio.
 */
import type { Vendor } from './calibration';
import type { Framework } from './frameworks';
import type { ServingRange } from './types';

export type ResidualMetric = 'output tok/s' | 'TPOT ms';

export interface ResidualSlice {
  metric: ResidualMetric;
  /** Mixture-of-experts models (true), dense ones (false), or both (absent). */
  moe?: boolean;
  vendor?: Vendor;
  framework?: Framework;
  /** Held-out ratios in the slice. */
  rows: number;
  p10: number;
  p90: number;
}

/** The fewest held-out ratios a slice needs to give a band of its own. */
export const MIN_ROWS = 5;

export const SERVING_RESIDUALS = {
  /** FITTED_CALIBRATION.fittedOn: the fit the ratios are residuals of. */
  fittedOn: 'the fit half (71 rows) of the fixed-concurrency measurements, each judged as its software, 2026-12-07',
  date: '2026-12-07',
  fitRows: 71,
  heldOutRows: 96,
  slices: [
    { metric: 'output tok/s', moe: true, vendor: 'amd', framework: 'sglang', rows: 12, p10: 0.57, p90: 1.63 },
    { metric: 'output tok/s', moe: true, vendor: 'amd', rows: 12, p10: 0.57, p90: 1.63 },
    { metric: 'output tok/s', moe: true, rows: 56, p10: 0.56, p90: 2.05 },
    { metric: 'output tok/s', rows: 96, p10: 0.54, p90: 1.72 },
    { metric: 'output tok/s', moe: true, vendor: 'nvidia', framework: 'vllm', rows: 22, p10: 0.56, p90: 2.05 },
    { metric: 'output tok/s', moe: true, vendor: 'nvidia', rows: 44, p10: 0.57, p90: 2.56 },
    { metric: 'output tok/s', moe: true, vendor: 'nvidia', framework: 'trtllm', rows: 7, p10: 1, p90: 3.51 },
    { metric: 'output tok/s', moe: false, vendor: 'nvidia', framework: 'vllm', rows: 23, p10: 0.72, p90: 1.51 },
    { metric: 'output tok/s', moe: false, vendor: 'nvidia', rows: 29, p10: 0.71, p90: 1.55 },
    { metric: 'output tok/s', moe: false, rows: 40, p10: 0.53, p90: 1.42 },
    { metric: 'output tok/s', moe: false, vendor: 'amd', framework: 'vllm', rows: 11, p10: 0.48, p90: 0.82 },
    { metric: 'output tok/s', moe: false, vendor: 'amd', rows: 11, p10: 0.48, p90: 0.82 },
    { metric: 'output tok/s', moe: true, vendor: 'nvidia', framework: 'sglang', rows: 15, p10: 0.52, p90: 1.06 },
    { metric: 'TPOT ms', moe: true, vendor: 'amd', framework: 'sglang', rows: 12, p10: 0.93, p90: 2.03 },
    { metric: 'TPOT ms', moe: true, vendor: 'amd', rows: 12, p10: 0.93, p90: 2.03 },
    { metric: 'TPOT ms', moe: true, rows: 54, p10: 0.67, p90: 2.84 },
    { metric: 'TPOT ms', rows: 76, p10: 0.72, p90: 2.75 },
    { metric: 'TPOT ms', moe: true, vendor: 'nvidia', framework: 'vllm', rows: 22, p10: 0.67, p90: 7.97 },
    { metric: 'TPOT ms', moe: true, vendor: 'nvidia', rows: 42, p10: 0.64, p90: 4.87 },
    { metric: 'TPOT ms', moe: true, vendor: 'nvidia', framework: 'trtllm', rows: 7, p10: 0.44, p90: 1.11 },
    { metric: 'TPOT ms', moe: false, vendor: 'nvidia', framework: 'vllm', rows: 16, p10: 0.85, p90: 3.84 },
    { metric: 'TPOT ms', moe: false, vendor: 'nvidia', rows: 22, p10: 0.85, p90: 1.85 },
    { metric: 'TPOT ms', moe: false, rows: 22, p10: 0.85, p90: 1.85 },
    { metric: 'TPOT ms', moe: true, vendor: 'nvidia', framework: 'sglang', rows: 13, p10: 1.03, p90: 1.75 },
  ] as readonly ResidualSlice[],
};

/** The most specific slice with a band for a setup: class, vendor and framework; then class and vendor; then class; then every row. */
export function residualSlice(metric: ResidualMetric, moe: boolean, vendor: Vendor, framework: Framework): ResidualSlice | undefined {
  const of = SERVING_RESIDUALS.slices.filter((s) => s.metric === metric);
  return (
    of.find((s) => s.moe === moe && s.vendor === vendor && s.framework === framework) ??
    of.find((s) => s.moe === moe && s.vendor === vendor && s.framework === undefined) ??
    of.find((s) => s.moe === moe && s.vendor === undefined) ??
    of.find((s) => s.moe === undefined)
  );
}

/** Which runs a slice holds, in words: "held-out dense vLLM runs on NVIDIA GPUs". */
export function sliceText(s: ResidualSlice, frameworkName: (f: Framework) => string): string {
  const kind = s.moe === undefined ? '' : s.moe ? 'MoE ' : 'dense ';
  const fw = s.framework ? `${frameworkName(s.framework)} ` : '';
  const on = s.vendor ? ` on ${s.vendor === 'amd' ? 'AMD' : 'NVIDIA'} GPUs` : '';
  return `${s.rows} held-out ${kind}${fw}runs${on}`;
}

/**
 * The P10–P90 band of a setup's output tok/s and TPOT, from the slices of its class, vendor and
 * framework; undefined under a calibration the table was not computed for.
 */
export function servingRange(fittedOn: string, moe: boolean, vendor: Vendor, framework: Framework, outputTokensPerSecond: number, timePerOutputTokenMs: number, frameworkName: (f: Framework) => string): ServingRange | undefined {
  if (fittedOn !== SERVING_RESIDUALS.fittedOn) return undefined;
  const tps = residualSlice('output tok/s', moe, vendor, framework);
  const tpot = residualSlice('TPOT ms', moe, vendor, framework);
  if (!tps || !tpot) return undefined;
  return {
    p10: { outputTokensPerSecond: outputTokensPerSecond / tps.p90, timePerOutputTokenMs: timePerOutputTokenMs / tpot.p90 },
    p90: { outputTokensPerSecond: outputTokensPerSecond / tps.p10, timePerOutputTokenMs: timePerOutputTokenMs / tpot.p10 },
    basis: { outputTokensPerSecond: sliceText(tps, frameworkName), timePerOutputTokenMs: sliceText(tpot, frameworkName), fittedOn: SERVING_RESIDUALS.fittedOn },
  };
}
