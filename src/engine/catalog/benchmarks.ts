/**
 * The article's gap timeline and the GPQA figures of its introduction, for the panel and the
 * docs. The benchmarks and every score of its tables are in data/curated.json.
 */
import type { GapHistoryPoint } from './types';

/**
 * The introduction's GPQA figures disagree with the seed's own GPQA Diamond table
 * (Claude 3.5 Sonnet 59.4, DeepSeek V3 59.1): 53.6 is the table's GPT-4o figure, and 50.7
 * appears nowhere in the table (its Llama 3.1 405B figure is 51.1). The engine uses the table.
 */
export const INTRO_GPQA = {
  closed: 53.6,
  open: 50.7,
  tableClosed: { model: 'claude-3.5-sonnet', value: 59.4 },
  tableOpen: { model: 'deepseek-v3', value: 59.1 },
  explanation:
    'The introduction says closed models lead complex reasoning with GPQA 53.6% vs 50.7%, but the GPQA Diamond table ' +
    'gives Claude 3.5 Sonnet 59.4 and DeepSeek V3 59.1 (gap 0.3). 53.6 is GPT-4o\'s table figure; 50.7 matches no ' +
    'table figure (Llama 3.1 405B is 51.1). The catalog uses the table.',
} as const;

/** The seed's MMLU timeline, best closed vs best open. The 2025-06 row is the seed's estimate. */
export const gapHistory: GapHistoryPoint[] = [
  { date: '2023-03', label: 'GPT-4 launch', bestClosedMmlu: 86.4, bestClosedModel: 'GPT-4', bestOpenMmlu: 70.0, bestOpenModel: 'Llama 65B' },
  { date: '2023-07', label: 'Llama 2', bestClosedMmlu: 86.4, bestClosedModel: 'GPT-4', bestOpenMmlu: 68.9, bestOpenModel: 'Llama 2 70B' },
  { date: '2024-01', label: 'Mixtral', bestClosedMmlu: 86.4, bestClosedModel: 'GPT-4', bestOpenMmlu: 75.0, bestOpenModel: 'Mixtral 8x7B' },
  { date: '2024-04', label: 'Llama 3', bestClosedMmlu: 87.0, bestClosedModel: 'GPT-4 Turbo', bestOpenMmlu: 82.0, bestOpenModel: 'Llama 3 70B' },
  { date: '2024-07', label: 'Llama 3.1', bestClosedMmlu: 88.7, bestClosedModel: 'GPT-4o', bestOpenMmlu: 88.6, bestOpenModel: 'Llama 3.1 405B' },
  { date: '2024-12', label: 'DeepSeek V3', bestClosedMmlu: 88.7, bestClosedModel: 'GPT-4o', bestOpenMmlu: 88.5, bestOpenModel: 'DeepSeek V3' },
  { date: '2025-06', label: 'projected', bestClosedMmlu: 90.0, bestClosedModel: 'Estimated', bestOpenMmlu: 89.5, bestOpenModel: 'Estimated', projected: true },
];

/** Closed minus open MMLU, rounded to the seed's one decimal. */
export function historyGap(point: GapHistoryPoint): number {
  return Math.round((point.bestClosedMmlu - point.bestOpenMmlu) * 10) / 10;
}
