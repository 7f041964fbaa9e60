import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { SampleFootprint } from '../../../shared/api/types';
import { useApiEvent } from '../../app/api-context';
import { useQuery } from '../../app/use-query';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { useCall } from './use-call';

/** Set while this device removes the sample, so that its own `sample.removed` event does not reload it meanwhile. */
let removingHere = false;

/**
 * Every other device reads the program again from the start once the sample is gone (its screens held the demo
 * round and the synthetic needs). The device that removed it reloads when its user has read the outcome.
 */
export function useReloadWhenSampleRemoved(): void {
  useApiEvent(['sample.removed'], () => {
    if (!removingHere) window.location.reload();
  });
}

/**
 * For a database that holds the synthetic sample: what taking it out would remove (the demo round and all in it, the
 * synthetic needs, the synthetic populations a reference import has not replaced), what stops it, and the removal
 * itself after a confirmation, backed up first. Shown to the owner only.
 */
export function SampleRemovalCard() {
  const { t, lang } = useI18n();
  const x = t.rounds.sample;
  const { info, can } = useSession();
  const allowed = info?.synthetic === true && can('sample.remove');
  const footprint = useQuery('sample.footprint', allowed ? {} : null, {
    refetchOn: ['round.changed', 'links.changed', 'areas.changed', 'needs.synced'],
  });
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<(SampleFootprint & { backup: string }) | null>(null);
  const { busy, call } = useCall();
  if (!allowed && !done) return null;
  const f = footprint.data;

  const remove = async (): Promise<void> => {
    removingHere = true;
    const r = await call('sample.remove', {});
    if (r) setDone(r);
    else removingHere = false;
    setConfirming(false);
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }} data-testid="sample-removal">
      <Typography variant="h6" component="h3">
        {x.title}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', maxWidth: 900 }}>
        {x.intro}
      </Typography>
      {f && f.present ? (
        <Typography variant="body2" data-testid="sample-footprint">
          {x.footprint(f)}
        </Typography>
      ) : null}
      {f && f.blockers.length > 0 ? (
        <Alert severity="warning" data-testid="sample-blockers">
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {x.blocked}
          </Typography>
          <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 3 }}>
            {f.blockers.map((b, i) => (
              <li key={i}>{lang === 'th' ? b.th : b.en}</li>
            ))}
          </Box>
        </Alert>
      ) : null}
      {done ? (
        <Alert
          severity="success"
          data-testid="sample-removed"
          action={
            <Button color="inherit" size="small" data-testid="sample-reload" onClick={() => window.location.reload()}>
              {x.continue}
            </Button>
          }
        >
          {x.removed(done)}
        </Alert>
      ) : (
        <Box>
          <Button
            variant="outlined"
            color="error"
            data-testid="sample-remove"
            disabled={!f || !f.present || f.blockers.length > 0 || busy}
            onClick={() => setConfirming(true)}
          >
            {x.remove}
          </Button>
        </Box>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)} maxWidth="sm" fullWidth data-testid="sample-confirm">
        <DialogTitle>{x.confirmTitle}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {f ? x.footprint(f) : null}
          </Typography>
          <Typography variant="body2">{x.confirmText}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} data-testid="sample-cancel">
            {x.cancel}
          </Button>
          <Button
            color="error"
            variant="contained"
            disabled={busy}
            onClick={() => void remove()}
            data-testid="sample-confirm-remove"
          >
            {x.confirmRemove}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
