import { useState } from 'react';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { PLANNING_LEVELS, ROUND_TEXT_LIMITS, type PlanningLevel } from '../../../shared/api/rounds';
import type { RoundDetail } from '../../../shared/api/types';
import { normalizeName } from '../../../shared/domain/names';
import { fiscalYearOf } from '../../../shared/domain/thai-date';
import { MoneyField, type AmountProblem } from '../../components/MoneyField';
import { WhyDisabled } from '../../components/WhyDisabled';
import { useSession } from '../../app/session-context';
import { useNotify } from '../../app/notify-context';
import { useI18n } from '../../i18n/i18n-context';
import { useCall } from './use-call';

/**
 * A new round: fiscal year (BE), name, ceiling, planning levels, optionally copying an earlier round's settings.
 * With `round`, the same fields edit that round (copying is only offered for a new one).
 */
export function NewRoundDialog({ onClose, round }: { onClose(): void; round?: RoundDetail | undefined }) {
  const { t, lang } = useI18n();
  const r = t.rounds;
  const { rounds, selectRound } = useSession();
  const notify = useNotify();
  const { busy, call } = useCall();
  // The fiscal year being planned is usually the next one.
  const [year, setYear] = useState(String(round?.fiscalYear ?? fiscalYearOf(new Date()) + 1));
  const [name, setName] = useState(round?.name ?? '');
  const [ceiling, setCeiling] = useState<number | null>(round?.ceiling ?? null);
  // Text in the ceiling that is not an amount: the last amount committed is not what the field shows.
  const [ceilingProblem, setCeilingProblem] = useState<AmountProblem | null>(null);
  const [levels, setLevels] = useState<PlanningLevel[]>(round ? [...round.levels] : [...PLANNING_LEVELS]);
  const [copyFrom, setCopyFrom] = useState<number | ''>('');
  const fy = Number(year);
  const yearOk = /^\d{4}$/u.test(year) && fy >= 2500 && fy <= 2700;
  const valid = yearOk && normalizeName(name) !== '' && ceiling !== null && ceilingProblem === null && levels.length > 0;

  const create = async (): Promise<void> => {
    if (!valid || ceiling === null) return;
    if (round) {
      const updated = await call('rounds.update', { roundId: round.id, fiscalYear: fy, name: name.trim(), levels });
      if (!updated) return;
      if (ceiling !== round.ceiling && !(await call('rounds.setCeiling', { roundId: round.id, ceiling }))) return;
      notify.success(r.updated(updated.name));
      onClose();
      return;
    }
    const created = await call('rounds.create', {
      fiscalYear: fy,
      name: name.trim(),
      ceiling,
      levels,
      ...(copyFrom === '' ? {} : { copyFromRoundId: copyFrom }),
    });
    if (!created) return;
    selectRound(created.id);
    notify.success(r.created(created.name));
    onClose();
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="new-round-dialog">
      <DialogTitle>{round ? r.editRound : r.newRound}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            size="small"
            label={r.fiscalYear}
            value={year}
            onChange={(e) => setYear(e.target.value.trim())}
            error={!yearOk}
            helperText={yearOk ? r.fiscalYearHelp : r.fiscalYearBad}
            slotProps={{ htmlInput: { 'data-testid': 'new-round-year', inputMode: 'numeric' } }}
            sx={{ width: 220 }}
          />
          <TextField
            size="small"
            label={r.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={r.namePlaceholder}
            slotProps={{ htmlInput: { 'data-testid': 'new-round-name', maxLength: ROUND_TEXT_LIMITS.roundName } }}
          />
          <MoneyField
            label={`${r.ceiling} (${t.money.baht})`}
            value={ceiling}
            onCommit={setCeiling}
            onProblem={setCeilingProblem}
            testId="new-round-ceiling"
            width={300}
          />
          <FormGroup>
            <FormLabel>{r.levels}</FormLabel>
            <Stack direction="row">
              {PLANNING_LEVELS.map((l) => (
                <FormControlLabel
                  key={l}
                  label={r.level[l]}
                  control={
                    <Checkbox
                      checked={levels.includes(l)}
                      onChange={(e) => setLevels(e.target.checked ? [...levels, l] : levels.filter((x) => x !== l))}
                      slotProps={{ input: { 'data-testid': `new-round-level-${l}` } as object }}
                    />
                  }
                />
              ))}
            </Stack>
          </FormGroup>
          {round ? null : (
            <TextField
              select
              size="small"
              label={r.copyFrom}
              value={copyFrom}
              onChange={(e) => setCopyFrom(e.target.value === '' ? '' : Number(e.target.value))}
              helperText={r.copyFromHelp}
              data-testid="new-round-copy"
            >
              <MenuItem value="">{r.copyNone}</MenuItem>
              {rounds.map((x) => (
                <MenuItem key={x.id} value={x.id}>
                  {`${t.app.fiscalYear(x.fiscalYear)} · ${x.name}`}
                </MenuItem>
              ))}
            </TextField>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{r.cancel}</Button>
        <WhyDisabled reason={ceilingProblem ? `${r.ceiling}: ${lang === 'th' ? ceilingProblem.th : ceilingProblem.en}` : null}>
          <Button variant="contained" disabled={!valid || busy} onClick={() => void create()} data-testid="new-round-create">
            {round ? r.save : r.create}
          </Button>
        </WhyDisabled>
      </DialogActions>
    </Dialog>
  );
}
