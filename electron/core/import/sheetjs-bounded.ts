/**
 * SheetJS's reading of a workbook, on a thread of its own and within a time limit. Its parsers follow lengths and
 * offsets the file gives, and some loop forever on a damaged file (a 5.6 KB Excel 95 workbook with 50 bytes written
 * twice, so that a formula's tokens run past its record, kept `parse_Rgce` spinning): read on the caller's thread,
 * such a file would hang the host and every device in a workshop with it. The read waits for the thread
 * (Atomics.wait: the callers are synchronous), stops it at the limit and refuses the file saying so. Whatever SheetJS
 * prints about records it does not know stays on that thread.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type * as XLSX from 'xlsx';
import { fileError } from './file-error';

/**
 * The thread: SheetJS loaded once from the path it is given, then for each request the reply posted and the waiting
 * caller woken; the code-page tables loaded with the first request that needs them.
 */
const READER = `
const { workerData } = require('node:worker_threads');
console.error = console.warn = console.log = () => {};
const { port, flag, xlsx, codePages } = workerData;
const XLSX = require(xlsx);
let codePagesLoaded = false;
port.on('message', (request) => {
  let reply;
  try {
    if (request.codePages && !codePagesLoaded) {
      XLSX.set_cptable(require(codePages));
      codePagesLoaded = true;
    }
    const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
    reply = { ok: true, workbook: XLSX.read(bytes, request.options) };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  try {
    port.postMessage(reply);
  } catch (e) {
    port.postMessage({ ok: false, message: 'the workbook read could not be passed back (' + (e instanceof Error ? e.message : String(e)) + ')' });
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

type Reply = { ok: true; workbook: XLSX.WorkBook } | { ok: false; message: string };

type Reader = { worker: Worker; port: MessagePort; flag: Int32Array };

/** The reading thread, started with the first read and kept for the next (it keeps no process alive). */
let reader: Reader | null = null;

function startReader(): Reader {
  const resolve = createRequire(import.meta.url).resolve;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(READER, {
    eval: true,
    workerData: { port: port2, flag, xlsx: resolve('xlsx'), codePages: resolve('xlsx/dist/cpexcel.js') },
    transferList: [port2],
  });
  const started: Reader = { worker, port: port1, flag };
  worker.on('exit', () => {
    if (reader === started) reader = null;
  });
  worker.unref();
  port1.unref();
  return started;
}

/** How long SheetJS may take over a workbook: 10 s, and 2 s more per MB (it reads a few MB a second on a slow laptop). */
export function sheetJsTimeLimitMs(bytes: number): number {
  return 10_000 + Math.ceil(bytes / (1024 * 1024)) * 2_000;
}

/** Thrown (as a message) by SheetJS: the caller turns it into its refusal. */
export class SheetJsReadError extends Error {}

/**
 * `XLSX.read(bytes, options)` on the reading thread; with `codePages`, SheetJS's code-page tables loaded there first.
 * Throws SheetJsReadError with SheetJS's message when it refuses the file, and a CORRUPT_FILE refusal naming the
 * file when it takes longer than `timeoutMs` (the thread is then stopped, and the next read starts another).
 */
export function readWithSheetJs(
  bytes: Buffer,
  fileName: string,
  options: XLSX.ParsingOptions,
  settings: Readonly<{ codePages?: boolean; timeoutMs?: number | undefined }> = {},
): XLSX.WorkBook {
  const timeoutMs = settings.timeoutMs ?? sheetJsTimeLimitMs(bytes.length);
  const r = (reader ??= startReader());
  Atomics.store(r.flag, 0, 0);
  r.port.postMessage({ bytes, options, codePages: settings.codePages === true });
  if (Atomics.wait(r.flag, 0, 0, timeoutMs) === 'timed-out') {
    if (reader === r) reader = null;
    r.port.close();
    void r.worker.terminate();
    const s = Math.round(timeoutMs / 1000);
    throw fileError(
      fileName,
      'CORRUPT_FILE',
      `the workbook could not be read within ${s} s and reading it was stopped: the file is probably damaged (open it in Excel or LibreOffice and save it again, or save the sheet as CSV)`,
      `อ่านสมุดงานไม่เสร็จภายใน ${s} วินาทีจึงหยุดอ่าน ไฟล์น่าจะเสียหาย (เปิดด้วย Excel หรือ LibreOffice แล้วบันทึกใหม่ หรือบันทึกแผ่นงานเป็น CSV)`,
    );
  }
  const reply = receiveMessageOnPort(r.port)?.message as Reply | undefined;
  if (!reply) throw new SheetJsReadError('the workbook reader stopped without an answer');
  if (!reply.ok) throw new SheetJsReadError(reply.message);
  return reply.workbook;
}
