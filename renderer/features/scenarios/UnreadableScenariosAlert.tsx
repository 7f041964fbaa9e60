import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useSession } from '../../app/session-context';
import { useQuery } from '../../app/use-query';
import { useI18n } from '../../i18n/i18n-context';
import { useCall } from '../rounds/use-call';

/**
 * Scenarios of the round whose stored parameters no longer read (a file edited by hand, a rule changed): left out of
 * the list so the others stay usable, named here with where they fail, and deletable by the owner.
 */
export function UnreadableScenariosAlert() {
  const { t, lang } = useI18n();
  const { round, can } = useSession();
  const allowed = can('scenarios.delete');
  const roundId = round?.id;
  const unreadable = useQuery('scenarios.unreadable', roundId === undefined ? null : { roundId }, {
    refetchOn: ['scenario.changed'],
  });
  const { busy, call } = useCall();
  if (!unreadable.data || unreadable.data.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="scenarios-unreadable">
      <AlertTitle>{t.scenarios.unreadableTitle(unreadable.data.length)}</AlertTitle>
      <Stack spacing={0.5}>
        {unreadable.data.map((u) => (
          <Stack key={u.id} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="scenario-unreadable">
            <Typography variant="body2">{lang === 'th' ? u.messageTh : u.message}</Typography>
            {allowed ? (
              <Button
                size="small"
                color="warning"
                disabled={busy}
                onClick={() => void call('scenarios.delete', { scenarioId: u.id })}
              >
                {t.scenarios.deleteUnreadable}
              </Button>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}
