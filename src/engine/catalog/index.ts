/**
 * The bundled catalog and its lookups. Works offline: everything here is plain data.
 */
export * from './catalog';
// The lookups; the helpers they share (normalize, lookUp, modelIndex) stay inside the catalog.
export { findGpu, findQuantization, findRequirement, gpuIds, gpuPriceKey, modelIds, quantizationIds } from './lookup';
export * from './models';
export * from './suggest';

// The article’s prose (advice, outlook, why the gaps persist) and its corrections are for the
// panel and the docs: they import `seedNotes` and `seedText` from ./decisions, so that the
// engine as the editor and the CLI load it carries no text.
/** The article’s MMLU gap timeline, for the panel's chart. */
export { gapHistory } from './benchmarks';

export { INTRO_GPQA, historyGap } from './benchmarks';
export { COST_DECADES, COST_WEIGHT, deploymentFit, hardConstraints, PREFERENCE_WEIGHT, TIER_WEIGHT, tierScore } from './decisions';
export type { SeedMatrixRow } from './decisions';
export type { DeploymentFit, HardConstraint } from './types';
export { seedDecisionMatrix } from './decisions';
