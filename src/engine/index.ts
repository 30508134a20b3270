/**
 * The engine's public surface. Pure: no `vscode`, no file system, no network, so the
 * same code runs in the extension host, the webview and the CLI.
 */
export * from './cost';
export * from './analysis';
export * from './explanation';
export { analyze, totalText, type AnalyzeOptions } from './analyze';
export { headlineCrossover, crossoverTitle, costsAtVolume } from './lenses';
export { ruledOutBy } from './requirementRules';
export { resolveFix } from './requirements';
export * from './catalog';
export type * from './catalog/types';
export * from './decide';
export { recommendForAnalysis } from './recommendFor';
export { configSchema, volumeToMillions, REQUIREMENT_IDS, type LlmConfig } from './config/schema';
export { positionConverter, type Position, type TextRange } from './config/document';
export { rooflineThroughput } from './selfHost';
export { servingReplica, sizeMemory, type MemoryNeeds } from './sizing/memory';
export { estimateMemory, gpuMemoryGB, gpuMemoryGiB, kvBytesPerToken, RUNTIME_RESERVE_SHARE } from './sizing/simpleMemory';
export { costDiff, type CostDiff, type DiffReason, type WorkloadDiff } from './diff';
export { asOfText, DEFAULT_STALE_AFTER_DAYS, isStaleDate, pricingText, provenanceText, staleBefore, withFallback, withStaleness } from './provenance';
export { DEFAULT_REQUEST_SHAPE, type RequestShape } from './cheapestSelfHost';
