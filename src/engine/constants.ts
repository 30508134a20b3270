/**
 * The engine's constants a surface reads before it needs the engine itself: how much of a
 * file is read, which price sources exist, which languages the code scan reads. A public
 * entry of its own, so that reading them at activation loads a few lines, not the engine or
 * the scanner (see `engineOnFirstUse` in esbuild.mjs).
 */
export { MAX_CONFIG_BYTES, MAX_USAGE_BYTES, megabytes } from './config/fileLimits';
export { PRICE_SOURCE_IDS, type PriceSourceId, type RemoteSourceId } from './catalog/priceSources';
export { SCAN_LANGUAGE_IDS } from './scan/languages';
