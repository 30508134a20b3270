/**
 * The comparison panel's registrations: its two commands, the serializer that brings the
 * panel back after a window reload, and the context key `llmCostLens.comparisonOpen`.
 */
import * as vscode from 'vscode';
import type { AnalysisCache } from '../analysisCache';
import { EXPORT_FORMATS, EXPORT_TARGETS, VIEW_TYPE, type ExportFormat, type ExportTarget, type SettingsAssumptions } from '../../protocol';
import { CONTEXT_KEY, ComparisonPanel, isConfigDocument, useSettings } from './comparisonPanel';

export const OPEN_COMMAND = 'llmCostLens.openComparison';
export const EXPORT_COMMAND = 'llmCostLens.exportComparison';

export interface PanelDeps {
  cache: AnalysisCache;
  /** The extension's settings reader: the assumptions the user set, as trust allows. */
  settings?: { readonly assumptions: SettingsAssumptions };
}

/** The config to show: the one given, the active editor's, the one already shown, or the workspace's first. */
async function pickConfig(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length > 0) {
    try {
      return arg.includes(':') ? vscode.Uri.parse(arg, true) : vscode.Uri.file(arg);
    } catch {
      // not a URI: fall through
    }
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active && isConfigDocument(active)) return active.uri;
  const followed = ComparisonPanel.instance?.followedUri;
  if (followed) return followed;
  const visible = vscode.window.visibleTextEditors.find((e) => isConfigDocument(e.document));
  if (visible) return visible.document.uri;
  const [found] = await vscode.workspace.findFiles('**/llm.config.json', '**/node_modules/**', 1);
  return found;
}

const asFormat = (v: unknown): ExportFormat | undefined =>
  (EXPORT_FORMATS as readonly unknown[]).includes(v) ? (v as ExportFormat) : undefined;
const asTarget = (v: unknown): ExportTarget | undefined =>
  (EXPORT_TARGETS as readonly unknown[]).includes(v) ? (v as ExportTarget) : undefined;

export function registerComparisonPanel(context: vscode.ExtensionContext, deps: PanelDeps): void {
  const extensionUri = context.extensionUri;
  if (deps.settings) {
    const settings = deps.settings;
    useSettings(() => ({ ...settings.assumptions }));
  }
  void vscode.commands.executeCommand('setContext', CONTEXT_KEY, false);
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_COMMAND, async (arg?: unknown) => {
      const uri = await pickConfig(arg);
      ComparisonPanel.show(extensionUri, uri);
    }),
    vscode.commands.registerCommand(EXPORT_COMMAND, async (format?: unknown, target?: unknown, destination?: unknown) => {
      let panel = ComparisonPanel.instance;
      if (!panel) {
        const uri = await pickConfig(undefined);
        if (!uri) {
          void vscode.window.showWarningMessage(vscode.l10n.t('LLM Cost Lens: there is no llm.config.json to export.'));
          return;
        }
        panel = ComparisonPanel.show(extensionUri, uri);
      }
      await panel.export(asFormat(format), asTarget(target), destination instanceof vscode.Uri ? destination : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        ComparisonPanel.restore(panel, extensionUri, state);
      },
    }),
    { dispose: () => ComparisonPanel.instance?.dispose() },
  );
}
