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
