/**
 * links.suggest_5k_x_1m_s: suggestions for every one of 5,000 proposals over 1,000,000 citizens' needs, as
 * links.suggestAll computes them (the compact read on the main thread, then the index and the ranking, here inline).
 * Baseline: the ranking by definition (rankNeeds scores every need of the province for each proposal, words already
 * segmented), timed on 25 proposals and scaled to 5,000; ratio = value / baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';
import { readRoundSuggestInputs } from '../../../electron/core/services/links';
import { proposalQuery, rankNeeds, type NeedDoc } from '../../../shared/domain/links/rank';
import { thaiWords } from '../../../shared/domain/links/thai-words';
import type { RoundSuggestions } from '../../../shared/domain/links/types';
import type { BenchRecord } from '../types';

const PROPOSALS = 5_000;
const NEEDS = 1_000_000;
const BASELINE_SAMPLE = 25;
const owner: Caller = { role: 'owner', actor: 'bench', transport: 'direct' };

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-links-'));
  const core = await createCore({
    dbPath: join(dir, 'chipao.sqlite'),
    sample: { needs: NEEDS, projects: PROPOSALS },
    auditAnchor: false,
  });
  try {
    const t0 = performance.now();
    const r = await core.call('links.suggestAll', { roundId: 1, limit: 5 }, owner);
    const value = (performance.now() - t0) / 1000;
    if (!r.ok) throw new Error(`links.suggestAll: ${r.error.message}`);
    const result = r.value as RoundSuggestions;
    if (result.items.length !== PROPOSALS || result.needs !== NEEDS) throw new Error('the bench round is not 5,000 × 1,000,000');

    const { table, proposals } = readRoundSuggestInputs(core.store.sqlite, 1);
    const wordsOf = table.texts.map((t) => thaiWords(t));
    const docs: NeedDoc[] = Array.from(table.ids, (id, i) => ({
      id,
      tambon: table.tambonCodes[table.tambon[i]!]!,
      category: table.categoryIds[table.category[i]!]!,
      words: wordsOf[table.text[i]!]!,
      people: table.people[i]!,
      timesRaised: table.timesRaised[i]!,
    }));
    const b0 = performance.now();
    for (const p of proposals.slice(0, BASELINE_SAMPLE)) rankNeeds(proposalQuery(p), docs, 5, new Set(p.exclude));
    const baseline = (((performance.now() - b0) / 1000) * PROPOSALS) / BASELINE_SAMPLE;
    const round = (x: number): number => Math.round(x * 100) / 100;
    return [
      {
        name: 'links.suggest_5k_x_1m_s',
        value: round(value),
        unit: 's',
        baseline: round(baseline),
        ratio: Math.round((value / baseline) * 1e4) / 1e4,
      },
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
