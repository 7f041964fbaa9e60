import { createHash } from 'node:crypto';
import { ballotsFromNeeds } from '../../../shared/domain/allocation/need-ballots';
import { appendAudit } from '../audit/audit-log';
import { highsSolver } from '../solver/highs';
import type { Store } from '../db/database';
import { findApproval, frozenContext, frozenResult, issuableFrozenPlan } from '../services/approval';
import { needVoters } from '../services/need-links';
import { runScenarioWithInputs } from '../services/scenario-run';
import { currentProjectPoints, frozenProjectPoints } from '../export/plan-source';
import type { LatLon } from '../../../shared/domain/import/coordinates';
import type { HandlerMap } from './types';

/**
 * What a scenario's .pb is written from: for an approved scenario its frozen inputs and result (the approved plan, as
 * the screen and the official documents show it, whatever changed since), for a draft today's run.
 */
async function pbInputs(
  store: Store,
  scenarioId: number,
): Promise<Awaited<ReturnType<typeof runScenarioWithInputs>> & { points: ReadonlyMap<number, LatLon> }> {
  const approval = findApproval(store, scenarioId);
  if (!approval) {
    const run = await runScenarioWithInputs(store, scenarioId, highsSolver);
    return { ...run, points: currentProjectPoints(store, run.round.id) };
  }
  const plan = issuableFrozenPlan(store, approval.id);
  const frozen = frozenContext(plan);
  return {
    result: frozenResult(plan),
    round: frozen.round,
    rows: frozen.rows,
    voters: needVoters(frozen),
    points: frozenProjectPoints(plan.parts),
  };
}
import { MAX_PB_BYTES } from '../../../shared/api/limits';

export const pabulibHandlers = {
  'scenarios.exportPb': async (args, caller, ctx) => {
    const { result, round, rows, voters, points } = await pbInputs(ctx.store, args.scenarioId);
    const ballots = ballotsFromNeeds(voters, result.scenario.params.voterUnit);
    const synthetic = ctx.store.sqlite.prepare(`SELECT value FROM setting WHERE key = 'synthetic'`).get() as
      { value: string } | undefined;
    const bytes = await ctx.compute('pb.export', {
      result,
      projects: rows,
      ballots,
      fiscalYear: round.fiscalYear,
      synthetic: synthetic?.value === '1',
      points: [...points].map(([id, p]) => ({ id, lat: p.lat, lon: p.lon })),
    });
    const fileName = `chipao-FY${round.fiscalYear}-scenario-${result.scenario.id}.pb.gz`;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    ctx.store.sqlite.transaction(() => {
      appendAudit(ctx.store.sqlite, caller.actor, 'scenario.exported_pb', {
        scenarioId: result.scenario.id,
        fileName,
        totalFunded: result.totalFunded,
        sha256,
      });
    })();
    const file = await ctx.downloads.putBytes(caller, { fileName, mimeType: 'application/gzip', bytes, sha256 });
    return {
      ...file,
      totalFunded: result.totalFunded,
      fundedCount: result.fundedCount,
    };
  },
  'pabulib.analyze': async (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller, MAX_PB_BYTES);
    try {
      return await ctx.compute('pb.analyze', { fileName: file.fileName, path: file.path });
    } finally {
      ctx.uploads.discard(file.id);
    }
  },
} satisfies Partial<HandlerMap>;
