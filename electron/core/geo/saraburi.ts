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

/**
 * English tambon names the package garbles or splits (41 of 111: "Pak Pheni" for ปากเพรียว, "Na Cho Ng"), by current
 * code: the package's spelling and the Royal Thai General System transcription that DOPA's lists and the province's GIS
 * layers use ("Pak Phriao"). Files written in English name tambons the second way; a name shown in English is read as Thai
 * readers would say it. A database seeded before this correction is mended at start (see correctTambonNames).
 */
export const RTGS_TAMBON_NAMES: Readonly<Record<string, readonly [packageName: string, rtgs: string]>> = {
  '190101': ['Pak Pheni', 'Pak Phriao'], // ปากเพรียว
  '190105': ['Daonueang', 'Dao Rueang'], // ดาวเรือง
  '190106': ['Na Cho Ng', 'Na Chong'], // นาโฉง
  '190110': ['Pak Khaotan', 'Pak Khao San'], // ปากข้าวสาร
  '190112': ['Kut Nok Pena', 'Kut Nok Plao'], // กุดนกเปล้า
  '190114': ['Ta Kut', 'Takut'], // ตะกุด
  '190202': ['Thap Kang', 'Thap Kwang'], // ทับกวาง
  '190206': ['In Son', 'Hin Son'], // หินซ้อน
  '190210': ['Cham', 'Cha-Om'], // ชะอม
  '190213': ['Cham Phakpaeo', 'Cham Phak Phaeo'], // ชำผักแพว
  '190215': ['Tha Mapnang', 'Tha Maprang'], // ท่ามะปราง
  '190302': ['Kum Ak', 'Kum Hak'], // กุ่มหัก
  '190303': ['Khot Sit', 'Khotchasit'], // คชสิทธิ์
  '190306': ['Buanoi', 'Bua Loi'], // บัวลอย
  '190314': ['Nong Chon Khe', 'Nong Chorakhe'], // หนองจรเข้
  '190403': ['Khnong Ruea', 'Khlong Ruea'], // คลองเรือ
  '190406': ['Chenin Tham', 'Charoen Tham'], // เจริญธรรม
  '190502': ['Nong Khai So', 'Nong Khwai So'], // หนองควายโซ
  '190504': ['Nong Sita', 'Nong Sida'], // หนองสีดา
  '190602': ['Bang Khomt', 'Bang Khamot'], // บางโขมด
  '190603': ['Snang Sok', 'Sang Sok'], // สร่างโศก
  '190604': ['Tnat Noi', 'Talat Noi'], // ตลาดน้อย
  '190605': ['On Thep', 'Horathep'], // หรเทพ
  '190608': ['Ban Khnua', 'Ban Khrua'], // บ้านครัว
  '190704': ['Dong Ta Ngao', 'Dong Ta-Ngao'], // ดงตะงาว
  '190802': ['Ban Knap', 'Ban Klap'], // บ้านกลับ
  '190902': ['Khun Khonn', 'Khun Khlon'], // ขุนโขลน
  '190903': ['Than Ketm', 'Than Kasem'], // ธารเกษม
  '190908': ['Phu Knang', 'Phu Krang'], // พุกร่าง
  '191003': ['Uapnuak', 'Hua Pluak'], // หัวปลวก
  '191005': ['Sana Ri Thai', 'Sala Ri Thai'], // ศาลารีไทย
  '191008': ['Phnaa Thot', 'Phraya Thot'], // พระยาทด
  '191012': ['Suantokmai', 'Suan Dokmai'], // สวนดอกไม้
  '191102': ['Mittaphap', 'Mittraphap'], // มิตรภาพ
  '191105': ['Lam Som Phung', 'Lam Somphung'], // ลำสมพุง
  '191107': ['Lam Phna Knang', 'Lam Phaya Klang'], // ลำพญากลาง
  '191109': ['Sap Snun', 'Sap Sanun'], // ซับสนุ่น
  '191202': ['Kham Phnan', 'Kham Phran'], // คำพราน
  '191301': ['Khaotin Phatna', 'Khao Din Phatthana'], // เขาดินพัฒนา
  '191303': ['Phuengnuang', 'Phueng Ruang'], // ผึ้งรวง
  '191306': ['Na Phna Lan', 'Na Phralan'], // หน้าพระลาน
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
    const nameEn = RTGS_TAMBON_NAMES[code]?.[1] ?? e?.sub_district ?? a.sub_district;
    tambons.set(code, { code, districtCode, nameTh: a.sub_district, nameEn });
  }
  const byCode = <T extends { code: string }>(a: T, b: T): number => (a.code < b.code ? -1 : 1);
  return { districts: [...districts.values()].sort(byCode), tambons: [...tambons.values()].sort(byCode) };
}
