import type { Strength } from './names';

/** A model name as a file writes it, found by scanText. */
export interface ModelReference {
  /** 0-based line of the name's first character. */
  line: number;
  /** 0-based column, in UTF-16 code units, of the name's first character (inside the quotes). */
  column: number;
  /** Length of the name in UTF-16 code units. */
  length: number;
  /** The name exactly as written: the file's text at line and column, `length` long. */
  text: string;
  /** The catalog's id for the model, or null for a name that looks like a model id but does not resolve. */
  model: string | null;
  /** Whose bill applies (`openai`, `bedrock`, `ollama`, …), or null when no host is known. */
  host: string | null;
}

/** A string a scanner found in a place that may hold a model name: its span in the text and how strongly the place says so. */
export interface Candidate {
  start: number;
  end: number;
  strength: Strength;
}

/** Where a scanner puts what it finds. */
export type Sink = (start: number, end: number, strength: Strength) => void;
