import * as vscode from 'vscode';
import {
  catalog,
  findModel,
  formatTokensM,
  formatUsd,
  recommend,
  volumeToMillions,
  type WorkloadResult,
} from '../engine';
import type { RequirementId } from '../engine/catalog/types';
import { labelText, neutralizeBidi } from '../untrustedText';
import type { AnalysisCache } from './analysisCache';
import { createConfig } from './createConfig';
import { CONFIG_FILE_NAME, CONFIG_GLOB, isConfigUri } from './ids';
import { parseConfigDocument } from '../engine/config/document';
import { jsonWorkspaceEdit, type JsonChange } from './jsonEdits';
import { isPrompter, windowPrompter, type Prompter } from './prompter';

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

/**
 * The "Recommend model" flow: requirements → volume → budget → ranked models → the workload
 * to apply it to. The change goes in through one WorkspaceEdit, so it can be undone.
 */
export async function recommendModel(cache: AnalysisCache, args: RecommendArgs): Promise<RecommendOutcome | undefined> {
  const prompter = args.prompter ?? windowPrompter;
  const document = await configDocument(args.uri, prompter);
  if (!document) return undefined;
  const analysis = cache.get(document);
  const step = (n: number) => vscode.l10n.t('Recommend model ({0}/{1})', n, TOTAL_STEPS);

  const requirementItems: RequirementItem[] = catalog.requirements.map((def) => ({
    id: def.id,
    label: def.title,
    description: def.id,
    detail: def.seedAnswer,
    picked: analysis.requirements.includes(def.id),
  }));
  const pickedRequirements = await prompter.pickMany('requirements', requirementItems, {
    title: step(1),
    placeHolder: vscode.l10n.t('Requirements (pre-filled from {0})', CONFIG_FILE_NAME),
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!pickedRequirements) return undefined;
  const requirements = pickedRequirements.map((item) => item.id);

  const configuredVolume = analysis.workloads.reduce((sum, w) => sum + (Number.isFinite(w.monthlyTokensM) ? w.monthlyTokensM : 0), 0);
  const volumeText = await prompter.input('volume', {
    title: step(2),
    prompt: vscode.l10n.t('Tokens a month, e.g. 240M, 500K or 1.5B'),
    value: configuredVolume > 0 ? formatTokensM(configuredVolume) : '100M',
    ignoreFocusOut: true,
    validateInput: (value) =>
      volumeToMillions(value.trim()) === undefined
        ? vscode.l10n.t('Expected a token count such as 240M, 500K or 1.5B')
        : undefined,
  });
  if (volumeText === undefined) return undefined;
  const volumeM = volumeToMillions(volumeText.trim());
  if (volumeM === undefined) return undefined;

  const budgetText = await prompter.input('budget', {
    title: step(3),
    prompt: vscode.l10n.t('Monthly budget in USD (optional: leave empty for none)'),
    ignoreFocusOut: true,
    validateInput: (value) =>
      parseBudget(value) === null ? vscode.l10n.t('Expected an amount in USD, such as 500 or $1,200, or nothing') : undefined,
  });
  if (budgetText === undefined) return undefined;
  const budgetUsd = parseBudget(budgetText) ?? undefined;

  const result = recommend(requirements, volumeM, {
    ...(budgetUsd === undefined ? {} : { budgetUsd }),
    ...(analysis.allowedModels ? { allowedModels: analysis.allowedModels } : {}),
    inputShare: analysis.assumptions.inputShare,
    gpuHourlyUsd: analysis.assumptions.gpuHourlyUsd,
    hoursPerMonth: analysis.assumptions.hoursPerMonth,
  });
  if (result.recommendations.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('No model meets these requirements at {0} tokens a month. {1} excluded.', formatTokensM(volumeM), result.excluded.length),
    );
    return undefined;
  }
  // Labels, descriptions and details render `$(name)` as an icon: names and reasons go in
  // through labelText, the product's own icons are put around them.
  const modelItems: ModelItem[] = result.recommendations.map((r) => ({
    label: labelText(nameOf(r.model)),
    description: vscode.l10n.t('{0}/mo · {1}', formatUsd(r.monthlyCostUsd), deploymentLabel(r.deployment)),
    detail: labelText(r.reasons.join(' · ')),
    choice: { model: r.model, deployment: r.deployment },
  }));
  if (result.excluded.length > 0) {
    modelItems.push({ label: vscode.l10n.t('Excluded'), kind: vscode.QuickPickItemKind.Separator });
    for (const e of result.excluded) {
      modelItems.push({
        label: `$(circle-slash) ${labelText(nameOf(e.model))}`,
        detail: labelText(e.reason),
        excludedName: nameOf(e.model),
        excludedReason: e.reason,
      });
    }
  }
  const picked = await prompter.pickOne('model', modelItems, {
    title: step(4),
    placeHolder: vscode.l10n.t('Ranked for {0} tokens a month{1}', formatTokensM(volumeM), budgetUsd === undefined ? '' : vscode.l10n.t(', budget {0}', formatUsd(budgetUsd))),
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (!picked.choice) {
    if (picked.excludedReason) {
      // The name as it is, not the label less its icon: the label's name has its icons escaped,
      // and a message shows `\$(` as it is written.
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} is excluded: {1}', neutralizeBidi(picked.excludedName ?? ''), neutralizeBidi(picked.excludedReason)),
      );
    }
    return undefined;
  }

  const current = cache.get(document);
  const newWorkload: WorkloadItem = { label: vscode.l10n.t('$(add) Add a new workload…'), index: -1 };
  const workloadItems: WorkloadItem[] = [
    ...current.workloads.map((w) => ({
      label: labelText(w.name),
      description: `${labelText(nameOf(w.model))} · ${formatTokensM(w.monthlyTokensM)}/mo`,
      index: w.index,
    })),
    newWorkload,
  ];
  const target = await prompter.pickOne('workload', workloadItems, {
    title: step(5),
    placeHolder: vscode.l10n.t('Use {0} ({1}) for…', neutralizeBidi(nameOf(picked.choice.model)), deploymentLabel(picked.choice.deployment)),
    ignoreFocusOut: true,
  });
  if (!target) return undefined;

  let changes: JsonChange[];
  let workloadIndex: number;
  if (target.index === -1) {
    const taken = new Set(current.workloads.map((w) => w.name));
    const name = await prompter.input('workloadName', {
      title: step(5),
      prompt: vscode.l10n.t('Name of the new workload'),
      value: uniqueName(taken, 'new-workload'),
      ignoreFocusOut: true,
      validateInput: (value) =>
        value.trim() === ''
          ? vscode.l10n.t('A workload needs a name')
          : taken.has(value.trim())
            ? vscode.l10n.t('A workload of that name exists')
            : undefined,
    });
    if (name === undefined || name.trim() === '' || taken.has(name.trim())) return undefined;
    const workload = {
      name: name.trim(),
      model: picked.choice.model,
      monthlyTokens: volumeText.trim(),
      deployment: deploymentValue(picked.choice.model, picked.choice.deployment),
    };
    const hasArray = hasWorkloadsArray(document.getText());
    changes = hasArray
      ? [{ path: ['workloads', -1], value: workload, insert: true }]
      : [{ path: ['workloads'], value: [workload] }];
    workloadIndex = current.workloads.length;
  } else {
    changes = switchWorkload(current.workloads.find((w) => w.index === target.index), target.index, picked.choice);
    workloadIndex = target.index;
  }

  let edit: vscode.WorkspaceEdit | undefined;
  try {
    edit = jsonWorkspaceEdit(document, changes);
  } catch {
    // jsonc-parser's editor recurses: a file nested some thousands deep cannot be edited by it.
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not change {0}: its structure is too deeply nested to edit safely.', CONFIG_FILE_NAME));
    return undefined;
  }
  if (edit && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not change {0}.', CONFIG_FILE_NAME));
    return undefined;
  }
  return { uri: document.uri, model: picked.choice.model, deployment: picked.choice.deployment, workloadIndex, added: target.index === -1 };
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
    return picked ? vscode.workspace.openTextDocument(picked.uri) : undefined;
  }
  const create = { label: vscode.l10n.t('$(new-file) Create {0} from a template', CONFIG_FILE_NAME) };
  const answer = await prompter.pickOne('create', [create], {
    title: vscode.l10n.t('Recommend model'),
    placeHolder: vscode.l10n.t('This workspace has no {0}', CONFIG_FILE_NAME),
  });
  return answer ? createConfig(prompter) : undefined;
}

/** Empty → undefined (no budget); an amount → number; anything else → null. */
function parseBudget(text: string): number | undefined | null {
  const trimmed = text.trim().replace(/^\$\s*/, '').replace(/,/g, '');
  if (trimmed === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

function nameOf(modelId: string): string {
  return findModel(modelId)?.name ?? modelId;
}

function deploymentLabel(deployment: 'api' | 'self-hosted'): string {
  return deployment === 'api' ? vscode.l10n.t('API') : vscode.l10n.t('self-hosted');
}

/** `"api"`, or the catalog's self-host setup for the model, as the config writes it. */
function deploymentValue(modelId: string, deployment: 'api' | 'self-hosted'): unknown {
  if (deployment === 'api') return 'api';
  const setup = catalog.setups.find((s) => s.model === modelId);
  if (!setup) return 'api';
  return { selfHosted: { gpu: setup.gpu, gpus: setup.gpus, quantization: setup.quantization, throughputTps: setup.throughputTps } };
}

function switchWorkload(
  workload: WorkloadResult | undefined,
  index: number,
  choice: { model: string; deployment: 'api' | 'self-hosted' },
): JsonChange[] {
  const path = ['workloads', index];
  return [
    { path: [...path, 'model'], value: choice.model },
    { path: [...path, 'deployment'], value: deploymentValue(choice.model, choice.deployment) },
    // A blended price was the old model's price: the catalog's price of the new one applies.
    ...(workload ? [{ path: [...path, 'blendedPricePerMillion'], value: undefined }] : []),
  ];
}

function hasWorkloadsArray(text: string): boolean {
  const { tree } = parseConfigDocument(text);
  return tree.kind(tree.child(tree.root, 'workloads')) === 'array';
}

function uniqueName(taken: Set<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
