import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Scenario, ScenarioResult } from '../../../shared/api/types';
import { formatBaht } from '../../../shared/domain/money';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { DiffPanel } from './DiffPanel';
import { PabulibPanel } from './PabulibPanel';
import { useCurrentScenarioId, useScenarioList, useScenarioRuns } from './use-scenarios';

const MAX_COLUMNS = 4;

/**
 * Scenarios side by side (up to four: rule, money, counts, Gini, unserved villages, compute time) and a
 * two-scenario diff: which projects entered or left, and how much money moved per district and strategy.
 */
export function CompareScreen() {
  const { t } = useI18n();
  const list = useScenarioList();
  const scenarios = list.data;
  const [currentId] = useCurrentScenarioId(scenarios);
  const [picked, setPicked] = useState<readonly number[] | null>(null);

  // Until the user picks, compare the workbench's scenario with the others, up to four.
  const ids = useMemo(() => {
    const existing = new Set((scenarios ?? []).map((s) => s.id));
    if (picked) return picked.filter((id) => existing.has(id));
    const ordered = [...(scenarios ?? [])].sort((a, b) => Number(b.id === currentId) - Number(a.id === currentId));
    return ordered.slice(0, MAX_COLUMNS).map((s) => s.id);
  }, [picked, scenarios, currentId]);
  const runs = useScenarioRuns(ids);

  const toggle = (id: number): void => {
    const has = ids.includes(id);
    if (has) setPicked(ids.filter((x) => x !== id));
    else if (ids.length < MAX_COLUMNS) setPicked([...ids, id]);
  };

  const c = t.compare;
  return (
    <Box data-testid="screen-compare" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Typography variant="h5" component="h2">
        {c.title}
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
          {c.pick}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {(scenarios ?? []).map((s) => {
            const on = ids.includes(s.id);
            return (
              <Chip
                key={s.id}
                label={s.name}
                color={on ? 'primary' : 'default'}
                variant={on ? 'filled' : 'outlined'}
                disabled={!on && ids.length >= MAX_COLUMNS}
                onClick={() => toggle(s.id)}
                data-testid={`compare-pick-${s.id}`}
                data-selected={String(on)}
              />
            );
          })}
        </Stack>
      </Paper>
      {runs.loading ? <LinearProgress data-testid="compare-running" /> : <Box sx={{ height: 4 }} />}
      <SideBySide scenarios={(scenarios ?? []).filter((s) => ids.includes(s.id))} runs={runs.data} order={ids} />
      {scenarios && scenarios.length >= 2 ? (
        <DiffPanel scenarios={scenarios} defaultB={currentId} />
      ) : (
        <Alert severity="info">{c.pickTwo}</Alert>
      )}
      <PabulibPanel />
    </Box>
  );
}

type SideBySideProps = Readonly<{
  scenarios: readonly Scenario[];
  runs: ReadonlyMap<number, ScenarioResult>;
  order: readonly number[];
}>;

function SideBySide({ scenarios, runs, order }: SideBySideProps) {
  const { t, lang } = useI18n();
  const c = t.compare;
  const columns = order.map((id) => scenarios.find((s) => s.id === id)).filter((s): s is Scenario => s !== undefined);
  const money = (v: number | undefined): string => (v === undefined ? '–' : t.money.withUnit(formatBaht(v)));
  const metrics: readonly {
    id: string;
    label: string;
    value(r: ScenarioResult | undefined, s: Scenario): string;
    raw?(r: ScenarioResult): number | null;
  }[] = [
    { id: 'rule', label: c.rule, value: (_r, s) => t.scenarios.ruleName[s.rule] },
    { id: 'status', label: c.status, value: (r) => (r ? c.statusName[r.status] : '–') },
    { id: 'budget', label: c.budget, value: (r) => money(r?.budget), raw: (r) => r.budget },
    { id: 'funded', label: c.fundedTotal, value: (r) => money(r?.totalFunded), raw: (r) => r.totalFunded },
    {
      id: 'count',
      label: c.fundedCount,
      value: (r) => (r ? t.allocation.projectsUnit(r.fundedCount) : '–'),
      raw: (r) => r.fundedCount,
    },
    { id: 'remaining', label: c.remaining, value: (r) => money(r?.remaining), raw: (r) => r.remaining },
    {
      id: 'gini',
      label: c.gini,
      value: (r) => (r?.fairness.giniPerCapita === null || r === undefined ? '–' : r.fairness.giniPerCapita.toFixed(3)),
      raw: (r) => r.fairness.giniPerCapita,
    },
    {
      id: 'unserved',
      label: c.unserved,
      value: (r) => (r ? t.fairness.villagesUnit(formatCount(r.fairness.unservedVillages)) : '–'),
      raw: (r) => r.fairness.unservedVillages,
    },
    {
      id: 'elapsed',
      label: c.elapsed,
      value: (r) => (r ? r.elapsedMs.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '–'),
      raw: (r) => r.elapsedMs,
    },
  ];
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
      <Table
        size="small"
        data-testid="compare-table"
        data-columns={columns.length}
        data-loaded={String(columns.every((s) => runs.has(s.id)))}
      >
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 220 }}>{c.metric}</TableCell>
            {columns.map((s) => (
              <TableCell key={s.id} align="right" data-testid={`compare-col-${s.id}`} sx={{ fontWeight: 700, minWidth: 200 }}>
                {s.name}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {metrics.map((m) => (
            <TableRow key={m.id}>
              <TableCell component="th" scope="row" sx={{ color: 'text.secondary' }}>
                {m.label}
              </TableCell>
              {columns.map((s) => {
                const r = runs.get(s.id);
                return (
                  <TableCell
                    key={s.id}
                    align="right"
                    lang={lang}
                    data-testid={`compare-${m.id}-${s.id}`}
                    data-value={r && m.raw ? String(m.raw(r) ?? '') : ''}
                    sx={{ fontVariantNumeric: 'tabular-nums' }}
                  >
                    {m.value(r, s)}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
