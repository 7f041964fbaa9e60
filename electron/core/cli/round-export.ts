/** `round-export --db PATH [--round FY]` prints the round's setup as the JSON `round-import` reads. */
import { AppError } from '../../../shared/api/errors';
import { fiscalYearSchema } from '../../../shared/api/rounds';
import { exportSetup } from '../services/round-file';
import { openRoundDb, parseRoundArgs } from './round-db';
import { UsageError, type Command } from './usage';

const usage = { en: 'round-export --db PATH [--round FY]', th: 'round-export --db ไฟล์ฐานข้อมูล [--round ปีงบประมาณ]' };

export const roundExport: Command = {
  usage,
  async run(argv) {
    const { db, values, positional } = parseRoundArgs(argv, ['round']);
    if (positional.length > 0) throw new UsageError(`ไม่รู้จักอาร์กิวเมนต์ ${positional[0]}`, `unexpected argument ${positional[0]}`);
    let fiscalYear: number | undefined;
    if (values['round'] !== undefined) {
      const parsed = fiscalYearSchema.safeParse(Number(values['round']));
      if (!/^\d{4}$/u.test(values['round']) || !parsed.success) {
        throw new UsageError(
          `--round ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2571 (ได้รับ "${values['round']}")`,
          `--round must be a Buddhist-era fiscal year such as 2571 (got "${values['round']}")`,
        );
      }
      fiscalYear = parsed.data;
    }
    const store = await openRoundDb(db);
    try {
      process.stdout.write(`${JSON.stringify(exportSetup(store.sqlite, fiscalYear), null, 2)}\n`);
      return 0;
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') {
        process.stderr.write(`${e.messageTh}\n${e.message}\n`);
        return 2;
      }
      throw e;
    } finally {
      await store.close();
    }
  },
};
