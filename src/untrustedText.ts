/**
 * Text the user did not write for this product (names from a config file, file and folder
 * names) on its way to the screen or into an export. Imported by the extension host and the
 * webview alike, so it depends on nothing.
 */

// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the implicit marks
// (LRM, RLM, ALM). In a name they make text display in another order than it is stored in
// ("Trojan Source"), so one name can pass for another or hide what follows it. Each is shown
// as its code point rather than dropped, so that a name built this way still looks odd.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every bidi control written as a visible `\uXXXX`. */
export function neutralizeBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// VS Code's own pattern for `$(name)` and `$(name~modifier)` (ThemeIcon.iconNameExpression
// and iconModifierExpression). Nothing else becomes an icon, so nothing else is touched.
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * The text with `$(name)` written as `\$(name)`, which VS Code shows as the literal text
 * (renderLabelWithIcons). Every match gets the backslash, even one that has one already:
 * VS Code's escapeIcons leaves `\$(x)` as it is, which would show as `$(x)` and lose the
 * backslash the name had.
 */
export function escapeIcons(text: string): string {
  return text.replace(ICON, '\\$&');
}

/**
 * Untrusted text for anything that renders `$(name)` as an icon: quick pick labels,
 * descriptions and details, status bar text, lens titles. The product's own icons are
 * added around it, after it has been escaped.
 */
export function labelText(text: string): string {
  return escapeIcons(neutralizeBidi(text));
}

/**
 * Every ASCII punctuation character backslash-escaped (CommonMark allows it for all of them),
 * and `<`, `>` and `&` as entities, so that no HTML block can start.
 */
export function escapeMarkdownPunctuation(text: string): string {
  return text.replace(/[&<>]|[!-/:-@[-`{-~]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : `\\${ch}`));
}

// A word that GFM's autolink literals would link (`www.`, `http://`, `https://`, e-mail
// addresses; `mailto:` and `xmpp:` in recent versions), that linkify-it would (markdown-it,
// which VS Code's preview runs with linkify on, also links `//host`, other schemes and a
// bare `host.tld`), or that GitHub links as a reference (`#123`, `@user`) after rendering.
// Broad on purpose: a word caught here only changes typeface. None of these links spans
// whitespace, so a word is the unit.
const LINKABLE = /[:@#]|\/\/|www\.|\.\p{L}/iu;

/**
 * Text from the config, or from a pricing file, as literal inline Markdown: what a renderer
 * shows is the text, with no link, image, emphasis, code, HTML, math or table cell of its
 * own. `cell` says it goes in a table row, where `|` always ends a cell.
 *
 * Every ASCII punctuation character is backslash-escaped, which CommonMark allows for all of
 * them, and `<`, `>` and `&` become entities. That does not settle autolinks: GFM's autolink
 * literals and linkify find links in text that has no link syntax, and whether an escaped
 * `:` or `.` stops them is up to each renderer (no spec says). Nothing is linked inside a
 * code span, and a code span shows its content exactly (no escapes, entities or HTML are
 * read in it), so a word that could be linked is written as one. Line breaks become spaces;
 * bidi controls show as `\uXXXX`.
 */
export function markdownText(value: string, cell = true): string {
  const text = neutralizeBidi(value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' '));
  return text.replace(/\S+/gu, (word) =>
    LINKABLE.test(word)
      ? codeSpan(word, cell)
      : escapeMarkdownPunctuation(word),
  );
}

/** A word as a code span (CommonMark 6.1): fenced by more backticks than any run in it. */
function codeSpan(word: string, cell: boolean): string {
  let longest = 0;
  for (let i = 0, run = 0; i < word.length; i++) {
    run = word[i] === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = '`'.repeat(longest + 1);
  // A backtick at either end would join the fence; a space apart keeps it (one is stripped).
  const pad = /^`|`$/.test(word) ? ' ' : '';
  // GFM splits a row into cells before it reads code spans: `\|` is a pipe even inside one.
  const body = cell ? word.replace(/\|/g, '\\|') : word;
  return `${fence}${pad}${body}${pad}${fence}`;
}
