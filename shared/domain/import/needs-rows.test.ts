import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEED_CATEGORIES } from '../taxonomy';
import { areaIndex } from './areas';
import type { MappedRow } from './headers';
import { needsFromRows, rowHash } from './needs-rows';

const areas = areaIndex(
  [{ code: '1901', nameTh: 'เมืองสระบุรี', nameEn: 'Mueang Saraburi' }],
  [
    { code: '190101', districtCode: '1901', nameTh: 'ปากเพรียว', nameEn: 'Pak Phriao' },
    { code: '190105', districtCode: '1901', nameTh: 'ดาวเรือง', nameEn: 'Dao Rueang' },
  ],
);
const feed = { tambonCodes: new Set(['190101', '190105']), categoryIds: new Set(NEED_CATEGORIES.map((c) => c.id)) };
const labels = ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ', 'งบประมาณ (บาท)', 'รุ่น'];
const mapping = { tambon: 0, title: 1, category: 2, people_affected: 3, estimated_cost: 4 };
const ctx = { feed, areas, labels, mapping, source: 'file:test', now: '2026-12-01T00:00:00.000Z' };
const row = (n: number, cells: Record<string, string | number | null>): MappedRow => ({ row: n, cells });

describe('rowHash', () => {
  it('keeps the ids it gave before (a file imported again is recognised by them)', () => {
    expect(rowHash('')).toBe('0bdcb81aee8d83');
    expect(rowHash('190101|3|ขอถนน')).toBe('0c5ea021c1e5a3');
    expect(rowHash('190101||ขอประปา')).toBe('06b350f94216a4');
    expect(rowHash('a')).toBe('1c2ba782c97901');
    expect(rowHash('สำนักงาน|โครงการ ๑')).toBe('0909726cb539de');
  });

  it('is always 14 hex digits', () => {
    fc.assert(fc.property(fc.string(), (s) => /^[0-9a-f]{14}$/u.test(rowHash(s))));
  });
});

describe("a village written in the tambon's cell", () => {
  const withVillage = { ...ctx, labels: [...labels.slice(0, 5), 'หมู่ที่'], mapping: { ...mapping, village_no: 5 } };
  const needRow = (n: number, tambon: string, village?: number | string): MappedRow =>
    row(n, {
      tambon,
      title: 'ขอถนน',
      category: 'ถนน',
      people_affected: 5,
      ...(village === undefined ? {} : { village_no: village }),
    });

  it("is the need's village when the row gives none (it was dropped with the rest of the place)", () => {
    const out = needsFromRows([needRow(2, 'หมู่ 3 ต.ปากเพรียว'), needRow(3, 'บ้านหนองโน ม.๕ ตำบลปากเพรียว')], ctx);
    expect(out.problems).toEqual([]);
    expect(out.needs.map((n) => n.villageNo)).toEqual([3, 5]);
    // Several villages name no one village.
    expect(needsFromRows([needRow(2, 'ม.1-3 ต.ปากเพรียว')], ctx).needs.map((n) => n.villageNo)).toEqual([null]);
  });

  it('agrees with the village column, or the row is refused naming both', () => {
    expect(needsFromRows([needRow(2, 'หมู่ 3 ต.ปากเพรียว', 3)], withVillage).problems).toEqual([]);
    expect(needsFromRows([needRow(2, 'หมู่ 3 ต.ปากเพรียว', 15)], withVillage).problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'หมู่ที่',
        code: 'BAD_VILLAGE',
        th: "หมู่ที่ 15 ไม่ตรงกับช่อง 'ตำบล' ที่ระบุหมู่ 3 ('หมู่ 3 ต.ปากเพรียว') กรุณาแก้ไขให้ตรงกัน",
      }),
    ]);
  });
});

describe('dates of an English form, month first', () => {
  const dated = (label: string, dates: string[]) =>
    needsFromRows(
      dates.map((d, i) =>
        row(i + 2, { tambon: '190101', title: `ขอถนน ${i}`, category: 'ถนน', people_affected: 5, reported_date: d }),
      ),
      { ...ctx, labels: [...labels.slice(0, 5), label], mapping: { ...mapping, reported_date: 5 } },
    );

  it('reads a column month first when a value can only be month first and none only day first', () => {
    const out = dated('Timestamp', ['10/15/2026 10:30:12', '11/3/2026 9:05:00']);
    expect(out.problems).toEqual([]);
    expect(out.needs.map((n) => n.reportedDate)).toEqual(['2026-10-15', '2026-11-03']);
    // Every day 12 or less: nothing says the column is month first, so it is read day first.
    expect(dated('Timestamp', ['11/3/2026 9:05:00']).needs.map((n) => n.reportedDate)).toEqual(['2026-03-11']);
  });

  it('keeps a Thai column day first when one value can only be month first, refusing that one alone', () => {
    const out = dated('วันที่รับเรื่อง', ['1/10/2569', '2/10/2569', '5/11/2569', '9/11/2569', '10/13/2569']);
    expect(out.needs.map((n) => n.reportedDate)).toEqual(['2026-10-01', '2026-10-02', '2026-11-05', '2026-11-09']);
    expect(out.problems).toMatchObject([{ line: 6, code: 'BAD_DATE', th: expect.stringContaining('ไม่มีเดือนที่ 13') }]);
  });

  it('keeps a column day first when one of its values can only be day first, refusing the month-first one', () => {
    const out = dated('Timestamp', ['15/10/2026', '10/15/2026']);
    expect(out.needs.map((n) => n.reportedDate)).toEqual(['2026-10-15']);
    expect(out.problems).toMatchObject([{ line: 3, code: 'BAD_DATE', en: expect.stringContaining('read day/month/year') }]);
  });
});

describe('needsFromRows', () => {
  it('turns Thai cells into needs with generated ids, versionless without a version column', () => {
    const out = needsFromRows(
      [
        row(5, {
          tambon: 'ต.ปากเพรียว',
          title: 'ขอถนน',
          category: 'ถนน',
          people_affected: '๑,๒๐๐ คน',
          estimated_cost: '1,250,000.00 บาท',
        }),
        row(6, { tambon: '190105', title: 'ขอน้ำ', category: 'น้ำ', people_affected: 10, estimated_cost: null }),
      ],
      ctx,
    );
    expect(out.problems).toEqual([]);
    expect(out.versionless).toBe(true);
    expect(out.needs.map((n) => [n.line, n.tambonCode, n.category, n.peopleAffected, n.estimatedCost])).toEqual([
      [5, '190101', 'roads_transport', 1200, 125_000_000],
      [6, '190105', 'water', 10, null],
    ]);
    expect(out.needs[0]!.externalId).toBe(`R-${rowHash('190101||ขอถนน')}`);
  });

  it('names the file row and the column as the file labels it, with a code', () => {
    const out = needsFromRows(
      [
        row(7, { tambon: 'ต.ปากเพรียง', title: 'ขอถนน', category: 'ถนน', people_affected: 1, estimated_cost: null }),
        row(8, { tambon: 'ปากเพรียว', title: '', category: 'ถนน', people_affected: 1, estimated_cost: null }),
        row(9, { tambon: 'ปากเพรียว', title: 'ขอไฟ', category: 'ถนน', people_affected: 1, estimated_cost: '-5' }),
      ],
      ctx,
    );
    expect(out.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [7, 'ตำบล', 'UNKNOWN_AREA'],
      [8, 'ความต้องการ', 'REQUIRED'],
      [9, 'งบประมาณ (บาท)', 'BAD_AMOUNT'],
    ]);
    expect(out.problems[0]!.th).toContain('ปากเพรียว');
    expect(out.problems[1]).toMatchObject({ en: "'ความต้องการ' is empty", th: "ช่อง 'ความต้องการ' ว่าง" });
    expect(out.lines).toBe(3);
  });

  it('says that a dash or ไม่ระบุ in a required cell means nothing, as the cell shows it', () => {
    const out = needsFromRows(
      [
        row(4, { tambon: 'ปากเพรียว', title: 'ขอถนน', category: 'ถนน', people_affected: '-', estimated_cost: null }),
        row(5, { tambon: 'ปากเพรียว', title: ' ไม่ระบุ ', category: 'ถนน', people_affected: 3, estimated_cost: null }),
      ],
      ctx,
    );
    expect(out.problems.map((p) => [p.line, p.code, p.en, p.th])).toEqual([
      [4, 'REQUIRED', "'ผู้ได้รับผลกระทบ' has no value ('-' means none)", "ช่อง 'ผู้ได้รับผลกระทบ' ไม่มีค่า ('-' หมายถึงไม่มีข้อมูล)"],
      [5, 'REQUIRED', "'ความต้องการ' has no value ('ไม่ระบุ' means none)", "ช่อง 'ความต้องการ' ไม่มีค่า ('ไม่ระบุ' หมายถึงไม่มีข้อมูล)"],
    ]);
  });

  it('an estimated cost written as nil ("-0-", "ไม่มี") is no cost, as a dash is', () => {
    const out = needsFromRows(
      [
        row(4, { tambon: 'ปากเพรียว', title: 'ขอถนน', category: 'ถนน', people_affected: 3, estimated_cost: '-0-' }),
        row(5, { tambon: 'ปากเพรียว', title: 'ขอไฟ', category: 'ไฟฟ้า', people_affected: 3, estimated_cost: 'ไม่มี' }),
      ],
      ctx,
    );
    expect(out.problems).toEqual([]);
    expect(out.needs.map((n) => [n.line, n.estimatedCost])).toEqual([
      [4, null],
      [5, null],
    ]);
  });

  it('refuses a title that lists several needs (its people would count once for each), by its row; one need reads', () => {
    const out = needsFromRows(
      [
        row(4, { tambon: 'ปากเพรียว', title: '1. ซ่อมถนนลูกรัง\n2. ขุดลอกคลองส่งน้ำ', category: 'ถนน', people_affected: 120 }),
        row(5, { tambon: 'ปากเพรียว', title: '- ไฟฟ้าส่องสว่าง\n- ประปา\n- ถนน\n- ฝาย', category: 'ถนน', people_affected: 9 }),
        row(6, { tambon: 'ปากเพรียว', title: '1. ซ่อมถนนสาย 2 ยาว 1.5 กม.', category: 'ถนน', people_affected: 80 }),
      ],
      ctx,
    );
    expect(out.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [4, 'ความต้องการ', 'SEVERAL_NEEDS'],
      [5, 'ความต้องการ', 'SEVERAL_NEEDS'],
    ]);
    expect(out.problems[0]!.th).toContain('ระบุความต้องการ 2 เรื่อง (1. ซ่อมถนนลูกรัง, 2. ขุดลอกคลองส่งน้ำ)');
    expect(out.problems[1]!.en).toContain('lists 4 needs (- ไฟฟ้าส่องสว่าง, - ประปา, - ถนน, …)');
    expect(out.needs.map((n) => n.title)).toEqual(['1. ซ่อมถนนสาย 2 ยาว 1.5 กม.']);
  });

  it('property: rows differing in tambon, village or title never share an id; the same row twice is a duplicate', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s !== ''),
          { minLength: 1, maxLength: 20 },
        ),
        (titles) => {
          const rows = titles.map((t, i) =>
            row(i + 2, { tambon: '190101', title: `ขอ ${t}`, category: 'water', people_affected: 1, estimated_cost: null }),
          );
          const out = needsFromRows(rows, ctx);
          const ids = out.needs.map((n) => n.externalId);
          expect(new Set(ids).size).toBe(ids.length);
          const again = needsFromRows([...rows, { ...rows[0]!, row: rows.length + 2 }], ctx);
          expect(again.problems).toEqual([
            expect.objectContaining({ code: 'DUPLICATE_ID', line: rows.length + 2, column: 'ความต้องการ' }),
          ]);
          expect(again.problems[0]!.en).toContain('row 2');
        },
      ),
    );
  });
});

describe('needs of another province', () => {
  it('refuses a row whose province column or tambon cell names another province, by its row and column', () => {
    const out = needsFromRows(
      [
        row(2, { tambon: 'ปากเพรียว', title: 'ขอถนน', category: 'ถนน', people_affected: 5, province: 'สระบุรี' }),
        row(3, { tambon: 'ปากเพรียว', title: 'ขอประปา', category: 'น้ำ', people_affected: 5, province: 'นครราชสีมา' }),
        row(4, { tambon: 'ต.ดาวเรือง จ.ลพบุรี', title: 'ขอไฟฟ้า', category: 'ไฟฟ้า', people_affected: 5 }),
        row(5, { tambon: 'ต.ดาวเรือง อ.ชุมพวง', title: 'ขอไฟฟ้า', category: 'ไฟฟ้า', people_affected: 5 }),
      ],
      { ...ctx, labels: [...labels.slice(0, 5), 'จังหวัด'], mapping: { ...mapping, province: 5 } },
    );
    expect(out.needs.map((n) => n.title)).toEqual(['ขอถนน']);
    expect(out.problems).toMatchObject([
      { line: 3, column: 'จังหวัด', code: 'UNKNOWN_AREA', th: expect.stringContaining('ไม่ใช่จังหวัดสระบุรี') },
      { line: 4, column: 'ตำบล', code: 'UNKNOWN_AREA', en: expect.stringContaining("province 'ลพบุรี' is not Saraburi") },
      { line: 5, column: 'ตำบล', code: 'UNKNOWN_AREA', en: expect.stringContaining("unknown district 'ชุมพวง'") },
    ]);
  });
});

describe('dates a need cannot have been raised on', () => {
  const dated = (cells: (string | number)[]) =>
    needsFromRows(
      cells.map((d, i) =>
        row(i + 2, { tambon: '190101', title: `ขอถนน ${i}`, category: 'ถนน', people_affected: 5, reported_date: d }),
      ),
      { ...ctx, labels: [...labels.slice(0, 5), 'วันที่'], mapping: { ...mapping, reported_date: 5 } },
    );

  it('refuses a year before 2000 or more than a year ahead, saying what it read; takes the years around today', () => {
    // 25477: 1 Oct 1969, as Excel stores "1/10/69" typed into a d/m/yy cell (a two-digit BE year read as 19xx).
    const out = dated([25477, '1/10/2596', '15 ต.ค. 2469', '1 ต.ค. 1969', 46296, '1/10/2569', '30/11/2570']);
    expect(out.needs.map((n) => n.reportedDate)).toEqual(['2026-10-01', '2026-10-01', '2027-11-30']);
    expect(out.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'BAD_DATE'],
      [3, 'BAD_DATE'],
      [4, 'BAD_DATE'],
      [5, 'BAD_DATE'],
    ]);
    expect(out.problems[0]).toMatchObject({
      en: expect.stringContaining('Excel reads a two-digit year such as 69 as 1969: if BE 2569 was meant'),
      th: expect.stringContaining('วันที่อ่านได้เป็น 1/10/2512'),
    });
    expect(out.problems[1]).toMatchObject({ th: expect.stringContaining('1/10/2596'), en: expect.not.stringContaining('Excel') });
  });
});

describe('rows read as one person each (a table without a people column, by choice)', () => {
  const noPeople = {
    ...ctx,
    labels: ['ตำบล', 'ความต้องการ', 'ด้าน', 'หมู่ที่', 'เลขที่', 'งบประมาณ (บาท)'],
    mapping: { tambon: 0, title: 1, category: 2, village_no: 3, estimated_cost: 5 },
  };
  const asPeople = { ...noPeople, rowsAsPeople: true };
  const complaint = (n: number, title: string, village: number, more: Record<string, string | number> = {}): MappedRow =>
    row(n, { tambon: 'ปากเพรียว', title, category: 'ถนน', village_no: village, ...more });

  it('without the choice, every row lacks its people; with it, each row is one person', () => {
    const rows = [complaint(2, 'ถนนชำรุด', 1), complaint(3, 'ไฟฟ้าดับ', 2)];
    const refused = needsFromRows(rows, noPeople);
    expect(refused.needs).toEqual([]);
    expect(refused.problems.map((p) => [p.line, p.code, p.column])).toEqual([
      [2, 'REQUIRED', 'ผู้ได้รับผลกระทบ'],
      [3, 'REQUIRED', 'ผู้ได้รับผลกระทบ'],
    ]);
    expect(refused.rowsAsPeople).toBeUndefined();
    const read = needsFromRows(rows, asPeople);
    expect(read.problems).toEqual([]);
    expect(read.needs.map((n) => [n.title, n.peopleAffected, n.timesRaised])).toEqual([
      ['ถนนชำรุด', 1, 1],
      ['ไฟฟ้าดับ', 1, 1],
    ]);
    expect(JSON.parse(read.needs[0]!.raw)).toMatchObject({ people_affected: 1 });
    expect(read.rowsAsPeople).toEqual({ rows: 2, merged: 0 });
  });

  it("counts rows naming the same need (tambon, village, title; no ids) as its people, the first row's fields kept", () => {
    const out = needsFromRows(
      [
        complaint(2, 'ขอถนนลาดยาง', 3, { estimated_cost: 100000 }),
        complaint(3, 'ขอไฟส่องสว่าง', 3),
        complaint(4, 'ขอถนนลาดยาง', 3, { estimated_cost: 250000 }),
        complaint(5, 'ขอถนนลาดยาง', 4),
        complaint(6, 'ขอถนนลาดยาง', 3),
      ],
      asPeople,
    );
    expect(out.problems).toEqual([]);
    expect(out.needs.map((n) => [n.line, n.villageNo, n.title, n.peopleAffected, n.timesRaised, n.estimatedCost])).toEqual([
      [2, 3, 'ขอถนนลาดยาง', 3, 3, 10_000_000],
      [3, 3, 'ขอไฟส่องสว่าง', 1, 1, null],
      [5, 4, 'ขอถนนลาดยาง', 1, 1, null],
    ]);
    // What is stored as the record says the same.
    expect(JSON.parse(out.needs[0]!.raw)).toMatchObject({ people_affected: 3, times_raised: 3 });
    expect(out.rowsAsPeople).toEqual({ rows: 5, merged: 2 });
  });

  it('keeps tickets with ids of their own apart (one person each), and a repeated ticket id is still refused', () => {
    const withIds = { ...asPeople, mapping: { ...asPeople.mapping, id: 4 } };
    const out = needsFromRows(
      [
        complaint(2, 'ถนนชำรุด', 1, { id: 'T-101' }),
        complaint(3, 'ถนนชำรุด', 1, { id: 'T-102' }),
        complaint(4, 'ถนนชำรุด', 1, { id: 'T-101' }),
      ],
      withIds,
    );
    expect(out.needs.map((n) => [n.externalId, n.peopleAffected])).toEqual([
      ['T-101', 1],
      ['T-102', 1],
    ]);
    expect(out.problems.map((p) => [p.line, p.code])).toEqual([[4, 'DUPLICATE_ID']]);
    expect(out.rowsAsPeople).toEqual({ rows: 2, merged: 0 });
  });

  it("reads a table's own people column when it has one, whatever the choice", () => {
    const out = needsFromRows([row(2, { tambon: '190101', title: 'ขอถนน', category: 'ถนน', people_affected: 40 })], {
      ...ctx,
      rowsAsPeople: true,
    });
    expect(out.needs.map((n) => n.peopleAffected)).toEqual([40]);
    expect(out.rowsAsPeople).toBeUndefined();
  });

  it('refuses a repeated row with a problem of its own by its row, and counts nobody for it', () => {
    const out = needsFromRows(
      [complaint(2, 'ขอถนนลาดยาง', 3), complaint(3, 'ขอถนนลาดยาง', 3, { estimated_cost: 'หนึ่งแสน' })],
      asPeople,
    );
    expect(out.problems.map((p) => [p.line, p.code, p.column])).toEqual([[3, 'BAD_AMOUNT', 'งบประมาณ (บาท)']]);
    expect(out.needs.map((n) => n.peopleAffected)).toEqual([1]);
    expect(out.rowsAsPeople).toEqual({ rows: 1, merged: 0 });
  });

  it('property: the people of the needs are the rows read, one need per distinct place and title', () => {
    const titles = ['ขอถนน', 'ขอประปา', 'ขอไฟฟ้า'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: fc.constantFrom(...titles), village: fc.integer({ min: 1, max: 3 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (picked) => {
          const out = needsFromRows(
            picked.map((p, i) => complaint(i + 2, p.title, p.village)),
            asPeople,
          );
          expect(out.problems).toEqual([]);
          expect(out.needs.reduce((s, n) => s + n.peopleAffected, 0)).toBe(picked.length);
          expect(out.needs.length).toBe(new Set(picked.map((p) => `${p.village}|${p.title}`)).size);
          expect(out.rowsAsPeople).toEqual({ rows: picked.length, merged: picked.length - out.needs.length });
          for (const n of out.needs) {
            expect(n.peopleAffected).toBe(picked.filter((p) => p.title === n.title && p.village === n.villageNo).length);
          }
        },
      ),
    );
  });
});

describe("a need's point", () => {
  const withPoint = (labelsOf: string[], mappingOf: Record<string, number>) => ({
    ...ctx,
    labels: [...labels.slice(0, 5), ...labelsOf],
    mapping: { ...mapping, ...mappingOf },
  });
  const need = (n: number, more: Record<string, string | number>): MappedRow =>
    row(n, { tambon: '190101', title: `ขอถนน ${n}`, category: 'ถนน', people_affected: 5, ...more });

  it('reads one column of both either way round, or a latitude and a longitude column, into the stored record', () => {
    const coords = needsFromRows(
      [need(2, { coords: '100.9104,14.5312' }), need(3, { coords: '' }), need(4, { coords: '14.5401, 100.9012' })],
      withPoint(['coords'], { coords: 5 }),
    );
    expect(coords.problems).toEqual([]);
    expect(coords.needs.map((n) => [n.lat, n.lon])).toEqual([
      [14.5312, 100.9104],
      [null, null],
      [14.5401, 100.9012],
    ]);
    expect(JSON.parse(coords.needs[0]!.raw)).toMatchObject({ lat: 14.5312, lon: 100.9104 });
    const columns = needsFromRows(
      [need(2, { lat: 14.5312, lon: '100.9104' })],
      withPoint(['ละติจูด', 'ลองจิจูด'], { lat: 5, lon: 6 }),
    );
    expect(columns.problems).toEqual([]);
    expect(columns.needs.map((n) => [n.lat, n.lon])).toEqual([[14.5312, 100.9104]]);
  });

  it('refuses by row a latitude without its longitude, swapped columns, a pair outside Thailand, and two points that differ', () => {
    const both = withPoint(['ละติจูด', 'ลองจิจูด', 'พิกัด'], { lat: 5, lon: 6, coords: 7 });
    const out = needsFromRows(
      [
        need(2, { lat: 14.5312 }),
        need(3, { lat: 100.9104, lon: 14.5312 }),
        need(4, { coords: '0,0' }),
        need(5, { lat: 14.5312, lon: 100.9104, coords: '14.60, 100.95' }),
        need(6, { lat: 14.5312, lon: 100.9104, coords: '14.53121, 100.91041' }),
      ],
      both,
    );
    expect(out.problems.map((p) => [p.line, p.code, p.column])).toEqual([
      [2, 'BAD_FIELD', 'ละติจูด'],
      [3, 'BAD_FIELD', 'ละติจูด'],
      [3, 'BAD_FIELD', 'ลองจิจูด'],
      [4, 'BAD_FIELD', 'พิกัด'],
      [5, 'BAD_FIELD', 'พิกัด'],
    ]);
    expect(out.problems[0]!.en).toBe("'ละติจูด' is given without 'ลองจิจูด': give both, or neither");
    expect(out.problems[1]!.en).toContain('columns swapped');
    expect(out.problems[4]!.en).toContain('is another point than');
    // Within about ten metres, the same point.
    expect(out.needs.map((n) => [n.line, n.lat, n.lon])).toEqual([[6, 14.5312, 100.9104]]);
  });

  it('reads a point written in the place cell apart from the place; a point column wins; a bad one is refused there', () => {
    const out = needsFromRows(
      [
        need(2, { tambon: 'ปากเพรียว 14.5312, 100.9104' }),
        need(3, { tambon: 'ต.ปากเพรียว https://maps.google.com/?q=14.5401,100.9012' }),
        need(4, { tambon: 'ปากเพรียว (14.5312, 100.9104)', coords: '14.5401, 100.9012' }),
        need(5, { tambon: 'ปากเพรียว 51.5074, -0.1278' }),
        need(6, { tambon: 'ปากเพรียว' }),
      ],
      withPoint(['พิกัด'], { coords: 5 }),
    );
    expect(out.problems.map((p) => [p.line, p.code, p.column])).toEqual([[5, 'BAD_FIELD', labels[0]]]);
    expect(out.needs.map((n) => [n.line, n.tambonCode, n.lat, n.lon])).toEqual([
      [2, '190101', 14.5312, 100.9104],
      [3, '190101', 14.5401, 100.9012],
      [4, '190101', 14.5401, 100.9012],
      [6, '190101', null, null],
    ]);
  });
});
