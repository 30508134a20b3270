/** The key names are compared by. */

/** Letters and digits only: "claude-3.5-sonnet", "claude-3-5-sonnet" and "Claude 3.5 Sonnet" are one key. */
export function familyKey(name: string): string {
  return name.toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

const NOT_LETTER_OR_DIGIT = /[^a-z0-9]+/g;
