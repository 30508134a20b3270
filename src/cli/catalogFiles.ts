/** The catalog's data files for the CLI: beside dist/cli.js in a build, in the sources when run from out/. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Catalog, CATALOG_FILES, type CatalogFileTexts, catalogFromFiles, parseGpus, type ServingGpu } from '../engine';

const PLACES = [path.join(__dirname, 'catalog'), path.join(__dirname, '../../../src/engine/catalog/data')];

function readData(file: string): string | undefined {
  for (const dir of PLACES) {
    try {
      return readFileSync(path.join(dir, file), 'utf8');
    } catch {
      // Not here: the next place.
    }
  }
  return undefined;
}

/** The text of each of the catalog's data files (undefined for one that cannot be read): what the CLI builds its catalog from, and the tests give the panel's. */
export function cliCatalogFiles(): CatalogFileTexts {
  return { prices: readData(CATALOG_FILES.prices), openModels: readData(CATALOG_FILES.openModels), gpus: readData(CATALOG_FILES.gpus), gpuOffers: readData(CATALOG_FILES.gpuOffers), formatQuality: readData(CATALOG_FILES.formatQuality) };
}

let loaded: { catalog: Catalog; problems: string[] } | undefined;

/** Read once per run. */
export function cliCatalog(): { catalog: Catalog; problems: string[] } {
  return (loaded ??= catalogFromFiles(cliCatalogFiles()));
}

let gpus: { gpus: ServingGpu[]; asOf: string } | { problem: string } | undefined;

/** The GPUs a model can be served on (gpus.json), validated: read once per run. */
export function cliServingGpus(): { gpus: ServingGpu[]; asOf: string } | { problem: string } {
  if (gpus) return gpus;
  const text = readData(CATALOG_FILES.gpus);
  if (text === undefined) return (gpus = { problem: `${CATALOG_FILES.gpus} could not be read: no GPUs to size on` });
  try {
    const file = parseGpus(JSON.parse(text));
    gpus = { gpus: file.gpus, asOf: file.asOf };
  } catch (error) {
    gpus = { problem: `${CATALOG_FILES.gpus}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return gpus;
}
