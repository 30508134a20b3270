/**
 * The VS Code language ids the scanner reads, apart from the scanners themselves, so that the
 * editor can tell whether a document needs the scanner without loading it.
 */
export const SCAN_LANGUAGE_IDS: readonly string[] = [
  'python',
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'go',
  'java',
  'csharp',
  'rust',
  'json',
  'jsonc',
  'yaml',
  'toml',
  'dotenv',
  'properties',
  'shellscript',
];
