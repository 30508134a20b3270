/**
 * A property computed on first read and kept. Explanations (the formula with its values,
 * for hovers and lens clicks) are read for the few figures a user looks at, while building
 * them for every workload of a large file was most of the analysis and its garbage.
 * The property stays enumerable, so JSON output still includes it.
 */
export function defineLazy<T extends object, K extends PropertyKey, V>(target: T, key: K, compute: () => V): T & Record<K, V> {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
  return target as T & Record<K, V>;
}
