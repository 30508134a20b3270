/**
 * The cheapest-setup search over the whole grid (every GPU type × 1-8 GPUs × weight format,
 * each with its concurrency searched) for one model: a lens or a hover may run it on a
 * keystroke, so it has 20 ms. Run with the GPU offers (whole instances of an offer, each
 * priced by the cheapest that rents it), as the product runs it, against the same search
 * priced by each GPU's median quote, in the same run.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGpuOffers } from '../../src/engine/catalog/data/gpuOffers';
import { parseOpenModels } from '../../src/engine/catalog/data/openModels';
import { cheapestSetup, parseGpus } from '../../src/engine/sizing/serving';
import { TUNED_TABLE_CALIBRATION } from '../../src/engine/sizing/serving/calibration';
import { warmedMediansMs } from './median';

const repoRoot = path.resolve(__dirname, '../../..');

export async function servingBench(): Promise<void> {
  console.log('\nserving: the cheapest setup for a model, over the whole grid (median of runs)');
  const dataDir = path.join(repoRoot, 'src/engine/catalog/data');
  const models = parseOpenModels(JSON.parse(readFileSync(path.join(dataDir, 'openModels.json'), 'utf8')));
  const { gpus } = parseGpus(JSON.parse(readFileSync(path.join(dataDir, 'gpus.json'), 'utf8')));
  const { offers } = parseGpuOffers(JSON.parse(readFileSync(path.join(dataDir, 'gpuOffers.json'), 'utf8')));
  const shape = { inputTokens: 1000, outputTokens: 250 };
  for (const id of ['llama-3.1-8b', 'llama-3.1-70b', 'deepseek-v3', 'gpt-oss-120b']) {
    const model = models.find((m) => m.id === id)!;
    const run = () => cheapestSetup({ model, gpus, offers, monthlyTokens: 300e6, shape, ttftMs: 2000, tpotMs: 50 });
    // The same search priced by the median quotes, and under the tuned-table calibration, side by side in this run.
    const quotes = () => cheapestSetup({ model, gpus, monthlyTokens: 300e6, shape, ttftMs: 2000, tpotMs: 50 });
    const tuned = () => cheapestSetup({ model, gpus, offers, monthlyTokens: 300e6, shape, ttftMs: 2000, tpotMs: 50, calibration: TUNED_TABLE_CALIBRATION });
    const { ms, quotesMs, tunedMs } = await warmedMediansMs(31, { ms: run, quotesMs: quotes, tunedMs: tuned });
    const r = run();
    const best = r.best ? `${r.best.replicas} × ${r.best.gpus} × ${r.best.gpu} ${r.best.weights}${r.best.offer ? ` (${r.best.offer.provider})` : ''}` : 'none fits';
    console.log(
      `  ${id.padEnd(14)} grid ${String(r.gridSize).padStart(4)} setups over offers: ${ms.toFixed(2).padStart(6)} ms (${((ms / r.gridSize) * 1000).toFixed(1)} µs a setup); cheapest ${best}; ` +
        `×${(ms / quotesMs).toFixed(2)} the search priced by median quotes (${quotesMs.toFixed(2)} ms), ×${(ms / tunedMs).toFixed(2)} the tuned-table calibration's (${tunedMs.toFixed(2)} ms)`,
    );
  }
}

if (require.main === module) void servingBench();
