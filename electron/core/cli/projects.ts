/**
 * `projects-import FILE --db PATH [--round FY] [--partial] [--confirm-scored]`: imports a proposals file into the
 * round of the fiscal year the file states (or --round when it states none) and prints one JSON object
 * `{"batch", "round", "new", "changed", "unchanged", "rejected"}`, as `sync` does for needs. Exit 0 when applied, 1
 * when refused (the database unchanged), 2 for a usage error.
 * `projects-export --db PATH [--round FY]`: one JSON line per proposal (see import/proposals-export.ts), the rounds
 * exported named on stderr; a year without a round exits 2.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { oneLine } from '../../../shared/domain/line-formats';
import { PROPOSAL_FIELD_NAMES } from '../../../shared/domain/proposals';
import { createCore } from '../core';
import { MAX_UPLOAD_BYTES } from '../import/limits';
import { exportProposalLines, proposalExportRounds } from '../import/proposals-export';
import { PROPOSALS_TARGET } from '../../../shared/domain/import/proposals-target';
import { applyProposalsImport, previewProposalsImport } from '../import/proposals-import';
import { mappingWithChoices } from './column-map';
import { parseRoundArgs, requireDb } from './round-db';
import { noteImport, printRefused, rejectedRow, writeLines } from './report';
import { repeatedOption, requireInputFile, UsageError, type Command } from './usage';

function fiscalYearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/u.test(value) || Number(value) < 2400 || Number(value) > 2700) {
    throw new UsageError(
      `--round ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2571 (ได้ '${value}')`,
      `--round must be a BE fiscal year such as 2571 (got '${value}')`,
    );
  }
  return Number(value);
}

/** Splits the flags that take no value from the others (parseRoundArgs reads `--name value`). */
function flags(argv: readonly string[], names: readonly string[]): { rest: string[]; set: Set<string> } {
  const set = new Set<string>();
  const rest: string[] = [];
  for (const a of argv) {
    const name = a.startsWith('--') ? a.slice(2) : null;
    if (name !== null && names.includes(name)) set.add(name);
    else rest.push(a);
  }
  return { rest, set };
}

/** Notes, and the items of one note, named in full; the rest are counted. */
const NOTES_SHOWN = 20;

/** The first NOTES_SHOWN items joined, the rest counted ("…, and 49,980 more"), in Thai and English. */
function firstOf(items: readonly string[]): { th: string; en: string } {
  const named = items.slice(0, NOTES_SHOWN).join(', ');
  if (items.length <= NOTES_SHOWN) return { th: named, en: named };
  const n = (items.length - NOTES_SHOWN).toLocaleString('en-US');
  return { th: `${named} และอีก ${n} รายการ`, en: `${named}, and ${n} more` };
}

export const projectsImportCommand: Command = {
  usage: {
    en: 'projects-import FILE --db PATH [--round FY] [--partial] [--confirm-scored] [--sheet NAME]… [--map FIELD=COLUMN]…',
    th: 'projects-import ไฟล์ --db ฐานข้อมูล [--round ปีงบประมาณ] [--partial] [--confirm-scored] [--sheet ชื่อแผ่นงาน]… [--map ช่อง=คอลัมน์]…',
  },
  async run(argv) {
    const { rest: unmapped, values: choices } = repeatedOption(argv, 'map');
    const { rest: unsheeted, values: sheets } = repeatedOption(unmapped, 'sheet');
    const { rest, set } = flags(unsheeted, ['partial', 'confirm-scored']);
    const { db, values, positional } = parseRoundArgs(rest, ['round']);
    if (positional.length !== 1) throw new UsageError('ต้องระบุไฟล์โครงการหนึ่งไฟล์', 'expected exactly one FILE');
    const file = positional[0]!;
    requireDb(db);
    requireInputFile(file, MAX_UPLOAD_BYTES);
    const fiscalYear = fiscalYearOption(values['round']);
    const core = await createCore({ dbPath: resolve(db), seedSample: false });
    try {
      const name = file.split(/[\\/]/u).pop() ?? file;
      try {
        const bytes = readFileSync(file);
        const chosen = {
          ...(fiscalYear === undefined ? {} : { fiscalYear }),
          ...(sheets.length > 0 ? { sheets } : {}),
        };
        const mapping =
          choices.length > 0
            ? mappingWithChoices(choices, PROPOSALS_TARGET, previewProposalsImport(core.store, name, bytes, chosen))
            : undefined;
        const r = applyProposalsImport(core.store, name, bytes, 'cli', {
          ...chosen,
          partial: set.has('partial'),
          confirmAfterScoring: set.has('confirm-scored'),
          ...(mapping ? { mapping } : {}),
        });
        const out = {
          batch: r.batchId,
          round: r.fiscalYear,
          new: r.newCount,
          changed: r.changedCount,
          unchanged: r.unchangedCount,
          rejected: r.rejected.map(rejectedRow),
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        noteImport(r);
        // One agency's proposals with the same priority (in the file, or a proposal of the round the file does not
        // list): imported as written, said so the secretariat can ask.
        // The first ones named, the rest counted: a file giving one priority to 50,000 rows wrote a 1.6 MB line.
        const same = r.samePriority ?? [];
        for (const g of same.slice(0, NOTES_SHOWN)) {
          const rows = firstOf(g.proposals.map((p) => `${p.part ? `${p.part} ` : ''}${p.row} (${p.code})`));
          const held = firstOf(g.held.map((h) => `${h.code} “${oneLine(h.title)}”`));
          process.stderr.write(
            `หมายเหตุ: ${g.agency} ให้ลำดับความสำคัญที่ ${g.priority} แก่หลายโครงการ แถวที่ ${rows.th}` +
              `${held.th ? ` และโครงการที่มีอยู่แล้วในรอบ ${held.th}` : ''}\n` +
              `note: ${g.agency} gives priority ${g.priority} to several proposals, rows ${rows.en}` +
              `${held.en ? `, and already in the round ${held.en}` : ''}\n`,
          );
        }
        if (same.length > NOTES_SHOWN) {
          const n = (same.length - NOTES_SHOWN).toLocaleString('en-US');
          process.stderr.write(`หมายเหตุ: และลำดับความสำคัญซ้ำอีก ${n} กรณี\nnote: and ${n} more same priorities\n`);
        }
        // Values the file left empty (a column it lacks, an empty cell) that proposals had: cleared, said per field.
        for (const c of r.cleared ?? []) {
          const field = PROPOSAL_FIELD_NAMES[c.field] ?? { th: c.field, en: c.field };
          const more = c.count - c.codes.length;
          const codes = c.codes.join(', ');
          process.stderr.write(
            `หมายเหตุ: ไฟล์นี้เว้นว่าง${field.th}ของโครงการ ${c.count.toLocaleString('en-US')} โครงการที่เคยมีค่า จึงล้างค่าเดิม: ` +
              `${codes}${more > 0 ? ` และอีก ${more.toLocaleString('en-US')} โครงการ` : ''}\n` +
              `note: the file leaves the ${field.en} of ${c.count.toLocaleString('en-US')} proposal(s) empty, so it was cleared: ` +
              `${codes}${more > 0 ? `, and ${more.toLocaleString('en-US')} more` : ''}\n`,
          );
        }
        return 0;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return printRefused(e, { batch: null, round: null, new: 0, changed: 0, unchanged: 0 }, { fileName: name });
      }
    } finally {
      await core.close();
    }
  },
};

export const projectsExportCommand: Command = {
  usage: { en: 'projects-export --db PATH [--round FY]', th: 'projects-export --db ฐานข้อมูล [--round ปีงบประมาณ]' },
  async run(argv) {
    const { db, values, positional } = parseRoundArgs(argv, ['round']);
    if (positional.length > 0) throw new UsageError('projects-export ไม่รับไฟล์', 'projects-export takes no file');
    requireDb(db);
    const fiscalYear = fiscalYearOption(values['round']);
    const core = await createCore({ dbPath: resolve(db), seedSample: false });
    try {
      const rounds = proposalExportRounds(core.store.sqlite, fiscalYear);
      if (rounds.length === 0 && fiscalYear !== undefined) {
        throw new AppError('NOT_FOUND', `no round has fiscal year ${fiscalYear}`, `ไม่พบรอบของปีงบประมาณ ${fiscalYear}`);
      }
      if (rounds.length === 0) {
        process.stderr.write(
          'ไม่มีรอบการพิจารณาจริงให้ส่งออก (ไม่รวมรอบตัวอย่าง ระบุ --round เพื่อส่งออกรอบตัวอย่าง)\n' +
            'no real round to export (the demo round is left out; give --round FY to export it)\n',
        );
      }
      // Which round the lines come from, on stderr (a demo round and a real one may share a fiscal year).
      for (const r of rounds) {
        const demo = r.demo ? { th: ' (รอบตัวอย่าง ข้อมูลสังเคราะห์)', en: ' (the demo round, synthetic data)' } : { th: '', en: '' };
        process.stderr.write(
          `ส่งออกโครงการของรอบ "${r.name}" (ปีงบประมาณ ${r.fy} รหัส ${r.id})${demo.th}\n` +
            `exported the proposals of round "${r.name}" (FY ${r.fy}, id ${r.id})${demo.en}\n`,
        );
      }
      await writeLines(exportProposalLines(core.store.sqlite, rounds));
      return 0;
    } finally {
      await core.close();
    }
  },
};
