/**
 * Architecture facts for open-weight models, for sizing GPU memory (weights, KV cache) and
 * estimating serving throughput. The records live in openModels.json; each one names where
 * its config facts and its parameter count were read, so a number can be checked against
 * its source rather than trusted.
 */
// zod/mini like the config schema: the engine ships in the extension host and the webview,
// where bundle size matters.
import * as z from 'zod/mini';

export const ATTENTION_KINDS = ['gqa', 'mha', 'mqa', 'mla', 'hybrid'] as const;
export const UNQUANTIZED_PARTS = ['embeddings', 'lm_head', 'attention', 'router'] as const;

const positiveInt = () => z.int().check(z.positive());
const nonNegativeInt = () => z.int().check(z.gte(0));
const positive = () => z.number().check(z.positive());
const text = () => z.string().check(z.minLength(1));

const source = z.strictObject({
  /** Which fact this source backs: "config", "totalParamsB", "license", a field path… */
  fact: text(),
  /** A URL, with a commit in it where the host has one, so the cited text cannot drift. */
  ref: text(),
  note: z.optional(text()),
});

const attention = z.strictObject({
  kind: z.enum(ATTENTION_KINDS),
  // MLA caches a compressed latent per layer rather than per-head K and V.
  kvLoraRank: z.optional(positiveInt()),
  qLoraRank: z.optional(positiveInt()),
  qkRopeHeadDim: z.optional(positiveInt()),
  qkNopeHeadDim: z.optional(positiveInt()),
  vHeadDim: z.optional(positiveInt()),
  /** Tokens a sliding layer attends over; its KV cache stops growing there. */
  slidingWindow: z.optional(positiveInt()),
  /** How many of the layers use the window; the rest attend over the whole sequence. */
  slidingLayers: z.optional(nonNegativeInt()),
  layerPattern: z.optional(text()),
});

const ropeScaling = z.strictObject({
  type: text(),
  factor: z.optional(positive()),
  /** The context the model was trained at before the scaling stretched it. */
  originalContextTokens: z.optional(positiveInt()),
});

const quantization = z.strictObject({
  /** Parts that quantized exports usually leave at 16-bit. */
  keepUnquantized: z.array(z.enum(UNQUANTIZED_PARTS)),
  /** Why: a config field, or the practice of common exporters (it says which). */
  basis: text(),
  /**
   * The weight format the lab publishes its checkpoint in, when not 16-bit (its config.json's
   * quantization_config): those weights are the model as released, so they are a reference for
   * quality as much as 16-bit ones (an upcast of them is too).
   */
  publishedWeights: z.optional(z.enum(['fp8', 'mxfp4'])),
});

const openModel = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]*$/, { error: 'expected a lower-case id such as "llama-3.1-70b".' })),
    name: text(),
    lab: text(),
    license: text(),
    hfId: z.string().check(z.regex(/^[\w.-]+\/[\w.-]+$/)),
    hfIds: z.optional(z.array(z.string().check(z.regex(/^[\w.-]+\/[\w.-]+$/)))),
    /** From the model card or paper, never derived from the config. */
    totalParamsB: positive(),
    /** Equal to totalParamsB for dense models. */
    activeParamsB: positive(),
    layers: positiveInt(),
    hiddenSize: positiveInt(),
    attentionHeads: positiveInt(),
    kvHeads: positiveInt(),
    headDim: positiveInt(),
    headDimSource: z.enum(['config', 'hidden_size/num_attention_heads']),
    vocabSize: positiveInt(),
    /** null where the cited config leaves it out; sizing then counts an untied lm_head. */
    tieWordEmbeddings: z.nullable(z.boolean()),
    intermediateSize: positiveInt(),
    attention,
    experts: z.optional(positiveInt()),
    expertsPerToken: z.optional(positiveInt()),
    sharedExperts: z.optional(nonNegativeInt()),
    moeIntermediateSize: z.optional(positiveInt()),
    /** Leading layers that keep a dense MLP before the MoE layers start. */
    firstKDenseReplace: z.optional(nonNegativeInt()),
    /** MLP width of the dense layers where MoE and dense layers interleave. */
    denseIntermediateSize: z.optional(positiveInt()),
    /** Every n-th layer is MoE (1 = all of them). */
    moeLayerInterval: z.optional(positiveInt()),
    contextTokens: positiveInt(),
    ropeScaling: z.optional(ropeScaling),
    torchDtype: z.optional(z.enum(['bfloat16', 'float16', 'float32'])),
    quantization,
    notes: z.optional(z.array(text())),
    sources: z.array(source).check(z.minLength(2)),
  })
  .check(
    z.refine((m) => m.activeParamsB <= m.totalParamsB, { error: 'activeParamsB must not exceed totalParamsB.', path: ['activeParamsB'] }),
    z.refine((m) => (m.experts === undefined) === (m.expertsPerToken === undefined), { error: 'experts and expertsPerToken go together.', path: ['experts'] }),
    z.refine((m) => m.experts === undefined || m.expertsPerToken === undefined || m.expertsPerToken <= m.experts, { error: 'expertsPerToken must not exceed experts.', path: ['expertsPerToken'] }),
    z.refine((m) => m.attention.kind !== 'mla' || (m.attention.kvLoraRank !== undefined && m.attention.qkRopeHeadDim !== undefined), {
      error: 'MLA needs kvLoraRank and qkRopeHeadDim.',
      path: ['attention'],
    }),
    z.refine((m) => (m.attention.slidingWindow === undefined) === (m.attention.slidingLayers === undefined), {
      error: 'slidingWindow and slidingLayers go together.',
      path: ['attention'],
    }),
    z.refine((m) => m.attention.slidingLayers === undefined || m.attention.slidingLayers <= m.layers, { error: 'slidingLayers exceeds layers.', path: ['attention', 'slidingLayers'] }),
    // A hybrid has both kinds of layer; a model whose every layer slides is not one.
    z.refine((m) => m.attention.kind !== 'hybrid' || (m.attention.slidingLayers !== undefined && m.attention.slidingLayers > 0 && m.attention.slidingLayers < m.layers), {
      error: 'a hybrid needs some sliding and some global layers.',
      path: ['attention'],
    }),
    z.refine((m) => m.sources.some((s) => s.fact === 'config') && m.sources.some((s) => s.fact === 'totalParamsB'), {
      error: 'every record cites its config and its parameter count.',
      path: ['sources'],
    }),
  );

export const openModelsFileSchema = z.strictObject({
  $comment: z.optional(z.string()),
  models: z.array(openModel),
});

export type OpenModel = z.infer<typeof openModel>;
export type OpenModelSource = z.infer<typeof source>;

/** Validates the catalog file; throws naming the record and field at fault. */
export function parseOpenModels(json: unknown): OpenModel[] {
  const result = openModelsFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.map(String).join('.');
    const models = (json as { models?: { id?: unknown }[] } | null)?.models;
    const index = typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
    const id = index !== undefined && Array.isArray(models) ? models[index]?.id : undefined;
    throw new Error(`open models catalog: ${typeof id === 'string' ? `${id}: ` : ''}${where || 'file'}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const m of result.data.models) {
    if (seen.has(m.id)) throw new Error(`open models catalog: duplicate id ${m.id}`);
    seen.add(m.id);
  }
  return result.data.models;
}
