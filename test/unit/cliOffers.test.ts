/**
 * The built CLI's --offers: a file (read bounded) or a URL (a local server started here,
 * fetched only with --allow-network) in the bundled offers' format, checked row by row and
 * merged with the bundled offers, changes the offer `cheapest` rents and its price; bad rows
 * and sources that cannot be used are said on stderr, and leave the bundled offers.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { offersSource, startServer, type TestServer } from './priceSources';
import { runCli } from './cliProcess';

const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-cli-offers-'));
const offersFile = path.join(dir, 'offers.json');
writeFileSync(offersFile, JSON.stringify(offersSource()));
const CHEAPEST = ['cheapest', '--model', 'llama-3.1-70b', '--volume', '300M', '--json'];

const run = runCli;

interface Best {
  gpu: string;
  hourlyUsdPerGpu: number;
  monthlyUsd: number;
  offer: { provider: string; instance: string; hourlyUsdPerGpu: number; asOf: string; source: string };
}

const best = (stdout: string) => (JSON.parse(stdout) as { best: Best }).best;

describe('CLI --offers: GPU offers from a file or a URL, merged with the bundled ones', function () {
  this.timeout(60_000);
  let server: TestServer;
  let bundled: Best;

  before(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/offers.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(offersSource({ usd: 0.9, bad: 0 })));
      if (req.url === '/broken.json') return void res.writeHead(200).end('{"offers": [');
      res.writeHead(404).end();
    });
    const r = await run(CHEAPEST);
    assert.equal(r.code, 0, r.stderr);
    bundled = best(r.stdout);
  });
  after(() => server.close());

  it('cheapest --json rents the file\'s cheaper offer, at its price and date; the bad rows are named with their paths', async () => {
    assert.notEqual(bundled.offer.provider, 'Example Cloud');
    assert.ok(bundled.hourlyUsdPerGpu > 1, `the bundled pick costs more than the test offer: ${bundled.hourlyUsdPerGpu}`);
    const r = await run([...CHEAPEST, '--offers', offersFile]);
    assert.equal(r.code, 0, r.stderr);
    const pick = best(r.stdout);
    assert.deepEqual([pick.gpu, pick.offer.provider, pick.offer.instance, pick.offer.hourlyUsdPerGpu, pick.offer.asOf, pick.offer.source], ['mi300x', 'Example Cloud', 'mi300x.1', 1, '2026-12-01', 'https://example.com/gpu-prices']);
    assert.equal(pick.hourlyUsdPerGpu, 1);
    assert.ok(pick.monthlyUsd < bundled.monthlyUsd, `${pick.monthlyUsd} < ${bundled.monthlyUsd}`);
    assert.match(r.stderr, /^llm-cost-lens: offers file offers\.json: 2 offer\(s\) left out: offers\.1\.gpusPerInstance: [^;]+; offers\.2 \(Example Cloud z1\): gpu: "no-such-gpu" is not a GPU of gpus\.json\n$/);
    // The JSON says where its offers came from and what was left out, as stderr does.
    const { offersSource } = JSON.parse(r.stdout) as { offersSource: { source: string; used: number; leftOut: { count: number; problems: string } } };
    assert.deepEqual([offersSource.source, offersSource.used, offersSource.leftOut.count], ['offers file offers.json', 1, 2]);
    assert.match(offersSource.leftOut.problems, /^offers\.1\.gpusPerInstance: [^;]+; offers\.2 \(Example Cloud z1\): gpu: "no-such-gpu" is not a GPU of gpus\.json$/);
    assert.equal((JSON.parse((await run(CHEAPEST)).stdout) as { offersSource?: unknown }).offersSource, undefined, 'the bundled offers alone need no word');
    // The text says the offer it rents.
    const text = await run(CHEAPEST.filter((a) => a !== '--json').concat('--offers', offersFile));
    assert.match(text.stdout, /Example Cloud on demand \(mi300x\.1\) · \$1(\.00)?\/GPU-hour as of 2026-12-01/);
  });

  it('analyze --offers prices a self-hosted workload with the file\'s offer', async () => {
    const config = path.join(dir, 'llm.config.json');
    writeFileSync(config, JSON.stringify({ workloads: [{ name: 'chat', model: 'llama-3.1-70b', monthlyTokens: '300M', deployment: { selfHosted: { gpu: 'mi300x', gpus: 1, quantization: 'fp8' } } }] }));
    const before = await run(['analyze', config, '--json']);
    const after = await run(['analyze', config, '--json', '--offers', offersFile]);
    assert.equal(after.code, before.code, after.stderr);
    assert.notEqual(after.stdout, before.stdout);
    assert.match(after.stdout, /Example Cloud/);
    assert.doesNotMatch(before.stdout, /Example Cloud/);
    assert.equal((JSON.parse(after.stdout) as { offersSource: { used: number } }).offersSource.used, 1);
    // Recommend rents from the same offers, and says so.
    const recommended = await run(['recommend', '--volume', '300M', '--json', '--offers', offersFile]);
    assert.equal(recommended.code, 0, recommended.stderr);
    assert.equal((JSON.parse(recommended.stdout) as { offersSource: { source: string } }).offersSource.source, 'offers file offers.json');
  });

  it('a URL is fetched only with --allow-network, and then merged as a file is', async () => {
    const url = `${server.url}/offers.json`;
    const refused = await run([...CHEAPEST, '--offers', url]);
    assert.equal(refused.code, 2);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /^llm-cost-lens: --offers http:\/\/127\.0\.0\.1:\d+\/offers\.json: a URL is fetched only with --allow-network\n$/);
    assert.equal(server.requests.length, 0);
    const r = await run([...CHEAPEST, '--offers', url, '--allow-network']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual([best(r.stdout).offer.provider, best(r.stdout).offer.hourlyUsdPerGpu], ['Example Cloud', 0.9]);
  });

  it('a source that cannot be read, fetched or used leaves the bundled offers, and says why', async () => {
    for (const [source, why] of [
      [path.join(dir, 'none.json'), /cannot read it: no such file/],
      [`${server.url}/broken.json`, /not JSON/],
      [`${server.url}/missing.json`, /HTTP 404/],
    ] as const) {
      const r = await run([...CHEAPEST, '--offers', source, '--allow-network']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(best(r.stdout), bundled, source);
      assert.match(r.stderr, /^llm-cost-lens: --offers [^\n]+: [^\n]+; the bundled GPU offers are used\n$/);
      assert.match(r.stderr, why);
      // A pipeline reads --json, not stderr: the output says the source failed, and why.
      const { offersSource } = JSON.parse(r.stdout) as { offersSource: { source: string; used?: number; fallbackReason: string } };
      assert.equal(offersSource.used, undefined);
      assert.match(offersSource.fallbackReason, why);
      assert.ok(r.stderr.includes(offersSource.fallbackReason), 'stderr and --json give the same reason');
    }
    const none = path.join(dir, 'none-usable.json');
    writeFileSync(none, JSON.stringify({ offers: offersSource().offers.slice(1) }));
    const r = await run([...CHEAPEST, '--offers', none]);
    assert.deepEqual(best(r.stdout), bundled);
    assert.match(r.stderr, /none of its 2 offers can be used: offers\.0\.gpusPerInstance/);
    assert.match((JSON.parse(r.stdout) as { offersSource: { fallbackReason: string } }).offersSource.fallbackReason, /^none of its 2 offers can be used: offers\.0\.gpusPerInstance/);
  });
});
