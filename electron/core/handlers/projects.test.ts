/**
 * Proposal editing through the dispatcher of a real core on a real SQLite file: create, update with versions,
 * conflicts naming who changed what, the confirmation needed once members scored a proposal (then flagged and
 * audited), removal rules, and that every refused call leaves every table as it was.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors';
import type { ProposalDetail, ProposalPoints, ProposalWriteResult } from '../../../shared/api/projects';
import type { ProposalInput } from '../../../shared/domain/proposals';
import { verifyAuditChain } from '../audit/audit-log';
import type { Caller } from '../context';
import { owner, useTestCore } from './test-core';

const member: Caller = { role: 'member', actor: 'member:1@192.168.1.20', transport: 'websocket' };
const { core, ok } = useTestCore('chipao-projects-', { needs: 800, projects: 20 });

const TABLES = ['project', 'project_area', 'project_need', 'score', 'audit_event'];
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const rows = core().store.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
    out[t] = `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
  }
  return out;
}

/** Calls a method that must be refused, and checks it changed no table. */
async function refused(method: string, args: unknown, caller: Caller = owner): Promise<ApiError> {
  const before = snapshot();
  const r = await core().call(method, args, caller);
  if (r.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(r.value).slice(0, 200)}`);
  expect(snapshot()).toEqual(before);
  return r.error;
}

function twoTambons(): string[] {
  return core().store.sqlite.prepare('SELECT code FROM area_tambon ORDER BY code LIMIT 2').pluck().all() as string[];
}

function lastAudit(kind: string): { actor: string; payload: Record<string, unknown> } {
  const row = core()
    .store.sqlite.prepare('SELECT actor, payload_json FROM audit_event WHERE kind = ? ORDER BY id DESC LIMIT 1')
    .get(kind) as { actor: string; payload_json: string };
  return { actor: row.actor, payload: JSON.parse(row.payload_json) as Record<string, unknown> };
}

function input(code: string, patch: Partial<ProposalInput> = {}): ProposalInput {
  return {
    code,
    title: 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก',
    level: 'agency',
    agency: 'สำนักงานโยธาธิการและผังเมืองจังหวัดสระบุรี',
    developmentIssueNo: null,
    scope: 'tambons',
    tambonCodes: twoTambons(),
    districtCode: null,
    operating: 100_000_00,
    investment: 2_400_000_00,
    minimum: 1_500_000_00,
    people: 1200,
    households: 350,
    agencyPriority: null,
    point: null,
    readiness: ['design', 'land'],
    kpis: [{ name: 'ถนนที่ก่อสร้าง', target: '1.2', unit: 'กิโลเมตร' }],
    description: '',
    strategy: '',
    ...patch,
  };
}

async function scoredProject(): Promise<ProposalDetail> {
  const all = await ok<ProposalDetail[]>('projects.details', { roundId: 1 });
  const p = all.find((x) => x.scoreCount > 0);
  if (!p) throw new Error('the sample has no scored proposal');
  return p;
}

describe('projects.create / projects.get', () => {
  it('creates a proposal over two tambons, readable with its counts, audited', async () => {
    const w = await ok<ProposalWriteResult>('projects.create', { roundId: 1, proposal: input('NEW-001') });
    expect(w).toMatchObject({ kind: 'new', version: 1 });
    const p = await ok<ProposalDetail>('projects.get', { projectId: w.id });
    expect(p).toMatchObject({
      code: 'NEW-001',
      scope: 'tambons',
      tambonCodes: twoTambons(),
      requested: 2_500_000_00,
      minimum: 1_500_000_00,
      readiness: ['design', 'land'],
      scoreCount: 0,
      linkCount: 0,
      changedAfterScoring: false,
    });
    expect(lastAudit('proposal.created').payload).toMatchObject({ projectId: w.id, code: 'NEW-001' });
    const listed = await ok<ProposalDetail[]>('projects.details', { roundId: 1 });
    expect(listed.map((x) => x.code)).toContain('NEW-001');
  });

  it('refuses an existing code, a bad DOPA code and a minimum above the request, naming the field', async () => {
    expect((await refused('projects.create', { roundId: 1, proposal: input('NEW-001') })).code).toBe('INVALID_STATE');
    const badTambon = await refused('projects.create', { roundId: 1, proposal: input('NEW-002', { tambonCodes: ['19011'] }) });
    expect(badTambon.code).toBe('BAD_ARGS');
    expect(badTambon.message).toContain('proposal.tambonCodes');
    const badDistrict = await refused('projects.create', {
      roundId: 1,
      proposal: input('NEW-002', { scope: 'district', districtCode: '19x1' }),
    });
    expect(badDistrict.message).toContain('proposal.districtCode');
    const minimum = await refused('projects.create', { roundId: 1, proposal: input('NEW-002', { minimum: 3_000_000_00 }) });
    expect(minimum.code).toBe('BAD_ARGS');
    expect(minimum.problems?.map((p) => p.column)).toEqual(['minimum']);
    expect(minimum.messageTh).toContain('วงเงินขั้นต่ำ');
    const unknownTambon = await refused('projects.create', {
      roundId: 1,
      proposal: input('NEW-002', { tambonCodes: ['999999'] }),
    });
    expect(unknownTambon.problems?.map((p) => p.column)).toEqual(['tambonCodes']);
    expect((await refused('projects.create', { roundId: 1, proposal: input('NEW-002', { code: 'A\nB' }) })).code).toBe(
      'BAD_ARGS',
    );
    expect(
      (await refused('projects.create', { roundId: 1, proposal: { ...input('NEW-002'), readiness: ['design', 'cheap'] } }))
        .message,
    ).toContain('proposal.readiness');
  });

  it('lets members read but not write', async () => {
    const [p] = await ok<ProposalDetail[]>('projects.details', { roundId: 1 }, member);
    expect(p).toBeDefined();
    expect((await refused('projects.create', { roundId: 1, proposal: input('NEW-003') }, member)).code).toBe('FORBIDDEN');
  });
});

describe('projects.update', () => {
  it('updates with the version it saw, and refuses a stale version saying who changed what', async () => {
    const p = (await ok<ProposalDetail[]>('projects.details', { roundId: 1 })).find((x) => x.code === 'NEW-001')!;
    const w = await ok<ProposalWriteResult>('projects.update', {
      projectId: p.id,
      expectedVersion: p.version,
      proposal: input('NEW-001', { investment: 2_900_000_00 }),
    });
    expect(w).toEqual({ id: p.id, version: p.version + 1, kind: 'changed' });
    expect((await ok<ProposalDetail>('projects.get', { projectId: p.id })).requested).toBe(3_000_000_00);
    expect(lastAudit('proposal.updated').payload).toMatchObject({
      projectId: p.id,
      changes: { investment: { from: 2_400_000_00, to: 2_900_000_00 } },
    });
    const stale = await refused('projects.update', {
      projectId: p.id,
      expectedVersion: p.version,
      proposal: input('NEW-001', { people: 5 }),
    });
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect(stale.message).toContain('test');
    expect(stale.message).toContain('investment');
    expect(stale.messageTh).toContain('แก้ไข งบลงทุน');

    // The agency's priority is named in Thai too.
    const now = await ok<ProposalDetail>('projects.get', { projectId: p.id });
    await ok('projects.update', {
      projectId: p.id,
      expectedVersion: now.version,
      proposal: input('NEW-001', { investment: 2_900_000_00, agencyPriority: 2 }),
    });
    const late = await refused('projects.update', {
      projectId: p.id,
      expectedVersion: now.version,
      proposal: input('NEW-001', { investment: 2_900_000_00, people: 5 }),
    });
    expect(late.messageTh).toContain('แก้ไข ลำดับความสำคัญ');
  });

  it('stores, changes and clears a point, audited; refuses one outside Thailand, changing nothing', async () => {
    const p = (await ok<ProposalDetail[]>('projects.details', { roundId: 1 })).find((x) => x.code === 'NEW-001')!;
    const at = { lat: 14.5312, lon: 100.9104 };
    await ok('projects.update', { projectId: p.id, expectedVersion: p.version, proposal: { ...stripped(p), point: at } });
    const placed = await ok<ProposalDetail>('projects.get', { projectId: p.id });
    expect(placed.point).toEqual(at);
    expect(lastAudit('proposal.updated').payload).toMatchObject({ changes: { point: { from: null, to: '14.5312, 100.9104' } } });
    for (const bad of [
      { lat: 100.9104, lon: 14.5312 },
      { lat: 51.5, lon: -0.12 },
      { lat: Number.NaN, lon: 100.9 },
    ]) {
      const r = await refused('projects.update', {
        projectId: p.id,
        expectedVersion: placed.version,
        proposal: { ...stripped(placed), point: bad },
      });
      expect(r.code).toBe('BAD_ARGS');
      expect(r.message).toContain('proposal.point');
    }
    const far = await refused('projects.update', {
      projectId: p.id,
      expectedVersion: placed.version,
      proposal: { ...stripped(placed), point: { lat: 51.5, lon: -0.12 } },
    });
    expect(far.messageTh).toContain('ประเทศไทย');
    // An edit of another field keeps the point; an empty point clears it.
    await ok('projects.update', {
      projectId: p.id,
      expectedVersion: placed.version,
      proposal: { ...stripped(placed), people: 1300 },
    });
    const kept = await ok<ProposalDetail>('projects.get', { projectId: p.id });
    expect(kept.point).toEqual(at);
    await ok('projects.update', { projectId: p.id, expectedVersion: kept.version, proposal: { ...stripped(kept), point: null } });
    expect((await ok<ProposalDetail>('projects.get', { projectId: p.id })).point).toBeNull();
    // A client that leaves the point out (an older one) sends none.
    const { point: _none, ...withoutPoint } = stripped(kept);
    const created = await ok<ProposalWriteResult>('projects.create', {
      roundId: 1,
      proposal: { ...withoutPoint, code: 'NEW-PT' },
    });
    expect((await ok<ProposalDetail>('projects.get', { projectId: created.id })).point).toBeNull();
    await ok('projects.remove', { projectId: created.id, expectedVersion: 1 });
  });

  it('refuses a changed code and a minimum above the request, changing nothing', async () => {
    const p = (await ok<ProposalDetail[]>('projects.details', { roundId: 1 })).find((x) => x.code === 'NEW-001')!;
    const code = await refused('projects.update', { projectId: p.id, expectedVersion: p.version, proposal: input('NEW-XYZ') });
    expect(code.problems?.map((x) => x.column)).toEqual(['code']);
    const minimum = await refused('projects.update', {
      projectId: p.id,
      expectedVersion: p.version,
      proposal: input('NEW-001', { investment: 900_000_00 }),
    });
    expect(minimum.problems?.map((x) => x.column)).toEqual(['minimum']);
  });

  it('refuses editing a scored proposal unless confirmed, then flags and audits it', async () => {
    const p = await scoredProject();
    const proposal: ProposalInput = { ...p, people: (p.people ?? 0) + 10 };
    const unconfirmed = await refused('projects.update', {
      projectId: p.id,
      expectedVersion: p.version,
      proposal: stripped(proposal),
    });
    expect(unconfirmed.code).toBe('INVALID_STATE');
    expect(unconfirmed.messageTh).toContain(`มีคะแนนแล้ว ${p.scoreCount} รายการ`);
    const w = await ok<ProposalWriteResult>('projects.update', {
      projectId: p.id,
      expectedVersion: p.version,
      proposal: stripped(proposal),
      confirmAfterScoring: true,
    });
    expect(w.kind).toBe('changed');
    expect((await ok<ProposalDetail>('projects.get', { projectId: p.id })).changedAfterScoring).toBe(true);
    expect(lastAudit('proposal.updated').payload).toMatchObject({ projectId: p.id, afterScoring: true });
    expect(verifyAuditChain(core().store.sqlite)).toBeNull();
  });
});

describe('projects.points', () => {
  it("gives the round's proposals with a point, within a district or a tambon, to anyone", async () => {
    const [t1, t2] = twoTambons();
    const district = (t: string): string => t.slice(0, 4);
    const other = core()
      .store.sqlite.prepare('SELECT code FROM area_tambon WHERE district_code <> ? ORDER BY code LIMIT 1')
      .pluck()
      .get(district(t1!)) as string;
    const made: { id: number; code: string }[] = [];
    for (const [code, tambons, point] of [
      ['PT-1', [t1!], { lat: 14.5, lon: 100.9 }],
      ['PT-2', [t2!], { lat: 14.6, lon: 100.95 }],
      ['PT-3', [other], { lat: 14.7, lon: 101.1 }],
      ['PT-4', [t1!], null],
    ] as const) {
      const w = await ok<ProposalWriteResult>('projects.create', {
        roundId: 1,
        proposal: input(code, { tambonCodes: [...tambons], point, minimum: null }),
      });
      made.push({ id: w.id, code });
    }
    const codes = (answer: ProposalPoints): string[] => answer.points.map((p) => p.code).filter((c) => c.startsWith('PT-'));
    const all = await ok<ProposalPoints>('projects.points', { roundId: 1 }, member);
    expect(codes(all)).toEqual(['PT-1', 'PT-2', 'PT-3']);
    expect(all.points.find((p) => p.code === 'PT-1')).toMatchObject({ lat: 14.5, lon: 100.9, requested: 2_500_000_00 });
    expect(all.total).toBe(all.points.length);
    const inDistrict = await ok<ProposalPoints>('projects.points', { roundId: 1, districtCode: district(t1!) });
    const expected = district(t2!) === district(t1!) ? ['PT-1', 'PT-2'] : ['PT-1'];
    expect(codes(inDistrict)).toEqual(expected);
    expect(codes(await ok<ProposalPoints>('projects.points', { roundId: 1, tambonCode: t2! }))).toEqual(['PT-2']);
    expect(codes(await ok<ProposalPoints>('projects.points', { roundId: 1, districtCode: district(other) }))).toEqual(['PT-3']);
    expect((await refused('projects.points', { roundId: 1, districtCode: '19x1' })).code).toBe('BAD_ARGS');
    for (const m of made) await ok('projects.remove', { projectId: m.id, expectedVersion: 1 });
  });
});

describe('projects.remove', () => {
  it('refuses a proposal with scores or links, and a stale version', async () => {
    const p = await scoredProject();
    const e = await refused('projects.remove', { projectId: p.id, expectedVersion: p.version });
    expect(e.code).toBe('INVALID_STATE');
    expect(e.messageTh).toContain('ลบโครงการ');
    const fresh = (await ok<ProposalDetail[]>('projects.details', { roundId: 1 })).find((x) => x.code === 'NEW-001')!;
    expect((await refused('projects.remove', { projectId: fresh.id, expectedVersion: fresh.version - 1 })).code).toBe(
      'VERSION_CONFLICT',
    );
  });

  it('refuses a proposal with linked needs even without scores', async () => {
    const w = await ok<ProposalWriteResult>('projects.create', { roundId: 1, proposal: input('NEW-LINKED') });
    const needId = core().store.sqlite.prepare('SELECT id FROM need LIMIT 1').pluck().get() as number;
    core().store.sqlite.prepare('INSERT INTO project_need (project_id, need_id, coverage) VALUES (?, ?, 1)').run(w.id, needId);
    const e = await refused('projects.remove', { projectId: w.id, expectedVersion: w.version });
    expect(e.code).toBe('INVALID_STATE');
    expect(e.message).toContain('1 linked needs');
  });

  it('refuses a proposal a scenario locks', async () => {
    const w = await ok<ProposalWriteResult>('projects.create', { roundId: 1, proposal: input('NEW-LOCKED') });
    const s = await ok<{ id: number }>('scenarios.create', { roundId: 1, name: 'ล็อกโครงการใหม่' });
    await ok('scenarios.update', { scenarioId: s.id, locks: { [String(w.id)]: 1_000_000_00 } });
    const e = await refused('projects.remove', { projectId: w.id, expectedVersion: w.version });
    expect(e.code).toBe('INVALID_STATE');
    expect(e.messageTh).toContain('ล็อกโครงการใหม่');
    await ok('scenarios.delete', { scenarioId: s.id });
    expect(await ok('projects.remove', { projectId: w.id, expectedVersion: w.version })).toEqual({ removed: w.id });
  });

  it('removes a proposal nobody depends on, with its areas, audited', async () => {
    const p = (await ok<ProposalDetail[]>('projects.details', { roundId: 1 })).find((x) => x.code === 'NEW-001')!;
    expect(await ok('projects.remove', { projectId: p.id, expectedVersion: p.version })).toEqual({ removed: p.id });
    expect((await refused('projects.get', { projectId: p.id })).code).toBe('NOT_FOUND');
    const areas = core().store.sqlite.prepare('SELECT COUNT(*) FROM project_area WHERE project_id = ?').pluck().get(p.id);
    expect(areas).toBe(0);
    expect(lastAudit('proposal.removed').payload).toMatchObject({ projectId: p.id, code: 'NEW-001' });
  });
});

/** A stored proposal as the editor sends it back: only the input fields. */
function stripped(p: ProposalInput): ProposalInput {
  return {
    code: p.code,
    title: p.title,
    level: p.level,
    agency: p.agency,
    developmentIssueNo: p.developmentIssueNo,
    scope: p.scope,
    tambonCodes: p.scope === 'tambons' ? p.tambonCodes : [],
    districtCode: p.districtCode,
    operating: p.operating,
    investment: p.investment,
    minimum: p.minimum,
    people: p.people,
    households: p.households,
    agencyPriority: p.agencyPriority,
    point: p.point,
    readiness: p.readiness,
    kpis: p.kpis,
    description: p.description,
    strategy: p.strategy,
  };
}
