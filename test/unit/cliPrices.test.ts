/**
 * The built CLI's --prices against a local server started here, and against files: the same
 * validation as the extension's refresh, provenance in the reports, and a fallback to the
 * bundled prices that says why (one line on stderr, pricing.fallbackReason in the JSON) while
 * the exit code stays the findings'. LLM_COST_LENS_FETCH_TIMEOUT_MS shortens the 5 s timeout
 * for the test that never gets an answer.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { litellmSource, startServer, type TestServer } from './priceSources';
import { runCli } from './cliProcess';

const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-cli-prices-'));
const config = path.join(dir, 'llm.config.json');
writeFileSync(config, JSON.stringify({ workloads: [{ name: 'chat', model: 'gpt-4o', monthlyTokens: '100M' }] }));
const broken = path.join(dir, 'broken', 'llm.config.json');

const run = runCli;

const GOOD = JSON.stringify(litellmSource({ changes: { 'gpt-4o': { input: 2, output: 8 } } }));

describe('CLI --prices: files and URLs, validated, with a fallback that says why', function () {
  this.timeout(60_000);
  let server: TestServer;

  before(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(broken), { recursive: true });
    writeFileSync(broken, JSON.stringify({ workloads: [{ name: 'chat', model: 'gpt-4oo', monthlyTokens: '100M' }] }));
    server = await startServer((req, res) => {
      switch (req.url) {
        case '/good.json':
          return void res.writeHead(200, { 'content-type': 'application/json', 'last-modified': 'Tue, 24 Nov 2026 09:00:00 GMT' }).end(GOOD);
        case '/404.json':
          return void res.writeHead(404, 'Not Found').end();
        case '/500.json':
          return void res.writeHead(500, 'Internal Server Error').end();
        case '/silent.json':
          return; // never answers
        case '/invalid.json':
          return void res.writeHead(200).end('{"gpt-4o": {"input_cost_per_token": 2e-6,');
        case '/truncated.json':
          res.writeHead(200, { 'content-length': String(GOOD.length) });
          res.write(GOOD.slice(0, 1000));
          setTimeout(() => res.destroy(), 50);
          return;
        case '/tenth.json':
          return void res.writeHead(200).end(JSON.stringify(litellmSource({ only: 220 })));
        case '/negative.json':
          return void res.writeHead(200).end(JSON.stringify(litellmSource({ transform: (v) => (v.input_cost_per_token = -Number(v.input_cost_per_token)) })));
        case '/huge.json': {
          res.writeHead(200, { 'content-type': 'application/json' });
          const chunk = Buffer.alloc(1024 * 1024, 32);
          let sent = 0;
          res.on('error', () => undefined);
          const pump = () => {
            while (sent < 24 && res.write(chunk)) sent++;
            if (sent < 24) res.once('drain', pump);
            else res.end();
          };
          pump();
          return;
        }
        default:
          res.writeHead(400).end();
      }
    });
  });

  after(() => server.close());

  it('fetches a URL only with --allow-network: without it, a one-line usage error and no request', async () => {
    const r = await run(['analyze', config, '--prices', `${server.url}/good.json`]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^llm-cost-lens: --prices http:\/\/127\.0\.0\.1:\d+\/good\.json: a URL is fetched only with --allow-network\n$/);
    assert.equal(server.requests.length, 0);
  });

  it('a good URL: its prices, its source, its own date, when fetched', async () => {
    const r = await run(['analyze', config, '--json', '--prices', `${server.url}/good.json`, '--allow-network']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout);
    assert.equal(json.workloads[0].monthlyCostUsd, 500, '100M × (0.5 × $2 + 0.5 × $8)');
    assert.deepEqual({ ...json.pricing, fetchedAt: typeof json.pricing.fetchedAt }, {
      source: `prices from ${server.url}/good.json`,
      asOf: '2026-11-20',
      asOfKind: 'data',
      fetchedAt: 'string',
      stale: false,
      fallbackReason: null,
    });
    const text = await run(['analyze', config, '--prices', `${server.url}/good.json`, '--allow-network']);
    assert.match(text.stdout, /^Total: \$500\/mo \(prices: prices from http:\/\/127\.0\.0\.1:\d+\/good\.json, 2026-11-20, fetched \d{4}-\d{2}-\d{2}\)$/m);
  });

  const failures: [string, RegExp, Record<string, string>?][] = [
    ['404', /HTTP 404 Not Found/],
    ['500', /HTTP 500 Internal Server Error/],
    ['silent', /no answer within 0\.3 s/, { LLM_COST_LENS_FETCH_TIMEOUT_MS: '300' }],
    ['invalid', /not JSON \(/],
    ['truncated', /the body was cut off/],
    ['tenth', /220 entries, fewer than half of the bundled table's \d+: a truncated or partial file/],
    ['negative', /only \d+ usable entries in LiteLLM's price map, at least 50 are needed \(left out: \d+ invalid price/],
    ['huge', /larger than 20 MB/],
  ];
  for (const [name, reason, env] of failures) {
    it(`${name}: the bundled prices, the reason on one stderr line and in the JSON, the exit code of the findings`, async () => {
      const url = `${server.url}/${name}.json`;
      const r = await run(['analyze', config, '--json', '--prices', url, '--allow-network'], env);
      assert.equal(r.code, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.equal(json.workloads[0].monthlyCostUsd, 625, 'the bundled $2.50 / $10');
      assert.equal(json.pricing.source, 'LiteLLM model_prices_and_context_window.json');
      assert.match(json.pricing.fallbackReason, reason);
      assert.ok(json.pricing.fallbackReason.startsWith(`--prices ${url}: `), json.pricing.fallbackReason);
      assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
      assert.match(r.stderr, reason);
      assert.match(r.stderr, /; the bundled prices are used\n$/);
      const errors = await run(['analyze', broken, '--prices', url, '--allow-network'], env);
      assert.equal(errors.code, 1, 'error findings still exit 1');
      assert.match(errors.stdout, /^Total: .*; the bundled prices, because --prices /m);
    });
  }

  it('a file: dated by its data, else by its modification time, said as such', async () => {
    const dated = path.join(dir, 'dated.json');
    writeFileSync(dated, GOOD);
    const a = JSON.parse((await run(['analyze', config, '--json', '--prices', dated])).stdout);
    assert.deepEqual([a.pricing.source, a.pricing.asOf, a.pricing.asOfKind, a.workloads[0].monthlyCostUsd], ['pricing file dated.json', '2026-11-20', 'data', 500]);
    const undated = path.join(dir, 'undated.json');
    writeFileSync(undated, JSON.stringify(litellmSource({ lastUpdated: null })));
    utimesSync(undated, new Date('2026-11-02T12:00:00Z'), new Date('2026-11-02T12:00:00Z'));
    const b = await run(['analyze', config, '--prices', undated]);
    assert.match(b.stdout, /^Total: \$625\/mo \(prices: pricing file undated\.json, file modified 2026-11-02\)$/m);
    assert.equal(JSON.parse((await run(['analyze', config, '--json', '--prices', undated])).stdout).pricing.asOfKind, 'file-modified');
    const missing = await run(['analyze', config, '--json', '--prices', path.join(dir, 'none.json')]);
    assert.equal(missing.code, 0);
    assert.match(JSON.parse(missing.stdout).pricing.fallbackReason, /none\.json: cannot read it: no such file$/);
  });

  it('a price that moved more than ×10 is kept at the bundled price, and said on stderr', async () => {
    const file = path.join(dir, 'moved.json');
    writeFileSync(file, JSON.stringify(litellmSource({ changes: { 'gpt-4o': { input: 250 } } })));
    const r = await run(['analyze', config, '--json', '--prices', file]);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).workloads[0].monthlyCostUsd, 625);
    assert.match(r.stderr, /^llm-cost-lens: pricing file moved\.json: 1 price\(s\) moved more than ×10 and were not applied: gpt-4o input: \$2\.5\/M → \$250\/M \(×100\), kept at the bundled price\n$/);
  });
});
