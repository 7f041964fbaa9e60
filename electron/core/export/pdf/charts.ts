/**
 * The report's charts, drawn on the server as SVG by ECharts (server-side rendering, no DOM): requested and allocated
 * money by district and by development issue, and allocation per resident as a map of the districts (a bar chart when
 * no boundaries were imported). Titles and labels wrap at Thai word boundaries, never mid-word and never shortened.
 */
import type { ECharts } from 'echarts/core';
import type { Lang } from '../../../../shared/api/types';
import { satangToBaht } from '../../../../shared/domain/money';
import { wrapLabel } from '../../../../shared/domain/thai-wrap';
import { docLabels } from '../labels';
import { loadEcharts, type Echarts } from '../libs';
import { issueGroups, type PlanSource } from '../plan-source';

const FONT = 'Sarabun, sans-serif';
const WIDTH = 700;
const REQUESTED = '#9fb8d9';
const ALLOCATED = '#1f5fa8';

type Option = Parameters<ECharts['setOption']>[0];

function render(echarts: Echarts, option: Option, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const TITLE_WIDTH = 60;

function title(text: string): Option['title'] {
  return {
    text: wrapLabel(text, TITLE_WIDTH),
    left: 0,
    textStyle: { fontFamily: FONT, fontSize: 15, fontWeight: 'bold', lineHeight: 20 },
  };
}

/** Pixels the wrapped title takes (lines of 20 px and the title's padding). */
function titleHeight(text: string): number {
  return wrapLabel(text, TITLE_WIDTH).split('\n').length * 20 + 12;
}

/** Two bars (requested, allocated) per category, the names wrapped to `labelWidth` columns. */
function requestedAllocated(
  echarts: Echarts,
  heading: string,
  rows: readonly { name: string; requested: number; funded: number }[],
  lang: Lang,
  labelWidth: number,
): string {
  const t = docLabels(lang);
  const lines = rows.map((r) => wrapLabel(r.name, labelWidth));
  const rowHeight = Math.max(34, ...lines.map((l) => l.split('\n').length * 16 + 10));
  const height = titleHeight(heading) + 64 + rows.length * rowHeight;
  return render(
    echarts,
    {
      title: title(heading),
      legend: { top: titleHeight(heading) + 4, left: 0, textStyle: { fontFamily: FONT, fontSize: 12 } },
      grid: { left: 8, right: 24, top: titleHeight(heading) + 40, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { fontFamily: FONT, fontSize: 10 } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: lines,
        axisLabel: { fontFamily: FONT, fontSize: 12, lineHeight: 15, interval: 0, overflow: 'none' },
      },
      series: [
        { name: t.requested, type: 'bar', data: rows.map((r) => satangToBaht(r.requested)), itemStyle: { color: REQUESTED } },
        { name: t.allocated, type: 'bar', data: rows.map((r) => satangToBaht(r.funded)), itemStyle: { color: ALLOCATED } },
      ],
    },
    height,
  );
}

/** Requested and allocated by district (proposals over several districts in their own bar). */
export async function districtChart(source: PlanSource, lang: Lang): Promise<string> {
  const echarts = await loadEcharts();
  const t = docLabels(lang);
  const rows = source.result.byDistrict
    .filter((d) => d.projects > 0)
    .map((d) => ({ name: lang === 'th' ? d.nameTh : d.nameEn, requested: d.requested, funded: d.funded }));
  return requestedAllocated(echarts, t.charts.byDistrict, rows, lang, 14);
}

/** Requested and allocated by development issue. */
export async function strategyChart(source: PlanSource, lang: Lang): Promise<string> {
  const echarts = await loadEcharts();
  const t = docLabels(lang);
  const rows = issueGroups(source, lang).map((g) => ({
    name: g.name,
    requested: g.rows.reduce((a, r) => a + r.requested, 0),
    funded: g.rows.reduce((a, r) => a + r.funded, 0),
  }));
  return requestedAllocated(echarts, t.charts.byStrategy, rows, lang, 18);
}

const formatPerCapita = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Baht per resident of a district's allocation (null without a population). */
function perCapitaBaht(perCapita: number | null): number | null {
  return perCapita === null ? null : Math.round(satangToBaht(perCapita) * 100) / 100;
}

/**
 * Allocation per resident: a map of the districts when every district's boundary is known, shaded by baht per
 * person, labels laid out so that none overlaps another; otherwise bars.
 */
export async function perCapitaChart(source: PlanSource, lang: Lang): Promise<string> {
  const echarts = await loadEcharts();
  const t = docLabels(lang);
  const districts = source.result.fairness.districts;
  const values = districts.map((d) => ({
    code: d.code,
    name: lang === 'th' ? d.nameTh : d.nameEn,
    value: perCapitaBaht(d.perCapita),
  }));
  const withGeometry = source.districts.filter((d) => d.geometry !== null);
  if (withGeometry.length > 0 && withGeometry.length === source.districts.length) {
    const mapName = 'chipao-districts';
    echarts.registerMap(mapName, {
      type: 'FeatureCollection',
      features: withGeometry.map((d) => ({ type: 'Feature', properties: { name: d.code }, geometry: d.geometry })),
    } as Parameters<typeof echarts.registerMap>[1]);
    const known = values.filter((v) => v.value !== null).map((v) => v.value as number);
    return render(
      echarts,
      {
        title: title(t.charts.perCapita),
        visualMap: {
          min: Math.min(0, ...known),
          max: Math.max(1, ...known),
          left: 0,
          bottom: 10,
          calculable: false,
          text: [formatPerCapita(Math.max(1, ...known)), formatPerCapita(Math.min(0, ...known))],
          inRange: { color: ['#eef4fb', ALLOCATED] },
          textStyle: { fontFamily: FONT, fontSize: 11 },
        },
        series: [
          {
            type: 'map',
            map: mapName,
            top: 50,
            bottom: 10,
            left: 110,
            right: 10,
            label: {
              show: true,
              fontFamily: FONT,
              fontSize: 10,
              lineHeight: 12,
              color: '#111',
              backgroundColor: 'rgba(255,255,255,0.75)',
              padding: [1, 2],
              formatter: (p: { name: string }) => {
                const v = values.find((x) => x.code === p.name);
                return `${wrapLabel(v?.name ?? p.name, 10)}\n${v?.value === null || v === undefined ? '–' : formatPerCapita(v.value)}`;
              },
            },
            labelLayout: { hideOverlap: true },
            data: values.map((v) => ({ name: v.code, value: v.value ?? undefined })),
          },
        ],
      },
      560,
    );
  }
  const lines = values.map((v) => wrapLabel(v.name, 14));
  return render(
    echarts,
    {
      title: title(t.charts.perCapita),
      grid: { left: 8, right: 24, top: titleHeight(t.charts.perCapita) + 10, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { fontFamily: FONT, fontSize: 10 } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: lines,
        axisLabel: { fontFamily: FONT, fontSize: 12, lineHeight: 15, interval: 0 },
      },
      series: [{ type: 'bar', data: values.map((v) => v.value ?? 0), itemStyle: { color: ALLOCATED } }],
    },
    titleHeight(t.charts.perCapita) + 34 + values.length * 34,
  );
}
