/**
 * Names as public code writes them (test/fixtures/model-names.json, each with where it was
 * seen) → the model, the host and the price the product gives them, with the shipped
 * catalog: the curated cards, the price table and the open models' shapes.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, catalog, explanationLines, findModel, suggestModel, type Catalog } from '../../src/engine';
import { resolutionOf } from '../../src/engine/catalog';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { familyKey, resolveModelName } from '../../src/engine/catalog/resolve';
import type { PriceTable, PriceTableEntry } from '../../src/engine/catalog/data/priceTable';

const root = path.resolve(__dirname, '../../..');
const data = (file: string) => readFileSync(path.join(root, 'src/engine/catalog/data', file), 'utf8');

interface Name {
  text: string;
  kind: string;
  source: string;
  model: string | null;
  version: string | null;
  host: string | null;
  note?: string;
}

const table: Name[] = JSON.parse(readFileSync(path.join(root, 'test/fixtures/model-names.json'), 'utf8')).names;

/** The model a card is, as letters and digits, without the vendor, serving variants and dates (a fine-tune is of its base's family). */
function familyOf(name: string): string {
  return familyKey(
    name
      .replace(/^ft:/i, '')
      .split('/')
      .pop()!
      .replace(/^(?:us|eu|apac|global)\./i, '')
      .replace(/^[a-z0-9]+\.(?=[a-z])/i, '')
      .replace(/^meta-(?=llama)/i, '')
      .replace(/[-@:](?:\d{8}|\d{4}-\d{2}-\d{2}|latest|v\d+(?::\d+)?)$/i, '')
      .replace(/-(?:instruct|chat|it|turbo|versatile|instant)$/i, ''),
  );
}

describe('name resolution: names as public code writes them', () => {
  let cat: Catalog;
  before(() => {
    const loaded = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') });
    assert.deepEqual(loaded.problems, []);
    cat = loaded.catalog;
  });

  it(`has ${table.length} names from public code, each with its source`, () => {
    assert.ok(table.length >= 150);
    assert.ok(table.every((n) => n.source.length > 0));
    assert.ok(table.filter((n) => n.model === null).length >= 15);
  });

  it('names that must stay unknown stay unknown: no guessed price', () => {
    const guessed = table.filter((n) => n.model === null && findModel(n.text, cat)).map((n) => `${JSON.stringify(n.text)} → ${findModel(n.text, cat)!.id}`);
    assert.deepEqual(guessed, []);
  });

  it('resolves the names of known models to the right model, and reports how many', () => {
    const known = table.filter((n) => n.model !== null);
    const wrong: string[] = [];
    const unresolved: string[] = [];
    for (const n of known) {
      const card = findModel(n.text, cat);
      if (!card) {
        unresolved.push(n.text);
        continue;
      }
      // The table prices that very name (an alias such as "deepseek-reasoner"): its price is the name's.
      if (card.servedBy?.key.toLowerCase() === n.text.toLowerCase()) continue;
      const expected = familyOf(n.model!);
      const got = [card.id, card.name, card.servedBy?.key ?? '', card.price?.entry?.model ?? ''].map(familyOf);
      if (!got.some((g) => g === expected || g.startsWith(expected) || expected.startsWith(g))) wrong.push(`${JSON.stringify(n.text)} → ${card.id} (${card.name}), expected ${n.model}`);
    }
    const right = known.length - wrong.length - unresolved.length;
    console.log(`      ${right} of ${known.length} known names resolved right (${((100 * right) / known.length).toFixed(1)}%), ${wrong.length} to another model, ${unresolved.length} not resolved`);
    if (unresolved.length) console.log(`      not resolved: ${unresolved.map((t) => JSON.stringify(t)).join(', ')}`);
    // Vendors' own alias names that the table prices as such: the price is that name's, the
    // family name the corpus gives is another spelling of the same model.
    const aliasNames = ['"gemini-pro"', '"models/gemini-flash-lite-latest"', '"groq/qwen-qwq-32b"', '"accounts/fireworks/models/llama-v3p1-70b-instruct"', '"accounts/fireworks/models/qwen2p5-72b-instruct"', '"open-mixtral-8x22b"', '"open-mistral-7b"'];
    assert.deepEqual(wrong.filter((w) => !aliasNames.some((a) => w.startsWith(`${a} →`))), []);
    assert.ok((right + aliasNames.length) / known.length >= 0.85, `${right} of ${known.length}`);
  });

  it('a host the name selects is the host whose price applies', () => {
    const wrongHost: string[] = [];
    const elsewhere: string[] = [];
    for (const n of table) {
      // Where the prefix is LiteLLM's: elsewhere the host comes from the client's base URL, not the name.
      if (!n.model || !n.host || n.host === 'huggingface' || n.host === 'ollama' || !['litellm', 'litellm-yaml', 'aider-settings', 'bedrock'].includes(n.kind)) continue;
      const card = findModel(n.text, cat);
      if (card?.servedBy && card.servedBy.host !== n.host) {
        elsewhere.push(`${n.text}: ${card.servedBy.host}, named ${n.host}`);
        // Billed elsewhere only when the named host has no price for it, and then it says so.
        if (!card.servedBy.via.some((line) => line.includes(`has no ${n.host} price`))) wrongHost.push(`${n.text}: ${card.servedBy.via.join('; ')}`);
      }
    }
    console.log(`      ${elsewhere.length} names billed elsewhere because the host they name does not price them: ${elsewhere.join('; ')}`);
    assert.deepEqual(wrongHost, []);
  });

  it('a Bedrock profile of a geography the table does not list is priced as a listed geographic profile, not as the in-Region id or the global one', () => {
    const price = (name: string) => findModel(name, cat)?.price?.inputPerMillionUsd;
    // The table lists us., eu., jp. and au. at $3.30 and global. at $3 (AWS: geographic profiles at standard pricing, global about 10% less).
    assert.deepEqual(['us', 'eu', 'global'].map((g) => price(`${g}.anthropic.claude-sonnet-4-5-20250929-v1:0`)), [3.3, 3.3, 3]);
    for (const name of ['apac.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock/apac.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock:apac.anthropic.claude-sonnet-4-5-20250929-v1:0']) {
      assert.equal(price(name), 3.3, name);
      assert.ok(findModel(name, cat)!.servedBy!.via.some((line) => line.includes('AWS prices geographic cross-Region profiles alike')), name);
    }
  });

  it('a name with no host is billed by a large host, not by the two resellers that file it under that exact id', () => {
    // "meta-llama/Llama-3.1-8B-Instruct" is a key of nscale and novita only; as "llama-3.1-8b-instruct" Bedrock, Together and DeepInfra price it.
    const card = findModel('meta-llama/Llama-3.1-8B-Instruct', cat)!;
    assert.equal(card.id, 'llama-3.1-8b');
    assert.deepEqual([card.servedBy?.host, card.servedBy?.key, card.price?.inputPerMillionUsd, card.price?.outputPerMillionUsd], ['bedrock', 'meta.llama3-1-8b-instruct-v1:0', 0.22, 0.22]);
    const hosts = card.servedBy!.alternatives!.map((a) => a.host);
    // Every other host once, the exact id's two resellers among them.
    assert.equal(new Set(hosts).size, hosts.length);
    for (const host of ['nscale', 'novita', 'deepinfra', 'together']) assert.ok(hosts.includes(host), host);
    assert.ok(card.servedBy!.via.includes(`no host named: billed by bedrock ("meta.llama3-1-8b-instruct-v1:0"); ${hosts.length} other hosts price it too`), card.servedBy!.via.join('\n'));
    // The finding counts them all.
    const analysis = analyze(JSON.stringify({ workloads: [{ name: 'w', model: 'meta-llama/Llama-3.1-8B-Instruct', monthlyTokens: '1M' }] }), { catalog: cat });
    const hint = analysis.findings.find((f) => f.code === 'ambiguous-host')!;
    assert.ok(hint.message.includes(` and ${hosts.length - 6} more: `), hint.message);
    // A lab's own API still comes first: OpenRouter's "x-ai/grok-2" is xAI's.
    assert.equal(findModel('x-ai/grok-2', cat)!.servedBy?.host, 'xai');
    assert.ok(findModel('x-ai/grok-2', cat)!.servedBy!.via.some((l) => l.endsWith('; 1 other host prices it too')));
  });

  it('reads the model inside what wraps it: a Bedrock ARN, a weights directory, a cache folder, a registry pull', () => {
    const read = (name: string) => {
      const card = findModel(name, cat);
      const r = resolutionOf(name, cat);
      return [card?.id, r?.host, card?.price?.inputPerMillionUsd, card?.price?.outputPerMillionUsd];
    };
    // The account is a placeholder, as the docs write it; the profile after it is billed.
    const arn = 'arn:aws:bedrock:us-east-1:<yourawsaccountid>:inference-profile/us.amazon.nova-lite-v1:0';
    assert.deepEqual(read(arn), [arn, 'bedrock', 0.06, 0.24]);
    assert.match(resolutionOf(arn, cat)!.via[0]!, /is a Bedrock ARN: its model is "us\.amazon\.nova-lite-v1:0"/);
    assert.equal(findModel('arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0', cat)?.servedBy?.host, 'bedrock');
    // vLLM's --model as a directory: local weights, no API bill, sized by the model's card.
    assert.deepEqual(read('/map-vepfs/models/jiajun/Qwen/Qwen2.5-14B-Instruct'), ['qwen2.5-14b', 'huggingface', undefined, undefined]);
    assert.deepEqual(read('./models/Meta-Llama-3.1-70B-Instruct').slice(0, 2), ['llama-3.1-70b', 'huggingface']);
    assert.deepEqual(read('/home/u/.cache/huggingface/hub/models--unsloth--mistral-7b-instruct-v0.3-bnb-4bit').slice(0, 2), ['mistral-7b-v0.3', 'huggingface']);
    assert.deepEqual(read('hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M').slice(0, 2), ['llama-3.2-3b', 'ollama']);
    assert.deepEqual(read('registry.ollama.ai/library/qwen3:8b').slice(0, 2), ['qwen3-8b', 'ollama']);
    // Only registries: a URL's host is no registry, and its model is not read as local weights.
    assert.notEqual(resolutionOf('api.openai.com/gpt-4o', cat)?.host, 'huggingface');
    // A quantized upload is the model it quantizes.
    assert.equal(findModel('Qwen/Qwen2.5-14B-Instruct-GPTQ-Int4', cat)?.id, 'qwen2.5-14b');
    // Still no model in a sentence or a placeholder.
    assert.equal(findModel('<your model>', cat), undefined);
    assert.equal(findModel('/', cat), undefined);
  });

  it('reads Ollama sizes of a one-size family, Anthropic\'s "-0" aliases, free endpoints and fine-tunes', () => {
    // Phi-4 exists at 14B only: "phi4:14b" is the default "phi4"; a size it does not have is no model.
    assert.deepEqual(['phi4:14b', 'phi4:14b-fp16', 'phi4-mini:3.8b'].map((n) => findModel(n, cat)?.id), ['phi-4', 'phi-4', 'phi-4-mini']);
    assert.equal(resolutionOf('phi4:14b', cat)?.host, 'ollama');
    assert.equal(findModel('phi4:3b', cat), undefined);
    // "claude-opus-4-0" is Claude Opus 4 at Anthropic's price.
    const opus = findModel('claude-opus-4-0', cat)!;
    assert.deepEqual([opus.servedBy?.host, opus.servedBy?.key, opus.price?.inputPerMillionUsd, opus.price?.outputPerMillionUsd], ['anthropic', 'claude-opus-4-20250514', 15, 75]);
    assert.notEqual(findModel('claude-opus-4-1', cat)?.servedBy?.key, 'claude-opus-4-20250514');
    // OpenRouter's word order for Gemini 1.5 Pro is no id of Google's API: never billed as Google's.
    assert.equal(findModel('google/gemini-pro-1.5', cat)?.servedBy?.host, undefined);
    // Together's free endpoint is the paid one's model, billed as the paid one (the free one is rate-limited).
    const free = findModel('meta-llama/Llama-3.3-70B-Instruct-Turbo-Free', cat)!;
    assert.deepEqual([free.servedBy?.host, free.servedBy?.key, free.price?.inputPerMillionUsd], ['together', 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo', 0.88]);
    assert.ok(free.servedBy!.via.some((l) => l.includes('the free endpoint (rate-limited; billed as the paid one)')), free.servedBy!.via.join('\n'));
    // An OpenAI fine-tune is billed at the fine-tuned price of its base, never at the base model's own.
    const tuned = findModel('ft:gpt-3.5-turbo-0125:thegamblr::9E3Qtfwp', cat)!;
    assert.deepEqual([tuned.servedBy?.host, tuned.servedBy?.key, tuned.price?.inputPerMillionUsd, tuned.price?.outputPerMillionUsd], ['openai', 'ft:gpt-3.5-turbo-0125', 3, 6]);
    assert.notDeepEqual([tuned.price?.inputPerMillionUsd, tuned.price?.outputPerMillionUsd], [findModel('gpt-3.5-turbo-0125', cat)?.price?.inputPerMillionUsd, findModel('gpt-3.5-turbo-0125', cat)?.price?.outputPerMillionUsd]);
    assert.match(tuned.servedBy!.via[0]!, /is a fine-tune of gpt-3\.5-turbo-0125: billed at its fine-tuned price/);
    assert.equal(findModel('ft:gpt-9-turbo:acme::abc123', cat), undefined);
  });

  it('an Ollama tag names the weights it pulls, and a setup that names no quantization runs them', () => {
    const weights = (name: string) => resolutionOf(name, cat)?.weights?.quantization;
    assert.deepEqual(
      ['phi4:14b', 'phi4:14b-fp16', 'llama3.1:70b-instruct-q4_K_M', 'qwen2.5:7b-instruct-q8_0', 'gpt-oss:20b', 'hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q8_0', 'microsoft/phi-4', 'gpt-4o'].map(weights),
      ['q4_k_m', 'fp16', 'q4_k_m', 'q8_0', 'mxfp4', 'q8_0', undefined, undefined],
    );
    const config = (model: string, quantization?: string) =>
      JSON.stringify({ workloads: [{ name: 'w', model, monthlyTokens: '50M', deployment: { selfHosted: { gpu: 'rtx-4090-24gb', gpus: 1, ...(quantization ? { quantization } : {}) } } }] });
    // Phi-4 pulled by its default tag is Q4_K_M: 8.5 GB of weights fit one RTX 4090, 28 GB at fp16 do not.
    const pulled = analyze(config('phi4:14b'), { catalog: cat });
    const setup = pulled.workloads[0]!.selfHost!;
    assert.deepEqual([setup.quantization, setup.fits], ['q4_k_m', true]);
    assert.ok(!pulled.findings.some((f) => f.code === 'does-not-fit'));
    const lines = explanationLines(pulled.workloads[0]!.explanation);
    assert.ok(lines.includes("quantization = q4_k_m: a tag that names no weights pulls Q4_K_M, Ollama's default quantization"), lines.join('\n'));
    assert.ok(lines.includes('weights = params × bytes/param = 14B × 0.6062 (q4_k_m) = 8.5 GB'), lines.join('\n'));
    assert.ok(lines.includes('memory: needs 12.7 GB of 25.8 GB → fits'), lines.join('\n'));
    // The same model at the tag's fp16 does not fit; a quantization the setup writes wins over the tag's.
    assert.ok(analyze(config('phi4:14b-fp16'), { catalog: cat }).findings.some((f) => f.code === 'does-not-fit'));
    const written = analyze(config('phi4:14b', 'fp8'), { catalog: cat }).workloads[0]!;
    assert.equal(written.selfHost!.quantization, 'fp8');
    assert.ok(!explanationLines(written.explanation).some((l) => l.startsWith('quantization = ')));
    // A Hugging Face id names 16-bit weights, as published.
    assert.equal(analyze(config('microsoft/phi-4'), { catalog: cat }).workloads[0]!.selfHost!.quantization, 'fp16');
    // Alternatives too, each tag its own weights: the Q4_K_M pull fits and is compared, the fp16 one is reported.
    const alternatives = analyze(
      JSON.stringify({
        workloads: [{ name: 'w', model: 'gpt-4o', monthlyTokens: '300M', alternatives: ['phi4:14b', 'phi4:14b-fp16'].map((model) => ({ model, selfHosted: { gpu: 'rtx-4090-24gb', gpus: 1 } })) }],
      }),
      { catalog: cat },
    );
    const compared = alternatives.workloads[0]!.crossovers.filter((c) => c.origin === 'alternative').map((c) => c.selfHostSetup.quantization);
    assert.deepEqual(compared, ['q4_k_m']);
    const unfit = alternatives.findings.filter((f) => f.code === 'does-not-fit');
    assert.deepEqual(unfit.map((f) => f.message.startsWith('Phi-4 (14B) at fp16 does not fit')), [true]);
  });

  it('reads "Meta-Llama-…" (DeepInfra, Together, Nebius) as the Llama it is, with its card', () => {
    const card = findModel('Meta-Llama-3.1-70B-Instruct', cat)!;
    // The card of the form the price table knows it by: its benchmarks and shape come with it.
    assert.equal(card.id, 'llama-3.1-70b');
    const hosts = new Set(card.servedBy!.alternatives!.map((a) => a.host));
    assert.ok(hosts.has('deepinfra') && hosts.has('together'), [...hosts].join(', '));
    // Names whose card is found the same way: a Groq context suffix, an OpenRouter variant, a preview date.
    assert.deepEqual(['llama3-8b-8192', 'meta-llama/llama-3.3-70b-instruct:free', 'gemini/gemini-2.5-pro-exp-03-25'].map((n) => findModel(n, cat)!.id), ['llama-3-8b', 'llama-3.3-70b', 'gemini-2.5-pro']);
  });

  it('prices the names a team writes, each at its host', () => {
    const price = (name: string) => {
      const card = findModel(name, cat)!;
      return [card.servedBy?.host ?? 'curated', card.price?.inputPerMillionUsd, card.price?.outputPerMillionUsd];
    };
    assert.deepEqual(price('gpt-4o-mini'), ['openai', 0.15, 0.6]);
    assert.deepEqual(price('openai/gpt-4.1-mini'), ['openai', 0.4, 1.6]);
    assert.deepEqual(price('anthropic.claude-3-5-haiku-20241022-v1:0'), ['bedrock', 0.8, 4]);
    assert.deepEqual(price('gemini-2.5-flash'), ['gemini', 0.3, 2.5]);
    assert.deepEqual(price('groq/llama-3.1-8b-instant'), ['groq', 0.05, 0.08]);
    assert.deepEqual(price('text-embedding-3-small'), ['openai', 0.02, 0]);
  });

  it('prices a model its lab retired at the lab\'s last price, said to be retired', () => {
    const last = (name: string) => {
      const card = findModel(name, cat)!;
      return [card.servedBy?.host, card.servedBy?.key, card.price?.inputPerMillionUsd, card.price?.outputPerMillionUsd, card.price?.entry?.retired];
    };
    // Not Vertex's $1/$5 or Bedrock's price: Anthropic's own.
    assert.deepEqual(last('claude-3-5-haiku-20241022'), ['anthropic', 'claude-3-5-haiku-20241022', 0.8, 4, true]);
    assert.deepEqual(last('anthropic/claude-3-5-haiku-20241022'), ['anthropic', 'claude-3-5-haiku-20241022', 0.8, 4, true]);
    assert.deepEqual(last('claude-2.1'), ['anthropic', 'claude-2.1', 8, 24, true]);
    assert.deepEqual(last('gpt-4-0613'), ['openai', 'gpt-4-0613', 30, 60, true]);
    assert.deepEqual(last('gpt-4-32k'), ['openai', 'gpt-4-32k', 60, 120, true]);
    assert.deepEqual(last('openai/gpt-4-32k'), ['openai', 'gpt-4-32k', 60, 120, true]);
    assert.deepEqual(last('gemini-1.0-pro'), ['vertex', 'gemini-1.0-pro', 0.5, 1.5, true]);
    // A host the name selects still has its own price.
    assert.deepEqual(last('vertex_ai/claude-3-5-haiku@20241022').slice(0, 4), ['vertex', 'vertex_ai/claude-3-5-haiku@20241022', 1, 5]);
    assert.match(findModel('claude-3-5-haiku-20241022', cat)!.price!.note ?? '', /retired/);
    assert.equal(findModel('claude-3-5-haiku-20241022', cat)!.price!.asOf, '2025-09-01');
  });

  it('never lets a retired entry win over a live one of the same model on the same host', () => {
    const chat = (key: string, host: string, model: string, price: number, more: Partial<PriceTableEntry> = {}): PriceTableEntry =>
      ({ key, host, model, mode: 'chat', inputPerMillionUsd: price, outputPerMillionUsd: price, ...more });
    const small: PriceTable = {
      source: 's',
      sourceUrl: 'u',
      asOf: '2026-07-24',
      entries: [
        chat('x-model-20250101', 'anthropic', 'x-model-20250101', 1, { retired: true, asOf: '2025-09-01' }),
        chat('anthropic/x-model-20250101', 'anthropic', 'x-model-20250101', 2),
        chat('vertex_ai/x-model-20250101', 'vertex', 'x-model-20250101', 0.5),
        chat('y-model', 'openai', 'y-model', 1, { retired: true, asOf: '2025-09-01' }),
        chat('openai/y-model', 'openai', 'y-model', 9, { retired: true, asOf: '2025-09-01' }),
        chat('vertex_ai/y-model', 'vertex', 'y-model', 0.5),
      ],
    };
    const priced = (name: string) => resolveModelName(name, small, () => undefined)?.entry?.key;
    // The retired key itself, the bare family and the host prefix all find the live entry.
    assert.equal(priced('x-model-20250101'), 'anthropic/x-model-20250101');
    assert.equal(priced('x-model'), 'anthropic/x-model-20250101');
    assert.equal(priced('anthropic/x-model-20250101'), 'anthropic/x-model-20250101');
    assert.match(resolveModelName('x-model-20250101', small, () => undefined)!.via.join('; '), /retired there: priced as the live "anthropic\/x-model-20250101"/);
    // With no live entry on the lab's host, the lab's last price still beats another host's live one.
    assert.equal(priced('y-model'), 'y-model');
    assert.equal(priced('vertex_ai/y-model'), 'vertex_ai/y-model');
  });
});

describe('billing as the config describes it: cache reads, batch, embeddings, hosts', () => {
  const shipped = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') }).catalog;
  const monthly = (workload: object) =>
    analyze(JSON.stringify({ workloads: [{ name: 'w', monthlyTokens: '100M', ...workload }] }), { catalog: shipped }).workloads[0]!.monthlyCostUsd;

  it('gpt-4o at 100M: list price $625; half the input from the cache $593.75; through the batch API $312.50', () => {
    assert.equal(monthly({ model: 'gpt-4o' }), 625);
    // 25M uncached × $2.50 + 25M cached × $1.25 + 50M output × $10.
    assert.equal(monthly({ model: 'gpt-4o', cachedInputShare: 0.5 }), 593.75);
    // Batch: $1.25 in, $5 out.
    assert.equal(monthly({ model: 'gpt-4o', batch: true }), 312.5);
  });

  it('a name that picks no host is priced by the lab, with a hint that lists the other hosts', () => {
    const text = JSON.stringify({ workloads: [{ name: 'w', model: 'gemini-2.5-flash', monthlyTokens: '100M' }] });
    const hint = analyze(text, { catalog: shipped }).findings.find((f) => f.code === 'ambiguous-host')!;
    assert.equal(hint.severity, 'hint');
    assert.match(hint.message, /^"gemini-2\.5-flash" names no host: priced as gemini \("gemini\/gemini-2\.5-flash"\)\. Also priced by .*vertex/);
    assert.equal(text.slice(hint.offset, hint.offset + hint.length), '"gemini-2.5-flash"');
    const prefixed = analyze(JSON.stringify({ workloads: [{ name: 'w', model: 'vertex_ai/gemini-2.5-flash', monthlyTokens: '100M' }] }), { catalog: shipped });
    assert.ok(!prefixed.findings.some((f) => f.code === 'ambiguous-host'));
  });

  it('an embedding model bills every token as input', () => {
    assert.equal(monthly({ model: 'text-embedding-3-small', monthlyTokens: '2B' }), 40);
  });

  it('a host prefix picks the host\'s price, even for a name a curated card lists', () => {
    const card = findModel('groq/llama-3.3-70b-versatile', shipped)!;
    assert.equal(card.servedBy?.host, 'groq');
    assert.equal(monthly({ model: 'groq/llama-3.3-70b-versatile' }), Math.round(100 * (card.price!.inputPerMillionUsd + card.price!.outputPerMillionUsd) / 2 * 100) / 100);
  });
});

describe('did you mean, from the whole catalog', () => {
  const shipped = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') }).catalog;

  it('keeps sizes and versions: a typo is corrected, another size of the family is not offered', () => {
    assert.equal(suggestModel('gpt-4oo', catalog, false), 'gpt-4o');
    // The curated cards alone hold llama-3.1-70b and -405b: neither is what "llama-3.1-8bb" means.
    assert.equal(suggestModel('llama-3.1-8bb', catalog, false), undefined);
    assert.equal(suggestModel('gpt-4o-mnii', shipped, false), 'gpt-4o-mini');
    assert.equal(suggestModel('claude-3-5-sonet', shipped, false), 'claude-3.5-sonnet');
  });

  it('offers only self-hostable models where a setup is written', () => {
    assert.equal(suggestModel('qwen2.5-14bb', shipped, true), 'qwen2.5-14b');
    const apiOnly = suggestModel('gpt-4oo', shipped, true);
    assert.notEqual(apiOnly, 'gpt-4o');
  });
});
