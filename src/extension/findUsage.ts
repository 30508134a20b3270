import vscode = require('vscode');
import { scanLanguages, scanText } from '../engine/scan';
import { GITIGNORE, IgnoreFiles, MAX_PATTERNS, splitPath, MAX_SHARED_KEY } from '../engine/ignore';
import type { AnalysisCache } from './analysisCache';
import { readTextBounded } from './boundedRead';
import { CONFIG_FILE_NAME, CONFIG_GLOB, isConfigUri, SETTINGS_SECTION } from './ids';
import { BACK, type Prompter } from './prompter';
import { readSettings } from './settings';

/** A .gitignore larger than this is not read (and said so). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
/** Files larger than this are not read. */
const MAX_BYTES = 1024 * 1024;
/** Files scanned at most. */
const MAX_FILES = 5000;
/** Files listed at most: more than are scanned, since .gitignore files take some out afterwards. */
const MAX_LISTED = 50_000;

export interface UsageLocation {
  uri: vscode.Uri;
  range: vscode.Range;
  text: string;
}

/** One model and where the workspace names it. */
export interface ModelUsage {
  /** The catalog id, or the name as written when the catalog does not know it. */
  model: string;
  known: boolean;
  locations: UsageLocation[];
}

export interface FindUsageOutcome {
  usages: ModelUsage[];
  /** .gitignore files not read: not a file, or over 1 MB (reported in a warning). */
  ignoreFilesNotRead?: vscode.Uri[];
  /** With a config in the workspace: the catalog models the code uses that no config names. */
  missingFromConfig?: string[];
  /** The config written from them, when the user asked for one. */
  config?: vscode.TextDocument;
  /** The location opened, when the user picked one. */
  opened?: UsageLocation;
}

/** The glob of every file the scanner reads: by extension, by name, and `.env.*`. */
export function usageGlob(): string {
  const patterns = [
    ...[...scanLanguages.extensions.keys()].map((extension) => `**/*${extension}`),
    ...[...scanLanguages.fileNames.keys()].map((name) => `**/${name}`),
    '**/.env.*',
  ];
  return `{${[...new Set(patterns)].join(',')}}`;
}

/**
 * files.exclude, search.exclude and llmCostLens.codeScan.exclude, as one glob (findFiles'
 * exclude replaces files.exclude when given).
 */
function excludeGlob(): string {
  const globs = new Set<string>(['**/node_modules/**']);
  for (const section of ['files.exclude', 'search.exclude']) {
    const value = vscode.workspace.getConfiguration().get<Record<string, unknown>>(section) ?? {};
    for (const [glob, on] of Object.entries(value)) if (on === true) globs.add(glob);
  }
  for (const glob of readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION), vscode.workspace.isTrusted).codeScan.exclude) globs.add(glob);
  return `{${[...globs].join(',')}}`;
}

/**
 * llmCostLens.codeScan.include: with globs, only the files they match are scanned (the files
 * VS Code finds for them, as a document is matched against them in the editor).
 */
async function includeFilter(exclude: string, token: vscode.CancellationToken): Promise<(uri: vscode.Uri) => boolean> {
  const include = readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION), vscode.workspace.isTrusted).codeScan.include;
  if (include.length === 0) return () => true;
  const found = await Promise.all(include.map((glob) => vscode.workspace.findFiles(glob, exclude, MAX_LISTED, token)));
  const included = new Set(found.flat().map((uri) => uri.toString()));
  return (uri) => included.has(uri.toString());
}

/** A file's path in its workspace folder, with forward slashes, or undefined outside every folder. */
function inFolder(uri: vscode.Uri): { folder: string; path: string } | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? { folder: folder.uri.toString(), path: uri.path.slice(base.length) } : undefined;
}

/** Listed files matched against the .gitignore files between two looks at cancellation. */
const FILTER_CHUNK = 64;
/** The longest the filtering holds the extension host before it lets other work run. */
const YIELD_AFTER_MS = 10;

/** What the .gitignore files of each workspace folder ignore, and what of them was not read. */
interface Gitignored {
  ignores(uri: vscode.Uri): boolean;
  /** .gitignore files not read: not a file, over 1 MB, or unreadable. */
  notRead: vscode.Uri[];
  /** Patterns left out past the matcher's limits (see engine/ignore/ignoreFiles). */
  patternsLeftOut: number;
}

/**
 * What each workspace folder's .gitignore files ignore (the folder's own and nested ones), by
 * folder; nothing when search.useIgnoreFiles is off, as VS Code's search does. Each file is
 * read only when it is a file of at most 1 MB; one that is not is reported. Undefined when
 * cancelled.
 */
async function gitignored(exclude: string, cancelled: () => boolean, token: vscode.CancellationToken): Promise<Gitignored | undefined> {
  const none: Gitignored = { ignores: () => false, notRead: [], patternsLeftOut: 0 };
  if (vscode.workspace.getConfiguration('search').get<unknown>('useIgnoreFiles', true) === false) return none;
  const files = new Map<string, { folder: string; text: string }[]>();
  const notRead: vscode.Uri[] = [];
  for (const uri of await vscode.workspace.findFiles(`**/${GITIGNORE}`, exclude, undefined, token)) {
    if (cancelled()) return undefined;
    const where = inFolder(uri);
    if (!where) continue;
    const read = await readTextBounded(uri, MAX_IGNORE_FILE_BYTES);
    if (!read.ok) {
      notRead.push(uri);
      continue;
    }
    const list = files.get(where.folder) ?? [];
    list.push({ folder: splitPath(where.path).folder, text: read.text });
    files.set(where.folder, list);
  }
  const byFolder = new Map([...files].map(([folder, list]) => [folder, IgnoreFiles.of(list)]));
  return {
    ignores: (uri) => {
      const where = inFolder(uri);
      return where !== undefined && byFolder.get(where.folder)?.ignores(where.path, false) === true;
    },
    notRead,
    patternsLeftOut: [...byFolder.values()].reduce((sum, ignored) => sum + ignored.leftOut, 0),
  };
}

/**
 * The listed files that are kept, matched in chunks: between chunks cancellation is looked
 * at, and at least every YIELD_AFTER_MS the extension host is let go, so that up to 50,000
 * files never hold it in one piece. Undefined when cancelled.
 */
async function keptFiles(listed: readonly vscode.Uri[], keep: (uri: vscode.Uri) => boolean, cancelled: () => boolean): Promise<vscode.Uri[] | undefined> {
  const kept: vscode.Uri[] = [];
  let since = Date.now();
  for (let start = 0; start < listed.length && kept.length < MAX_FILES; start += FILTER_CHUNK) {
    if (cancelled()) return undefined;
    for (const uri of listed.slice(start, start + FILTER_CHUNK)) if (keep(uri)) kept.push(uri);
    if (Date.now() - since >= YIELD_AFTER_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      since = Date.now();
    }
  }
  return cancelled() ? undefined : kept.slice(0, MAX_FILES);
}

/** A scan's model usages, and the .gitignore files and patterns it could not read. */
export interface WorkspaceScan {
  usages: ModelUsage[];
  ignoreFilesNotRead: vscode.Uri[];
  ignorePatternsLeftOut: number;
}

/**
 * Scans the workspace for model names, with a cancellable progress notification; `outer`
 * cancels it as well (a caller's token). Undefined when cancelled.
 */
export async function scanWorkspace(cache: AnalysisCache, outer?: vscode.CancellationToken): Promise<WorkspaceScan | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding model usage'), cancellable: true },
    async (progress, token) => {
      const cancelled = () => token.isCancellationRequested || outer?.isCancellationRequested === true;
      const exclude = excludeGlob();
      const [listed, ignored, included] = await Promise.all([
        vscode.workspace.findFiles(usageGlob(), exclude, MAX_LISTED, token),
        gitignored(exclude, cancelled, token),
        includeFilter(exclude, token),
      ]);
      if (!ignored || cancelled()) return undefined;
      const uris = await keptFiles(listed, (uri) => !ignored.ignores(uri) && included(uri), cancelled);
      if (!uris) return undefined;
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const byModel = new Map<string, ModelUsage>();
      const step = uris.length > 0 ? 100 / uris.length : 0;
      for (const uri of uris) {
        if (cancelled()) return undefined;
        progress.report({ increment: step, message: vscode.workspace.asRelativePath(uri) });
        if (isConfigUri(uri)) continue;
        const language = scanLanguages.of(uri.path);
        if (!language) continue;
        let text: string;
        const document = open.get(uri.toString());
        if (document) {
          text = document.getText();
        } else {
          const read = await readTextBounded(uri, MAX_BYTES);
          if (!read.ok) continue;
          text = read.text;
        }
        for (const reference of scanText(text, document?.languageId ?? language, cache.catalog)) {
          const model = reference.model ?? reference.text;
          let usage = byModel.get(model);
          if (!usage) byModel.set(model, (usage = { model, known: reference.model !== null, locations: [] }));
          usage.locations.push({
            uri,
            range: new vscode.Range(reference.line, reference.column, reference.line, reference.column + reference.length),
            text: reference.text,
          });
        }
      }
      const usages = [...byModel.values()].sort((a, b) => b.locations.length - a.locations.length || a.model.localeCompare(b.model));
      return { usages, ignoreFilesNotRead: ignored.notRead, ignorePatternsLeftOut: ignored.patternsLeftOut };
    },
  );
}

/** Says what of the .gitignore files was not read, so that a file listed that they meant to hide is explained. */
function reportIgnoreLimits(scan: WorkspaceScan): void {
  if (scan.ignoreFilesNotRead.length > 0) {
    const names = scan.ignoreFilesNotRead.slice(0, 3).map((uri) => vscode.workspace.asRelativePath(uri));
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Find Model Usage did not read {0} .gitignore file(s) that are not a file or are over 1 MB: {1}', scan.ignoreFilesNotRead.length, names.join(', ') + (scan.ignoreFilesNotRead.length > 3 ? ', …' : '')),
    );
  }
  if (scan.ignorePatternsLeftOut > 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Find Model Usage left out {0} .gitignore pattern(s) past its limits ({1} patterns, {2} with wildcards on one literal); files only they ignore were scanned.', scan.ignorePatternsLeftOut, MAX_PATTERNS.toLocaleString(), MAX_SHARED_KEY),
    );
  }
}

function where(location: UsageLocation): string {
  return `${vscode.workspace.asRelativePath(location.uri)}:${location.range.start.line + 1}`;
}

/** A config with one workload per known model, the locations in a comment above each. */
export function usageConfig(usages: readonly ModelUsage[], eol = '\n'): string {
  const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
  const known = usages.filter((u) => u.known);
  const lines = [
    `// ${oneLine(vscode.l10n.t('LLM Cost Lens: the models found in this workspace, one workload each. Set each volume.'))}`,
    '{',
    '  "workloads": [',
  ];
  known.forEach((usage, i) => {
    const shown = usage.locations.slice(0, 10).map(where).join(', ') + (usage.locations.length > 10 ? ', …' : '');
    lines.push(`    // ${oneLine(shown)}`);
    lines.push(`    { "name": ${JSON.stringify(usage.model)}, "model": ${JSON.stringify(usage.model)}, "monthlyTokens": "1M" }${i < known.length - 1 ? ',' : ''}`);
  });
  lines.push('  ]', '}', '');
  return lines.join(eol);
}

/** Writes the config into an untitled llm.config.json (saved where the user chooses), through an undoable edit. */
async function writeConfig(usages: readonly ModelUsage[]): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  let uri = vscode.Uri.from({ scheme: 'untitled', path: CONFIG_FILE_NAME });
  if (folder) {
    const onDisk = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    let exists = true;
    try {
      await vscode.workspace.fs.stat(onDisk);
    } catch {
      exists = false;
    }
    // Next to an existing config it goes to a folder of its own, to be merged by hand.
    uri = (exists ? vscode.Uri.joinPath(folder.uri, 'llm-usage', CONFIG_FILE_NAME) : onDisk).with({ scheme: 'untitled' });
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  const end = document.lineAt(document.lineCount - 1).range.end;
  edit.replace(document.uri, new vscode.Range(new vscode.Position(0, 0), end), usageConfig(usages));
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(document);
  return document;
}

/** The models the workspace's configs name (workloads and alternatives), or undefined when it has none. */
async function configModels(cache: AnalysisCache): Promise<Set<string> | undefined> {
  const uris = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 50);
  if (uris.length === 0) return undefined;
  const models = new Set<string>();
  for (const uri of uris) {
    const analysis = cache.get(await vscode.workspace.openTextDocument(uri));
    for (const reference of analysis.modelReferences) models.add(reference.modelId);
  }
  return models;
}

type UsageItem = vscode.QuickPickItem & { location?: UsageLocation; create?: true };

/**
 * "Find model usage in workspace": the models the code names, grouped, each location one
 * item (picking it opens it), and an item that writes llm.config.json from them.
 */
export async function findModelUsage(cache: AnalysisCache, prompter: Prompter, token?: vscode.CancellationToken): Promise<FindUsageOutcome | undefined> {
  const scan = await scanWorkspace(cache, token);
  if (!scan) return undefined;
  reportIgnoreLimits(scan);
  const { usages } = scan;
  const found: FindUsageOutcome = { usages, ignoreFilesNotRead: scan.ignoreFilesNotRead };
  if (usages.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No model names found in the workspace.'));
    return found;
  }
  const items: UsageItem[] = [];
  // With a config, the question is what the code uses that the config leaves out; without one, a config to start from.
  const inConfigs = await configModels(cache);
  const missing = inConfigs ? usages.filter((u) => u.known && !inConfigs.has(u.model)).map((u) => u.model) : undefined;
  if (missing) found.missingFromConfig = missing;
  if (!inConfigs && usages.some((u) => u.known)) {
    items.push({ label: vscode.l10n.t('Create llm.config.json from these'), detail: vscode.l10n.t('One workload per model, with a 1M tokens a month placeholder'), create: true });
  }
  for (const usage of usages) {
    const title = usage.known ? usage.model : vscode.l10n.t('{0} (not in the catalog)', usage.model);
    const count = usage.locations.length === 1 ? vscode.l10n.t('{0} — 1 use', title) : vscode.l10n.t('{0} — {1} uses', title, usage.locations.length);
    const label = missing?.includes(usage.model) ? vscode.l10n.t('{0} · not in {1}', count, CONFIG_FILE_NAME) : count;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const location of usage.locations) items.push({ label: where(location), description: location.text, location });
  }
  const picked = await prompter.pickOne('usage', items, {
    title: vscode.l10n.t('Model usage in the workspace'),
    placeHolder: vscode.l10n.t('Pick a location to open it'),
    matchOnDescription: true,
  });
  if (!picked || picked === BACK) return found;
  if (picked.create) return { ...found, config: await writeConfig(usages) };
  if (picked.location) {
    const document = await vscode.workspace.openTextDocument(picked.location.uri);
    await vscode.window.showTextDocument(document, { selection: picked.location.range });
    return { ...found, opened: picked.location };
  }
  return found;
}
