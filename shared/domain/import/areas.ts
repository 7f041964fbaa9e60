/**
 * Areas as files write them: a 6-digit DOPA tambon code (or 4-digit district code), or Thai / English names with
 * or without อ. / อำเภอ / ต. / ตำบล prefixes and stray spaces ("ต. ปากเพรียว", "อ.เมือง สระบุรี"). An unknown name
 * gets the nearest names as suggestions; a tambon name found in several districts needs the district.
 */
import { toArabicDigits } from '../money';
import { thaiSpelling } from '../thai-spelling';
import type { Cell, Parsed } from './values';
import { cellText, lostDigits, ZERO_FRACTION } from './values';

/** Excel's mark before a number kept as text (`'190210`), which a CSV typed by hand may carry into a code. */
const TEXT_MARK = /^['’]/u;

/**
 * A cell's text as the digits of an area code, if that is what it holds: Thai digits, spaces, an empty fraction
 * ("190210.0") and Excel's text mark aside.
 * @example codeDigits("'๑๙๐๒ ๑๐.0") // '190210'
 */
export function codeDigits(text: string): string {
  return toArabicDigits(text).replace(/\s/gu, '').replace(ZERO_FRACTION, '').replace(TEXT_MARK, '');
}

export type AreaProvince = Readonly<{ nameTh: string; nameEn: string }>;
export type AreaDistrict = Readonly<{ code: string; nameTh: string; nameEn: string }>;
export type AreaTambon = Readonly<{ code: string; districtCode: string; nameTh: string; nameEn: string }>;

export type AreaIndex = Readonly<{
  /** The province whose areas these are (a cell naming another province is refused). */
  province: AreaProvince;
  districts: ReadonlyMap<string, AreaDistrict>;
  tambons: ReadonlyMap<string, AreaTambon>;
  districtByName: ReadonlyMap<string, AreaDistrict>;
  tambonsByName: ReadonlyMap<string, readonly AreaTambon[]>;
}>;

const DISTRICT_PREFIX = /^(อำเภอ|อ\.|เขต|district)\s*/iu;
const TAMBON_PREFIX = /^(ตำบล|ต\.|แขวง|tambon|subdistrict)\s*/iu;

/**
 * A name reduced for matching: prefixes dropped, spaces, dots and hyphens removed ("Cha-Om" is also written "Cha Om"),
 * lower case.
 * @example areaKey(' ต. ปาก เพรียว ') // 'ปากเพรียว'
 * @example areaKey('Tambon Cha-Om') // 'chaom'
 */
export function areaKey(name: string): string {
  let s = thaiSpelling(name.trim().replace(/[\u200b\ufeff]/gu, ''));
  for (let i = 0; i < 2; i++) s = s.replace(DISTRICT_PREFIX, '').replace(TAMBON_PREFIX, '').trim();
  return s.replace(/[\s.\-\u2010\u2011]/gu, '').toLowerCase();
}

/** The province ChiPao plans for. */
export const SARABURI: AreaProvince = { nameTh: 'สระบุรี', nameEn: 'Saraburi' };

/** Builds the lookup tables once per import. */
export function areaIndex(
  districts: readonly AreaDistrict[],
  tambons: readonly AreaTambon[],
  province: AreaProvince = SARABURI,
): AreaIndex {
  const districtByName = new Map<string, AreaDistrict>();
  for (const d of districts) {
    districtByName.set(areaKey(d.nameTh), d);
    districtByName.set(areaKey(d.nameEn), d);
    // "เมืองสระบุรี" is also written "เมือง".
    if (d.nameTh.startsWith('เมือง')) districtByName.set('เมือง', d);
  }
  const tambonsByName = new Map<string, AreaTambon[]>();
  for (const t of tambons) {
    for (const key of new Set([areaKey(t.nameTh), areaKey(t.nameEn)])) {
      const list = tambonsByName.get(key) ?? [];
      list.push(t);
      tambonsByName.set(key, list);
    }
  }
  return {
    province,
    districts: new Map(districts.map((d) => [d.code, d])),
    tambons: new Map(tambons.map((t) => [t.code, t])),
    districtByName,
    tambonsByName,
  };
}

/**
 * A refusal when the text names a province other than the index's ("ต.หนองโน จ.ลพบุรี", "(จังหวัดนครราชสีมา)"): a
 * tambon of another province may share a name with one of this province's, and must not be read as it.
 * @example otherProvince(index, 'ต.บ้านป่า จ.ลพบุรี') // { ok: false, en: "province 'ลพบุรี' is not Saraburi: …", … }
 */
export function otherProvince(index: AreaIndex, text: string): (Parsed<string> & { ok: false }) | null {
  for (const m of text.matchAll(/(?:จังหวัด|จ\.)\s{0,4}([ก-๛]{1,40})/gu)) {
    const named = thaiSpelling(m[1]!);
    if (named.startsWith(index.province.nameTh)) continue;
    return provinceRefusal(index, named);
  }
  return null;
}

/** Why a row of another province is refused (the name as written). */
export function provinceRefusal(index: AreaIndex, named: string): Parsed<string> & { ok: false } {
  const { nameTh, nameEn } = index.province;
  return {
    ok: false,
    en: `province '${named}' is not ${nameEn}: only ${nameEn}'s areas are read; leave the row out or correct the province`,
    th: `จังหวัด '${named}' ไม่ใช่จังหวัด${nameTh} ระบบอ่านเฉพาะพื้นที่ในจังหวัด${nameTh} กรุณานำแถวนี้ออกหรือแก้ไขจังหวัด`,
  };
}

/** A local government's name, in full or abbreviated ("องค์การบริหารส่วนตำบล…", "อบต.…", "เทศบาลเมือง…", "ทม.…"). */
export const LOCAL_GOVERNMENT = /องค์การบริหารส่วน|อบต\.?|อบจ\.?|เทศบาล|ทต\.|ทม\.|ทน\./u;

/**
 * Whether a name is a local government's or its house registration office's ("เทศบาลเมืองสระบุรี", "ทต.หนองแค",
 * "อบต.ตาลเดี่ยว", "ท้องถิ่นเทศบาลเมืองสระบุรี", "เมืองพัทยา"): an area that is no district or tambon, though its name
 * may hold a tambon's ("ทต.หนองแค" is not tambon หนองแค).
 * @example isLocalGovernment('ท้องถิ่นเทศบาลตำบลหนองแค') // true
 * @example isLocalGovernment('ตำบลหนองแค') // false
 */
export function isLocalGovernment(text: string): boolean {
  const t = text.replace(/\s/gu, '').replace(/^(?:สำนักทะเบียน)?(?:ท้องถิ่น)?/u, '');
  return LOCAL_GOVERNMENT.exec(t)?.index === 0 || t.startsWith('เมืองพัทยา');
}

/**
 * A province cell ("สระบุรี", "จ.สระบุรี", "จังหวัดสระบุรี", "Saraburi", the code "19"): this province, else refused.
 * @example resolveProvince(index, 'จ.ลพบุรี') // { ok: false, … }
 */
export function resolveProvince(index: AreaIndex, cell: Cell): Parsed<string> {
  const text = cellText(cell);
  if (text === null) return { ok: false, en: 'the cell is empty', th: 'ช่องนี้ว่าง' };
  const name = thaiSpelling(text)
    .replace(/^(?:จังหวัด|จ\.|province)\s*/iu, '')
    .replace(/[\s.]/gu, '');
  const { nameTh, nameEn } = index.province;
  const code = [...index.districts.keys()][0]?.slice(0, 2);
  if (name === nameTh || name.toLowerCase() === nameEn.toLowerCase() || (code !== undefined && name === code))
    return { ok: true, value: nameTh };
  return provinceRefusal(index, text);
}

/**
 * A district by code or name.
 * @example resolveDistrict(index, 'อ.หนองแค') // { ok: true, value: '1903' } (with Saraburi's areas)
 */
export function resolveDistrict(index: AreaIndex, cell: Cell): Parsed<string> {
  const text = cellText(cell);
  if (text === null) return { ok: false, en: 'the cell is empty', th: 'ช่องนี้ว่าง' };
  const elsewhere = otherProvince(index, text);
  if (elsewhere) return elsewhere;
  const digits = codeDigits(text);
  if (/^\d{4}$/u.test(digits)) {
    if (index.districts.has(digits)) return { ok: true, value: digits };
    return { ok: false, en: `unknown district code '${digits}'`, th: `ไม่พบรหัสอำเภอ '${digits}'` };
  }
  const d = index.districtByName.get(areaKey(text)) ?? shortened(index.districtByName, text);
  if (d) return { ok: true, value: d.code };
  const near = nearest(areaKey(text), [...index.districtByName.keys()]).map((k) => index.districtByName.get(k)!.nameTh);
  return unknown('district', 'อำเภอ', text, near);
}

/**
 * The one area whose name a name shortened with ฯ begins ("อ.เมืองฯ" for เมืองสระบุรี, "อ.เฉลิมฯ" for
 * เฉลิมพระเกียรติ, as district reports write them), or undefined when none or several do.
 * @example shortened(index.districtByName, 'อ.เฉลิมฯ') // เฉลิมพระเกียรติ (with Saraburi's areas)
 */
function shortened<T>(byName: ReadonlyMap<string, T>, text: string): T | undefined {
  const m = /^(.+?)\s*ฯ$/u.exec(text.trim());
  if (!m) return undefined;
  const start = areaKey(m[1]!);
  if (start.length < 2) return undefined;
  // The whole name with ฯ after it ("เฉลิมพระเกียรติฯ") is that name.
  let found = byName.get(start);
  if (found !== undefined) return found;
  for (const [key, value] of byName) {
    if (!key.startsWith(start)) continue;
    if (found !== undefined) return undefined;
    found = value;
  }
  return found;
}

/**
 * A cell's places without what is finer or coarser than a tambon or district: villages ("บ้านหนองโน หมู่ที่ 3",
 * "ม.1-5"), the province ("จ.สระบุรี") and notes in brackets. Repeats are bounded: a cell of 32,767 characters is read
 * in linear time, whatever it holds.
 * @example placesOnly('หมู่ที่ 3 ต.ตะกุด จ.สระบุรี') // 'ต.ตะกุด'
 */
export function placesOnly(text: string): string {
  return (
    text
      .replace(/\([^()]{0,200}\)/gu, ' ')
      // A village, a range or a list of them ("ม.1-3", "หมู่ที่ 1,2,3", "ม.1, 4 และ 7"), never the start of a code after it.
      .replace(
        /(?:บ้าน[^\s,;]{0,40}\s{1,4})?(?:หมู่ที่|หมู่|(?<![ก-๛])ม\.)\s{0,4}[\d๐-๙]{1,3}(?:\s{0,4}(?:[-–,]|และ)\s{0,4}[\d๐-๙]{1,3}(?![\d๐-๙]))*/gu,
        ' ',
      )
      .replace(/(?:จังหวัด|จ\.)\s*[ก-๛]+/gu, ' ')
      .trim()
  );
}

/**
 * The one village a place's cell names before its tambon ("หมู่ 3 ต.ตะกุด", "บ้านหนองโน ม.๓ ตำบลตะกุด"), or null
 * when it names none, several ("ม.1-3", "หมู่ที่ 1, 4") or one past 99.
 * @example villageInPlace('หมู่ที่ 3 ต.ตะกุด') // 3
 */
export function villageInPlace(text: string | null): number | null {
  if (text === null || text.length > 300) return null;
  const found = [
    ...toArabicDigits(text).matchAll(/(?:หมู่ที่|หมู่|(?<![ก-๛])ม\.)\s{0,4}(\d{1,3})(?!\d)(\s{0,4}(?:[-–,]|และ)\s{0,4}\d)?/gu),
  ];
  if (found.length !== 1 || found[0]![2] !== undefined) return null;
  const n = Number(found[0]![1]);
  return n >= 1 && n <= 99 ? n : null;
}

/** The longest cell read as a place (characters): a whole postal address with a note fits. */
const MAX_PLACE_TEXT = 500;

/**
 * A tambon by DOPA code or by name, narrowed by a district (code) when the name alone is ambiguous. A cell holding
 * both ("ต.ตาลเดี่ยว อ.แก่งคอย") is read as tambon and district.
 * @example resolveTambon(index, 'ต. ปากเพรียว', null) // { ok: true, value: '190101' } (with Saraburi's areas)
 */
export function resolveTambon(
  index: AreaIndex,
  cell: Cell,
  districtCode: string | null,
): Parsed<string> & { suggestions?: string[] } {
  const text = cellText(cell);
  if (text === null) return { ok: false, en: 'the cell is empty', th: 'ช่องนี้ว่าง' };
  // A whole postal address is a few dozen characters: a longer cell names no tambon (and is not searched).
  if (text.length > MAX_PLACE_TEXT) {
    return {
      ok: false,
      en: `a cell of ${text.length} characters names no tambon`,
      th: `ข้อความยาว ${text.length} อักขระ ไม่ใช่ชื่อตำบล`,
    };
  }
  const lost = lostDigits(text);
  if (lost) return { ok: false, ...lost };
  const elsewhere = otherProvince(index, text);
  if (elsewhere) return elsewhere;
  const digits = codeDigits(text);
  if (/^\d{6}$/u.test(digits)) {
    if (index.tambons.has(digits)) return { ok: true, value: digits };
    return { ok: false, en: `unknown tambon code '${digits}'`, th: `ไม่พบรหัสตำบล '${digits}'` };
  }
  // The tambon's own local government ("อบต.ตะกุด", "เทศบาลตำบลตะกุด") stands for its area, the tambon.
  const place = tambonFirst(placesOnly(text).replace(/^(?:องค์การบริหารส่วนตำบล|อบต\.?|เทศบาลตำบล|ทต\.)\s*/u, '') || text);
  let name = place;
  let district = districtCode;
  const both = /^(.*?)\s*(?:อำเภอ|อ\.)\s*(.+)$/u.exec(place);
  if (both && both[1] && (TAMBON_PREFIX.test(both[1].trim()) || /\s/u.test(place.charAt(both[1].length)))) {
    name = both[1];
    // The district named with it ("ต.ตาลเดี่ยว อ.แก่งคอย", also followed by the province's name without จ.): one of
    // this province's, else the tambon is another province's and is refused rather than matched by its name alone.
    const dKey = areaKey(both[2]!);
    const d =
      index.districtByName.get(dKey)?.code ?? index.districtByName.get(dKey.replace(areaKey(index.province.nameTh), ''))?.code;
    if (d === undefined) {
      const r = resolveDistrict(index, both[2]!);
      if (!r.ok) return r;
      district = r.value;
    } else district = d;
  }
  const key = areaKey(name);
  const found = index.tambonsByName.get(key) ?? shortened(index.tambonsByName, name) ?? [];
  if (found.length === 0 && name === place) {
    const pair = tambonThenDistrict(index, place);
    if (pair && (district === null || pair.districtCode === district)) return { ok: true, value: pair.code };
  }
  const inDistrict = district ? found.filter((t) => t.districtCode === district) : found;
  if (inDistrict.length === 1) return { ok: true, value: inDistrict[0]!.code };
  if (inDistrict.length > 1) {
    const where = inDistrict
      .map((t) => `${t.code} (${index.districts.get(t.districtCode)?.nameTh ?? t.districtCode})`)
      .join(', ');
    return {
      ok: false,
      en: `tambon '${text}' is in several districts (${where}); add the district column or use the code`,
      th: `ตำบล '${text}' มีในหลายอำเภอ (${where}) กรุณาระบุอำเภอหรือใช้รหัสตำบล`,
    };
  }
  if (found.length > 0 && district) {
    const d = index.districts.get(district)?.nameTh ?? district;
    // Where the tambon of that name is, so the sender can tell a wrong district from a wrong tambon.
    const where = found.map((t) => `${index.districts.get(t.districtCode)?.nameTh ?? t.districtCode} (${t.code})`).join(', ');
    return {
      ok: false,
      en: `tambon '${text}' is not in district ${d}: ${found[0]!.nameTh} is in ${where}`,
      th: `ตำบล '${text}' ไม่อยู่ในอำเภอ${d}: ตำบล${found[0]!.nameTh}อยู่ในอำเภอ${where}`,
      suggestions: found.map((t) => t.code),
    };
  }
  const pool = district
    ? [...index.tambonsByName.entries()].filter(([, ts]) => ts.some((t) => t.districtCode === district)).map(([k]) => k)
    : [...index.tambonsByName.keys()];
  const near = nearest(key, pool).map((k) => index.tambonsByName.get(k)![0]!.nameTh);
  return unknown('tambon', 'ตำบล', text, near);
}

/**
 * A tambon and its district written as two names without their prefixes ("ชะอม แก่งคอย", also followed by the
 * province's name): the tambon of the first name in the district of the second, or null when there is no such one.
 * @example tambonThenDistrict(index, 'ชะอม แก่งคอย') // { code: '190210', districtCode: '1902' } (Saraburi's areas)
 */
function tambonThenDistrict(index: AreaIndex, place: string): { code: string; districtCode: string } | null {
  const province = areaKey(index.province.nameTh);
  const words = place.split(/\s+/u).filter((w) => w !== '' && areaKey(w) !== province);
  if (words.length !== 2) return null;
  const district = index.districtByName.get(areaKey(words[1]!))?.code;
  if (district === undefined) return null;
  const tambons = (index.tambonsByName.get(areaKey(words[0]!)) ?? []).filter((t) => t.districtCode === district);
  return tambons.length === 1 ? { code: tambons[0]!.code, districtCode: district } : null;
}

/**
 * A tambon and its district as addresses are written, made "tambon district": parts separated by commas or slashes
 * ("ต.ชะอม, อ.แก่งคอย"), the district first ("อ.แก่งคอย ต.ชะอม", "อำเภอแก่งคอย ตำบลชะอม"), a postal code after
 * them ("… 18110") and what a postal address writes before its tambon (a house number, a road, a soi, a village's
 * name: "123/4 ถ.มิตรภาพ ต.ชะอม …", "บ้านหนองโน ต.ชะอม …") read as the tambon named before its district.
 * @example tambonFirst('อำเภอแก่งคอย ตำบลชะอม 18110') // 'ตำบลชะอม อ.แก่งคอย'
 */
function tambonFirst(place: string): string {
  let s = place
    .replace(/\s*[,;/|]\s*/gu, ' ')
    .replace(/(\S)\s+[0-9๐-๙]{5}$/u, '$1')
    .trim();
  // The tambon's mark as a word of its own ("เทศบาลตำบล…" is a local government's name, read before this), with
  // something before it that names no district: the rest of an address, passed over.
  const mark = /(?:^|\s)(?:ตำบล|ต\.)/u.exec(s);
  if (mark && mark.index > 0 && !/(?:^|\s)(?:อำเภอ|อ\.)/u.test(s.slice(0, mark.index))) s = s.slice(mark.index).trim();
  const districtFirst = /^(?:อำเภอ|อ\.)\s*(.+?)\s*((?:ตำบล|ต\.).+)$/u.exec(s);
  return districtFirst ? `${districtFirst[2]!} อ.${districtFirst[1]!}` : s;
}

function unknown(
  kindEn: string,
  kindTh: string,
  text: string,
  near: readonly string[],
): Parsed<string> & { suggestions: string[] } {
  const hintEn = near.length > 0 ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : '';
  const hintTh = near.length > 0 ? ` หรือหมายถึง ${near.map((n) => `'${n}'`).join(' หรือ ')}` : '';
  return {
    ok: false,
    en: `unknown ${kindEn} '${text}'${hintEn}`,
    th: `ไม่พบ${kindTh} '${text}'${hintTh}`,
    suggestions: [...near],
  };
}

/**
 * Up to three keys within an edit distance of a third of the name's length (at least 1, at most 3), nearest first.
 * @example nearest('ปากเพรียง', ['ปากเพรียว', 'ดาวเรือง']) // ['ปากเพรียว']
 */
export function nearest(key: string, pool: readonly string[]): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
  return pool
    .map((k) => ({ k, d: editDistance(key, k, limit) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map((x) => x.k);
}

/**
 * Levenshtein distance over code points, stopping early once it exceeds `limit` (returns limit + 1 then).
 * @example editDistance('kitten', 'sitting', 5) // 3
 */
export function editDistance(a: string, b: string, limit: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return Math.min(prev[y.length]!, limit + 1);
}
