/**
 * The comparison panel's message protocol: the one module the extension host and the
 * webview both import. Types for both directions, and zod schemas for what the webview
 * sends, because the host validates every message it receives and drops anything else.
 *
 * The webview imports this module for its types only (`import type`), so no validation
 * code is bundled into it.
 */
import * as z from 'zod/mini';
import type { CatalogFileTexts } from './engine';

/** The panel's tabs, in the order they are shown. */
export const TAB_IDS = ['cost', 'benchmarks', 'decision', 'quantization'] as const;
export type TabId = (typeof TAB_IDS)[number];

/** Assumptions the Cost tab lets the user move; each overrides the config's value while set. */
export const INPUT_KEYS = ['gpuHourlyUsd', 'utilization', 'inputShare', 'concurrency'] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

// zod/mini: the same checks as classic zod at a fraction of the host bundle.
const finite = (min: number, max: number, exclusiveMin = false) =>
  z.number().check(z.refine(Number.isFinite, { error: 'expected a finite number' }), exclusiveMin ? z.gt(min) : z.gte(min), z.lte(max));

const volumes = z.record(z.string().check(z.regex(/^\d{1,5}$/)), finite(0, 1e9));

const assumptionOverrides = z.strictObject({
  gpuHourlyUsd: z.optional(finite(0, 1e6)),
  utilization: z.optional(finite(0, 1, true)),
  inputShare: z.optional(finite(0, 1)),
  concurrency: z.optional(z.int().check(z.gte(1), z.lte(100_000))),
});
export type AssumptionOverrides = z.infer<typeof assumptionOverrides>;

/** What the user changed in the panel, on top of the config. */
const panelInputs = z.strictObject({
  /** The workload the Cost tab shows (index into the config's workloads). */
  workload: z.int().check(z.gte(0), z.lte(10_000)),
  /** Monthly volume overrides in millions of tokens, by workload index. */
  volumesM: volumes,
  assumptions: assumptionOverrides,
  /** Requirement toggles on the Decision tab; null = as the config says. */
  requirements: z.nullable(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(64))),
  /** The model the Quantization tab sizes; null = the first self-hostable model of the config. */
  quantModel: z.nullable(z.string().check(z.maxLength(200))),
});
export type PanelInputs = z.infer<typeof panelInputs>;

export const EMPTY_INPUTS: PanelInputs = Object.freeze({
  workload: 0,
  volumesM: {},
  assumptions: {},
  requirements: null,
  quantModel: null,
}) as PanelInputs;

const sortState = z.strictObject({ column: z.string().check(z.maxLength(64)), descending: z.boolean() });

/** What the webview keeps with setState and the serializer hands back after a reload. */
export const panelStateSchema = z.strictObject({
  v: z.literal(1),
  uri: z.nullable(z.string().check(z.maxLength(4096))),
  tab: z.enum(TAB_IDS),
  inputs: panelInputs,
  benchmarkSort: z.nullable(sortState),
});
export type PanelState = z.infer<typeof panelStateSchema>;

export const EXPORT_FORMATS = ['markdown', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_TARGETS = ['file', 'clipboard'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];
/**
 * Characters of an export the host writes to a file: a report takes about 3,000 characters
 * a workload, so this is some 3,000 workloads, far above a real comparison.
 */
export const MAX_EXPORT_LENGTH = 10_000_000;
/** Characters the host puts on the clipboard: some 1,000 workloads; a larger report goes to a file. */
export const MAX_CLIPBOARD_LENGTH = 4_000_000;
/** The one-time token of an export request (see src/extension/panel/exportGate.ts). */
const exportToken = z.string().check(z.minLength(16), z.maxLength(64));

// ---- webview → host ------------------------------------------------------------------

export const webviewMessageSchema = z.discriminatedUnion('type', [
  /** The script has loaded and listens. */
  z.strictObject({ type: z.literal('ready') }),
  /** The panel's state changed (tab, inputs): kept for the export command and the serializer. */
  z.strictObject({ type: z.literal('state'), state: panelStateSchema }),
  /** "Apply to config": write these values into the config the panel shows. */
  z.strictObject({
    type: z.literal('apply'),
    uri: z.string().check(z.maxLength(4096)),
    version: z.int(),
    assumptions: assumptionOverrides,
    volumesM: volumes,
  }),
  /** The user clicked an export button: the host answers with a `requestExport` (and its token). */
  z.strictObject({ type: z.literal('exportAsked'), format: z.enum(EXPORT_FORMATS), target: z.enum(EXPORT_TARGETS) }),
  /**
   * The answer to a `requestExport`, with its token: the webview builds the report (it holds
   * the view-model, so the export matches what it shows) and the host writes it where the user says.
   */
  z.strictObject({
    type: z.literal('export'),
    format: z.enum(EXPORT_FORMATS),
    target: z.enum(EXPORT_TARGETS),
    token: exportToken,
    content: z.string().check(z.maxLength(MAX_EXPORT_LENGTH)),
  }),
  /** Show the config file in an editor. */
  z.strictObject({ type: z.literal('reveal') }),
  /** The welcome state's button: run "Create llm.config.json", then follow the new config. */
  z.strictObject({ type: z.literal('createConfig') }),
  /** The welcome state's other button: pick one of the workspace's configs to follow. */
  z.strictObject({ type: z.literal('pickConfig') }),
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

/** The message, or undefined when it is not one the host understands. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  const result = webviewMessageSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

/**
 * The saved state, or undefined when it is missing or of another shape (an older version).
 * The webview's own copy (its getState, which the serializer hands back) also holds the
 * last document it drew: that is the webview's, and left out here.
 */
export function parsePanelState(value: unknown): PanelState | undefined {
  if (value && typeof value === 'object' && 'snapshot' in value) {
    const { snapshot: _snapshot, ...rest } = value as Record<string, unknown>;
    value = rest;
  }
  const result = panelStateSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

// ---- host → webview ------------------------------------------------------------------

/** Assumption values the user set in VS Code's settings (only those set; the engine supplies the rest). */
export interface SettingsAssumptions {
  gpuHourlyUsd?: number;
  hoursPerMonth?: number;
  utilization?: number;
  inputShare?: number;
  concurrency?: number;
  contextTokens?: number;
  /** The month priced: the current one, read by the host (the engine reads no clock); the file's assumptions.month overrides it. */
  month?: string;
}

export interface DocumentMessage {
  type: 'document';
  /** The config the panel follows; null when the workspace has none. */
  uri: string | null;
  /** Its path relative to the workspace, for the heading. */
  label: string;
  text: string;
  version: number;
  settings: SettingsAssumptions;
  /** No config shown, and the workspace has some: the panel asks the user to pick one. */
  pick?: boolean;
}

/**
 * What the webview keeps with setState besides the PanelState: the last document it drew,
 * so that a panel brought back after a window reload shows it at once, before the host has
 * started and sent the current one.
 */
export interface DocumentSnapshot {
  uri: string | null;
  label: string;
  text: string;
  version: number;
  settings: SettingsAssumptions;
}

export interface WebviewSavedState extends PanelState {
  snapshot?: DocumentSnapshot;
}

export interface RestoreMessage {
  type: 'restore';
  state: PanelState;
}

export interface NoticeMessage {
  type: 'notice';
  /** "applied": the panel's overrides are now in the config, so the panel drops them. */
  kind: 'info' | 'error' | 'applied';
  text: string;
}

/** The "Export Comparison…" command or an export button: the webview answers with an `export` message that carries the token. */
export interface RequestExportMessage {
  type: 'requestExport';
  format: ExportFormat;
  target: ExportTarget;
  token: string;
}

/**
 * The catalog's data files, as the extension ships them: the panel analyzes with the same
 * catalog as the editor (every priced model, the open models' shapes). Sent once, before
 * the first document.
 */
export interface CatalogMessage {
  type: 'catalog';
  /** Also the refreshed prices, already validated by the extension, and the staleness line. */
  files: CatalogFileTexts;
}

export type HostMessage = DocumentMessage | RestoreMessage | NoticeMessage | RequestExportMessage | CatalogMessage;
