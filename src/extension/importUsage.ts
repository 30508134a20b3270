/**
 * "LLM Cost Lens: Import Usage…": reads usage exports the user picks, shows what they say per
 * model, writes the picked figures into the config in one WorkspaceEdit (one undo), and keeps
 * the usage loaded so that the drift findings show as diagnostics with their quick fixes.
 * Loaded on demand (esbuild.mjs ON_DEMAND). The exports hold key ids and project names:
 * they are read here and go nowhere.
 */
import vscode = require('vscode');
import { FORMAT_NAMES, importPlans, type ImportPlan, measuredModels, type MeasuredModel, UsageFileReader, UsageSummarizer, type UsageSummary, volumeText } from '../engine';
import type { AnalysisCache } from './analysisCache';
import { checkFile, hasNodeFs, refusalReason, streamTextBoundedSync } from './boundedRead';
import { MAX_USAGE_BYTES } from '../engine/constants';
import { CONFIG_GLOB, isConfigUri } from './ids';
import { jsonWorkspaceEdit } from './jsonEdits';
import { BACK, type Prompter } from './prompter';
import { labelText } from '../untrustedText';

/**
 * On the desktop host a local export is streamed a megabyte at a time, as the CLI does, up to
 * MAX_USAGE_BYTES. Elsewhere (a web or remote workspace) the workspace file system reads a
 * file whole, so an import there is bounded lower; the CLI's `usage` streams larger exports.
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** Decoded and fed to the reader a slice at a time, so the text is never one string. */
const SLICE = 1024 * 1024;

export interface ImportArgs {
  /** The exports to read; without them a file dialog asks. */
  files?: vscode.Uri[];
  /** The config to compare and write; without it the active one, or a pick among the workspace's. */
  config?: vscode.Uri;
}

export interface ImportOutcome {
  config: string;
  models: string[];
  written: string[];
  problems: string[];
}

interface PlanItem extends vscode.QuickPickItem {
  plan: ImportPlan;
}

export function isImportArgs(value: unknown): value is ImportArgs {
  if (typeof value !== 'object' || value === null) return false;
  const { files, config } = value as ImportArgs;
  return (files === undefined || (Array.isArray(files) && files.every((f) => f instanceof vscode.Uri))) && (config === undefined || config instanceof vscode.Uri);
}

export async function importUsage(cache: AnalysisCache, prompter: Prompter, args: ImportArgs, refresh: () => void): Promise<ImportOutcome | undefined> {
  const config = args.config ?? (await pickConfig(prompter));
  if (!config) return undefined;
  const files =
    args.files ??
    (await vscode.window.showOpenDialog({
      canSelectMany: true,
      openLabel: vscode.l10n.t('Import'),
      title: vscode.l10n.t('Usage exports (OpenAI, Anthropic, LiteLLM, OpenTelemetry, CSV)'),
      filters: { [vscode.l10n.t('Usage exports')]: ['json', 'jsonl', 'csv'], [vscode.l10n.t('All files')]: ['*'] },
    }));
  if (!files?.length) return undefined;
  const { summary, problems } = await readExports(files, cache);
  if (!summary.models.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No usage read from these files. {0}', problems.slice(0, 3).join(' · ')));
    return { config: config.toString(), models: [], written: [], problems };
  }
  if (problems.length) void vscode.window.showWarningMessage(vscode.l10n.t('Usage read in part: {0}', problems.slice(0, 3).join(' · ') + (problems.length > 3 ? ' …' : '')));
  const document = await vscode.workspace.openTextDocument(config);
  const text = document.getText();
  const plans = importPlans(text, cache.analyzeText(text), summary);
  const measured = new Map(measuredModels(summary).map((m) => [m.model, m]));
  const items: PlanItem[] = plans.map((plan) => ({ plan, label: labelText(plan.model), description: describe(measured.get(plan.model)!), detail: planDetail(plan), picked: plan.edits.length > 0 }));
  const period = summary.period ? vscode.l10n.t('{0} to {1} ({2} days)', summary.period.start.slice(0, 10), summary.period.end.slice(0, 10), summary.period.days) : vscode.l10n.t('no dated usage');
  const picked = await prompter.pickMany('usage', items, {
    title: vscode.l10n.t('Import usage: {0}', period),
    placeHolder: vscode.l10n.t('The models to write into {0}; the others are compared only', vscode.workspace.asRelativePath(config)),
    matchOnDescription: true,
  });
  if (picked === undefined || picked === BACK) return undefined;
  const edits = picked.flatMap((item) => item.plan.edits);
  const edit = edits.length ? jsonWorkspaceEdit(document, edits) : undefined;
  if (edit && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The config changed while the usage was read: nothing was written. Run Import Usage again.'));
    return undefined;
  }
  cache.setUsage(config, summary);
  refresh();
  await vscode.window.showTextDocument(document);
  return { config: config.toString(), models: plans.map((p) => p.model), written: picked.filter((item) => item.plan.edits.length).map((item) => item.plan.model), problems };
}

async function pickConfig(prompter: Prompter): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isConfigUri(active)) return active;
  const configs = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 50);
  if (configs.length <= 1) {
    if (!configs.length) void vscode.window.showInformationMessage(vscode.l10n.t('Open or create an llm.config.json first: the usage is compared with its workloads.'));
    return configs[0];
  }
  const pick = await prompter.pickOne('config', configs.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: vscode.l10n.t('Import usage into which config?') });
  return pick && pick !== BACK ? pick.uri : undefined;
}

/** Every file through one summary; what could not be read, or was skipped, in lines for the user. */
async function readExports(files: readonly vscode.Uri[], cache: AnalysisCache): Promise<{ summary: UsageSummary; problems: string[] }> {
  const summarizer = new UsageSummarizer(cache.catalog);
  const buckets = { seen: new Set<string>() };
  const problems: string[] = [];
  for (const uri of files) {
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    if (hasNodeFs(uri)) {
      // Streamed: memory is bounded by the largest record, not by the file.
      // The source opens with its first piece: a file refused before any is read adds nothing.
      let reader: UsageFileReader | undefined;
      const open = () => {
        summarizer.beginSource();
        return new UsageFileReader(name, summarizer, { buckets });
      };
      const refusal = streamTextBoundedSync(uri.fsPath, MAX_USAGE_BYTES, (text) => (reader ??= open()).push(text));
      if (refusal) problems.push(vscode.l10n.t('{0}: not read, {1}', name, refusalReason(refusal)));
      // An empty file is read (and said to be empty); a refused one only if part of it was.
      if (!refusal) reader ??= open();
      if (reader) endSource(name, reader, summarizer, problems);
      continue;
    }
    const refusal = await checkFile(uri, MAX_IMPORT_BYTES);
    let bytes: Uint8Array | undefined;
    if (!refusal) {
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch (error) {
        problems.push(vscode.l10n.t('{0}: not read ({1})', name, error instanceof Error ? error.message : String(error)));
        continue;
      }
    }
    if (refusal || !bytes || bytes.byteLength > MAX_IMPORT_BYTES) {
      const why = refusal ?? { kind: 'too-large' as const, size: bytes?.byteLength ?? 0, limit: MAX_IMPORT_BYTES };
      problems.push(
        why.kind === 'too-large'
          ? vscode.l10n.t('{0}: not read, {1} (the CLI\'s usage command streams larger exports)', name, refusalReason(why))
          : vscode.l10n.t('{0}: not read, {1}', name, refusalReason(why)),
      );
      continue;
    }
    summarizer.beginSource();
    const reader = new UsageFileReader(name, summarizer, { buckets });
    const decoder = new TextDecoder('utf-8');
    for (let at = 0; at < bytes.byteLength; at += SLICE) reader.push(decoder.decode(bytes.subarray(at, at + SLICE), { stream: true }));
    reader.push(decoder.decode());
    endSource(name, reader, summarizer, problems);
  }
  const summary = summarizer.finish();
  return { summary, problems: [...problems, ...summary.warnings].map(labelText) };
}

function describe(m: MeasuredModel): string {
  const parts = [vscode.l10n.t('{0} tokens/month', volumeText(m.monthlyTokens ?? 0))];
  if (m.inputShare !== null) parts.push(vscode.l10n.t('input {0}%', (m.inputShare * 100).toFixed(1)));
  if (m.cachedInputShare !== null) parts.push(vscode.l10n.t('cached {0}%', (m.cachedInputShare * 100).toFixed(1)));
  if (m.requestShape) parts.push(vscode.l10n.t('{0} in / {1} out a request', m.requestShape.inputTokens, m.requestShape.outputTokens));
  if (m.spendUsd !== null && m.listPriceUsd) parts.push(vscode.l10n.t('spend {0}× list price', (m.spendUsd / m.listPriceUsd).toFixed(2)));
  return parts.join(' · ');
}

function planDetail(plan: ImportPlan): string {
  if (plan.shared) return vscode.l10n.t('Several workloads use this model: not written (split its volume between them)');
  if (plan.workload === null) return plan.edits.length ? vscode.l10n.t('Adds a workload') : vscode.l10n.t('Not written: the config has no workloads array');
  return vscode.l10n.t('Updates workload "{0}": {1}', labelText(plan.workload), plan.edits.map((e) => String(e.path[e.path.length - 1])).join(', '));
}

/** Closes one file's source in the summary, and says what it lacked or skipped. */
function endSource(name: string, reader: UsageFileReader, summarizer: UsageSummarizer, problems: string[]): void {
  const info = reader.end();
  summarizer.endSource(info);
  const kind = info.format ? FORMAT_NAMES[info.format] : name;
  for (const e of info.errors) problems.push(`${name}: ${e}`);
  for (const s of info.skipped) problems.push(vscode.l10n.t('{0} ({1}): skipped {2} {3}', name, kind, s.count, s.reason));
}
