/**
 * An approved plan's documents state what was approved, whatever is edited afterwards: each proposal's areas, the
 * members' scores, the needs' ids and the agencies to choose a pack from are read from the frozen record; a draft
 * reads today's. Against a real SQLite file, through the handlers.
 */
import { gunzipSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ExportAgency, ExportedDocument } from '../../../shared/api/exports';
import type { ProposalDetail } from '../../../shared/api/projects';
import type { ExportedFile, MemberScore, Scenario } from '../../../shared/api/types';
import { parsePb } from '../../../shared/domain/pabulib/pb-format';
import { proposalEditArgs, sampleApprovalArgs, useTestCore } from '../handlers/test-core';
import { highsSolver } from '../solver/highs';
import { approveScenario, freezeScenario } from '../services/approval';
import { areasMap, evidenceItems, fileSafe, POINT_COLOUR } from './evidence';
import { loadPlanSource } from './plan-source';
import { squareTambon } from '../../../test/fixtures/boundaries';
import { docLabels } from './labels';

const { core, ok, download, upload } = useTestCore('chipao-plan-frozen-', { needs: 400, projects: 14 });

type Proposal = { id: number; code: string; agency: string; district_code: string | null };

/** A proposal of the round linked to needs and lying in one district. */
function linkedProposal(skip: readonly number[] = []): Proposal {
  return core()
    .store.sqlite.prepare(
      `SELECT p.id, p.code, p.agency, p.district_code FROM project p
        WHERE p.round_id = 1 AND p.district_code IS NOT NULL
          AND EXISTS (SELECT 1 FROM project_need pn WHERE pn.project_id = p.id)
          AND p.id NOT IN (SELECT value FROM json_each(?)) ORDER BY p.id LIMIT 1`,
    )
    .get(JSON.stringify(skip)) as Proposal;
}

/** Saves a proposal's edit form with `change` applied, as the grid sends it back. */
async function editProposal(projectId: number, change: Record<string, unknown>): Promise<void> {
  const d = (await ok<ProposalDetail[]>('projects.details', { roundId: 1 })).find((x) => x.id === projectId)!;
  await ok('projects.update', proposalEditArgs(d, change));
}

async function approveNew(name: string, resolutionNo: string): Promise<Scenario> {
  const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name, rule: 'greedy' });
  await ok('approvals.approve', sampleApprovalArgs(scenario.id, { resolutionNo }));
  // The round is opened again for a later draft.
  await ok('rounds.setStatus', { roundId: 1, status: 'in_session' });
  return scenario;
}

/** The sheets of one proposal's workbook in an agency's evidence pack, each as rows of cells. */
async function evidenceBook(agency: string, code: string, scenarioId?: number): Promise<Record<string, unknown[][]>> {
  const pack = await ok<ExportedDocument>('exports.evidencePack', {
    roundId: 1,
    agency,
    ...(scenarioId === undefined ? {} : { scenarioId }),
  });
  const zip = await JSZip.loadAsync(download(pack));
  const book = XLSX.read(await zip.file(`${fileSafe(code)}.xlsx`)!.async('nodebuffer'));
  return Object.fromEntries(
    book.SheetNames.map((n) => [n, XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[n]!, { header: 1, defval: null })]),
  );
}

const th = docLabels('th');
const tambonsOf = (projectId: number): string[] =>
  core()
    .store.sqlite.prepare('SELECT tambon_code FROM project_area WHERE project_id = ? ORDER BY tambon_code')
    .pluck()
    .all(projectId) as string[];
const tambonName = (code: string): string =>
  core().store.sqlite.prepare('SELECT name_th FROM area_tambon WHERE code = ?').pluck().get(code) as string;

describe("an approved plan's evidence pack and the proposal's areas", () => {
  it('states the tambons the proposal worked in when approved, not those it was moved to afterwards', async () => {
    const { sqlite } = core().store;
    const p = linkedProposal();
    const title = sqlite.prepare('SELECT title FROM project WHERE id = ?').pluck().get(p.id) as string;
    // Two tambons of its district where none of its needs lie: the areas it states are then its own only.
    const [before, after] = sqlite
      .prepare(
        `SELECT code FROM area_tambon WHERE substr(code, 1, 4) = ?
           AND code NOT IN (SELECT n.tambon_code FROM need n JOIN project_need pn ON pn.need_id = n.id WHERE pn.project_id = ?)
         ORDER BY code LIMIT 2`,
      )
      .pluck()
      .all(p.district_code, p.id) as string[];
    expect(after).toBeDefined();
    await editProposal(p.id, { scope: 'tambons', tambonCodes: [before], districtCode: p.district_code });
    const scenario = await approveNew('แผนก่อนย้ายพื้นที่', 'ครั้งที่ 4/2570');
    // Afterwards the proposal is moved to another tambon, and retitled.
    await editProposal(p.id, { scope: 'tambons', tambonCodes: [after], districtCode: p.district_code, title: 'ชื่อใหม่หลังอนุมัติ' });
    expect(sqlite.prepare('SELECT tambon_code FROM project_area WHERE project_id = ?').pluck().all(p.id)).toEqual([after]);

    // The proposal's facts: label and value (the sheet's title rows hold one cell).
    const fact = (book: Record<string, unknown[][]>, label: string): unknown =>
      Object.values(book)[0]!.find((r) => r[0] === label && r[1] !== null)?.[1];
    const areasOf = (book: Record<string, unknown[][]>): string => String(fact(book, th.areas) ?? '');
    const approved = await evidenceBook(p.agency, p.code, scenario.id);
    expect(areasOf(approved)).toContain(tambonName(before!));
    expect(areasOf(approved)).not.toContain(tambonName(after!));
    expect(fact(approved, th.name)).toBe(title);
    // The round's plan of today (a draft) states today's.
    const draft = await evidenceBook(p.agency, p.code);
    expect(areasOf(draft)).toContain(tambonName(after!));
    expect(areasOf(draft)).not.toContain(tambonName(before!));
    expect(fact(draft, th.name)).toBe('ชื่อใหม่หลังอนุมัติ');
  });
});

describe("an approved plan's proposal points", () => {
  it('state the point the proposal had when approved, in its evidence and its .pb, not one moved afterwards', async () => {
    const p = linkedProposal();
    const before = { lat: 14.5312, lon: 100.9104 };
    const after = { lat: 14.6, lon: 100.95 };
    await editProposal(p.id, { point: before });
    const scenario = await approveNew('แผนก่อนย้ายพิกัด', 'ครั้งที่ 7/2570');
    await editProposal(p.id, { point: after });
    const fact = (book: Record<string, unknown[][]>): unknown =>
      Object.values(book)[0]!.find((r) => r[0] === th.point && r[1] !== null)?.[1];
    expect(fact(await evidenceBook(p.agency, p.code, scenario.id))).toBe('14.5312, 100.9104');
    expect(fact(await evidenceBook(p.agency, p.code))).toBe('14.6, 100.95');
    const pb = parsePb(
      gunzipSync(download(await ok<ExportedFile>('scenarios.exportPb', { scenarioId: scenario.id }))).toString('utf8'),
    );
    expect(pb.projects.find((x) => x.id === String(p.id))?.fields).toMatchObject({ latitude: '14.5312', longitude: '100.9104' });
    // The open data of either plan, each with its own.
    const openData = async (scenarioId?: number): Promise<unknown[][]> => {
      const json = await ok<ExportedDocument>('exports.plan', {
        roundId: 1,
        format: 'json',
        ...(scenarioId ? { scenarioId } : {}),
      });
      const doc = JSON.parse(download(json).toString('utf8')) as { rows: Record<string, unknown>[] };
      const rows = doc.rows.filter((r) => r['project_code'] === p.code);
      expect(rows.length).toBeGreaterThan(0);
      return [...new Set(rows.map((r) => JSON.stringify([r['project_lat'], r['project_lon']])))].map(
        (x) => JSON.parse(x) as unknown[],
      );
    };
    expect(await openData(scenario.id)).toEqual([[14.5312, 100.9104]]);
    expect(await openData()).toEqual([[14.6, 100.95]]);
    // Its areas' map marks the point: the approved one on the approved plan's (a boundary for one of its tambons).
    const tambon = tambonsOf(p.id)[0]!;
    await ok('reference.importAreas', { uploadId: upload('boundary.geojson', squareTambon(tambon, [100.9104, 14.5312], 0.05)) });
    const source = await loadPlanSource(core().store, { roundId: 1, scenarioId: scenario.id }, highsSolver);
    const item = evidenceItems(source, p.agency).find((x) => x.project.id === p.id)!;
    const svg = await areasMap(source, item, 'th');
    expect(svg).toContain(POINT_COLOUR);
    // A proposal without a point says so.
    const other = linkedProposal([p.id]);
    await editProposal(other.id, { point: null });
    expect(Object.values(await evidenceBook(other.agency, other.code))[0]!.find((r) => r[0] === th.point)?.[1]).toBe(
      th.pointNotStated,
    );
    // Without a point, the same map has no diamond.
    await editProposal(p.id, { point: null });
    const draft = await loadPlanSource(core().store, { roundId: 1 }, highsSolver);
    const plain = await areasMap(
      draft,
      evidenceItems(draft, p.agency).find((x) => x.project.id === p.id)!,
      'th',
    );
    expect(plain).toContain('<svg');
    expect(plain).not.toContain(POINT_COLOUR);
  });
});

describe('a plan approved before the areas were frozen', () => {
  it("states its needs' tambons and says the proposal's own areas were not recorded with it", async () => {
    const { store } = core();
    const { sqlite } = store;
    const p = linkedProposal();
    const needTambons = sqlite
      .prepare('SELECT DISTINCT n.tambon_code FROM need n JOIN project_need pn ON pn.need_id = n.id WHERE pn.project_id = ?')
      .pluck()
      .all(p.id) as string[];
    const own = sqlite
      .prepare(
        `SELECT code FROM area_tambon WHERE substr(code, 1, 4) = ? AND code NOT IN (SELECT value FROM json_each(?))
         ORDER BY code LIMIT 1`,
      )
      .pluck()
      .get(p.district_code, JSON.stringify(needTambons)) as string;
    await editProposal(p.id, { scope: 'tambons', tambonCodes: [own], districtCode: p.district_code });
    const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'อนุมัติแบบเดิม', rule: 'greedy' });
    // Frozen as plans were before: every part but the proposals' areas.
    await approveScenario(
      store,
      { scenarioId: scenario.id, resolutionNo: 'ครั้งที่ 8/2570', resolutionDate: '2026-11-15', approverId: 1, memberIds: [1, 2] },
      'test',
      'test',
      highsSolver,
      async (input) => {
        const frozen = await freezeScenario(store, input, 'test', highsSolver);
        return { ...frozen, parts: frozen.parts.filter((x) => x.part !== 'project_areas') };
      },
    );
    await ok('rounds.setStatus', { roundId: 1, status: 'in_session' });
    const facts = Object.values(await evidenceBook(p.agency, p.code, scenario.id))[0]!;
    const areas = String(facts.find((r) => r[0] === th.areas)?.[1] ?? '');
    for (const t of needTambons) expect(areas).toContain(tambonName(t));
    // Not today's areas, which the approval did not record: said so instead.
    expect(areas).not.toContain(tambonName(own));
    expect(facts.some((r) => r[1] === th.areasNotFrozen)).toBe(true);
  });
});

describe("an approved plan's evidence pack and the members' scores", () => {
  it('states the scores the plan was approved with, not those changed afterwards', async () => {
    const { sqlite } = core().store;
    const p = linkedProposal();
    const score = sqlite
      .prepare(
        `SELECT s.member_id AS memberId, s.criterion_id AS criterionId, s.value, s.version, m.name, c.name_th AS criterion
           FROM score s JOIN member m ON m.id = s.member_id JOIN criterion c ON c.id = s.criterion_id
          WHERE s.project_id = ? AND m.active = 1 ORDER BY s.member_id, s.criterion_id LIMIT 1`,
      )
      .get(p.id) as { memberId: number; criterionId: number; value: number; version: number; name: string; criterion: string };
    const scenario = await approveNew('แผนก่อนแก้คะแนน', 'ครั้งที่ 5/2570');
    const changed = score.value === 1 ? 2 : 1;
    await ok<MemberScore>('scores.set', {
      roundId: 1,
      memberId: score.memberId,
      projectId: p.id,
      criterionId: score.criterionId,
      value: changed,
      expectedVersion: score.version,
    });

    const scoreOf = (book: Record<string, unknown[][]>): unknown => {
      const rows = book[th.committeeScores]!;
      const head = rows.find((r) => r[0] === th.member)!;
      return rows.find((r) => r[0] === score.name)?.[head.indexOf(score.criterion)];
    };
    expect(scoreOf(await evidenceBook(p.agency, p.code, scenario.id))).toBe(score.value);
    expect(scoreOf(await evidenceBook(p.agency, p.code))).toBe(changed);
  });
});

describe("an approved plan's open data and the needs' ids", () => {
  it('states each need by the id its source gave it when the plan was approved', async () => {
    const { sqlite } = core().store;
    const p = linkedProposal();
    const need = sqlite
      .prepare('SELECT n.id, n.external_id FROM need n JOIN project_need pn ON pn.need_id = n.id WHERE pn.project_id = ? LIMIT 1')
      .get(p.id) as { id: number; external_id: string };
    const scenario = await approveNew('แผนก่อนเปลี่ยนรหัส', 'ครั้งที่ 6/2570');
    // The source renumbers the need afterwards.
    sqlite.prepare('UPDATE need SET external_id = ? WHERE id = ?').run(`${need.external_id}-ใหม่`, need.id);
    const ids = async (scenarioId?: number): Promise<unknown[]> => {
      const json = await ok<ExportedDocument>('exports.plan', {
        roundId: 1,
        format: 'json',
        ...(scenarioId === undefined ? {} : { scenarioId }),
      });
      const doc = JSON.parse(download(json).toString('utf8')) as { rows: Record<string, unknown>[] };
      return doc.rows.filter((r) => r['project_code'] === p.code).map((r) => r['need_id']);
    };
    expect(await ids(scenario.id)).toContain(need.external_id);
    expect(await ids(scenario.id)).not.toContain(`${need.external_id}-ใหม่`);
    expect(await ids()).toContain(`${need.external_id}-ใหม่`);
  });
});

describe("an approved plan's agencies to choose an evidence pack from", () => {
  it('are those of the approved plan: an agency renamed afterwards is found under the name the plan gives it', async () => {
    const p = linkedProposal();
    const scenario = await approveNew('แผนก่อนเปลี่ยนชื่อหน่วยงาน', 'ครั้งที่ 7/2570');
    const renamed = `${p.agency} (ชื่อใหม่)`;
    await editProposal(p.id, { agency: renamed });

    const approved = await ok<ExportAgency[]>('exports.agencies', { roundId: 1, scenarioId: scenario.id });
    expect(approved.map((a) => a.agency)).toContain(p.agency);
    expect(approved.map((a) => a.agency)).not.toContain(renamed);
    const draft = await ok<ExportAgency[]>('exports.agencies', { roundId: 1 });
    expect(draft.map((a) => a.agency)).toContain(renamed);
    // The approved plan's pack is made under the name it was approved with.
    const book = await evidenceBook(p.agency, p.code, scenario.id);
    expect(Object.values(book)[0]!.find((r) => r[0] === th.agency && r[1] !== null)?.[1]).toBe(p.agency);
  });
});
