import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/errors';
import { isPullableUrl, NEEDS_SOURCE_LIMITS, type NeedsSource, type PullOutcome } from '../../../shared/api/needs-sources';
import { formatThaiDateTime } from '../../../shared/domain/thai-date';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { useQuery } from '../../app/use-query';
import { errorText, useI18n } from '../../i18n/i18n-context';
import type { Dict } from '../../i18n/th';

function outcomeText(o: PullOutcome, t: Dict): string {
  if (o.cancelled) return t.needsSources.cancelledRun(o.pages);
  if (!o.ok) return t.needsSources.failed(o.pages);
  if (o.upToDate) return t.needsSources.upToDate;
  return t.needsSources.resultOk(o.pages, o.newCount, o.changedCount, o.withdrawnCount);
}

/** The round's HTTPS needs sources: their last position and result, "sync now" per source, add and remove (owner). */
export function SourcesPanel() {
  const { t, lang } = useI18n();
  const { client } = useApi();
  const { round, can } = useSession();
  const allowed = can('needs.addSource');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [running, setRunning] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const list = useQuery('needs.sources', round && allowed ? { roundId: round.id } : null, { refetchOn: ['needs.synced'] });
  if (!allowed || !round) return null;

  const act = async (work: () => Promise<{ ok: true } | { ok: false; error: ApiError }>): Promise<void> => {
    setError(null);
    const r = await work();
    if (!r.ok) setError(r.error);
    list.reload();
  };
  const add = (): Promise<void> =>
    act(async () => {
      const r = await client.call('needs.addSource', { roundId: round.id, name: name.trim(), url: url.trim() });
      if (r.ok) {
        setName('');
        setUrl('');
      }
      return r;
    });
  const syncNow = (s: NeedsSource): Promise<void> =>
    act(async () => {
      setRunning(s.id);
      try {
        const r = await client.call('needs.pullSource', { sourceId: s.id });
        return r.ok && r.value.error
          ? { ok: false, error: { code: 'SOURCE_UNAVAILABLE', message: r.value.error.en, messageTh: r.value.error.th } }
          : r;
      } finally {
        setRunning(null);
      }
    });
  const urlBad = url.trim() !== '' && !isPullableUrl(url.trim());

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="sources-panel">
      <Stack spacing={1.5}>
        <Typography variant="subtitle2">{t.needsSources.title}</Typography>
        {list.data && list.data.length === 0 ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t.needsSources.empty}
          </Typography>
        ) : null}
        {list.data && list.data.length > 0 ? (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t.needsSources.name}</TableCell>
                <TableCell>{t.needsSources.cursor}</TableCell>
                <TableCell>{t.needsSources.lastRun}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data.map((s) => (
                <TableRow key={s.id} data-testid="source-row">
                  <TableCell>
                    <Typography variant="body2">{s.name}</Typography>
                    <Typography variant="caption" sx={{ color: 'text.secondary', wordBreak: 'break-all' }}>
                      {s.url}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2">{s.cursor ?? '—'}</Typography>
                    <Typography variant="caption" sx={{ color: 'text.secondary' }}>
                      {t.needsSources.pages}: {s.pages}
                    </Typography>
                  </TableCell>
                  <TableCell data-testid="source-result">
                    <Typography variant="body2">
                      {s.lastRunAt ? formatThaiDateTime(new Date(s.lastRunAt), lang) : t.needsSources.never}
                    </Typography>
                    {s.lastResult ? (
                      <Typography variant="caption" sx={{ color: s.lastResult.ok ? 'text.secondary' : 'error.main' }}>
                        {outcomeText(s.lastResult, t)}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Button
                      size="small"
                      variant="contained"
                      disabled={running !== null}
                      onClick={() => void syncNow(s)}
                      data-testid="source-sync-now"
                    >
                      {t.needsSources.syncNow}
                    </Button>
                    <Button
                      size="small"
                      color="error"
                      disabled={running !== null}
                      onClick={() => void act(() => client.call('needs.removeSource', { sourceId: s.id }))}
                    >
                      {t.needsSources.remove}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ alignItems: { md: 'flex-start' } }}>
          <TextField
            size="small"
            label={t.needsSources.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            slotProps={{ htmlInput: { maxLength: NEEDS_SOURCE_LIMITS.name } }}
          />
          <TextField
            size="small"
            sx={{ flex: 1, minWidth: 280 }}
            label={t.needsSources.url}
            value={url}
            error={urlBad}
            helperText={urlBad ? t.needsSources.badUrl : undefined}
            onChange={(e) => setUrl(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'source-url', maxLength: NEEDS_SOURCE_LIMITS.url } }}
          />
          <Button
            variant="outlined"
            disabled={name.trim() === '' || url.trim() === '' || urlBad}
            onClick={() => void add()}
            data-testid="source-add"
          >
            {t.needsSources.add}
          </Button>
        </Stack>
        {error ? (
          <Alert severity="error" onClose={() => setError(null)} data-testid="source-error">
            {errorText(error, lang)}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
