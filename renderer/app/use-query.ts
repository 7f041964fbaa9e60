import { useCallback, useEffect, useRef, useState } from 'react';
import type { Args, EventMessage, EventName, MethodName, Results } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import { useApi, useApiEvent } from './api-context';
import { useNotify } from './notify-context';

export type Query<T> = Readonly<{
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}>;

type Options = Readonly<{
  /** Events after which the data is stale. */
  refetchOn?: readonly EventName[];
  /** Narrows `refetchOn` (e.g. only this round's events). */
  when?: (message: EventMessage) => boolean;
}>;

const noEvents: readonly EventName[] = [];

/**
 * Calls a read method and keeps its latest result; `args === null` means "not yet" (a dependency is
 * still loading). Errors go to the snackbar; data from a superseded call is dropped, so a slow answer
 * never overwrites a newer one.
 */
export function useQuery<M extends MethodName>(method: M, args: Args<M> | null, options: Options = {}): Query<Results[M]> {
  const { client, epoch } = useApi();
  const notify = useNotify();
  const [data, setData] = useState<Results[M] | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(args !== null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  // Args are compared by value so callers can pass object literals.
  const argsKey = args === null ? null : JSON.stringify(args);

  useEffect(() => {
    if (argsKey === null) return;
    const mine = ++seq.current;
    setLoading(true);
    void client.call(method, JSON.parse(argsKey) as Args<M>).then((result) => {
      if (mine !== seq.current) return;
      setLoading(false);
      if (result.ok) {
        setData(result.value);
        setError(undefined);
      } else {
        setError(result.error);
        notify.error(result.error);
      }
    });
  }, [client, method, argsKey, tick, epoch, notify]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const when = options.when;
  useApiEvent(options.refetchOn ?? noEvents, (message) => {
    if (!when || when(message)) reload();
  });

  return { data, error, loading, reload };
}
