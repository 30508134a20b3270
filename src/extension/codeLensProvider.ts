import vscode = require('vscode');
import { lineStarts, type Lens, type PricingProvenance } from '../engine';
import { lensKey, type ExplainArgs } from './explainArgs';
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
 * Up to this many lenses a config's lenses go to VS Code with their titles: the window draws
 * them as soon as it has them, with no second round trip to resolve them (VS Code waits at
 * least 250 ms before it resolves the lenses on screen).
 */
const ALL_LENSES_UP_TO = 400;
/**
 * Above that, the window gets the lenses of the lines around what its editors show: VS Code
 * makes a view zone for every lens line of a file, on screen or not, and for the thousands
 * of a 1 MB config that took the window over a second. Scrolling near the edge of the lines
 * sent sends the lines around the new view.
 */
const MARGIN_LINES = 300;
/** Scrolling within this many lines of the edge of what was sent asks for the lines around the new view. */
const REFRESH_WITHIN_LINES = 100;
const SCROLL_DEBOUNCE_MS = 100;

interface LineSpan {
  from: number;
  to: number;
}

/**
 * Costs, capacity and crossovers above each workload; the total and the two actions above
 * the file. A config of a few hundred lenses gets them all with their titles; a larger one
 * gets the lines around its visible editors, resolved when shown (and all of them, as
 * ranges, for a file no editor shows). Owns its registration.
 */
export class CostCodeLensProvider implements vscode.CodeLensProvider<vscode.CodeLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** The spans of lines sent, by document, for the files whose lenses are sent around the view. */
  private readonly sent = new Map<string, LineSpan[]>();
  private scrollTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly cache: AnalysisCache,
    private readonly settings: Settings,
  ) {
    this.subscriptions = [
      vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, this),
      settings.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.scrolled(e.textEditor)),
      vscode.workspace.onDidCloseTextDocument((document) => this.sent.delete(document.uri.toString())),
      this.changed,
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.settings.current.codeLensEnabled) return [];
    const { analysis, text, stale } = this.cache.getGood(document);
    // While the text does not parse, the kept analysis's offsets point into the old text:
    // its line numbers are the best guess for where the workloads are now.
    const positionAt = stale ? clampedLines(textPositions(text), document) : documentPositions(document);
    // With its two file actions; a large file no editor shows gets all of them, as ranges.
    const large = analysis.lenses.length + 2 > ALL_LENSES_UP_TO;
    const spans = large ? visibleSpans(document) : undefined;
    const key = document.uri.toString();
    if (spans) this.sent.set(key, spans);
    else this.sent.delete(key);
    // The spans as offsets of the text the lenses point into: a lens outside them is passed
    // over without converting its offset (thousands of conversions in a 1 MB file).
    const offsetSpans = spans?.map((span) => offsetSpan(span, stale ? textOffsets(text) : (line) => document.offsetAt(new vscode.Position(line, 0))));
    const lenses: vscode.CodeLens[] = [];
    let fileRange: vscode.Range | undefined;
    let totalIndex = -1;
    for (const lens of analysis.lenses) {
      const isTotal = lens.kind === 'total' && totalIndex === -1;
      if (!isTotal && offsetSpans && !offsetSpans.some((span) => lens.offset >= span.from && lens.offset < span.to)) continue;
      const start = positionAt(lens.offset);
      const range = new vscode.Range(start, start);
      if (isTotal) {
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
    // Few enough to send with their titles: the ones a large file sends around the view, or all of a small file's.
    if (!large || spans) for (const lens of lenses) this.resolveCodeLens(lens);
    return lenses;
  }

  /** Asks for the lenses again when an editor's view nears the edge of the lines sent for its file. */
  private scrolled(editor: vscode.TextEditor): void {
    const spans = this.sent.get(editor.document.uri.toString());
    if (!spans) return;
    const last = editor.document.lineCount - 1;
    const inside = (line: number) =>
      spans.some((span) => line >= (span.from === 0 ? 0 : span.from + REFRESH_WITHIN_LINES) && line <= (span.to >= last ? last : span.to - REFRESH_WITHIN_LINES));
    if (editor.visibleRanges.every((range) => inside(range.start.line) && inside(range.end.line))) return;
    clearTimeout(this.scrollTimer);
    this.scrollTimer = setTimeout(() => this.refresh(), SCROLL_DEBOUNCE_MS);
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
    clearTimeout(this.scrollTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/**
 * The lines around what the editors of `document` show, MARGIN_LINES above and below each
 * visible range; undefined when no editor shows it (a command asking for a file's lenses gets all of them).
 */
function visibleSpans(document: vscode.TextDocument): LineSpan[] | undefined {
  const ranges = vscode.window.visibleTextEditors.filter((editor) => editor.document === document).flatMap((editor) => editor.visibleRanges);
  if (ranges.length === 0) return undefined;
  return ranges.map((range) => ({ from: Math.max(0, range.start.line - MARGIN_LINES), to: range.end.line + MARGIN_LINES }));
}

/** A span of lines as the offsets from its first line's start to the start of the line after its last. */
function offsetSpan(span: LineSpan, lineStart: (line: number) => number): { from: number; to: number } {
  return { from: lineStart(span.from), to: lineStart(span.to + 1) };
}

/** The offset of a line's start in `text`, lines counted as the engine's positions count them (the end of the text past its last line). */
function textOffsets(text: string): (line: number) => number {
  const starts = lineStarts(text);
  return (line) => starts[line] ?? text.length;
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
