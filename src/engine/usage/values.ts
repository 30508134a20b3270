/** Reading one figure from hostile input: a count, a time, a name, or null. */
import type { SourceInfo } from './types';

/** A token or request count: a non-negative whole number, as a number or a decimal string (OTLP writes int64 as strings). */
export function count(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,16}\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** An amount: any finite non-negative number, exponent form included (LiteLLM writes 3.9e-05). */
export function amount(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date and time as exports write them: RFC 3339 (Anthropic, LiteLLM's JSON), or LiteLLM's
 * CSV form `2026-11-16 09:12:33.12` without a zone, which is UTC (Postgres timestamp(3)).
 * Milliseconds since the epoch, or null.
 */
export function dateTime(v: unknown): number | null {
  if (typeof v !== 'string' || v.length > 40) return null;
  const m = DATE_TIME.exec(v.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  let ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Math.floor(Number(`0.${frac || '0'}`) * 1000));
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(ms) && +mo! >= 1 && +mo! <= 12 && +d! >= 1 && +d! <= 31 ? ms : null;
}

/** A date without a time (`2026-11-16`): a whole day. */
export function isDateOnly(v: string): boolean {
  return /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(v);
}

/**
 * A Unix time of unknown unit, by its size: seconds, milliseconds, microseconds or
 * nanoseconds (OTLP writes nanoseconds as a decimal string). Milliseconds, or null.
 */
export function unixTime(v: unknown): number | null {
  if (typeof v === 'string') {
    if (!/^\s*\d{1,20}\s*$/.test(v)) return null;
    const digits = v.trim();
    // Past 2^53: cut the digits instead of rounding through a double.
    if (digits.length > 15) return unixTime(Number(digits.slice(0, digits.length - 6)) * 1e6);
    return unixTime(Number(digits));
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return null;
  if (v < 1e11) return v * 1000;
  if (v < 1e14) return v;
  if (v < 1e17) return Math.floor(v / 1e3);
  return Math.floor(v / 1e6);
}

/** Unix seconds, as OpenAI's Usage API writes `start_time`; null for anything else (a millisecond or nanosecond figure is a different export). */
export function unixSeconds(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < 1e11 ? v * 1000 : null;
}

/** A model name or group as text: bounded, trimmed; null when absent. Control characters stay (the surfaces escape them) so two names never merge. */
export function text(v: unknown, max = 200): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t ? t.slice(0, max) : null;
}

/** A plain object, or null: JSON.parse can return anything. */
export function object(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Counts a skipped item by reason, remembering where the first one was. */
export function skip(info: SourceInfo, reason: string, where: string): void {
  const known = info.skipped.find((s) => s.reason === reason);
  if (known) known.count++;
  else if (info.skipped.length < 50) info.skipped.push({ reason, count: 1, first: where });
}

/** Widens the span a file covers. */
export function cover(info: SourceInfo, startMs: number, endMs: number): void {
  if (info.startMs === null || startMs < info.startMs) info.startMs = startMs;
  if (info.endMs === null || endMs > info.endMs) info.endMs = endMs;
}

export function parseJson(textValue: string): unknown {
  try {
    return JSON.parse(textValue);
  } catch {
    return undefined;
  }
}
