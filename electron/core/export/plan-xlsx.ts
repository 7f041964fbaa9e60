/**
 * The allocation plan as an XLSX workbook in the province's layout: a cover, the summary by development issue and by
 * district (each with a total row; the count and the sum of a column always cover the same projects), the funded list
 * (Y1, running number and rank apart), the reserve list (Y2, in reserve order), the needs each funded project covers,
 * and the method appendix (rule, weights, aggregation, constraints, locks and overrides with their reasons). A draft is
 * marked "ร่าง" in its title and on every printed page; an approved plan names its resolution. See docs/exports.md.
 */
import type ExcelJS from 'exceljs';
import type { Lang, ScenarioRow } from '../../../shared/api/types';
import { RULE_REGISTRY, ruleLabels, ruleSummaries } from '../../../shared/domain/allocation/rules';
import { bahtText } from '../../../shared/domain/baht-text';
import { formatBaht, satangToBaht } from '../../../shared/domain/money';
import { STRATEGIES } from '../../../shared/domain/taxonomy';
import { formatThaiDate } from '../../../shared/domain/thai-date';
import { docLabels } from './labels';
import { areaName, fundedRows, issueGroups, issueName, reserveRows, type PlanSource } from './plan-source';
import { addSheet, bodyRow, FONT, headerRow, printSetup, safeText, textRow, titleRow, workbookBytes } from './xlsx-style';
import { loadExcel } from './libs';

export { safeText } from './xlsx-style';

type L = ReturnType<typeof docLabels>;

/** The document's heading lines (title with the fiscal year, the sheet's name, status, date); returns how many. */
function heading(ws: ExcelJS.Worksheet, source: PlanSource, t: L, lang: Lang, sheetTitle: string): number {
  const draft = source.approval === null;
  titleRow(
    ws,
    `${draft ? `[${t.draft}] ` : ''}${t.title} ${t.fy} ${source.run.ctx.round.fiscalYear}`,
    16,
    draft ? 'FFC00000' : undefined,
  );
  titleRow(ws, sheetTitle, 14);
  textRow(ws, [
    `${t.status}: ${source.approval ? t.statusApproved(source.approval) : t.statusDraft} · ${t.asOf} ${formatThaiDate(source.now, lang)}`,
  ]);
  let rows = 3;
  if (source.synthetic) {
    titleRow(ws, t.synthetic, 14, 'FFC00000');
    rows += 1;
  }
  ws.addRow([]);
  return rows + 1;
}

function strategyName(id: string, lang: Lang): string {
  const s = STRATEGIES.find((x) => x.id === id);
  return s ? (lang === 'th' ? s.th : s.en) : id;
}

/** Locks and overrides of one project, as the remarks column says them. */
function remarks(source: PlanSource, row: ScenarioRow, t: L): string {
  const notes: string[] = [];
  if (row.locked) notes.push(t.locked);
  for (const o of source.overrides.filter((x) => x.projectId === row.projectId)) {
    notes.push(`${t.override[o.kind]}${o.position !== null ? ` → ${o.position}` : ''} (${t.overrideReason}: ${o.reason})`);
  }
  return safeText(notes.join('; '));
}

/**
 * Builds the workbook. Every amount is a number (baht, two decimals) computed from the same rows the plan holds, so
 * a second reader can add the columns up and meet the totals.
 */
export async function buildPlanWorkbook(source: PlanSource, lang: Lang): Promise<Buffer> {
  const t = docLabels(lang);
  const { result, run } = source;
  const round = run.ctx.round;
  const draftMark = source.approval === null ? t.draft : null;
  const footerLeft = `${t.title} ${t.fy} ${round.fiscalYear}`;
  const print = (ws: ExcelJS.Worksheet, titleRows: number, frozenRows: number): void =>
    printSetup(ws, { titleRows, frozenRows, draftMark, pageWord: t.page, ofWord: t.of, footerLeft });
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ChiPao';
  wb.created = source.now;
  const districtName = (code: string | null): string =>
    code === null
      ? t.multiDistrict
      : areaName(
          source.districts.find((d) => d.code === code),
          code,
          lang,
        );
  const y1 = fundedRows(source);
  const y2 = reserveRows(source);

  // Cover.
  const cover = addSheet(wb, t.cover, [44, 70]);
  titleRow(cover, `${draftMark ? `[${draftMark}] ` : ''}${t.title}`, 20, draftMark ? 'FFC00000' : undefined);
  titleRow(cover, `${t.fy} ${round.fiscalYear}`, 16);
  if (source.synthetic) titleRow(cover, t.synthetic, 14, 'FFC00000');
  cover.addRow([]);
  const field = (label: string, value: string | number, money = false): void => {
    const row = textRow(cover, [label, value]);
    row.getCell(1).font = { name: FONT, size: 14, bold: true };
    if (money) row.getCell(2).numFmt = '#,##0.00';
  };
  field(t.status, source.approval ? t.statusApproved(source.approval) : t.draftNote);
  if (source.approval) {
    field(t.approvedBy, safeText(source.approval.approvedBy));
    field(t.membersPresent, safeText(source.approval.membersPresent.map((m) => m.name).join(', ')));
  }
  field(t.scenario, source.scenario ? safeText(source.scenario.name) : t.roundPlan);
  field(t.rule, ruleLabels(lang)[run.ctx.scenario.rule]);
  field(t.ceiling, satangToBaht(result.budget), true);
  field(t.funded, satangToBaht(result.totalFunded), true);
  field(t.remaining, satangToBaht(result.remaining), true);
  field(t.fundedText, `${formatBaht(result.totalFunded)} ${t.bahtUnit} (${bahtText(result.totalFunded)})`);
  field(t.fundedProjects, y1.length);
  field(t.proposed, result.rows.length);
  field(t.asOf, formatThaiDate(source.now, lang));
  field(`${t.chain}: ${t.chainLength}`, source.chain.length);
  field(`${t.chain}: ${t.chainHead}`, source.chain.head);
  cover.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  print(cover, 0, 0);

  // Summary: each table counts and sums the same projects (all proposals, then the funded ones), with a total row.
  const summary = addSheet(wb, t.summary, [46, 18, 24, 18, 24]);
  const summaryTitle = heading(summary, source, t, lang, t.summary);
  const moneyCols = { money: [3, 5] };
  textRow(summary, [t.byStrategy], true);
  headerRow(summary, [t.strategy, t.proposed, t.requested, t.fundedProjects, t.allocated]);
  const groupRows = (rows: readonly ScenarioRow[]): [number, number, number, number] => [
    rows.length,
    satangToBaht(rows.reduce((a, r) => a + r.requested, 0)),
    rows.filter((r) => r.funded > 0).length,
    satangToBaht(rows.reduce((a, r) => a + r.funded, 0)),
  ];
  for (const g of issueGroups(source, lang)) bodyRow(summary, [safeText(g.name), ...groupRows(g.rows)], moneyCols);
  bodyRow(summary, [t.total, ...groupRows(result.rows)], { ...moneyCols, bold: true });
  summary.addRow([]);
  textRow(summary, [t.byDistrict], true);
  headerRow(summary, [t.district, t.proposed, t.requested, t.fundedProjects, t.allocated]);
  for (const d of source.districts) {
    const rows = result.rows.filter((r) => r.districtCode === d.code);
    if (rows.length > 0) bodyRow(summary, [districtName(d.code), ...groupRows(rows)], moneyCols);
  }
  const several = result.rows.filter((r) => r.districtCode === null || !source.districts.some((d) => d.code === r.districtCode));
  if (several.length > 0) bodyRow(summary, [t.multiDistrict, ...groupRows(several)], moneyCols);
  bodyRow(summary, [t.total, ...groupRows(result.rows)], { ...moneyCols, bold: true });
  print(summary, summaryTitle, summaryTitle);

  // Y1 and Y2.
  const listHeader = (first: string): string[] => [
    first,
    t.rank,
    t.code,
    t.name,
    t.agency,
    t.district,
    t.strategy,
    t.score,
    t.needs,
    t.people,
    t.requested,
    t.allocated,
    t.remarks,
  ];
  const list = (
    name: string,
    rows: readonly ScenarioRow[],
    first: string,
    order: (r: ScenarioRow, i: number) => number | null,
  ): void => {
    const ws = addSheet(wb, name, [9, 10, 16, 60, 36, 20, 30, 11, 13, 15, 20, 20, 40]);
    const titleRows = heading(ws, source, t, lang, name);
    headerRow(ws, listHeader(first));
    rows.forEach((r, i) => {
      const p = source.projects.get(r.projectId);
      bodyRow(
        ws,
        [
          order(r, i),
          r.rank,
          safeText(r.code),
          safeText(r.title),
          safeText(p?.agency ?? ''),
          districtName(r.districtCode),
          safeText(issueName(source, r.projectId, lang)),
          Math.round(r.composite * 100) / 100,
          p?.needCount ?? 0,
          p?.peopleAffected ?? 0,
          satangToBaht(r.requested),
          satangToBaht(r.funded),
          remarks(source, r, t),
        ],
        { money: [11, 12], decimals: [8] },
      );
    });
    bodyRow(
      ws,
      [
        t.total,
        null,
        null,
        `${rows.length.toLocaleString('en-US')} ${t.projectsUnit}`,
        null,
        null,
        null,
        null,
        rows.reduce((a, r) => a + (source.projects.get(r.projectId)?.needCount ?? 0), 0),
        rows.reduce((a, r) => a + (source.projects.get(r.projectId)?.peopleAffected ?? 0), 0),
        satangToBaht(rows.reduce((a, r) => a + r.requested, 0)),
        satangToBaht(rows.reduce((a, r) => a + r.funded, 0)),
        null,
      ],
      { money: [11, 12], bold: true },
    );
    print(ws, titleRows + 1, titleRows + 1);
  };
  list(t.y1, y1, t.seq, (_r, i) => i + 1);
  list(t.y2, y2, t.reserveOrder, (r) => r.reservePosition);

  // Needs covered by each funded project.
  const needsSheet = addSheet(wb, t.needsCovered, [9, 16, 50, 18, 60, 22, 22, 10, 13, 15]);
  const needsTitle = heading(needsSheet, source, t, lang, t.needsCovered);
  headerRow(needsSheet, [t.seq, t.code, t.name, t.needId, t.needTitle, t.district, t.tambon, t.village, t.households, t.people]);
  const needsByProject = new Map<number, PlanSource['needs'][number][]>();
  for (const n of source.needs) {
    for (const id of n.projectIds) {
      const list = needsByProject.get(id);
      if (list) list.push(n);
      else needsByProject.set(id, [n]);
    }
  }
  const tambonByCode = new Map(source.tambons.map((x) => [x.code, x]));
  let seq = 0;
  for (const r of y1) {
    for (const n of needsByProject.get(r.projectId) ?? []) {
      bodyRow(needsSheet, [
        ++seq,
        safeText(r.code),
        safeText(r.title),
        safeText(n.externalId),
        safeText(n.title),
        districtName(n.tambonCode.slice(0, 4)),
        areaName(tambonByCode.get(n.tambonCode), n.tambonCode, lang),
        n.villageNo,
        n.households,
        n.people,
      ]);
    }
  }
  print(needsSheet, needsTitle + 1, needsTitle + 1);

  // Method appendix.
  const method = addSheet(wb, t.method, [44, 30, 20, 20, 60]);
  const methodTitle = heading(method, source, t, lang, t.method);
  textRow(method, [t.rule, `${ruleLabels(lang)[run.ctx.scenario.rule]}: ${ruleSummaries(lang)[run.ctx.scenario.rule]}`]);
  textRow(method, [t.aggregation, t.aggregations[round.aggregation]]);
  method.addRow([]);
  textRow(method, [t.criteria], true);
  headerRow(method, [t.criterion, t.weight, t.scale, t.direction]);
  for (const c of round.criteria) {
    bodyRow(
      method,
      [lang === 'th' ? c.nameTh : c.nameEn, c.weight, `${c.scaleMin}–${c.scaleMax}`, c.direction === 'cost' ? t.cost : t.benefit],
      {
        decimals: [2],
      },
    );
  }
  method.addRow([]);
  textRow(method, [t.constraints], true);
  headerRow(method, [t.parameter, t.value]);
  for (const [key, value] of constraintLines(source, lang)) bodyRow(method, [key, value]);
  method.addRow([]);
  textRow(method, [t.locks], true);
  headerRow(method, [t.code, t.name, t.allocated]);
  const locked = result.rows.filter((r) => r.locked);
  for (const r of locked) bodyRow(method, [safeText(r.code), safeText(r.title), satangToBaht(r.funded)], { money: [3] });
  if (locked.length === 0) textRow(method, [t.none]);
  method.addRow([]);
  textRow(method, [t.overrides], true);
  headerRow(method, [t.code, t.name, t.remarks, t.member, t.overrideReason]);
  for (const o of source.overrides) {
    const p = source.projects.get(o.projectId);
    bodyRow(method, [
      safeText(p?.code ?? String(o.projectId)),
      safeText(p?.title ?? ''),
      `${t.override[o.kind]}${o.position !== null ? ` → ${o.position}` : ''}`,
      safeText(o.requestedBy),
      safeText(o.reason),
    ]);
  }
  if (source.overrides.length === 0) textRow(method, [t.none]);
  method.addRow([]);
  textRow(method, [`${t.chain}: ${t.chainLength}`, source.chain.length]);
  textRow(method, [`${t.chain}: ${t.chainHead}`, source.chain.head]);
  print(method, methodTitle, methodTitle);

  return workbookBytes(wb);
}

/**
 * The scenario's ceiling and the parameters of its rule as readable lines, in the document's language: amounts in
 * baht, districts and issues by name, projects by code (never the database's ids), settings in words.
 */
export function constraintLines(source: PlanSource, lang: Lang): [string, string][] {
  const t = docLabels(lang);
  const { rule } = source.run.ctx.scenario;
  const params = source.run.ctx.scenario.params as Readonly<Record<string, unknown>>;
  const labels: Readonly<Record<string, string>> = t.params;
  const words: Readonly<Record<string, string>> = t.paramValues;
  const name = (key: string): string =>
    /^19\d\d$/u.test(key)
      ? areaName(
          source.districts.find((d) => d.code === key),
          key,
          lang,
        )
      : /^S\d$/u.test(key)
        ? strategyName(key, lang)
        : key;
  const code = (id: unknown): string => source.projects.get(Number(id))?.code ?? String(id);
  const item = (v: unknown): string => {
    if (Array.isArray(v)) return v.map(code).join(' – ');
    if (typeof v === 'object' && v !== null) {
      const d = v as Readonly<{ project?: unknown; requires?: unknown }>;
      return `${code(d.project)} → ${code(d.requires)}`;
    }
    return code(v);
  };
  const lines: [string, string][] = [[t.ceiling, formatBaht(source.result.budget)]];
  // Only the rule's own parameters: another rule's settings kept in the scenario did not shape this plan.
  for (const key of Object.keys(RULE_REGISTRY[rule].params.defaults)) {
    const value = params[key];
    const label = labels[key] ?? key;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) lines.push([label, safeText(value.map(item).join('; '))]);
    } else if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) continue;
      lines.push([
        label,
        entries
          .map(([k, v]) => `${name(k)}: ${typeof v === 'number' ? `${formatBaht(v)} ${t.bahtUnit}` : JSON.stringify(v)}`)
          .join('; '),
      ]);
    } else lines.push([label, safeText(words[`${key}.${String(value)}`] ?? String(value))]);
  }
  return lines;
}
