import { useMemo } from 'react';
import { formatBaht, satangToBaht } from '../../../shared/domain/money';
import type { DistrictAllocation } from '../../../shared/api/types';
import { EChart, type ChartOption } from '../../components/EChart';
import { FONT_FAMILY } from '../../app/theme';
import { useI18n } from '../../i18n/i18n-context';

const MILLION = 1_000_000;

/** Funded vs requested per district, horizontal so long Thai district names stay readable. */
export function DistrictChart({ districts }: { districts: readonly DistrictAllocation[] }) {
  const { lang, t } = useI18n();
  const sorted = useMemo(() => [...districts].sort((a, b) => b.code.localeCompare(a.code)), [districts]);
  const option = useMemo<ChartOption>(() => {
    const name = (d: DistrictAllocation) => (lang === 'th' ? d.nameTh : d.nameEn);
    const toMillion = (satang: number) => satangToBaht(satang) / MILLION;
    return {
      textStyle: { fontFamily: FONT_FAMILY },
      // Short, so bars settle quickly when a ceiling or score change redraws them.
      animationDuration: 300,
      animationDurationUpdate: 300,
      title: { text: t.allocation.chartTitle, left: 0, textStyle: { fontFamily: FONT_FAMILY, fontSize: 16 } },
      legend: { top: 0, right: 0, textStyle: { fontFamily: FONT_FAMILY } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (typeof v === 'number' ? t.money.withUnit(formatBaht(Math.round(v * MILLION * 100))) : ''),
      },
      grid: { left: 8, right: 24, top: 40, bottom: 28, containLabel: true },
      xAxis: { type: 'value', name: t.allocation.chartAxis, nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', data: sorted.map(name), axisLabel: { fontFamily: FONT_FAMILY, fontSize: 13 } },
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
          itemStyle: { color: '#1d4e89' },
        },
      ],
    };
  }, [sorted, lang, t]);

  // Exposed for tests and assistive checks: what the canvas shows, as numbers.
  const fundedTotal = districts.reduce((sum, d) => sum + d.funded, 0);
  return (
    <EChart
      option={option}
      height={Math.max(320, 40 + sorted.length * 34)}
      testId="district-chart"
      dataAttributes={{ 'funded-total': String(fundedTotal), districts: String(districts.length) }}
    />
  );
}
