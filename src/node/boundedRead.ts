/**
 * The one bounded read on Node, for the CLI (a file named on the command line, or committed by
 * somebody else) and the desktop extension host (its catalog files): read as a bounded read: a regular file only (a FIFO would block forever, /dev/zero never ends, and a
 * committed symlink can point at either), and no more than a limit. Symlinks are followed as
 * the kernel follows them, which refuses a chain of more than 40 (ELOOP).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { megabytes } from '../engine/constants';

/** What kind of refusal: the extension reports each kind in its own words. */
export type RefusalKind = 'missing' | 'not-a-file' | 'too-large' | 'unreadable';

/** Why a file was not read: the message says it in words, without the path (the caller names the file). */
export class ReadRefused extends Error {
  constructor(
    message: string,
    readonly kind: RefusalKind = 'unreadable',
    /** For a file too large: its size as far as it was seen (the stat's, or the bytes read when it grew). */
    readonly size?: number,
  ) {
    super(message);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

const ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EISDIR: 'a folder',
};

const CHUNK = 1024 * 1024;

/** The file's bytes, at most `maxBytes` of them; throws ReadRefused with the reason. */
export function readBounded(file: string | Buffer, maxBytes: number): Buffer {
  try {
    return readChecked(file, maxBytes);
  } catch (error) {
    throw refusal(error);
  }
}

/** Opens a regular file within the limit; the caller closes the descriptor. */
function openChecked(file: string | Buffer, maxBytes: number): { fd: number; size: number } {
  // Checked before opening: opening a FIFO blocks until a writer comes, and opening a
  // device can have effects of its own.
  const before = statSync(file);
  if (!before.isFile()) throw new ReadRefused(`${kindOf(before)}, not a file`, 'not-a-file');
  if (before.size > maxBytes) throw tooLarge(maxBytes, before.size);
  // O_NONBLOCK: should the path have become a FIFO since, the open does not wait for a writer.
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  const opened = fstatSync(fd);
  if (!opened.isFile()) {
    closeSync(fd);
    throw new ReadRefused(`${kindOf(opened)}, not a file`, 'not-a-file');
  }
  return { fd, size: opened.size };
}

const tooLarge = (maxBytes: number, size: number) => new ReadRefused(`larger than ${megabytes(maxBytes)}`, 'too-large', size);

/** Turns a system error into a refusal; a refusal passes as it is. */
function refusal(error: unknown): ReadRefused {
  if (error instanceof ReadRefused) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new ReadRefused(code ? (ERRORS[code] ?? code) : String(error), code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'not-a-file' : 'unreadable');
}

/**
 * Streams a file's text into `push` in 1 MB pieces, at most `maxBytes` of it: for files too
 * large to hold at once (usage exports). Throws ReadRefused with the reason; the pieces pushed
 * before a refusal stay pushed, so the caller can say what it read.
 */
export function streamBounded(file: string, maxBytes: number, push: (text: string) => void): void {
  let opened: { fd: number; size: number };
  try {
    opened = openChecked(file, maxBytes);
  } catch (error) {
    throw refusal(error);
  }
  try {
    const decoder = new TextDecoder('utf-8');
    const buffer = Buffer.allocUnsafe(CHUNK);
    let total = 0;
    for (;;) {
      const read = readSync(opened.fd, buffer, 0, CHUNK, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw tooLarge(maxBytes, total);
      push(decoder.decode(buffer.subarray(0, read), { stream: true }));
    }
    const rest = decoder.decode();
    if (rest) push(rest);
  } catch (error) {
    throw refusal(error);
  } finally {
    closeSync(opened.fd);
  }
}

function readChecked(file: string | Buffer, maxBytes: number): Buffer {
  const { fd, size: openedSize } = openChecked(file, maxBytes);
  try {
    const opened = { size: openedSize };
    // Read until the end, not to the size stat gave: a file can grow while it is read.
    const chunks: Buffer[] = [];
    let length = 0;
    // The first read is sized by the stat (a small config takes a small buffer), the rest by CHUNK.
    for (let size = Math.min(CHUNK, opened.size + 1); ; size = CHUNK) {
      const chunk = Buffer.allocUnsafe(size);
      const read = readSync(fd, chunk, 0, size, null);
      if (read === 0) return Buffer.concat(chunks, length);
      length += read;
      if (length > maxBytes) throw tooLarge(maxBytes, length);
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

/** A file as text: UTF-8, without the byte order mark an editor drops. */
export function readBoundedText(file: string, maxBytes: number): string {
  const text = readBounded(file, maxBytes).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
