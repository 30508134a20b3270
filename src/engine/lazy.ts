/**
 * Properties computed on first read and then kept. Explanations (the formula with its values,
 * for hovers and lens clicks) are read for the few figures a user looks at, while building
 * them for every workload of a large file was most of the analysis and its garbage.
 *
 * The getters live on one shared prototype per set of lazy keys, not on each object: an
 * accessor defined on the object itself turned thousands of results into slow dictionary
 * objects, which cost more than the explanations they deferred. A value not read yet is not
 * serialized (JSON.stringify sees own properties only); front ends read what they print.
 */
const thunks = Symbol('lazy thunks');

type Thunks<K extends string> = Record<K, () => unknown>;
type Computed<L> = { [P in keyof L]: L[P] extends () => infer V ? V : never };

/**
 * A maker of objects whose `keys` are computed on first read: `fields` are copied in, and
 * each key reads its thunk once and keeps the value as an own property.
 */
export function lazyProperties<K extends string>(...keys: K[]) {
  const prototype = {};
  for (const key of keys) {
    Object.defineProperty(prototype, key, {
      configurable: true,
      enumerable: true,
      get(this: Record<PropertyKey, unknown>) {
        const value = (this[thunks] as Thunks<K>)[key]();
        keep(this, key, value);
        return value;
      },
      set(this: Record<PropertyKey, unknown>, value: unknown) {
        keep(this, key, value);
      },
    });
  }
  return <T extends object, L extends Thunks<K>>(fields: T, lazy: L): T & Computed<L> => {
    const target = Object.create(prototype) as Record<PropertyKey, unknown>;
    target[thunks] = lazy;
    return Object.assign(target, fields) as T & Computed<L>;
  };
}

function keep(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}
