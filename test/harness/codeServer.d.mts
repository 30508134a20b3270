// Types for codeServer.mjs, so the TypeScript tests can load it.
import type { Browser } from 'playwright-core';

export const repoRoot: string;
export const SYSTEM_PACKAGES: string[];
export const CHROMIUM_PATH: string;

export function ensureSystemPackages(packages?: string[]): void;
export function ensureCodeServer(): string;
export function freePort(): Promise<number>;

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** The last lines code-server printed. */
  output: string[];
  stop(): Promise<void>;
}

export interface StartOptions {
  workspace: string;
  port?: number;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  extensionsDir?: string;
  userDataDir?: string;
  installVsix?: string;
}

export function startCodeServer(options: StartOptions): Promise<CodeServer>;
export function remoteUri(port: number, absolutePath: string): string;
export function workbenchUrl(
  server: Pick<CodeServer, 'url' | 'port'>,
  options?: { folder?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string },
): string;
export function launchBrowser(options?: { headless?: boolean; scrollbars?: boolean }): Promise<Browser>;
