import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { JUDGEMENT_TEXT_LIMITS, type OverrideView } from '../../../shared/api/judgement';
import type { ProjectRow, RoundDetail } from '../../../shared/api/types';
import { OVERRIDE_KINDS, type OverrideKind } from '../../../shared/domain/judgement/overrides';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useQuery } from '../../app/use-query';
import { useI18n } from '../../i18n/i18n-context';
import { formatThaiDateTime } from '../../../shared/domain/thai-date';
import { useProjects } from '../projects/use-projects';
import { notScoreEcho } from './score-echo';

/** Overrides of the ranking: each with its written reason and the member who asked; withdrawn ones stay listed. */
export function OverridesPanel({ round }: Readonly<{ round: RoundDetail }>) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const allowed = can('judgement.addOverride');
  const list = useQuery('judgement.overrides', { roundId: round.id }, { refetchOn: ['allocation.changed'], when: notScoreEcho });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {allowed ? <OverrideForm round={round} onDone={list.reload} /> : null}
      <List dense data-testid="overrides-list">
        {(list.data ?? []).length === 0 ? <ListItem>{t.judgement.noOverrides}</ListItem> : null}
        {(list.data ?? []).map((o) => (
          <OverrideItem key={o.id} o={o} lang={lang} canWithdraw={can('judgement.withdrawOverride')} onDone={list.reload} />
        ))}
      </List>
    </Box>
  );
}

function OverrideForm({ round, onDone }: Readonly<{ round: RoundDetail; onDone(): void }>) {
  const { client } = useApi();
  const { t } = useI18n();
  const notify = useNotify();
  const projects = useProjects();
  const [project, setProject] = useState<ProjectRow | null>(null);
  const [kind, setKind] = useState<OverrideKind>('move');
  const [position, setPosition] = useState('1');
  const [reason, setReason] = useState('');
  const [requestedBy, setRequestedBy] = useState<number | ''>('');
  const submit = async () => {
    if (!project || requestedBy === '') return;
    const r = await client.call('judgement.addOverride', {
      roundId: round.id,
      projectId: project.id,
      kind,
      ...(kind === 'move' ? { position: Number(position) } : {}),
      reason,
      requestedBy,
    });
    if (!r.ok) return notify.error(r.error);
    notify.success(t.judgement.added);
    setReason('');
    onDone();
  };
  return (
    <Box
      data-testid="override-form"
      sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 1 }}
    >
      <Autocomplete
        size="small"
        options={projects.data ?? []}
        value={project}
        onChange={(_, v) => setProject(v)}
        getOptionLabel={(p) => `${p.code} ${p.title}`}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t.judgement.project}
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'override-project' } }}
          />
        )}
      />
      <TextField
        select
        size="small"
        label={t.judgement.kind}
        value={kind}
        onChange={(e) => setKind(e.target.value as OverrideKind)}
        data-testid="override-kind"
      >
        {OVERRIDE_KINDS.map((k) => (
          <MenuItem key={k} value={k} data-testid={`override-kind-${k}`}>
            {t.judgement.kinds[k]}
          </MenuItem>
        ))}
      </TextField>
      {kind === 'move' ? (
        <TextField
          size="small"
          type="number"
          label={t.judgement.position}
          value={position}
          onChange={(e) => setPosition(e.target.value)}
          slotProps={{ htmlInput: { min: 1, 'data-testid': 'override-position' } }}
        />
      ) : null}
      <TextField
        select
        size="small"
        label={t.judgement.requestedBy}
        value={requestedBy}
        onChange={(e) => setRequestedBy(Number(e.target.value))}
        data-testid="override-requested-by"
      >
        {round.members.map((m) => (
          <MenuItem key={m.id} value={m.id} data-testid={`override-member-${m.id}`}>
            {m.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        label={t.judgement.reason}
        helperText={t.judgement.reasonHelp}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        sx={{ gridColumn: '1 / -2' }}
        slotProps={{ htmlInput: { maxLength: JUDGEMENT_TEXT_LIMITS.overrideReason, 'data-testid': 'override-reason' } }}
      />
      <Button
        variant="contained"
        disabled={!project || requestedBy === ''}
        onClick={() => void submit()}
        data-testid="override-add"
      >
        {t.judgement.add}
      </Button>
    </Box>
  );
}

function OverrideItem({
  o,
  lang,
  canWithdraw,
  onDone,
}: Readonly<{ o: OverrideView; lang: 'th' | 'en'; canWithdraw: boolean; onDone(): void }>) {
  const { client } = useApi();
  const { t } = useI18n();
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const what = `${t.judgement.kinds[o.kind]}${o.kind === 'move' ? ` → ${o.position}` : ''}`;
  const withdraw = async () => {
    const r = await client.call('judgement.withdrawOverride', { overrideId: o.id, reason });
    if (!r.ok) return notify.error(r.error);
    onDone();
  };
  return (
    <ListItem
      data-testid={`override-${o.code}`}
      data-withdrawn={o.withdrawnAt !== null}
      sx={{ gap: 1, opacity: o.withdrawnAt ? 0.5 : 1 }}
    >
      <ListItemText
        primary={`${o.code} ${o.title} · ${what}${o.withdrawnAt ? ` (${t.judgement.withdrawn})` : ''}`}
        secondary={`“${o.reason}” — ${o.requestedByName}, ${formatThaiDateTime(new Date(o.at), lang)}`}
      />
      {canWithdraw && o.withdrawnAt === null ? (
        <>
          <TextField
            size="small"
            label={t.judgement.withdrawReason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: JUDGEMENT_TEXT_LIMITS.overrideReason } }}
          />
          <Button size="small" onClick={() => void withdraw()}>
            {t.judgement.withdraw}
          </Button>
        </>
      ) : null}
    </ListItem>
  );
}
