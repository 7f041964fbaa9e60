/**
 * Command-line tests' shared helpers: run the real CLI in a child process, make an empty database as the app's first
 * start does, and a digest of a database file.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createCore } from '../core';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run -s cli -- ARGS`, as a user runs it (TypeScript through tsx). */
export function cli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/core/cli/main.ts'), ...args], {
    encoding: 'utf8',
    cwd: root,
  });
}

/** `approve --db DB --scenario … --resolution … --by …` as a user types it. */
export function approveOnCli(
  db: string,
  args: Readonly<{ scenario: string; resolution: string; by: string }>,
): SpawnSyncReturns<string> {
  return cli('approve', '--db', db, '--scenario', args.scenario, '--resolution', args.resolution, '--by', args.by);
}

/**
 * An empty ChiPao database at `path` (migrated, the province's areas, an audit anchor), as the app makes on its first
 * start without the sample: the commands that import into a database need one to exist.
 */
export async function emptyDb(path: string): Promise<void> {
  const core = await createCore({ dbPath: path, seedSample: false });
  await core.close();
}

/** Every table of a database file, hashed: equal before and after means the command changed nothing. */
export function dbDigest(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    // Ordinary tables: a search index (FTS5 virtual and shadow tables) is derived from them by triggers.
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN (SELECT name FROM pragma_table_list WHERE type IN ('virtual', 'shadow')) ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    return createHash('sha256')
      .update(JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all())))
      .digest('hex');
  } finally {
    db.close();
  }
}
