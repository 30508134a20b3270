/** Downloading a price source from a local server: answers, failures, limits, conditional requests. */
import * as assert from 'node:assert/strict';
import { checkRedirect, checkSourceUrl, fetchPriceSource, MAX_REDIRECTS, PriceFetchError, type FetchErrorKind } from '../../src/priceFetch';
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
        case '/redirect-relative':
          res.writeHead(302, { location: '/good' }).end('moved');
          return;
        case '/redirect-loop':
          res.writeHead(307, { location: '/redirect-loop' }).end();
          return;
        case '/redirect-no-location':
          res.writeHead(301).end();
          return;
        case '/redirect-refused':
          // A host the URL rule refuses: plain HTTP to an IPv4-mapped loopback address.
          res.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${other.port}/secret` }).end();
          return;
        case '/redirect-file':
          res.writeHead(302, { location: 'file:///etc/passwd' }).end();
          return;
        case '/latin1':
          res.writeHead(200).end(Buffer.from([0x7b, 0xe9, 0x7d]));
          return;
        default:
          res.writeHead(400).end();
      }
    });
  });

  after(() => server.close());

  // A second server that must never be asked: the target of a refused redirect.
  let other: TestServer & { port: number };
  before(async () => {
    const started = await startServer((_req, res) => res.writeHead(200).end('{}'));
    other = Object.assign(started, { port: Number(new URL(started.url).port) });
  });
  after(() => other.close());

  it('follows a redirect by hand, checking each hop before sending anything there', async () => {
    const got = await fetchPriceSource(`${server.url}/redirect-relative`);
    assert.equal(got.status === 'ok' && got.text, body);
    await fails(fetchPriceSource(`${server.url}/redirect-refused`), 'url', /^redirected to a URL that is not fetched \(plain HTTP is allowed only from this machine/);
    await fails(fetchPriceSource(`${server.url}/redirect-file`), 'url', /^redirected to a URL that is not fetched \(file: URLs are not fetched/);
    assert.equal(other.requests.length, 0, 'the refused host was never sent a request');
    const before = server.requests.length;
    await fails(fetchPriceSource(`${server.url}/redirect-loop`), 'url', new RegExp(`^more than ${MAX_REDIRECTS} redirects$`));
    assert.equal(server.requests.length - before, MAX_REDIRECTS + 1, 'the first request and five hops');
    await fails(fetchPriceSource(`${server.url}/redirect-no-location`), 'url', /^redirected without a Location/);
  });

  it('never lets another machine redirect to this one', () => {
    const remote = new URL('https://prices.example/p.json');
    assert.equal(checkRedirect(remote, '/v2/p.json').href, 'https://prices.example/v2/p.json');
    assert.equal(checkRedirect(remote, 'https://cdn.example/p.json').host, 'cdn.example');
    for (const to of ['https://localhost/p.json', 'https://127.0.0.1:8443/p.json', 'https://[::1]/p.json', 'http://127.0.0.1/p.json']) {
      assert.throws(() => checkRedirect(remote, to), /to this machine|not fetched/, to);
    }
    assert.equal(checkRedirect(new URL('http://127.0.0.1:8080/a'), 'http://localhost:8080/b').hostname, 'localhost');
  });

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
