import type * as vscode from 'vscode';
import { analyze, catalog as curated, type Analysis, type Catalog, type IncrementalState, monthOf, usageDrift, type UsageSummary } from '../engine';
import type { CatalogService } from './catalogService';
import type { Settings } from './settings';

interface Entry {
  version: number;
  analysis: Analysis;
}

/** An analysis of text that parsed, with the text it came from (its offsets point into that text). */
export interface GoodAnalysis {
  analysis: Analysis;
  text: string;
  /** True when the document has changed since, and now has JSON syntax errors. */
  stale: boolean;
}

/**
 * One analysis per document version: lenses, hovers, code actions, diagnostics and the
 * status bar share it. Settings changes clear it, since they change the assumptions.
 */
export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly lastGood = new Map<string, { analysis: Analysis; text: string; generation: number }>();
  /** What each open document's last analysis keeps for the next: the workloads an edit leaves alone are not evaluated again. */
  private readonly incremental = new Map<string, IncrementalState>();
  /** Usage imported for a config (Import Usage…): its drift findings join the analysis until the window closes. */
  private readonly usages = new Map<string, UsageSummary>();
  /** Bumped when the assumptions change, so that kept analyses are redone with the new ones. */
  private generation = 0;

  private readonly subscription: vscode.Disposable | undefined;

  /** Without settings (tests, tools) the engine's default assumptions apply; without a catalog service, the curated cards. */
  constructor(
    private readonly settings?: Pick<Settings, 'assumptions' | 'compareWithCatalog' | 'onDidChange'>,
    private readonly catalogs?: CatalogService,
    /** Today, for the month priced (the engine reads no clock); tests pass a day of their own. */
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.month = monthOf(this.clock());
    // Subscribed before any provider, so providers refreshing on the same event see fresh figures.
    this.subscription = settings?.onDidChange(() => this.clear());
    this.catalogSubscription = catalogs?.onDidChange(() => this.clear());
  }

  private readonly catalogSubscription: vscode.Disposable | undefined;
  /** The month the analyses price dated prices for: the current UTC month, unless the file names one (assumptions.month). */
  private month: string;

  /** The settings' assumptions with the current month: a default the file's own assumptions override. */
  private assumptions() {
    return { ...(this.settings?.assumptions ?? {}), month: this.month };
  }

  /** The catalog the analyses use: hovers, Recommend and the panel ask the same one. */
  get catalog(): Catalog {
    return this.catalogs?.catalog ?? curated;
  }

  get(document: vscode.TextDocument): Analysis {
    // A window open across the turn of a month prices the new month from then on.
    const month = monthOf(this.clock());
    if (month !== this.month) {
      this.month = month;
      this.clear();
    }
    const key = document.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === document.version) return hit.analysis;
    const text = document.getText();
    let state = this.incremental.get(key);
    if (!state) this.incremental.set(key, (state = {}));
    const analysis = this.withUsage(key, text, this.analyzeText(text, state));
    this.entries.set(key, { version: document.version, analysis });
    if (analysis.syntaxOk) this.lastGood.set(key, { analysis, text, generation: this.generation });
    return analysis;
  }

  /**
   * The analysis to draw lenses from: the current one, or while the text does not parse, the
   * last one that did (so the figures do not flicker away at every half-typed comma).
   */
  getGood(document: vscode.TextDocument): GoodAnalysis {
    const analysis = this.get(document);
    if (analysis.syntaxOk) return { analysis, text: document.getText(), stale: false };
    const good = this.lastGood.get(document.uri.toString());
    if (!good) return { analysis, text: document.getText(), stale: false };
    if (good.generation !== this.generation) {
      good.analysis = this.withUsage(document.uri.toString(), good.text, this.analyzeText(good.text));
      good.generation = this.generation;
    }
    return { analysis: good.analysis, text: good.text, stale: true };
  }

  /** Text that is not open in an editor (read from disk by the diagnostics); not cached. */
  analyzeText(text: string, state?: IncrementalState): Analysis {
    return analyze(text, { assumptions: this.assumptions(), catalog: this.catalog, compareWithCatalog: this.settings?.compareWithCatalog === true }, state);
  }

  /** Runs the engine once on `text` with the catalog the analyses use, to have it loaded and compiled; asks for no price refresh. */
  warmUp(text: string): Analysis {
    const catalog = this.catalogs?.catalogForWarmUp ?? curated;
    return analyze(text, { assumptions: this.assumptions(), catalog, compareWithCatalog: this.settings?.compareWithCatalog === true });
  }

  /** Compares the config at `uri` with this usage from now on (undefined: no longer). */
  setUsage(uri: vscode.Uri, usage: UsageSummary | undefined): void {
    const key = uri.toString();
    if (usage) this.usages.set(key, usage);
    else this.usages.delete(key);
    this.entries.delete(key);
    this.lastGood.delete(key);
  }

  usageFor(uri: vscode.Uri): UsageSummary | undefined {
    return this.usages.get(uri.toString());
  }

  private withUsage(key: string, text: string, analysis: Analysis): Analysis {
    const usage = this.usages.get(key);
    return usage ? { ...analysis, findings: [...analysis.findings, ...usageDrift(text, analysis, usage)] } : analysis;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
    this.lastGood.delete(uri.toString());
    this.incremental.delete(uri.toString());
  }

  /** After a settings change: every cached figure used the old assumptions. */
  clear(): void {
    this.entries.clear();
    this.generation++;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.catalogSubscription?.dispose();
    this.entries.clear();
    this.lastGood.clear();
    this.incremental.clear();
    this.usages.clear();
  }
}
