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
import { SEVERAL_DISTRICTS_CODE, type Scenario, type ScenarioResult } from '../../../shared/api/types';
import { useSession } from '../../app/session-context';
import { MoneyField } from '../../components/MoneyField';
import { formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import type { ScenarioPatch } from './use-scenarios';

type Props = Readonly<{
  scenario: Scenario;
  result: ScenarioResult | undefined;
  patch(patch: ScenarioPatch | ((latest: Scenario) => ScenarioPatch)): void;
  /** An approved scenario: nothing can be edited (see features/approval). */
  locked?: boolean;
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
export function ConstraintsPanel({ scenario, result, patch, locked = false }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const allowed = can('scenarios.update');
  const s = t.scenarios;
  const p = scenario.params;
  const disabled = !allowed || locked;
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
      <Typography variant="body2" data-testid="rule-summary" sx={{ color: 'text.secondary', mb: 1.5 }}>
        {s.ruleName[scenario.rule]}: {s.ruleSummary[scenario.rule]}
      </Typography>

      {scenario.rule === 'optimum' ? (
        <Stack spacing={1} sx={{ mb: 2 }}>
          <ChoiceField
            label={s.objective}
            value={p.objective}
            names={s.objectiveName}
            disabled={disabled}
            onChange={(objective) => patch({ params: { objective } })}
            testId="optimum-objective"
          />
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
          <ChoiceField
            label={s.voterUnit}
            value={p.voterUnit}
            names={s.voterUnitName}
            disabled={disabled}
            onChange={(voterUnit) => patch({ params: { voterUnit } })}
            testId="mes-voter-unit"
          />
          <ChoiceField
            label={s.completion}
            value={p.completion}
            names={s.completionName}
            disabled={disabled}
            onChange={(completion) => patch({ params: { completion } })}
            testId="mes-completion"
          />
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {s.mesNote}
          </Typography>
        </Stack>
      ) : null}

      <ConstraintTable
        testId="district-constraints"
        prefix="district"
        heading={`${s.district} / ${t.allocation.chartFunded}`}
        // Floors and caps are per district: the row of proposals over several districts takes none.
        rows={(result?.byDistrict ?? [])
          .filter((d) => d.code !== SEVERAL_DISTRICTS_CODE)
          .map((d) => ({
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
                    width={136}
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

/** A drop-down over a fixed set of options, named by `names` (in the order of its keys). */
function ChoiceField<T extends string>(props: {
  label: string;
  value: T;
  names: Readonly<Record<T, string>>;
  disabled: boolean;
  onChange: (value: T) => void;
  testId: string;
}) {
  const options = Object.keys(props.names) as T[];
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => {
        const chosen = options.find((o) => o === e.target.value);
        if (chosen !== undefined) props.onChange(chosen);
      }}
      data-testid={props.testId}
    >
      {options.map((o) => (
        <MenuItem key={o} value={o}>
          {props.names[o]}
        </MenuItem>
      ))}
    </TextField>
  );
}
