import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ProjectorView } from '../../../shared/api/workshop';
import { formatBaht } from '../../../shared/domain/money';
import { useQuery } from '../../app/use-query';
import { useI18n } from '../../i18n/i18n-context';

/**
 * The projector: each member's progress, then, once the facilitator reveals them, the ranking with each project's
 * disagreement and the live allocation against the ceiling. Presentation mode sets everything in large type.
 * `compact` (on a member's phone) shows only the top of the revealed results: rank, project and funding.
 */
export function Projector({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const p = t.workshop.projector;
  const view = useQuery(
    'workshop.projector',
    {},
    {
      refetchOn: ['workshop.changed', 'scores.changed', 'allocation.changed', 'round.changed'],
    },
  );
  const [presenting, setPresenting] = useState(false);
  // The session closed (or none is open): say so rather than keep showing the last view.
  if (view.error?.code === 'INVALID_STATE') return <Alert severity="info">{t.workshop.noSession}</Alert>;
  if (!view.data) return <CircularProgress sx={{ m: 4 }} />;
  const data = view.data;
  const scale = presenting ? 1.7 : 1;
  return (
    <Stack spacing={3} data-testid="projector" data-revealed={data.revealed} sx={{ fontSize: `${scale}rem` }}>
      {compact ? null : (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          {/* One line even in large type (the round's full name is its tooltip): the ranking is what the room reads. */}
          <Typography
            component="h2"
            noWrap
            title={`${p.title} · ${data.roundName}`}
            sx={{ fontWeight: 700, fontSize: `${Math.min(2 * scale, 2.4)}rem`, minWidth: 0 }}
          >
            {p.title} · {data.roundName}
          </Typography>
          <FormControlLabel
            sx={{ ml: 'auto', flexShrink: 0 }}
            control={
              <Switch checked={presenting} onChange={(e) => setPresenting(e.target.checked)} data-testid="presentation-mode" />
            }
            label={p.presentation}
          />
        </Box>
      )}
      {/* Before the reveal the room follows the members' progress; once revealed, the ranking comes first. */}
      {compact || data.results ? null : <Progress data={data} scale={scale} />}
      {data.results ? (
        <Results results={data.results} scale={scale} compact={compact} />
      ) : (
        <Alert severity="info" data-testid="results-hidden" sx={{ fontSize: `${1.1 * scale}rem` }}>
          {p.waiting}
        </Alert>
      )}
      {compact || !data.results ? null : <Progress data={data} scale={scale} />}
    </Stack>
  );
}

function Progress({ data, scale }: { data: ProjectorView; scale: number }) {
  const { t } = useI18n();
  const p = t.workshop.projector;
  return (
    <Box>
      <Typography component="h3" sx={{ fontWeight: 700, fontSize: `${1.4 * scale}rem`, mb: 1 }}>
        {p.progress}
      </Typography>
      {data.progress.length === 0 ? <Typography>{p.noMembers}</Typography> : null}
      <Stack spacing={1.25}>
        {data.progress.map((m) => (
          <Box
            key={m.participantId}
            data-testid={`progress-${m.participantId}`}
            data-scored={m.scored}
            data-assigned={m.assigned}
          >
            <Box sx={{ display: 'flex', justifyContent: 'space-between', fontSize: `${1.1 * scale}rem` }}>
              <span>{m.name}</span>
              <span>{t.workshop.progress(m.scored, m.assigned)}</span>
            </Box>
            <LinearProgress
              variant="determinate"
              value={m.assigned ? (100 * m.scored) / m.assigned : 0}
              sx={{ height: 10 * scale, borderRadius: 5 }}
            />
          </Box>
        ))}
      </Stack>
    </Box>
  );
}

function Results({
  results,
  scale,
  compact,
}: {
  results: NonNullable<ProjectorView['results']>;
  scale: number;
  compact: boolean;
}) {
  const { t } = useI18n();
  const p = t.workshop.projector;
  const cell = { fontSize: `${scale * 0.95}rem`, py: 0.75 * scale };
  const rows = compact ? results.rows.slice(0, 10) : results.rows;
  return (
    <Box>
      {compact ? null : (
        <Typography component="h3" sx={{ fontWeight: 700, fontSize: `${1.4 * scale}rem` }}>
          {p.results}
        </Typography>
      )}
      {results.includedOverCeiling === null ? (
        <Typography data-testid="projector-funding" sx={{ fontSize: `${1.2 * scale}rem`, my: 1 }}>
          {p.funding(formatBaht(results.totalFunded), formatBaht(results.ceiling), results.fundedCount)}
        </Typography>
      ) : (
        <Alert severity="warning" data-testid="projector-over-ceiling" sx={{ fontSize: `${1.1 * scale}rem`, my: 1 }}>
          {p.includedOverCeiling(formatBaht(results.includedOverCeiling), formatBaht(results.ceiling))}
        </Alert>
      )}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={cell}>{p.rank}</TableCell>
            <TableCell sx={cell}>{p.project}</TableCell>
            {compact ? null : (
              <>
                <TableCell sx={cell} align="right">
                  {p.composite}
                </TableCell>
                <TableCell sx={cell} align="right">
                  {p.disagreement}
                </TableCell>
              </>
            )}
            <TableCell sx={cell} align="right">
              {p.funded}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow
              key={r.projectId}
              data-testid={`result-${r.code}`}
              sx={r.funded > 0 ? { bgcolor: 'rgba(46,125,50,0.08)' } : undefined}
            >
              <TableCell sx={cell}>{r.rank}</TableCell>
              <TableCell sx={cell}>
                {r.code} {r.title}
              </TableCell>
              {compact ? null : (
                <>
                  <TableCell sx={cell} align="right">
                    {r.composite.toFixed(3)}
                  </TableCell>
                  <TableCell sx={cell} align="right">
                    <DisagreementBar value={r.disagreement} />
                  </TableCell>
                </>
              )}
              <TableCell sx={cell} align="right">
                {r.funded > 0 ? formatBaht(r.funded) : '—'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** 0–100 % with a bar: how far apart members' scores of the project are. */
function DisagreementBar({ value }: { value: number }) {
  const percent = Math.round(value * 100);
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
      <Box sx={{ width: 60, height: 8, bgcolor: 'grey.200', borderRadius: 4, overflow: 'hidden' }}>
        <Box sx={{ width: `${percent}%`, height: '100%', bgcolor: percent >= 40 ? 'warning.main' : 'info.main' }} />
      </Box>
      <span>{percent}%</span>
    </Box>
  );
}
