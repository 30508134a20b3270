/**
 * The CLI's text goes to terminals and CI logs, and much of it comes from a config file or
 * the command line, which anyone who can open a pull request may have written. A line break
 * in a workload name would start a line that GitHub Actions reads as a workflow command
 * (`::error file=…::…`), an ESC or CSI would let the name rewrite the terminal, and bidi
 * controls make a line display in another order than it says ("Trojan Source").
 */

import { neutralizeBidi } from '../untrustedText';

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators (bidi controls are
// neutralized as everywhere else names are shown).
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
// A line that starts with `::`, or with `##[` or `##vso[`, after any whitespace, is a command
// to GitHub Actions or Azure Pipelines.
const COMMAND_START = /^(\s*)(:(?=:)|#(?=#))/;

/**
 * The text with each of those characters as a visible escape (`\n`, `\u001b`, `\u202e`), and
 * with a first `:` or `#` escaped (`\u003a`) where a line of it would start a CI command.
 * Applied to each line the CLI prints, or to each cell of a table, whole.
 */
export function printable(text: string): string {
  return neutralizeBidi(text)
    .replace(UNPRINTABLE, (ch) => SHORT_ESCAPES[ch] ?? unicodeEscape(ch))
    .replace(COMMAND_START, (_, space: string, ch: string) => space + unicodeEscape(ch));
}

function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Rows of cells as aligned columns, each cell escaped first so that the widths are those shown. */
export function alignColumns(rows: string[][]): string[] {
  const table = rows.map((cells) => cells.map(printable));
  const widths = table[0]!.map((_, i) => Math.max(...table.map((cells) => (cells[i] ?? '').length)));
  return table.map((cells) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}
