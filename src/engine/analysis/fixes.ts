/**
 * Whether a fix is worth offering: applied to the text, it must leave no error the text did
 * not have. A fix is written from what one finding knows; what the edited file then says
 * (a requirement the new model breaks, a setup it does not fit, a model outside
 * allowedModels) is known only by analyzing it, so that is what this does.
 */
import type { Analysis, Finding, FixEdit } from './types';
import type { FormattingOptions } from 'jsonc-parser';
import { applyJsonChanges } from '../config/edits';

const DEFAULT_FORMAT: FormattingOptions = { tabSize: 2, insertSpaces: true, eol: '\n' };

/** Error findings of `after` beyond those of `before`, counted by code. */
export function addedErrors(before: Analysis, after: Analysis): Finding[] {
  const remaining = new Map<string, number>();
  for (const f of before.findings) if (f.severity === 'error') remaining.set(f.code, (remaining.get(f.code) ?? 0) + 1);
  return after.findings.filter((f) => {
    if (f.severity !== 'error') return false;
    const left = remaining.get(f.code) ?? 0;
    remaining.set(f.code, left - 1);
    return left <= 0;
  });
}

/** The text after the edits, or undefined when jsonc-parser cannot apply them (a path through a string). */
export function textAfter(text: string, edits: readonly FixEdit[], format: FormattingOptions = DEFAULT_FORMAT): string | undefined {
  try {
    return applyJsonChanges(text, edits, format);
  } catch {
    return undefined;
  }
}
