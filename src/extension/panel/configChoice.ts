/**
 * Which config the panel follows when nobody named one: the saved state's, if it passes the
 * check for a URI the user did not give, or one the user picks from the workspace's.
 */
import vscode = require('vscode');
import { labelText } from '../../untrustedText';
import { CONFIG_GLOB, isWorkspaceConfigUri } from '../ids';

/** The saved state's config, when it is one the panel may follow unasked: an llm.config.json of the workspace. */
export function restorableConfig(saved: string): vscode.Uri | undefined {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(saved, true);
  } catch {
    return undefined;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri);
  return isWorkspaceConfigUri(uri, folders) ? uri : undefined;
}

/** The workspace's configs, at most `max`; none when there is no folder or it cannot be searched. */
export async function findConfigs(max: number): Promise<vscode.Uri[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  return Promise.resolve(vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', max)).catch(() => []);
}

export async function workspaceHasConfigs(): Promise<boolean> {
  return (await findConfigs(1)).length > 0;
}

/** A config the user picks from the workspace's; 'none' when there is none to pick. */
export async function pickWorkspaceConfig(): Promise<vscode.Uri | 'none' | undefined> {
  const found = await findConfigs(500);
  if (found.length === 0) return 'none';
  // Folder names are the workspace's: shown as text, never as icons.
  const items = found.map((uri) => ({ label: labelText(vscode.workspace.asRelativePath(uri, true)), uri }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Compare which llm.config.json?') });
  return picked?.uri;
}
