import { useState } from 'react';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { NeedChange } from '../../../shared/api/types';
import { useQuery } from '../../app/use-query';
import { formatShortDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { useChangeLabels } from './change-labels';

type Kind = NeedChange['kind'];

/** What one sync or import changed: new, changed (field by field, before → after) and withdrawn needs. */
export function ChangesView({ batchId }: { batchId: number }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind | 'all'>('all');
  const page = useQuery('needs.changes', { batchId, limit: 200, ...(kind === 'all' ? {} : { kind }) });
  const data = page.data;
  const { label, value } = useChangeLabels();
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="changes-view" data-batch={batchId}>
      <Stack spacing={1}>
        <Typography variant="subtitle1" component="h3">
          {t.needsImport.changesTitle(batchId)}
        </Typography>
        <ToggleButtonGroup size="small" exclusive value={kind} onChange={(_e, v: Kind | 'all' | null) => v && setKind(v)}>
          <ToggleButton value="all" data-testid="changes-all">
            {t.needsImport.all}
          </ToggleButton>
          {(['new', 'changed', 'withdrawn'] as const).map((k) => (
            <ToggleButton key={k} value={k} data-testid={`changes-${k}`} data-count={data?.counts[k] ?? ''}>
              {t.needsImport.kind[k]} ({data?.counts[k] ?? '…'})
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {data && data.rows.length === 0 ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t.needsImport.noChanges}
          </Typography>
        ) : null}
        {data && data.rows.length > 0 ? (
          <Table size="small" data-testid="changes-table">
            <TableHead>
              <TableRow>
                <TableCell>{t.needs.col.externalId}</TableCell>
                <TableCell>{t.needs.col.title}</TableCell>
                <TableCell>{t.needs.col.tambon}</TableCell>
                <TableCell />
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.rows.map((r) => (
                <TableRow key={r.needId} data-testid="change-row" data-kind={r.kind} data-id={r.externalId}>
                  <TableCell>{r.externalId}</TableCell>
                  <TableCell>{r.title}</TableCell>
                  <TableCell>{r.tambonCode}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      label={t.needsImport.kind[r.kind]}
                      color={r.kind === 'withdrawn' ? 'warning' : r.kind === 'new' ? 'success' : 'info'}
                    />
                  </TableCell>
                  <TableCell>
                    {r.fields.map((f) => (
                      <div key={f.field} data-testid="change-field" data-field={f.field}>
                        {label(f.field)}: {value(f.field, f.before)} → {value(f.field, f.after)}
                      </div>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
        {data && data.total > data.rows.length ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t.needsImport.moreChanges(data.rows.length, data.total)}
          </Typography>
        ) : null}
      </Stack>
    </Paper>
  );
}

/**
 * What syncs and imports changed in the needs linked to one proposal, newest batch first: where a proposal's
 * "evidence changed" flag leads (`#/needs?project=12`).
 */
export function ProjectChangesView({ projectId, onClear }: { projectId: number; onClear(): void }) {
  const { lang, t } = useI18n();
  const x = t.needsExplorer.projectChanges;
  const { label, value } = useChangeLabels();
  const data = useQuery('needs.changesForProject', { projectId }, { refetchOn: ['needs.synced'] }).data;
  if (!data) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="project-changes" data-project={projectId} data-total={data.total}>
      <Stack spacing={1}>
        <Typography variant="subtitle1" component="h3">
          {x.title(data.code)} — {data.title}
        </Typography>
        <Chip
          sx={{ alignSelf: 'flex-start' }}
          label={t.needsExplorer.project(data.code)}
          onDelete={onClear}
          data-testid="needs-project-filter"
        />
        {data.rows.length === 0 ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {x.none}
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{x.batch}</TableCell>
                <TableCell>{t.needs.col.externalId}</TableCell>
                <TableCell>{t.needs.col.title}</TableCell>
                <TableCell />
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.rows.map((r) => (
                <TableRow
                  key={`${r.batchId}-${r.needId}`}
                  data-testid="project-change-row"
                  data-kind={r.kind}
                  data-id={r.externalId}
                >
                  <TableCell>
                    {r.batchId} · {formatShortDate(r.at, lang)}
                  </TableCell>
                  <TableCell>{r.externalId}</TableCell>
                  <TableCell>{r.title}</TableCell>
                  <TableCell>
                    <Chip size="small" label={t.needsImport.kind[r.kind]} color={r.kind === 'withdrawn' ? 'warning' : 'info'} />
                  </TableCell>
                  <TableCell>
                    {r.fields.map((f) => (
                      <div key={f.field} data-testid="change-field" data-field={f.field}>
                        {label(f.field)}: {value(f.field, f.before)} → {value(f.field, f.after)}
                      </div>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {data.total > data.rows.length ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {x.more(data.rows.length, data.total)}
          </Typography>
        ) : null}
      </Stack>
    </Paper>
  );
}
