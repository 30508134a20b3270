/**
 * Bounded reads for the extension: every file whose path or content comes from the
 * workspace (a config), and the extension's own files and caches, is read through here.
 * A file is read only when VS Code's stat says it is a regular file (a symlink counts by
 * its target, so one to /dev/zero or to a FIFO is refused) of at most the size given.
 * Nothing here throws: a refusal is a value the caller reports at the file.
 */
import vscode = require('vscode');

/** The largest llm.config.json read, the CLI's limit too (set in that one place). */
export { MAX_CONFIG_BYTES } from '../engine/constants';

export type Refusal =
  | { kind: 'missing' }
  | { kind: 'not-a-file' }
  | { kind: 'too-large'; size: number; limit: number }
  | { kind: 'unreadable'; reason: string };

export type BoundedText = { ok: true; text: string } | { ok: false; refusal: Refusal };

/** Why `stat` does not allow a read within `limit` bytes; undefined when it does. */
export function refusalOf(stat: { type: vscode.FileType; size: number }, limit: number): Refusal | undefined {
  // FileType is a bit set: File | SymbolicLink is a link to a file, Unknown | SymbolicLink a
  // link to a device or a FIFO. Only the File bit says the target is a regular file.
  if ((stat.type & vscode.FileType.File) === 0 || (stat.type & vscode.FileType.Directory) !== 0) return { kind: 'not-a-file' };
  if (!(stat.size <= limit)) return { kind: 'too-large', size: stat.size, limit };
  return undefined;
}

function failure(error: unknown): Refusal {
  if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { kind: 'missing' };
  return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
}

/** Whether `uri` may be read within `limit` bytes, from its stat alone (nothing is read). */
export async function checkFile(uri: vscode.Uri, limit: number): Promise<Refusal | undefined> {
  try {
    return refusalOf(await vscode.workspace.fs.stat(uri), limit);
  } catch (error) {
    return failure(error);
  }
}

/** The file's text (UTF-8), or why it was not read. */
export async function readTextBounded(uri: vscode.Uri, limit: number): Promise<BoundedText> {
  const refusal = await checkFile(uri, limit);
  if (refusal) return { ok: false, refusal };
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    return { ok: false, refusal: failure(error) };
  }
  // The file can grow between the stat and the read: what came back is held to the limit too.
  if (bytes.byteLength > limit) return { ok: false, refusal: { kind: 'too-large', size: bytes.byteLength, limit } };
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
}

/**
 * The same on the desktop host, synchronously, by the one Node bounded read the CLI uses too
 * (src/node/boundedRead.ts): a regular file only, checked before and after opening it without
 * blocking, and read no further than `limit` bytes, whatever the file does meanwhile.
 */
export function readTextBoundedSync(fsPath: string, limit: number): BoundedText {
  // Required here, not imported: the web host's bundle takes no node:fs, and never calls this.
  const node = require('../node/boundedRead') as typeof import('../node/boundedRead');
  try {
    return { ok: true, text: node.readBoundedText(fsPath, limit) };
  } catch (error) {
    return { ok: false, refusal: toRefusal(node, error, limit) };
  }
}

/** A file the desktop host can read with node:fs itself (a local file, and Node in this host). */
export function hasNodeFs(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && typeof process !== 'undefined' && !!process.versions?.node;
}

/**
 * Streams a file's text into `push` on the desktop host, a megabyte at a time, by the one Node
 * bounded read (src/node/boundedRead.ts); undefined when it was read whole, else why not.
 */
export function streamTextBoundedSync(fsPath: string, limit: number, push: (text: string) => void): Refusal | undefined {
  // Required here, not imported: the web host's bundle takes no node:fs, and never calls this.
  const node = require('../node/boundedRead') as typeof import('../node/boundedRead');
  try {
    node.streamBounded(fsPath, limit, push);
    return undefined;
  } catch (error) {
    return toRefusal(node, error, limit);
  }
}

function toRefusal(node: typeof import('../node/boundedRead'), error: unknown, limit: number): Refusal {
  if (!(error instanceof node.ReadRefused)) return { kind: 'unreadable', reason: String(error) };
  switch (error.kind) {
    case 'missing':
      return { kind: 'missing' };
    case 'not-a-file':
      return { kind: 'not-a-file' };
    case 'too-large':
      return { kind: 'too-large', size: error.size ?? limit + 1, limit };
    case 'unreadable':
      return { kind: 'unreadable', reason: error.message };
  }
}

/** Megabytes to two decimals, rounded up: a size over the limit never reads as the limit. */
function megabytes(bytes: number): string {
  return `${Math.ceil((bytes / (1024 * 1024)) * 100) / 100} MB`;
}

/** Why a file was not read, in a line for the log. */
export function refusalReason(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'missing':
      return 'there is no such file';
    case 'not-a-file':
      return 'it is not a regular file';
    case 'too-large':
      return `it is ${megabytes(refusal.size)}, over the limit of ${megabytes(refusal.limit)}`;
    case 'unreadable':
      return refusal.reason;
  }
}

/** What to tell the user of a config that was not read. */
export function configRefusalMessage(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'missing':
      return vscode.l10n.t('LLM Cost Lens cannot read this llm.config.json: it does not exist.');
    case 'not-a-file':
      return vscode.l10n.t('LLM Cost Lens does not read this llm.config.json: it is not a regular file (a device, a pipe, or a link to one).');
    case 'too-large':
      return vscode.l10n.t('LLM Cost Lens does not read this llm.config.json: it is {0}, over the {1} a config may have.', megabytes(refusal.size), megabytes(refusal.limit));
    case 'unreadable':
      return vscode.l10n.t('LLM Cost Lens cannot read this llm.config.json: {0}', refusal.reason);
  }
}
