/** Test helper of the importers: the error a read throws, of the kind expected. */
import { AppError } from '../../../shared/api/errors';

/**
 * The error of kind `kind` (AppError unless said) that `read` throws, failing the test when it reads, or throws
 * anything else.
 */
export function refused<E extends Error = AppError>(
  read: () => unknown,
  kind: abstract new (...args: never[]) => E = AppError as unknown as abstract new (...args: never[]) => E,
): E {
  try {
    read();
  } catch (e) {
    if (e instanceof kind) return e;
    throw e;
  }
  throw new Error('the file was read, not refused');
}
