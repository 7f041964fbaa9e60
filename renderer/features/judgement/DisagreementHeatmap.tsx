import { useMemo } from 'react';
import Box from '@mui/material/Box';
import type { JudgementView } from '../../../shared/api/judgement';
import type { Criterion } from '../../../shared/api/types';
import { FONT_FAMILY } from '../../app/theme';
import { useElementWidth } from '../../app/use-element-width';
import { useTextMeasure } from '../../app/use-text-measure';
import { EChart, type ChartOption } from '../../components/EChart';
import { useI18n } from '../../i18n/i18n-context';
import { columnLabels, estimateWidth, HEAT_BOTTOM, HEAT_LEFT, HEAT_LINE, HEAT_RIGHT, spreadPercent } from './heatmap-layout';

type Props = Readonly<{ view: JudgementView; criteria: readonly Criterion[] }>;

/** The criterion names' font size (px). */
const NAME_SIZE = 12;

/** Before the panel is measured: about its width beside the other column at 1280 px. */
const FALLBACK_WIDTH = 400;

/**
 * Hovering a criterion's name shows it whole (it may be shortened to fit its column). ECharts 6 reads `formatter` here
 * although its types list only `show`, so the object is not written inline (where its type would be checked exactly).
 */
const nameTooltip = { show: true, formatter: (p: { value?: unknown }) => String(p.value ?? '') };

/**
 * Spread per project (rows, most disputed on top) × criterion (columns), as a share of the scale's width. Criterion
 * names are broken between words to the width their column has on this screen; the tooltip names a cell in full.
 */
export function DisagreementHeatmap({ view, criteria }: Props) {
  const { lang } = useI18n();
  const [box, measured] = useElementWidth<HTMLDivElement>();
  const width = measured ?? FALLBACK_WIDTH;
  const names = useMemo(
    () =>
      view.heat.criterionIds.map((id) => {
        const c = criteria.find((x) => x.id === id);
        return c ? (lang === 'th' ? c.nameTh : c.nameEn) : String(id);
      }),
    [view, criteria, lang],
  );
  const measure = useTextMeasure(`${NAME_SIZE}px ${FONT_FAMILY}`, estimateWidth);
  const labels = useMemo(() => columnLabels(names, width - HEAT_LEFT - HEAT_RIGHT, measure), [names, width, measure]);
  const option = useMemo<ChartOption>(() => {
    const rows = view.heat.projects.map((p) => p.code);
    const data = view.heat.values.flatMap((row, r) => row.map((v, k) => [k, r, v === null ? '-' : Math.round(v * 1000) / 1000]));
    return {
      textStyle: { fontFamily: FONT_FAMILY },
      tooltip: {
        position: 'top',
        formatter: (p) => {
          const item = Array.isArray(p) ? p[0] : p;
          const value = item?.value;
          if (!Array.isArray(value)) return '';
          const [k, r, v] = value as [number, number, number | '-'];
          return `${rows[r] ?? ''} · ${names[k] ?? ''}: ${typeof v === 'number' ? spreadPercent(v) : '–'}`;
        },
      },
      grid: { left: HEAT_LEFT, right: HEAT_RIGHT, top: labels.top, bottom: HEAT_BOTTOM },
      xAxis: {
        type: 'category',
        data: names,
        position: 'top',
        tooltip: nameTooltip,
        axisLabel: {
          interval: 0,
          fontFamily: FONT_FAMILY,
          fontSize: NAME_SIZE,
          lineHeight: HEAT_LINE,
          rotate: labels.rotate,
          width: labels.width,
          overflow: 'truncate',
          formatter: (v: string, k: number) => (labels.lines[k] ?? [v]).join('\n'),
        },
      },
      yAxis: { type: 'category', data: rows, inverse: true },
      visualMap: {
        min: 0,
        max: legendMax(view),
        calculable: true,
        // Below the grid: beside it, the legend took room the criterion names need.
        orient: 'horizontal',
        left: HEAT_LEFT,
        bottom: 0,
        itemWidth: 12,
        itemHeight: 200,
        // The spreads are shares of the scale (0..1): whole numbers would read "0" at both ends.
        formatter: (v) => (typeof v === 'number' ? spreadPercent(v) : String(v)),
        inRange: { color: ['#f7fbff', '#fdae61', '#d7191c'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: {
            show: rows.length <= 15,
            fontSize: 10,
            formatter: (p) => {
              const v = Array.isArray(p.value) ? p.value[2] : undefined;
              return typeof v === 'number' ? spreadPercent(v) : '';
            },
          },
          emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
        },
      ],
    };
  }, [view, names, labels]);
  return (
    <Box ref={box} sx={{ width: '100%' }}>
      <EChart
        option={option}
        height={Math.max(260, 26 * view.heat.projects.length + labels.top + HEAT_BOTTOM + 10)}
        testId="disagreement-heatmap"
        dataAttributes={{
          rows: String(view.heat.projects.length),
          top: view.heat.projects[0]?.code ?? '',
          // What the legend's ends read (the canvas cannot be read by tests).
          legend: `${spreadPercent(0)}–${spreadPercent(legendMax(view))}`,
        }}
      />
    </Box>
  );
}

/** The largest spread the legend goes up to (at least 5%, so one small value does not fill the scale). */
function legendMax(view: JudgementView): number {
  return Math.max(0.05, ...view.heat.values.flat().filter((v): v is number => v !== null));
}
