import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseOpenModels, type OpenModel } from '../../src/engine/catalog/data/openModels';
import { denseParamEstimate, embeddingParams, kvCacheBytes, kvCacheBytesPerToken, weightBytes } from '../../src/engine/sizing/modelBytes';

const file = path.resolve(__dirname, '../../../src/engine/catalog/data/openModels.json');
const raw = () => JSON.parse(readFileSync(file, 'utf8')) as { models: Record<string, unknown>[] };
const models = parseOpenModels(raw());
const byId = (id: string): OpenModel => {
  const m = models.find((x) => x.id === id);
  assert.ok(m, `no record ${id}`);
  return m;
};

/**
 * Models whose config sets head_dim so that heads x head_dim differs from hidden_size. The
 * set is pinned both ways: a record that leaves it, or one that joins it, is a typo until
 * its config says otherwise.
 */
const WIDE_OR_NARROW_HEADS = new Set([
  'qwen3-0.6b', 'qwen3-4b', 'qwen3-32b', 'qwen3-30b-a3b', 'qwen3-235b-a22b', 'qwen3-coder-480b-a35b', 'qwen3-coder-30b-a3b',
  'qwen3-vl-4b', 'qwen3-vl-235b-a22b', 'qwen3-embedding-0.6b', 'qwen3-embedding-4b',
  'mistral-small-24b', 'mistral-small-3.2-24b', 'mistral-nemo-12b', 'devstral-small-24b', 'magistral-small-24b',
  'gemma-2-2b', 'gemma-2-9b', 'gemma-2-27b', 'gemma-3-270m', 'gemma-3-1b', 'gemma-3-4b', 'gemma-3-12b', 'gemma-3-27b',
  'gpt-oss-20b', 'gpt-oss-120b',
  'glm-4.5', 'glm-4.5-air', 'glm-4.6',
]);

/**
 * Dense models whose cited count is not the checkpoint's: the distill publishes no count of
 * its own, so the base model's is cited, and the distill unties lm_head (+0.23B). Gemma 3n's
 * count holds its per-layer embeddings (262144 x 256 a layer) and its vision and audio
 * encoders, which the decoder's shape does not count.
 */
const PARAM_COUNT_EXCEPTIONS = new Set(['r1-distill-qwen-1.5b', 'gemma-3n-e4b', 'gemma-3n-e2b']);

/**
 * Vision-language models: the cited count holds the vision encoder, the shape is the language
 * model's alone (the config's text_config), so the shape falls short of the count by the
 * encoder's share and no more.
 */
const VISION_LANGUAGE = new Set(['qwen3-vl-4b', 'qwen3-vl-8b']);

describe('open models catalog: the file', () => {
  it('passes the schema and holds at least 60 records with unique lower-case ids', () => {
    assert.ok(models.length >= 60, `${models.length} records`);
    assert.equal(new Set(models.map((m) => m.id)).size, models.length);
    for (const m of models) assert.match(m.id, /^[a-z0-9][a-z0-9.-]*$/);
  });

  it('covers the families people self-host', () => {
    for (const id of [
      'llama-2-7b', 'llama-2-13b', 'llama-2-70b', 'llama-3-8b', 'llama-3-70b', 'llama-3.1-8b', 'llama-3.1-70b', 'llama-3.1-405b',
      'llama-3.2-1b', 'llama-3.2-3b', 'llama-3.3-70b', 'llama-4-scout', 'llama-4-maverick',
      'qwen2.5-0.5b', 'qwen2.5-1.5b', 'qwen2.5-3b', 'qwen2.5-7b', 'qwen2.5-14b', 'qwen2.5-32b', 'qwen2.5-72b', 'qwen2.5-coder-7b', 'qwen2.5-coder-32b',
      'qwen3-0.6b', 'qwen3-1.7b', 'qwen3-4b', 'qwen3-8b', 'qwen3-14b', 'qwen3-32b', 'qwen3-30b-a3b', 'qwen3-235b-a22b',
      'qwen3-coder-480b-a35b', 'deepseek-v3', 'deepseek-v3.1', 'deepseek-r1', 'r1-distill-qwen-1.5b', 'r1-distill-qwen-7b', 'r1-distill-qwen-14b', 'r1-distill-qwen-32b', 'r1-distill-llama-8b', 'r1-distill-llama-70b',
      'mistral-7b-v0.1', 'mixtral-8x7b', 'mixtral-8x22b', 'mistral-small-24b', 'mistral-nemo-12b',
      'gemma-2-2b', 'gemma-2-9b', 'gemma-2-27b', 'gemma-3-1b', 'gemma-3-4b', 'gemma-3-12b', 'gemma-3-27b',
      'phi-3-mini-4k', 'phi-3-medium-4k', 'phi-3.5-mini', 'phi-4',
      'gpt-oss-20b', 'gpt-oss-120b', 'kimi-k2', 'glm-4.5', 'glm-4.5-air', 'command-r', 'command-r-plus',
      'qwen3-vl-4b', 'qwen3-vl-8b', 'qwen3-vl-235b-a22b', 'qwen3-coder-30b-a3b', 'glm-4.6', 'gemma-3-270m',
      'qwen2.5-coder-1.5b', 'mistral-small-3.2-24b', 'devstral-small-24b', 'magistral-small-24b',
      'qwen3-embedding-0.6b', 'qwen3-embedding-4b', 'qwen3-embedding-8b', 'qwq-32b',
    ]) byId(id);
  });

  it("cards of a fine-tune without a config of its own carry the base model's shape, citing the base's config and the card that names the base", () => {
    const shape = (m: OpenModel) => [m.layers, m.hiddenSize, m.attentionHeads, m.kvHeads, m.headDim, m.vocabSize, m.tieWordEmbeddings, m.intermediateSize];
    // Devstral Small and Magistral Small: Mistral Small 3.1's text model (3.2's for Magistral 2509), 24B, 128K.
    for (const id of ['devstral-small-24b', 'magistral-small-24b']) {
      const m = byId(id);
      assert.deepEqual([...shape(m), m.contextTokens, m.totalParamsB], [40, 5120, 32, 8, 128, 131072, false, 32768, 131072, 24], id);
      assert.deepEqual(shape(m), shape(byId('mistral-small-3.2-24b')), id);
      assert.ok(m.sources.some((s) => s.fact === 'config' && s.ref.includes('Mistral-Small-3.1-24B-Instruct-2503')), id);
    }
    assert.deepEqual(byId('devstral-small-24b').hfIds, ['mistralai/Devstral-Small-2505', 'mistralai/Devstral-Small-2507']);
    // Qwen3-Embedding: its Qwen3 base's shape, keras-hub's parameter counts, a 32K context.
    for (const [size, base, params] of [['0.6b', 'qwen3-0.6b', 0.596], ['4b', 'qwen3-4b', 4.02], ['8b', 'qwen3-8b', 8.19]] as const) {
      const m = byId(`qwen3-embedding-${size}`);
      assert.deepEqual(shape(m), shape(byId(base)), m.id);
      assert.deepEqual([m.totalParamsB, m.contextTokens], [params, 32768], m.id);
      // What the engine does not model for an embedding model is said on its card.
      assert.ok(m.notes?.some((n) => /generates no tokens/.test(n) && /not modelled/.test(n)), m.id);
    }
    // 8B: 36 layers x 8 KV heads x 128 x 2 (K and V) x 2 bytes = 147,456 bytes per token at FP16.
    assert.equal(kvCacheBytesPerToken(byId('qwen3-embedding-8b'), 2), 147456);
  });

  it('cites a source for every record\'s config facts and parameter count', () => {
    for (const m of models) {
      const config = m.sources.filter((s) => s.fact === 'config');
      const params = m.sources.filter((s) => s.fact === 'totalParamsB');
      assert.ok(config.length > 0 && params.length > 0, m.id);
      for (const s of m.sources) assert.match(s.ref, /^https:\/\/\S+$/, `${m.id}: ${s.ref}`);
      if (m.activeParamsB !== m.totalParamsB) assert.ok(m.sources.some((s) => s.fact === 'activeParamsB'), `${m.id} cites its active count`);
    }
  });

  it('pins a GitHub source to a commit, so the cited file cannot change under it', () => {
    for (const m of models) {
      for (const s of m.sources) {
        if (s.ref.startsWith('https://github.com/')) assert.match(s.ref, /\/blob\/[0-9a-f]{40}\//, `${m.id}: ${s.ref}`);
      }
    }
  });
});

describe('open models catalog: consistency', () => {
  it('active parameters never exceed the total, and only MoE models differ', () => {
    for (const m of models) {
      assert.ok(m.activeParamsB <= m.totalParamsB, m.id);
      if (m.experts === undefined) assert.equal(m.activeParamsB, m.totalParamsB, m.id);
      else assert.ok(m.activeParamsB < m.totalParamsB, `${m.id} is MoE but cites no smaller active count`);
    }
  });

  it('MoE records carry experts and a top-k no larger than the expert count', () => {
    const moe = models.filter((m) => m.experts !== undefined);
    assert.ok(moe.length >= 12, `${moe.length} MoE records`);
    for (const m of moe) {
      assert.ok(m.expertsPerToken !== undefined && m.expertsPerToken <= m.experts!, m.id);
      if (m.firstKDenseReplace !== undefined) assert.ok(m.firstKDenseReplace < m.layers, m.id);
    }
    assert.deepEqual([byId('deepseek-v3').experts, byId('deepseek-v3').expertsPerToken, byId('deepseek-v3').sharedExperts, byId('deepseek-v3').firstKDenseReplace], [256, 8, 1, 3]);
    assert.deepEqual([byId('mixtral-8x7b').experts, byId('mixtral-8x7b').expertsPerToken], [8, 2]);
    assert.deepEqual([byId('gpt-oss-120b').experts, byId('gpt-oss-120b').expertsPerToken], [128, 4]);
  });

  it('heads x head_dim equals hidden_size unless the config sets a head_dim that says otherwise', () => {
    const differing = new Set(models.filter((m) => m.attentionHeads * m.headDim !== m.hiddenSize).map((m) => m.id));
    assert.deepEqual([...differing].sort(), [...WIDE_OR_NARROW_HEADS].sort());
    for (const id of differing) assert.equal(byId(id).headDimSource, 'config', id);
    for (const m of models) if (m.headDimSource !== 'config') assert.equal(m.hiddenSize % m.attentionHeads, 0, m.id);
  });

  it('KV heads divide the query heads, and the attention kind matches them', () => {
    for (const m of models) {
      assert.equal(m.attentionHeads % m.kvHeads, 0, m.id);
      if (m.attention.kind === 'mha') assert.equal(m.kvHeads, m.attentionHeads, m.id);
      if (m.attention.kind === 'mqa') assert.equal(m.kvHeads, 1, m.id);
      if (m.attention.kind === 'gqa' || m.attention.kind === 'hybrid') assert.ok(m.kvHeads < m.attentionHeads, m.id);
    }
  });

  it('MLA records carry the latent rank and the RoPE key width; hybrids carry a window and a layer split', () => {
    for (const m of models.filter((x) => x.attention.kind === 'mla')) {
      assert.ok(m.attention.kvLoraRank! > 0 && m.attention.qkRopeHeadDim! > 0, m.id);
    }
    assert.deepEqual(models.filter((m) => m.attention.kind === 'mla').map((m) => m.id).sort(), ['deepseek-r1', 'deepseek-v3', 'deepseek-v3.1', 'kimi-k2']);
    for (const m of models.filter((x) => x.attention.kind === 'hybrid')) {
      assert.ok(m.attention.slidingWindow! < m.contextTokens, m.id);
      assert.ok(m.attention.slidingLayers! > 0 && m.attention.slidingLayers! < m.layers, m.id);
    }
    assert.equal(byId('gemma-3-27b').attention.slidingLayers, 52);
    assert.equal(byId('gemma-2-9b').attention.slidingLayers, 21);
    assert.equal(byId('gpt-oss-120b').attention.slidingLayers, 18);
  });

  it('the shape of each dense model adds up to its cited parameter count within 5%', () => {
    const dense = models.filter((m) => m.experts === undefined && m.attention.kind !== 'mla');
    assert.ok(dense.length >= 45, `${dense.length} dense records`);
    for (const m of dense) {
      const estimate = denseParamEstimate(m) / 1e9;
      const off = estimate / m.totalParamsB - 1;
      if (PARAM_COUNT_EXCEPTIONS.has(m.id)) {
        // The exception must stay one: if it starts to agree, drop it from the list.
        assert.ok(Math.abs(off) > 0.05, `${m.id} now agrees; remove the exception`);
        continue;
      }
      if (VISION_LANGUAGE.has(m.id)) {
        assert.ok(off < -0.03 && off > -0.12, `${m.id}: the language model is ${(-off * 100).toFixed(1)}% short of the cited count, beyond a vision encoder's share`);
        continue;
      }
      assert.ok(Math.abs(off) <= 0.05, `${m.id}: shape gives ${estimate.toFixed(2)}B, cited ${m.totalParamsB}B (${(off * 100).toFixed(1)}%)`);
    }
  });

  it('a context stretched by RoPE scaling keeps the native length beside it', () => {
    const llama = byId('llama-3.1-70b');
    assert.equal(llama.contextTokens, 131072);
    assert.deepEqual(llama.ropeScaling, { type: 'llama3', factor: 8, originalContextTokens: 8192 });
    assert.equal(byId('deepseek-v3').ropeScaling?.originalContextTokens, 4096);
  });
});

describe('open models catalog: KV cache', () => {
  it('GQA: Llama 3.1 70B holds 2 x 80 layers x 8 KV heads x 128 x 2 bytes = 327,680 bytes per token at FP16', () => {
    assert.equal(kvCacheBytesPerToken(byId('llama-3.1-70b'), 2), 327_680);
    assert.equal(kvCacheBytes(byId('llama-3.1-70b'), 2, 8192), 327_680 * 8192);
  });

  it('MHA: Llama 2 7B caches every head: 2 x 32 x 32 x 128 x 2 = 524,288 bytes per token', () => {
    assert.equal(kvCacheBytesPerToken(byId('llama-2-7b'), 2), 524_288);
  });

  it('MLA: DeepSeek V3 caches 61 x (512 + 64) x 2 = 70,272 bytes per token, whatever its 128 KV heads', () => {
    assert.equal(kvCacheBytesPerToken(byId('deepseek-v3'), 2), 70_272);
    // DeepSeek V3.1 has V3's structure (its card says so): the same latent per token.
    assert.equal(kvCacheBytesPerToken(byId('deepseek-v3.1'), 2), 70_272);
    // Qwen3-Coder 480B-A35B: 62 layers × 8 KV heads × 128 × (K and V) × 2 bytes.
    assert.equal(kvCacheBytesPerToken(byId('qwen3-coder-480b-a35b'), 2), 62 * 8 * 128 * 2 * 2);
    // Qwen3-Coder 30B-A3B: 48 layers × 4 KV heads × 128; Qwen3-VL 235B-A22B: 94 × 4 × 128; GLM-4.6: GLM-4.5's 92 × 8 × 128.
    assert.equal(kvCacheBytesPerToken(byId('qwen3-coder-30b-a3b'), 2), 48 * 4 * 128 * 2 * 2);
    assert.equal(kvCacheBytesPerToken(byId('qwen3-vl-235b-a22b'), 2), 94 * 4 * 128 * 2 * 2);
    assert.equal(kvCacheBytesPerToken(byId('qwen3-vl-8b'), 2), 36 * 8 * 128 * 2 * 2);
    assert.equal(kvCacheBytesPerToken(byId('glm-4.6'), 2), kvCacheBytesPerToken(byId('glm-4.5'), 2));
    // Qwen2.5-Coder 1.5B: 28 layers × 2 KV heads × 128; Mistral Small 3.2: 40 × 8 × 128, as Mistral Small 3.
    assert.equal(kvCacheBytesPerToken(byId('qwen2.5-coder-1.5b'), 2), 28 * 2 * 128 * 2 * 2);
    assert.equal(kvCacheBytesPerToken(byId('mistral-small-3.2-24b'), 2), 40 * 8 * 128 * 2 * 2);
    assert.equal(kvCacheBytesPerToken(byId('deepseek-v3'), 2, 100_000), 70_272);
    // FP8 KV halves it, as for any other attention.
    assert.equal(kvCacheBytesPerToken(byId('kimi-k2'), 1), 61 * 576);
  });

  it('sliding window: Gemma 3 27B at 32K holds 10 global layers at full length and 52 capped at 1,024', () => {
    const gemma = byId('gemma-3-27b');
    const perLayerToken = 2 * 16 * 128 * 2;
    assert.equal(kvCacheBytes(gemma, 2, 32_768), perLayerToken * (10 * 32_768 + 52 * 1024));
    assert.equal(kvCacheBytesPerToken(gemma, 2, 32_768), 95_232);
    // Inside the window every layer still grows, so the short-sequence figure is the full one.
    assert.equal(kvCacheBytesPerToken(gemma, 2, 1024), 62 * perLayerToken);
    assert.equal(kvCacheBytesPerToken(gemma, 2), 62 * perLayerToken);
  });

  it('sliding window: Gemma 3 270M at 32K holds 3 global layers at full length and 15 capped at 512', () => {
    // One KV head of 256: 2 (K and V) × 256 × 2 bytes = 1,024 bytes a layer and token.
    assert.equal(kvCacheBytes(byId('gemma-3-270m'), 2, 32_768), 1024 * (3 * 32_768 + 15 * 512));
    assert.equal(kvCacheBytesPerToken(byId('gemma-3-270m'), 2), 18 * 1024);
  });

  it('sliding window: Gemma 2 9B at 8K alternates full and 4,096-capped layers', () => {
    assert.equal(kvCacheBytesPerToken(byId('gemma-2-9b'), 2, 8192), 2 * 8 * 256 * 2 * (21 + 21 * 0.5));
  });

  it('a window on every layer caps the whole cache: Mistral 7B v0.1 at 32K holds 4,096 tokens', () => {
    const mistral = byId('mistral-7b-v0.1');
    assert.equal(kvCacheBytes(mistral, 2, 32_768), 2 * 32 * 8 * 128 * 2 * 4096);
    assert.equal(kvCacheBytes(mistral, 2, 2048), 2 * 32 * 8 * 128 * 2 * 2048);
  });

  it('rejects a sequence length that is not positive', () => {
    assert.throws(() => kvCacheBytesPerToken(byId('gemma-3-27b'), 2, 0), RangeError);
  });
});

describe('open models catalog: weight bytes', () => {
  it('keeps an untied model\'s embedding and lm_head at 16-bit when asked', () => {
    const llama = byId('llama-3.1-8b');
    const embeddings = 128_256 * 4096 * 2;
    assert.equal(embeddingParams(llama), embeddings);
    assert.equal(weightBytes(llama, 0.5), 4e9);
    assert.equal(weightBytes(llama, 0.5, { unquantizedEmbeddings: true }), embeddings * 2 + (8e9 - embeddings) * 0.5);
  });

  it('counts a tied embedding once', () => {
    const small = byId('llama-3.2-1b');
    assert.equal(embeddingParams(small), 128_256 * 2048);
    assert.equal(weightBytes(small, 1, { unquantizedEmbeddings: true }), 128_256 * 2048 * 2 + (1.23e9 - 128_256 * 2048));
  });

  it('counts an lm_head the config leaves unstated as untied, the larger figure', () => {
    const scout = byId('llama-4-scout');
    assert.equal(scout.tieWordEmbeddings, null);
    assert.equal(embeddingParams(scout), 202_048 * 5120 * 2);
  });

  it('changes nothing at 16-bit and above', () => {
    const m = byId('qwen2.5-7b');
    assert.equal(weightBytes(m, 2, { unquantizedEmbeddings: true }), weightBytes(m, 2));
  });
});

describe('open models catalog: parseOpenModels rejects', () => {
  const withFirst = (patch: (m: Record<string, unknown>) => void) => {
    const file = raw();
    patch(file.models[0]!);
    return file;
  };

  it('a record without a parameter-count source, naming the record', () => {
    assert.throws(
      () => parseOpenModels(withFirst((m) => { m.sources = (m.sources as { fact: string }[]).filter((s) => s.fact !== 'totalParamsB').concat({ fact: 'license', ref: 'https://example.org/x' } as never); })),
      /llama-2-7b: .*sources/,
    );
  });

  it('a top-k larger than the expert count', () => {
    assert.throws(() => parseOpenModels(withFirst((m) => { m.experts = 2; m.expertsPerToken = 4; })), /expertsPerToken/);
  });

  it('an MLA record without its latent rank', () => {
    assert.throws(() => parseOpenModels(withFirst((m) => { m.attention = { kind: 'mla' }; })), /attention/);
  });

  it('a duplicate id and an unknown field', () => {
    const dup = raw();
    dup.models.push({ ...dup.models[0]! });
    assert.throws(() => parseOpenModels(dup), /duplicate id llama-2-7b/);
    assert.throws(() => parseOpenModels(withFirst((m) => { m.paramsB = 7; })), /llama-2-7b/);
  });

  it('something that is not the catalog', () => {
    assert.throws(() => parseOpenModels(null), /open models catalog/);
    assert.throws(() => parseOpenModels({ models: 'x' }), /open models catalog/);
  });
});
