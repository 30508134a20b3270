/**
 * A module that the desktop build keeps in a bundle of its own beside `features.js` (see
 * `onDemandApart` in esbuild.mjs), loaded by the first call that needs it: the commands and
 * providers that a session may never use cost nothing when the extension starts. `load` is
 * a `require` of a sibling module by its bare name, which is what the build recognizes.
 *
 * Such a module gets what it shares with the rest (the analysis cache, the settings, the
 * catalog) as arguments, never as module state: its bundle has its own copy of the code.
 */
export function onDemand<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}
