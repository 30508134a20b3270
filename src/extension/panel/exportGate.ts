/**
 * Which `export` messages of the webview the host carries out: only the answer to a request
 * the host made, named by a one-time token the host issued for it. The host asks when the
 * user ran "Export Comparison…" or clicked an export button in the panel; an `export` the
 * webview sends of its own accord (a script that should not be there, a stale answer, a
 * replay) names no open request and writes nothing. No VS Code here: the unit tests run it.
 */
import { MAX_CLIPBOARD_LENGTH, MAX_EXPORT_LENGTH, type ExportFormat, type ExportTarget } from '../../protocol';
import { makeNonce } from './html';

/** How long the webview has to answer: it builds the report at once, in a second or a few. */
export const EXPORT_ANSWER_MS = 60_000;

export interface ExportRequest<D> {
  format: ExportFormat;
  target: ExportTarget;
  /** Where the file goes, when the command named it (for tasks and tests); otherwise the save dialog asks. */
  destination: D | undefined;
}

export type ExportVerdict<D> =
  | { ok: true; request: ExportRequest<D>; content: string }
  | { ok: false; reason: 'unrequested' | 'mismatch' | 'too-long' };

interface Pending<D> extends ExportRequest<D> {
  token: string;
  expires: number;
}

export class ExportGate<D> {
  /** One request at a time: a new one replaces the last, whose answer is then refused. */
  #pending: Pending<D> | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly newToken: () => string = makeNonce,
  ) {}

  /** Opens a request and returns the token the webview must answer with. */
  issue(request: ExportRequest<D>): string {
    const token = this.newToken();
    this.#pending = { ...request, token, expires: this.now() + EXPORT_ANSWER_MS };
    return token;
  }

  /**
   * The request an `export` message answers, with its content, or why it is refused. The
   * request is closed by the first answer that names its token, whatever the verdict, so a
   * token is used once.
   */
  accept(answer: { format: ExportFormat; target: ExportTarget; token: string; content: string }): ExportVerdict<D> {
    const pending = this.#pending;
    if (!pending || answer.token !== pending.token) return { ok: false, reason: 'unrequested' };
    this.#pending = undefined;
    if (this.now() > pending.expires) return { ok: false, reason: 'unrequested' };
    if (answer.format !== pending.format || answer.target !== pending.target) return { ok: false, reason: 'mismatch' };
    const limit = pending.target === 'clipboard' ? MAX_CLIPBOARD_LENGTH : MAX_EXPORT_LENGTH;
    if (answer.content.length > limit) return { ok: false, reason: 'too-long' };
    const { format, target, destination } = pending;
    return { ok: true, request: { format, target, destination }, content: answer.content };
  }
}
