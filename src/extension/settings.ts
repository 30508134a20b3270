import vscode = require('vscode');
import type { Assumptions, Severity } from '../engine';
import { SETTINGS_SECTION } from './ids';
import { readPricingSettings, type PricingSettings } from './pricingSettings';

export type SeverityOverride = Severity | 'off';

/** Every `llmCostLens.*` setting, typed; read in one place so nothing else calls getConfiguration. */
export interface LensSettings {
  /** null: each GPU's catalog price. */
  gpuHourlyUsd: number | null;
  hoursPerMonth: number;
  inputShare: number;
  utilization: number;
  concurrency: number;
  contextTokens: number;
  codeLensEnabled: boolean;
  /** Also compare workloads with the catalog's reference models (GPT-4o, the article's setups). */
  compareWithCatalog: boolean;
  debounceMs: number;
  severityOverrides: Record<string, SeverityOverride>;
  /** Model names in source code: hovers, diagnostics, quick fixes and (opt-in) inline prices. */
  codeScan: CodeScanSettings;
  /**
   * The assumptions the user set (at any level the trust allows). Unset ones are left to the
   * engine, which knows better defaults (e.g. the article’s blended prices when no input share is set).
   */
  assumptions: Partial<Assumptions>;
}

export interface CodeScanSettings {
  enabled: boolean;
  /** VS Code language ids scanned; null: every language the scanner reads. */
  languages: readonly string[] | null;
  /** Globs of the only files scanned; empty: every file of the languages scanned. */
  include: readonly string[];
  /** Globs of files not scanned. */
  exclude: readonly string[];
  inlinePrices: boolean;
}

export const DEFAULT_SETTINGS: Readonly<LensSettings> = Object.freeze({
  gpuHourlyUsd: null,
  hoursPerMonth: 720,
  inputShare: 0.5,
  utilization: 1,
  concurrency: 1,
  contextTokens: 8192,
  codeLensEnabled: true,
  compareWithCatalog: false,
  debounceMs: 300,
  severityOverrides: {},
  codeScan: { enabled: true, languages: null, include: [], exclude: [], inlinePrices: false },
  assumptions: {},
});

/**
 * The settings package.json lists under `capabilities.untrustedWorkspaces.restrictedConfigurations`:
 * a workspace the user has not trusted could otherwise set them to hide errors or skew prices.
 */
export const RESTRICTED_KEYS = [
  'gpuHourlyUsd',
  'hoursPerMonth',
  'inputShare',
  'utilization',
  'concurrency',
  'contextTokens',
  'diagnostics.severityOverrides',
  // Read from the user's settings only (priceRefresh.ts), and listed here so that the manifest says so too.
  'pricing.source',
  'pricing.url',
  'pricing.offersUrl',
  'pricing.maxAgeHours',
  'pricing.staleAfterDays',
] as const;

const SEVERITIES: readonly SeverityOverride[] = ['error', 'warning', 'information', 'hint', 'off'];

/** The part of WorkspaceConfiguration this module reads; lets tests pass a stand-in. */
export type ConfigurationReader = Pick<vscode.WorkspaceConfiguration, 'get' | 'inspect'>;

/**
 * Reads the settings. In an untrusted workspace a restricted key takes only the user's own
 * value (global), never the workspace's or the folder's.
 */
export function readSettings(configuration: ConfigurationReader, trusted: boolean): LensSettings {
  const restricted = new Set<string>(RESTRICTED_KEYS);
  const get = <T>(key: string, fallback: T): T => {
    if (!trusted && restricted.has(key)) {
      const inspected = configuration.inspect<T>(key);
      return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
    }
    return configuration.get<T>(key, fallback);
  };
  const isSet = (key: string): boolean => {
    const i = configuration.inspect(key);
    if (!i) return false;
    if (!trusted && restricted.has(key)) return i.globalValue !== undefined;
    return [i.globalValue, i.workspaceValue, i.workspaceFolderValue, i.globalLanguageValue, i.workspaceLanguageValue, i.workspaceFolderLanguageValue].some(
      (v) => v !== undefined,
    );
  };
  const number = (key: string, fallback: number, min: number, max = Infinity): number => {
    const value = get<unknown>(key, fallback);
    return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
  };
  const hourly = get<unknown>('gpuHourlyUsd', null);
  const values = {
    gpuHourlyUsd: typeof hourly === 'number' && Number.isFinite(hourly) && hourly >= 0 ? hourly : null,
    hoursPerMonth: number('hoursPerMonth', DEFAULT_SETTINGS.hoursPerMonth, 1, 744),
    inputShare: number('inputShare', DEFAULT_SETTINGS.inputShare, 0, 1),
    utilization: number('utilization', DEFAULT_SETTINGS.utilization, Number.MIN_VALUE, 1),
    concurrency: Math.floor(number('concurrency', DEFAULT_SETTINGS.concurrency, 1)),
    contextTokens: Math.floor(number('contextTokens', DEFAULT_SETTINGS.contextTokens, 1)),
  };
  const assumptions: Partial<Assumptions> = {};
  if (values.gpuHourlyUsd !== null) assumptions.gpuHourlyUsd = values.gpuHourlyUsd;
  for (const key of ['hoursPerMonth', 'inputShare', 'utilization', 'concurrency', 'contextTokens'] as const) {
    if (isSet(key)) assumptions[key] = values[key];
  }
  return {
    ...values,
    codeLensEnabled: get<unknown>('codeLens.enabled', true) !== false,
    compareWithCatalog: get<unknown>('compareWithCatalog', false) === true,
    debounceMs: number('diagnostics.debounceMs', DEFAULT_SETTINGS.debounceMs, 0, 5000),
    severityOverrides: severityOverrides(get<unknown>('diagnostics.severityOverrides', {})),
    codeScan: {
      enabled: get<unknown>('codeScan.enabled', true) !== false,
      languages: strings(get<unknown>('codeScan.languages', null)),
      include: strings(get<unknown>('codeScan.include', [])) ?? [],
      exclude: strings(get<unknown>('codeScan.exclude', [])) ?? [],
      inlinePrices: get<unknown>('codeScan.inlinePrices', false) === true,
    },
    assumptions,
  };
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}

function severityOverrides(value: unknown): Record<string, SeverityOverride> {
  const result: Record<string, SeverityOverride> = {};
  if (!value || typeof value !== 'object') return result;
  for (const [code, severity] of Object.entries(value)) {
    if (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity)) {
      result[code] = severity as SeverityOverride;
    }
  }
  return result;
}

/** The override for a finding code: exact code first, then the longest matching "prefix-*". */
export function severityOverrideFor(settings: LensSettings, code: string): SeverityOverride | undefined {
  const overrides = settings.severityOverrides;
  if (Object.hasOwn(overrides, code)) return overrides[code];
  let best: string | undefined;
  for (const key of Object.keys(overrides)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (code.startsWith(prefix) && (best === undefined || prefix.length > best.length - 1)) best = key;
  }
  return best === undefined ? undefined : overrides[best];
}

/** The live settings: read lazily, re-read when `llmCostLens.*` or the workspace's trust changes. */
export class Settings implements vscode.Disposable {
  private cached: LensSettings | undefined;
  private cachedPricing: PricingSettings | undefined;
  private readonly changed = new vscode.EventEmitter<LensSettings>();
  /** Fires after any `llmCostLens.*` setting (or the workspace trust) changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTINGS_SECTION)) this.invalidate();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate()),
      this.changed,
    ];
  }

  get current(): LensSettings {
    this.cached ??= readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION), vscode.workspace.isTrusted);
    return this.cached;
  }

  /**
   * The pricing settings (user settings only), kept like the others: every analysis asks for the
   * catalog, and the catalog for the price source and staleness, so a read per ask cost the
   * configuration service five lookups each time.
   */
  get pricing(): PricingSettings {
    this.cachedPricing ??= userPricingSettings();
    return this.cachedPricing;
  }

  /** Whether workloads are also compared with the catalog's reference models. */
  get compareWithCatalog(): boolean {
    return this.current.compareWithCatalog;
  }

  /** The engine's assumptions from the settings; a config file's own `assumptions` still win. */
  get assumptions(): Partial<Assumptions> {
    return this.current.assumptions;
  }

  private invalidate(): void {
    this.cached = undefined;
    this.cachedPricing = undefined;
    this.changed.fire(this.current);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The pricing settings, from the user's own settings only (see pricingSettings.ts). */
export function userPricingSettings(): PricingSettings {
  return readPricingSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION));
}
