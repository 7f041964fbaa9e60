import { useCallback, useState } from 'react';
import type { Args, MethodName, Results } from '../../../shared/api/contract';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';

/**
 * Calls a changing method: errors go to the snackbar (in both languages, as data) and `busy` is true meanwhile.
 * Resolves to the result value, or undefined when the host refused.
 */
export function useCall(): Readonly<{
  busy: boolean;
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Results[M] | undefined>;
}> {
  const { client } = useApi();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const call = useCallback(
    async <M extends MethodName>(method: M, args: Args<M>): Promise<Results[M] | undefined> => {
      setBusy(true);
      try {
        const result = await client.call(method, args);
        if (!result.ok) {
          notify.error(result.error);
          return undefined;
        }
        return result.value;
      } finally {
        setBusy(false);
      }
    },
    [client, notify],
  );
  return { busy, call };
}
