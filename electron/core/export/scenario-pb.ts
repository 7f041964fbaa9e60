/**
 * A scenario as a Pabulib `.pb` file, so that outsiders can check our results with their own tools
 * (pabutools, pabulib.org): projects with their costs in baht, one approval ballot per person (or household)
 * who raised a need, approving the projects linked to that need, and the scenario's funded set as `selected`.
 * project_id is the app's numeric project id, so pabutools' tie-breaking (smallest id as a string) sees the
 * same order ours does; the project code is in `name`. Proposals that have a point give it as `latitude` and `longitude`
 * (Pabulib's own columns; `none` for the others), when any does.
 */
import { gzipSync } from 'node:zlib';
import { make } from '../../../shared/domain/allocation/rational';
import type { MesBallot } from '../../../shared/domain/allocation/mes';
import { writePb, type PbInstance } from '../../../shared/domain/pabulib/pb-format';
import type { ProjectRow, ScenarioResult } from '../../../shared/api/types';

const RULE_META = { greedy: 'greedy', optimum: 'maxwelfare', mes: 'equalshares/add1' } as const;

export function scenarioToPb(
  input: Readonly<{
    result: ScenarioResult;
    projects: readonly ProjectRow[];
    ballots: readonly MesBallot[];
    fiscalYear: number;
    synthetic: boolean;
    /** The projects' points, by project id (those that have one). */
    points?: readonly Readonly<{ id: number; lat: number; lon: number }>[];
  }>,
): Buffer {
  const { result } = input;
  const pointOf = new Map((input.points ?? []).map((p) => [p.id, p]));
  const funded = new Map(result.rows.map((r) => [r.projectId, r.funded]));
  const votes: { voterId: string; vote: string[] }[] = [];
  let voter = 0;
  for (const b of input.ballots) {
    for (let i = 0; i < b.weight; i++) votes.push({ voterId: String(++voter), vote: [...b.approves] });
  }
  const instance: PbInstance = {
    meta: {
      description: `ChiPao scenario "${result.scenario.name}" (${result.scenario.rule}); voters = ${result.scenario.params.voterUnit} who raised needs${input.synthetic ? '; SYNTHETIC sample data' : ''}`,
      country: 'Thailand',
      unit: 'Saraburi',
      instance: `FY${input.fiscalYear}`,
      num_projects: String(input.projects.length),
      num_votes: String(votes.length),
      budget: (result.budget / 100).toFixed(2),
      vote_type: 'approval',
      rule: RULE_META[result.scenario.rule],
      currency: 'THB',
      language: 'th',
    },
    projects: input.projects.map((p) => ({
      id: String(p.id),
      cost: make(BigInt(p.requested), 100n),
      fields: {
        name: `${p.code} ${p.title}`,
        category: p.strategy,
        // The district it lies in; a proposal over several districts or the whole province names the province.
        target: p.districtCode ?? '19',
        selected: (funded.get(p.id) ?? 0) > 0 ? '1' : '0',
        score: p.composite.toFixed(4),
        ...(pointOf.size > 0
          ? { latitude: pointOf.get(p.id)?.lat.toString() ?? '', longitude: pointOf.get(p.id)?.lon.toString() ?? '' }
          : {}),
      },
    })),
    votes,
  };
  return gzipSync(Buffer.from(writePb(instance), 'utf8'));
}
