/**
 * What a VS Code window gives a refresher (settings, trust, storage, memory, messages), in
 * memory, for the refresh tests; the downloads go to the test's own server on 127.0.0.1.
 */
import * as assert from 'node:assert/strict';
import type { PricingSettings, RefreshHost, RefreshMemory } from '../../src/extension/priceRefresh';
import type { RefreshProblem } from '../../src/extension/sourceRefresh';
import { bundledTable } from './priceSources';

export const HOUR = 3_600_000;
const bundled = bundledTable();

export async function until(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A failed refresh again the same day tells the user nothing more; the next day, once more. */
export async function assertToldOnceADay(vscode: FakeVscode, refresher: { refreshNow(): Promise<unknown> }): Promise<void> {
  const told = vscode.notes.length;
  assert.ok(told >= 1, 'the failure was told');
  await refresher.refreshNow();
  assert.equal(vscode.notes.length, told, 'one notification a day');
  vscode.now += 25 * HOUR;
  await refresher.refreshNow();
  assert.equal(vscode.notes.length, told + 1, 'the next day, again');
}

/** `files` and `memory` outlive a refresher, as the global storage does. */
export class FakeVscode {
  files = new Map<string, string>();
  memory: RefreshMemory = {};
  logs: string[] = [];
  notes: RefreshProblem[] = [];
  trusted = true;
  now = Date.parse('2026-12-01T10:00:00Z');
  settings: PricingSettings;
  fetches: string[] = [];

  /** `url`: the price source's; `offersUrl`: the GPU offers' ('' for none). */
  constructor(url: string, offersUrl = '') {
    this.settings = { source: url === '' ? 'bundled' : 'url', url, offersUrl, maxAgeHours: 24, staleAfterDays: 90 };
  }

  host(overrides: Partial<RefreshHost> = {}): RefreshHost {
    return {
      settings: () => this.settings,
      isTrusted: () => this.trusted,
      readCache: async (source) => this.files.get(source),
      writeCache: async (source, text) => void this.files.set(source, text),
      memory: () => this.memory,
      remember: async (memory) => void (this.memory = memory),
      log: (line) => void this.logs.push(line),
      notify: (problem) => void this.notes.push(problem),
      bundled: () => bundled,
      now: () => this.now,
      timeoutMs: 500,
      fetchImpl: (input, init) => {
        this.fetches.push(String(input));
        return fetch(input, init);
      },
      ...overrides,
    };
  }
}

