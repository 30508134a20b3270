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
 * Medians of several measurements taken in turns: each round times every one, in an order
 * that rotates from round to round. A measurement and its baseline then run under the same
 * heap and JIT conditions; timed one block after the other, whichever ran first paid for
 * the young heap and the warm-up. Rounds before `warmupMs` of running (and at least three)
 * are not counted: until then the JIT is still compiling what small inputs run through.
 */
export async function interleavedMediansMs<K extends string>(runs: number, fns: Record<K, () => unknown>, warmupMs = 300): Promise<Record<K, number>> {
  const names = Object.keys(fns) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  const warmupEnds = performance.now() + warmupMs;
  for (let round = 0; samples[names[0]!].length < runs; round++) {
    const warm = round >= 3 && performance.now() >= warmupEnds;
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      const started = performance.now();
      await fns[name]();
      if (warm) samples[name].push(performance.now() - started);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<K, number>;
}

function median(samples: number[]): number {
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}
