/**
 * Benchmarks and every figure of the seed's tables. Scores are keyed by canonical model
 * id; a model the seed gives no figure for has no entry (never a zero).
 */
import { SEED } from './models';
import type { BenchmarkDef, BenchmarkId, GapHistoryPoint, Score } from './types';

export const JAILBREAK_LEVELS = ['Low', 'Moderate', 'High'] as const;
export const CALIBRATION_LEVELS = ['Weak', 'Moderate', 'Good', 'Strong'] as const;
export const INSTRUCTION_LEVELS = ['Poor', 'Fair', 'Good', 'Excellent'] as const;

export const benchmarks: BenchmarkDef[] = [
  { id: 'mmlu', name: 'MMLU', category: 'knowledge', kind: 'percent', description: 'Massive Multitask Language Understanding, 5-shot: general knowledge across 57 subjects.' },
  { id: 'humaneval', name: 'HumanEval', category: 'code', kind: 'percent', description: 'Python function synthesis, pass@1 (%).' },
  { id: 'mbpp', name: 'MBPP', category: 'code', kind: 'percent', description: 'Mostly Basic Python Problems, pass rate (%).' },
  { id: 'gsm8k', name: 'GSM8K', category: 'math', kind: 'percent', description: 'Grade-school math word problems (%).' },
  { id: 'math500', name: 'MATH-500', category: 'math', kind: 'percent', description: '500 competition math problems from the MATH set (%).' },
  { id: 'aime2024', name: 'AIME 2024', category: 'math', kind: 'percent', description: 'American Invitational Mathematics Examination 2024 problems (%).' },
  { id: 'gpqaDiamond', name: 'GPQA Diamond', category: 'reasoning', kind: 'percent', description: 'Graduate-level, search-resistant science questions, hardest subset (%).' },
  { id: 'arcChallenge', name: 'ARC-Challenge', category: 'reasoning', kind: 'percent', description: 'AI2 Reasoning Challenge, hard set: grade-school science needing reasoning (%).' },
  { id: 'harmfulRefusal', name: 'Harmful request refusal', category: 'safety', kind: 'percent', description: 'Share of harmful requests the model refuses (%); "95%+" is stored as 95.' },
  {
    id: 'jailbreakResistance',
    name: 'Jailbreak resistance',
    category: 'safety',
    kind: 'level',
    description: 'How hard the model is to talk out of its safety training.',
    levels: [...JAILBREAK_LEVELS],
  },
  { id: 'truthfulqa', name: 'TruthfulQA', category: 'safety', kind: 'percent', description: 'Truthfulness on questions built to elicit common misconceptions.' },
  {
    id: 'calibration',
    name: 'Calibration quality',
    category: 'safety',
    kind: 'level',
    description: 'How well the model\'s confidence matches its accuracy.',
    levels: [...CALIBRATION_LEVELS],
  },
  {
    id: 'instructionFollowing',
    name: 'Instruction following',
    category: 'safety',
    kind: 'level',
    description: 'How faithfully the model follows instructions (the seed\'s safety table; numeric figures are in instructionFollowingGapScores).',
    levels: [...INSTRUCTION_LEVELS],
  },
  { id: 'toolUse', name: 'Tool use accuracy', category: 'agentic', kind: 'percent', description: '% of correct tool invocations on complex tasks.' },
  { id: 'multiStepPlanning', name: 'Multi-step planning', category: 'agentic', kind: 'percent', description: '% of plans that lead to correct outcome.' },
  { id: 'selfCorrection', name: 'Self-correction', category: 'agentic', kind: 'percent', description: '% of times model corrects its own errors when prompted.' },
  { id: 'chinese', name: 'Multilingual (Chinese)', category: 'multilingual', kind: 'percent', description: 'Chinese-language quality score from the seed\'s gap-by-domain table (the seed names no benchmark).' },
];

function pct(value: number, display?: string): Score {
  return display === undefined ? { value, ...SEED } : { value, display, ...SEED };
}

function level(levels: readonly string[], word: string): Score {
  const rank = levels.indexOf(word) + 1;
  if (rank === 0) throw new Error(`"${word}" is not one of ${levels.join(', ')}`);
  return { value: rank, display: word, ...SEED };
}

export const scores: Record<string, Partial<Record<BenchmarkId, Score>>> = {
  'gpt-4o': {
    mmlu: pct(88.7),
    humaneval: pct(90.2),
    mbpp: pct(88.5),
    gsm8k: pct(95.8),
    math500: pct(76.6),
    aime2024: pct(26.7),
    gpqaDiamond: pct(53.6),
    arcChallenge: pct(96.4),
    harmfulRefusal: pct(90, '90%+'),
    jailbreakResistance: level(JAILBREAK_LEVELS, 'High'),
    truthfulqa: pct(85.2),
    calibration: level(CALIBRATION_LEVELS, 'Good'),
    instructionFollowing: level(INSTRUCTION_LEVELS, 'Excellent'),
    toolUse: pct(85),
    multiStepPlanning: pct(80),
    selfCorrection: pct(72),
    chinese: pct(78.5),
  },
  'claude-3.5-sonnet': {
    mmlu: pct(88.3),
    humaneval: pct(92.0),
    mbpp: pct(87.8),
    gsm8k: pct(96.4),
    math500: pct(78.3),
    aime2024: pct(16.0),
    gpqaDiamond: pct(59.4),
    arcChallenge: pct(96.7),
    harmfulRefusal: pct(95, '95%+'),
    jailbreakResistance: level(JAILBREAK_LEVELS, 'High'),
    truthfulqa: pct(88.5),
    calibration: level(CALIBRATION_LEVELS, 'Strong'),
    instructionFollowing: level(INSTRUCTION_LEVELS, 'Excellent'),
    toolUse: pct(88),
    multiStepPlanning: pct(82),
    selfCorrection: pct(75),
  },
  'deepseek-v3': {
    mmlu: pct(88.5),
    humaneval: pct(92.7),
    mbpp: pct(90.1),
    gsm8k: pct(97.8),
    math500: pct(90.2),
    aime2024: pct(39.2),
    gpqaDiamond: pct(59.1),
    arcChallenge: pct(95.2),
    harmfulRefusal: pct(75, '75%'),
    jailbreakResistance: level(JAILBREAK_LEVELS, 'Moderate'),
    truthfulqa: pct(82.0),
    calibration: level(CALIBRATION_LEVELS, 'Moderate'),
    instructionFollowing: level(INSTRUCTION_LEVELS, 'Good'),
    toolUse: pct(78),
    multiStepPlanning: pct(74),
    selfCorrection: pct(65),
  },
  'llama-3.1-405b': {
    mmlu: pct(88.6),
    humaneval: pct(89.0),
    mbpp: pct(82.4),
    gsm8k: pct(96.8),
    math500: pct(73.8),
    aime2024: pct(23.3),
    gpqaDiamond: pct(51.1),
    arcChallenge: pct(93.2),
    harmfulRefusal: pct(80, '80%'),
    jailbreakResistance: level(JAILBREAK_LEVELS, 'Moderate'),
    truthfulqa: pct(78.4),
    calibration: level(CALIBRATION_LEVELS, 'Weak'),
    instructionFollowing: level(INSTRUCTION_LEVELS, 'Good'),
    toolUse: pct(72),
    multiStepPlanning: pct(68),
    selfCorrection: pct(58),
  },
  'qwen-2.5-72b': {
    mmlu: pct(85.3),
    humaneval: pct(86.6),
    mbpp: pct(88.2),
    chinese: pct(86.1),
  },
};

/**
 * Instruction following as numbers: the safety table gives only words (Excellent/Good),
 * while the seed's gap-by-domain table gives DeepSeek V3 85 and Claude 3.5 Sonnet 92.
 * Kept apart from `scores` so the level benchmark keeps one scale.
 */
export const instructionFollowingGapScores: Record<string, Score> = {
  'deepseek-v3': pct(85),
  'claude-3.5-sonnet': pct(92),
};

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
