import { describe, expect, it } from 'vitest';
import { splitResolution } from './resolution';

describe('splitResolution', () => {
  it('reads the meeting date at the end of the resolution text, in the Buddhist era', () => {
    expect(splitResolution('ครั้งที่ 3/2570 วันที่ 15 พฤศจิกายน 2569')).toEqual({ no: 'ครั้งที่ 3/2570', date: '2026-11-15' });
    expect(splitResolution('ครั้งที่ 3/2570 วันที่ 15/11/2569')).toEqual({ no: 'ครั้งที่ 3/2570', date: '2026-11-15' });
    expect(splitResolution('ครั้งที่ 3/2570')).toEqual({ no: 'ครั้งที่ 3/2570', date: null });
    // Not a date: the whole text stays the resolution number.
    expect(splitResolution('ครั้งที่ 3/2570 วันที่ สามสิบ')).toEqual({ no: 'ครั้งที่ 3/2570 วันที่ สามสิบ', date: null });
  });

  it('reads the date as minutes write it: after เมื่อ or ลง, in brackets, in Thai digits, with เดือน and a short year', () => {
    const cases: [string, string, string][] = [
      ['ครั้งที่ 3/2570 เมื่อวันที่ 15 พฤศจิกายน 2569', 'ครั้งที่ 3/2570', '2026-11-15'],
      ['มติ ก.บ.จ. ครั้งที่ 3/2570 ลงวันที่ 15 พ.ย. 2569', 'มติ ก.บ.จ. ครั้งที่ 3/2570', '2026-11-15'],
      ['ครั้งที่ ๓/๒๕๗๐ วันที่ ๑๕ พ.ย. ๖๙', 'ครั้งที่ ๓/๒๕๗๐', '2026-11-15'],
      ['ครั้งที่ 3/2570 (15 พ.ย. 2569)', 'ครั้งที่ 3/2570', '2026-11-15'],
      ['ครั้งที่ 3/2570 วันที่ 5 เดือนพฤศจิกายน พ.ศ. 2569', 'ครั้งที่ 3/2570', '2026-11-05'],
    ];
    for (const [text, no, date] of cases) expect(splitResolution(text)).toEqual({ no, date });
    // A number in brackets that is no date stays in the resolution number.
    expect(splitResolution('ครั้งที่ 3/2570 (3)')).toEqual({ no: 'ครั้งที่ 3/2570 (3)', date: null });
  });

  it('reads a date written after the number without วันที่, never the number itself', () => {
    expect(splitResolution('มติที่ประชุม ครั้งที่ 3/2569 15 พฤศจิกายน 2569')).toEqual({
      no: 'มติที่ประชุม ครั้งที่ 3/2569',
      date: '2026-11-15',
    });
    expect(splitResolution('ครั้งที่ 3/2569 15/11/2569')).toEqual({ no: 'ครั้งที่ 3/2569', date: '2026-11-15' });
    expect(splitResolution('ครั้งที่ ๓/๒๕๖๙ ๑๕ พ.ย. ๖๙')).toEqual({ no: 'ครั้งที่ ๓/๒๕๖๙', date: '2026-11-15' });
    expect(splitResolution('ครั้งที่ 3/2570 5 เดือนพฤศจิกายน พ.ศ. 2569')).toEqual({ no: 'ครั้งที่ 3/2570', date: '2026-11-05' });
    // A number, a month and year, or a date alone with no number before it: no date read.
    for (const text of ['ครั้งที่ 3/2569', 'ครั้งที่ 3 10/2569', 'มติ ก.บ.จ. ครั้งที่ 2/2569 ข้อ 15', '15 พ.ย. 2569']) {
      expect(splitResolution(text)).toEqual({ no: text, date: null });
    }
  });

  it('names a date written after วันที่ that cannot be read, instead of dating the plan today', () => {
    expect(splitResolution('ครั้งที่ 3/2570 วันที่ 31 เม.ย. 2569')).toMatchObject({
      date: null,
      problem: { th: expect.stringContaining('เดือนเมษายน พ.ศ. 2569 มี 30 วัน') },
    });
    expect(splitResolution('ครั้งที่ 3/2570 วันที่ 15 พ.ย. 26').problem?.en).toContain('write the year in four digits');
  });
});
