/**
 * The kill test's child: syncs a feed file or pulls an HTTP feed into an existing database, as `cli sync` does but
 * without loading the rest of the app (so each of the many trials starts quickly). Exit 0 when applied.
 * Usage: node --import tsx test-kill-child.ts SOURCE DB PAGE_SIZE
 */
import { openStore } from '../db/database';
import { pullSource, sourceKeyOf } from './https-pull';
import { syncNeedsFile } from './needs-sync';
import { addSource } from './needs-sources';

const [source, db, page] = process.argv.slice(2);
if (!source || !db || !page) throw new Error('usage: test-kill-child SOURCE DB PAGE_SIZE');
const store = openStore(db);
store.sqlite.pragma('journal_mode = WAL');
let ok = true;
if (/^https?:/u.test(source)) {
  const s = addSource(store, null, sourceKeyOf(source), source, 'cli');
  ok = (await pullSource(store, s.id, 'cli', { limit: Number(page), backoffMs: 20 })).ok;
} else {
  syncNeedsFile(store, { path: source, fileName: 'feed.ndjson' }, 'cli');
}
await store.close();
process.exit(ok ? 0 : 1);
