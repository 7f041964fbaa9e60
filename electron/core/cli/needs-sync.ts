/**
 * `sync SOURCE --db PATH [--partial] [--one-person-per-row]`: imports a needs file (any accepted format) or pulls an HTTPS feed into an
 * existing database (a path that names none is refused, exit 2) and prints one JSON object
 * `{"batch", "new", "changed", "withdrawn", "unchanged", "rejected"}` (a pull adds `pages` and `cursor`).
 * Exit 0 when the batch was applied, 1 when it was refused (the database unchanged), 2 for a usage error.
 * `needs-export --db PATH`: every need as one JSON line (see import/needs-export.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { createCore } from '../core';
import { NEEDS_TARGET } from '../../../shared/domain/import/target';
import { applyNeedsImport, previewNeedsImport } from '../import/needs-import';
import { mappingWithChoices } from './column-map';
import { exportNeedLines } from '../import/needs-export';
import { MAX_UPLOAD_BYTES } from '../import/limits';
import { isPullableUrl } from '../../../shared/api/needs-sources';
import { pullSource, sourceKeyOf, type PullOptions } from '../sync/https-pull';
import { syncNeedsFile } from '../sync/needs-sync';
import { addSource } from '../sync/needs-sources';
import { noteImport, printRefused, rejectedRow, writeLines } from './report';
import { requireDb } from './round-db';
import { repeatedOption, requireInputFile, UsageError, type Command } from './usage';

type Parsed = { positional: string[]; db: string | undefined; partial: boolean; rowsAsPeople: boolean };

function parseArgs(argv: readonly string[], allowPartial: boolean): Parsed {
  const out: Parsed = { positional: [], db: undefined, partial: false, rowsAsPeople: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') out.db = argv[++i];
    else if (a.startsWith('--db=')) out.db = a.slice('--db='.length);
    else if (a === '--partial' && allowPartial) out.partial = true;
    else if (a === '--one-person-per-row' && allowPartial) out.rowsAsPeople = true;
    else if (a.startsWith('--')) throw new UsageError(`ไม่รู้จักตัวเลือก ${a}`, `unknown option ${a}`);
    else out.positional.push(a);
  }
  if (!out.db) throw new UsageError('ไม่ได้ระบุ --db', 'missing --db');
  return out;
}

export const needsSyncCommand: Command = {
  usage: {
    en: 'sync FILE|URL --db PATH [--partial] [--sheet NAME]… [--map FIELD=COLUMN]… [--one-person-per-row]',
    th: 'sync ไฟล์|URL --db ฐานข้อมูล [--partial] [--sheet ชื่อแผ่นงาน]… [--map ช่อง=คอลัมน์]… [--one-person-per-row]',
  },
  async run(argv) {
    const { rest: unmapped, values: choices } = repeatedOption(argv, 'map');
    const { rest, values: sheets } = repeatedOption(unmapped, 'sheet');
    const { positional, db, partial, rowsAsPeople } = parseArgs(rest, true);
    if (positional.length !== 1) throw new UsageError('ต้องระบุแหล่งข้อมูลหนึ่งแหล่ง', 'expected exactly one SOURCE');
    const source = positional[0]!;
    requireDb(resolve(db!), { orNew: true });
    if (/^https?:\/\//iu.test(source)) {
      if (sheets.length > 0) throw new UsageError('--sheet ใช้กับไฟล์เท่านั้น', '--sheet applies to a file, not a feed');
      if (choices.length > 0) throw mapOnFeed();
      if (rowsAsPeople) throw peopleOnFeed();
      return pullCommand(source, db!, partial);
    }
    requireInputFile(source, MAX_UPLOAD_BYTES);
    const core = await createCore({ dbPath: resolve(db!), seedSample: false });
    try {
      const name = source.split(/[\\/]/u).pop() ?? source;
      try {
        // A feed is streamed from disk (bounded memory whatever its size); other files go through the import pipeline.
        const streamed = /\.(ndjson|jsonl)$/iu.test(name) && sheets.length === 0;
        if (streamed && choices.length > 0) throw mapOnFeed();
        if (streamed && rowsAsPeople) throw peopleOnFeed();
        const bytes = streamed ? null : readFileSync(source);
        // A table without a people column, read with each row as one person who raised its need (recorded on the batch).
        const picked = { ...(sheets.length > 0 ? { sheets } : {}), ...(rowsAsPeople ? { rowsAsPeople } : {}) };
        const mapping =
          bytes && choices.length > 0
            ? mappingWithChoices(choices, NEEDS_TARGET, previewNeedsImport(core.store, name, bytes, picked))
            : undefined;
        const r = !bytes
          ? syncNeedsFile(core.store, { path: source, fileName: name }, 'cli', { partial })
          : applyNeedsImport(core.store, name, bytes, 'cli', { partial, ...picked, ...(mapping ? { mapping } : {}) });
        const out = {
          batch: r.batchId,
          new: r.newCount,
          changed: r.changedCount,
          withdrawn: r.withdrawnCount,
          unchanged: r.unchangedCount,
          rejected: r.rejected.map(rejectedRow),
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        noteImport(r);
        return 0;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return printRefused(e, { batch: null, new: 0, changed: 0, withdrawn: 0, unchanged: 0 }, { fileName: name });
      }
    } finally {
      await core.close();
    }
  },
};

function mapOnFeed(): UsageError {
  return new UsageError('--map ใช้กับไฟล์ที่เป็นตารางเท่านั้น', '--map applies to a table, not a feed');
}

/** A feed's records give their people (people_affected is required by the protocol). */
function peopleOnFeed(): UsageError {
  return new UsageError(
    '--one-person-per-row ใช้กับไฟล์ที่เป็นตารางเท่านั้น (ข้อมูลแบบฟีดระบุจำนวนผู้ได้รับผลกระทบทุกรายการ)',
    '--one-person-per-row applies to a table, not a feed (a feed gives every record its people)',
  );
}

/**
 * `sync URL`: pulls the feed's pages after the cursor this database last committed for that URL (each page its own
 * transaction), so a run that was stopped or failed resumes where it was. Exit 0 when the run ended cleanly, 1 when a
 * page was refused or the feed failed (the pages before it stay applied, the cursor after them).
 */
async function pullCommand(url: string, db: string, partial: boolean): Promise<number> {
  if (!isPullableUrl(url)) {
    throw new UsageError(
      `ดึงข้อมูลได้เฉพาะที่อยู่ https:// (http:// ได้เฉพาะเครื่องนี้): ${url}`,
      `only https:// addresses are pulled (http:// only on this machine): ${url}`,
    );
  }
  const core = await createCore({ dbPath: resolve(db), seedSample: false });
  try {
    const source = addSource(core.store, null, sourceKeyOf(url), url, 'cli');
    const r = await pullSource(core.store, source.id, 'cli', { partial, ...pullOptionsFromEnv() });
    const out = {
      batch: r.batchId,
      new: r.newCount,
      changed: r.changedCount,
      withdrawn: r.withdrawnCount,
      unchanged: r.unchangedCount,
      pages: r.pages,
      cursor: r.cursor,
      // A refused page lists its records' problems; a feed that failed is one line with the reason.
      rejected: (r.error && r.error.problems.length === 0
        ? [{ line: 0, en: r.error.en, th: r.error.th }]
        : (r.error?.problems ?? [])
      ).map(rejectedRow),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    if (r.error) process.stderr.write(`${r.error.th}\n${r.error.en}\n`);
    return r.ok ? 0 : 1;
  } finally {
    await core.close();
  }
}

/**
 * Page size, timeout and retries for scheduled runs and tests: CHIPAO_PULL_LIMIT, _TIMEOUT_MS, _RETRIES, _BACKOFF_MS;
 * a run's bounds: CHIPAO_PULL_MAX_PAGES, _MAX_RECORDS, _MAX_RUN_MS.
 */
function pullOptionsFromEnv(): PullOptions {
  const n = (name: string): number | undefined => {
    const v = process.env[`CHIPAO_PULL_${name}`];
    return v && /^\d{1,9}$/u.test(v) ? Number(v) : undefined;
  };
  const o: {
    limit?: number;
    timeoutMs?: number;
    retries?: number;
    backoffMs?: number;
    maxPages?: number;
    maxRecords?: number;
    maxRunMs?: number;
  } = {};
  const limit = n('LIMIT');
  if (limit !== undefined && limit > 0) o.limit = limit;
  const timeout = n('TIMEOUT_MS');
  if (timeout !== undefined && timeout > 0) o.timeoutMs = timeout;
  const retries = n('RETRIES');
  if (retries !== undefined) o.retries = retries;
  const backoff = n('BACKOFF_MS');
  if (backoff !== undefined) o.backoffMs = backoff;
  const maxPages = n('MAX_PAGES');
  if (maxPages !== undefined && maxPages > 0) o.maxPages = maxPages;
  const maxRecords = n('MAX_RECORDS');
  if (maxRecords !== undefined && maxRecords > 0) o.maxRecords = maxRecords;
  const maxRunMs = n('MAX_RUN_MS');
  if (maxRunMs !== undefined && maxRunMs > 0) o.maxRunMs = maxRunMs;
  return o;
}

export const needsExportCommand: Command = {
  usage: { en: 'needs-export --db PATH', th: 'needs-export --db ฐานข้อมูล' },
  async run(argv) {
    const { positional, db } = parseArgs(argv, false);
    if (positional.length > 0) throw new UsageError('needs-export ไม่รับไฟล์', 'needs-export takes no file');
    requireDb(db!);
    const core = await createCore({ dbPath: resolve(db!), seedSample: false });
    try {
      await writeLines(exportNeedLines(core.store));
      return 0;
    } finally {
      await core.close();
    }
  },
};
