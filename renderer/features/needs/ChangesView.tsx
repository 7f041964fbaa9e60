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
import { formatBaht } from '../../../shared/domain/money';
import { useQuery } from '../../app/use-query';
import { useI18n } from '../../i18n/i18n-context';

type Kind = NeedChange['kind'];

/** What one sync or import changed: new, changed (field by field, before → after) and withdrawn needs. */
export function ChangesView({ batchId }: { batchId: number }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind | 'all'>('all');
  const page = useQuery('needs.changes', { batchId, limit: 200, ...(kind === 'all' ? {} : { kind }) });
  const data = page.data;
  const label = (field: string): string => {
    const col = t.needs.col;
    const names: Record<string, string> = {
      status: col.status,
      title: col.title,
      description: t.needsImport.description,
      category: col.category,
      tambon_code: col.tambon,
      village_no: col.villageNo,
      households: col.households,
      people_affected: col.peopleAffected,
      times_raised: col.timesRaised,
      channel: col.channel,
      reported_date: col.reportedDate,
      estimated_cost: col.estimatedCost,
    };
    return names[field] ?? field;
  };
  const value = (field: string, v: string | number | null): string => {
    if (v === null) return '—';
    if (field === 'estimated_cost' && typeof v === 'number') return formatBaht(v);
    if (field === 'status' && (v === 'active' || v === 'withdrawn')) return t.needs.status[v];
    return String(v);
  };
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
