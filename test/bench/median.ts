import { performance } from 'node:perf_hooks';

/** Median of `runs` timings after one warm-up, in milliseconds. */
export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
