/**
 * Opens a database to read it without changing a byte of it or of the files SQLite keeps beside it (`-wal`, `-shm`,
 * `-journal`), for a check such as `audit-verify`. An ordinary connection, even a read-only one, does not leave them
 * alone: closing the last read-write connection copies a WAL left beside the file into it and deletes the WAL and its
 * index, and a read-only one creates the index (`-shm`) and an empty WAL where there were none, or rebuilds an index a
 * stopped program left.
 */
import { constants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { storeOn, type Store } from './database';
import { openSqlite, SQLITE_BINDING_ENV, type OpenOptions } from './sqlite-store';

/** How the file was opened: as it is, with the WAL beside it read through a read-only index, or a private copy. */
export type UntouchedMode = 'immutable' | 'readonly_wal' | 'copy';

export type UntouchedStore = Readonly<{ store: Store; mode: UntouchedMode; close(): Promise<void> }>;

/** The size of a file beside the database, -1 when there is none. */
function sizeOf(path: string): number {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : -1;
  } catch {
    return -1;
  }
}

function openUri(file: string, query: string, options: OpenOptions): Database.Database {
  const nativeBinding = options.nativeBinding ?? process.env[SQLITE_BINDING_ENV];
  const uri = `${pathToFileURL(resolve(file)).href}?${query}`;
  return new Database(uri, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

/**
 * Opens `file` for reading alone, leaving it and its `-wal`, `-shm` and `-journal` as they are:
 * - without a WAL holding anything or a journal: the file alone, as immutable (SQLite creates nothing beside it);
 * - with a WAL and its index: read-only, the index read but never written (`readonly_shm`), so the WAL's committed
 *   transactions are read as the app would read them;
 * - a WAL without its index, or a journal a stopped write left (to be rolled back): a private copy of the files in
 *   the system's temporary folder, removed on close (it takes as much room there as the database).
 * SQLite reads URI file names only when the process's first connection opens with `SQLITE_USE_URI=1` in the
 * environment (better-sqlite3 reads it once): it is set here, and when it came too late the copy is read instead.
 * The connection is `query_only`.
 *
 * @example const { store, close } = openUntouched('/data/chipao.sqlite'); try { … } finally { await close(); }
 */
export function openUntouched(file: string, options: OpenOptions = {}): UntouchedStore {
  const wal = sizeOf(`${file}-wal`);
  const journal = sizeOf(`${file}-journal`);
  const shm = sizeOf(`${file}-shm`) >= 0;
  process.env['SQLITE_USE_URI'] ??= '1';
  if (journal <= 0 && (wal <= 0 || shm)) {
    let sqlite: Database.Database | null = null;
    try {
      sqlite = openUri(file, wal > 0 ? 'mode=ro&readonly_shm=1' : 'immutable=1', options);
    } catch (error) {
      // URI names not read (the variable came after the first connection): the name was taken as a file that does
      // not exist, and nothing was created. Any other failure is the file's own.
      if ((error as { code?: string }).code !== 'SQLITE_CANTOPEN') throw error;
    }
    if (sqlite) {
      sqlite.pragma('query_only = ON');
      const store = storeOn(sqlite);
      return { store, mode: wal > 0 ? 'readonly_wal' : 'immutable', close: () => store.close() };
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'chipao-read-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const copy = join(dir, 'db.sqlite');
    copyFileSync(file, copy, constants.COPYFILE_FICLONE);
    for (const suffix of ['-wal', '-journal']) {
      if (existsSync(`${file}${suffix}`) && sizeOf(`${file}${suffix}`) > 0) {
        copyFileSync(`${file}${suffix}`, `${copy}${suffix}`, constants.COPYFILE_FICLONE);
      }
    }
    // The copy is ours: SQLite may replay its WAL or roll back its journal there.
    const sqlite = openSqlite(copy, options);
    sqlite.pragma('query_only = ON');
    const store = storeOn(sqlite);
    return {
      store,
      mode: 'copy',
      close: async () => {
        try {
          await store.close();
        } finally {
          remove();
        }
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
