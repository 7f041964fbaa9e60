import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { AgencyRoute } from '../../../shared/api/types';
import { useNotify } from '../../app/notify-context';
import { useQuery } from '../../app/use-query';
import { useNames } from '../../app/use-names';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { useCall } from '../rounds/use-call';

/** The agency each category's unmet needs go to in this round; the owner edits it, everyone else reads it. */
export function AgencyRoutesPanel({ roundId }: { roundId: number }) {
  const { t } = useI18n();
  const routes = useQuery('unmet.routes', { roundId }, { refetchOn: ['round.changed'] });
  return (
    <Box>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
        {t.unmet.routesTitle}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
        {t.unmet.routesHelp}
      </Typography>
      <Table size="small" data-testid="unmet-routes">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 280 }}>{t.unmet.category}</TableCell>
            <TableCell>{t.unmet.agency}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(routes.data ?? []).map((r) => (
            <RouteRow key={r.category} roundId={roundId} route={r} onSaved={routes.reload} />
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function RouteRow({ roundId, route, onSaved }: { roundId: number; route: AgencyRoute; onSaved(): void }) {
  const { t } = useI18n();
  const names = useNames();
  const notify = useNotify();
  const { can } = useSession();
  const allowed = can('unmet.setRoute');
  const { busy, call } = useCall();
  const [draft, setDraft] = useState(route.agency ?? '');
  useEffect(() => setDraft(route.agency ?? ''), [route.agency]);

  const save = async (agency: string | null): Promise<void> => {
    const saved = await call('unmet.setRoute', { roundId, category: route.category, agency });
    if (saved) {
      notify.success(t.unmet.saved);
      onSaved();
    }
  };

  const hint = route.overridden
    ? `${t.unmet.overridden}${route.defaultAgency ? ` · ${t.unmet.defaultAgency(route.defaultAgency)}` : ''}`
    : undefined;
  return (
    <TableRow data-testid={`unmet-route-${route.category}`} data-agency={route.agency ?? ''}>
      <TableCell>{names.category(route.category)}</TableCell>
      <TableCell>
        {allowed ? (
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <TextField
              size="small"
              value={draft}
              placeholder={t.unmet.noAgency}
              helperText={hint}
              onChange={(e) => setDraft(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': `unmet-route-input-${route.category}`, maxLength: 200 } }}
              sx={{ flex: 1 }}
            />
            <Button
              size="small"
              variant="contained"
              disabled={busy || draft.trim() === '' || draft.trim() === (route.agency ?? '')}
              onClick={() => void save(draft.trim())}
              data-testid={`unmet-route-save-${route.category}`}
            >
              {t.unmet.save}
            </Button>
            <Button size="small" disabled={busy || !route.overridden} onClick={() => void save(null)}>
              {t.unmet.reset}
            </Button>
          </Box>
        ) : (
          <Typography variant="body2" title={hint}>
            {route.agency ?? t.unmet.noAgency}
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}
