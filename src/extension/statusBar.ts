import vscode = require('vscode');
import { totalText } from '../engine';
import { neutralizeBidi } from '../untrustedText';
import type { AnalysisCache } from './analysisCache';
import { Commands, isConfigUri } from './ids';
import { pricingLabel } from './pricingText';
import type { Settings } from './settings';

/** The active config's total monthly cost; hidden unless an llm.config.json is the active editor. */
export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('llmCostLens.total', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly cache: AnalysisCache,
    private readonly settings: Settings,
    /** What the tooltip says of the price refresh (a failure and its reason), when anything. */
    private readonly pricingNote: () => string | undefined = () => undefined,
  ) {
    this.item.name = vscode.l10n.t('LLM Cost Lens: total monthly cost');
    this.subscriptions = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.schedule();
      }),
      settings.onDidChange(() => this.update()),
    ];
    // Reading the active config waits until activation has returned.
    this.timer = setTimeout(() => this.update(), 0);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), this.settings.current.debounceMs);
  }

  update(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isConfigUri(document.uri)) {
      this.item.hide();
      return;
    }
    const { analysis, stale } = this.cache.getGood(document);
    // "$1,240/mo + 2 unpriced": a workload without a price is never shown as $0.
    const total = totalText(analysis);
    this.item.text = `$(graph) ${total}`;
    const tooltip = new vscode.MarkdownString('', false);
    tooltip.isTrusted = false;
    tooltip.appendText(vscode.l10n.t('Total monthly cost of this config: {0}', total));
    tooltip.appendText('\n\n');
    const unpriced = analysis.unpricedWorkloads;
    if (unpriced.length) {
      tooltip.appendText(vscode.l10n.t('Not in the total, for want of a price: {0}', unpriced.map((w) => neutralizeBidi(w.name)).join(', ')));
      tooltip.appendText('\n\n');
    }
    tooltip.appendText(vscode.l10n.t('Prices: {0}', pricingLabel(analysis.pricing, { age: true })));
    tooltip.appendText('\n\n');
    const note = this.pricingNote();
    if (note) {
      tooltip.appendText(note);
      tooltip.appendText('\n\n');
    }
    tooltip.appendText(stale ? vscode.l10n.t('From the last version without syntax errors.') : vscode.l10n.t('Click to open the comparison.'));
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Total monthly LLM cost {0}', total) };
    this.item.command = { title: vscode.l10n.t('Open comparison'), command: Commands.openComparison, arguments: [document.uri] };
    this.item.show();
  }

  /** The tooltip's text as shown (hidden item: the last one shown). */
  get tooltipText(): string {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
