import vscode = require('vscode');
import { CONFIG_FILE_NAME } from './ids';
import { BACK, type Prompter } from './prompter';
import { configTemplate } from './template';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates llm.config.json from the commented template in a workspace folder the user picks
 * (or opens the one that is there), and shows it. Without a folder, an untitled one.
 * Resolves to the config's document, or undefined when the user cancelled.
 */
export async function createConfig(prompter: Prompter): Promise<vscode.TextDocument | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  let document: vscode.TextDocument;
  if (folders.length === 0) {
    document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: CONFIG_FILE_NAME }));
    if (document.getText().length === 0) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), configTemplate());
      await vscode.workspace.applyEdit(edit);
    }
  } else {
    let folder = folders[0]!;
    if (folders.length > 1) {
      const picked = await prompter.pickOne(
        'folder',
        folders.map((f) => ({ label: f.name, description: f.uri.fsPath || f.uri.path, folder: f })),
        { title: vscode.l10n.t('Create {0}', CONFIG_FILE_NAME), placeHolder: vscode.l10n.t('Workspace folder for the new config') },
      );
      if (!picked || picked === BACK) return undefined;
      folder = picked.folder;
    }
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    if (await exists(uri)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists in {1}: opened it.', CONFIG_FILE_NAME, folder.name));
    } else {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(configTemplate()));
    }
    document = await vscode.workspace.openTextDocument(uri);
  }
  await vscode.window.showTextDocument(document);
  return document;
}
