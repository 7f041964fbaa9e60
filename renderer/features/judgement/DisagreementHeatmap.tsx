import { useMemo } from 'react';
import type { JudgementView } from '../../../shared/api/judgement';
import type { Criterion } from '../../../shared/api/types';
import { wrapLabel } from '../../../shared/domain/thai-wrap';
import { CHAR_PX, EChart, type ChartOption } from '../../components/EChart';
import { useI18n } from '../../i18n/i18n-context';

type Props = Readonly<{ view: JudgementView; criteria: readonly Criterion[] }>;

/** Spread per project (rows, most disputed on top) × criterion (columns), as a share of the scale's width. */
export function DisagreementHeatmap({ view, criteria }: Props) {
  const { lang } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const names = view.heat.criterionIds.map((id) => {
      const c = criteria.find((x) => x.id === id);
      return c ? (lang === 'th' ? c.nameTh : c.nameEn) : String(id);
    });
    const rows = view.heat.projects.map((p) => p.code);
    const data = view.heat.values.flatMap((row, r) => row.map((v, k) => [k, r, v === null ? '-' : Math.round(v * 1000) / 1000]));
    const max = Math.max(0.05, ...view.heat.values.flat().filter((v): v is number => v !== null));
    return {
      tooltip: { position: 'top' },
      grid: { left: 90, right: 70, top: 50, bottom: 10 },
      xAxis: {
        type: 'category',
        data: names,
        position: 'top',
        axisLabel: { interval: 0, formatter: (v: string) => wrapLabel(v, Math.floor(110 / CHAR_PX)) },
      },
      yAxis: { type: 'category', data: rows, inverse: true },
      visualMap: {
        min: 0,
        max,
        calculable: true,
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemHeight: 160,
        inRange: { color: ['#f7fbff', '#fdae61', '#d7191c'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: rows.length <= 15, fontSize: 10 },
          emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
        },
      ],
    };
  }, [view, criteria, lang]);
  return (
    <EChart
      option={option}
      height={Math.max(260, 26 * view.heat.projects.length + 70)}
      testId="disagreement-heatmap"
      dataAttributes={{ rows: String(view.heat.projects.length), top: view.heat.projects[0]?.code ?? '' }}
    />
  );
}
