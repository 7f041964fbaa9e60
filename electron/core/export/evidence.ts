/**
 * Evidence packs for an agency head's budget request: per proposal a PDF and an XLSX with the citizens' needs it
 * answers (villages, people, households), a map of its areas, the committee's scores, its rank and the decision with
 * the reason; all of one agency's proposals in one zip.
 */
import type ExcelJS from 'exceljs';
import type { Lang, ProjectRow, ScenarioRow } from '../../../shared/api/types';
import { pointText } from '../../../shared/domain/import/coordinates';
import { formatBaht, satangToBaht } from '../../../shared/domain/money';
import { wrapLabel } from '../../../shared/domain/thai-wrap';
import { docLabels } from './labels';
import { esc, printPage } from './pdf/html';
import { loadEcharts, loadExcel } from './libs';
import { documentHeading } from './pdf/report';
import { areaName, issueName, whyCard, type MemberScoreRow, type NeedDetail, type PlanSource } from './plan-source';
import { addSheet, bodyRow, headerRow, printSetup, safeText, textRow, titleRow, workbookBytes } from './xlsx-style';

export type { MemberScoreRow } from './plan-source';

/** Everything one proposal's pack shows. */
export type EvidenceItem = Readonly<{
  project: ProjectRow;
  row: ScenarioRow | undefined;
  needs: readonly NeedDetail[];
  tambons: readonly string[];
  scores: readonly MemberScoreRow[];
}>;

type L = ReturnType<typeof docLabels>;

function decisionText(row: ScenarioRow | undefined, t: L): string {
  if (!row) return t.decisionOut;
  if (row.funded > 0) return `${t.decisionFunded} ${formatBaht(row.funded)} ${t.bahtUnit}`;
  return row.reservePosition !== null ? `${t.decisionReserve} ${t.reserveOrder} ${row.reservePosition}` : t.decisionOut;
}

/** The proposals of one agency with what their packs show, in rank order. */
export function evidenceItems(source: PlanSource, agency: string): EvidenceItem[] {
  const rows = new Map(source.result.rows.map((r) => [r.projectId, r]));
  const projects = [...source.projects.values()].filter((p) => p.agency === agency).sort((a, b) => a.rank - b.rank);
  // The agency's needs in one pass over the plan's needs (a province links over 100,000), not one pass per proposal.
  const needsOf = new Map<number, NeedDetail[]>(projects.map((p) => [p.id, []]));
  for (const n of source.needs) {
    for (const id of n.projectIds) {
      const list = needsOf.get(id);
      if (list && list.at(-1) !== n) list.push(n);
    }
  }
  return projects.map((project) => {
    const needs = needsOf.get(project.id) ?? [];
    const tambons = new Set(source.projectAreas?.get(project.id) ?? []);
    for (const n of needs) tambons.add(n.tambonCode);
    return { project, row: rows.get(project.id), needs, tambons: [...tambons].sort(), scores: source.memberScores(project.id) };
  });
}

/** Label and value lines describing the proposal. */
function facts(source: PlanSource, item: EvidenceItem, lang: Lang): [string, string][] {
  const t = docLabels(lang);
  const p = item.project;
  const point = source.projectPoints.get(p.id);
  const district =
    p.districtCode === null
      ? t.multiDistrict
      : areaName(
          source.districts.find((d) => d.code === p.districtCode),
          p.districtCode,
          lang,
        );
  return [
    [t.code, p.code],
    [t.name, p.title],
    [t.agency, p.agency],
    [t.agencyPriority, String(source.agencyPriorities.get(p.id) ?? t.priorityNotStated)],
    [t.district, district],
    [t.point, point ? pointText(point) : t.pointNotStated],
    [t.strategy, issueName(source, p.id, lang)],
    [t.requested, formatBaht(p.requested)],
    [t.rank, String(p.rank)],
    [t.score, p.composite.toFixed(2)],
    [t.decision, decisionText(item.row, t)],
  ];
}

/** Where the proposal's point is drawn on its areas' map: a diamond of the needs map's proposals' green. */
export const POINT_COLOUR = '#2e7d32';

/**
 * A map of the tambons of the proposal's districts with its areas shaded and its point (if it has one) as a diamond, as
 * SVG (null without tambon boundaries).
 */
export async function areasMap(source: PlanSource, item: EvidenceItem, lang: Lang): Promise<string | null> {
  // The districts the proposal works in, so its tambons are large enough to read.
  const districts = new Set(item.tambons.map((c) => c.slice(0, 4)));
  const shapes = source.tambons.filter((x) => x.geometry !== null && districts.has(x.code.slice(0, 4)));
  if (shapes.length === 0 || item.tambons.length === 0) return null;
  const mapName = 'chipao-tambons';
  const echarts = await loadEcharts();
  echarts.registerMap(mapName, {
    type: 'FeatureCollection',
    features: shapes.map((x) => ({ type: 'Feature', properties: { name: x.code }, geometry: x.geometry })),
  } as Parameters<typeof echarts.registerMap>[1]);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 520, height: 420 });
  try {
    const mine = new Set(item.tambons);
    const point = source.projectPoints.get(item.project.id);
    // The point's coordinate system: the same map in the same box as the series, drawn under it.
    const box = { top: 8, bottom: 8, left: 8, right: 8 };
    chart.setOption({
      animation: false,
      ...(point
        ? {
            geo: {
              map: mapName,
              ...box,
              silent: true,
              z: 0,
              label: { show: false },
              itemStyle: { areaColor: 'transparent', borderColor: 'transparent' },
            },
          }
        : {}),
      series: [
        {
          type: 'map',
          map: mapName,
          ...box,
          itemStyle: { areaColor: '#f2f2f2', borderColor: '#aaa', borderWidth: 0.5 },
          label: { show: false },
          labelLayout: { hideOverlap: true },
          data: shapes
            .filter((x) => mine.has(x.code))
            .map((x) => ({
              name: x.code,
              itemStyle: { areaColor: '#1f5fa8' },
              label: {
                show: true,
                formatter: wrapLabel(lang === 'th' ? x.nameTh : x.nameEn, 10),
                fontFamily: 'Sarabun, sans-serif',
                fontSize: 10,
                backgroundColor: 'rgba(255,255,255,0.85)',
                padding: [1, 2],
              },
            })),
        },
        ...(point
          ? [
              {
                type: 'scatter' as const,
                coordinateSystem: 'geo',
                geoIndex: 0,
                z: 5,
                symbol: 'diamond',
                symbolSize: 16,
                itemStyle: { color: POINT_COLOUR, borderColor: '#ffffff', borderWidth: 1.5 },
                data: [[point.lon, point.lat]],
              },
            ]
          : []),
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function needTable(
  source: PlanSource,
  needs: readonly NeedDetail[],
  lang: Lang,
): { head: string[]; rows: (string | number | null)[][] } {
  const t = docLabels(lang);
  const tambons = new Map(source.tambons.map((x) => [x.code, x]));
  const districts = new Map(source.districts.map((d) => [d.code, d]));
  return {
    head: [t.needId, t.needTitle, t.district, t.tambon, t.village, t.households, t.people],
    rows: needs.map((n) => [
      n.externalId,
      n.title,
      areaName(districts.get(n.tambonCode.slice(0, 4)), n.tambonCode.slice(0, 4), lang),
      areaName(tambons.get(n.tambonCode), n.tambonCode, lang),
      n.villageNo,
      n.households,
      n.people,
    ]),
  };
}

function scoreTable(source: PlanSource, item: EvidenceItem, lang: Lang): { head: string[]; rows: (string | number)[][] } {
  const t = docLabels(lang);
  const criteria = source.run.ctx.round.criteria.filter((c) => c.kind === 'member');
  const members = [...new Set(item.scores.map((s) => s.memberName))].sort((a, b) => a.localeCompare(b, 'th'));
  return {
    head: [t.member, ...criteria.map((c) => (lang === 'th' ? c.nameTh : c.nameEn))],
    rows: members.map((m) => [
      m,
      ...criteria.map((c) => item.scores.find((s) => s.memberName === m && s.criterionId === c.id)?.value ?? ''),
    ]),
  };
}

/** One proposal's evidence as an HTML page. */
export async function evidenceHtml(source: PlanSource, item: EvidenceItem, lang: Lang): Promise<string> {
  const t = docLabels(lang);
  const cell = (v: string | number | null): string =>
    typeof v === 'number' ? `<td class="num">${esc(v.toLocaleString('en-US'))}</td>` : `<td>${esc(v ?? '')}</td>`;
  const tableHtml = (
    head: readonly string[],
    rows: readonly (readonly (string | number | null)[])[],
    total?: readonly (string | number | null)[],
  ): string =>
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}${
      total ? `<tr class="total">${total.map(cell).join('')}</tr>` : ''
    }</tbody></table>`;
  const needs = needTable(source, item.needs, lang);
  const scores = scoreTable(source, item, lang);
  const map = await areasMap(source, item, lang);
  const tambons = new Map(source.tambons.map((x) => [x.code, x]));
  const card = item.row ? whyCard(source, item.row)[lang] : '';
  const body = `${documentHeading(source, t, lang, `${t.evidenceTitle}: ${item.project.code}`)}
${tableHtml([t.parameter, t.value], facts(source, item, lang))}
${card ? `<div class="card ${item.row && item.row.funded > 0 ? '' : 'out'}">${esc(card)}</div>` : ''}
<h2>${esc(t.areas)}</h2>
<p>${esc(item.tambons.map((c) => `${t.tambon}${areaName(tambons.get(c), c, lang)}`).join(', ') || t.none)}</p>
${source.projectAreas === null ? `<p class="meta">${esc(t.areasNotFrozen)}</p>` : ''}
${map ? `<div class="chart">${map}</div>` : ''}
<h2>${esc(t.linkedNeeds)}</h2>
${tableHtml(needs.head, needs.rows, [t.total, `${item.needs.length}`, null, null, null, item.needs.reduce((a, n) => a + n.households, 0), item.needs.reduce((a, n) => a + n.people, 0)])}
<h2>${esc(t.committeeScores)}</h2>
${scores.rows.length > 0 ? tableHtml(scores.head, scores.rows) : `<p>${esc(t.none)}</p>`}
<p class="meta">${esc(`${t.chain}: ${t.chainLength} ${source.chain.length} · ${t.chainHead} ${source.chain.head}`)}</p>`;
  return printPage({
    lang,
    title: `${t.evidenceTitle} ${item.project.code}`,
    body,
    draftMark: source.approval === null ? t.draft : null,
    footer: `${t.evidenceTitle} ${item.project.code} · ${t.fy} ${source.run.ctx.round.fiscalYear}`,
    pageWord: t.page,
    ofWord: t.of,
  });
}

/** One proposal's evidence as a workbook (proposal, needs, scores), in the province's style. */
export async function evidenceWorkbook(source: PlanSource, item: EvidenceItem, lang: Lang): Promise<Buffer> {
  const t = docLabels(lang);
  const draftMark = source.approval === null ? t.draft : null;
  const footerLeft = `${t.evidenceTitle} ${item.project.code}`;
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ChiPao';
  wb.created = source.now;
  const head = (ws: ExcelJS.Worksheet, title: string): number => {
    titleRow(
      ws,
      `${draftMark ? `[${draftMark}] ` : ''}${t.evidenceTitle}: ${item.project.code}`,
      16,
      draftMark ? 'FFC00000' : undefined,
    );
    titleRow(ws, title, 14);
    textRow(ws, [source.approval ? t.statusApproved(source.approval) : t.statusDraft]);
    ws.addRow([]);
    return 4;
  };
  const about = addSheet(wb, t.name, [30, 80]);
  const aboutRows = head(about, t.name);
  headerRow(about, [t.parameter, t.value]);
  for (const [k, v] of facts(source, item, lang)) bodyRow(about, [k, safeText(v)]);
  bodyRow(about, [t.requested, satangToBaht(item.project.requested)], { money: [2] });
  bodyRow(about, [t.allocated, satangToBaht(item.row?.funded ?? 0)], { money: [2] });
  if (item.row) bodyRow(about, [t.remarks, safeText(whyCard(source, item.row)[lang])], { wrap: [2] });
  bodyRow(about, [
    t.areas,
    safeText(
      item.tambons
        .map((c) =>
          areaName(
            source.tambons.find((x) => x.code === c),
            c,
            lang,
          ),
        )
        .join(', '),
    ),
  ]);
  if (source.projectAreas === null) bodyRow(about, ['', t.areasNotFrozen], { wrap: [2] });
  printSetup(about, { titleRows: aboutRows, frozenRows: aboutRows + 1, draftMark, pageWord: t.page, ofWord: t.of, footerLeft });

  const needsSheet = addSheet(wb, t.linkedNeeds.slice(0, 31), [18, 60, 20, 20, 10, 13, 15]);
  const needsRows = head(needsSheet, t.linkedNeeds);
  const needs = needTable(source, item.needs, lang);
  headerRow(needsSheet, needs.head);
  for (const r of needs.rows)
    bodyRow(
      needsSheet,
      r.map((v) => (typeof v === 'string' ? safeText(v) : v)),
    );
  bodyRow(
    needsSheet,
    [
      t.total,
      item.needs.length,
      null,
      null,
      null,
      item.needs.reduce((a, n) => a + n.households, 0),
      item.needs.reduce((a, n) => a + n.people, 0),
    ],
    { bold: true },
  );
  printSetup(needsSheet, {
    titleRows: needsRows + 1,
    frozenRows: needsRows + 1,
    draftMark,
    pageWord: t.page,
    ofWord: t.of,
    footerLeft,
  });

  const scoreSheet = addSheet(wb, t.committeeScores.slice(0, 31), [36, 18, 18, 18, 18, 18, 18, 18]);
  const scoreRows = head(scoreSheet, t.committeeScores);
  const scores = scoreTable(source, item, lang);
  headerRow(scoreSheet, scores.head);
  for (const r of scores.rows)
    bodyRow(
      scoreSheet,
      r.map((v) => (typeof v === 'string' ? safeText(v) : v)),
    );
  printSetup(scoreSheet, {
    titleRows: scoreRows + 1,
    frozenRows: scoreRows + 1,
    draftMark,
    pageWord: t.page,
    ofWord: t.of,
    footerLeft,
  });
  return workbookBytes(wb);
}

/** A file name part from a proposal code (letters, digits, dot, dash, underscore; Thai kept). */
export function fileSafe(text: string): string {
  return text.replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_').slice(0, 80) || 'x';
}
