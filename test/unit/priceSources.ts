/**
 * Price sources for the refresh tests, made from the bundled table so that they are as large
 * as the real ones (the validation compares sizes), and a local HTTP server to serve them.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { PriceTable } from '../../src/engine/catalog/data/priceTable';

const root = path.resolve(__dirname, '../../..');

export function bundledTable(): PriceTable {
  return JSON.parse(readFileSync(path.join(root, 'src/engine/catalog/data/prices.json'), 'utf8')) as PriceTable;
}

// The table's hosts as LiteLLM's provider ids (hostOf maps them back).
const PROVIDERS: Record<string, string> = { vertex: 'vertex_ai', together: 'together_ai', fireworks: 'fireworks_ai' };

export type PriceChanges = Record<string, { input?: number; output?: number }>;

/**
 * LiteLLM's model_prices_and_context_window.json with the bundled table's entries (the
 * token prices only), `changes` applied (USD per million), dated by `last_updated`
 * unless `lastUpdated` is null.
 */
export function litellmSource(options: { changes?: PriceChanges; lastUpdated?: string | null; only?: number; transform?: (entry: Record<string, unknown>) => void } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { sample_spec: { input_cost_per_token: 0, litellm_provider: 'one of the providers', mode: 'chat' } };
  let entries = bundledTable().entries.filter((e) => !e.retired);
  if (options.only !== undefined) entries = entries.slice(0, options.only);
  for (const e of entries) {
    const change = options.changes?.[e.key];
    const value: Record<string, unknown> = {
      litellm_provider: PROVIDERS[e.host] ?? e.host,
      mode: e.mode,
      input_cost_per_token: (change?.input ?? e.inputPerMillionUsd) / 1e6,
    };
    if (e.outputPerMillionUsd !== undefined) value.output_cost_per_token = (change?.output ?? e.outputPerMillionUsd) / 1e6;
    if (e.contextTokens) value.max_input_tokens = e.contextTokens;
    options.transform?.(value);
    out[e.key] = value;
  }
  if (options.lastUpdated !== null) out.last_updated = options.lastUpdated ?? '2026-11-20T08:00:00.000000+00:00';
  return out;
}

/** OpenRouter's model list: `count` models, openai/gpt-4o among them at $3 / $12. */
export function openRouterSource(count = 120): { data: unknown[] } {
  const data: unknown[] = [{ id: 'openai/gpt-4o', name: 'OpenAI: GPT-4o', context_length: 128000, pricing: { prompt: '0.000003', completion: '0.000012', input_cache_read: '0.0000015' } }];
  for (let i = 1; i < count; i++) data.push({ id: `lab${i % 7}/model-${i}`, context_length: 32768, pricing: { prompt: String((i % 9) / 1e7 + 1e-7), completion: String((i % 5) / 1e6 + 2e-7) } });
  data.push({ id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } });
  data.push({ id: 'meta/free', pricing: { prompt: '0', completion: '0' } });
  return { data };
}

/** genai-prices' data.json: providers with models, prices per million, one with a dated change and one with tiers. */
export function genaiSource(perProvider = 30): unknown[] {
  const models = (prefix: string, base: number) =>
    Array.from({ length: perProvider }, (_, i) => ({ id: `${prefix}-${i}`, match: { equals: `${prefix}-${i}` }, context_window: 128000, prices: { input_mtok: base + i / 10, output_mtok: (base + i / 10) * 4 } }));
  return [
    {
      id: 'openai',
      name: 'OpenAI',
      models: [
        { id: 'gpt-4o', match: { equals: 'gpt-4o' }, context_window: 128000, prices: [{ prices: { input_mtok: 5, output_mtok: 15 } }, { constraint: { type: 'start_date', start_date: '2024-10-01' }, prices: { input_mtok: 2.5, cache_read_mtok: 1.25, output_mtok: 10 } }] },
        { id: 'text-embedding-3-small', match: { equals: 'text-embedding-3-small' }, prices: { input_mtok: 0.02 } },
        ...models('gpt-synthetic', 1),
      ],
    },
    {
      id: 'google',
      name: 'Google',
      models: [
        { id: 'gemini-2.5-pro', match: { starts_with: 'gemini-2.5-pro' }, prices: { input_mtok: { base: 1.25, tiers: [{ start: 200000, price: 2.5 }] }, output_mtok: { base: 10, tiers: [{ start: 200000, price: 15 }] } } },
        ...models('gemini-synthetic', 0.5),
      ],
    },
    { id: 'deepseek', name: 'Deepseek', models: [{ id: 'deepseek-chat', match: { equals: 'deepseek-chat' }, prices: [{ constraint: { type: 'time_of_date', start_time: '16:30:00Z', end_time: '00:30:00Z' }, prices: { input_mtok: 0.135, output_mtok: 0.55 } }, { prices: { input_mtok: 0.27, output_mtok: 1.1 } }] }] },
  ];
}

export interface TestServer {
  url: string;
  /** Every request the server saw: method, path and the conditional headers. */
  requests: { method: string; path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 answering with `handler`; connections are dropped on close. */
export async function startServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      ...(typeof req.headers['if-none-match'] === 'string' ? { ifNoneMatch: req.headers['if-none-match'] } : {}),
      ...(typeof req.headers['if-modified-since'] === 'string' ? { ifModifiedSince: req.headers['if-modified-since'] } : {}),
    });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A GPU offers source in the bundled gpuOffers.json's format: Example Cloud rents one MI300X
 * at `usd` an hour on demand (cheaper than every bundled MI300X offer at $1), dated `asOf`,
 * and, unless `bad` is 0, rows that are wrong (an instance of 3 GPUs, a GPU gpus.json lacks).
 */
export function offersSource({ usd = 1, asOf = '2026-12-01', bad = 2 }: { usd?: number; asOf?: string; bad?: number } = {}): { asOf: string; note: string; offers: Record<string, unknown>[] } {
  const offer = (change: Record<string, unknown>) => ({
    provider: 'Example Cloud',
    instance: 'mi300x.1',
    gpu: 'mi300x',
    gpusPerInstance: 1,
    region: null,
    onDemandUsdPerGpuHour: usd,
    reservedOneYearUsdPerGpuHour: null,
    spotUsdPerGpuHour: null,
    asOf,
    source: 'https://example.com/gpu-prices',
    note: 'A test offer.',
    ...change,
  });
  const wrong = [offer({ instance: 'mi300x.3', gpusPerInstance: 3 }), offer({ instance: 'z1', gpu: 'no-such-gpu' })].slice(0, bad);
  return { asOf, note: 'Test offers.', offers: [offer({}), ...wrong] };
}
