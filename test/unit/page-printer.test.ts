/**
 * The desktop shell's PDF printer (`pagePrinter`) against real Chromium pages: Playwright's pages print through the
 * DevTools protocol's Page.printToPDF, the engine path of Electron's `webContents.printToPDF`, and the document's
 * scripts are off as in the shell's print window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { sarabunFontFaces } from '../../electron/core/export/pdf/html';
import { chromiumPath, LOAD_FONTS, pagePrinter, type PrintPage } from '../../electron/core/export/pdf/printer';
import { pdfText } from '../../electron/core/export/test-readers';

const hasChromium = existsSync(chromiumPath());
const hasPoppler = existsSync('/usr/bin/pdftotext');

let browser: Browser | null = null;

type Log = { opened: number; closed: number; fonts: unknown[] };

/** A Playwright page with the document's scripts off, as the shell's print window; `log` counts what happened. */
function playwrightPage(log: Log): () => Promise<PrintPage> {
  return async () => {
    const context = await browser!.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    log.opened++;
    return {
      async load(file) {
        await page.goto(pathToFileURL(file).href);
      },
      async evaluate(expression) {
        const reply = await devtools.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
        if (expression === LOAD_FONTS) log.fonts.push(reply.result.value);
        return reply.result.value;
      },
      printToPdf: () => page.pdf({ printBackground: true, preferCSSPageSize: true }),
      async close() {
        log.closed++;
        await context.close();
      },
    };
  };
}

const document = (faces: string) =>
  `<html><head><style>${faces} body{font-family:Sarabun}</style></head>` +
  '<body><p>ปกติ ทดสอบ</p><p><b>ตัวหนา ทดสอบ</b></p><h1>หัวเรื่อง ความต้องการ</h1></body></html>';

describe.skipIf(!hasChromium || !hasPoppler)('the desktop PDF printer (pagePrinter) in Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath() });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads every face before printing: bold and regular Thai are both in the PDF, and the page is closed', async () => {
    const log: Log = { opened: 0, closed: 0, fonts: [] };
    const printer = pagePrinter(playwrightPage(log));
    for (let i = 0; i < 3; i++) {
      const { text } = pdfText(await printer.print(document(sarabunFontFaces())));
      expect(text.replace(/\s+/gu, '')).toBe('ปกติทดสอบตัวหนาทดสอบหัวเรื่องความต้องการ');
    }
    expect(log.fonts).toEqual([[], [], []]);
    expect(log).toMatchObject({ opened: 3, closed: 3 });
  });

  it('refuses to print when a face cannot load (its text would be missing), naming it, and closes the page', async () => {
    const log: Log = { opened: 0, closed: 0, fonts: [] };
    const broken = "@font-face{font-family:'Sarabun';font-weight:700;src:url(data:font/woff2;base64,AAAAAAAA) format('woff2');}";
    const faces = sarabunFontFaces().replace(/@font-face\{[^}]*font-weight:700[^}]*\}/gu, '') + broken;
    const printing = pagePrinter(playwrightPage(log)).print(document(faces));
    await expect(printing).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(printing).rejects.toThrow(/Sarabun 700 error/u);
    expect(log).toMatchObject({ opened: 1, closed: 1 });
  });
});

describe('pagePrinter without a browser', () => {
  it('stops a page that does not load in time, closing it', async () => {
    let closed = 0;
    const stuck: PrintPage = {
      load: () => new Promise<void>(() => undefined),
      evaluate: () => Promise.resolve([]),
      printToPdf: () => Promise.resolve(Buffer.from('%PDF')),
      close: () => {
        closed++;
      },
    };
    await expect(pagePrinter(() => stuck, { timeoutMs: 100 }).print('<p>x</p>')).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    expect(closed).toBe(1);
  });

  it('closes a page that opens only after the print was stopped', async () => {
    let closed = 0;
    let openLate: (page: PrintPage) => void = () => undefined;
    const late = new Promise<PrintPage>((resolve) => (openLate = resolve));
    await expect(pagePrinter(() => late, { timeoutMs: 50 }).print('<p>x</p>')).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    openLate({
      load: () => Promise.resolve(),
      evaluate: () => Promise.resolve([]),
      printToPdf: () => Promise.resolve(Buffer.from('%PDF')),
      close: () => {
        closed++;
      },
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(1);
  });

  it('prints only after the fonts were asked for, and not when the page cannot say', async () => {
    const calls: string[] = [];
    const page = (fonts: unknown): PrintPage => ({
      load: async () => void calls.push('load'),
      evaluate: async (e) => (calls.push(e === LOAD_FONTS ? 'fonts' : 'other'), fonts),
      printToPdf: async () => (calls.push('print'), Buffer.from('%PDF')),
      close: () => void calls.push('close'),
    });
    expect((await pagePrinter(() => page([])).print('<p>x</p>')).toString()).toBe('%PDF');
    expect(calls).toEqual(['load', 'fonts', 'print', 'close']);
    calls.length = 0;
    await expect(pagePrinter(() => page(undefined)).print('<p>x</p>')).rejects.toThrow(/did not report its fonts/u);
    expect(calls).toEqual(['load', 'fonts', 'close']);
  });
});
