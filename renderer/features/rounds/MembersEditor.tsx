import { useCallback, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef } from 'ag-grid-community';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { MEMBER_ROLES, ROUND_TEXT_LIMITS, type MemberRole } from '../../../shared/api/rounds';
import type { Member, RoundDetail } from '../../../shared/api/types';
import { normalizeName } from '../../../shared/domain/names';
import { useSession } from '../../app/session-context';
import { useNotify } from '../../app/notify-context';
import { gridTheme, textEditor, useGridLocale } from '../../components/grid';
import { useI18n } from '../../i18n/i18n-context';
import { useCall } from './use-call';

/** The committee: add a member, edit any cell (saved at once), deactivate (kept with past scores). */
export function MembersEditor({ round }: { round: RoundDetail }) {
  const { t, lang } = useI18n();
  const r = t.rounds;
  const { can } = useSession();
  const allowed = can('members.update');
  const { call } = useCall();
  const localeText = useGridLocale();
  const editable = allowed && round.status !== 'closed' && !round.archived;
  const rows = useMemo(() => [...round.members, ...round.inactiveMembers], [round]);

  const onEdit = useCallback(
    (e: CellEditRequestEvent<Member>) => {
      const field = e.colDef.field;
      if (!e.data) return;
      const memberId = e.data.id;
      const value: unknown = e.newValue;
      switch (field) {
        case 'active':
          void call('members.update', { memberId, active: value === true || value === 'true' });
          return;
        case 'role': {
          const role = MEMBER_ROLES.find((x) => x === value);
          if (role) void call('members.update', { memberId, role });
          return;
        }
        case 'name':
        case 'titleTh':
        case 'titleEn':
        case 'agency':
          void call('members.update', { memberId, [field]: String(value ?? '') });
          return;
      }
    },
    [call],
  );

  const columns = useMemo<ColDef<Member>[]>(
    () => [
      {
        field: 'name',
        headerName: r.memberCol.name,
        flex: 2,
        minWidth: 200,
        editable,
        ...textEditor(ROUND_TEXT_LIMITS.memberName),
      },
      {
        field: 'titleTh',
        headerName: r.memberCol.titleTh,
        flex: 2,
        minWidth: 180,
        editable,
        ...textEditor(ROUND_TEXT_LIMITS.memberTitle),
      },
      {
        field: 'titleEn',
        headerName: r.memberCol.titleEn,
        flex: 1,
        minWidth: 140,
        editable,
        ...textEditor(ROUND_TEXT_LIMITS.memberTitle),
      },
      {
        field: 'agency',
        headerName: r.memberCol.agency,
        flex: 2,
        minWidth: 180,
        editable,
        ...textEditor(ROUND_TEXT_LIMITS.memberAgency),
      },
      {
        field: 'role',
        headerName: r.memberCol.role,
        width: 150,
        editable,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...MEMBER_ROLES] },
        refData: { ...r.role },
      },
      {
        field: 'active',
        headerName: r.memberCol.active,
        width: 120,
        editable,
        cellDataType: 'boolean',
      },
    ],
    [editable, r],
  );

  return (
    <Stack spacing={1.5}>
      {editable ? <AddMember roundId={round.id} /> : null}
      <Box data-testid="members-grid" sx={{ height: Math.min(520, 90 + rows.length * 40), minHeight: 180 }}>
        <AgGridReact<Member>
          key={lang}
          theme={gridTheme}
          localeText={localeText}
          rowData={rows}
          getRowId={(p) => `m${p.data.id}`}
          columnDefs={columns}
          readOnlyEdit
          onCellEditRequest={onEdit}
          stopEditingWhenCellsLoseFocus
          rowClassRules={{ 'member-inactive': (p) => p.data?.active === false }}
        />
      </Box>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {r.membersHelp}
      </Typography>
    </Stack>
  );
}

function AddMember({ roundId }: { roundId: number }) {
  const { t } = useI18n();
  const r = t.rounds;
  const notify = useNotify();
  const { busy, call } = useCall();
  const [name, setName] = useState('');
  const [titleTh, setTitleTh] = useState('');
  const [agency, setAgency] = useState('');
  const [role, setRole] = useState<MemberRole>('member');

  const add = async (): Promise<void> => {
    const created = await call('members.create', {
      roundId,
      name: name.trim(),
      titleTh: titleTh.trim(),
      titleEn: '',
      agency: agency.trim(),
      role,
    });
    if (!created) return;
    notify.success(r.memberAdded(created.name));
    setName('');
    setTitleTh('');
    setAgency('');
    setRole('member');
  };

  return (
    <Paper
      variant="outlined"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
      sx={{ p: 1.5, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}
      data-testid="member-add-form"
    >
      <TextField
        size="small"
        label={r.memberCol.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'member-name', maxLength: ROUND_TEXT_LIMITS.memberName } }}
        sx={{ minWidth: 240 }}
      />
      <TextField
        size="small"
        label={r.memberCol.titleTh}
        value={titleTh}
        onChange={(e) => setTitleTh(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'member-title', maxLength: ROUND_TEXT_LIMITS.memberTitle } }}
        sx={{ minWidth: 220 }}
      />
      <TextField
        size="small"
        label={r.memberCol.agency}
        value={agency}
        onChange={(e) => setAgency(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'member-agency', maxLength: ROUND_TEXT_LIMITS.memberAgency } }}
        sx={{ minWidth: 220 }}
      />
      <TextField
        select
        size="small"
        label={r.memberCol.role}
        value={role}
        onChange={(e) => setRole(MEMBER_ROLES.find((x) => x === e.target.value) ?? 'member')}
        data-testid="member-role"
        sx={{ minWidth: 150 }}
      >
        {MEMBER_ROLES.map((x) => (
          <MenuItem key={x} value={x} data-testid={`member-role-${x}`}>
            {r.role[x]}
          </MenuItem>
        ))}
      </TextField>
      <Button type="submit" variant="contained" disabled={busy || normalizeName(name) === ''} data-testid="member-add">
        {r.addMember}
      </Button>
    </Paper>
  );
}
