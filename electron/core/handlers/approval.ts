/** Approval of a scenario under a committee resolution, the round's approvals, and reproduction of a frozen plan. */
import { AppError } from '../../../shared/api/errors';
import { appendAudit, auditHead } from '../audit/audit-log';
import type { Caller } from '../context';
import type { Store } from '../db/database';
import { approveScenario, findApproval, listApprovals } from '../services/approval';
import { loadRound } from '../services/ranking';
import { highsSolver } from '../solver/highs';
import { runningSyncJob } from '../sync/sync-jobs';
import type { HandlerMap } from './types';

/**
 * How often a device other than the owner's may re-run one approved plan: the re-run takes a compute worker (seconds
 * over a province's needs) and each is an audit event, while the frozen plan it checks cannot change in between.
 */
export const REPRODUCE_EVERY_MS = 60_000;

/** When each device last re-ran each plan, per database (a core's handlers share one store). */
const lastReproduced = new WeakMap<Store, Map<string, number>>();

/** Refuses a device's second re-run of one plan within {@link REPRODUCE_EVERY_MS}; the owner is never limited. */
function limitReproduce(store: Store, caller: Caller, approvalId: number, now = Date.now()): void {
  if (caller.role === 'owner') return;
  let seen = lastReproduced.get(store);
  if (!seen) lastReproduced.set(store, (seen = new Map()));
  const key = `${caller.participantId ?? caller.actor}:${approvalId}`;
  const last = seen.get(key);
  if (last !== undefined && now - last < REPRODUCE_EVERY_MS) {
    const seconds = Math.ceil((REPRODUCE_EVERY_MS - (now - last)) / 1000);
    throw new AppError(
      'RATE_LIMITED',
      `this plan was re-run from this device less than a minute ago (its approved plan cannot have changed since); try again in ${seconds} s`,
      `อุปกรณ์นี้เพิ่งคำนวณแผนนี้ซ้ำไปเมื่อไม่ถึงหนึ่งนาทีก่อน (แผนที่อนุมัติแล้วไม่เปลี่ยนในระหว่างนี้) กรุณาลองใหม่ในอีก ${seconds} วินาที`,
    );
  }
  for (const [k, at] of seen) if (now - at >= REPRODUCE_EVERY_MS) seen.delete(k);
  seen.set(key, now);
}

export const approvalHandlers = {
  'approvals.approve': async (args, caller, ctx) => {
    // A pull writes a page at a time: a plan frozen between two pages would hold needs half old, half new.
    const sync = runningSyncJob(ctx.store);
    if (sync) {
      throw new AppError(
        'INVALID_STATE',
        `a needs sync (${sync.label}) is running: approve once it has finished, so the plan freezes the needs as a whole sync left them`,
        `กำลังซิงก์ข้อมูลความต้องการ (${sync.label}) อยู่: กรุณาอนุมัติเมื่อการซิงก์เสร็จแล้ว เพื่อให้แผนเก็บข้อมูลความต้องการที่ซิงก์ครบทั้งชุด`,
      );
    }
    // The plan is frozen on the compute worker (seconds over a province's needs); the host records it.
    const outcome = await approveScenario(ctx.store, args, caller.actor, ctx.version, highsSolver, (approve) =>
      ctx.compute('approval.freeze', { dbPath: ctx.dataPath, approve, codeVersion: ctx.version }),
    );
    ctx.audit.changed();
    ctx.emit('scenario.changed', { roundId: outcome.approval.roundId, scenarioId: outcome.approval.scenarioId });
    // The round is approved with its plan.
    ctx.emit('round.changed', { roundId: outcome.approval.roundId });
    return outcome;
  },
  'approvals.forScenario': (args, _caller, ctx) => findApproval(ctx.store, args.scenarioId),
  'approvals.list': async (args, _caller, ctx) => {
    await loadRound(ctx.store, args.roundId);
    return listApprovals(ctx.store, args.roundId);
  },
  'approvals.reproduce': async (args, caller, ctx) => {
    limitReproduce(ctx.store, caller, args.approvalId);
    // Read back and re-run on the compute worker (seconds over a province's needs); the host records the check.
    const r = await ctx.compute('approval.reproduce', { dbPath: ctx.dataPath, approvalId: args.approvalId });
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
