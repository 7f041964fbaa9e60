/** seed.sample_ms: creating the store and writing the full synthetic sample (20,000 needs, 300 projects). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { loadSaraburi } from '../../../electron/core/geo/saraburi';
import { medianMs, type BenchCase } from '../types';

export const seedBench: BenchCase = {
  names: ['seed.sample_ms'],
  run: async () => {
    await loadSaraburi(); // geography is loaded once per process; measure the seed itself
    const value = await medianMs(3, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-'));
      const core = await createCore({ dbPath: join(dir, 'chipao.sqlite') });
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return [{ name: 'seed.sample_ms', value, unit: 'ms', baseline: null, ratio: null }];
  },
};
