import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createClient } from '../../shared/api/client';
import { ApiContext, type Api } from './api-context';
import type { AppTransport, ConnectionStatus } from './transport';

export function ApiProvider({ transport, children }: { transport: AppTransport; children: ReactNode }) {
  const client = useMemo(() => createClient(transport), [transport]);
  const [status, setStatus] = useState<ConnectionStatus>(transport.status());
  const [epoch, setEpoch] = useState(0);

  useEffect(() => {
    const unsubscribe = transport.onStatus((next) => {
      setStatus(next);
      if (next === 'open') setEpoch((e) => e + 1);
    });
    // The socket may have opened between the first render and this subscription; do not stay "connecting".
    setStatus(transport.status());
    return unsubscribe;
  }, [transport]);

  const value = useMemo<Api>(() => ({ client, status, epoch, upload: transport.upload }), [client, status, epoch, transport]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}
