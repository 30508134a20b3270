import vscode = require('vscode');
import type { Lens, PricingProvenance } from '../engine';
import type { ExplainArgs } from './explainFigure';
import { lensKey } from './explanationView';
import { labelText } from '../untrustedText';
import type { AnalysisCache } from './analysisCache';
import { Commands, CONFIG_SELECTOR } from './ids';
import { documentPositions, textPositions } from './positions';
import { pricingLabel } from './pricingText';
import type { Settings } from './settings';

/**
 * A lens whose command is made when VS Code shows it (`resolveCodeLens`). Every lens is
 * lazy, the file's actions too, so that they keep their order however they are resolved.
 */
class LazyLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly makeCommand: () => vscode.Command,
  ) {
    super(range);
  }
}

/**
 * Costs, capacity and crossovers above each workload; the total and the two actions above
 * the file. Lenses are provided as ranges and resolved when shown, so a config of thousands
 * of workloads sends VS Code only the titles on screen. Owns its registration.
 */
export class CostCodeLensProvider implements vscode.CodeLensProvider<vscode.CodeLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly cache: AnalysisCache,
    private readonly settings: Settings,
  ) {
    this.subscriptions = [
      vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, this),
      settings.onDidChange(() => this.refresh()),
      this.changed,
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.settings.current.codeLensEnabled) return [];
    const { analysis, text, stale } = this.cache.getGood(document);
    // While the text does not parse, the kept analysis's offsets point into the old text:
    // its line numbers are the best guess for where the workloads are now.
    const positionAt = stale ? clampedLines(textPositions(text), document) : documentPositions(document);
    const lenses: vscode.CodeLens[] = [];
    let fileRange: vscode.Range | undefined;
    let totalIndex = -1;
    for (const lens of analysis.lenses) {
      const start = positionAt(lens.offset);
      const range = new vscode.Range(start, start);
      if (lens.kind === 'total' && totalIndex === -1) {
        fileRange = range;
        totalIndex = lenses.length;
      }
      lenses.push(new LazyLens(range, () => this.commandFor(lens, document.uri, analysis.pricing)));
    }
    // The actions follow the total, or sit on the config's first line when there is none.
    fileRange ??= new vscode.Range(positionAt(firstBrace(text)), positionAt(firstBrace(text)));
    const uri = document.uri;
    const actions = [
      new LazyLens(fileRange, () => ({ title: vscode.l10n.t('Recommend model…'), command: Commands.recommendModel, arguments: [{ uri }] })),
      new LazyLens(fileRange, () => ({ title: vscode.l10n.t('Open comparison…'), command: Commands.openComparison, arguments: [uri] })),
    ];
    lenses.splice(totalIndex + 1, 0, ...actions);
    return lenses;
  }

  resolveCodeLens(codeLens: vscode.CodeLens): vscode.CodeLens {
    if (codeLens instanceof LazyLens) codeLens.command = codeLens.makeCommand();
    return codeLens;
  }

  private commandFor(lens: Lens, uri: vscode.Uri, pricing: PricingProvenance): vscode.Command {
    // Lens titles render `$(name)` as an icon, and the engine's titles hold model ids from the config.
    const title = labelText(lens.title);
    // Every figure says whose prices it is computed with and their date; how old they are is the status bar's and the hover's to say.
    const prices = pricingLabel(pricing);
    if (lens.kind === 'total') {
      return { title, command: Commands.openComparison, arguments: [uri], tooltip: vscode.l10n.t('Open the comparison panel. Prices: {0}', prices) };
    }
    const key = lensKey(lens);
    if (!key) return { title, command: '' };
    const args: ExplainArgs = { uri: uri.toString(), lens: key };
    return {
      title,
      command: Commands.explainFigure,
      arguments: [args],
      tooltip: vscode.l10n.t('How this figure was computed. Prices: {0}', prices),
    };
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function firstBrace(text: string): number {
  const index = text.indexOf('{');
  return index === -1 ? 0 : index;
}

function clampedLines(positionAt: (offset: number) => vscode.Position, document: vscode.TextDocument) {
  return (offset: number) => {
    const line = Math.min(positionAt(offset).line, Math.max(0, document.lineCount - 1));
    return new vscode.Position(line, 0);
  };
}
