/**
 * Which of the article's batch-1 setups a workload's cost table shows: the ones that say
 * something about its model. A setup of the workload's own model always; for another open
 * model, the article's setups of a model of about its size (half to twice its parameters) that
 * fit; for a closed model, the article's own comparison, every setup that fits. An 8B workload
 * is not shown 405B on twelve A100s, nor a DeepSeek setup that does not fit.
 */
import { findModel, type Catalog } from '../catalog';
import type { ModelCard, SelfHostSetup } from '../catalog/types';
import { DEFAULT_ASSUMPTIONS } from '../pricing/cost';
import { estimateMemory } from '../sizing/simpleMemory';

/** How far another model's size may be from the workload's for its setup to be shown beside it. */
const SIZE_RATIO = 2;

export function articleSetupsFor(cat: Catalog, workloadModel: ModelCard | undefined): SelfHostSetup[] {
  return cat.setups.filter((setup) => {
    if (workloadModel && setup.model === workloadModel.id) return true;
    const model = findModel(setup.model, cat);
    if (!model || !fits(cat, model, setup)) return false;
    if (!workloadModel || workloadModel.access !== 'open-weight') return true;
    const own = workloadModel.paramsB;
    return own !== undefined && model.paramsB !== undefined && model.paramsB <= own * SIZE_RATIO && model.paramsB * SIZE_RATIO >= own;
  });
}

/** The setup fits by the engine's simple memory estimate at one request (the article's batch 1); unknown counts as fitting. */
function fits(cat: Catalog, model: ModelCard, setup: SelfHostSetup): boolean {
  const gpu = cat.gpus.find((g) => g.id === setup.gpu);
  const quantization = cat.quantizations.find((q) => q.id === setup.quantization);
  if (!gpu || !quantization) return true;
  const m = estimateMemory(model, gpu, setup.gpus, quantization, DEFAULT_ASSUMPTIONS.contextTokens, 1);
  return m.fits || !m.complete;
}
