/**
 * The Quantization tab's view-model: for one open model, each weight format's memory and the
 * fewest GPUs of each kind that hold it, by the engine's one memory model (sizeMemory through
 * gpusNeeded: the serving model where it knows the model and the GPU) at the default request
 * and the assumptions' concurrency, as the model hover sizes it. Pure and DOM-free.
 */
import { type Analysis, catalog, DEFAULT_REQUEST_SHAPE, findModel, GPU_COUNTS, gpusNeeded, type MemoryNeeds, type ModelCard, type QuantizationOption, sizeMemory } from '../../../src/engine';
import type { PanelInputs } from '../../../src/protocol';
import { currentPanelCatalog, gpuShort } from '../../viewModel';

const round1 = (n: number): number => Math.round(n * 10) / 10;
const factor = (r: { min: number; max: number }): string => (round1(r.min) === round1(r.max) ? `${round1(r.min)}×` : `${round1(r.min)}–${round1(r.max)}×`);

export { GPU_COUNTS };

export interface QuantRow {
  id: string;
  name: string;
  bytesPerParam: number;
  weightsGB: number;
  kvCacheGB: number;
  memoryReduction: string;
  speedup: string;
  qualityLoss: string;
  /** Per GPU (catalog order): the fewest of 1, 2, 4, 8 that hold the model, null when none does, 'not run' where stock vLLM does not run the format on it. */
  fewestGpus: (number | null | 'not run')[];
  /** Which memory model sized the weights and KV cache shown. */
  memoryModel: 'serving' | 'simple';
  /** "1× A100 80GB, 1× H100 80GB" */
  fitsOn: string;
}

export interface QuantView {
  model: string;
  modelName: string;
  paramsB: number;
  contextTokens: number;
  concurrency: number;
  /** The request each sequence is sized for (input + output tokens). */
  shape: MemoryNeeds['shape'];
  models: { id: string; name: string }[];
  gpus: { id: string; name: string }[];
  rows: QuantRow[];
  /** Every (gpu, count, quantization) estimate, for the detailed table. */
  cells: { gpu: string; gpus: number; quantization: string; neededGB: number; availableGB: number; fits: boolean }[];
}

/** Open-weight models whose size is public: the ones a quantization can be chosen for. */
export function quantizableModels(): ModelCard[] {
  return catalog.models.filter((m) => m.access === 'open-weight' && m.paramsB !== undefined && !m.projected);
}

/** The model the tab starts on: the chosen one, else the first open model the config runs or compares. */
export function defaultQuantModel(analysis: Analysis, inputs: PanelInputs): string {
  const ids = new Set(quantizableModels().map((m) => m.id));
  if (inputs.quantModel && ids.has(inputs.quantModel)) return inputs.quantModel;
  for (const w of analysis.workloads) {
    if (ids.has(w.model)) return w.model;
    for (const c of w.crossovers) if (ids.has(c.selfHostModel)) return c.selfHostModel;
  }
  return ids.has('llama-3.1-70b') ? 'llama-3.1-70b' : [...ids][0] ?? '';
}

export function quantView(analysis: Analysis, inputs: PanelInputs): QuantView | null {
  const id = defaultQuantModel(analysis, inputs);
  const model = findModel(id);
  if (!model || model.paramsB === undefined) return null;
  const { contextTokens, concurrency } = analysis.assumptions;
  const cat = currentPanelCatalog();
  const needs: MemoryNeeds = { shape: DEFAULT_REQUEST_SHAPE, concurrency, contextTokens };
  const cells: QuantView['cells'] = [];
  const rows = catalog.quantizations.map((q: QuantizationOption): QuantRow => {
    const fewest = catalog.gpus.map((g) => {
      const needed = gpusNeeded(cat, model, g, q, needs);
      for (const { gpus, fit } of needed.fits) cells.push({ gpu: g.id, gpus, quantization: q.id, neededGB: fit.neededGB, availableGB: fit.availableGB, fits: fit.fits });
      return needed.notRun ? 'not run' : needed.gpus;
    });
    const one = sizeMemory(cat, model, catalog.gpus[0]!, 1, q, needs);
    const fitsOn = catalog.gpus
      .map((g, i) => (typeof fewest[i] === 'number' ? `${fewest[i]}× ${gpuShort(g, g.id)}` : null))
      .filter((s): s is string => s !== null);
    return {
      id: q.id,
      name: q.name,
      bytesPerParam: q.bytesPerParam,
      memoryModel: one.model,
      weightsGB: one.weightsGB,
      kvCacheGB: one.kvCacheGB,
      memoryReduction: `${round1(q.memoryReduction)}×`,
      speedup: factor(q.speedup),
      qualityLoss: q.qualityLossPct
        ? q.qualityLossPct.min === q.qualityLossPct.max
          ? `${q.qualityLossPct.min}%`
          : `${q.qualityLossPct.min}–${q.qualityLossPct.max}%`
        : q.qualityLossNote ?? 'variable',
      fewestGpus: fewest,
      fitsOn: fitsOn.length ? fitsOn.join(', ') : 'none of the catalog GPUs, up to 8',
    };
  });
  return {
    model: model.id,
    modelName: model.name,
    paramsB: model.paramsB,
    contextTokens,
    concurrency,
    shape: needs.shape,
    models: quantizableModels().map((m) => ({ id: m.id, name: m.name })),
    gpus: catalog.gpus.map((g) => ({ id: g.id, name: gpuShort(g, g.id) })),
    rows,
    cells,
  };
}
