/** Downloading a price source from a local server: answers, failures, limits, conditional requests. */
import * as assert from 'node:assert/strict';
import { checkSourceUrl, fetchPriceSource, PriceFetchError, type FetchErrorKind } from '../../src/priceFetch';
import { startServer, type TestServer } from './priceSources';

async function fails(promise: Promise<unknown>, kind: FetchErrorKind, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof PriceFetchError, String(error));
    assert.equal(error.kind, kind, error.message);
    assert.match(error.message, message);
    return true;
  });
}

describe('price download', function () {
  this.timeout(20_000);
  let server: TestServer;
  const body = JSON.stringify({ hello: 'prices' });

  before(async () => {
    server = await startServer((req, res) => {
      switch (req.url) {
        case '/good':
          if (req.headers['if-none-match'] === '"v1"') {
            res.writeHead(304, { etag: '"v1"' }).end();
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"', 'last-modified': 'Tue, 24 Nov 2026 09:00:00 GMT' }).end(body);
          return;
        case '/404':
          res.writeHead(404, 'Not Found').end('no');
          return;
        case '/500':
          res.writeHead(500, 'Internal Server Error').end();
          return;
        case '/silent':
          return; // never answers
        case '/truncated':
          res.writeHead(200, { 'content-length': '1000' });
          res.write('{"partial": ');
          setTimeout(() => res.destroy(), 50);
          return;
        case '/declared-huge':
          res.writeHead(200, { 'content-length': String(30 * 1024 * 1024) });
          res.write('{');
          return;
        case '/streamed-huge': {
          res.writeHead(200, { 'content-type': 'application/json' });
          const chunk = Buffer.alloc(1024 * 1024, 32);
          let sent = 0;
          const pump = () => {
            while (sent < 40 && res.write(chunk)) sent++;
            if (sent < 40) res.once('drain', pump);
            else res.end();
          };
          res.on('error', () => undefined);
          pump();
          return;
        }
        case '/latin1':
          res.writeHead(200).end(Buffer.from([0x7b, 0xe9, 0x7d]));
          return;
        default:
          res.writeHead(400).end();
      }
    });
  });

  after(() => server.close());

  it('returns the body with its ETag and Last-Modified; a 304 for the held copy', async () => {
    const got = await fetchPriceSource(`${server.url}/good`);
    assert.deepEqual(got, { status: 'ok', text: body, bytes: body.length, etag: '"v1"', lastModified: 'Tue, 24 Nov 2026 09:00:00 GMT' });
    const again = await fetchPriceSource(`${server.url}/good`, { etag: '"v1"', lastModified: 'Tue, 24 Nov 2026 09:00:00 GMT' });
    assert.equal(again.status, 'not-modified');
    const last = server.requests.at(-1)!;
    assert.deepEqual([last.ifNoneMatch, last.ifModifiedSince], ['"v1"', 'Tue, 24 Nov 2026 09:00:00 GMT']);
  });

  it('says what went wrong: HTTP errors, no answer in time, a cut-off body, a body too large, not UTF-8', async () => {
    await fails(fetchPriceSource(`${server.url}/404`), 'http', /^HTTP 404 Not Found$/);
    await fails(fetchPriceSource(`${server.url}/500`), 'http', /^HTTP 500/);
    const started = Date.now();
    await fails(fetchPriceSource(`${server.url}/silent`, { timeoutMs: 300 }), 'timeout', /^no answer within 0\.3 s$/);
    assert.ok(Date.now() - started < 3000, 'the timeout is kept');
    await fails(fetchPriceSource(`${server.url}/truncated`), 'truncated', /cut off/);
    await fails(fetchPriceSource(`${server.url}/declared-huge`), 'too-large', /^larger than 20 MB$/);
    await fails(fetchPriceSource(`${server.url}/streamed-huge`), 'too-large', /^larger than 20 MB$/);
    await fails(fetchPriceSource(`${server.url}/latin1`), 'encoding', /not UTF-8/);
    await fails(fetchPriceSource('http://127.0.0.1:1/none'), 'network', /^cannot connect/);
  });

  it('fetches HTTPS anywhere and plain HTTP only from this machine', async () => {
    assert.equal(checkSourceUrl('https://openrouter.ai/api/v1/models').host, 'openrouter.ai');
    assert.equal(checkSourceUrl('http://localhost:8080/p.json').hostname, 'localhost');
    for (const url of ['http://example.com/p.json', 'file:///etc/passwd', 'ftp://example.com/p.json', 'not a url', 'javascript:alert(1)']) {
      assert.throws(() => checkSourceUrl(url), PriceFetchError, url);
    }
    await fails(fetchPriceSource('http://example.com/p.json'), 'url', /only from this machine/);
  });
});
