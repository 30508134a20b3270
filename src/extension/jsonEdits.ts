import type { FormattingOptions } from 'jsonc-parser';
import vscode = require('vscode');
import { applyJsonChanges, type JsonChange } from '../engine';

export type { JsonChange };

/** The editor's indentation for this document, so inserted JSON looks like the rest of the file. */
export function formattingOptionsFor(document: vscode.TextDocument): FormattingOptions {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
  const config = vscode.workspace.getConfiguration('editor', document);
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : config.get<number>('tabSize', 2);
  const insertSpaces =
    typeof editor?.options.insertSpaces === 'boolean' ? editor.options.insertSpaces : config.get<boolean>('insertSpaces', true);
  return { tabSize, insertSpaces, eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' };
}

/**
 * One WorkspaceEdit that turns the document's text into the changed text: a single
 * replacement of the span that differs, so one undo reverts all of it.
 */
export function jsonWorkspaceEdit(document: vscode.TextDocument, changes: readonly JsonChange[]): vscode.WorkspaceEdit | undefined {
  return workspaceEditTo(document, applyJsonChanges(document.getText(), changes, formattingOptionsFor(document)));
}

/** The same, for text already changed: one replacement of the span that differs. */
export function workspaceEditTo(document: vscode.TextDocument, after: string): vscode.WorkspaceEdit | undefined {
  const before = document.getText();
  if (after === before) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  const range = new vscode.Range(document.positionAt(start), document.positionAt(before.length - end));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, after.slice(start, after.length - end));
  return edit;
}
