import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { formatBaht, parseBaht } from '../../../shared/domain/money';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';

/** The round's budget ceiling, typed in baht ("250,000,000" or "๒๕๐ ล้าน" style digits) and saved as satang. */
export function CeilingField({ onSaved, label }: { onSaved(): void; label?: string }) {
  const { client } = useApi();
  const notify = useNotify();
  const { round, can, reloadRound } = useSession();
  const allowed = can('rounds.setCeiling');
  const { lang, t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const parsed = parseBaht(text);

  useEffect(() => {
    if (round) setText(formatBaht(round.ceiling));
  }, [round]);

  const save = async (): Promise<void> => {
    if (!round || !parsed.ok) return;
    setBusy(true);
    const result = await client.call('rounds.setCeiling', { roundId: round.id, ceiling: parsed.satang });
    setBusy(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    notify.success(t.allocation.ceilingSaved);
    reloadRound();
    onSaved();
  };

  const changed = round !== undefined && parsed.ok && parsed.satang !== round.ceiling;
  return (
    <Stack
      component="form"
      direction="row"
      spacing={1}
      sx={{ alignItems: 'flex-start' }}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <TextField
        size="small"
        label={label ?? t.allocation.ceiling}
        value={text}
        disabled={!allowed || !round}
        onChange={(e) => setText(e.target.value)}
        error={text !== '' && !parsed.ok}
        helperText={!allowed ? t.app.readOnlyRole : text !== '' && !parsed.ok ? (lang === 'th' ? parsed.th : parsed.en) : ' '}
        slotProps={{
          htmlInput: { 'data-testid': 'ceiling-input', inputMode: 'decimal' },
          input: { endAdornment: <InputAdornment position="end">{t.money.baht}</InputAdornment> },
        }}
        sx={{ width: 300, '& input': { textAlign: 'right' } }}
      />
      <Button
        type="submit"
        variant="contained"
        disabled={!allowed || !changed || busy}
        data-testid="ceiling-save"
        sx={{ mt: 0.25 }}
      >
        {t.allocation.saveCeiling}
      </Button>
    </Stack>
  );
}
