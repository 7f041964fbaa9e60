/**
 * HTML → PDF by Chromium's engine. `PdfPrinter` is what the exports call; in Node (the browser host, the command line,
 * tests) the default prints with headless Chromium, bounded in time. The desktop shell may install its own (Electron's
 * `webContents.printToPDF`) with `setPdfPrinter`.
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
      reject(
        new AppError(
          'TOO_LARGE',
          `printing the PDF took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`,
          `การพิมพ์ PDF ใช้เวลาเกิน ${Math.round(timeoutMs / 1000)} วินาที จึงหยุดไว้`,
        ),
      );
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
