/**
 * A typed client over any transport: Electron IPC (preload bridge) or a WebSocket to the host.
 * The renderer gets one at boot and calls `client.call('needs.sync', {...})`.
 */
import type { Args, EventMessage, MethodName, Results } from './contract';
import type { Result } from './errors';

/** What a transport must provide: one untyped call and an event subscription. */
export type Transport = Readonly<{
  kind: 'ipc' | 'websocket';
  call(method: string, args: unknown): Promise<Result<unknown>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}>;

export type Client = Readonly<{
  kind: Transport['kind'];
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<Results[M]>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}>;

/**
 * Wraps a transport in the typed API.
 * @example const r = await createClient(t).call('rounds.list', {}); if (r.ok) console.log(r.value.length);
 */
export function createClient(transport: Transport): Client {
  return {
    kind: transport.kind,
    call: <M extends MethodName>(method: M, args: Args<M>) => transport.call(method, args) as Promise<Result<Results[M]>>,
    onEvent: (listener) => transport.onEvent(listener),
  };
}
