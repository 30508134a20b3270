/**
 * What an open model's shape (openModels.json) implies in parameters and bytes: the KV cache a
 * sequence holds, the weights at a format's bytes per parameter, the parameters its layers
 * imply. Memory is computed in sizing/ only (a structure check holds every other folder to
 * it), so the catalog keeps the facts and this file the arithmetic on them.
 */
import type { OpenModel } from '../catalog/data/openModels';

/** KV bytes one layer adds per cached token. */
function kvBytesPerLayerToken(model: OpenModel, kvDtypeBytes: number): number {
  if (model.attention.kind === 'mla') {
    // One latent of kvLoraRank plus the decoupled RoPE key, shared by all heads; no factor
    // of 2, because K and V are both reconstructed from the latent.
    return (model.attention.kvLoraRank! + model.attention.qkRopeHeadDim!) * kvDtypeBytes;
  }
  return 2 * model.kvHeads * model.headDim * kvDtypeBytes;
}

/**
 * KV-cache bytes held for one sequence of `sequenceTokens` tokens. Sliding-window layers
 * hold at most the window; the other layers hold every token.
 */
export function kvCacheBytes(model: OpenModel, kvDtypeBytes: number, sequenceTokens: number): number {
  const perLayerToken = kvBytesPerLayerToken(model, kvDtypeBytes);
  const sliding = model.attention.slidingLayers ?? 0;
  const global = model.layers - sliding;
  const window = model.attention.slidingWindow ?? sequenceTokens;
  return perLayerToken * (global * sequenceTokens + sliding * Math.min(sequenceTokens, window));
}

/**
 * Average KV-cache bytes per token for a sequence of `sequenceTokens` tokens. Without a
 * length, every layer counts, which is exact for dense attention and for any sequence that
 * fits inside the sliding window.
 */
export function kvCacheBytesPerToken(model: OpenModel, kvDtypeBytes: number, sequenceTokens?: number): number {
  if (sequenceTokens === undefined) return model.layers * kvBytesPerLayerToken(model, kvDtypeBytes);
  if (!(sequenceTokens > 0)) throw new RangeError('sequenceTokens must be positive');
  return kvCacheBytes(model, kvDtypeBytes, sequenceTokens) / sequenceTokens;
}

/** Input embedding plus lm_head parameters; one matrix when they are tied. */
export function embeddingParams(model: OpenModel): number {
  return model.vocabSize * model.hiddenSize * (model.tieWordEmbeddings === true ? 1 : 2);
}

/**
 * Bytes the weights take at `bytesPerParam` (0.5 for 4-bit, 1 for 8-bit, 2 for 16-bit).
 * With `unquantizedEmbeddings`, the embedding and lm_head stay at 16-bit, as quantized
 * exports usually leave them; it only matters below 2 bytes per parameter.
 */
export function weightBytes(model: OpenModel, bytesPerParam: number, options: { unquantizedEmbeddings?: boolean } = {}): number {
  const total = model.totalParamsB * 1e9;
  if (!options.unquantizedEmbeddings || bytesPerParam >= 2) return total * bytesPerParam;
  // A card's rounded total can undercut the embedding count of a small model; never let
  // the rest go negative.
  const embeddings = Math.min(embeddingParams(model), total);
  return embeddings * 2 + (total - embeddings) * bytesPerParam;
}

/**
 * Parameters implied by the shape of a dense model: embeddings plus, per layer, the
 * attention projections and a gated (three-matrix) MLP. Norms and biases are left out;
 * they are well under 1% for these models. Meant for catching a mistyped number, not for
 * replacing the published count.
 */
export function denseParamEstimate(model: OpenModel): number {
  const q = model.attentionHeads * model.headDim;
  const kv = model.kvHeads * model.headDim;
  const attentionParams = model.hiddenSize * (2 * q + 2 * kv);
  const mlpParams = 3 * model.hiddenSize * model.intermediateSize;
  return embeddingParams(model) + model.layers * (attentionParams + mlpParams);
}
