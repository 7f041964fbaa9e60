/**
 * Files sent to the core for an import (needs, proposals, reference data, Pabulib), kept as temporary files in the
 * data folder so that no file travels as one WebSocket message and parsers can stream. The browser host streams an
 * HTTP request body here (`POST /api/upload/<id>` after `uploads.begin`), with the size cap enforced while it
 * arrives; the desktop shell and the command line register a local file. An upload belongs to the connection that
 * began it and expires after a while; handlers read it with `get(id, caller)`.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  createWriteStream,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rm,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/api/errors';
import { MAX_UPLOAD_BYTES } from '../../shared/api/limits';
import type { Caller } from './context';

export type UploadedFile = Readonly<{ id: string; fileName: string; path: string; size: number; sha256: string }>;

type Entry = {
  id: string;
  fileName: string;
  owner: string;
  /** The device it came from (its network address, else its connection), for the caps on files held at once. */
  device: string;
  path: string;
  expectedSize: number;
  state: 'pending' | 'receiving' | 'ready';
  size: number;
  sha256: string;
  expires: number;
};

export type UploadStore = Readonly<{
  /** Reserves an upload for this caller; the body then arrives through `receive` (HTTP) within the expiry. */
  begin(caller: Caller, fileName: string, size: number): { id: string; maxBytes: number };
  /** Streams the body of a begun upload to disk; refuses more bytes than announced or than the cap. */
  receive(id: string, body: Readable): Promise<UploadedFile>;
  /** Registers a local file (desktop shell, command line, tests) as an upload of this caller. */
  putFile(caller: Caller, fileName: string, sourcePath: string): UploadedFile;
  /** Registers bytes held in memory (tests, small generated files) as an upload of this caller. */
  putBytes(caller: Caller, fileName: string, bytes: Uint8Array): UploadedFile;
  /**
   * A ready upload of this caller; NOT_FOUND for anything else (unknown, expired, someone else's, unfinished).
   * With `maxBytes`, a larger file is refused (TOO_LARGE) for this use: each import states what it accepts.
   */
  get(id: string, caller: Caller, maxBytes?: number): UploadedFile;
  /** The upload's bytes (for parsers that take a buffer), read from its file. */
  read(file: UploadedFile): Buffer;
  discard(id: string): void;
  /** Drops every upload of a connection (when it closes). */
  dropOwner(owner: string): void;
  close(): void;
}>;

const EXPIRY_MS = 30 * 60 * 1000;
/**
 * Files a device may hold at once, sent and not yet imported or discarded (a preview keeps its file until the
 * import): each import needs one, so a device beginning dozens of the largest uploads only fills the host's disk.
 */
const MAX_HELD_PER_DEVICE = 16;
/** Bytes one device may hold so, and every device together, in files of the largest size accepted. */
const HELD_FILES_PER_DEVICE = 2;
const HELD_FILES_TOTAL = 8;

export function ownerOf(caller: Caller): string {
  return caller.session ?? `${caller.transport}:${caller.actor}`;
}

/** A caller's device: its network address when it has one (all its connections together), else its connection. */
function deviceOf(caller: Caller): string {
  return caller.address ?? ownerOf(caller);
}

export function createUploadStore(dir: string, maxBytes = MAX_UPLOAD_BYTES): UploadStore {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entries = new Map<string, Entry>();

  const sweep = (): void => {
    const now = Date.now();
    for (const e of entries.values()) if (e.expires < now && e.state !== 'receiving') remove(e.id);
  };
  const remove = (id: string): void => {
    const e = entries.get(id);
    if (!e) return;
    entries.delete(id);
    // Off the host's thread: unlinking a file of a few hundred MB takes the file system up to ~100 ms.
    rm(e.path, { force: true }, () => undefined);
  };
  const reserve = (caller: Caller, fileName: string, size: number): Entry => {
    sweep();
    const id = randomBytes(16).toString('hex');
    const entry: Entry = {
      id,
      fileName: safeName(fileName),
      owner: ownerOf(caller),
      device: deviceOf(caller),
      path: join(dir, id),
      expectedSize: size,
      state: 'pending',
      size: 0,
      sha256: '',
      expires: Date.now() + EXPIRY_MS,
    };
    entries.set(id, entry);
    return entry;
  };
  /** Refuses a new upload of `size` bytes from a device already holding its share, or when every device together does. */
  const checkHeld = (caller: Caller, size: number): void => {
    sweep();
    const device = deviceOf(caller);
    let ownCount = 0;
    let ownBytes = 0;
    let allBytes = 0;
    for (const e of entries.values()) {
      const bytes = e.state === 'ready' ? e.size : e.expectedSize;
      allBytes += bytes;
      if (e.device !== device) continue;
      ownCount++;
      ownBytes += bytes;
    }
    if (ownCount >= MAX_HELD_PER_DEVICE || ownBytes + size > HELD_FILES_PER_DEVICE * maxBytes) {
      throw new AppError(
        'TOO_LARGE',
        `this device already holds ${ownCount} files (${formatMb(ownBytes)}) sent for import and not yet imported or cancelled; finish or cancel those imports first (files not used expire after 30 minutes)`,
        `อุปกรณ์นี้มีไฟล์ที่ส่งมาเพื่อนำเข้าแต่ยังไม่ได้นำเข้าหรือยกเลิกอยู่แล้ว ${ownCount} ไฟล์ (${formatMb(ownBytes)}) กรุณานำเข้าหรือยกเลิกไฟล์เหล่านั้นก่อน (ไฟล์ที่ไม่ได้ใช้จะหมดอายุใน 30 นาที)`,
      );
    }
    if (allBytes + size > HELD_FILES_TOTAL * maxBytes) {
      throw new AppError(
        'TOO_LARGE',
        `the host already holds ${formatMb(allBytes)} of files sent for import and not yet imported; try again once those imports are done (files not used expire after 30 minutes)`,
        `เครื่องหลักมีไฟล์ที่ส่งมาเพื่อนำเข้าแต่ยังไม่ได้นำเข้าอยู่แล้ว ${formatMb(allBytes)} กรุณาลองใหม่เมื่อการนำเข้าเหล่านั้นเสร็จ (ไฟล์ที่ไม่ได้ใช้จะหมดอายุใน 30 นาที)`,
      );
    }
  };
  const view = (e: Entry): UploadedFile => ({
    id: e.id,
    fileName: e.fileName,
    path: e.path,
    size: e.size,
    sha256: e.sha256,
  });
  const tooLarge = (size: number): AppError =>
    new AppError(
      'TOO_LARGE',
      `the file is ${formatMb(size)}; the largest file accepted is ${formatMb(maxBytes)}`,
      `ไฟล์มีขนาด ${formatMb(size)} เกินขนาดสูงสุดที่รับได้ ${formatMb(maxBytes)}`,
    );

  return {
    begin(caller, fileName, size) {
      if (size > maxBytes) throw tooLarge(size);
      // The owner (the host's own user) is not capped, as with the host's connection caps; other devices are.
      if (caller.role !== 'owner') checkHeld(caller, size);
      return { id: reserve(caller, fileName, size).id, maxBytes };
    },
    receive(id, body) {
      const e = entries.get(id);
      if (!e || e.state !== 'pending' || e.expires < Date.now()) {
        body.resume();
        return Promise.reject(notFound());
      }
      e.state = 'receiving';
      const hash = createHash('sha256');
      const out = createWriteStream(e.path);
      let size = 0;
      return new Promise<UploadedFile>((resolve, reject) => {
        let failed = false;
        const fail = (error: AppError): void => {
          if (failed) return;
          failed = true;
          body.unpipe?.();
          body.resume();
          out.destroy();
          remove(id);
          reject(error);
        };
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > e.expectedSize || size > maxBytes) {
            fail(size > maxBytes ? tooLarge(size) : sizeMismatch(e.expectedSize, size));
            return;
          }
          hash.update(chunk);
          if (!out.write(chunk)) body.pause();
        });
        out.on('drain', () => body.resume());
        body.on('error', () => fail(new AppError('BAD_ARGS', 'the upload was interrupted', 'การส่งไฟล์ถูกขัดจังหวะ')));
        out.on('error', () => fail(new AppError('INTERNAL', 'the upload could not be stored', 'บันทึกไฟล์ที่ส่งมาไม่ได้')));
        body.on('end', () => {
          if (failed) return;
          if (size !== e.expectedSize) {
            fail(sizeMismatch(e.expectedSize, size));
            return;
          }
          out.end(() => {
            e.state = 'ready';
            e.size = size;
            e.sha256 = hash.digest('hex');
            resolve(view(e));
          });
        });
      });
    },
    putFile(caller, fileName, sourcePath) {
      const size = statSync(sourcePath).size;
      if (size > maxBytes) throw tooLarge(size);
      const e = reserve(caller, fileName, size);
      copyFileSync(sourcePath, e.path);
      e.size = size;
      e.sha256 = sha256File(e.path);
      e.state = 'ready';
      return view(e);
    },
    putBytes(caller, fileName, bytes) {
      if (bytes.length > maxBytes) throw tooLarge(bytes.length);
      const e = reserve(caller, fileName, bytes.length);
      writeFileSync(e.path, bytes);
      e.size = bytes.length;
      e.sha256 = createHash('sha256').update(bytes).digest('hex');
      e.state = 'ready';
      return view(e);
    },
    get(id, caller, limit) {
      const e = entries.get(id);
      if (!e || e.state !== 'ready' || e.owner !== ownerOf(caller) || e.expires < Date.now()) throw notFound();
      if (limit !== undefined && e.size > limit) {
        remove(id);
        throw new AppError(
          'TOO_LARGE',
          `${e.fileName} is ${formatMb(e.size)}; this import accepts files up to ${formatMb(limit)}`,
          `${e.fileName} มีขนาด ${formatMb(e.size)} การนำเข้านี้รับไฟล์ขนาดไม่เกิน ${formatMb(limit)}`,
        );
      }
      return view(e);
    },
    read(file) {
      return readFileSync(file.path);
    },
    discard: remove,
    dropOwner(owner) {
      for (const e of [...entries.values()]) if (e.owner === owner) remove(e.id);
    },
    close() {
      for (const id of [...entries.keys()]) remove(id);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function notFound(): AppError {
  return new AppError(
    'NOT_FOUND',
    'the uploaded file is not available (unknown, expired or sent from another connection); send it again',
    'ไม่พบไฟล์ที่ส่งมา (ไม่รู้จัก หมดเวลา หรือส่งจากการเชื่อมต่ออื่น) กรุณาส่งไฟล์อีกครั้ง',
  );
}

function sizeMismatch(expected: number, got: number): AppError {
  return new AppError(
    'BAD_ARGS',
    `the upload announced ${expected} bytes but ${got > expected ? 'sent more' : `sent ${got}`}`,
    `ไฟล์ที่ส่งมาแจ้งขนาด ${expected} ไบต์ แต่${got > expected ? 'ส่งมามากกว่านั้น' : `ส่งมา ${got} ไบต์`}`,
  );
}

/** Keeps the base name only, without control characters, at most 200 characters (an upload's, a download's). */
export function safeName(name: string): string {
  const base = name
    .split(/[\\/]/u)
    .pop()!
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu, '');
  return base.slice(0, 200) || 'file';
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The file's SHA-256, read 1 MB at a time (an upload may be hundreds of MB: never held whole in memory). */
function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
