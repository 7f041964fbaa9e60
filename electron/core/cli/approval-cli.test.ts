/**
 * `sample` and `approve` as a script runs them: the sample file written once (never over an existing file), a scenario
 * approved by name with the resolution's date read from its text, and every refusal (already approved, unknown
 * scenario, an approver who may not approve, a bad date) leaving the file as it was.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approveOnCli, cli, dbDigest } from './test-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipao-approve-cli-'));
const db = join(dir, 'sample.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli sample and approve', { timeout: 60_000 }, () => {
  it('sample writes a new database with the sizes asked, and refuses an existing file', () => {
    const r = cli('sample', '--db', db, '--needs', '800', '--projects', '30');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(summary).toMatchObject({ db, needs: 800, projects: 30, rounds: 1, scenarios: 2 });
    const before = dbDigest(db);
    const again = cli('sample', '--db', db);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(dbDigest(db)).toBe(before);
  });

  it('approves a scenario named on the command line, printing the manifest and the chain that audit-verify confirms', () => {
    // The approver typed with two spaces and a zero-width space is the member the round lists as "นายสมชาย ใจดี".
    const r = approveOnCli(db, {
      scenario: 'ร่างที่ 1 ตามลำดับคะแนน',
      resolution: 'ครั้งที่ 3/2570 วันที่ 15 พฤศจิกายน 2569',
      by: 'นายสมชาย\u200b  ใจดี',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      ok: true,
      scenario_id: 1,
      resolution_no: 'ครั้งที่ 3/2570',
      resolution_date: '2026-11-15',
      approved_by: 'นายสมชาย ใจดี (สมมุติ)',
      members_present: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      supersedes: null,
    });
    expect(out['manifest_sha256']).toMatch(/^[0-9a-f]{64}$/u);
    const verify = cli('audit-verify', '--db', db);
    expect(verify.status).toBe(0);
    const chain = JSON.parse(verify.stdout) as { length: number; head: string; anchor_length: number };
    expect({ length: chain.length, head: chain.head }).toEqual({ length: out['chain_length'], head: out['chain_head'] });
    expect(chain.anchor_length).toBe(chain.length);
  });

  it('refuses a second approval, an unknown scenario, a member who is not the chair or secretariat, and a bad date', () => {
    const before = dbDigest(db);
    const on = ['--date', '16/11/2569'];
    const twice = cli('approve', '--db', db, '--scenario', '1', '--resolution', 'ครั้งที่ 4/2570', '--by', 'นายสมชาย ใจดี', ...on);
    expect(twice.status).toBe(1);
    expect(JSON.parse(twice.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(twice.stderr).toContain('ได้รับอนุมัติแล้ว');
    const unknown = cli('approve', '--db', db, '--scenario', 'ไม่มีชื่อนี้', '--resolution', 'ครั้งที่ 4/2570', '--by', 'x', ...on);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('scenario not found');
    const member = cli('approve', '--db', db, '--scenario', '2', '--resolution', 'ครั้งที่ 4/2570', '--by', 'นายวิชัย มั่นคง', ...on);
    expect(member.status).toBe(1);
    expect(JSON.parse(member.stdout)).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    const badDate = cli(
      'approve',
      '--db',
      db,
      '--scenario',
      '2',
      '--resolution',
      'ครั้งที่ 4/2570',
      '--by',
      'x',
      '--date',
      '31/02/2570',
    );
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toContain('is not a date');
    // A meeting date in the resolution that cannot be read is refused, not replaced by today's date.
    const unread = cli('approve', '--db', db, '--scenario', '2', '--resolution', 'ครั้งที่ 4/2570 วันที่ 31 เม.ย. 2570', '--by', 'x');
    expect(unread.status).toBe(2);
    expect(unread.stderr).toContain('อ่านวันที่ประชุมใน --resolution ไม่ได้');
    expect(unread.stderr).toContain('April 2027 has 30 days');
    const twiceMember = cli(
      'approve',
      ...['--db', db, '--scenario', '2', '--resolution', 'ครั้งที่ 4/2570', '--by', 'นายสมชาย ใจดี', '--members', '1,2,1', ...on],
    );
    expect(twiceMember.status).toBe(2);
    expect(twiceMember.stderr).toContain('--members names 1 twice; give each member once');
    expect(twiceMember.stderr).toContain('--members ระบุรหัส 1 ซ้ำ');
    expect(dbDigest(db)).toBe(before);
  });

  it('the meeting date: read without วันที่, refused when --date disagrees (naming both) or when none is given', () => {
    const approve = (resolution: string, ...extra: string[]): ReturnType<typeof cli> =>
      cli('approve', '--db', db, '--scenario', '2', '--resolution', resolution, '--by', 'นายสมชาย ใจดี', ...extra);
    const before = dbDigest(db);
    const disagree = approve('ครั้งที่ 6/2569 วันที่ 15 พฤศจิกายน 2569', '--date', '16/11/2569');
    expect(disagree.status).toBe(2);
    expect(disagree.stderr).toContain("--date 16/11/2569 disagrees with the resolution's date 15/11/2569");
    expect(disagree.stderr).toContain('--date 16/11/2569 ไม่ตรงกับวันที่ในมติ 15/11/2569');
    const none = approve('ครั้งที่ 6/2569');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no meeting date: give --date (e.g. 15/11/2569)');
    expect(none.stderr).toContain('ไม่ได้ระบุวันที่ประชุม: ระบุ --date');
    expect(dbDigest(db)).toBe(before);
    // Written after the number without วันที่: read, and the same date given by --date agrees.
    const r = approve('มติที่ประชุม ครั้งที่ 6/2569 15 พฤศจิกายน 2569', '--date', '15 พ.ย. 2569');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      scenario_id: 2,
      resolution_no: 'มติที่ประชุม ครั้งที่ 6/2569',
      resolution_date: '2026-11-15',
    });
  });

  it('--round picks the real round beside the demo round of the same year, and says which', () => {
    const setup = join(dir, 'r2571.json');
    writeFileSync(
      setup,
      JSON.stringify({
        fiscal_year: 2571,
        name: 'แผนพัฒนาจังหวัดสระบุรี 2571',
        ceiling: '250000000.00',
        development_issues: [{ no: 1, title: 'การพัฒนาการเกษตรและน้ำ' }],
        criteria: [{ code: 'urgency', name_th: 'ความจำเป็นเร่งด่วน', weight: 1 }],
        members: [{ name: 'นายสมชาย ใจดี', role: 'chair' }],
      }),
    );
    expect(cli('round-import', setup, '--db', db).status).toBe(0);
    // One proposal, so that its draft funds something to approve.
    const proposals = join(dir, 'r2571.csv');
    writeFileSync(
      proposals,
      'รหัสโครงการ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,ประเด็นการพัฒนา,พื้นที่ดำเนินการ,งบประมาณรวม\n' +
        'SRB71-R01,โครงการขยายเขตประปาหมู่บ้าน,องค์การบริหารส่วนตำบลปากเพรียว,1,ต.ปากเพรียว,"1,250,000.00"\n',
    );
    const imported = cli('projects-import', proposals, '--db', db, '--round', '2571');
    expect(imported.status, imported.stderr).toBe(0);
    const approve = (...extra: string[]): ReturnType<typeof cli> =>
      cli(
        'approve',
        '--db',
        db,
        '--scenario',
        'ร่างที่ 1 ตามลำดับคะแนน',
        '--resolution',
        'ครั้งที่ 5/2569 วันที่ 15 พฤศจิกายน 2569',
        '--by',
        'นายสมชาย ใจดี',
        ...extra,
      );
    const r = approve('--round', '2571');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { scenario_id: number; round_id: number };
    expect(out.round_id).toBe(2);
    expect(out.scenario_id).not.toBe(1);
    expect(r.stderr).toContain(
      `approving scenario "ร่างที่ 1 ตามลำดับคะแนน" (id ${out.scenario_id}) of round "แผนพัฒนาจังหวัดสระบุรี 2571", FY 2571, not the demo round's (id 1)`,
    );
    expect(r.stderr).toContain('ไม่ใช่ของรอบตัวอย่าง');
    // Two rounds have a scenario of that name: without --round it is ambiguous, naming both.
    const ambiguous = approve();
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain('give --round or the id');
    expect(ambiguous.stderr).toContain('"แผนพัฒนาจังหวัดสระบุรี 2571" 2571');
    expect(approve('--round', '71').status).toBe(2);
  });

  it('audit-verify names dropped append-only triggers and an approval whose frozen inputs no longer match its manifest', () => {
    const verify = (path: string): { status: number | null; out: Record<string, unknown>; stderr: string } => {
      const r = cli('audit-verify', '--db', path);
      return { status: r.status, out: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
    };
    const intact = verify(db);
    expect(intact.status).toBe(0);
    // One trigger dropped, nothing else: the chain is intact, the database no longer protects its approvals.
    const oneDropped = join(dir, 'one-trigger.sqlite');
    copyFileSync(db, oneDropped);
    const raw = new Database(oneDropped);
    raw.exec('DROP TRIGGER approval_part_no_update');
    raw.close();
    const one = verify(oneDropped);
    expect(one.status).toBe(1);
    expect(intact.out).toMatchObject({ ok: true, triggers_missing: [], approvals_tampered: [] });
    expect(one.out).toMatchObject({
      ok: false,
      triggers_missing: ['approval_part_no_update'],
      approvals_tampered: [],
      problem: { code: 'trigger_missing' },
    });
    expect(one.stderr).toContain('ทริกเกอร์ approval_part_no_update ถูกลบหรือถูกแก้ไข');
    // Every protective trigger dropped (the identity's too) and an approved plan's frozen result edited.
    const edited = join(dir, 'edited.sqlite');
    copyFileSync(db, edited);
    const e = new Database(edited);
    for (const { name } of e
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_no\\_%' ESCAPE '\\'")
      .all() as {
      name: string;
    }[]) {
      e.exec(`DROP TRIGGER "${name}"`);
    }
    e.prepare(
      `UPDATE approval_part SET content_json = replace(content_json, '"totalFunded":', '"totalFunded":9') WHERE approval_id = 1 AND part = 'result'`,
    ).run();
    e.close();
    const both = verify(edited);
    expect(both.status).toBe(1);
    expect(both.out['triggers_missing']).toHaveLength(10);
    expect(both.out['approvals_tampered']).toEqual([{ approval_id: 1, parts: ['result'] }]);
    expect(both.stderr).toContain("approval 1: its frozen record no longer matches its manifest's SHA-256 (result)");
    expect(both.stderr).toContain('การอนุมัติ 1: ข้อมูลแผนที่อนุมัติแล้วไม่ตรงกับ SHA-256 ในบันทึกรับรอง (result)');
  });
});
