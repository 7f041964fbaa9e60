/**
 * A proposal's evidence recomputed from the needs linked to it: how many people and households, in how many
 * villages, how often they asked, and what the request costs per person reached.
 */

/** A linked need as the evidence counts it. */
export type EvidenceNeed = Readonly<{
  tambon: string;
  village: number | null;
  category: string;
  people: number;
  households: number;
  timesRaised: number;
  /** Share of the need the proposal answers (project_need.coverage, 0–1). */
  coverage: number;
}>;

export type ProposalEvidence = Readonly<{
  needs: number;
  /** Σ people affected × coverage, rounded (as the ranking's "people reached" criterion counts it). */
  people: number;
  /** Σ households × coverage, rounded. */
  households: number;
  /** Distinct villages (tambon and village number; a need without a village number counts its tambon once). */
  villages: number;
  timesRaised: number;
  /** Requested satang per person reached, rounded; null when no one is reached. */
  costPerPerson: number | null;
  /** Linked needs per category, most first (then by category id). */
  byCategory: readonly Readonly<{ category: string; needs: number; people: number }>[];
}>;

/**
 * The evidence of a proposal requesting `requested` satang from its linked needs (none: all zero, cost null).
 * @example proposalEvidence(100_000, [{ tambon: 't', village: 1, category: 'water', people: 10, households: 3, timesRaised: 2, coverage: 1 }]).costPerPerson // 10000
 */
export function proposalEvidence(requested: number, linked: readonly EvidenceNeed[]): ProposalEvidence {
  let people = 0;
  let households = 0;
  let timesRaised = 0;
  const villages = new Set<string>();
  const byCategory = new Map<string, { needs: number; people: number }>();
  for (const n of linked) {
    people += n.people * n.coverage;
    households += n.households * n.coverage;
    timesRaised += n.timesRaised;
    villages.add(`${n.tambon}/${n.village ?? ''}`);
    const c = byCategory.get(n.category) ?? { needs: 0, people: 0 };
    c.needs += 1;
    c.people += n.people * n.coverage;
    byCategory.set(n.category, c);
  }
  const reached = Math.round(people);
  return {
    needs: linked.length,
    people: reached,
    households: Math.round(households),
    villages: villages.size,
    timesRaised,
    costPerPerson: reached > 0 ? Math.round(requested / reached) : null,
    byCategory: [...byCategory]
      .map(([category, c]) => ({ category, needs: c.needs, people: Math.round(c.people) }))
      .sort((a, b) => b.needs - a.needs || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)),
  };
}
