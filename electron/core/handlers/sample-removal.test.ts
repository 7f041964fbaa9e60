/**
 * Taking the synthetic sample out of a database the province has started to use, against a real SQLite file: the demo
 * round with everything in it, the synthetic needs and the synthetic populations go; the province's own round,
 * proposals, needs and imported populations stay; the database is backed up first and the removal is in the audit
 * trail. Refused, changing nothing, while a proposal of the province's round is linked to a synthetic need, the demo
 * round has an approved plan or a needs source; and only the owner may do it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProposalWriteResult } from '../../../shared/api/projects';
import type { AppInfo, AuditStatusView, RoundDetail, SampleFootprint } from '../../../shared/api/types';
import { backupDir, listBackups } from '../import/backups';
import { missingTriggers, tamperedApprovals } from '../audit/integrity';
import { latestVersion } from '../db/migrate';
import type { Caller } from '../context';
import { everyTable, owner, sampleApprovalArgs, useTestCore } from './test-core';

const province = useTestCore('chipao-sample-removal-', { needs: 200, projects: 10 });
const approved = useTestCore('chipao-sample-approved-', { needs: 50, projects: 5 });

/** A feed of the province's own platform (not the sample's source): one need that must stay. */
const OWN_FEED = [
  '{"feed": "chipao.needs", "version": 1, "source": "district-office"}',
  '{"op": "upsert", "id": "KK-001", "version": 1, "updated_at": "2026-11-20T09:30:00+07:00", "title": "ขอซ่อมถนนลูกรัง หมู่ที่ 4", "category": "roads_transport", "tambon": "190201", "village_no": 4, "households": 30, "people_affected": 120, "times_raised": 1, "channel": "ประชาคม", "reported_date": "15 ต.ค. 2569"}',
  '',
].join('\n');

const count = (core: ReturnType<typeof province.core>, sql: string): number =>
  (core.store.sqlite.prepare(sql).get() as { n: number }).n;

describe('removing the synthetic sample', () => {
  const { core, ok, upload } = province;

  it('takes out the demo round, the synthetic needs and populations, and keeps what the province added', async () => {
    // The province's own round, a proposal in it, a need from its own feed, and one district's official population.
    const round = await ok<RoundDetail>('rounds.create', {
      fiscalYear: 2572,
      name: 'แผนพัฒนาจังหวัด ปี 2572',
      ceiling: 10_000_000_00,
    });
    const proposal = await ok<ProposalWriteResult>('projects.create', {
      roundId: round.id,
      proposal: {
        code: 'P-001',
        title: 'ซ่อมสร้างถนนลูกรัง หมู่ที่ 4',
        level: 'agency',
        agency: 'สำนักงานโยธาธิการและผังเมืองจังหวัดสระบุรี',
        developmentIssueNo: null,
        scope: 'district',
        tambonCodes: [],
        districtCode: '1902',
        operating: 0,
        investment: 1_000_000_00,
        minimum: null,
        people: 120,
        households: 30,
        agencyPriority: null,
        readiness: [],
        kpis: [],
        description: '',
        strategy: '',
      },
    });
    const projectId = proposal.id;
    await ok('needs.sync', { uploadId: upload('own.ndjson', OWN_FEED) });
    const own = core().store.sqlite.prepare(`SELECT id FROM need WHERE external_id = 'KK-001'`).get() as { id: number };
    await ok('reference.importAreas', { uploadId: upload('pop.csv', 'code,population\n1901,98765\n') });

    // A proposal of the province's round linked to a synthetic need holds the sample back, and nothing changes.
    const synthetic = core()
      .store.sqlite.prepare(`SELECT id FROM need WHERE json_extract(raw_json, '$.synthetic') = 1 LIMIT 1`)
      .get() as { id: number };
    await ok('links.link', { projectId, needIds: [synthetic.id, own.id] });
    const footprint = await ok<SampleFootprint>('sample.footprint', {});
    expect(footprint).toMatchObject({ present: true, rounds: [{ id: 1 }], projects: 10, needs: 200, populations: 12 });
    expect(footprint.blockers).toHaveLength(1);
    expect(footprint.blockers[0]!.en).toMatch(/1 proposal\(s\) of round 'แผนพัฒนาจังหวัด ปี 2572' are linked to synthetic needs/u);
    expect(footprint.blockers[0]!.th).toMatch(/เชื่อมโยงกับความต้องการสังเคราะห์/u);
    const before = everyTable(core());
    const backups = listBackups(core().store.sqlite.name).length;
    const refused = await core().call('sample.remove', {}, owner);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('INVALID_STATE');
    expect(refused.error.messageTh).toMatch(/ไม่ได้นำข้อมูลตัวอย่างออก/u);
    expect(everyTable(core())).toEqual(before);
    // No backup is made for a refusal.
    expect(listBackups(core().store.sqlite.name)).toHaveLength(backups);

    // Unlinked, it goes.
    await ok('links.unlink', { projectId, needIds: [synthetic.id] });
    const removed = await ok<SampleFootprint & { backup: string }>('sample.remove', {});
    expect(removed).toMatchObject({
      present: true,
      rounds: [{ id: 1 }],
      projects: 10,
      needs: 200,
      populations: 12,
      blockers: [],
    });
    expect(existsSync(join(backupDir(core().store.sqlite.name), removed.backup))).toBe(true);

    const c = core();
    expect(count(c, 'SELECT COUNT(*) AS n FROM round')).toBe(1);
    expect((await ok<{ id: number }[]>('rounds.list', {})).map((r) => r.id)).toEqual([round.id]);
    expect(count(c, 'SELECT COUNT(*) AS n FROM project')).toBe(1);
    expect(count(c, 'SELECT COUNT(*) AS n FROM need')).toBe(1);
    expect(count(c, `SELECT COUNT(*) AS n FROM project_need WHERE project_id = ${projectId} AND need_id = ${own.id}`)).toBe(1);
    for (const table of ['member', 'criterion', 'scenario', 'workshop_session', 'ranking_override']) {
      expect(count(c, `SELECT COUNT(*) AS n FROM ${table} WHERE round_id <> ${round.id}`), table).toBe(0);
    }
    expect(count(c, 'SELECT COUNT(*) AS n FROM score')).toBe(0);
    // The search finds no synthetic need any more; the province's own is still found.
    expect(count(c, `SELECT COUNT(*) AS n FROM need_search WHERE need_search MATCH 'ประปา'`)).toBe(0);
    expect(count(c, `SELECT COUNT(*) AS n FROM need_search WHERE need_search MATCH 'ลูกรัง'`)).toBe(1);
    // The imported population stays; the synthetic ones are gone.
    const populations = c.store.sqlite.prepare('SELECT code, population FROM area_district WHERE population IS NOT NULL').all();
    expect(populations).toEqual([{ code: '1901', population: 98765 }]);
    expect((await ok<AppInfo>('app.info', {})).synthetic).toBe(false);

    // Recorded, the chain intact, the records' protections in place.
    const event = c.store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'sample.removed'`).get() as {
      payload_json: string;
    };
    expect(JSON.parse(event.payload_json)).toMatchObject({ projects: 10, needs: 200 });
    expect((await ok<AuditStatusView>('audit.verify', {})).ok).toBe(true);
    expect(missingTriggers(c.store, latestVersion())).toEqual([]);
    expect(tamperedApprovals(c.store, latestVersion())).toEqual([]);

    // Once gone, there is nothing to remove.
    expect(await ok<SampleFootprint>('sample.footprint', {})).toMatchObject({ present: false, populations: 0 });
    const again = await c.call('sample.remove', {}, owner);
    expect(again.ok ? null : again.error.message).toMatch(/holds no synthetic sample/u);
  });

  it('is the owner’s alone', async () => {
    const member: Caller = { role: 'member', actor: 'member:1', transport: 'websocket', memberId: 1 };
    const r = await core().call('sample.remove', {}, member);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});

describe('a demo round with an approved plan', () => {
  const { core, ok } = approved;

  it('keeps the sample: an approval is never deleted', async () => {
    await ok('approvals.approve', sampleApprovalArgs(1));
    // A needs source added while the demo round was chosen holds it back too (its feed's place would be lost).
    await ok('needs.addSource', { roundId: 1, name: 'แพลตฟอร์มจังหวัด', url: 'https://needs.example.go.th/feed' });
    const footprint = await ok<SampleFootprint>('sample.footprint', {});
    expect(footprint.blockers.map((b) => b.en)).toEqual([
      expect.stringMatching(/1 approved plan\(s\).*--no-seed/u),
      expect.stringMatching(/1 needs source\(s\) \('แพลตฟอร์มจังหวัด'\).*remove them from the demo round/u),
    ]);
    const before = everyTable(core());
    const r = await core().call('sample.remove', {}, owner);
    expect(r.ok ? null : r.error.code).toBe('INVALID_STATE');
    expect(everyTable(core())).toEqual(before);
  });
});
