import * as vscode from 'vscode';

/** Which question of a flow is being asked, so a scripted prompter can answer without reading titles. */
export type PromptStep =
  | 'config'
  | 'create'
  | 'folder'
  | 'requirements'
  | 'volume'
  | 'budget'
  | 'model'
  | 'workload'
  | 'workloadName'
  | 'explain';

/**
 * The questions a command asks. The default asks through VS Code's quick picks and input
 * boxes; tests pass one that answers from a script, so every flow can be driven to its end.
 */
export interface Prompter {
  pickOne<T extends vscode.QuickPickItem>(step: PromptStep, items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(step: PromptStep, items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined>;
  input(step: PromptStep, options: vscode.InputBoxOptions): Promise<string | undefined>;
}

export const windowPrompter: Prompter = {
  async pickOne(_step, items, options) {
    return vscode.window.showQuickPick(items, { ...options, canPickMany: false });
  },
  async pickMany(_step, items, options) {
    return vscode.window.showQuickPick(items, { ...options, canPickMany: true });
  },
  async input(_step, options) {
    return vscode.window.showInputBox(options);
  },
};

/** Is this a prompter? Command arguments come from anywhere (a lens, a keybinding, a test). */
export function isPrompter(value: unknown): value is Prompter {
  const candidate = value as Partial<Prompter> | undefined;
  return (
    typeof candidate?.pickOne === 'function' && typeof candidate.pickMany === 'function' && typeof candidate.input === 'function'
  );
}
