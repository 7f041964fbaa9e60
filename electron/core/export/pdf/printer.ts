/**
 * HTML → PDF by Chromium's engine. `PdfPrinter` is what the exports call; in Node (the browser host, the command line,
 * tests) the default prints with headless Chromium, bounded in time. The desktop shell installs a {@link pagePrinter}
 * over its own Chromium (a hidden window, `webContents.printToPDF`) with `setPdfPrinter`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../../shared/api/errors';

/** Prints one self-contained HTML page (fonts and images inline) to PDF; the page's CSS sets the paper. */
export interface PdfPrinter {
  print(html: string): Promise<Buffer>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

function tooLong(timeoutMs: number): AppError {
  const s = Math.round(timeoutMs / 1000);
  return new AppError(
    'TOO_LARGE',
    `printing the PDF took longer than ${s} s and was stopped`,
    `การพิมพ์ PDF ใช้เวลาเกิน ${s} วินาที จึงหยุดไว้`,
  );
}

/** The Chromium binary: CHIPAO_CHROMIUM when set, else Debian's. */
export function chromiumPath(): string {
  return process.env['CHIPAO_CHROMIUM'] ?? '/usr/bin/chromium';
}

/**
 * Headless Chromium, one process per document, its own throw-away profile (so two prints never share a lock), killed
 * when it takes longer than `timeoutMs`.
 */
export function chromiumPrinter(options: Readonly<{ binary?: string; timeoutMs?: number }> = {}): PdfPrinter {
  return {
    async print(html) {
      const binary = options.binary ?? chromiumPath();
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const dir = await mkdtemp(join(tmpdir(), 'chipao-pdf-'));
      try {
        const page = join(dir, 'document.html');
        const out = join(dir, 'document.pdf');
        await writeFile(page, html);
        await runChromium(
          binary,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-extensions',
            '--no-first-run',
            '--no-default-browser-check',
            '--hide-scrollbars',
            `--user-data-dir=${join(dir, 'profile')}`,
            // Print once the page has settled, its inline fonts decoded: without it Chromium may print before the
            // @font-face data is ready, and text in a face not yet loaded (bold headings) is left out of the PDF.
            // Virtual time runs ahead while the page is idle, so a settled page prints at once.
            '--virtual-time-budget=10000',
            '--no-pdf-header-footer',
            '--generate-pdf-document-outline',
            `--print-to-pdf=${out}`,
            pathToFileURL(page).href,
          ],
          timeoutMs,
        );
        return await readFile(out);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

function runChromium(binary: string, args: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(tooLong(timeoutMs));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(
        new AppError(
          'INTERNAL',
          `Chromium could not be started (${binary}: ${e.message}); install chromium or set CHIPAO_CHROMIUM`,
          `เปิด Chromium ไม่ได้ (${binary}) กรุณาติดตั้ง chromium หรือกำหนด CHIPAO_CHROMIUM`,
        ),
      );
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new AppError(
            'INTERNAL',
            `Chromium failed to print the PDF (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`,
            `Chromium พิมพ์ PDF ไม่สำเร็จ (รหัส ${code})`,
          ),
        );
    });
  });
}

/**
 * A browser page opened to print one document: the desktop shell's hidden window, or a test's page. The document's
 * own scripts stay off; `evaluate` runs an expression through the DevTools protocol (which works with them off),
 * awaiting the promise it returns.
 */
export interface PrintPage {
  load(file: string): Promise<void>;
  evaluate(expression: string): Promise<unknown>;
  printToPdf(): Promise<Buffer>;
  close(): void | Promise<void>;
}

/**
 * Loads every face the page declares and waits until the page's fonts are ready; its value lists the faces that did
 * not load ("Sarabun 700 error"). A face is otherwise loaded only once text in it is laid out, which may be after
 * the load event: printed before that, text in the face (bold headings) is missing from the PDF.
 */
export const LOAD_FONTS = `Promise.all(Array.from(document.fonts, (f) => f.load().catch(() => null)))
  .then(() => document.fonts.ready)
  .then(() => Array.from(document.fonts).filter((f) => f.status !== 'loaded').map((f) => f.family + ' ' + f.weight + ' ' + f.status))`;

/**
 * Prints through a {@link PrintPage}: the page loaded from a temporary file, its fonts loaded ({@link LOAD_FONTS}; a
 * face that cannot load refuses the print instead of leaving its text out), printed, and closed, within `timeoutMs`.
 */
export function pagePrinter(
  open: () => PrintPage | Promise<PrintPage>,
  options: Readonly<{ timeoutMs?: number }> = {},
): PdfPrinter {
  return {
    async print(html) {
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const dir = await mkdtemp(join(tmpdir(), 'chipao-pdf-'));
      const file = join(dir, 'document.html');
      // Every page opened is closed once: at the end, by the timeout, or on opening after the print was stopped.
      let page: PrintPage | null = null;
      let stopped = false;
      let settled = false;
      const printing = (async () => {
        await writeFile(file, html);
        const opened = await open();
        if (stopped) {
          await opened.close();
          throw tooLong(timeoutMs);
        }
        page = opened;
        await opened.load(file);
        const missing = await opened.evaluate(LOAD_FONTS);
        if (!Array.isArray(missing)) throw new Error('the page did not report its fonts');
        if (missing.length > 0) {
          const faces = missing.map(String).join(', ');
          throw new AppError(
            'INTERNAL',
            `the PDF was not printed: fonts that did not load (${faces}) would leave their text out`,
            `ไม่ได้พิมพ์ PDF เพราะโหลดแบบอักษรไม่ได้ (${faces}) ข้อความที่ใช้แบบอักษรนี้จะหายไปจากเอกสาร`,
          );
        }
        return opened.printToPdf();
      })().finally(() => {
        settled = true;
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(tooLong(timeoutMs)), timeoutMs);
      });
      try {
        return await Promise.race([printing, timeout]);
      } finally {
        stopped = true;
        clearTimeout(timer);
        await (page as PrintPage | null)?.close();
        // A print stopped by the timeout settles once its page is closed; its folder goes then.
        const removed = printing.catch(() => undefined).then(() => rm(dir, { recursive: true, force: true }));
        if (settled) await removed;
        else void removed;
      }
    },
  };
}

let current: PdfPrinter | null = null;

/** The printer exports use: the one installed by the shell, else headless Chromium. */
export function pdfPrinter(): PdfPrinter {
  current ??= chromiumPrinter();
  return current;
}

/** Installs another printer (the desktop shell's printToPDF); null goes back to headless Chromium. */
export function setPdfPrinter(printer: PdfPrinter | null): void {
  current = printer;
}
