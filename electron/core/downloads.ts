/**
 * Files made for a caller (exports), kept as temporary files in the data folder until that caller's device fetches
 * them, so that no file travels inside a call's answer: the answer carries a {@link DownloadRef} and the device fetches
 * the bytes by its id (`GET /api/download/<id>` on the browser host, `app://chipao/api/download/<id>` in the desktop
 * shell). An id is 128 random bits, belongs to the device of the caller that made the export (its network address,
 * else its connection), serves one fetch and expires after 10 minutes unfetched; its file is deleted either way. A
 * device holds at most 8 files not yet fetched and every device together (the owner's own aside) 64: past either, the
 * oldest is dropped, so an export is never refused for files left unfetched and the host's disk stays bounded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rm, rmSync } from 'node:fs';
import { copyFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOWNLOAD_ID, type DownloadRef } from '../../shared/api/downloads';
import { AppError } from '../../shared/api/errors';
import type { Caller } from './context';
import { safeName } from './uploads';

/** A download taken for its one fetch: stream `path`, then `release()` deletes the file. */
export type ClaimedDownload = Readonly<{
  path: string;
  fileName: string;
  mimeType: string;
  size: number;
  release(): void;
}>;

export type DownloadStore = Readonly<{
  /** Writes bytes made on this thread as a download of the caller's device; the SHA-256 is computed unless given. */
  putBytes(
    caller: Caller,
    file: Readonly<{ fileName: string; mimeType: string; bytes: Uint8Array; sha256?: string }>,
  ): Promise<DownloadRef>;
  /**
   * Where to write a file that is to become a download (on the compute worker), in the store's own folder so that
   * `putFile` only renames it; the folder is emptied at every start, so one left by a failed export does not stay.
   */
  scratchPath(): string;
  /** Moves a file already written (on the compute worker, in a temporary folder) into the store as a download. */
  putFile(
    caller: Caller,
    file: Readonly<{ fileName: string; mimeType: string; path: string; size: number; sha256: string }>,
  ): Promise<DownloadRef>;
  /**
   * Takes the download for its one fetch by `device` ({@link deviceOf} the caller that made it); null when the id is
   * unknown, expired, already fetched or another device's. The id is forgotten at once.
   */
  claim(id: string, device: string): ClaimedDownload | null;
  /** Drops every download of a connection (when it closes). */
  dropOwner(owner: string): void;
  /** How many downloads are held (tests, diagnostics). */
  held(): number;
  close(): void;
}>;

type Entry = {
  id: string;
  owner: string;
  device: string;
  path: string;
  fileName: string;
  mimeType: string;
  size: number;
  expires: number;
  /** Whether the owner's own 127.0.0.1 / ::1 made it (left out of the cap on every device together). */
  local: boolean;
};

export type DownloadLimits = Readonly<{
  /** Milliseconds a download waits for its fetch. */
  ttlMs: number;
  perDevice: number;
  /** Every device together, the owner's own aside. */
  total: number;
  now: () => number;
}>;

export const DOWNLOAD_LIMITS: DownloadLimits = { ttlMs: 10 * 60 * 1000, perDevice: 8, total: 64, now: Date.now };

/** The connection a caller's call came on. */
function ownerOf(caller: Caller): string {
  return caller.session ?? `${caller.transport}:${caller.actor}`;
}

/** A caller's device: its network address when it has one (IPv4 mapped into IPv6 written as IPv4), else its connection. */
export function deviceOf(caller: Caller): string {
  return caller.address !== undefined ? normalizeAddress(caller.address) : ownerOf(caller);
}

/** An HTTP request's device, in the same form as {@link deviceOf}. */
export function normalizeAddress(address: string): string {
  return address.replace(/^::ffff:/u, '');
}

const isLocal = (device: string): boolean => device === '127.0.0.1' || device === '::1';

export function createDownloadStore(dir: string, options: Partial<DownloadLimits> = {}): DownloadStore {
  const limits = { ...DOWNLOAD_LIMITS, ...options };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  /** In the order they were made: the first of a device is its oldest. */
  const entries = new Map<string, Entry>();
  /** Every id ever given out, so that none is given twice. */
  const given = new Set<string>();

  const removeFile = (path: string): void => {
    // Off the host's thread: unlinking a file of a few hundred MB takes the file system up to ~100 ms.
    rm(path, { force: true }, () => undefined);
  };
  const remove = (id: string): void => {
    const e = entries.get(id);
    if (!e) return;
    entries.delete(id);
    removeFile(e.path);
  };
  const sweep = (): void => {
    const now = limits.now();
    for (const e of [...entries.values()]) if (e.expires <= now) remove(e.id);
  };
  const timer = setInterval(sweep, 60_000);
  timer.unref();

  const newId = (): string => {
    let id = randomBytes(16).toString('hex');
    while (given.has(id)) id = randomBytes(16).toString('hex');
    given.add(id);
    return id;
  };
  /** Makes room for one more download of `device`: drops its oldest, and the oldest of every device together. */
  const makeRoom = (device: string): void => {
    sweep();
    const own = [...entries.values()].filter((e) => e.device === device);
    for (const e of own.slice(0, Math.max(0, own.length - limits.perDevice + 1))) remove(e.id);
    if (isLocal(device)) return;
    const others = [...entries.values()].filter((e) => !e.local);
    for (const e of others.slice(0, Math.max(0, others.length - limits.total + 1))) remove(e.id);
  };
  const add = (
    caller: Caller,
    file: Readonly<{ fileName: string; mimeType: string; size: number; sha256: string }>,
    id: string,
  ): DownloadRef => {
    const device = deviceOf(caller);
    makeRoom(device);
    entries.set(id, {
      id,
      owner: ownerOf(caller),
      device,
      path: join(dir, id),
      fileName: safeName(file.fileName),
      mimeType: file.mimeType,
      size: file.size,
      expires: limits.now() + limits.ttlMs,
      local: isLocal(device),
    });
    return { downloadId: id, fileName: safeName(file.fileName), mimeType: file.mimeType, size: file.size, sha256: file.sha256 };
  };
  const failed = (error: unknown, path: string): AppError => {
    removeFile(path);
    return new AppError(
      'INTERNAL',
      `the exported file could not be kept for download: ${error instanceof Error ? error.message : String(error)}`,
      'เก็บไฟล์ที่ส่งออกไว้ให้ดาวน์โหลดไม่ได้',
    );
  };

  return {
    async putBytes(caller, file) {
      const id = newId();
      const path = join(dir, id);
      try {
        await writeFile(path, file.bytes);
      } catch (error) {
        throw failed(error, path);
      }
      const sha256 = file.sha256 ?? createHash('sha256').update(file.bytes).digest('hex');
      return add(caller, { ...file, size: file.bytes.byteLength, sha256 }, id);
    },
    scratchPath: () => join(dir, `made-${randomBytes(16).toString('hex')}`),
    async putFile(caller, file) {
      const id = newId();
      const path = join(dir, id);
      try {
        await rename(file.path, path).catch(async (error: NodeJS.ErrnoException) => {
          // A temporary folder on another file system (/tmp as tmpfs): copied, then removed.
          if (error.code !== 'EXDEV') throw error;
          await copyFile(file.path, path);
          await unlink(file.path);
        });
      } catch (error) {
        throw failed(error, path);
      }
      return add(caller, file, id);
    },
    claim(id, device) {
      if (!DOWNLOAD_ID.test(id)) return null;
      const e = entries.get(id);
      if (!e || e.device !== device) return null;
      entries.delete(id);
      if (e.expires <= limits.now()) {
        removeFile(e.path);
        return null;
      }
      let released = false;
      return {
        path: e.path,
        fileName: e.fileName,
        mimeType: e.mimeType,
        size: e.size,
        release: () => {
          if (released) return;
          released = true;
          removeFile(e.path);
        },
      };
    },
    dropOwner(owner) {
      for (const e of [...entries.values()]) if (e.owner === owner) remove(e.id);
    },
    held: () => entries.size,
    close() {
      clearInterval(timer);
      entries.clear();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The answer to a fetch of an unknown, expired, fetched or foreign download (the same for each: nothing told apart). */
export function downloadNotFound(): AppError {
  return new AppError(
    'NOT_FOUND',
    'the file is not available (unknown, expired after 10 minutes, already downloaded or made for another device); export it again',
    'ไม่พบไฟล์ (ไม่รู้จัก หมดเวลา 10 นาที ดาวน์โหลดไปแล้ว หรือเป็นไฟล์ของอุปกรณ์อื่น) กรุณาส่งออกอีกครั้ง',
  );
}

/** The HTTP headers of a download's bytes: its type, length, and its name (RFC 6266, UTF-8) for the save. */
export function downloadHeaders(file: Pick<ClaimedDownload, 'fileName' | 'mimeType' | 'size'>): Record<string, string> {
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  return {
    'content-type': file.mimeType,
    'content-length': String(file.size),
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
