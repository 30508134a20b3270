/**
 * `estimate` and `cheapest`: the serving model of one replica, and the cheapest setup for a
 * volume, from the command line.
 */
import { cheapestSetup, DEFAULT_REQUEST_SHAPE, estimateServing, findFramework, findKvCacheDtype, findOpenModel, findServingGpu, findWeightFormat, FRAMEWORKS, type LayoutRequest, missingFacts, resolveLayout, type ServingGpu, volumeToMillions, WEIGHT_FORMATS } from '../engine';
import { expertParallelArgs, list, OFFERS_OPTION, parseCommandLine, PRICING_OPTION, pricingOption, QUALITY_OPTION, qualityOption, UsageError, warn } from './args';
import { cliCatalog, cliServingGpus } from './catalogFiles';
import { catalogWith, offersSourceJson } from './catalogWith';
import { cheapestText, estimateText, parseGpuPrices } from './serving';

/** The open model a name resolves to: its architecture is what the serving model sizes. */
function servingModel(name: string | undefined) {
  if (!name) throw new UsageError('--model is required');
  const { catalog: cat, problems } = cliCatalog();
  for (const problem of problems) warn(problem);
  const found = findOpenModel(name, cat);
  if ('error' in found) throw new UsageError(found.error);
  return found.model;
}

function servingGpuList(): ServingGpu[] {
  const loaded = cliServingGpus();
  if ('problem' in loaded) throw new UsageError(loaded.problem);
  return loaded.gpus;
}

/** A whole number of at least `min`, or undefined when the option is absent. */
function count(option: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${option}: "${value}" is not a whole number${min > 0 ? ` of at least ${min}` : ''}`);
  return n;
}

function positiveNumber(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--${option}: "${value}" is not a positive number`);
  return n;
}

function kvCacheOption(value: string | undefined) {
  if (value === undefined) return 'fp16' as const;
  const kv = findKvCacheDtype(value);
  if (!kv) throw new UsageError(`--kv-cache: "${value}" is not fp16 or fp8`);
  return kv;
}

function frameworkOption(value: string | undefined) {
  if (value === undefined) return undefined;
  const framework = findFramework(value);
  if (!framework) throw new UsageError(`--framework: "${value}" is not one of ${FRAMEWORKS.join(', ')}`);
  return framework;
}

/** `--expert-parallel` alone (every GPU of the replica) or with a count, and `--dp-attention`. */
const LAYOUT_OPTIONS = { 'expert-parallel': { type: 'string' }, 'dp-attention': { type: 'boolean' } } as const;

function layoutOf(values: { 'expert-parallel'?: string; 'dp-attention'?: boolean }): LayoutRequest | undefined {
  const ep = values['expert-parallel'];
  const expertParallel = ep === undefined ? undefined : ep === 'all' ? true : count('expert-parallel', ep);
  if (expertParallel === undefined && !values['dp-attention']) return undefined;
  return { ...(expertParallel !== undefined ? { expertParallel } : {}), ...(values['dp-attention'] ? { dpAttention: true } : {}) };
}

function weightFormat(id: string) {
  const format = findWeightFormat(id);
  if (!format) throw new UsageError(`--quantization: unknown format "${id}"; one of ${WEIGHT_FORMATS.map((f) => f.id).join(', ')}`);
  return format;
}

const SHAPE_OPTIONS = { 'input-tokens': { type: 'string' }, 'output-tokens': { type: 'string' } } as const;

function shapeOf(values: { 'input-tokens'?: string; 'output-tokens'?: string }) {
  return {
    inputTokens: count('input-tokens', values['input-tokens']) ?? DEFAULT_REQUEST_SHAPE.inputTokens,
    outputTokens: count('output-tokens', values['output-tokens']) ?? DEFAULT_REQUEST_SHAPE.outputTokens,
  };
}

export function estimateCommand(args: string[], out: (s: string) => void): number {
  const { values } = parseCommandLine({
    args: expertParallelArgs(args),
    options: { model: { type: 'string' }, gpu: { type: 'string' }, gpus: { type: 'string' }, quantization: { type: 'string' }, concurrency: { type: 'string' }, 'kv-cache': { type: 'string' }, framework: { type: 'string' }, json: { type: 'boolean' }, ...SHAPE_OPTIONS, ...LAYOUT_OPTIONS },
  });
  const model = servingModel(values.model);
  if (!values.gpu) throw new UsageError('--gpu is required');
  const gpus = servingGpuList();
  const gpu = findServingGpu(values.gpu, gpus);
  if (!gpu) throw new UsageError(`--gpu: unknown GPU "${values.gpu}"; one of ${gpus.map((g) => g.id).join(', ')}`);
  const missing = missingFacts(gpu);
  if (missing.length) throw new UsageError(`--gpu: the GPU catalog has no ${missing.join(', ')} for ${gpu.name}, so nothing can be sized on it`);
  const n = count('gpus', values.gpus) ?? 1;
  const layout = resolveLayout(layoutOf(values), n);
  const estimate = estimateServing({
    model,
    gpu,
    gpus: n,
    weights: weightFormat(values.quantization ?? 'bf16'),
    kvCache: kvCacheOption(values['kv-cache']),
    concurrency: count('concurrency', values.concurrency) ?? 1,
    shape: shapeOf(values),
    framework: frameworkOption(values.framework),
    ...(layout ? { layout } : {}),
  });
  out(values.json ? JSON.stringify(estimate, null, 2) + '\n' : estimateText(estimate, model.name, gpu.name));
  return 0;
}

export async function cheapestCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values } = parseCommandLine({
    args: expertParallelArgs(args),
    options: {
      model: { type: 'string' },
      volume: { type: 'string' },
      'ttft-ms': { type: 'string' },
      'tpot-ms': { type: 'string' },
      'peak-to-average': { type: 'string' },
      hours: { type: 'string' },
      'gpu-price': { type: 'string' },
      quantization: { type: 'string' },
      'kv-cache': { type: 'string' },
      framework: { type: 'string' },
      json: { type: 'boolean' },
      ...SHAPE_OPTIONS,
      ...PRICING_OPTION,
      ...OFFERS_OPTION,
      ...QUALITY_OPTION,
      ...LAYOUT_OPTIONS,
    },
  });
  const pricing = pricingOption(values.pricing);
  const quality = qualityOption(values.quality);
  const model = servingModel(values.model);
  if (values.volume === undefined) throw new UsageError('--volume is required (tokens a month, such as 300M)');
  const volumeM = volumeToMillions(values.volume);
  if (volumeM === undefined || volumeM <= 0) throw new UsageError(`--volume: "${values.volume}" is not a token count such as 300M`);
  const gpus = servingGpuList();
  // The user's prices by GPU, then the offer that rents it: the editor's precedence (pricing/gpuHour.ts).
  const gpuPrices = new Map<string, number>();
  if (values['gpu-price'] !== undefined) {
    const { prices, bad } = parseGpuPrices(values['gpu-price']);
    if (bad.length) throw new UsageError(`--gpu-price: expected id=usd, not "${bad[0]}"`);
    for (const [id, usd] of prices) {
      const gpu = findServingGpu(id, gpus);
      if (!gpu) throw new UsageError(`--gpu-price: unknown GPU "${id}"`);
      gpuPrices.set(gpu.id, usd);
    }
  }
  const hours = positiveNumber('hours', values.hours);
  if (hours !== undefined && hours > 744) throw new UsageError(`--hours: ${hours} is more hours than a month has`);
  const peak = positiveNumber('peak-to-average', values['peak-to-average']);
  if (peak !== undefined && peak < 1) throw new UsageError('--peak-to-average: the peak is at least the average (1 or more)');
  // The bundled offers, with those of --offers merged newest first.
  const withOffers = values.offers === undefined ? cliCatalog().catalog : await catalogWith({ offers: values.offers, 'allow-network': values['allow-network'] });
  const offers = withOffers.gpuOffers;
  const formats = values.quantization === undefined ? undefined : list(values.quantization).map(weightFormat);
  const result = cheapestSetup({
    model,
    gpus,
    monthlyTokens: volumeM * 1e6,
    shape: shapeOf(values),
    ttftMs: positiveNumber('ttft-ms', values['ttft-ms']),
    tpotMs: positiveNumber('tpot-ms', values['tpot-ms']),
    peakToAverage: peak,
    hoursPerMonth: hours,
    gpuRules: { gpuPrices, ...(pricing ? { pricing } : {}) },
    ...(offers ? { offers } : {}),
    formats,
    kvCache: kvCacheOption(values['kv-cache']),
    framework: frameworkOption(values.framework),
    ...(layoutOf(values) ? { layout: layoutOf(values) } : {}),
    // Formats named on the command line are the user's choice: searched at any quality unless --quality says otherwise.
    quality: quality ?? (formats ? 'any' : 'near-lossless'),
    qualityRows: cliCatalog().catalog.formatQuality ?? [],
  });
  out(values.json ? JSON.stringify({ ...result, ...offersSourceJson(withOffers) }, null, 2) + '\n' : cheapestText(result, model.name));
  return result.best ? 0 : 1;
}
