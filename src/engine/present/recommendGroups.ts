/**
 * Recommend's ranking in groups: the candidates rated on every requested benchmark first,
 * then each set of requirements the catalog has no figure for. Every surface that lists a
 * ranking (the CLI, the Recommend picker, the panel's Decision tab) groups and titles it so.
 */
import type { Recommendation } from '../decide/types';

export interface RecommendationGroup<R> {
  /** The requirements the group's rows are not rated on; empty for the rated group. */
  unrated: string[];
  /** Null for the rated group, else what the group is. */
  heading: string | null;
  rows: R[];
}

/** Groups rows in the order the ranking gives them (decide.ts sorts the rated first). */
export function recommendationGroups<R extends Pick<Recommendation, 'unrated'>>(rows: readonly R[]): RecommendationGroup<R>[] {
  const groups: RecommendationGroup<R>[] = [];
  for (const row of rows) {
    const unrated = row.unrated ?? [];
    const key = unrated.join(', ');
    let group = groups.find((g) => g.unrated.join(', ') === key);
    if (!group) {
      group = { unrated: [...unrated], heading: null, rows: [] };
      groups.push(group);
    }
    group.rows.push(row);
  }
  for (const g of groups) if (g.unrated.length) g.heading = unratedHeading(g.unrated, g.rows.length);
  return groups;
}

export function unratedHeading(unrated: readonly string[], count: number): string {
  return `Not rated for ${unrated.join(', ')} (${count}): no figure in the catalog, ranked by quality tier and cost`;
}
