/**
 * The one choke point every call passes: unknown method → role check → schema validation → handler →
 * `{ ok: true, value } | { ok: false, error }`. A bad call from any client is an error value, never a crash.
 */
import { isMethodName, roles, schemas, type MethodName } from '../../shared/api/contract';
import { AppError, type Result } from '../../shared/api/errors';
import type { Caller, CoreContext } from './context';
import { handlers } from './handlers';
import type { Handler } from './handlers/types';

export type Dispatch = (method: unknown, args: unknown, caller: Caller) => Promise<Result<unknown>>;

/** Runs a read-only method elsewhere (the compute worker's read-only connection); see compute/read-replica.ts. */
export type OffThread = Readonly<{
  methods: ReadonlySet<MethodName>;
  call(method: MethodName, args: unknown, caller: Caller): Promise<unknown>;
}>;

export function createDispatcher(
  ctx: CoreContext,
  log: (message: string, error: unknown) => void = defaultLog,
  offThread?: OffThread,
): Dispatch {
  return async (method, args, caller) => {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method;
      return fail('UNKNOWN_METHOD', `unknown method '${shown}'`, `ไม่รู้จักคำสั่ง '${shown}'`);
    }
    const allowed: readonly string[] = roles[method];
    if (!allowed.includes(caller.role)) {
      return fail(
        'FORBIDDEN',
        `'${method}' is not allowed for role '${caller.role}'`,
        `บทบาท '${caller.role}' ไม่มีสิทธิ์ใช้คำสั่ง '${method}'`,
      );
    }
    const parsed = schemas[method].safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : '(arguments)';
      return fail('BAD_ARGS', `${method}: ${where}: ${issue?.message ?? 'invalid'}`, `${method}: ข้อมูล '${where}' ไม่ถูกต้อง`);
    }
    try {
      // The only cast: the method name selects both the schema that parsed the arguments and the handler.
      const handler = handlers[method] as Handler<MethodName>;
      const value: unknown = offThread?.methods.has(method)
        ? await offThread.call(method, parsed.data, caller)
        : await handler(parsed.data as never, caller, ctx);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toApiError() };
      log(`${method} failed`, error);
      // Internal exception text (paths, SQL) goes to the owner's own screen and the log, never to other devices.
      if (caller.role !== 'owner') {
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
}

function fail(code: 'UNKNOWN_METHOD' | 'FORBIDDEN' | 'BAD_ARGS' | 'INTERNAL', message: string, messageTh: string): Result<never> {
  return { ok: false, error: { code, message, messageTh } };
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[chipao] ${message}:`, error);
}
