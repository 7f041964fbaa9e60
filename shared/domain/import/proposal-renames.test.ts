import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agencyKey, proposalKey, nameEdited, renameCandidates } from './proposal-renames';

describe('renameCandidates', () => {
  const agency = 'องค์การบริหารส่วนตำบลตาลเดี่ยว';
  it('pairs a new name with the unlisted one of its agency it edits: a slip, an added village', () => {
    const old = [
      { code: 'P-1', title: 'ก่อสร้างถนน คสล. หมู่ที 3', agency },
      { code: 'P-2', title: 'ขุดลอกคลองส่งน้ำ', agency },
      { code: 'P-3', title: 'ติดตั้งไฟฟ้าส่องสว่าง', agency: 'เทศบาลตำบลทับกวาง' },
    ];
    const fresh = [
      { code: 'N-1', title: 'ก่อสร้างถนน คสล. หมู่ที่ 3', agency },
      { code: 'N-2', title: 'ขุดลอกคลองส่งน้ำ หมู่ที่ 5 บ้านโป่งเกตุ', agency },
      { code: 'N-3', title: 'ติดตั้งไฟฟ้าส่องสว่าง', agency },
      { code: 'N-4', title: 'ซ่อมแซมศาลาประชาคม', agency },
    ];
    expect(renameCandidates(fresh, old).map((r) => [r.code, r.was.code])).toEqual([
      ['N-1', 'P-1'],
      ['N-2', 'P-2'],
    ]);
  });

  it('names each old proposal once', () => {
    const old = [{ code: 'P-1', title: 'ก่อสร้างถนน คสล. หมู่ที่ 3', agency }];
    const fresh = [
      { code: 'N-1', title: 'ก่อสร้างถนน คสล. หมู่ที่ 3 ', agency },
      { code: 'N-2', title: 'ก่อสร้างถนน คสล. หมู่ที่ 3 (ต่อ)', agency },
    ];
    expect(renameCandidates(fresh, old).map((r) => r.code)).toEqual(['N-1']);
  });

  it('compares at most so many names, however many proposals the file and the round hold', () => {
    // Names far apart: another letter throughout, so none edits another.
    const many = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        code: `${prefix}${i}`,
        title: `${(prefix === 'P' ? 'ก' : 'ข').repeat(10)}${i}`,
        agency,
      }));
    // Each comparison reads the earlier proposal's name once.
    let compared = 0;
    const counted = many('P', 3000).map((o) => ({
      code: o.code,
      agency: o.agency,
      get title(): string {
        compared++;
        return o.title;
      },
    }));
    expect(renameCandidates(many('N', 3000), counted, 5000)).toEqual([]);
    expect(compared).toBe(5000);
    // Past the limit no more are named, even a plain slip.
    const slip = [{ code: 'S', title: `${'ก'.repeat(10)}9 (แก้ไข)`, agency }];
    expect(renameCandidates([...many('N', 2), ...slip], many('P', 10), 25)).toEqual([]);
    expect(renameCandidates([...many('N', 2), ...slip], many('P', 10), 30).map((r) => r.was.code)).toEqual(['P9']);
  });

  it('short or unrelated names are not an edit', () => {
    expect(nameEdited('ถนน', 'ถนน หมู่ที่ 3 บ้านนา')).toBe(false);
    expect(nameEdited('ก่อสร้างถนน คสล.', 'ขุดลอกคลองส่งน้ำ')).toBe(false);
    expect(nameEdited('ก่อสร้างถนน คสล.', 'ก่อสร้าง ถนน คสล.')).toBe(true);
  });

  it('is symmetric, and never pairs across agencies (property)', () => {
    const title = fc.string({ unit: fc.constantFrom('ก', 'ข', 'ถ', 'น', ' ', '่', 'า', '3'), maxLength: 20 });
    fc.assert(
      fc.property(title, title, (a, b) => {
        expect(nameEdited(a, b)).toBe(nameEdited(b, a));
        expect(renameCandidates([{ code: 'N', title: a, agency: 'ก' }], [{ code: 'P', title: b, agency: 'ข' }])).toEqual([]);
      }),
    );
  });
});

describe('agencyKey', () => {
  it('spells one agency one way: spaces, dots and long names aside; other agencies stay apart', () => {
    const same = [
      ['อบต.ทับกวาง', 'อบต. ทับกวาง', 'องค์การบริหารส่วนตำบลทับกวาง', 'อบต ทับกวาง', 'องค์การบริหารส่วนตำบล ทับกวาง'],
      ['สำนักงานเกษตรจังหวัดสระบุรี', 'สนง.เกษตร จ.สระบุรี', 'สนง.เกษตรจังหวัดสระบุรี'],
      ['เทศบาลเมืองสระบุรี', 'ทม.สระบุรี'],
      ['องค์การบริหารส่วนจังหวัดสระบุรี', 'อบจ.สระบุรี'],
    ];
    for (const names of same) expect(new Set(names.map(agencyKey)).size).toBe(1);
    const keys = same.map((names) => agencyKey(names[0]!));
    expect(new Set([...keys, agencyKey('อบต.ตาลเดี่ยว'), agencyKey('เทศบาลตำบลทับกวาง')]).size).toBe(6);
    // The same name of a proposal, spaced or spelt another way, is one key with its agency.
    expect(proposalKey('อบต. ทับกวาง', 'ขุดลอก คลอง  หมู่ที่ 3')).toBe(proposalKey('อบต.ทับกวาง', 'ขุดลอกคลองหมู่ที่ 3'));
  });
});
