import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { STATUS_MOVES, type RoundStatus } from '../../../shared/api/rounds';
import type { RoundDetail } from '../../../shared/api/types';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { formatSatang } from '../../i18n/format';
import { CriteriaEditor } from './CriteriaEditor';
import { IssuesEditor } from './IssuesEditor';
import { MembersEditor } from './MembersEditor';
import { NewRoundDialog } from './NewRoundDialog';
import { Fact } from './Fact';
import { ReferenceDataPanel } from './ReferenceDataPanel';
import { SampleRemovalCard } from './SampleRemovalCard';
import { RoundSteps } from './RoundSteps';
import { useCall } from './use-call';

const TABS = ['steps', 'issues', 'members', 'criteria', 'reference'] as const;
type RoundTab = (typeof TABS)[number];

/** The round's home: which round, its status, the steps of the work in order, and its setup. */
export function RoundScreen() {
  const { t } = useI18n();
  const { round, rounds, selectRound, can } = useSession();
  const [creating, setCreating] = useState(false);
  const [tab, setTab] = useState<RoundTab>('steps');
  const r = t.rounds;

  return (
    <Box data-testid="screen-round" sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 1400 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h2">
          {r.title}
        </Typography>
        {rounds.length > 0 ? (
          <TextField
            select
            size="small"
            label={r.pick}
            value={round?.id ?? ''}
            onChange={(e) => selectRound(Number(e.target.value))}
            data-testid="round-select"
            sx={{ minWidth: 360 }}
          >
            {rounds.map((x) => (
              <MenuItem key={x.id} value={x.id} data-testid={`round-option-${x.id}`}>
                {`${t.app.fiscalYear(x.fiscalYear)} · ${x.name}${x.demo ? ` (${r.demo})` : ''}${x.archived ? ` (${r.archived})` : ''}`}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
        {can('rounds.create') ? (
          <Button variant="contained" onClick={() => setCreating(true)} data-testid="round-new">
            {r.newRound}
          </Button>
        ) : null}
      </Stack>
      {creating ? <NewRoundDialog onClose={() => setCreating(false)} /> : null}
      {!round ? (
        <Alert severity="info" data-testid="round-empty">
          {r.empty}
        </Alert>
      ) : (
        <>
          <RoundHeader round={round} />
          <Tabs value={tab} onChange={(_e, next: RoundTab) => setTab(next)} sx={{ borderBottom: 1, borderColor: 'divider' }}>
            {TABS.map((x) => (
              <Tab key={x} value={x} label={r.tabs[x]} data-testid={`round-tab-${x}`} />
            ))}
          </Tabs>
          {tab === 'steps' ? <RoundSteps round={round} /> : null}
          {tab === 'issues' ? <IssuesEditor round={round} /> : null}
          {tab === 'members' ? <MembersEditor round={round} /> : null}
          {tab === 'criteria' ? <CriteriaEditor round={round} /> : null}
          {tab === 'reference' ? (
            <>
              <ReferenceDataPanel />
              <SampleRemovalCard />
            </>
          ) : null}
        </>
      )}
    </Box>
  );
}

const STATUS_COLOR: Readonly<Record<RoundStatus, 'default' | 'info' | 'success' | 'warning'>> = {
  preparing: 'info',
  in_session: 'warning',
  approved: 'success',
  closed: 'default',
};

function RoundHeader({ round }: { round: RoundDetail }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { busy, call } = useCall();
  const [editing, setEditing] = useState(false);
  const r = t.rounds;
  const locked = round.status === 'closed' || round.archived;
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }} data-testid="round-header">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h3" data-testid="round-title" sx={{ fontWeight: 700 }}>
          {round.name}
        </Typography>
        <Chip
          label={t.roundStatus[round.status]}
          color={STATUS_COLOR[round.status]}
          data-testid="round-status"
          data-status={round.status}
        />
        {round.demo ? <Chip label={r.demoLong} sx={{ bgcolor: '#ffd54f', color: '#3e2a00', fontWeight: 700 }} /> : null}
        {round.archived ? <Chip label={r.archived} variant="outlined" /> : null}
      </Stack>
      <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        <Fact label={r.fiscalYear} value={t.app.fiscalYear(round.fiscalYear)} testId="round-fy" />
        <Fact label={r.ceiling} value={t.money.withUnit(formatSatang(round.ceiling))} testId="round-ceiling" />
        <Fact label={r.levels} value={round.levels.map((l) => r.level[l]).join(', ')} testId="round-levels" />
        <Fact label={r.projects} value={String(round.projectCount)} testId="round-projects" />
      </Stack>
      {can('rounds.setStatus') ? (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {r.moveStatus}
          </Typography>
          {/* "Approved" comes with a plan's approval (allocation screen); by hand only back to a round that has one. */}
          {STATUS_MOVES[round.status]
            .filter((next) => next !== 'approved' || round.approvalCount > 0)
            .map((next) => (
              <Button
                key={next}
                size="small"
                variant="outlined"
                disabled={busy}
                data-testid={`status-to-${next}`}
                onClick={() => void call('rounds.setStatus', { roundId: round.id, status: next })}
              >
                {r.statusAction[next]}
              </Button>
            ))}
          {!locked ? (
            <Button size="small" disabled={busy} data-testid="round-edit" onClick={() => setEditing(true)}>
              {r.editRound}
            </Button>
          ) : null}
          {round.status === 'closed' || round.demo ? (
            <Button
              size="small"
              disabled={busy}
              data-testid="round-archive"
              onClick={() => void call('rounds.archive', { roundId: round.id, archived: !round.archived })}
            >
              {round.archived ? r.restore : r.archive}
            </Button>
          ) : null}
          {locked ? (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {r.lockedHint}
            </Typography>
          ) : null}
        </Stack>
      ) : null}
      {editing ? <NewRoundDialog round={round} onClose={() => setEditing(false)} /> : null}
    </Paper>
  );
}
