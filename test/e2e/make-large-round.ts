/**
 * Writes a data folder whose sample round has 5,000 proposals (for `ui.score_edit_p95_ms` in judgement.spec.ts):
 * `npx tsx test/e2e/make-large-round.ts DIR`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core';

const dir = process.argv[2];
if (!dir) throw new Error('usage: make-large-round.ts DIR');
mkdirSync(dir, { recursive: true });
const core = await createCore({ dbPath: join(dir, 'chipao.sqlite'), sample: { needs: 20_000, projects: 5000 } });
await core.close();
