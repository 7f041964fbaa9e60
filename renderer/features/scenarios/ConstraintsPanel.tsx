import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ScenarioParams } from '../../../shared/api/scenario';
import type { Scenario, ScenarioResult } from '../../../shared/api/types';
import { useSession } from '../../app/session-context';
import { MoneyField } from '../../components/MoneyField';
import { formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import type { ScenarioPatch } from './use-scenarios';

type Props = Readonly<{
  scenario: Scenario;
  result: ScenarioResult | undefined;
  patch(patch: ScenarioPatch | ((latest: Scenario) => ScenarioPatch)): void;
}>;

type AmountMap = Readonly<Record<string, number>>;

/** A copy of `map` with `key` set to `value`, or without it when `value` is null (no constraint). */
function withEntry(map: AmountMap, key: string, value: number | null): Record<string, number> {
  const next: Record<string, number> = { ...map };
  if (value === null) delete next[key];
  else next[key] = value;
  return next;
}

type MapKey = 'districtEnvelopes' | 'districtFloors' | 'districtCaps' | 'strategyEnvelopes' | 'strategyCaps';

/**
 * The rule's settings and the committee's constraints for one scenario: per-district envelopes (greedy) or
 * floors and caps (optimum), per-strategy envelopes or caps, the optimum's objective and partial funding,
 * MES's voter unit and completion. Each amount is sent once typing pauses; the result reruns on its own.
 */
export function ConstraintsPanel({ scenario, result, patch }: Props) {
  const { t } = useI18n();
  const { isOwner } = useSession();
  const s = t.scenarios;
  const p = scenario.params;
  const disabled = !isOwner;
  // Edits build on the latest local params (see useScenarioEditor), so two quick edits both survive.
  const setAmount = (key: MapKey, code: string, value: number | null): void =>
    patch((latest) => ({ params: { [key]: withEntry(latest.params[key], code, value) } satisfies Partial<ScenarioParams> }));

  const districtColumns: readonly Column[] =
    scenario.rule === 'greedy'
      ? [{ key: 'districtEnvelopes', label: s.envelope, id: 'envelope' }]
      : scenario.rule === 'optimum'
        ? [
            { key: 'districtFloors', label: s.floor, id: 'floor' },
            { key: 'districtCaps', label: s.cap, id: 'cap' },
          ]
        : [];
  const strategyColumns: readonly Column[] =
    scenario.rule === 'greedy'
      ? [{ key: 'strategyEnvelopes', label: s.envelope, id: 'envelope' }]
      : scenario.rule === 'optimum'
        ? [{ key: 'strategyCaps', label: s.cap, id: 'cap' }]
        : [];

  return (
    <Paper
      variant="outlined"
      data-testid="constraints-panel"
      data-rule={scenario.rule}
      sx={{ p: 2, width: '100%', overflow: 'auto' }}
    >
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, mb: 1 }}>
        {s.constraints}
      </Typography>

      {scenario.rule === 'optimum' ? (
        <Stack spacing={1} sx={{ mb: 2 }}>
          <TextField
            select
            size="small"
            label={s.objective}
            value={p.objective}
            disabled={disabled}
            onChange={(e) => patch({ params: { objective: e.target.value === 'people' ? 'people' : 'score' } })}
            data-testid="optimum-objective"
          >
            <MenuItem value="score">{s.objectiveName.score}</MenuItem>
            <MenuItem value="people">{s.objectiveName.people}</MenuItem>
          </TextField>
          <FormControlLabel
            control={
              <Switch
                checked={p.partialFunding}
                disabled={disabled}
                onChange={(e) => patch({ params: { partialFunding: e.target.checked } })}
                slotProps={{ input: { 'data-testid': 'optimum-partial' } as Record<string, string> }}
              />
            }
            label={s.partialFunding}
          />
        </Stack>
      ) : null}

      {scenario.rule === 'mes' ? (
        <Stack spacing={2} sx={{ mb: 1 }}>
          <TextField
            select
            size="small"
            label={s.voterUnit}
            value={p.voterUnit}
            disabled={disabled}
            onChange={(e) => patch({ params: { voterUnit: e.target.value === 'households' ? 'households' : 'people' } })}
            data-testid="mes-voter-unit"
          >
            <MenuItem value="people">{s.voterUnitName.people}</MenuItem>
            <MenuItem value="households">{s.voterUnitName.households}</MenuItem>
          </TextField>
          <TextField
            select
            size="small"
            label={s.completion}
            value={p.completion}
            disabled={disabled}
            onChange={(e) => {
              const v = e.target.value;
              patch({ params: { completion: v === 'none' || v === 'add1_greedy' ? v : 'add1' } });
            }}
            data-testid="mes-completion"
          >
            <MenuItem value="none">{s.completionName.none}</MenuItem>
            <MenuItem value="add1">{s.completionName.add1}</MenuItem>
            <MenuItem value="add1_greedy">{s.completionName.add1_greedy}</MenuItem>
          </TextField>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {s.mesNote}
          </Typography>
        </Stack>
      ) : null}

      <ConstraintTable
        testId="district-constraints"
        prefix="district"
        heading={`${s.district} / ${t.allocation.chartFunded}`}
        rows={(result?.byDistrict ?? []).map((d) => ({
          code: d.code,
          nameTh: d.nameTh,
          nameEn: d.nameEn,
          funded: d.funded,
          requested: d.requested,
        }))}
        columns={districtColumns}
        params={p}
        disabled={disabled}
        setAmount={setAmount}
      />
      <ConstraintTable
        testId="strategy-constraints"
        prefix="strategy"
        heading={`${s.strategy} / ${t.allocation.chartFunded}`}
        rows={(result?.byStrategy ?? []).map((x) => ({
          code: x.id,
          nameTh: x.nameTh,
          nameEn: x.nameEn,
          funded: x.funded,
          requested: x.requested,
        }))}
        columns={strategyColumns}
        params={p}
        disabled={disabled}
        setAmount={setAmount}
        sx={{ mt: 2 }}
      />
    </Paper>
  );
}

type ConstraintRow = Readonly<{ code: string; nameTh: string; nameEn: string; funded: number; requested: number }>;
type Column = Readonly<{ key: MapKey; label: string; id: string }>;

/** One table of money constraints: a row per district (or strategy) with what it got and a field per column. */
function ConstraintTable(props: {
  testId: string;
  prefix: 'district' | 'strategy';
  heading: string;
  rows: readonly ConstraintRow[];
  columns: readonly Column[];
  params: ScenarioParams;
  disabled: boolean;
  setAmount(key: MapKey, code: string, value: number | null): void;
  sx?: SxProps<Theme>;
}) {
  const { t, lang } = useI18n();
  const s = t.scenarios;
  const { prefix } = props;
  return (
    <Table
      size="small"
      data-testid={props.testId}
      sx={[{ '& td, & th': { px: 0.75 } }, ...(props.sx ? [props.sx] : [])] as SxProps<Theme>}
    >
      <TableHead>
        <TableRow>
          <TableCell>{props.heading}</TableCell>
          {props.columns.map((c) => (
            <TableCell key={c.id} align="right">
              {c.label}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map((r) => {
          const name = lang === 'th' ? r.nameTh : r.nameEn;
          return (
            <TableRow key={r.code} data-testid={`${prefix}-row-${r.code}`}>
              <TableCell sx={{ whiteSpace: prefix === 'district' ? 'nowrap' : undefined }}>
                <Typography variant="body2">{name}</Typography>
                <Typography
                  variant="caption"
                  data-testid={`${prefix}-funded-${r.code}`}
                  data-value={r.funded}
                  title={`${s.requested}: ${formatSatang(r.requested)}`}
                  sx={{ color: r.funded > 0 ? 'primary.main' : 'text.secondary', fontVariantNumeric: 'tabular-nums' }}
                >
                  {t.money.withUnit(formatSatang(r.funded))}
                </Typography>
              </TableCell>
              {props.columns.map((c) => (
                <TableCell key={c.id} align="right">
                  <MoneyField
                    dense
                    width={122}
                    label={`${c.label} ${name}`}
                    placeholder={s.noLimit}
                    value={props.params[c.key][r.code] ?? null}
                    disabled={props.disabled}
                    testId={`${prefix}-${c.id}-${r.code}`}
                    onCommit={(v) => props.setAmount(c.key, r.code, v)}
                  />
                </TableCell>
              ))}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
