/**
 * Find Model Usage under hostile .gitignore files: a caller's token cancels it between
 * chunks of the matching (which no longer holds the extension host for the whole list), a
 * .gitignore of 8,000 patterns is matched in full, and one over 1 MB is not read but reported.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, dismissingPrompter } from './helpers';

interface Outcome {
  usages: { model: string; locations: { uri: vscode.Uri }[] }[];
  missingFromConfig?: string[];
  ignoreFilesNotRead?: vscode.Uri[];
}

/** A token that counts how often it is looked at, and says "cancelled" from the `cancelAt`-th look on. */
function countingToken(cancelAt: number): { token: vscode.CancellationToken; looks: () => number } {
  let looks = 0;
  const changed = new vscode.EventEmitter<void>();
  const token: vscode.CancellationToken = {
    get isCancellationRequested() {
      return ++looks >= cancelAt;
    },
    onCancellationRequested: changed.event,
  };
  return { token, looks: () => looks };
}

function findUsage(token?: vscode.CancellationToken): Thenable<Outcome | undefined> {
  return vscode.commands.executeCommand<Outcome | undefined>('llmCostLens.findModelUsage', dismissingPrompter, token);
}

function listedUnder(outcome: Outcome | undefined, prefix: string): string[] {
  return (outcome?.usages ?? [])
    .flatMap((u) => u.locations.map((l) => vscode.workspace.asRelativePath(l.uri)))
    .filter((f) => f.startsWith(prefix))
    .sort();
}

async function write(folder: vscode.Uri, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file), new TextEncoder().encode(text));
}

describe('Find Model Usage: cancellation and .gitignore limits', function () {
  this.timeout(180_000);
  before(activateExtension);

  it('stops at the look at its token that sees it cancelled, and otherwise matches every file under a .gitignore of 8,000 patterns', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const files: Record<string, string> = {};
    const patterns = Array.from({ length: 8000 }, (_, i) => [`gen-${i}.py`, `*.tmp${i}`, `/cache-${i}/`, `[Ss]nap-${i}.json`][i % 4]!);
    files['usage-cancel/.gitignore'] = `${patterns.join('\n')}\n`;
    for (let i = 0; i < 300; i++) files[`usage-cancel/f-${i}.py`] = 'model = "gpt-4o-mini"\n';
    for (let i = 0; i < 20; i++) files[`usage-cancel/gen-${i * 4}.py`] = 'model = "gpt-4o-mini"\n';
    await write(root, files);
    try {
      // Cancelled at its 5th look: past the .gitignore reads, within the chunked matching of the 320 files listed.
      const cancelled = countingToken(5);
      assert.equal(await findUsage(cancelled.token), undefined);
      assert.equal(cancelled.looks(), 5, 'no look after the one that saw it cancelled');
      // Not cancelled: every file but the 20 the .gitignore names, the token looked at for each chunk and each file.
      const never = countingToken(Infinity);
      const outcome = await findUsage(never.token);
      const listed = listedUnder(outcome, 'usage-cancel/');
      assert.equal(listed.length, 300);
      assert.ok(!listed.some((f) => f.includes('gen-')), listed.join(', '));
      assert.ok(never.looks() > 300, `looked ${never.looks()} times`);
      assert.deepEqual(outcome?.ignoreFilesNotRead, []);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'usage-cancel'), { recursive: true });
    }
  });

  it('with a config in the workspace, flags the models the code uses that it leaves out, and offers no new config', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    // The example configs name gpt-4o (the article's) and gpt-4o-mini; this code also calls gpt-4.1-mini.
    await write(root, { 'usage-missing/app.py': 'a = "gpt-4o"\nb = "gpt-4.1-mini"\nc = "gpt-4o"\n' });
    const shown: string[] = [];
    const prompter = {
      ...dismissingPrompter,
      async pickOne(_step: string, items: readonly vscode.QuickPickItem[]) {
        shown.push(...items.map((i) => i.label));
        return undefined;
      },
    };
    try {
      const outcome = await vscode.commands.executeCommand<Outcome | undefined>('llmCostLens.findModelUsage', prompter);
      assert.deepEqual(outcome?.missingFromConfig, ['gpt-4.1-mini']);
      assert.ok(shown.includes('gpt-4.1-mini — 1 use · not in llm.config.json'), shown.join('\n'));
      assert.ok(shown.includes('gpt-4o — 2 uses'), shown.join('\n'));
      assert.ok(!shown.some((l) => l.startsWith('Create llm.config.json')), shown.join('\n'));
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'usage-missing'), { recursive: true });
    }
  });

  it('does not read a .gitignore over 1 MB, and reports it', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const big = `${'*.py\n'.repeat((1 << 20) / 5 + 1)}`;
    assert.ok(big.length > 1 << 20);
    await write(root, { 'usage-big/.gitignore': big, 'usage-big/app.py': 'model = "gpt-4o-mini"\n' });
    try {
      const outcome = await findUsage();
      assert.deepEqual(listedUnder(outcome, 'usage-big/'), ['usage-big/app.py']);
      assert.deepEqual(
        outcome?.ignoreFilesNotRead?.map((uri) => vscode.workspace.asRelativePath(uri)),
        ['usage-big/.gitignore'],
      );
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'usage-big'), { recursive: true });
    }
  });
});
