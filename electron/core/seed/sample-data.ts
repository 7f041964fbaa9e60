/**
 * Deterministic generator of the embedded sample: clearly synthetic citizens' needs, project proposals,
 * one FY2571 round with criteria, members and scores, on Saraburi's real districts and tambons.
 * Nothing here is real data about real people.
 */
import type Database from 'better-sqlite3';
import { createRng, type Rng } from '../../../shared/domain/prng';
import { baht } from '../../../shared/domain/money';
import { CHANNELS, NEED_CATEGORIES } from '../../../shared/domain/taxonomy';
import { indexNewNeeds } from '../db/need-search';
import type { GeoDistrict, GeoTambon } from '../geo/saraburi';

export const SAMPLE_SEED = 2571;
export const SAMPLE_SOURCE = 'saraburi-participation';

export type SampleOptions = Readonly<{ needs?: number; projects?: number; seed?: number }>;

export type SampleSummary = Readonly<{ needs: number; projects: number; links: number; scores: number; roundId: number }>;

const NEED_TITLES: Readonly<Record<string, readonly string[]>> = {
  water: ['ขอขยายเขตประปาหมู่บ้าน', 'ขอขุดลอกคลองส่งน้ำ', 'ขอเจาะบ่อบาดาลเพื่อการเกษตร', 'ขอปรับปรุงระบบกรองน้ำประปา'],
  roads_transport: ['ขอก่อสร้างถนนคอนกรีตเสริมเหล็ก', 'ขอซ่อมแซมถนนลูกรัง', 'ขอก่อสร้างสะพานข้ามลำห้วย', 'ขอติดตั้งป้ายและสัญญาณจราจร'],
  housing: ['ขอซ่อมแซมบ้านผู้ยากไร้', 'ขอสนับสนุนที่อยู่อาศัยผู้มีรายได้น้อย'],
  utilities_digital: ['ขอติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ', 'ขอขยายเขตไฟฟ้า', 'ขอจุดบริการอินเทอร์เน็ตชุมชน'],
  health: ['ขอรถรับส่งผู้ป่วยฉุกเฉิน', 'ขอปรับปรุงศูนย์สุขภาพชุมชน', 'ขอจัดหาอุปกรณ์ดูแลผู้ป่วยติดเตียง'],
  education: ['ขอปรับปรุงศูนย์พัฒนาเด็กเล็ก', 'ขอสื่อการเรียนรู้และคอมพิวเตอร์', 'ขอทุนการศึกษาเด็กด้อยโอกาส'],
  income_jobs: ['ขอฝึกอาชีพกลุ่มแม่บ้าน', 'ขอสนับสนุนตลาดชุมชน', 'ขอพัฒนาผลิตภัณฑ์ชุมชน'],
  agriculture: ['ขอพันธุ์พืชและปุ๋ยอินทรีย์', 'ขอสนับสนุนโรงสีข้าวชุมชน', 'ขอพัฒนาแหล่งน้ำเลี้ยงสัตว์'],
  welfare: ['ขอปรับสภาพบ้านผู้สูงอายุและผู้พิการ', 'ขอศูนย์ดูแลผู้สูงอายุกลางวัน', 'ขอกายอุปกรณ์สำหรับผู้พิการ'],
  environment: ['ขอแก้ไขปัญหาฝุ่นจากโรงโม่หิน', 'ขอจุดคัดแยกขยะชุมชน', 'ขอปลูกป่าชุมชน'],
  safety_disaster: ['ขอสร้างพนังกั้นน้ำท่วม', 'ขอติดตั้งกล้องวงจรปิด', 'ขอเครื่องสูบน้ำป้องกันน้ำท่วม'],
  community_culture: ['ขอปรับปรุงลานกีฬาชุมชน', 'ขอสนับสนุนงานประเพณีท้องถิ่น', 'ขอพัฒนาแหล่งท่องเที่ยวชุมชน'],
};

const PROJECT_TITLES: Readonly<Record<string, string>> = {
  water: 'โครงการพัฒนาแหล่งน้ำและระบบประปา',
  roads_transport: 'โครงการก่อสร้างและปรับปรุงถนนเพื่อการสัญจร',
  housing: 'โครงการบ้านมั่นคงสำหรับผู้มีรายได้น้อย',
  utilities_digital: 'โครงการติดตั้งไฟฟ้าส่องสว่างและอินเทอร์เน็ตชุมชน',
  health: 'โครงการยกระดับบริการสุขภาพชุมชน',
  education: 'โครงการพัฒนาศูนย์การเรียนรู้และศูนย์เด็กเล็ก',
  income_jobs: 'โครงการส่งเสริมอาชีพและเศรษฐกิจชุมชน',
  agriculture: 'โครงการส่งเสริมการเกษตรปลอดภัย',
  welfare: 'โครงการดูแลผู้สูงอายุ ผู้พิการ และกลุ่มเปราะบาง',
  environment: 'โครงการลดฝุ่นและจัดการขยะชุมชน',
  safety_disaster: 'โครงการป้องกันและบรรเทาอุทกภัยและภัยแล้ง',
  community_culture: 'โครงการพัฒนาชุมชนและการท่องเที่ยวเชิงวัฒนธรรม',
};

const STRATEGY_OF: Readonly<Record<string, string>> = {
  water: 'S1',
  roads_transport: 'S1',
  utilities_digital: 'S1',
  housing: 'S2',
  health: 'S2',
  welfare: 'S2',
  education: 'S3',
  community_culture: 'S3',
  income_jobs: 'S4',
  agriculture: 'S4',
  environment: 'S5',
  safety_disaster: 'S6',
};

const PROVINCE_AGENCY: Readonly<Record<string, string>> = {
  S1: 'สำนักงานโยธาธิการและผังเมืองจังหวัดสระบุรี',
  S2: 'สำนักงานสาธารณสุขจังหวัดสระบุรี',
  S3: 'สำนักงานศึกษาธิการจังหวัดสระบุรี',
  S4: 'สำนักงานเกษตรจังหวัดสระบุรี',
  S5: 'สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดสระบุรี',
  S6: 'สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดสระบุรี',
};

const CRITERIA = [
  { code: 'urgency', th: 'ความจำเป็นเร่งด่วน', en: 'Urgency', weight: 0.25, kind: 'member' },
  { code: 'readiness', th: 'ความพร้อมในการดำเนินการ', en: 'Readiness', weight: 0.15, kind: 'member' },
  { code: 'strategy_fit', th: 'ความสอดคล้องกับยุทธศาสตร์จังหวัด', en: 'Fit with provincial strategy', weight: 0.2, kind: 'member' },
  { code: 'value', th: 'ความคุ้มค่า', en: 'Value for money', weight: 0.15, kind: 'member' },
  {
    code: 'people',
    th: 'จำนวนประชาชนที่ได้รับประโยชน์ (จากความต้องการที่เชื่อมโยง)',
    en: 'People reached (from linked needs)',
    weight: 0.25,
    kind: 'computed',
  },
] as const;

const MEMBERS = [
  ['นายสมชาย ใจดี (สมมุติ)', 'ประธานคณะกรรมการ', 'Chair'],
  ['นางสาวพรทิพย์ ศรีสุข (สมมุติ)', 'รองประธาน', 'Vice-chair'],
  ['นายวิชัย มั่นคง (สมมุติ)', 'กรรมการ ผู้แทนส่วนราชการ', 'Member, government agencies'],
  ['นางกมลา รักถิ่น (สมมุติ)', 'กรรมการ ผู้แทนองค์กรปกครองส่วนท้องถิ่น', 'Member, local government'],
  ['นายประเสริฐ ทองดี (สมมุติ)', 'กรรมการ ผู้แทนสำนักงานคลังจังหวัด', 'Member, provincial treasury'],
  ['นางสาวอรุณี แสงทอง (สมมุติ)', 'กรรมการ ผู้แทนภาคประชาสังคม', 'Member, civil society'],
  ['นายบุญมี ชาวนา (สมมุติ)', 'กรรมการ ผู้แทนภาคประชาชน', "Member, citizens' representative"],
  ['นางวันเพ็ญ ค้าขาย (สมมุติ)', 'กรรมการ ผู้แทนภาคเอกชน', 'Member, private sector'],
  ['นายธนากร วางแผน (สมมุติ)', 'กรรมการและเลขานุการ', 'Member and secretary'],
] as const;

/** Writes the sample into an empty, migrated database in one transaction. */
export function writeSampleData(
  sqlite: Database.Database,
  geo: Readonly<{ districts: readonly GeoDistrict[]; tambons: readonly GeoTambon[] }>,
  options: SampleOptions = {},
): SampleSummary {
  const rng = createRng(options.seed ?? SAMPLE_SEED);
  const needCount = options.needs ?? 20_000;
  const projectCount = options.projects ?? 300;
  return sqlite.transaction(() => {
    writeAreas(sqlite, rng, geo);
    const needsByDistrictCategory = writeNeeds(sqlite, rng, geo.tambons, needCount);
    const roundId = writeRound(sqlite);
    const { projectIds, links } = writeProjects(sqlite, rng, roundId, geo, needsByDistrictCategory, projectCount);
    const scores = writeScores(sqlite, rng, roundId, projectIds);
    const put = sqlite.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)');
    put.run('synthetic', '1');
    put.run('sample_seed', String(options.seed ?? SAMPLE_SEED));
    return { needs: needCount, projects: projectIds.length, links, scores, roundId };
  })();
}

/**
 * Synthetic populations (about the province's 640,000 split by tambon count with noise), so that the fairness figures
 * mean something in the demo; the reference-data import replaces them with official ones. The sample's first draws.
 */
function drawPopulations(
  rng: Rng,
  geo: Readonly<{ districts: readonly GeoDistrict[]; tambons: readonly GeoTambon[] }>,
): Map<string, number> {
  const populations = new Map<string, number>();
  for (const x of geo.districts) {
    const tambons = geo.tambons.filter((t) => t.districtCode === x.code).length;
    populations.set(x.code, Math.round(5_800 * tambons * (0.7 + rng.next() * 0.6)));
  }
  return populations;
}

/** The district populations the sample of this seed wrote (those a reference import has not replaced are still these). */
export function samplePopulations(
  geo: Readonly<{ districts: readonly GeoDistrict[]; tambons: readonly GeoTambon[] }>,
  seed: number = SAMPLE_SEED,
): Map<string, number> {
  return drawPopulations(createRng(seed), geo);
}

function writeAreas(
  sqlite: Database.Database,
  rng: Rng,
  geo: Readonly<{ districts: readonly GeoDistrict[]; tambons: readonly GeoTambon[] }>,
): void {
  const d = sqlite.prepare('INSERT OR IGNORE INTO area_district (code, name_th, name_en, population) VALUES (?, ?, ?, ?)');
  const populations = drawPopulations(rng, geo);
  for (const x of geo.districts) d.run(x.code, x.nameTh, x.nameEn, populations.get(x.code));
  const t = sqlite.prepare('INSERT OR IGNORE INTO area_tambon (code, district_code, name_th, name_en) VALUES (?, ?, ?, ?)');
  for (const x of geo.tambons) t.run(x.code, x.districtCode, x.nameTh, x.nameEn);
  const c = sqlite.prepare('INSERT OR IGNORE INTO category (id, name_th, name_en, tpmap, sort) VALUES (?, ?, ?, ?, ?)');
  NEED_CATEGORIES.forEach((x, i) => c.run(x.id, x.th, x.en, x.tpmap, i));
}

type NeedRef = { id: number; people: number };

function writeNeeds(sqlite: Database.Database, rng: Rng, tambons: readonly GeoTambon[], count: number): Map<string, NeedRef[]> {
  const insert = sqlite.prepare(`INSERT INTO need (source, external_id, version, updated_at, title, description,
    category, tpmap, tambon_code, village_no, households, people_affected, times_raised, channel, reported_date,
    status, lat, lon, estimated_cost, raw_json, batch_id)
    VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', NULL, NULL, ?, ?, NULL)`);
  const tambonWeights = tambons.map(() => 0.4 + rng.next() * 1.6);
  const categoryWeights = NEED_CATEGORIES.map((c) => (c.id === 'water' || c.id === 'roads_transport' ? 3 : 1 + rng.next()));
  const byDistrictCategory = new Map<string, NeedRef[]>();
  let firstId: number | null = null;
  let lastId = 0;
  for (let i = 1; i <= count; i++) {
    const tambon = rng.weighted(tambons, tambonWeights);
    const category = rng.weighted(NEED_CATEGORIES, categoryWeights);
    const village = rng.int(1, 15);
    const title = `${rng.pick(NEED_TITLES[category.id] ?? ['ความต้องการของชุมชน'])} หมู่ที่ ${village} ต.${tambon.nameTh}`;
    const households = rng.int(2, 40);
    const people = Math.round(households * (2.6 + rng.next() * 1.4));
    const month = rng.int(1, 12);
    const reported = `${month >= 10 ? 2025 : 2026}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const cost = baht(rng.int(20, 2_000) * 1_000);
    const externalId = `SRB-N-${String(i).padStart(6, '0')}`;
    const raw = JSON.stringify({ id: externalId, version: 1, synthetic: true });
    const info = insert.run(
      SAMPLE_SOURCE,
      externalId,
      `${reported}T09:00:00+07:00`,
      title,
      'ข้อมูลสังเคราะห์เพื่อการสาธิต ไม่ใช่ความต้องการจริงของประชาชน (synthetic sample)',
      category.id,
      category.tpmap,
      tambon.code,
      village,
      households,
      people,
      rng.int(1, 8),
      rng.pick(CHANNELS),
      reported,
      cost,
      raw,
    );
    const key = `${tambon.districtCode}|${category.id}`;
    let list = byDistrictCategory.get(key);
    if (!list) byDistrictCategory.set(key, (list = []));
    list.push({ id: Number(info.lastInsertRowid), people });
    firstId ??= Number(info.lastInsertRowid);
    lastId = Number(info.lastInsertRowid);
  }
  if (firstId !== null) indexNewNeeds(sqlite, firstId, lastId);
  return byDistrictCategory;
}

function writeRound(sqlite: Database.Database): number {
  const round = sqlite
    .prepare(
      `INSERT INTO round (name, fiscal_year, ceiling, status, aggregation, demo) VALUES (?, 2571, ?, 'in_session', 'mean', 1)`,
    )
    .run('แผนพัฒนาจังหวัดสระบุรี (ข้อมูลตัวอย่าง)', baht(250_000_000));
  const roundId = Number(round.lastInsertRowid);
  const c = sqlite.prepare(`INSERT INTO criterion (round_id, code, name_th, name_en, weight, scale_min, scale_max, kind, sort)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  CRITERIA.forEach((x, i) =>
    c.run(roundId, x.code, x.th, x.en, x.weight, x.kind === 'member' ? 1 : 0, x.kind === 'member' ? 5 : 1, x.kind, i),
  );
  const m = sqlite.prepare('INSERT INTO member (round_id, name, title_th, title_en) VALUES (?, ?, ?, ?)');
  for (const [name, th, en] of MEMBERS) m.run(roundId, name, th, en);
  sqlite
    .prepare(
      `UPDATE member SET role = CASE WHEN title_th LIKE 'ประธาน%' THEN 'chair'
         WHEN title_th LIKE '%เลขานุการ%' THEN 'secretariat' ELSE 'member' END WHERE round_id = ?`,
    )
    .run(roundId);
  sqlite.prepare(`UPDATE criterion SET source = 'people' WHERE kind = 'computed' AND round_id = ?`).run(roundId);
  const s = sqlite.prepare(`INSERT INTO scenario (round_id, name, rule, params_json, locks_json, created_at, updated_at)
    VALUES (?, ?, ?, ?, '{}', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z')`);
  s.run(roundId, 'ร่างที่ 1 ตามลำดับคะแนน', 'greedy', '{}');
  s.run(roundId, 'ร่างที่ 2 แบ่งส่วนเท่ากันตามความต้องการ (MES)', 'mes', '{}');
  return roundId;
}

function writeProjects(
  sqlite: Database.Database,
  rng: Rng,
  roundId: number,
  geo: Readonly<{ districts: readonly GeoDistrict[]; tambons: readonly GeoTambon[] }>,
  needs: Map<string, NeedRef[]>,
  count: number,
): { projectIds: number[]; links: number } {
  const insert = sqlite.prepare(`INSERT INTO project (round_id, code, title, agency, level, strategy, district_code,
    scope, operating, investment, requested, min_amount, readiness, evidence_changed, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, datetime('now'))`);
  const area = sqlite.prepare('INSERT INTO project_area (project_id, tambon_code) VALUES (?, ?)');
  const link = sqlite.prepare('INSERT OR IGNORE INTO project_need (project_id, need_id, coverage) VALUES (?, ?, ?)');
  const districtWeights = geo.districts.map(() => 0.6 + rng.next());
  const projectIds: number[] = [];
  let links = 0;
  for (let i = 1; i <= count; i++) {
    const district = rng.weighted(geo.districts, districtWeights);
    const category = rng.pick(NEED_CATEGORIES);
    const strategy = STRATEGY_OF[category.id] ?? 'S2';
    const tambons = geo.tambons.filter((t) => t.districtCode === district.code);
    const tambon = rng.pick(tambons);
    const levelRoll = rng.next();
    const level = levelRoll < 0.35 ? 'province' : levelRoll < 0.6 ? 'agency' : 'local';
    const agency =
      level === 'local'
        ? rng.next() < 0.5
          ? `องค์การบริหารส่วนตำบล${tambon.nameTh}`
          : `เทศบาลตำบล${tambon.nameTh}`
        : level === 'province'
          ? 'องค์การบริหารส่วนจังหวัดสระบุรี'
          : (PROVINCE_AGENCY[strategy] ?? 'ที่ทำการปกครองจังหวัดสระบุรี');
    // Log-normal-ish amounts between ~0.3 and ~12 million baht, rounded to thousands.
    const millions = Math.min(12, Math.max(0.3, Math.exp(0.35 + rng.next() * 1.9) - 0.6));
    const requested = baht(Math.round(millions * 1000) * 1000);
    const minAmount = rng.next() < 0.4 ? Math.round((requested * rng.int(60, 90)) / 100 / 100_000) * 100_000 : requested;
    const code = `SRB71-${String(i).padStart(3, '0')}`;
    const title = `${PROJECT_TITLES[category.id] ?? 'โครงการพัฒนาชุมชน'} อ.${district.nameTh}`;
    // A local government's proposal lies in its tambon; the others cover their district. Operating costs are a
    // fifth of an agency's or the province's request (rounded to thousands), none of a local works project.
    const operating = level === 'local' ? 0 : Math.round(requested / 5 / 100_000) * 100_000;
    const info = insert.run(
      roundId,
      code,
      title,
      agency,
      level,
      strategy,
      district.code,
      level === 'local' ? 'tambons' : 'district',
      operating,
      requested - operating,
      requested,
      Math.min(minAmount, requested),
      rng.pick(['พร้อมดำเนินการ', 'มีแบบรูปรายการแล้ว', 'อยู่ระหว่างสำรวจ']),
    );
    const projectId = Number(info.lastInsertRowid);
    projectIds.push(projectId);
    for (const t of level === 'local' ? [tambon] : tambons) area.run(projectId, t.code);
    const pool = needs.get(`${district.code}|${category.id}`) ?? [];
    const n = Math.min(pool.length, rng.int(3, 60));
    for (let k = 0; k < n; k++) {
      const need = rng.pick(pool);
      links += link.run(projectId, need.id, rng.next() < 0.8 ? 1 : 0.5).changes;
    }
  }
  return { projectIds, links };
}

function writeScores(sqlite: Database.Database, rng: Rng, roundId: number, projectIds: readonly number[]): number {
  const members = sqlite.prepare('SELECT id FROM member WHERE round_id = ? ORDER BY id').all(roundId) as { id: number }[];
  const criteria = sqlite
    .prepare(`SELECT id FROM criterion WHERE round_id = ? AND kind = 'member' ORDER BY sort`)
    .all(roundId) as { id: number }[];
  const insert = sqlite.prepare(`INSERT INTO score (member_id, project_id, criterion_id, value, version, updated_at)
    VALUES (?, ?, ?, ?, 1, '2026-11-20T10:00:00+07:00')`);
  let n = 0;
  for (const projectId of projectIds) {
    const quality = 1.5 + rng.next() * 3;
    for (const criterion of criteria) {
      const base = quality + (rng.next() - 0.5) * 1.2;
      for (const member of members) {
        const value = Math.min(5, Math.max(1, Math.round(base + (rng.next() - 0.5) * 1.6)));
        insert.run(member.id, projectId, criterion.id, value);
        n++;
      }
    }
  }
  return n;
}
