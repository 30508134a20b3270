import { escapeMarkdownPunctuation, neutralizeBidi } from '../untrustedText';

/** Longest text from a config file that a hover shows; longer text is cut with an ellipsis. */
export const MAX_SHOWN_LENGTH = 120;

/**
 * Text as literal Markdown: no links, emphasis, code, HTML or line breaks survive. For
 * anything that comes from a config file (model and workload names can be hostile) and
 * for catalog text, which is data too.
 *
 * Every ASCII punctuation character gets a backslash (CommonMark lets any of them be
 * escaped), and `<`, `>` and `&` become entities so that no HTML block can start. Bidi
 * controls are shown as `\uXXXX`, that backslash escaped like any other. `$(name)` needs
 * nothing more: the hovers leave theme icons off (supportThemeIcons), so it stays text.
 */
export function escapeMarkdown(text: string, maxLength = MAX_SHOWN_LENGTH): string {
  let shown = neutralizeBidi(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' '));
  if (shown.length > maxLength) shown = `${shown.slice(0, maxLength)}…`;
  return escapeMarkdownPunctuation(shown);
}
