import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Approval } from '../../../shared/api/approval';
import type { Lang, Member, Scenario } from '../../../shared/api/types';
import { bangkokDate, parseThaiDate } from '../../../shared/domain/thai-date';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

/**
 * A member as the approver list names them: the name, then the position in the screen's language (the Thai one when
 * no English one was entered).
 */
function memberLabel(m: Member, lang: Lang): string {
  const position = lang === 'th' || m.titleEn === '' ? m.titleTh : m.titleEn;
  return position ? `${m.name} · ${position}` : m.name;
}

type Props = Readonly<{ scenario: Scenario; onClose(): void; onApproved(approval: Approval): void }>;

/** The approval form: resolution number, meeting date (BE), the approving chair or secretariat, the members present. */
export function ApproveDialog({ scenario, onClose, onApproved }: Props) {
  const { lang, t } = useI18n();
  const a = t.approval;
  const { client } = useApi();
  const notify = useNotify();
  const { round } = useSession();
  const members = useMemo(() => round?.members ?? [], [round]);
  const approvers = members.filter((m) => m.role === 'chair' || m.role === 'secretariat');
  const [resolutionNo, setResolutionNo] = useState('');
  // The meeting's date is part of the record: typed from the minutes, never today's by default.
  const [date, setDate] = useState('');
  const [approverId, setApproverId] = useState<number | ''>(
    approvers.find((m) => m.role === 'chair')?.id ?? approvers[0]?.id ?? '',
  );
  const [present, setPresent] = useState<ReadonlySet<number>>(() => new Set(members.map((m) => m.id)));
  const [busy, setBusy] = useState(false);
  const empty = date.trim() === '';
  const iso = parseThaiDate(date);
  // A plan is approved at a meeting that has taken place (the host refuses a later date too).
  const future = iso !== null && iso > bangkokDate(new Date());
  const dateOk = iso !== null && !future;
  const valid = resolutionNo.trim().length > 0 && dateOk && approverId !== '' && present.size > 0;

  const toggle = (id: number): void =>
    setPresent((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = async (): Promise<void> => {
    if (!valid) return;
    setBusy(true);
    const memberIds = members.filter((m) => present.has(m.id) || m.id === approverId).map((m) => m.id);
    const result = await client.call('approvals.approve', {
      scenarioId: scenario.id,
      resolutionNo: resolutionNo.trim(),
      resolutionDate: date,
      approverId,
      memberIds,
    });
    setBusy(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    notify.success(a.approvedNotice(formatCount(result.value.chainLength), result.value.chainHead.slice(0, 16)));
    onApproved(result.value.approval);
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="approve-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogTitle>{a.approveTitle}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <DialogContentText>{a.approveIntro(scenario.name)}</DialogContentText>
          <TextField
            autoFocus
            label={a.resolutionNo}
            helperText={a.resolutionNoHint}
            value={resolutionNo}
            onChange={(e) => setResolutionNo(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'approve-resolution-no', maxLength: 200 } }}
          />
          <TextField
            label={a.resolutionDate}
            helperText={empty ? a.resolutionDateHint : iso === null ? a.badDate : future ? a.futureDate : a.resolutionDateHint}
            error={!empty && !dateOk}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            slotProps={{
              htmlInput: { 'data-testid': 'approve-date', maxLength: 40 },
              formHelperText: { 'data-testid': 'approve-date-help' } as object,
            }}
          />
          {approvers.length === 0 ? (
            <Alert severity="warning" data-testid="approve-no-approver">
              {a.noApprover}
            </Alert>
          ) : (
            <TextField
              select
              label={a.approver}
              value={approverId}
              onChange={(e) => setApproverId(Number(e.target.value))}
              data-testid="approve-approver"
            >
              {approvers.map((m) => (
                <MenuItem key={m.id} value={m.id} data-testid={`approve-approver-${m.id}`}>
                  {memberLabel(m, lang)}
                </MenuItem>
              ))}
            </TextField>
          )}
          <Box>
            <Typography variant="subtitle2">{a.members}</Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="approve-members-count">
              {a.membersCount(present.size, members.length)}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 1 }}>
              {members.map((m) => (
                <FormControlLabel
                  key={m.id}
                  data-testid={`approve-member-${m.id}`}
                  control={<Checkbox size="small" checked={present.has(m.id)} onChange={() => toggle(m.id)} />}
                  label={<Typography variant="body2">{m.name}</Typography>}
                />
              ))}
            </Box>
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{a.cancel}</Button>
          <Button type="submit" variant="contained" disabled={!valid || busy} data-testid="approve-confirm">
            {busy ? a.approving : a.confirm}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
