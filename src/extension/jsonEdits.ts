import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import * as vscode from 'vscode';

export interface JsonChange {
  path: JSONPath;
  /** `undefined` removes the property. */
  value: unknown;
  /** Insert into an array at the path's index (-1: append) instead of replacing the item there. */
  insert?: boolean;
}

/** The editor's indentation for this document, so inserted JSON looks like the rest of the file. */
export function formattingOptionsFor(document: vscode.TextDocument): FormattingOptions {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
  const config = vscode.workspace.getConfiguration('editor', document);
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : config.get<number>('tabSize', 2);
  const insertSpaces =
    typeof editor?.options.insertSpaces === 'boolean' ? editor.options.insertSpaces : config.get<boolean>('insertSpaces', true);
  return { tabSize, insertSpaces, eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' };
}

/** Applies the changes one after the other with jsonc-parser, which keeps comments and layout. */
export function applyJsonChanges(text: string, changes: readonly JsonChange[], formattingOptions: FormattingOptions): string {
  let result = text;
  for (const change of changes) {
    const edits = modify(result, change.path, change.value, { formattingOptions, isArrayInsertion: change.insert ?? false });
    result = applyEdits(result, edits);
  }
  return result;
}

/**
 * One WorkspaceEdit that turns the document's text into the changed text: a single
 * replacement of the span that differs, so one undo reverts all of it.
 */
export function jsonWorkspaceEdit(document: vscode.TextDocument, changes: readonly JsonChange[]): vscode.WorkspaceEdit | undefined {
  const before = document.getText();
  const after = applyJsonChanges(before, changes, formattingOptionsFor(document));
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
