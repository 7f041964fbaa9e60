/**
 * Turns citizens' needs into Method-of-Equal-Shares ballots: every person (or household) who raised a need is
 * a voter approving the projects linked to that need. People whose needs link to the same set of projects
 * cast identical ballots, so they are merged into one weighted ballot: a province of 640,000 people costs no
 * more than the number of distinct project sets.
 */
import type { MesBallot } from './mes';

export type NeedLinks = Readonly<{ people: number; households: number; projectIds: readonly string[] }>;

export type VoterUnit = 'people' | 'households';

/**
 * Weighted ballots from needs, merged by identical approval sets. Needs that no project addresses still
 * count as voters with empty ballots: their equal share stays unspent, which is exactly what MES should show.
 * @example ballotsFromNeeds([{ people: 3, households: 1, projectIds: ['B', 'A'] }, { people: 2, households: 1, projectIds: ['A', 'B'] }], 'people')
 * // [{ weight: 5, approves: ['A', 'B'] }]
 */
export function ballotsFromNeeds(needs: readonly NeedLinks[], unit: VoterUnit): MesBallot[] {
  const merged = new Map<string, { weight: number; approves: string[] }>();
  for (const n of needs) {
    const weight = unit === 'people' ? n.people : n.households;
    if (!(weight > 0)) continue;
    const approves = [...new Set(n.projectIds)].sort();
    const key = approves.join('\u0000');
    const ballot = merged.get(key);
    if (ballot) ballot.weight += weight;
    else merged.set(key, { weight, approves });
  }
  return [...merged.keys()].sort().map((k) => merged.get(k)!);
}
