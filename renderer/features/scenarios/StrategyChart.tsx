import { useMemo } from 'react';
import { formatBaht, satangToBaht } from '../../../shared/domain/money';
import type { StrategyAllocation } from '../../../shared/api/types';
import { EChart, type ChartOption } from '../../components/EChart';
import { FONT_FAMILY } from '../../app/theme';
import { useI18n } from '../../i18n/i18n-context';

const MILLION = 1_000_000;

/** Funded vs requested per development issue (strategy), horizontal like the district chart. */
export function StrategyChart({ strategies }: { strategies: readonly StrategyAllocation[] }) {
  const { lang, t } = useI18n();
  const sorted = useMemo(() => [...strategies].sort((a, b) => b.id.localeCompare(a.id)), [strategies]);
  const option = useMemo<ChartOption>(() => {
    const name = (s: StrategyAllocation) => (lang === 'th' ? s.nameTh : s.nameEn);
    const toMillion = (satang: number) => satangToBaht(satang) / MILLION;
    return {
      textStyle: { fontFamily: FONT_FAMILY },
      animationDuration: 300,
      animationDurationUpdate: 300,
      title: { text: t.scenarios.strategyChartTitle, left: 0, textStyle: { fontFamily: FONT_FAMILY, fontSize: 16 } },
      legend: { top: 0, right: 0, textStyle: { fontFamily: FONT_FAMILY } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (typeof v === 'number' ? t.money.withUnit(formatBaht(Math.round(v * MILLION * 100))) : ''),
      },
      grid: { left: 8, right: 24, top: 40, bottom: 28, containLabel: true },
      xAxis: { type: 'value', name: t.allocation.chartAxis, nameLocation: 'middle', nameGap: 24 },
      yAxis: {
        type: 'category',
        data: sorted.map(name),
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: 13, width: 170, overflow: 'truncate' },
      },
      series: [
        {
          name: t.allocation.chartRequested,
          type: 'bar',
          data: sorted.map((s) => toMillion(s.requested)),
          itemStyle: { color: '#b0bec5' },
        },
        {
          name: t.allocation.chartFunded,
          type: 'bar',
          data: sorted.map((s) => toMillion(s.funded)),
          itemStyle: { color: '#c77d00' },
        },
      ],
    };
  }, [sorted, lang, t]);
  const fundedTotal = strategies.reduce((sum, s) => sum + s.funded, 0);
  return (
    <EChart
      option={option}
      height={Math.max(320, 60 + sorted.length * 48)}
      testId="strategy-chart"
      dataAttributes={{ 'funded-total': String(fundedTotal), strategies: String(strategies.length) }}
    />
  );
}
