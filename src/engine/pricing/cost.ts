/**
 * The cost model. Every front end (editor, panel, CLI) shows figures computed here, so
 * the formulas live in one place and each result can explain itself.
 *
 * Units: volumes in millions of tokens a month (M), money in USD, a month of
 * `hoursPerMonth` hours (720 = 30 days, as in the article).
 */

export interface Assumptions {
  /** Rental price of one GPU-hour, used where a setup does not name its own. */
  gpuHourlyUsd: number;
  hoursPerMonth: number;
  /** Share of each replica's peak throughput that is actually used, 0–1. */
  utilization: number;
  /** Share of tokens that are input (prompt) tokens, for blending in/out prices. */
  inputShare: number;
  /** Concurrent sequences per replica, for the KV cache and the roofline estimate. */
  concurrency: number;
  /** Tokens of context held in the KV cache per sequence. */
  contextTokens: number;
  /**
   * The month priced ("YYYY-MM"): picks dated prices (an introductory rate, a price change).
   * Absent, an entry's own prices (those of the price table's date) apply: the engine reads
   * no clock, so the front ends pass the current month.
   */
  month?: string;
}

export const DEFAULT_ASSUMPTIONS: Readonly<Assumptions> = Object.freeze({
  gpuHourlyUsd: 2.5,
  hoursPerMonth: 720,
  utilization: 1,
  inputShare: 0.5,
  concurrency: 1,
  contextTokens: 8192,
});

/** A figure with the formula and the values that produced it, for hovers and `--explain`. */
export interface Explained {
  value: number;
  unit: string;
  formula: string;
  inputs: Record<string, number | string>;
}

export function blendedPricePerMillion(inputPerM: number, outputPerM: number, inputShare: number): Explained {
  return {
    value: inputShare * inputPerM + (1 - inputShare) * outputPerM,
    unit: 'USD/M tokens',
    formula: 'inputShare × price_in + (1 − inputShare) × price_out',
    inputs: { inputShare, price_in: inputPerM, price_out: outputPerM },
  };
}

/** The input share at which a blended price equals `blended`; how the article’s blends are read. */
export function impliedInputShare(inputPerM: number, outputPerM: number, blended: number): number {
  return (outputPerM - blended) / (outputPerM - inputPerM);
}

export function apiMonthlyCost(volumeM: number, pricePerM: number): Explained {
  return {
    value: volumeM * pricePerM,
    unit: 'USD/month',
    formula: 'V × P',
    inputs: { V: volumeM, P: pricePerM },
  };
}

/**
 * GPU-hours at a price: what `gpus` GPUs cost for `hoursPerMonth` hours at `hourlyUsd` each.
 * The one place a GPU-hour becomes dollars (the structure check holds every other file to it),
 * so the lens, the search, Recommend, the panel and the CLI cannot round or order it apart.
 */
export function gpuMonthlyUsd(gpus: number, hourlyUsd: number, hoursPerMonth: number): number {
  return gpus * hourlyUsd * hoursPerMonth;
}

export function replicaFixedMonthly(gpus: number, hourlyUsd: number, hoursPerMonth: number): Explained {
  return {
    value: gpuMonthlyUsd(gpus, hourlyUsd, hoursPerMonth),
    unit: 'USD/month',
    formula: 'gpus × hourly × hours',
    inputs: { gpus, hourly: hourlyUsd, hours: hoursPerMonth },
  };
}

export function replicaCapacityM(throughputTps: number, hoursPerMonth: number, utilization: number): Explained {
  return {
    value: (throughputTps * 3600 * hoursPerMonth * utilization) / 1e6,
    unit: 'M tokens/month',
    formula: 'tps × 3600 × hours × utilization / 1,000,000',
    inputs: { tps: throughputTps, hours: hoursPerMonth, utilization },
  };
}

export function replicasNeeded(volumeM: number, capacityM: number): number {
  if (volumeM <= 0) return 0;
  if (!(capacityM > 0)) return Infinity;
  // Round off float noise so that 240M on a 240M replica is one replica, not two.
  const ratio = volumeM / capacityM;
  const nearest = Math.round(ratio);
  // Any traffic takes a replica: a few tokens on a large one round to 0 but need 1.
  return Math.max(1, Math.abs(ratio - nearest) < 5e-10 ? nearest : Math.ceil(ratio));
}

/** A figure's P10–P90: `low` is the low end of the figure, whichever input gave it. */
export interface Band {
  low: number;
  high: number;
}

/** The replicas a volume needs at each end of a replica's capacity band (at least one): the high capacity needs the fewer. */
export function replicasBand(volumeM: number, capacityM: Band): Band {
  return { low: Math.max(1, replicasNeeded(volumeM, capacityM.high)), high: Math.max(1, replicasNeeded(volumeM, capacityM.low)) };
}

/** Whether `usd` lies strictly inside `band`: the estimate cannot say which side of it is cheaper. */
export function insideBand(band: Band | undefined, usd: number): band is Band {
  return band !== undefined && band.low < usd && usd < band.high;
}

/**
 * The crossover volume lies inside one replica's P10–P90 capacity: V* = fixed / P does not
 * depend on the throughput, but whether a replica ever serves that much does, and the serving
 * model cannot say.
 */
export function reachTooClose(c: { crossoverTokensM: number; selfHostCapacityBandM?: Band }): Band | undefined {
  return insideBand(c.selfHostCapacityBandM, c.crossoverTokensM) ? c.selfHostCapacityBandM : undefined;
}

/** Self-hosting is a step function: each started replica is paid in full. */
export function selfHostMonthlyCost(volumeM: number, fixedMonthly: number, capacityM: number): Explained {
  const replicas = replicasNeeded(volumeM, capacityM);
  return {
    value: replicas * fixedMonthly,
    unit: 'USD/month',
    formula: 'ceil(V / capacity) × fixed',
    inputs: { V: volumeM, capacity: capacityM, fixed: fixedMonthly, replicas },
  };
}

/** Cost per million tokens of one replica running at its full (utilized) capacity. */
export function costPerMillionAtCapacity(fixedMonthly: number, capacityM: number): Explained {
  return {
    value: capacityM > 0 ? fixedMonthly / capacityM : Infinity,
    unit: 'USD/M tokens',
    formula: 'fixed / capacity',
    inputs: { fixed: fixedMonthly, capacity: capacityM },
  };
}

export interface Crossover {
  /** Monthly volume at which one replica's fixed cost equals the API bill. */
  crossoverTokensM: number;
  /** True when one replica can actually serve the crossover volume. */
  makesSense: boolean;
  /** Sustained tokens/s a replica needs for self-hosting to break even against this price. */
  breakEvenThroughputTps: number;
}

/**
 * The largest monthly volume a config can state, in millions of tokens (the schema's
 * tokensPerMonth limit, which imports this module's formatting). A crossover beyond it is
 * at no volume anyone could run: the API is as good as free.
 */
const LARGEST_VOLUME_M = 1e10;

/** Where one replica's fixed cost meets an API bill; undefined against a free API (or one priced at next to nothing). */
export function crossover(
  fixedMonthly: number,
  capacityM: number,
  apiPricePerM: number,
  hoursPerMonth: number,
  utilization: number,
): Crossover | undefined {
  // A free API has no crossover: no volume makes a paid replica cheaper than nothing.
  const crossoverTokensM = fixedMonthly / apiPricePerM;
  if (!(apiPricePerM > 0) || !(crossoverTokensM <= LARGEST_VOLUME_M)) return undefined;
  const breakEvenThroughputTps = (crossoverTokensM * 1e6) / (3600 * hoursPerMonth * utilization);
  if (!Number.isFinite(breakEvenThroughputTps)) return undefined;
  return {
    crossoverTokensM,
    makesSense: crossoverTokensM <= capacityM * (1 + 1e-9),
    breakEvenThroughputTps,
  };
}

/**
 * en-US digits with thousands separators and at most `max` decimals (at least `min`).
 * Hand-rolled because Intl formatting dominated the analysis of large configs.
 */
function group(n: number, min: number, max: number): string {
  let text = Math.abs(n).toFixed(max);
  let dot = text.indexOf('.');
  if (dot >= 0 && max > min) {
    let end = text.length;
    while (end > dot + 1 + min && text.charCodeAt(end - 1) === 48 /* 0 */) end--;
    if (end === dot + 1) end = dot;
    text = text.slice(0, end);
  }
  dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  let grouped = whole;
  if (whole.length > 3 && /^\d+$/.test(whole)) {
    grouped = '';
    for (let i = whole.length; i > 0; i -= 3) grouped = whole.slice(Math.max(0, i - 3), i) + (grouped ? ',' + grouped : '');
  }
  const sign = n < 0 && Number(text) !== 0 ? '-' : '';
  return sign + grouped + (dot < 0 ? '' : text.slice(dot));
}

/**
 * Figures of a quadrillion and more in words ("30.5 quadrillion"): grouped digits stop being
 * readable there. From 10^21, where toFixed itself turns to raw exponents and no word is
 * common, as "3.86 × 10^306". Valid but extreme configs reach the words (a million replicas
 * of 4,096 GPUs costs tens of quadrillions); only token counts reach the powers (the smallest
 * model on 4,096 GPUs serves 10^22 tokens a month).
 */
const HUGE = 1e15;
const LARGE_WORDS: readonly [number, string][] = [
  [1e18, 'quintillion'],
  [1e15, 'quadrillion'],
];

function scientific(n: number): string {
  const abs = Math.abs(n);
  for (const [size, word] of LARGE_WORDS) {
    // Three significant digits, as the powers below; 999.9 quadrillion rounds up to a quintillion.
    const mantissa = Number((abs / size).toPrecision(3));
    if (abs >= size && abs < 1e21 && mantissa < 1000) return `${n < 0 ? '-' : ''}${mantissa} ${word}`;
  }
  const exponent = Math.floor(Math.log10(Math.abs(n)));
  let mantissa = Number((n / 10 ** exponent).toFixed(2));
  let shown = exponent;
  if (Math.abs(mantissa) >= 10) {
    mantissa /= 10;
    shown++;
  }
  return `${mantissa} × 10^${shown}`;
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : String(n);
  const abs = Math.abs(n);
  if (abs >= HUGE) return scientific(n);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6;
  const shown = group(n, 0, digits);
  // A figure too small for six decimals is not zero: "<0.000001", as formatUsd writes it.
  return shown === '0' && n !== 0 ? (n < 0 ? '>-0.000001' : '<0.000001') : shown;
}

/**
 * A number as plain decimal digits with at most `significant` of them, never an exponent:
 * 1e-7 is "0.0000001" and 2e21 is "2000000000000000000000". For values a person types or
 * a spreadsheet reads (the panel's fields, CSV), where words or "<" would not do.
 */
export function plainNumber(n: number, significant = 12): string {
  if (!Number.isFinite(n)) return '';
  const text = String(Number(n.toPrecision(significant)));
  const e = text.indexOf('e');
  if (e < 0) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const digits = mantissa.replace('.', '');
  // Where the decimal point falls in the mantissa's digits once the exponent is applied.
  const point = (mantissa.indexOf('.') < 0 ? mantissa.length : mantissa.indexOf('.')) + Number(text.slice(e + 1));
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A price as listed, to `significant` digits ("$1.375", "$0.028"; formatUsd would round them
 * to cents): from $0.000001 up, digits; below, "<$0.000001"; from a quadrillion, words.
 */
export function formatListedUsd(n: number, significant: number): string {
  const abs = Math.abs(n);
  if (!Number.isFinite(n) || abs >= HUGE) return formatUsd(n);
  if (n !== 0 && abs < 1e-6) return n < 0 ? '>-$0.000001' : '<$0.000001';
  return `${n < 0 ? '-$' : '$'}${plainNumber(abs, significant)}`;
}

/** Gigabytes with one decimal: memory verdicts turn on single GBs. */
export function formatGB(n: number): string {
  return `${Math.abs(n) >= HUGE ? scientific(n) : group(n, 0, 1)} GB`;
}

/** "$55", "$7.50", "$21,600": cents only below $100 and when there are any. */
export function formatUsd(n: number): string {
  if (!Number.isFinite(n)) return '∞';
  if (Math.abs(n) >= HUGE) return (n < 0 ? '-$' : '$') + scientific(Math.abs(n));
  // Fractions of a cent (embedding prices per token, say) keep their digits instead of "$0.00".
  if (n !== 0 && Math.abs(n) < 0.01) {
    const shown = group(Math.abs(n), 0, 6);
    return shown === '0' ? `${n < 0 ? '>-' : '<'}$0.000001` : `${n < 0 ? '-$' : '$'}${shown}`;
  }
  const digits = Math.abs(n) >= 100 || Number.isInteger(n) ? 0 : 2;
  return (n < 0 ? '-$' : '$') + group(Math.abs(n), digits, digits);
}

/** "240M", "1.2B", "64.8M"; under a thousand tokens, the tokens: "250", "<0.1". */
export function formatTokensM(m: number): string {
  if (!Number.isFinite(m)) return '∞';
  if (m * 1e6 >= HUGE) return `${scientific(m * 1e6)} tokens`;
  if (m >= 1000) return `${trim(m / 1000)}B`;
  if (m >= 1) return `${trim(m)}M`;
  if (m === 0) return '0';
  // "0K" for a few tokens would read as none.
  if (m < 0.001) return m * 1e6 < 0.05 ? '<0.1' : trim(m * 1e6);
  return `${trim(m * 1000)}K`;
}

function trim(n: number): string {
  return group(n, 0, n >= 100 ? 0 : 1);
}
