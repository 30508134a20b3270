/**
 * How good a match is: a name priced by an entry of another version of its model, or by
 * another host than the one it names, is said so at the name.
 */
import type { PriceTableEntry } from './data/priceTable';
import { familyKey } from './familyKey';

/** A price or a shape that is not the name's own, said at the name: its finding code and message. */
export interface Caveat {
  code: 'price-stand-in' | 'weak-match' | 'estimated-shape';
  message: string;
}

/**
 * Dropped parts that name another version of a model. A name read without one of them is
 * still the same model when the entry found is the undated model ("gpt-4o-2024-11-20" as
 * "gpt-4o"); when the entry was itself found by dropping its own version
 * ("mistral-small-2506" as "mistral-small-latest", "text-embedding-v4" as
 * "text-embedding-preview-0409"), it is another version, or another model: a weak match.
 * "-latest" is left out: an alias priced as its dated snapshot is the alias's price.
 */
const VERSION_PARTS = new Set(['the snapshot date', 'the version', 'the snapshot or context suffix', 'the preview date']);

/**
 * The entry's model without its org, vendor or region prefix and the parts that name no
 * version (Bedrock's revision "-v1:0", serving variants "-instruct"), as a family key:
 * "meta.llama3-8b-instruct-v1:0" is Llama 3 8B, as "llama3-8b-8192" is.
 */
function modelKey(model: string): string {
  let name = model.replace(/^[a-z-]+:(?=[a-z])/i, '').split('/').pop()!.toLowerCase().replace(/^(?:us|eu|apac|global|us-gov)\./, '').replace(/^[a-z0-9]+\.(?=[a-z])/, '');
  name = name.replace(/-v\d+(?::\d+)?$/, '').replace(VARIANT, '');
  for (let before = ''; before !== name; ) [before, name] = [name, name.replace(NO_VERSION_SUFFIX, '')];
  return familyKey(name);
}

const NO_VERSION_SUFFIX = /-(?:turbo|versatile|instant)$/;
/** Serving variants wherever they stand: "kimi-k2-instruct-0905" is "kimi-k2-0905". */
const VARIANT = /-(?:instruct|chat|it|hf)(?=-|$)/g;

/**
 * A weak match of a name read as `form` and priced by `entry`, or undefined for a sound one.
 * `entryDropped` is what the entry's own model was read without to meet the name: a preview's
 * price for a name without "-preview" ("gemini-3-pro-image" as "gemini-3-pro-image-preview")
 * is another release's, whose price can differ (Gemini 2.5 Flash's preview of 04-17 was
 * $0.15/$0.60 a million, the release $0.30/$2.50).
 */
export function weakMatch(written: string, form: { name: string; dropped: readonly string[] }, entry: PriceTableEntry, entryDropped: readonly string[] = []): Caveat | undefined {
  if (!form.dropped.some((d) => VERSION_PARTS.has(d))) return entryDropped.includes(PREVIEW) ? weak(written, entry, form.name) : undefined;
  const key = familyKey(form.name);
  const entryKey = modelKey(entry.model);
  // The same version on both sides ("kimi-k2-0905" and "kimi-k2-instruct-0905") is the model.
  if (entryKey === key || familyKey(entry.model) === key || entryKey === modelKey(written)) return undefined;
  return weak(written, entry, form.name);
}

/** What a preview's or experimental model's suffix is dropped as (resolve.ts). */
const PREVIEW = 'the preview date';

/** A host's faster flavor of a model priced as its base flavor: another endpoint, another price. */
export function otherFlavor(written: string, entry: PriceTableEntry, readAs: string): Caveat {
  return weak(written, entry, readAs);
}

function weak(written: string, entry: PriceTableEntry, readAs: string): Caveat {
  return {
    code: 'weak-match',
    message: `"${written}" is not in the price table: priced as "${entry.key}" (${entry.host}), the closest known, read as "${readAs}". Confirm it, or declare the model in "models".`,
  };
}

/** Another host's price standing in for the one a name picks. */
export function standIn(written: string, host: string, instead: string | undefined): Caveat {
  return {
    code: 'price-stand-in',
    message: instead
      ? `"${written}" names ${host}, and the price table has no ${host} price for it: priced as ${instead} instead. Declare the ${host} price in "models" if it differs.`
      : `"${written}" names ${host}, and the price table has no ${host} price for it, nor any other host's. Declare its price in "models".`,
  };
}

/**
 * A tag's stated size standing in for the shape of a family the catalog has no card of
 * ("granite-code:8b"): memory and throughput are those of a dense model of that size.
 */
export function estimatedShape(written: string, billions: number): Caveat {
  const size = billions < 1 ? `${Math.round(billions * 1000)}M` : `${billions}B`;
  return {
    code: 'estimated-shape',
    message: `"${written}" is of a family the catalog does not know: sized as a dense ${size}-parameter model, the size its tag states. Its layers, attention and context are unknown, so memory and speed are estimates: declare its shape in "models" to size it exactly.`,
  };
}
