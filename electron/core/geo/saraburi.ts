/**
 * Saraburi's districts and tambons: DOPA codes and Thai/English names from the thai-address-universal
 * package. That package still files 13 tambons under the codes they had before Don Phut, Wang Muang and
 * Chaloem Phra Kiat districts were formed; we map those to the current DOPA codes so that feeds and the
 * province's GIS layers (which use current codes) join.
 */
export type GeoDistrict = { code: string; nameTh: string; nameEn: string };
export type GeoTambon = { code: string; districtCode: string; nameTh: string; nameEn: string };

/** Stale code in the package → current DOPA geocode. */
const CURRENT_CODE: Readonly<Record<string, string>> = {
  '190699': '190701', // ดอนพุด
  '190698': '190702', // ไผ่หลิ่ว
  '190697': '190703', // บ้านหลวง
  '190696': '190704', // ดงตะงาว
  '191103': '191201', // แสลงพัน
  '191106': '191202', // คำพราน
  '191108': '191203', // วังม่วง
  '190117': '191301', // เขาดินพัฒนา
  '190115': '191302', // บ้านแก้ง
  '190116': '191303', // ผึ้งรวง
  '190103': '191304', // พุแค
  '190104': '191305', // ห้วยบง
  '190102': '191306', // หน้าพระลาน
};

let cache: Promise<{ districts: GeoDistrict[]; tambons: GeoTambon[] }> | undefined;

/** All 13 districts and 111 tambons of province 19, sorted by code. */
export function loadSaraburi(): Promise<{ districts: GeoDistrict[]; tambons: GeoTambon[] }> {
  cache ??= load();
  return cache;
}

async function load(): Promise<{ districts: GeoDistrict[]; tambons: GeoTambon[] }> {
  // Loaded here, not with the module: every thread of the host loads the core, and only the one that asks reads it.
  const address = await import('thai-address-universal');
  await address.setGeoMode(true);
  await address.setEngMode(false);
  const th = (await address.searchAddressByProvince('สระบุรี', 5000)).filter((a) => a.province_code === '19');
  await address.setEngMode(true);
  const en = (await address.searchAddressByProvince('Saraburi', 5000)).filter((a) => a.province_code === '19');
  await address.setEngMode(false);
  const enByCode = new Map(en.map((a) => [a.sub_district_code, a]));
  const districts = new Map<string, GeoDistrict>();
  const tambons = new Map<string, GeoTambon>();
  for (const a of th) {
    const districtCode = a.district_code ?? '';
    const rawCode = a.sub_district_code ?? '';
    const e = enByCode.get(rawCode);
    districts.set(districtCode, { code: districtCode, nameTh: a.district, nameEn: e?.district ?? a.district });
    const code = CURRENT_CODE[rawCode] ?? rawCode;
    if (code.slice(0, 4) !== districtCode) throw new Error(`tambon ${code} ${a.sub_district} is not in district ${districtCode}`);
    tambons.set(code, { code, districtCode, nameTh: a.sub_district, nameEn: e?.sub_district ?? a.sub_district });
  }
  const byCode = <T extends { code: string }>(a: T, b: T): number => (a.code < b.code ? -1 : 1);
  return { districts: [...districts.values()].sort(byCode), tambons: [...tambons.values()].sort(byCode) };
}
