/**
 * What a lens or a hover's "more" link passes to llmCostLens.explainFigure: which config and
 * which of its lenses. Small and apart from the page itself, which is a bundle loaded by the
 * first click (explainFigure.ts), so that the providers that make the links do not load it.
 */
import type { Lens, LensKind } from '../engine';

/** Which lens a page explains: stable across edits that keep the workload where it is. */
export interface LensKey {
  kind: Exclude<LensKind, 'total'>;
  workload: number;
  alternative?: number;
}

/** What a lens or a hover passes: the config and which of its lenses. */
export interface ExplainArgs {
  uri: string;
  lens: LensKey;
  /** From a model hover's "more": the rest of the workload's model card too. */
  model?: boolean;
}

export function isExplainArgs(value: unknown): value is ExplainArgs {
  const candidate = value as Partial<ExplainArgs> | undefined;
  return typeof candidate?.uri === 'string' && isLensKey(candidate.lens) && (candidate.model === undefined || typeof candidate.model === 'boolean');
}

export function lensKey(lens: Lens): LensKey | undefined {
  if (lens.kind === 'total' || lens.workload === undefined) return undefined;
  return lens.alternative === undefined ? { kind: lens.kind, workload: lens.workload } : { kind: lens.kind, workload: lens.workload, alternative: lens.alternative };
}

export function isLensKey(value: unknown): value is LensKey {
  const k = value as Partial<LensKey> | undefined;
  return (
    typeof k === 'object' &&
    k !== null &&
    (k.kind === 'cost' || k.kind === 'crossover' || k.kind === 'cheapest') &&
    Number.isInteger(k.workload) &&
    (k.alternative === undefined || Number.isInteger(k.alternative))
  );
}
