/**
 * The curated catalog, read from data/curated.json. The desktop host and the CLI read the
 * copy that ships beside their bundle when the engine loads (esbuild.mjs swaps this import
 * for a file read), so the bundle carries no catalog data; the web host and the webview,
 * which cannot read files synchronously, carry it inline.
 */
import curatedJson from './data/curated.json';
import type { CuratedCatalog } from './types';

export const curated = curatedJson as unknown as CuratedCatalog;
export const SEED = curated.seed;
export const LITELLM = curated.pricing;
