import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PbAnalysis, ScenarioResult, ExportedFile, Scenario } from '../../../shared/api/types';
import { parsePb } from '../../../shared/domain/pabulib/pb-format';
import { owner, useTestCore } from './test-core';

const { core, ok } = useTestCore('chipao-pb-', { needs: 1500, projects: 40 });

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
    // The export is in the audit log with the file's SHA-256, so a file passed around later can be recognised.
    const audit = core()
      .store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'scenario.exported_pb' ORDER BY id DESC LIMIT 1`)
      .get() as { payload_json: string } | undefined;
    expect(JSON.parse(audit!.payload_json)).toMatchObject({
      scenarioId: mes.id,
      fileName: file.fileName,
      sha256: createHash('sha256').update(Buffer.from(file.base64, 'base64')).digest('hex'),
    });

    const instance = parsePb(gunzipSync(Buffer.from(file.base64, 'base64')).toString('utf8'));
    expect(instance.meta['vote_type']).toBe('approval');
    expect(instance.meta['budget']).toBe((result.budget / 100).toFixed(2));
    expect(instance.projects).toHaveLength(result.rows.length);
    expect(Number(instance.meta['num_votes'])).toBe(instance.votes.length);

    const analysis = await ok<PbAnalysis>('pabulib.analyze', { fileName: file.fileName, base64: file.base64 });
    const ours = result.rows
      .filter((r) => r.funded > 0)
      .map((r) => String(r.projectId))
      .sort();
    expect(ours.length).toBeGreaterThan(0);
    expect(analysis.rules.find((r) => r.rule === 'mes_cost_add1')!.selected).toEqual(ours);
    expect(analysis.official).toEqual(ours);
  });

  it('refuses a broken .pb file with the line number and imports nothing', async () => {
    const text = 'META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;abc\nVOTES\nvoter_id;vote\n1;1\n';
    const r = await core().call('pabulib.analyze', { fileName: 'bad.pb', base64: Buffer.from(text).toString('base64') }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('IMPORT_REJECTED');
      expect(r.error.problems?.[0]?.line).toBe(7);
      expect(r.error.messageTh).toContain('bad.pb');
    }
  });
});
