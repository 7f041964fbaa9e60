/**
 * The plan's PDF report: the title with the fiscal year (BE) and the status (draft "ร่าง" or the approving
 * resolution), the key figures with the total in Thai words, the summary tables by development issue and district,
 * the charts, the funded list, the why-in and why-out cards, and the resolution with signature lines.
 */
import type { Lang, ScenarioRow } from '../../../../shared/api/types';
import { ruleLabels, ruleSummaries } from '../../../../shared/domain/allocation/rules';
import { bahtText } from '../../../../shared/domain/baht-text';
import { formatBaht } from '../../../../shared/domain/money';
import { formatThaiDate } from '../../../../shared/domain/thai-date';
import { docLabels, resolutionText } from '../labels';
import { areaName, fundedRows, issueGroups, reserveRows, whyCard, type PlanSource } from '../plan-source';
import { districtChart, perCapitaChart, strategyChart } from './charts';
import { esc, printPage } from './html';
import type { PdfPrinter } from './printer';

/** How many why-out cards the report shows (the top of the reserve list); the workbook lists every project. */
export const WHY_OUT_CARDS = 20;

type L = ReturnType<typeof docLabels>;
type Cell = string | Readonly<{ num: string }>;

function table(head: readonly string[], rows: readonly (readonly Cell[])[], total?: readonly Cell[]): string {
  const td = (c: Cell): string => (typeof c === 'string' ? `<td>${esc(c)}</td>` : `<td class="num">${esc(c.num)}</td>`);
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map(td).join('')}</tr>`)
    .join('')}${total ? `<tr class="total">${total.map(td).join('')}</tr>` : ''}</tbody></table>`;
}

const money = (satang: number): Cell => ({ num: formatBaht(satang) });
const count = (n: number): Cell => ({ num: n.toLocaleString('en-US') });

function groupCells(rows: readonly ScenarioRow[]): Cell[] {
  return [
    count(rows.length),
    money(rows.reduce((a, r) => a + r.requested, 0)),
    count(rows.filter((r) => r.funded > 0).length),
    money(rows.reduce((a, r) => a + r.funded, 0)),
  ];
}

/** The report's heading: title, fiscal year, status and date (shared with the tambon notices' style). */
export function documentHeading(source: PlanSource, t: L, lang: Lang, heading: string): string {
  const draft = source.approval === null;
  return `<h1>${esc(heading)}</h1>
<p class="subtitle">${esc(`${t.fy} ${source.run.ctx.round.fiscalYear}`)}${source.scenario ? ` · ${esc(`${t.scenario}: ${source.scenario.name}`)}` : ''}</p>
<p class="status ${draft ? 'draft' : ''}">${esc(source.approval ? t.statusApproved(source.approval) : t.draftNote)} · ${esc(`${t.asOf} ${formatThaiDate(source.now, lang)}`)}</p>
${source.synthetic ? `<p class="status synthetic">${esc(t.synthetic)}</p>` : ''}`;
}

/** The report's HTML body. */
export async function reportBody(source: PlanSource, lang: Lang): Promise<string> {
  const t = docLabels(lang);
  const { result, run } = source;
  const y1 = fundedRows(source);
  const y2 = reserveRows(source);
  const districtName = (code: string | null): string =>
    code === null
      ? t.multiDistrict
      : areaName(
          source.districts.find((d) => d.code === code),
          code,
          lang,
        );
  const parts: string[] = [];
  parts.push(documentHeading(source, t, lang, t.title));
  parts.push(`<div class="figures">
<div class="figure"><div class="label">${esc(t.ceiling)}</div><div class="value">${esc(formatBaht(result.budget))}</div></div>
<div class="figure"><div class="label">${esc(t.funded)}</div><div class="value">${esc(formatBaht(result.totalFunded))}</div></div>
<div class="figure"><div class="label">${esc(t.remaining)}</div><div class="value">${esc(formatBaht(result.remaining))}</div></div>
</div>
<p class="words"><b>${esc(t.fundedText)}:</b> ${esc(`${formatBaht(result.totalFunded)} ${t.bahtUnit} (${bahtText(result.totalFunded)})`)}</p>
<p><b>${esc(t.rule)}:</b> ${esc(`${ruleLabels(lang)[run.ctx.scenario.rule]}: ${ruleSummaries(lang)[run.ctx.scenario.rule]}`)}</p>
<p><b>${esc(t.fundedProjects)}:</b> ${esc(`${y1.length} / ${result.rows.length}`)}</p>`);

  const head = (first: string): string[] => [first, t.proposed, t.requested, t.fundedProjects, t.allocated];
  parts.push(`<h2>${esc(t.byStrategy)}</h2>`);
  parts.push(
    table(
      head(t.strategy),
      issueGroups(source, lang).map((g) => [g.name, ...groupCells(g.rows)]),
      [t.total, ...groupCells(result.rows)],
    ),
  );
  parts.push(`<div class="chart">${await strategyChart(source, lang)}</div>`);
  parts.push(`<h2>${esc(t.byDistrict)}</h2>`);
  const districtRows = source.districts
    .map((d) => [d.code, result.rows.filter((r) => r.districtCode === d.code)] as const)
    .filter(([, rows]) => rows.length > 0)
    .map(([code, rows]) => [districtName(code), ...groupCells(rows)]);
  const several = result.rows.filter((r) => r.districtCode === null || !source.districts.some((d) => d.code === r.districtCode));
  if (several.length > 0) districtRows.push([t.multiDistrict, ...groupCells(several)]);
  parts.push(table(head(t.district), districtRows, [t.total, ...groupCells(result.rows)]));
  parts.push(`<div class="chart">${await districtChart(source, lang)}</div>`);
  parts.push(`<div class="chart">${await perCapitaChart(source, lang)}</div>`);
  // Every district's figure in words too: a map hides a label rather than let two overlap.
  parts.push(
    table(
      [t.district, t.population, t.allocated, t.perCapita],
      result.fairness.districts.map((d) => [
        lang === 'th' ? d.nameTh : d.nameEn,
        d.population === null ? '–' : count(d.population),
        money(d.funded),
        d.perCapita === null ? '–' : money(Math.round(d.perCapita)),
      ]),
    ),
  );

  parts.push(`<h2>${esc(t.y1)}</h2>`);
  parts.push(
    table(
      [t.seq, t.rank, t.code, t.name, t.agency, t.district, t.allocated],
      y1.map((r, i) => [
        count(i + 1),
        count(r.rank),
        r.code,
        r.title,
        source.projects.get(r.projectId)?.agency ?? '',
        districtName(r.districtCode),
        money(r.funded),
      ]),
      [t.total, '', '', '', '', '', money(result.totalFunded)],
    ),
  );
  parts.push(`<h2>${esc(t.whyIn)}</h2>`);
  for (const r of y1) parts.push(`<div class="card">${esc(whyCard(source, r)[lang])}</div>`);
  parts.push(`<h2>${esc(t.whyOut)}</h2>`);
  for (const r of y2.slice(0, WHY_OUT_CARDS)) parts.push(`<div class="card out">${esc(whyCard(source, r)[lang])}</div>`);

  parts.push(`<h2>${esc(t.resolution)}</h2>`);
  if (source.approval) {
    const a = source.approval;
    parts.push(`<p>${esc(resolutionText(a, lang))}</p>
<p><b>${esc(t.approvedBy)}:</b> ${esc(a.approvedBy)}</p>
<p><b>${esc(t.membersPresent)}:</b> ${esc(a.membersPresent.map((m) => m.name).join(', '))}</p>`);
  } else {
    parts.push(
      `<p class="status draft">${esc(t.draftNote)}</p><p>${esc(`${t.resolution} ........................ ${t.dateLine}`)}</p>`,
    );
  }
  parts.push(`<div class="signatures">
<div><p>${esc(t.signLine)}</p><p>(........................................................)</p><p>${esc(t.chair)}</p><p>${esc(t.dateLine)}</p></div>
<div><p>${esc(t.signLine)}</p><p>(........................................................)</p><p>${esc(t.secretary)}</p><p>${esc(t.dateLine)}</p></div>
</div>`);
  parts.push(
    `<p class="meta">${esc(`${t.chain}: ${t.chainLength} ${source.chain.length} · ${t.chainHead} ${source.chain.head}`)}</p>`,
  );
  return parts.join('\n');
}

/** The report as a PDF. */
export async function buildPlanReportPdf(source: PlanSource, lang: Lang, printer: PdfPrinter): Promise<Buffer> {
  return printer.print(await reportHtml(source, lang));
}

/** The report's whole HTML page (what the printer prints). */
export async function reportHtml(source: PlanSource, lang: Lang): Promise<string> {
  const t = docLabels(lang);
  return printPage({
    lang,
    title: `${t.title} ${t.fy} ${source.run.ctx.round.fiscalYear}`,
    body: await reportBody(source, lang),
    draftMark: source.approval === null ? t.draft : null,
    footer: `${t.title} ${t.fy} ${source.run.ctx.round.fiscalYear}`,
    pageWord: t.page,
    ofWord: t.of,
  });
}
