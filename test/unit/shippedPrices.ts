/** The committed price table as the tests read it, by key, and a comparison of prices that ignores float noise. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePriceTable, type PriceTableEntry } from '../../src/engine/catalog/data/priceTable';

const tableFile = path.resolve(__dirname, '../../../src/engine/catalog/data/prices.json');
export const table = parsePriceTable(JSON.parse(readFileSync(tableFile, 'utf8')));
export const byKey = new Map(table.entries.map((e) => [e.key, e]));

export const entry = (key: string): PriceTableEntry => {
  const found = byKey.get(key);
  assert.ok(found, `no entry ${key}`);
  return found;
};

export const near = (actual: number, expected: number, what = '') => assert.ok(Math.abs(actual - expected) < 1e-9, `${what} ${actual} ≠ ${expected}`);
