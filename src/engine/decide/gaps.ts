/**
 * The article's gap-by-domain table, computed from the catalog's scores: in each domain, the
 * best closed and the best open model and the points between them. A pure function of the
 * catalog; the recommendations are in decide.ts.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog';
import type { BenchmarkId, ModelCard, Score } from '../catalog/types';

export type GapDomainId =
  | 'general_knowledge'
  | 'coding'
  | 'math'
  | 'safety'
  | 'instruction_following'
  | 'multilingual_chinese'
  | 'long_context'
  | 'agentic_tool_use';

export interface DomainLeader {
  model: string;
  name: string;
  value: number;
  display: string;
}

export interface DomainGap {
  domain: GapDomainId;
  title: string;
  /** What was compared: a benchmark name, or "context length". */
  measure: string;
  bestOpen: DomainLeader;
  bestClosed: DomainLeader;
  /** Closed minus open, in points; for long context, closed ÷ open context length. */
  gap: number;
  unit: 'points' | 'ratio';
  leader: 'open' | 'closed' | 'tie';
  /** The gap as the article’s gap_by_domain code gives it (the summary table's wording where the code has none). */
  seedGap: number | string;
  /** The article’s "Capability Gap Summary" row and gap_by_domain status, as printed. */
  seedSummary: SeedGapSummary;
  /** Id of the article note that explains a disagreement with the article’s figure. */
  seedNote?: string;
}

export interface SeedGapSummary {
  leader: string;
  gapSize: string;
  trend: string;
  /** gap_by_domain's status; the agentic row is only in the summary table. */
  status?: string;
}

/** The article calls 0.1–0.2 points "within noise" and 0.7 a lead. */
export const TIE_THRESHOLD_POINTS = 0.5;

type ValueOf = (cat: Catalog, model: ModelCard) => Score | undefined;

interface DomainSpec {
  domain: GapDomainId;
  title: string;
  measure: string;
  unit: 'points' | 'ratio';
  valueOf: ValueOf;
  seedGap: number | string;
  seedSummary: SeedGapSummary;
  seedNote?: string;
}

const benchmarkValue = (id: BenchmarkId): ValueOf => (cat, model) => cat.scores[model.id]?.[id];

const contextValue: ValueOf = (_cat, model) =>
  model.contextTokens > 0 ? { value: model.contextTokens, display: formatContext(model.contextTokens), source: model.source, asOf: model.asOf } : undefined;

// Built on first use: the table calls functions, so a bundler could not drop it otherwise.
const gapDomains = (): DomainSpec[] => [
  {
    domain: 'general_knowledge',
    title: 'General knowledge (MMLU)',
    measure: 'MMLU',
    unit: 'points',
    valueOf: benchmarkValue('mmlu'),
    seedGap: 0.2,
    seedSummary: { leader: 'Tie', gapSize: '0.2 points', trend: 'Closed', status: 'closed' },
    seedNote: 'mmlu-best-open',
  },
  {
    domain: 'coding',
    title: 'Coding (HumanEval)',
    measure: 'HumanEval',
    unit: 'points',
    valueOf: benchmarkValue('humaneval'),
    seedGap: -0.7,
    seedSummary: { leader: 'Open (DeepSeek V3)', gapSize: 'Open leads by 0.7', trend: 'Narrowed, now reversed', status: 'open leads' },
  },
  {
    domain: 'math',
    title: 'Math (MATH-500)',
    measure: 'MATH-500',
    unit: 'points',
    valueOf: benchmarkValue('math500'),
    seedGap: -11.9,
    seedSummary: { leader: 'Open (DeepSeek V3)', gapSize: 'Open leads by 12', trend: 'Open pulled ahead', status: 'open leads significantly' },
  },
  {
    domain: 'safety',
    title: 'Safety/alignment',
    measure: 'Harmful request refusal',
    unit: 'points',
    valueOf: benchmarkValue('harmfulRefusal'),
    seedGap: 15,
    seedSummary: { leader: 'Closed (Claude)', gapSize: 'Closed leads by 15%', trend: 'Persistent gap', status: 'closed leads significantly' },
  },
  {
    domain: 'instruction_following',
    title: 'Instruction following',
    measure: 'Instruction following (gap-table figures)',
    unit: 'points',
    valueOf: (cat, model) => cat.instructionFollowingGapScores[model.id],
    seedGap: 7,
    seedSummary: { leader: 'Closed (Claude)', gapSize: 'Closed leads by 7%', trend: 'Narrowing slowly', status: 'closed leads' },
  },
  {
    domain: 'multilingual_chinese',
    title: 'Multilingual (Chinese)',
    measure: 'Chinese',
    unit: 'points',
    valueOf: benchmarkValue('chinese'),
    seedGap: -7.6,
    seedSummary: { leader: 'Open (Qwen)', gapSize: 'Open leads by 7.6', trend: 'Open dominates', status: 'open leads' },
  },
  {
    domain: 'long_context',
    title: 'Long context',
    measure: 'context length',
    unit: 'ratio',
    valueOf: contextValue,
    seedGap: '8x context length advantage for closed',
    seedSummary: { leader: 'Closed (Gemini)', gapSize: '8x context advantage', trend: 'Narrowing (128K vs 1M)', status: 'closed leads on length' },
  },
  {
    domain: 'agentic_tool_use',
    title: 'Agentic/tool use',
    measure: 'Tool use accuracy',
    unit: 'points',
    valueOf: benchmarkValue('toolUse'),
    seedGap: 'Closed leads by ~10%',
    seedSummary: { leader: 'Closed (Claude)', gapSize: 'Closed leads by ~10%', trend: 'Narrowing' },
  },
];

/** The article’s gap table, recomputed from the scores of the models the article discusses. */
export function gapByDomain(cat: Catalog = bundledCatalog): DomainGap[] {
  const seedModels = cat.models.filter((m) => m.generation === 'seed' && !m.projected);
  const open = seedModels.filter((m) => m.access === 'open-weight');
  const closed = seedModels.filter((m) => m.access === 'api-only');
  const gaps: DomainGap[] = [];
  for (const spec of gapDomains()) {
    const bestOpen = bestOf(cat, open, spec.valueOf);
    const bestClosed = bestOf(cat, closed, spec.valueOf);
    if (!bestOpen || !bestClosed) continue;
    const gap =
      spec.unit === 'ratio' ? bestClosed.value / bestOpen.value : Math.round((bestClosed.value - bestOpen.value) * 10) / 10;
    const lead = spec.unit === 'ratio' ? Math.log(gap) : gap;
    const leader = spec.unit === 'points' && Math.abs(gap) < TIE_THRESHOLD_POINTS ? 'tie' : lead > 0 ? 'closed' : lead < 0 ? 'open' : 'tie';
    gaps.push({
      domain: spec.domain,
      title: spec.title,
      measure: spec.measure,
      bestOpen,
      bestClosed,
      gap,
      unit: spec.unit,
      leader,
      seedGap: spec.seedGap,
      seedSummary: spec.seedSummary,
      ...(spec.seedNote ? { seedNote: spec.seedNote } : {}),
    });
  }
  return gaps;
}

/**
 * The highest value; ties go to the model stronger on the article’s headline benchmarks
 * (MMLU, HumanEval, MATH-500), then to the one that reached the figure first. That is how
 * the article’s long-context row names DeepSeek V3 among the 128K models and Gemini 1.5 Pro
 * among the 1M ones.
 */
function bestOf(cat: Catalog, models: ModelCard[], valueOf: ValueOf): DomainLeader | undefined {
  const rated = models
    .map((model) => ({ model, score: valueOf(cat, model) }))
    .filter((r): r is { model: ModelCard; score: Score } => r.score !== undefined);
  rated.sort(
    (a, b) =>
      b.score.value - a.score.value ||
      headlineStrength(cat, b.model) - headlineStrength(cat, a.model) ||
      (a.model.availableSince ?? '9999').localeCompare(b.model.availableSince ?? '9999'),
  );
  const top = rated[0];
  if (!top) return undefined;
  return { model: top.model.id, name: top.model.name, value: top.score.value, display: top.score.display ?? String(top.score.value) };
}

const HEADLINE_BENCHMARKS: BenchmarkId[] = ['mmlu', 'humaneval', 'math500'];

function headlineStrength(cat: Catalog, model: ModelCard): number {
  const values = HEADLINE_BENCHMARKS.map((b) => cat.scores[model.id]?.[b]?.value).filter((v): v is number => v !== undefined);
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : -Infinity;
}

/** A context length as the tables write it: 128K, 1M. */
export function formatContext(tokens: number): string {
  return tokens >= 1_000_000 ? `${trimNumber(tokens / 1_000_000)}M` : `${trimNumber(tokens / 1000)}K`;
}

function trimNumber(n: number): string {
  return String(Math.round(n * 10) / 10);
}
