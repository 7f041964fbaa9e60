import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { canCall, type Args, type MethodName } from '../../../shared/api/contract';
import type { Role } from '../../../shared/api/types';
import type { WorkshopStatus } from '../../../shared/api/workshop';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useQuery } from '../../app/use-query';
import { useI18n } from '../../i18n/i18n-context';
import { ParticipantForm } from './ParticipantForm';

/**
 * The session panel (the owner's workbench tab, and a signed-in facilitator's device): open on a chosen interface,
 * PIN, join link and QR code, participants with their progress, one-time codes, reveal, close. Every control asks
 * `canCall` (the contract's role table, the one the host enforces); a control the role may not use is disabled and
 * says why.
 */
export function WorkshopPanel({ roundId }: { roundId?: number }) {
  const { t } = useI18n();
  const w = t.workshop;
  const me = useQuery('workshop.me', {}, { refetchOn: ['workshop.changed'] });
  const role = me.data?.role;
  const status = useQuery('workshop.status', canCall(role, 'workshop.status') ? {} : null, {
    refetchOn: ['workshop.changed', 'scores.changed'],
  });
  if (!role) return <LinearProgress />;
  const session = status.data ?? null;
  return (
    <Stack spacing={2} sx={{ maxWidth: 1100 }} data-testid="workshop-panel">
      <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
        {w.title}
      </Typography>
      {session ? <OpenSession session={session} role={role} /> : <OpenForm roundId={roundId} role={role} />}
    </Stack>
  );
}

/** Props that disable a control the role may not use and say why (as the workbench's read-only controls do). */
function guarded(role: Role, method: MethodName, label: (role: string) => string, roleName: string) {
  const allowed = canCall(role, method);
  return { disabled: !allowed, title: allowed ? undefined : label(roleName) };
}

function OpenForm({ roundId, role }: { roundId: number | undefined; role: Role }) {
  const { t } = useI18n();
  const w = t.workshop;
  const { client } = useApi();
  const notify = useNotify();
  const interfaces = useQuery('workshop.interfaces', canCall(role, 'workshop.interfaces') ? {} : null);
  const [address, setAddress] = useState('127.0.0.1');
  const [busy, setBusy] = useState(false);
  const guard = guarded(role, 'workshop.open', w.notAllowed, w.roles[role] ?? role);
  const open = async (): Promise<void> => {
    if (roundId === undefined) return;
    setBusy(true);
    const result = await client.call('workshop.open', { roundId, address });
    setBusy(false);
    if (!result.ok) notify.error(result.error);
  };
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack spacing={2}>
          <Typography>{w.intro}</Typography>
          <TextField
            select
            label={w.interface}
            data-testid="workshop-interface-select"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            helperText={w.interfaceHint}
            disabled={guard.disabled}
            slotProps={{ htmlInput: { 'data-testid': 'workshop-interface' } }}
            sx={{ maxWidth: 520 }}
          >
            {(interfaces.data ?? [{ address: '127.0.0.1', name: 'lo', family: 'IPv4', loopback: true }]).map((i) => (
              <MenuItem key={i.address} value={i.address} data-testid={`interface-${i.address}`}>
                {i.address} ({i.name}){i.address === '127.0.0.1' ? ` · ${w.loopbackOnly}` : ''}
              </MenuItem>
            ))}
          </TextField>
          <Box title={guard.title}>
            <Button
              variant="contained"
              data-testid="workshop-open"
              disabled={guard.disabled || busy || roundId === undefined}
              title={guard.title}
              onClick={() => void open()}
            >
              {w.open}
            </Button>
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
}

function OpenSession({ session, role }: { session: WorkshopStatus; role: Role }) {
  const { t } = useI18n();
  const w = t.workshop;
  const { client } = useApi();
  const notify = useNotify();
  const roleName = w.roles[role] ?? role;
  const [code, setCode] = useState<{ name: string; code: string } | null>(null);
  const call = async <M extends 'workshop.reveal' | 'workshop.close' | 'workshop.removeParticipant'>(
    method: M,
    args: Args<M>,
  ): Promise<void> => {
    const result = await client.call(method, args);
    if (!result.ok) notify.error(result.error);
    else if (method === 'workshop.close') notify.success(w.closed((result.value as { revokedTokens: number }).revokedTokens));
  };
  const issue = async (participantId: number, name: string): Promise<void> => {
    const result = await client.call('workshop.issueCode', { participantId });
    if (result.ok) setCode({ name, code: result.value.code });
    else notify.error(result.error);
  };
  const closeGuard = guarded(role, 'workshop.close', w.notAllowed, roleName);
  const revealGuard = guarded(role, 'workshop.reveal', w.notAllowed, roleName);
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(session.qrSvg)}`;
  return (
    <>
      <Card variant="outlined">
        <CardContent sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', alignItems: 'center' }}>
          <img src={qr} alt={w.qr} width={180} height={180} data-testid="workshop-qr" style={{ background: '#fff' }} />
          <Stack spacing={1} sx={{ minWidth: 280 }}>
            <Typography color="text.secondary">{w.pin}</Typography>
            <Typography data-testid="workshop-pin" sx={{ fontSize: 48, fontWeight: 700, letterSpacing: 6, lineHeight: 1 }}>
              {session.pin}
            </Typography>
            <Typography color="text.secondary">{w.joinLink}</Typography>
            <Typography data-testid="workshop-join-url" sx={{ fontFamily: 'monospace', fontSize: 18, wordBreak: 'break-all' }}>
              {session.joinUrl}
            </Typography>
          </Stack>
          <Stack spacing={1} sx={{ ml: 'auto' }}>
            <Alert severity={session.revealed ? 'success' : 'info'} data-testid="workshop-revealed">
              {session.revealed ? w.revealed : w.hidden}
            </Alert>
            <Button
              variant="contained"
              color={session.revealed ? 'inherit' : 'primary'}
              data-testid="workshop-reveal"
              {...revealGuard}
              onClick={() => void call('workshop.reveal', { revealed: !session.revealed })}
            >
              {session.revealed ? w.hide : w.reveal}
            </Button>
            <Button variant="outlined" href="#/projector" target="_blank" data-testid="workshop-projector-link">
              {w.openProjector}
            </Button>
            <Button
              variant="outlined"
              color="error"
              data-testid="workshop-close"
              {...closeGuard}
              onClick={() => void call('workshop.close', {})}
            >
              {w.close}
            </Button>
          </Stack>
        </CardContent>
      </Card>
      <Typography variant="h6" component="h3">
        {w.participants}
      </Typography>
      <Table size="small" data-testid="workshop-participants">
        <TableHead>
          <TableRow>
            <TableCell>{w.name}</TableCell>
            <TableCell>{w.role}</TableCell>
            <TableCell>{t.workshop.projector.progress}</TableCell>
            <TableCell />
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {session.participants.map((p) => (
            <TableRow key={p.id} data-testid={`participant-${p.id}`} data-name={p.name} data-scored={p.scored}>
              <TableCell>{p.name}</TableCell>
              <TableCell>{w.roles[p.role]}</TableCell>
              <TableCell sx={{ minWidth: 180 }}>
                {p.role === 'member' ? (
                  <Box>
                    <span data-testid={`participant-progress-${p.id}`}>{w.progress(p.scored, p.assigned)}</span>
                    <LinearProgress variant="determinate" value={p.assigned ? (100 * p.scored) / p.assigned : 0} />
                  </Box>
                ) : null}
              </TableCell>
              <TableCell>
                {w.devices(p.devices)} · {p.hasSecret ? w.secretSet : w.noSecret}
                {p.codePending ? ` · ${w.codePending}` : ''}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button
                  size="small"
                  {...guarded(role, 'workshop.issueCode', w.notAllowed, roleName)}
                  onClick={() => void issue(p.id, p.name)}
                >
                  {w.issueCode}
                </Button>
                <Button
                  size="small"
                  color="error"
                  {...guarded(role, 'workshop.removeParticipant', w.notAllowed, roleName)}
                  onClick={() => void call('workshop.removeParticipant', { participantId: p.id })}
                >
                  {w.remove}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ParticipantForm session={session} role={role} />
      <Dialog open={code !== null} onClose={() => setCode(null)}>
        <DialogTitle>{code ? w.codeFor(code.name) : ''}</DialogTitle>
        <DialogContent>
          <Typography
            data-testid="one-time-code"
            sx={{ fontSize: 44, fontWeight: 700, letterSpacing: 6, fontFamily: 'monospace' }}
          >
            {code?.code}
          </Typography>
          <Typography color="text.secondary">{w.codeHint}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setCode(null)}>{t.app.close}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
