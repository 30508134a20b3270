import vscode = require('vscode');
import { SCAN_LANGUAGE_IDS } from '../engine/constants';
import { isConfigUri } from './ids';
import type { CodeScanSettings } from './settings';

/**
 * Whether the code scan reads a document, by the settings: on, a language it reads and the
 * user keeps, within the include globs and outside the exclude ones; never a config, the
 * output panel or a git view. One answer for starting the scan and for each scan.
 */
export function isScanned(options: CodeScanSettings, document: vscode.TextDocument): boolean {
  if (!options.enabled || isConfigUri(document.uri)) return false;
  if (document.uri.scheme === 'output' || document.uri.scheme === 'git') return false;
  if (!SCAN_LANGUAGE_IDS.includes(document.languageId)) return false;
  if (options.languages && !options.languages.includes(document.languageId)) return false;
  const matches = (pattern: string) => vscode.languages.match({ pattern }, document) > 0;
  if (options.include.length > 0 && !options.include.some(matches)) return false;
  return !options.exclude.some(matches);
}
