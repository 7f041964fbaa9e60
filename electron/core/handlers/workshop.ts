/**
 * Workshop sessions: the owner opens and closes them, the facilitator runs them, devices sign in, members read their
 * own sheet and everyone the projector. Roles and member binding are checked by the dispatcher before these run.
 */
import { AppError } from '../../../shared/api/errors';
import type { CoreContext, Caller } from '../context';
import { memberSheet, projectorView } from '../services/workshop-views';
import { workshopFor, type WorkshopIdentity } from '../services/workshop';
import type { HandlerMap } from './types';

/** Tells every screen the session changed (opened, closed, revealed, participants). */
function changed(ctx: CoreContext, sessionId: number): void {
  ctx.emit('workshop.changed', { sessionId });
}

function signedIn(caller: Caller, ctx: CoreContext): WorkshopIdentity {
  const who = caller.tokenHash ? workshopFor(ctx.store).identify(caller.tokenHash) : null;
  if (!who) {
    throw new AppError('SIGN_IN_REQUIRED', 'sign in to the workshop session first', 'กรุณาลงชื่อเข้าร่วมการประชุมก่อน');
  }
  return who;
}

export const workshopHandlers = {
  'workshop.interfaces': (_args, _caller, ctx) => workshopFor(ctx.store).interfaces(),
  'workshop.open': async (args, caller, ctx) => {
    const status = await workshopFor(ctx.store).open(args, caller.actor);
    changed(ctx, status.sessionId);
    return status;
  },
  'workshop.close': async (_args, caller, ctx) => {
    const workshop = workshopFor(ctx.store);
    const session = workshop.openSession();
    const result = await workshop.close(caller.actor);
    if (session) changed(ctx, session.id);
    return result;
  },
  'workshop.status': (_args, _caller, ctx) => workshopFor(ctx.store).status(),
  'workshop.setParticipant': async (args, caller, ctx) => {
    const status = await workshopFor(ctx.store).setParticipant(args, caller.actor);
    changed(ctx, status.sessionId);
    return status;
  },
  'workshop.removeParticipant': async (args, caller, ctx) => {
    const status = await workshopFor(ctx.store).removeParticipant(args.participantId, caller.actor);
    changed(ctx, status.sessionId);
    return status;
  },
  'workshop.issueCode': (args, caller, ctx) => workshopFor(ctx.store).issueCode(args.participantId, caller.actor),
  'workshop.reveal': async (args, caller, ctx) => {
    const status = await workshopFor(ctx.store).reveal(args.revealed, caller.actor);
    changed(ctx, status.sessionId);
    ctx.emit('allocation.changed', { roundId: status.roundId });
    return status;
  },
  'workshop.signIn': async (args, caller, ctx) => {
    const device = caller.address ?? caller.session ?? caller.transport;
    const result = await workshopFor(ctx.store).signIn(args, device, `${caller.actor} signing in as '${args.name}'`);
    const session = workshopFor(ctx.store).openSession();
    if (session) changed(ctx, session.id);
    return result;
  },
  'workshop.signOut': (_args, caller, ctx) => {
    const workshop = workshopFor(ctx.store);
    const signedOut = caller.tokenHash ? workshop.signOut(caller.tokenHash, caller.actor) : false;
    const session = workshop.openSession();
    if (session && signedOut) changed(ctx, session.id);
    return { signedOut };
  },
  'workshop.me': (_args, caller, ctx) => {
    const workshop = workshopFor(ctx.store);
    const session = workshop.openSession();
    const round = session
      ? (ctx.store.sqlite.prepare('SELECT name FROM round WHERE id = ?').get(session.round_id) as { name: string })
      : null;
    const who = caller.tokenHash ? workshop.identify(caller.tokenHash) : null;
    return {
      role: caller.role,
      participant:
        who && caller.participantId === who.participantId
          ? { id: who.participantId, name: who.name, memberId: who.memberId }
          : null,
      session: session && round ? { roundId: session.round_id, roundName: round.name, revealed: session.revealed === 1 } : null,
    };
  },
  'workshop.mySheet': (_args, caller, ctx) => memberSheet(ctx.store.sqlite, signedIn(caller, ctx)),
  'workshop.projector': (_args, _caller, ctx) => {
    const session = workshopFor(ctx.store).openSession();
    if (!session) throw new AppError('INVALID_STATE', 'no workshop session is open', 'ยังไม่ได้เปิดการประชุมเชิงปฏิบัติการ');
    return projectorView(ctx.store, session);
  },
} satisfies Partial<HandlerMap>;
