import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../shared/api/contract';
import {
  LINKED_NEEDS_SHOWN,
  type LinkChange,
  type ProjectLinksView,
  type RoundSuggestions,
  type SuggestionsView,
} from '../../../shared/domain/links/types';
import { owner, useTestCore } from './test-core';

const viewer = { role: 'observer' as const, actor: 'browser@127.0.0.1', transport: 'websocket' as const };

const { core, ok } = useTestCore('chipao-links-', { needs: 3000, projects: 40 });

const tambonsOf = (projectId: number): string[] =>
  core().store.sqlite.prepare('SELECT tambon_code FROM project_area WHERE project_id = ?').pluck().all(projectId) as string[];

/** A district-wide proposal of the sample with at least three suggestions. */
async function proposalWithSuggestions(): Promise<{ projectId: number; view: SuggestionsView }> {
  const ids = core()
    .store.sqlite.prepare(`SELECT id FROM project WHERE scope = 'district' ORDER BY id`)
    .pluck()
    .all() as number[];
  for (const projectId of ids) {
    const view = await ok<SuggestionsView>('links.suggest', { roundId: 1, projectId, limit: 10 });
    if (view.suggestions.length >= 3) return { projectId, view };
  }
  throw new Error('no proposal with suggestions in the sample');
}

describe('links', () => {
  it('suggests needs of the proposal’s area, not linked, best first, with reasons', async () => {
    const { projectId, view } = await proposalWithSuggestions();
    const area = new Set(tambonsOf(projectId));
    const linked = new Set((await ok<ProjectLinksView>('links.forProject', { projectId })).linked.map((n) => n.id));
    expect(view.categories.length).toBeGreaterThan(0);
    for (const s of view.suggestions) {
      expect(area.has(s.need.tambonCode)).toBe(true);
      expect(linked.has(s.need.id)).toBe(false);
      expect(s.reasons.sameTambon).toBe(true);
      expect(s.reasons.sameCategory || s.reasons.sharedWords.length > 0).toBe(true);
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
    }
    const scores = view.suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Deterministic: asking again gives the same answer.
    expect(await ok<SuggestionsView>('links.suggest', { roundId: 1, projectId, limit: 10 })).toEqual(view);
  });

  it("says how far a suggested need's point lies from the proposal's, without changing any score", async () => {
    const { projectId, view } = await proposalWithSuggestions();
    const { sqlite } = core().store;
    expect(view.suggestions.every((s) => s.distanceKm === undefined)).toBe(true);
    const [first, second] = view.suggestions;
    sqlite.prepare('UPDATE project SET lat = 14.5, lon = 100.9 WHERE id = ?').run(projectId);
    // One need a tenth of a degree of latitude north (about 11.1 km), one without a point.
    sqlite.prepare('UPDATE need SET lat = 14.6, lon = 100.9 WHERE id = ?').run(first!.need.id);
    try {
      const again = await ok<SuggestionsView>('links.suggest', { roundId: 1, projectId, limit: 10 });
      expect(again.suggestions.map((s) => [s.need.id, s.score])).toEqual(view.suggestions.map((s) => [s.need.id, s.score]));
      expect(again.suggestions[0]!.distanceKm).toBeCloseTo(11.12, 1);
      expect(again.suggestions.find((s) => s.need.id === second!.need.id)!.distanceKm).toBeUndefined();
    } finally {
      sqlite.prepare('UPDATE project SET lat = NULL, lon = NULL WHERE id = ?').run(projectId);
      sqlite.prepare('UPDATE need SET lat = NULL, lon = NULL WHERE id = ?').run(first!.need.id);
    }
  });

  it('accepting two suggestions links them, recomputes the evidence, flags a scored proposal and is audited', async () => {
    const { projectId, view } = await proposalWithSuggestions();
    const before = await ok<ProjectLinksView>('links.forProject', { projectId });
    const events: EventMessage[] = [];
    const off = core().onEvent((m) => events.push(m));
    const picked = view.suggestions.slice(0, 2).map((s) => s.need);
    const change = await ok<LinkChange>('links.accept', { projectId, needIds: picked.map((n) => n.id) });
    off();
    expect(change).toEqual({ projectId, changed: 2, evidenceChanged: true });
    const after = await ok<ProjectLinksView>('links.forProject', { projectId });
    expect(after.linked.length).toBe(before.linked.length + 2);
    expect(after.linked.filter((n) => picked.some((p) => p.id === n.id)).map((n) => n.origin)).toEqual([
      'suggestion',
      'suggestion',
    ]);
    expect(after.evidence.people).toBe(before.evidence.people + picked[0]!.people + picked[1]!.people);
    expect(after.evidence.timesRaised).toBe(before.evidence.timesRaised + picked[0]!.timesRaised + picked[1]!.timesRaised);
    expect(after.evidence.costPerPerson).toBe(Math.round(after.requested / after.evidence.people));
    expect(after.evidenceChanged).toBe(true);
    expect(events.map((e) => e.event)).toEqual(['links.changed', 'allocation.changed']);
    const audit = core()
      .store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'links.accept' ORDER BY id DESC`)
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ projectId, needIds: picked.map((n) => n.id).sort((a, b) => a - b) });
    // Accepted needs are no longer suggested; accepting again changes nothing.
    const again = await ok<SuggestionsView>('links.suggest', { roundId: 1, projectId, limit: 50 });
    expect(again.suggestions.some((s) => picked.some((p) => p.id === s.need.id))).toBe(false);
    expect((await ok<LinkChange>('links.accept', { projectId, needIds: [picked[0]!.id] })).changed).toBe(0);
  });

  it('a rejected need is not suggested again; a linked one cannot be rejected', async () => {
    const { projectId, view } = await proposalWithSuggestions();
    const first = view.suggestions[0]!.need.id;
    expect((await ok<LinkChange>('links.reject', { projectId, needIds: [first] })).changed).toBe(1);
    const after = await ok<SuggestionsView>('links.suggest', { roundId: 1, projectId, limit: 50 });
    expect(after.suggestions.some((s) => s.need.id === first)).toBe(false);
    const linked = (await ok<ProjectLinksView>('links.forProject', { projectId })).linked[0]!.id;
    expect((await ok<LinkChange>('links.reject', { projectId, needIds: [linked] })).changed).toBe(0);
    // A manual link overrides the rejection.
    expect((await ok<LinkChange>('links.link', { projectId, needIds: [first] })).changed).toBe(1);
    const rejected = core()
      .store.sqlite.prepare('SELECT COUNT(*) FROM link_rejection WHERE project_id = ? AND need_id = ?')
      .pluck()
      .get(projectId, first);
    expect(rejected).toBe(0);
  });

  it('withdrawn needs are listed but neither counted nor suggested', async () => {
    const { projectId, view } = await proposalWithSuggestions();
    const suggested = view.suggestions[0]!.need.id;
    const before = await ok<ProjectLinksView>('links.forProject', { projectId });
    const linked = before.linked.find((n) => n.status === 'active')!;
    const db = core().store.sqlite;
    const withdraw = db.prepare(`UPDATE need SET status = ? WHERE id = ?`);
    withdraw.run('withdrawn', suggested);
    withdraw.run('withdrawn', linked.id);
    try {
      const after = await ok<ProjectLinksView>('links.forProject', { projectId });
      expect(after.linked.find((n) => n.id === linked.id)?.status).toBe('withdrawn');
      expect(after.evidence.needs).toBe(before.evidence.needs - 1);
      expect(after.evidence.timesRaised).toBe(before.evidence.timesRaised - linked.timesRaised);
      const again = await ok<SuggestionsView>('links.suggest', { roundId: 1, projectId, limit: 50 });
      expect(again.suggestions.some((s) => s.need.id === suggested)).toBe(false);
    } finally {
      withdraw.run('active', suggested);
      withdraw.run('active', linked.id);
    }
  });

  it('a proposal linked to more needs than the screen lists: the first of them, how many in all, every id, evidence from all', async () => {
    const projectId = 5;
    const sqlite = core().store.sqlite;
    const more = sqlite
      .prepare(
        `SELECT id FROM need WHERE status = 'active' AND id NOT IN (SELECT need_id FROM project_need WHERE project_id = ?)
         ORDER BY id LIMIT ?`,
      )
      .pluck()
      .all(projectId, LINKED_NEEDS_SHOWN + 150) as number[];
    for (let i = 0; i < more.length; i += 1000) await ok('links.link', { projectId, needIds: more.slice(i, i + 1000) });
    const all = sqlite
      .prepare('SELECT need_id FROM project_need WHERE project_id = ? ORDER BY need_id')
      .pluck()
      .all(projectId) as number[];
    expect(all.length).toBeGreaterThan(LINKED_NEEDS_SHOWN + 150);

    const view = await ok<ProjectLinksView>('links.forProject', { projectId });
    expect(view.linked).toHaveLength(LINKED_NEEDS_SHOWN);
    expect(view.linkedTotal).toBe(all.length);
    expect([...view.linkedIds].sort((a, b) => a - b)).toEqual(all);
    const active = sqlite
      .prepare(
        `SELECT COUNT(*) FROM project_need pn JOIN need n ON n.id = pn.need_id WHERE pn.project_id = ? AND n.status = 'active'`,
      )
      .pluck()
      .get(projectId) as number;
    expect(view.evidence.needs).toBe(active);
    // The answer stays small whatever the number of links (about 0.3 kB a listed need).
    expect(JSON.stringify(view.linked).length).toBeLessThan(LINKED_NEEDS_SHOWN * 600);
    await ok('links.unlink', { projectId, needIds: more.slice(0, 1000) });
  });

  it('unlinking every need leaves a proposal said to have none', async () => {
    const projectId = 3;
    const view = await ok<ProjectLinksView>('links.forProject', { projectId });
    expect(view.linked.length).toBeGreaterThan(0);
    const change = await ok<LinkChange>('links.unlink', { projectId, needIds: view.linked.map((n) => n.id) });
    expect(change.changed).toBe(view.linked.length);
    const empty = await ok<ProjectLinksView>('links.forProject', { projectId });
    expect(empty.linked).toEqual([]);
    expect(empty.evidence).toEqual({
      needs: 0,
      people: 0,
      households: 0,
      villages: 0,
      timesRaised: 0,
      costPerPerson: null,
      byCategory: [],
    });
    const projects = await ok<{ id: number; needCount: number }[]>('projects.list', { roundId: 1 });
    expect(projects.find((p) => p.id === projectId)?.needCount).toBe(0);
  });

  it('refuses unknown needs, viewers and a closed round, changing nothing', async () => {
    const projectId = 5;
    const count = (): number => core().store.sqlite.prepare('SELECT COUNT(*) FROM project_need').pluck().get() as number;
    const events = (): number => core().store.sqlite.prepare('SELECT COUNT(*) FROM audit_event').pluck().get() as number;
    const [links0, audit0] = [count(), events()];
    const needId = (await ok<SuggestionsView>('links.suggest', { roundId: 1, projectId, limit: 1 })).suggestions[0]?.need.id ?? 1;
    const unknown = await core().call('links.accept', { projectId, needIds: [needId, 999_999] }, owner);
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    const forbidden = await core().call('links.accept', { projectId, needIds: [needId] }, viewer);
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
    const read = await core().call('links.forProject', { projectId }, viewer);
    expect(read.ok).toBe(true);
    const db = core().store.sqlite;
    db.prepare(`UPDATE round SET status = 'approved' WHERE id = 1`).run();
    try {
      const closed = await core().call('links.unlink', { projectId, needIds: [needId] }, owner);
      expect(closed.ok ? null : closed.error.code).toBe('INVALID_STATE');
    } finally {
      db.prepare(`UPDATE round SET status = 'in_session' WHERE id = 1`).run();
    }
    expect([count(), events()]).toEqual([links0, audit0]);
    const wrongRound = await core().call('links.suggest', { roundId: 2, projectId }, owner);
    expect(wrongRound.ok ? null : wrongRound.error.code).toBe('NOT_FOUND');
  });

  it('suggestAll gives each proposal the same top suggestions as links.suggest', async () => {
    const all = await ok<RoundSuggestions>('links.suggestAll', { roundId: 1, limit: 3 });
    expect(all.proposals).toBe(40);
    expect(all.items.length).toBe(40);
    for (const item of all.items.slice(0, 10)) {
      const one = await ok<SuggestionsView>('links.suggest', { roundId: 1, projectId: item.projectId, limit: 3 });
      expect(item.top).toEqual(one.suggestions.map((s) => ({ needId: s.need.id, score: s.score })));
    }
  });
});

describe('links.suggestAll on the compute worker', () => {
  const { core: threaded } = useTestCore('chipao-links-worker-', { needs: 2000, projects: 120 }, { worker: true });

  it('runs off the main thread and reports progress up to every proposal', async () => {
    const progress: { done: number; total: number }[] = [];
    const off = threaded().onEvent((m) => {
      if (m.event === 'links.progress') progress.push(m.payload);
    });
    const r = await threaded().call('links.suggestAll', { roundId: 1 }, owner);
    off();
    expect(r.ok).toBe(true);
    const value = (r.ok ? r.value : null) as RoundSuggestions;
    expect(value.items.length).toBe(120);
    expect(value.items.every((i) => i.top.length <= 3)).toBe(true);
    expect(progress[0]).toEqual({ roundId: 1, done: 0, total: 120 });
    expect(progress.at(-1)).toEqual({ roundId: 1, done: 120, total: 120 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    const one = await threaded().call('links.suggest', { roundId: 1, projectId: value.items[0]!.projectId, limit: 3 }, owner);
    const view = (one.ok ? one.value : null) as SuggestionsView;
    expect(value.items[0]!.top).toEqual(view.suggestions.map((s) => ({ needId: s.need.id, score: s.score })));
  });
});
