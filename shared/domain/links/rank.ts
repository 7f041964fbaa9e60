/**
 * How well a citizens' need fits a proposal, and the ranking of candidate needs, by the definition: every need is
 * scored on its own. This is the reference the indexed ranking (need-index.ts) must agree with; it is also what
 * a reader should look at to understand a score.
 *
 * score = 0.4 × same area + 0.3 × same category + 0.3 × text similarity, in [0, 1], where text similarity is the
 * share of the proposal's words (weighted by how rare each word is among the needs of the proposal's area) that
 * the need also uses. A need qualifies only when it shares the category or at least one word.
 */
import { inferCategories } from './categories';
import { thaiWords } from './thai-words';

export const LINK_WEIGHTS = { area: 0.4, category: 0.3, text: 0.3 } as const;

/** Why a need was suggested, so the screen can say it. */
export type SuggestionReasons = Readonly<{
  /** The need was raised in one of the proposal's tambons. */
  sameTambon: boolean;
  /** The need's category is one the proposal was inferred to answer. */
  sameCategory: boolean;
  /** Content words of the proposal the need also uses (sorted). */
  sharedWords: readonly string[];
}>;

export type RankedNeed = Readonly<{ needId: number; score: number; reasons: SuggestionReasons }>;

/** A proposal as the ranking sees it: its tambons, inferred categories and content words. */
export type ProposalQuery = Readonly<{ tambons: readonly string[]; categories: readonly string[]; words: readonly string[] }>;

/** A need as the ranking sees it. */
export type NeedDoc = Readonly<{
  id: number;
  tambon: string;
  category: string;
  words: readonly string[];
  people: number;
  timesRaised: number;
}>;

/**
 * A proposal's query from its text and areas: words of title and description, categories inferred from them.
 * @example proposalQuery({ title: 'โครงการก่อสร้างถนน', description: '', strategy: 'S1', tambons: ['190101'] }).categories // ['roads_transport']
 */
export function proposalQuery(
  p: Readonly<{ title: string; description: string; strategy: string; tambons: readonly string[] }>,
): ProposalQuery {
  const text = `${p.title} ${p.description}`;
  return { tambons: p.tambons, categories: inferCategories(text, p.strategy), words: [...thaiWords(text)].sort() };
}

/**
 * How rare a word is among the N needs of the area (df of them use it): ln(1 + N / df), df at least 1.
 * @example inverseFrequency(100, 1) > inverseFrequency(100, 50) // true
 */
export function inverseFrequency(poolSize: number, documentFrequency: number): number {
  return Math.log(1 + poolSize / Math.max(documentFrequency, 1));
}

/**
 * The score of one need from its three parts; the one formula both rankings use, so they agree to the bit.
 * @example linkScore(true, true, 1) // 1
 */
export function linkScore(sameTambon: boolean, sameCategory: boolean, textSimilarity: number): number {
  return (
    LINK_WEIGHTS.area * (sameTambon ? 1 : 0) + LINK_WEIGHTS.category * (sameCategory ? 1 : 0) + LINK_WEIGHTS.text * textSimilarity
  );
}

/** Suggestion order: higher score; then more people, more times raised, lower need id (deterministic). */
export function compareRanked(
  a: Readonly<{ score: number; people: number; timesRaised: number; id: number }>,
  b: Readonly<{ score: number; people: number; timesRaised: number; id: number }>,
): number {
  return b.score - a.score || b.people - a.people || b.timesRaised - a.timesRaised || a.id - b.id;
}

/**
 * Ranks needs for a proposal by definition (every need scored), best first, at most `limit`, skipping `exclude`
 * (needs already linked or rejected). Word rarity is counted over the needs in the proposal's area, excluded or not.
 * @example rankNeeds({ tambons: ['t1'], categories: ['water'], words: [] }, [{ id: 1, tambon: 't1', category: 'water', words: [], people: 3, timesRaised: 1 }], 5)[0]?.score // 0.7
 */
export function rankNeeds(
  query: ProposalQuery,
  needs: readonly NeedDoc[],
  limit: number,
  exclude: ReadonlySet<number> = new Set(),
): RankedNeed[] {
  const area = new Set(query.tambons);
  const categories = new Set(query.categories);
  const words = [...new Set(query.words)].sort();
  const asked = new Set(words);
  const pool = needs.filter((n) => area.has(n.tambon));
  const df = new Map<string, number>();
  for (const n of pool) {
    for (const w of new Set(n.words)) if (asked.has(w)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const idf = words.map((w) => inverseFrequency(pool.length, df.get(w) ?? 0));
  const total = idf.reduce((s, v) => s + v, 0);
  const scored: { score: number; people: number; timesRaised: number; id: number; reasons: SuggestionReasons }[] = [];
  for (const n of needs) {
    if (exclude.has(n.id)) continue;
    const own = new Set(n.words);
    let shared = 0;
    const sharedWords: string[] = [];
    words.forEach((w, i) => {
      if (!own.has(w)) return;
      shared += idf[i]!;
      sharedWords.push(w);
    });
    const sameCategory = categories.has(n.category);
    if (!sameCategory && sharedWords.length === 0) continue;
    const sameTambon = area.has(n.tambon);
    const score = linkScore(sameTambon, sameCategory, total > 0 ? shared / total : 0);
    scored.push({
      score,
      people: n.people,
      timesRaised: n.timesRaised,
      id: n.id,
      reasons: { sameTambon, sameCategory, sharedWords },
    });
  }
  return scored
    .sort(compareRanked)
    .slice(0, limit)
    .map((s) => ({ needId: s.id, score: s.score, reasons: s.reasons }));
}
