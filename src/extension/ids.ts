/** Command ids, setting keys and selectors: the one place they are spelled. */
export const Commands = {
  recommendModel: 'llmCostLens.recommendModel',
  openComparison: 'llmCostLens.openComparison',
  explainFigure: 'llmCostLens.explainFigure',
  createConfig: 'llmCostLens.createConfig',
  exportComparison: 'llmCostLens.exportComparison',
  refreshPrices: 'llmCostLens.refreshPrices',
  refreshOffers: 'llmCostLens.refreshOffers',
  findModelUsage: 'llmCostLens.findModelUsage',
  importUsage: 'llmCostLens.importUsage',
  revealField: 'llmCostLens.revealField',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** The comparison panel's webview type, which its serializer is registered under. */
export const VIEW_TYPE = 'llmCostLens.comparison';

/** Context key for `when` clauses: true while the comparison panel is open. */
export const COMPARISON_OPEN_CONTEXT = 'llmCostLens.comparisonOpen';

export const SETTINGS_SECTION = 'llmCostLens';
export const DIAGNOSTIC_SOURCE = 'LLM Cost Lens';
export const CONFIG_FILE_NAME = 'llm.config.json';
export const CONFIG_GLOB = '**/llm.config.json';
export const CONFIG_SELECTOR = [{ pattern: CONFIG_GLOB }];

/** Documents that show a config's content but are not the config itself (diffs, output). */
const IGNORED_SCHEMES = new Set(['git', 'gitfs', 'output', 'debug', 'vscode-scm', 'conflictResolution', 'review', 'pr']);

export function isConfigUri(uri: { scheme: string; path: string }): boolean {
  if (IGNORED_SCHEMES.has(uri.scheme)) return false;
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return name.toLowerCase() === CONFIG_FILE_NAME;
}

interface UriParts {
  scheme: string;
  authority: string;
  path: string;
  query: string;
  fragment: string;
}

/**
 * Whether `uri` names an llm.config.json inside one of `folders`: the check for a URI the
 * user did not give (the panel's saved state, which its webview wrote). Anything unusual
 * is refused rather than interpreted: `.` or `..` segments, a query, a fragment.
 */
export function isWorkspaceConfigUri(uri: UriParts, folders: readonly Pick<UriParts, 'scheme' | 'authority' | 'path'>[]): boolean {
  if (!isConfigUri(uri) || uri.query !== '' || uri.fragment !== '') return false;
  if (uri.path.split('/').some((segment) => segment === '.' || segment === '..')) return false;
  return folders.some(
    (folder) =>
      folder.scheme === uri.scheme &&
      folder.authority.toLowerCase() === uri.authority.toLowerCase() &&
      uri.path.startsWith(folder.path.endsWith('/') ? folder.path : `${folder.path}/`),
  );
}
