/**
 * The bridge between the sandboxed renderer and the main process: exactly `call` and `onEvent`, on fixed
 * channels. The renderer never sees ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CALL = 'chipao:call';
const EVENT = 'chipao:event';

contextBridge.exposeInMainWorld('bridge', {
  call: (method: string, args: unknown): Promise<unknown> => ipcRenderer.invoke(CALL, method, args),
  onEvent: (listener: (message: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, message: unknown): void => listener(message);
    ipcRenderer.on(EVENT, handler);
    return () => {
      ipcRenderer.removeListener(EVENT, handler);
    };
  },
});
