import { getLocation } from 'jsonc-parser';
import vscode = require('vscode');
import { type Catalog, findQuantization, formatNumber, formatUsd, gpuMemoryGiB, namedHost, quantizationIds, REQUIREMENT_IDS } from '../engine';
import type { AnalysisCache } from './analysisCache';
import { CONFIG_SELECTOR } from './ids';

/** What a string value at a path of llm.config.json names. */
type Slot = 'model' | 'gpu' | 'quantization' | 'requirement';

function slotAt(path: (string | number)[]): Slot | undefined {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === 'model' || last === 'aliasOf' || parent === 'allowedModels') return 'model';
  if (last === 'gpu') return 'gpu';
  if (last === 'quantization') return 'quantization';
  if (parent === 'requirements') return 'requirement';
  return undefined;
}

/**
 * Completion of the catalog's names where the config takes one: models (every curated card
 * and every priced key, with its host and price), GPUs (memory and hourly price),
 * quantizations and requirement ids. The items are built once per catalog; VS Code filters
 * and ranks them by what is typed. Owns its registration.
 */
export class CatalogCompletionProvider implements vscode.CompletionItemProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;
  private built: { catalog: Catalog; items: Map<Slot, vscode.CompletionItem[]> } | undefined;

  constructor(private readonly cache: AnalysisCache) {
    this.registration = vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, this, '"');
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const text = document.getText();
    const offset = document.offsetAt(position);
    let location: ReturnType<typeof getLocation>;
    try {
      location = getLocation(text, offset);
    } catch {
      // jsonc-parser recurses: text nested some thousands deep gets no completion.
      return undefined;
    }
    if (location.isAtPropertyKey) return undefined;
    const slot = slotAt(location.path);
    if (!slot) return undefined;
    const node = location.previousNode;
    // Inside a string, the items replace its contents; elsewhere they are written with quotes.
    const inString = node?.type === 'string' && offset > node.offset && offset < node.offset + node.length;
    const range = inString ? new vscode.Range(document.positionAt(node!.offset + 1), document.positionAt(node!.offset + node!.length - 1)) : undefined;
    return this.items(slot).map((item) => {
      const copy = new vscode.CompletionItem(item.label, item.kind);
      copy.detail = item.detail;
      copy.documentation = item.documentation;
      copy.sortText = item.sortText;
      copy.insertText = inString ? String(item.label) : JSON.stringify(String(item.label));
      if (range) copy.range = range;
      return copy;
    });
  }

  private items(slot: Slot): vscode.CompletionItem[] {
    const catalog = this.cache.catalog;
    if (this.built?.catalog !== catalog) this.built = { catalog, items: new Map() };
    let items = this.built.items.get(slot);
    if (!items) this.built.items.set(slot, (items = buildItems(slot, catalog)));
    return items;
  }

  dispose(): void {
    this.registration.dispose();
  }
}

function item(label: string, kind: vscode.CompletionItemKind, detail: string, rank: number, documentation?: string): vscode.CompletionItem {
  const completion = new vscode.CompletionItem(label, kind);
  completion.detail = detail;
  if (documentation) completion.documentation = documentation;
  // Curated cards first, then the labs' own prices, then every other host.
  completion.sortText = `${rank}${label}`;
  return completion;
}

function perMillion(input: number, output: number | undefined): string {
  return output === undefined ? `${formatUsd(input)} per 1M (input only)` : `${formatUsd(input)} / ${formatUsd(output)} per 1M`;
}

function buildItems(slot: Slot, catalog: Catalog): vscode.CompletionItem[] {
  switch (slot) {
    case 'model': {
      const seen = new Set<string>();
      const out: vscode.CompletionItem[] = [];
      for (const m of catalog.models) {
        seen.add(m.id);
        const price = m.price ? perMillion(m.price.inputPerMillionUsd, m.price.outputPerMillionUsd) : 'no API price';
        // A model id is a value the field takes (the Class icon read as a type).
        out.push(item(m.id, vscode.CompletionItemKind.Value, `${m.name} · ${m.lab} · ${price}`, 0, m.price ? `${m.price.source}, ${m.price.asOf}` : undefined));
      }
      for (const e of catalog.prices?.entries ?? []) {
        if (seen.has(e.key) || e.retired) continue;
        seen.add(e.key);
        const firstParty = namedHost(e.key) === undefined;
        out.push(item(e.key, vscode.CompletionItemKind.Value, `${e.host} · ${perMillion(e.inputPerMillionUsd, e.outputPerMillionUsd)}`, firstParty ? 1 : 2, `${catalog.prices!.source}, ${e.asOf ?? catalog.prices!.asOf}`));
      }
      return out;
    }
    case 'gpu':
      return catalog.gpus.map((g) => item(g.id, vscode.CompletionItemKind.Unit, `${g.name} · ${formatNumber(gpuMemoryGiB(g))} GiB · ${formatUsd(g.hourlyUsd)}/h`, 0));
    case 'quantization':
      // The curated options first, then the serving weight formats (int4-awq, nvfp4, …).
      return quantizationIds(catalog).flatMap((id, index) => {
        const q = findQuantization(id, catalog);
        const curatedOption = index < catalog.quantizations.length;
        return q ? [item(q.id, vscode.CompletionItemKind.EnumMember, `${q.name} · ${Number(q.bytesPerParam.toFixed(3))} bytes per parameter`, curatedOption ? 0 : 1)] : [];
      });
    case 'requirement':
      return REQUIREMENT_IDS.map((id) => {
        const def = catalog.requirements.find((r) => r.id === id);
        return item(id, vscode.CompletionItemKind.EnumMember, def?.title ?? id, 0);
      });
  }
}
