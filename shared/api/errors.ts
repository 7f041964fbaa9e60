/** Stable error codes that cross the API boundary as data, never as thrown exceptions. */
export const ERROR_CODES = [
  'UNKNOWN_METHOD',
  'BAD_ARGS',
  'FORBIDDEN',
  'NOT_FOUND',
  'SYNC_REJECTED',
  'IMPORT_REJECTED',
  'SCORE_OUT_OF_RANGE',
  'VERSION_CONFLICT',
  'INVALID_STATE',
  'DB_NEWER',
  // A SQLite file of another program (tables, no ChiPao schema version): refused untouched, never migrated.
  'DB_FOREIGN',
  'TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL',
  // Needs sync (sync/https-pull.ts, sync/sync-jobs.ts): a feed that could not be read, a sync the user stopped.
  'SOURCE_UNAVAILABLE',
  'CANCELLED',
  // Workshop sessions (issue 11): the caller's sign-in ended (session closed, token revoked or expired): sign in again.
  'SIGN_IN_REQUIRED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem in an input file: where it is and what is wrong, in both languages. */
export type InputProblem = Readonly<{
  line: number;
  column?: string;
  /** A stable problem code (`BAD_UTF8`, `UNKNOWN_TAMBON`, …; see shared/domain/import/problems.ts). */
  code?: string;
  en: string;
  th: string;
}>;

/** An error as data: a stable code, an English and a Thai message, and optional structured detail. */
export type ApiError = Readonly<{
  code: ErrorCode;
  message: string;
  messageTh: string;
  problems?: readonly InputProblem[];
}>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside handlers; the dispatcher turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageTh: string;
  readonly problems: readonly InputProblem[] | undefined;

  constructor(code: ErrorCode, en: string, th: string, problems?: readonly InputProblem[]) {
    super(en);
    this.name = 'AppError';
    this.code = code;
    this.messageTh = th;
    this.problems = problems;
  }

  toApiError(): ApiError {
    return this.problems
      ? { code: this.code, message: this.message, messageTh: this.messageTh, problems: this.problems }
      : { code: this.code, message: this.message, messageTh: this.messageTh };
  }
}
