import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { AhpResult } from '../../../shared/domain/ahp';
import { CR_WARNING } from '../../../shared/domain/ahp';
import { useI18n } from '../../i18n/i18n-context';

/** Saaty's scale, strongest preference for the first criterion first. */
export const SAATY_VALUES: readonly number[] = [9, 7, 5, 3, 2, 1, 1 / 2, 1 / 3, 1 / 5, 1 / 7, 1 / 9];

/** "3" or "1/3": judgments are shown as the committee states them. */
export function judgmentText(v: number): string {
  return v >= 1 ? String(Math.round(v)) : `1/${Math.round(1 / v)}`;
}

/** The nearest value on Saaty's scale (a stored judgment read back as a float). */
function nearest(v: number): number {
  return SAATY_VALUES.reduce(
    (best, x) => (Math.abs(Math.log(x) - Math.log(v)) < Math.abs(Math.log(best) - Math.log(v)) ? x : best),
    1,
  );
}

type Props = Readonly<{
  names: readonly string[];
  /** Judgments above the diagonal, row by row. */
  upper: readonly number[];
  result: AhpResult | null;
  disabled: boolean;
  onChange(upper: number[]): void;
}>;

/** Pairwise comparison of the criteria: one judgment per pair, the weights and the consistency ratio as they follow. */
export function AhpPanel({ names, upper, result, disabled, onChange }: Props) {
  const { t } = useI18n();
  const r = t.rounds;
  const pairs: { i: number; j: number; k: number }[] = [];
  let k = 0;
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) pairs.push({ i, j, k: k++ });
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="ahp-panel">
      <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
        {r.ahpTitle}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1.5 }}>
        {r.ahpHelp}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'minmax(180px, 1fr) 240px minmax(180px, 1fr)',
          gap: 1,
          alignItems: 'center',
          maxWidth: 900,
        }}
      >
        {pairs.map(({ i, j, k: idx }) => (
          <PairRow
            key={`${i}-${j}`}
            a={names[i] ?? ''}
            b={names[j] ?? ''}
            value={nearest(upper[idx] ?? 1)}
            testId={`ahp-${i}-${j}`}
            disabled={disabled}
            onChange={(v) => onChange(upper.map((x, n) => (n === idx ? v : x)))}
          />
        ))}
      </Box>
      {result ? (
        <Stack spacing={1} sx={{ mt: 2 }}>
          <Typography data-testid="ahp-cr" data-cr={result.cr.toFixed(4)}>
            {r.ahpCr(result.cr.toFixed(3))}
          </Typography>
          {result.cr > CR_WARNING ? (
            <Alert severity="warning" data-testid="ahp-warning">
              {r.ahpInconsistent(result.cr.toFixed(3))}
            </Alert>
          ) : (
            <Alert severity="success" data-testid="ahp-ok">
              {r.ahpConsistent}
            </Alert>
          )}
        </Stack>
      ) : null}
    </Paper>
  );
}

function PairRow({
  a,
  b,
  value,
  testId,
  disabled,
  onChange,
}: {
  a: string;
  b: string;
  value: number;
  testId: string;
  disabled: boolean;
  onChange(v: number): void;
}) {
  const { t } = useI18n();
  const r = t.rounds;
  return (
    <>
      <Typography sx={{ textAlign: 'right', fontWeight: value > 1 ? 700 : 400 }}>{a}</Typography>
      <TextField
        select
        size="small"
        value={judgmentText(value)}
        disabled={disabled}
        onChange={(e) => {
          const found = SAATY_VALUES.find((x) => judgmentText(x) === e.target.value);
          if (found !== undefined) onChange(found);
        }}
        data-testid={testId}
        slotProps={{ htmlInput: { 'aria-label': r.ahpPair(a, b) } }}
      >
        {SAATY_VALUES.map((x) => (
          <MenuItem key={judgmentText(x)} value={judgmentText(x)} data-testid={`${testId}-${judgmentText(x).replace('/', '_')}`}>
            {r.ahpValue(judgmentText(x), x)}
          </MenuItem>
        ))}
      </TextField>
      <Typography sx={{ fontWeight: value < 1 ? 700 : 400 }}>{b}</Typography>
    </>
  );
}
