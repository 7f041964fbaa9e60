/**
 * The one choke point every call passes: unknown method → who is calling (a workshop token resolved on every call,
 * so a closed session or a revoked token stops at once) → role check → schema validation → member binding and
 * hidden results → handler → `{ ok: true, value } | { ok: false, error }`. A bad call from any client is an error
 * value, never a crash, and internal exception text reaches only the owner's own screen.
 */
import { HIDDEN_UNTIL_REVEALED, isMethodName, roles, schemas, type MethodName } from '../../shared/api/contract';
import { AppError, type ErrorCode, type Result } from '../../shared/api/errors';
import { argsProblem } from './args-problem';
import type { Caller, CoreContext } from './context';
import { handlers } from './handlers';
import type { Handler } from './handlers/types';
import { workshopFor } from './services/workshop';

export type Dispatch = (method: unknown, args: unknown, caller: Caller) => Promise<Result<unknown>>;

/** Runs a read-only method elsewhere (the compute worker's read-only connection); see compute/read-replica.ts. */
export type OffThread = Readonly<{
  methods: ReadonlySet<MethodName>;
  call(method: MethodName, args: unknown, caller: Caller): Promise<unknown>;
}>;

/** Methods a connection whose sign-in ended may still call: to learn that, and to sign in again. */
const WITHOUT_SIGN_IN: ReadonlySet<MethodName> = new Set<MethodName>(['workshop.me', 'workshop.signIn']);

export function createDispatcher(
  ctx: CoreContext,
  log: (message: string, error: unknown) => void = defaultLog,
  offThread?: OffThread,
): Dispatch {
  const workshop = workshopFor(ctx.store);
  return async (method, args, connection) => {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method;
      return fail('UNKNOWN_METHOD', `unknown method '${shown}'`, `ไม่รู้จักคำสั่ง '${shown}'`);
    }
    const caller = identify(connection);
    if (!caller) {
      if (!WITHOUT_SIGN_IN.has(method)) {
        return fail(
          'SIGN_IN_REQUIRED',
          'your sign-in has ended (the session was closed or this device was signed out); sign in again',
          'การลงชื่อเข้าใช้ของท่านสิ้นสุดแล้ว (ปิดการประชุมหรือถูกนำออกจากระบบ) กรุณาลงชื่อเข้าใช้อีกครั้ง',
        );
      }
    }
    const who = caller ?? { ...connection, tokenHash: undefined };
    const allowed: readonly string[] = roles[method];
    if (!allowed.includes(who.role)) {
      if (who.role === 'guest') {
        return fail('SIGN_IN_REQUIRED', 'sign in to the workshop session first', 'กรุณาลงชื่อเข้าร่วมการประชุมก่อน');
      }
      return fail(
        'FORBIDDEN',
        `'${method}' is not allowed for role '${who.role}'`,
        `บทบาท '${ROLE_TH[who.role]}' ไม่มีสิทธิ์ใช้คำสั่ง '${method}'`,
      );
    }
    const parsed = schemas[method].safeParse(args ?? {});
    if (!parsed.success) {
      const problem = argsProblem(method, parsed.error.issues);
      return fail('BAD_ARGS', problem.en, problem.th);
    }
    const refused = bindingRefusal(method, parsed.data, who);
    if (refused) return { ok: false, error: refused.toApiError() };
    try {
      // The only cast: the method name selects both the schema that parsed the arguments and the handler.
      const handler = handlers[method] as Handler<MethodName>;
      const value: unknown = offThread?.methods.has(method)
        ? await offThread.call(method, parsed.data, who)
        : await handler(parsed.data as never, who, ctx);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toApiError() };
      if (isBusy(error)) {
        return fail(
          'INVALID_STATE',
          `${method}: the database is being written by a needs sync or import (applied all or nothing); try again when it has finished`,
          `${method}: กำลังนำเข้าข้อมูลความต้องการอยู่ (นำเข้าทั้งหมดหรือไม่นำเข้าเลย) กรุณาลองอีกครั้งเมื่อการนำเข้าเสร็จสิ้น`,
        );
      }
      log(`${method} failed`, error);
      // Internal exception text (paths, SQL) goes to the owner's own screen and the log, never to other devices.
      if (who.role !== 'owner') {
        return fail(
          'INTERNAL',
          `${method} failed (an internal error, logged on the host)`,
          `คำสั่ง ${method} ทำงานไม่สำเร็จ (ข้อผิดพลาดภายใน บันทึกไว้ที่เครื่องหลักแล้ว)`,
        );
      }
      const detail = error instanceof Error ? error.message : String(error);
      return fail('INTERNAL', `${method} failed: ${detail}`, `คำสั่ง ${method} ทำงานไม่สำเร็จ: ${detail}`);
    }
  };

  /**
   * The caller as the connection's workshop token says, resolved now; null when the connection offered a token
   * that no longer signs anyone in. The owner's own secret outranks any token.
   */
  function identify(connection: Caller): Caller | null {
    if (!connection.tokenHash || connection.role === 'owner') return connection;
    const who = workshop.identify(connection.tokenHash);
    if (!who) return null;
    const where = connection.address ?? connection.transport;
    return {
      ...connection,
      role: who.role,
      participantId: who.participantId,
      ...(who.memberId === null ? {} : { memberId: who.memberId }),
      // The audit trail names the signed-in person for every change they make.
      actor:
        who.memberId === null
          ? `${who.role}:${who.participantId} ${who.name}@${where}`
          : `member:${who.memberId} ${who.name}@${where}`,
    };
  }

  /** A member reads and writes only their own, assigned scores; members and observers see results once revealed. */
  function bindingRefusal(method: MethodName, args: unknown, who: Caller): AppError | null {
    if ((who.role === 'member' || who.role === 'observer') && HIDDEN_UNTIL_REVEALED.has(method) && workshop.hidesResults()) {
      return new AppError(
        'FORBIDDEN',
        'the results are hidden until the facilitator reveals them',
        'ผลการให้คะแนนจะแสดงเมื่อผู้ดำเนินการประชุมเปิดเผยผลแล้ว',
      );
    }
    if (who.role !== 'member') return null;
    const named = typeof args === 'object' && args !== null && 'memberId' in args ? args.memberId : undefined;
    if (named !== undefined && named !== who.memberId) {
      return new AppError(
        'FORBIDDEN',
        'you can see and score only your own sheet',
        'ท่านดูและให้คะแนนได้เฉพาะแบบให้คะแนนของท่านเองเท่านั้น',
      );
    }
    if (CELL_WRITES.has(method)) {
      // Every write to a cell (a score, its clearing, its comment) and a conflict declared on a project: only on the
      // projects and criteria assigned to the member (a declaration names the project alone).
      const { projectId, criterionId } = args as { projectId: number; criterionId?: number };
      // A member from the network always has a participant (guard.ts never gives 'member' without a token).
      if (who.participantId !== undefined && !workshop.mayScore(who.participantId, projectId, criterionId)) {
        return new AppError(
          'FORBIDDEN',
          'this project or criterion is not on your sheet',
          'โครงการหรือเกณฑ์นี้ไม่อยู่ในแบบให้คะแนนของท่าน',
        );
      }
    }
    return null;
  }
}

/** A member's writes to their sheet's cells, bound to the projects and criteria assigned to them. */
const CELL_WRITES: ReadonlySet<MethodName> = new Set<MethodName>([
  'scores.set',
  'scores.clear',
  'scores.comment',
  'scores.declareConflict',
]);

const ROLE_TH: Readonly<Record<Caller['role'], string>> = {
  owner: 'เจ้าของเครื่อง',
  facilitator: 'ผู้ดำเนินการประชุม',
  member: 'กรรมการ',
  observer: 'ผู้สังเกตการณ์',
  guest: 'ผู้ยังไม่ลงชื่อเข้าใช้',
};

function fail(code: ErrorCode, message: string, messageTh: string): Result<never> {
  return { ok: false, error: { code, message, messageTh } };
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[chipao] ${message}:`, error);
}

/** SQLite's "the database is locked": another connection (a sync's) holds the write lock. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
