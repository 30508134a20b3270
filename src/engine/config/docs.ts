/**
 * What each llm.config.json field means, for VS Code's completion and hover (the generated
 * JSON Schema) and the README's field reference. Kept beside the zod schema but out of it,
 * so that the runtime bundles, which only validate, do not carry the prose; a unit test
 * checks that every field of the schema has its line here.
 */
export const SCHEMA_TITLE = 'LLM Cost Lens configuration';
export const SCHEMA_DESCRIPTION = 'Which models this project uses, for what, at what monthly volume.';

const SELF_HOSTED = {
  '': 'A self-hosted deployment on rented GPUs.',
  gpu: "GPU id from the catalog, e.g. 'a100-80gb', 'h100-80gb'.",
  gpus: 'GPUs per replica (default 1).',
  replicas: 'Replicas you run. When absent, as many as the volume needs.',
  quantization: "Weight format: 'fp16', 'bf16', 'fp8', 'int8', 'int4', 'q4_k_m', 'q8_0', or a serving format: 'int4-awq', 'int4-gptq', 'int8-w8a16', 'mxfp4', 'nvfp4', 'gguf-q4_k_m', 'gguf-q5_k_m', 'gguf-q6_k', 'gguf-q8_0' (default fp16; for an Ollama tag, the weights it pulls: its -fp16, -q8_0 or -q4_K_M suffix, else Q4_K_M).",
  framework: "Serving framework: 'vllm' (default), 'sglang', 'trtllm' (TensorRT-LLM) or 'llama.cpp' (Ollama). It decides which weight formats run and whose fitted efficiencies size the throughput; llama.cpp has no measurement on record and is not estimated.",
  expertParallel: "Expert parallelism for a mixture-of-experts model: true shards the routed experts over all the replica's GPUs (each holds 1/N of them whole, and each MoE layer sends its tokens to their experts' GPUs and back, an all-to-all, instead of an all-reduce); a number shards them over that many GPUs, which must divide gpus (TensorRT-LLM's ep_size below tp_size). vLLM --enable-expert-parallel, SGLang --ep-size, TensorRT-LLM --ep_size. A dense model, or llama.cpp, gets a not-modelled warning here.",
  dpAttention: "Data-parallel attention for a mixture-of-experts model (SGLang --enable-dp-attention; vLLM --data-parallel-size; TensorRT-LLM enable_attention_dp): each GPU runs attention for its own requests with the whole attention weights and its own KV cache, so an MLA model (DeepSeek V3/R1, Kimi K2) holds its latent once instead of once a GPU, and the concurrency is split over the GPUs. Default false. A dense model gets a not-modelled warning here.",
  throughputTps: 'Sustained output tokens/s per replica. When absent: the measured figure for a known setup, else a roofline estimate.',
  gpuHourlyUsd: 'Price of one GPU-hour for this setup.',
  quality: "Which weight formats the cheapest-setup suggestion for this workload may use: 'near-lossless' (default) keeps the weights as published (16-bit, or the FP8 or MXFP4 a lab publishes) and formats whose published quality is within 1% of them on the source's evals, and shows a cheaper lossy or unmeasured setup apart; 'any' allows every format. A format with no published figure for the model is unmeasured, never taken as lossless. The setup's own quantization is priced as written, its quality shown beside it.",
};

const TRAFFIC = {
  '': 'A day of traffic: replicas are sized hour by hour for it, instead of for the month\'s volume spread evenly over every hour, and the cost says what of it is idle. A profile, or hoursPerDay; with scaleToZero, coldStartSeconds too. With replicas set, that fleet runs around the clock, priced as written, and the traffic gives only its idle share.',
  profile: 'The load of each hour, hour 0 to hour 23: 24 numbers of any scale (requests, a share, a percent), of which only the shape counts; the month\'s volume is spread over the day in that shape.',
  hoursPerDay: 'Busy hours a day, 1–24, in one block: the volume spread evenly over them, no traffic in the others. Not with profile.',
  scaleToZero: 'Whether an hour without traffic runs no replica (default false: one stays up). Needs coldStartSeconds.',
  coldStartSeconds: 'Seconds a replica takes to load before it serves (0–3,600): each replica started pays them on its GPUs, not serving. Default 0.',
};

function under(prefix: string, docs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(docs).map(([k, v]) => [k ? `${prefix}.${k}` : prefix, v]));
}

/** By path as the reference prints it: `workloads[].deployment.selfHosted.gpu`. */
export const FIELD_DOCS: Readonly<Record<string, string>> = {
  assumptions: 'Cost-model assumptions; each overrides the extension setting of the same name.',
  'assumptions.gpuHourlyUsd': 'Your price of one GPU-hour (USD) for any GPU that gpuPrices does not name: every self-hosted figure uses it, the cheapest-setup search and Recommend too (a setup\'s own gpuHourlyUsd still wins). Leave it out to price each GPU by the offer that rents it (assumptions.pricing).',
  'assumptions.gpuPrices': "Your price of one GPU-hour (USD) by GPU id, e.g. { \"h100-sxm\": 2.1 }: every self-hosted figure on that GPU uses it (a setup's own gpuHourlyUsd still wins), instead of the offer that rents it: the way to price a GPU no offer rents.",
  'assumptions.pricing': "How rented GPUs are paid for: 'on-demand' (default), 'reserved' (a one-year commitment) or 'spot' (interruptible). A setup rents whole instances of one provider's offer priced this way; a GPU with no offer priced this way is not priced (its setups say so) unless the file prices it.",
  'assumptions.ownedGpus': 'GPUs you own, by GPU id, e.g. { "h100-sxm": { "purchaseUsd": 30000, … } }: each becomes a GPU-hour cost (amortization + energy × PUE + operations) priced like a rented GPU-hour, so rent and own can be compared. Every field is required.',
  'assumptions.ownedGpus.*.purchaseUsd': 'Purchase price of one GPU (USD), with its share of the server, network and installation.',
  'assumptions.ownedGpus.*.amortizationYears': 'Years over which the purchase is written off (straight line, 8,760 hours a year).',
  'assumptions.ownedGpus.*.watts': "Power one GPU draws with its share of the server, in watts, at the load you run it.",
  'assumptions.ownedGpus.*.usdPerKwh': 'Price of electricity, USD per kWh.',
  'assumptions.ownedGpus.*.pue': 'Power usage effectiveness of the site: total facility power over IT power (1.0 is none spent on cooling and conversion; at least 1).',
  'assumptions.ownedGpus.*.operationsShare': 'Yearly operations (staff, space, support contracts, spares) as a share of the purchase price, 0–1: 0.1 is 10% of the price a year.',
  'assumptions.month': 'The month priced, "YYYY-MM": a price with dates (an introductory rate that ends, a price change) is billed at the prices in effect on its first day, and the explanation says which month and what changes next. Default: the current month.',
  'assumptions.hoursPerMonth': 'Hours in a month (720 = 30 days).',
  'assumptions.utilization': 'Share of peak throughput actually used, 0–1.',
  'assumptions.inputShare': 'Share of tokens that are input, 0–1 (default 0.5).',
  'assumptions.concurrency': 'Concurrent sequences per replica.',
  'assumptions.contextTokens': 'Context tokens held per sequence (KV cache) in the simple memory estimate, for models the serving model does not know; the serving model holds each request\'s requestShape tokens.',
  requirements: 'Requirements of the whole project.',
  allowedModels: 'Approved models: recommendations stay within this list.',
  models: "Models the catalog lacks (a fine-tune, an internal endpoint): each with `aliasOf` (another name of a known model), a price (`inputPerMillionUsd`, `outputPerMillionUsd`), or its size for self-hosting (`paramsB`, `layers`, `kvHeads`, `headDim`); with only an `id` it is declared but unpriced. Workloads name them by `id`.",
  'models[].id': 'The name workloads use for this model.',
  'models[].name': 'Display name.',
  'models[].aliasOf': 'A catalog model this one is another name of (its figures apply; a price given here overrides its price).',
  'models[].inputPerMillionUsd': 'USD per million input tokens.',
  'models[].outputPerMillionUsd': 'USD per million output tokens (defaults to the input price).',
  'models[].contextTokens': 'Context window in tokens.',
  'models[].paramsB': 'Total parameters, in billions (0.001, a million parameters, is the smallest): sizes the weights for self-hosting.',
  'models[].activeParamsB': 'Parameters active per token (mixture of experts), in billions: at most paramsB.',
  'models[].layers': 'Transformer layers (num_hidden_layers), for the KV cache.',
  'models[].kvHeads': 'Key/value heads (num_key_value_heads), for the KV cache.',
  'models[].headDim': 'Head dimension (head_dim), for the KV cache.',
  'models[].openWeights': 'False for a model only reachable through an API (it cannot be self-hosted).',
  workloads: 'The workloads that use an LLM.',
  'workloads[].name': 'What this workload is, e.g. "support-chat".',
  'workloads[].model': "Model id, alias or display name, e.g. 'gpt-4o', 'llama-3.1-70b'.",
  'workloads[].monthlyTokens': 'Tokens per month: a number, or a string with a K, M or B suffix ("240M").',
  'workloads[].deployment': '"api", or { "selfHosted": { … } } for rented GPUs.',
  ...under('workloads[].deployment.selfHosted', SELF_HOSTED),
  'workloads[].deployment.selfHosted.replicas': 'Replicas you run, around the clock: priced as written, even with a traffic (which then says what of them idles). When absent, as many as the volume needs, hour by hour when the setup states its traffic.',
  ...under('workloads[].deployment.selfHosted.traffic', TRAFFIC),
  'workloads[].blendedPricePerMillion': 'One $/M price for input and output together; overrides the catalog price.',
  'workloads[].inputShare': 'Share of tokens that are input, 0–1.',
  'workloads[].requirements': 'Requirements of this workload only.',
  'workloads[].alternatives': 'Deployments to compare with. When absent, the engine compares with defaults from the catalog.',
  'workloads[].alternatives[].model': 'Model id, alias or display name.',
  ...under('workloads[].alternatives[].selfHosted', SELF_HOSTED),
  'workloads[].alternatives[].blendedPricePerMillion': 'One $/M price for input and output together.',
  'workloads[].notes': 'Free text.',
  'workloads[].cachedInputShare': 'Share of input tokens read from the prompt cache, 0–1, billed at the host\'s cache-read price where it has one.',
  'workloads[].batch': 'Sent through the host\'s batch API: its batch prices apply where it has them.',
  'workloads[].serviceTier': "The service tier the calls ask for: 'standard' (default), 'flex' (slower, cheaper) or 'priority' (faster, dearer). Its prices apply where the host has them; where it has none, the standard price is billed and a finding says so. Not with batch.",
  'workloads[].cacheWriteShare': 'Share of input tokens written to the prompt cache, 0–1, billed at the host\'s cache-write price where it has one; with cachedInputShare, at most 1.',
  'workloads[].cacheWriteTtl': "How long cache writes keep the prompt: '5m' (default) or '1h', billed at the host's 1-hour cache-write price where it has one (Anthropic's).",
  'workloads[].requestShape': 'Average tokens per request; sizes self-hosting (prefill and decode), picks an API\'s long-context tier (a prompt above 200K tokens, say) and, without an inputShare, sets the input share. Default: 1,000 tokens split by the input share.',
  'workloads[].requestShape.inputTokens': 'Average prompt tokens per request.',
  'workloads[].requestShape.outputTokens': 'Average generated tokens per request, reasoning ("thinking") tokens included.',
  'workloads[].requestShape.reasoningTokens': 'How many of the output tokens are reasoning tokens: billed as output, at the host\'s reasoning price where it has one. Default 0.',
  'workloads[].peakToAverage': 'Peak request rate over the month\'s average; self-hosted replicas are sized for the peak (default 2).',
  'workloads[].latency': 'Latency targets a self-hosted setup must meet at the peak.',
  'workloads[].latency.ttftMs': 'Time to first token, at most, in milliseconds.',
  'workloads[].latency.tpotMs': 'Time per output token, at most, in milliseconds.',
};
