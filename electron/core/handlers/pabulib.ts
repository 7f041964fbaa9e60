import { createHash } from 'node:crypto';
import { ballotsFromNeeds } from '../../../shared/domain/allocation/need-ballots';
import { appendAudit } from '../audit/audit-log';
import { highsSolver } from '../solver/highs';
import { runScenarioWithInputs } from '../services/scenario-run';
import type { HandlerMap } from './types';
import { MAX_PB_BYTES } from '../../../shared/api/limits';

export const pabulibHandlers = {
  'scenarios.exportPb': async (args, caller, ctx) => {
    const { result, round, rows, voters } = await runScenarioWithInputs(ctx.store, args.scenarioId, highsSolver);
    const ballots = ballotsFromNeeds(voters, result.scenario.params.voterUnit);
    const synthetic = ctx.store.sqlite.prepare(`SELECT value FROM setting WHERE key = 'synthetic'`).get() as
      { value: string } | undefined;
    const base64 = await ctx.compute('pb.export', {
      result,
      projects: rows,
      ballots,
      fiscalYear: round.fiscalYear,
      synthetic: synthetic?.value === '1',
    });
    const fileName = `chipao-FY${round.fiscalYear}-scenario-${result.scenario.id}.pb.gz`;
    ctx.store.sqlite.transaction(() => {
      appendAudit(ctx.store.sqlite, caller.actor, 'scenario.exported_pb', {
        scenarioId: result.scenario.id,
        fileName,
        totalFunded: result.totalFunded,
        sha256: createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex'),
      });
    })();
    return {
      fileName,
      mimeType: 'application/gzip',
      base64,
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
