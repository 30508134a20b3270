/**
 * The panel's tabs by id: each tab is a module of its own (tabs/<tab>/render.ts) and the panel
 * finds the one to draw here. An id no tab has (a state saved by another version, a message
 * from elsewhere) is an error the panel shows, never a silent fall-through to some other tab.
 * Pure: no DOM, so the lookup and its message are tested in Node.
 */
import { TAB_IDS, type TabId } from '../../src/protocol';

export const TAB_TITLES: { readonly [K in TabId]: string } = { cost: 'Cost', benchmarks: 'Benchmarks', decision: 'Decision', quantization: 'Quantization' };

/** One entry per tab id: the compiler refuses a registry that leaves a tab out. */
export type TabRegistry<T> = { readonly [K in TabId]: T };

export type TabLookup<T> = { id: TabId; tab: T } | { error: string };

/** The longest part of an unknown id the message repeats. */
const MAX_ID_SHOWN = 40;

export function isTabId(id: unknown): id is TabId {
  return typeof id === 'string' && (TAB_IDS as readonly string[]).includes(id);
}

/** The tab registered under `id`, or the message the panel shows for an id no tab has. */
export function lookupTab<T>(registry: TabRegistry<T>, id: unknown): TabLookup<T> {
  if (isTabId(id)) return { id, tab: registry[id] };
  const shown = typeof id === 'string' ? `"${id.length > MAX_ID_SHOWN ? `${id.slice(0, MAX_ID_SHOWN)}…` : id}"` : String(id);
  return { error: `This panel has no tab ${shown}. Its tabs are ${TAB_IDS.map((t) => TAB_TITLES[t]).join(', ')}: choose one above.` };
}
