import { createContext, useContext, useEffect, useRef } from 'react';
import type { Client } from '../../shared/api/client';
import type { EventMessage, EventName } from '../../shared/api/contract';
import type { AppTransport, ConnectionStatus } from './transport';

export type Api = Readonly<{
  client: Client;
  status: ConnectionStatus;
  /** Bumps after every reconnect: events may have been missed, so queries refetch. */
  epoch: number;
  /** Sends a file for an import (see renderer/app/upload.ts, which checks its size first). */
  upload: AppTransport['upload'];
}>;

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi outside <ApiProvider>');
  return value;
}

/** Calls `handler` for each pushed event whose name is in `names`; the latest handler is used without resubscribing. */
export function useApiEvent(names: readonly EventName[], handler: (message: EventMessage) => void): void {
  const { client } = useApi();
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  const key = names.join('|');
  useEffect(() => {
    const wanted = new Set(key.split('|'));
    return client.onEvent((message) => {
      if (wanted.has(message.event)) handlerRef.current(message);
    });
  }, [client, key]);
}
