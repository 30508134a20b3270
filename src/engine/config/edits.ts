/** Applying the engine's fixes to config text: the one way the extension and the tests do it. */
import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';

export interface JsonChange {
  path: JSONPath;
  /** `undefined` removes the property. */
  value: unknown;
  /** Insert into an array at the path's index (-1: append) instead of replacing the item there. */
  insert?: boolean;
}

/** Applies the changes one after the other with jsonc-parser, which keeps comments and layout. */
export function applyJsonChanges(text: string, changes: readonly JsonChange[], formattingOptions: FormattingOptions): string {
  let result = text;
  for (const change of changes) {
    const edits = modify(result, change.path, change.value, { formattingOptions, isArrayInsertion: change.insert ?? false });
    result = applyEdits(result, edits);
  }
  return result;
}
