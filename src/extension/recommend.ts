import vscode = require('vscode');
import { addedErrors, findModel, formatTokensM, formatUsd, parseConfigDocument, type RecommendedSetup, recommendationGroups, recommendForAnalysis, type RequirementId, textAfter, volumeToMillions, type WorkloadResult } from '../engine';
import { labelText, neutralizeBidi } from '../untrustedText';
import type { AnalysisCache } from './analysisCache';
import { createConfig } from './createConfig';
import { CONFIG_FILE_NAME, CONFIG_GLOB, isConfigUri } from './ids';
import { formattingOptionsFor, workspaceEditTo, type JsonChange } from './jsonEdits';
import { BACK, isPrompter, windowPrompter, type Back, type Prompter } from './prompter';

/** What `llmCostLens.recommendModel` accepts: from a lens (`uri`) or a test (`prompter`). */
export interface RecommendArgs {
  uri?: vscode.Uri;
  prompter?: Prompter;
}

/** What the flow did, for whoever ran the command. */
export interface RecommendOutcome {
  uri: vscode.Uri;
  model: string;
  deployment: 'api' | 'self-hosted';
  /** The workload changed, or the index of the one added. */
  workloadIndex: number;
  added: boolean;
}

type RequirementItem = vscode.QuickPickItem & { id: RequirementId };
type ModelItem = vscode.QuickPickItem & {
  choice?: { model: string; deployment: 'api' | 'self-hosted' };
  excludedName?: string;
  excludedReason?: string;
};
type WorkloadItem = vscode.QuickPickItem & { index: number };

const TOTAL_STEPS = 5;

export function normalizeArgs(arg: unknown): RecommendArgs {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (!arg || typeof arg !== 'object') return {};
  const { uri, prompter } = arg as { uri?: unknown; prompter?: unknown };
  return {
    ...(uri instanceof vscode.Uri ? { uri } : {}),
    ...(isPrompter(prompter) ? { prompter } : {}),
  };
}

/** A ranked row as picked: the model, how it runs, and for a self-hosted row the setup its cost is for. */
type Choice = { model: string; deployment: 'api' | 'self-hosted'; setup?: RecommendedSetup };

/** The answers of a run, kept between steps (Back) and between runs on the same file (Escape loses nothing). */
interface Answers {
  requirements?: RequirementId[];
  /** The workload to change, or -1 for a new one. */
  target?: number;
  volumeText?: string;
  budgetText?: string;
}

const lastAnswers = new Map<string, Answers>();

type Step = 'workload' | 'requirements' | 'volume' | 'budget' | 'model' | 'workloadName' | 'writeBack';
const ORDER: readonly Step[] = ['workload', 'requirements', 'volume', 'budget', 'model', 'workloadName', 'writeBack'];

/**
 * The "Recommend model" flow: the workload to change → its requirements (pre-filled with the
 * workload's own and the project's, as the lens applies them) → its volume → budget → ranked
 * models (→ a name for a new workload) (→ whether to write the requirements back).
 * Every step after the first has a Back button and keeps what was answered. The change goes
 * in through one WorkspaceEdit, so it can be undone, and a notification says what changed.
 */
export async function recommendModel(cache: AnalysisCache, args: RecommendArgs): Promise<RecommendOutcome | undefined> {
  const prompter = args.prompter ?? windowPrompter;
  const document = await configDocument(args.uri, prompter);
  if (!document) return undefined;
  const key = document.uri.toString();
  const analysis = cache.get(document);
  const answers: Answers = { ...lastAnswers.get(key) };
  const remember = () => lastAnswers.set(key, { ...answers });
  const title = (n: number) => vscode.l10n.t('Recommend model ({0}/{1})', n, TOTAL_STEPS);
  // The requirements the file gives the target: a workload's are the project's and its own (WorkloadResult.requirements).
  const configured = (): RequirementId[] => cache.get(document).workloads.find((w) => w.index === answers.target)?.requirements ?? cache.get(document).requirements;
  const targetName = (): string => {
    const workload = cache.get(document).workloads.find((w) => w.index === answers.target);
    return workload ? neutralizeBidi(workload.name) : vscode.l10n.t('the new workload');
  };
  let choice: { model: string; deployment: 'api' | 'self-hosted' } | undefined;
  let newName: string | undefined;
  let writeRequirements = false;

  let at = 0;
  while (at < ORDER.length) {
    const step = ORDER[at]!;
    const back = at > 0;
    let answer: unknown;
    switch (step) {
      case 'workload': {
        const current = cache.get(document);
        const items: WorkloadItem[] = [
          ...current.workloads.map((w) => ({
            label: labelText(w.name),
            description: `${labelText(nameOf(cache, w.model))} · ${formatTokensM(w.monthlyTokensM)}/mo`,
            index: w.index,
            picked: w.index === answers.target,
          })),
          { label: vscode.l10n.t('$(add) Add a new workload…'), index: -1 },
        ];
        answer = await prompter.pickOne('workload', items, { title: title(1), placeHolder: vscode.l10n.t('Recommend a model for…'), ignoreFocusOut: true, back });
        if (isItem<WorkloadItem>(answer)) {
          // Another workload: its own volume and requirements are pre-filled, not the last one's.
          if (answers.target !== answer.index) {
            delete answers.volumeText;
            delete answers.requirements;
          }
          answers.target = answer.index;
        }
        break;
      }
      case 'requirements': {
        const chosen = new Set(answers.requirements ?? configured());
        const items: RequirementItem[] = cache.catalog.requirements.map((def) => ({
          id: def.id,
          label: def.title,
          description: def.id,
          detail: def.seedAnswer,
          picked: chosen.has(def.id),
        }));
        answer = await prompter.pickMany('requirements', items, {
          title: title(2),
          placeHolder: vscode.l10n.t('Requirements of {0} (pre-filled from {1})', targetName(), CONFIG_FILE_NAME),
          matchOnDescription: true,
          ignoreFocusOut: true,
          back,
        });
        if (Array.isArray(answer)) answers.requirements = (answer as RequirementItem[]).map((item) => item.id);
        break;
      }
      case 'volume': {
        const workload = cache.get(document).workloads.find((w) => w.index === answers.target);
        const prefill = answers.volumeText ?? (workload && workload.monthlyTokensM > 0 ? formatTokensM(workload.monthlyTokensM) : '100M');
        answer = await prompter.input('volume', {
          title: title(3),
          prompt: workload ? vscode.l10n.t('Tokens a month of {0}, e.g. 240M, 500K or 1.5B', neutralizeBidi(workload.name)) : vscode.l10n.t('Tokens a month, e.g. 240M, 500K or 1.5B'),
          value: prefill,
          ignoreFocusOut: true,
          back,
          validateInput: (value) => (volumeToMillions(value.trim()) === undefined ? vscode.l10n.t('Expected a token count such as 240M, 500K or 1.5B') : undefined),
        });
        if (typeof answer === 'string') answers.volumeText = answer.trim();
        break;
      }
      case 'budget':
        answer = await prompter.input('budget', {
          title: title(4),
          prompt: vscode.l10n.t('Monthly budget in USD (optional: leave empty for none)'),
          value: answers.budgetText ?? '',
          ignoreFocusOut: true,
          back,
          validateInput: (value) => (parseBudget(value) === null ? vscode.l10n.t('Expected an amount in USD, such as 500 or $1,200, or nothing') : undefined),
        });
        if (typeof answer === 'string') answers.budgetText = answer;
        break;
      case 'model': {
        const picked = await pickModel(cache, prompter, analysis, answers, title(5));
        if (picked === 'none') return undefined;
        answer = picked;
        if (picked && picked !== BACK) choice = picked;
        break;
      }
      case 'workloadName': {
        if (answers.target !== -1) {
          at++;
          continue;
        }
        const taken = new Set(cache.get(document).workloads.map((w) => w.name));
        // After the last counted step: these two come only when needed, so they carry no "(5/5)" of their own.
        answer = await prompter.input('workloadName', {
          title: vscode.l10n.t('Recommend model: the new workload'),
          prompt: vscode.l10n.t('Name of the new workload'),
          value: newName ?? uniqueName(taken, 'new-workload'),
          ignoreFocusOut: true,
          back,
          validateInput: (value) =>
            value.trim() === '' ? vscode.l10n.t('A workload needs a name') : taken.has(value.trim()) ? vscode.l10n.t('A workload of that name exists') : undefined,
        });
        if (typeof answer === 'string') newName = answer.trim();
        break;
      }
      case 'writeBack': {
        const wanted = answers.requirements ?? [];
        if (sameSet(wanted, configured())) {
          at++;
          continue;
        }
        const write: vscode.QuickPickItem = {
          label: vscode.l10n.t('Write the requirements to {0}', CONFIG_FILE_NAME),
          description: wanted.join(', ') || vscode.l10n.t('none'),
          detail: vscode.l10n.t('The file says: {0}', configured().join(', ') || vscode.l10n.t('none')),
        };
        const keep: vscode.QuickPickItem = { label: vscode.l10n.t('Leave the requirements as they are') };
        answer = await prompter.pickOne('writeBack', [keep, write], { title: vscode.l10n.t('Recommend model: write the requirements?'), placeHolder: vscode.l10n.t('The requirements you picked differ from the file’s'), ignoreFocusOut: true, back });
        if (isItem(answer)) writeRequirements = answer === write;
        break;
      }
    }
    if (answer === undefined) {
      remember();
      return undefined;
    }
    if (answer === BACK) {
      // Back skips the steps that were skipped on the way here.
      at--;
      while (at > 0 && ((ORDER[at] === 'workloadName' && answers.target !== -1) || (ORDER[at] === 'writeBack' && sameSet(answers.requirements ?? [], configured())))) at--;
      continue;
    }
    at++;
  }
  remember();
  if (!choice) return undefined;
  return applyChoice(cache, document, answers, choice, newName, writeRequirements);
}

function isItem<T extends vscode.QuickPickItem>(value: unknown): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The ranking, one cost per row and the reasons that decide it; 'none' when nothing qualifies. */
async function pickModel(
  cache: AnalysisCache,
  prompter: Prompter,
  analysis: ReturnType<AnalysisCache['get']>,
  answers: Answers,
  title: string,
): Promise<Choice | Back | 'none' | undefined> {
  const volumeM = volumeToMillions(answers.volumeText ?? '') ?? 0;
  const budgetUsd = parseBudget(answers.budgetText ?? '') ?? undefined;
  // The Decision tab ranks with the same options (recommendForAnalysis); for an existing workload a
  // setup is sized for what it states and an API billed as its calls are, as its lens does.
  const target = analysis.workloads.find((w) => w.index === answers.target);
  const result = recommendForAnalysis(analysis, answers.requirements ?? [], volumeM, cache.catalog, budgetUsd, target);
  if (result.recommendations.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('No model meets these requirements at {0} tokens a month. {1} excluded.', formatTokensM(volumeM), result.excluded.length),
    );
    return 'none';
  }
  // Labels, descriptions and details render `$(name)` as an icon: names and reasons go in
  // through labelText, the product's own icons are put around them. The cost is the
  // description; the detail gives the reasons that rank the row, not the cost again.
  // Candidates without a figure on a requested benchmark follow the rated ones under a separator
  // that says so: their score is not comparable with a rated one's.
  const items: ModelItem[] = recommendationGroups(result.recommendations).flatMap((group) => [
    ...(group.heading ? [{ label: labelText(group.heading), kind: vscode.QuickPickItemKind.Separator } satisfies ModelItem] : []),
    ...group.rows.map((r) => ({
      label: labelText(nameOf(cache, r.model)),
      description: vscode.l10n.t('{0}/mo · {1}', formatUsd(r.monthlyCostUsd), deploymentLabel(r.deployment)),
      detail: labelText(r.reasons.slice(1).join(' · ') || r.reasons[0] || ''),
      choice: { model: r.model, deployment: r.deployment, ...(r.setup ? { setup: r.setup } : {}) },
    })),
  ]);
  if (result.excluded.length > 0) {
    items.push({ label: vscode.l10n.t('Excluded'), kind: vscode.QuickPickItemKind.Separator });
    for (const e of result.excluded) {
      items.push({ label: `$(circle-slash) ${labelText(nameOf(cache, e.model))}`, detail: labelText(e.reason), excludedName: nameOf(cache, e.model), excludedReason: e.reason });
    }
  }
  const picked = await prompter.pickOne('model', items, {
    title,
    placeHolder: vscode.l10n.t('Ranked for {0} tokens a month{1}', formatTokensM(volumeM), budgetUsd === undefined ? '' : vscode.l10n.t(', budget {0}', formatUsd(budgetUsd))),
    matchOnDetail: true,
    ignoreFocusOut: true,
    back: true,
  });
  if (picked === undefined || picked === BACK) return picked;
  if (!picked.choice) {
    if (picked.excludedReason) {
      // The name as it is, not the label less its icon: the label's name has its icons escaped,
      // and a message shows `\$(` as it is written.
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is excluded: {1}', neutralizeBidi(picked.excludedName ?? ''), neutralizeBidi(picked.excludedReason)));
    }
    return undefined;
  }
  return picked.choice;
}

/** Writes the choice in one WorkspaceEdit and says what changed, with an Undo. */
async function applyChoice(
  cache: AnalysisCache,
  document: vscode.TextDocument,
  answers: Answers,
  choice: Choice,
  newName: string | undefined,
  writeRequirements: boolean,
): Promise<RecommendOutcome | undefined> {
  const current = cache.get(document);
  const added = answers.target === -1;
  let changes: JsonChange[];
  let workloadIndex: number;
  if (added) {
    const own = writeRequirements ? ownRequirements(current.requirements, answers.requirements ?? []) : [];
    const workload = { name: newName ?? 'new-workload', model: choice.model, monthlyTokens: answers.volumeText ?? '100M', deployment: deploymentValue(choice), ...(own.length ? { requirements: own } : {}) };
    changes = hasWorkloadsArray(document.getText()) ? [{ path: ['workloads', -1], value: workload, insert: true }] : [{ path: ['workloads'], value: [workload] }];
    workloadIndex = current.workloads.length;
  } else {
    workloadIndex = answers.target ?? 0;
    const workload = current.workloads.find((w) => w.index === workloadIndex);
    // The volume asked is for the ranking; the workload keeps its own.
    changes = switchWorkload(workload, workloadIndex, choice);
  }
  const before = document.getText();
  const format = formattingOptionsFor(document);
  // jsonc-parser's editor recurses: a file nested some thousands deep cannot be edited by it.
  const switched = textAfter(before, changes, format);
  const after = switched !== undefined && writeRequirements ? textAfter(switched, requirementChanges(current.requirements, added ? undefined : workloadIndex, answers.requirements ?? []), format) : switched;
  if (after === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not change {0}: its structure is too deeply nested to edit safely.', CONFIG_FILE_NAME));
    return undefined;
  }
  // What was shown is what is written, and only if it leaves no error the file did not have,
  // with the requirements the user chose to write and without them: requirements added may flag
  // other workloads (that is their point), and one taken off lifts the conflict the switch
  // would otherwise cause (an API for a workload that no longer requires data_privacy).
  const fromSwitch = addedErrors(current, cache.analyzeText(switched!));
  const withRequirements = after === switched ? fromSwitch : addedErrors(current, cache.analyzeText(after));
  const newErrors = fromSwitch.filter((f) => withRequirements.some((g) => g.code === f.code));
  if (newErrors.length) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not changed: the change would add an error ({1}).', CONFIG_FILE_NAME, neutralizeBidi(newErrors[0]!.message)));
    return undefined;
  }
  const edit = workspaceEditTo(document, after);
  if (edit && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not change {0}.', CONFIG_FILE_NAME));
    return undefined;
  }
  const target = added ? (newName ?? 'new-workload') : (current.workloads.find((w) => w.index === workloadIndex)?.name ?? String(workloadIndex));
  const undo = vscode.l10n.t('Undo');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('{0} now uses {1} ({2}).', neutralizeBidi(target), neutralizeBidi(nameOf(cache, choice.model)), deploymentLabel(choice.deployment)), undo)
    .then(async (button) => {
      // The file as it was, put back through a WorkspaceEdit: itself undoable, and only if nothing changed since.
      if (button !== undo || document.isClosed) return;
      const revert = new vscode.WorkspaceEdit();
      revert.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), before);
      await vscode.workspace.applyEdit(revert);
    });
  return { uri: document.uri, model: choice.model, deployment: choice.deployment, workloadIndex, added };
}

/** The config to work on: the one given, the active one, the only one, one the user picks, or a new one. */
async function configDocument(uri: vscode.Uri | undefined, prompter: Prompter): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(uri);
  const active = vscode.window.activeTextEditor?.document;
  if (active && isConfigUri(active.uri)) return active;
  const found = vscode.workspace.workspaceFolders?.length
    ? await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 50)
    : [];
  if (found.length === 1) return vscode.workspace.openTextDocument(found[0]!);
  if (found.length > 1) {
    const picked = await prompter.pickOne(
      'config',
      // A folder of a cloned repository can be named `$(…)` too.
      found.map((u) => ({ label: labelText(vscode.workspace.asRelativePath(u, true)), uri: u })),
      { title: vscode.l10n.t('Recommend model'), placeHolder: vscode.l10n.t('Which {0}?', CONFIG_FILE_NAME) },
    );
    return picked && picked !== BACK ? vscode.workspace.openTextDocument(picked.uri) : undefined;
  }
  const create = { label: vscode.l10n.t('$(new-file) Create {0} from a template', CONFIG_FILE_NAME) };
  const answer = await prompter.pickOne('create', [create], {
    title: vscode.l10n.t('Recommend model'),
    placeHolder: vscode.l10n.t('This workspace has no {0}', CONFIG_FILE_NAME),
  });
  return answer && answer !== BACK ? createConfig(prompter) : undefined;
}

/** Empty → undefined (no budget); an amount → number; anything else → null. */
function parseBudget(text: string): number | undefined | null {
  const trimmed = text.trim().replace(/^\$\s*/, '').replace(/,/g, '');
  if (trimmed === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

function nameOf(cache: AnalysisCache, modelId: string): string {
  return findModel(modelId, cache.catalog)?.name ?? modelId;
}

function deploymentLabel(deployment: 'api' | 'self-hosted'): string {
  return deployment === 'api' ? vscode.l10n.t('API') : vscode.l10n.t('self-hosted');
}

/** `"api"`, or the setup the recommendation priced, exactly as shown. */
function deploymentValue(choice: Choice): unknown {
  return choice.deployment === 'api' || !choice.setup ? 'api' : { selfHosted: { ...choice.setup } };
}

function switchWorkload(
  workload: WorkloadResult | undefined,
  index: number,
  choice: Choice,
): JsonChange[] {
  const path = ['workloads', index];
  return [
    { path: [...path, 'model'], value: choice.model },
    { path: [...path, 'deployment'], value: deploymentValue(choice) },
    // A blended price was the old model's price: the catalog's price of the new one applies.
    ...(workload ? [{ path: [...path, 'blendedPricePerMillion'], value: undefined }] : []),
  ];
}

/** The picked requirements the project does not already give: what the workload itself must say. */
function ownRequirements(project: readonly RequirementId[], picked: readonly RequirementId[]): RequirementId[] {
  return picked.filter((r) => !project.includes(r));
}

/**
 * Where picked requirements are written: the workload's own list holds what the project does
 * not require already (a workload's requirements are the project's and its own); a project
 * requirement the user unticked leaves the project's list, since a workload cannot drop it.
 */
function requirementChanges(project: readonly RequirementId[], workloadIndex: number | undefined, picked: readonly RequirementId[]): JsonChange[] {
  const kept = project.filter((r) => picked.includes(r));
  const changes: JsonChange[] = kept.length === project.length ? [] : [{ path: ['requirements'], value: kept }];
  if (workloadIndex !== undefined) {
    const own = ownRequirements(project, picked);
    changes.push({ path: ['workloads', workloadIndex, 'requirements'], value: own.length ? own : undefined });
  }
  return changes;
}

function hasWorkloadsArray(text: string): boolean {
  const { tree } = parseConfigDocument(text);
  return tree.kind(tree.child(tree.root, 'workloads')) === 'array';
}

function uniqueName(taken: Set<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
