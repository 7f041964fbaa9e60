/**
 * Generated MES elections for the allocation benchmarks, each from a fixed seed (the same on every machine; nothing
 * large is stored in the repository).
 */
import type { PbInstance, PbProject, PbVote } from '../../../shared/domain/pabulib/pb-format';
import { parsePb, writePb } from '../../../shared/domain/pabulib/pb-format';
import type { MesBallot, MesProject } from '../../../shared/domain/allocation/mes';
import * as Q from '../../../shared/domain/allocation/rational';

/** Tiny deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type BigCityShape = Readonly<{
  seed: number;
  budget: number;
  voters: number;
  projects: number;
  categories: number;
  maxApprovals: number;
}>;

/** The shape of a large real city election: budget 1,000,000,000 in small units, 30,000 voters, 175 projects. */
export const BIG_CITY: BigCityShape = {
  seed: 1_000_000_007,
  budget: 1_000_000_000,
  voters: 30_000,
  projects: 175,
  categories: 7,
  maxApprovals: 15,
};

/**
 * A city election in `.pb` text: projects in categories with log-uniform costs (100,000 to 80,000,000 units), each
 * voter favours one or two categories and approves 1..maxApprovals projects, mostly from them, popular ones more often.
 * Written with the Pabulib writer, so the benchmark reads it back like a real file.
 */
export function bigCityPb(shape: BigCityShape = BIG_CITY): string {
  const rnd = mulberry32(shape.seed);
  const projects: PbProject[] = [];
  const byCategory: number[][] = Array.from({ length: shape.categories }, () => []);
  const popularity: number[] = [];
  for (let i = 0; i < shape.projects; i++) {
    const category = i % shape.categories;
    byCategory[category]!.push(i);
    const cost = Math.round(100_000 * Math.exp(rnd() * Math.log(800)));
    popularity.push(0.05 + rnd() ** 2);
    projects.push({ id: String(i + 1), cost: Q.fromInt(cost), fields: { category: `c${category + 1}` } });
  }
  const votes: PbVote[] = [];
  for (let v = 0; v < shape.voters; v++) {
    const favourite = [Math.floor(rnd() * shape.categories)];
    if (rnd() < 0.5) favourite.push(Math.floor(rnd() * shape.categories));
    const want = 1 + Math.floor(rnd() ** 1.5 * shape.maxApprovals);
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < want && tries < want * 20; tries++) {
      const pool = rnd() < 0.85 ? byCategory[favourite[Math.floor(rnd() * favourite.length)]!]! : null;
      const i = pool ? pool[Math.floor(rnd() * pool.length)]! : Math.floor(rnd() * shape.projects);
      if (rnd() < popularity[i]!) chosen.add(i);
    }
    votes.push({ voterId: String(v + 1), vote: [...chosen].map((i) => String(i + 1)) });
  }
  const instance: PbInstance = {
    meta: {
      description: 'generated city election (benchmark)',
      num_projects: String(shape.projects),
      num_votes: String(shape.voters),
      budget: String(shape.budget),
      vote_type: 'approval',
      rule: 'equalshares/add1',
      max_length: String(shape.maxApprovals),
    },
    projects,
    votes,
  };
  return writePb(instance);
}

/** The city election parsed back from its `.pb` text. */
export function bigCityInstance(shape: BigCityShape = BIG_CITY): PbInstance {
  return parsePb(bigCityPb(shape));
}

/**
 * Needs at province scale: `needs` needs, each raised by 1..40 people, linked to 1..3 of `proposals` proposals of its
 * district (40 districts); people whose needs link to the same proposals form one ballot weighted by people.
 * Costs in satang (100,000 to 5,000,000 baht), budget a third of the total asked.
 */
export function provinceNeeds(
  seed = 20_260_101,
  needs = 1_000_000,
  proposals = 5_000,
): { projects: MesProject[]; ballots: MesBallot[]; budget: Q.Rational; increment: Q.Rational } {
  const rnd = mulberry32(seed);
  const districts = 40;
  const costs: number[] = [];
  const projects: MesProject[] = [];
  let asked = 0;
  for (let i = 0; i < proposals; i++) {
    const cost = Math.round(100_000 * Math.exp(rnd() * Math.log(50))) * 100;
    costs.push(cost);
    asked += cost;
    projects.push({ id: `P${String(i).padStart(5, '0')}`, cost: Q.fromInt(cost) });
  }
  const perDistrict = Math.floor(proposals / districts);
  const ballots = new Map<string, { weight: number; approves: string[] }>();
  for (let n = 0; n < needs; n++) {
    const d = Math.floor(rnd() * districts);
    const k = 1 + Math.floor(rnd() * rnd() * 3);
    const linked = new Set<number>();
    for (let j = 0; j < k; j++) linked.add(d * perDistrict + Math.floor(rnd() ** 2 * perDistrict));
    const people = 1 + Math.floor(rnd() ** 3 * 40);
    // One need in ten links to no proposal yet: its people still count, with empty ballots.
    const approves = rnd() < 0.1 ? [] : [...linked].sort((a, b) => a - b).map((i) => projects[i]!.id);
    const key = approves.join(',');
    const b = ballots.get(key);
    if (b) b.weight += people;
    else ballots.set(key, { weight: people, approves });
  }
  return {
    projects,
    ballots: [...ballots.values()],
    budget: Q.fromInt(Math.round(asked / 3 / 100) * 100),
    increment: Q.fromInt(100),
  };
}
