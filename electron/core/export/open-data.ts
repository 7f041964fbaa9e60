/**
 * Open data for citizens: which village's need became which proposal, and what the plan gives it. One row per need and
 * linked proposal (need → proposal → baht, per village), as CSV (UTF-8 with BOM, formula-safe fields) and JSON, with
 * a README of the fields, and a printable one-page notice per tambon "ความต้องการของหมู่บ้าน → โครงการที่ได้รับ
 * งบประมาณ" for village notice boards.
 */
import type { Lang, ScenarioRow } from '../../../shared/api/types';
import { csvField } from '../../../shared/domain/line-formats';
import { formatBaht, satangToBaht } from '../../../shared/domain/money';
import { formatThaiDate } from '../../../shared/domain/thai-date';
import { docLabels, resolutionText } from './labels';
import { esc, printPage } from './pdf/html';
import { documentHeading } from './pdf/report';
import type { PlanSource } from './plan-source';

/** One need and one proposal it is linked to. */
export type OpenDataRow = Readonly<{
  fiscal_year: number;
  plan_status: 'approved' | 'draft';
  district_code: string;
  district_name: string;
  tambon_code: string;
  tambon_name: string;
  village_no: number | null;
  need_id: string;
  need_title: string;
  need_category: string;
  households: number;
  people: number;
  project_code: string;
  project_title: string;
  agency: string;
  agency_priority: number | null;
  decision: 'funded' | 'reserve' | 'not_funded';
  reserve_order: number | null;
  project_funded_satang: number;
  project_funded_baht: number;
  /** The proposal's point in degrees (as the plan holds it), or null. */
  project_lat: number | null;
  project_lon: number | null;
}>;

/** The fields in file order with their meaning (README, JSON header). */
export const OPEN_DATA_FIELDS: readonly Readonly<{ name: keyof OpenDataRow; th: string; en: string }>[] = [
  { name: 'fiscal_year', th: 'ปีงบประมาณ (พ.ศ.)', en: 'Fiscal year (Buddhist era; 1 Oct–30 Sep, named by the year it ends)' },
  {
    name: 'plan_status',
    th: 'สถานะแผน: approved = อนุมัติแล้ว, draft = ร่าง',
    en: 'Plan status: approved, or draft (not yet approved)',
  },
  { name: 'district_code', th: 'รหัสอำเภอ (กรมการปกครอง)', en: 'District code (DOPA)' },
  { name: 'district_name', th: 'ชื่ออำเภอ', en: 'District name' },
  { name: 'tambon_code', th: 'รหัสตำบล (กรมการปกครอง)', en: 'Tambon code (DOPA)' },
  { name: 'tambon_name', th: 'ชื่อตำบล', en: 'Tambon name' },
  { name: 'village_no', th: 'หมู่ที่ (ว่าง = ไม่ระบุ)', en: 'Village number (empty: not stated)' },
  { name: 'need_id', th: 'รหัสความต้องการจากแหล่งข้อมูล', en: "The need's id in its source" },
  { name: 'need_title', th: 'ความต้องการ', en: 'The need as raised' },
  { name: 'need_category', th: 'หมวดความต้องการ', en: 'Need category' },
  { name: 'households', th: 'จำนวนครัวเรือนที่เดือดร้อน', en: 'Households affected' },
  { name: 'people', th: 'จำนวนประชาชนที่เดือดร้อน (คน)', en: 'People affected' },
  { name: 'project_code', th: 'รหัสโครงการที่ตอบสนองความต้องการ', en: 'Code of the proposal that answers the need' },
  { name: 'project_title', th: 'ชื่อโครงการ', en: 'Proposal title' },
  { name: 'agency', th: 'หน่วยงานเสนอโครงการ', en: 'Proposing agency' },
  {
    name: 'agency_priority',
    th: 'ลำดับความสำคัญที่หน่วยงานให้โครงการนี้ในบรรดาโครงการของตน (1 = สำคัญที่สุด; ว่าง = ไม่ระบุ)',
    en: "The agency's own priority of this proposal among its proposals (1 = most important; empty: not stated)",
  },
  {
    name: 'decision',
    th: 'ผลการพิจารณา: funded = ได้รับงบประมาณ, reserve = บัญชีสำรอง, not_funded = ไม่ได้รับ',
    en: 'Decision: funded, reserve (reserve list), not_funded',
  },
  { name: 'reserve_order', th: 'ลำดับในบัญชีสำรอง (ว่าง = ไม่อยู่ในบัญชีสำรอง)', en: 'Position on the reserve list (empty: not on it)' },
  {
    name: 'project_funded_satang',
    th: 'งบประมาณที่โครงการได้รับ (สตางค์ จำนวนเต็ม)',
    en: 'Money the proposal receives (satang, whole number)',
  },
  { name: 'project_funded_baht', th: 'งบประมาณที่โครงการได้รับ (บาท)', en: 'Money the proposal receives (baht)' },
  {
    name: 'project_lat',
    th: 'ละติจูดของที่ดำเนินโครงการ (องศา; ว่าง = ไม่ระบุ)',
    en: 'Latitude where the proposal is carried out (degrees; empty: not stated)',
  },
  {
    name: 'project_lon',
    th: 'ลองจิจูดของที่ดำเนินโครงการ (องศา; ว่าง = ไม่ระบุ)',
    en: 'Longitude where the proposal is carried out (degrees; empty: not stated)',
  },
];

function decisionOf(row: ScenarioRow | undefined): OpenDataRow['decision'] {
  if (!row) return 'not_funded';
  if (row.funded > 0) return 'funded';
  return row.reservePosition !== null ? 'reserve' : 'not_funded';
}

/** The rows, by tambon, village and need, then by proposal code. */
export function openDataRows(source: PlanSource, lang: Lang = 'th'): OpenDataRow[] {
  const rowById = new Map(source.result.rows.map((r) => [r.projectId, r]));
  const districts = new Map(source.districts.map((d) => [d.code, d]));
  const tambons = new Map(source.tambons.map((x) => [x.code, x]));
  const name = (a: { nameTh: string; nameEn: string } | undefined, code: string): string =>
    a ? (lang === 'th' ? a.nameTh : a.nameEn) : code;
  const out: OpenDataRow[] = [];
  for (const n of source.needs) {
    const districtCode = n.tambonCode.slice(0, 4);
    for (const projectId of n.projectIds) {
      const p = source.projects.get(projectId);
      const r = rowById.get(projectId);
      if (!p) continue;
      const funded = r?.funded ?? 0;
      out.push({
        fiscal_year: source.run.ctx.round.fiscalYear,
        plan_status: source.approval ? 'approved' : 'draft',
        district_code: districtCode,
        district_name: name(districts.get(districtCode), districtCode),
        tambon_code: n.tambonCode,
        tambon_name: name(tambons.get(n.tambonCode), n.tambonCode),
        village_no: n.villageNo,
        need_id: n.externalId,
        need_title: n.title,
        need_category: n.category,
        households: n.households,
        people: n.people,
        project_code: p.code,
        project_title: p.title,
        agency: p.agency,
        agency_priority: source.agencyPriorities.get(projectId) ?? null,
        decision: decisionOf(r),
        reserve_order: r?.reservePosition ?? null,
        project_funded_satang: funded,
        project_funded_baht: satangToBaht(funded),
        project_lat: source.projectPoints.get(projectId)?.lat ?? null,
        project_lon: source.projectPoints.get(projectId)?.lon ?? null,
      });
    }
  }
  return out.sort(
    (a, b) =>
      a.tambon_code.localeCompare(b.tambon_code) ||
      (a.village_no ?? 0) - (b.village_no ?? 0) ||
      a.need_id.localeCompare(b.need_id) ||
      a.project_code.localeCompare(b.project_code),
  );
}

/** CSV (RFC 4180, UTF-8 with BOM so spreadsheets read Thai), header row of field names. */
export function openDataCsv(rows: readonly OpenDataRow[]): Buffer {
  const names = OPEN_DATA_FIELDS.map((f) => f.name);
  const lines = [names.join(',')];
  for (const r of rows) {
    lines.push(
      names
        .map((n) => {
          const v = r[n];
          if (n === 'project_funded_baht') return (r.project_funded_satang / 100).toFixed(2);
          return csvField(v, { numeric: typeof v === 'number' });
        })
        .join(','),
    );
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** JSON: what the file is (plan, status, resolution, fields) and the rows. */
export function openDataJson(source: PlanSource, rows: readonly OpenDataRow[], lang: Lang): Buffer {
  const t = docLabels(lang);
  const doc = {
    title: t.tambonSheetTitle,
    plan: `${t.title} ${t.fy} ${source.run.ctx.round.fiscalYear}`,
    fiscal_year: source.run.ctx.round.fiscalYear,
    status: source.approval ? 'approved' : 'draft',
    resolution: source.approval ? resolutionText(source.approval, lang) : null,
    scenario: source.scenario?.name ?? null,
    generated_at: source.now.toISOString(),
    synthetic: source.synthetic,
    total_funded_satang: source.result.totalFunded,
    fields: OPEN_DATA_FIELDS,
    rows,
  };
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8');
}

/** README.md of the open data: what each field means, in Thai and English. */
export function openDataReadme(source: PlanSource, lang: Lang): string {
  const t = docLabels(lang);
  const status = source.approval ? t.statusApproved(source.approval) : t.statusDraft;
  return `# ${t.tambonSheetTitle}

${t.title} ${t.fy} ${source.run.ctx.round.fiscalYear}: ${status}. ${t.asOf} ${formatThaiDate(source.now, lang)}.
${source.synthetic ? `\n**${t.synthetic}**\n` : ''}
- \`open-data.csv\`: UTF-8 (BOM), RFC 4180; one row per need and linked proposal / หนึ่งแถวต่อความต้องการหนึ่งรายการกับโครงการที่เชื่อมโยง
- \`open-data.json\`: the same rows with the plan's status / ข้อมูลเดียวกันพร้อมสถานะแผน
- \`tambons.pdf\`: one printable page per tambon for notice boards / หนึ่งหน้าต่อตำบลสำหรับติดประกาศ

A need linked to several proposals appears once per proposal; \`project_funded_*\` is the proposal's whole allocation,
not a share per need. / ความต้องการที่เชื่อมโยงหลายโครงการจะปรากฏหนึ่งแถวต่อโครงการ งบประมาณเป็นของทั้งโครงการ ไม่ได้แบ่งต่อความต้องการ

| field | ความหมาย | meaning |
| --- | --- | --- |
${OPEN_DATA_FIELDS.map((f) => `| \`${f.name}\` | ${f.th} | ${f.en} |`).join('\n')}
`;
}

/** Rows a tambon notice shows before pointing to the CSV (one A4 page). */
export const NOTICE_ROWS = 22;

/** The tambon notices' HTML: one page per tambon with linked needs, funded proposals first. */
export function tambonNoticesHtml(source: PlanSource, rows: readonly OpenDataRow[], lang: Lang): string {
  const t = docLabels(lang);
  const byTambon = new Map<string, OpenDataRow[]>();
  for (const r of rows) {
    const list = byTambon.get(r.tambon_code);
    if (list) list.push(r);
    else byTambon.set(r.tambon_code, [r]);
  }
  const rank = { funded: 0, reserve: 1, not_funded: 2 } as const;
  const decision = (r: OpenDataRow): string =>
    r.decision === 'funded'
      ? t.decisionFunded
      : r.decision === 'reserve'
        ? `${t.decisionReserve} ${r.reserve_order ?? ''}`
        : t.decisionOut;
  const pages = [...byTambon.entries()].map(([, list]) => {
    const first = list[0]!;
    const sorted = [...list].sort((a, b) => rank[a.decision] - rank[b.decision] || (a.village_no ?? 0) - (b.village_no ?? 0));
    const shown = sorted.slice(0, NOTICE_ROWS);
    const fundedTotal = new Map(
      list.filter((r) => r.decision === 'funded').map((r) => [r.project_code, r.project_funded_satang]),
    );
    return `<section class="page">
${documentHeading(source, t, lang, t.tambonSheetTitle)}
<h2>${esc(`${t.tambon}${first.tambon_name} ${t.district}${first.district_name}`)}</h2>
<table><thead><tr><th>${esc(t.village)}</th><th>${esc(t.needTitle)}</th><th>${esc(t.people)}</th><th>${esc(t.name)}</th><th>${esc(t.decision)}</th><th>${esc(t.allocated)}</th></tr></thead><tbody>
${shown
  .map(
    (r) =>
      `<tr><td class="num">${esc(r.village_no ?? '')}</td><td>${esc(r.need_title)}</td><td class="num">${esc(r.people.toLocaleString('en-US'))}</td><td>${esc(`${r.project_code} ${r.project_title}`)}</td><td>${esc(decision(r))}</td><td class="num">${esc(formatBaht(r.project_funded_satang))}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
${sorted.length > shown.length ? `<p>${esc(t.moreRows(sorted.length - shown.length))}</p>` : ''}
${fundedTotal.size === 0 ? `<p><b>${esc(t.noFunded)}</b></p>` : `<p><b>${esc(`${t.fundedProjects}: ${fundedTotal.size} · ${t.allocated}: ${formatBaht([...fundedTotal.values()].reduce((a, b) => a + b, 0))}`)}</b></p>`}
</section>`;
  });
  return printPage({
    lang,
    title: t.tambonSheetTitle,
    body: pages.join('\n'),
    draftMark: source.approval === null ? t.draft : null,
    footer: `${t.title} ${t.fy} ${source.run.ctx.round.fiscalYear}`,
    pageWord: t.page,
    ofWord: t.of,
  });
}

/**
 * The open-data package's files in the zip's order: CSV, JSON, README and the tambon notices (`print`: HTML the host
 * prints to PDF). Made on the compute worker (export/plan-export.ts, `preparePack`).
 */
export function openDataFiles(
  source: PlanSource,
  lang: Lang,
): Readonly<{ name: string; content: () => string | Buffer; print: boolean }>[] {
  const rows = openDataRows(source, lang);
  // Each file made when it is written: a province's CSV and JSON (80 and 150 MB) are never held together.
  return [
    { name: 'open-data.csv', content: () => openDataCsv(rows), print: false },
    { name: 'open-data.json', content: () => openDataJson(source, rows, lang), print: false },
    { name: 'README.md', content: () => openDataReadme(source, lang), print: false },
    { name: 'tambons.pdf', content: () => tambonNoticesHtml(source, rows, lang), print: true },
  ];
}
