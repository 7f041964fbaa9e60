/** What the links methods return (see shared/api/contract.ts: links.*). */
import type { ProposalEvidence } from './evidence';
import type { SuggestionReasons } from './rank';
import type { RoundSuggestionItem } from './suggest-round';

/** A citizens' need as the linking screen shows it. */
export type NeedSummary = Readonly<{
  id: number;
  title: string;
  tambonCode: string;
  villageNo: number | null;
  category: string;
  people: number;
  households: number;
  timesRaised: number;
  /** Satang; null when not estimated. */
  estimatedCost: number | null;
  status: 'active' | 'withdrawn';
}>;

export type LinkSuggestion = Readonly<{
  need: NeedSummary;
  score: number;
  reasons: SuggestionReasons;
  /**
   * How far the need's point lies from the proposal's, in kilometres, when both have one: said beside the reasons, not
   * part of the score (most needs have no point; a score must treat every need alike).
   */
  distanceKm?: number;
}>;

export type SuggestionsView = Readonly<{
  projectId: number;
  /** The need categories the proposal was inferred to answer. */
  categories: readonly string[];
  suggestions: readonly LinkSuggestion[];
}>;

export type LinkedNeed = NeedSummary &
  Readonly<{ origin: 'seed' | 'manual' | 'suggestion'; linkedAt: string | null; coverage: number }>;

/**
 * How many of a proposal's linked needs the linking screen lists (a province-wide proposal can have thousands: 8,000
 * rows took the screen 11 s and 785 MB to draw); the needs explorer lists them all (`#/needs?project=ID`).
 */
export const LINKED_NEEDS_SHOWN = 200;

export type ProjectLinksView = Readonly<{
  projectId: number;
  roundId: number;
  code: string;
  title: string;
  requested: number;
  evidenceChanged: boolean;
  /** The first {@link LINKED_NEEDS_SHOWN} linked needs, by tambon, village and id. */
  linked: readonly LinkedNeed[];
  /** How many needs are linked (withdrawn ones too). */
  linkedTotal: number;
  /** Every linked need's id (the manual search leaves them out). */
  linkedIds: readonly number[];
  /** Recomputed from the linked active needs (a proposal without any has needs = 0). */
  evidence: ProposalEvidence;
}>;

export type LinkChange = Readonly<{
  projectId: number;
  /** How many links (or rejections) were added or removed. */
  changed: number;
  /** Whether the proposal is now flagged "evidence changed" (it has scores and its links moved). */
  evidenceChanged: boolean;
}>;

export type RoundSuggestions = Readonly<{
  roundId: number;
  proposals: number;
  needs: number;
  seconds: number;
  items: readonly RoundSuggestionItem[];
}>;
