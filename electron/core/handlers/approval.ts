/** Approval of a scenario under a committee resolution, the round's approvals, and reproduction of a frozen plan. */
import { appendAudit, auditHead } from '../audit/audit-log';
import { approveScenario, findApproval, listApprovals, reproduceApproval } from '../services/approval';
import { loadRound } from '../services/ranking';
import { highsSolver } from '../solver/highs';
import type { HandlerMap } from './types';

export const approvalHandlers = {
  'approvals.approve': async (args, caller, ctx) => {
    const outcome = await approveScenario(ctx.store, args, caller.actor, ctx.version, highsSolver);
    ctx.audit.changed();
    ctx.emit('scenario.changed', { roundId: outcome.approval.roundId, scenarioId: outcome.approval.scenarioId });
    return outcome;
  },
  'approvals.forScenario': (args, _caller, ctx) => findApproval(ctx.store, args.scenarioId),
  'approvals.list': async (args, _caller, ctx) => {
    await loadRound(ctx.store, args.roundId);
    return listApprovals(ctx.store, args.roundId);
  },
  'approvals.reproduce': async (args, caller, ctx) => {
    const r = await reproduceApproval(ctx.store, args.approvalId, highsSolver);
    const ok = r.manifestOk && r.identical === true;
    const chain = ctx.store.sqlite.transaction(() => {
      appendAudit(ctx.store.sqlite, caller.actor, 'plan.reproduced', {
        approvalId: r.approval.id,
        scenarioId: r.approval.scenarioId,
        ok,
        manifestSha256: r.approval.manifestSha256,
        recomputedSha256: r.recomputedSha256,
        tampered: r.tampered.map((t) => t.part),
        identical: r.identical,
      });
      return auditHead(ctx.store.sqlite);
    })();
    ctx.audit.changed();
    return {
      approvalId: r.approval.id,
      scenarioId: r.approval.scenarioId,
      ok,
      manifestOk: r.manifestOk,
      manifestSha256: r.approval.manifestSha256,
      recomputedSha256: r.recomputedSha256,
      tampered: r.tampered,
      identical: r.identical,
      differences: r.differences,
      rerunMs: r.rerunMs,
      chainLength: chain.length,
      chainHead: chain.head,
    };
  },
} satisfies Partial<HandlerMap>;
