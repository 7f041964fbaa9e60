import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/errors';
import { WORKSHOP_TEXT_LIMITS } from '../../../shared/api/workshop';
import { useApi } from '../../app/api-context';
import { useI18n } from '../../i18n/i18n-context';
import { hadSignIn, signInWith } from './workshop-token';

/** The PIN from the join link (`#/join?pin=123456`), so a scanned QR code fills it in. */
function pinFromLink(): string {
  const query = location.hash.split('?')[1] ?? '';
  const pin = new URLSearchParams(query).get('pin') ?? '';
  return /^\d{6}$/u.test(pin) ? pin : '';
}

/** Sign-in on a member's own device: the session PIN, their name, their secret or one-time code. Large fields. */
export function SignInPage() {
  const { t, lang } = useI18n();
  const s = t.workshop.signIn;
  const { client } = useApi();
  const [pin, setPin] = useState(pinFromLink);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ended = hadSignIn();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const result = await client.call('workshop.signIn', { pin: pin.trim(), name, secret: secret.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    signInWith(result.value.token, result.value.role === 'member' ? 'sheet' : 'projector');
  };

  const big = { '& .MuiInputBase-input': { fontSize: 22, py: 1.75 }, '& .MuiInputLabel-root': { fontSize: 18 } };
  return (
    <Paper component="form" onSubmit={(e) => void submit(e)} sx={{ maxWidth: 520, mx: 'auto', mt: 2, p: 3 }}>
      <Stack spacing={2.5}>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          {s.title}
        </Typography>
        {ended ? <Alert severity="info">{s.ended}</Alert> : null}
        <TextField
          label={s.pin}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/gu, '').slice(0, 6))}
          slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off', 'data-testid': 'join-pin' } }}
          required
          sx={big}
        />
        <TextField
          label={s.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
          slotProps={{ htmlInput: { autoComplete: 'name', 'data-testid': 'join-name', maxLength: WORKSHOP_TEXT_LIMITS.name } }}
          required
          sx={big}
        />
        <TextField
          label={s.secret}
          type="password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          slotProps={{
            htmlInput: { autoComplete: 'current-password', 'data-testid': 'join-secret', maxLength: WORKSHOP_TEXT_LIMITS.secret },
          }}
          required
          sx={big}
        />
        {error ? (
          <Alert severity="error" data-testid="join-error">
            {lang === 'th' ? error.messageTh : error.message}
          </Alert>
        ) : null}
        <Button
          type="submit"
          variant="contained"
          size="large"
          disabled={busy}
          data-testid="join-submit"
          sx={{ fontSize: 22, py: 1.5 }}
        >
          {s.submit}
        </Button>
      </Stack>
    </Paper>
  );
}
