import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { JudgementView } from '../../../shared/api/judgement';
import type { RoundDetail } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { en } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n-context';
import { th } from '../../i18n/th';

type Props = Readonly<{ round: RoundDetail; view: JudgementView | undefined }>;

/**
 * Members' weights in the aggregation (optional; all 1 by default): the owner types one number per active member,
 * checked before anything is sent; saved in one call, which the core audits (judgement.setAggregation).
 */
export function MemberWeightsButton({ round, view }: Props) {
  const { client } = useApi();
  const { t } = useI18n();
  const j = t.judgement;
  const notify = useNotify();
  const { can, reloadRound } = useSession();
  const allowed = can('judgement.setAggregation');
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Record<number, string>>({});
  const current = new Map(view?.memberWeights.map((m) => [m.memberId, m.weight]) ?? []);
  const start = () => {
    setDraft(Object.fromEntries(round.members.map((m) => [m.id, String(current.get(m.id) ?? 1)])));
    setOpen(true);
  };
  const save = async () => {
    const weights: { memberId: number; weight: number }[] = [];
    for (const m of round.members) {
      const text = (draft[m.id] ?? '').trim();
      const weight = Number(text);
      if (text === '' || !/^\d+(\.\d+)?$/u.test(text) || !(weight >= 0 && weight <= 100)) {
        notify.error({
          code: 'BAD_ARGS',
          message: en.judgement.memberWeightsBad(m.name),
          messageTh: th.judgement.memberWeightsBad(m.name),
        });
        return;
      }
      weights.push({ memberId: m.id, weight });
    }
    const r = await client.call('judgement.setAggregation', { roundId: round.id, memberWeights: weights });
    if (!r.ok) notify.error(r.error);
    else {
      setOpen(false);
      notify.success(j.memberWeightsSaved);
      reloadRound();
    }
  };
  const weighted = [...current.values()].filter((w) => w !== 1).length;
  return (
    <>
      <Tooltip title={allowed ? '' : j.memberWeightsOwner}>
        <span>
          <Button variant="outlined" size="small" disabled={!allowed} onClick={start} data-testid="member-weights">
            {j.memberWeights}
            {weighted > 0 ? ` (${weighted})` : ''}
          </Button>
        </span>
      </Tooltip>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{j.memberWeightsTitle}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {j.memberWeightsHelp}
          </Typography>
          {round.members.map((m) => (
            <TextField
              key={m.id}
              size="small"
              label={m.name}
              value={draft[m.id] ?? ''}
              onChange={(e) => setDraft((d) => ({ ...d, [m.id]: e.target.value }))}
              slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `member-weight-${m.id}` } }}
            />
          ))}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{j.cancel}</Button>
          <Button variant="contained" onClick={() => void save()} data-testid="member-weights-save">
            {j.memberWeightsSave}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
