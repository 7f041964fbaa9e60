/**
 * The bridge between the sandboxed renderer and the main process: exactly `call`, `onEvent` and `upload`, on fixed
 * channels. The renderer never sees ipcRenderer itself. `upload` sends only the chosen file's path; the core reads
 * the file from disk, so no file travels through IPC as bytes.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

const CALL = 'chipao:call';
const EVENT = 'chipao:event';
const UPLOAD = 'chipao:upload';

contextBridge.exposeInMainWorld('bridge', {
  call: (method: string, args: unknown): Promise<unknown> => ipcRenderer.invoke(CALL, method, args),
  onEvent: (listener: (message: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, message: unknown): void => listener(message);
    ipcRenderer.on(EVENT, handler);
    return () => {
      ipcRenderer.removeListener(EVENT, handler);
    };
  },
  upload: (file: File): Promise<unknown> => ipcRenderer.invoke(UPLOAD, webUtils.getPathForFile(file), file.name),
});
