import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  placesOnly,
  areaIndex,
  areaKey,
  editDistance,
  nearest,
  resolveDistrict,
  resolveProvince,
  resolveTambon,
  villageInPlace,
} from './areas';

const index = areaIndex(
  [
    { code: '1901', nameTh: 'เมืองสระบุรี', nameEn: 'Mueang Saraburi' },
    { code: '1902', nameTh: 'แก่งคอย', nameEn: 'Kaeng Khoi' },
    { code: '1903', nameTh: 'หนองแค', nameEn: 'Nong Khae' },
  ],
  [
    { code: '190101', districtCode: '1901', nameTh: 'ปากเพรียว', nameEn: 'Pak Phriao' },
    { code: '190105', districtCode: '1901', nameTh: 'ดาวเรือง', nameEn: 'Dao Rueang' },
    { code: '190201', districtCode: '1902', nameTh: 'แก่งคอย', nameEn: 'Kaeng Khoi' },
    { code: '190202', districtCode: '1902', nameTh: 'ทับกวาง', nameEn: 'Thap Kwang' },
    // The same name in two districts (as happens across a province).
    { code: '190205', districtCode: '1902', nameTh: 'หนองปลาไหล', nameEn: 'Nong Pla Lai' },
    { code: '190305', districtCode: '1903', nameTh: 'หนองปลาไหล', nameEn: 'Nong Pla Lai' },
  ],
);

describe('areas', () => {
  it.each([
    ['190101', '190101'],
    ['๑๙๐๑๐๑', '190101'],
    // a numeric code column that has blanks, as data tools write it
    ['190101.0', '190101'],
    // Excel's mark for a number kept as text, typed into a CSV by hand
    ["'190101", '190101'],
    ['ปากเพรียว', '190101'],
    ['ต.ปากเพรียว', '190101'],
    ['ต. ปาก เพรียว ', '190101'],
    ['ตำบลปากเพรียว', '190101'],
    ['Pak Phriao', '190101'],
    ['ต.หนองปลาไหล อ.หนองแค', '190305'],
    // The village before the tambon, notes in brackets and the tambon's local government are read past.
    ['หมู่ 3 ต.ปากเพรียว', '190101'],
    ['บ้านหนองโน ม.3 ตำบลปากเพรียว', '190101'],
    ['ปากเพรียว (เขตเทศบาล)', '190101'],
    ['อบต.ปากเพรียว', '190101'],
    ['องค์การบริหารส่วนตำบลปากเพรียว', '190101'],
    ['ทต.ปากเพรียว', '190101'],
    ['เทศบาลตำบลปากเพรียว', '190101'],
    ['หมู่ 2 ต.หนองปลาไหล อ.หนองแค', '190305'],
    // This province named with it, with or without จ.
    ['ต.ทับกวาง อ.แก่งคอย จ.สระบุรี', '190202'],
    ['ต.ทับกวาง อ.แก่งคอย จังหวัดสระบุรี', '190202'],
    ['ต.ทับกวาง อ.แก่งคอย สระบุรี', '190202'],
    ['ทับกวาง (จ.สระบุรี)', '190202'],
    // Addresses as people write them: the district first, without ต., after a comma, with the postal code.
    ['อ.หนองแค ต.หนองปลาไหล', '190305'],
    ['อำเภอหนองแค ตำบลหนองปลาไหล', '190305'],
    ['อ.หนองแคต.หนองปลาไหล', '190305'],
    ['หนองปลาไหล อ.หนองแค', '190305'],
    ['หนองปลาไหล อำเภอหนองแค', '190305'],
    ['ต.หนองปลาไหล, อ.หนองแค', '190305'],
    ['ต.หนองปลาไหล/อ.หนองแค', '190305'],
    ['ต.ทับกวาง อ.แก่งคอย จ.สระบุรี 18260', '190202'],
    ['ตำบลทับกวาง 18260', '190202'],
    // A whole postal address, as an online form's address field holds it: the house number, road, soi and the
    // village's name before the tambon are read past.
    ['123/4 ม.2 ต.ทับกวาง อ.แก่งคอย จ.สระบุรี 18260', '190202'],
    ['บ้านเลขที่ 45 หมู่ 5 ถ.มิตรภาพ ต.ทับกวาง อ.แก่งคอย จ.สระบุรี 18260', '190202'],
    ['99 ซ.3 ถนนพหลโยธิน ตำบลปากเพรียว อำเภอเมืองสระบุรี', '190101'],
    ['บ้านหนองโน ต.ปากเพรียว อ.เมืองสระบุรี', '190101'],
    ['บ้านหนองโน, ต.หนองปลาไหล, อ.หนองแค', '190305'],
    // Tambon and district without their prefixes, the province after them or not.
    ['หนองปลาไหล หนองแค', '190305'],
    ['หนองปลาไหล  แก่งคอย', '190205'],
    ['ทับกวาง แก่งคอย สระบุรี', '190202'],
  ])('tambon %j → %s', (text, code) => expect(resolveTambon(index, text, null)).toEqual({ ok: true, value: code }));

  it.each([
    ['1902', '1902'],
    ['1902.0', '1902'],
    ['อ.แก่งคอย', '1902'],
    ['อำเภอ แก่งคอย', '1902'],
    ['เมือง', '1901'],
    ['อ.เมืองสระบุรี', '1901'],
    // Shortened with ฯ as district reports write them: the one district whose name begins so.
    ['อ.เมืองฯ', '1901'],
    ['อำเภอหนองฯ', '1903'],
    ['แก่งคอยฯ', '1902'],
  ])('district %j → %s', (text, code) => expect(resolveDistrict(index, text)).toEqual({ ok: true, value: code }));

  it('a name shortened with ฯ is the one area whose name begins so; none or several, unknown', () => {
    expect(resolveTambon(index, 'ต.ปากเพรียว อ.เมืองฯ', null)).toEqual({ ok: true, value: '190101' });
    expect(resolveTambon(index, 'ต.ทับฯ', null)).toEqual({ ok: true, value: '190202' });
    // One name begins so, held by tambons of two districts: the district decides.
    expect(resolveTambon(index, 'ต.หนองปลาฯ', '1903')).toEqual({ ok: true, value: '190305' });
    expect(resolveDistrict(index, 'อ.ฯ').ok).toBe(false);
    expect(resolveDistrict(index, 'อ.สระฯ').ok).toBe(false);
  });

  it.each([
    ['หมู่ 3 ต.ตะกุด', 3],
    ['บ้านหนองโน หมู่ที่ ๑๒ ตำบลตะกุด', 12],
    ['ม.7 ต.ชะอม อ.แก่งคอย', 7],
    ['ม.1-3 ต.ตะกุด', null],
    ['หมู่ที่ 1, 4 ต.ตะกุด', null],
    ['หมู่ 3 และ 5', null],
    ['หมู่ 0', null],
    ['ต.ตะกุด', null],
    ['ถนนสาย 2 ต.ตะกุด', null],
  ])('the one village of %j is %s', (text, n) => expect(villageInPlace(text)).toBe(n));

  it('a name in two districts needs the district, then resolves', () => {
    const r = resolveTambon(index, 'ต.หนองปลาไหล', null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.en).toContain('several districts');
    expect(resolveTambon(index, 'ต.หนองปลาไหล', '1902')).toEqual({ ok: true, value: '190205' });
  });

  it('a tambon named with the wrong district says which district it is in', () => {
    // "ต.ห้วยบง อ.แก่งคอย": ห้วยบง is in เฉลิมพระเกียรติ; the sender may have the tambon or the district wrong.
    const r = resolveTambon(index, 'ต.ทับกวาง อ.หนองแค', null);
    expect(r).toMatchObject({
      ok: false,
      en: "tambon 'ต.ทับกวาง อ.หนองแค' is not in district หนองแค: ทับกวาง is in แก่งคอย (190202)",
      th: "ตำบล 'ต.ทับกวาง อ.หนองแค' ไม่อยู่ในอำเภอหนองแค: ตำบลทับกวางอยู่ในอำเภอแก่งคอย (190202)",
    });
    expect(resolveTambon(index, 'ต.ปากเพรียว', '1903')).toMatchObject({ en: expect.stringContaining('is in เมืองสระบุรี (190101)') });
  });

  it('two names without prefixes are a tambon and its district only when that tambon is in that district', () => {
    expect(resolveTambon(index, 'ทับกวาง หนองแค', null).ok).toBe(false);
    expect(resolveTambon(index, 'หนองปลาไหล หนองแค', '1902').ok).toBe(false);
    expect(resolveTambon(index, 'หนองปลาไหล หนองแค', '1903')).toEqual({ ok: true, value: '190305' });
    expect(resolveTambon(index, 'ทับกวาง แก่งคอย หนองแค', null).ok).toBe(false);
  });

  it('suggests the nearest names for a misspelling', () => {
    const r = resolveTambon(index, 'ต.ปากเพรียง', null);
    expect(r.ok).toBe(false);
    expect(r.suggestions).toEqual(['ปากเพรียว']);
    if (!r.ok) expect(r.th).toContain("'ปากเพรียว'");
  });

  it('refuses an unknown code and a tambon outside the given district', () => {
    expect(resolveTambon(index, '199999', null).ok).toBe(false);
    const r = resolveTambon(index, 'ปากเพรียว', '1902');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.en).toContain('not in district');
  });

  it.each([
    // A tambon of another province sharing a name with one of this province's is not read as it.
    ['ต.ทับกวาง อ.ชุมพวง จ.นครราชสีมา', "province 'นครราชสีมา' is not Saraburi"],
    ['ทับกวาง (จ.ลพบุรี)', "province 'ลพบุรี' is not Saraburi"],
    ['ต.ทับกวาง จังหวัดลพบุรี', "province 'ลพบุรี' is not Saraburi"],
    ['ต.ทับกวาง อ.ชุมพวง', "unknown district 'ชุมพวง'"],
    ['อ.ชุมพวง ต.ทับกวาง', "unknown district 'ชุมพวง'"],
    ['ทับกวาง อ.ชุมพวง', "unknown district 'ชุมพวง'"],
    ['ต.ทับกวาง, อ.ชุมพวง', "unknown district 'ชุมพวง'"],
  ])('refuses %j, naming why', (text, why) => {
    const r = resolveTambon(index, text, null);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.en).toContain(why);
      expect(r.th).toMatch(/จังหวัด|อำเภอ/u);
    }
  });

  it('a district of another province is refused; a province cell must name this one', () => {
    const r = resolveDistrict(index, 'อ.เมือง จ.ลพบุรี');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.th).toContain("จังหวัด 'ลพบุรี' ไม่ใช่จังหวัดสระบุรี");
    for (const ok of ['สระบุรี', 'จ.สระบุรี', 'จังหวัด สระบุรี', 'Saraburi', '19'])
      expect(resolveProvince(index, ok)).toEqual({ ok: true, value: 'สระบุรี' });
    for (const other of ['ลพบุรี', 'จ.นครราชสีมา', '16']) expect(resolveProvince(index, other).ok).toBe(false);
  });

  it('property: any prefix and stray spaces around a known name resolve to its code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(['ปากเพรียว', '190101'], ['ดาวเรือง', '190105'], ['ทับกวาง', '190202']),
        fc.constantFrom('', 'ต.', 'ต. ', 'ตำบล', 'ตำบล '),
        fc.nat({ max: 3 }),
        fc.nat({ max: 3 }),
        ([name, code], prefix, lead, trail) => {
          const text = `${' '.repeat(lead)}${prefix}${name}${' '.repeat(trail)}`;
          expect(resolveTambon(index, text, null)).toEqual({ ok: true, value: code });
        },
      ),
    );
  });

  it('property: edit distance is symmetric, zero only for equal strings, and bounded by the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        const d = editDistance(a, b, 20);
        expect(editDistance(b, a, 20)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max([...a].length, [...b].length));
      }),
    );
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(nearest('abc', ['xyz'])).toEqual([]);
    expect(areaKey(' อ. เมือง ')).toBe('เมือง');
  });
});

describe('placesOnly', () => {
  it('drops villages, the province and notes, but not the "ม." ending a word such as กม. (kilometres)', () => {
    expect(placesOnly('บ้านหนองโน ม.3 ต.ตะกุด จ.สระบุรี')).toBe('ต.ตะกุด');
    expect(placesOnly('หมู่ที่ 1,2 และ 5 ต.ตะกุด (ตามแผนที่)')).toBe('ต.ตะกุด');
    expect(placesOnly('ถนนสาย 1 ช่วง กม. 100-110 ต.ทับกวาง')).toBe('ถนนสาย 1 ช่วง กม. 100-110 ต.ทับกวาง');
  });
});

describe('hostile texts', () => {
  it('names no tambon in a cell longer than any address, saying its length', () => {
    expect(resolveTambon(index, 'ตำบลปากเพรียว '.repeat(2_000), null)).toEqual({
      ok: false,
      // Its text as read: the trailing space trimmed.
      en: 'a cell of 27999 characters names no tambon',
      th: 'ข้อความยาว 27999 อักขระ ไม่ใช่ชื่อตำบล',
    });
  });
});
