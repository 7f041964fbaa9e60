/**
 * `approve --db PATH --scenario ID_OR_NAME --resolution "…" --by NAME [--date DATE] [--members all|ID,ID…] [--round FY]`:
 * approves a scenario as the desktop would (same checks, same frozen snapshot, same audit event) and prints one JSON
 * object with the manifest hash and the audit chain's length and head. The meeting date is `--date` or the date written
 * at the end of the resolution (with or without "วันที่"); both must agree, and one is needed (a resolution's date is
 * part of the record: never today's by default). Members present: every active member unless `--members`.
 * Exit 0 approved; 1 refused by the core (already approved, infeasible, approver not the chair or secretariat…), with
 * `{"ok":false,…}` on stdout and the reason in Thai and English on stderr; 2 for a usage error or an unknown scenario.
 */
import type { Results } from '../../../shared/api/contract';
import { nameKey } from '../../../shared/domain/names';
import { splitResolution } from '../../../shared/domain/resolution';
import { readThaiDate, typedThaiDate } from '../../../shared/domain/thai-date';
import type { Caller } from '../context';
import { createCore } from '../core';
import { roundDetail } from '../services/round-setup';
import { parseRoundArgs, requireDb } from './round-db';
import { UsageError, type Command } from './usage';

const usage = {
  en: 'approve --db PATH --scenario ID_OR_NAME --resolution "No. 3/2570 [วันที่ DATE]" --by NAME [--date DATE] [--members all|ID,ID] [--round FY]',
  th: 'approve --db ไฟล์ฐานข้อมูล --scenario รหัสหรือชื่อสถานการณ์ --resolution "ครั้งที่ 3/2570 [วันที่ …]" --by ชื่อผู้อนุมัติ [--date วันที่] [--members all|รหัส,รหัส] [--round ปีงบประมาณ]',
};

const caller: Caller = { role: 'owner', actor: 'cli', transport: 'direct' };

type ScenarioRef = { id: number; round_id: number; name: string; round_name: string; fiscal_year: number; demo: number };

function notFound(en: string, th: string): number {
  process.stderr.write(`${th}\n${en}\n`);
  return 2;
}

export const approveCommand: Command = {
  usage,
  async run(argv) {
    const { db, values, positional } = parseRoundArgs(argv, ['scenario', 'resolution', 'by', 'date', 'members', 'round']);
    if (positional.length > 0) throw new UsageError(`ไม่รู้จักอาร์กิวเมนต์ ${positional[0]}`, `unexpected argument ${positional[0]}`);
    for (const name of ['scenario', 'resolution', 'by'] as const) {
      if (values[name] === undefined) throw new UsageError(`ไม่ได้ระบุ --${name}`, `missing --${name}`);
    }
    requireDb(db);
    const round = values['round'];
    if (round !== undefined && (!/^\d{4}$/u.test(round) || Number(round) < 2400 || Number(round) > 2700)) {
      throw new UsageError(
        `--round ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2571 (ได้ '${round}')`,
        `--round must be a BE fiscal year such as 2571 (got '${round}')`,
      );
    }
    const resolution = splitResolution(values['resolution']!);
    if (resolution.no === '') throw new UsageError('--resolution ไม่มีเลขที่มติ', '--resolution has no resolution number');
    // The resolution's date is part of the record: read where minutes write it, never guessed, never contradicted.
    if (resolution.problem) {
      throw new UsageError(
        `อ่านวันที่ประชุมใน --resolution ไม่ได้: ${resolution.problem.th} (แก้ไขวันที่ หรือนำวันที่ออกจาก --resolution แล้วระบุ --date)`,
        `the meeting date in --resolution cannot be read: ${resolution.problem.en} (correct it, or leave it out of --resolution and give --date)`,
      );
    }
    const typed = values['date'] !== undefined ? readThaiDate(values['date'].trim()) : null;
    if (typed && !typed.ok) {
      throw new UsageError(`--date: ${typed.th} (เช่น 15/11/2569)`, `--date: ${typed.en} (e.g. 15/11/2569)`);
    }
    if (typed?.ok && resolution.date !== null && typed.value !== resolution.date) {
      const [given, written] = [typedThaiDate(typed.value), typedThaiDate(resolution.date)];
      throw new UsageError(
        `--date ${given} ไม่ตรงกับวันที่ในมติ ${written} (--resolution "${values['resolution']!.trim()}"): แก้ไขให้ตรงกัน หรือระบุเพียงแห่งเดียว`,
        `--date ${given} disagrees with the resolution's date ${written} (--resolution "${values['resolution']!.trim()}"): make them agree, or give one`,
      );
    }
    const date = typed?.ok ? typed.value : resolution.date;
    if (date === null) {
      throw new UsageError(
        'ไม่ได้ระบุวันที่ประชุม: ระบุ --date (เช่น 15/11/2569) หรือเขียนวันที่ท้าย --resolution (เช่น "ครั้งที่ 3/2569 วันที่ 15 พฤศจิกายน 2569")',
        'no meeting date: give --date (e.g. 15/11/2569) or write it at the end of --resolution (e.g. "ครั้งที่ 3/2569 วันที่ 15 พฤศจิกายน 2569")',
      );
    }
    const core = await createCore({ dbPath: db, seedSample: false });
    try {
      const { sqlite } = core.store;
      const ref = values['scenario']!;
      const columns = `SELECT s.id, s.round_id, s.name, r.name AS round_name, r.fiscal_year, r.demo
                         FROM scenario s JOIN round r ON r.id = s.round_id`;
      const named = (
        /^\d+$/u.test(ref)
          ? sqlite.prepare(`${columns} WHERE s.id = ?`).all(Number(ref))
          : sqlite
              .prepare(`${columns} WHERE s.name = ? AND (? IS NULL OR r.fiscal_year = ?) ORDER BY s.id`)
              .all(ref, round ?? null, round ?? null)
      ) as ScenarioRef[];
      if (named.length === 0) return notFound(`scenario not found: ${ref}`, `ไม่พบสถานการณ์ ${ref}`);
      // --round names the real round of its year: the synthetic demo round of the same year only when it is the one.
      const real = named.filter((c) => c.demo === 0);
      const candidates = round !== undefined && real.length > 0 ? real : named;
      if (candidates.length > 1) {
        const list = candidates.map((c) => `${c.id}: "${c.round_name}" ${c.fiscal_year}`).join(', ');
        throw new UsageError(
          `มีสถานการณ์ชื่อ "${ref}" หลายรอบ (${list}): ระบุ --round หรือรหัส`,
          `several scenarios are named "${ref}" (${list}): give --round or the id`,
        );
      }
      const scenario = candidates[0]!;
      if (round !== undefined && scenario.demo === 1) {
        process.stderr.write(
          `อนุมัติสถานการณ์ของรอบตัวอย่าง "${scenario.round_name}" (ข้อมูลสังเคราะห์) ซึ่งเป็นรอบเดียวของปีงบประมาณ ${scenario.fiscal_year}\n` +
            `approving a scenario of the demo round "${scenario.round_name}" (synthetic data), the only round of FY ${scenario.fiscal_year}\n`,
        );
      } else if (candidates.length < named.length) {
        const demo = named.filter((c) => c.demo === 1).map((c) => c.id);
        process.stderr.write(
          `อนุมัติสถานการณ์ "${scenario.name}" (รหัส ${scenario.id}) ของรอบ "${scenario.round_name}" ปีงบประมาณ ${scenario.fiscal_year}` +
            ` ไม่ใช่ของรอบตัวอย่าง (รหัส ${demo.join(', ')})\n` +
            `approving scenario "${scenario.name}" (id ${scenario.id}) of round "${scenario.round_name}", FY ${scenario.fiscal_year},` +
            ` not the demo round's (id ${demo.join(', ')})\n`,
        );
      }
      const detail = roundDetail(sqlite, scenario.round_id);
      // Compared in one spelling, as names are stored: "นายสมชาย  ใจดี" typed with two spaces is นายสมชาย ใจดี.
      const by = values['by']!.trim();
      const approver = detail.members.find(
        (m) => nameKey(m.name) === nameKey(by) || nameKey(m.name.replace(/\s*\(สมมุติ\)$/u, '')) === nameKey(by),
      );
      if (!approver) {
        const who = detail.members.filter((m) => m.role !== 'member').map((m) => m.name);
        throw new UsageError(
          `--by "${by}" ไม่ใช่กรรมการของรอบนี้ (ประธาน/เลขานุการ: ${who.join(', ') || '-'})`,
          `--by "${by}" is not a member of this round's committee (chair/secretariat: ${who.join(', ') || '-'})`,
        );
      }
      const membersArg = values['members'] ?? 'all';
      let memberIds: number[];
      if (membersArg === 'all') memberIds = detail.members.map((m) => m.id);
      else if (/^\d+(,\d+)*$/u.test(membersArg)) memberIds = membersArg.split(',').map(Number);
      else throw new UsageError(`--members ต้องเป็น all หรือรหัสคั่นด้วยจุลภาค`, `--members must be all or ids separated by commas`);
      const twice = memberIds.find((id, i) => memberIds.indexOf(id) !== i);
      if (twice !== undefined) {
        throw new UsageError(
          `--members ระบุรหัส ${twice} ซ้ำ กรุณาระบุแต่ละคนครั้งเดียว`,
          `--members names ${twice} twice; give each member once`,
        );
      }
      const r = await core.call(
        'approvals.approve',
        { scenarioId: scenario.id, resolutionNo: resolution.no, resolutionDate: date, approverId: approver.id, memberIds },
        caller,
      );
      if (!r.ok) {
        process.stdout.write(
          `${JSON.stringify({ ok: false, scenario_id: scenario.id, error: { code: r.error.code, message: r.error.message } })}\n`,
        );
        process.stderr.write(`${r.error.messageTh}\n${r.error.message}\n`);
        return r.error.code === 'NOT_FOUND' ? 2 : 1;
      }
      const { approval: a, chainLength, chainHead } = r.value as Results['approvals.approve'];
      process.stdout.write(
        `${JSON.stringify({
          ok: true,
          approval_id: a.id,
          scenario_id: a.scenarioId,
          scenario: scenario.name,
          round_id: a.roundId,
          resolution_no: a.resolutionNo,
          resolution_date: a.resolutionDate,
          approved_by: a.approvedBy,
          members_present: a.membersPresent.map((m) => m.memberId),
          manifest_sha256: a.manifestSha256,
          supersedes: a.supersedes,
          chain_length: chainLength,
          chain_head: chainHead,
        })}\n`,
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};
