/**
 * The second set of names as public code writes them (test/fixtures/model-names-2026.json,
 * each with where it was seen): pydantic-ai's provider:model form, Ollama tags with sizes,
 * gateway ids. Each must resolve to its model, the host whose bill applies and that host's
 * price key, with a finding at the name when another host's price or another version's
 * stands in. Names not resolved right yet are marked `gap` in the fixture and listed.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, findModel, type Catalog } from '../../src/engine';
import { resolutionOf } from '../../src/engine/catalog';
import { catalogFromFiles } from '../../src/engine/catalog/load';
import { familyKey } from '../../src/engine/catalog/resolve';

const root = path.resolve(__dirname, '../../..');
const data = (file: string) => readFileSync(path.join(root, 'src/engine/catalog/data', file), 'utf8');

interface Name {
  text: string;
  source: string;
  model: string;
  host: string;
  price: string | null;
  finding: 'price-stand-in' | 'weak-match' | 'estimated-shape' | null;
  gap?: boolean;
}

const names: Name[] = JSON.parse(readFileSync(path.join(root, 'test/fixtures/model-names-2026.json'), 'utf8')).names;

/** What is wrong with a name's resolution, or undefined when it is right. */
function wrongWith(n: Name, cat: Catalog): string | undefined {
  const card = findModel(n.text, cat);
  if (!card) return 'not resolved';
  const r = resolutionOf(n.text, cat);
  const expected = familyKey(n.model);
  const got = [card.id, card.name, card.servedBy?.key ?? '', card.price?.entry?.model ?? ''].map((g) => familyKey(g.split('/').pop()!));
  if (!got.some((g) => g.includes(expected) || expected.includes(g))) return `model ${card.id} (${card.name}), expected ${n.model}`;
  const host = card.servedBy?.host ?? r?.host;
  if (host !== n.host) return `host ${host}, expected ${n.host}`;
  const key = card.servedBy?.key ?? null;
  if (key !== n.price) return `priced as ${key}, expected ${n.price}`;
  const finding = r?.caveat?.code ?? null;
  if (finding !== n.finding) return `finding ${finding}, expected ${n.finding}`;
  return undefined;
}

describe('name resolution: the 2025-2026 forms (pydantic-ai, Ollama sizes, gateways)', () => {
  let cat: Catalog;
  before(() => {
    const loaded = catalogFromFiles({ prices: data('prices.json'), openModels: data('openModels.json') });
    assert.deepEqual(loaded.problems, []);
    cat = loaded.catalog;
  });

  it(`has ${names.length} names, each with its source and what it must resolve to`, () => {
    assert.ok(names.length >= 90);
    assert.ok(names.every((n) => n.source.includes(':') && n.model && n.host));
    assert.equal(new Set(names.map((n) => n.text)).size, names.length);
  });

  it('resolves each name to its model, host and price key, with the finding its price needs; reports how many', () => {
    const wrong: string[] = [];
    const gaps: string[] = [];
    const closed: string[] = [];
    for (const n of names) {
      const why = wrongWith(n, cat);
      if (n.gap) (why ? gaps : closed).push(why ? `${n.text} (${why})` : n.text);
      else if (why) wrong.push(`${JSON.stringify(n.text)}: ${why}`);
    }
    const right = names.length - wrong.length - gaps.length;
    console.log(`      ${right} of ${names.length} names resolved and priced right (${((100 * right) / names.length).toFixed(1)}%); ${gaps.length} known gaps`);
    if (gaps.length) console.log(`      gaps: ${gaps.join(', ')}`);
    assert.deepEqual(wrong, []);
    // A gap that now resolves right is no gap: the fixture says so.
    assert.deepEqual(closed, []);
  });

  it("pydantic-ai's provider:model form is read as the / prefix: the same host and price", () => {
    for (const [colon, slash] of [
      ['groq:llama-3.3-70b-versatile', 'groq/llama-3.3-70b-versatile'],
      ['anthropic:claude-sonnet-4-6', 'anthropic/claude-sonnet-4-6'],
      ['bedrock:us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ]) {
      const a = findModel(colon!, cat)!;
      const b = findModel(slash!, cat)!;
      assert.equal(a.servedBy?.key, b.servedBy?.key, colon);
      assert.equal(a.price?.inputPerMillionUsd, b.price?.inputPerMillionUsd, colon);
    }
    // Groq's $0.59/$0.79 per million (LiteLLM 2026-07-24), not another host's.
    const groq = findModel('groq:llama-3.3-70b-versatile', cat)!;
    assert.deepEqual([groq.price?.inputPerMillionUsd, groq.price?.outputPerMillionUsd], [0.59, 0.79]);
    // pydantic-ai's Gateway: "gateway/<api_format>:<model>" is billed by the provider of that format; its
    // "google" is Google Cloud (Vertex), "chat" and "responses" are OpenAI's, "converse" Bedrock's.
    for (const [gateway, key, host] of [
      ['gateway/openai:gpt-5.2', 'gpt-5.2', 'openai'],
      ['gateway/groq:openai/gpt-oss-120b', 'groq/openai/gpt-oss-120b', 'groq'],
      ['gateway/anthropic:claude-opus-4-5-20251101', 'claude-opus-4-5-20251101', 'anthropic'],
      ['gateway/google:gemini-3.1-pro-preview', 'gemini-3.1-pro-preview', 'vertex'],
      ['gateway/converse:amazon.nova-micro-v1:0', 'amazon.nova-micro-v1:0', 'bedrock'],
      ['gateway/chat:gpt-5', 'gpt-5', 'openai'],
    ]) {
      assert.deepEqual([findModel(gateway!, cat)?.servedBy?.key, findModel(gateway!, cat)?.servedBy?.host, resolutionOf(gateway!, cat)?.caveat], [key, host, undefined], gateway);
    }
    // An Ollama tag keeps its colon: "mistral:7b" is Ollama's Mistral 7B, "mistral:codestral-latest" Mistral's API.
    assert.equal(resolutionOf('mistral:7b', cat)?.host, 'ollama');
    assert.equal(findModel('mistral:codestral-latest', cat)?.servedBy?.key, 'mistral/codestral-latest');
  });

  it('a named host that does not price the model: the stand-in price is said at the name, with whose it is', () => {
    const text = '{"workloads":[{"name":"w","model":"crusoe:zai/GLM-5.2","monthlyTokens":"10M"}]}';
    const f = analyze(text, { catalog: cat }).findings.find((x) => x.code === 'price-stand-in')!;
    assert.ok(f, 'a price-stand-in finding');
    assert.equal(f.severity, 'warning');
    assert.equal(text.slice(f.offset, f.offset + f.length), '"crusoe:zai/GLM-5.2"');
    assert.match(f.message, /names crusoe.*no crusoe price.*zai \("zai\/glm-5\.2"\)/);
    // xAI's own price now in the table (genai-prices, 2026-09-23): $1.25/$2.50, not Oracle Cloud's $3/$15.
    const grok = findModel('xai:grok-4.20', cat)!;
    assert.deepEqual([grok.servedBy?.key, grok.price?.inputPerMillionUsd, grok.price?.outputPerMillionUsd, resolutionOf('xai:grok-4.20', cat)?.caveat], ['xai/grok-4.20', 1.25, 2.5, undefined]);
    // The stand-in is the lab's own price, not a reseller's entry filed under the id as written
    // ("moonshotai/Kimi-K2.6" is also a small host's key).
    const kimi = findModel('crusoe:moonshotai/Kimi-K2.6', cat)!;
    assert.deepEqual([kimi.servedBy?.key, resolutionOf('crusoe:moonshotai/Kimi-K2.6', cat)?.caveat?.code], ['moonshot/kimi-k2.6', 'price-stand-in']);
  });

  it('a weak match (another version of the model) is said at the name, with the entry it was matched to', () => {
    const text = '{"workloads":[{"name":"w","model":"text-embedding-v4","monthlyTokens":"10M"}]}';
    const f = analyze(text, { catalog: cat }).findings.find((x) => x.code === 'weak-match')!;
    assert.ok(f, 'a weak-match finding');
    assert.match(f.message, /"text-embedding-preview-0409" \(vertex\)/);
    // A dated id of a model the table prices undated is that model: no finding.
    const dated = analyze('{"workloads":[{"name":"w","model":"gpt-4o-2024-11-20","monthlyTokens":"10M"}]}', { catalog: cat });
    assert.ok(!dated.findings.some((x) => x.code === 'weak-match'));
    // Groq's context suffix is no version: "llama3-8b-8192" is Llama 3 8B.
    assert.equal(resolutionOf('llama3-8b-8192', cat)?.caveat, undefined);
    // A release name the table prices only as a preview: the preview's price, said so.
    const preview = analyze('{"workloads":[{"name":"w","model":"google:gemini-3-pro-image","monthlyTokens":"10M"}]}', { catalog: cat }).findings.find((x) => x.code === 'weak-match')!;
    assert.match(preview.message, /priced as "gemini\/gemini-3-pro-image-preview" \(gemini\)/);
    // Nebius's fast flavor is priced as its base flavor, said so; "-fast" elsewhere is another model.
    assert.deepEqual([findModel('nebius:Qwen/Qwen3-32B-fast', cat)?.servedBy?.key, resolutionOf('nebius:Qwen/Qwen3-32B-fast', cat)?.caveat?.code], ['nebius/Qwen/Qwen3-32B', 'weak-match']);
    assert.equal(resolutionOf('nebius/Qwen/Qwen3-32B-fast', cat)?.host, 'nebius');
    assert.equal(findModel('grok-4-fast', cat)?.servedBy?.key, 'oci/xai.grok-4-fast');
    // A release the table prices beside its previews is its own price: no finding.
    assert.deepEqual([findModel('gemini-2.5-flash', cat)?.servedBy?.key, resolutionOf('gemini-2.5-flash', cat)?.caveat], ['gemini/gemini-2.5-flash', undefined]);
  });

  it("a preview beside the model in a family never stands in for the model where an entry prices it as written: with a host named, with none, and for a host that does not price it", () => {
    // Fireworks files QwQ-32B-Preview under the organization's name and QwQ 32B as qwq-32b.
    const named = findModel('fireworks/Qwen/QwQ-32B', cat)!;
    assert.deepEqual([named.servedBy?.key, resolutionOf('fireworks/Qwen/QwQ-32B', cat)?.caveat], ['fireworks_ai/accounts/fireworks/models/qwq-32b', undefined]);
    assert.equal(findModel('fireworks:Qwen/QwQ-32B', cat)?.servedBy?.key, 'fireworks_ai/accounts/fireworks/models/qwq-32b');
    assert.equal(findModel('fireworks/Qwen/QwQ-32B-Preview', cat)?.servedBy?.key, 'fireworks_ai/accounts/fireworks/models/qwen-qwq-32b-preview');
    // Groq's retired id: another host's price of the model stands in, not Fireworks' preview.
    const standIn = resolutionOf('groq/qwen-qwq-32b', cat)!;
    assert.equal(standIn.caveat?.code, 'price-stand-in');
    assert.equal(standIn.entry?.model, 'Qwen/QwQ-32B');
  });

  it("a Hugging Face id with a refresh suffix is sized by its family's card, at the host's price of that checkpoint", () => {
    for (const [name, card, paramsB, activeB, key] of [
      ['Qwen3-235B-A22B-Instruct-2507', 'qwen3-235b-a22b', 235, 22, 'fireworks_ai/accounts/fireworks/models/qwen3-235b-a22b-instruct-2507'],
      ['DeepSeek-R1-0528', 'deepseek-r1', 671, 37, 'fireworks_ai/accounts/fireworks/models/deepseek-r1-0528'],
      ['Kimi-K2-Instruct-0905', 'kimi-k2', 1000, 32, 'together_ai/moonshotai/Kimi-K2-Instruct-0905'],
    ] as const) {
      const found = findModel(name, cat)!;
      assert.deepEqual([found.id, found.paramsB, found.activeParamsB, found.servedBy?.key], [card, paramsB, activeB, key], name);
      assert.ok(found.servedBy!.via.some((l) => l.startsWith('sized as ')), found.servedBy!.via.join('\n'));
    }
    // An org's id that a cloud files is the lab's model where the lab sells it by its name:
    // "moonshotai/Kimi-K2-Thinking" is Moonshot's kimi-k2-thinking, not Bedrock's copy.
    assert.equal(findModel('moonshotai/Kimi-K2-Thinking', cat)?.servedBy?.key, 'moonshot/kimi-k2-thinking');
    // A lower-case API id keeps its own entry and no family card: its date can name another model.
    assert.equal(findModel('mistral-small-2603', cat)?.paramsB, undefined);
  });

  it('Ollama spellings and sized tags reach the new cards; an open Hugging Face id no host prices is run on your machines', () => {
    const card = (n: string) => findModel(n, cat);
    assert.deepEqual(['qwen3-coder', 'qwen3-coder:30b', 'qwen3:30b', 'qwen3-vl:235b-cloud', 'qwen3-vl:8b', 'glm-4.6:cloud'].map((n) => card(n)?.id), ['qwen3-coder-30b-a3b', 'qwen3-coder-30b-a3b', 'qwen3-30b-a3b', 'qwen3-vl-235b-a22b', 'qwen3-vl-8b', 'glm-4.6']);
    // The cards' figures, from the cited configs and counts.
    const coder = card('qwen3-coder:30b')!;
    assert.deepEqual([coder.paramsB, coder.activeParamsB, coder.architecture, coder.layers, coder.kvHeads, coder.headDim, coder.contextTokens, coder.license], [30.5, 3.3, 'moe', 48, 4, 128, 262144, 'apache-2.0']);
    const vl = card('qwen3-vl:235b-cloud')!;
    assert.deepEqual([vl.paramsB, vl.activeParamsB, vl.layers, vl.kvHeads, vl.contextTokens], [235, 22, 94, 4, 262144]);
    const glm = card('glm-4.6:cloud')!;
    assert.deepEqual([glm.paramsB, glm.activeParamsB, glm.layers, glm.kvHeads, glm.contextTokens, glm.license], [357, 32, 92, 8, 202752, 'mit']);
    const small = card('Qwen/Qwen3-VL-4B-Instruct')!;
    assert.deepEqual([small.paramsB, small.architecture, small.layers, small.kvHeads, small.contextTokens], [4.44, 'dense', 36, 8, 262144]);
    assert.equal(resolutionOf('Qwen/Qwen3-VL-4B-Instruct', cat)?.host, 'huggingface');
    assert.equal(card('Qwen/Qwen3-VL-8B-Instruct')?.paramsB, 8.77);
    // Gemma 3 270M: its own card (the cited notebook's shape and 268,098,176 unique parameters), no estimate.
    const tiny = card('gemma3:270m')!;
    assert.deepEqual([tiny.id, tiny.paramsB, tiny.layers, tiny.kvHeads, tiny.headDim, tiny.contextTokens, tiny.license], ['gemma-3-270m', 0.268, 18, 1, 256, 32768, 'gemma']);
    assert.deepEqual([resolutionOf('gemma3:270m', cat)?.host, resolutionOf('gemma3:270m', cat)?.caveat], ['ollama', undefined]);
    assert.equal(card('google/gemma-3-270m-it')?.id, 'gemma-3-270m');
    // Mistral Small 3.2 (2506): its own card, as Ollama and Hugging Face spell it; no estimate.
    for (const name of ['mistral-small3.2', 'mistral-small3.2:24b', 'mistralai/Mistral-Small-3.2-24B-Instruct-2506']) {
      const small32 = card(name)!;
      assert.deepEqual([small32.id, small32.paramsB, small32.layers, small32.kvHeads, small32.contextTokens], ['mistral-small-3.2-24b', 24, 40, 8, 131072], name);
    }
    assert.equal(resolutionOf('mistral-small3.2:24b', cat)?.caveat, undefined);
    // Qwen2.5-Coder 1.5B: 28 layers on 2 KV heads, 1.54B with tied embeddings.
    const smallCoder = card('qwen2.5-coder:1.5b-base')!;
    assert.deepEqual([smallCoder.id, smallCoder.paramsB, smallCoder.layers, smallCoder.kvHeads], ['qwen2.5-coder-1.5b', 1.54, 28, 2]);
    assert.equal(card('Qwen/Qwen2.5-Coder-1.5B-Instruct')?.id, 'qwen2.5-coder-1.5b');
    // google/gemma… is the Hugging Face organization, not the Gemini API: no host is named, nothing stands in.
    assert.deepEqual([resolutionOf('google/gemma-3-270m-it', cat)?.host, resolutionOf('google/gemma-3-27b-it', cat)?.caveat], ['huggingface', undefined]);
    assert.equal(resolutionOf('google/gemini-2.5-pro', cat)?.host, 'gemini');
  });

  it("a model of a user's namespace on ollama.com is the model its name says, sized by its card; OpenRouter's :free stays OpenRouter's", () => {
    const kimi = findModel('huihui_ai/kimi-k2:1026b', cat)!;
    assert.deepEqual([kimi.id, resolutionOf('huihui_ai/kimi-k2:1026b', cat)?.host, resolutionOf('huihui_ai/kimi-k2:1026b', cat)?.caveat], ['kimi-k2', 'ollama', undefined]);
    assert.equal(resolutionOf('dengcao/Qwen3-Embedding-8B:Q4_K_M', cat)?.host, 'ollama');
    assert.equal(findModel('mistralai/devstral-small-2505:free', cat)?.servedBy?.key, 'mistral/devstral-small-2505');
  });

  it('an Ollama tag reads as the tag even where a curated card lists it: local weights at the quantization it pulls', () => {
    for (const [tag, id] of [['llama3.3:70b', 'llama-3.3-70b'], ['llama3.1:70b', 'llama-3.1-70b'], ['qwen2.5:72b', 'qwen-2.5-72b'], ['llama3:8b', 'llama-3-8b']] as const) {
      const r = resolutionOf(tag, cat)!;
      assert.deepEqual([findModel(tag, cat)?.id, r.host, r.weights?.quantization], [id, 'ollama', 'q4_k_m'], tag);
    }
    // The same card by its id or name is no tag: no host, no weights.
    assert.equal(resolutionOf('llama-3.3-70b', cat), undefined);
    // A colon that selects a host is no tag: "mistral:codestral-latest" is Mistral's API.
    assert.equal(resolutionOf('mistral:codestral-latest', cat)?.host, 'mistral');
  });

  it("Ollama's llama4 tags are Llama 4 Scout and Maverick; a tag of experts (8x22b) names its model, not a size", () => {
    const sized = (n: string) => [findModel(n, cat)?.id, findModel(n, cat)?.paramsB, resolutionOf(n, cat)?.host];
    for (const n of ['llama4', 'llama4:latest', 'llama4:16x17b', 'llama4:scout']) assert.deepEqual(sized(n), ['llama-4-scout', 109, 'ollama'], n);
    for (const n of ['llama4:128x17b', 'llama4:maverick']) assert.deepEqual(sized(n), ['llama-4-maverick', 400, 'ollama'], n);
    assert.deepEqual(sized('mixtral:8x22b'), ['mixtral-8x22b', 141, 'ollama']);
    assert.deepEqual(sized('mixtral:8x7b'), ['mixtral-8x7b', 46.7, 'ollama']);
    // The article's projected "Llama 4" keeps its name.
    assert.equal(findModel('Llama 4', cat)?.id, 'llama-4');
    // Experts × size of a family the catalog lacks states no total: nothing is estimated.
    assert.equal(findModel('tinymoe:8x3b', cat), undefined);
  });

  it('a size stated in a tag sizes a family the catalog does not know, said at the name; a known family keeps its sizes', () => {
    const text = '{"workloads":[{"name":"w","model":"granite-code:8b","monthlyTokens":"10M"}]}';
    const f = analyze(text, { catalog: cat }).findings.find((x) => x.code === 'estimated-shape')!;
    assert.ok(f, 'an estimated-shape finding');
    assert.equal(f.severity, 'information');
    assert.equal(text.slice(f.offset, f.offset + f.length), '"granite-code:8b"');
    assert.match(f.message, /sized as a dense 8B-parameter model, the size its tag states/);
    const granite = findModel('granite-code:8b', cat)!;
    assert.deepEqual([granite.paramsB, granite.activeParamsB, granite.architecture, granite.access, granite.layers], [8, 8, 'dense', 'open-weight', undefined]);
    assert.match(analyze('{"workloads":[{"name":"w","model":"tinyllm:270m","monthlyTokens":"1M"}]}', { catalog: cat }).findings.find((x) => x.code === 'estimated-shape')!.message, /dense 270M-parameter/);
    assert.equal(findModel('tinyllm:270m', cat)?.paramsB, 0.27);
    // Phi-4 exists at 14B only: "phi4:3b" is no model, not an estimate.
    assert.equal(findModel('phi4:3b', cat), undefined);
  });

  it('Devstral Small, Magistral Small and Qwen3-Embedding names reach their cards: Ollama tags as local weights, Hugging Face ids at the price of the host that sells them', () => {
    const seen = (name: string) => {
      const c = findModel(name, cat);
      const r = resolutionOf(name, cat);
      return [c?.id, c?.paramsB, r?.host, c?.servedBy?.key, r?.caveat?.code];
    };
    assert.deepEqual(seen('devstral:24b'), ['devstral-small-24b', 24, 'ollama', undefined, undefined]);
    assert.deepEqual(seen('magistral:24b'), ['magistral-small-24b', 24, 'ollama', undefined, undefined]);
    assert.deepEqual(seen('qwen3-embedding:8b'), ['qwen3-embedding-8b', 8.19, 'ollama', undefined, undefined]);
    assert.deepEqual(seen('mistralai/Magistral-Small-2509')[0], 'magistral-small-24b');
    assert.deepEqual(seen('mistralai/Devstral-Small-2507'), ['devstral-small-24b', 24, 'mistral', 'mistral/devstral-small-2507', undefined]);
    // Novita prices the 8B embedding model at $0.07 per million input tokens, an embedding entry: no output is billed (LiteLLM 2026-07-24).
    const emb = findModel('Qwen/Qwen3-Embedding-8B', cat)!;
    assert.deepEqual([emb.id, emb.servedBy?.key, emb.price?.inputPerMillionUsd, emb.price?.outputPerMillionUsd, emb.price?.entry?.mode], ['qwen3-embedding-8b', 'novita/qwen/qwen3-embedding-8b', 0.07, 0, 'embedding']);
    // QwQ 32B: Qwen2.5 32B's shape from its config (64 layers, 8 KV heads); Ollama's qwq has one size.
    assert.deepEqual(seen('huggingface:Qwen/QwQ-32B').slice(0, 3), ['qwq-32b', 32.5, 'huggingface']);
    assert.deepEqual(seen('qwq'), ['qwq-32b', 32.5, 'ollama', undefined, undefined]);
    // A local directory that prefixes the uploader: read without it, as the model's card.
    assert.deepEqual(seen('/models/awq/QuantTrio-Qwen3-235B-A22B-Instruct-2507-AWQ').slice(0, 3), ['qwen3-235b-a22b', 235, 'huggingface']);
  });
});
