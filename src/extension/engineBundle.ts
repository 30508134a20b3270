/**
 * The engine as the desktop host loads it: a bundle of its own (dist/engine.js), required by
 * the first call into it (see `engineOnFirstUse` in esbuild.mjs), so that the features bundle
 * holds the editor's own code and a window that analyzes nothing loads no engine. Every engine
 * module of the core that the editor's code imports is re-exported here (the build names any
 * that is not); the code scanner and the price refresh are not in it, but in the bundles that
 * use them.
 */
export * from '../engine';
export * from '../engine/catalog';
export * from '../engine/catalog/data/priceTable';
export * from '../engine/catalog/load';
export * from '../engine/catalog/overlay';
export * from '../engine/catalog/resolve';
export * from '../engine/config/document';
export * from '../engine/config/edits';
// Also through '../engine': named here for the price refresh, which formats its prices with it.
export * from '../engine/cost';
export * from '../engine/findingCodes';
export * from '../engine/fixes';
