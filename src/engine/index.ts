/**
 * The engine's public surface. Pure: no `vscode`, no file system, no network, so the
 * same code runs in the extension host, the webview and the CLI.
 */
export * from './cost';
export { analyze } from './analyze';
export type { Analysis, Finding, Lens, Severity } from './analyze';
