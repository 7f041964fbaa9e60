import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { SensitivityView } from '../../../shared/api/judgement';
import { useQuery } from '../../app/use-query';
import { EChart, type ChartOption } from '../../components/EChart';
import { useI18n } from '../../i18n/i18n-context';
import { RankingGrid } from './RankingGrid';
import { notScoreEcho } from './score-echo';

/** Projects drawn in the range chart: those whose funding flips first, then the widest ranges. */
const CHART_ROWS = 30;

/** Rank ranges at ±10% / ±20% weights (seeded, the same every time), the tornado chart and the ranking. */
export function SensitivityPanel({ roundId }: Readonly<{ roundId: number }>) {
  const { t } = useI18n();
  const [spread, setSpread] = useState<0.1 | 0.2>(0.2);
  const view = useQuery(
    'judgement.sensitivity',
    { roundId, spread },
    { refetchOn: ['scores.changed', 'round.changed', 'allocation.changed'], when: notScoreEcho },
  );
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <ToggleButtonGroup size="small" exclusive value={spread} onChange={(_, v: 0.1 | 0.2 | null) => v && setSpread(v)}>
          <ToggleButton value={0.1} data-testid="sensitivity-10">
            {t.judgement.spreadOption(10)}
          </ToggleButton>
          <ToggleButton value={0.2} data-testid="sensitivity-20">
            {t.judgement.spreadOption(20)}
          </ToggleButton>
        </ToggleButtonGroup>
        {view.data ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t.judgement.samples(view.data.samples, view.data.seed)}
          </Typography>
        ) : null}
      </Box>
      {view.data ? (
        <>
          <Alert
            severity={view.data.flipCount > 0 ? 'warning' : 'success'}
            data-testid="sensitivity-flips"
            data-count={view.data.flipCount}
          >
            {t.judgement.flips(view.data.flipCount)}
          </Alert>
          <RangeChart view={view.data} />
          <RankingGrid sensitivity={view.data} />
        </>
      ) : null}
    </Box>
  );
}

function RangeChart({ view }: Readonly<{ view: SensitivityView }>) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const rows = [...view.rows]
      .sort(
        (a, b) => Number(b.flips) - Number(a.flips) || b.maxRank - b.minRank - (a.maxRank - a.minRank) || a.baseRank - b.baseRank,
      )
      .slice(0, CHART_ROWS)
      .sort((a, b) => a.baseRank - b.baseRank);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 90, right: 60, top: 10, bottom: 45 },
      xAxis: { type: 'value', name: t.judgement.rankRange, nameLocation: 'middle', nameGap: 28, minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.code), inverse: true },
      series: [
        // An invisible bar up to the best rank, then the range from best to worst rank: a floating bar per project.
        {
          type: 'bar',
          stack: 'range',
          data: rows.map((r) => r.minRank - 1),
          itemStyle: { color: 'transparent' },
          tooltip: { show: false },
        },
        {
          type: 'bar',
          stack: 'range',
          name: t.judgement.rankRange,
          data: rows.map((r) => ({ value: r.maxRank - r.minRank + 1, itemStyle: { color: r.flips ? '#ef6c00' : '#1d4e89' } })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex]!.minRank}–${rows[p.dataIndex]!.maxRank}`,
          },
        },
      ],
    };
  }, [view, t]);
  return (
    <EChart option={option} height={Math.max(240, 22 * Math.min(CHART_ROWS, view.rows.length) + 50)} testId="sensitivity-chart" />
  );
}
