/** Command ids, setting keys and selectors: the one place they are spelled. */
export const Commands = {
  recommendModel: 'llmCostLens.recommendModel',
  openComparison: 'llmCostLens.openComparison',
  explainFigure: 'llmCostLens.explainFigure',
  createConfig: 'llmCostLens.createConfig',
} as const;

export const CONFIG_FILE_NAME = 'llm.config.json';
export const CONFIG_GLOB = '**/llm.config.json';
export const CONFIG_SELECTOR = [{ pattern: CONFIG_GLOB }];
