import * as vscode from 'vscode';
import { catalog as curated, type Catalog } from '../engine';
import { CATALOG_FILES, catalogFromFiles, type CatalogFileTexts } from '../engine/catalog/load';

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

  constructor(private readonly extensionUri: vscode.Uri) {}

  get catalog(): Catalog {
    if (this.#catalog) return this.#catalog;
    if (this.hasNodeFs()) {
      this.use(catalogFromFiles({ prices: this.readNow(CATALOG_FILES.prices), openModels: this.readNow(CATALOG_FILES.openModels), gpus: this.readNow(CATALOG_FILES.gpus) }));
      return this.#catalog!;
    }
    void this.readLater();
    return curated;
  }

  private fileUri(file: string): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'catalog', file);
  }

  private hasNodeFs(): boolean {
    return this.extensionUri.scheme === 'file' && typeof process !== 'undefined' && !!process.versions?.node;
  }

  /** A file's text on the desktop host, read at once. */
  private readNow(file: string): string | undefined {
    try {
      // Required here, not imported: the web host's bundle has no node:fs, and never calls this.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fs = require('node:fs') as typeof import('node:fs');
      return fs.readFileSync(this.fileUri(file).fsPath, 'utf8');
    } catch {
      return undefined;
    }
  }

  #texts: Promise<CatalogFileTexts> | undefined;

  /** The files' texts, read once through VS Code's file system (either host): the web host's catalog and the comparison panel's. */
  fileTexts(): Promise<CatalogFileTexts> {
    const read = async (file: string) => {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.fileUri(file)));
      } catch {
        return undefined;
      }
    };
    return (this.#texts ??= Promise.all([read(CATALOG_FILES.prices), read(CATALOG_FILES.openModels), read(CATALOG_FILES.gpus)]).then(([prices, openModels, gpus]) => ({ prices, openModels, gpus })));
  }

  private async readLater(): Promise<void> {
    if (this.#loading) return;
    this.#loading = true;
    this.use(catalogFromFiles(await this.fileTexts()));
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
