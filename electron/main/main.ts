/**
 * The Electron shell: one hardened window, the app:// protocol serving the built renderer, menus, and IPC
 * forwarded to the core. Everything else lives in electron/core and runs (and is tested) in plain Node.
 */
import { app, BrowserWindow, Menu, ipcMain, net, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../core/core';
import { deviceOf, downloadHeaders, downloadNotFound } from '../core/downloads';
import { pagePrinter, setPdfPrinter, type PrintPage } from '../core/export/pdf/printer';
import { CSP, startHost, type Host } from '../core/host/server';
import { DOWNLOAD_PATH } from '../../shared/api/downloads';
import { AppError } from '../../shared/api/errors';
import { seedSampleFrom } from './launch-options';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://chipao`;

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

let core: Core | undefined;
/** The browser host on loopback: members' devices reach it only through a workshop session's interface. */
let host: Host | undefined;
/** Calls from the app's own window: the desktop owner, one session for uploads. */
const DESKTOP = { role: 'owner', actor: 'desktop', transport: 'ipc', session: 'desktop' } as const;
const windows = new Set<BrowserWindow>();

function rendererDir(): string {
  return join(__dirname, '..', 'renderer');
}

/** The Electron build of better-sqlite3, kept apart from Node's so that tests never load the wrong one. */
function electronNativeBinding(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    join(__dirname, '..', 'native', 'electron', 'better_sqlite3.node'),
  ];
  return candidates.find((c) => existsSync(c));
}

/** A file electron-builder unpacks beside app.asar (asarUnpack): its path there. */
function unpacked(file: string): string {
  return file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(`${ORIGIN}/`);
}

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'ชี้เป้า ChiPao',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  await win.loadURL(`${ORIGIN}/index.html`);
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: 'ChiPao', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'quit', label: 'ออก / Quit' }] },
      {
        label: 'แก้ไข / Edit',
        submenu: [
          { role: 'undo' },
          { role: 'redo' },
          { type: 'separator' },
          { role: 'copy' },
          { role: 'paste' },
          { role: 'selectAll' },
        ],
      },
      {
        label: 'มุมมอง / View',
        submenu: [
          { role: 'reload' },
          { role: 'togglefullscreen' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { role: 'resetZoom' },
        ],
      },
    ]),
  );
}

/**
 * PDFs printed by Electron's own Chromium (`webContents.printToPDF`), so the desktop app needs no browser installed:
 * the page (self-contained: fonts, images and charts inline, no script) is loaded into a hidden window with scripts
 * off, its fonts loaded through the DevTools protocol (`pagePrinter` says why), printed with the page's own CSS paper
 * size, and the window closed, within 60 s.
 */
function electronPrintPage(): PrintPage {
  const win = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true } });
  const devtools = win.webContents.debugger;
  return {
    async load(file) {
      await win.loadFile(file);
    },
    async evaluate(expression) {
      if (!devtools.isAttached()) devtools.attach('1.3');
      const reply = (await devtools.sendCommand('Runtime.evaluate', {
        expression,
        awaitPromise: true,
        returnByValue: true,
      })) as { result?: { value?: unknown }; exceptionDetails?: { text?: string } };
      if (reply.exceptionDetails) throw new Error(`the print window's fonts: ${reply.exceptionDetails.text ?? 'failed'}`);
      return reply.result?.value;
    },
    printToPdf() {
      return win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, generateDocumentOutline: true });
    },
    close() {
      win.destroy();
    },
  };
}

/**
 * An exported file's bytes for the window's `<a download>` (will-download then asks where to save it): fetched once,
 * by id, made by the window's own calls (electron/core/downloads.ts); anything else is the host's same 404.
 */
function sendDownload(from: Core, id: string): Response {
  const file = from.downloads.claim(id, deviceOf(DESKTOP));
  if (!file) {
    return new Response(JSON.stringify({ ok: false, error: downloadNotFound().toApiError() }), {
      status: 404,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }
  const stream = createReadStream(file.path);
  stream.once('close', file.release);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers: downloadHeaders(file) });
}

app
  .whenReady()
  .then(async () => {
    setPdfPrinter(pagePrinter(electronPrintPage));
    const nativeBinding = electronNativeBinding();
    core = await createCore({
      dbPath: join(app.getPath('userData'), 'chipao.sqlite'),
      // `--no-seed`: a province's own database, started empty (the sample was written into every new one).
      seedSample: seedSampleFrom(process.argv),
      ...(nativeBinding ? { nativeBinding } : {}),
      // Worker threads cannot read from inside app.asar: electron-builder unpacks the workers (asarUnpack).
      compute: {
        workerFile: unpacked(join(__dirname, 'compute-worker.mjs')),
        syncWorkerFile: unpacked(join(__dirname, 'sync-worker.mjs')),
        readerFile: unpacked(join(__dirname, 'feed-reader-worker.mjs')),
      },
    });
    core.onEvent((message) => {
      for (const w of windows) w.webContents.send('chipao:event', message);
    });
    // The same UI served over HTTP on loopback (any free port) lends its listener to workshop sessions: a session opened
    // from this window listens on the chosen interface while it is open, as under `npm run serve` (docs/workshop.md).
    host = await startHost({ core, staticDir: rendererDir(), host: '127.0.0.1', port: 0 });

    protocol.handle(SCHEME, (request) => {
      const { pathname } = new URL(request.url);
      if (pathname.startsWith(DOWNLOAD_PATH) && core) return sendDownload(core, pathname.slice(DOWNLOAD_PATH.length));
      const root = rendererDir();
      const file = normalize(join(root, decodeURIComponent(pathname)));
      if (!file.startsWith(root + sep)) return new Response('forbidden', { status: 403 });
      return net.fetch(pathToFileURL(existsSync(file) ? file : join(root, 'index.html')).toString());
    });
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
    });
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

    ipcMain.handle('chipao:call', async (event, method: unknown, args: unknown) => {
      if (!isTrustedSender(event) || !core) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender', messageTh: 'ผู้เรียกไม่น่าเชื่อถือ' } };
      }
      return core.call(method, args, DESKTOP);
    });
    ipcMain.handle('chipao:upload', (event, path: unknown, name: unknown) => {
      if (!isTrustedSender(event) || !core) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender', messageTh: 'ผู้เรียกไม่น่าเชื่อถือ' } };
      }
      if (typeof path !== 'string' || typeof name !== 'string' || path.length === 0 || path.length > 4096) {
        return { ok: false, error: { code: 'BAD_ARGS', message: 'no file chosen', messageTh: 'ไม่ได้เลือกไฟล์' } };
      }
      try {
        if (!statSync(path).isFile()) throw new Error('not a file');
        return { ok: true, value: { uploadId: core.uploads.putFile(DESKTOP, name, path).id } };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toApiError() };
        return { ok: false, error: { code: 'NOT_FOUND', message: 'the file cannot be read', messageTh: 'อ่านไฟล์ไม่ได้' } };
      }
    });

    buildMenu();
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  })
  .catch((error: unknown) => {
    console.error(error);
    app.exit(1);
  });

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  void (host ? host.close() : Promise.resolve()).then(() => core?.close());
  if (process.platform !== 'darwin') app.quit();
});
