/**
 * The needs explorer through the dispatcher of a real core on a real SQLite file (synthetic sample): every filter and
 * search agrees with an independent query, the trigram index follows syncs and restores by itself, totals and the map
 * add up, a need's detail carries its versions and proposals, and the hot queries use their indexes.
 */
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors';
import type {
  NeedDetail,
  NeedPoints,
  NeedsChoropleth,
  NeedsExplorePage,
  NeedsFilter,
  NeedsTotals,
  ProjectNeedChanges,
} from '../../../shared/api/needs-explorer';
import { SAMPLE_SOURCE } from '../seed/sample-data';
import { NEEDS_SORT_FIELDS, type BackupInfo, type SyncReport } from '../../../shared/api/types';
import { needsWhere, pageIdsSql, plannedWhere, type TextVia } from '../services/needs-explorer';
import { owner, useTestCore } from './test-core';

const { core, ok, upload } = useTestCore('chipao-explorer-', { needs: 3000, projects: 60 });

async function err(method: string, args: unknown): Promise<ApiError> {
  const r = await core().call(method, args, owner);
  if (r.ok) throw new Error(`${method} was expected to fail`);
  return r.error;
}

type Truth = {
  id: number;
  title: string;
  people: number;
  households: number;
  cost: number | null;
  tambon: string;
  category: string;
  status: string;
  channel: string;
};

/** The needs a filter should find, by a plain scan with JavaScript's own substring test (no index, no SQL LIKE). */
function truth(pred: (n: Truth) => boolean): Truth[] {
  return (
    core()
      .store.sqlite.prepare(
        `SELECT id, title, people_affected AS people, households, estimated_cost AS cost, tambon_code AS tambon, category,
          status, channel FROM need ORDER BY id`,
      )
      .all() as Truth[]
  ).filter(pred);
}

async function ids(filter: NeedsFilter): Promise<number[]> {
  const out: number[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await ok<NeedsExplorePage>('needs.explore', { ...filter, offset, limit: 1000 });
    out.push(...page.rows.map((r) => r.id));
    if (page.rows.length < 1000) {
      expect(page.total).toBe(out.length);
      return out.sort((a, b) => a - b);
    }
  }
}

function feed(records: readonly Record<string, unknown>[]): string {
  return [JSON.stringify({ feed: 'chipao.needs', version: 1, source: SAMPLE_SOURCE }), ...records.map((r) => JSON.stringify(r))]
    .join('\n')
    .concat('\n');
}

function sampleNeed(id: number): Record<string, unknown> {
  const n = core()
    .store.sqlite.prepare(
      `SELECT external_id, version, category, tambon_code, village_no, households, people_affected, times_raised, channel
       FROM need WHERE id = ?`,
    )
    .get(id) as Record<string, string | number>;
  return {
    op: 'upsert',
    id: n['external_id'],
    version: Number(n['version']) + 1,
    updated_at: '2026-12-01T09:00:00+07:00',
    category: n['category'],
    tambon: n['tambon_code'],
    village_no: n['village_no'],
    households: n['households'],
    people_affected: n['people_affected'],
    times_raised: n['times_raised'],
    channel: n['channel'],
    reported_date: '1 ธ.ค. 2569',
    estimated_cost: '15,000.00 บาท',
  };
}

describe('needs.explore', () => {
  it('finds Thai words anywhere in a title, as a plain substring test does, alone and with other filters', async () => {
    const district = '1901';
    const cases: [NeedsFilter, (n: Parameters<Parameters<typeof truth>[0]>[0]) => boolean][] = [
      [{ search: 'ประปา' }, (n) => n.title.includes('ประปา')],
      // Inside a compound word (การเกษตร): a word segmenter's tokens would miss it; trigrams do not.
      [{ search: 'เกษตร' }, (n) => n.title.includes('เกษตร')],
      // Shorter than a trigram: matched by LIKE on what the other filters leave.
      [{ search: 'ไฟ', districtCode: district }, (n) => n.title.includes('ไฟ') && n.tambon.startsWith(district)],
      [{ search: 'หมู่ที่ 3' }, (n) => n.title.includes('หมู่ที่') && n.title.includes('3')],
      [
        { search: 'ถนน', districtCode: district, category: 'roads_transport' },
        (n) => n.title.includes('ถนน') && n.tambon.startsWith(district) && n.category === 'roads_transport',
      ],
      [{ search: 'ไม่มีคำนี้แน่นอน' }, () => false],
    ];
    for (const [filter, pred] of cases) {
      const expected = truth(pred).map((n) => n.id);
      expect(await ids(filter), JSON.stringify(filter)).toEqual(expected);
    }
    expect(truth((n) => n.title.includes('ประปา')).length).toBeGreaterThan(0);
    expect(truth((n) => n.title.includes('เกษตร')).length).toBeGreaterThan(0);
  });

  it('finds a need by its id or the beginning of it, and an area by its code', async () => {
    expect(await ids({ search: 'SRB-N-000123' })).toEqual(truth((n) => n.id === 123).map((n) => n.id));
    expect((await ids({ search: 'SRB-N-00012' })).length).toBe(10);
    expect(await ids({ search: '1901' })).toEqual(truth((n) => n.tambon.startsWith('1901')).map((n) => n.id));
    const tambon = truth(() => true)[0]!.tambon;
    expect(await ids({ search: tambon })).toEqual(truth((n) => n.tambon === tambon).map((n) => n.id));
  });

  it('filters by tambon, channel, status, TPMAP dimension, dates and a proposal, and sorts', async () => {
    const db = core().store.sqlite;
    const count = (sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n;
    const tambon = (db.prepare('SELECT tambon_code AS t FROM need LIMIT 1').get() as { t: string }).t;
    expect((await ids({ tambonCode: tambon })).length).toBe(
      count('SELECT COUNT(*) AS n FROM need WHERE tambon_code = ?', tambon),
    );
    expect((await ids({ channel: 'LINE' })).length).toBe(count(`SELECT COUNT(*) AS n FROM need WHERE channel = 'LINE'`));
    expect((await ids({ tpmap: 'living' })).length).toBe(count(`SELECT COUNT(*) AS n FROM need WHERE tpmap = 'living'`));
    expect((await ids({ dateFrom: '2026-03-01', dateTo: '2026-03-31' })).length).toBe(
      count(`SELECT COUNT(*) AS n FROM need WHERE reported_date BETWEEN '2026-03-01' AND '2026-03-31'`),
    );
    expect((await ids({ projectId: 1 })).length).toBe(count('SELECT COUNT(*) AS n FROM project_need WHERE project_id = 1'));
    expect(await ids({ status: 'withdrawn' })).toEqual([]);
    const page = await ok<NeedsExplorePage>('needs.explore', {
      offset: 0,
      limit: 50,
      sort: { field: 'peopleAffected', dir: 'desc' },
    });
    const people = page.rows.map((r) => r.peopleAffected);
    expect(people).toEqual([...people].sort((a, b) => b - a));
    expect(page.total).toBe(3000);
  });

  it('refuses a bad filter, and says what and where', async () => {
    const e = await err('needs.explore', { offset: 0, limit: 10, districtCode: '1001' });
    expect(e.code).toBe('BAD_ARGS');
    expect(e.message).toContain('districtCode');
    expect((await err('needs.choropleth', { level: 'tambon' })).message).toContain('parent');
    expect((await err('needs.detail', { needId: 999_999 })).code).toBe('NOT_FOUND');
  });
});

describe('needs.totals and needs.choropleth', () => {
  it('totals are the sums over exactly the needs the grid lists', async () => {
    for (const filter of [{}, { search: 'ประปา' }, { districtCode: '1903', category: 'water' }] as NeedsFilter[]) {
      const listed = new Set(await ids(filter));
      const rows = truth((n) => listed.has(n.id));
      const totals = await ok<NeedsTotals>('needs.totals', filter);
      expect(totals).toEqual({
        needs: rows.length,
        people: rows.reduce((s, n) => s + n.people, 0),
        households: rows.reduce((s, n) => s + n.households, 0),
        estimatedCost: rows.reduce((s, n) => s + (n.cost ?? 0), 0),
        withCost: rows.filter((n) => n.cost !== null).length,
      });
    }
  });

  it('the districts add up to the province, a district’s tambons to the district; per 1,000 residents from population', async () => {
    const filter = { category: 'water' };
    const province = await ok<NeedsTotals>('needs.totals', filter);
    // The map ignores the filter's own district: it is where the district is chosen.
    const map = await ok<NeedsChoropleth>('needs.choropleth', { ...filter, districtCode: '1901', level: 'district' });
    expect(map.areas).toHaveLength(13);
    expect(map.areas.reduce((s, a) => s + a.needs, 0)).toBe(province.needs);
    for (const a of map.areas) {
      if (a.population) expect(a.per1000).toBeCloseTo((a.needs / a.population) * 1000, 2);
      const district = await ok<NeedsChoropleth>('needs.choropleth', { ...filter, level: 'tambon', parent: a.code });
      expect(district.areas.every((t) => t.code.startsWith(a.code))).toBe(true);
      expect(district.areas.reduce((s, t) => s + t.needs, 0)).toBe(a.needs);
    }
  });
});

describe('needs.points', () => {
  it('gives the points of exactly the needs the grid lists that have one, the first by id, and how many', async () => {
    // Every seventh need given a point (the sample has none).
    core()
      .store.sqlite.prepare('UPDATE need SET lat = 14.4 + (id % 50) / 100.0, lon = 100.8 + (id % 30) / 100.0 WHERE id % 7 = 0')
      .run();
    const point = new Map(
      (
        core().store.sqlite.prepare('SELECT id, lat, lon FROM need WHERE lat IS NOT NULL ORDER BY id').all() as {
          id: number;
          lat: number;
          lon: number;
        }[]
      ).map((r) => [r.id, r]),
    );
    for (const filter of [
      { districtCode: '1902' },
      { districtCode: '1903', category: 'water' },
      { districtCode: '1901', search: 'ประปา' },
    ] as NeedsFilter[]) {
      const listed = (await ids(filter)).filter((id) => point.has(id));
      expect(listed.length).toBeGreaterThan(0);
      const answer = await ok<NeedPoints>('needs.points', filter);
      expect(answer.total).toBe(listed.length);
      expect(answer.points.map((p) => p.id)).toEqual(listed.slice(0, 2000));
      for (const p of answer.points) expect([p.lat, p.lon]).toEqual([point.get(p.id)!.lat, point.get(p.id)!.lon]);
      const few = await ok<NeedPoints>('needs.points', { ...filter, limit: 3 });
      expect(few).toEqual({ points: answer.points.slice(0, 3), total: answer.total });
    }
    expect((await err('needs.points', { districtCode: '1902', limit: 2001 })).code).toBe('BAD_ARGS');
  });
});

describe('the search index follows every writer', () => {
  it('a sync that renames a need is found by its new title only; a restore brings the old one back', async () => {
    const needId = 10;
    const old = truth((n) => n.id === needId)[0]!.title;
    const oldWord = old.split(' ')[0]!;
    const report = await ok<SyncReport>('needs.sync', {
      uploadId: upload('rename.ndjson', feed([{ ...sampleNeed(needId), title: 'ขอสร้างหอกระจายข่าวประจำหมู่บ้านใหม่' }])),
    });
    expect(report.changedCount).toBe(1);
    expect(await ids({ search: 'หอกระจายข่าว' })).toEqual([needId]);
    expect(await ids({ search: oldWord })).not.toContain(needId);
    expect(await ids({ search: oldWord })).toEqual(truth((n) => n.title.includes(oldWord)).map((n) => n.id));

    const detail = await ok<NeedDetail>('needs.detail', { needId });
    expect(detail.need.title).toBe('ขอสร้างหอกระจายข่าวประจำหมู่บ้านใหม่');
    expect(detail.versions.at(-1)).toMatchObject({ batchId: report.batchId, kind: 'changed', version: 2 });
    expect(detail.versions.at(-1)!.fields).toContainEqual({
      field: 'title',
      before: old,
      after: 'ขอสร้างหอกระจายข่าวประจำหมู่บ้านใหม่',
    });

    const backups = await ok<BackupInfo[]>('needs.backups', {});
    await ok('needs.restoreBackup', { name: backups[0]!.name });
    expect(await ids({ search: 'หอกระจายข่าว' })).toEqual([]);
    expect(await ids({ search: oldWord })).toContain(needId);
    expect(await ids({ search: oldWord })).toEqual(truth((n) => n.title.includes(oldWord)).map((n) => n.id));
  });

  it('a proposal’s evidence changes list the changed and withdrawn needs linked to it, field by field', async () => {
    const db = core().store.sqlite;
    const link = db
      .prepare('SELECT project_id AS p, need_id AS n FROM project_need ORDER BY project_id, need_id LIMIT 1')
      .get() as {
      p: number;
      n: number;
    };
    const before = await ok<ProjectNeedChanges>('needs.changesForProject', { projectId: link.p });
    const record = { ...sampleNeed(link.n), households: 99 };
    const title = (db.prepare('SELECT title FROM need WHERE id = ?').get(link.n) as { title: string }).title;
    await ok<SyncReport>('needs.sync', { uploadId: upload('households.ndjson', feed([{ ...record, title }])) });
    const after = await ok<ProjectNeedChanges>('needs.changesForProject', { projectId: link.p });
    expect(after.total).toBe(before.total + 1);
    expect(after.rows[0]).toMatchObject({ needId: link.n, kind: 'changed' });
    expect(after.rows[0]!.fields.map((f) => f.field)).toContain('households');
    expect(after.rows[0]!.fields.find((f) => f.field === 'households')!.after).toBe(99);
    const detail = await ok<NeedDetail>('needs.detail', { needId: link.n });
    expect(detail.proposals.map((p) => p.projectId)).toContain(link.p);
  });
});

describe('the two ways to find words', () => {
  it('the trigram index and the title test find the same needs, under every filter shape', () => {
    const db = core().store.sqlite;
    const found = (filter: NeedsFilter, via: TextVia): number[] => {
      const where = needsWhere(filter, via);
      return (db.prepare(`SELECT n.id FROM need n WHERE ${where.sql} ORDER BY n.id`).all(where.params) as { id: number }[]).map(
        (r) => r.id,
      );
    };
    for (const filter of [
      { search: 'ประปา', districtCode: '1901' },
      { search: 'ถนน ลูกรัง', category: 'roads_transport' },
      { search: 'น\u0e49\u0e4dา', channel: 'LINE' },
      { search: 'ไฟฟ้า ไฟ', tpmap: 'accessibility' },
    ] as NeedsFilter[]) {
      const byIndex = found(filter, 'index');
      expect(byIndex.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(found(filter, 'scan'), JSON.stringify(filter)).toEqual(byIndex);
    }
  });

  it('tests titles when the other filters leave few rows, and uses the index when there are none', () => {
    const store = core().store;
    expect(plannedWhere(store, { search: 'ประปา', districtCode: '1901' }).sql).not.toContain('need_search');
    expect(plannedWhere(store, { search: 'ประปา' }).sql).toContain('need_search');
  });
});

describe('query plans', () => {
  const plan = (filter: NeedsFilter): string => {
    const where = needsWhere(filter);
    return (
      core().store.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT COUNT(*) FROM need n WHERE ${where.sql}`).all(where.params) as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join(' | ');
  };

  it('every order the grid offers reads its page along an index: the whole table is never sorted for a page', () => {
    const where = needsWhere({});
    for (const field of NEEDS_SORT_FIELDS) {
      for (const dir of ['asc', 'desc'] as const) {
        const detail = (
          core()
            .store.sqlite.prepare(`EXPLAIN QUERY PLAN ${pageIdsSql(where, { field, dir })}`)
            .all({ ...where.params, limit: 100, offset: 500 }) as { detail: string }[]
        )
          .map((r) => r.detail)
          .join(' | ');
        // Category's index (category, tambon, …) orders the categories; the ids within one are sorted (RIGHT PART).
        expect(detail, `${field} ${dir}`).toMatch(/SCAN n USING (COVERING )?INDEX need_/u);
        expect(detail, `${field} ${dir}`).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      }
    }
  });

  it('district and category use the (category, tambon_code) index; text uses the trigram index', () => {
    expect(plan({ districtCode: '1901', category: 'water' })).toContain('need_category_tambon');
    expect(plan({ districtCode: '1901' })).toMatch(/USING (COVERING )?INDEX need_(tambon|category_tambon)/u);
    expect(plan({ search: 'ประปา' })).toContain('need_search VIRTUAL TABLE');
  });
});
