/** `imports.template`: the blank forms of the needs and proposals imports (export/import-templates.ts). */
import { AppError } from '../../../shared/api/errors';
import { NEED_CATEGORIES } from '../../../shared/domain/taxonomy';
import { buildImportTemplate, needsFormColumns, proposalFormColumns } from '../export/import-templates';
import type { HandlerMap } from './types';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importTemplateHandlers = {
  'imports.template': async (args, caller, ctx) => {
    const sqlite = ctx.store.sqlite;
    const round = sqlite.prepare('SELECT fiscal_year AS fiscalYear, name FROM round WHERE id = ?').get(args.roundId) as
      { fiscalYear: number; name: string } | undefined;
    if (!round) throw new AppError('NOT_FOUND', `round ${args.roundId} does not exist`, `ไม่พบรอบที่ ${args.roundId}`);
    const districts = sqlite.prepare('SELECT name_th FROM area_district ORDER BY code').pluck().all() as string[];
    const synthetic =
      (sqlite.prepare(`SELECT value FROM setting WHERE key = 'synthetic'`).pluck().get() as string | undefined) === '1';
    const now = new Date();
    const fy = round.fiscalYear;
    const bytes =
      args.kind === 'proposals'
        ? await buildImportTemplate({
            sheet: 'แบบเสนอโครงการ',
            title: `แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ${fy} จังหวัดสระบุรี`,
            columns: proposalFormColumns(
              sqlite
                .prepare('SELECT no, title_th AS titleTh FROM development_issue WHERE round_id = ? ORDER BY no')
                .all(args.roundId) as { no: number; titleTh: string }[],
              districts,
            ),
            notes: [
              `${round.name}: กรอกหนึ่งโครงการต่อหนึ่งแถวในแผ่นงาน "แบบเสนอโครงการ" ใต้หัวตาราง (เพิ่มแถวได้ตามต้องการ)`,
              'ไม่ต้องแก้หัวตารางและชื่อแบบฟอร์ม: ชื่อแบบฟอร์มระบุปีงบประมาณที่ระบบใช้เลือกรอบ',
              'จำนวนเงินเป็นบาท ระบุงบดำเนินงานและ/หรืองบลงทุน วงเงินที่ขอคือผลรวม',
              'ส่งไฟล์นี้กลับให้ฝ่ายเลขานุการ ระบบจะตรวจทุกแถวและแจ้งแถวและคอลัมน์ที่ต้องแก้ก่อนนำเข้า',
            ],
            synthetic,
            now,
          })
        : await buildImportTemplate({
            sheet: 'ความต้องการ',
            title: 'แบบสำรวจความต้องการของประชาชน จังหวัดสระบุรี',
            columns: needsFormColumns(districts, NEED_CATEGORIES),
            notes: [
              'กรอกหนึ่งความต้องการต่อหนึ่งแถวในแผ่นงาน "ความต้องการ" ใต้หัวตาราง (เพิ่มแถวได้ตามต้องการ)',
              'ไม่ต้องแก้หัวตาราง: ระบบอ่านคอลัมน์จากหัวตาราง',
              'ความต้องการเดียวกันที่เสนอซ้ำ ให้กรอกแถวเดียวแล้วระบุจำนวนครั้งที่เสนอ',
              'ส่งไฟล์นี้กลับให้ฝ่ายเลขานุการ ระบบจะตรวจทุกแถวและแจ้งแถวและคอลัมน์ที่ต้องแก้ก่อนนำเข้า',
            ],
            synthetic,
            now,
          });
    const fileName = args.kind === 'proposals' ? `chipao-แบบเสนอโครงการ-FY${fy}.xlsx` : `chipao-แบบสำรวจความต้องการ-FY${fy}.xlsx`;
    return ctx.downloads.putBytes(caller, { fileName, mimeType: XLSX_TYPE, bytes });
  },
} satisfies Partial<HandlerMap>;
