import vscode = require('vscode');
import { addedErrors, type Finding, type Fix, resolveFix, textAfter } from '../engine';
import type { AnalysisCache } from './analysisCache';
import { CONFIG_SELECTOR, DIAGNOSTIC_SOURCE } from './ids';
import { formattingOptionsFor, workspaceEditTo } from './jsonEdits';
import { JSON_SUPPORT_CODES } from './diagnostics';
import { toRange } from './positions';
import { neutralizeBidi } from '../untrustedText';

/**
 * The finding behind a diagnostic. Diagnostics come back as copies, so ours are matched by
 * code and range; VS Code's JSON diagnostics (for the findings it reports instead of us) by
 * range alone, so their errors still get our "did you mean" fixes.
 */
function findingFor(findings: readonly Finding[], diagnostic: vscode.Diagnostic, positionAt: (offset: number) => vscode.Position): Finding | undefined {
  const sameRange = (f: Finding) => toRange(positionAt, f.offset, f.length).isEqual(diagnostic.range);
  if (diagnostic.source === DIAGNOSTIC_SOURCE) {
    const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
    return findings.find((f) => f.code === code && sameRange(f));
  }
  return findings.find((f) => JSON_SUPPORT_CODES.has(f.code) && (f.fixes?.length ?? 0) > 0 && sameRange(f));
}

/** Quick fixes from the engine's findings: each finding carries its own fixes as JSON edits. Owns its registration. */
export class CostCodeActionProvider implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  private readonly registration: vscode.Disposable;
  /**
   * Deferred fixes (switch to the recommended model) rank every model: resolved once per
   * document version and finding, not at every cursor move over the diagnostic.
   */
  private resolved: { uri: string; version: number; fixes: Map<Fix, Fix | undefined> } | undefined;

  constructor(private readonly cache: AnalysisCache) {
    this.registration = vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, this, CostCodeActionProvider.metadata);
  }

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) {
      return [];
    }
    if (context.diagnostics.length === 0) return [];
    const analysis = this.cache.get(document);
    const positionAt = (offset: number) => document.positionAt(offset);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const finding = findingFor(analysis.findings, diagnostic, positionAt);
      for (const deferred of finding?.fixes ?? []) {
        const fix = this.resolve(document, deferred);
        if (!fix) continue;
        // jsonc-parser refuses edits the text's structure cannot take (a path through a string).
        const after = textAfter(document.getText(), fix.edits, formattingOptionsFor(document));
        if (after === undefined) continue;
        // A fix that trades its error for another is no fix.
        if (addedErrors(analysis, this.cache.analyzeText(after)).length) continue;
        const edit = workspaceEditTo(document, after);
        if (!edit) continue;
        // A title can quote a name from the config (Declare "…"): no bidi control reorders the menu.
        const action = new vscode.CodeAction(neutralizeBidi(fix.title), vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
    }
    return actions;
  }

  private resolve(document: vscode.TextDocument, fix: Fix): Fix | undefined {
    if (!fix.deferred) return fix;
    const uri = document.uri.toString();
    if (this.resolved?.uri !== uri || this.resolved.version !== document.version) {
      this.resolved = { uri, version: document.version, fixes: new Map() };
    }
    const fixes = this.resolved.fixes;
    if (!fixes.has(fix)) fixes.set(fix, resolveFix(fix, this.cache.catalog));
    return fixes.get(fix);
  }

  dispose(): void {
    this.registration.dispose();
  }
}
