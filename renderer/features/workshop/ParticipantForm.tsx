import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { canCall } from '../../../shared/api/contract';
import type { Role } from '../../../shared/api/types';
import { PARTICIPANT_ROLES, WORKSHOP_TEXT_LIMITS, type ParticipantRole, type WorkshopStatus } from '../../../shared/api/workshop';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useQuery } from '../../app/use-query';
import { useI18n } from '../../i18n/i18n-context';

type Option = Readonly<{ id: number; label: string }>;

/**
 * Adds a participant: a committee member of the session's round (with the projects and criteria they score; none
 * chosen = all) or a facilitator or observer by name, with the secret the secretariat sets (or none, and a one-time
 * code from the table).
 */
export function ParticipantForm({ session, role }: { session: WorkshopStatus; role: Role }) {
  const { t, lang } = useI18n();
  const w = t.workshop;
  const { client } = useApi();
  const notify = useNotify();
  const allowed = canCall(role, 'workshop.setParticipant');
  const round = useQuery('rounds.get', allowed ? { roundId: session.roundId } : null);
  const projects = useQuery('projects.list', allowed ? { roundId: session.roundId } : null);
  const [kind, setKind] = useState<ParticipantRole>('member');
  const [memberId, setMemberId] = useState<number | ''>('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [projectIds, setProjectIds] = useState<Option[]>([]);
  const [criterionIds, setCriterionIds] = useState<Option[]>([]);
  const taken = new Set(session.participants.map((p) => p.memberId));
  const members = (round.data?.members ?? []).filter((m) => !taken.has(m.id));
  const criteria: Option[] = (round.data?.criteria ?? [])
    .filter((c) => c.kind === 'member')
    .map((c) => ({ id: c.id, label: lang === 'th' ? c.nameTh : c.nameEn }));
  const projectOptions: Option[] = (projects.data ?? []).map((p) => ({ id: p.id, label: `${p.code} ${p.title}` }));

  const add = async (): Promise<void> => {
    const result = await client.call('workshop.setParticipant', {
      role: kind,
      ...(kind === 'member' && memberId !== '' ? { memberId } : {}),
      ...(kind !== 'member' || name.trim() ? { name: name.trim() || undefined } : {}),
      ...(secret ? { secret } : {}),
      ...(kind === 'member' && projectIds.length ? { projectIds: projectIds.map((o) => o.id) } : {}),
      ...(kind === 'member' && criterionIds.length ? { criterionIds: criterionIds.map((o) => o.id) } : {}),
    });
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    setMemberId('');
    setName('');
    setSecret('');
    setProjectIds([]);
    setCriterionIds([]);
  };

  return (
    <Card variant="outlined">
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <TextField
            select
            label={w.role}
            data-testid="participant-role-select"
            value={kind}
            onChange={(e) => setKind(e.target.value as ParticipantRole)}
            disabled={!allowed}
            slotProps={{ htmlInput: { 'data-testid': 'participant-role' } }}
            sx={{ minWidth: 180 }}
          >
            {PARTICIPANT_ROLES.map((r) => (
              <MenuItem key={r} value={r}>
                {w.roles[r]}
              </MenuItem>
            ))}
          </TextField>
          {kind === 'member' ? (
            <TextField
              select
              label={w.member}
              data-testid="participant-member-select"
              value={memberId}
              onChange={(e) => setMemberId(Number(e.target.value))}
              disabled={!allowed}
              slotProps={{ htmlInput: { 'data-testid': 'participant-member' } }}
              sx={{ minWidth: 280 }}
            >
              {members.map((m) => (
                <MenuItem key={m.id} value={m.id} data-testid={`participant-member-${m.id}`}>
                  {m.name}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <TextField
              label={w.name}
              value={name}
              onChange={(e) => setName(e.target.value)}
              disabled={!allowed}
              slotProps={{ htmlInput: { 'data-testid': 'participant-name', maxLength: WORKSHOP_TEXT_LIMITS.name } }}
            />
          )}
          <TextField
            label={w.secret}
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            disabled={!allowed}
            slotProps={{
              htmlInput: {
                'data-testid': 'participant-secret',
                maxLength: WORKSHOP_TEXT_LIMITS.secret,
                autoComplete: 'new-password',
              },
            }}
          />
          {kind === 'member' ? (
            <>
              <Autocomplete
                multiple
                options={projectOptions}
                value={projectIds}
                onChange={(_e, v) => setProjectIds(v)}
                isOptionEqualToValue={(a, b) => a.id === b.id}
                disabled={!allowed}
                renderInput={(params) => <TextField {...params} label={w.projects} />}
                sx={{ minWidth: 360, flex: 1 }}
                data-testid="participant-projects"
              />
              <Autocomplete
                multiple
                options={criteria}
                value={criterionIds}
                onChange={(_e, v) => setCriterionIds(v)}
                isOptionEqualToValue={(a, b) => a.id === b.id}
                disabled={!allowed}
                renderInput={(params) => <TextField {...params} label={w.criteria} />}
                sx={{ minWidth: 280 }}
                data-testid="participant-criteria"
              />
            </>
          ) : null}
          <Button
            variant="contained"
            data-testid="participant-add"
            disabled={!allowed || (kind === 'member' ? memberId === '' : !name.trim())}
            title={allowed ? undefined : w.notAllowed(w.roles[role] ?? role)}
            onClick={() => void add()}
          >
            {w.add}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
