import vscode = require('vscode');

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
  | 'writeBack'
  | 'explain'
  | 'usage';

/** What a prompt returns when the user pressed its Back button. */
// Registered, so a test's copy of this module and the bundle's compare equal.
export const BACK: unique symbol = Symbol.for('llmCostLens.back') as never;
export type Back = typeof BACK;

/** A prompt of a multi-step flow: its title shows the step, and it has a Back button unless it is the first. */
export interface StepOptions {
  back?: boolean;
}

/**
 * The questions a command asks. The default asks through VS Code's quick inputs; tests pass
 * one that answers from a script, so every flow can be driven to its end, Back included.
 * `undefined` is Escape: the flow stops.
 */
export interface Prompter {
  pickOne<T extends vscode.QuickPickItem>(step: PromptStep, items: readonly T[], options: vscode.QuickPickOptions & StepOptions): Promise<T | Back | undefined>;
  pickMany<T extends vscode.QuickPickItem>(step: PromptStep, items: readonly T[], options: vscode.QuickPickOptions & StepOptions): Promise<readonly T[] | Back | undefined>;
  input(step: PromptStep, options: vscode.InputBoxOptions & StepOptions): Promise<string | Back | undefined>;
}

/** Shows a quick input and settles on an accepted answer, Back or hide; the input is disposed either way. */
function ask<R>(
  input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox,
  back: boolean | undefined,
  accept: () => R | undefined | Promise<R | undefined>,
): Promise<R | Back | undefined> {
  if (back) input.buttons = [vscode.QuickInputButtons.Back];
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: R | Back | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      input.dispose();
    };
    input.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) settle(BACK);
    });
    input.onDidAccept(async () => {
      // An answer that is not valid yet (an input box's text) leaves the prompt open.
      const value = await accept();
      if (value !== undefined) settle(value);
    });
    input.onDidHide(() => settle(undefined));
    input.show();
  });
}

function quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions, many: boolean): vscode.QuickPick<T> {
  const pick = vscode.window.createQuickPick<T>();
  pick.items = items;
  pick.canSelectMany = many;
  pick.title = options.title;
  pick.placeholder = options.placeHolder;
  pick.matchOnDescription = options.matchOnDescription ?? false;
  pick.matchOnDetail = options.matchOnDetail ?? false;
  pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
  if (many) pick.selectedItems = items.filter((item) => item.picked);
  return pick;
}

export const windowPrompter: Prompter = {
  pickOne(_step, items, options) {
    const pick = quickPick(items, options, false);
    return ask(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>, options.back, () => pick.selectedItems[0] ?? pick.activeItems[0]);
  },
  pickMany(_step, items, options) {
    const pick = quickPick(items, options, true);
    return ask(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>, options.back, () => [...pick.selectedItems]);
  },
  input(_step, options) {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeHolder;
    box.ignoreFocusOut = options.ignoreFocusOut ?? false;
    const problem = async (value: string) => {
      const message = await options.validateInput?.(value);
      box.validationMessage = message ?? undefined;
      return message;
    };
    box.onDidChangeValue((value) => void problem(value));
    return ask(box, options.back, async () => ((await problem(box.value)) ? undefined : box.value));
  },
};

/** Is this a prompter? Command arguments come from anywhere (a lens, a keybinding, a test). */
export function isPrompter(value: unknown): value is Prompter {
  const candidate = value as Partial<Prompter> | undefined;
  return (
    typeof candidate?.pickOne === 'function' && typeof candidate.pickMany === 'function' && typeof candidate.input === 'function'
  );
}
