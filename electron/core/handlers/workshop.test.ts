/**
 * Workshop sessions against a real SQLite file: opening and closing, participants and assignments, sign-in with a
 * secret or a one-time code, rate limits, member binding and hidden results at the dispatcher, the audit trail
 * naming the member, and tokens that survive a restart of the core.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../core';
import type { Caller } from '../context';
import type { MemberSheet, ProjectorView, SignInResult, WorkshopStatus } from '../../../shared/api/workshop';
import type { WhoAmI } from '../../../shared/api/workshop';
import { tokenHashOf, workshopFor } from '../services/workshop';
import { everyTable, owner, useTestCore } from './test-core';

const { core, ok } = useTestCore('chipao-workshop-', { needs: 200, projects: 12 });

/** A device on the room's network: a guest until its token says otherwise. */
const device = (address: string, token?: string): Caller => ({
  role: 'guest',
  actor: `browser@${address}`,
  transport: 'websocket',
  address,
  session: `ws-${address}`,
  ...(token ? { tokenHash: tokenHashOf(token) } : {}),
});

async function refused(
  method: string,
  args: unknown,
  caller: Caller,
): Promise<{ code: string; message: string; messageTh: string }> {
  const r = await core().call(method, args, caller);
  if (r.ok) throw new Error(`${method} should have been refused`);
  return r.error;
}

async function openWithMembers(): Promise<{ status: WorkshopStatus; a: number; b: number; observer: number }> {
  const opened = await ok<WorkshopStatus>('workshop.open', { roundId: 1 });
  await ok('workshop.setParticipant', {
    role: 'member',
    memberId: 1,
    secret: 'secret-one',
    projectIds: [1, 2],
    criterionIds: [1, 2],
  });
  await ok('workshop.setParticipant', { role: 'member', memberId: 2, secret: 'secret-two' });
  const status = await ok<WorkshopStatus>('workshop.setParticipant', {
    role: 'observer',
    name: 'จอภาพห้องประชุม',
    secret: 'projector',
  });
  const id = (pred: (p: WorkshopStatus['participants'][number]) => boolean): number => status.participants.find(pred)!.id;
  return {
    status: { ...status, pin: opened.pin },
    a: id((p) => p.memberId === 1),
    b: id((p) => p.memberId === 2),
    observer: id((p) => p.role === 'observer'),
  };
}

describe('workshop sessions', () => {
  it('opens on loopback with a PIN, a join link and a QR code; one session at a time; only real interfaces', async () => {
    expect((await refused('workshop.open', { roundId: 1, address: '10.255.255.254' }, owner)).code).toBe('BAD_ARGS');
    const { status } = await openWithMembers();
    expect(status.pin).toMatch(/^\d{6}$/u);
    expect(status.joinUrl).toBe(`http://127.0.0.1:5180/#/join?pin=${status.pin}`);
    expect(status.qrSvg.startsWith('<svg')).toBe(true);
    expect(status.participants.map((p) => [p.role, p.memberId, p.assigned])).toEqual([
      ['member', 2, 12 * 4],
      ['member', 1, 4],
      ['observer', null, 0],
    ]);
    expect((await refused('workshop.open', { roundId: 1 }, owner)).code).toBe('INVALID_STATE');
    // Secrets are stored only as scrypt hashes.
    const stored = core().store.sqlite.prepare('SELECT secret_hash FROM workshop_participant').all() as { secret_hash: string }[];
    expect(stored.every((r) => r.secret_hash.startsWith('scrypt$') && !r.secret_hash.includes('secret'))).toBe(true);
  });

  it('a committee member takes part once per session: adding them again under another name is refused, nothing changed', async () => {
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const first = status.participants.find((p) => p.memberId === 1)!;
    const before = everyTable(core());
    const error = await refused(
      'workshop.setParticipant',
      { role: 'member', memberId: 1, name: 'สมชาย แท็บเล็ต', secret: 'another-secret' },
      owner,
    );
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain(`memberId: ${first.name} already takes part in this session`);
    expect(error.messageTh).toContain(`memberId: ${first.name} เป็นผู้เข้าร่วมการประชุมนี้อยู่แล้ว`);
    // Moving another participant onto the member is the same second sign-in for one member's sheet.
    const other = status.participants.find((p) => p.memberId === 2)!;
    expect(
      (
        await refused(
          'workshop.setParticipant',
          { participantId: other.id, role: 'member', memberId: 1, name: other.name },
          owner,
        )
      ).code,
    ).toBe('INVALID_STATE');
    expect(everyTable(core())).toEqual(before);
    // Their own participant is still edited as before (a new secret, the same projects).
    await ok('workshop.setParticipant', {
      participantId: first.id,
      role: 'member',
      memberId: 1,
      secret: 'secret-one',
      projectIds: [1, 2],
      criterionIds: [1, 2],
    });
  });

  it('a guest may only sign in; a bad PIN, name or secret is one clear refusal that changes nothing', async () => {
    const guest = device('10.0.0.9');
    expect((await refused('rounds.list', {}, guest)).code).toBe('SIGN_IN_REQUIRED');
    expect((await ok<WhoAmI>('workshop.me', {}, guest)).role).toBe('guest');
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const before = everyTable(core());
    const wrongPin = String((Number(status.pin) + 1) % 1_000_000).padStart(6, '0');
    for (const args of [
      { pin: wrongPin, name: 'นายสมชาย ใจดี (สมมุติ)', secret: 'secret-one' },
      { pin: status.pin, name: 'ไม่มีชื่อนี้', secret: 'secret-one' },
      { pin: status.pin, name: 'นายสมชาย ใจดี (สมมุติ)', secret: 'wrong-secret' },
    ]) {
      const error = await refused('workshop.signIn', args, guest);
      expect(error.code).toBe('FORBIDDEN');
      expect(error.messageTh).toContain('รหัส');
    }
    expect(everyTable(core())).toEqual(before);
  });

  it('a participant renamed while signed in is named anew at once (in who-am-I and in the audit trail), not after a restart', async () => {
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const screen = status.participants.find((p) => p.role === 'observer')!;
    const signed = await ok<SignInResult>(
      'workshop.signIn',
      { pin: status.pin, name: screen.name, secret: 'projector' },
      device('10.0.0.30'),
    );
    const projector = device('10.0.0.30', signed.token);
    expect((await ok<WhoAmI>('workshop.me', {}, projector)).participant?.name).toBe(screen.name);
    const rename = (name: string): Promise<unknown> =>
      ok('workshop.setParticipant', { participantId: screen.id, role: 'observer', name });
    await rename('จอภาพห้องประชุมใหญ่');
    expect((await ok<WhoAmI>('workshop.me', {}, projector)).participant?.name).toBe('จอภาพห้องประชุมใหญ่');
    await ok('workshop.signOut', {}, projector);
    const last = core().store.sqlite.prepare('SELECT actor FROM audit_event ORDER BY id DESC LIMIT 1').get() as { actor: string };
    expect(last.actor).toContain('จอภาพห้องประชุมใหญ่');
    await rename(screen.name);
  });

  it('binds a signed-in member to their own assigned cells, names them in the audit trail, hides results until revealed', async () => {
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    // The name as typed on a phone: other spacing still matches.
    const signed = await ok<SignInResult>(
      'workshop.signIn',
      { pin: status.pin, name: 'นายสมชาย  ใจดี (สมมุติ)', secret: 'secret-one' },
      device('10.0.0.21'),
    );
    expect(signed.role).toBe('member');
    const me = device('10.0.0.21', signed.token);
    expect((await ok<WhoAmI>('workshop.me', {}, me)).participant?.memberId).toBe(1);
    const sheet = await ok<MemberSheet>('workshop.mySheet', {}, me);
    expect(sheet.projects.map((p) => p.id)).toEqual([1, 2]);
    expect(sheet.criteria.map((c) => c.id)).toEqual([1, 2]);
    // Only this member's own scores, never another's.
    const own = core().store.sqlite.prepare('SELECT COUNT(*) AS n FROM score WHERE member_id = 1').get() as { n: number };
    expect(sheet.scores.length).toBe(own.n);
    const version = (p: number, c: number): number =>
      sheet.scores.find((s) => s.projectId === p && s.criterionId === c)?.version ?? 0;
    const saved = await ok<{ version: number }>(
      'scores.set',
      { roundId: 1, memberId: 1, projectId: 1, criterionId: 1, value: 4, expectedVersion: version(1, 1) },
      me,
    );
    expect(saved.version).toBe(version(1, 1) + 1);
    const audit = core()
      .store.sqlite.prepare(`SELECT actor FROM audit_event WHERE kind = 'score.set' ORDER BY id DESC LIMIT 1`)
      .get() as {
      actor: string;
    };
    expect(audit.actor).toBe('member:1 นายสมชาย ใจดี (สมมุติ)@10.0.0.21');
    // Another member's sheet, an unassigned cell, the owner's and the facilitator's actions: refused.
    const other = { roundId: 1, memberId: 2, projectId: 1, criterionId: 1, value: 2, expectedVersion: 0 };
    expect((await refused('scores.set', other, me)).messageTh).toContain('ของท่านเอง');
    expect((await refused('scores.forMember', { roundId: 1, memberId: 2 }, me)).code).toBe('FORBIDDEN');
    expect((await refused('scores.set', { ...other, memberId: 1, projectId: 3 }, me)).messageTh).toContain('ไม่อยู่ในแบบ');
    // Clearing, commenting on or declaring a conflict on a cell or project not on the sheet: refused, nothing changed.
    const before = everyTable(core());
    const cell = { roundId: 1, memberId: 1, projectId: 3, criterionId: 1 };
    for (const [method, args] of [
      ['scores.clear', { ...cell, expectedVersion: 0 }],
      ['scores.comment', { ...cell, comment: 'ไม่ใช่ของฉัน' }],
      ['scores.set', { ...cell, projectId: 1, criterionId: 3, value: 2, expectedVersion: 0 }],
      ['scores.clear', { ...cell, projectId: 1, criterionId: 3, expectedVersion: 0 }],
      ['scores.declareConflict', { roundId: 1, memberId: 1, projectId: 3, declared: true, reason: 'ญาติ' }],
    ] as const) {
      expect((await refused(method, args, me)).messageTh, method).toContain('ไม่อยู่ในแบบ');
    }
    expect(everyTable(core())).toEqual(before);
    // On the sheet: a comment and a declaration go through.
    await ok('scores.comment', { ...cell, projectId: 1, comment: 'ต้องดูพื้นที่จริง' }, me);
    await ok('scores.declareConflict', { roundId: 1, memberId: 1, projectId: 2, declared: true, reason: 'ญาติ' }, me);
    await ok('scores.declareConflict', { roundId: 1, memberId: 1, projectId: 2, declared: false }, me);
    for (const [method, args] of [
      ['plan.exportXlsx', { roundId: 1 }],
      ['scenarios.exportPb', { scenarioId: 1 }],
      ['unmet.export', { roundId: 1, door: 'province' }],
      ['needs.sync', { uploadId: '0'.repeat(32) }],
      ['rounds.setCeiling', { roundId: 1, ceiling: 1 }],
      ['scenarios.create', { roundId: 1, name: 'x' }],
      ['workshop.reveal', { revealed: true }],
      ['workshop.status', {}],
    ] as const) {
      expect((await refused(method, args, me)).code, method).toBe('FORBIDDEN');
    }
    expect((await refused('projects.list', { roundId: 1 }, me)).messageTh).toContain('เปิดเผยผล');
    // The disagreement view and the ranking's sensitivity show every member's scores too: hidden until revealed.
    expect((await refused('judgement.view', { roundId: 1 }, me)).messageTh).toContain('เปิดเผยผล');
    expect((await refused('judgement.sensitivity', { roundId: 1, spread: 0.1, samples: 10 }, me)).messageTh).toContain(
      'เปิดเผยผล',
    );
    const hidden = await ok<ProjectorView>('workshop.projector', {}, me);
    expect(hidden.results).toBeNull();
    expect(hidden.progress.find((p) => p.name.startsWith('นายสมชาย'))).toMatchObject({ assigned: 4 });
    await ok('workshop.reveal', { revealed: true });
    expect((await ok<unknown[]>('projects.list', { roundId: 1 }, me)).length).toBe(12);
    const shown = await ok<ProjectorView>('workshop.projector', {}, me);
    expect(shown.results?.rows.length).toBe(12);
    expect(shown.results!.rows.every((r) => r.disagreement >= 0 && r.disagreement <= 1)).toBe(true);
    await ok('workshop.reveal', { revealed: false });
  });

  it('a one-time code signs in once: a replayed sign-in is refused', async () => {
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const b = status.participants.find((p) => p.memberId === 2)!;
    const { code } = await ok<{ code: string }>('workshop.issueCode', { participantId: b.id });
    expect(code).toMatch(/^[A-Z2-9]{8}$/u);
    const args = { pin: status.pin, name: b.name, secret: code.toLowerCase() };
    expect((await ok<SignInResult>('workshop.signIn', args, device('10.0.0.22'))).participantId).toBe(b.id);
    expect((await refused('workshop.signIn', args, device('10.0.0.23'))).code).toBe('FORBIDDEN');
  });

  it('limits failed sign-ins per participant and per device', async () => {
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const name = status.participants.find((p) => p.role === 'observer')!.name;
    for (let i = 0; i < 5; i++) {
      expect(
        (await refused('workshop.signIn', { pin: status.pin, name, secret: `guess-${i}` }, device(`10.0.1.${i}`))).code,
      ).toBe('FORBIDDEN');
    }
    // The right secret is refused now too, from any device: the participant is locked for a while.
    const locked = await refused('workshop.signIn', { pin: status.pin, name, secret: 'projector' }, device('10.0.1.99'));
    expect(locked.code).toBe('RATE_LIMITED');
    expect(locked.messageTh).toContain('นาที');
    const guesser = device('10.0.2.1');
    for (let i = 0; i < 10; i++) await refused('workshop.signIn', { pin: status.pin, name: `คนที่ ${i}`, secret: 'x' }, guesser);
    expect((await refused('workshop.signIn', { pin: status.pin, name: 'นายวิชัย', secret: 'x' }, guesser)).code).toBe(
      'RATE_LIMITED',
    );
  });

  it('a one-time code issued after a name was locked by wrong guesses signs that participant in at once', async () => {
    await ok('workshop.setParticipant', { role: 'observer', name: 'จอห้องประชุมเล็ก', secret: 'small-room' });
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const screen = status.participants.find((p) => p.name === 'จอห้องประชุมเล็ก')!;
    // Someone mistypes the secret five times (or guesses it): the name is locked, and the refusal says a code helps.
    for (let i = 0; i < 5; i++) {
      await refused('workshop.signIn', { pin: status.pin, name: screen.name, secret: `typo-${i}` }, device(`10.0.5.${i}`));
    }
    const locked = await refused(
      'workshop.signIn',
      { pin: status.pin, name: screen.name, secret: 'small-room' },
      device('10.0.5.50'),
    );
    expect(locked.code).toBe('RATE_LIMITED');
    expect(locked.messageTh).toContain('ขอรหัสใช้ครั้งเดียวจากผู้ดำเนินการ');
    const { code } = await ok<{ code: string }>('workshop.issueCode', { participantId: screen.id });
    const signed = await ok<SignInResult>(
      'workshop.signIn',
      { pin: status.pin, name: screen.name, secret: code },
      device('10.0.5.51'),
    );
    expect(signed.participantId).toBe(screen.id);
    // The code is used up; the name's count starts again from nothing (five more wrong guesses lock it again).
    for (let i = 0; i < 5; i++) {
      expect(
        (await refused('workshop.signIn', { pin: status.pin, name: screen.name, secret: `again-${i}` }, device(`10.0.6.${i}`)))
          .code,
      ).toBe('FORBIDDEN');
    }
    expect(
      (await refused('workshop.signIn', { pin: status.pin, name: screen.name, secret: 'small-room' }, device('10.0.6.9'))).code,
    ).toBe('RATE_LIMITED');
  });

  it('counts guesses sent side by side before checking them: past the limit the right secret among them is refused', async () => {
    await ok('workshop.setParticipant', { role: 'observer', name: 'จอสำรอง', secret: 'spare-screen' });
    const { pin } = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const signIn = (name: string, secret: string, caller: Caller) =>
      core().call('workshop.signIn', { pin, name, secret }, caller);
    // A device that signs in again and again is not limited (its attempts are counted, then taken back).
    const screen = device('10.0.3.200');
    for (let i = 0; i < 12; i++) expect((await signIn('จอสำรอง', 'spare-screen', screen)).ok).toBe(true);
    // Thirty guesses for one name from thirty devices at once, the right secret the twenty-first: 5 are checked.
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn('จอสำรอง', i === 20 ? 'spare-screen' : `guess-${i}`, device(`10.0.3.${i}`))),
    );
    const codes = guesses.map((r) => (r.ok ? 'OK' : r.error.code));
    expect(codes.filter((c) => c === 'FORBIDDEN')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(25);
    // Thirty names from one device at once: 10 are checked.
    const guesser = device('10.0.4.1');
    const names = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(`คนที่ ${i}`, 'x', guesser)));
    expect(names.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toHaveLength(20);
  });

  it('a facilitator runs the session but cannot close it, export or change the ceiling', async () => {
    await ok('workshop.setParticipant', { role: 'facilitator', name: 'เลขานุการการประชุม', secret: 'facilitate' });
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const signed = await ok<SignInResult>(
      'workshop.signIn',
      { pin: status.pin, name: 'เลขานุการการประชุม', secret: 'facilitate' },
      device('10.0.0.50'),
    );
    expect(signed.role).toBe('facilitator');
    const f = device('10.0.0.50', signed.token);
    expect((await ok<WorkshopStatus>('workshop.reveal', { revealed: true }, f)).revealed).toBe(true);
    expect((await ok<WorkshopStatus>('workshop.reveal', { revealed: false }, f)).revealed).toBe(false);
    const { code } = await ok<{ code: string }>('workshop.issueCode', { participantId: status.participants[0]!.id }, f);
    expect(code).toHaveLength(8);
    for (const [method, args] of [
      ['workshop.close', {}],
      ['workshop.open', { roundId: 1 }],
      ['plan.exportXlsx', { roundId: 1 }],
      ['rounds.setCeiling', { roundId: 1, ceiling: 1 }],
      ['scenarios.create', { roundId: 1, name: 'x' }],
      ['workshop.mySheet', {}],
    ] as const) {
      expect((await refused(method, args, f)).code, method).toBe('FORBIDDEN');
    }
    // A member's sheet is theirs alone: the facilitator's device cannot score, clear, comment or declare on it.
    const before = everyTable(core());
    const version =
      (
        core()
          .store.sqlite.prepare('SELECT version FROM score WHERE member_id = 1 AND project_id = 1 AND criterion_id = 1')
          .get() as { version: number } | undefined
      )?.version ?? 0;
    const cell = { roundId: 1, memberId: 1, projectId: 1, criterionId: 1 };
    for (const [method, args] of [
      ['scores.set', { ...cell, value: 1, expectedVersion: version }],
      ['scores.clear', { ...cell, expectedVersion: version }],
      ['scores.comment', { ...cell, comment: 'แก้แทนกรรมการ' }],
      ['scores.declareConflict', { roundId: 1, memberId: 1, projectId: 1, declared: true, reason: 'แจ้งแทนกรรมการ' }],
    ] as const) {
      const error = await refused(method, args, f);
      expect(error.code, method).toBe('FORBIDDEN');
      expect(error.messageTh, method).toContain('ผู้ดำเนินการประชุม');
    }
    expect(everyTable(core())).toEqual(before);
    const audit = core()
      .store.sqlite.prepare(`SELECT actor FROM audit_event WHERE kind = 'workshop.hidden' ORDER BY id DESC LIMIT 1`)
      .get() as {
      actor: string;
    };
    expect(audit.actor).toMatch(/^facilitator:\d+ เลขานุการการประชุม@10\.0\.0\.50$/u);
  });

  it('an expired token signs nobody in', async () => {
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const signed = await ok<SignInResult>(
      'workshop.signIn',
      { pin: status.pin, name: 'นางสาวพรทิพย์ ศรีสุข (สมมุติ)', secret: 'secret-two' },
      device('10.0.0.30'),
    );
    core()
      .store.sqlite.prepare('UPDATE workshop_token SET expires_at = ? WHERE token_hash = ?')
      .run('2000-01-01T00:00:00.000Z', tokenHashOf(signed.token));
    expect((await refused('workshop.mySheet', {}, device('10.0.0.30', signed.token))).code).toBe('SIGN_IN_REQUIRED');
  });

  it('closing the session revokes every token at once', async () => {
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const signed = await ok<SignInResult>(
      'workshop.signIn',
      { pin: status.pin, name: 'นางสาวพรทิพย์ ศรีสุข (สมมุติ)', secret: 'secret-two' },
      device('10.0.0.31'),
    );
    const me = device('10.0.0.31', signed.token);
    expect((await ok<MemberSheet>('workshop.mySheet', {}, me)).memberId).toBe(2);
    const closed = await ok<{ closed: boolean; revokedTokens: number }>('workshop.close', {});
    expect(closed.closed).toBe(true);
    expect(closed.revokedTokens).toBeGreaterThanOrEqual(2);
    const error = await refused('workshop.mySheet', {}, me);
    expect(error.code).toBe('SIGN_IN_REQUIRED');
    expect((await ok<WhoAmI>('workshop.me', {}, me)).role).toBe('guest');
    expect(
      (
        await refused(
          'workshop.signIn',
          { pin: status.pin, name: 'นางสาวพรทิพย์ ศรีสุข (สมมุติ)', secret: 'secret-two' },
          device('10.0.0.32'),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('tokens survive a restart of the core (stored hashed in SQLite)', async () => {
    const status = await ok<WorkshopStatus>('workshop.open', { roundId: 1 });
    await ok('workshop.setParticipant', { role: 'member', memberId: 3, secret: 'secret-three' });
    const signed = await ok<SignInResult>(
      'workshop.signIn',
      { pin: status.pin, name: 'นายวิชัย มั่นคง (สมมุติ)', secret: 'secret-three' },
      device('10.0.0.40'),
    );
    const stored = core().store.sqlite.prepare('SELECT token_hash FROM workshop_token').all() as { token_hash: string }[];
    expect(stored.some((r) => r.token_hash === signed.token)).toBe(false);
    const again = await createCore({ dbPath: core().store.sqlite.name, seedSample: false, auditAnchor: false });
    try {
      const r = await again.call('workshop.mySheet', {}, device('10.0.0.40', signed.token));
      expect(r.ok && (r.value as MemberSheet).memberId).toBe(3);
    } finally {
      await again.close();
    }
    await ok('workshop.close', {});
  });

  it('a score the secretariat took back can be scored again from the member’s sheet (it gives the cell’s version)', async () => {
    if (workshopFor(core().store).openSession()) await ok('workshop.close', {});
    const status = await ok<WorkshopStatus>('workshop.open', { roundId: 1 });
    await ok('workshop.setParticipant', { role: 'member', memberId: 3, secret: 'secret-three', projectIds: [5] });
    const signed = await ok<SignInResult>(
      'workshop.signIn',
      { pin: status.pin, name: 'นายวิชัย มั่นคง (สมมุติ)', secret: 'secret-three' },
      device('10.0.0.41'),
    );
    const me = device('10.0.0.41', signed.token);
    /** The version a write of the cell must name, as the member's device reads it from its sheet. */
    const versionOnSheet = async (criterionId: number): Promise<number> => {
      const sheet = await ok<MemberSheet>('workshop.mySheet', {}, me);
      const cell = (c: { projectId: number; criterionId: number }): boolean => c.projectId === 5 && c.criterionId === criterionId;
      return sheet.scores.find(cell)?.version ?? sheet.cleared.find(cell)?.version ?? 0;
    };
    const cell = { roundId: 1, memberId: 3, projectId: 5, criterionId: 1 };
    const first = await ok<{ version: number }>(
      'scores.set',
      { ...cell, value: 4, expectedVersion: await versionOnSheet(1) },
      me,
    );
    // The secretariat takes the score back in the scoring grid (entered by mistake): the cell is "not scored" again.
    await ok('scores.clear', { ...cell, expectedVersion: first.version });
    const sheet = await ok<MemberSheet>('workshop.mySheet', {}, me);
    expect(sheet.scores.some((c) => c.projectId === 5 && c.criterionId === 1)).toBe(false);
    // The member scores it again from the phone, naming the version the sheet gives: saved, not a conflict.
    const again = await core().call('scores.set', { ...cell, value: 2, expectedVersion: await versionOnSheet(1) }, me);
    expect(again.ok ? again.value : again.error).toMatchObject({ value: 2, version: first.version + 2 });
    await ok('workshop.close', {});
  });

  it('says in Thai and English why the host could not listen on the chosen address, and opens nothing', async () => {
    if (workshopFor(core().store).openSession()) await ok('workshop.close', {});
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:5180'), { code: 'EADDRINUSE' });
    const detach = await workshopFor(core().store).attachNetwork({
      port: 5180,
      open: () => Promise.reject(inUse),
      close: () => Promise.resolve(),
    });
    try {
      const e = await refused('workshop.open', { roundId: 1, address: '127.0.0.1' }, owner);
      expect(e.code).toBe('INVALID_STATE');
      expect(e.message).toBe(
        'cannot listen on 127.0.0.1: network error: EADDRINUSE listen EADDRINUSE: address already in use 127.0.0.1:5180',
      );
      expect(e.messageTh).toBe('เปิดรับการเชื่อมต่อที่ 127.0.0.1 ไม่ได้: พอร์ตนี้ถูกใช้งานอยู่แล้ว (EADDRINUSE)');
      expect(workshopFor(core().store).openSession()).toBeNull();
    } finally {
      detach();
    }
  });
});
