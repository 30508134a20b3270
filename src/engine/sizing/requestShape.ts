/** The request a self-hosted setup is sized for: its input and output tokens. */
import { DEFAULT_ASSUMPTIONS } from '../pricing/cost';

/** Tokens in a request when the file gives no shape: split by the workload's input share. */
export const DEFAULT_REQUEST_TOKENS = 1000;

export interface RequestShape {
  inputTokens: number;
  outputTokens: number;
}

/**
 * The request a workload is sized for when nothing states one: 1,000 tokens split at the
 * analysis's default input share (0.5), 500 in and 500 out. Every surface that sizes a setup
 * without a shape (the lens, the panel, Recommend, the CLI's `cheapest`) uses this one.
 */
export const DEFAULT_REQUEST_SHAPE: Readonly<RequestShape> = Object.freeze(requestShape(undefined, DEFAULT_ASSUMPTIONS.inputShare));

/** A shape from the file's request tokens, or the default request split by the input share. */
export function requestShape(given: Partial<RequestShape> | undefined, inputShare: number): RequestShape {
  if (given?.inputTokens !== undefined && given.outputTokens !== undefined) return { inputTokens: given.inputTokens, outputTokens: given.outputTokens };
  const inputTokens = Math.min(DEFAULT_REQUEST_TOKENS - 1, Math.max(1, Math.round(DEFAULT_REQUEST_TOKENS * inputShare)));
  return { inputTokens, outputTokens: DEFAULT_REQUEST_TOKENS - inputTokens };
}
