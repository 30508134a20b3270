/**
 * `npm run prices -- <model_prices_and_context_window.json> [--as-of YYYY-MM-DD] [--out file]
 * [--previous file]`: regenerates src/engine/catalog/data/prices.json from a LiteLLM price file
 * downloaded by hand (https://github.com/BerriAI/litellm, model_prices_and_context_window.json).
 * The table it replaces is read first, so models the new file no longer has keep their last
 * known price, marked retired. The bundled table must hold the product's minimum of entries
 * (a truncated download is refused); one written elsewhere with --out may be any size.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildPriceTable, serializePriceTable } from '../engine/catalog/data/buildPrices';
import { MIN_ENTRIES, parsePriceTable } from '../engine/catalog/data/priceTable';

const DEFAULT_OUT = path.resolve(__dirname, '../../../src/engine/catalog/data/prices.json');

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'as-of': { type: 'string' }, out: { type: 'string' }, previous: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    console.error('usage: npm run prices -- <model_prices_and_context_window.json> [--as-of YYYY-MM-DD] [--out file] [--previous file]');
    process.exit(2);
  }
  const out = path.resolve(values.out ?? DEFAULT_OUT);
  const previousFile = values.previous ?? (existsSync(out) ? out : undefined);
  const source: unknown = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
  const previous = previousFile ? parsePriceTable(JSON.parse(readFileSync(previousFile, 'utf8')), { minEntries: 1 }) : undefined;
  const result = buildPriceTable(source, { ...(values['as-of'] ? { asOf: values['as-of'] } : {}), ...(previous ? { previous } : {}) });
  const text = serializePriceTable(result.table);
  // The table is checked as the product will read it before it replaces the old one.
  parsePriceTable(JSON.parse(text), { minEntries: out === DEFAULT_OUT ? MIN_ENTRIES : 1 });
  writeFileSync(out, text);

  const hosts = new Map<string, number>();
  for (const e of result.table.entries) hosts.set(e.host, (hosts.get(e.host) ?? 0) + 1);
  const skippedTotal = Object.values(result.skipped).reduce((a, b) => a + b, 0);
  console.log(`${path.relative(process.cwd(), out)}: ${result.table.entries.length} entries from ${hosts.size} hosts, as of ${result.table.asOf}`);
  console.log(`  ${Buffer.byteLength(text)} bytes, ${gzipSync(text).length} gzipped`);
  if (previous) console.log(`  ${result.carried} kept from the previous table (dropped by the source, marked retired)`);
  console.log(`  skipped ${skippedTotal}:`);
  for (const [reason, count] of Object.entries(result.skipped).sort((a, b) => b[1] - a[1])) {
    console.log(`    ${String(count).padStart(5)}  ${reason}  (e.g. ${result.examples[reason]!.join(', ')})`);
  }
  console.log(`  hosts: ${[...hosts].sort((a, b) => b[1] - a[1]).map(([h, n]) => `${h} ${n}`).join(', ')}`);
}

try {
  main();
} catch (error) {
  // A bad download or a table that fails validation is reported, not a stack trace.
  console.error(`prices: ${(error as Error).message}`);
  process.exit(1);
}
