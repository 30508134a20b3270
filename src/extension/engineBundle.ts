/**
 * The engine as the desktop host loads it: a bundle of its own (dist/engine.js), required by
 * the first call into it (see `engineOnFirstUse` in esbuild.mjs), so that the features bundle
 * holds the editor's own code and a window that analyzes nothing loads no engine. The editor
 * imports the engine's public entry; the code scanner and the price refresh are public
 * entries bundled apart, and the core modules they import are named here (the build names
 * any that is not).
 */
export * from '../engine';
export * from '../engine/catalog';
export * from '../engine/catalog/data/gpuOffers';
export * from '../engine/catalog/data/priceTable';
export * from '../engine/catalog/load';
export * from '../engine/catalog/offerOverlay';
export * from '../engine/catalog/overlay';
export * from '../engine/catalog/resolve';
export * from '../engine/pricing/cost';
