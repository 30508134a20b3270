import vscode = require('vscode');
import { type Catalog, catalog as curated, CATALOG_FILES, type CatalogFileTexts, catalogFromFiles, DEFAULT_STALE_AFTER_DAYS, type GpuOffer, type RefreshedPrices, staleBefore, withRefreshedOffers, withRefreshedPrices, withStaleness } from '../engine';
import { hasNodeFs, readTextBounded, readTextBoundedSync } from './boundedRead';

/**
 * The largest catalog file read: the shipped files are a few hundred kilobytes; anything
 * far beyond is not the file the extension shipped.
 */
const MAX_CATALOG_FILE_BYTES = 32 * 1024 * 1024;

/** Refreshed prices to lay over the shipped ones (priceRefresh.ts), refreshed GPU offers to merge with them (offersRefresh.ts), and how old is stale. */
export interface PricingLayer {
  readonly overlay: RefreshedPrices | undefined;
  readonly offers?: readonly GpuOffer[] | undefined;
  /** The catalog was asked for: a refresh may now run in the background. */
  requested(): void;
  staleAfterDays(): number;
}

/**
 * The one catalog every provider asks (through the analysis cache): the curated cards, with
 * the price table that ships beside the bundle. Read when first asked, never at activation.
 * The desktop host reads the file at once, so the first analysis already prices every model;
 * the web host has no synchronous file access, so it starts with the curated cards and says
 * when the full catalog has arrived.
 */
export class CatalogService implements vscode.Disposable {
  #catalog: Catalog | undefined;
  #loading = false;
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.#changed.event;
  /** Why the price table is not in use, when it is not. */
  problems: string[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly pricing?: PricingLayer,
  ) {}

  /** The catalog the analyses use: the shipped one, with refreshed prices over it when there are, and marked stale when old. */
  get catalog(): Catalog {
    const base = this.bundled;
    this.pricing?.requested();
    return this.layered(base);
  }

  /** The same catalog, for warming up: asking for it starts no price refresh, which only a real analysis may. */
  get catalogForWarmUp(): Catalog {
    return this.layered(this.bundled);
  }

  #layered: { base: Catalog; overlay: RefreshedPrices | undefined; offers: readonly GpuOffer[] | undefined; line: string; catalog: Catalog } | undefined;

  private layered(base: Catalog): Catalog {
    const overlay = this.pricing?.overlay;
    const offers = this.pricing?.offers;
    const days = this.pricing?.staleAfterDays() ?? DEFAULT_STALE_AFTER_DAYS;
    const now = Date.now();
    // The same catalog object as long as nothing changed: lookups are indexed per catalog.
    const line = `${days} ${staleBefore(now, days)}`;
    const memo = this.#layered;
    if (memo && memo.base === base && memo.overlay === overlay && memo.offers === offers && memo.line === line) return memo.catalog;
    const withOffers = offers ? withRefreshedOffers(base, offers) : base;
    const catalog = withStaleness(overlay ? withRefreshedPrices(withOffers, overlay) : withOffers, now, days);
    this.#layered = { base, overlay, offers, line, catalog };
    return catalog;
  }

  /** The refreshed prices or offers, or the staleness setting, changed: every figure is redone. */
  pricesChanged(): void {
    this.#layered = undefined;
    this.#changed.fire();
  }

  /** The catalog as shipped, without refreshed prices or offers: the reference a refresh is checked against. */
  get bundled(): Catalog {
    if (this.#catalog) return this.#catalog;
    if (hasNodeFs(this.extensionUri)) {
      this.use(catalogFromFiles({ prices: this.readNow(CATALOG_FILES.prices), openModels: this.readNow(CATALOG_FILES.openModels), gpus: this.readNow(CATALOG_FILES.gpus), gpuOffers: this.readNow(CATALOG_FILES.gpuOffers), formatQuality: this.readNow(CATALOG_FILES.formatQuality) }));
      return this.#catalog!;
    }
    void this.readLater();
    return curated;
  }

  private fileUri(file: string): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'catalog', file);
  }

  /** A file's text on the desktop host, read at once. */
  private readNow(file: string): string | undefined {
    const read = readTextBoundedSync(this.fileUri(file).fsPath, MAX_CATALOG_FILE_BYTES);
    return read.ok ? read.text : undefined;
  }

  #texts: Promise<CatalogFileTexts> | undefined;

  /** What the comparison panel builds its catalog from: the files, and the refreshed prices, offers and staleness of the editor's. */
  async fileTexts(): Promise<CatalogFileTexts> {
    const overlay = this.pricing?.overlay;
    const offers = this.pricing?.offers;
    return {
      ...(await this.rawTexts()),
      ...(overlay ? { refreshed: overlay } : {}),
      ...(offers ? { refreshedOffers: offers } : {}),
      staleness: { nowMs: Date.now(), days: this.pricing?.staleAfterDays() ?? DEFAULT_STALE_AFTER_DAYS },
    };
  }

  /** The files' texts, read once through VS Code's file system (either host): the web host's catalog and the comparison panel's. */
  private rawTexts(): Promise<CatalogFileTexts> {
    const read = async (file: string) => {
      const result = await readTextBounded(this.fileUri(file), MAX_CATALOG_FILE_BYTES);
      return result.ok ? result.text : undefined;
    };
    return (this.#texts ??= Promise.all([read(CATALOG_FILES.prices), read(CATALOG_FILES.openModels), read(CATALOG_FILES.gpus), read(CATALOG_FILES.gpuOffers), read(CATALOG_FILES.formatQuality)]).then(([prices, openModels, gpus, gpuOffers, formatQuality]) => ({ prices, openModels, gpus, gpuOffers, formatQuality })));
  }

  private async readLater(): Promise<void> {
    if (this.#loading) return;
    this.#loading = true;
    this.use(catalogFromFiles(await this.rawTexts()));
    this.#changed.fire();
  }

  private use(loaded: { catalog: Catalog; problems: string[] }): void {
    this.#catalog = loaded.catalog;
    this.problems = loaded.problems;
    for (const problem of loaded.problems) console.warn(`LLM Cost Lens: ${problem}`);
  }

  dispose(): void {
    this.#changed.dispose();
  }
}
