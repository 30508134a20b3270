/**
 * Downloads a price source, for the extension and the CLI alike: the platform's global
 * `fetch` (VS Code's extension host routes it through the user's proxy settings), a timeout
 * over the whole exchange, a cap on the body read as it streams in, and the conditional
 * headers of the copy already held. No vscode, no file system: the callers store the result.
 */
import { FETCH_TIMEOUT_MS, MAX_SOURCE_BYTES } from './engine/catalog/refresh';

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** The held copy's ETag and Last-Modified: sent as If-None-Match and If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** For tests; the global fetch otherwise. */
  fetchImpl?: typeof fetch;
}

export type FetchResult =
  | { status: 'ok'; text: string; bytes: number; etag?: string; lastModified?: string }
  | { status: 'not-modified'; etag?: string; lastModified?: string };

export type FetchErrorKind = 'url' | 'timeout' | 'http' | 'too-large' | 'network' | 'truncated' | 'encoding';

export class PriceFetchError extends Error {
  constructor(
    message: string,
    readonly kind: FetchErrorKind,
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** This machine by name or address: the only hosts plain HTTP may reach. */
const isLoopbackHost = (hostname: string) => LOOPBACK.has(hostname) || hostname.startsWith('127.');

/**
 * The URL, if prices may be fetched from it: HTTPS anywhere, plain HTTP only from this
 * machine (a local mirror, a test server), never another scheme.
 */
export function checkSourceUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PriceFetchError('not a URL', 'url');
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return parsed;
  throw new PriceFetchError(`${parsed.protocol === 'http:' ? 'plain HTTP is allowed only from this machine (127.0.0.1, localhost)' : `${parsed.protocol} URLs are not fetched`}: use https://`, 'url');
}

/** Redirects followed at most, as browsers allow about 20 and curl 50: a price source needs one or two. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

// checkSourceUrl lets plain HTTP reach only this machine, so an http: URL is this machine too.
const isThisMachine = (url: URL) => url.protocol === 'http:' || isLoopbackHost(url.hostname);

/**
 * Where a redirect from `from` may lead: where the URL rule allows, and never from another
 * machine to this one, so that a remote source cannot steer a request to a local service.
 */
export function checkRedirect(from: URL, location: string | null): URL {
  if (!location) throw new PriceFetchError(`redirected without a Location (from ${from.host})`, 'url');
  let next: URL;
  try {
    next = checkSourceUrl(new URL(location, from).href);
  } catch (error) {
    throw new PriceFetchError(`redirected to a URL that is not fetched (${(error as Error).message})`, 'url');
  }
  if (isThisMachine(next) && !isThisMachine(from)) throw new PriceFetchError(`redirected from ${from.host} to this machine (${next.host}), which is not fetched`, 'url');
  return next;
}

/**
 * Sends the request and follows its redirects by hand: each hop's URL is checked by the URL
 * rule before anything is sent there (fetch's own 'follow' would send first and tell only the
 * final URL), up to MAX_REDIRECTS hops.
 */
async function followRedirects(start: URL, send: (url: URL) => Promise<Response>): Promise<Response> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await send(url);
    // A browser's fetch (VS Code for the Web) hides a redirect's target: it cannot be checked, so it is not followed.
    if (response.type === 'opaqueredirect') throw new PriceFetchError(`${url.host} answered with a redirect, which this host cannot check before following`, 'url');
    if (!REDIRECT_STATUS.has(response.status)) return response;
    // The redirect's own body is never read.
    await response.body?.cancel().catch(() => undefined);
    if (hop === MAX_REDIRECTS) throw new PriceFetchError(`more than ${MAX_REDIRECTS} redirects`, 'url');
    url = checkRedirect(url, response.headers.get('location'));
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export async function fetchPriceSource(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const target = checkSourceUrl(url);
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES;
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const timeout = () => new PriceFetchError(`no answer within ${seconds(timeoutMs)}`, 'timeout');
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    let response: Response;
    try {
      response = await followRedirects(target, (url) => fetchImpl(url.href, { headers, signal: controller.signal, redirect: 'manual' }));
    } catch (error) {
      if (error instanceof PriceFetchError) {
        controller.abort();
        throw error;
      }
      if (timedOut) throw timeout();
      throw new PriceFetchError(`cannot connect: ${causeOf(error)}`, 'network');
    }
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    const meta = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
    if (response.status === 304) {
      controller.abort();
      return { status: 'not-modified', ...meta };
    }
    if (!response.ok) {
      controller.abort();
      throw new PriceFetchError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, 'http');
    }
    const tooLarge = () => new PriceFetchError(`larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, 'too-large');
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      controller.abort();
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    const reader = response.body?.getReader();
    if (reader) {
      for (;;) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (timedOut) throw timeout();
          throw new PriceFetchError(`the body was cut off after ${bytes} bytes (${causeOf(error)})`, 'truncated');
        }
        if (chunk.done) break;
        bytes += chunk.value.byteLength;
        if (bytes > maxBytes) {
          controller.abort();
          throw tooLarge();
        }
        chunks.push(chunk.value);
      }
    }
    // A compressed body is counted after decompression; only an identity body must match its length.
    if (Number.isFinite(declared) && !response.headers.get('content-encoding') && bytes !== declared) {
      throw new PriceFetchError(`the body was cut off: ${bytes} of ${declared} bytes`, 'truncated');
    }
    const body = new Uint8Array(bytes);
    let at = 0;
    for (const c of chunks) {
      body.set(c, at);
      at += c.byteLength;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new PriceFetchError('not UTF-8 text', 'encoding');
    }
    return { status: 'ok', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, bytes, ...meta };
  } finally {
    clearTimeout(timer);
  }
}
