/**
 * `plan-export --db PATH --scenario ID_OR_NAME --format xlsx|pdf|csv|json|opendata --out FILE [--lang th|en]`
 * (`--scenario round` for the round's own plan): writes the same document the export panel does (a draft
 * watermarked "ร่าง"), records it in the audit trail, and prints one JSON line with the file's SHA-256 and the chain.
 */
import { PLAN_FORMATS, type PlanFormat } from '../../../shared/api/exports';
import { pdfPrinter } from '../export/pdf/printer';
import { exportPlan } from '../export/plan-export';
import { highsSolver } from '../solver/highs';
import type { Store } from '../db/database';
import { checkOutPath, writeOutFile } from './out-file';
import { openRoundDb, parseRoundArgs, requireDb } from './round-db';
import { UsageError, type Command } from './usage';

const usage = {
  en: 'plan-export --db PATH --scenario ID_OR_NAME --format xlsx|pdf|csv|json|opendata --out FILE [--lang th|en]',
  th: 'plan-export --db ไฟล์ฐานข้อมูล --scenario รหัสหรือชื่อสถานการณ์ --format xlsx|pdf|csv|json|opendata --out ไฟล์ผลลัพธ์ [--lang th|en]',
};

/** The scenario a command line names: its id, or its exact name (which must be unique). */
function findScenario(store: Store, ref: string): { id: number; roundId: number } {
  const byId = /^\d+$/u.test(ref)
    ? (store.sqlite.prepare('SELECT id, round_id AS roundId FROM scenario WHERE id = ?').get(Number(ref)) as
        { id: number; roundId: number } | undefined)
    : undefined;
  if (byId) return byId;
  const byName = store.sqlite.prepare('SELECT id, round_id AS roundId FROM scenario WHERE name = ? ORDER BY id').all(ref) as {
    id: number;
    roundId: number;
  }[];
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new UsageError(
      `มีสถานการณ์ชื่อ "${ref}" ${byName.length} รายการ (รหัส ${byName.map((s) => s.id).join(', ')}) กรุณาระบุรหัส`,
      `${byName.length} scenarios are named "${ref}" (ids ${byName.map((s) => s.id).join(', ')}); give the id`,
    );
  }
  throw new UsageError(`ไม่พบสถานการณ์ "${ref}"`, `no scenario "${ref}"`);
}

/** The newest round (by fiscal year) for `--scenario round`. */
function latestRound(store: Store): number {
  const row = store.sqlite
    .prepare('SELECT id FROM round WHERE archived_at IS NULL ORDER BY fiscal_year DESC, id DESC LIMIT 1')
    .get() as { id: number } | undefined;
  if (!row) throw new UsageError('ฐานข้อมูลนี้ยังไม่มีรอบการพิจารณา', 'the database has no round');
  return row.id;
}

export const planExportCommand: Command = {
  usage,
  async run(argv) {
    const { db, values, positional } = parseRoundArgs(argv, ['scenario', 'format', 'out', 'lang']);
    if (positional.length > 0) throw new UsageError(`ไม่รู้จักอาร์กิวเมนต์ ${positional[0]}`, `unexpected argument ${positional[0]}`);
    requireDb(db);
    const format = values['format'];
    if (!format || !(PLAN_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(
        `--format ต้องเป็น ${PLAN_FORMATS.join(' | ')} (ได้รับ "${format ?? ''}")`,
        `--format must be ${PLAN_FORMATS.join(' | ')} (got "${format ?? ''}")`,
      );
    }
    const lang = values['lang'] ?? 'th';
    if (lang !== 'th' && lang !== 'en')
      throw new UsageError(`--lang ต้องเป็น th หรือ en (ได้รับ "${lang}")`, `--lang must be th or en (got "${lang}")`);
    if (!values['out']) throw new UsageError('ไม่ได้ระบุ --out', 'missing --out FILE');
    // Checked before the export is made and recorded: never over the database, a folder or a device.
    const out = checkOutPath(values['out'], db);
    const ref = values['scenario'];
    if (!ref) throw new UsageError('ไม่ได้ระบุ --scenario (รหัส ชื่อ หรือ round)', 'missing --scenario ID_OR_NAME (or round)');
    const store = await openRoundDb(db);
    try {
      const target =
        ref === 'round'
          ? { roundId: latestRound(store) }
          : (({ id, roundId }) => ({ roundId, scenarioId: id }))(findScenario(store, ref));
      const file = await exportPlan(
        store,
        { ...target, format: format as PlanFormat, lang },
        { actor: 'cli', printer: pdfPrinter(), solver: highsSolver },
      );
      writeOutFile(out, file.bytes);
      process.stdout.write(
        `${JSON.stringify({
          out,
          file_name: file.fileName,
          bytes: file.bytes.length,
          sha256: file.sha256,
          approved: file.approved,
          total_funded: file.totalFunded,
          chain_length: file.chainLength,
          chain_head: file.chainHead,
        })}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
