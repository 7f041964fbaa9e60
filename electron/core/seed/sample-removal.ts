/**
 * Taking the synthetic sample out of a database, so that a province that first tried the program on it can go on in
 * the same file with its own data: the demo round with everything in it, the synthetic needs, and the synthetic
 * district populations a reference import has not replaced. What the province added itself stays. Refused, changing
 * nothing, while the sample holds something that cannot or should not go: an approved plan of the demo round (the
 * official record is append-only), a workshop session open on it, a needs source added to it (the province's feed and
 * its cursor), or a proposal of another round linked to a synthetic need.
 */
import { AppError } from '../../../shared/api/errors';
import type { SampleFootprint } from '../../../shared/api/types';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import type { GeoDistrict, GeoTambon } from '../geo/saraburi';
import { SAMPLE_SEED, SAMPLE_SOURCE, samplePopulations } from './sample-data';

type Geo = Readonly<{ districts: readonly GeoDistrict[]; tambons: readonly GeoTambon[] }>;

/** The sample's needs: from the sample's source and marked synthetic in their raw record. */
const SAMPLE_NEEDS = `SELECT id FROM need WHERE source = '${SAMPLE_SOURCE}' AND json_extract(raw_json, '$.synthetic') = 1`;
const DEMO_ROUNDS = 'SELECT id FROM round WHERE demo = 1';
const DEMO_PROJECTS = `SELECT id FROM project WHERE round_id IN (${DEMO_ROUNDS})`;

/** The seed the sample was written with, or null when the database holds no sample. */
function sampleSeed(store: Store): number | null {
  const rows = store.sqlite.prepare(`SELECT key, value FROM setting WHERE key IN ('synthetic', 'sample_seed')`).all() as {
    key: string;
    value: string;
  }[];
  const get = (key: string): string | undefined => rows.find((r) => r.key === key)?.value;
  if (get('synthetic') !== '1') return null;
  const seed = Number(get('sample_seed') ?? SAMPLE_SEED);
  return Number.isSafeInteger(seed) ? seed : SAMPLE_SEED;
}

/** The districts whose population is still the sample's synthetic figure. */
function syntheticPopulationCodes(store: Store, geo: Geo, seed: number): string[] {
  const synthetic = samplePopulations(geo, seed);
  const rows = store.sqlite.prepare('SELECT code, population FROM area_district WHERE population IS NOT NULL').all() as {
    code: string;
    population: number;
  }[];
  return rows.filter((r) => synthetic.get(r.code) === r.population).map((r) => r.code);
}

/** What removing the sample would take out, and what stops it. Reads only. */
export function sampleFootprint(store: Store, geo: Geo): SampleFootprint {
  const seed = sampleSeed(store);
  const count = (sql: string): number => (store.sqlite.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).get() as { n: number }).n;
  const rounds = store.sqlite.prepare('SELECT id, name FROM round WHERE demo = 1 ORDER BY id').all() as {
    id: number;
    name: string;
  }[];
  const blockers: { th: string; en: string }[] = [];
  const approved = store.sqlite.prepare(`SELECT COUNT(*) AS n FROM approval WHERE round_id IN (${DEMO_ROUNDS})`).get() as {
    n: number;
  };
  if (approved.n > 0) {
    blockers.push({
      en: `the demo round has ${approved.n} approved plan(s): an approval is part of the official record and is never deleted, so the sample cannot be taken out of this database; start the province's own database instead (--no-seed)`,
      th: `รอบตัวอย่างมีแผนที่อนุมัติแล้ว ${approved.n} แผน การอนุมัติเป็นหลักฐานทางราชการที่ลบไม่ได้ จึงนำข้อมูลตัวอย่างออกจากฐานข้อมูลนี้ไม่ได้ ให้เริ่มฐานข้อมูลของจังหวัดใหม่แทน (--no-seed)`,
    });
  }
  const open = store.sqlite
    .prepare(`SELECT COUNT(*) AS n FROM workshop_session WHERE round_id IN (${DEMO_ROUNDS}) AND closed_at IS NULL`)
    .get() as { n: number };
  if (open.n > 0) {
    blockers.push({
      en: 'a workshop session is open on the demo round: close it first',
      th: 'มีการประชุมเชิงปฏิบัติการเปิดอยู่ในรอบตัวอย่าง กรุณาปิดก่อน',
    });
  }
  // The sample has no needs source: one on the demo round is the province's feed, added while that round was chosen.
  const sources = store.sqlite.prepare(`SELECT name FROM needs_source WHERE round_id IN (${DEMO_ROUNDS}) ORDER BY id`).all() as {
    name: string;
  }[];
  if (sources.length > 0) {
    const names = sources.map((s) => `'${s.name}'`).join(', ');
    blockers.push({
      en: `the demo round holds ${sources.length} needs source(s) (${names}), added while it was chosen: add them to the province's own round and remove them from the demo round first (the needs screen), so their place in the feed is not lost`,
      th: `รอบตัวอย่างมีแหล่งข้อมูลความต้องการ ${sources.length} แหล่ง (${names}) ที่เพิ่มไว้ขณะเลือกรอบนี้ กรุณาเพิ่มแหล่งเหล่านั้นในรอบของจังหวัดแล้วลบออกจากรอบตัวอย่างก่อน (หน้าความต้องการของประชาชน) เพื่อไม่ให้ตำแหน่งการดึงข้อมูลหายไป`,
    });
  }
  const linked = store.sqlite
    .prepare(
      `SELECT r.name AS name, COUNT(DISTINCT pn.project_id) AS projects FROM project_need pn
         JOIN project p ON p.id = pn.project_id JOIN round r ON r.id = p.round_id
        WHERE r.demo = 0 AND pn.need_id IN (${SAMPLE_NEEDS})
        GROUP BY r.id ORDER BY r.id`,
    )
    .all() as { name: string; projects: number }[];
  for (const l of linked) {
    blockers.push({
      en: `${l.projects} proposal(s) of round '${l.name}' are linked to synthetic needs: unlink them first (the links screen)`,
      th: `โครงการ ${l.projects} โครงการของรอบ '${l.name}' เชื่อมโยงกับความต้องการสังเคราะห์ กรุณายกเลิกการเชื่อมโยงก่อน (หน้าเชื่อมโยงความต้องการ)`,
    });
  }
  return {
    present: seed !== null,
    rounds: rounds.map((r) => ({ id: r.id, name: r.name })),
    projects: count(DEMO_PROJECTS),
    needs: count(SAMPLE_NEEDS),
    populations: seed === null ? 0 : syntheticPopulationCodes(store, geo, seed).length,
    blockers,
  };
}

/**
 * Removes the sample in one transaction (nothing when refused) and records it in the audit trail. The caller backs
 * the database up first.
 */
export function removeSample(store: Store, geo: Geo, actor: string): SampleFootprint {
  const seed = sampleSeed(store);
  if (seed === null) {
    throw new AppError('INVALID_STATE', 'this database holds no synthetic sample', 'ฐานข้อมูลนี้ไม่มีข้อมูลตัวอย่าง (สังเคราะห์)');
  }
  return store.sqlite.transaction(() => {
    const footprint = sampleFootprint(store, geo);
    if (footprint.blockers.length > 0) {
      throw new AppError(
        'INVALID_STATE',
        `the sample was not removed: ${footprint.blockers.map((b) => b.en).join('; ')}`,
        `ไม่ได้นำข้อมูลตัวอย่างออก: ${footprint.blockers.map((b) => b.th).join('; ')}`,
      );
    }
    const codes = syntheticPopulationCodes(store, geo, seed);
    const run = (sql: string): void => void store.sqlite.prepare(sql).run();
    const sessions = `SELECT id FROM workshop_session WHERE round_id IN (${DEMO_ROUNDS})`;
    const members = `SELECT id FROM member WHERE round_id IN (${DEMO_ROUNDS})`;
    const criteria = `SELECT id FROM criterion WHERE round_id IN (${DEMO_ROUNDS})`;
    // The demo rounds, children first.
    run(`DELETE FROM workshop_token WHERE session_id IN (${sessions})`);
    run(`DELETE FROM workshop_participant WHERE session_id IN (${sessions})`);
    run(`DELETE FROM workshop_session WHERE round_id IN (${DEMO_ROUNDS})`);
    run(`DELETE FROM ranking_override WHERE round_id IN (${DEMO_ROUNDS})`);
    run(`DELETE FROM score_comment WHERE member_id IN (${members})`);
    run(`DELETE FROM score_cleared WHERE member_id IN (${members})`);
    run(`DELETE FROM conflict_of_interest WHERE member_id IN (${members})`);
    run(`DELETE FROM score WHERE member_id IN (${members}) OR project_id IN (${DEMO_PROJECTS})`);
    run(`DELETE FROM member_weight WHERE member_id IN (${members})`);
    run(`DELETE FROM member WHERE round_id IN (${DEMO_ROUNDS})`);
    run(`DELETE FROM criterion_aggregation WHERE criterion_id IN (${criteria})`);
    run(`DELETE FROM criterion WHERE round_id IN (${DEMO_ROUNDS})`);
    run(`DELETE FROM link_rejection WHERE project_id IN (${DEMO_PROJECTS})`);
    run(`DELETE FROM project_need WHERE project_id IN (${DEMO_PROJECTS})`);
    run(`DELETE FROM project_area WHERE project_id IN (${DEMO_PROJECTS})`);
    run(`DELETE FROM project WHERE round_id IN (${DEMO_ROUNDS})`);
    run(`UPDATE scenario SET parent_id = NULL WHERE parent_id IN (SELECT id FROM scenario WHERE round_id IN (${DEMO_ROUNDS}))`);
    run(`DELETE FROM scenario WHERE round_id IN (${DEMO_ROUNDS})`);
    run(`DELETE FROM development_issue WHERE round_id IN (${DEMO_ROUNDS})`);
    run(`DELETE FROM agency_route WHERE round_id IN (${DEMO_ROUNDS})`);
    run(`DELETE FROM project_batch WHERE round_id IN (${DEMO_ROUNDS})`);
    run(`DELETE FROM round WHERE demo = 1`);
    // The synthetic needs (their search index follows by its triggers).
    run(`DELETE FROM link_rejection WHERE need_id IN (${SAMPLE_NEEDS})`);
    run(`DELETE FROM project_need WHERE need_id IN (${SAMPLE_NEEDS})`);
    run(`DELETE FROM need_change WHERE need_id IN (${SAMPLE_NEEDS})`);
    run(`DELETE FROM need WHERE id IN (${SAMPLE_NEEDS})`);
    // Synthetic populations still in place give way to none: the fairness figures then say which are missing.
    const clear = store.sqlite.prepare('UPDATE area_district SET population = NULL WHERE code = ?');
    for (const code of codes) clear.run(code);
    run(`DELETE FROM setting WHERE key IN ('synthetic', 'sample_seed')`);
    appendAudit(store.sqlite, actor, 'sample.removed', {
      rounds: footprint.rounds,
      projects: footprint.projects,
      needs: footprint.needs,
      populations: codes,
    });
    return footprint;
  })();
}
