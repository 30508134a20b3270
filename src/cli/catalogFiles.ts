/** The catalog's data files for the CLI: beside dist/cli.js in a build, in the sources when run from out/. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CATALOG_FILES, catalogFromFiles } from '../engine/catalog/load';
import type { Catalog } from '../engine';

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

let loaded: { catalog: Catalog; problems: string[] } | undefined;

/** Read once per run. */
export function cliCatalog(): { catalog: Catalog; problems: string[] } {
  return (loaded ??= catalogFromFiles({ prices: readData(CATALOG_FILES.prices), openModels: readData(CATALOG_FILES.openModels) }));
}
