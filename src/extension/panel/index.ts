/**
 * The comparison panel's handlers: its two commands, the restore that brings the panel back
 * after a window reload, and the context key `llmCostLens.comparisonOpen`.
 */
import vscode = require('vscode');
import type { SettingsAssumptions } from '../../protocol';
import { COMPARISON_OPEN_CONTEXT, isConfigUri } from '../ids';
import { findConfigs } from './configChoice';
import { type CatalogFileTexts, monthOf } from '../../engine';
import { onDemand } from '../onDemand';

// The panel's code (its host side, the HTML, the exports) is loaded when a panel is first
// shown or restored (see ../onDemand.ts).
const panelModule = onDemand(() => require('./comparisonPanel') as typeof import('./comparisonPanel'));
let panelLoaded = false;

/** The panel that is open, if its code was ever loaded. */
function openPanel() {
  return panelLoaded ? panelModule().ComparisonPanel.instance : undefined;
}

export interface PanelDeps {
  /** The extension's settings reader: the assumptions the user set, as trust allows. */
  settings: { readonly assumptions: SettingsAssumptions };
  /** The catalog's files, as the editor's catalog service reads them. */
  catalogs: { fileTexts(): Promise<CatalogFileTexts> };
}

/** The URI a command's argument names, when it names an llm.config.json. */
function givenConfig(arg: unknown): vscode.Uri | undefined {
  let uri: vscode.Uri | undefined;
  if (arg instanceof vscode.Uri) uri = arg;
  else if (typeof arg === 'string' && arg.length > 0) {
    try {
      uri = arg.includes(':') ? vscode.Uri.parse(arg, true) : vscode.Uri.file(arg);
    } catch {
      // not a URI: fall through
    }
  }
  // The panel shows configs and nothing else, whatever a caller passes.
  return uri && isConfigUri(uri) ? uri : undefined;
}

/** The config to show: the one given, the active editor's, the one already shown, or the workspace's first. */
async function pickConfig(arg: unknown): Promise<vscode.Uri | undefined> {
  const given = givenConfig(arg);
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document;
  if (active && isConfigUri(active.uri)) return active.uri;
  const followed = openPanel()?.followedUri;
  if (followed) return followed;
  const visible = vscode.window.visibleTextEditors.find((e) => isConfigUri(e.document.uri));
  if (visible) return visible.document.uri;
  const [found] = await findConfigs(1);
  return found;
}

/** The panel's command handlers and its restore-after-reload, which the entry point registers. */
export interface ComparisonPanelHandlers extends vscode.Disposable {
  openComparison(arg?: unknown): Promise<void>;
  exportComparison(format?: unknown, target?: unknown, destination?: unknown): Promise<void>;
  restore(panel: vscode.WebviewPanel, state: unknown): void;
  /** The editor's catalog changed: an open panel takes the new one. */
  catalogChanged(): void;
}

export function comparisonPanel(context: vscode.ExtensionContext, deps: PanelDeps): ComparisonPanelHandlers {
  const extensionUri = context.extensionUri;
  const panelCode = () => {
    const code = panelModule();
    if (!panelLoaded) {
      // The panel analyses in the webview: it prices the month the editor does, the current one.
      code.useSettings(() => ({ ...deps.settings.assumptions, month: monthOf(new Date()) }));
      code.useCatalogFiles(() => deps.catalogs.fileTexts());
      panelLoaded = true;
    }
    return code;
  };
  void vscode.commands.executeCommand('setContext', COMPARISON_OPEN_CONTEXT, false);
  return {
    async openComparison(arg?: unknown) {
      const uri = await pickConfig(arg);
      panelCode().ComparisonPanel.show(extensionUri, uri);
    },
    async exportComparison(format?: unknown, target?: unknown, destination?: unknown) {
      let panel = openPanel();
      if (!panel) {
        const uri = await pickConfig(undefined);
        if (!uri) {
          void vscode.window.showWarningMessage(vscode.l10n.t('LLM Cost Lens: there is no llm.config.json to export.'));
          return;
        }
        panel = panelCode().ComparisonPanel.show(extensionUri, uri);
      }
      // The panel's code checks the format and the target: the message schemas live with it.
      await panel.export(format, target, destination instanceof vscode.Uri ? destination : undefined);
    },
    restore(panel: vscode.WebviewPanel, state: unknown) {
      panelCode().ComparisonPanel.restore(panel, extensionUri, state);
    },
    catalogChanged: () => void openPanel()?.postCatalog(),
    dispose: () => openPanel()?.dispose(),
  };
}
