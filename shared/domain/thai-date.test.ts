import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  BE_OFFSET,
  bangkokDate,
  fiscalYearOf,
  fiscalYearRange,
  formatThaiDate,
  formatThaiDateTime,
  parseThaiDate,
  readDateOrRange,
  readThaiDate,
  dateOrderOf,
  typedThaiDate,
} from './thai-date';

const THAI_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const THAI_MONTHS_LONG = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
];
const toThaiDigits = (s: string): string => s.replace(/\d/gu, (d) => String.fromCharCode(0x0e50 + Number(d)));

describe('fiscalYearOf', () => {
  it('turns over on 1 October, Bangkok time', () => {
    expect(fiscalYearOf(new Date('2026-09-30T23:59:59+07:00'))).toBe(2569);
    expect(fiscalYearOf(new Date('2026-10-01T00:00:00+07:00'))).toBe(2570);
    expect(fiscalYearOf(new Date('2024-10-01T00:00:00+07:00'))).toBe(2568);
    expect(fiscalYearOf(new Date('2027-01-15T12:00:00+07:00'))).toBe(2570);
  });

  it('uses Bangkok, not UTC, near midnight', () => {
    // 23:30 UTC on 30 Sep is 06:30 on 1 Oct in Bangkok: already the next fiscal year.
    expect(fiscalYearOf(new Date('2026-09-30T23:30:00Z'))).toBe(2570);
    // 16:59:59 UTC is 23:59:59 in Bangkok: still the old year; one second later the new one.
    expect(fiscalYearOf(new Date('2026-09-30T16:59:59Z'))).toBe(2569);
    expect(fiscalYearOf(new Date('2026-09-30T17:00:00Z'))).toBe(2570);
  });
});

describe('fiscalYearRange', () => {
  it('runs from 1 October of the previous CE year to 30 September', () => {
    expect(fiscalYearRange(2571)).toEqual({ start: '2027-10-01', end: '2028-09-30' });
    expect(fiscalYearRange(2570)).toEqual({ start: '2026-10-01', end: '2027-09-30' });
  });

  it('agrees with fiscalYearOf at both ends', () => {
    // From BE 2500 on: before 1920 (BE 2463) Bangkok kept local mean time (+06:42), not UTC+7.
    fc.assert(
      fc.property(fc.integer({ min: 2500, max: 2700 }), (fy) => {
        const { start, end } = fiscalYearRange(fy);
        expect(fiscalYearOf(new Date(`${start}T00:00:00+07:00`))).toBe(fy);
        expect(fiscalYearOf(new Date(`${end}T23:59:59+07:00`))).toBe(fy);
        const firstMoment = new Date(`${start}T00:00:00+07:00`).getTime();
        expect(fiscalYearOf(new Date(firstMoment - 1))).toBe(fy - 1);
      }),
    );
  });
});

describe('formatThaiDate', () => {
  it('writes the Buddhist-era year and the Thai month', () => {
    const text = formatThaiDate(new Date('2026-11-24T03:00:00Z'));
    expect(text).toContain('2569');
    expect(text).not.toContain('2026');
    expect(text).toContain('พฤศจิกายน');
    expect(text).toMatch(/^24 /u);
  });

  it('shows the Bangkok day, not the UTC day', () => {
    // 17:30 UTC on 31 Dec 2026 is already 1 Jan 2027 (BE 2570) in Bangkok.
    expect(formatThaiDate(new Date('2026-12-31T17:30:00Z'))).toBe('1 มกราคม 2570');
  });

  it('has an English form with the CE year', () => {
    expect(formatThaiDate(new Date('2026-11-24T03:00:00Z'), 'en')).toBe('24 November 2026');
  });

  it('has a short date-time form in BE, Bangkok time', () => {
    const text = formatThaiDateTime(new Date('2026-11-24T03:00:00Z'));
    expect(text).toContain('2569');
    expect(text).toContain('10:00');
  });
});

describe('parseThaiDate', () => {
  it.each([
    ['2026-09-15', '2026-09-15'],
    ['2026-9-5', '2026-09-05'],
    ['2026-09-15T10:00:00+07:00', '2026-09-15'],
    ['2569-09-15', '2026-09-15'],
    ['15/9/2569', '2026-09-15'],
    ['01/10/2569', '2026-10-01'],
    ['15 ม.ค. 2569', '2026-01-15'],
    ['15 มกราคม 2569', '2026-01-15'],
    ['15 มกราคม พ.ศ. 2569', '2026-01-15'],
    ['1 ธ.ค. 2568', '2025-12-01'],
    ['๑๕/๙/๒๕๖๙', '2026-09-15'],
    ['๑๕ ต.ค. ๒๕๖๙', '2026-10-15'],
    ['  15 ก.ย. 2569  ', '2026-09-15'],
    ['29 ก.พ. 2567', '2024-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseThaiDate(text)).toBe(iso);
  });

  it.each([
    // As the imports read them too: dashes, a two-digit BE year, letters' "เดือน", an English month.
    ['15-09-2569', '2026-09-15'],
    ['15 ก.ย. 69', '2026-09-15'],
    ['15 กันยา 2569', '2026-09-15'],
    ['วันที่ 15 เดือนกันยายน พ.ศ. 2569', '2026-09-15'],
    ['Sep 15, 2026', '2026-09-15'],
    // the day of the week before it, as letters and a meeting's minutes write it
    ['วันจันทร์ที่ 2 ธันวาคม 2569', '2026-12-02'],
    ['วันพฤหัสบดีที่ ๓ ธ.ค. ๒๕๖๙', '2026-12-03'],
    ['ศุกร์ 4 ธ.ค. 69', '2026-12-04'],
    // shortened, as calendars and Excel's Thai date formats write it
    ['พฤ. 1 ต.ค. 69', '2026-10-01'],
    ['อา. 4 ต.ค. 2569', '2026-10-04'],
    ['จ.5/10/2569', '2026-10-05'],
  ])('reads %s as %s, as the imports do', (text, iso) => {
    expect(parseThaiDate(text)).toBe(iso);
  });

  it('says why a date is refused (readThaiDate)', () => {
    expect(readThaiDate('31 เม.ย. 2569')).toMatchObject({ ok: false, th: expect.stringContaining('มี 30 วัน') });
    expect(readThaiDate('15/9/26')).toMatchObject({ ok: false, en: expect.stringContaining('four digits') });
  });

  it.each(['31 ก.พ. 2569', '29 ก.พ. 2569', '31/4/2569', '2026-13-01', '2026-00-10', '15 Foo 2569', '1/1/1850', 'เมื่อวาน', ''])(
    'refuses %s',
    (text) => {
      expect(parseThaiDate(text)).toBeNull();
    },
  );

  const dateArb = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true });
  const isoOf = (d: Date): string => d.toISOString().slice(0, 10);

  it('reads back a date typed as typedThaiDate writes it (d/m/BE year)', () => {
    expect(typedThaiDate('2026-09-15')).toBe('15/9/2569');
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(parseThaiDate(typedThaiDate(isoOf(d)))).toBe(isoOf(d));
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips an ISO date', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(parseThaiDate(isoOf(d))).toBe(isoOf(d));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every Thai form of the same day as the same ISO date', () => {
    fc.assert(
      fc.property(dateArb, fc.boolean(), (d, thaiDigits) => {
        const iso = isoOf(d);
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const be = y + BE_OFFSET;
        const digits = (s: string): string => (thaiDigits ? toThaiDigits(s) : s);
        expect(parseThaiDate(digits(`${day}/${m}/${be}`))).toBe(iso);
        expect(parseThaiDate(digits(`${be}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`))).toBe(iso);
        expect(parseThaiDate(digits(`${day} ${THAI_MONTHS_SHORT[m - 1]} ${be}`))).toBe(iso);
        expect(parseThaiDate(digits(`${day} ${THAI_MONTHS_LONG[m - 1]} ${be}`))).toBe(iso);
      }),
      { numRuns: 500 },
    );
  });
});

describe('eight digits, year first', () => {
  it('read as registers export dates, in either era; a month or day that does not exist is refused', () => {
    expect(readThaiDate('25691015')).toEqual({ ok: true, value: '2026-10-15' });
    expect(readThaiDate('20261015')).toEqual({ ok: true, value: '2026-10-15' });
    expect(readThaiDate('25691315').ok).toBe(false);
    expect(readThaiDate('25690230').ok).toBe(false);
    expect(readThaiDate('12345678').ok).toBe(false);
  });
});

describe('readDateOrRange', () => {
  it('reads a range as its first day, the first date completed from the second', () => {
    const read = (t: string): string | null => {
      const r = readDateOrRange(t);
      return r.ok ? r.value : null;
    };
    expect(read('1 ต.ค. 2569 - 5 ต.ค. 2569')).toBe('2026-10-01');
    expect(read('1-5 ต.ค. 2569')).toBe('2026-10-01');
    expect(read('1 – 5 ตุลาคม 2569')).toBe('2026-10-01');
    expect(read('28 ก.ย. - 2 ต.ค. 2569')).toBe('2026-09-28');
    expect(read('1/10/2569 ถึง 5/10/2569')).toBe('2026-10-01');
    expect(read('วันที่ 1 ต.ค. 2569 ถึงวันที่ 3 ต.ค. 2569')).toBe('2026-10-01');
    expect(read('2026-10-15 - 2026-10-20')).toBe('2026-10-15');
    expect(read('Oct 1, 2026 to Oct 3, 2026')).toBe('2026-10-01');
    // A date alone reads as before, dashes and all.
    expect(read('15-10-2569')).toBe('2026-10-15');
    expect(read('15-ต.ค.-69')).toBe('2026-10-15');
  });

  it('refuses a second date before the first, or a year after it, and what is no date either side', () => {
    const backwards = readDateOrRange('5 ต.ค. 2569 - 1 ต.ค. 2569');
    expect(backwards.ok).toBe(false);
    if (!backwards.ok) expect(backwards.th).toContain('ไม่ใช่ช่วงวันที่');
    expect(readDateOrRange('1 ต.ค. 2569 - 5 ต.ค. 2571').ok).toBe(false);
    expect(readDateOrRange('ต้นเดือน - 5 ต.ค. 2569').ok).toBe(false);
    expect(readDateOrRange('1 ต.ค. 2569 - ปลายเดือน').ok).toBe(false);
    expect(readDateOrRange('1-5').ok).toBe(false);
  });

  it('property: a range of two whole dates reads as the earlier, whatever separates them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom(' - ', '-', ' – ', ' ถึง ', ' ถึงวันที่ '),
        (offset, span, sep) => {
          const a = new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000);
          const b = new Date(a.getTime() + span * 86_400_000);
          const thai = (d: Date): string =>
            `${d.getUTCDate()} ${THAI_MONTHS_SHORT[d.getUTCMonth()]} ${d.getUTCFullYear() + BE_OFFSET}`;
          const r = readDateOrRange(`${thai(a)}${sep}${thai(b)}`);
          expect(r).toEqual({ ok: true, value: a.toISOString().slice(0, 10) });
        },
      ),
    );
  });
});

describe('dateOrderOf', () => {
  it.each([
    [['10/15/2026 10:30:12', '11/3/2026'], 'mdy'],
    [['๑๐/๑๕/๒๐๒๖'], 'mdy'],
    [['15/10/2569', '10/15/2026'], 'dmy'],
    [['1/2/2569', '3/4/2569'], 'dmy'],
    // No value says: day first, as Thai files write dates.
    [['1/2/2026 9:00:00'], 'dmy'],
    [['15 ต.ค. 2569', 'abc'], 'dmy'],
    // BE years are Thai dates, day first: a month-first value among them is a mistake, not the column's order.
    [['1/10/2569', '2/10/2569', '5/11/2569', '10/13/2569'], 'dmy'],
    [['10/13/69', '10/15/69'], 'dmy'],
    // One month-first value of six with CE years: a typing mistake too; one of three: an English form's column.
    [['1/10/2026', '2/10/2026', '5/11/2026', '9/11/2026', '3/12/2026', '10/13/2026'], 'dmy'],
    [['1/10/2026', '2/11/2026', '5/13/2026'], 'mdy'],
  ] as const)('%j is %s', (texts, order) => expect(dateOrderOf(texts)).toBe(order));

  it('reads a numeric date month first when told, and the property of any day read back either way', () => {
    expect(readThaiDate('10/15/2026', 'mdy')).toEqual({ ok: true, value: '2026-10-15' });
    expect(readThaiDate('15 ต.ค. 2569', 'mdy')).toEqual({ ok: true, value: '2026-10-15' });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const iso = d.toISOString().slice(0, 10);
          expect(readThaiDate(`${m}/${day}/${y}`, 'mdy')).toEqual({ ok: true, value: iso });
          expect(readThaiDate(`${day}/${m}/${y}`, 'dmy')).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });
});

describe('bangkokDate', () => {
  it('is the date in Thailand (UTC+7): the next day from 17:00 UTC', () => {
    expect(bangkokDate(new Date('2026-12-04T16:59:59Z'))).toBe('2026-12-04');
    expect(bangkokDate(new Date('2026-12-04T17:00:00Z'))).toBe('2026-12-05');
    expect(bangkokDate(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  });
});

describe('hostile texts', () => {
  it('reads no range in a cell longer than any range (each separator was tried with both its sides read)', () => {
    const long = ' ถึง '.repeat(6_500);
    expect(readDateOrRange(long).ok).toBe(false);
    // A real range is read as before.
    expect(readDateOrRange('1 ต.ค. 2569 ถึง 5 ต.ค. 2569')).toEqual({ ok: true, value: '2026-10-01' });
  });
});
