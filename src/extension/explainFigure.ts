import vscode = require('vscode');
import { labelText } from '../untrustedText';
import type { ExplainArgs } from './codeLensProvider';
import { BACK, isPrompter, windowPrompter, type Prompter } from './prompter';

type LineItem = vscode.QuickPickItem & { copy?: boolean };

function isExplainArgs(value: unknown): value is ExplainArgs {
  const candidate = value as Partial<ExplainArgs> | undefined;
  return typeof candidate?.title === 'string' && Array.isArray(candidate.explain);
}

/**
 * `llmCostLens.explainFigure`, run by clicking a lens: how the figure was computed, one line
 * per step, in a quick pick; choosing "Copy" puts the explanation on the clipboard.
 * Resolves to the lines shown as soon as they are on screen.
 */
export function explainFigure(arg: unknown, prompterArg?: unknown): string[] | undefined {
  if (!isExplainArgs(arg)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Click a cost, capacity or crossover lens to see how its figure was computed.'));
    return undefined;
  }
  const prompter: Prompter = isPrompter(prompterArg) ? prompterArg : windowPrompter;
  const lines = arg.explain.map(String);
  const items: LineItem[] = [
    // The lines quote model ids from the file: shown as text, never as icons; copied as written.
    ...lines.map((line) => ({ label: labelText(line) })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: vscode.l10n.t('$(copy) Copy the explanation'), copy: true },
  ];
  void prompter
    .pickOne('explain', items, { title: labelText(arg.title), placeHolder: vscode.l10n.t('How this figure was computed'), matchOnDetail: true })
    .then(async (picked) => {
      if (picked && picked !== BACK && picked.copy) await vscode.env.clipboard.writeText([arg.title, ...lines].join('\n'));
    });
  return lines;
}
