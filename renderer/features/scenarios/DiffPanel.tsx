import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Scenario, ScenarioDiff, ScenarioDiffProject } from '../../../shared/api/types';
import { formatBaht, satangToBaht } from '../../../shared/domain/money';
import { FONT_FAMILY } from '../../app/theme';
import { useNames } from '../../app/use-names';
import { useQuery } from '../../app/use-query';
import { EChart, type ChartOption } from '../../components/EChart';
import { formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { ScenarioSelect } from './ScenarioSelect';
import { RESULT_EVENTS } from './use-scenarios';

const MILLION = 1_000_000;

/**
 * Money cells keep their full width (never wrapped, never cut): the text column takes what is left and shortens with
 * an ellipsis (`maxWidth: 0` with `width: 100%` makes it the one column that yields).
 */
const MONEY_CELL = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', width: '1%' } as const;
const YIELDING_TEXT_CELL = {
  maxWidth: 0,
  width: '100%',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
} as const;

/**
 * The narrowest a list of projects in or out may be (px): its code and two amounts take about 330 px, and the title
 * needs what is left to be read (three lists side by side on a 1280-px projector left it four letters, "โครง…").
 * Narrower screens put the lists under one another.
 */
const PROJECT_LIST_MIN = 560;

/** A vs B: projects that entered, left or changed amount, and the money moved per district and strategy. */
export function DiffPanel({ scenarios, defaultB }: { scenarios: readonly Scenario[]; defaultB: number | null }) {
  const { t } = useI18n();
  const c = t.compare;
  // Default: the workbench's scenario as B, against the scenario it was branched from (or another one) as A.
  const fallbackB = defaultB ?? scenarios[0]?.id ?? null;
  const bScenario = scenarios.find((s) => s.id === fallbackB);
  const fallbackA =
    bScenario?.parentId && scenarios.some((s) => s.id === bScenario.parentId)
      ? bScenario.parentId
      : (scenarios.find((s) => s.id !== fallbackB)?.id ?? null);
  const [pickA, setA] = useState<number | null>(null);
  const [pickB, setB] = useState<number | null>(null);
  const exists = (id: number | null): id is number => id !== null && scenarios.some((s) => s.id === id);
  const a = exists(pickA) ? pickA : fallbackA;
  const b = exists(pickB) ? pickB : fallbackB;
  const valid = a !== null && b !== null && a !== b;
  const diff = useQuery('scenarios.diff', valid ? { a, b } : null, { refetchOn: RESULT_EVENTS });
  const data = valid && diff.data && diff.data.a.id === a && diff.data.b.id === b ? diff.data : undefined;

  return (
    <Paper variant="outlined" data-testid="diff-panel" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Typography variant="h6" component="h3">
        {c.diffTitle}
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <ScenarioSelect label={c.a} value={a ?? ''} scenarios={scenarios} testId="diff-a" onChange={setA} />
        <Typography sx={{ fontWeight: 700 }}>→</Typography>
        <ScenarioSelect label={c.b} value={b ?? ''} scenarios={scenarios} testId="diff-b" onChange={setB} />
        {data ? (
          <Typography variant="body2" data-testid="diff-totals" sx={{ color: 'text.secondary' }}>
            {t.money.withUnit(formatBaht(data.a.totalFunded))} → {t.money.withUnit(formatBaht(data.b.totalFunded))}
          </Typography>
        ) : null}
      </Stack>
      {!valid ? <Alert severity="info">{c.pickTwo}</Alert> : null}
      {diff.loading ? <Typography variant="body2">{t.scenarios.running}</Typography> : null}
      {data ? (
        <>
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              gridTemplateColumns: `repeat(auto-fill, minmax(min(100%, ${PROJECT_LIST_MIN}px), 1fr))`,
            }}
          >
            <ProjectList title={c.entered} testId="diff-entered" projects={data.entered} />
            <ProjectList title={c.left} testId="diff-left" projects={data.left} />
            <ProjectList title={c.changed} testId="diff-changed" projects={data.changed} />
          </Box>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'repeat(2, minmax(0, 1fr))' } }}>
            <DeltaChart diff={data} />
            <StrategyDelta diff={data} />
          </Box>
        </>
      ) : null}
    </Paper>
  );
}

function ProjectList({ title, testId, projects }: { title: string; testId: string; projects: readonly ScenarioDiffProject[] }) {
  const { t } = useI18n();
  const names = useNames();
  const c = t.compare;
  return (
    <Paper
      variant="outlined"
      data-testid={testId}
      data-count={projects.length}
      sx={{ p: 1.5, display: 'flex', flexDirection: 'column' }}
    >
      <Typography variant="subtitle2" sx={{ fontWeight: 700 }}>
        {title} · {c.projectsCount(projects.length)}
      </Typography>
      {projects.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
          {c.none}
        </Typography>
      ) : (
        <Box sx={{ maxHeight: 320, overflow: 'auto', mt: 1 }}>
          <Table size="small" stickyHeader sx={{ '& th': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t.scenarios.col.code}</TableCell>
                <TableCell>{t.scenarios.col.title}</TableCell>
                <TableCell align="right">{c.amountA}</TableCell>
                <TableCell align="right">{c.amountB}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {projects.map((p) => (
                <TableRow key={p.projectId} data-testid={`${testId}-row`} data-code={p.code}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.code}</TableCell>
                  <TableCell title={`${p.title} · ${names.district(p.districtCode)}`} sx={YIELDING_TEXT_CELL}>
                    {p.title}
                  </TableCell>
                  <TableCell align="right" sx={MONEY_CELL} data-testid="diff-money">
                    {formatSatang(p.amountA)}
                  </TableCell>
                  <TableCell align="right" sx={MONEY_CELL} data-testid="diff-money">
                    {formatSatang(p.amountB)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Paper>
  );
}

function DeltaChart({ diff }: { diff: ScenarioDiff }) {
  const { lang, t } = useI18n();
  const sorted = useMemo(() => [...diff.byDistrict].sort((x, y) => y.code.localeCompare(x.code)), [diff]);
  const option = useMemo<ChartOption>(() => {
    const toMillion = (satang: number) => satangToBaht(satang) / MILLION;
    return {
      textStyle: { fontFamily: FONT_FAMILY },
      animationDuration: 300,
      animationDurationUpdate: 300,
      title: { text: t.compare.deltaChartTitle, left: 0, textStyle: { fontFamily: FONT_FAMILY, fontSize: 15 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (typeof v === 'number' ? t.money.withUnit(formatBaht(Math.round(v * MILLION * 100))) : ''),
      },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        data: sorted.map((d) => (lang === 'th' ? d.nameTh : d.nameEn)),
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: 12 },
      },
      series: [
        {
          name: t.compare.delta,
          type: 'bar',
          data: sorted.map((d) => ({ value: toMillion(d.delta), itemStyle: { color: d.delta >= 0 ? '#2e7d32' : '#c62828' } })),
        },
      ],
    };
  }, [sorted, lang, t]);
  const moved = diff.byDistrict.reduce((sum, d) => sum + Math.abs(d.delta), 0);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <EChart
        option={option}
        height={Math.max(360, 60 + sorted.length * 30)}
        testId="diff-district-chart"
        dataAttributes={{ moved: String(moved) }}
      />
    </Paper>
  );
}

function StrategyDelta({ diff }: { diff: ScenarioDiff }) {
  const { lang, t } = useI18n();
  const c = t.compare;
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Typography variant="subtitle2" sx={{ fontWeight: 700, mb: 1 }}>
        {c.byStrategy}
      </Typography>
      <Table size="small" data-testid="diff-strategy-table">
        <TableHead>
          <TableRow>
            <TableCell>{t.scenarios.strategy}</TableCell>
            <TableCell align="right">{c.amountA}</TableCell>
            <TableCell align="right">{c.amountB}</TableCell>
            <TableCell align="right">{c.delta}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {diff.byStrategy.map((s) => (
            <TableRow key={s.id} data-testid={`diff-strategy-${s.id}`} data-delta={s.delta}>
              <TableCell title={lang === 'th' ? s.nameTh : s.nameEn} sx={YIELDING_TEXT_CELL}>
                {lang === 'th' ? s.nameTh : s.nameEn}
              </TableCell>
              <TableCell align="right" sx={MONEY_CELL} data-testid="diff-money">
                {formatSatang(s.a)}
              </TableCell>
              <TableCell align="right" sx={MONEY_CELL} data-testid="diff-money">
                {formatSatang(s.b)}
              </TableCell>
              <TableCell
                align="right"
                data-testid="diff-money"
                sx={{
                  ...MONEY_CELL,
                  fontWeight: 700,
                  color: s.delta > 0 ? 'success.main' : s.delta < 0 ? 'error.main' : undefined,
                }}
              >
                {s.delta > 0 ? '+' : ''}
                {formatSatang(s.delta)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
