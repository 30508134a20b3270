import { PRICE_SOURCE_IDS, type PriceSourceId } from '../engine/constants';

export interface PricingSettings {
  source: PriceSourceId;
  /** For source "url". */
  url: string;
  /** An https URL (or this machine's) of GPU offers in the bundled format; '' fetches none. */
  offersUrl: string;
  maxAgeHours: number;
  staleAfterDays: number;
}

export const DEFAULT_PRICING_SETTINGS: Readonly<PricingSettings> = Object.freeze({ source: 'bundled', url: '', offersUrl: '', maxAgeHours: 24, staleAfterDays: 90 });

/** The part of a WorkspaceConfiguration the pricing settings are read through. */
export interface GlobalSettingsReader {
  inspect<T>(key: string): { globalValue?: T } | undefined;
}

/**
 * The pricing settings, from the user's own settings only: a workspace (a cloned repository)
 * must not point the extension at a URL or turn the refresh on. package.json also scopes them
 * to the application and lists them as restricted in untrusted workspaces.
 */
export function readPricingSettings(configuration: GlobalSettingsReader): PricingSettings {
  const global = <T>(key: string): T | undefined => configuration.inspect<T>(key)?.globalValue;
  const source = global<unknown>('pricing.source');
  const url = global<unknown>('pricing.url');
  const offersUrl = global<unknown>('pricing.offersUrl');
  const maxAge = global<unknown>('pricing.maxAgeHours');
  const stale = global<unknown>('pricing.staleAfterDays');
  const ids: readonly unknown[] = PRICE_SOURCE_IDS;
  return {
    source: ids.includes(source) ? (source as PriceSourceId) : DEFAULT_PRICING_SETTINGS.source,
    url: typeof url === 'string' ? url : '',
    offersUrl: typeof offersUrl === 'string' ? offersUrl.trim() : '',
    maxAgeHours: typeof maxAge === 'number' && Number.isFinite(maxAge) && maxAge >= 1 ? maxAge : DEFAULT_PRICING_SETTINGS.maxAgeHours,
    staleAfterDays: typeof stale === 'number' && Number.isFinite(stale) && stale >= 1 ? Math.floor(stale) : DEFAULT_PRICING_SETTINGS.staleAfterDays,
  };
}
