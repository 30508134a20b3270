import type vscode = require('vscode');
import { explanationLines } from '../engine';
import type { AnalysisCache } from './analysisCache';

/**
 * A small config that goes through what a first analysis does: an API workload with a
 * self-hosted alternative, a self-hosted workload (the serving model and the cheapest-setup
 * search), a requirement, and a misspelt model name (the did-you-mean list of every priced name).
 */
const WARM_CONFIG = JSON.stringify({
  assumptions: { gpuHourlyUsd: 2.5 },
  requirements: ['best_math_code'],
  workloads: [
    { name: 'chat', model: 'gpt-4o', monthlyTokens: '100M', deployment: 'api', alternatives: [{ model: 'llama-3.1-70b', selfHosted: { gpu: 'a100-80gb', gpus: 1, quantization: 'int4' } }] },
    { name: 'batch', model: 'llama-3.1-8b', monthlyTokens: '240M', deployment: { selfHosted: { gpu: 'l4', gpus: 1 } } },
    { name: 'typo', model: 'gpt-4o-mnii', monthlyTokens: '10M', deployment: 'api' },
  ],
});

/**
 * Makes ready in the background what the first lens of a window waits for: the engine's bundle
 * loaded, the catalog files read and indexed, and the analysis and the lens explanations run
 * once, so that their code is compiled. Started by the features after activation, never on
 * the activation path; each step on its own turn of the event loop, so that other extensions'
 * work and the user's first requests go in between. What it computes is thrown away.
 */
export function warmUpLater(cache: AnalysisCache, delayMs: number): vscode.Disposable {
  const steps = [
    () => void cache.warmUp('{}'),
    () => {
      for (const lens of cache.warmUp(WARM_CONFIG).lenses) explanationLines(lens.explanation);
    },
  ];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    const step = steps.shift();
    if (!step) return;
    try {
      step();
    } catch (error) {
      // A warm-up that fails costs nothing but the wait it meant to save: the first analysis says what is wrong.
      console.warn('LLM Cost Lens: warming up failed', error);
      return;
    }
    timer = setTimeout(next, 0);
  };
  timer = setTimeout(next, delayMs);
  return { dispose: () => clearTimeout(timer) };
}
