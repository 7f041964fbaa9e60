import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PbAnalysis, ScenarioResult, ExportedFile, Scenario } from '../../../shared/api/types';
import { parsePb } from '../../../shared/domain/pabulib/pb-format';
import { owner, sampleApprovalArgs, useTestCore } from './test-core';

const { core, ok, upload, download } = useTestCore('chipao-pb-', { needs: 1500, projects: 40 });

describe('Pabulib export and analysis', () => {
  it('exports an MES scenario that the reference rule re-selects exactly', async () => {
    const scenarios = await ok<Scenario[]>('scenarios.list', { roundId: 1 });
    const mes = scenarios.find((s) => s.rule === 'mes')!;
    // A ceiling well under the total requested, as in a real round (with money for everything, add1 would
    // raise shares one baht at a time until even projects with a handful of supporters are affordable).
    const projects = await ok<{ requested: number }[]>('projects.list', { roundId: 1 });
    const ceiling = Math.floor(projects.reduce((s, p) => s + p.requested, 0) * 0.4);
    const households = await ok<Scenario>('scenarios.update', {
      scenarioId: mes.id,
      params: { voterUnit: 'households', ceiling },
    });
    const result = await ok<ScenarioResult>('scenarios.run', { scenarioId: households.id });
    const file = await ok<ExportedFile>('scenarios.exportPb', { scenarioId: households.id });
    expect(file.fileName).toMatch(/\.pb\.gz$/u);
    const bytes = download(file);
    // The export is in the audit log with the file's SHA-256, so a file passed around later can be recognised.
    const audit = core()
      .store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'scenario.exported_pb' ORDER BY id DESC LIMIT 1`)
      .get() as { payload_json: string } | undefined;
    expect(JSON.parse(audit!.payload_json)).toMatchObject({
      scenarioId: mes.id,
      fileName: file.fileName,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const instance = parsePb(gunzipSync(bytes).toString('utf8'));
    expect(instance.meta['vote_type']).toBe('approval');
    expect(instance.meta['budget']).toBe((result.budget / 100).toFixed(2));
    expect(instance.projects).toHaveLength(result.rows.length);
    expect(Number(instance.meta['num_votes'])).toBe(instance.votes.length);

    const analysis = await ok<PbAnalysis>('pabulib.analyze', {
      uploadId: upload(file.fileName, bytes),
    });
    const ours = result.rows
      .filter((r) => r.funded > 0)
      .map((r) => String(r.projectId))
      .sort();
    expect(ours.length).toBeGreaterThan(0);
    expect(analysis.rules.find((r) => r.rule === 'mes_cost_add1')!.selected).toEqual(ours);
    expect(analysis.official).toEqual(ours);
  });

  it("gives the proposals' points as Pabulib's latitude and longitude, none for those without", async () => {
    const mes = (await ok<Scenario[]>('scenarios.list', { roundId: 1 })).find((s) => s.rule === 'mes')!;
    const ids = core()
      .store.sqlite.prepare('SELECT id FROM project WHERE round_id = 1 ORDER BY id LIMIT 2')
      .pluck()
      .all() as number[];
    const parse = async (): Promise<ReturnType<typeof parsePb>> =>
      parsePb(gunzipSync(download(await ok<ExportedFile>('scenarios.exportPb', { scenarioId: mes.id }))).toString('utf8'));
    // Without any point, no such columns.
    expect(Object.keys((await parse()).projects[0]!.fields)).not.toContain('latitude');
    core().store.sqlite.prepare('UPDATE project SET lat = 14.5312, lon = 100.9104 WHERE id = ?').run(ids[0]);
    try {
      const byId = new Map((await parse()).projects.map((p) => [p.id, p.fields]));
      expect(byId.get(String(ids[0]))).toMatchObject({ latitude: '14.5312', longitude: '100.9104' });
      expect(byId.get(String(ids[1]))!['latitude']).toBeUndefined();
    } finally {
      core().store.sqlite.prepare('UPDATE project SET lat = NULL, lon = NULL WHERE id = ?').run(ids[0]);
    }
  });

  it('refuses a broken .pb file with the line number and imports nothing', async () => {
    const text = 'META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;abc\nVOTES\nvoter_id;vote\n1;1\n';
    const r = await core().call('pabulib.analyze', { uploadId: upload('bad.pb', text) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('IMPORT_REJECTED');
      expect(r.error.problems?.[0]?.line).toBe(7);
      expect(r.error.messageTh).toContain('bad.pb');
    }
  });

  it('refuses a gzip bomb by its unpacked size, in Thai and English, and the host process keeps its memory', async () => {
    // 300 MB of zeros packs to ~300 KB; unpacked it is over the 256 MB cap.
    const bomb = gzipSync(Buffer.alloc(300 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = await core().call('pabulib.analyze', { uploadId: upload('bomb.pb.gz', bomb) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('TOO_LARGE');
      expect(r.error.message).toMatch(/bomb\.pb\.gz.*unpacks to more than 256 MB/u);
      expect(r.error.messageTh).toContain('ใหญ่เกิน 256 MB');
    }
  });

  it('an upload belongs to the connection that sent it', async () => {
    const other = { ...owner, session: 'someone-else' };
    const id = upload('x.pb', 'META\n', other);
    const r = await core().call('pabulib.analyze', { uploadId: id }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
  });
});

describe("an approved scenario's .pb", () => {
  it('is the approved plan from its frozen record, not a re-run on what changed since', async () => {
    const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แผนอนุมัติ MES', rule: 'mes' });
    const projects = await ok<{ requested: number }[]>('projects.list', { roundId: 1 });
    const ceiling = Math.floor(projects.reduce((s, p) => s + p.requested, 0) * 0.4);
    await ok('scenarios.update', { scenarioId: scenario.id, params: { ceiling } });
    const approved = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
    await ok('approvals.approve', sampleApprovalArgs(scenario.id, { resolutionNo: 'ครั้งที่ 5/2569', resolutionDate: '15/11/2569' }));
    const exportPb = async (): Promise<ReturnType<typeof parsePb> & { bytes: Buffer }> => {
      const file = await ok<ExportedFile>('scenarios.exportPb', { scenarioId: scenario.id });
      const bytes = download(file);
      return { ...parsePb(gunzipSync(bytes).toString('utf8')), bytes };
    };
    const atApproval = await exportPb();

    // After the approval the needs behind the funded projects are withdrawn and the requests grow.
    const funded = approved.rows.filter((r) => r.funded > 0).map((r) => r.projectId);
    const db = core().store.sqlite;
    db.prepare(
      `UPDATE need SET status = 'withdrawn' WHERE id IN (SELECT need_id FROM project_need WHERE project_id IN (${funded.join(',')}))`,
    ).run();
    db.prepare(
      'UPDATE project SET requested = requested * 2, operating = operating * 2, investment = investment * 2, min_amount = min_amount * 2 WHERE round_id = 1',
    ).run();

    const later = await exportPb();
    const selected = (i: ReturnType<typeof parsePb>): string[] =>
      i.projects
        .filter((p) => p.fields['selected'] === '1')
        .map((p) => p.id)
        .sort();
    const approvedSet = funded.map(String).sort();
    expect(selected(atApproval)).toEqual(approvedSet);
    expect(selected(later)).toEqual(approvedSet);
    expect(later.votes.length).toBe(atApproval.votes.length);
    expect(later.projects.map((p) => p.cost.toString())).toEqual(atApproval.projects.map((p) => p.cost.toString()));
    // The reference rule re-selects the approved plan from the file.
    const analysis = await ok<PbAnalysis>('pabulib.analyze', {
      uploadId: upload('approved.pb.gz', later.bytes),
    });
    expect(analysis.rules.find((r) => r.rule === 'mes_cost_add1')!.selected).toEqual(approvedSet);
  });
});
