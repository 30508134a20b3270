/**
 * `npm run prices -- <model_prices_and_context_window.json> [--as-of YYYY-MM-DD] [--out file]
 * [--previous file] [--carry-hosts a,b,c] [--source text]`: regenerates
 * src/engine/catalog/data/prices.json from a LiteLLM price file downloaded by hand
 * (https://github.com/BerriAI/litellm, model_prices_and_context_window.json). The table it
 * replaces is read first, so models the new file no longer has keep their last known price,
 * marked retired.
 *
 * With --genai-as-of (the publication date of the installed @pydantic/genai-prices, from
 * `npm view @pydantic/genai-prices time`), the provider data bundled in that package is
 * merged in: the newer source's prices win where both price a model, and every entry names
 * its source and date (see genaiPrices.ts). The package is read here only: the product and
 * its tests read the generated table.
 *
 * `npm run prices -- --carry-from <older table> [--out file] [--carry-hosts a,b,c] [--source text]`
 * adds to the table at --out (the bundled one by default) the entries of an older generated
 * table that it lacks, retired, with the older table's date: no LiteLLM file is read.
 *
 * --carry-hosts keeps only those hosts' carried entries, without regional prices ("first-party"
 * for the labs' APIs and the clouds that resell them). The bundled table must hold the
 * product's minimum of entries (a truncated download is refused); one written elsewhere with
 * --out may be any size.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildPriceTable, carryRetired, FIRST_PARTY_HOSTS, serializePriceTable } from '../engine/catalog/data/buildPrices';
import { convertGenai, isGenaiEntry, LITELLM_SOURCE, mergeNewest } from '../engine/catalog/data/genaiPrices';
import { MIN_ENTRIES, parsePriceTable, type PriceTable } from '../engine/catalog/data/priceTable';

const DEFAULT_OUT = path.resolve(__dirname, '../../../src/engine/catalog/data/prices.json');
const USAGE = [
  'usage: npm run prices -- <model_prices_and_context_window.json> [--as-of YYYY-MM-DD] [--genai-as-of YYYY-MM-DD] [--out file] [--previous file] [--carry-hosts a,b,c] [--source text]',
  '       npm run prices -- --carry-from <older table> [--out file] [--carry-hosts a,b,c] [--source text]',
].join('\n');

function readTable(file: string): PriceTable {
  return parsePriceTable(JSON.parse(readFileSync(file, 'utf8')), { minEntries: 1 });
}

function hostList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const hosts = value.split(',').map((h) => h.trim()).filter(Boolean).flatMap((h) => (h === 'first-party' ? [...FIRST_PARTY_HOSTS] : [h]));
  if (hosts.length === 0) throw new Error('--carry-hosts needs at least one host');
  return hosts;
}

/** The provider list bundled in @pydantic/genai-prices: the data its calcPrice uses until an update. */
async function genaiProviders(): Promise<unknown> {
  // Required when asked for, not imported: only the --genai-as-of run needs the package.
  const pkg = require('@pydantic/genai-prices') as { waitForUpdate(): Promise<unknown> };
  return pkg.waitForUpdate();
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      out: { type: 'string' },
      previous: { type: 'string' },
      'carry-from': { type: 'string' },
      'carry-hosts': { type: 'string' },
      source: { type: 'string' },
      'genai-as-of': { type: 'string' },
    },
  });
  const carryFrom = values['carry-from'];
  const genaiAsOf = values['genai-as-of'];
  if (genaiAsOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(genaiAsOf)) throw new Error('--genai-as-of needs a date, YYYY-MM-DD');
  if (carryFrom ? positionals.length !== 0 || values.previous !== undefined || values['as-of'] !== undefined || genaiAsOf !== undefined : positionals.length !== 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const out = path.resolve(values.out ?? DEFAULT_OUT);
  const carryHosts = hostList(values['carry-hosts']);
  const before = existsSync(out) ? readFileSync(out, 'utf8') : undefined;

  let table: PriceTable;
  const report: string[] = [];
  if (carryFrom) {
    if (before === undefined) throw new Error(`${out}: no table to carry entries into`);
    const result = carryRetired(readTable(out), readTable(carryFrom), { ...(carryHosts ? { hosts: carryHosts } : {}), ...(values.source ? { source: values.source } : {}) });
    table = result.table;
    report.push(`  ${result.carried} carried from ${path.relative(process.cwd(), path.resolve(carryFrom))} (marked retired, dated by that table)`);
    for (const [reason, count] of Object.entries(result.skipped).sort((a, b) => b[1] - a[1])) report.push(`    ${String(count).padStart(5)}  not carried: ${reason}`);
  } else {
    const previousFile = values.previous ?? (before !== undefined ? out : undefined);
    const source: unknown = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
    const read = previousFile ? readTable(previousFile) : undefined;
    // genai-prices' own entries come from the package again, not as models LiteLLM dropped. A
    // retired one is a model LiteLLM dropped whose price genai-prices replaced: it is carried,
    // retired, as it was, so that a table regenerated from the same files is the same table.
    const previous = read ? { ...read, entries: read.entries.filter((e) => !isGenaiEntry(e) || e.retired) } : undefined;
    const result = buildPriceTable(source, {
      ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
      ...(previous ? { previous } : {}),
      ...(carryHosts ? { carryHosts } : {}),
      ...(values.source ? { source: values.source } : {}),
    });
    table = result.table;
    if (genaiAsOf !== undefined) {
      const genai = convertGenai(await genaiProviders(), genaiAsOf);
      // Entries carried from older copies of LiteLLM's file say which copies.
      const dropped = read?.source.split('; models it dropped: ')[1];
      const merged = mergeNewest(table, genai.entries, genaiAsOf, (e) => (e.asOf !== undefined && dropped ? `${LITELLM_SOURCE}: ${dropped}` : LITELLM_SOURCE), genai.alsoNamed);
      table = merged.table;
      report.push(`  genai-prices (${genaiAsOf}): ${merged.replaced} prices newer than LiteLLM's, ${merged.added} models LiteLLM lacks`);
      for (const [reason, count] of Object.entries(genai.skipped).sort((a, b) => b[1] - a[1])) report.push(`    ${String(count).padStart(5)}  genai-prices, not taken: ${reason}`);
    }
    if (previous) report.push(`  ${result.carried} kept from the previous table (dropped by the source, marked retired)`);
    const skippedTotal = Object.values(result.skipped).reduce((a, b) => a + b, 0);
    report.push(`  skipped ${skippedTotal}:`);
    for (const [reason, count] of Object.entries(result.skipped).sort((a, b) => b[1] - a[1])) {
      report.push(`    ${String(count).padStart(5)}  ${reason}  (e.g. ${result.examples[reason]!.join(', ')})`);
    }
  }
  const text = serializePriceTable(table);
  // The table is checked as the product will read it before it replaces the old one.
  parsePriceTable(JSON.parse(text), { minEntries: out === DEFAULT_OUT ? MIN_ENTRIES : 1 });
  writeFileSync(out, text);

  const hosts = new Map<string, number>();
  for (const e of table.entries) hosts.set(e.host, (hosts.get(e.host) ?? 0) + 1);
  console.log(`${path.relative(process.cwd(), out)}: ${table.entries.length} entries from ${hosts.size} hosts, as of ${table.asOf}`);
  const size = (t: string) => `${Buffer.byteLength(t)} bytes, ${gzipSync(t).length} gzipped`;
  console.log(`  ${size(text)}${before !== undefined ? ` (was ${size(before)})` : ''}`);
  for (const line of report) console.log(line);
  console.log(`  hosts: ${[...hosts].sort((a, b) => b[1] - a[1]).map(([h, n]) => `${h} ${n}`).join(', ')}`);
}

main().catch((error: unknown) => {
  // A bad download or a table that fails validation is reported, not a stack trace.
  console.error(`prices: ${(error as Error).message}`);
  process.exit(1);
});
