/** `estimate` and `cheapest`: the serving estimate of one setup, and the cheapest setup for a volume, as text. */
import { type Candidate, type CheapestResult, formatGB, formatNumber, formatUsd, FRAMEWORK_NAMES, layoutText, offerText, type ServingEstimate, weightsText } from '../engine';
import { alignColumns, printable } from './printable';

export function estimateText(e: ServingEstimate, modelName: string, gpuName: string): string {
  const head = `${modelName} on ${e.layout ? `${layoutText({ gpus: e.gpus, gpuName, ...e.layout })}, run by` : `${e.gpus} × ${gpuName} with`} ${FRAMEWORK_NAMES[e.framework]}, ${e.weights} weights, ${e.kvCache} KV cache, ${e.concurrency} concurrent, ${formatNumber(e.inputTokens)} in / ${formatNumber(e.outputTokens)} out`;
  const rows = [
    ['fits', e.fits ? `yes (at most ${formatNumber(e.maxConcurrency)} concurrent)` : e.maxConcurrency > 0 ? `no: at most ${formatNumber(e.maxConcurrency)} concurrent` : 'no: the weights alone do not fit'],
    ...(e.unsupported ? [['supported', `no (${e.unsupported.code}): ${e.unsupported.message}`]] : []),
    ['output', `${formatNumber(e.outputTokensPerSecond)} tok/s${e.range ? ` (P10–P90 ${formatNumber(e.range.p10.outputTokensPerSecond)}–${formatNumber(e.range.p90.outputTokensPerSecond)} tok/s)` : ''}`],
    ['input', `${formatNumber(e.inputTokensPerSecond)} tok/s`],
    ['requests', `${formatNumber(e.requestsPerSecond)}/s`],
    ['TTFT', `${formatNumber(e.timeToFirstTokenMs)} ms`],
    ['TPOT', `${formatNumber(e.timePerOutputTokenMs)} ms${e.range ? ` (P10–P90 ${formatNumber(e.range.p10.timePerOutputTokenMs)}–${formatNumber(e.range.p90.timePerOutputTokenMs)} ms)` : ''}`],
    ['bound', e.bound],
    ['memory', `${formatGB(e.memoryNeededGB)} of ${formatGB(e.memoryAvailableGB)} (weights ${formatGB(e.weightsGB)}, KV cache ${formatGB(e.kvCacheGB)})`],
  ];
  return [printable(head), ...alignColumns(rows).map((l) => `  ${l}`), 'how:', ...e.lines.map((l) => `  ${printable(l)}`)].join('\n') + '\n';
}

function setupText(c: Candidate): string {
  return `${c.replicas > 1 ? `${c.replicas} replicas of ` : ''}${c.layout ? layoutText({ gpus: c.gpus, gpuName: c.gpuName, ...c.layout }) : `${c.gpus} × ${c.gpuName}`}, ${c.weights}`;
}

export function cheapestText(r: CheapestResult, modelName: string): string {
  const out: string[] = [printable(`cheapest setup for ${modelName} with ${FRAMEWORK_NAMES[r.framework]}`)];
  if (r.best) {
    const b = r.best;
    out.push(
      `  ${printable(setupText(b))} → ${formatUsd(b.monthlyUsd)}/mo`,
      ...(b.offer ? [`  each replica rents ${printable(offerText(b.offer, { gpuName: b.gpuName }))}`] : []),
      ...(weightsText(b.quality) !== b.weights ? [`  quality: ${printable(b.quality.words)}`] : []),
      `  ${b.concurrency} concurrent per replica at the peak (at most ${b.maxConcurrency} within the targets): ${formatNumber(b.requestsPerSecond)} requests/s, ${formatNumber(b.outputTokensPerSecond)} output tok/s, TTFT ${formatNumber(b.timeToFirstTokenMs)} ms, TPOT ${formatNumber(b.timePerOutputTokenMs)} ms, ${b.bound}-bound`,
    );
  } else out.push(`  no setup ${r.qualityLevel === 'any' ? '' : 'in a near-lossless format '}fits and meets the targets`);
  if (r.cheaperOption) {
    const c = r.cheaperOption;
    out.push(`cheaper at lower or unmeasured quality (not picked; --quality any allows it):`, `  ${printable(setupText(c))} → ${formatUsd(c.monthlyUsd)}/mo · ${printable(c.quality.words)}`);
  }
  if (r.cheaperFailures.length) {
    out.push(r.best ? 'cheaper setups that fail:' : 'setups that fail, cheapest first:');
    const rows = r.cheaperFailures.map((c) => [setupText(c), `${formatUsd(c.monthlyUsd)}/mo`, c.failure!.code, c.failure!.message]);
    out.push(...alignColumns(rows).map((l) => `  ${l}`));
  }
  if (r.runnersUp.length) {
    out.push('next cheapest:');
    const rows = r.runnersUp.map((c) => [setupText(c), `${formatUsd(c.monthlyUsd)}/mo`, `${c.concurrency} concurrent`, `TTFT ${formatNumber(c.timeToFirstTokenMs)} ms`, `TPOT ${formatNumber(c.timePerOutputTokenMs)} ms`]);
    out.push(...alignColumns(rows).map((l) => `  ${l}`));
  }
  out.push('how:', ...r.lines.map((l) => `  ${printable(l)}`));
  return out.join('\n') + '\n';
}

/** `--gpu-price h100-sxm=2.49,l40s=0.79`: hourly prices per GPU id; undefined entries are reported by the caller. */
export function parseGpuPrices(text: string): { prices: Map<string, number>; bad: string[] } {
  const prices = new Map<string, number>();
  const bad: string[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    const usd = eq > 0 ? Number(item.slice(eq + 1)) : Number.NaN;
    if (eq <= 0 || !(usd > 0) || !Number.isFinite(usd)) bad.push(item);
    else prices.set(item.slice(0, eq).trim(), usd);
  }
  return { prices, bad };
}
