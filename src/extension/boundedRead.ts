import vscode = require('vscode');

/** Workspace files read whole, at most (a .gitignore, a config read from disk). */
export const MAX_WORKSPACE_FILE_BYTES = 1024 * 1024;

/** Why a workspace file was not read. */
export type NotRead = 'not-a-file' | 'too-large' | 'unreadable';

/**
 * A workspace file's text, read only when it is a file (a device, FIFO or folder is not) of
 * at most `maxBytes`, checked before reading and again on the bytes read: its path and
 * content come from the workspace, which may be hostile.
 */
export async function readBounded(uri: vscode.Uri, maxBytes = MAX_WORKSPACE_FILE_BYTES): Promise<{ text: string } | { notRead: NotRead }> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0) return { notRead: 'not-a-file' };
    if (stat.size > maxBytes) return { notRead: 'too-large' };
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.length > maxBytes) return { notRead: 'too-large' };
    return { text: new TextDecoder().decode(bytes) };
  } catch {
    return { notRead: 'unreadable' };
  }
}
