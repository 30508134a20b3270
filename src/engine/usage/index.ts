/**
 * Usage exports read in the engine: text in (whole or in chunks), a summary out. The CLI
 * and the extension read the files and feed them here; nothing here touches a file.
 */
export { detectFormat, UsageFileReader, type ReadOptions } from './read';
export { UsageSummarizer, usageModelId, type UsageModel, type UsagePeriod, type UsageSummary } from './summary';
export { DRIFT_RATIO, DRIFT_SHARE_POINTS, importPlans, measuredModels, usageDrift, usageReconciliation, volumeText, workloadFromUsage, type ImportPlan, type MeasuredModel, type Reconciliation } from './drift';
export { FORMAT_NAMES, type SourceInfo, type Skip, type UsageFormat, type UsageRecord } from './types';
import type { Catalog } from '../catalog';
import { UsageFileReader } from './read';
import { UsageSummarizer, type UsageSummary } from './summary';

/** Chunks of text per file, for readers that hold the text already (tests, the webview). */
export function summarizeUsage(files: readonly { name: string; chunks: Iterable<string> }[], catalog: Catalog): UsageSummary {
  const summarizer = new UsageSummarizer(catalog);
  const buckets = { seen: new Set<string>() };
  for (const file of files) {
    summarizer.beginSource();
    const reader = new UsageFileReader(file.name, summarizer, { buckets });
    for (const chunk of file.chunks) reader.push(chunk);
    summarizer.endSource(reader.end());
  }
  return summarizer.finish();
}
