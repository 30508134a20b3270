/** A workload's API price: its billing as the file states it, the price it pays, and a price the source lacks said as a finding. */
import type { WorkloadResult } from '../analysis/types';
import type { ApiPrice, ModelCard } from '../catalog/types';
import type { MissingPrice } from '../catalog/data/priceCall';
import { SERVICE_TIERS, type ServiceTier } from '../catalog/data/priceTable';
import { isObject, type NodeId, NONE } from '../config/document';
import { LIMITS } from '../config/schema';
import type { AnalysisContext, PriceUsed, Raw } from '../analysis/context';
import { step, usd } from '../present/explanation';
import { type RequestShape } from '../sizing/cheapestSelfHost';
import { type ApiBilling, apiCallPrice, billsBeyondListPrices, type WorkloadBilling } from './apiCall';

const priceStep = step('price');

/** The workload field that asks for each price. */
const MISSING_FIELD: Record<MissingPrice, string> = {
  batch: 'batch',
  'cache-read': 'cachedInputShare',
  'cache-write': 'cacheWriteShare',
  'cache-write-1h': 'cacheWriteTtl',
  flex: 'serviceTier',
  priority: 'serviceTier',
};
/** Each missing price in words; the lens keeps the short ids. */
const MISSING_WORDS: Record<MissingPrice, string> = { batch: 'batch', 'cache-read': 'cache-read', 'cache-write': 'cache-write', 'cache-write-1h': '1-hour cache-write', flex: 'flex', priority: 'priority' };
const MISSING_BILLED: Record<MissingPrice, string> = {
  batch: 'the standard rate',
  'cache-read': 'the standard rate',
  'cache-write': 'the standard rate',
  'cache-write-1h': 'the 5-minute cache-write price',
  flex: 'the standard rate',
  priority: 'the standard rate',
};

/** A price the source lacks, billed at the standard rate: an information finding at the field that asked for it, and a word in the lens. */
export function missingPriceFinding(ctx: AnalysisContext, index: number, node: NodeId, model: string, missing: MissingPrice[], result: WorkloadResult): void {
  const words = [...new Set(missing)];
  result.missingPrices = words;
  const field = ctx.doc.tree.child(node, MISSING_FIELD[missing[0]!]);
  ctx.out.findings.push({
    severity: 'information',
    code: 'missing-price',
    message: `The price source has no ${words.map((w) => MISSING_WORDS[w]).join(' or ')} price for ${model}: these tokens are billed at ${[...new Set(words.map((w) => MISSING_BILLED[w]))].join(' and ')}.`,
    ...ctx.doc.tree.range(field === NONE ? node : field),
    workload: index,
  });
}

const isShare = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;

/**
 * The billing a workload's fields state, for the month the analysis prices; the API
 * alternatives it names are billed the same way. Fields the schema refuses are left out (their
 * findings say why): a service tier with batch calls, cache shares above 1 together.
 */
export function workloadBilling(raw: Raw, shape: RequestShape | undefined, month?: string): ApiBilling {
  const reasoning = isObject(raw.requestShape) ? raw.requestShape.reasoningTokens : undefined;
  const cached = isShare(raw.cachedInputShare) ? raw.cachedInputShare : undefined;
  const written = isShare(raw.cacheWriteShare) && (cached ?? 0) + raw.cacheWriteShare <= 1 ? raw.cacheWriteShare : undefined;
  const tier = raw.batch !== true && (SERVICE_TIERS as readonly unknown[]).includes(raw.serviceTier) ? (raw.serviceTier as ServiceTier) : undefined;
  return {
    cachedInputShare: cached,
    ...(written ? { cacheWriteShare: written, ...(raw.cacheWriteTtl === '1h' ? { cacheWriteTtl: '1h' as const } : {}) } : {}),
    ...(tier && tier !== 'standard' ? { serviceTier: tier } : {}),
    ...(month !== undefined ? { month } : {}),
    batch: raw.batch === true,
    promptTokens: shape?.inputTokens,
    // Reasoning is part of the output tokens (they are generated, and self-hosting pays for them the same).
    reasoningShare: shape && typeof reasoning === 'number' && Number.isInteger(reasoning) && reasoning > 0 && reasoning <= shape.outputTokens ? reasoning / (shape.inputTokens + shape.outputTokens) : undefined,
  };
}

/** The billing as plain data: a field the file does not set is absent, not undefined (a JSON round trip keeps it equal). */
export function billingData(inputShare: number, billing: ApiBilling): WorkloadBilling {
  const data: WorkloadBilling = { inputShare };
  for (const [key, value] of Object.entries(billing) as [keyof ApiBilling, ApiBilling[keyof ApiBilling]][]) if (value !== undefined) Object.assign(data, { [key]: value });
  return data;
}

/**
 * Any API's price of a million of this workload's tokens, billed as the workload's calls are
 * (the one API price, apiCallPrice): what the panel lists beside the APIs the analysis compares.
 */
export function workloadApiPrice(billing: WorkloadBilling, price: ApiPrice): PriceUsed {
  return apiCallPrice(price, billing.inputShare, billing);
}

export function apiPrice(ctx: AnalysisContext, model: ModelCard | undefined, blended: unknown, inputShare: number, billing: ApiBilling = {}): PriceUsed | undefined {
  if (typeof blended === 'number' && blended >= 0 && blended <= LIMITS.pricePerMillion) {
    return { value: blended, steps: [priceStep`price = ${usd(blended)}/M (blendedPricePerMillion in the config)`] };
  }
  if (!model?.price) return undefined;
  if (billsBeyondListPrices(model.price, billing)) return apiCallPrice(model.price, inputShare, billing);
  // At the file's input share, one price per model serves every workload that uses it (keyed
  // by the price: one model id may be billed by several hosts).
  if (inputShare !== ctx.assumptions.inputShare) return apiCallPrice(model.price, inputShare);
  let shared = ctx.catalogPrices.get(model.price);
  if (!shared) ctx.catalogPrices.set(model.price, (shared = apiCallPrice(model.price, inputShare)));
  return shared;
}
