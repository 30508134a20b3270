/** Applying the engine's fixes to config text: the one way the extension and the tests do it. */
import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import { NONE, parseConfigDocument } from './document';

export interface JsonChange {
  path: JSONPath;
  /** `undefined` removes the property. */
  value: unknown;
  /** Insert into an array at the path's index (-1: append) instead of replacing the item there. */
  insert?: boolean;
  /**
   * A new property goes before this sibling (when there is one) instead of last: jsonc-parser
   * reformats the line where it inserts, and the line after an object's opening brace or a
   * previous member's end is short, where the last member's may hold a whole one-line array.
   */
  before?: string;
}

/** Applies the changes one after the other with jsonc-parser, which keeps comments and layout. */
export function applyJsonChanges(text: string, changes: readonly JsonChange[], formattingOptions: FormattingOptions): string {
  let result = text;
  for (const change of changes) {
    if (change.value === undefined && !change.insert && typeof change.path[change.path.length - 1] === 'string') {
      result = removeMember(result, change.path);
      continue;
    }
    const before = change.before;
    const getInsertionIndex = before === undefined ? undefined : (properties: string[]) => {
      const at = properties.indexOf(before);
      return at < 0 ? properties.length : at;
    };
    const edits = modify(result, change.path, change.value, { formattingOptions, isArrayInsertion: change.insert ?? false, getInsertionIndex });
    result = applyEdits(result, edits);
  }
  return result;
}

const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';
const isSpace = (ch: string | undefined) => isBlank(ch) || ch === '\n' || ch === '\r';

/**
 * Removes an object member and the comma that separates it, and nothing else: jsonc-parser's
 * removal takes the comment above the member with it, and a comment is the user's.
 * The member's line goes too when nothing else is on it.
 */
function removeMember(text: string, path: JSONPath): string {
  const { tree } = parseConfigDocument(text);
  const node = tree.at(path);
  const key = tree.keyRange(node);
  if (node === NONE || !key) return text;
  let start = key.offset;
  const valueEnd = tree.offset(node) + tree.length(node);
  let end = valueEnd;
  let after = end;
  while (isSpace(text[after])) after++;
  let commaBefore = -1;
  if (text[after] === ',') end = after + 1;
  else {
    // The last member: the comma after the previous one goes instead.
    const parent = tree.at(path.slice(0, -1));
    const siblings = tree.children(parent);
    const previous = siblings[siblings.indexOf(node) - 1];
    if (previous !== undefined) {
      let at = tree.offset(previous) + tree.length(previous);
      while (isSpace(text[at])) at++;
      if (text[at] === ',') commaBefore = at;
    }
  }
  // A line that held only this member is removed whole.
  let lineStart = start;
  while (lineStart > 0 && isBlank(text[lineStart - 1])) lineStart--;
  let lineEnd = end;
  while (isBlank(text[lineEnd])) lineEnd++;
  const startsLine = lineStart === 0 || text[lineStart - 1] === '\n';
  const endsLine = lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r';
  if (startsLine && endsLine) {
    start = lineStart;
    end = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : text[lineEnd] === '\n' || text[lineEnd] === '\r' ? 1 : 0);
  } else {
    // Mid-line, the blanks on one side go with it: one space stays between its neighbours.
    while (isBlank(text[end]) && isBlank(text[start - 1])) end++;
  }
  const kept = text.slice(0, start) + text.slice(end);
  return commaBefore >= 0 ? kept.slice(0, commaBefore) + kept.slice(commaBefore + 1) : kept;
}
