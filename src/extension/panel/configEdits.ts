/**
 * "Apply to config": the text edits that write the panel's assumptions and volumes into
 * llm.config.json. Built with jsonc-parser's `modify`, so comments and formatting around
 * the changed values survive. Pure (no vscode), so it is tested as plain mocha.
 */
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type FormattingOptions } from 'jsonc-parser';
import type { AssumptionOverrides } from '../../protocol';

export interface ConfigChanges {
  assumptions: AssumptionOverrides;
  /** Monthly volumes in millions of tokens, by workload index. */
  volumesM: Record<string, number>;
}

/** Rounds away float noise from slider arithmetic (0.30000000000000004 → 0.3). */
function tidy(n: number): number {
  return Number(n.toPrecision(12));
}

/**
 * A volume as the config writes it: a whole number of tokens when it held a number,
 * a "240M"-style string when it held a string.
 */
export function volumeValue(volumeM: number, previous: unknown): number | string {
  if (typeof previous === 'string') {
    if (volumeM >= 1000 && Number.isInteger(tidy(volumeM / 1000))) return `${tidy(volumeM / 1000)}B`;
    if (volumeM >= 1 || volumeM === 0) return `${tidy(volumeM)}M`;
    return `${tidy(volumeM * 1000)}K`;
  }
  return Math.round(volumeM * 1e6);
}

/**
 * The edits, in the order they apply to the text one after another (each computed on the
 * text the previous ones produced), and the final text. Values already equal are skipped.
 */
export function configEdits(
  text: string,
  changes: ConfigChanges,
  formattingOptions: FormattingOptions = { insertSpaces: true, tabSize: 2 },
): { text: string; changed: string[] } {
  try {
    return editsOf(text, changes, formattingOptions);
  } catch {
    // jsonc-parser recurses: a file nested some thousands deep is left as it is.
    return { text, changed: [] };
  }
}

function editsOf(text: string, changes: ConfigChanges, formattingOptions: FormattingOptions): { text: string; changed: string[] } {
  let current = text;
  const changed: string[] = [];
  const set = (path: (string | number)[], value: unknown, label: string) => {
    const root = parseTree(current, [], { allowTrailingComma: true });
    const node = root && findNodeAtLocation(root, path);
    if (node && getNodeValue(node) === value) return;
    current = applyEdits(current, modify(current, path, value, { formattingOptions }));
    changed.push(label);
  };
  for (const [key, value] of Object.entries(changes.assumptions)) {
    if (typeof value !== 'number') continue;
    set(['assumptions', key], tidy(value), key);
  }
  const root = parseTree(text, [], { allowTrailingComma: true });
  for (const [index, volumeM] of Object.entries(changes.volumesM)) {
    const i = Number(index);
    const workload = root && findNodeAtLocation(root, ['workloads', i]);
    if (!workload) continue;
    const previousNode = findNodeAtLocation(workload, ['monthlyTokens']);
    const previous = previousNode ? getNodeValue(previousNode) : undefined;
    set(['workloads', i, 'monthlyTokens'], volumeValue(volumeM, previous), `workloads[${i}].monthlyTokens`);
  }
  return { text: current, changed };
}

/**
 * The smallest single replacement turning `before` into `after`: one range, so the
 * WorkspaceEdit is one change and one undo step, and the untouched text keeps its place.
 */
export function minimalReplacement(before: string, after: string): { offset: number; length: number; content: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { offset: start, length: endBefore - start, content: after.slice(start, endAfter) };
}
