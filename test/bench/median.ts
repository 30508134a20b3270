import { performance } from 'node:perf_hooks';

/**
 * Median of `runs` timings in milliseconds, after warm-up runs: at least one, and as many as
 * fit in `warmupMs`. Until then the JIT is still compiling what the runs go through, and the
 * heap has not reached the size the function's own garbage keeps it at.
 */
export async function medianMs(runs: number, fn: () => unknown, warmupMs = 0): Promise<number> {
  const warmupEnds = performance.now() + warmupMs;
  do await fn();
  while (performance.now() < warmupEnds);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/**
 * Medians of several measurements, each taken in a block of its own after 300 ms of warm-up.
 * Each pays for its own garbage, as the extension host and VS Code's JSON server (another
 * process) do; taken in turns, one would collect the other's.
 */
export async function warmedMediansMs<K extends string>(runs: number, fns: Record<K, () => unknown>, warmupMs = 300): Promise<Record<K, number>> {
  const medians = {} as Record<K, number>;
  for (const name of Object.keys(fns) as K[]) medians[name] = await medianMs(runs, fns[name], warmupMs);
  return medians;
}
