import vscode = require('vscode');
import { positionConverter } from '../engine';

export type PositionAt = (offset: number) => vscode.Position;

/**
 * Offsets to positions for text that has no TextDocument (a file read from disk), counting
 * lines and UTF-16 characters as `TextDocument.positionAt` does (the engine's converter).
 */
export function textPositions(text: string): PositionAt {
  const toPosition = positionConverter(text);
  return (offset) => {
    const { line, character } = toPosition(offset);
    return new vscode.Position(line, character);
  };
}

export function documentPositions(document: vscode.TextDocument): PositionAt {
  return (offset) => document.positionAt(offset);
}

export function toRange(positionAt: PositionAt, offset: number, length: number): vscode.Range {
  return new vscode.Range(positionAt(offset), positionAt(offset + Math.max(0, length)));
}
