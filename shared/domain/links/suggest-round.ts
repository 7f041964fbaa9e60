/**
 * Suggestions for every proposal of a round in one pass over one index of the needs: the work behind
 * links.suggestAll, run on the compute worker with the inputs the main thread read in compact columns.
 */
import { buildNeedIndex, suggestFromIndex, type NeedTable } from './need-index';
import { proposalQuery } from './rank';

/** A proposal as read for the round's suggestions. */
export type RoundProposal = Readonly<{
  id: number;
  title: string;
  description: string;
  strategy: string;
  tambons: readonly string[];
  /** Needs already linked or rejected (never suggested again). */
  exclude: readonly number[];
}>;

export type RoundSuggestionItem = Readonly<{
  projectId: number;
  top: readonly Readonly<{ needId: number; score: number }>[];
}>;

/**
 * The best `limit` needs for each proposal, in the proposals' order; `progress(done)` is told every 50 proposals.
 * @example suggestForRound(table, proposals, 3)[0]?.top.length // at most 3
 */
export function suggestForRound(
  table: NeedTable,
  proposals: readonly RoundProposal[],
  limit: number,
  progress: (done: number) => void = () => {},
): RoundSuggestionItem[] {
  const index = buildNeedIndex(table);
  const out: RoundSuggestionItem[] = [];
  proposals.forEach((p, k) => {
    const ranked = suggestFromIndex(index, proposalQuery(p), limit, new Set(p.exclude));
    out.push({ projectId: p.id, top: ranked.map((r) => ({ needId: r.needId, score: r.score })) });
    if ((k + 1) % 50 === 0) progress(k + 1);
  });
  progress(proposals.length);
  return out;
}
