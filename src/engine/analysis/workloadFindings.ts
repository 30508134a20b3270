/** Findings a workload's fields give wherever they are written: an unknown model, GPU or quantization, a throughput beyond the hardware. */
import type { Finding } from './types';
import { type Catalog, didYouMean, suggestModel } from '../catalog';
import type { GpuSpec, ModelCard } from '../catalog/types';
import { formatNumber } from '../pricing/cost';
import { type TextRange } from '../config/document';
import type { Path } from './context';

/** An unknown model name, with a "did you mean" of the same sizes and versions (self-hostable where a setup is written). */
export function unknownModel(written: string, range: TextRange, path: Path, cat: Catalog, selfHosted = false): Finding {
  const suggestion = suggestModel(written, cat, selfHosted);
  return {
    severity: 'error',
    code: 'unknown-model',
    message: `Unknown model "${written}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    ...range,
    fixes: suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ path, value: suggestion }], preferred: true }] : [],
  };
}

export function unknownId(kind: 'gpu' | 'quantization', written: string, known: string[], range: TextRange, path: Path): Finding {
  const suggestion = didYouMean(written, known);
  return {
    severity: 'error',
    code: `unknown-${kind}`,
    message: `Unknown ${kind === 'gpu' ? 'GPU' : 'quantization'} "${written}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known: ${known.join(', ')}.`,
    ...range,
    fixes: suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ path, value: suggestion }], preferred: true }] : [],
  };
}

export function beyondHardware(written: number, ceiling: number, gpus: number, gpu: GpuSpec, model: ModelCard, range: TextRange): Finding {
  return {
    severity: 'warning',
    code: 'beyond-hardware',
    message: `${formatNumber(written)} tok/s is more than ${gpus}× ${gpu.name} could compute for ${model.name}: at most ${formatNumber(ceiling)} tok/s, which the figures use. Check throughputTps.`,
    ...range,
  };
}
