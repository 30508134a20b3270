/**
 * The consistency table (consistency.test.ts): the configs, and for each case a workload's
 * option with the figure and the verdict every surface that shows it must give.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

// ---------------------------------------------------------------------------------------
// The configs

const json = (config: unknown) => JSON.stringify(config, null, 2);
const one = (workload: Record<string, unknown>, extra: Record<string, unknown> = {}) => json({ ...extra, workloads: [{ name: 'w', ...workload }] });

export const CONFIGS: Record<string, string> = {
  example: readFileSync(path.join(root, 'examples/llm.config.json'), 'utf8'),
  article: readFileSync(path.join(root, 'examples/open-vs-closed-2026/llm.config.json'), 'utf8'),
  team: readFileSync(path.join(root, 'test/fixtures/team/llm.config.json'), 'utf8'),
  // The data_privacy workload: the API is cheaper but not an option.
  // On an A10, Lambda's one quote.
  privacy: one({ name: 'local', model: 'llama-3.1-8b', monthlyTokens: '40M', requirements: ['data_privacy'], deployment: { selfHosted: { gpu: 'a10' } } }),
  // A closed model through its API under a project requirement it breaks.
  privacyApi: one({ name: 'chat', model: 'gpt-4o-mini', monthlyTokens: '300M' }, { requirements: ['data_privacy'] }),
  // An open model through an API, from a million to thirty billion tokens a month.
  open1M: one({ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '1M' }),
  open120M: one({ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '120M' }),
  shaped120M: one({ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '120M', requestShape: { inputTokens: 1000, outputTokens: 250 } }),
  open80M: one({ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '80M' }),
  open3B: one({ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '3B' }),
  open30B: one({ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '30B' }),
  // A volume where several setups cost the same: the tie-break decides.
  tie6500M: one({ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '6500M' }),
  // The user's GPU prices: one for any GPU, one by name.
  gpuHourly: one(
    { name: 'w', model: 'gpt-4o', monthlyTokens: '2B', alternatives: [{ model: 'llama-3.1-70b', selfHosted: { gpu: 'h100-80gb', gpus: 2, quantization: 'fp8' } }] },
    { assumptions: { gpuHourlyUsd: 0.5 } },
  ),
  gpuPrices: one({ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '2B', deployment: { selfHosted: { gpu: 'h200', quantization: 'fp8' } } }, { assumptions: { gpuPrices: { h200: 1.5 } } }),
  // The workload's own request shape and peak.
  shaped: one({ name: 'w', model: 'llama-3.1-8b', monthlyTokens: '500M', requestShape: { inputTokens: 3000, outputTokens: 300 } }),
  // Batch and cache billing, and a batch price the source lacks.
  batch: one({ name: 'w', model: 'gpt-4o-mini', monthlyTokens: '300M', batch: true }),
  cached: one({ name: 'w', model: 'gpt-4o-mini', monthlyTokens: '300M', cachedInputShare: 0.5 }),
  noBatchPrice: one({ name: 'w', model: 'gemini-2.5-flash', monthlyTokens: '120M', batch: true }),
  // The same on a model Recommend ranks: its API row billed as the lens bills the workload.
  batch4o: one({ name: 'w', model: 'gpt-4o', monthlyTokens: '300M', batch: true }),
  cached4o: one({ name: 'w', model: 'gpt-4o', monthlyTokens: '300M', cachedInputShare: 0.5 }),
  noBatch20: one({ name: 'w', model: 'gemini-2.0', monthlyTokens: '300M', batch: true }),
};

// ---------------------------------------------------------------------------------------
// The surfaces

/** The workload's option a case is about. */
export type Option =
  /** The workload as configured. */
  | { kind: 'own' }
  /** The cheapest self-hosted setup of the workload's own model, by the serving model. */
  | { kind: 'cheapest' }
  /** The cheapest self-hosted setup of a declared alternative's model (on an API workload). */
  | { kind: 'alternative'; model: string }
  /** An API of a model at the workload's volume (on a self-hosted workload). */
  | { kind: 'api'; model: string };

/** What a surface says of the option, against the workload as configured. */
export type Verdict = 'configured' | 'cheaper' | 'not cheaper' | 'ruled out';

export interface Case {
  config: keyof typeof CONFIGS;
  workload: string;
  option: Option;
  /** The option's monthly cost. */
  usd: number;
  verdict: Verdict;
  /** A self-hosted option's setup: "2× l4 · int4-awq · 1 replica". */
  setup?: string;
  /** Surfaces that must be among those read (the rest are read where they show the option). */
  readBy?: string[];
}

// ---------------------------------------------------------------------------------------
// The table

const own = { kind: 'own' } as const;
const cheapest = { kind: 'cheapest' } as const;
const api = (model: string) => ({ kind: 'api', model }) as const;
const alternative = (model: string) => ({ kind: 'alternative', model }) as const;

// The search keeps near-lossless formats: int4-awq has no published quality for Llama 3.1 (one T4 at $108 was int4-awq,
// unmeasured), FP8 keeps 99.5% of the 8B's bf16 score on OpenLLM v1: one RTX 4090 at $0.29 an hour.
const RTX4090 = '1× rtx-4090 · fp8 · 1 replica';
const RTX4090_USD = 208.8;
// Offers rent GPUs as whole instances: one MI300X droplet at DigitalOcean's $1.99 an hour in FP8 (99.9% of the 70B's
// bf16 score) wins from 1M to 120M tokens a month. One A100 80GB at RunPod's $1.19 ($856.80) held the 70B only in
// int4-awq, unmeasured for it: it is now the labelled cheaper option, not the pick.
const MI300X = '1× mi300x · fp8 · 1 replica';
const MI300X_USD = 1432.8;
// At one price for every GPU (the article's and gpuHourly's assumptions), one GPU of each costs the same: the fastest
// alone wins the tie, now in FP8 (it was int4-awq, unmeasured).
const B200 = '1× b200 · fp8 · 1 replica';

/** The surfaces that bill an API workload's calls: the lens, the panel, Recommend and the CLI's recommend. */
const BILLED = ['lens', 'panel', 'Recommend', 'CLI recommend'];

/** One A10 for the month: Lambda's, the only offer of one, at $1.29 an hour × 720 h. */
const PRIVACY_A10 = 928.8;

export const CASES: Case[] = [
  // The example: two APIs at list prices, and a self-hosted 8B under data_privacy.
  { config: 'example', workload: 'support-chat', option: own, usd: 112.5, verdict: 'configured' },
  { config: 'example', workload: 'code-review', option: own, usd: 168, verdict: 'configured' },
  // One L4 in RunPod's Secure Cloud at $0.44 an hour × 720 h; the cheapest near-lossless one RTX 4090 in FP8 at $0.29.
  { config: 'example', workload: 'ticket-triage', option: own, usd: 316.8, verdict: 'configured' },
  { config: 'example', workload: 'ticket-triage', option: cheapest, usd: RTX4090_USD, verdict: 'cheaper', setup: RTX4090 },
  { config: 'example', workload: 'ticket-triage', option: api('llama-3.1-8b'), usd: 220, verdict: 'ruled out' },
  // The article's example: its questions.
  { config: 'article', workload: 'support-chat', option: own, usd: 750, verdict: 'configured' },
  { config: 'article', workload: 'support-chat', option: alternative('llama-3.1-70b'), usd: 1800, verdict: 'not cheaper', setup: B200 },
  { config: 'article', workload: 'batch-summaries', option: own, usd: 1800, verdict: 'configured' },
  { config: 'article', workload: 'batch-summaries', option: cheapest, usd: 1800, verdict: 'not cheaper', setup: B200 },
  // At the article's $9 blend Claude costs what its list price gives at half input. (GPT-4o's $7.50
  // is the file's own price of that alternative, which Recommend, ranking the catalog's APIs at
  // their list prices, does not show: analyze.test.ts pins it.)
  { config: 'article', workload: 'batch-summaries', option: api('claude-3.5-sonnet'), usd: 2160, verdict: 'not cheaper' },
  // A team's config: closed and open models, an embedding model, a self-hosted 8B.
  { config: 'team', workload: 'chat', option: own, usd: 112.5, verdict: 'configured' },
  { config: 'team', workload: 'summaries', option: own, usd: 192, verdict: 'configured' },
  { config: 'team', workload: 'extraction', option: own, usd: 168, verdict: 'configured' },
  { config: 'team', workload: 'agent', option: own, usd: 50, verdict: 'configured' },
  { config: 'team', workload: 'embeddings', option: own, usd: 40, verdict: 'configured' },
  // One L40S rented from Nebius at $1.55 an hour (the GPU file's median was $1.95); the cheapest near-lossless setup is one RTX 4090 in FP8.
  { config: 'team', workload: 'local', option: own, usd: 1116, verdict: 'configured' },
  { config: 'team', workload: 'local', option: cheapest, usd: RTX4090_USD, verdict: 'cheaper', setup: RTX4090 },
  { config: 'team', workload: 'local', option: api('llama-3.1-8b'), usd: 8.8, verdict: 'cheaper' },
  // data_privacy: the API is never the cheaper option, its cost is said instead.
  { config: 'privacy', workload: 'local', option: own, usd: PRIVACY_A10, verdict: 'configured' },
  { config: 'privacy', workload: 'local', option: cheapest, usd: RTX4090_USD, verdict: 'cheaper', setup: RTX4090 },
  { config: 'privacy', workload: 'local', option: api('llama-3.1-8b'), usd: 8.8, verdict: 'ruled out' },
  { config: 'privacyApi', workload: 'chat', option: own, usd: 112.5, verdict: 'ruled out' },
  // One open model through an API at 1M to 30B tokens a month, and its cheapest setup.
  { config: 'open1M', workload: 'w', option: own, usd: 0.265, verdict: 'configured' },
  { config: 'open1M', workload: 'w', option: cheapest, usd: MI300X_USD, verdict: 'not cheaper', setup: MI300X },
  { config: 'open80M', workload: 'w', option: own, usd: 21.2, verdict: 'configured' },
  // Under the tuned-table calibration 2× l4 ($1,152); at the GPU file's medians 2× a10 ($1,238.40).
  { config: 'open80M', workload: 'w', option: cheapest, usd: MI300X_USD, verdict: 'not cheaper', setup: MI300X },
  { config: 'open120M', workload: 'w', option: own, usd: 31.8, verdict: 'configured' },
  // The CLI's `cheapest` sized 1,000/250-token requests here (2× l4, $1,152) while the lens sized 500/500.
  // Under the tuned-table calibration 2× a10 ($1,238.40); at the GPU file's medians 1× mi325x ($1,404).
  { config: 'open120M', workload: 'w', option: cheapest, usd: MI300X_USD, verdict: 'not cheaper', setup: MI300X },
  // Recommend sized the default shape here while the lens sized the workload's. Under the tuned-table calibration 2× l4 ($1,152).
  { config: 'shaped120M', workload: 'w', option: cheapest, usd: MI300X_USD, verdict: 'not cheaper', setup: MI300X },
  { config: 'open3B', workload: 'w', option: own, usd: 795, verdict: 'configured' },
  // Under the tuned-table calibration 1× mi325x ($1,404): vLLM on AMD runs its kernels at ×3.2 the tuned tables' time.
  // At the GPU file's medians 1× h200 ($2,448); by the offers two MI300X droplets at DigitalOcean's $1.99.
  // One MI300X droplet now carries the 3B (5,349M tok/mo at today's vLLM on AMD; 3,658M before the age term).
  { config: 'open3B', workload: 'w', option: cheapest, usd: 1432.8, verdict: 'not cheaper', setup: '1× mi300x · fp8 · 1 replica' },
  { config: 'open30B', workload: 'w', option: own, usd: 7950, verdict: 'configured' },
  // Under the tuned-table calibration 4 × 1× mi325x at $5,616 beat the API's $7,950; at stock vLLM's speeds before the age
  // term three B200s ($10,800) did not; at today's vLLM two do. One B200 rents at Akash's $5 an hour (the GPU file's median
  // was $4.49). nvfp4 has no published quality for Llama 3.1 70B: the B200s run FP8.
  { config: 'open30B', workload: 'w', option: cheapest, usd: 7200, verdict: 'cheaper', setup: '1× b200 · fp8 · 2 replicas' },
  // Equal dollars and GPUs (1× mi325x × 2 and 2× mi325x × 1): the CLI broke the tie by latency at the load (2× mi325x),
  // the engine by its list's order (1× mi325x); both now order by setupOrder.ts: the faster alone. (At 8,610M under the
  // tuned-table calibration; the fitted one moved the tie to 4,860M–5,010M, the refit with the MoE terms to 6,500M.)
  // By the offers there is no tie here: an MI325X is rented only as an 8-GPU node, and an MI300X as 1 or 8, so two
  // replicas of one MI300X droplet win.
  { config: 'tie6500M', workload: 'w', option: cheapest, usd: 2865.6, verdict: 'not cheaper', setup: '1× mi300x · fp8 · 2 replicas' },
  // The user's GPU prices.
  { config: 'gpuHourly', workload: 'w', option: own, usd: 12500, verdict: 'configured' },
  { config: 'gpuHourly', workload: 'w', option: alternative('llama-3.1-70b'), usd: 360, verdict: 'cheaper', setup: B200 },
  { config: 'gpuPrices', workload: 'w', option: own, usd: 1080, verdict: 'configured' },
  { config: 'gpuPrices', workload: 'w', option: cheapest, usd: 1080, verdict: 'not cheaper', setup: '1× h200 · fp8 · 1 replica' },
  { config: 'gpuPrices', workload: 'w', option: api('llama-3.1-70b'), usd: 530, verdict: 'cheaper' },
  // A request shape of the workload's own.
  { config: 'shaped', workload: 'w', option: own, usd: 110, verdict: 'configured' },
  // One T4 at Akash's $0.15 an hour was $2 under the API's $110, in int4-awq (unmeasured); the near-lossless pick is not.
  { config: 'shaped', workload: 'w', option: cheapest, usd: RTX4090_USD, verdict: 'not cheaper', setup: RTX4090 },
  // Batch and cache billing.
  { config: 'batch', workload: 'w', option: own, usd: 56.25, verdict: 'configured' },
  { config: 'cached', workload: 'w', option: own, usd: 106.875, verdict: 'configured' },
  { config: 'noBatchPrice', workload: 'w', option: own, usd: 168, verdict: 'configured' },
  // Recommend priced these APIs at list prices ($1,875 for both gpt-4o workloads) while the lens and the panel billed batch and cache reads.
  { config: 'batch4o', workload: 'w', option: own, usd: 937.5, verdict: 'configured', readBy: BILLED },
  { config: 'cached4o', workload: 'w', option: own, usd: 1781.25, verdict: 'configured', readBy: BILLED },
  // No batch price in the source: the standard rate, on every surface.
  { config: 'noBatch20', workload: 'w', option: own, usd: 75, verdict: 'configured', readBy: BILLED },
  // Another API beside a batch or cached workload, billed the same way (the source has no batch price for this one either).
  { config: 'batch4o', workload: 'w', option: api('claude-3.5-sonnet'), usd: 2700, verdict: 'not cheaper', readBy: BILLED.slice(1) },
  { config: 'cached4o', workload: 'w', option: api('claude-3.5-sonnet'), usd: 2497.5, verdict: 'not cheaper', readBy: BILLED.slice(1) },
  // The panel's catalog APIs beside an API workload: the one API price, as Recommend and the CLI rank them.
  { config: 'article', workload: 'support-chat', option: api('llama-3.1-70b'), usd: 26.5, verdict: 'cheaper' },
  { config: 'example', workload: 'support-chat', option: api('llama-3.1-70b'), usd: 79.5, verdict: 'cheaper' },
  { config: 'open120M', workload: 'w', option: api('qwen-2.5-72b'), usd: 31.8, verdict: 'not cheaper' },
  { config: 'team', workload: 'chat', option: api('llama-3-8b'), usd: 13.5, verdict: 'cheaper' },
];

export function optionText(o: Option): string {
  return o.kind === 'own' ? 'as configured' : o.kind === 'cheapest' ? 'its cheapest setup' : o.kind === 'api' ? `the ${o.model} API` : `the cheapest setup of the ${o.model} alternative`;
}
