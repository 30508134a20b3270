/**
 * The calibration fit behind src/engine/sizing/serving/calibration.ts, and the split it is
 * fitted and judged on. Rows are grouped in series (one source document, one framework, one
 * GPU: a run at several concurrencies or shapes); a series sits wholly in the fit half or
 * wholly in the held-out half, by a hash of its key, so no held-out ratio comes from a run
 * whose neighbours were fitted. One rule on top, for every framework and GPU vendor alike: a
 * pair of them with two or more series has one in each half (where the hash puts them all on
 * one side, the series of the lowest hash goes to the other), so that each framework's kernel
 * time on each vendor is fitted on its own runs and judged on others. Adding rows moves no
 * other series unless it gives a pair its second series.
 */
import { findKvCacheDtype, findServingGpu, findWeightFormat, isSizable, prepareReplica, type ServingGpu } from '../../src/engine/sizing/serving';
import { FITTED_CALIBRATION, WEIGHT_ONLY_COMPUTE_OVERHEAD, type ServingCalibration, type Vendor } from '../../src/engine/sizing/serving/calibration';
import type { Framework } from '../../src/engine/sizing/serving/frameworks';
import type { OpenModel } from '../../src/engine/catalog/data/openModels';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGpus } from '../../src/engine/sizing/serving/gpus';
import { parseMeasurements, type Measurement } from './servingMeasurements';

export type Metric = 'output tok/s' | 'TPOT ms' | 'TTFT ms';

/**
 * The fitted calibration as it was before the MoE terms (the fit of the same half, 2026-12-07, with
 * no tile cost and no per-layer overhead): the "before" the held-out ratios are printed against.
 */
export const FITTED_WITHOUT_MOE_TERMS: ServingCalibration = {
  kernelTime: { trtllm: { nvidia: 1 }, vllm: { nvidia: 1.3, amd: 3.2 }, sglang: { nvidia: 2.4, amd: 1 } },
  expertBandwidthEfficiency: 0.36,
  moePrefillTime: 1.6,
  expertTileTokens: 0,
  moeLayerOverheadUs: 0,
  weightOnlyComputeOverhead: 0.25,
  ttftOverheadMs: { vllm: 50, sglang: 50, trtllm: 50 },
  kernelTimePerYearOfAge: 1,
  softwareAsOf: '2026-06-22',
  fittedOn: 'the fit half (46 rows) of the fixed-concurrency measurements, before the MoE terms',
};

/**
 * The fitted calibration as it was before the software's age was taken into account (the fit of
 * 2026-12-07 on the 53 rows of its fit half, every run taken as today's software): the "before" of
 * the age term.
 */
export const FITTED_WITHOUT_AGE_TERM: ServingCalibration = {
  kernelTime: { trtllm: { nvidia: 1 }, vllm: { nvidia: 1.1, amd: 2.2 }, sglang: { nvidia: 1.8, amd: 1 } },
  expertBandwidthEfficiency: 0.45,
  moePrefillTime: 1.7,
  expertTileTokens: 48,
  moeLayerOverheadUs: 300,
  weightOnlyComputeOverhead: WEIGHT_ONLY_COMPUTE_OVERHEAD,
  ttftOverheadMs: { vllm: 50, sglang: 50, trtllm: 50 },
  kernelTimePerYearOfAge: 1,
  softwareAsOf: '2026-06-22',
  fittedOn: 'the fit half (53 rows) of the fixed-concurrency measurements, before the age term',
};

/**
 * Release dates (YYYY-MM-DD) of the framework builds whose date is known apart from the run's:
 * a build's own date where its image tag carries one; for a release, the day its release notes
 * were out (the project's GitHub releases, or the first dependency update opened from them: a
 * release is no newer than that). Every other row's software is dated by its run (sourceDate): a run used no software
 * newer than itself, and a row names the release it ran, so that bounds its age from below
 * (the release may be a few weeks older than its run, never newer). A row with neither cannot be
 * judged as its software and is not kept (a post that stated no vLLM version and no date was
 * taken out for that).
 */
export const SOFTWARE_DATES: readonly { framework: RegExp; date: string; why: string }[] = [
  { framework: /rocm\/vllm-dev:20250112/, date: '2025-01-12', why: 'the ROCm image tag rocm/vllm-dev:20250112' },
  { framework: /rocm\/vllm-dev:vllm-ds3-staging-0217/, date: '2025-02-17', why: 'the ROCm image tag vllm-ds3-staging-0217 (2025)' },
  { framework: /rocm\/sglang-staging:20250212/, date: '2025-02-12', why: 'the ROCm image tag rocm/sglang-staging:20250212' },
  {
    framework: /^vLLM 0\.11\.0\b/,
    date: '2025-10-07',
    why: 'vLLM v0.11.0: released by 2025-10-07, when dependency updates to it were opened from its release notes (github.com/CentML/mlperf-inference/pull/4)',
  },
  {
    framework: /^vLLM 0\.23\.0\b/,
    date: '2026-06-22',
    why: 'vLLM v0.23.0: released by 2026-06-22, when dependency updates to it were opened from its release notes (github.com/IntelLabs/DeepMath/pull/22); v0.25.0 followed on 2026-07-11 (github.com/vllm-project/vllm/releases)',
  },
];

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/**
 * The calibration as it applies to a run of software released on `date` (YYYY-MM-DD): every
 * kernel time ×kernelTimePerYearOfAge per year the release is older than softwareAsOf. Software
 * as new as softwareAsOf, or newer, or of no known date, is taken as today's: the calibration
 * unchanged. An estimate is for today's software and never calls this.
 */
function atSoftwareDate(calibration: ServingCalibration, date: string | undefined): ServingCalibration {
  if (!date || calibration.kernelTimePerYearOfAge === 1) return calibration;
  const years = (Date.parse(calibration.softwareAsOf) - Date.parse(date)) / YEAR_MS;
  if (!(years > 0)) return calibration;
  const factor = calibration.kernelTimePerYearOfAge ** years;
  const kernelTime: ServingCalibration['kernelTime'] = {};
  for (const [fw, byVendor] of Object.entries(calibration.kernelTime) as [Framework, Partial<Record<Vendor, number>>][]) {
    kernelTime[fw] = Object.fromEntries(Object.entries(byVendor).map(([vendor, t]) => [vendor, t * factor]));
  }
  return { ...calibration, kernelTime };
}

/** When the row's software was released (YYYY-MM-DD), or undefined where neither the build nor the run is dated. */
export function softwareDateOf(row: Measurement): string | undefined {
  return SOFTWARE_DATES.find((s) => s.framework.test(row.framework))?.date ?? row.sourceDate ?? undefined;
}

export interface Ratio {
  row: Measurement;
  metric: Metric;
  ratio: number;
}

export function frameworkOf(row: Measurement): Framework {
  return row.framework.startsWith('SGLang') ? 'sglang' : row.framework.startsWith('TensorRT') ? 'trtllm' : 'vllm';
}

/** The series a row belongs to: its source document (without the commit), framework and GPU. */
export function seriesOf(row: Measurement): string {
  const doc = row.source.replace(/\/blob\/[0-9a-f]{40}\//, '/blob/');
  return `${doc}|${frameworkOf(row)}|${row.gpu}`;
}

type Half = 'fit' | 'held-out';

/** FNV-1a of a series key. */
function hashOf(series: string): number {
  let h = 0x811c9dc5;
  for (const ch of series) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const byHash = (series: string): Half => (hashOf(series) % 2 === 0 ? 'fit' : 'held-out');

let halves: Map<string, Half> | undefined;

/** Each series of the fixture's rows and its half: by its hash, then one of each framework and vendor's series on each side (the rule above). */
function seriesHalves(): Map<string, Half> {
  if (halves) return halves;
  const root = path.resolve(__dirname, '../../..');
  const rows = parseMeasurements(JSON.parse(readFileSync(path.join(root, 'test/fixtures/serving-measurements-fixed-concurrency.json'), 'utf8')));
  const { gpus } = parseGpus(JSON.parse(readFileSync(path.join(root, 'src/engine/catalog/data/gpus.json'), 'utf8')));
  const vendorOf = (gpu: string) => findServingGpu(gpu, gpus)?.vendor.toLowerCase() ?? 'unknown';
  const byPair = new Map<string, Set<string>>();
  for (const row of rows) {
    const pair = `${frameworkOf(row)}|${vendorOf(row.gpu)}`;
    (byPair.get(pair) ?? byPair.set(pair, new Set()).get(pair)!).add(seriesOf(row));
  }
  halves = new Map();
  for (const series of byPair.values()) {
    const list = [...series];
    for (const s of list) halves.set(s, byHash(s));
    const sides = new Set(list.map((s) => halves!.get(s)));
    if (list.length < 2 || sides.size === 2) continue;
    const lowest = list.reduce((a, b) => (hashOf(b) < hashOf(a) ? b : a));
    halves.set(lowest, halves.get(lowest) === 'fit' ? 'held-out' : 'fit');
  }
  return halves;
}

/** Which half a row's series is in. */
export function halfOf(row: Measurement): Half {
  const series = seriesOf(row);
  return seriesHalves().get(series) ?? byHash(series);
}

/**
 * The row's estimate at its own concurrency, against each figure it measured. An offline row
 * (every request sent at once) is estimated at the most requests that fit, and its TTFT,
 * which is the burst's queue, is not compared: the model describes a steady state.
 */
export function ratiosOf(row: Measurement, models: readonly OpenModel[], gpus: readonly ServingGpu[], given: ServingCalibration = FITTED_CALIBRATION): Ratio[] | string {
  // The row is judged as the software it ran: the kernel times of its framework's release date.
  const calibration = atSoftwareDate(given, softwareDateOf(row));
  const model = models.find((m) => m.id === row.model);
  const gpu = findServingGpu(row.gpu, gpus);
  const weights = row.weights ? findWeightFormat(row.weights) : undefined;
  if (!model || !gpu || !isSizable(gpu)) return `no record of ${row.model} or ${row.gpu}`;
  if (!weights) return `weights ${row.weights ?? 'not stated'}`;
  if (!row.inputTokens || !row.outputTokens) return 'no single input/output length';
  const tp = row.tensorParallel ?? row.gpuCount;
  const replicas = row.gpuCount / tp;
  const replica = prepareReplica({
    model,
    gpu,
    gpus: tp,
    weights,
    kvCache: findKvCacheDtype(row.kvCache ?? 'fp16') ?? 'fp16',
    shape: { inputTokens: row.inputTokens, outputTokens: row.outputTokens, ...(row.lengths ? { lengths: row.lengths } : {}) },
    usage: 'server',
    framework: frameworkOf(row),
    // A run that shards its experts (TensorRT-LLM's --ep_size) is estimated with that layout; its attention stays tensor parallel.
    ...(row.expertParallel && row.expertParallel > 1 ? { layout: { expertParallel: row.expertParallel, dpAttention: false } } : {}),
    calibration,
  });
  if (replica.unsupported) return `not estimated: ${replica.unsupported.message}`;
  if (replica.maxConcurrency < 1) return 'does not fit by the serving model';
  const perReplica = row.concurrency === null ? replica.maxConcurrency : Math.max(1, Math.round(row.concurrency / replicas));
  const s = replica.at(Math.min(perReplica, replica.maxConcurrency));
  const out: Ratio[] = [];
  if (row.outputTokensPerSecond) out.push({ row, metric: 'output tok/s', ratio: (s.outputTokensPerSecond * replicas) / row.outputTokensPerSecond });
  if (row.tpotMs) out.push({ row, metric: 'TPOT ms', ratio: s.timePerOutputTokenMs / row.tpotMs });
  if (row.ttftMs && row.concurrency !== null) out.push({ row, metric: 'TTFT ms', ratio: s.timeToFirstTokenMs / row.ttftMs });
  return out.length ? out : 'no figure to compare';
}

export const geomean = (xs: readonly number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

/** Sum of squared log ratios of the given metrics: what the fit minimises. */
export function loss(rows: readonly Measurement[], models: readonly OpenModel[], gpus: readonly ServingGpu[], calibration: ServingCalibration, metrics: readonly Metric[] = ['output tok/s', 'TPOT ms', 'TTFT ms']): number {
  let sum = 0;
  for (const row of rows) {
    const r = ratiosOf(row, models, gpus, calibration);
    if (typeof r !== 'string') for (const x of r) if (metrics.includes(x.metric)) sum += Math.log(x.ratio) ** 2;
  }
  return sum;
}

type Knob = { name: string; get: (c: ServingCalibration) => number; set: (c: ServingCalibration, v: number) => ServingCalibration; min: number; max: number };

const kernelKnob = (fw: Framework, vendor: 'nvidia' | 'amd'): Knob => ({
  name: `kernelTime.${fw}.${vendor}`,
  get: (c) => c.kernelTime[fw]![vendor]!,
  set: (c, v) => ({ ...c, kernelTime: { ...c.kernelTime, [fw]: { ...c.kernelTime[fw], [vendor]: v } } }),
  min: 0.5,
  max: 6,
});

/** The knobs the fit turns, one at a time. */
export function knobsOf(c: ServingCalibration): Knob[] {
  const knobs: Knob[] = [];
  // TensorRT-LLM on NVIDIA is the tuned tables' own reference (1); every other pair has fit-half rows (the split's rule).
  for (const [fw, byVendor] of Object.entries(c.kernelTime) as [Framework, Record<string, number>][]) {
    for (const vendor of Object.keys(byVendor) as ('nvidia' | 'amd')[]) if (!(fw === 'trtllm' && vendor === 'nvidia')) knobs.push(kernelKnob(fw, vendor));
  }
  knobs.push({ name: 'expertBandwidthEfficiency', get: (x) => x.expertBandwidthEfficiency, set: (x, v) => ({ ...x, expertBandwidthEfficiency: v }), min: 0.05, max: 0.9 });
  knobs.push({ name: 'moePrefillTime', get: (x) => x.moePrefillTime, set: (x, v) => ({ ...x, moePrefillTime: v }), min: 1, max: 100 });
  knobs.push({ name: 'expertTileTokens', get: (x) => x.expertTileTokens, set: (x, v) => ({ ...x, expertTileTokens: v }), min: 0, max: 256 });
  knobs.push({ name: 'kernelTimePerYearOfAge', get: (x) => x.kernelTimePerYearOfAge, set: (x, v) => ({ ...x, kernelTimePerYearOfAge: v }), min: 1, max: 4 });
  knobs.push({ name: 'moeLayerOverheadUs', get: (x) => x.moeLayerOverheadUs, set: (x, v) => ({ ...x, moeLayerOverheadUs: v }), min: 0, max: 1000 });
  // weightOnlyComputeOverhead is not a knob: calibration.ts says why.
  // One overhead for every framework: the fit half has a short-prompt run (where the overhead
  // is most of the TTFT) of vLLM and TensorRT-LLM but none of SGLang, whose long-prompt runs
  // would otherwise push its overhead up to stand in for a slow prefill.
  const frameworks = Object.keys(c.ttftOverheadMs) as Framework[];
  const same = (v: number) => Object.fromEntries(frameworks.map((fw) => [fw, v])) as ServingCalibration['ttftOverheadMs'];
  knobs.push({ name: 'ttftOverheadMs', get: (x) => x.ttftOverheadMs[frameworks[0]!]!, set: (x, v) => ({ ...x, ttftOverheadMs: same(v) }), min: 0, max: 100 });
  return knobs;
}

const THROUGHPUT: readonly Metric[] = ['output tok/s', 'TPOT ms'];
// The TTFT knobs move throughput too (a longer prefill lengthens the steps it rides in): judged on every figure.
const isTtftKnob = (name: string) => name.startsWith('ttft') || name === 'moePrefillTime';

/** Each knob's ladder: absolute values for the terms that start at 0, multiples of the current value for the factors. */
function candidatesOf(name: string, now: number): number[] {
  if (name.startsWith('ttft')) return [0, 5, 10, 15, 20, 30, 40, 50, 75, 100];
  if (name === 'expertTileTokens') return [0, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256];
  if (name === 'moeLayerOverheadUs') return [0, 10, 20, 30, 50, 75, 100, 150, 200, 300, 400, 600];
  if (name === 'kernelTimePerYearOfAge') return [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2, 2.25, 2.5, 3];
  return [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.05, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4].map((m) => now * m);
}

/** Coordinate descent from one start: each knob tries its ladder, the best value kept, until a round changes nothing. */
function descend(rows: readonly Measurement[], models: readonly OpenModel[], gpus: readonly ServingGpu[], start: ServingCalibration, rounds: number): ServingCalibration {
  let best = start;
  for (const phase of ['throughput', 'ttft'] as const) {
    const metrics = phase === 'throughput' ? THROUGHPUT : undefined;
    let bestLoss = loss(rows, models, gpus, best, metrics);
    for (let round = 0; round < rounds; round++) {
      const before = bestLoss;
      for (const knob of knobsOf(best).filter((k) => isTtftKnob(k.name) === (phase === 'ttft'))) {
        for (const v of candidatesOf(knob.name, knob.get(best))) {
          if (v < knob.min || v > knob.max) continue;
          const c = knob.set(best, v);
          const l = loss(rows, models, gpus, c, metrics);
          if (l < bestLoss - 1e-9) {
            best = c;
            bestLoss = l;
          }
        }
      }
      if (bestLoss >= before - 1e-9) break;
    }
  }
  return best;
}

/**
 * The starts of the search: the tuned-table calibration, and the same with the MoE terms
 * already on at a small and a large setting. Coordinate descent from one start stops in the
 * first valley it reaches (the MoE terms trade against the expert bandwidth and the MoE prefill
 * factor, so a start without them can settle where turning one on alone only costs); the fit
 * keeps the lowest loss of every start, so it is never worse than the search without the terms.
 */
export function fitStarts(base: ServingCalibration): ServingCalibration[] {
  const anchored = { ...base, weightOnlyComputeOverhead: WEIGHT_ONLY_COMPUTE_OVERHEAD };
  return [
    anchored,
    { ...anchored, expertTileTokens: 16, moeLayerOverheadUs: 50 },
    { ...anchored, expertTileTokens: 64, moeLayerOverheadUs: 200 },
    { ...anchored, expertTileTokens: 32, moeLayerOverheadUs: 100, expertBandwidthEfficiency: 0.5 },
  ];
}

/**
 * The fit: coordinate descent, deterministic, from each of the starts; first the throughput
 * knobs on output tok/s and TPOT, then the time-to-first-token knobs on every figure; the
 * calibration of the lowest loss on every figure wins. Ten rounds at most: the age term trades
 * against each framework's kernel time, and four rounds stopped short of where the search settles.
 */
export function fitCalibration(rows: readonly Measurement[], models: readonly OpenModel[], gpus: readonly ServingGpu[], start: ServingCalibration, rounds = 10): { calibration: ServingCalibration; loss: number; starts: number[] } {
  let best: { calibration: ServingCalibration; loss: number } | undefined;
  const starts: number[] = [];
  for (const s of fitStarts(start)) {
    const c = descend(rows, models, gpus, s, rounds);
    const l = loss(rows, models, gpus, c);
    starts.push(l);
    if (!best || l < best.loss - 1e-9) best = { calibration: c, loss: l };
  }
  return { ...best!, starts };
}

/** The P-th percentile of `xs` (0–100), linear between the sorted values (R's type 7). */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * (p / 100);
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}

/**
 * The residual table of src/engine/sizing/serving/residuals.ts, from the held-out ratios under
 * `calibration`: for each metric, every slice (class, vendor, framework; then class and vendor;
 * then class; then all rows) with at least `minRows` ratios, its count and the P10 and P90 of
 * its ratios (estimate / measured), rounded to two decimals.
 */
export function residualSlices(ratios: readonly Ratio[], models: readonly OpenModel[], gpus: readonly ServingGpu[], minRows: number): ResidualSliceData[] {
  const key = (r: Ratio) => {
    const moe = Boolean(models.find((m) => m.id === r.row.model)?.expertsPerToken);
    const vendor = findServingGpu(r.row.gpu, gpus)!.vendor.toLowerCase() === 'amd' ? 'amd' : 'nvidia';
    return { moe, vendor, framework: frameworkOf(r.row) } as const;
  };
  const out: ResidualSliceData[] = [];
  for (const metric of ['output tok/s', 'TPOT ms'] as const) {
    const rs = ratios.filter((r) => r.metric === metric);
    const groups = new Map<string, { slice: Omit<ResidualSliceData, 'rows' | 'p10' | 'p90'>; xs: number[] }>();
    for (const r of rs) {
      const k = key(r);
      const levels = [
        { metric, moe: k.moe, vendor: k.vendor, framework: k.framework },
        { metric, moe: k.moe, vendor: k.vendor },
        { metric, moe: k.moe },
        { metric },
      ];
      for (const slice of levels) {
        const id = JSON.stringify(slice);
        if (!groups.has(id)) groups.set(id, { slice, xs: [] });
        groups.get(id)!.xs.push(r.ratio);
      }
    }
    for (const { slice, xs } of groups.values()) {
      if (xs.length < minRows) continue;
      out.push({ ...slice, rows: xs.length, p10: Math.round(percentile(xs, 10) * 100) / 100, p90: Math.round(percentile(xs, 90) * 100) / 100 });
    }
  }
  return out;
}

export interface ResidualSliceData {
  metric: 'output tok/s' | 'TPOT ms';
  moe?: boolean;
  vendor?: 'nvidia' | 'amd';
  framework?: Framework;
  rows: number;
  p10: number;
  p90: number;
}
