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
  return median(samples);
}

/**
 * Medians of several measurements, each taken in a block of its own after `warmupMs` of
 * running it (and at least three runs): until then the JIT is still compiling what it runs
 * through, and the heap has not reached the size its own garbage keeps it at. Each pays for
 * its own garbage, as the extension host and VS Code's JSON server (another process) do;
 * taken in turns, one would collect the other's.
 */
export async function warmedMediansMs<K extends string>(runs: number, fns: Record<K, () => unknown>, warmupMs = 300): Promise<Record<K, number>> {
  const medians = {} as Record<K, number>;
  for (const name of Object.keys(fns) as K[]) {
    const fn = fns[name];
    const warmupEnds = performance.now() + warmupMs;
    for (let i = 0; i < 3 || performance.now() < warmupEnds; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await fn();
      samples.push(performance.now() - started);
    }
    medians[name] = median(samples);
  }
  return medians;
}

function median(samples: number[]): number {
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}
