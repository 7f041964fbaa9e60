import { useMemo } from 'react';
import Box from '@mui/material/Box';
import { formatBaht, satangToBaht } from '../../shared/domain/money';
import { wrapLabel } from '../../shared/domain/thai-wrap';
import { FONT_FAMILY } from '../app/theme';
import { useElementWidth } from '../app/use-element-width';
import { useTextMeasure } from '../app/use-text-measure';
import { useI18n } from '../i18n/i18n-context';
import { estimateTextWidth, valueAxisSplits } from './chart-layout';
import { CHAR_PX, EChart, type ChartOption } from './EChart';

const MILLION = 1_000_000;
/** The legend's line under the title (px), added to the chart's height so that bars keep their room. */
const LEGEND_LINE = 32;
/** The grid's margins (px), the names' font size and their distance from the axis (ECharts' default). */
const GRID_LEFT = 8;
const GRID_RIGHT = 24;
const LABEL_SIZE = 13;
const LABEL_MARGIN = 8;
/** Before the chart is measured: about its width in a third of a 1280-px screen. */
const FALLBACK_WIDTH = 360;

export type RequestedFundedItem = Readonly<{ key: string; nameTh: string; nameEn: string; requested: number; funded: number }>;

/**
 * Funded vs requested money per group (district, strategy), as horizontal bars so that long Thai names stay
 * readable. Exposes the funded total as a data attribute so tests can tell the canvas was redrawn.
 */
export function RequestedFundedChart(props: {
  items: readonly RequestedFundedItem[];
  title: string;
  fundedColor: string;
  testId: string;
  rowHeight: number;
  baseHeight: number;
  labelWidth?: number;
  dataAttributes?: Readonly<Record<string, string>>;
}) {
  const { lang, t } = useI18n();
  const { items, title, fundedColor, labelWidth } = props;
  const sorted = useMemo(() => [...items].sort((a, b) => b.key.localeCompare(a.key)), [items]);
  const [box, measured] = useElementWidth<HTMLDivElement>();
  const measure = useTextMeasure(`${LABEL_SIZE}px ${FONT_FAMILY}`, estimateTextWidth);
  // The value axis gets what the names leave: its labels are spaced for that room, so that they never run together.
  const names = useMemo(() => sorted.map((d) => (lang === 'th' ? d.nameTh : d.nameEn)), [sorted, lang]);
  const namesWidth = labelWidth ?? Math.max(0, ...names.map(measure));
  const splits = valueAxisSplits((measured ?? FALLBACK_WIDTH) - GRID_LEFT - GRID_RIGHT - LABEL_MARGIN - namesWidth);
  const option = useMemo<ChartOption>(() => {
    const toMillion = (satang: number) => satangToBaht(satang) / MILLION;
    return {
      textStyle: { fontFamily: FONT_FAMILY },
      // Short, so bars settle quickly when a ceiling or score change redraws them.
      animationDuration: 300,
      animationDurationUpdate: 300,
      title: { text: title, left: 0, textStyle: { fontFamily: FONT_FAMILY, fontSize: 16 } },
      // The legend on its own line under the title: beside it, a long title ran into it in a narrow column.
      legend: { top: 34, left: 0, textStyle: { fontFamily: FONT_FAMILY } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (typeof v === 'number' ? t.money.withUnit(formatBaht(Math.round(v * MILLION * 100))) : ''),
      },
      grid: { left: GRID_LEFT, right: GRID_RIGHT, top: 72, bottom: 28, containLabel: true },
      xAxis: { type: 'value', name: t.allocation.chartAxis, nameLocation: 'middle', nameGap: 24, splitNumber: splits },
      yAxis: {
        type: 'category',
        data: names,
        // A long name (a development issue) wraps between Thai words, never cut short or broken inside a word.
        axisLabel: {
          fontFamily: FONT_FAMILY,
          fontSize: LABEL_SIZE,
          lineHeight: 16,
          ...(labelWidth ? { formatter: (v: string) => wrapLabel(v, Math.max(6, Math.floor(labelWidth / CHAR_PX))) } : {}),
        },
      },
      series: [
        {
          name: t.allocation.chartRequested,
          type: 'bar',
          data: sorted.map((d) => toMillion(d.requested)),
          itemStyle: { color: '#b0bec5' },
        },
        {
          name: t.allocation.chartFunded,
          type: 'bar',
          data: sorted.map((d) => toMillion(d.funded)),
          itemStyle: { color: fundedColor },
        },
      ],
    };
  }, [sorted, names, t, title, fundedColor, labelWidth, splits]);
  const fundedTotal = items.reduce((sum, d) => sum + d.funded, 0);
  return (
    <Box ref={box} sx={{ minWidth: 0 }}>
      <EChart
        option={option}
        height={Math.max(352, LEGEND_LINE + props.baseHeight + sorted.length * props.rowHeight)}
        testId={props.testId}
        dataAttributes={{ 'funded-total': String(fundedTotal), 'axis-splits': String(splits), ...props.dataAttributes }}
      />
    </Box>
  );
}
