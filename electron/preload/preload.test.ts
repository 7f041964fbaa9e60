import { describe, it, expect, vi } from 'vitest';

// The preload runs inside Electron; here 'electron' is replaced by recorders so the bridge's shape is checked in Node.
const exposed = vi.hoisted(() => new Map<string, unknown>());
const ipc = vi.hoisted(() => ({
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 42 })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
  ipcRenderer: ipc,
  webUtils: { getPathForFile: (file: { name: string }) => `/home/secretariat/${file.name}` },
}));

type Bridge = {
  call(method: string, args: unknown): Promise<unknown>;
  upload(file: { name: string }): Promise<unknown>;
  onEvent(listener: (message: unknown) => void): () => void;
};

describe('preload bridge', () => {
  it('exposes window.bridge with call, onEvent and upload only, on the fixed channels', async () => {
    await import('./preload');
    expect([...exposed.keys()]).toEqual(['bridge']);
    const bridge = exposed.get('bridge') as Bridge;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent', 'upload']);

    // An upload sends the file's path and name, never its bytes.
    await bridge.upload({ name: 'needs.xlsx' });
    expect(ipc.invoke).toHaveBeenCalledWith('chipao:upload', '/home/secretariat/needs.xlsx', 'needs.xlsx');

    await expect(bridge.call('app.info', { a: 1 })).resolves.toEqual({ ok: true, value: 42 });
    expect(ipc.invoke).toHaveBeenCalledWith('chipao:call', 'app.info', { a: 1 });

    const seen: unknown[] = [];
    const off = bridge.onEvent((m) => seen.push(m));
    expect(ipc.on).toHaveBeenCalledTimes(1);
    const [channel, handler] = ipc.on.mock.calls[0] as unknown as [string, (e: unknown, m: unknown) => void];
    expect(channel).toBe('chipao:event');
    // The listener gets the message only, never the IPC event (which would leak ipcRenderer's sender).
    handler({ sender: 'secret' }, { event: 'scores.changed' });
    expect(seen).toEqual([{ event: 'scores.changed' }]);
    off();
    expect(ipc.removeListener).toHaveBeenCalledWith('chipao:event', handler);
  });
});
