/**
 * The build's check of the catalog's data files against their zod schemas: a file that does
 * not validate fails the build, so the front ends can read the shipped files without it.
 */
import { parseGpus } from '../../sizing/serving/gpus';
import { parseCurated } from './curated';
import { parseGpuOffers } from './gpuOffers';
import { parseFormatQuality } from './formatQuality';
import { parseOpenModels } from './openModels';
import { parsePriceTable } from './priceTable';

export function checkCatalogFiles(files: { prices: string; openModels: string; curated: string; gpus: string; gpuOffers: string; formatQuality: string }): { priceEntries: number; openModels: number; curatedModels: number; gpus: number; gpuOffers: number; formatQuality: number } {
  const gpus = parseGpus(JSON.parse(files.gpus)).gpus;
  return {
    priceEntries: parsePriceTable(JSON.parse(files.prices)).entries.length,
    openModels: parseOpenModels(JSON.parse(files.openModels)).length,
    curatedModels: parseCurated(JSON.parse(files.curated)).models.length,
    gpus: gpus.length,
    gpuOffers: parseGpuOffers(JSON.parse(files.gpuOffers), { gpuIds: new Set(gpus.map((g) => g.id)) }).offers.length,
    formatQuality: parseFormatQuality(JSON.parse(files.formatQuality)).rows.length,
  };
}
