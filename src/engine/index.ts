/**
 * The engine's public surface. Pure: no `vscode`, no file system, no network, so the
 * same code runs in the extension host, the webview and the CLI.
 */
export * from './pricing/cost';
export * from './analysis/types';
export * from './present/explanation';
export { analyze, totalText, type AnalyzeOptions, type IncrementalState } from './analysis/analyze';
export { headlineCrossover, crossoverTitle, costsAtVolume } from './present/lenses';
export { ruledOutBy } from './analysis/requirementRules';
export { resolveFix } from './analysis/requirements';
export * from './catalog';
export type * from './catalog/types';
export * from './decide/decide';
export { recommendForAnalysis } from './decide/recommendFor';
export { configSchema, volumeToMillions, REQUIREMENT_IDS, type LlmConfig } from './config/schema';
export { positionConverter, type Position, type TextRange } from './config/document';
export { rooflineThroughput } from './sizing/roofline';
export { servingReplica, sizeMemory, type MemoryFit, type MemoryNeeds } from './sizing/memory';
export { GPU_COUNTS, gpusNeeded, type GpusNeeded } from './sizing/gpusNeeded';
export { apiCallPrice, type ApiBilling, type WorkloadBilling } from './pricing/apiCall';
export { workloadApiPrice } from './pricing/workloadPrice';
export { type GpuHourSource } from './pricing/gpuHour';
export { estimateMemory, gpuMemoryGB, gpuMemoryGiB, kvBytesPerToken, RUNTIME_RESERVE_SHARE } from './sizing/simpleMemory';
export { costDiff, type CostDiff, type DiffReason, type WorkloadDiff } from './analysis/diff';
export { ARTICLE_NAMED, ARTICLE_SOURCE, articleNamer, asOfText, DEFAULT_STALE_AFTER_DAYS, isStaleDate, pricingText, provenanceText, staleBefore, withFallback, withStaleness } from './present/provenance';
export { DEFAULT_REQUEST_SHAPE, type RequestShape } from './sizing/cheapestSelfHost';
export { workloadOptions, cheapestAllowedOption, type OptionKind, type WorkloadOption } from './analysis/options';
export { addedErrors, textAfter } from './analysis/fixes';
export { findingDescription, findingDocUrl, FINDING_DESCRIPTIONS, FINDINGS_DOC_URL } from './present/findingCodes';
export { parseConfigDocument } from './config/document';
export { applyJsonChanges, type JsonChange } from './config/edits';
export { CATALOG_FILES, catalogFromFiles, type CatalogFileTexts } from './catalog/load';
export { withRefreshedPrices, type RefreshedPrices } from './catalog/overlay';
export { namedHost, familyKey } from './catalog/resolve';
export { seedNotes, seedText } from './catalog/decisions';
export * from './catalog/data/priceTable';
export { cheapestSelfHost, type CheapestSelfHost } from './sizing/cheapestSelfHost';
export * from './sizing/serving';
export { parseGpuOffers, offersFor, GpuOffersError, GPUS_PER_INSTANCE, type GpuOffer, type GpuOffers, type GpusPerInstance } from './catalog/data/gpuOffers';
export { rentOffer, offerPrice, PRICINGS, DEFAULT_PRICING, type Pricing, type RentedOffer, type NoOfferReason, type OfferChoice, type OfferRequest } from './pricing/offers';
export { offerText, noOfferText, pricingWords } from './present/offers';
export { ownedGpuHour, ownedGpuHourSteps, HOURS_PER_YEAR, type OwnedGpuHour } from './pricing/ownedGpu';
export { PRICING_MODES, QUALITY_LEVELS, OWNED_GPU_LIMITS, type OwnedGpuConfig, type PricingMode, type QualityLevel } from './config/schema';
export { sizeDay, DayProfileError, type DayProfile, type DayProfileInput } from './sizing/dayProfile';
export { dayProfileCost, type DayProfileCost } from './pricing/dayProfileCost';
export { setupQuality, keptAt, weightsText, type SetupQuality } from './present/quality';
export { formatQuality, qualityAllows, parseFormatQuality, FormatQualityError, NEAR_LOSSLESS_RECOVERY, type FormatQuality, type FormatQualityRow, type FormatQualityFile } from './catalog/data/formatQuality';
export * from './usage';
